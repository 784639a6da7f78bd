"""The service counters a benchmark reads from outside the server (odcore/bench_stats.py)."""

from __future__ import annotations

import json
import os

import pytest

from odcore.bench_stats import ENV, write_bench_stats


def test_the_counters_are_written_where_the_variable_says(tmp_path, monkeypatch):
    target = tmp_path / "stats.json"
    monkeypatch.setenv(ENV, str(target))
    write_bench_stats(3)
    assert json.loads(target.read_text("utf-8")) == {"pid": os.getpid(), "reads": 3}
    write_bench_stats(4)  # rewritten, not appended
    assert json.loads(target.read_text("utf-8"))["reads"] == 4
    assert [p.name for p in tmp_path.iterdir()] == ["stats.json"]  # no scratch file left


def test_nothing_is_written_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    write_bench_stats(1)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing-folder/stats.json", ""])
def test_a_file_that_cannot_be_written_is_skipped(tmp_path, monkeypatch, where):
    monkeypatch.setenv(ENV, str(tmp_path / where) if where else str(tmp_path))
    write_bench_stats(1)  # a folder, or a folder that does not exist: no exception
    assert not list(tmp_path.rglob("*.tmp"))
