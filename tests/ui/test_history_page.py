"""The «Історія» page: a coordinator closes a quarter, and that quarter's row then comes from
the frozen copy after the register changed (docs/history.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from odcore.i18n import translate
from odcore.periods import Quarter
from odcore.rules.progress import previous_quarter_as_of
from odcore.settings import DEFAULT_SETTINGS
from odcore.ui.format import format_quarter
from tests.test_history import CHANGED, _set_last_updated
from tests.ui.conftest import APP, TIMEOUT
from tests.ui.rendered import unescape

PAGE = "app_pages/history.py"


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path, secrets_file: Path,
              monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo as an open-access source this test may change, with its own state folder."""
    path = tmp_path / "demo.xlsx"
    shutil.copyfile(demo_path, path)
    monkeypatch.setenv("ODCORE_SOURCE", str(path))
    monkeypatch.setenv("ODCORE_OPEN_ACCESS", "1")
    monkeypatch.setenv("ODCORE_STATE_DIR", str(tmp_path / "state"))
    return path


def _run() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


def _overdue_by_quarter(at: AppTest) -> dict[str, str]:
    column = translate("history.col.overdue")
    quarter = translate("history.col.quarter")
    closed = translate("history.col.closed")
    frame = next(d.value for d in at.dataframe
                 if column in d.value.columns and closed not in d.value.columns)
    return dict(zip(frame[quarter], frame[column], strict=True))


def _closed_marks(at: AppTest) -> dict[str, str]:
    quarter, closed = translate("history.col.quarter"), translate("history.col.closed")
    frame = next(d.value for d in at.dataframe if closed in d.value.columns)
    return dict(zip(frame[quarter], frame[closed], strict=True))


def test_a_closed_quarter_is_shown_from_its_frozen_copy(demo_copy: Path) -> None:
    at = _run()
    assert at.title[0].value == translate("history.title")
    marks = _closed_marks(at)
    assert marks["II кв. 2025"] == translate("history.live_mark")

    at.selectbox[0].set_value(next(o for o in at.selectbox[0].options
                                   if o == "II кв. 2025"))
    at.button[0].click().run()  # the form's «Закрити квартал»
    assert not at.exception
    assert [unescape(s.value) for s in at.success][0].startswith("II кв. 2025 закрито")

    _set_last_updated(demo_copy, CHANGED, dt.datetime(2020, 1, 1))
    at = _run()
    marks = _closed_marks(at)
    assert marks["II кв. 2025"].startswith("закрито ")
    assert marks["III кв. 2025"] == translate("history.live_mark")
    overdue = _overdue_by_quarter(at)
    assert CHANGED not in overdue.get("II кв. 2025", "")
    assert CHANGED in overdue["III кв. 2025"]


def test_an_unreachable_database_leaves_the_live_history_with_a_warning(
        demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.pg import free_port

    monkeypatch.setenv("ODCORE_DATABASE_URL",
                       f"postgresql://odcore:S3cret-pw@127.0.0.1:{free_port()}/odcore")
    at = _run()
    warnings = [unescape(w.value) for w in at.warning]
    assert any("Закриті квартали зараз не прочитано" in w for w in warnings), warnings
    assert "S3cret-pw" not in " ".join(warnings)
    assert "***" in " ".join(warnings)
    assert _closed_marks(at)["II кв. 2025"] == translate("history.live_mark")


def _previous_quarter() -> Quarter:
    """The quarter the overview compares with today (the last one over)."""
    today = DEFAULT_SETTINGS.today()
    return Quarter.of(previous_quarter_as_of(today) - dt.timedelta(days=1))


def test_the_overview_says_where_its_change_comes_from_and_the_card_is_the_frozen_file(
        demo_copy: Path) -> None:
    previous = format_quarter(_previous_quarter())
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()  # the overview
    assert not at.exception
    deltas = [unescape(str(m.proto.delta)) for m in at.metric]
    assert any(translate("overview.change_live", quarter=previous) in d for d in deltas)

    at = _run()  # the coordinator closes it on «Історія»
    at.selectbox[0].set_value(previous)
    at.button[0].click().run()
    assert [unescape(s.value) for s in at.success][0].startswith(f"{previous} закрито")
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    deltas = [unescape(str(m.proto.delta)) for m in at.metric]
    assert any(translate("overview.change_closed", quarter=previous) in d for d in deltas)

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.switch_page("app_pages/datasets.py").run()
    assert not at.exception
    captions = [unescape(c.value) for c in at.caption]
    assert any(c.startswith("Квартал закрито ") for c in captions)
    trend = next(d.value for d in at.dataframe if "published_by_end" in d.value.columns)
    marks = dict(zip(trend["quarter"], trend["closed"], strict=True))
    assert marks[previous].startswith("закрито ")


def test_the_debt_table_lists_the_newest_quarter_first(demo_copy: Path) -> None:
    at = _run()
    department = translate("history.col.department")
    debt = next(d.value for d in at.dataframe if department in d.value.columns)
    quarters = list(debt.columns[1:])
    marks = _closed_marks(at)  # the quarter table, oldest first
    assert list(debt.columns[:1]) == [department]
    assert quarters == list(reversed(list(marks))) and len(quarters) > 2


def test_the_chart_legend_says_in_words_whether_a_quarter_is_closed(demo_copy: Path) -> None:
    at = _run()
    assert not at.exception
    charts = b"".join(c.proto.SerializeToString() for c in at.get("vega_lite_chart"))
    assert translate("history.legend_live").encode() in charts  # not a bare true/false
