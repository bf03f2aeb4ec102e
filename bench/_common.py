"""What the benchmark scripts share: the repo on sys.path, a best-of timer, peak memory. Imported as
``_common`` because each script runs as ``python bench/NAME.py`` (so bench/ is first on sys.path)."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # so the scripts import this checkout's solieu, installed or not


def best_of(fn: Callable[[], object], runs: int) -> float:
    """Best wall time of ``runs`` calls of ``fn`` (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
