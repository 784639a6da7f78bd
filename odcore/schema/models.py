"""One pydantic model per tab of WORKBOOK.md; each column's header is declared beside its field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict

from odcore.periods import Quarter
from odcore.schema.columns import Col, Kind
from odcore.schema.vocab import (
    DatasetStatus,
    EventKind,
    ProductKind,
    ReportStatus,
    UpdateFrequency,
)


class Origin(BaseModel):
    """Where a record came from: spreadsheet, tab (as named in the spreadsheet), row."""

    model_config = ConfigDict(frozen=True)

    spreadsheet: str
    tab: str
    row: int
    link: str = ""
    main: bool = True  # False for rows of a department's own spreadsheet


class Record(BaseModel):
    """A row of a tab. ``TAB`` is the Ukrainian tab name, ``KEY`` the English one."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    TAB: ClassVar[str] = ""
    KEY: ClassVar[str] = ""
    TAB_ALIASES: ClassVar[tuple[str, ...]] = ()
    origin: Origin


class Task(Record):
    TAB = "План"
    KEY = "plan"

    code: Annotated[str, Col("Код", Kind.CODE, required=True,
                             note="Код завдання з плану, наприклад 4.3. Не повторюється.")]
    section: Annotated[str, Col("Розділ", required=True, public_text=True,
                                note=("Розділ плану з номером, наприклад «4. Підвищення якості "
                                      "управління даними»."))]
    task: Annotated[str, Col("Завдання", required=True, public_text=True,
                             note="Текст завдання, як у рішенні про план.")]
    deadline: Annotated[str | None, Col("Строк виконання", Kind.DEADLINE,
                                        note=("Строк виконання словами рішення: «І-й квартал 2024"
                                              " року», «Щоквартально», «1 раз на рік», "
                                              "«Постійно», «до 31.12.2024». З нього обчислюється,"
                                              " коли завдання має бути виконане або коли "
                                              "звітувати."))] = None
    kpi: Annotated[str | None, Col("Ключові показники",
                                   note="Ключові показники виконання, як у рішенні.")] = None
    executors_text: Annotated[str | None, Col("Виконавець", Kind.DEPARTMENTS, aliases=("executors",),
                                              note=("Виконавці — назви підрозділів, як у вкладці "
                                                    "«Підрозділи»."))] = None
    indicator: Annotated[str | None, Col("Показник", Kind.CODE,
                                         note=("Ключ показника, що перевіряє завдання за даними "
                                               "таблиць. Порожньо — завдання без показника."))] = None
    executors: tuple[str, ...] = ()


class Report(Record):
    TAB = "Звіти"
    KEY = "reports"

    task_code: Annotated[str, Col("Код завдання", Kind.CODE, required=True,
                                  note="Код завдання з вкладки «План», наприклад 4.3.")]
    period: Annotated[Quarter, Col("Період", Kind.QUARTER, required=True,
                                   note="Квартал, за який звітуєте.")]
    status: Annotated[ReportStatus, Col("Статус", Kind.VOCAB, required=True,
                                        vocabulary=ReportStatus,
                                        note="Стан завдання на кінець кварталу.")]
    progress: Annotated[float | None, Col("Прогрес, %", Kind.PERCENT,
                                          note="Наскільки виконано завдання.")] = None
    done: Annotated[str | None, Col("Що зроблено",
                                    note="Що зроблено за квартал, коротко.")] = None
    evidence_url: Annotated[str | None, Col("Підтвердження", Kind.URL,
                                            note="Підтвердження: рішення, новина, набір даних.")] = None
    department: Annotated[str, Col("Підрозділ", required=True,
                                   note="Підрозділ, що звітує, як у вкладці «Підрозділи».")]
    reported_on: Annotated[dt.date | None, Col("Дата звіту", Kind.DATE,
                                               note=("Дата звіту. Два рядки про те саме завдання,"
                                                     " квартал і підрозділ: враховується рядок із"
                                                     " пізнішою датою."))] = None
    reported_by: Annotated[str | None, Col("Хто заповнив", personal=True,
                                           note="Хто заповнив звіт (ПІБ).")] = None
    report_id: Annotated[str | None, Col("ID звіту", Kind.CODE,
                                         note=("Ідентифікатор звіту, поданого через форму "
                                               "панелі. Заповнює панель; вручну — порожньо."))] = None
    submitted_by: Annotated[str | None, Col("Email автора", Kind.EMAIL, personal=True,
                                            note=("Email того, хто подав звіт через форму "
                                                  "панелі. Заповнює панель."))] = None
    submitted_at: Annotated[str | None, Col("Час подання",
                                            note=("Коли звіт подано через форму панелі (дата й "
                                                  "час із часовим поясом). Заповнює панель."))] = None


class Dataset(Record):
    TAB = "Набори даних"
    KEY = "datasets"
    TAB_ALIASES = ("Реєстр наборів даних", "register")

    id: Annotated[str, Col("ID", Kind.CODE, required=True, aliases=("uid", "Ідентифікатор"),
                           note=("Ідентифікатор набору, наприклад DS-001. Не повторюється в "
                                 "жодній таблиці."))]
    title: Annotated[str, Col("Назва", required=True, public_text=True,
                              note="Назва набору даних.")]
    description: Annotated[str | None, Col("Опис", public_text=True,
                                           note="Опис: що містить набір.")] = None
    purpose: Annotated[str | None, Col("Підстава та призначення збору інформації",
                                       aliases=("Підстава",), public_text=True,
                                       note=("Підстава та призначення збору інформації "
                                             "(обовʼязкове поле паспорта на data.gov.ua)."))] = None
    department: Annotated[str, Col("Розпорядник", required=True,
                                   aliases=("publisherName", "Назва розпорядника"),
                                   note=("Розпорядник: підрозділ, що відповідає за набір, як у "
                                         "вкладці «Підрозділи»."))]
    steward: Annotated[str | None, Col("Відповідальна особа", personal=True,
                                       aliases=("contactPointName",),
                                       note="Відповідальна особа (ПІБ).")] = None
    steward_email: Annotated[str | None, Col("Email відповідальної особи", Kind.EMAIL,
                                             personal=True, aliases=("contactPointEmail",),
                                             note="Email відповідальної особи.")] = None
    status: Annotated[DatasetStatus, Col("Статус", Kind.VOCAB, required=True,
                                         vocabulary=DatasetStatus,
                                         note=("Стан набору. «Обмежено» — доступ обмежено законом"
                                               " (наприклад, під час воєнного стану)."))]
    portal_url: Annotated[str | None, Col("Посилання на портал", Kind.URL,
                                          aliases=("url", "Посилання на сторінку набору даних"),
                                          note="Сторінка набору на data.gov.ua.")] = None
    formats: Annotated[tuple[str, ...], Col("Формати", Kind.LIST,
                                            aliases=("distributionFormat", "Формати ресурсів"),
                                            note=("Формати ресурсів: CSV, JSON, XML, XLSX, "
                                                  "GeoJSON, API, …"))] = ()
    update_frequency: Annotated[UpdateFrequency | None, Col(
        "Частота оновлення", Kind.VOCAB, vocabulary=UpdateFrequency,
        aliases=("accrualPeriodicity",),
                                                            note=("Як часто оновлюється набір (значення "
                                                                  "Мінцифри)."))] = None
    last_updated: Annotated[dt.date | None, Col("Дата останнього оновлення", Kind.DATE,
                                                note="Дата останнього оновлення набору.")] = None
    first_published: Annotated[dt.date | None, Col("Дата першого оприлюднення", Kind.DATE,
                                                   note="Дата першого оприлюднення набору.")] = None
    mandatory: Annotated[bool | None, Col("Обовʼязковий", Kind.YESNO,
                                          note=("«так», якщо набір обовʼязково оприлюднювати за "
                                                "постановою КМУ № 835."))] = None
    keywords: Annotated[tuple[str, ...], Col("Ключові слова", Kind.LIST, public_text=True,
                                             note="Ключові слова.")] = ()
    license: Annotated[str | None, Col("Ліцензія", aliases=("licence",),
                                       note="Ліцензія, наприклад CC BY 4.0.")] = None
    ministry_structure: Annotated[str | None, Col("Структура Мінцифри", Kind.CODE,
                                                  note=("Номер додатка з рекомендованою "
                                                        "структурою Мінцифри, за якою зроблено "
                                                        "набір (наприклад, 27)."))] = None
    publisher_id: Annotated[str | None, Col("publisherId", Kind.CODE, extra=True,
                                            aliases=("Ідентифікатор розпорядника",))] = None
    status_inferred: bool = False


class QualityCheck(Record):
    TAB = "Перевірки якості"
    KEY = "quality_checks"

    dataset_id: Annotated[str, Col("ID набору", Kind.CODE, required=True,
                                   note="ID набору з вкладки «Набори даних».")]
    period: Annotated[Quarter, Col("Період", Kind.QUARTER, required=True,
                                   note="Квартал перевірки.")]
    compliant: Annotated[bool, Col("Відповідає стандартам", Kind.YESNO, required=True,
                                   note="Чи відповідає набір стандартам оприлюднення.")]
    findings: Annotated[str | None, Col("Зауваження",
                                        note="Зауваження перевірки.")] = None
    recommendations: Annotated[str | None, Col("Рекомендації",
                                               note="Що рекомендовано виправити.")] = None
    resolved: Annotated[bool | None, Col("Рекомендації виконано", Kind.YESNO,
                                         note="Чи виконано рекомендації.")] = None
    checked_by: Annotated[str | None, Col("Перевірив", personal=True,
                                          note="Хто перевіряв (ПІБ).")] = None
    checked_on: Annotated[dt.date | None, Col("Дата перевірки", Kind.DATE,
                                              note="Дата перевірки.")] = None


class Training(Record):
    TAB = "Навчання"
    KEY = "trainings"

    person: Annotated[str, Col("ПІБ", required=True, personal=True,
                               note=("ПІБ, як у стовпці «Відповідальна особа» вкладки «Набори "
                                     "даних»."))]
    department: Annotated[str | None, Col("Підрозділ",
                                          note="Підрозділ, як у вкладці «Підрозділи».")] = None
    course: Annotated[str, Col("Курс", required=True,
                               note="Назва курсу.")]
    completed_on: Annotated[dt.date | None, Col("Дата", Kind.DATE,
                                                note="Дата завершення курсу.")] = None
    certificate_url: Annotated[str | None, Col("Сертифікат", Kind.URL, personal=True,
                                               note="Сертифікат про проходження курсу.")] = None


class Publication(Record):
    TAB = "Публікації"
    KEY = "publications"

    published_on: Annotated[dt.date, Col("Дата", Kind.DATE, required=True,
                                         note="Дата публікації.")]
    title: Annotated[str, Col("Заголовок", required=True,
                              note="Заголовок новини.")]
    url: Annotated[str | None, Col("Посилання", Kind.URL,
                                   note="Новина на вебсайті.")] = None
    dataset_ids: Annotated[tuple[str, ...], Col("Набори даних", Kind.LIST,
                                                note=("ID наборів з вкладки «Набори даних», про "
                                                      "які публікація."))] = ()


class Product(Record):
    TAB = "Продукти"
    KEY = "products"

    name: Annotated[str, Col("Назва", required=True, public_text=True,
                             note="Назва продукту (показується публічно).")]
    kind: Annotated[ProductKind, Col("Тип", Kind.VOCAB, required=True, vocabulary=ProductKind,
                                     note="Тип продукту.")]
    description: Annotated[str | None, Col("Опис", public_text=True,
                                           note="Опис продукту (показується публічно).")] = None
    author: Annotated[str | None, Col("Автор", public_text=True,
                                      note=("Організація або команда, що створила продукт "
                                            "(показується публічно)."))] = None
    url: Annotated[str | None, Col("Посилання", Kind.URL,
                                   note="Де знайти продукт.")] = None
    image_url: Annotated[str | None, Col("Зображення", Kind.IMAGE_URL,
                                         note="Зображення продукту для публічної сторінки.")] = None
    dataset_ids: Annotated[tuple[str, ...], Col("Набори даних", Kind.LIST,
                                                note=("ID наборів з вкладки «Набори даних», на "
                                                      "яких побудовано продукт."))] = ()
    added_on: Annotated[dt.date | None, Col("Дата додавання", Kind.DATE,
                                            note="Дата додавання продукту.")] = None
    public: Annotated[bool | None, Col("Публічний", Kind.YESNO,
                                       note=("«так» — продукт показується на публічній сторінці; "
                                             "«ні» або порожньо — не показується."))] = None
    contact: Annotated[str | None, Col("Контакт", personal=True,
                                       note="Контакт автора (email чи телефон).")] = None


class Event(Record):
    TAB = "Заходи"
    KEY = "events"

    date: Annotated[dt.date, Col("Дата", Kind.DATE, required=True,
                                 note="Дата заходу чи подання заявки.")]
    title: Annotated[str, Col("Назва", required=True,
                              note="Назва заходу, консультації, заявки чи ініціативи.")]
    kind: Annotated[EventKind, Col("Тип", Kind.VOCAB, required=True, vocabulary=EventKind,
                                   note="Тип запису.")]
    task_codes: Annotated[tuple[str, ...], Col("Завдання плану", Kind.LIST,
                                               note=("Коди завдань з вкладки «План», наприклад "
                                                     "3.1, 9.1."))] = ()
    outcome: Annotated[str | None, Col("Результат",
                                       note="Результат.")] = None
    url: Annotated[str | None, Col("Посилання", Kind.URL,
                                   note="Новина, матеріали або сторінка заходу.")] = None


class Department(Record):
    TAB = "Підрозділи"
    KEY = "departments"

    name: Annotated[str, Col("Підрозділ", required=True,
                             note=("Назва підрозділу, як її пишуть в інших вкладках. Не "
                                   "повторюється."))]
    head: Annotated[str | None, Col("Керівник", personal=True,
                                    note="Керівник підрозділу (ПІБ).")] = None
    email: Annotated[str | None, Col("Email", Kind.EMAIL, personal=True,
                                     note="Email підрозділу або керівника.")] = None
    spreadsheet: Annotated[str | None, Col("Таблиця",
                                           note=("Власна таблиця підрозділу: посилання на Google "
                                                 "Sheets або шлях до файлу відносно цієї книги. "
                                                 "Порожньо — підрозділ заповнює цю таблицю."))] = None


TAB_MODELS: tuple[type[Record], ...] = (
    Task, Report, Dataset, QualityCheck, Training, Publication, Product, Event, Department,
)
