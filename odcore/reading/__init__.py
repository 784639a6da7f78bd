"""The reading layer: sources -> typed records + Issues (odcore.workbook.Workbook)."""

from odcore.reading.load import load_workbook
from odcore.reading.tabs import read_spreadsheet, read_tab, within_limits

__all__ = ["load_workbook", "read_spreadsheet", "read_tab", "within_limits"]
