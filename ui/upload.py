"""Adding articles: files (several at once, zips included) or pasted text, a preview of the claims found, then
"Lưu" (save). Per-file problems are shown as plain errors; nothing the user uploads can crash the page."""

from __future__ import annotations

import math

import streamlit as st

from solieu.errors import SolieuError
from solieu.readers import SUPPORTED_SUFFIXES
from ui import data
from ui.article_view import open_article
from ui.i18n import Texts
from ui.safe_text import alert

UPLOAD_KEY = "upload_files"
PASTE_KEY = "paste_text"
SAVE_KEY = "save_upload"
SAVED = "saved_digests"     # session: what this session already saved, so its preview disappears
REPORT = "save_report"      # session: what the last save did, shown once
PREVIEW_COLUMNS = ["text", "value", "value_high", "unit", "qualifier", "category", "subject", "sentence"]


def upload_widgets(t: Texts) -> None:
    """The sidebar part: the uploader and the paste box (their values are read by pending_items)."""
    st.subheader(t("upload.header"))
    max_mb = math.ceil(data.upload_limits().max_bytes / 2**20)
    st.file_uploader(t("upload.files"), type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                     accept_multiple_files=True, key=UPLOAD_KEY, max_upload_size=max_mb)
    st.text_area(t("upload.paste"), key=PASTE_KEY, height=120)


def pending_items(t: Texts) -> list[data.Parsed]:
    """Everything uploaded or pasted and not yet saved in this session, parsed (cached by content)."""
    saved = st.session_state.setdefault(SAVED, set())
    limit = data.upload_limits().max_bytes
    items = []
    for upload in st.session_state.get(UPLOAD_KEY) or []:
        content = upload.getvalue()
        digest = data.digest_of(content)
        if len(content) > limit:
            error = t("upload.too_big", name=upload.name, size=f"{len(content) / 2**20:.1f}", limit=limit // 2**20)
            items.append(data.Parsed(upload.name, digest, error=error))
            continue
        items.extend(data.parse_upload(upload.name, digest, content))
    pasted = (st.session_state.get(PASTE_KEY) or "").strip()
    if pasted:
        source = t("upload.paste_source")
        items.extend(data.parse_pasted(data.digest_of(pasted), pasted, source))
    return [item for item in items if item.digest not in saved]


def save_items(path: str, t: Texts) -> None:
    """The save button's callback: runs before the page, so the page below already shows the new claims."""
    items = pending_items(t)
    store = data.store(path)
    report = []
    for item in items:
        if item.article is None:
            continue
        try:
            result = store.add(item.article)
        except SolieuError as exc:
            report.append(("error", data.named(item.name, str(exc))))
            continue
        st.session_state[SAVED].add(item.digest)
        key = "upload.imported" if result.status == "imported" else "upload.already"
        report.append(("success" if result.status == "imported" else "info",
                       t(key, title=result.title, claims=result.claims)))
        open_article(result.article_id)  # show what was just saved in the article view
    st.session_state[REPORT] = report or [("warning", t("upload.nothing"))]


def upload_preview(path: str, t: Texts) -> None:
    """The main-page part: the report of the last save, then the preview of what is pending."""
    for kind, message in st.session_state.pop(REPORT, []):
        alert(kind, message)
    items = pending_items(t)
    if not items:
        return
    st.subheader(t("upload.preview"))
    for item in items:
        if item.error is not None:
            alert("error", item.error)
            continue
        st.text(f'{t("upload.preview_file", name=item.name, claims=len(item.claims))}\n{item.article.title}')
        st.dataframe(item.claims[PREVIEW_COLUMNS], hide_index=True,
                     column_config={c: t.column(c) for c in PREVIEW_COLUMNS})
    if any(item.article is not None for item in items):
        st.button(t("upload.save"), key=SAVE_KEY, type="primary", on_click=save_items, args=(path, t))
