"""The workbook schema: tabs, columns and how their cells are read."""
