"""URLs a visitor could be fooled by are refused, not linked (WORKBOOK.md "URLs")."""

from __future__ import annotations

import pytest

from odcore.cells import read_url, valid_http_url
from odcore.textsafe import markdown_link, safe_link


@pytest.mark.parametrize("url", [
    # Credentials in a link: "gov.ua@evil.example" reads as the council's address, and a
    # password in a public page is published to everyone.
    "https://user:pass@host.ua/x.png",
    "https://zhmerynka-rada.gov.ua@evil.example/form",
    # Bidirectional and invisible format characters make the shown text differ from the
    # address the browser opens.
    "https://ok.ua/\u202egnp.exe",
    "https://ok.ua\u200b.evil.example/",
    # A port no browser opens.
    "https://a.ua:99999/",
])
def test_deceptive_urls_are_refused(url):
    assert not valid_http_url(url)
    value, finding = read_url(url)
    assert value is None and finding is not None and finding.code == "url.invalid"
    assert safe_link(url) is None
    assert "](" not in markdown_link("Посилання", url)


@pytest.mark.parametrize("url", [
    "https://ok.ua/x#javascript:alert(1)",  # only a fragment: the scheme is https
    "HTTPS://A.UA/x",
    "https://a.ua:8443/x",
    "https://zhmerynka-rada.gov.ua/news?id=5&lang=uk",
])
def test_ordinary_urls_still_link(url):
    assert valid_http_url(url)
