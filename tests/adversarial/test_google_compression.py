"""Google gzips its answers: the transport unpacks them itself, within max_file_bytes, so a
small compressed body that unpacks to gigabytes, a broken one, or one cut short is a failure
of its class, never a memory blow-up or an internal error.
"""

# ruff: noqa: F811 - the fixtures of tests/gsheets/conftest.py, imported, are parameters here
from __future__ import annotations

import gzip

import pytest

from odcore.reading import load_workbook
from odcore.sources.google_http import ApiError, Failure
from tests.gsheets.hostile import add_main

GZIP = {"Content-Encoding": "gzip"}


def test_gzipped_answers_read_as_plain_ones(google, open_source):
    add_main(google)
    google.compress = True

    workbook = load_workbook(open_source())

    assert [t.code for t in workbook.tasks] == ["4.3"] and len(workbook.reports) == 1
    assert workbook.spreadsheets[0].stale_note == ""


@pytest.mark.parametrize(("body", "failure", "words"), [
    (gzip.compress(b"{" + b" " * 50_000_000 + b"}"), Failure.TOO_LARGE, "(max_file_bytes)"),
    (b"\x1f\x8b\x08\x00 not really gzip", Failure.MALFORMED_REPLY, "не вдалося розпакувати"),
    (gzip.compress(b'{"valueRanges": []}')[:-12], Failure.TRUNCATED_REPLY, "обірвалася"),
], ids=["bomb", "broken", "cut-short"])
def test_a_bad_compressed_answer_is_a_failure_of_its_class(google, open_source, body, failure,
                                                           words):
    add_main(google)
    google.fail("values", status=200, times=None, raw=body, headers=GZIP)

    with pytest.raises(ApiError) as caught:
        open_source(max_file_bytes=1_000_000).read_main()

    assert caught.value.failure is failure and words in str(caught.value)


def test_an_unknown_compression_is_a_malformed_reply(google, open_source):
    add_main(google)
    google.fail("values", status=200, times=None, raw=b"\x00\x01",
                headers={"Content-Encoding": "br"})

    with pytest.raises(ApiError) as caught:
        open_source().read_main()

    assert caught.value.failure is Failure.MALFORMED_REPLY and "«br»" in str(caught.value)
