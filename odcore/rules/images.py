"""Product pictures: which hosts a public page may load them from (settings.image_hosts)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from odcore.cells import valid_http_url
from odcore.issues import Finding, Issue, IssueCode, display_value
from odcore.schema.tabs import header_of
from odcore.settings import Settings
from odcore.workbook import Workbook

_ASCII_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


def _ascii_host(host: str) -> str | None:
    """A host name in its ASCII (IDNA) form, lower case, or None when it is not a host name."""
    try:
        ascii_host = host.strip().rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return ascii_host if _ASCII_HOST.fullmatch(ascii_host) else None


def allowed_image_hosts(entries: Sequence[str]) -> list[str]:
    """The hosts settings.image_hosts names (``example.ua``, ``https://example.ua/``, ``*.x``),
    in ASCII form; an entry that names no host is ignored."""
    hosts = []
    for entry in entries:
        text = entry.strip()
        if "//" in text:
            text = urlsplit(text).hostname or ""
        host = _ascii_host(text.split("/")[0].removeprefix("*."))
        if host:
            hosts.append(host)
    return hosts


def image_allowed(url: str | None, hosts: Sequence[str]) -> bool:
    """An https URL that passes validation, from an allowed host (or its subdomain) if any."""
    if not url or not valid_http_url(url, https_only=True):
        return False
    allowed = allowed_image_hosts(hosts)
    if not allowed:
        return True
    host = _ascii_host(urlsplit(url).hostname or "")
    return host is not None and any(host == h or host.endswith("." + h) for h in allowed)


def image_host_issues(workbook: Workbook, settings: Settings) -> list[Issue]:
    """Warnings for public products whose picture is on a host outside settings.image_hosts."""
    if not settings.image_hosts:
        return []
    issues = []
    for product in workbook.products:
        url = product.image_url
        if product.public is not True or not url or image_allowed(url, settings.image_hosts):
            continue
        hosts = ", ".join(settings.image_hosts)
        issues.append(Issue(
            Finding.of(IssueCode.IMAGE_HOST_NOT_ALLOWED, product=display_value(product.name),
                       hosts=hosts),
            column=header_of(product, "image_url"), value=display_value(url),
            spreadsheet=product.origin.spreadsheet, tab=product.origin.tab,
            row=product.origin.row, link=product.origin.link))
    return issues
