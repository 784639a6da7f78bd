"""odcore: the logic of the open-data programme dashboard (no Streamlit needed)."""

from __future__ import annotations

__version__ = "0.1.0"
