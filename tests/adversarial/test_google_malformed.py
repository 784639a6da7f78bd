"""Replies that are not Google's own answer: a class of failure, a Ukrainian message, the
kept snapshot served, and no command ending in «Внутрішня помилка».

Each fault is planted on the loopback fake server and read through the real google-auth,
gspread session and requests stack.
"""

# ruff: noqa: F811 - the fixtures of tests/gsheets/conftest.py, imported, are parameters here
from __future__ import annotations

from typing import Any

import pytest

from odcore.cli import main
from odcore.reading import load_workbook
from odcore.sources.base import SourceError
from odcore.sources.google_http import TOKEN_KEEP_SECONDS, ApiError, Failure
from tests.gsheets.conftest import MAIN_KEY
from tests.gsheets.hostile import add_main

HTML = b"<!DOCTYPE html><html><body>Wi-Fi: sign in to continue</body></html>"


def _values(change):
    """A mutate for the batchGet answer: ``change`` edits its first value range."""
    def mutate(answer: dict[str, Any]) -> dict[str, Any]:
        change(answer["valueRanges"][0])
        return answer
    return mutate


def _sheets(change):
    """A mutate for the metadata answer: ``change`` edits the first sheet's entry."""
    def mutate(answer: dict[str, Any]) -> dict[str, Any]:
        change(answer["sheets"][0])
        return answer
    return mutate


def _set(key, value):
    return lambda item: item.__setitem__(key, value)


def _set_property(key, value):
    return lambda sheet: sheet["properties"].__setitem__(key, value)


def _dict_cell(value_range):
    value_range["values"][1][0] = {"formula": "=A1"}


# (kind, fault, failure, words the message holds)
MALFORMED = {
    "values-cut-short": ("values", {"status": 200, "cut": 30}, Failure.TRUNCATED_REPLY, "обірвалася"),
    "values-broken-json": ("values", {"status": 200, "raw": b'{"valueRanges": [{"ran'},
                           Failure.MALFORMED_REPLY, "не вдалося прочитати"),
    "values-html-page": ("values", {"status": 200, "raw": HTML, "content_type": "text/html"},
                         Failure.NOT_GOOGLE, "вимагає входу"),
    "values-deep-nesting": ("values", {"status": 200, "raw": b"[" * 100_000},
                            Failure.MALFORMED_REPLY, "не вдалося прочитати"),
    "values-nan": ("values", {"status": 200, "raw": b'{"valueRanges": [{"range": "A1", '
                                                   b'"values": [[NaN]]}]}'},
                   Failure.MALFORMED_REPLY, "не вдалося прочитати"),
    "values-empty-object": ("values", {"mutate": lambda answer: {}}, Failure.MALFORMED_REPLY,
                            "немає «valueRanges»"),
    "values-not-rows": ("values", {"mutate": _values(_set("values", "рядки"))},
                        Failure.MALFORMED_REPLY, "не є списком рядків"),
    "values-row-not-a-list": ("values", {"mutate": _values(_set("values", [1, 2]))},
                              Failure.MALFORMED_REPLY, "не є списком"),
    "values-cell-is-an-object": ("values", {"mutate": _values(_dict_cell)},
                                 Failure.MALFORMED_REPLY, "клітинка не є значенням"),
    "values-proxy-page": ("values", {"status": 403, "raw": HTML, "content_type": "text/html"},
                          Failure.NOT_GOOGLE, "вимагає входу"),
    "values-redirect": ("values", {"status": 302, "raw": b"",
                                   "headers": {"Location": "http://portal.example/login"}},
                        Failure.NOT_GOOGLE, "portal.example"),
    "metadata-empty-object": ("metadata", {"mutate": lambda answer: {}},
                              Failure.MALFORMED_REPLY, "немає жодного аркуша"),
    "metadata-a-list": ("metadata", {"status": 200, "raw": b"[]"}, Failure.MALFORMED_REPLY,
                        "не вдалося прочитати"),
    "metadata-sheet-without-properties": (
        "metadata", {"mutate": _sheets(lambda sheet: sheet.pop("properties"))},
        Failure.MALFORMED_REPLY, "без «properties»"),
    "metadata-id-as-text": ("metadata", {"mutate": _sheets(_set_property("sheetId", "1001"))},
                            Failure.MALFORMED_REPLY, "«sheetId»"),
    "metadata-index-as-text": ("metadata", {"mutate": _sheets(_set_property("index", "0"))},
                               Failure.MALFORMED_REPLY, "«index»"),
    "token-captive-portal-page": ("token", {"status": 200, "raw": HTML,
                                            "content_type": "text/html"},
                                  Failure.NOT_GOOGLE, "вимагає входу"),
    "token-html-error-page": ("token", {"status": 400, "raw": HTML, "content_type": "text/html"},
                              Failure.NOT_GOOGLE, "вимагає входу"),
    "token-redirect": ("token", {"status": 302, "raw": b"",
                                 "headers": {"Location": "http://portal.example/login"}},
                       Failure.NOT_GOOGLE, "portal.example"),
    "token-cut-short": ("token", {"status": 200, "cut": 10}, Failure.TRUNCATED_REPLY, "обірвалася"),
    "token-broken-json": ("token", {"status": 200, "raw": b'{"access_token": "tok'},
                          Failure.MALFORMED_REPLY, "не вдалося прочитати"),
    "token-without-a-token": ("token", {"mutate": lambda answer: {"token_type": "Bearer"}},
                              Failure.MALFORMED_REPLY, "немає придатного токена"),
    "token-expiry-not-a-number": ("token", {"mutate": lambda answer: {**answer,
                                                                      "expires_in": "soon"}},
                                  Failure.MALFORMED_REPLY, "немає придатного токена"),
    "token-500": ("token", {"status": 500}, Failure.SERVER, "тимчасово не працює"),
    "token-503-page": ("token", {"status": 503, "raw": HTML, "content_type": "text/html"},
                       Failure.SERVER, "тимчасово не працює"),
    "token-try-later": ("token", {"status": 400, "body": {"error": "temporarily_unavailable"}},
                        Failure.SERVER, "тимчасово не працює"),
}


@pytest.fixture(params=sorted(MALFORMED))
def malformed(request) -> tuple[str, dict[str, Any], Failure, str]:
    return MALFORMED[request.param]


def test_a_malformed_reply_is_a_failure_class_with_a_ukrainian_message(google, open_source,
                                                                        malformed):
    kind, fault, failure, words = malformed
    add_main(google)
    google.fail(kind, times=None, **fault)

    with pytest.raises(SourceError) as caught:
        open_source().read_main()

    error = caught.value
    assert isinstance(error, ApiError) and error.failure is failure
    assert words in str(error) and "знімка цієї таблиці ще немає" in str(error)
    assert "відкликаний" not in str(error)


def test_a_malformed_reply_serves_the_kept_snapshot(google, open_source, clock, malformed):
    kind, fault, failure, words = malformed
    add_main(google)
    load_workbook(open_source())  # a good read leaves the snapshot
    clock.advance(3601)  # past the values' and the metadata's cache
    google.fail(kind, times=None, **fault)

    workbook = load_workbook(open_source())

    assert [t.code for t in workbook.tasks] == ["4.3"] and len(workbook.reports) == 1
    (info,) = workbook.spreadsheets
    assert info.stale_note.startswith("Дані таблиці «Програма» станом на ")
    (stale,) = [i for i in workbook.issues if i.code == "spreadsheet.stale"]
    assert words in stale.message


def _short_deadline(tmp_path) -> None:
    """The commands read settings from ODCORE_SECRETS_FILE (the google fixture's): a short
    deadline keeps their real backoff sleeps to one second."""
    (tmp_path / "secrets.toml").write_text("[odcore]\nrefresh_deadline_seconds = 1.5\n",
                                           encoding="utf-8")


def test_check_reports_a_malformed_reply_without_an_internal_error(google, malformed, capsys,
                                                                   tmp_path):
    kind, fault, failure, words = malformed
    add_main(google)
    _short_deadline(tmp_path)
    google.fail(kind, times=None, **fault)

    code = main(["check", f"gsheets:{MAIN_KEY}"])

    err = capsys.readouterr().err
    assert code == 2 and "Внутрішня помилка" not in err
    assert err.startswith("Помилка: ") and words in err


def test_doctor_survives_a_malformed_reply(google, malformed, capsys, tmp_path):
    kind, fault, failure, words = malformed
    add_main(google)
    _short_deadline(tmp_path)
    google.fail(kind, times=None, **fault)

    code = main(["doctor", f"gsheets:{MAIN_KEY}"])

    out = capsys.readouterr()
    assert code == 2 and "Внутрішня помилка" not in out.err + out.out
    assert "НЕ читається" in out.out and words in out.out


def test_init_sheet_survives_a_malformed_reply(google, malformed, capsys):
    kind, fault, failure, words = malformed
    add_main(google)
    google.fail(kind, times=None, **fault)

    code = main(["init-sheet", "--key", MAIN_KEY])

    err = capsys.readouterr().err
    assert code == 2 and "Внутрішня помилка" not in err and words in err


def test_a_token_refused_as_invalid_client_is_still_a_bad_key(google, open_source):
    add_main(google)
    google.fail("token", status=401, times=None,
                body={"error": "invalid_client", "error_description": "The OAuth client was "
                                                                      "not found."})

    with pytest.raises(ApiError) as caught:
        open_source().read_main()

    assert caught.value.failure is Failure.BAD_KEY and "відкликаний" in str(caught.value)


def test_a_token_endpoint_outage_is_retried_within_the_deadline_then_served_from_the_snapshot(
        google, open_source, clock, sleeps):
    add_main(google)
    load_workbook(open_source())
    clock.advance(TOKEN_KEEP_SECONDS)  # the kept token is no longer used: a new one is asked
    google.fail("token", status=500, times=None)

    workbook = load_workbook(open_source())

    assert len(workbook.reports) == 1 and workbook.spreadsheets[0].stale_note
    assert google.count("token") == 1 + 3  # google-auth's own retries and sleeps are not used
    assert sleeps == [1.0, 2.0]
