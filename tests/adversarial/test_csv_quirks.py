"""Real CSV folders: long cells, one tab saved twice under two names, odd encodings."""

from __future__ import annotations

from pathlib import Path

from odcore.reading import load_workbook
from odcore.settings import DEFAULT_SETTINGS
from odcore.sources.csv_folder import CsvFolderSource


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_a_cell_longer_than_the_csv_module_default_still_loads(tmp_path):
    # Python's csv module refuses fields over 128 KiB by default; a long dataset description
    # pasted from a document must not make the whole folder unreadable. It is cut to
    # max_cell_chars, with a warning at its cell.
    description = "Опис " * 60_000  # 300 000 characters
    text = f"ID;Назва;Розпорядник;Статус;Опис\nD1;Бюджет;Відділ ІТ;Оприлюднено;{description}\n"
    folder = _write(tmp_path / "main", {"Набори даних.csv": text.encode("utf-8")})
    workbook = load_workbook(CsvFolderSource(folder))
    limit = DEFAULT_SETTINGS.max_cell_chars
    assert [d.description for d in workbook.datasets] == [description[:limit].strip()]
    [cut] = [i for i in workbook.issues if i.code == "cell.too_long"]
    assert (cut.tab, cut.row, cut.cell) == ("Набори даних", 2, "E2")


def test_the_same_tab_saved_under_two_names_loses_no_rows(tmp_path):
    # "План.csv" and "plan.csv" both name the tab План: both are read and merged, as rows
    # of the same tab from several spreadsheets are, so a repeated code shows as a duplicate
    # instead of one file being dropped with a message that it matches no tab.
    folder = _write(tmp_path / "main", {
        "План.csv": "Код,Розділ,Завдання\n4.3,4. Якість,Контроль\n".encode(),
        "plan.csv": b"code,section,task\n4.4,4. Quality,Other\n",
    })
    workbook = load_workbook(CsvFolderSource(folder))
    assert sorted(t.code for t in workbook.tasks) == ["4.3", "4.4"]
    assert not [i for i in workbook.issues if i.code == "tab.unknown"]


def test_a_cp1251_file_and_a_bom_inside_a_quoted_header_read(tmp_path):
    folder = _write(tmp_path / "main", {
        "Продукти.csv": "Назва;Тип\nBot;Чат-бот\n".encode("cp1251"),
        "Заходи.csv": '"\ufeffДата",Назва,Тип\n01.03.2024,X,Захід\n'.encode(),
        "datasets.csv": b"ID,title,department,status\nD1,Budget,IT,Opr\n",  # cp1251, ASCII only
    })
    workbook = load_workbook(CsvFolderSource(folder))
    assert [p.name for p in workbook.products] == ["Bot"]
    assert [e.title for e in workbook.events] == ["X"]


def test_a_row_repeated_in_the_second_file_names_where_the_first_one_is(tmp_path):
    folder = _write(tmp_path / "main", {
        "План.csv": "Код,Розділ,Завдання\n4.3,4. Якість,Контроль\n".encode(),
        "plan.csv": "code,section,task\n4.3,4. Якість,Інше\n".encode(),
    })
    workbook = load_workbook(CsvFolderSource(folder))
    [issue] = [i for i in workbook.issues if i.code == "id.duplicate"]
    assert "вкладка «plan», рядок 2" in issue.message
    assert "рядку рядок" not in issue.message


def test_a_duplicate_in_the_same_tab_reads_as_one_phrase(tmp_path):
    folder = _write(tmp_path / "main", {
        "План.csv": "Код,Розділ,Завдання\n4.3,4. Якість,А\n4.3,4. Якість,Б\n".encode(),
    })
    workbook = load_workbook(CsvFolderSource(folder))
    [issue] = [i for i in workbook.issues if i.code == "id.duplicate"]
    assert issue.row == 3
    assert "(рядок 2)" in issue.message and "рядку рядок" not in issue.message
