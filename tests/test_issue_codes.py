"""The Issue code taxonomy is closed: every code the code emits is catalogued and documented."""

from __future__ import annotations

import re
from pathlib import Path

from odcore.issue_codes import ISSUE_CODES

ROOT = Path(__file__).resolve().parents[1]
# A code is the first string given to an Issue or Finding builder (or the one after a record).
EMITTED = re.compile(
    r'(?:code=|(?:_err|_warn|_info|Finding|issue|_issue)\(\s*'
    r'|(?:_record_issue|_replace|_issue)\(\s*[\w.]+,\s*)"([a-z_]+\.[a-z_]+)"')


def _emitted_codes() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "odcore").rglob("*.py"):
        if path.name == "issue_codes.py":
            continue
        codes.update(EMITTED.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_emitted_code_is_in_the_catalogue():
    unknown = {c for c in _emitted_codes() if c not in ISSUE_CODES}
    assert not unknown, f"add to odcore/issue_codes.py: {sorted(unknown)}"


def test_every_catalogued_code_is_emitted_somewhere():
    assert set(ISSUE_CODES) <= _emitted_codes()


def test_every_code_is_documented():
    doc = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
    assert [c for c in ISSUE_CODES if f"`{c}`" not in doc] == []


def test_every_code_is_named_by_some_other_test():
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py")
             if p.name != "test_issue_codes.py"]
    untested = [c for c in ISSUE_CODES if not any(f'"{c}"' in text for text in texts)]
    assert untested == [], "write a test that expects these codes"
