"""How much does storing cost on top of extracting? A benchmark, not a test: it prints figures and PASS/FAIL.

Run:  .venv/bin/python bench/import.py             (10,000 synthetic articles, about half a minute)
      .venv/bin/python bench/import.py --n 1000    (a smoke run)

It generates N synthetic articles (solieu.synthetic, fixed seed), then, alternating in chunks of 500,
1. extracts the claims of each article, and nothing else (the extraction-only time);
2. imports the same articles into a fresh store in a temporary folder, the way `python -m solieu import`
   does (Store.add_many: one connection, one transaction per article, extraction outside the transaction).
Times are wall-clock (time.perf_counter); the CPU-time ratio is printed too, as it is less sensitive to
other processes on the machine.

Targets:
1. import time / extraction-only time <= 2 (storing costs at most as much as extracting);
2. peak memory (ru_maxrss of this process, which holds all N articles) < 500 MB.
Exit status 1 when a target fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _common import peak_rss_mb

from solieu.extract import EXTRACTOR_VERSION, extract
from solieu.store import Store
from solieu.synthetic import generate_articles

RATIO_TARGET = 2.0
MEMORY_TARGET_MB = 500
CHUNK = 500


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="articles to import (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    started = time.perf_counter()
    articles = list(generate_articles(args.n, seed=args.seed))
    generated = time.perf_counter() - started
    megabytes = sum(len(a.body.encode("utf-8")) for a in articles) / 1e6
    print(f"{args.n} synthetic articles ({megabytes:.1f} MB of text) generated in {generated:.1f} s; "
          f"extractor {EXTRACTOR_VERSION}")
    extract(articles[0].body)  # compile and cache the patterns before either timing

    # Extraction alone and the import alternate chunk by chunk, so that a change in the machine's load
    # (other processes, CPU frequency) during the run weighs on both figures alike.
    extraction = importing = extraction_cpu = importing_cpu = 0.0
    claims = imported = 0
    with tempfile.TemporaryDirectory(prefix="solieu-bench-") as folder:
        store = Store(Path(folder) / "bench.sqlite")
        for start in range(0, args.n, CHUNK):
            chunk = articles[start:start + CHUNK]
            wall, cpu = time.perf_counter(), time.process_time()
            claims += sum(len(extract(a.body)) for a in chunk)
            extraction += time.perf_counter() - wall
            extraction_cpu += time.process_time() - cpu
            wall, cpu = time.perf_counter(), time.process_time()
            imported += sum(result.status == "imported" for result in store.add_many(chunk))
            importing += time.perf_counter() - wall
            importing_cpu += time.process_time() - cpu
        stored_claims = int(store.articles()["claims"].sum())  # not store.claims(): that table is the memory peak
        size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6

    if imported != args.n or stored_claims != claims:
        print(f"FAIL: imported {imported} articles / {stored_claims} claims, expected {args.n} / {claims}")
        return 1
    ratio = importing / extraction
    peak = peak_rss_mb()
    print(f"extraction only : {extraction:7.2f} s  {args.n / extraction:8.0f} articles/s  ({claims} claims)")
    print(f"import (store)  : {importing:7.2f} s  {args.n / importing:8.0f} articles/s  (store {size_mb:.0f} MB)")
    print(f"storing overhead: {importing - extraction:7.2f} s  {(importing - extraction) / args.n * 1e3:.3f} ms/article"
          f"  (CPU time: import / extraction = {importing_cpu / extraction_cpu:.2f})")
    print(f"{verdict(ratio <= RATIO_TARGET)}  import / extraction = {ratio:.2f} (target <= {RATIO_TARGET:g})")
    print(f"{verdict(peak < MEMORY_TARGET_MB)}  peak memory {peak:.0f} MB (ru_maxrss; target < {MEMORY_TARGET_MB} MB)")
    return 0 if ratio <= RATIO_TARGET and peak < MEMORY_TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
