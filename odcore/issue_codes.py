"""The closed taxonomy of Issue codes, with what each means (docs/reading.md lists them)."""

from __future__ import annotations

ISSUE_CODES: dict[str, str] = {
    # One cell
    "cell.spreadsheet_error": "the cell holds a spreadsheet error value such as #REF!",
    "cell.unreadable": "the cell (or row) could not be read at all",
    "value.required": "a required cell is empty",
    "date.invalid": "not a date in an accepted form",
    "date.outside_years": "a date outside settings.earliest_year..latest_year",
    "yesno.invalid": "not a yes/no answer",
    "quarter.invalid": "not a quarter in an accepted form",
    "quarter.outside_plan": "a quarter outside the plan's years",
    "progress.ambiguous_one": "a number 1 in Прогрес, %: 1 %, or 100 % in a percent format (info)",
    "number.invalid": "not a number where a percentage is expected",
    "progress.out_of_range": "a percentage outside 0-100",
    "progress.fraction": "a fraction between 0 and 1 read as a percentage (info)",
    "text.number_as_text": "a number or date in a text column, read as its text (info)",
    "url.invalid": "not an http(s) URL; never shown as a link",
    "email.invalid": "not an e-mail address",
    "vocab.unknown": "not one of a closed vocabulary's values",
    "text.contact_in_public": "a public free-text cell holds an e-mail address or a phone number",
    # One tab
    "column.missing": "a required column is absent; the tab is not read",
    "column.duplicate": "a header appears twice; the first column is read",
    "column.unknown": "columns the contract does not know, ignored (info)",
    "tab.empty": "a known tab without a header row (info)",
    "tab.guessed": "a lone sheet read as the tab its headers match (info)",
    "tab.unknown": "a sheet that matches no tab, ignored (info)",
    "tab.ignored": "a department spreadsheet's own Підрозділи, not followed (info)",
    "tab.missing": "a tab absent from every spreadsheet (info)",
    "register.status_inferred": "a register without Статус: status taken from the URL (info)",
    # Across tabs and spreadsheets
    "id.duplicate": "a task code, dataset ID or department listed twice",
    "ref.unknown_task": "a task code that is not in План",
    "ref.unknown_dataset": "a dataset ID that is not in Набори даних",
    "ref.unknown_department": "a department that is not in Підрозділи",
    "report.duplicate": "two reports for one task, period and department",
    "department.foreign_row": "a row in a department's spreadsheet names another department",
    "spreadsheet.duplicate": "a department spreadsheet listed twice (info)",
    "spreadsheet.too_many": "more department spreadsheets than the limit",
    "spreadsheet.bad_key": "not a well-formed Google Sheets key or URL",
    "spreadsheet.unreadable": "a department spreadsheet could not be read",
    "spreadsheet.stale": "a spreadsheet served from its last snapshot: the read failed",
    "spreadsheet.note": "what the source noted while reading a spreadsheet (info)",
    # Rules that read the plan and the register
    "deadline.empty": "a task without a deadline, read as continuous (info)",
    "deadline.unrecognised": "a deadline wording the rules do not know, read as continuous",
    "deadline.outside_plan": "a one-off deadline outside the plan's years",
    "deadline.outside_years": "a deadline naming a year outside earliest_year..latest_year; "
                              "the task is left out",
    "indicator.unknown": "a Показник key that names no indicator",
    "license.unrecognised": "a licence text that is neither a known open nor a closed licence",
    "format.unrecognised": "a format the openness table does not know (1 star)",
    "image.host_not_allowed": "a product picture on a host outside settings.image_hosts",
    # The register export (annex 7)
    "register.missing_value": "a value the Ministry's structure requires is missing",
    "register.value_outside_structure": "a value outside the structure's allowed list",
    "register.left_out": "a register row not written to the export",
}
