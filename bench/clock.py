"""The CPU clock the benchmarks time "ours" with: this process, the children it waited for,
and the kept parser child (odcore.sources.workbook_file), which is not waited for until the
process ends and reports its own CPU after each read (docs/performance.md, rounds 5 and 6)."""

from __future__ import annotations

import resource
import time


def cpu_seconds() -> float:
    """CPU seconds of this process, of every ended child it waited for, and of the live kept
    parser child, so that a workbook parsed in a child costs what it costs."""
    from odcore.sources.workbook_file import parser_cpu_seconds

    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # microseconds, not clock ticks
    return time.process_time() + children.ru_utime + children.ru_stime + parser_cpu_seconds()


def parser_peak_mb() -> float:
    """Peak resident memory of the kept parser child so far (0 when none was started)."""
    from odcore.sources.workbook_file import parser_peak_bytes

    return parser_peak_bytes() / 2**20
