"""The public static export: products and datasets as JSON, CSV and one self-contained page.

Only the public projection (odcore.public) is written, field by field as docs/public-export.md
documents. ``index.html`` works opened from disk: the data are inlined as JSON (escaped so that
no cell can close the script element), the page's script and style are allowed by their hashes
in a Content-Security-Policy, every value is set as text, and nothing is loaded from elsewhere
but the products' https pictures. The files are written to a temporary folder beside the
target, which then takes the target's place, so a web server never serves half an export.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from odcore.exports.safe import csv_bytes
from odcore.public import DATASET_FIELDS, PRODUCT_FIELDS, PublicView
from odcore.rounding import whole_percent
from odcore.rules.images import allowed_image_hosts

EXPORT_FILES: tuple[str, ...] = (
    "index.html", "products.json", "products.csv", "datasets.json", "datasets.csv",
)
STAMP_FIELDS: tuple[str, ...] = ("as_of", "generated_at")
LIST_SEPARATOR = "; "  # never inside a value: lists are split on ";" when read

_HERE = Path(__file__).resolve().parent
_SCRIPT = (_HERE / "public_site.js").read_text(encoding="utf-8")
_STYLE = (_HERE / "public_site.css").read_text(encoding="utf-8")


class ExportError(Exception):
    """The export cannot be written where asked; the message is Ukrainian and says why."""


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no ``<``, ``>`` or ``&`` stays literal."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _image_sources(hosts: Sequence[str]) -> str:
    allowed = allowed_image_hosts(hosts)
    if not allowed:
        return "https:"
    return " ".join(f"https://{h} https://*.{h}" for h in allowed)


def content_security_policy(image_hosts: Sequence[str] = ()) -> str:
    """The page's policy: its own script and style by hash, https pictures, nothing else."""
    return "; ".join((
        "default-src 'none'",
        f"script-src {_csp_hash(_SCRIPT)}",
        f"style-src {_csp_hash(_STYLE)}",
        f"img-src {_image_sources(image_hosts)}",
        "base-uri 'none'",
        "form-action 'none'",
    ))


def _stamps(view: PublicView, generated_at: dt.datetime) -> dict[str, str]:
    return {"as_of": view.as_of.isoformat(),
            "generated_at": generated_at.isoformat(timespec="seconds")}


def _csv_cell(value: Any) -> Any:
    return LIST_SEPARATOR.join(value) if isinstance(value, list) else value


def _csv(fields: tuple[str, ...], items: list[dict[str, Any]], stamps: dict[str, str]) -> bytes:
    header = (*fields, *STAMP_FIELDS)
    rows = [[_csv_cell(item[f]) for f in fields] + [stamps[f] for f in STAMP_FIELDS]
            for item in items]
    return csv_bytes(header, rows)


def _json(key: str, items: list[dict[str, Any]], view: PublicView,
          stamps: dict[str, str]) -> bytes:
    document = {**stamps, "council": view.council, key: items}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_PAGE = """<!DOCTYPE html>
<html lang="uk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<meta name="odcore:as_of" content="{as_of}">
<meta name="odcore:generated_at" content="{generated_at}">
<title>{title}</title>
<meta name="description" content="{description}">
<meta property="og:type" content="website">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<style>{style}</style>
</head>
<body>
<header>
<h1 id="council"></h1>
<p class="muted"><span id="as-of"></span> <span id="generated-at"></span></p>
<nav><a href="#products-section">Продукти</a><a href="#datasets-section">Набори даних</a></nav>
<ul class="counts" id="figures" aria-label="Програма в цифрах"></ul>
</header>
<main>
<noscript><p>Щоб шукати й переглядати продукти та набори даних, увімкніть JavaScript. Ті самі
дані є у файлах products.csv, products.json, datasets.csv і datasets.json поруч із цією
сторінкою.</p></noscript>
<section id="products-section">
<h2>Продукти на відкритих даних</h2>
<p class="muted">Сервіси, чат-боти, візуалізації та дослідження, створені на відкритих даних
громади.</p>
<ul class="counts" id="product-counts"></ul>
<div class="filters">
<label>Пошук<input id="product-query" type="search" autocomplete="off"
placeholder="назва, опис, автор"></label>
<label>Тип<select id="product-kind"></select></label>
<label>Набір даних<select id="product-dataset"></select></label>
</div>
<p class="muted" id="product-total" aria-live="polite"></p>
<p id="product-none" hidden>Поки що тут немає жодного продукту. Знаєте сервіс, чат-бот,
візуалізацію чи дослідження на відкритих даних громади?<span class="contact-line"> Напишіть
нам: <span class="contact"></span></span></p>
<p id="product-empty" hidden>Нічого не знайдено. Змініть пошук або фільтри.</p>
<div class="grid" id="products"></div>
<button class="more" id="product-more" type="button" hidden>Показати ще</button>
</section>
<section id="datasets-section">
<h2>Оприлюднені набори даних</h2>
<div class="filters">
<label>Пошук<input id="dataset-query" type="search" autocomplete="off"
placeholder="назва, опис, ключові слова"></label>
<label>Розпорядник<select id="dataset-department"></select></label>
<label>Оновлення<select id="dataset-on-time"></select></label>
</div>
<p class="muted" id="dataset-total" aria-live="polite"></p>
<p id="dataset-empty" hidden>Нічого не знайдено. Змініть пошук або фільтри.</p>
<ul class="list" id="datasets"></ul>
<button class="more" id="dataset-more" type="button" hidden>Показати ще</button>
</section>
</main>
<footer class="muted">
<p class="contact-line">Запропонувати продукт або поставити питання:
<span class="contact"></span>.</p>
<p>Дані для завантаження: <a href="products.csv">products.csv</a>,
<a href="products.json">products.json</a>, <a href="datasets.csv">datasets.csv</a>,
<a href="datasets.json">datasets.json</a>.</p>
</footer>
<script type="application/json" id="odcore-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def _figures(view: PublicView) -> dict[str, object]:
    """The home figures of «Про панель»; shares as whole percentages (rounded half up, as
    the dashboard rounds), or None when undefined."""
    def percent(value: float | None) -> str | None:
        return None if value is None else f"{whole_percent(value)} %"
    return {"datasets": len(view.datasets), "products": len(view.products),
            "on_time_share": percent(view.on_time_share),
            "compliant_share": percent(view.compliant_share),
            "plan_progress": percent(view.programme.progress)}


def page_title(view: PublicView) -> str:
    """The tab's and a shared link's title; the page's script sets the same one."""
    return f"Відкриті дані: {view.council}" if view.council.strip() else "Відкриті дані"


def page_description(view: PublicView) -> str:
    """One sentence for link previews (``<meta name="description">``, ``og:description``):
    what the page holds, in figures, and the data date. Link previews read the page without
    running its script, so it is written into the ``<head>`` here."""
    progress = view.programme.progress
    plan = (f" Виконання плану заходів: {whole_percent(progress)} %."
            if progress is not None else "")
    return (f"Оприлюднені набори даних і продукти на відкритих даних громади. Наборів даних: "
            f"{len(view.datasets)}, продуктів: {len(view.products)}.{plan} "
            f"Дані станом на {view.as_of.strftime('%d.%m.%Y')}.")


def index_html(view: PublicView, generated_at: dt.datetime,
               image_hosts: Sequence[str] = ()) -> str:
    """The self-contained page: the projection inlined as JSON, rendered by its own script."""
    stamps = _stamps(view, generated_at)
    data = {**stamps, "council": view.council, "public_contact": view.public_contact,
            "figures": _figures(view),
            "products": [p.to_json() for p in view.products],
            "datasets": [d.to_json() for d in view.datasets]}
    # The stamps are ISO dates and the policy holds only hashes and host names checked
    # by image_allowed's rules; no cell reaches this format call except inside script_json
    # (the council's name is a setting, escaped like the description).
    # The title and the description are HTML-escaped (quotes too: they sit in attributes).
    return _PAGE.format(csp=content_security_policy(image_hosts), style=_STYLE,
                        script=_SCRIPT, data=script_json(data),
                        title=html.escape(page_title(view), quote=True),
                        description=html.escape(page_description(view), quote=True), **stamps)


def export_files(view: PublicView, generated_at: dt.datetime,
                 image_hosts: Sequence[str] = ()) -> dict[str, bytes]:
    """Every file of the export by name (EXPORT_FILES), as bytes."""
    stamps = _stamps(view, generated_at)
    products = [p.to_json() for p in view.products]
    datasets = [d.to_json() for d in view.datasets]
    return {
        "index.html": index_html(view, generated_at, image_hosts).encode("utf-8"),
        "products.json": _json("products", products, view, stamps),
        "products.csv": _csv(PRODUCT_FIELDS, products, stamps),
        "datasets.json": _json("datasets", datasets, view, stamps),
        "datasets.csv": _csv(DATASET_FIELDS, datasets, stamps),
    }


def _check_target(outdir: Path) -> None:
    if outdir.is_symlink() or (outdir.exists() and not outdir.is_dir()):
        raise ExportError(f"«{outdir}» не є текою. Вкажіть теку для публічного експорту.")
    if outdir.is_dir():
        foreign = sorted(p.name for p in outdir.iterdir() if p.name not in EXPORT_FILES)
        if foreign:
            shown = ", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else "")
            raise ExportError(
                f"Тека «{outdir}» містить інші файли ({shown}), а експорт замінює теку "
                "цілком. Вкажіть порожню теку або теку попереднього експорту.")


def write_static_site(files: dict[str, bytes], outdir: str | Path) -> Path:
    """Write the files to a new folder beside ``outdir``, then put it in ``outdir``'s place.

    An existing ``outdir`` must hold only files of a previous export; it is replaced by two
    renames (old out, new in), so a reader sees the old export, briefly none, or the new one.
    """
    target = Path(outdir).expanduser().absolute()
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        for name, content in files.items():
            (fresh / name).write_bytes(content)
        fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.replace(target, retired / target.name)
            try:
                os.replace(fresh, target)
            except OSError:
                os.replace(retired / target.name, target)
                raise
            finally:
                shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return target
