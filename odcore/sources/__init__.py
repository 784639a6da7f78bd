"""Sources return the raw cells of each tab of one or more spreadsheets, with provenance."""
