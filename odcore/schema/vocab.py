"""Closed vocabularies of WORKBOOK.md, with their accepted synonyms."""

from __future__ import annotations

from enum import Enum, StrEnum

from odcore.text import normalize_name


class ReportStatus(StrEnum):
    NOT_STARTED = "Не розпочато"
    IN_PROGRESS = "В роботі"
    DONE = "Виконано"
    NOT_DONE = "Не виконано"
    NOT_APPLICABLE = "Не застосовується"


class DatasetStatus(StrEnum):
    PUBLISHED = "Оприлюднено"
    PREPARING = "Готується"
    PLANNED = "Заплановано"
    WITHDRAWN = "Знято"
    RESTRICTED = "Обмежено"


class UpdateFrequency(StrEnum):
    MORE_THAN_DAILY = "Більш як один раз на день"
    DAILY = "Щодня"
    WEEKLY = "Щотижня"
    MONTHLY = "Щомісяця"
    QUARTERLY = "Щокварталу"
    HALF_YEARLY = "Кожного півріччя"
    YEARLY = "Щороку"
    ON_CHANGE = "Відразу після внесення змін"
    NEVER = "Не оновлюється"


class ProductKind(StrEnum):
    SERVICE = "Електронний сервіс"
    CHATBOT = "Чат-бот"
    VISUALISATION = "Візуалізація"
    STUDY = "Дослідження"
    APP = "Застосунок"
    OTHER = "Інше"


class EventKind(StrEnum):
    EVENT = "Захід"
    CONSULTATION = "Консультація"
    TRAINING = "Навчання"
    GRANT_APPLICATION = "Заявка на грант"
    INTERNATIONAL_INITIATIVE = "Міжнародна ініціатива"
    PUBLICATION = "Публікація"
    OTHER = "Інше"


SYNONYMS: dict[type[Enum], dict[str, Enum]] = {
    UpdateFrequency: {
        "Щоденно": UpdateFrequency.DAILY,
        "Раз на квартал": UpdateFrequency.QUARTERLY,
        "Щопівроку": UpdateFrequency.HALF_YEARLY,
        "Щорічно": UpdateFrequency.YEARLY,
        "У разі змін": UpdateFrequency.ON_CHANGE,
        "Позапланово": UpdateFrequency.ON_CHANGE,
    },
}


def _lookup(vocabulary: type[Enum]) -> dict[str, Enum]:
    table = {normalize_name(m.value): m for m in vocabulary}
    table.update({normalize_name(m.name.replace("_", " ")): m for m in vocabulary})
    for text, member in SYNONYMS.get(vocabulary, {}).items():
        table[normalize_name(text)] = member
    return table


_TABLES: dict[type[Enum], dict[str, Enum]] = {}


def match_vocabulary(vocabulary: type[Enum], text: str) -> Enum | None:
    """The member a text names (value, English name or synonym, case-insensitive), or None."""
    table = _TABLES.get(vocabulary)
    if table is None:
        table = _TABLES[vocabulary] = _lookup(vocabulary)
    return table.get(normalize_name(text))


def allowed_values(vocabulary: type[Enum]) -> list[str]:
    """The canonical values, in order, for messages and dropdowns."""
    return [m.value for m in vocabulary]
