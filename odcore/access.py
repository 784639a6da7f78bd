"""Which pages the app serves to whom (issue 5, "Fail closed"; issue 11, roles).

Without sign-in, internal pages are served only on the bundled demo workbook or when
``ODCORE_OPEN_ACCESS=1`` is set on purpose; ``public_only`` serves the public pages on any
source. The flags are resolved in :func:`odcore.config.load_config` (the environment wins over
``secrets.toml``). With sign-in (``[auth]``) the viewer's role decides
(:func:`odcore.roles.decide_viewer`): staff and coordinators get the internal pages. A page
left out of the list is never registered with ``st.navigation``, so its URL shows the default
page instead.
"""

from __future__ import annotations

from enum import StrEnum

from odcore.config import AppConfig
from odcore.roles import AccessFlags, SignIn, Viewer, decide_viewer


class PageKey(StrEnum):
    OVERVIEW = "overview"
    PLAN = "plan"
    DEPARTMENT = "department"
    DATASETS = "datasets"
    COVERAGE = "coverage"
    PROBLEMS = "problems"
    HISTORY = "history"
    PUBLIC_HOME = "public_home"
    PUBLIC_PRODUCTS = "public_products"
    PUBLIC_CATALOGUE = "public_catalogue"
    PUBLIC_PROGRAMME = "public_programme"
    OBLAST = "oblast"  # the roll-up of a multi-council deployment (docs/councils.md)


# In menu order; the first page of the list is the default page.
INTERNAL_PAGES: tuple[PageKey, ...] = (PageKey.OVERVIEW, PageKey.PLAN, PageKey.DEPARTMENT,
                                        PageKey.DATASETS, PageKey.COVERAGE, PageKey.PROBLEMS,
                                        PageKey.HISTORY)
# The public home comes first: it is where a visitor (or an internal page's URL) lands.
PUBLIC_PAGES: tuple[PageKey, ...] = (PageKey.PUBLIC_HOME, PageKey.PUBLIC_PRODUCTS,
                                     PageKey.PUBLIC_CATALOGUE, PageKey.PUBLIC_PROGRAMME)


def access_flags(config: AppConfig | AccessFlags | None) -> AccessFlags | None:
    """The flags of a configuration (or the flags themselves)."""
    return config.access if isinstance(config, AppConfig) else config


def internal_allowed(config: AppConfig | AccessFlags | None) -> bool:
    """True when the configuration alone serves internal pages to everyone (no sign-in). A
    configuration that failed to load gives the flags that could still be resolved
    (odcore.config.ConfigError.access), or None: public. With sign-in, roles decide."""
    flags = access_flags(config)
    if flags is None or flags.public_only or flags.sign_in is not SignIn.OFF:
        return False
    return flags.is_demo or flags.open_access


def pages_for_viewer(viewer: Viewer, *, internal: tuple[PageKey, ...] = INTERNAL_PAGES,
                     public: tuple[PageKey, ...] = PUBLIC_PAGES) -> tuple[PageKey, ...]:
    """The pages to register for a viewer, in menu order: internal ones first for staff and
    coordinators. With no public page given, the public home stands alone, so a visitor
    always lands somewhere."""
    public = public or (PageKey.PUBLIC_HOME,)
    return internal + public if viewer.internal else public


def pages_for_deployment(viewer: Viewer, *, councils: bool, council: str | None
                         ) -> tuple[PageKey, ...]:
    """The pages of a deployment: as today for one council; with a councils file, the oblast
    roll-up alone until a council is chosen (``?council=``), then that council's pages with
    the roll-up last."""
    if not councils:
        return pages_for_viewer(viewer)
    if council is None:
        return (PageKey.OBLAST,)
    return pages_for_viewer(viewer) + (PageKey.OBLAST,)


def pages_for(config: AppConfig | AccessFlags | None, *,
              internal: tuple[PageKey, ...] = INTERNAL_PAGES,
              public: tuple[PageKey, ...] = PUBLIC_PAGES) -> tuple[PageKey, ...]:
    """The pages a visitor who is not signed in gets (internal ones only when the
    configuration serves them to everyone)."""
    return pages_for_viewer(decide_viewer(access_flags(config), None, None),
                            internal=internal, public=public)
