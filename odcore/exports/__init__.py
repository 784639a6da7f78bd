"""Exports: files written for people (the template workbook, score cards, registers)."""
