"""Rules: pure functions of records and an as_of date (RULES.md)."""
