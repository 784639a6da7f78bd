"""Cold and warm render time of every page through AppTest, at 1, 10 and 100 times the demo.

Run from the repository root: ``.venv/bin/python -m bench.bench_pages [--scales 1,10,100]``
(``make bench``). For each K it writes ``python -m odcore synth --scale K`` into a temporary
folder; then, for each page, a child process runs app.py through Streamlit's AppTest on that
workbook (internal pages with open access, public pages in public-only mode, where the app
lands on the public home before it switches, both in the cold time): the first run (cold: the workbook read, validated and its figures
built, then the page drawn) and the median of three reruns (warm: the cached workbook and
figures, the page drawn again, as on every click). Streamlit and the app's modules are
imported before the clock starts (every odcore.ui module, so pandas and Altair too), and
Streamlit's component discovery, which a server does once at its start, is done before it
as well (from round 3; before, both were inside the first page's cold time). Wall and CPU seconds of the child process; the targets
(issue 14: every page cold < 2 s, warm < 0.3 s) are checked on the clock ``--clock`` names
(CPU by default, as bench_scale). Prints a Markdown table, writes JSON to bench/results/,
exits 1 when a target is missed. Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.clock import cpu_seconds
from bench.report import checks_table

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SCALES = (1, 10, 100)
PAGES = ("overview.py", "plan.py", "department.py", "datasets.py", "problems.py",
         "public_home.py", "public_products.py", "public_catalogue.py", "public_programme.py")
# Run as residents see them: in public-only mode (with open access the app lands a
# switch to them on the overview).
PUBLIC_PAGES = frozenset(p for p in PAGES if p.startswith("public_"))
TARGET_COLD = 2.0
TARGET_WARM = 0.3
WARM_RUNS = 3


def child(path: Path, page: str) -> dict[str, Any]:
    """Run one page cold, then warm; the environment names the workbook."""
    import importlib
    import pkgutil

    import streamlit  # noqa: F401 - imported before the clock starts
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.testing.v1 import AppTest

    import odcore.ui

    for module in pkgutil.iter_modules(odcore.ui.__path__):  # the app's own modules, likewise
        importlib.import_module(f"odcore.ui.{module.name}")

    def timed(run: Any) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        run()
        return time.perf_counter() - wall, cpu_seconds() - cpu

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    # A server looks for Streamlit's components once, when it starts (its Runtime does);
    # AppTest does it in its first run. Done here, before the clock, as a server has.
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    at._bidi_component_manager = components

    def first_visit() -> None:
        if page in PUBLIC_PAGES:  # public-only mode switches pages only after landing
            at.run()
        at.switch_page(f"app_pages/{page}")
        at.run()

    cold = timed(first_visit)
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].message}")
    warm = [timed(at.run) for _ in range(WARM_RUNS)]
    return {"cold": {"wall": cold[0], "cpu": cold[1]},
            "warm": {"wall": statistics.median(w for w, _ in warm),
                     "cpu": statistics.median(c for _, c in warm)},
            "elements": len(list(at.main)),
            "title": at.title[0].value if at.title else ""}


def _run_child(path: Path, page: str, secrets: Path) -> dict[str, Any]:
    env = {**os.environ, "ODCORE_SOURCE": str(path), "ODCORE_SECRETS_FILE": str(secrets)}
    env.pop("ODCORE_PUBLIC_ONLY", None)
    env.pop("ODCORE_OPEN_ACCESS", None)
    env.update({"ODCORE_PUBLIC_ONLY": "1"} if page in PUBLIC_PAGES
               else {"ODCORE_OPEN_ACCESS": "1"})
    done = subprocess.run([sys.executable, "-m", "bench.bench_pages", "--child", page,
                           str(path)], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench_pages child {page} failed on {path.name}:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(scales: list[int], pages: tuple[str, ...]) -> list[dict[str, Any]]:
    """Every page at every K: cold and warm seconds."""
    from odcore.synth import write_synth_xlsx

    results = []
    with tempfile.TemporaryDirectory() as folder:
        secrets = Path(folder) / "secrets.toml"
        secrets.write_text("", encoding="utf-8")
        for scale in scales:
            path = Path(folder) / f"synth-{scale}.xlsx"
            write_synth_xlsx(path, scale)
            for page in pages:
                print(f"K={scale} {page}…", file=sys.stderr, flush=True)
                results.append({"scale": scale, "page": page,
                                **_run_child(path, page, secrets)})
    return results


def check_targets(results: list[dict[str, Any]], clock: str) -> list[tuple[str, str, bool]]:
    """(target, measured, met): the slowest page's cold and warm time at each K."""
    checks = []
    for scale in sorted({r["scale"] for r in results}):
        at = [r for r in results if r["scale"] == scale]
        cold = max(at, key=lambda r: r["cold"][clock])
        warm = max(at, key=lambda r: r["warm"][clock])
        checks.append((f"K={scale}: every page cold < {TARGET_COLD:g} s",
                       f"{cold['cold'][clock]:.2f} s ({cold['page']})",
                       cold["cold"][clock] < TARGET_COLD))
        checks.append((f"K={scale}: every page warm < {TARGET_WARM:g} s",
                       f"{warm['warm'][clock]:.2f} s ({warm['page']})",
                       warm["warm"][clock] < TARGET_WARM))
    return checks


def markdown(results: list[dict[str, Any]], checks: list[tuple[str, str, bool]]) -> str:
    """The table make bench prints."""
    lines = ["| K | page | title | cold wall | cold CPU | warm wall | warm CPU | elements |",
             "|---:|---|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['scale']} | {r['page']} | {r['title']} | {r['cold']['wall']:.2f} "
              f"| {r['cold']['cpu']:.2f} | {r['warm']['wall']:.3f} | {r['warm']['cpu']:.3f} "
              f"| {r['elements']} |" for r in results]
    lines += ["", *checks_table(checks)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default=",".join(map(str, SCALES)))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.path, args.child)))
        return 0
    scales = sorted({int(k) for k in args.scales.split(",")})
    results = measure(scales, tuple(args.pages.split(",")))
    checks = check_targets(results, args.clock)
    print(markdown(results, checks))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"pages-{dt.datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"targets_clock": args.clock, "results": results,
                               "targets": [{"target": n, "measured": v, "met": m}
                                           for n, v, m in checks]},
                              ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nJSON: {out.relative_to(ROOT)}")
    return 1 if not all(met for _, _, met in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
