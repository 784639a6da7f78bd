"""The reading layer: sources -> typed records + Issues (odcore.workbook.Workbook)."""

from odcore.reading.load import cyclic_gc_paused, load_workbook
from odcore.reading.tabs import read_spreadsheet, read_tab, within_limits

__all__ = ["cyclic_gc_paused", "load_workbook", "read_spreadsheet", "read_tab", "within_limits"]
