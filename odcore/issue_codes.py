"""The closed taxonomy of Issue codes: each code's severity, its wordings and their parameters.

A code is stable (``date.invalid``) and says one thing with one severity. Its message may have
more than one wording (a date typed with a two-digit year, a serial number outside the years):
each wording is a template in the catalogue, ``issue.<code>`` for the default one and
``issue.<code>.<wording>`` for the others, in Ukrainian and English
(odcore/issue_messages.py), and names exactly the parameters declared here.
docs/reading.md lists every code; tests keep the three in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class IssueCode(StrEnum):
    """Every problem the reading layer, the rules and the exports report."""

    # One cell
    CELL_SPREADSHEET_ERROR = "cell.spreadsheet_error"
    CELL_UNREADABLE = "cell.unreadable"
    CELL_TOO_LONG = "cell.too_long"
    VALUE_REQUIRED = "value.required"
    DATE_INVALID = "date.invalid"
    DATE_OUTSIDE_YEARS = "date.outside_years"
    YESNO_INVALID = "yesno.invalid"
    QUARTER_INVALID = "quarter.invalid"
    QUARTER_OUTSIDE_PLAN = "quarter.outside_plan"
    PROGRESS_AMBIGUOUS_ONE = "progress.ambiguous_one"
    NUMBER_INVALID = "number.invalid"
    PROGRESS_OUT_OF_RANGE = "progress.out_of_range"
    PROGRESS_FRACTION = "progress.fraction"
    TEXT_NUMBER_AS_TEXT = "text.number_as_text"
    URL_INVALID = "url.invalid"
    EMAIL_INVALID = "email.invalid"
    VOCAB_UNKNOWN = "vocab.unknown"
    VOCAB_UNKNOWN_OPTIONAL = "vocab.unknown_optional"
    TEXT_CONTACT_IN_PUBLIC = "text.contact_in_public"
    # One tab
    COLUMN_MISSING = "column.missing"
    COLUMN_DUPLICATE = "column.duplicate"
    COLUMN_UNKNOWN = "column.unknown"
    TAB_EMPTY = "tab.empty"
    TAB_GUESSED = "tab.guessed"
    TAB_UNKNOWN = "tab.unknown"
    TAB_IGNORED = "tab.ignored"
    TAB_MISSING = "tab.missing"
    TAB_TOO_MANY_ROWS = "tab.too_many_rows"
    TAB_TOO_MANY_COLUMNS = "tab.too_many_columns"
    TAB_UNREADABLE = "tab.unreadable"
    REGISTER_STATUS_INFERRED = "register.status_inferred"
    # Across tabs and spreadsheets
    ID_DUPLICATE = "id.duplicate"
    REF_UNKNOWN_TASK = "ref.unknown_task"
    REF_UNKNOWN_TASK_LISTED = "ref.unknown_task_listed"
    REF_UNKNOWN_DATASET = "ref.unknown_dataset"
    REF_UNKNOWN_DATASET_LISTED = "ref.unknown_dataset_listed"
    REF_UNKNOWN_DEPARTMENT = "ref.unknown_department"
    REPORT_DUPLICATE = "report.duplicate"
    DEPARTMENT_FOREIGN_ROW = "department.foreign_row"
    SPREADSHEET_DUPLICATE = "spreadsheet.duplicate"
    SPREADSHEET_TOO_MANY = "spreadsheet.too_many"
    SPREADSHEET_BAD_KEY = "spreadsheet.bad_key"
    SPREADSHEET_UNREADABLE = "spreadsheet.unreadable"
    SPREADSHEET_TOO_LARGE = "spreadsheet.too_large"
    SPREADSHEET_STALE = "spreadsheet.stale"
    SPREADSHEET_NOTE = "spreadsheet.note"
    # Rules that read the plan and the register
    DEADLINE_EMPTY = "deadline.empty"
    DEADLINE_UNRECOGNISED = "deadline.unrecognised"
    DEADLINE_OUTSIDE_PLAN = "deadline.outside_plan"
    DEADLINE_OUTSIDE_YEARS = "deadline.outside_years"
    INDICATOR_UNKNOWN = "indicator.unknown"
    LICENSE_UNRECOGNISED = "license.unrecognised"
    FORMAT_UNRECOGNISED = "format.unrecognised"
    IMAGE_HOST_NOT_ALLOWED = "image.host_not_allowed"
    # The register export (annex 7)
    REGISTER_MISSING_VALUE = "register.missing_value"
    REGISTER_MISSING_OPTIONAL_VALUE = "register.missing_optional_value"
    REGISTER_VALUE_OUTSIDE_STRUCTURE = "register.value_outside_structure"
    REGISTER_LEFT_OUT = "register.left_out"

    @property
    def spec(self) -> CodeSpec:
        return CODE_SPECS[self]

    @property
    def severity(self) -> Severity:
        return CODE_SPECS[self].severity

    def key(self, wording: str = "") -> str:
        """The catalogue key of one of the code's wordings."""
        return f"issue.{self.value}.{wording}" if wording else f"issue.{self.value}"


@dataclass(frozen=True, eq=False)
class CodeSpec:
    """What a code means (English, for docs/reading.md), its severity, and each wording's
    parameters (``""`` is the default wording; a code may have only named ones)."""

    severity: Severity
    meaning: str
    wordings: Mapping[str, tuple[str, ...]]


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
# A deadline finding placed at its task names the task before what the wording said (a nested
# message, rendered in the same language).
_IN_TASK = ("task", "found")


def _spec(severity: Severity, meaning: str, *params: str, **wordings: tuple[str, ...]
          ) -> CodeSpec:
    return CodeSpec(severity, meaning, {"": params, **wordings})


def _named(severity: Severity, meaning: str, **wordings: tuple[str, ...]) -> CodeSpec:
    return CodeSpec(severity, meaning, wordings)


C = IssueCode
CODE_SPECS: dict[IssueCode, CodeSpec] = {
    # One cell
    C.CELL_SPREADSHEET_ERROR: _spec(
        _E, "the cell holds a spreadsheet error value such as #REF!", "error"),
    C.CELL_UNREADABLE: _spec(
        _E, "the cell (or row) could not be read at all", "error_type",
        row=("count",), reader=()),
    C.CELL_TOO_LONG: _spec(_W, "text longer than max_cell_chars, cut to it", "limit"),
    C.VALUE_REQUIRED: _spec(_E, "a required cell is empty", "column"),
    C.DATE_INVALID: _spec(_E, "not a date in an accepted form (two-digit years included)",
                          "value", two_digit_year=("value",)),
    C.DATE_OUTSIDE_YEARS: _spec(
        _E, "a date (in any form, serial numbers and native date cells too) outside "
            "settings.earliest_year..latest_year", "value", "day", "years",
        year=("value", "year", "years"), serial=("number", "day", "years")),
    C.YESNO_INVALID: _spec(_E, "not a yes/no answer", "value"),
    C.QUARTER_INVALID: _spec(_E, "not a quarter in an accepted form", "value"),
    C.QUARTER_OUTSIDE_PLAN: _spec(_E, "a quarter outside the plan's years", "quarter", "years"),
    C.PROGRESS_AMBIGUOUS_ONE: _spec(
        _I, "a number 1 in Прогрес, %: 1 %, or 100 % in a percent format"),
    C.NUMBER_INVALID: _spec(_E, "not a number where a percentage is expected", "value"),
    C.PROGRESS_OUT_OF_RANGE: _spec(_E, "a percentage outside 0-100", "value"),
    C.PROGRESS_FRACTION: _spec(_I, "a fraction between 0 and 1 read as a percentage",
                               "number", "percent"),
    C.TEXT_NUMBER_AS_TEXT: _spec(_I, "a number or date in a text column, read as its text",
                                 "text"),
    C.URL_INVALID: _spec(_W, "not an http(s) URL (https for pictures); never shown as a link",
                         "value", https=("value",)),
    C.EMAIL_INVALID: _spec(_W, "not an e-mail address", "value"),
    C.VOCAB_UNKNOWN: _spec(_E, "not one of a required closed vocabulary's values; the row "
                               "leaves the figures", "value", "choices"),
    C.VOCAB_UNKNOWN_OPTIONAL: _spec(
        _W, "not one of an optional closed vocabulary's values; the cell counts as empty",
        "value", "choices"),
    C.TEXT_CONTACT_IN_PUBLIC: _spec(
        _W, "a public free-text cell holds an e-mail address or a phone number"),
    # One tab
    C.COLUMN_MISSING: _spec(_E, "a required column is absent; the tab is not read",
                            "columns", "row",
                            title_row=("columns", "row", "title_row", "header_row")),
    C.COLUMN_DUPLICATE: _spec(_E, "a header appears twice; the first column is read",
                              "header", "first"),
    C.COLUMN_UNKNOWN: _spec(_I, "columns the contract does not know, ignored", "columns"),
    C.TAB_EMPTY: _spec(_I, "a known tab without a header row"),
    C.TAB_GUESSED: _spec(_I, "a lone sheet read as the tab its headers match", "sheet", "tab"),
    C.TAB_UNKNOWN: _spec(_I, "a sheet that matches no tab, ignored", "sheet", "tabs"),
    C.TAB_IGNORED: _spec(_I, "a department spreadsheet's own Підрозділи, not followed", "tab"),
    C.TAB_MISSING: _spec(_I, "a tab absent from every spreadsheet", "tab"),
    C.TAB_TOO_MANY_ROWS: _spec(
        _E, "rows past the read limits, not read", "reached", "last", "max_rows", "max_cells",
        none_read=("reached", "max_rows", "max_cells")),
    C.TAB_TOO_MANY_COLUMNS: _spec(_W, "columns past max_columns_per_tab, not read",
                                  "reached", "last", "limit"),
    C.TAB_UNREADABLE: _spec(
        _E, "a sheet that could not be read (too large, or the reader failed on it)", "reason"),
    C.REGISTER_STATUS_INFERRED: _spec(
        _I, "a register without Статус: status taken from the URL"),
    # Across tabs and spreadsheets
    C.ID_DUPLICATE: _named(_E, "a task code, dataset ID or department listed twice",
                           task=("value", "where"), dataset=("value", "where"),
                           department=("value", "where")),
    C.REF_UNKNOWN_TASK: _spec(_E, "a task code in Звіти that is not in План; the row leaves "
                                  "the figures", "value", "tab"),
    C.REF_UNKNOWN_TASK_LISTED: _spec(
        _W, "a task code listed in Заходи that is not in План; the row still counts",
        "value", "tab"),
    C.REF_UNKNOWN_DATASET: _spec(
        _E, "a dataset ID in Перевірки якості that is not in Набори даних; the row leaves "
            "the figures", "value", "tab"),
    C.REF_UNKNOWN_DATASET_LISTED: _spec(
        _W, "a dataset ID listed in Публікації or Продукти that is not in Набори даних; the "
            "row still counts", "value", "tab"),
    C.REF_UNKNOWN_DEPARTMENT: _spec(
        _W, "a department that is not in Підрозділи (with the nearest known name, if any)",
        "name", "tab", suggestion=("name", "tab", "suggestion")),
    C.REPORT_DUPLICATE: _spec(_W, "two reports for one task, period and department",
                              "task", "period", "department", "row", "kept"),
    C.DEPARTMENT_FOREIGN_ROW: _spec(
        _W, "a row in a department's spreadsheet names another department",
        "department", "named"),
    C.SPREADSHEET_DUPLICATE: _spec(_I, "a department spreadsheet listed twice"),
    C.SPREADSHEET_TOO_MANY: _spec(_W, "more department spreadsheets than the limit", "limit"),
    C.SPREADSHEET_BAD_KEY: _spec(_E, "not a well-formed Google Sheets key or URL"),
    C.SPREADSHEET_UNREADABLE: _spec(
        _E, "a department spreadsheet could not be read (the source's own words, or the "
            "kind of failure)", "detail", unexpected=("reference", "error_type")),
    C.SPREADSHEET_TOO_LARGE: _spec(
        _E, "a department spreadsheet refused before parsing: over the limits", "detail"),
    C.SPREADSHEET_STALE: _spec(
        _W, "a spreadsheet served from its last snapshot: the read failed", "note"),
    C.SPREADSHEET_NOTE: _spec(_I, "what the source noted while reading a spreadsheet", "note"),
    # Rules that read the plan and the register
    C.DEADLINE_EMPTY: _spec(_I, "a task without a deadline, read as continuous",
                            task=_IN_TASK),
    C.DEADLINE_UNRECOGNISED: _spec(
        _W, "a deadline wording the rules do not know, read as continuous", "value",
        task=_IN_TASK),
    C.DEADLINE_OUTSIDE_PLAN: _spec(_W, "a one-off deadline outside the plan's years",
                                   "value", "due", "years", task=_IN_TASK),
    C.DEADLINE_OUTSIDE_YEARS: _spec(
        _E, "a deadline naming a year outside earliest_year..latest_year; the task is left "
            "out", "value", "year", "first", "last", task=_IN_TASK),
    C.INDICATOR_UNKNOWN: _spec(_W, "a Показник key that names no indicator",
                               "task", "value", "keys"),
    C.LICENSE_UNRECOGNISED: _spec(
        _W, "a licence text that is neither a known open nor a closed licence", "license"),
    C.FORMAT_UNRECOGNISED: _spec(_I, "a format the openness table does not know (1 star)",
                                 "format"),
    C.IMAGE_HOST_NOT_ALLOWED: _spec(
        _W, "a product picture on a host outside settings.image_hosts", "product", "hosts"),
    # The register export (annex 7)
    C.REGISTER_MISSING_VALUE: _spec(
        _W, "a value the Ministry's structure requires is missing (in a row, or in the "
            "council's settings)", "title", "name", "dataset", "header",
        setting=("title", "name", "setting")),
    C.REGISTER_MISSING_OPTIONAL_VALUE: _spec(
        _I, "a value the structure recommends is missing from the council's settings",
        "title", "name", "setting"),
    C.REGISTER_VALUE_OUTSIDE_STRUCTURE: _spec(
        _I, "a value outside the structure's allowed list", "value", "allowed"),
    C.REGISTER_LEFT_OUT: _spec(_I, "register rows not written to the export", "ids"),
}
