"""Which pages the app serves in each mode (issue 5, "Fail closed").

Internal pages are served only on the bundled demo workbook or when ``ODCORE_OPEN_ACCESS=1``
is set on purpose; ``public_only`` serves the public pages on any source. The flags are
resolved in :func:`odcore.config.load_config` (the environment wins over ``secrets.toml``).
A page left out of the list is never registered with ``st.navigation``, so its URL shows the
default page instead.
"""

from __future__ import annotations

from enum import StrEnum

from odcore.config import AccessFlags, AppConfig


class PageKey(StrEnum):
    OVERVIEW = "overview"
    PLAN = "plan"
    DEPARTMENT = "department"
    DATASETS = "datasets"
    PROBLEMS = "problems"
    PUBLIC_HOME = "public_home"
    PUBLIC_PRODUCTS = "public_products"
    PUBLIC_CATALOGUE = "public_catalogue"
    PUBLIC_PROGRAMME = "public_programme"


# In menu order; the first page of the list is the default page.
INTERNAL_PAGES: tuple[PageKey, ...] = (PageKey.OVERVIEW, PageKey.PLAN, PageKey.DEPARTMENT,
                                        PageKey.DATASETS, PageKey.PROBLEMS)
# The public home comes first: it is where a visitor (or an internal page's URL) lands.
PUBLIC_PAGES: tuple[PageKey, ...] = (PageKey.PUBLIC_HOME, PageKey.PUBLIC_PRODUCTS,
                                     PageKey.PUBLIC_CATALOGUE, PageKey.PUBLIC_PROGRAMME)


def internal_allowed(config: AppConfig | AccessFlags | None) -> bool:
    """True when internal pages may be served. A configuration that failed to load gives the
    flags that could still be resolved (odcore.config.ConfigError.access), or None: public."""
    if config is None or config.public_only:
        return False
    return config.is_demo or config.open_access


def pages_for(config: AppConfig | AccessFlags | None, *,
              internal: tuple[PageKey, ...] = INTERNAL_PAGES,
              public: tuple[PageKey, ...] = PUBLIC_PAGES) -> tuple[PageKey, ...]:
    """The pages to register, in menu order: internal ones first when allowed.

    With no public page given, the public home stands alone, so a visitor always lands
    somewhere.
    """
    public = public or (PageKey.PUBLIC_HOME,)
    if internal_allowed(config):
        return internal + public
    return public
