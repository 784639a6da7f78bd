"""Content checks: one planted defect of each kind in a small file made here, and files that
pass; local paths and loopback URLs."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import openpyxl
import pytest
from frictionless import Schema

from odcore.portal.content import (
    COMPLIANCE_REASON,
    ContentCheck,
    FindingKind,
    Verdict,
    check_content,
    sniff_format,
    table_schema,
)
from odcore.portal.structures import (
    Structure,
    StructureColumn,
    StructureResource,
    load_catalogue,
)
from tests.portal.conftest import FileServer

THINGS = StructureResource(99, "things", (
    StructureColumn("uid", "Ідентифікатор", "", "string", True),
    StructureColumn("name", "Назва", "", "string", True),
    StructureColumn("date", "Дата", "", "date", True),
    StructureColumn("count", "Кількість", "", "integer", False),
    StructureColumn("amount", "Сума", "", "decimal", False),
    StructureColumn("url", "Посилання", "", "anyURL", False),
), Path("."))
GOOD_CSV = ("uid,name,date,count,amount,url\n"
            "001,Парк,2024-01-02,3,1.5,https://example.gov.ua/a\n"
            "002,Сквер,2024-02-03,,,\n")


def _csv(tmp_path: Path, text: str, name: str = "file.csv", encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def _xlsx(tmp_path: Path, rows: list[list[object]], name: str = "file.xlsx") -> str:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return str(path)


def _kinds(check: ContentCheck) -> list[FindingKind]:
    return [f.kind for f in check.findings]


def test_a_csv_in_the_structure_passes(tmp_path: Path) -> None:
    check = check_content(_csv(tmp_path, GOOD_CSV), THINGS)
    assert (check.verdict, check.findings, check.rows_checked) == (Verdict.PASSED, (), 2)
    assert check.compliance_reason is None
    assert (check.encoding, check.file_format) == ("utf-8", "csv")


def test_a_csv_with_bom_and_semicolons_passes(tmp_path: Path) -> None:
    text = "\ufeff" + GOOD_CSV.replace(",", ";")
    assert check_content(_csv(tmp_path, text), THINGS).verdict is Verdict.PASSED


def test_an_xlsx_in_the_structure_passes_with_codes_typed_as_numbers(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, [["uid", "name", "date", "count", "amount", "url"],
                            [1, "Парк", dt.datetime(2024, 1, 2), 3, 1.5, "https://e.gov.ua"],
                            ["002", "Сквер", "2024-02-03", None, None, None],
                            [None, None, None, None, None, None]])
    check = check_content(path, THINGS)
    assert (check.verdict, check.findings, check.file_format) == (Verdict.PASSED, (), "xlsx")


@pytest.mark.parametrize(("text", "kind", "row", "column"), [
    ("uid,date\n1,2024-01-01\n", FindingKind.MISSING_REQUIRED_COLUMN, None, "name"),
    ("uid,name,date,colour\n1,a,2024-01-01,red\n", FindingKind.UNKNOWN_COLUMN, 1, "colour"),
    ("uid,name,date,\n1,a,2024-01-01,\n", FindingKind.BLANK_HEADER, 1, ""),
    ("uid,name,date,name\n1,a,2024-01-01,b\n", FindingKind.DUPLICATE_HEADER, 1, "name"),
    ("uid,name,date\n1,a,02.01.2024\n", FindingKind.TYPE_ERROR, 2, "date"),
    ("uid,name,date,count\n1,a,2024-01-01,3.5\n", FindingKind.TYPE_ERROR, 2, "count"),
    ("uid,name,date,amount\n1,a,2024-01-01,\"1,5\"\n", FindingKind.TYPE_ERROR, 2, "amount"),
    ("uid,name,date,url\n1,a,2024-01-01,www.x.ua\n", FindingKind.TYPE_ERROR, 2, "url"),
    ("uid,name,date\n1,,2024-01-01\n", FindingKind.MISSING_VALUE, 2, "name"),
    ("uid,name,date\n1,a,2024-01-01,extra\n", FindingKind.ROW_LENGTH, 2, ""),
])
def test_each_planted_defect_is_found_at_its_row_and_column(
        tmp_path: Path, text: str, kind: FindingKind, row: int | None, column: str) -> None:
    check = check_content(_csv(tmp_path, text), THINGS)
    assert _kinds(check) == [kind]
    finding = check.findings[0]
    assert (finding.row, finding.column) == (row, column)
    assert check.verdict is Verdict.FAILED
    assert check.compliance_reason == COMPLIANCE_REASON == "structure_mismatch"
    assert check.counts == {kind.value: 1}


def test_type_error_messages_name_row_column_letter_and_value(tmp_path: Path) -> None:
    check = check_content(_csv(tmp_path, "uid,name,date\n1,a,02.01.2024\n"), THINGS)
    assert check.findings[0].message == ("Рядок 2, стовпець «date» (C): «02.01.2024» не є "
                                         "датою РРРР-ММ-ДД.")
    assert check.findings[0].value == "02.01.2024"


def test_an_unknown_header_that_is_a_title_or_another_case_gets_a_hint(tmp_path: Path) -> None:
    check = check_content(_csv(tmp_path, "UID,Назва,date\n1,a,2024-01-01\n"), THINGS)
    messages = [f.message for f in check.findings if f.kind is FindingKind.UNKNOWN_COLUMN]
    assert "Мабуть, «uid»" in messages[0]
    assert "Це назва стовпця «name»" in messages[1]


def test_a_cp1251_file_is_not_utf8_and_still_checked(tmp_path: Path) -> None:
    path = _csv(tmp_path, "uid,name,date\n1,Київ,01.01.2024\n", encoding="cp1251")
    check = check_content(path, THINGS)
    assert _kinds(check) == [FindingKind.NOT_UTF8, FindingKind.TYPE_ERROR]
    assert check.encoding == "cp1251" and "CSV UTF-8" in check.findings[0].message
    assert check.verdict is Verdict.FAILED


@pytest.mark.parametrize("body", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_an_empty_csv_is_an_empty_file(tmp_path: Path, body: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(body)
    check = check_content(str(path), THINGS)
    assert (_kinds(check), check.verdict) == ([FindingKind.EMPTY_FILE], Verdict.FAILED)


def test_an_xlsx_without_a_header_row_is_an_empty_file(tmp_path: Path) -> None:
    check = check_content(_xlsx(tmp_path, []), THINGS)
    assert _kinds(check) == [FindingKind.EMPTY_FILE]


def test_xlsx_cells_are_checked_by_type(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, [["uid", "name", "date", "amount"],
                            ["1", "a", dt.date(2024, 1, 1), "abc"],
                            ["2", None, "2024-13-01", 2]])
    check = check_content(path, THINGS)
    assert [(f.kind, f.row, f.column) for f in check.findings] == [
        (FindingKind.TYPE_ERROR, 2, "amount"), (FindingKind.MISSING_VALUE, 3, "name"),
        (FindingKind.TYPE_ERROR, 3, "date")]


def test_a_file_over_the_cap_is_read_only_that_far(tmp_path: Path) -> None:
    rows = "".join(f"{n},a,2024-01-01\n" for n in range(2000))
    path = _csv(tmp_path, "uid,name,date\n" + rows)
    check = check_content(path, THINGS, max_bytes=1000)
    assert _kinds(check) == [FindingKind.TOO_LARGE]
    assert check.verdict is Verdict.UNCHECKED and check.compliance_reason is None
    assert check.bytes_read == 1000 and 0 < check.rows_checked < 2000
    assert "більший за 1000 байт" in check.findings[0].message
    # The header and the rows read are still checked.
    bad = _csv(tmp_path, "uid,date\n" + rows, name="bad.csv")
    check = check_content(bad, THINGS, max_bytes=1000)
    assert FindingKind.MISSING_REQUIRED_COLUMN in _kinds(check)
    assert check.verdict is Verdict.FAILED


def test_an_xlsx_over_the_cap_is_not_opened(tmp_path: Path) -> None:
    path = _xlsx(tmp_path, [["uid", "name", "date"]] + [[n, "a", "2024-01-01"]
                                                        for n in range(500)])
    check = check_content(path, THINGS, max_bytes=2000)
    assert (_kinds(check), check.verdict) == ([FindingKind.TOO_LARGE], Verdict.UNCHECKED)


def test_a_missing_file_or_a_pdf_is_unreadable_not_failed(tmp_path: Path) -> None:
    check = check_content(str(tmp_path / "none.csv"), THINGS)
    assert (_kinds(check), check.verdict) == ([FindingKind.UNREADABLE], Verdict.UNCHECKED)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4\n...")
    check = check_content(str(pdf), THINGS)
    assert check.verdict is Verdict.UNCHECKED and "pdf" in check.findings[0].message


def test_a_damaged_xlsx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04[Content_Types].xml" + b"\0" * 200)
    check = check_content(str(path), THINGS)
    assert (_kinds(check), check.verdict) == ([FindingKind.UNREADABLE], Verdict.UNCHECKED)


def test_a_structure_with_several_resources_checks_the_one_the_header_matches(
        tmp_path: Path) -> None:
    votes: Structure = load_catalogue().require(29)
    votings = votes.resource("votings")
    header = ",".join(votings.column_names)
    check = check_content(_csv(tmp_path, header + "\n"), votes)
    assert check.resource == "votings" and check.annex == 29
    assert check.verdict is Verdict.PASSED


def test_a_repeated_column_in_the_structure_is_not_a_duplicate(tmp_path: Path) -> None:
    equipment = load_catalogue().require(40).resources[0]
    assert equipment.column_names.count("currencyCode") == 3
    check = check_content(_csv(tmp_path, ",".join(equipment.column_names) + "\n"), equipment)
    assert FindingKind.DUPLICATE_HEADER not in _kinds(check)
    assert check.verdict is Verdict.PASSED


def test_the_table_schema_has_names_required_and_mapped_types() -> None:
    descriptor = table_schema(THINGS)
    Schema.from_descriptor(descriptor)  # frictionless accepts it
    fields = {f["name"]: f for f in descriptor["fields"]}
    assert fields["uid"] == {"name": "uid", "title": "Ідентифікатор", "type": "string",
                             "constraints": {"required": True}}
    assert (fields["date"]["type"], fields["count"]["type"], fields["amount"]["type"]) == (
        "date", "integer", "number")
    assert (fields["url"]["type"], fields["url"]["format"]) == ("string", "uri")
    assert "constraints" not in fields["count"]
    names = [f["name"] for f in table_schema(load_catalogue().require(40).resources[0])["fields"]]
    assert names.count("currencyCode") == 1 and "currencyCode.3" in names


def test_every_shipped_example_is_checked_without_an_error(tmp_path: Path) -> None:
    verdicts = set()
    for structure in load_catalogue().structures:
        for resource in structure.resources:
            check = check_content(str(resource.example_path), resource)
            assert FindingKind.UNREADABLE not in _kinds(check), resource.folder
            verdicts.add(check.verdict)
    # Hand-filled examples: some pass, some carry real defects (a row of titles under the
    # header, "www." links).
    assert verdicts == {Verdict.PASSED, Verdict.FAILED}


def test_sniffing_reads_the_first_bytes_before_the_name() -> None:
    book = openpyxl.Workbook()
    stream = io.BytesIO()
    book.save(stream)
    assert sniff_format(stream.getvalue(), "data.csv") == "xlsx"
    assert sniff_format(b"<!DOCTYPE html><html>", "data.csv") == "html"
    assert sniff_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") == "xls"
    assert sniff_format(b"uid,name\n1,a\n", "x") == "csv"
    assert sniff_format(b'[{"a": 1}]') == "json"


def test_a_url_is_fetched_and_checked(file_server: FileServer) -> None:
    url = file_server.put("/things.csv", GOOD_CSV.encode("utf-8"))
    check = check_content(url, THINGS)
    assert (check.verdict, check.source) == (Verdict.PASSED, url)
    method, _, headers = file_server.requests[0]
    assert method == "GET" and headers["User-Agent"].startswith("odcore/")


def test_a_url_over_the_cap_stops_reading_at_the_cap(file_server: FileServer) -> None:
    body = ("uid,name,date\n" + "1,a,2024-01-01\n" * 200_000).encode("utf-8")
    url = file_server.put("/big.csv", body)
    check = check_content(url, THINGS, max_bytes=10_000)
    assert check.bytes_read == 10_000 and FindingKind.TOO_LARGE in _kinds(check)
    assert check.verdict is Verdict.UNCHECKED


def test_a_url_that_fails_or_is_slow_is_unreadable_within_the_timeout(
        file_server: FileServer) -> None:
    missing = check_content(file_server.url + "/nothing.csv", THINGS)
    assert "404" in missing.findings[0].message and missing.verdict is Verdict.UNCHECKED
    slow = file_server.put("/slow.csv", GOOD_CSV.encode("utf-8"), delay=3.0)
    started = time.monotonic()
    check = check_content(slow, THINGS, timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert _kinds(check) == [FindingKind.UNREADABLE] and "не відповів" in check.findings[0].message
