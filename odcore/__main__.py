"""``python -m odcore``: the command-line interface."""

from __future__ import annotations

import sys

from odcore.cli import main

sys.exit(main())
