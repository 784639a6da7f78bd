"""A page showing what ``require_public_view`` gives: the data path of the public pages."""

from __future__ import annotations

import streamlit as st

from odcore.ui.loading import require_public_view

public = require_public_view()
view = public.view
st.markdown(f"products: {', '.join(p.name for p in view.products)}")
st.markdown(f"datasets: {', '.join(d.id for d in view.datasets)}")
st.markdown(f"kept copy: {public.kept_copy}; as of {view.as_of.isoformat()}")
