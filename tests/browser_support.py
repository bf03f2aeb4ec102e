"""Helpers for tests/test_browser.py: start the dashboard on a free port, drive it in Debian's Chromium.

Kept out of the test module so the flows there read as steps. Nothing here imports Playwright at import time,
so collecting the suite works without it.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REQUIRE_ENV = "SOLIEU_REQUIRE_BROWSER"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
HEALTH_TIMEOUT = 60.0
APP_TIMEOUT_MS = 30_000  # one script run; the first one imports pandas and plotly


def skip_or_fail(reason: str) -> None:
    """Skip the browser tests, or fail them when CI says a browser is required (a test must not skip in CI)."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} (and {REQUIRE_ENV}=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        skip_or_fail("Debian's chromium is not installed (apt-get install chromium); Playwright cannot "
                     "download its own browsers here")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the server --------------------------------------------------------------------------------------------

@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log_dir: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logs(self) -> str:
        out = []
        for name in ("stdout", "stderr"):
            path = self.log_dir / f"streamlit.{name}"
            text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
            out.append(f"--- streamlit {name} (last 4000 chars) ---\n{text[-4000:]}")
        return "\n".join(out)

    def stop(self) -> None:
        if self.proc.poll() is None:
            # the server runs in its own process group: stop it and only it
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def start_streamlit(app: Path, cwd: Path, log_dir: Path, env_extra: dict[str, str]) -> Server:
    """``streamlit run app`` on a free loopback port, waiting until /_stcore/health says ok (else pytest.fail
    with the server's output). The caller must call ``stop()``."""
    port = free_port()
    # No --server.address: the address comes from .streamlit/config.toml (read from ``cwd``), so that
    # test_listens_on_loopback_only checks the file that keeps a plain `streamlit run` on loopback.
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    env = os.environ | {"PYTHONUNBUFFERED": "1"} | env_extra
    log_dir.mkdir(parents=True, exist_ok=True)
    with open(log_dir / "streamlit.stdout", "wb") as out, open(log_dir / "streamlit.stderr", "wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    server = Server(proc, port, log_dir)
    try:
        wait_healthy(server)
    except BaseException:
        server.stop()
        raise
    return server


def wait_healthy(server: Server, timeout: float = HEALTH_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            pytest.fail(f"streamlit exited with code {server.proc.returncode} before it was healthy\n"
                        f"{server.logs()}", pytrace=False)
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as resp:
                body = resp.read().decode()
                if resp.status == 200 and body.strip() == "ok":
                    return
                last = f"{resp.status} {body!r}"
        except OSError as exc:
            last = repr(exc)
        time.sleep(0.25)
    pytest.fail(f"streamlit not healthy after {timeout:.0f} s (last: {last})\n{server.logs()}", pytrace=False)


# --- sockets -----------------------------------------------------------------------------------------------

def _proc_net_addr(hex_addr: str, family: str) -> str:
    raw = bytes.fromhex(hex_addr)
    if family == "tcp":
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    # /proc/net/tcp6 prints the address as four host-order 32-bit words
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def listening_addresses(port: int) -> list[str]:
    """The local addresses with a TCP socket in LISTEN state on ``port``, from /proc/net/tcp{,6}."""
    found = []
    for family in ("tcp", "tcp6"):
        path = Path("/proc/net") / family
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state = fields[1], fields[3]
            addr, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(_proc_net_addr(addr, family))
    return found


def websocket_handshake_status(port: int, host_header: str, path: str = "/_stcore/stream") -> int:
    """The HTTP status a WebSocket upgrade to ``path`` gets with this Host header (101 = accepted)."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET {path} HTTP/1.1\r\nHost: {host_header}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode("ascii"))
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    status_line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise AssertionError(f"no HTTP status line in the reply to a WebSocket upgrade: {data[:200]!r}")
    return int(parts[1])


def http_get(port: int, path: str, host_header: str) -> tuple[int, str]:
    """GET with an explicit Host header; (status, body)."""
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host_header})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", errors="replace")


# --- the page ----------------------------------------------------------------------------------------------

def wait_for_app(page, timeout_ms: int = APP_TIMEOUT_MS, settle_ms: int = 300) -> None:
    """Wait until the app is connected and its script has finished running.

    A widget change reaches the server after a short debounce, so first give the rerun a moment to start,
    then wait for ``notRunning``."""
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=timeout_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout_ms)
    page.wait_for_timeout(100)


def open_app(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=APP_TIMEOUT_MS)
    wait_for_app(page)


def app_exceptions(page) -> list[str]:
    """Texts of the tracebacks Streamlit shows on the page (an uncaught exception in the script)."""
    return [el.inner_text() for el in page.locator("[data-testid='stException']").all()]


def upload(page, files: list[tuple[str, bytes, str]], uploader=None) -> None:
    """Choose ``files`` (name, bytes, MIME type) in a file uploader (the first one unless ``uploader`` is a
    locator of a ``stFileUploader``), through the browser's file chooser as a user would."""
    root = uploader if uploader is not None else page.get_by_test_id("stFileUploader").first
    payload = [{"name": n, "mimeType": m, "buffer": b} for n, b, m in files]
    # 1.67 labels the dropzone's button "Upload" (older releases: "Browse files"). Now and then (seen on a
    # fresh page of a store that has charts, under load) a click that reaches the button opens no chooser;
    # clicking again does, so try a few times before giving up.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = root.get_by_test_id("stFileUploaderDropzone").locator("button").first
    for attempt in range(3):
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                button.click()
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            print(f"upload: no file chooser after click {attempt + 1}; retrying")
            wait_for_app(page)
    chooser.value.set_files(payload)
    # the upload itself is an HTTP PUT: wait until every file is listed by name
    for name, _, _ in files:
        root.get_by_text(name, exact=False).first.wait_for(timeout=APP_TIMEOUT_MS)
    wait_for_app(page)


def keyed(page, key: str):
    """The element Streamlit made for the widget or container with ``key=key`` (it carries class st-key-KEY)."""
    return page.locator(f".st-key-{key}").first


def grid_text(root) -> str:
    """Text of the cells glide-data-grid renders in its accessibility table (the rows on screen), one line per
    cell. ``root`` is a page or a locator holding one or more st.dataframe grids."""
    return "\n".join(el.text_content() or "" for el in root.locator("[role='gridcell']").all())


def click_grid_row(page, grid, cell_text: str, header_px: int = 35, row_px: int = 35) -> None:
    """Select the row of ``grid`` (an stDataFrame with row selection) that has a cell reading exactly
    ``cell_text``, by clicking its row marker (the checkbox column on the left), as a user would."""
    cell = grid.locator("[role='gridcell']").filter(has_text=re.compile(rf"^\s*{re.escape(cell_text)}\s*$")).first
    cell.wait_for(state="attached", timeout=APP_TIMEOUT_MS)
    row = cell.get_attribute("aria-rowindex") or cell.locator("xpath=..").get_attribute("aria-rowindex")
    assert row, f"no aria-rowindex on the grid cell {cell_text!r}"
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box, "the grid is not on screen"
    # aria-rowindex counts the header as row 1
    page.mouse.click(box["x"] + 18, box["y"] + header_px + (int(row) - 2) * row_px + row_px / 2)
    wait_for_app(page)


def page_text(page) -> str:
    """Everything the app shows as text: the DOM text plus the data-grid cells and text-area values."""
    parts = [page.locator("[data-testid='stAppViewContainer']").inner_text()]
    parts.append(grid_text(page))
    parts += [el.input_value() for el in page.locator("[data-testid='stAppViewContainer'] textarea").all()]
    return "\n".join(parts)
