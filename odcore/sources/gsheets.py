"""Google Sheets as a source: one values request per spreadsheet, never a blank page.

All known tabs of a spreadsheet come in one ``values:batchGet`` (unformatted values, serial
dates), with only the header row of any other sheet. Tab titles and gids come from one metadata request per spreadsheet, cached for an
hour; when a cached tab was renamed or deleted (400 "Unable to parse range") the metadata is
fetched again once. Values are cached for ``cache_ttl_seconds``; every good read is kept as a
snapshot, which serves (with a "станом на" note) when Google cannot be read, and for
``failure_retry_seconds`` after a failure Google is not asked again.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from odcore.schema.tabs import spec_for_tab_name
from odcore.settings import Settings
from odcore.sources.base import (
    ERROR_VALUES,
    CellError,
    CellValue,
    RawSpreadsheet,
    RawTab,
    SourceError,
    spreadsheet_key,
)
from odcore.sources.google_http import (
    READ_SCOPES,
    ApiError,
    Deadline,
    Failure,
    GoogleApi,
    Target,
    load_service_account,
)
from odcore.sources.snapshots import SnapshotError, SnapshotStore, corrupt_message

if TYPE_CHECKING:
    from odcore.config import AppConfig

KYIV = ZoneInfo("Europe/Kyiv")
METADATA_TTL_SECONDS = 3600.0
VALUE_PARAMS = (("valueRenderOption", "UNFORMATTED_VALUE"),
                ("dateTimeRenderOption", "SERIAL_NUMBER"), ("majorDimension", "ROWS"))
METADATA_FIELDS = "spreadsheetId,properties(title,locale,timeZone),sheets(properties(sheetId,title,index))"

_CELL = re.compile(r"^([A-Za-z]*)(\d*)$")
# Floats beyond 2**53 are not exact integers; turning them into int would invent digits.
_EXACT_INT_LIMIT = 2**53


def spreadsheet_url(key: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{key}/edit"


class ReadCache:
    """What the Google source remembers between refreshes, per spreadsheet.

    Metadata for an hour, values for a TTL, the last failure for a retry window; the clock is
    injectable. One process-wide instance (:data:`SHARED_CACHE`) serves the app.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._metadata: dict[str, tuple[float, dict[str, Any]]] = {}
        self._values: dict[str, tuple[float, dict[str, Any]]] = {}
        self._failures: dict[str, tuple[float, SourceError]] = {}
        self._last_refresh: float | None = None

    def _get(self, store: dict[str, tuple[float, Any]], name: str, ttl: float) -> Any:
        with self._lock:
            entry = store.get(name)
            if entry is None or self._clock() - entry[0] >= ttl:
                return None
            return entry[1]

    def metadata(self, name: str) -> dict[str, Any] | None:
        return self._get(self._metadata, name, METADATA_TTL_SECONDS)

    def put_metadata(self, name: str, metadata: dict[str, Any]) -> None:
        with self._lock:
            self._metadata[name] = (self._clock(), metadata)

    def values(self, name: str, ttl: float) -> dict[str, Any] | None:
        return self._get(self._values, name, ttl)

    def put_values(self, name: str, payload: dict[str, Any]) -> None:
        with self._lock:
            self._values[name] = (self._clock(), payload)
            self._failures.pop(name, None)

    def failure(self, name: str, window: float) -> SourceError | None:
        """The error of a failure less than ``window`` seconds ago, else None."""
        return self._get(self._failures, name, window)

    def put_failure(self, name: str, error: SourceError) -> None:
        with self._lock:
            self._failures[name] = (self._clock(), error)

    def clear(self) -> None:
        with self._lock:
            self._metadata.clear()
            self._values.clear()
            self._failures.clear()

    def refresh_wait(self, cooldown: float) -> float:
        """Seconds until the refresh button may clear the cache again (0 when it may now)."""
        with self._lock:
            if self._last_refresh is None:
                return 0.0
            return max(0.0, cooldown - (self._clock() - self._last_refresh))

    def refresh(self, cooldown: float) -> bool:
        """Forget everything unless a refresh happened less than ``cooldown`` seconds ago."""
        if self.refresh_wait(cooldown) > 0:
            return False
        self.clear()
        with self._lock:
            self._last_refresh = self._clock()
        return True


SHARED_CACHE = ReadCache()


def refresh_data(settings: Settings) -> bool:
    """The "Оновити дані" button: drop cached metadata and values; False during the cooldown."""
    return SHARED_CACHE.refresh(settings.refresh_cooldown_seconds)


def refresh_wait_seconds(settings: Settings) -> float:
    """Seconds until "Оновити дані" works again (0 when it works now)."""
    return SHARED_CACHE.refresh_wait(settings.refresh_cooldown_seconds)


class GoogleSheetsSource:
    """The main Google spreadsheet and the department spreadsheets it lists."""

    def __init__(self, key: str, *, api: GoogleApi, settings: Settings, cache: ReadCache,
                 snapshots: SnapshotStore | None, store_snapshots: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.key = key
        self.api = api
        self.settings = settings
        self.cache = cache
        self.snapshots = snapshots
        self.store_snapshots = store_snapshots
        self.clock = clock
        self.label = f"Google Таблиця {key}"
        self.is_demo = False
        self._deadline: Deadline | None = None

    def read_main(self) -> RawSpreadsheet:
        """Start a refresh (one deadline for it) and read the main spreadsheet."""
        self._deadline = Deadline(self.settings.refresh_deadline_seconds, self.clock)
        sheet = self.read_spreadsheet(self.key)
        self.label = sheet.name
        return sheet

    def read_linked(self, reference: str) -> RawSpreadsheet:
        """A department spreadsheet named by its URL or key, within the same deadline."""
        key = spreadsheet_key(reference)
        if key is None:
            raise SourceError(f"«{reference}» не є посиланням на Google Таблицю чи її ключем.")
        return self.read_spreadsheet(key)

    def read_spreadsheet(self, key: str) -> RawSpreadsheet:
        """Fresh values (from the cache within its TTL), else the last snapshot."""
        name = self._cache_name(key)
        payload = self.cache.values(name, self.settings.cache_ttl_seconds)
        if payload is not None:
            return spreadsheet_from_payload(payload)
        recent = self.cache.failure(name, self.settings.failure_retry_seconds)
        if recent is not None:
            return self._from_snapshot(key, recent)
        try:
            payload = self._fetch(key)
            sheet = spreadsheet_from_payload(payload)
        except SourceError as exc:
            self.cache.put_failure(name, exc)
            return self._from_snapshot(key, exc)
        self.cache.put_values(name, payload)
        if self.snapshots is not None and self.store_snapshots:
            try:
                self.snapshots.save(key, payload)
            except OSError as exc:
                sheet.notes.append(f"Знімок таблиці не збережено ({self.snapshots.folder}: "
                                   f"{exc.strerror or exc}); без нього збій Google лишить "
                                   "сторінки без цих даних.")
        return sheet

    def _cache_name(self, key: str) -> str:
        return f"{self.api.endpoints.sheets}|{self.api.account.email}|{key}"

    def _deadline_now(self) -> Deadline:
        if self._deadline is None:
            self._deadline = Deadline(self.settings.refresh_deadline_seconds, self.clock)
        return self._deadline

    def _fetch(self, key: str) -> dict[str, Any]:
        """Metadata (cached) and one batchGet; a renamed tab refreshes the metadata once."""
        deadline = self._deadline_now()
        name = self._cache_name(key)
        metadata = self.cache.metadata(name)
        cached = metadata is not None
        if metadata is None:
            metadata = self._metadata(key, deadline)
            self.cache.put_metadata(name, metadata)
        try:
            return self._values(key, metadata, deadline)
        except ApiError as exc:
            if not cached or exc.failure is not Failure.BAD_RANGE:
                raise
        metadata = self._metadata(key, deadline)
        self.cache.put_metadata(name, metadata)
        return self._values(key, metadata, deadline)

    def _metadata(self, key: str, deadline: Deadline) -> dict[str, Any]:
        return self.api.request("GET", self.api.sheets_url(f"spreadsheets/{key}"),
                                Target(key, key), deadline, params={"fields": METADATA_FIELDS})

    def _values(self, key: str, metadata: dict[str, Any], deadline: Deadline) -> dict[str, Any]:
        ranges = tabs_to_read(metadata)
        titles = [title for title, _ in ranges]
        values: dict[str, Any] = {"valueRanges": []}
        if ranges:
            params = [("ranges", a1) for _, a1 in ranges] + list(VALUE_PARAMS)
            values = self.api.request(
                "GET", self.api.sheets_url(f"spreadsheets/{key}/values:batchGet"),
                Target(_title(metadata, key), key), deadline, params=params)
        read_at = dt.datetime.now(KYIV).isoformat(timespec="seconds")
        return {"key": key, "read_at": read_at, "metadata": metadata, "ranges": titles,
                "values": values}

    def _from_snapshot(self, key: str, error: SourceError) -> RawSpreadsheet:
        """The last snapshot with its "станом на" note; ``error``, extended, when there is none."""
        if self.snapshots is None:
            raise error
        try:
            payload = self.snapshots.load(key)
        except SnapshotError as exc:
            raise _extended(error, f"Також {exc}.") from None
        if payload is None:
            missing = ("У публічному режимі знімки таблиць не зберігаються (лише публічна копія "
                       "сторінок)." if not self.store_snapshots
                       else "Збереженого знімка цієї таблиці ще немає.")
            raise _extended(error, missing)
        try:
            sheet = spreadsheet_from_payload(payload, stale=True)
        except SourceError:
            corrupt = corrupt_message(self.snapshots.path(key), "невідома будова")
            raise _extended(error, f"Також {corrupt}.") from None
        sheet.notes.append(str(error))
        return sheet


def _extended(error: SourceError, sentence: str) -> SourceError:
    """The same error (its kind kept) with one more sentence."""
    if isinstance(error, ApiError):
        return ApiError(f"{error} {sentence}", error.failure, status=error.status,
                        detail=error.detail)
    return SourceError(f"{error} {sentence}")


def quote_title(title: str) -> str:
    """A sheet title as an A1 range of the whole sheet: ``'It''s'``."""
    return "'" + title.replace("'", "''") + "'"


def _sheets(metadata: dict[str, Any]) -> list[dict[str, Any]]:
    sheets = [s.get("properties", {}) for s in metadata.get("sheets", [])]
    return sorted(sheets, key=lambda p: p.get("index", 0))


def _title(metadata: dict[str, Any], key: str) -> str:
    title = metadata.get("properties", {}).get("title")
    return title if isinstance(title, str) and title.strip() else key


def tabs_to_read(metadata: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, A1 range) of every sheet: known tabs whole, other sheets their header row only.

    A lone sheet is read whole whatever its name (its header row tells which tab it is); the
    header row of another unknown sheet is enough for the reading layer to name it.
    """
    titles = [p["title"] for p in _sheets(metadata) if isinstance(p.get("title"), str)]
    return [(t, quote_title(t) if len(titles) == 1 or spec_for_tab_name(t) is not None
             else f"{quote_title(t)}!1:1") for t in titles]


def spreadsheet_from_payload(payload: dict[str, Any], *, stale: bool = False) -> RawSpreadsheet:
    """Raw API responses (a fresh read or a snapshot) as a RawSpreadsheet anchored at A1."""
    try:
        return _spreadsheet(payload, stale)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        key = payload.get("key", "") if isinstance(payload, dict) else ""
        raise ApiError(f"Таблиця {key}: Google повернув дані неочікуваної будови "
                       f"({type(exc).__name__}). Спробуйте оновити дані пізніше.",
                       Failure.BAD_RESPONSE) from None


def _spreadsheet(payload: dict[str, Any], stale: bool) -> RawSpreadsheet:
    key = str(payload["key"])
    metadata = payload["metadata"]
    name = _title(metadata, key)
    gids = {p["title"]: int(p["sheetId"]) for p in _sheets(metadata) if "sheetId" in p}
    grids = {}
    for title, value_range in zip(payload["ranges"], payload["values"]["valueRanges"],
                                  strict=True):
        grids[title] = _grid(value_range)
    tabs = [RawTab(title, grids[title], gids.get(title)) for title in gids if title in grids]
    read_at = dt.datetime.fromisoformat(payload["read_at"])
    stale_note = ""
    if stale:
        stale_note = (f"Дані таблиці «{name}» станом на "
                      f"{read_at.astimezone(KYIV):%d.%m.%Y %H:%M}: свіжі дані з Google "
                      "отримати не вдалося.")
    return RawSpreadsheet(name=name, location=spreadsheet_url(key), tabs=tabs, read_at=read_at,
                          kind="gsheets", stale_note=stale_note, key=key)


def _grid(value_range: dict[str, Any]) -> list[list[CellValue]]:
    """One valueRange as rows anchored at A1: the response's ``range`` tells where it starts."""
    row0, col0 = _range_start(str(value_range.get("range", "")))
    rows = value_range.get("values") or []
    grid: list[list[CellValue]] = [[] for _ in range(row0)]
    for row in rows:
        cells = [_cell(value) for value in row]
        while cells and cells[-1] is None:
            cells.pop()
        grid.append([None] * col0 + cells if cells else [])
    while grid and not grid[-1]:
        grid.pop()
    return grid


def _range_start(a1_range: str) -> tuple[int, int]:
    """0-based (row, column) of a range's first cell: ``'План'!B3:F9`` -> (2, 1)."""
    _, bang, cells = a1_range.rpartition("!")
    if not bang:
        return 0, 0
    match = _CELL.match(cells.split(":")[0].strip())
    if not match:
        return 0, 0
    letters, digits = match.groups()
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - 64
    return (int(digits) - 1 if digits else 0), (col - 1 if col else 0)


def _cell(value: Any) -> CellValue:
    """An unformatted API value as a CellValue: error texts become CellError, "" empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < _EXACT_INT_LIMIT else value
    if isinstance(value, str):
        return CellError(value) if value in ERROR_VALUES else value
    return str(value)


def open_google_source(location: str, config: AppConfig, *, cache: ReadCache | None = None,
                       sleep: Callable[[float], None] = time.sleep,
                       clock: Callable[[], float] = time.monotonic) -> GoogleSheetsSource:
    """The source for a Google Sheets URL or ``gsheets:KEY``; SourceError when unusable."""
    key = spreadsheet_key(location)
    if key is None:
        raise SourceError(
            f"«{location}» не є посиланням на Google Таблицю: вставте адресу з браузера "
            "(https://docs.google.com/spreadsheets/d/…/edit) або gsheets:КЛЮЧ.")
    account = load_service_account(config.gsheets_secrets)
    api = GoogleApi(account, READ_SCOPES, sleep=sleep, clock=clock)
    return GoogleSheetsSource(key, api=api, settings=config.settings,
                              cache=SHARED_CACHE if cache is None else cache,
                              snapshots=SnapshotStore(), store_snapshots=not config.public_only,
                              clock=clock)
