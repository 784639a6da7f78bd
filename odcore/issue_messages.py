"""The messages of the Issue codes, in Ukrainian and English: part of the UI catalogue.

Keys are ``issue.<code>`` and ``issue.<code>.<wording>`` (odcore/issue_codes.py declares each
wording's parameters), and ``place.*`` for the places a message quotes. Values are data: they
are quoted as typed, in «» where a person typed them, in every language. A message says what
is wrong and what to write instead; the spreadsheets' tab and column names stay Ukrainian in
the English texts, since they are what a reader looks for in the spreadsheet.
"""

from __future__ import annotations

_DATE_FORMAT_UK = "Перевірте рік і напишіть дату у форматі 31.03.2024."
_DATE_FORMAT_EN = "Check the year and write the date as 31.03.2024."
_ROWS_LIMIT_UK = ("(межі читання: max_rows_per_tab = {max_rows}, max_used_range_cells = "
                  "{max_cells}). Решту рядків не перевірено й не враховано в показниках. "
                  "Розділіть вкладку на кілька таблиць (наприклад, за роками) або видаліть "
                  "зайві рядки; за потреби збільште межу в налаштуваннях.")
_ROWS_LIMIT_EN = ("(read limits: max_rows_per_tab = {max_rows}, max_used_range_cells = "
                  "{max_cells}). The other rows are not checked and not counted in the "
                  "figures. Split the tab into several spreadsheets (by year, for example) or "
                  "delete the rows you do not need; raise the limit in the settings if you "
                  "must.")
_IN_TASK = ("Завдання {task}: {found}", "Task {task}: {found}")

ISSUE_MESSAGES: dict[str, tuple[str, str]] = {
    # One cell
    "issue.cell.spreadsheet_error": (
        "Клітинка містить помилку таблиці {error}. Виправте формулу або впишіть значення "
        "вручну.",
        "The cell holds the spreadsheet error {error}. Fix the formula or type the value in."),
    "issue.cell.unreadable": (
        "Не вдалося прочитати клітинку ({error_type}). Перепишіть значення звичайним текстом.",
        "The cell could not be read ({error_type}). Type the value again as plain text."),
    "issue.cell.unreadable.row": (
        "Рядок не вдалося прочитати ({count} помилок). Перевірте значення.",
        "The row could not be read ({count} errors). Check its values."),
    "issue.cell.unreadable.reader": (
        "Рядок не вдалося прочитати: у ньому є значення, якого програма читання файлу не може "
        "обробити (наприклад, число у форматі дати далеко поза календарем). Перевірте значення "
        "або введіть рядок заново; поки що рядок не враховано.",
        "The row could not be read: it holds a value the file reader cannot handle (a number "
        "in a date format far outside the calendar, for example). Check the values or type "
        "the row in again; until then the row is not counted."),
    "issue.cell.too_long": (
        "Текст у клітинці довший за {limit} символів (межа max_cell_chars); прочитано лише "
        "перші {limit}. Скоротіть текст; довгий опис краще дати посиланням.",
        "The text in the cell is longer than {limit} characters (the max_cell_chars limit); "
        "only the first {limit} were read. Shorten the text; a long description is better "
        "given as a link."),
    "issue.value.required": (
        "Обовʼязкова клітинка «{column}» порожня. Заповніть її.",
        "The required cell «{column}» is empty. Fill it in."),
    "issue.date.invalid": (
        "Не вдалося прочитати дату «{value}». Напишіть справжню дату у форматі 31.03.2024 "
        "(або 2024-03-31).",
        "«{value}» could not be read as a date. Write a real date as 31.03.2024 (or "
        "2024-03-31)."),
    "issue.date.invalid.two_digit_year": (
        "У даті «{value}» рік записано двома цифрами. Напишіть рік чотирма цифрами, наприклад "
        "01.03.2024.",
        "The date «{value}» has a two-digit year. Write the year with four digits, such as "
        "01.03.2024."),
    "issue.date.outside_years": (
        "Дата «{value}» ({day}) поза допустимими роками {years}. " + _DATE_FORMAT_UK,
        "The date «{value}» ({day}) is outside the accepted years {years}. " + _DATE_FORMAT_EN),
    "issue.date.outside_years.year": (
        "Дата «{value}» (рік {year}) поза допустимими роками {years}. " + _DATE_FORMAT_UK,
        "The date «{value}» (year {year}) is outside the accepted years {years}. "
        + _DATE_FORMAT_EN),
    "issue.date.outside_years.serial": (
        "Число {number} у стовпці дат означає {day}, а це поза допустимими роками {years}. "
        + _DATE_FORMAT_UK,
        "The number {number} in a date column stands for {day}, which is outside the "
        "accepted years {years}. " + _DATE_FORMAT_EN),
    "issue.yesno.invalid": (
        "«{value}» не є відповіддю так/ні. Напишіть «так» або «ні» (або залиште порожнім, "
        "якщо невідомо).",
        "«{value}» is not a yes/no answer. Write «так» (yes) or «ні» (no), or leave the cell "
        "empty if it is not known."),
    "issue.quarter.invalid": (
        "Не вдалося прочитати квартал «{value}». Напишіть, наприклад, «2024-Q1» або «І кв. "
        "2024».",
        "«{value}» could not be read as a quarter. Write, for example, 2024-Q1 or «І кв. "
        "2024»."),
    "issue.quarter.outside_plan": (
        "Квартал {quarter} поза роками плану ({years}). Перевірте рік.",
        "The quarter {quarter} is outside the plan's years ({years}). Check the year."),
    "issue.progress.ambiguous_one": (
        "Число 1 прочитано як 1 %. Якщо клітинка у відсотковому форматі показує 100 %, "
        "напишіть 100 (або «100%» текстом).",
        "The number 1 was read as 1 %. If the cell shows 100 % in a percent format, write "
        "100 (or 100% as text)."),
    "issue.number.invalid": (
        "«{value}» не є відсотком. Напишіть число від 0 до 100, наприклад 50 або 50%.",
        "«{value}» is not a percentage. Write a number from 0 to 100, such as 50 or 50%."),
    "issue.progress.out_of_range": (
        "Прогрес «{value}» поза межами 0–100 %. Напишіть число від 0 до 100.",
        "The progress «{value}» is outside 0–100 %. Write a number from 0 to 100."),
    "issue.progress.fraction": (
        "Значення {number} прочитано як {percent} % (так зберігає відсотковий формат). Якщо "
        "мали на увазі менше 1 %, напишіть «0,5%».",
        "The value {number} was read as {percent} % (that is how a percent format stores "
        "it). If you meant less than 1 %, write 0,5%."),
    "issue.text.number_as_text": (
        "Таблиця зберегла значення як число чи дату; прочитано як текст «{text}». Перевірте, "
        "чи це саме те, що ви написали (наприклад, «4.10» стає «4.1», «007» стає «7»), і "
        "задайте стовпцю текстовий формат.",
        "The spreadsheet kept the value as a number or a date; it was read as the text "
        "«{text}». Check that this is what you typed (4.10 becomes 4.1, 007 becomes 7, for "
        "example) and give the column a text format."),
    "issue.url.invalid": (
        "«{value}» не є посиланням, що починається з http:// або https://; воно не буде "
        "показане як посилання. Вставте повну адресу, наприклад http://example.ua/…",
        "«{value}» is not a link starting with http:// or https://; it will not be shown as "
        "a link. Paste the full address, such as http://example.ua/…"),
    "issue.url.invalid.https": (
        "«{value}» не є посиланням, що починається з https://; воно не буде показане як "
        "посилання. Вставте повну адресу, наприклад https://example.ua/…",
        "«{value}» is not a link starting with https://; it will not be shown as a link. "
        "Paste the full address, such as https://example.ua/…"),
    "issue.email.invalid": (
        "«{value}» не схоже на адресу електронної пошти. Напишіть одну адресу, наприклад "
        "name@zhmerynka-rada.gov.ua.",
        "«{value}» does not look like an e-mail address. Write one address, such as "
        "name@zhmerynka-rada.gov.ua."),
    "issue.vocab.unknown": (
        "«{value}» немає серед допустимих значень. Виберіть одне з: {choices}.",
        "«{value}» is not one of the allowed values. Choose one of: {choices}."),
    "issue.vocab.unknown_optional": (
        "«{value}» немає серед допустимих значень. Виберіть одне з: {choices}. Поки що "
        "вважаємо клітинку незаповненою.",
        "«{value}» is not one of the allowed values. Choose one of: {choices}. Until then "
        "the cell counts as empty."),
    "issue.text.contact_in_public": (
        "Текст показується на публічних сторінках і схоже містить e-mail або номер телефону. "
        "Приберіть особисті контакти з цієї клітинки.",
        "The text is shown on public pages and seems to hold an e-mail address or a phone "
        "number. Remove personal contacts from this cell."),
    # One tab
    "issue.column.missing": (
        "Бракує обовʼязкових стовпців: {columns}. Додайте їх у рядок заголовків (рядок "
        "{row}); поки що вкладку не прочитано.",
        "Required columns are missing: {columns}. Add them to the header row (row {row}); "
        "until then the tab is not read."),
    "issue.column.missing.title_row": (
        "Бракує обовʼязкових стовпців: {columns}. Додайте їх у рядок заголовків (рядок "
        "{row}); поки що вкладку не прочитано. Схоже, рядок {title_row} — це назва таблиці, "
        "а заголовки стоять у рядку {header_row}. Видаліть рядок {title_row}, щоб заголовки "
        "стояли першими.",
        "Required columns are missing: {columns}. Add them to the header row (row {row}); "
        "until then the tab is not read. Row {title_row} seems to be a title, with the "
        "headers in row {header_row}. Delete row {title_row} so that the headers come "
        "first."),
    "issue.column.duplicate": (
        "Заголовок «{header}» повторюється (уже є у стовпці {first}). Залиште один стовпець; "
        "дані беруться зі стовпця {first}.",
        "The header «{header}» appears twice (it is already in column {first}). Keep one "
        "column; the data are taken from column {first}."),
    "issue.column.unknown": (
        "Стовпці, яких немає в описі вкладки, не читаються: {columns}.",
        "Columns the tab's description does not name are not read: {columns}."),
    "issue.tab.empty": ("Вкладка порожня: немає рядка заголовків.",
                        "The tab is empty: it has no header row."),
    "issue.tab.guessed": (
        "Аркуш «{sheet}» прочитано як вкладку «{tab}» за його заголовками. Перейменуйте аркуш "
        "на «{tab}», щоб не покладатися на здогад.",
        "The sheet «{sheet}» was read as the tab «{tab}» by its headers. Rename the sheet "
        "to «{tab}» so as not to rely on a guess."),
    "issue.tab.unknown": (
        "Аркуш «{sheet}» не відповідає жодній вкладці опису і не читається. Назви вкладок: "
        "{tabs}.",
        "The sheet «{sheet}» matches no tab of the description and is not read. The tab "
        "names are: {tabs}."),
    "issue.tab.ignored": (
        "Вкладку «{tab}» читаємо лише з головної таблиці; тут її пропущено.",
        "The tab «{tab}» is read only from the main spreadsheet; here it is skipped."),
    "issue.tab.missing": (
        "Вкладки «{tab}» немає; показники, що на ній ґрунтуються, матимуть позначку «немає "
        "даних». Додайте вкладку з шаблону.",
        "There is no tab «{tab}»; the indicators based on it show no data. Add the tab from "
        "the template."),
    "issue.tab.too_many_rows": (
        "Дані вкладки сягають рядка {reached}, а прочитано лише рядки 1–{last} "
        + _ROWS_LIMIT_UK,
        "The tab's data reach row {reached}, but only rows 1–{last} were read "
        + _ROWS_LIMIT_EN),
    "issue.tab.too_many_rows.none_read": (
        "Дані вкладки сягають рядка {reached}, а не прочитано жодного (попередні вкладки "
        "вичерпали межу клітинок) " + _ROWS_LIMIT_UK,
        "The tab's data reach row {reached}, but no row was read (the tabs before it used "
        "up the cell limit) " + _ROWS_LIMIT_EN),
    "issue.tab.too_many_columns": (
        "Дані вкладки сягають стовпця {reached}, а читаються лише стовпці A–{last} (межа "
        "max_columns_per_tab = {limit}); решту не прочитано. Приберіть зайві стовпці "
        "праворуч від даних.",
        "The tab's data reach column {reached}, but only columns A–{last} are read (the "
        "max_columns_per_tab limit = {limit}); the rest were not read. Remove the extra "
        "columns to the right of the data."),
    "issue.tab.unreadable": ("{reason}", "The sheet could not be read: «{reason}»"),
    "issue.register.status_inferred": (
        "У реєстрі немає стовпця «Статус»: набори з посиланням на портал вважаються "
        "«Оприлюднено», інші — «Заплановано». Додайте стовпець «Статус», щоб указати точно.",
        "The register has no column «Статус»: datasets with a portal link count as "
        "«Оприлюднено» (published), the others as «Заплановано» (planned). Add the column "
        "«Статус» to say exactly."),
    # Across tabs and spreadsheets
    "issue.id.duplicate.task": (
        "Код завдання «{value}» уже є ({where}). Кожне завдання — один рядок.",
        "The task code «{value}» is already used ({where}). Each task is one row."),
    "issue.id.duplicate.dataset": (
        "ID набору «{value}» уже використано ({where}). ID має бути унікальним в усіх "
        "таблицях.",
        "The dataset ID «{value}» is already used ({where}). An ID must be unique across all "
        "spreadsheets."),
    "issue.id.duplicate.department": (
        "Підрозділ «{value}» уже є ({where}). Залиште один рядок.",
        "The department «{value}» is already listed ({where}). Keep one row."),
    "place.row": ("рядок {row}", "row {row}"),
    "place.tab_row": ("вкладка «{tab}», рядок {row}", "tab «{tab}», row {row}"),
    "place.sheet_row": ("таблиця «{spreadsheet}», рядок {row}",
                        "spreadsheet «{spreadsheet}», row {row}"),
    "place.sheet_tab_row": ("таблиця «{spreadsheet}», вкладка «{tab}», рядок {row}",
                            "spreadsheet «{spreadsheet}», tab «{tab}», row {row}"),
    "issue.ref.unknown_task": (
        "Завдання з кодом «{value}» немає у вкладці «{tab}». Виправте код (наприклад, 4.3).",
        "There is no task with the code «{value}» in the tab «{tab}». Correct the code "
        "(such as 4.3)."),
    "issue.ref.unknown_task_listed": (
        "Завдання з кодом «{value}» немає у вкладці «{tab}».",
        "There is no task with the code «{value}» in the tab «{tab}»."),
    "issue.ref.unknown_dataset": (
        "Набору з ID «{value}» немає у вкладці «{tab}». Виправте ID.",
        "There is no dataset with the ID «{value}» in the tab «{tab}». Correct the ID."),
    "issue.ref.unknown_dataset_listed": (
        "Набору з ID «{value}» немає у вкладці «{tab}».",
        "There is no dataset with the ID «{value}» in the tab «{tab}»."),
    "issue.ref.unknown_department": (
        "Підрозділу «{name}» немає у вкладці «{tab}». Виправте назву або додайте підрозділ у "
        "вкладку «{tab}».",
        "There is no department «{name}» in the tab «{tab}». Correct the name or add the "
        "department to the tab «{tab}»."),
    "issue.ref.unknown_department.suggestion": (
        "Підрозділу «{name}» немає у вкладці «{tab}». Можливо, мали на увазі «{suggestion}»? "
        "Виправте назву або додайте підрозділ у вкладку «{tab}».",
        "There is no department «{name}» in the tab «{tab}». Did you mean «{suggestion}»? "
        "Correct the name or add the department to the tab «{tab}»."),
    "issue.report.duplicate": (
        "Звіт про завдання {task} за {period} від підрозділу «{department}» повторюється: "
        "рядки {row} і {kept}. Враховано рядок {kept} (пізніша дата звіту); видаліть зайвий "
        "рядок.",
        "The report on task {task} for {period} from the department «{department}» is "
        "repeated: rows {row} and {kept}. Row {kept} counts (the later report date); delete "
        "the other row."),
    "issue.department.foreign_row": (
        "Рядок у таблиці підрозділу «{department}» названо іншим підрозділом «{named}». "
        "Перенесіть його в таблицю того підрозділу або виправте назву.",
        "A row in the spreadsheet of the department «{department}» names another department, "
        "«{named}». Move it to that department's spreadsheet or correct the name."),
    "issue.spreadsheet.duplicate": (
        "Цю таблицю вже вказано вище; її прочитано один раз.",
        "This spreadsheet is already listed above; it was read once."),
    "issue.spreadsheet.too_many": (
        "Вказано більше {limit} таблиць підрозділів; решту не прочитано.",
        "More than {limit} department spreadsheets are listed; the rest were not read."),
    "issue.spreadsheet.bad_key": (
        "Це не посилання на Google Таблицю і не її ключ (літери, цифри, «-», «_»). Вставте "
        "посилання з адресного рядка браузера.",
        "This is neither a link to a Google spreadsheet nor its key (letters, digits, - and "
        "_). Paste the link from the browser's address bar."),
    # The source's own words (a file reader's or Google's) stay as the source wrote them.
    "issue.spreadsheet.unreadable": (
        "Таблицю підрозділу не прочитано: {detail}",
        "The department spreadsheet was not read: «{detail}»"),
    "issue.spreadsheet.unreadable.unexpected": (
        "Таблицю підрозділу не прочитано: «{reference}» не вдалося прочитати ({error_type})",
        "The department spreadsheet was not read: «{reference}» could not be read "
        "({error_type})"),
    "issue.spreadsheet.too_large": (
        "Таблицю підрозділу не прочитано: {detail}",
        "The department spreadsheet was not read, it is over the read limits: «{detail}»"),
    "issue.spreadsheet.stale": (
        "{note}", "The spreadsheet is shown from its last kept copy: «{note}»"),
    "issue.spreadsheet.note": ("{note}", "Reading the spreadsheet: «{note}»"),
    # Rules that read the plan and the register
    "issue.deadline.empty": (
        "Строк виконання не вказано, тому завдання вважається постійним (звіт щокварталу). "
        "Впишіть строк з рішення, наприклад «Щоквартально» або «IV квартал 2024 року».",
        "No deadline («Строк виконання») is given, so the task counts as continuous (a "
        "report every quarter). Write the deadline from the decision, such as "
        "«Щоквартально» or «IV квартал 2024 року»."),
    "issue.deadline.empty.task": _IN_TASK,
    "issue.deadline.unrecognised": (
        "Строк виконання «{value}» не розпізнано, тому завдання вважається постійним (звіт "
        "щокварталу). Напишіть, наприклад, «Щоквартально», «1 раз на рік», «Постійно», «IV "
        "квартал 2024 року», «II-ге півріччя 2024 року», «2025 рік» або «до 31.12.2024».",
        "The deadline «{value}» is not recognised, so the task counts as continuous (a "
        "report every quarter). Write, for example, «Щоквартально», «1 раз на рік», "
        "«Постійно», «IV квартал 2024 року», «II-ге півріччя 2024 року», «2025 рік» or «до "
        "31.12.2024»."),
    "issue.deadline.unrecognised.task": _IN_TASK,
    "issue.deadline.outside_plan": (
        "Строк виконання «{value}» ({due}) поза роками плану ({years}). Перевірте рік.",
        "The deadline «{value}» ({due}) is outside the plan's years ({years}). Check the "
        "year."),
    "issue.deadline.outside_plan.task": _IN_TASK,
    "issue.deadline.outside_years": (
        "Строк виконання «{value}» називає рік {year}, а роки в таблицях мають бути від "
        "{first} до {last}. Виправте рік; доки його не виправлено, завдання не враховується в "
        "показниках.",
        "The deadline «{value}» names the year {year}, while years in the spreadsheets must "
        "be from {first} to {last}. Correct the year; until then the task is not counted in "
        "the figures."),
    "issue.deadline.outside_years.task": _IN_TASK,
    "issue.indicator.unknown": (
        "Завдання {task}: показника «{value}» немає. Напишіть один із ключів: {keys} або "
        "залиште клітинку порожньою.",
        "Task {task}: there is no indicator «{value}». Write one of the keys: {keys}, or "
        "leave the cell empty."),
    "issue.license.unrecognised": (
        "Ліцензію «{license}» не розпізнано, тож не відомо, чи вона відкрита. Напишіть її "
        "назву, наприклад «CC BY 4.0» (Creative Commons Attribution 4.0).",
        "The licence «{license}» is not recognised, so it is not known whether it is open. "
        "Write its name, such as «CC BY 4.0» (Creative Commons Attribution 4.0)."),
    "issue.format.unrecognised": (
        "Формат «{format}» не знайдено в переліку форматів, тож він рахується як 1 зірка "
        "відкритості. Перевірте написання (наприклад, CSV, JSON, XLSX).",
        "The format «{format}» is not in the list of formats, so it counts as 1 openness "
        "star. Check the spelling (CSV, JSON, XLSX, for example)."),
    "issue.image.host_not_allowed": (
        "Зображення продукту «{product}» розміщене не на дозволеному сайті ({hosts}), тому на "
        "публічній сторінці його не показано. Завантажте зображення на один із цих сайтів і "
        "вставте нове посилання.",
        "The picture of the product «{product}» is not on an allowed site ({hosts}), so the "
        "public page does not show it. Upload the picture to one of these sites and paste "
        "the new link."),
    # The register export (annex 7)
    "issue.register.missing_value": (
        "Для реєстру наборів даних (структура Мінцифри, додаток 7) потрібне поле «{title}» "
        "({name}), а в наборі «{dataset}» воно порожнє. Заповніть «{header}» перед "
        "завантаженням реєстру на data.gov.ua.",
        "The register of datasets (the Ministry's structure, annex 7) needs the field "
        "«{title}» ({name}), and the dataset «{dataset}» leaves it empty. Fill in «{header}» "
        "before uploading the register to data.gov.ua."),
    "issue.register.missing_value.setting": (
        "Для реєстру наборів даних потрібне поле «{title}» ({name}); воно береться з "
        "налаштувань. Укажіть «{setting}» у розділі [odcore.council] файлу "
        ".streamlit/secrets.toml.",
        "The register of datasets needs the field «{title}» ({name}); it comes from the "
        "settings. Set {setting} in the [odcore.council] section of .streamlit/secrets.toml."),
    "issue.register.missing_optional_value": (
        "Для реєстру наборів даних бажане поле «{title}» ({name}); воно береться з "
        "налаштувань. Укажіть «{setting}» у розділі [odcore.council] файлу "
        ".streamlit/secrets.toml.",
        "The register of datasets should have the field «{title}» ({name}); it comes from "
        "the settings. Set {setting} in the [odcore.council] section of "
        ".streamlit/secrets.toml."),
    "issue.register.value_outside_structure": (
        "Структура реєстру (додаток 7) не має значення частоти «{value}»; допустимі: "
        "{allowed}. Значення записано як є; якщо портал його не прийме, виберіть найближче.",
        "The register's structure (annex 7) has no update frequency «{value}»; the allowed "
        "ones are {allowed}. The value is written as it is; if the portal refuses it, choose "
        "the nearest one."),
    "issue.register.left_out": (
        "До реєстру як відкритих даних не включено набори зі статусом «Обмежено» або «Знято»: "
        "{ids}.",
        "Datasets with the status «Обмежено» (restricted) or «Знято» (withdrawn) are left "
        "out of the register as open data: {ids}."),
}
