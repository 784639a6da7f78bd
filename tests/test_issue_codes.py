"""The Issue code taxonomy is closed: the IssueCode enum is the taxonomy, every wording of every
code has a Ukrainian and an English template naming exactly its declared parameters, the docs
list exactly the enum's codes, and no code is written as a free string."""

from __future__ import annotations

import io
import re
import string
import tokenize
from pathlib import Path

import pytest

from odcore.i18n import CATALOGUE, Phrase
from odcore.issue_codes import CODE_SPECS, IssueCode, Severity
from odcore.issue_messages import ISSUE_MESSAGES
from odcore.issues import Finding, Issue

ROOT = Path(__file__).resolve().parents[1]
CYRILLIC = re.compile("[\u0400-\u04ff]")
QUOTED = re.compile("«[^»]*»")
WORDINGS = [(code, wording) for code in IssueCode for wording in CODE_SPECS[code].wordings]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _id(case: tuple[IssueCode, str]) -> str:
    return case[0].key(case[1])


def test_every_code_has_a_severity_and_a_wording() -> None:
    assert set(CODE_SPECS) == set(IssueCode)
    assert all(isinstance(spec.severity, Severity) and spec.wordings and spec.meaning
               for spec in CODE_SPECS.values())


@pytest.mark.parametrize("case", WORDINGS, ids=_id)
def test_every_template_names_exactly_its_declared_parameters(
        case: tuple[IssueCode, str]) -> None:
    code, wording = case
    uk, en = CATALOGUE[code.key(wording)]
    declared = set(CODE_SPECS[code].wordings[wording])
    assert placeholders(uk) == declared
    assert placeholders(en) == declared


@pytest.mark.parametrize("case", WORDINGS, ids=_id)
def test_every_message_is_built_in_both_languages_from_its_declared_parameters(
        case: tuple[IssueCode, str]) -> None:
    code, wording = case
    values = {name: f"Value{n}" for n, name in enumerate(CODE_SPECS[code].wordings[wording])}
    finding = Finding.of(code, wording, **values)
    ukrainian, english = finding.message_in("uk"), finding.message_in("en")
    assert ukrainian == finding.message
    # A source's own words (a file reader's, Google's) pass through as the source wrote them.
    passed_through = re.fullmatch(r"\{\w+\}", CATALOGUE[finding.key][0])
    assert passed_through or CYRILLIC.search(ukrainian)
    assert all(value in ukrainian and value in english for value in values.values())
    # Tab and column names the English text quotes are the spreadsheets' own: data.
    assert CYRILLIC.findall(QUOTED.sub("", english)) == []


def test_the_catalogue_holds_no_message_without_its_code() -> None:
    declared = {code.key(wording) for code, wording in WORDINGS}
    assert {k for k in ISSUE_MESSAGES if k.startswith("issue.")} == declared


def test_a_free_string_code_or_undeclared_values_are_refused() -> None:
    with pytest.raises(TypeError):
        Finding("date.invalid", (("value", "x"),))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="names"):
        Finding.of(IssueCode.DATE_INVALID)
    with pytest.raises(ValueError, match="names"):
        Finding.of(IssueCode.DATE_INVALID, value="x", extra="y")
    with pytest.raises(ValueError, match="wording"):
        Finding.of(IssueCode.DATE_INVALID, "no_such_wording", value="x")
    with pytest.raises(TypeError):
        Finding.of(IssueCode.DATE_INVALID, value=5)  # type: ignore[arg-type]


def test_findings_and_issues_are_frozen_values_built_whichever_way() -> None:
    import dataclasses
    import pickle

    phrase = Phrase.of("place.row", row="4")
    by_keywords = Finding.of(IssueCode.ID_DUPLICATE, "dataset", value="A", where=phrase)
    by_fields = Finding(IssueCode.ID_DUPLICATE, (("value", "A"), ("where", phrase)), "dataset")
    assert by_keywords == by_fields and hash(by_keywords) == hash(by_fields)
    assert vars(by_keywords) == {"code": IssueCode.ID_DUPLICATE,
                                 "params": (("value", "A"), ("where", phrase)),
                                 "wording": "dataset"}
    assert dataclasses.replace(by_keywords, wording="dataset") == by_keywords
    with pytest.raises(ValueError, match="names"):  # a name twice is not its declared names
        Finding(IssueCode.DATE_INVALID, (("value", "x"), ("value", "y")))
    issue = Issue(by_keywords, "Книга", "Набори даних", 5, "ID", "A5", "A", "Відділ", "link")
    assert vars(issue) == {"finding": by_keywords, "spreadsheet": "Книга",
                           "tab": "Набори даних", "row": 5, "column": "ID", "cell": "A5",
                           "value": "A", "department": "Відділ", "link": "link"}
    assert issue == Issue(by_fields, spreadsheet="Книга", tab="Набори даних", row=5,
                          column="ID", cell="A5", value="A", department="Відділ")  # link apart
    assert pickle.loads(pickle.dumps(issue)) == issue and hash(issue) == hash(issue.replaced())
    for frozen, name in ((by_keywords, "code"), (issue, "row")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(frozen, name, None)
    with pytest.raises(TypeError):
        Issue("date.invalid")  # type: ignore[arg-type]


def test_a_finding_with_new_values_is_the_finding_of_built_with_them() -> None:
    phrase = Phrase.of("place.row", row="4")
    template = Finding.of(IssueCode.ID_DUPLICATE, "dataset", value="A", where=phrase)
    other = Phrase.of("place.row", row="9")
    assert template.with_values(("B", other)) == Finding.of(
        IssueCode.ID_DUPLICATE, "dataset", value="B", where=other)
    with pytest.raises(ValueError, match="names 2 values"):
        template.with_values(("B",))
    with pytest.raises(TypeError, match="where must be text, not int"):
        template.with_values(("B", 4))  # type: ignore[arg-type]


def test_severity_comes_from_the_code_and_the_json_keeps_its_shape() -> None:
    issue = Issue(Finding.of(IssueCode.VOCAB_UNKNOWN_OPTIONAL, value="x", choices="«a»"),
                  spreadsheet="main", tab="Звіти", row=3, column="Статус", cell="C3", value="x")
    assert issue.severity is Severity.WARNING and not issue.is_error
    assert list(issue.to_json()) == ["code", "severity", "spreadsheet", "tab", "row", "column",
                                     "value", "message", "cell"]
    assert issue.to_json()["code"] == "vocab.unknown_optional"
    assert issue.to_json()["message"] == issue.message == issue.message_in("uk")
    assert issue.message_in("en").startswith("«x» is not one of the allowed values")


def test_a_nested_message_is_rendered_in_the_same_language() -> None:
    found = Finding.of(IssueCode.DEADLINE_UNRECOGNISED, value="колись")
    placed = Finding.of(IssueCode.DEADLINE_UNRECOGNISED, "task", task="9.9", found=found.phrase)
    assert placed.message == f"Завдання 9.9: {found.message}"
    assert placed.message_in("en") == f"Task 9.9: {found.message_in('en')}"
    where = Phrase.of("place.tab_row", tab="plan", row="2")
    duplicate = Finding.of(IssueCode.ID_DUPLICATE, "task", value="1.1", where=where)
    assert "(вкладка «plan», рядок 2)" in duplicate.message
    assert "(tab «plan», row 2)" in duplicate.message_in("en")


def _string_literals(path: Path) -> set[str]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return {tok.string.strip("\"'") for tok in tokens if tok.type == tokenize.STRING}


def test_no_code_is_written_as_a_free_string_in_odcore() -> None:
    codes = {code.value for code in IssueCode}
    found = {str(path.relative_to(ROOT)): sorted(_string_literals(path) & codes)
             for path in (ROOT / "odcore").rglob("*.py") if path.name != "issue_codes.py"}
    assert {path: hits for path, hits in found.items() if hits} == {}


def test_every_code_is_emitted_somewhere() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "odcore").rglob("*.py")
                     if p.name != "issue_codes.py")
    assert [c.name for c in IssueCode if f"IssueCode.{c.name}" not in text] == []


def test_the_docs_list_exactly_the_enum_codes() -> None:
    doc = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
    table = doc.split("## Issue codes", 1)[1]
    listed = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|", table, re.MULTILINE)
    assert sorted(listed) == sorted(c.value for c in IssueCode)
    assert len(listed) == len(set(listed))


def test_every_code_is_named_by_some_other_test() -> None:
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py")
             if p.name != "test_issue_codes.py"]
    untested = [c.value for c in IssueCode if not any(f'"{c.value}"' in text for text in texts)]
    assert untested == [], "write a test that expects these codes"


def test_an_issue_replaced_equals_dataclasses_replace_and_keeps_its_finding():
    import dataclasses

    issue = Issue(Finding.of(IssueCode.DATE_INVALID, value="32.01.2024"), spreadsheet="Книга",
                  tab="Звіти", row=5, column="Дата звіту", value="32.01.2024",
                  link="https://docs.google.com/spreadsheets/d/k/edit#gid=1&range=A5")
    changes = {"cell": "E5", "link": "https://docs.google.com/x#gid=1&range=E5",
               "department": "Відділ ІТ"}
    placed = issue.replaced(**changes)
    expected = dataclasses.replace(issue, **changes)
    assert placed == expected and placed.link == expected.link
    assert vars(placed) == vars(expected) and type(placed) is Issue
    assert issue.cell == "" and issue.department == ""  # the original is unchanged
    with pytest.raises(dataclasses.FrozenInstanceError):
        placed.cell = "A1"  # type: ignore[misc]
    for wrong in ({"finding": issue.finding}, {"row": 6}, {"celll": "E5"}):
        with pytest.raises(TypeError):
            issue.replaced(**wrong)  # type: ignore[arg-type]


def test_count_by_severity_counts_every_code_under_its_severity():
    from odcore.issues import count_by_severity

    issues = [Issue(Finding(code, tuple((p, "x") for p in sorted(params)), wording))
              for code in IssueCode for wording, params in code.spec.wordings.items()
              for _ in range(2)]
    expected = {"errors": 0, "warnings": 0, "infos": 0}
    for issue in issues:
        expected[{Severity.ERROR: "errors", Severity.WARNING: "warnings",
                  Severity.INFO: "infos"}[issue.severity]] += 1
    assert count_by_severity(issues) == expected
    assert min(expected.values()) > 0 and count_by_severity([]) == dict.fromkeys(expected, 0)
