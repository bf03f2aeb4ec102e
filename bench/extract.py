"""How fast is the extractor? A benchmark, not a test: it prints figures and PASS/FAIL against the targets.

Run:  .venv/bin/python bench/extract.py            (1-4 minutes, depending on the extractor's speed)
      .venv/bin/python bench/extract.py --quick    (a smoke run: smaller inputs, fewer repeats)
      .venv/bin/python bench/extract.py --mb 50    (a bigger throughput corpus)

Needs the dev corpus at ../shared/corpus/dev/p*.txt (outside the repo); exits with a message when absent.
MB means 10^6 bytes of UTF-8. Timings are the best of 3 runs (time.perf_counter; a run over 5 s is not
repeated), cold starts the median of 5. Other load on the machine inflates the figures: run it on a quiet one.

Targets:
1. Throughput: ``solieu.extract`` over the dev corpus (article bodies, repeated to >= --mb MB) runs at >= 1/10 of
   the speed of a bare ``regex.finditer(r"\\d+", text)`` scan of the same text, measured in the same run.
   Reported twice: one extract() call per article body, and one call on the whole concatenated text.
2. Adversarial inputs (1 MB each: digit runs, ``1.1.1...``, ``gần gần ...``, runs of ``%``, one long line, NFD
   text, ...): seconds per MB <= 3x that of ordinary text in the same run, and time grows linearly
   (t(1 MB) / t(0.5 MB) about 2). An input holding far more claims per MB than ordinary text (>= 10x, such as
   ``5% 5% 5% ...``, where every token is a claim) is output-bound, not slow to scan: it is judged by time per
   claim instead (<= 3x ordinary text's), and the table says so. An exception is a FAIL; so is a case stopped early because its next size
   would take over a minute (the input grows from 1/16 MB by doubling, so a quadratic case cannot hang the bench).
3. Cold start (process start + ``import solieu`` + first article extracted; and ``python -m solieu extract``):
   reported next to a bare ``python -c pass``; no pass/fail target.
"""

from __future__ import annotations

import argparse
import collections
import gc
import random
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable

import regex
from _common import ROOT

import solieu
from solieu.article import parse_article

CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
MB = 1_000_000
THROUGHPUT_TARGET = 10.0   # extraction may be at most this many times slower than the bare scan
ADVERSARIAL_TARGET = 3.0   # adversarial s/MB at most this many times ordinary s/MB
LINEAR_MAX = 2.6           # t(1 MB) / t(0.5 MB) above this looks super-linear
LINEAR_MIN_SECONDS = 0.02  # below this the doubling ratio is timer noise, so it is not judged
DENSE_CLAIMS = 10.0        # an input with this many times ordinary text's claims per MB is judged per claim
LONG_RUN = 5.0             # seconds: a timed call this long is not repeated
STEP_BUDGET = 60.0         # seconds one adversarial run may be projected to take before we give up on it
_BARE = regex.compile(r"\d+")


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def repeat_to(unit: str, nbytes: int) -> str:
    """``unit`` repeated until the text is at least ``nbytes`` bytes of UTF-8, then cut to about that size."""
    reps = -(-nbytes // max(1, utf8_len(unit)))
    text = unit * reps
    # cut by characters so that the UTF-8 size is close to nbytes (units are short, so this is close enough)
    ratio = nbytes / utf8_len(text)
    return text[: max(1, int(len(text) * ratio))]


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls. A garbage collection is done before each, outside the timing."""
    return timed(fn, repeat)[0]


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """(best wall time of up to ``repeat`` calls, the last call's result). A call longer than LONG_RUN seconds
    is not repeated: timer noise does not matter at that length, and the bench stays short."""
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t0
        best = min(best, elapsed)
        if elapsed > LONG_RUN:
            break
    return best, result


def bare_scan(text: str) -> None:
    collections.deque(_BARE.finditer(text), maxlen=0)


def load_bodies() -> list[str]:
    files = sorted(CORPUS.glob("p*.txt"))
    if not files:
        sys.exit(f"bench/extract.py: no dev corpus at {CORPUS} (p*.txt); it lives outside the repo in ../shared")
    bodies = [parse_article(f.read_text(encoding="utf-8"), source=str(f)).body for f in files]
    return [b for b in bodies if b.strip()]


# --- 1. throughput -----------------------------------------------------------------------------------------

def throughput(bodies: list[str], mb: float, repeat: int) -> bool:
    corpus_bytes = sum(utf8_len(b) for b in bodies)
    reps = max(1, -(-int(mb * MB) // corpus_bytes))
    docs = bodies * reps
    big = "\n\n".join(docs)
    nbytes = utf8_len(big)

    def per_article() -> None:
        for doc in docs:
            solieu.extract(doc)

    t_bare = best_of(lambda: bare_scan(big), repeat)
    t_whole, claims = timed(lambda: solieu.extract(big), repeat)
    t_each = best_of(per_article, repeat)
    print(f"== Throughput: {len(bodies)} dev bodies ({corpus_bytes / 1e3:.0f} kB) x {reps} = {nbytes / MB:.1f} MB, "
          f"{len(claims)} claims, best of {repeat} (runs over {LONG_RUN:g} s are not repeated)")
    bare = nbytes / MB / t_bare
    ok = True
    bare_label = 'bare regex.finditer(r"\\d+")'
    print(f"  {bare_label:38s} {bare:9.1f} MB/s  ({t_bare:.3f} s)")
    for label, t in (("extract(), one call per article", t_each), ("extract(), one call on the whole text", t_whole)):
        speed = nbytes / MB / t
        slower = t / t_bare
        verdict = "PASS" if slower <= THROUGHPUT_TARGET else "FAIL"
        ok &= verdict == "PASS"
        print(f"  {label:38s} {speed:9.2f} MB/s  ({t:.3f} s)  {slower:6.1f}x slower than bare "
              f"(target <= {THROUGHPUT_TARGET:.0f}x)  {verdict}")
    stages(big, t_whole, t_bare, repeat)
    return ok


def stages(text: str, t_extract: float, t_bare: float, repeat: int) -> None:
    """Where the time of one extract() call goes: the scans every text gets whatever its numbers (each timed
    alone, the way extract() runs it), and the rest, which is the Python work per number and per claim."""
    from solieu.extract.classify import Stops
    from solieu.extract.lexicon import load_lexicon
    from solieu.extract.normalise import MatchingView
    from solieu.extract.patterns import TIMEOUT, build_patterns, word_starts

    pats = build_patterns(load_lexicon())
    view = MatchingView(text).view
    low = view.lower()
    scans = {
        "matching view (normalise.py)": lambda: MatchingView(text),
        "number pattern over the text": lambda: collections.deque(pats.digits.finditer(view, timeout=TIMEOUT),
                                                                  maxlen=0),
        "number-word starts": lambda: word_starts(low, 0, len(low), pats.starters),
        "clause and subject stops": lambda: Stops(view, 0, len(view)),
    }
    print("  where the time of one call on the whole text goes (x bare scan; the targets above allow 10x in all):")
    fixed = 0.0
    for label, fn in scans.items():
        t = best_of(fn, repeat)
        fixed += t
        print(f"    {label:36s} {t / t_bare:6.1f}x")
    print(f"    {'all of these together':36s} {fixed / t_bare:6.1f}x")
    print(f"    {'the rest: reading each number, claims':36s} {(t_extract - fixed) / t_bare:6.1f}x")


# --- 2. adversarial inputs ---------------------------------------------------------------------------------

def adversarial_cases(ordinary_unit: str) -> dict[str, Callable[[int], str]]:
    def one_long_line(nbytes: int) -> str:
        rng = random.Random(1)
        alphabet = "abcxyzđươêăô0123456789012345.,.,%/-:;()+=_'\"ABCĐ"
        chars = rng.choices(alphabet, k=nbytes)  # each char is 1-2 bytes
        return repeat_to("".join(chars), nbytes)

    nfd = unicodedata.normalize("NFD", ordinary_unit)
    return {
        "one run of digits": lambda n: "7" * n,
        "1.1.1.1...": lambda n: repeat_to("1.", n),
        "1,1,1,1...": lambda n: repeat_to("1,", n),
        "gần gần gần ...": lambda n: repeat_to("gần ", n),
        "5% 5% 5% ...": lambda n: repeat_to("5% ", n),
        "%%%%...": lambda n: "%" * n,
        "tăng 1 tăng 1 ...": lambda n: repeat_to("tăng 1 ", n),
        "one line, no spaces, mixed": one_long_line,
        "NFD (decomposed) article text": lambda n: repeat_to(nfd, n),
    }


def time_case(make: Callable[[int], str], repeat: int, full: int) -> tuple[dict[int, float], int, str]:
    """({size: seconds}, claims found at the largest size timed, why it stopped early or "").

    Grows the input from full/16 to full, and stops early when the next size would take longer than
    STEP_BUDGET (judging by the growth so far), so a quadratic case cannot hang the bench."""
    times: dict[int, float] = {}
    claims: object = []
    for size in (full // 16, full // 8, full // 4, full // 2, full):
        text = make(size)
        t, claims = timed(lambda text=text: solieu.extract(text), repeat if size >= full // 2 else 1)
        times[size] = t
        if size == full:
            break
        growth = max(2.0, t / times[size // 2]) if size // 2 in times and times[size // 2] > 0 else 2.0
        if t * growth > STEP_BUDGET:
            return times, len(claims), f"stopped: {size / MB:.3g} MB took {t:.1f} s, next ~{t * growth:.0f} s"
    return times, len(claims), ""


def adversarial(bodies: list[str], repeat: int, full: int) -> bool:
    ordinary_unit = "\n\n".join(bodies)
    ordinary = repeat_to(ordinary_unit, full)
    t_ord, ord_claims = timed(lambda: solieu.extract(ordinary), repeat)
    ord_spm = t_ord / (utf8_len(ordinary) / MB)
    n_ord = len(ord_claims)
    print(f"\n== Adversarial inputs, {full / MB:g} MB each, best of {repeat}; ordinary text (dev corpus): "
          f"{ord_spm:.3f} s/MB, {n_ord} claims, {t_ord / max(1, n_ord) * 1e6:.1f} us/claim")
    print(f"  {'input':32s} {'s/MB':>8s} {'x ordinary':>10s} {'t(1)/t(1/2)':>12s} {'claims':>8s} {'us/claim':>9s}"
          "  verdict")
    ok = True
    for name, make in adversarial_cases(ordinary_unit).items():
        try:
            times, n_claims, stopped = time_case(make, repeat, full)
        except Exception as exc:  # noqa: BLE001 - a crash is the finding: report it and go on
            ok = False
            print(f"  {name:32s} {'-':>8s} {'-':>10s} {'-':>12s} {'-':>8s} {'-':>9s}  "
                  f"FAIL ({type(exc).__name__}: {str(exc)[:80]})")
            continue
        size = max(times)
        half = times.get(size // 2, 0.0)
        if half > 0 and times[size] / half > LINEAR_MAX and times[size] >= LINEAR_MIN_SECONDS and not stopped:
            # looks super-linear: time both sizes again before saying so (a load spike can fake it)
            for n in (size // 2, size):
                text = make(n)
                times[n] = min(times[n], best_of(lambda text=text: solieu.extract(text), repeat))
            half = times[size // 2]
        t_full = times[size]
        mb = utf8_len(make(size)) / MB
        spm = t_full / mb
        times_ordinary = spm / ord_spm
        doubling = t_full / half if half > 0 else float("nan")
        linear = t_full < LINEAR_MIN_SECONDS or doubling <= LINEAR_MAX
        density = (n_claims / mb) / (max(1, n_ord) / (utf8_len(ordinary) / MB))  # claims per MB, x ordinary
        if density >= DENSE_CLAIMS:  # output-bound: compare the cost of each claim, not of each MB
            per_claim_ratio = (t_full / n_claims) / (t_ord / max(1, n_ord))
            fast_enough = per_claim_ratio <= ADVERSARIAL_TARGET
        else:
            fast_enough = times_ordinary <= ADVERSARIAL_TARGET
        passed = fast_enough and linear and not stopped
        ok &= passed
        notes = [n for n in ("" if linear else "super-linear", stopped) if n]
        if density >= DENSE_CLAIMS:
            notes.append(f"{density:.0f}x ordinary's claims per MB: judged per claim, "
                         f"{per_claim_ratio:.2f}x ordinary's us/claim")
        per_claim = f"{t_full / n_claims * 1e6:9.1f}" if n_claims else f"{'-':>9s}"
        print(f"  {name:32s} {spm:8.3f} {times_ordinary:10.2f} {doubling:12.2f} {n_claims:8d} {per_claim}  "
              f"{'PASS' if passed else 'FAIL'}" + (f" ({'; '.join(notes)})" if notes else ""))
    print(f"  targets: <= {ADVERSARIAL_TARGET:g}x ordinary s/MB, t(1)/t(1/2) <= {LINEAR_MAX:g} "
          f"(not judged under {LINEAR_MIN_SECONDS * 1000:.0f} ms); "
          f"an input with >= {DENSE_CLAIMS:g}x ordinary's claims per MB is output-bound and judged by us/claim "
          f"(<= {ADVERSARIAL_TARGET:g}x ordinary's) instead")
    return ok


# --- 3. cold start -----------------------------------------------------------------------------------------

def cold_start(runs: int) -> None:
    sample = min(CORPUS.glob("p*.txt"))
    first_article = (
        "import sys, solieu; from solieu.article import parse_article; "
        "a = parse_article(open(sys.argv[1], encoding='utf-8').read()); solieu.extract(a.body)"
    )
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import solieu'": [sys.executable, "-c", "import solieu"],
        "import + first article extracted": [sys.executable, "-c", first_article, str(sample)],
        f"python -m solieu extract {sample.name}": [sys.executable, "-m", "solieu", "extract", str(sample)],
    }
    print(f"\n== Cold start: median of {runs} runs (subprocess wall time)")
    base = None
    for label, cmd in commands.items():
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                print(f"  {label}: exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-300:]}")
                break
        med = statistics.median(times)
        base = med if base is None else base
        extra = "" if med is base else f"  (+{(med - base) * 1000:.0f} ms over bare python)"
        print(f"  {label:40s} {med * 1000:7.0f} ms{extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of the throughput text, MB (default 20)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2 MB, 0.25 MB adversarial, 1 repeat")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"bench/extract.py: the dev corpus is not at {CORPUS}; it lives outside the repo in ../shared")
    bodies = load_bodies()
    mb = min(args.mb, 2.0) if args.quick else args.mb
    repeat = 1 if args.quick else 3
    full = MB // 4 if args.quick else MB
    print(f"solieu.extract (EXTRACTOR_VERSION {solieu.EXTRACTOR_VERSION}), Python {sys.version.split()[0]}"
          + ("  [--quick: figures are indicative only]" if args.quick else ""))
    try:
        ok_throughput = throughput(bodies, mb, repeat)
    except Exception as exc:  # noqa: BLE001 - the extractor crashed on the dev corpus: report it, go on
        ok_throughput = False
        print(f"== Throughput: FAIL, extract() raised {type(exc).__name__}: {str(exc)[:200]}")
    try:
        ok_adversarial = adversarial(bodies, repeat, full)
    except Exception as exc:  # noqa: BLE001 - raised on the ordinary text itself: report it, go on
        ok_adversarial = False
        print(f"== Adversarial: FAIL, extract() raised {type(exc).__name__}: {str(exc)[:200]}")
    cold_start(3 if args.quick else 5)
    print(f"\nSummary: throughput {'PASS' if ok_throughput else 'FAIL'}, "
          f"adversarial {'PASS' if ok_adversarial else 'FAIL'}")
    return 0 if ok_throughput and ok_adversarial else 1  # like bench/import.py and bench/dashboard.py


if __name__ == "__main__":
    sys.exit(main())
