"""A loopback file server for content checks and link checks (stdlib http.server in a thread)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Served:
    """What the file server answers for one path."""

    body: bytes = b""
    content_type: str = "application/octet-stream"
    status: int = 200
    delay: float = 0.0  # seconds before the answer starts
    head_status: int | None = None  # a different status for HEAD (servers that refuse it)


@dataclass
class FileServer:
    files: dict[str, Served] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def put(self, path: str, body: bytes, content_type: str = "text/csv", **options: object
            ) -> str:
        self.files[path] = Served(body, content_type, **options)  # type: ignore[arg-type]
        return self.url + path


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeFiles/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def _answer(self, with_body: bool) -> None:
        owner: FileServer = self.server.owner  # type: ignore[attr-defined]
        owner.requests.append((self.command, self.path, dict(self.headers.items())))
        served = owner.files.get(self.path.split("?")[0])
        if served is None:
            self.send_error(404)
            return
        time.sleep(served.delay)
        status = served.status
        if not with_body and served.head_status is not None:
            status = served.head_status
        body = served.body
        wanted = self.headers.get("Range", "")
        if with_body and status == 200 and wanted.startswith("bytes=0-"):
            body, status = body[:int(wanted.split("-")[1]) + 1], 206
        self.send_response(status)
        self.send_header("Content-Type", served.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._answer(True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._answer(False)


@pytest.fixture
def file_server() -> Iterator[FileServer]:
    """Serves ``FileServer.files`` on 127.0.0.1 for one test."""
    owner = FileServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.owner = owner  # type: ignore[attr-defined]
    owner.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield owner
    server.shutdown()
    server.server_close()
