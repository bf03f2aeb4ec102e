"""The dashboard in a real browser: `streamlit run dashboard.py` on a free loopback port, driven by Debian's
Chromium through Playwright. What AppTest cannot see: the browser's upload (HTTP PUT + XSRF), how text is
rendered (no HTML, no Markdown, no dialogs), the bytes of a real download, the listening socket and the Host check.

Skips, saying why, when Chromium (or Playwright) is missing, except when SOLIEU_REQUIRE_BROWSER=1 (.ci/run sets
it): then it fails. Screenshots and the server's log of a failed test go to its tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Locator
except ImportError:  # the fixtures skip (or fail in CI) with the reason
    Locator = None

from tests import ROOT
from tests.browser_support import (
    APP_TIMEOUT_MS,
    CHROMIUM_ARGS,
    app_exceptions,
    chromium_path,
    click_grid_row,
    grid_text,
    http_get,
    keyed,
    listening_addresses,
    open_app,
    page_text,
    skip_or_fail,
    start_streamlit,
    upload,
    wait_for_app,
    websocket_handshake_status,
)

pytestmark = pytest.mark.browser

APP = ROOT / "dashboard.py"
BOM = b"\xef\xbb\xbf"

ARTICLE_NAME = "cong-an-le.txt"
ARTICLE = (
    "Công an tỉnh bảo đảm an ninh dịp nghỉ lễ\n\n"
    "Công an tỉnh đã huy động 1.250 cán bộ, chiến sĩ và lập 36 chốt kiểm soát trên các tuyến giao thông "
    "chính. Trong 7 ngày, lực lượng chức năng đã xử lý 418 trường hợp vi phạm và tạm giữ 52 phương tiện.\n"
)
CLAIM_SENTENCE = "Công an tỉnh đã huy động 1.250 cán bộ, chiến sĩ và lập 36 chốt kiểm soát"

XSS_NAME = "kiem-tra-xss.txt"
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_ARTICLE = (
    "Đoàn kiểm tra <img src=x onerror=alert(3)> công bố kết quả <b>$5$</b>\n\n"
    f"Đoàn kiểm tra phát hiện 12 cơ sở vi phạm {XSS_IMG} và <script>alert(2)</script> trong tháng. "
    "Tổng số tiền phạt là $x$ và 500 triệu đồng, xem [a](b) để biết thêm. Có 7 đối tượng bị tạm giữ.\n"
)


# --- fixtures ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        skip_or_fail(f"playwright is not installed ({exc}); pip install -r requirements-test.txt")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not APP.is_file():
        pytest.fail(f"{APP} does not exist", pytrace=False)
    base = tmp_path_factory.mktemp("dashboard")
    samples = base / "samples"
    samples.mkdir()
    env = {"SOLIEU_DB": str(base / "solieu.sqlite"), "SOLIEU_SAMPLES": str(samples)}
    srv = start_streamlit(APP, cwd=ROOT, log_dir=base, env_extra=env)
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def dialogs() -> list[str]:
    """Every JavaScript dialog (alert/confirm/prompt) the page tried to open; the page fixture dismisses each."""
    return []


@pytest.fixture
def page(browser, server, dialogs, request, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1100}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(APP_TIMEOUT_MS)

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)  # registered before the first navigation
    failed_before = request.session.testsfailed
    yield page
    if request.session.testsfailed > failed_before:  # the call phase has been reported by now
        shot = tmp_path / "failure.png"
        try:
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot of the failed page: {shot}")
        except Exception as exc:  # noqa: BLE001 - a screenshot is a debugging aid, never the failure
            print(f"no screenshot: {exc}")
        print(server.logs())
    context.close()


# --- steps -------------------------------------------------------------------------------------------------
# dashboard.py's widget keys (Streamlit puts class st-key-KEY on each): ui/upload.py, ui/article_view.py,
# ui/downloads.py, and the claims table in dashboard.py.
SAVE_KEY = "save_upload"
CLAIMS_TABLE_KEY = "claims_table"
SELECTED_CLAIM_KEY = "selected_claim"
ARTICLE_TEXT_KEY = "article_text"
CSV_KEY = "download_csv"


def assert_no_app_exception(page) -> None:
    errors = app_exceptions(page)
    assert not errors, f"the dashboard raised:\n{errors[0][:2000]}"


def upload_and_save(page, name: str, text: str) -> None:
    upload(page, [(name, text.encode("utf-8"), "text/plain")])
    assert_no_app_exception(page)
    keyed(page, SAVE_KEY).get_by_role("button").click()
    wait_for_app(page)
    assert_no_app_exception(page)


def wait_for_text(root, needle: str, read=None, timeout_ms: int = APP_TIMEOUT_MS) -> str:
    """Poll ``read(root)`` (default: the app's whole text) until ``needle`` is in it; return that text."""
    read = read or page_text
    step, waited, text = 250, 0, ""
    while waited <= timeout_ms:
        text = read(root)
        if needle in text:
            return text
        (root.page if isinstance(root, Locator) else root).wait_for_timeout(step)
        waited += step
    raise AssertionError(f"{needle!r} never appeared; found:\n{text[:3000]}")


def claims_grid(page):
    table = keyed(page, CLAIMS_TABLE_KEY)
    inner = table.get_by_test_id("stDataFrame")
    return inner.first if inner.count() else table


# --- flows -------------------------------------------------------------------------------------------------

def test_upload_select_and_download(page, server, dialogs) -> None:
    open_app(page, server.url)
    assert_no_app_exception(page)

    # 1. upload our article, save it, and find its claims in the claims table
    upload_and_save(page, ARTICLE_NAME, ARTICLE)
    grid = claims_grid(page)
    wait_for_text(grid, "1.250", read=grid_text)

    # 2. select the claim: its sentence appears, with the number highlighted
    click_grid_row(page, grid, "1.250")
    assert_no_app_exception(page)
    detail = keyed(page, SELECTED_CLAIM_KEY)
    detail.wait_for(timeout=APP_TIMEOUT_MS)
    assert CLAIM_SENTENCE in " ".join(detail.inner_text().split()), detail.inner_text()
    highlighted = [" ".join(el.inner_text().split()) for el in detail.locator("strong, mark, span[style]").all()]
    assert "1.250" in highlighted, f"the number is not highlighted in the sentence: {highlighted}"

    # 3. download the CSV: a BOM for Excel, our numbers, our Vietnamese text
    with page.expect_download() as download_info:
        keyed(page, CSV_KEY).get_by_role("button").click()
    data = Path(download_info.value.path()).read_bytes()
    assert data[:3] == BOM, f"the CSV does not start with the UTF-8 BOM Excel needs: {data[:20]!r}"
    csv_text = data.decode("utf-8")
    assert "1250" in csv_text, csv_text[:1000]
    assert "Công an tỉnh" in csv_text, "the CSV lost the Vietnamese text (or its encoding)"
    assert_no_app_exception(page)
    assert not dialogs


def test_article_text_is_shown_as_text(page, server, dialogs) -> None:
    open_app(page, server.url)
    upload_and_save(page, XSS_NAME, XSS_ARTICLE)
    # saving opens the article in the article view
    article = keyed(page, ARTICLE_TEXT_KEY)
    text = wait_for_text(article, XSS_IMG, read=lambda loc: " ".join(loc.inner_text().split()))
    for literal in ("<script>alert(2)</script>", "$x$", "[a](b)"):
        assert literal in text, f"{literal!r} is not shown literally in the article view:\n{text[:2000]}"
    page.wait_for_timeout(1000)  # give an injected onerror handler time to fire
    assert not dialogs, f"article text ran as script: {dialogs}"
    assert page.locator("img[src='x']").count() == 0, "article text was rendered as an HTML <img>"
    assert page.locator("a[href='b']").count() == 0, "article text was rendered as a Markdown link"
    assert page.locator(".katex").count() == 0, "article text $x$ was rendered as KaTeX maths"
    assert_no_app_exception(page)


# --- the server's network surface ---------------------------------------------------------------------------

def test_listens_on_loopback_only(server) -> None:
    addresses = listening_addresses(server.port)
    assert addresses, f"nothing listens on port {server.port}"
    assert set(addresses) <= {"127.0.0.1"}, f"port {server.port} is open on {addresses}, not only 127.0.0.1"


def test_foreign_host_header_is_refused(server) -> None:
    # server.allowedHosts (.streamlit/config.toml) is checked when the app's WebSocket opens: Streamlit
    # closes the socket before accepting it, which the HTTP upgrade sees as 403. A local Host is accepted.
    assert websocket_handshake_status(server.port, f"127.0.0.1:{server.port}") == 101
    assert websocket_handshake_status(server.port, f"localhost:{server.port}") == 101
    assert websocket_handshake_status(server.port, "evil.example") == 403
    assert websocket_handshake_status(server.port, f"evil.example:{server.port}") == 403
    # host-config is plain HTTP with no Host check in 1.67; it must at least not trust evil.example
    status, body = http_get(server.port, "/_stcore/host-config", "evil.example")
    assert status == 200, (status, body[:300])
    assert "evil.example" not in json.dumps(json.loads(body).get("allowedOrigins", []))
