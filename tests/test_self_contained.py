"""The repository stands alone: nothing tracked reads or links a path outside it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# A parent-relative path, an absolute path of this workplace, or a sibling folder reached by
# climbing parents. The words are assembled so that this file does not match itself.
_SIBLING = "sha" + "red"
_WORKPLACE = "/" + "work" + "/"
OUTSIDE = re.compile(
    rf"\.\./(?:{_SIBLING}|seed|ministry-structures)\b"
    rf"|{_WORKPLACE}"
    rf"|parents\[\d+\]\s*/\s*[\"']{_SIBLING}[\"']"
    rf"|[\"']{_SIBLING}[\"']\s*/\s*[\"']"
)


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout
    files = []
    for name in listed.decode("utf-8").split("\0"):
        path = ROOT / name
        if name and path.is_file() and path.suffix in {".py", ".md", ".toml", ".txt", ".cfg",
                                                       ".ini", ".sh", ".example", ".json", ""}:
            files.append(path)
    return files


def test_no_tracked_file_refers_to_a_path_outside_the_repository():
    offenders = []
    for path in _tracked_text_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:120]}")
    assert offenders == []


def test_the_check_finds_the_forms_it_is_meant_to_find():
    for line in (f'SEED = Path(__file__).resolve().parents[3] / "{_SIBLING}" / "seed"',
                 f"see `../{_SIBLING}/RULES.md`",
                 f'Path("{_WORKPLACE}{_SIBLING}/ministry-structures/x.json")'):
        assert OUTSIDE.search(line), line


def test_the_data_the_product_uses_ships_inside_it():
    structures = ROOT / "odcore" / "portal" / "structures"
    assert (structures / "annex-07" / "register" / "schema.json").is_file()
    assert (structures / "index.csv").is_file()
    assert (ROOT / "docs" / "contract" / "plan-2024-2026.txt").is_file()
