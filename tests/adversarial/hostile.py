"""Hostile workbooks built at test time, and ``python -m odcore check`` run on them as a user
runs it: in its own process, so a file that aborts the process fails the test instead of
taking pytest down with it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CheckRun:
    """What ``check --format json`` printed and its exit code."""

    code: int
    issues: list[dict[str, Any]]
    stderr: str

    def codes(self, tab: str | None = None) -> set[str]:
        return {i["code"] for i in self.issues if tab is None or i["tab"] == tab}

    def found(self, code: str, tab: str | None = None) -> list[dict[str, Any]]:
        return [i for i in self.issues if i["code"] == code and (tab is None or i["tab"] == tab)]


def run_check(source: Path, tmp_path: Path, settings: str = "") -> CheckRun:
    """``python -m odcore check SOURCE --format json`` with ``[odcore]`` settings (TOML lines)."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f"[odcore]\n{settings}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if k not in ("ODCORE_SOURCE", "ODCORE_OPEN_ACCESS", "ODCORE_PUBLIC_ONLY")}
    env["ODCORE_SECRETS_FILE"] = str(secrets)
    done = subprocess.run([sys.executable, "-m", "odcore", "check", str(source), "--format", "json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    issues = json.loads(done.stdout) if done.returncode in (0, 1) else []
    return CheckRun(done.returncode, issues, done.stderr)


def demo_copy(demo_path: Path, target: Path) -> Path:
    """A copy of the demo workbook to spoil."""
    return Path(shutil.copy(demo_path, target))


def rewrite_part(path: Path, part: str, change: Any) -> None:
    """Rewrite one member of a zip in place: ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info.filename, change(data) if info.filename == part else data)
