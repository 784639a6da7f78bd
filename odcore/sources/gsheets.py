"""Google Sheets as a source: one values request per spreadsheet, never a blank page.

All known tabs of a spreadsheet come in one ``values:batchGet`` (unformatted values, serial
dates), with only the header row of any other sheet. Tab titles and gids come from one
metadata request per spreadsheet, cached for an hour; when a cached tab was renamed or
deleted (400 "Unable to parse range") the metadata is fetched again once. Values are cached
for ``cache_ttl_seconds``; every good read is kept as a snapshot, which serves (with a
"станом на" note) when Google cannot be read, and for ``failure_retry_seconds`` after a
failure Google is not asked again.

Nothing in a reply or a snapshot is trusted: its shape is checked (a wrong one is a
``malformed_reply`` failure, or an unusable snapshot), a range that starts past the reading
limits or would pad past ``max_used_range_cells`` fails its tab only, and a reply lacking
tabs that the kept snapshot holds never replaces them: they are carried over, dated
(docs/sources.md, "A reply never replaces kept data with less").
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from odcore.sources.base import (
    DEFAULT_LIMITS,
    ERROR_VALUES,
    CellError,
    CellValue,
    RawSpreadsheet,
    RawTab,
    ReadLimits,
    SourceError,
    column_letter,
    spreadsheet_key,
)
from odcore.sources.google_http import (
    READ_SCOPES,
    ApiError,
    Deadline,
    Failure,
    GoogleApi,
    ServiceAccount,
    Target,
)
from odcore.sources.snapshots import PayloadStore, SnapshotError, SnapshotStore, corrupt_message

KYIV = ZoneInfo("Europe/Kyiv")


def _no_known_tabs(title: str) -> str | None:
    return None


@dataclass(frozen=True)
class SheetsPolicy:
    """What the Google source needs to know, and nothing more (it never sees Settings).

    ``tab_key`` names the contract's tab a sheet title is (None for any other sheet): those
    sheets, and a lone sheet, are read whole, the others their header row only. ``tz`` dates
    the notes; the three durations are the cache TTL, how long a failure is not retried, and
    the one deadline of a whole refresh.
    """

    tab_key: Callable[[str], str | None] = _no_known_tabs
    limits: ReadLimits = DEFAULT_LIMITS
    tz: dt.tzinfo = KYIV
    cache_ttl_seconds: float = 300
    failure_retry_seconds: float = 60
    refresh_deadline_seconds: float = 20.0


DEFAULT_POLICY = SheetsPolicy()
METADATA_TTL_SECONDS = 3600.0
VALUE_PARAMS = (("valueRenderOption", "UNFORMATTED_VALUE"),
                ("dateTimeRenderOption", "SERIAL_NUMBER"), ("majorDimension", "ROWS"))
METADATA_FIELDS = "spreadsheetId,properties(title,locale,timeZone),sheets(properties(sheetId,title,index))"

_CELL = re.compile(r"^([A-Za-z]{0,7})(\d{0,15})$")
# Floats beyond 2**53 are not exact integers; turning them into int would invent digits.
_EXACT_INT_LIMIT = 2**53


def spreadsheet_url(key: str) -> str:
    return f"https://docs.google.com/spreadsheets/d/{key}/edit"


class ReadCache:
    """What the Google source remembers between refreshes, per spreadsheet.

    Metadata for an hour, values for a TTL, the last failure for a retry window; the clock is
    injectable. The data service owns one per source (odcore.service), so the app's sessions
    share it and «Оновити дані» clears it.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._metadata: dict[str, tuple[float, dict[str, Any]]] = {}
        self._values: dict[str, tuple[float, dict[str, Any]]] = {}
        self._failures: dict[str, tuple[float, SourceError]] = {}

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

    def forget_values(self) -> None:
        """Forget the values and failures, keep the metadata: the refresh worker reads every
        spreadsheet's values again on each round without asking for its sheets again."""
        with self._lock:
            self._values.clear()
            self._failures.clear()

    def clear(self) -> None:
        with self._lock:
            self._metadata.clear()
            self._values.clear()
            self._failures.clear()


class GoogleSheetsSource:
    """The main Google spreadsheet and the department spreadsheets it lists."""

    def __init__(self, key: str, *, api: GoogleApi, policy: SheetsPolicy, cache: ReadCache,
                 snapshots: PayloadStore | None, store_snapshots: bool = True,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.key = key
        self.api = api
        self.policy = policy
        self.cache = cache
        self.snapshots = snapshots
        self.store_snapshots = store_snapshots
        self.clock = clock
        self.label = f"Google Таблиця {key}"
        self.is_demo = False
        self._deadline: Deadline | None = None

    def read_main(self) -> RawSpreadsheet:
        """Start a refresh (one deadline for it) and read the main spreadsheet."""
        self._deadline = Deadline(self.policy.refresh_deadline_seconds, self.clock)
        sheet = self.read_spreadsheet(self.key)
        self.label = sheet.name
        return sheet

    def read_linked(self, reference: str) -> RawSpreadsheet:
        """A department spreadsheet named by its URL or key, within the same deadline."""
        return self.read_spreadsheet(linked_key(reference))

    def read_spreadsheet(self, key: str) -> RawSpreadsheet:
        """Fresh values (from the cache within its TTL), else the last snapshot.

        A fresh reply lacking tabs that the kept snapshot holds never replaces them: those
        tabs are served (and kept) from the snapshot, dated, and the read says so
        (docs/google-sheets.md, "Коли відповідь Google неповна").
        """
        name = self._cache_name(key)
        payload = self.cache.values(name, self.policy.cache_ttl_seconds)
        if payload is not None:
            return spreadsheet_from_payload(payload, self.policy)
        recent = self.cache.failure(name, self.policy.failure_retry_seconds)
        if recent is not None:
            return self._from_snapshot(key, recent)
        try:
            payload, sheet = self._reconciled(key, self._fetch(key))
        except SourceError as exc:
            self.cache.put_failure(name, exc)
            return self._from_snapshot(key, exc)
        self.cache.put_values(name, payload)
        if self.snapshots is not None and self.store_snapshots:
            try:
                self.snapshots.save(key, payload)
            except OSError as exc:
                sheet.notes.append(f"Знімок таблиці не збережено ({self.snapshots.where(key)}: "
                                   f"{exc.strerror or exc}); без нього збій Google лишить "
                                   "сторінки без цих даних.")
        return sheet

    def _cache_name(self, key: str) -> str:
        return f"{self.api.endpoints.sheets}|{self.api.account.email}|{key}"

    def _deadline_now(self) -> Deadline:
        if self._deadline is None:
            self._deadline = Deadline(self.policy.refresh_deadline_seconds, self.clock)
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
        """The spreadsheet's metadata, checked before it is cached for an hour."""
        data = self.api.request("GET", self.api.sheets_url(f"spreadsheets/{key}"),
                                Target(key, key), deadline, params={"fields": METADATA_FIELDS})
        try:
            return checked_metadata(data)
        except MalformedPayload as exc:
            raise malformed_error(key, key, str(exc)) from None

    def _values(self, key: str, metadata: dict[str, Any], deadline: Deadline) -> dict[str, Any]:
        ranges = tabs_to_read(metadata, self.policy.tab_key)
        titles = [title for title, _ in ranges]
        values: dict[str, Any] = {"valueRanges": []}
        if ranges:
            params = [("ranges", a1) for _, a1 in ranges] + list(VALUE_PARAMS)
            values = self.api.request(
                "GET", self.api.sheets_url(f"spreadsheets/{key}/values:batchGet"),
                Target(_title(metadata, key), key), deadline, params=params)
        read_at = dt.datetime.now(self.policy.tz).isoformat(timespec="seconds")
        return {"key": key, "read_at": read_at, "metadata": metadata, "ranges": titles,
                "values": values}

    def _reconciled(self, key: str, payload: dict[str, Any]
                    ) -> tuple[dict[str, Any], RawSpreadsheet]:
        """The payload to cache and keep, and its spreadsheet: the fresh read, with the tabs
        holding rows that the kept snapshot has and the fresh read lacks carried over."""
        fresh = _built_or_error(payload, self.policy)
        kept, note = self._kept_copy(key)
        if kept is None:
            fresh.sheet.notes.extend([note] if note else [])
            return payload, fresh.sheet
        carried = {identity: entry for identity, entry in kept.data.items()
                   if identity not in fresh.present}
        if not carried:
            return payload, fresh.sheet
        merged = {**payload, "kept": [_kept_item(entry) for entry in carried.values()]}
        return merged, _built_or_error(merged, self.policy).sheet

    def _kept_copy(self, key: str) -> tuple[_Built | None, str]:
        """The kept snapshot, read to compare a fresh read with; (None, a note) when it is
        unusable, (None, "") when there is none or none is kept in this mode."""
        if self.snapshots is None or not self.store_snapshots:
            return None, ""
        try:
            return _load_built(self.snapshots, key, self.policy), ""
        except SnapshotError as exc:
            why = str(exc)
        return None, f"{why[:1].upper()}{why[1:]}; його замінить цей свіжий знімок."

    def _from_snapshot(self, key: str, error: SourceError) -> RawSpreadsheet:
        """The last snapshot with its "станом на" note; ``error``, extended, when there is none."""
        if self.snapshots is None:
            raise error
        try:
            sheet = read_snapshot(self.snapshots, key, self.policy)
        except SnapshotError as exc:
            raise _extended(error, f"Також {exc}.") from None
        if sheet is None:
            missing = ("У публічному режимі знімки таблиць не зберігаються (лише публічна копія "
                       "сторінок)." if not self.store_snapshots
                       else "Збереженого знімка цієї таблиці ще немає.")
            raise _extended(error, missing)
        sheet.notes.append(str(error))
        return sheet


def linked_key(reference: str) -> str:
    """The key of a department spreadsheet named by its URL or key; SourceError when it is
    neither."""
    key = spreadsheet_key(reference)
    if key is None:
        raise SourceError(f"«{reference}» не є посиланням на Google Таблицю чи її ключем.")
    return key


class KeptSheetsSource:
    """The "kept only" Google source of a web replica when the refresh worker is configured
    (``[odcore] worker = true`` / ODCORE_WORKER=1): every spreadsheet is the copy the worker
    kept, never a request to Google, so replicas spend none of the quota. A copy is served as
    read (dated by the worker's read); a spreadsheet with no copy yet is a SourceError."""

    def __init__(self, key: str, snapshots: PayloadStore,
                 policy: SheetsPolicy = DEFAULT_POLICY) -> None:
        self.key = key
        self.snapshots = snapshots
        self.policy = policy
        self.label = f"Google Таблиця {key}"
        self.is_demo = False

    def read_main(self) -> RawSpreadsheet:
        sheet = self.read_spreadsheet(self.key)
        self.label = sheet.name
        return sheet

    def read_linked(self, reference: str) -> RawSpreadsheet:
        return self.read_spreadsheet(linked_key(reference))

    def read_spreadsheet(self, key: str) -> RawSpreadsheet:
        try:
            payload = self.snapshots.load(key)
        except SnapshotError as exc:
            raise SourceError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None
        if payload is None:
            raise SourceError(
                f"Таблиця {key}: процес оновлення (python -m odcore refresh) ще не зберіг її "
                "копії; сторінки покажуть її дані після його першого читання.")
        try:
            return _build(payload, self.policy, stale=False).sheet
        except MalformedPayload as exc:
            raise SourceError(corrupt_message(self.snapshots.where(key),
                                              f"невідома будова: {exc}")) from None


def read_snapshot(store: PayloadStore, key: str, policy: SheetsPolicy = DEFAULT_POLICY
                  ) -> RawSpreadsheet | None:
    """The kept snapshot of ``key`` as the spreadsheet it would serve, None when there is
    none; SnapshotError (naming the file) when it cannot be used."""
    built = _load_built(store, key, policy)
    return built.sheet if built is not None else None


def _load_built(store: PayloadStore, key: str, policy: SheetsPolicy) -> _Built | None:
    payload = store.load(key)
    if payload is None:
        return None
    try:
        built = _build(payload, policy, stale=True)
    except MalformedPayload as exc:
        raise SnapshotError(corrupt_message(store.where(key), f"невідома будова: {exc}")) from None
    if built.sheet.key != key:
        raise SnapshotError(corrupt_message(store.where(key), "знімок іншої таблиці"))
    return built


def _extended(error: SourceError, sentence: str) -> SourceError:
    """The same error (its kind kept) with one more sentence."""
    if isinstance(error, ApiError):
        return ApiError(f"{error} {sentence}", error.failure, status=error.status,
                        detail=error.detail)
    return SourceError(f"{error} {sentence}")


def quote_title(title: str) -> str:
    """A sheet title as an A1 range of the whole sheet: ``'It''s'``."""
    return "'" + title.replace("'", "''") + "'"


class MalformedPayload(ValueError):
    """A reply or a snapshot of a shape Google never sends; the message (Ukrainian, lower
    case) says what is wrong."""


def malformed_error(name: str, key: str, what: str) -> ApiError:
    """The error for a reply of the wrong shape: an outage, so the kept snapshot serves."""
    subject = f"Таблиця «{name}» ({key})" if name != key else f"Таблиця {key}"
    return ApiError(f"{subject}: Google повернув відповідь неочікуваної будови ({what}). "
                    "Це збій на боці Google чи мережі; спробуйте оновити дані за кілька хвилин.",
                    Failure.MALFORMED_REPLY, detail=what)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    """A short display of an unexpected JSON value for a message."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"«{value}»"
    return text if len(text) <= 40 else text[:39] + "…"


def checked_metadata(data: Any) -> dict[str, Any]:
    """Spreadsheet metadata in which every field this package reads has its type: at least
    one sheet, each with ``properties``, a unique non-empty title, integer ids and indexes;
    MalformedPayload otherwise."""
    if not isinstance(data, dict):
        raise MalformedPayload("опис таблиці не є обʼєктом JSON")
    if not isinstance(data.get("properties", {}), dict):
        raise MalformedPayload("«properties» таблиці не є обʼєктом")
    sheets = data.get("sheets")
    if not isinstance(sheets, list) or not sheets:
        raise MalformedPayload("в описі таблиці немає жодного аркуша")
    seen: set[str] = set()
    for number, sheet in enumerate(sheets, 1):
        properties = sheet.get("properties") if isinstance(sheet, dict) else None
        if not isinstance(properties, dict):
            raise MalformedPayload(f"аркуш {number} в описі таблиці без «properties»")
        title = properties.get("title")
        if not isinstance(title, str) or not title:
            raise MalformedPayload(f"аркуш {number} в описі таблиці без назви")
        if title in seen:
            raise MalformedPayload(f"два аркуші з назвою «{title}»")
        seen.add(title)
        for field_name in ("sheetId", "index"):
            value = properties.get(field_name)
            if value is not None and not _is_int(value):
                raise MalformedPayload(f"«{field_name}» аркуша «{title}» не є цілим числом "
                                       f"({_shown(value)})")
    return data


def checked_value_ranges(values: Any, requested: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The value ranges of a batchGet reply by the sheet title each names (only titles that
    were requested); MalformedPayload when the reply's shape is wrong."""
    if not isinstance(values, dict):
        raise MalformedPayload("відповідь зі значеннями не є обʼєктом JSON")
    if requested and "valueRanges" not in values:
        raise MalformedPayload("у відповіді немає «valueRanges»")
    value_ranges = values.get("valueRanges", [])
    if not isinstance(value_ranges, list):
        raise MalformedPayload("«valueRanges» не є списком")
    wanted = set(requested)
    found: dict[str, dict[str, Any]] = {}
    for value_range in value_ranges:
        if not isinstance(value_range, dict) or not isinstance(value_range.get("range"), str):
            raise MalformedPayload("елемент «valueRanges» без «range»")
        if not isinstance(value_range.get("values", []), list):
            raise MalformedPayload(f"«values» діапазону {_shown(value_range['range'])} не є "
                                   "списком рядків")
        title = range_title(value_range["range"])
        if title in wanted and title not in found:
            found[title] = value_range
    return found


def range_title(a1_range: str) -> str | None:
    """The sheet title an A1 range names (``'It''s'!A1:B2`` -> ``It's``); None without one."""
    title, bang, _ = a1_range.rpartition("!")
    if not bang or not title:
        return None
    if len(title) > 1 and title[0] == title[-1] == "'":
        return title[1:-1].replace("''", "'")
    return title


def _sheets(metadata: dict[str, Any]) -> list[dict[str, Any]]:
    sheets = [s.get("properties", {}) for s in metadata.get("sheets", [])]
    return sorted(sheets, key=lambda p: p.get("index", 0))


def _title(metadata: dict[str, Any], key: str) -> str:
    title = metadata.get("properties", {}).get("title")
    return title if isinstance(title, str) and title.strip() else key


def _reads_whole(title: str, titles: Sequence[str], tab_key: Callable[[str], str | None]
                 ) -> bool:
    """A lone sheet and every known tab are read whole; other sheets their header row only."""
    return len(titles) == 1 or tab_key(title) is not None


def tabs_to_read(metadata: dict[str, Any], tab_key: Callable[[str], str | None]
                 ) -> list[tuple[str, str]]:
    """(title, A1 range) of every sheet: known tabs whole, other sheets their header row only.

    A lone sheet is read whole whatever its name (its header row tells which tab it is); the
    header row of another unknown sheet is enough for the reading layer to name it.
    """
    titles = [p["title"] for p in _sheets(metadata) if isinstance(p.get("title"), str)]
    return [(t, quote_title(t) if _reads_whole(t, titles, tab_key) else f"{quote_title(t)}!1:1")
            for t in titles]


@dataclass(frozen=True)
class _Entry:
    """One sheet of a payload: its properties, its value range (None when the reply holds
    none) and when it was read; ``kept`` marks a tab carried over from an earlier read."""

    title: str
    properties: dict[str, Any]
    value_range: dict[str, Any] | None
    whole: bool
    read_at: dt.datetime
    kept: bool = False


@dataclass
class _Built:
    """A payload as a spreadsheet, with what comparing it to another read needs."""

    sheet: RawSpreadsheet
    present: set[str] = field(default_factory=set)  # tabs read whole, in the reply, in bounds
    data: dict[str, _Entry] = field(default_factory=dict)  # tabs read whole holding rows


class _TabUnreadable(Exception):
    """One tab of a reply cannot be read (past the limits); the message is Ukrainian."""


def _identity(title: str, tab_key: Callable[[str], str | None]) -> str:
    """What makes two reads' tabs the same tab: the tab of the description it names, else
    the sheet's own title (a lone sheet)."""
    key = tab_key(title)
    return f"tab:{key}" if key is not None else f"sheet:{title}"


def _moment(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise MalformedPayload("немає часу читання")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise MalformedPayload(f"час читання {_shown(value)} не читається") from None


def _entries(payload: Any, tab_key: Callable[[str], str | None]
             ) -> tuple[str, str, dt.datetime, list[_Entry]]:
    """(key, name, read time, sheets) of a payload; MalformedPayload when its shape is wrong."""
    if not isinstance(payload, dict):
        raise MalformedPayload("дані не є обʼєктом JSON")
    key = payload.get("key")
    if not isinstance(key, str) or not key:
        raise MalformedPayload("немає ключа таблиці")
    metadata = checked_metadata(payload.get("metadata"))
    read_at = _moment(payload.get("read_at"))
    requested = payload.get("ranges")
    if not isinstance(requested, list) or not all(isinstance(t, str) for t in requested):
        raise MalformedPayload("немає переліку вкладок")
    found = checked_value_ranges(payload.get("values"), requested)
    sheets = _sheets(metadata)
    titles = [p["title"] for p in sheets]
    properties = {p["title"]: p for p in sheets}
    entries = [_Entry(t, properties.get(t, {}), found.get(t), _reads_whole(t, titles, tab_key),
                      read_at) for t in requested]
    kept = payload.get("kept", [])
    if not isinstance(kept, list):
        raise MalformedPayload("«kept» не є списком")
    for item in kept:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise MalformedPayload("збережена вкладка без назви")
        title = item["title"]
        sheet = checked_metadata({"sheets": [{"properties": item.get("properties")}]})
        found_kept = checked_value_ranges({"valueRanges": [item.get("value_range")]}, [title])
        if title not in found_kept:
            raise MalformedPayload(f"збережена вкладка «{title}» без даних")
        entries.append(_Entry(title, sheet["sheets"][0]["properties"], found_kept[title], True,
                              _moment(item.get("read_at")), kept=True))
    return key, _title(metadata, key), read_at, entries


def _kept_item(entry: _Entry) -> dict[str, Any]:
    """A tab carried over from the kept snapshot, as the payload stores it."""
    return {"title": entry.title, "read_at": entry.read_at.isoformat(),
            "properties": entry.properties, "value_range": entry.value_range}


def _when(moment: dt.datetime, tz: dt.tzinfo) -> str:
    return f"{moment.astimezone(tz):%d.%m.%Y %H:%M}"


def _build(payload: Any, policy: SheetsPolicy, *, stale: bool) -> _Built:
    """A payload (a fresh read or a snapshot) as a RawSpreadsheet anchored at A1.

    A tab whose range lies past the limits is left out with a note; tabs carried over
    (``kept``) follow the fresh ones, dated in ``stale_note``. MalformedPayload when the
    payload's shape is wrong.
    """
    key, name, read_at, entries = _entries(payload, policy.tab_key)
    tz = policy.tz
    built = _Built(RawSpreadsheet(name=name, location=spreadsheet_url(key), tabs=[],
                                  read_at=read_at, kind="gsheets", key=key))
    problems: dict[str, tuple[str, str]] = {}  # identity -> (title, why it was not read)
    kept: list[_Entry] = []
    for entry in entries:
        identity = _identity(entry.title, policy.tab_key)
        if entry.value_range is None:
            if entry.whole:
                problems[identity] = (entry.title, "у відповіді Google немає її даних")
            continue
        try:
            grid = _grid(entry.title, entry.value_range, policy.limits)
        except _TabUnreadable as exc:
            problems[identity] = (entry.title, str(exc))
            continue
        gid = entry.properties.get("sheetId")
        built.sheet.tabs.append(RawTab(entry.title, grid, gid))
        if not entry.whole:
            continue
        if entry.kept:
            kept.append(entry)
        else:
            built.present.add(identity)
        if sum(1 for row in grid if any(v is not None for v in row)) >= 2:
            built.data[identity] = entry
    kept_ids = {_identity(entry.title, policy.tab_key) for entry in kept}
    for identity, (title, why) in problems.items():
        if identity not in kept_ids:
            built.sheet.notes.append(f"Вкладку «{title}» не прочитано: {why}.")
    for entry in kept:
        _, why = problems.get(_identity(entry.title, policy.tab_key), ("", ""))
        reason = (f"{why[:1].upper()}{why[1:]}" if why else
                  "Google не назвав цієї вкладки в таблиці (її видалили чи перейменували?)")
        built.sheet.notes.append(
            f"Вкладка «{entry.title}»: {reason}. Показано її збережену копію станом на "
            f"{_when(entry.read_at, tz)}. Якщо вкладку перейменували, поверніть їй назву; якщо її "
            "дані більше не потрібні, залиште вкладку з самим рядком заголовків.")
    parts = []
    if stale:
        parts.append(f"Дані таблиці «{name}» станом на {_when(read_at, tz)}: свіжі дані з Google "
                     "отримати не вдалося.")
    if kept:
        dated = ", ".join(f"«{e.title}» — станом на {_when(e.read_at, tz)}" for e in kept)
        parts.append(f"Вкладки таблиці «{name}» зі збереженої копії: {dated}.")
    built.sheet.stale_note = " ".join(parts)
    return built


def _built_or_error(payload: dict[str, Any], policy: SheetsPolicy, *, stale: bool = False
                    ) -> _Built:
    """A payload built; ApiError (a malformed reply) when its shape is wrong."""
    try:
        return _build(payload, policy, stale=stale)
    except MalformedPayload as exc:
        key = str(payload.get("key", ""))
        metadata = payload.get("metadata")
        name = _title(metadata, key) if isinstance(metadata, dict) and isinstance(
            metadata.get("properties", {}), dict) else key
        raise malformed_error(name, key, str(exc)) from None


def spreadsheet_from_payload(payload: dict[str, Any], policy: SheetsPolicy = DEFAULT_POLICY, *,
                             stale: bool = False) -> RawSpreadsheet:
    """Raw API responses (a fresh read or a snapshot) as a RawSpreadsheet anchored at A1;
    ApiError (a malformed reply) when their shape is wrong."""
    return _built_or_error(payload, policy, stale=stale).sheet


def _count(number: int) -> str:
    """12 345 678: digits grouped by no-break spaces, as Ukrainian text writes numbers."""
    return f"{number:,}".replace(",", "\u00a0")


def _grid(title: str, value_range: dict[str, Any], limits: ReadLimits) -> list[list[CellValue]]:
    """One value range as rows anchored at A1: its ``range`` tells where it starts.

    _TabUnreadable when the range starts past the row or column limit, or when the grid
    padded to A1 would hold more than ``max_cells`` cells (it is never allocated);
    MalformedPayload for a row that is not a list or a cell that is not a value.
    """
    text = value_range["range"]
    start = _range_start(text)
    if start is None:
        raise _TabUnreadable(f"Google повернув для неї незрозумілий діапазон {_shown(text)}")
    row0, col0 = start
    if row0 >= limits.max_rows:
        raise _TabUnreadable(
            f"у відповіді Google її дані починаються з рядка {_count(row0 + 1)}, а панель "
            f"читає лише {_count(limits.max_rows)} рядків вкладки (max_rows_per_tab)")
    if col0 >= limits.max_columns:
        raise _TabUnreadable(
            f"у відповіді Google її дані починаються зі стовпця {column_letter(col0 + 1)} "
            f"({_count(col0 + 1)}-го), а панель читає лише {_count(limits.max_columns)} "
            "стовпців вкладки (max_columns_per_tab)")
    rows = value_range.get("values", [])
    width = 0
    for offset, row in enumerate(rows):
        if not isinstance(row, list):
            raise MalformedPayload(_not_a_row(title, row0 + offset + 1))
        width = max(width, len(row))
    height = row0 + len(rows)
    cells = height * (col0 + width)
    if cells > limits.max_cells:
        raise _TabUnreadable(
            f"її дані від клітинки A1 займають {_count(height)} рядків × "
            f"{_count(col0 + width)} стовпців ({_count(cells)} клітинок), а панель читає не "
            f"більше {_count(limits.max_cells)} клітинок вкладки (max_used_range_cells)")
    grid: list[list[CellValue]] = [[] for _ in range(row0)]
    for offset, row in enumerate(rows):
        try:
            values = [_cell(value) for value in row]
        except TypeError as exc:
            raise MalformedPayload(_not_a_cell(title, row0 + offset + 1, exc)) from None
        while values and values[-1] is None:
            values.pop()
        grid.append([None] * col0 + values if values else [])
    while grid and not grid[-1]:
        grid.pop()
    return grid


def grid_of(title: str, value_range: Any, limits: ReadLimits = DEFAULT_LIMITS
            ) -> list[list[CellValue]]:
    """One tab's value range (a ``values:batchGet`` item) as rows anchored at A1; SourceError
    when Google's answer has another shape or the tab passes the reading limits."""
    try:
        if not isinstance(value_range, dict) or not isinstance(value_range.get("range"), str):
            raise MalformedPayload(f"вкладка «{title}»: у відповіді немає діапазону")
        return _grid(title, value_range, limits)
    except MalformedPayload as exc:
        raise SourceError(f"Відповідь Google про вкладку «{title}» не вдалося прочитати: "
                          f"{exc}.") from None
    except _TabUnreadable as exc:
        raise SourceError(f"Вкладку «{title}» не прочитано: {exc}.") from None


def _not_a_row(title: str, row: int) -> str:
    return f"рядок {row} вкладки «{title}» не є списком"


def _not_a_cell(title: str, row: int, exc: TypeError) -> str:
    return f"у рядку {row} вкладки «{title}» клітинка не є значенням ({exc})"


def check_rows(title: str, rows: Any) -> None:
    """MalformedPayload unless ``rows`` (a value range's ``values``) is a list of rows, each a
    list of values, as Google sends them."""
    if not isinstance(rows, list):
        raise MalformedPayload(f"«values» вкладки «{title}» не є списком рядків")
    for number, row in enumerate(rows, 1):
        if not isinstance(row, list):
            raise MalformedPayload(_not_a_row(title, number))
        try:
            for value in row:
                _cell(value)
        except TypeError as exc:
            raise MalformedPayload(_not_a_cell(title, number, exc)) from None


def _range_start(a1_range: str) -> tuple[int, int] | None:
    """0-based (row, column) of a range's first cell: ``'План'!B3:F9`` -> (2, 1); None when
    the range does not read as A1 notation (Google never sends more than 7 column letters or
    15 row digits, and a longer text would cost time to turn into a number)."""
    _, bang, cells = a1_range.rpartition("!")
    if not bang:
        return None
    match = _CELL.match(cells.split(":")[0].strip())
    if not match:
        return None
    letters, digits = match.groups()
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - 64
    row = int(digits) if digits else 1
    return max(row - 1, 0), max(col - 1, 0)


def _cell(value: Any) -> CellValue:
    """An unformatted API value as a CellValue: error texts become CellError, "" empty;
    TypeError for anything that is not a value (an object or a list)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < _EXACT_INT_LIMIT else value
    if isinstance(value, str):
        return CellError(value) if value in ERROR_VALUES else value
    raise TypeError("список" if isinstance(value, list) else "обʼєкт JSON")


def open_google_source(key: str, account: ServiceAccount, policy: SheetsPolicy, *,
                       store_snapshots: bool = True, cache: ReadCache | None = None,
                       snapshots: PayloadStore | None = None,
                       sleep: Callable[[float], None] = time.sleep,
                       clock: Callable[[], float] = time.monotonic,
                       before_request: Callable[[], float] | None = None
                       ) -> GoogleSheetsSource:
    """The source for the spreadsheet ``key`` read with ``account``'s credentials; its last
    good answers are kept in ``snapshots`` (the state folder's when None). ``before_request``
    is the refresh worker's quota (odcore.sources.google_http.GoogleApi)."""
    api = GoogleApi(account, READ_SCOPES, sleep=sleep, clock=clock, limits=policy.limits,
                    before_request=before_request)
    kept = snapshots or SnapshotStore(max_bytes=policy.limits.max_file_bytes)
    return GoogleSheetsSource(key, api=api, policy=policy,
                              cache=ReadCache() if cache is None else cache,
                              snapshots=kept, store_snapshots=store_snapshots, clock=clock)
