"""How fast is the dashboard on a big library? A benchmark, not a test: it prints figures and PASS/FAIL.

Run:  .venv/bin/python bench/dashboard.py             (10,000 synthetic articles; the first run builds the store)
      .venv/bin/python bench/dashboard.py --n 1000    (a smaller library)

The library is ``solieu.synthetic.generate_articles(N)`` imported once into ``bench/out/dashboard-N-....sqlite``
(git-ignored; rebuilt when N, the seed or the extractor version changes). Every figure comes from this one run:

- load: ``Store.claims()``, the whole claims table from SQLite into pandas (best of 3);
- first render: ``AppTest.run()`` of dashboard.py on a cold cache (loads the tables, draws everything);
- filter reruns: ``AppTest.run()`` after changing a sidebar filter (category, then text, then article), the worst
  of them is judged;
- peak memory: ``ru_maxrss`` of this process (AppTest runs the app in-process, so it includes the app).

Targets: the worst filter rerun <= 3x the load time; peak memory < 1 GB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, best_of, peak_rss_mb

OUT = ROOT / "bench" / "out"

from streamlit.testing.v1 import AppTest

from solieu.extract import EXTRACTOR_VERSION
from solieu.store import Store
from solieu.synthetic import generate_articles

RERUN_TARGET = 3.0        # a filter rerun may take at most this many times the claims load
MEMORY_TARGET_MB = 1024
SEED = 0


def library(n: int) -> Path:
    """The benchmark store for ``n`` articles, built on first use (into a temp file, then renamed, so an
    interrupted build never leaves a half-filled store behind to be reused)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"dashboard-{n}-seed{SEED}-x{EXTRACTOR_VERSION}.sqlite"
    if path.exists():
        return path
    print(f"building {path.name} ({n:,} articles, once)...", flush=True)
    started = time.perf_counter()
    fd, tmp = tempfile.mkstemp(dir=OUT, suffix=".sqlite.tmp")
    os.close(fd)
    os.unlink(tmp)
    store = Store(tmp)
    # No samples to mark as offered: the app imports samples only into an empty store, and this one is full.
    for _ in store.add_many(generate_articles(n, seed=SEED)):
        pass
    os.replace(tmp, path)
    for suffix in ("-wal", "-shm"):
        Path(tmp + suffix).unlink(missing_ok=True)
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def timed_run(app: AppTest) -> float:
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    if app.exception:
        sys.exit(f"the dashboard raised: {app.exception[0].message}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the library (default 10,000)")
    args = parser.parse_args()

    path = library(args.n)
    os.environ["SOLIEU_DB"] = str(path)
    store = Store(path)
    claims = store.claims()
    load = best_of(store.claims, 3)
    print(f"library: {len(store):,} articles, {len(claims):,} claims ({path.stat().st_size / 2**20:.0f} MB)")

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    first = timed_run(app)
    top_category = claims["category"].value_counts().index[0]
    some_article = claims["article_id"].iloc[len(claims) // 2]
    reruns = {}
    app.sidebar.multiselect(key="filter_categories").set_value([top_category])
    reruns[f"category = {top_category}"] = timed_run(app)
    app.sidebar.text_input(key="filter_text").set_value("chốt")
    reruns["+ text 'chốt'"] = timed_run(app)
    app.sidebar.multiselect(key="filter_categories").set_value([])
    app.sidebar.text_input(key="filter_text").set_value("")
    reruns["filters cleared"] = timed_run(app)
    app.sidebar.multiselect(key="filter_articles").set_value([some_article])
    reruns["one article"] = timed_run(app)
    peak_mb = peak_rss_mb()

    worst = max(reruns.values())
    print(f"\n{'what':<34}{'seconds':>9}{'x load':>9}")
    print(f"{'Store.claims() (SQLite -> pandas)':<34}{load:>9.3f}{1:>9.2f}")
    print(f"{'first render (AppTest, cold)':<34}{first:>9.3f}{first / load:>9.2f}")
    for name, seconds in reruns.items():
        print(f"{'rerun: ' + name:<34}{seconds:>9.3f}{seconds / load:>9.2f}")
    print(f"{'peak memory (ru_maxrss)':<34}{peak_mb:>8.0f}M")

    checks = {f"worst filter rerun {worst:.3f} s <= {RERUN_TARGET:g} x load {load:.3f} s": worst <= RERUN_TARGET * load,
              f"peak memory {peak_mb:.0f} MB < {MEMORY_TARGET_MB} MB": peak_mb < MEMORY_TARGET_MB}
    print()
    for check, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {check}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
