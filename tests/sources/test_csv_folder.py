"""CsvFolderSource on real folders of CSV files built in tmp_path."""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from odcore.sources.base import CellError, SourceError
from odcore.sources.csv_folder import CsvFolderSource

MakeFolder = Callable[..., Path]

PLAN_TEXT = "Код;Розділ;Завдання\n4.1;4. Дані;Оновити реєстр, опис\n"
PLAN_ROWS = [["Код", "Розділ", "Завдання"], ["4.1", "4. Дані", "Оновити реєстр, опис"]]


def read(folder: Path) -> dict[str, list[list[object]]]:
    return {tab.title: tab.values for tab in CsvFolderSource(folder).read_main().tabs}


def test_each_csv_file_is_a_tab_titled_by_its_stem(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder(
        {"План.csv": PLAN_TEXT.encode(), "reports.CSV": b"a,b\n", "readme.txt": b"x", ".hidden.csv": b"x"}
    )
    (folder / "nested.csv").mkdir()
    spreadsheet = CsvFolderSource(folder).read_main()
    assert [tab.title for tab in spreadsheet.tabs] == ["reports", "План"]
    assert spreadsheet.kind == "csv"
    assert spreadsheet.name == "main"
    assert spreadsheet.location == str(folder.resolve())
    assert spreadsheet.read_at.utcoffset() == dt.timedelta(0)


def test_source_label_is_the_folder_name_and_demo_flag_is_kept(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder({"План.csv": b"a\n"})
    source = CsvFolderSource(str(folder), is_demo=True)
    assert (source.label, source.is_demo) == ("main", True)


def test_current_folder_is_named_by_its_real_name(
    make_csv_folder: MakeFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(make_csv_folder({"План.csv": b"a\n"}))
    source = CsvFolderSource(".")
    assert (source.label, source.read_main().name) == ("main", "main")


def test_decomposed_file_name_gives_the_composed_tab_title(make_csv_folder: MakeFolder) -> None:
    decomposed = unicodedata.normalize("NFD", "Заходи й події")
    assert decomposed != "Заходи й події"
    folder = make_csv_folder({f"{decomposed}.csv": b"a\n"})
    assert list(read(folder)) == ["Заходи й події"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ";"), ("utf-8-sig", ";"), ("cp1251", ";"), ("utf-8", ","), ("cp1251", ",")],
)
def test_encoding_and_delimiter_are_detected_per_file(
    make_csv_folder: MakeFolder, encoding: str, delimiter: str
) -> None:
    text = PLAN_TEXT.replace(";", delimiter) if delimiter == ";" else (
        'Код,Розділ,Завдання\n4.1,4. Дані,"Оновити реєстр, опис"\n'
    )
    folder = make_csv_folder({"План.csv": text.encode(encoding)})
    assert read(folder)["План"] == PLAN_ROWS


def test_files_of_one_folder_may_differ_in_encoding(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder(
        {"План.csv": PLAN_TEXT.encode("cp1251"), "Звіти.csv": "Статус\nВиконано\n".encode("utf-8-sig")}
    )
    tabs = read(folder)
    assert tabs["План"] == PLAN_ROWS
    assert tabs["Звіти"] == [["Статус"], ["Виконано"]]


def test_delimiter_counts_only_outside_quotes(make_csv_folder: MakeFolder) -> None:
    text = '"Код;код";Назва,опис\n"1;2";"a,b"\n'  # one ";" outside quotes, one "," outside
    folder = make_csv_folder({"t.csv": text.encode()})
    assert read(folder)["t"] == [["Код;код", "Назва,опис"], ["1;2", "a,b"]]
    text = '"a;b;c",d\n"1;2;3",4\n'
    folder = make_csv_folder({"t.csv": text.encode()}, name="other")
    assert read(folder)["t"] == [["a;b;c", "d"], ["1;2;3", "4"]]


def test_single_column_file_keeps_commas_and_semicolons_of_values(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder({"Підрозділи.csv": "Підрозділ\nВідділ освіти, культури; спорту\n".encode()})
    assert read(folder)["Підрозділи"] == [["Підрозділ"], ["Відділ освіти, культури; спорту"]]


def test_quoted_field_keeps_its_newlines_and_rows_count_records(make_csv_folder: MakeFolder) -> None:
    text = 'Код;Що зроблено\r\n4.1;"перший рядок\r\nдругий рядок"\r\n4.2;ще\r\n'
    folder = make_csv_folder({"Звіти.csv": text.encode()})
    assert read(folder)["Звіти"] == [
        ["Код", "Що зроблено"],
        ["4.1", "перший рядок\r\nдругий рядок"],
        ["4.2", "ще"],
    ]


def test_rows_are_anchored_at_a1_and_empty_fields_are_none(make_csv_folder: MakeFolder) -> None:
    text = "Код;Назва;Опис\n\n;;\n4.1;;x\n5.1; ;\n\n\n"
    folder = make_csv_folder({"План.csv": text.encode()})
    assert read(folder)["План"] == [
        ["Код", "Назва", "Опис"],
        [],
        [],
        ["4.1", None, "x"],
        ["5.1", " "],
    ]


def test_values_are_text_even_when_they_look_like_numbers_or_errors(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder({"t.csv": b"a;b;c;d\n007;4.10;TRUE;#REF!\n"})
    row = read(folder)["t"][1]
    assert row == ["007", "4.10", "TRUE", "#REF!"]
    assert not any(isinstance(value, CellError) for value in row)


def test_header_delimiter_is_found_after_leading_blank_lines(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder({"t.csv": b"\r\n\r\na;b\r\n1;2,5\r\n"})
    assert read(folder)["t"] == [[], [], ["a", "b"], ["1", "2,5"]]


def test_empty_csv_file_is_an_empty_tab(make_csv_folder: MakeFolder) -> None:
    assert read(make_csv_folder({"t.csv": b""}))["t"] == []


def read_error(folder: Path) -> str:
    with pytest.raises(SourceError) as caught:
        CsvFolderSource(folder).read_main()
    return str(caught.value)


def test_folder_without_csv_files_is_reported(make_csv_folder: MakeFolder) -> None:
    folder = make_csv_folder({"readme.txt": b"x"})
    assert read_error(folder) == (
        f"У папці {folder} немає файлів .csv (один файл на вкладку: План.csv, Звіти.csv, ...)"
    )


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    assert read_error(tmp_path / "nope") == f"Папку з файлами CSV не знайдено: {tmp_path / 'nope'}"


def test_file_instead_of_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "План.csv"
    path.write_bytes(b"a\n")
    assert read_error(path) == (
        f"{path} — не папка: потрібна папка з файлами CSV (один файл на вкладку)"
    )


@pytest.mark.parametrize(
    "data", ["Код\n4.1\n".encode("utf-16"), b"\x98\x98\x98\n"], ids=["utf-16", "not-cp1251"]
)
def test_file_in_an_unsupported_encoding_is_reported(make_csv_folder: MakeFolder, data: bytes) -> None:
    folder = make_csv_folder({"План.csv": data})
    assert read_error(folder) == (
        f"Файл План.csv у папці {folder} не є текстом у кодуванні UTF-8 або Windows-1251: "
        "збережіть його як «CSV UTF-8»"
    )


def test_linked_reference_is_resolved_beside_the_main_folder(
    make_csv_folder: MakeFolder, xlsx_path: Path
) -> None:
    main = make_csv_folder({"План.csv": PLAN_TEXT.encode()})
    make_csv_folder({"Звіти.csv": b"a;b\n1;2\n"}, name="finance")
    shutil.copy(xlsx_path, main.parent / "culture.xlsx")
    source = CsvFolderSource(main)
    assert source.read_linked("finance").tabs[0].values == [["a", "b"], ["1", "2"]]
    assert source.read_linked("culture.xlsx").tabs[0].values[5][2] == CellError("#DIV/0!")


def test_linked_url_or_missing_path_is_reported_with_the_reference(make_csv_folder: MakeFolder) -> None:
    source = CsvFolderSource(make_csv_folder({"План.csv": b"a\n"}))
    with pytest.raises(SourceError, match="«http://example.org/x.csv» у «Підрозділи»"):
        source.read_linked("http://example.org/x.csv")
    with pytest.raises(SourceError, match="Таблицю «finance» з «Підрозділи» / «Таблиця» не знайдено"):
        source.read_linked("finance")
