"""The parser process: ``python -m solieu.readers.worker``. Reads jobs from stdin, answers on stdout.

Protocol (one job at a time): a JSON header line ``{"func": "module:function", "size": n, "options": {...}}``
followed by n raw bytes; the answer is one JSON line ``{"ok": result}`` or ``{"problem": message}``.
JSON, not pickle, so that a parser compromised by a hostile file cannot hand the parent code to run.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time

from solieu.readers.limits import ReadProblem

PRELOAD = ("solieu.readers.html_reader", "solieu.readers.docx_reader", "solieu.readers.pdf_reader")
ALLOWED_MODULES = (*PRELOAD, "solieu.readers.worker")
EXTRA_ADDRESS_SPACE = 1024 * 1024 * 1024  # what one parse may map on top of the loaded libraries


def stall(data: bytes, delay: float) -> dict:
    """A parser that never finishes in time: lets tests exercise the wall-clock limit without a real parser."""
    time.sleep(delay)
    return {"text": data.decode()}


def hog(data: bytes, megabytes: int) -> dict:
    """A parser that allocates too much: lets tests check the address-space cap."""
    block = bytearray(megabytes * 1024 * 1024)
    return {"text": str(len(block))}


def main() -> None:
    for module in PRELOAD:
        importlib.import_module(module)
    _cap_address_space()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(b'{"ready": true}\n')  # the parent starts timing a job only once the imports are done
    stdout.flush()
    while header := stdin.readline():
        job = json.loads(header)
        data = stdin.read(job["size"])
        stdout.write(json.dumps(_run(job, data)).encode() + b"\n")
        stdout.flush()


def _run(job: dict, data: bytes) -> dict:
    module_name, func_name = job["func"].split(":")
    if module_name not in ALLOWED_MODULES:
        return {"problem": f"no such parser {job['func']!r}"}
    try:
        return {"ok": getattr(importlib.import_module(module_name), func_name)(data, **job["options"])}
    except ReadProblem as exc:
        return {"problem": str(exc)}
    except MemoryError:
        return {"problem": "the parser ran out of memory on this file"}
    except RecursionError:
        return {"problem": "the file is nested too deeply to parse"}
    except Exception as exc:  # noqa: BLE001 - parser libraries raise anything on hostile input; it is the file's fault
        return {"problem": f"could not be parsed ({type(exc).__name__}: {exc})"[:300]}


def _cap_address_space() -> None:
    """RLIMIT_AS = what is mapped now + EXTRA_ADDRESS_SPACE. Linux only (/proc, and macOS ignores RLIMIT_AS);
    elsewhere the wall-clock limit still applies."""
    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize()
        limit = mapped + EXTRA_ADDRESS_SPACE
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
