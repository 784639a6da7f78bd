"""A database address is shown without its password, whichever way libpq lets it be written."""

from __future__ import annotations

import pytest

from odcore.dburl import redact_url, scrub


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://odcore:S3cr%40t@db:5432/odcore", "postgresql://odcore:***@db:5432/odcore"),
    ("postgres://odcore@db/odcore", "postgres://odcore@db/odcore"),
    ("postgresql:///odcore?host=/run/postgresql&password=S3cr3t&user=odcore",
     "postgresql:///odcore?host=/run/postgresql&password=***&user=odcore"),
    ("host=db user=odcore password=S3cr&t dbname=odcore",
     "host=db user=odcore password=*** dbname=odcore"),
    ("host=db password='two words' dbname=odcore", "host=db password=*** dbname=odcore"),
])
def test_the_password_is_replaced_and_the_rest_kept(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_an_error_text_loses_the_password_wherever_it_appears() -> None:
    url = "postgresql://odcore:S3cr%40t@db/odcore"
    text = "connection to postgresql://odcore:S3cr%40t@db/odcore failed: S3cr@t rejected"
    cleaned = scrub(text, url)
    assert "S3cr" not in cleaned and cleaned.count("***") == 2
