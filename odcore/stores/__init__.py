"""Where a council's kept copies live: the council id and the generic records shared by every
store (``records``), and the PostgreSQL store (``postgres``); the file store is in
``odcore.service``."""
