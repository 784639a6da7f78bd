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

    code: Annotated[str, Col("Код", Kind.CODE, required=True)]
    section: Annotated[str, Col("Розділ", required=True, public_text=True)]
    task: Annotated[str, Col("Завдання", required=True, public_text=True)]
    deadline: Annotated[str | None, Col("Строк виконання", Kind.DEADLINE)] = None
    kpi: Annotated[str | None, Col("Ключові показники")] = None
    executors_text: Annotated[str | None, Col("Виконавець", Kind.DEPARTMENTS, aliases=("executors",))] = None
    indicator: Annotated[str | None, Col("Показник", Kind.CODE)] = None
    executors: tuple[str, ...] = ()


class Report(Record):
    TAB = "Звіти"
    KEY = "reports"

    task_code: Annotated[str, Col("Код завдання", Kind.CODE, required=True)]
    period: Annotated[Quarter, Col("Період", Kind.QUARTER, required=True)]
    status: Annotated[ReportStatus, Col("Статус", Kind.VOCAB, required=True,
                                        vocabulary=ReportStatus)]
    progress: Annotated[float | None, Col("Прогрес, %", Kind.PERCENT)] = None
    done: Annotated[str | None, Col("Що зроблено")] = None
    evidence_url: Annotated[str | None, Col("Підтвердження", Kind.URL)] = None
    department: Annotated[str, Col("Підрозділ", required=True)]
    reported_on: Annotated[dt.date | None, Col("Дата звіту", Kind.DATE)] = None
    reported_by: Annotated[str | None, Col("Хто заповнив", personal=True)] = None


class Dataset(Record):
    TAB = "Набори даних"
    KEY = "datasets"
    TAB_ALIASES = ("Реєстр наборів даних", "register")

    id: Annotated[str, Col("ID", Kind.CODE, required=True, aliases=("uid", "Ідентифікатор"))]
    title: Annotated[str, Col("Назва", required=True, public_text=True)]
    description: Annotated[str | None, Col("Опис", public_text=True)] = None
    purpose: Annotated[str | None, Col("Підстава та призначення збору інформації",
                                       aliases=("Підстава",), public_text=True)] = None
    department: Annotated[str, Col("Розпорядник", required=True,
                                   aliases=("publisherName", "Назва розпорядника"))]
    steward: Annotated[str | None, Col("Відповідальна особа", personal=True,
                                       aliases=("contactPointName",))] = None
    steward_email: Annotated[str | None, Col("Email відповідальної особи", Kind.EMAIL,
                                             personal=True, aliases=("contactPointEmail",))] = None
    status: Annotated[DatasetStatus, Col("Статус", Kind.VOCAB, required=True,
                                         vocabulary=DatasetStatus)]
    portal_url: Annotated[str | None, Col("Посилання на портал", Kind.URL,
                                          aliases=("url", "Посилання на сторінку набору даних"))] = None
    formats: Annotated[tuple[str, ...], Col("Формати", Kind.LIST,
                                            aliases=("distributionFormat", "Формати ресурсів"))] = ()
    update_frequency: Annotated[UpdateFrequency | None, Col(
        "Частота оновлення", Kind.VOCAB, vocabulary=UpdateFrequency,
        aliases=("accrualPeriodicity",))] = None
    last_updated: Annotated[dt.date | None, Col("Дата останнього оновлення", Kind.DATE)] = None
    first_published: Annotated[dt.date | None, Col("Дата першого оприлюднення", Kind.DATE)] = None
    mandatory: Annotated[bool | None, Col("Обовʼязковий", Kind.YESNO)] = None
    keywords: Annotated[tuple[str, ...], Col("Ключові слова", Kind.LIST, public_text=True)] = ()
    license: Annotated[str | None, Col("Ліцензія", aliases=("licence",))] = None
    ministry_structure: Annotated[str | None, Col("Структура Мінцифри", Kind.CODE)] = None
    publisher_id: Annotated[str | None, Col("publisherId", Kind.CODE, extra=True,
                                            aliases=("Ідентифікатор розпорядника",))] = None
    status_inferred: bool = False


class QualityCheck(Record):
    TAB = "Перевірки якості"
    KEY = "quality_checks"

    dataset_id: Annotated[str, Col("ID набору", Kind.CODE, required=True)]
    period: Annotated[Quarter, Col("Період", Kind.QUARTER, required=True)]
    compliant: Annotated[bool, Col("Відповідає стандартам", Kind.YESNO, required=True)]
    findings: Annotated[str | None, Col("Зауваження")] = None
    recommendations: Annotated[str | None, Col("Рекомендації")] = None
    resolved: Annotated[bool | None, Col("Рекомендації виконано", Kind.YESNO)] = None
    checked_by: Annotated[str | None, Col("Перевірив", personal=True)] = None
    checked_on: Annotated[dt.date | None, Col("Дата перевірки", Kind.DATE)] = None


class Training(Record):
    TAB = "Навчання"
    KEY = "trainings"

    person: Annotated[str, Col("ПІБ", required=True, personal=True)]
    department: Annotated[str | None, Col("Підрозділ")] = None
    course: Annotated[str, Col("Курс", required=True)]
    completed_on: Annotated[dt.date | None, Col("Дата", Kind.DATE)] = None
    certificate_url: Annotated[str | None, Col("Сертифікат", Kind.URL, personal=True)] = None


class Publication(Record):
    TAB = "Публікації"
    KEY = "publications"

    published_on: Annotated[dt.date, Col("Дата", Kind.DATE, required=True)]
    title: Annotated[str, Col("Заголовок", required=True)]
    url: Annotated[str | None, Col("Посилання", Kind.URL)] = None
    dataset_ids: Annotated[tuple[str, ...], Col("Набори даних", Kind.LIST)] = ()


class Product(Record):
    TAB = "Продукти"
    KEY = "products"

    name: Annotated[str, Col("Назва", required=True, public_text=True)]
    kind: Annotated[ProductKind, Col("Тип", Kind.VOCAB, required=True, vocabulary=ProductKind)]
    description: Annotated[str | None, Col("Опис", public_text=True)] = None
    author: Annotated[str | None, Col("Автор", public_text=True)] = None
    url: Annotated[str | None, Col("Посилання", Kind.URL)] = None
    image_url: Annotated[str | None, Col("Зображення", Kind.IMAGE_URL)] = None
    dataset_ids: Annotated[tuple[str, ...], Col("Набори даних", Kind.LIST)] = ()
    added_on: Annotated[dt.date | None, Col("Дата додавання", Kind.DATE)] = None
    public: Annotated[bool | None, Col("Публічний", Kind.YESNO)] = None
    contact: Annotated[str | None, Col("Контакт", personal=True)] = None


class Event(Record):
    TAB = "Заходи"
    KEY = "events"

    date: Annotated[dt.date, Col("Дата", Kind.DATE, required=True)]
    title: Annotated[str, Col("Назва", required=True)]
    kind: Annotated[EventKind, Col("Тип", Kind.VOCAB, required=True, vocabulary=EventKind)]
    task_codes: Annotated[tuple[str, ...], Col("Завдання плану", Kind.LIST)] = ()
    outcome: Annotated[str | None, Col("Результат")] = None
    url: Annotated[str | None, Col("Посилання", Kind.URL)] = None


class Department(Record):
    TAB = "Підрозділи"
    KEY = "departments"

    name: Annotated[str, Col("Підрозділ", required=True)]
    head: Annotated[str | None, Col("Керівник", personal=True)] = None
    email: Annotated[str | None, Col("Email", Kind.EMAIL, personal=True)] = None
    spreadsheet: Annotated[str | None, Col("Таблиця")] = None


TAB_MODELS: tuple[type[Record], ...] = (
    Task, Report, Dataset, QualityCheck, Training, Publication, Product, Event, Department,
)
