"""The public pages' UI strings (Ukrainian, English), added to odcore.i18n.CATALOGUE on import.

They follow the catalogue's rules (same placeholders in both languages; plural forms split by
"|"). Importing this module adds them, refusing to replace a key the catalogue already has, so
the public pages use ``t``/``t_plain`` like every other page.
"""

from __future__ import annotations

from odcore.i18n import CATALOGUE

PUBLIC_CATALOGUE: dict[str, tuple[str, str]] = {
    # Shared by the public pages
    "pub.as_of": ("Дані станом на {date}.", "Data as of {date}."),
    "pub.search": ("Пошук", "Search"),
    "pub.nothing_found": ("Нічого не знайдено. Змініть пошук або фільтри.",
                          "Nothing found. Change the search or the filters."),
    "pub.found": ("Знайдено {count}", "Found {count}"),
    "pub.page": ("Сторінка {page} з {pages}", "Page {page} of {pages}"),
    "pub.previous": ("Попередня", "Previous"),
    "pub.next": ("Наступна", "Next"),
    "pub.col.count": ("Кількість", "Count"),
    "pub.counts_alt": ("Стовпчикова діаграма кількості; ті самі числа — у таблиці поруч.",
                       "A bar chart of counts; the same numbers are in the table beside it."),
    # Products
    "pub.products.title": ("Продукти на відкритих даних", "Products built on open data"),
    "pub.products.intro": (
        "Сервіси, чат-боти, візуалізації, дослідження й застосунки, створені на відкритих "
        "даних громади.",
        "Services, chat-bots, visualisations, studies and apps built on the community's open "
        "data."),
    "pub.products.empty": (
        "Поки що тут немає жодного продукту. Знаєте сервіс, чат-бот, візуалізацію чи "
        "дослідження на відкритих даних громади? Напишіть нам: {contact}",
        "There are no products here yet. Do you know a service, chat-bot, visualisation or "
        "study built on the community's open data? Write to us: {contact}"),
    "pub.products.propose": ("Запропонувати продукт: {contact}", "Propose a product: {contact}"),
    "pub.products.by_kind": ("Продукти за типами", "Products by type"),
    "pub.products.search_placeholder": ("назва, опис, автор", "name, description, author"),
    "pub.products.kind": ("Тип", "Type"),
    "pub.products.dataset": ("Набір даних", "Dataset"),
    "pub.products.count": ("{count} продукт|{count} продукти|{count} продуктів",
                           "{count} product|{count} products"),
    "pub.products.author": ("Автор: {author}", "Author: {author}"),
    "pub.products.added": ("Додано {date}", "Added {date}"),
    "pub.products.datasets": ("Набори даних:", "Datasets:"),
    "pub.products.open": ("Відкрити продукт", "Open the product"),
    # Catalogue
    "pub.catalogue.title": ("Каталог відкритих даних", "Open data catalogue"),
    "pub.catalogue.intro": (
        "Набори даних, які громада оприлюднила. Виберіть набір, щоб побачити його опис і "
        "продукти, створені на ньому.",
        "The datasets the community has published. Choose one to see its description and "
        "the products built on it."),
    "pub.catalogue.open": ("Відкрити опис набору", "Open a dataset's page"),
    "pub.catalogue.open_placeholder": ("Виберіть набір даних…", "Choose a dataset…"),
    "pub.catalogue.empty": ("Поки що не оприлюднено жодного набору даних.",
                            "No dataset has been published yet."),
    "pub.catalogue.count": ("{count} набір даних|{count} набори даних|{count} наборів даних",
                            "{count} dataset|{count} datasets"),
    "pub.catalogue.search_placeholder": ("назва, опис, ключові слова",
                                         "title, description, keywords"),
    "pub.catalogue.department": ("Розпорядник", "Publisher"),
    "pub.catalogue.format": ("Формат", "Format"),
    "pub.catalogue.on_time": ("Оновлення", "Updates"),
    "pub.catalogue.by_stars": ("Набори за зірками відкритості", "Datasets by openness stars"),
    "pub.catalogue.not_found": (
        "Набору даних «{id}» немає серед оприлюднених. Ось увесь каталог.",
        "There is no published dataset «{id}». Here is the whole catalogue."),
    "pub.catalogue.back": ("До каталогу", "Back to the catalogue"),
    "pub.catalogue.portal": ("Відкрити на порталі", "Open on the portal"),
    "pub.catalogue.products": ("Продукти на цьому наборі", "Products built on this dataset"),
    "pub.catalogue.no_products": (
        "На цьому наборі ще немає відомих нам продуктів. Створили щось? Напишіть: {contact}",
        "No product built on this dataset is known yet. Built one? Write to: {contact}"),
    "pub.catalogue.all_products": ("Усі ці продукти в галереї", "These products in the gallery"),
    "pub.col.id": ("Ідентифікатор", "ID"),
    "pub.col.title": ("Назва", "Title"),
    "pub.col.department": ("Розпорядник", "Publisher"),
    "pub.col.formats": ("Формати", "Formats"),
    "pub.col.stars": ("Зірки відкритості", "Openness stars"),
    "pub.col.frequency": ("Частота оновлення", "Update frequency"),
    "pub.col.last_updated": ("Останнє оновлення", "Last updated"),
    "pub.col.next_due": ("Наступне оновлення до", "Next update due"),
    "pub.col.first_published": ("Перше оприлюднення", "First published"),
    "pub.col.on_time": ("Оновлення", "Updates"),
    "pub.col.portal": ("На порталі", "On the portal"),
    "pub.col.license": ("Ліцензія", "Licence"),
    "pub.col.keywords": ("Ключові слова", "Keywords"),
    "pub.stars": ("{stars} з 5", "{stars} of 5"),
    "pub.on_time.on_time": ("Оновлюється вчасно", "Updated on time"),
    "pub.on_time.overdue": ("Не оновлено вчасно", "Not updated on time"),
    "pub.on_time.not_evaluable": ("Частоту оновлення не визначено", "No update frequency set"),
    # Programme
    "pub.programme.title": ("Як виконується програма відкритих даних",
                            "How the open data programme is going"),
    "pub.programme.intro": (
        "План заходів з відкритих даних на {first}–{last} роки: стан кожного завдання, "
        "виконання за розділами і показники, виміряні з даних.",
        "The open data action plan for {first}–{last}: the state of every task, progress by "
        "section and the indicators measured from the data."),
    "pub.programme.empty": ("План заходів ще не заповнено.", "The action plan is not filled in yet."),
    "pub.programme.plan": ("Виконання плану", "Plan progress"),
    "pub.programme.indicators": ("Показники", "Indicators"),
    "pub.programme.sections": ("Виконання за розділами", "Progress by section"),
    "pub.programme.tasks": ("Завдання плану", "The plan's tasks"),
    "pub.programme.left_out": (
        "«Немає даних» у стовпці «Виконання»: за завданням ще нічого не мало бути зроблено "
        "або воно не застосовується; у середні відсотки воно не входить.",
        "«No data» in the Progress column: nothing was due yet for the task, or it does not "
        "apply; it is left out of the averages."),
}

# A key already there with the same text is this module imported again (a reload), not a clash.
_CLASHES = sorted(k for k, v in PUBLIC_CATALOGUE.items() if CATALOGUE.get(k, v) != v)
if _CLASHES:
    raise KeyError(f"public strings would replace catalogue keys: {_CLASHES}")
CATALOGUE.update(PUBLIC_CATALOGUE)
