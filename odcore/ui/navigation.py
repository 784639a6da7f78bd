"""The page registry: which script, title, icon and URL each page of odcore.access has.

Page scripts live in ``app_pages/``, not ``pages/``: with a ``pages/`` folder next to
``app.py`` Streamlit runs its first script run in the old multipage mode, where every script
of that folder is reachable by URL, including pages ``st.navigation`` left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from odcore.access import INTERNAL_PAGES, PageKey
from odcore.config import PROJECT_ROOT
from odcore.ui.i18n import t_plain

PAGES_DIR = PROJECT_ROOT / "app_pages"


@dataclass(frozen=True)
class PageFile:
    script: str
    title_key: str
    icon: str
    url_path: str


PAGE_FILES: dict[PageKey, PageFile] = {
    PageKey.OVERVIEW: PageFile("overview.py", "page.overview", ":material/dashboard:",
                               "overview"),
    PageKey.PLAN: PageFile("plan.py", "page.plan", ":material/checklist:", "plan"),
    PageKey.DEPARTMENT: PageFile("department.py", "page.department", ":material/apartment:",
                                 "department"),
    PageKey.DATASETS: PageFile("datasets.py", "page.datasets", ":material/dataset:",
                               "datasets"),
    PageKey.COVERAGE: PageFile("coverage.py", "page.coverage", ":material/fact_check:",
                               "coverage"),
    PageKey.PROBLEMS: PageFile("problems.py", "page.problems", ":material/report_problem:",
                               "problems"),
    PageKey.HISTORY: PageFile("history.py", "page.history", ":material/history:", "history"),
    PageKey.PUBLIC_HOME: PageFile("public_home.py", "page.public_home", ":material/info:",
                                  "about"),
    PageKey.PUBLIC_PRODUCTS: PageFile("public_products.py", "page.public_products",
                                      ":material/apps:", "products"),
    PageKey.PUBLIC_CATALOGUE: PageFile("public_catalogue.py", "page.public_catalogue",
                                       ":material/table_view:", "catalogue"),
    PageKey.PUBLIC_PROGRAMME: PageFile("public_programme.py", "page.public_programme",
                                       ":material/flag:", "programme"),
    PageKey.OBLAST: PageFile("oblast.py", "page.oblast", ":material/map:", "oblast"),
}


# The reserved path of the default page (served at "/"); see build_pages.
DEFAULT_SUFFIX = "-home"


def script_path(key: PageKey) -> Path:
    """The page's script under app_pages/."""
    return PAGES_DIR / PAGE_FILES[key].script


def build_pages(keys: tuple[PageKey, ...]) -> dict[str, list[st.Page]]:
    """One ``st.Page`` per key, the first one the default page, in a menu section for the
    programme team and one for residents (a single unnamed section when only one is used)."""
    sections: dict[str, list[st.Page]] = {}
    for index, key in enumerate(keys):
        spec = PAGE_FILES[key]
        section = ("nav.internal" if key in INTERNAL_PAGES
                   else "nav.oblast" if key is PageKey.OBLAST else "nav.public")
        default = index == 0
        pages = sections.setdefault(section, [])
        # Streamlit serves the default page at "/" only and answers its own URL (/overview)
        # with an English «Page not found» pop-up. The default page therefore reserves another
        # (never shown) path, and a hidden twin of the same script answers its own URL.
        pages.append(st.Page(
            script_path(key), title=t_plain(spec.title_key), icon=spec.icon,
            url_path=f"{spec.url_path}{DEFAULT_SUFFIX}" if default else spec.url_path,
            default=default))
        if default:
            pages.append(st.Page(script_path(key), title=t_plain(spec.title_key),
                                 icon=spec.icon, url_path=spec.url_path, visibility="hidden"))
    if len(sections) == 1:
        return {"": next(iter(sections.values()))}
    return {t_plain(section): pages for section, pages in sections.items()}
