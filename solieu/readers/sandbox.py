"""Run a parser on untrusted bytes in a separate process, with a wall-clock limit and a memory cap.

HTML, DOCX and PDF parsers can loop or allocate for minutes on hostile input, and their own time-outs do not
cover every path. Parsing happens in ``python -m solieu.readers.worker`` processes started with subprocess,
not multiprocessing: spawn/forkserver children re-run the parent's ``__main__``, which under Streamlit is the
dashboard script, and fork from a threaded server can deadlock. Workers are reused (imports cost ~1 s) and
killed on time-out, so nothing a runaway parse did survives. Safe to call from several threads at once.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from solieu.readers.limits import ReadProblem

MAX_IDLE_WORKERS = 2
JOBS_PER_WORKER = 50   # then the worker is replaced, so leaks in parser libraries cannot pile up
START_SECONDS = 60.0   # for a new worker's imports, which do not count against the parse time limit
# The folder that holds the solieu package. sys.path alone is not enough: in a REPL or `python -c` started in
# the repository its first entry is "" (the current folder), which -P below leaves out on purpose.
_IMPORT_ROOT = str(Path(__file__).resolve().parents[2])


class ParseTimeout(ReadProblem):
    pass


class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([_IMPORT_ROOT, *(p for p in sys.path if p)]))
        self.process = subprocess.Popen(
            # -P: do not put the current folder first on sys.path (a stray trafilatura.py there must not load)
            [sys.executable, "-P", "-m", "solieu.readers.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, close_fds=True,
        )
        self.jobs = 0
        self.ready = False

    def ask(self, func: str, data: bytes, options: dict, seconds: float) -> dict:
        if not self.ready:  # a new worker first imports the parser libraries; that is not the file's time
            self._read_line(START_SECONDS, "starting the parser process took longer than {:g} s")
            self.ready = True
        header = json.dumps({"func": func, "size": len(data), "options": options}).encode() + b"\n"
        self.jobs += 1
        try:
            self.process.stdin.write(header + data)
            self.process.stdin.flush()
        except BrokenPipeError:
            raise ReadProblem("the parser process died") from None
        return json.loads(self._read_line(seconds, "parsing took longer than {:g} s; gave up"))

    def _read_line(self, seconds: float, timeout_message: str) -> bytes:
        deadline = time.monotonic() + seconds
        out = self.process.stdout
        chunks = []
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([out], [], [], left)[0]:
                raise ParseTimeout(timeout_message.format(seconds))
            chunk = os.read(out.fileno(), 1 << 20)
            if not chunk:
                raise ReadProblem("the parser crashed on this file")
            chunks.append(chunk)
            if chunk.endswith(b"\n"):
                return b"".join(chunks)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()


_idle: list[_Worker] = []
_lock = threading.Lock()


def run_isolated(func: str, data: bytes, *, seconds: float, **options: Any) -> Any:
    """``func(data, **options)`` in a worker process; ``func`` is "module:function" in a parser module.
    Raises ParseTimeout after ``seconds``, ReadProblem with the parser's message or if it crashed."""
    with _lock:
        worker = _idle.pop() if _idle else None
    if worker is not None and worker.process.poll() is not None:  # died while idle: not this file's fault
        worker.kill()
        worker = None
    worker = worker or _Worker()
    answer = None
    try:
        answer = worker.ask(func, data, options, seconds)
    finally:
        if answer is None or worker.jobs >= JOBS_PER_WORKER:
            worker.kill()  # timed out, crashed, or interrupted: its state is unknown
        else:
            with _lock:
                keep = len(_idle) < MAX_IDLE_WORKERS
                if keep:
                    _idle.append(worker)
            if not keep:
                worker.kill()
    if "ok" in answer:
        return answer["ok"]
    raise ReadProblem(answer["problem"])


@atexit.register
def _shutdown() -> None:
    with _lock:
        while _idle:
            _idle.pop().kill()
