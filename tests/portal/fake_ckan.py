"""A CKAN-Action-API-compatible server on loopback, for tests (stdlib http.server in a thread).

It answers ``organization_show``, ``package_search`` (``fq=owner_org:<id>``, ``rows``,
``start``) and ``package_show`` in the shape of CKAN 2.7 (``{"help": …, "success": …,
"result": …}``; errors as ``{"__type": "Not Found Error", "message": …}`` with 404), and serves
resource files under ``/files/``. Faults can be planted per action: a status with Retry-After,
an HTTP 200 carrying ``"success": false``, a delay. Every request is logged with its headers
and time.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

HELP = "http://{host}/api/3/action/help_show?name={action}"


@dataclass
class Fault:
    """One planted misbehaviour, used once, for the next call of an action."""

    status: int = 200
    retry_after: str | None = None
    success_false: bool = False  # HTTP 200 with "success": false, as data.gov.ua sometimes does
    delay: float = 0.0
    body: bytes | None = None  # a body that is not CKAN's


@dataclass
class FileResponse:
    body: bytes
    content_type: str
    status: int = 200
    head_status: int | None = None
    delay: float = 0.0


@dataclass
class FakeCkan:
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)  # by name
    packages: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, FileResponse] = field(default_factory=dict)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    log: list[tuple[float, str, str, dict[str, str]]] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def api_url(self) -> str:
        return self.url + "/api/3/action/"

    def add_organization(self, name: str, title: str) -> dict[str, Any]:
        org = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, name)), "name": name, "title": title,
               "type": "organization", "state": "active", "is_organization": True,
               "approval_status": "approved", "image_url": "", "description": "",
               "created": "2019-03-01T10:00:00.000000", "package_count": 0}
        self.organizations[name] = org
        return org

    def add_package(self, org: dict[str, Any], name: str, title: str, *,
                    resources: list[dict[str, Any]], update_frequency: str | None = None,
                    metadata_modified: str = "2026-11-30T09:00:00.000000",
                    openness_score: int | None = None) -> dict[str, Any]:
        package: dict[str, Any] = {
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, name)), "name": name, "title": title,
            "type": "dataset", "state": "active", "private": False,
            "owner_org": org["id"], "organization": {k: org[k] for k in (
                "id", "name", "title", "type", "state", "is_organization", "approval_status",
                "image_url", "description", "created")},
            "metadata_created": "2024-01-10T08:00:00.000000",
            "metadata_modified": metadata_modified, "license_id": "cc-by",
            "license_title": "Creative Commons Attribution", "notes": "", "tags": [],
            "extras": [], "num_resources": len(resources), "resources": [],
        }
        if update_frequency is not None:
            package["extras"].append({"key": "update_frequency", "value": update_frequency})
        if openness_score is not None:
            package["qa"] = {"openness_score": openness_score,
                             "openness_score_reason": "", "updated": metadata_modified}
        for position, resource in enumerate(resources):
            package["resources"].append({
                "id": str(uuid.uuid4()), "package_id": package["id"], "position": position,
                "name": resource.get("name", f"resource {position}"), "url_type": "upload",
                "created": resource.get("created", "2024-01-10T08:00:00.000000"),
                "last_modified": resource.get("last_modified"),
                "format": resource.get("format", ""), "mimetype": resource.get("mimetype"),
                "url": resource["url"], "size": None, "state": "active",
            })
        self.packages.append(package)
        org["package_count"] += 1
        return package

    def put_file(self, name: str, body: bytes, content_type: str, **options: Any) -> str:
        self.files["/files/" + name] = FileResponse(body, content_type, **options)
        return f"{self.url}/files/{name}"

    def plant(self, action: str, *faults: Fault) -> None:
        self.faults.setdefault(action, []).extend(faults)

    def calls(self, action: str) -> list[dict[str, str]]:
        return [h for _, method, path, h in self.log
                if method == "GET" and urlsplit(path).path.endswith("/" + action)]

    def next_fault(self, action: str) -> Fault | None:
        with self._lock:
            queue = self.faults.get(action) or []
            return queue.pop(0) if queue else None


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeCKAN/2.7"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    @property
    def ckan(self) -> FakeCkan:
        return self.server.ckan  # type: ignore[attr-defined]

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None, with_body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if with_body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def _json(self, action: str, status: int, payload: dict[str, Any],
              headers: dict[str, str] | None = None) -> None:
        host = self.headers.get("Host", "")
        body = {"help": HELP.format(host=host, action=action), **payload}
        self._send(status, json.dumps(body).encode("utf-8"), "application/json;charset=utf-8",
                   headers)

    def _error(self, action: str, status: int, kind: str, message: str) -> None:
        self._json(action, status, {"success": False,
                                    "error": {"__type": kind, "message": message}})

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self.ckan.log.append((time.monotonic(), "HEAD", self.path, dict(self.headers.items())))
        served = self.ckan.files.get(urlsplit(self.path).path)
        if served is None:
            self._send(404, b"", "text/html", with_body=False)
            return
        time.sleep(served.delay)
        self._send(served.head_status or served.status, b"", served.content_type,
                   with_body=False)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self.ckan.log.append((time.monotonic(), "GET", self.path, dict(self.headers.items())))
        parts = urlsplit(self.path)
        if parts.path.startswith("/files/"):
            self._file(parts.path)
            return
        if not parts.path.startswith("/api/3/action/"):
            self._send(404, b"<html>not found</html>", "text/html")
            return
        action = parts.path.rsplit("/", 1)[1]
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        fault = self.ckan.next_fault(action)
        if fault is not None:
            time.sleep(fault.delay)
            if fault.body is not None:
                self._send(fault.status, fault.body, "text/html")
                return
            if fault.success_false:
                self._json(action, 200, {"success": False, "error": {
                    "__type": "Search Query Error", "message": "Solr returned an error"}})
                return
            if fault.status != 200:
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else None
                self._json(action, fault.status, {"success": False, "error": {
                    "__type": "Internal Server Error", "message": "Try again later"}},
                    headers)
                return
        handler = {"organization_show": self._organization_show,
                   "package_search": self._package_search,
                   "package_show": self._package_show}.get(action)
        if handler is None:
            self._error(action, 400, "Bad Request", f"Action name not known: {action}")
            return
        handler(action, query)

    def _organization_show(self, action: str, query: dict[str, str]) -> None:
        key = query.get("id", "")
        org = self.ckan.organizations.get(key) or next(
            (o for o in self.ckan.organizations.values() if o["id"] == key), None)
        if org is None:
            self._error(action, 404, "Not Found Error", "Not found")
            return
        self._json(action, 200, {"success": True, "result": org})

    def _package_search(self, action: str, query: dict[str, str]) -> None:
        fq = query.get("fq", "")
        owner = fq.split("owner_org:", 1)[1].strip('"') if "owner_org:" in fq else None
        rows = min(int(query.get("rows", "10")), 1000)
        start = int(query.get("start", "0"))
        found = [p for p in self.ckan.packages if owner is None or p["owner_org"] == owner]
        self._json(action, 200, {"success": True, "result": {
            "count": len(found), "sort": "score desc, metadata_modified desc", "facets": {},
            "search_facets": {}, "results": found[start:start + rows]}})

    def _package_show(self, action: str, query: dict[str, str]) -> None:
        key = query.get("id", "")
        package = next((p for p in self.ckan.packages if key in (p["id"], p["name"])), None)
        if package is None:
            self._error(action, 404, "Not Found Error", "Not found")
            return
        self._json(action, 200, {"success": True, "result": package})

    def _file(self, path: str) -> None:
        served = self.ckan.files.get(path)
        if served is None:
            self._send(404, b"<html>not found</html>", "text/html")
            return
        time.sleep(served.delay)
        body, status = served.body, served.status
        wanted = self.headers.get("Range", "")
        if status == 200 and wanted.startswith("bytes=0-"):
            body, status = body[:int(wanted.split("-")[1]) + 1], 206
        self._send(status, body, served.content_type)


class FakeCkanServer:
    """Runs a FakeCkan on 127.0.0.1; ``stop`` makes the port refuse connections."""

    def __init__(self, ckan: FakeCkan | None = None) -> None:
        self.ckan = ckan or FakeCkan()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.ckan = self.ckan  # type: ignore[attr-defined]
        self.ckan.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._running = False

    def start(self) -> FakeCkanServer:
        self._thread.start()
        self._running = True
        return self

    def stop(self) -> None:
        if self._running:
            self._server.shutdown()
            self._server.server_close()
            self._running = False
