"""Twenty concurrent browser sessions against one Streamlit server for a minute (issue 14).

Run from the repository root: ``.venv/bin/python -m bench.bench_load [--sessions 20]
[--seconds 60] [--scale 10] [--ttl 20]`` (``make bench``; needs Debian's /usr/bin/chromium,
``make chromium``). It writes ``python -m odcore synth --scale K`` into a temporary folder,
starts ``streamlit run app.py`` on it with open access (internal and public pages) and a
cache TTL of ``--ttl`` seconds, and opens one headless Chromium with one context per
session (a fresh profile each, as separate visitors have). Every session opens the app, then
cycles through the pages by the sidebar's menu, each session starting at another page, until
the time is up (sessions arrive half a second apart; "open" is a visitor's first page load,
a new Streamlit session). A page has rendered when its own title (``h1``) is shown and the script has
finished; its render time runs from the click to then. A page that shows an exception box,
or whose title does not appear within 120 s, is a failure.

The server writes its data service's read count to a file (``ODCORE_BENCH_STATS``,
odcore/bench_stats.py). The source must have been read at most once per TTL period the run
spanned (the service keys its cache by ``time() // ttl``), not once per session or page.

Prints a Markdown table (p50, p95 and the slowest render per page, and overall), writes JSON
to ``bench/results/load-*.json`` and exits 1 when a page failed to render or the source was
read more often than once per TTL. Render times are wall seconds on a shared machine: the
server, Chromium and the sessions share its cores, so they measure what the machine can take.
Not a test (``make test`` never runs it).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.report import checks_table
from odcore.i18n import translate
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, running_app

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
FINISHED = "[data-testid='stApp'][data-test-script-state='notRunning']"
TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1280, "height": 800}
# (menu entry, the page's own title): every page of the menu with open access.
PAGES = (("page.overview", "overview.title"), ("page.plan", "plan.title"),
         ("page.department", "department.title"), ("page.datasets", "datasets.title"),
         ("page.coverage", "coverage.title"), ("page.problems", "problems.title"),
         ("page.history", "history.title"), ("page.public_home", "public.title"),
         ("page.public_products", "pub.products.title"),
         ("page.public_catalogue", "pub.catalogue.title"),
         ("page.public_programme", "pub.programme.title"))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


async def _rendered(page: Any, title: str) -> None:
    await page.locator("h1", has_text=title).first.wait_for(timeout=TIMEOUT_MS)
    await page.locator(FINISHED).wait_for(timeout=TIMEOUT_MS)


async def _visit(page: Any, action: Any, title: str) -> str:
    """Run ``action`` (a click or a page load) and wait for the page titled ``title``; the
    failure ("" when it rendered)."""
    try:
        await action()
        await _rendered(page, title)
        if await page.locator("[data-testid='stException']").count():
            return "exception box"
    except Exception as exc:  # noqa: BLE001 - a timeout is a failed render, recorded
        return type(exc).__name__
    return ""


async def session(browser: Any, base: str, index: int, deadline: float,
                  renders: list[dict[str, Any]]) -> None:
    """One visitor: open the app (the overview), then click through the menu, each visitor
    from another page, until ``deadline``. Visitors arrive half a second apart."""
    await asyncio.sleep(index * 0.5)
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    home = translate(PAGES[0][1], "uk")

    async def record(name: str, action: Any, title: str) -> str:
        started = time.perf_counter()
        error = await _visit(page, action, title)
        renders.append({"session": index, "page": name,
                        "seconds": time.perf_counter() - started, "error": error})
        return error

    def open_app() -> Any:
        return page.goto(base, wait_until="domcontentloaded")

    error = await record("open", open_app, home)
    step = index
    while time.monotonic() < deadline:
        if error:  # start again from the home page, as a visitor would reload
            error = await record("open", open_app, home)
            continue
        entry, title_key = PAGES[step % len(PAGES)]
        step += 1
        link = page.locator("[data-testid='stSidebarNav'] a", has_text=translate(entry, "uk"))
        error = await record(entry.removeprefix("page."), link.first.click,
                             translate(title_key, "uk"))
    await context.close()


def cpu_seconds() -> dict[str, float]:
    """CPU seconds (user + system) so far of this process's descendants, by kind: the
    Streamlit server and Chromium (Linux /proc; empty elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    kinds: dict[int, str] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                "utf-8", "replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        times[pid] = (int(fields[11]) + int(fields[12])) / ticks
        kinds[pid] = ("server" if "streamlit" in command
                      else "browser" if "chrom" in command else "")
    mine, result = os.getpid(), {"server": 0.0, "browser": 0.0}
    for pid, kind in kinds.items():
        ancestor = parents.get(pid)
        while ancestor not in (None, 0, 1, mine):
            ancestor = parents.get(ancestor)
        if ancestor == mine and kind:
            result[kind] += times[pid]
    return result


async def drive(base: str, sessions: int, seconds: float
                ) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Run the sessions; their renders and the CPU seconds the server and Chromium spent."""
    from playwright.async_api import async_playwright

    renders: list[dict[str, Any]] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                   headless=True, args=CHROMIUM_ARGS)
        before = cpu_seconds()
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, base, i, deadline, renders)
                               for i in range(sessions)))
        after = cpu_seconds()
        await browser.close()
    return renders, {kind: after[kind] - before.get(kind, 0.0) for kind in after}


def summarise(renders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per page and overall: renders, failures, p50, p95 and the slowest, in seconds."""
    rows = []
    for name in ["open"] + [entry.removeprefix("page.") for entry, _ in PAGES] + ["all"]:
        mine = [r for r in renders if name in ("all", r["page"])]
        good = [r["seconds"] for r in mine if not r["error"]]
        rows.append({"page": name, "renders": len(mine),
                     "failures": sum(1 for r in mine if r["error"]),
                     "p50": statistics.median(good) if good else None,
                     "p95": percentile(good, 0.95) if good else None,
                     "max": max(good) if good else None})
    return rows


def markdown(rows: list[dict[str, Any]], checks: list[tuple[str, str, bool]]) -> str:
    def cell(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    lines = ["| page | renders | failures | p50 s | p95 s | max s |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['page']} | {r['renders']} | {r['failures']} | {cell(r['p50'])} "
              f"| {cell(r['p95'])} | {cell(r['max'])} |" for r in rows]
    lines += ["", *checks_table(checks, "check")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--ttl", type=int, default=20, help="the cache TTL, seconds")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print("Debian's chromium is not installed at /usr/bin/chromium: make chromium",
              file=sys.stderr)
        return 2
    from odcore.synth import write_synth_xlsx

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"synth-{args.scale}.xlsx"
        write_synth_xlsx(source, args.scale)
        secrets = Path(folder) / "secrets.toml"
        secrets.write_text(f"[odcore]\ncache_ttl_seconds = {args.ttl}\n", encoding="utf-8")
        stats = Path(folder) / "stats.json"
        env = {**os.environ, "ODCORE_SOURCE": str(source), "ODCORE_OPEN_ACCESS": "1",
               "ODCORE_PUBLIC_ONLY": "", "ODCORE_SECRETS_FILE": str(secrets),
               "ODCORE_STATE_DIR": str(Path(folder) / "state"),
               "ODCORE_BENCH_STATS": str(stats)}
        print(f"K={args.scale}: {args.sessions} sessions for {args.seconds:g} s…",
              file=sys.stderr, flush=True)
        with running_app(ROOT / "app.py", args.port or free_port(), env,
                         log=Path(folder) / "server.log") as base:
            began, wall = time.time(), time.perf_counter()
            renders, cpu = asyncio.run(drive(base, args.sessions, args.seconds))
            ended, wall = time.time(), time.perf_counter() - wall
        reads = json.loads(stats.read_text("utf-8"))["reads"] if stats.exists() else 0
    periods = int(ended // args.ttl) - int(began // args.ttl) + 1
    rows = summarise(renders)
    overall = rows[-1]
    checks = [
        ("every render shows its page's title and no exception box",
         f"{overall['failures']} of {overall['renders']} failed", overall["failures"] == 0),
        (f"the source read at most once per TTL ({args.ttl} s) period",
         f"{reads} reads over {periods} periods, {args.sessions} sessions, "
         f"{overall['renders']} renders", 1 <= reads <= periods),
    ]
    print(markdown(rows, checks))
    print(f"\nCPU seconds over {wall:.0f} s of wall time ({os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}): server {cpu.get('server', 0):.1f}, "
          f"Chromium {cpu.get('browser', 0):.1f}.")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"load-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "scale": args.scale, "sessions": args.sessions, "seconds": args.seconds,
        "ttl_seconds": args.ttl, "source_reads": reads, "ttl_periods": periods,
        "wall_seconds": wall, "cpu_seconds": cpu,
        "pages": rows, "renders": renders,
        "checks": [{"check": n, "measured": v, "met": m} for n, v, m in checks]},
        ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nJSON: {out.relative_to(ROOT)}")
    return 0 if all(met for _, _, met in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
