"""The Ministry's structures, file content checks against them, and data.gov.ua reconciliation.

Pure Python: no module here imports Streamlit (docs/portal.md).
"""
