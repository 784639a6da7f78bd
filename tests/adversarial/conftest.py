"""The loopback Google fixtures of tests/gsheets, for the hostile Google replies here."""

from tests.gsheets.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    cache,
    clock,
    google,
    key_info,
    open_source,
    private_key,
    sleeps,
    three_sheets,
)
