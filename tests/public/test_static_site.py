"""The static public export: its files, their fields, the page's safety, atomic replacement."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from odcore.cli import main
from odcore.exports import static_site
from odcore.exports.static_site import (
    EXPORT_FILES,
    STAMP_FIELDS,
    content_security_policy,
    export_files,
    index_html,
    script_json,
    write_static_site,
)
from odcore.figures import build_figures
from odcore.public import DATASET_FIELDS, PRODUCT_FIELDS, public_view
from odcore.settings import Settings
from tests.helpers import load, tab
from tests.public.workbooks import AS_OF, PAYLOAD_TITLE, payload_tabs, write_xlsx
from tests.ui.test_config import contrast

GENERATED_AT = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
DATA_ELEMENT = re.compile(r'<script type="application/json" id="odcore-data">(.*?)</script>',
                          re.DOTALL)


def export(source: Path, outdir: Path, *extra: str) -> int:
    return main(["export-public", str(source), str(outdir), "--as-of", AS_OF.isoformat(),
                 *extra])


def payload_files() -> dict[str, bytes]:
    view = public_view(build_figures(load(*payload_tabs()), AS_OF, Settings()))
    return export_files(view, GENERATED_AT)


def inlined_data(html: str) -> dict:
    (text,) = DATA_ELEMENT.findall(html)
    return json.loads(text)


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM for Ukrainian Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_export_writes_exactly_the_five_files(public_env, payload_source, tmp_path):
    outdir = tmp_path / "site"
    assert export(payload_source, outdir) == 0
    assert sorted(p.name for p in outdir.iterdir()) == sorted(EXPORT_FILES)


def test_json_files_hold_the_allow_listed_fields_and_their_dates():
    files = payload_files()
    for name, key, fields in (("products.json", "products", PRODUCT_FIELDS),
                              ("datasets.json", "datasets", DATASET_FIELDS)):
        document = json.loads(files[name])
        assert (document["as_of"], document["generated_at"]) == (
            "2025-12-31", "2026-01-05T09:30:00+02:00")
        assert [tuple(item) for item in document[key]] == [fields]


def test_csv_files_hold_the_allow_listed_fields_with_dates_on_every_row():
    files = payload_files()
    for name, fields in (("products.csv", PRODUCT_FIELDS), ("datasets.csv", DATASET_FIELDS)):
        header, *rows = read_csv(files[name])
        assert header == [*fields, *STAMP_FIELDS]
        assert rows and all(row[-2:] == ["2025-12-31", "2026-01-05T09:30:00+02:00"]
                            for row in rows)


def test_csv_cells_cannot_start_a_formula_and_lists_are_joined():
    view = public_view(build_figures(load(tab("products", {
        "name": "=HYPERLINK(\"https://evil.example.org\")", "kind": "Інше", "public": "так",
        "dataset_ids": "A-1; A-2"})), AS_OF, Settings()))
    header, row = read_csv(export_files(view, GENERATED_AT)["products.csv"])
    values = dict(zip(header, row, strict=True))
    assert values["name"] == "'=HYPERLINK(\"https://evil.example.org\")"
    assert values["dataset_ids"] == "A-1; A-2"


def test_a_cell_cannot_close_the_inlined_data_element():
    html = payload_files()["index.html"].decode("utf-8")
    (raw,) = DATA_ELEMENT.findall(html)
    assert "<" not in raw and ">" not in raw
    assert inlined_data(html)["datasets"][0]["title"] == PAYLOAD_TITLE
    assert html.count("</script>") == 2  # the data element and the page's own script


def test_script_json_escapes_markup_and_line_separators():
    text = script_json({"a": "</script>&\u2028"})
    assert text == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'
    assert json.loads(text) == {"a": "</script>&\u2028"}


def test_page_loads_nothing_from_elsewhere_and_sets_no_html_from_data():
    html = payload_files()["index.html"].decode("utf-8")
    assert not re.search(r"<(?:script|link|img|iframe)[^>]*\s(?:src|href)=", html)
    assert "@import" not in html and "url(" not in html
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html
    assert "document.write" not in html and "eval(" not in html


def _hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def test_content_security_policy_allows_only_the_pages_own_script_and_style():
    html = payload_files()["index.html"].decode("utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    assert "default-src 'none'" in policy
    assert f"script-src 'sha256-{_hash(script)}'" in policy
    assert f"style-src 'sha256-{_hash(style)}'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "img-src https:;" in policy


def test_content_security_policy_limits_pictures_to_the_allowed_hosts():
    policy = content_security_policy(["city.ua"])
    assert "img-src https://city.ua https://*.city.ua;" in policy


def test_page_carries_as_of_and_generated_at():
    view = public_view(build_figures(load(*payload_tabs()), AS_OF, Settings()))
    html = index_html(view, GENERATED_AT)
    assert '<meta name="odcore:as_of" content="2025-12-31">' in html
    assert '<meta name="odcore:generated_at" content="2026-01-05T09:30:00+02:00">' in html
    assert inlined_data(html)["as_of"] == "2025-12-31"


def test_export_replaces_a_previous_export_and_leaves_no_temporary_folder(tmp_path):
    outdir = tmp_path / "site"
    write_static_site({"index.html": b"old", "products.json": b"old"}, outdir)
    write_static_site(payload_files(), outdir)
    assert sorted(p.name for p in outdir.iterdir()) == sorted(EXPORT_FILES)
    assert (outdir / "index.html").read_bytes() != b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert outdir.stat().st_mode & 0o755 == 0o755  # a web server can read it


def test_export_refuses_a_folder_that_holds_other_files(public_env, payload_source, tmp_path,
                                                        capsys):
    outdir = tmp_path / "www"
    outdir.mkdir()
    (outdir / "other.html").write_text("keep me", encoding="utf-8")
    assert export(payload_source, outdir) == 2
    assert "other.html" in capsys.readouterr().err
    assert [p.name for p in outdir.iterdir()] == ["other.html"]


def test_export_exits_0_on_data_errors_and_still_writes(public_env, marker_source, tmp_path):
    outdir = tmp_path / "site"
    assert export(marker_source, outdir) == 0
    assert json.loads((outdir / "products.json").read_text("utf-8"))["products"]
    assert export(marker_source, outdir, "--strict") == 1
    assert json.loads((outdir / "products.json").read_text("utf-8"))["products"]


def test_export_exits_2_when_the_source_cannot_be_read(public_env, tmp_path):
    assert export(tmp_path / "немає.xlsx", tmp_path / "site") == 2
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", EXPORT_FILES)
def test_every_file_names_the_as_of_date(name, public_env, tmp_path):
    source = write_xlsx(tmp_path / "book.xlsx", payload_tabs())
    export(source, tmp_path / "site")
    assert "2025-12-31" in (tmp_path / "site" / name).read_text("utf-8-sig")


def _css_colours() -> dict[str, str]:
    style = (Path(static_site.__file__).parent / "public_site.css").read_text(encoding="utf-8")
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", style))


@pytest.mark.parametrize(("fore", "back", "minimum"), [
    ("fg", "bg", 4.5), ("fg", "card", 4.5), ("muted", "bg", 4.5), ("muted", "card", 4.5),
    ("accent", "bg", 4.5), ("accent", "card", 4.5),
    ("ok", "bg", 4.5), ("bad", "bg", 4.5),  # badges have the page's background
    ("control", "bg", 3.0),  # the border that shows where a field or button is (WCAG 1.4.11)
])
def test_page_colours_meet_wcag_aa_contrast(fore, back, minimum):
    colours = _css_colours()
    assert contrast(colours[fore], colours[back]) >= minimum


HEAD = re.compile(r"<head>(.*?)</head>", re.DOTALL)


def test_page_head_has_a_title_and_a_description_for_link_previews():
    # Link previews (messengers, social networks) read the <head> without running scripts.
    council = 'Рада "<b>Тест</b>" & Ко'
    settings = Settings(council={"name": council})
    view = public_view(build_figures(load(*payload_tabs()), AS_OF, settings))
    (head,) = HEAD.findall(index_html(view, GENERATED_AT))
    escaped = "Рада &quot;&lt;b&gt;Тест&lt;/b&gt;&quot; &amp; Ко"
    assert f"<title>Відкриті дані: {escaped}</title>" in head
    assert f'<meta property="og:title" content="Відкриті дані: {escaped}">' in head
    (description,) = re.findall(r'<meta name="description" content="([^"]+)">', head)
    assert f"Наборів даних: {len(view.datasets)}, продуктів: {len(view.products)}." in (
        description)
    assert "Дані станом на 31.12.2025." in description
    assert f'<meta property="og:description" content="{description}">' in head
    assert "<b>" not in head
