"""Figures as files: a self-contained HTML page, or a PNG image.

PNG is drawn by Plotly's kaleido, which drives a Chromium-based browser (Debian's ``chromium``, Chrome, Edge...)
found on the machine. kaleido can download a Chrome of its own; that is never done here: with no browser,
:func:`figure_png` raises :class:`ChartExportError` and the dashboard offers HTML only.
"""

from __future__ import annotations

import os

import plotly.graph_objects as go

from solieu.errors import SolieuError

PNG_WIDTH = 1200   # layout pixels; the dashboard shows charts about this wide
PNG_HEIGHT = 600
PNG_SCALE = 1
NO_BROWSER = ("a PNG image needs Chromium (or Google Chrome) installed, and none was found (install the "
              "'chromium' package, or set BROWSER_PATH to the browser); HTML export works without it")
NO_KALEIDO = "a PNG image needs the kaleido package (pip install kaleido); HTML export works without it"


class ChartExportError(SolieuError):
    """A chart could not be exported (no browser to draw the PNG with); the message says what to install."""


def figure_html(fig: go.Figure) -> bytes:
    """A self-contained HTML page of ``fig`` (plotly.js inlined, so it opens offline and fetches nothing)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, config={"displaylogo": False}).encode("utf-8")


def browser_path() -> str | None:
    """The Chromium-based browser kaleido would use (``$BROWSER_PATH``, then PATH, then the usual install
    places), or None when there is none or it is not an executable file (a wrong ``$BROWSER_PATH``). Cheap:
    looks at a few paths, starts nothing."""
    try:
        from choreographer.browsers.chromium import Chromium  # kaleido's own browser finder
    except ImportError:
        return None
    path = Chromium.find_browser(skip_local=False)
    return str(path) if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def png_available() -> bool:
    """Whether :func:`figure_png` can work here (kaleido installed and a browser found)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return browser_path() is not None


def figure_png(fig: go.Figure, *, width: int = PNG_WIDTH, height: int = PNG_HEIGHT, scale: float = PNG_SCALE) -> bytes:
    """``fig`` as PNG bytes, ``width`` x ``height`` layout pixels times ``scale``. Takes a few seconds (it starts
    a headless browser). Raises :class:`ChartExportError` when kaleido or the browser is missing."""
    try:
        from kaleido.errors import ChromeNotFoundError
    except ImportError:
        raise ChartExportError(NO_KALEIDO) from None
    if browser_path() is None:  # checked first: kaleido's own message suggests downloading a Chrome
        raise ChartExportError(NO_BROWSER)
    try:
        return fig.to_image(format="png", width=width, height=height, scale=scale)
    except ChromeNotFoundError as exc:
        raise ChartExportError(NO_BROWSER) from exc
    except RuntimeError as exc:  # plotly turns ChromeNotFoundError into a RuntimeError about `plotly_get_chrome`
        if isinstance(exc.__context__, ChromeNotFoundError) or isinstance(exc.__cause__, ChromeNotFoundError):
            raise ChartExportError(NO_BROWSER) from exc
        raise
