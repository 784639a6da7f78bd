"""A Sheets-API-v4-compatible server on loopback, for tests (stdlib http.server in a thread).

It answers the JWT bearer token exchange (checking the assertion's signature against the
service account's public key and its ``iat`` against its own clock), spreadsheet metadata,
``values:batchGet``, ``:batchUpdate``, ``values:batchUpdate``, ``values.append`` and Drive's
permissions endpoint. Spreadsheets are held as Google renders them with ``UNFORMATTED_VALUE`` and
``SERIAL_NUMBER``: numbers, booleans and text, dates as serial numbers, percents as
fractions, error cells as their text; responses drop trailing empty cells and start at the
first non-empty row and column, saying so in ``range``. Every request is counted by kind and
spreadsheet key, and faults (a status, ``Retry-After``, a dropped connection) can be planted.

Misbehaviours a real network shows, each behind its own :class:`Fault` switch so a test
asks for exactly one: ``raw`` bytes instead of JSON (a captive portal's page, broken JSON),
``mutate`` to bend the real answer's shape, ``cut`` to announce the whole body and send only
its start, ``trickle`` to send the body a byte at a time (``endless``: never finishing).
``lose_reply`` does the request's work and then closes the connection without an answer
(a reply lost on the way back). ``FakeGoogle.compress`` gzips every JSON answer to a client that accepts it, as Google does.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import gzip
import itertools
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from odcore.sources.base import CellError, RawSpreadsheet, column_letter
from odcore.sources.workbook_file import read_workbook

SERIAL_EPOCH = dt.datetime(1899, 12, 30)
READ_SCOPES = {"https://www.googleapis.com/auth/spreadsheets.readonly",
               "https://www.googleapis.com/auth/spreadsheets",
               "https://www.googleapis.com/auth/drive"}
WRITE_SCOPES = {"https://www.googleapis.com/auth/spreadsheets",
                "https://www.googleapis.com/auth/drive"}
DRIVE_SCOPES = {"https://www.googleapis.com/auth/drive"}
ALLOWED_CLOCK_SKEW = 300


def render(value: Any) -> Any:
    """A workbook cell as the API returns it unformatted (dates as serial numbers)."""
    if value is None:
        return ""
    if isinstance(value, CellError):
        return value.code
    if isinstance(value, dt.datetime):
        return (value - SERIAL_EPOCH).total_seconds() / 86400
    if isinstance(value, dt.date):
        return (value - SERIAL_EPOCH.date()).days
    return value


@dataclass
class FakeSheet:
    sheet_id: int
    title: str
    cells: list[list[Any]] = field(default_factory=list)
    row_count: int = 1000
    column_count: int = 26
    frozen_rows: int = 0
    formats: dict[int, dict[str, Any]] = field(default_factory=dict)  # column -> format
    validations: dict[int, dict[str, Any]] = field(default_factory=dict)  # column -> rule
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    cell_formats: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # USER_ENTERED "=…"

    def write(self, row0: int, col0: int, rows: Sequence[Sequence[Any]]) -> None:
        for r_offset, row in enumerate(rows):
            r = row0 + r_offset
            while len(self.cells) <= r:
                self.cells.append([])
            line = self.cells[r]
            for c_offset, value in enumerate(row):
                c = col0 + c_offset
                while len(line) <= c:
                    line.append("")
                line[c] = "" if value is None else value

    def rendered(self) -> tuple[str, list[list[Any]]]:
        """The A1 range of the data and its rows, as Google answers a whole-sheet request."""
        filled = [(r, c) for r, row in enumerate(self.cells) for c, v in enumerate(row)
                  if v != ""]
        if not filled:
            return f"{quote(self.title)}!A1:{column_letter(self.column_count)}{self.row_count}", []
        top = min(r for r, _ in filled)
        left = min(c for _, c in filled)
        bottom = max(r for r, _ in filled)
        right = max(c for _, c in filled)
        rows = []
        for r in range(top, bottom + 1):
            row = list(self.cells[r][left:right + 1]) if r < len(self.cells) else []
            while row and row[-1] == "":
                row.pop()
            rows.append(row)
        return f"{quote(self.title)}!{column_letter(left + 1)}{top + 1}:" \
               f"{column_letter(right + 1)}{bottom + 1}", rows


@dataclass
class FakeSpreadsheet:
    key: str
    title: str
    sheets: list[FakeSheet]
    readers: set[str] = field(default_factory=set)
    writers: set[str] = field(default_factory=set)
    locale: str = "en_US"
    time_zone: str = "Etc/GMT"
    protected: list[dict[str, Any]] = field(default_factory=list)
    permissions: list[dict[str, Any]] = field(default_factory=list)

    def sheet(self, title: str) -> FakeSheet:
        return next(s for s in self.sheets if s.title == title)

    def by_id(self, sheet_id: int) -> FakeSheet:
        return next(s for s in self.sheets if s.sheet_id == sheet_id)

    def rename(self, old: str, new: str) -> None:
        self.sheet(old).title = new


@dataclass
class Fault:
    """A planted failure for requests of ``kind`` (and ``key``), ``times`` times (None: always)."""

    kind: str
    key: str | None = None
    status: int = 500
    times: int | None = 1
    retry_after: str | None = None
    drop: bool = False
    body: dict[str, Any] | None = None
    delay: float = 0.0  # seconds before answering; with status 200 the answer is the real one
    raw: bytes | None = None  # the body as these bytes (with ``content_type``), not JSON
    headers: dict[str, str] = field(default_factory=dict)  # e.g. a redirect's Location
    content_type: str = "application/json; charset=UTF-8"
    mutate: Callable[[Any], Any] | None = None  # the real answer's JSON, changed (status kept)
    cut: int | None = None  # send only this many bytes of the body, then close
    trickle: float = 0.0  # seconds between the body's bytes
    endless: bool = False  # with ``trickle``: after the body, spaces for ever (no length)
    lose_reply: bool = False  # the work is done, then the connection closes unanswered
    after: int = 0  # the first ``after`` matching requests are answered as usual

    def planted(self) -> bool:
        """Whether the answer is the fault's own (its status, body or bytes), not the real one."""
        if self.lose_reply:
            return False
        return self.drop or self.raw is not None or (self.status != 200 and self.mutate is None)

    def shapes(self) -> bool:
        """Whether the fault changes how an answer is sent or what it holds."""
        return (self.mutate is not None or self.cut is not None or self.trickle > 0
                or self.raw is not None or self.lose_reply)


def quote(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class ApiFailure(Exception):
    def __init__(self, status: int, message: str, state: str, reason: str = "",
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.state, self.reason = status, message, state, reason
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.status, "message": self.message,
                                 "status": self.state}
        if self.reason:
            error["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                 "reason": self.reason, "domain": "googleapis.com",
                                 "metadata": self.extra}]
        return {"error": error}


def not_found() -> ApiFailure:
    return ApiFailure(404, "Requested entity was not found.", "NOT_FOUND")


def denied() -> ApiFailure:
    return ApiFailure(403, "The caller does not have permission", "PERMISSION_DENIED")


def quota_body() -> dict[str, Any]:
    return ApiFailure(429, "Quota exceeded for quota metric 'Read requests' and limit 'Read "
                           "requests per minute per user' of service 'sheets.googleapis.com'.",
                      "RESOURCE_EXHAUSTED", "RATE_LIMIT_EXCEEDED",
                      {"service": "sheets.googleapis.com"}).body()


def service_disabled_body(service: str = "sheets.googleapis.com") -> dict[str, Any]:
    api = "Google Sheets API" if service.startswith("sheets") else "Google Drive API"
    url = f"https://console.developers.google.com/apis/api/{service}/overview?project=123"
    return ApiFailure(403, f"{api} has not been used in project 123 before or it is disabled. "
                           f"Enable it by visiting {url} then retry.", "PERMISSION_DENIED",
                      "SERVICE_DISABLED", {"service": service, "activationUrl": url}).body()


class FakeGoogle:
    """The server: spreadsheets, service accounts, issued tokens, counts and faults."""

    def __init__(self) -> None:
        self.spreadsheets: dict[str, FakeSpreadsheet] = {}
        self.accounts: dict[str, rsa.RSAPublicKey] = {}
        self.tokens: dict[str, tuple[str, set[str]]] = {}
        self.counts: Counter[tuple[str, str]] = Counter()
        self.faults: list[Fault] = []
        self.log: list[tuple[str, str]] = []  # (method, path with query)
        self.clock_skew = 0.0
        self.api_enabled = True
        self.stopping = threading.Event()  # ends trickling answers when the server stops
        self.compress = False  # gzip JSON answers when the client accepts gzip
        self.lock = threading.RLock()
        self._ids = itertools.count(1000)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeGoogle:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # --- set-up ----------------------------------------------------------------------------

    def add_account(self, email: str, public_key: rsa.RSAPublicKey) -> None:
        self.accounts[email] = public_key

    def key_info(self, email: str, private_key: rsa.RSAPrivateKey) -> dict[str, str]:
        """A service-account key file's fields, with ``token_uri`` at this server."""
        pem = private_key.private_bytes(serialization.Encoding.PEM,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()).decode()
        return {"type": "service_account", "project_id": "odcore-test",
                "private_key_id": "test-key-1", "private_key": pem, "client_email": email,
                "client_id": "1234567890", "token_uri": f"{self.url}/token",
                "auth_uri": f"{self.url}/auth"}

    def add_spreadsheet(self, key: str, title: str,
                        tabs: dict[str, Sequence[Sequence[Any]]] | Iterable[str] = (),
                        *, readers: Iterable[str] = (), writers: Iterable[str] = ()
                        ) -> FakeSpreadsheet:
        """A spreadsheet from rows of workbook values (rendered as Google does)."""
        sheets = []
        items = tabs.items() if isinstance(tabs, dict) else ((t, []) for t in tabs)
        for title_, rows in items:
            sheet = FakeSheet(next(self._ids), title_)
            sheet.write(0, 0, [[render(v) for v in row] for row in rows])
            sheet.row_count = max(sheet.row_count, len(sheet.cells))
            sheet.column_count = max([sheet.column_count, *(len(r) for r in sheet.cells)])
            sheets.append(sheet)
        spreadsheet = FakeSpreadsheet(key, title, sheets, set(readers), set(writers))
        self.spreadsheets[key] = spreadsheet
        return spreadsheet

    def add_workbook(self, key: str, path: Path, *, title: str | None = None,
                     readers: Iterable[str] = (), writers: Iterable[str] = ()
                     ) -> FakeSpreadsheet:
        """A spreadsheet uploaded from a workbook file: the cells Google would hold."""
        raw: RawSpreadsheet = read_workbook(path)
        return self.add_spreadsheet(key, title or path.stem,
                                    {t.title: t.values for t in raw.tabs},
                                    readers=readers, writers=writers)

    def fail(self, kind: str, **kwargs: Any) -> Fault:
        fault = Fault(kind, **kwargs)
        self.faults.append(fault)
        return fault

    def count(self, kind: str, key: str | None = None) -> int:
        return sum(n for (k, s), n in self.counts.items() if k == kind and key in (None, s))

    # --- handling --------------------------------------------------------------------------

    def fault_for(self, kind: str, key: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.kind == kind and fault.key in (None, key) and fault.times != 0:
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("grant_type") != "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return 400, {"error": "unsupported_grant_type"}
        try:
            header, payload, signature = form["assertion"].split(".")
            claims = json.loads(_b64decode(payload))
        except (KeyError, ValueError):
            return 400, {"error": "invalid_request", "error_description": "Bad assertion."}
        public_key = self.accounts.get(claims.get("iss", ""))
        if public_key is None:
            return 400, {"error": "invalid_grant",
                         "error_description": "Invalid grant: account not found"}
        try:
            public_key.verify(_b64decode(signature), f"{header}.{payload}".encode(),
                              padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        now = time.time() + self.clock_skew
        if abs(claims.get("iat", 0) - now) > ALLOWED_CLOCK_SKEW:
            return 400, {"error": "invalid_grant",
                         "error_description": "Invalid JWT: Token must be a short-lived token "
                                              "(60 minutes) and in a reasonable timeframe. "
                                              "Check your iat and exp values in the JWT claim."}
        token = f"token-{next(self._ids)}"
        with self.lock:
            self.tokens[token] = (claims["iss"], set(str(claims.get("scope", "")).split()))
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}

    def caller(self, authorization: str, scopes: set[str]) -> str:
        token = authorization.removeprefix("Bearer ").strip()
        with self.lock:
            found = self.tokens.get(token)
        if found is None:
            raise ApiFailure(401, "Request had invalid authentication credentials.",
                             "UNAUTHENTICATED")
        email, granted = found
        if not granted & scopes:
            raise ApiFailure(403, "Request had insufficient authentication scopes.",
                             "PERMISSION_DENIED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT")
        if not self.api_enabled:
            raise ApiFailure(**_disabled())
        return email

    def spreadsheet(self, key: str, email: str, *, write: bool = False) -> FakeSpreadsheet:
        spreadsheet = self.spreadsheets.get(key)
        if spreadsheet is None:
            raise not_found()
        allowed = spreadsheet.writers if write else spreadsheet.readers | spreadsheet.writers
        if email not in allowed:
            raise denied()
        return spreadsheet

    def metadata(self, spreadsheet: FakeSpreadsheet) -> dict[str, Any]:
        return {"spreadsheetId": spreadsheet.key,
                "properties": {"title": spreadsheet.title, "locale": spreadsheet.locale,
                               "timeZone": spreadsheet.time_zone},
                "sheets": [{"properties": {
                    "sheetId": s.sheet_id, "title": s.title, "index": i, "sheetType": "GRID",
                    "gridProperties": {"rowCount": s.row_count, "columnCount": s.column_count,
                                       "frozenRowCount": s.frozen_rows}},
                            "protectedRanges": [p for p in spreadsheet.protected
                                                if p["range"]["sheetId"] == s.sheet_id]}
                    for i, s in enumerate(spreadsheet.sheets)]}

    def batch_get(self, spreadsheet: FakeSpreadsheet, query: dict[str, list[str]]
                  ) -> dict[str, Any]:
        if (query.get("valueRenderOption") != ["UNFORMATTED_VALUE"]
                or query.get("dateTimeRenderOption") != ["SERIAL_NUMBER"]):
            raise ApiFailure(400, f"fake: values are served unformatted with serial dates "
                                  f"only, not {query}", "INVALID_ARGUMENT")
        value_ranges = []
        for text in query.get("ranges", []):
            title, _, rows_part = text.partition("!")
            sheet = self._whole_sheet(spreadsheet, title)
            a1, rows = sheet.rendered()
            if rows_part:  # only "N:N", one row, as the source asks for headers
                match = re.fullmatch(r"(\d+):\1", rows_part)
                if not match:
                    raise ApiFailure(400, f"Unable to parse range: {text}", "INVALID_ARGUMENT")
                row = int(match[1]) - 1
                line = list(sheet.cells[row]) if row < len(sheet.cells) else []
                while line and line[-1] == "":
                    line.pop()
                a1 = f"{quote(sheet.title)}!A{row + 1}:{column_letter(sheet.column_count)}{row + 1}"
                rows = [line] if line else []
            value_range: dict[str, Any] = {"range": a1, "majorDimension": "ROWS"}
            if rows:
                value_range["values"] = rows
            value_ranges.append(value_range)
        return {"spreadsheetId": spreadsheet.key, "valueRanges": value_ranges}

    def _whole_sheet(self, spreadsheet: FakeSpreadsheet, text: str) -> FakeSheet:
        title = text
        if text.startswith("'") and text.endswith("'") and len(text) > 1:
            title = text[1:-1].replace("''", "'")
        for sheet in spreadsheet.sheets:
            if sheet.title == title:
                return sheet
        raise ApiFailure(400, f"Unable to parse range: {text}", "INVALID_ARGUMENT")

    def values_update(self, spreadsheet: FakeSpreadsheet, body: dict[str, Any]) -> dict[str, Any]:
        if body.get("valueInputOption") != "RAW":
            raise ApiFailure(400, "This fake accepts valueInputOption RAW only.",
                             "INVALID_ARGUMENT")
        updated = 0
        for item in body.get("data", []):
            title, _, start = item["range"].rpartition("!")
            sheet = self._whole_sheet(spreadsheet, title)
            match = re.fullmatch(r"([A-Z]+)(\d+)", start)
            if not match:
                raise ApiFailure(400, f"Unable to parse range: {item['range']}",
                                 "INVALID_ARGUMENT")
            col0 = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(match[1]))) - 1
            row0 = int(match[2]) - 1
            rows = item.get("values", [])
            width = max((len(r) for r in rows), default=0)
            if row0 + len(rows) > sheet.row_count or col0 + width > sheet.column_count:
                raise ApiFailure(400, f"Range ({item['range']}) exceeds grid limits. Max rows: "
                                      f"{sheet.row_count}, max columns: {sheet.column_count}",
                                 "INVALID_ARGUMENT")
            sheet.write(row0, col0, rows)
            updated += sum(len(r) for r in rows)
        return {"spreadsheetId": spreadsheet.key, "totalUpdatedCells": updated}

    def values_append(self, spreadsheet: FakeSpreadsheet, a1: str, query: dict[str, list[str]],
                      body: dict[str, Any]) -> dict[str, Any]:
        """``values.append`` as Google does it: the table the range starts is found (from its
        first row down to the last row holding a value), the rows are written below it
        starting at the range's column, and with INSERT_ROWS the grid grows by as many rows.
        RAW stores every value as sent; USER_ENTERED parses text as typed into the sheet (a
        number-like text becomes a number, ``=…`` a formula, shown as its result)."""
        option = (query.get("valueInputOption") or [""])[0]
        if option not in ("RAW", "USER_ENTERED"):
            raise ApiFailure(400, "Invalid valueInputOption", "INVALID_ARGUMENT")
        insert = (query.get("insertDataOption") or ["OVERWRITE"])[0]
        if insert not in ("OVERWRITE", "INSERT_ROWS"):
            raise ApiFailure(400, "Invalid insertDataOption", "INVALID_ARGUMENT")
        if body.get("range") not in (None, a1):
            raise ApiFailure(400, f"Requested writing within range [{body.get('range')}], but "
                                  f"tried writing to [{a1}]", "INVALID_ARGUMENT")
        title, _, start = a1.rpartition("!") if "!" in a1 else (a1, "", "A1")
        sheet = self._whole_sheet(spreadsheet, title)
        match = re.fullmatch(r"([A-Z]+)(\d*)(?::[A-Z]*\d*)?", start)
        if not match:
            raise ApiFailure(400, f"Unable to parse range: {a1}", "INVALID_ARGUMENT")
        col0 = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(match[1]))) - 1
        rows = body.get("values", [])
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise ApiFailure(400, "Invalid values", "INVALID_ARGUMENT")
        filled = [r for r, line in enumerate(sheet.cells) if any(v != "" for v in line)]
        top = filled[0] if filled else 0
        bottom = filled[-1] if filled else -1
        row0 = bottom + 1
        stored = [[self._entered(sheet, row0 + r, col0 + c, v, option)
                   for c, v in enumerate(line)] for r, line in enumerate(rows)]
        width = max((len(r) for r in rows), default=0)
        if col0 + width > sheet.column_count:
            sheet.column_count = col0 + width  # append widens the grid, as Google does
        if insert == "INSERT_ROWS" or row0 + len(rows) > sheet.row_count:
            sheet.row_count += len(rows)
        sheet.write(row0, col0, stored)
        quoted = quote(sheet.title)
        end_col = column_letter(col0 + max(width, 1))
        updated = (f"{quoted}!{column_letter(col0 + 1)}{row0 + 1}:{end_col}"
                   f"{row0 + len(rows)}")
        answer: dict[str, Any] = {
            "spreadsheetId": spreadsheet.key,
            "updates": {"spreadsheetId": spreadsheet.key, "updatedRange": updated,
                        "updatedRows": len(rows), "updatedColumns": width,
                        "updatedCells": sum(len(r) for r in rows)}}
        if filled:
            answer["tableRange"] = (f"{quoted}!{column_letter(col0 + 1)}{top + 1}:"
                                    f"{column_letter(sheet.column_count)}{bottom + 1}")
        return answer

    @staticmethod
    def _entered(sheet: FakeSheet, row: int, col: int, value: Any, option: str) -> Any:
        if option == "RAW" or not isinstance(value, str):
            return value
        if value.startswith("="):
            sheet.formulas[(row, col)] = value
            return "#NAME?"  # the fake evaluates no formula: Google's unknown-function error
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value

    def batch_update(self, spreadsheet: FakeSpreadsheet, body: dict[str, Any]) -> dict[str, Any]:
        """Apply every request or, as Google does, none of them."""
        before = copy.deepcopy(spreadsheet)
        replies = []
        try:
            for index, request in enumerate(body.get("requests", [])):
                (kind, args), = request.items()
                handler = getattr(self, f"_do_{kind}", None)
                if handler is None:
                    raise ApiFailure(400, f"Invalid requests[{index}]: unknown request {kind}",
                                     "INVALID_ARGUMENT")
                replies.append(handler(spreadsheet, args) or {})
        except (ApiFailure, KeyError, StopIteration) as exc:
            spreadsheet.__dict__.update(before.__dict__)
            if isinstance(exc, ApiFailure):
                raise
            raise ApiFailure(400, f"fake: bad request ({exc!r})", "INVALID_ARGUMENT") from None
        return {"spreadsheetId": spreadsheet.key, "replies": replies}

    def _do_updateSpreadsheetProperties(self, spreadsheet: FakeSpreadsheet,
                                        args: dict[str, Any]) -> None:
        fields = set(args["fields"].split(","))
        properties = args["properties"]
        if "locale" in fields:
            spreadsheet.locale = properties["locale"]
        if "timeZone" in fields:
            spreadsheet.time_zone = properties["timeZone"]

    def _do_addSheet(self, spreadsheet: FakeSpreadsheet, args: dict[str, Any]) -> dict[str, Any]:
        properties = args.get("properties", {})
        title = properties["title"]
        if any(s.title == title for s in spreadsheet.sheets):
            raise ApiFailure(400, f'A sheet with the name "{title}" already exists.',
                             "INVALID_ARGUMENT")
        grid = properties.get("gridProperties", {})
        sheet = FakeSheet(properties.get("sheetId", next(self._ids)), title,
                          row_count=grid.get("rowCount", 1000),
                          column_count=grid.get("columnCount", 26),
                          frozen_rows=grid.get("frozenRowCount", 0))
        spreadsheet.sheets.append(sheet)
        return {"addSheet": {"properties": {"sheetId": sheet.sheet_id, "title": title,
                                            "index": len(spreadsheet.sheets) - 1}}}

    def _do_updateSheetProperties(self, spreadsheet: FakeSpreadsheet,
                                  args: dict[str, Any]) -> None:
        properties = args["properties"]
        sheet = spreadsheet.by_id(properties["sheetId"])
        grid = properties.get("gridProperties", {})
        for name in args["fields"].split(","):
            if name == "title":
                sheet.title = properties["title"]
            elif name == "gridProperties.frozenRowCount":
                sheet.frozen_rows = grid["frozenRowCount"]
            elif name == "gridProperties.rowCount":
                sheet.row_count = grid["rowCount"]
            elif name == "gridProperties.columnCount":
                sheet.column_count = grid["columnCount"]
            else:
                raise ApiFailure(400, f"fake: unsupported field {name}", "INVALID_ARGUMENT")

    def _grid_columns(self, spreadsheet: FakeSpreadsheet, grid: dict[str, Any]
                      ) -> tuple[FakeSheet, range]:
        sheet = spreadsheet.by_id(grid["sheetId"])
        start = grid.get("startColumnIndex", 0)
        end = grid.get("endColumnIndex", sheet.column_count)
        if end > sheet.column_count or grid.get("endRowIndex", 0) > sheet.row_count:
            raise ApiFailure(400, "Range exceeds grid limits.", "INVALID_ARGUMENT")
        return sheet, range(start, end)

    def _do_addProtectedRange(self, spreadsheet: FakeSpreadsheet,
                              args: dict[str, Any]) -> dict[str, Any]:
        protected = dict(args["protectedRange"], protectedRangeId=next(self._ids))
        self._grid_columns(spreadsheet, protected["range"])
        spreadsheet.protected.append(protected)
        return {"addProtectedRange": {"protectedRange": protected}}

    def _do_setDataValidation(self, spreadsheet: FakeSpreadsheet, args: dict[str, Any]) -> None:
        sheet, columns = self._grid_columns(spreadsheet, args["range"])
        for column in columns:
            if args.get("rule"):
                sheet.validations[column] = args["rule"]
            else:
                sheet.validations.pop(column, None)

    def _do_repeatCell(self, spreadsheet: FakeSpreadsheet, args: dict[str, Any]) -> None:
        sheet, columns = self._grid_columns(spreadsheet, args["range"])
        if args["range"].get("startRowIndex", 0) >= 1:
            for column in columns:
                sheet.formats[column] = args["cell"].get("userEnteredFormat", {})

    def _do_updateCells(self, spreadsheet: FakeSpreadsheet, args: dict[str, Any]) -> None:
        start = args["start"]
        sheet = spreadsheet.by_id(start["sheetId"])
        fields = args["fields"]
        for r, row in enumerate(args.get("rows", [])):
            for c, cell in enumerate(row.get("values", [])):
                place = (start.get("rowIndex", 0) + r, start.get("columnIndex", 0) + c)
                if place[0] >= sheet.row_count or place[1] >= sheet.column_count:
                    raise ApiFailure(400, "Range exceeds grid limits.", "INVALID_ARGUMENT")
                if "note" in fields:
                    sheet.notes[place] = cell.get("note", "")
                if "userEnteredValue" in fields:
                    entered = cell.get("userEnteredValue", {})
                    value = next(iter(entered.values()), "")
                    sheet.write(place[0], place[1], [[value]])
                if "userEnteredFormat" in fields:
                    sheet.cell_formats[place] = cell.get("userEnteredFormat", {})

    def _do_updateDimensionProperties(self, spreadsheet: FakeSpreadsheet,
                                      args: dict[str, Any]) -> None:
        spreadsheet.by_id(args["range"]["sheetId"])

    def share(self, spreadsheet: FakeSpreadsheet, body: dict[str, Any]) -> dict[str, Any]:
        permission = {"id": f"perm-{next(self._ids)}", "kind": "drive#permission", **body}
        spreadsheet.permissions.append(permission)
        if body.get("role") == "writer":
            spreadsheet.writers.add(body["emailAddress"])
        else:
            spreadsheet.readers.add(body["emailAddress"])
        return permission


def _disabled() -> dict[str, Any]:
    error = service_disabled_body()["error"]
    return {"status": 403, "message": error["message"], "state": "PERMISSION_DENIED",
            "reason": "SERVICE_DISABLED", "extra": error["details"][0]["metadata"]}


_ROUTES = (
    ("GET", re.compile(r"^/v4/spreadsheets/([^/:]+)$"), "metadata"),
    ("GET", re.compile(r"^/v4/spreadsheets/([^/:]+)/values:batchGet$"), "values"),
    ("POST", re.compile(r"^/v4/spreadsheets/([^/:]+):batchUpdate$"), "batchUpdate"),
    ("POST", re.compile(r"^/v4/spreadsheets/([^/:]+)/values:batchUpdate$"), "valuesUpdate"),
    ("POST", re.compile(r"^/v4/spreadsheets/([^/:]+)/values/(.+):append$"), "append"),
    ("POST", re.compile(r"^/drive/v3/files/([^/:]+)/permissions$"), "permissions"),
)


def _handler(google: FakeGoogle) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            return

        def do_GET(self) -> None:
            self._handle("GET")

        def do_POST(self) -> None:
            self._handle("POST")

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None,
                  fault: Fault | None = None) -> None:
            headers = dict(headers or {})
            if fault is not None and fault.raw is not None:
                data, content_type = fault.raw, fault.content_type
            else:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                content_type = "application/json; charset=UTF-8"
                if google.compress and "gzip" in self.headers.get("Accept-Encoding", ""):
                    data = gzip.compress(data)
                    headers["Content-Encoding"] = "gzip"
            trickle = fault.trickle if fault is not None else 0.0
            endless = fault is not None and fault.endless and trickle > 0
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                if not endless:  # an endless body has no length: it would end at the close
                    self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if fault is not None and fault.cut is not None:
                    self.wfile.write(data[:fault.cut])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                if not trickle:
                    self.wfile.write(data)
                    return
                self.close_connection = True
                for index in itertools.count():
                    if index >= len(data) and not endless:
                        return
                    if google.stopping.wait(trickle):
                        return
                    self.wfile.write(data[index:index + 1] if index < len(data) else b" ")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (a timeout test)

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else b""

        def _handle(self, method: str) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            query = parse_qs(parts.query)
            google.log.append((method, self.path))
            kind, key, a1 = "unknown", "", ""
            if method == "POST" and path == "/token":
                kind = "token"
            for route_method, pattern, route_kind in _ROUTES:
                match = pattern.match(path)
                if route_method == method and match:
                    kind, key = route_kind, match.group(1)
                    a1 = match.group(2) if route_kind == "append" else ""
            with google.lock:
                google.counts[(kind, key)] += 1
            fault = google.fault_for(kind, key)
            if fault is not None and fault.delay:
                time.sleep(fault.delay)
            if fault is not None and not fault.planted() and not fault.shapes():
                fault = None  # a delay only: the real answer follows
            if fault is not None and fault.planted():
                if fault.drop:
                    self.close_connection = True
                    return
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                headers.update(fault.headers)
                body = fault.body or ApiFailure(fault.status, "Internal error encountered.",
                                                "INTERNAL").body()
                self._send(fault.status, body, headers, fault)
                return
            raw = self._body()
            try:
                if kind == "token":
                    form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                    status, answer = google.token(form)
                    if fault is not None and fault.mutate is not None:
                        answer = fault.mutate(answer)
                    self._send(status, answer, fault=fault)
                    return
                if kind == "unknown":
                    raise ApiFailure(404, f"fake: no route {method} {path}", "NOT_FOUND")
                body = json.loads(raw) if raw else {}
                auth = self.headers.get("Authorization", "")
                if kind in ("metadata", "values"):
                    email = google.caller(auth, READ_SCOPES)
                    with google.lock:
                        spreadsheet = google.spreadsheet(key, email)
                        result = (google.metadata(spreadsheet) if kind == "metadata"
                                  else google.batch_get(spreadsheet, query))
                elif kind in ("batchUpdate", "valuesUpdate", "append"):
                    email = google.caller(auth, WRITE_SCOPES)
                    with google.lock:
                        spreadsheet = google.spreadsheet(key, email, write=True)
                        if kind == "batchUpdate":
                            result = google.batch_update(spreadsheet, body)
                        elif kind == "append":
                            result = google.values_append(spreadsheet, a1, query, body)
                        else:
                            result = google.values_update(spreadsheet, body)
                else:
                    email = google.caller(auth, DRIVE_SCOPES)
                    with google.lock:
                        spreadsheet = google.spreadsheet(key, email, write=True)
                        result = google.share(spreadsheet, body)
            except ApiFailure as failure:
                self._send(failure.status, failure.body())
                return
            if fault is not None and fault.lose_reply:
                self.close_connection = True  # done, and the answer never leaves
                return
            if fault is not None and fault.mutate is not None:
                result = fault.mutate(copy.deepcopy(result))
            self._send(200, result, fault=fault)

    return Handler
