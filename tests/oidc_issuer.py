"""A small OpenID Connect provider on loopback, for the sign-in browser tests.

Real OpenID Connect, the way Google answers it, so that Streamlit's own client (Authlib) signs
in against it unchanged: a discovery document, a JWKS, the authorization endpoint (a sign-in
form where the test types the account) with the authorization code flow, and a token endpoint
that checks the client's secret (Basic or in the form), the redirect URI, PKCE when asked, and
answers with an RS256-signed ID token carrying ``iss``, ``aud``, ``exp``, ``iat``, the
``nonce`` and the account's ``email`` and ``email_verified``. Codes are single use and short
lived. Nothing here is a mock of Streamlit: only the accounts are made up.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CODE_SECONDS = 60
TOKEN_SECONDS = 3600


@dataclass
class Account:
    email: str
    name: str
    email_verified: bool = True


@dataclass
class Issuer:
    """The provider's state: its key, the one registered client, the accounts and the codes."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]
    accounts: dict[str, Account]
    base: str = ""
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(
        2048, parameters={"kid": "odcore-test-key", "use": "sig", "alg": "RS256"}))
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    sign_ins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.base,
            "authorization_endpoint": f"{self.base}/authorize",
            "token_endpoint": f"{self.base}/token",
            "userinfo_endpoint": f"{self.base}/userinfo",
            "jwks_uri": f"{self.base}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "email",
                                 "email_verified", "name"],
            "code_challenge_methods_supported": ["S256"],
        }

    def claims(self, account: Account, nonce: str | None) -> dict[str, Any]:
        now = int(time.time())
        claims = {"iss": self.base, "aud": self.client_id, "sub": account.email,
                  "iat": now, "exp": now + TOKEN_SECONDS, "auth_time": now,
                  "email": account.email, "email_verified": account.email_verified,
                  "name": account.name}
        if nonce:
            claims["nonce"] = nonce
        return claims

    def id_token(self, claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)


def _form_page(params: dict[str, str], message: str = "") -> bytes:
    hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                     for k, v in params.items())
    note = f"<p role='alert'>{html.escape(message)}</p>" if message else ""
    return (f"<!doctype html><html lang='uk'><head><meta charset='utf-8'><title>Вхід</title>"
            f"</head><body><h1>Тестовий постачальник входу</h1>{note}"
            f"<form method='post' action='/authorize'>{hidden}"
            "<label>Адреса <input type='email' name='login' id='login'></label>"
            "<button type='submit' id='submit'>Увійти</button></form></body></html>"
            ).encode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class _Handler(BaseHTTPRequestHandler):
    issuer: Issuer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        return

    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data: dict[str, Any]) -> None:
        self._send(status, json.dumps(data).encode("utf-8"))

    def _redirect(self, url: str) -> None:
        self._send(302, b"", "text/plain", {"Location": url})

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8")
        return {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        issuer = self.issuer
        if parts.path == "/.well-known/openid-configuration":
            self._json(200, issuer.metadata())
        elif parts.path == "/jwks":
            self._json(200, {"keys": [issuer.key.as_dict(private=False)]})
        elif parts.path == "/authorize":
            problem = self._check_authorize(query)
            if problem:
                self._send(400, problem.encode("utf-8"), "text/plain; charset=utf-8")
            else:
                self._send(200, _form_page(query), "text/html; charset=utf-8")
        elif parts.path == "/userinfo":
            token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            with issuer.lock:
                found = issuer.tokens.get(token)
            if found is None:
                self._json(401, {"error": "invalid_token"})
            else:
                self._json(200, {k: found[k] for k in ("sub", "email", "email_verified",
                                                       "name")})
        else:
            self._json(404, {"error": "not_found"})

    def _check_authorize(self, query: dict[str, str]) -> str:
        issuer = self.issuer
        if query.get("client_id") != issuer.client_id:
            return "unknown client_id"
        if query.get("redirect_uri") not in issuer.redirect_uris:
            return "redirect_uri is not registered"
        if query.get("response_type") != "code":
            return "only response_type=code"
        if "openid" not in query.get("scope", "").split():
            return "scope must hold openid"
        if not query.get("state"):
            return "state is required"
        return ""

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        form = self._form()
        if parts.path == "/authorize":
            self._approve(form)
        elif parts.path == "/token":
            self._token(form)
        else:
            self._json(404, {"error": "not_found"})

    def _approve(self, form: dict[str, str]) -> None:
        issuer = self.issuer
        login = form.pop("login", "").strip().lower()
        problem = self._check_authorize(form)
        if problem:
            self._send(400, problem.encode("utf-8"), "text/plain; charset=utf-8")
            return
        account = issuer.accounts.get(login)
        if account is None:
            self._send(200, _form_page(form, "Немає такого облікового запису."),
                       "text/html; charset=utf-8")
            return
        code = secrets.token_urlsafe(24)
        with issuer.lock:
            issuer.codes[code] = {"account": account, "nonce": form.get("nonce"),
                                  "redirect_uri": form["redirect_uri"],
                                  "challenge": form.get("code_challenge"),
                                  "expires": time.time() + CODE_SECONDS}
            issuer.sign_ins.append(account.email)
        self._redirect(f"{form['redirect_uri']}?"
                       + urlencode({"code": code, "state": form["state"]}))

    def _client_ok(self, form: dict[str, str]) -> bool:
        issuer = self.issuer
        header = self.headers.get("Authorization") or ""
        if header.startswith("Basic "):
            try:
                client, _, secret = base64.b64decode(header[6:]).decode("utf-8").partition(":")
            except ValueError:
                return False
            client, secret = unquote(client), unquote(secret)
        else:
            client, secret = form.get("client_id", ""), form.get("client_secret", "")
        return secrets.compare_digest(client, issuer.client_id) and secrets.compare_digest(
            secret, issuer.client_secret)

    def _token(self, form: dict[str, str]) -> None:
        issuer = self.issuer
        if not self._client_ok(form):
            self._json(401, {"error": "invalid_client"})
            return
        if form.get("grant_type") != "authorization_code":
            self._json(400, {"error": "unsupported_grant_type"})
            return
        with issuer.lock:
            grant = issuer.codes.pop(form.get("code", ""), None)  # single use
        if grant is None or grant["expires"] < time.time() \
                or grant["redirect_uri"] != form.get("redirect_uri"):
            self._json(400, {"error": "invalid_grant"})
            return
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode("ascii")
            if _b64url(hashlib.sha256(verifier).digest()) != grant["challenge"]:
                self._json(400, {"error": "invalid_grant"})
                return
        claims = issuer.claims(grant["account"], grant["nonce"])
        access = secrets.token_urlsafe(24)
        with issuer.lock:
            issuer.tokens[access] = claims
        self._json(200, {"access_token": access, "token_type": "Bearer",
                         "expires_in": TOKEN_SECONDS, "scope": "openid email profile",
                         "id_token": issuer.id_token(claims)})


@contextmanager
def running_issuer(client_id: str, client_secret: str, redirect_uris: tuple[str, ...],
                   accounts: list[Account]) -> Iterator[Issuer]:
    """An issuer on a free port of 127.0.0.1, stopped when the block ends."""
    issuer = Issuer(client_id, client_secret, redirect_uris,
                    {a.email.lower(): a for a in accounts})
    handler = type("Handler", (_Handler,), {"issuer": issuer})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    issuer.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer
    finally:
        server.shutdown()
        server.server_close()
