"""The selected claim in its sentence, and one article in full: claims highlighted, title and date editable,
delete with confirmation. Article text reaches Markdown only through ui.safe_text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from figures import format_number
from solieu.errors import SolieuError
from solieu.model import CATEGORIES
from ui import data
from ui.i18n import Texts
from ui.safe_text import alert, article_markdown, category_colors, claim_context, highlight, sentence_markdown

ARTICLE_KEY = "article_pick"
REPORT = "article_report"
COLORS = category_colors(CATEGORIES)


def open_article(article_id: str) -> None:
    st.session_state[ARTICLE_KEY] = article_id


def claim_detail(path: str, version: int, t: Texts, claim: pd.Series) -> None:
    """The claim's sentence with the number highlighted, its fields, and a way into its article."""
    article = data.load_article(path, version, claim["article_id"])
    before, number, after = claim_context(article.body, int(claim["start"]), int(claim["end"]), claim["sentence"])
    with st.container(key="selected_claim", border=True):
        st.subheader(t("detail.header"))
        st.caption(t("detail.sentence"))
        st.markdown(sentence_markdown(before, number, after))
        value = format_number(claim["value"], t.separators)
        if pd.notna(claim["value_high"]):
            value += f'–{format_number(claim["value_high"], t.separators)}'
        st.text("\n".join([
            f'{t("detail.value")}: {value}',
            f'{t("detail.unit")}: {claim["unit"] or "—"}',
            f'{t("detail.qualifier")}: {t.qualifier(claim["qualifier"])}',
            f'{t("detail.category")}: {t.category(claim["category"])}',
            f'{t("detail.subject")}: {claim["subject"] or "—"}',
            f'{t("article.header")}: {article.title}',
        ]))
        st.button(t("detail.open_article"), key="open_article", on_click=open_article, args=(claim["article_id"],))


def save_meta(path: str, article_id: str, t: Texts) -> None:
    try:
        data.store(path).update(
            article_id, title=st.session_state[f"edit_title_{article_id}"],
            published=st.session_state[f"edit_published_{article_id}"])
    except SolieuError as exc:
        st.session_state[REPORT] = ("error", str(exc))
        return
    st.session_state[REPORT] = ("success", t("article.saved"))


def delete_article(path: str, article_id: str, t: Texts) -> None:
    try:
        result = data.store(path).delete(article_id)
    except SolieuError as exc:
        st.session_state[REPORT] = ("error", str(exc))
        return
    st.session_state[ARTICLE_KEY] = None
    st.session_state[REPORT] = ("success", t("article.deleted", title=result.title, claims=result.claims))


def article_view(path: str, version: int, t: Texts, articles: pd.DataFrame, claims: pd.DataFrame) -> None:
    st.header(t("article.header"))
    if REPORT in st.session_state:
        alert(*st.session_state.pop(REPORT))
    ordered = articles.sort_values(["published", "added"], ascending=False)
    labels = data.article_labels(ordered)
    if st.session_state.get(ARTICLE_KEY) not in labels:
        st.session_state[ARTICLE_KEY] = None  # deleted, or from another store
    article_id = st.selectbox(t("article.pick"), options=list(labels), index=None, key=ARTICLE_KEY,
                              placeholder=t("filters.placeholder"),
                              format_func=lambda a: labels.get(a, a))
    if article_id is None:
        st.text(t("article.none"))
        return
    article = data.load_article(path, version, article_id)
    with st.form(f"article_edit_{article_id}"):
        st.text_input(t("article.title"), value=article.title, key=f"edit_title_{article_id}")
        st.text_input(t("article.published"), value=article.published or "", key=f"edit_published_{article_id}")
        st.form_submit_button(t("article.save"), on_click=save_meta, args=(path, article_id, t))
    st.text(f'{t("article.source")}: {article.source or "—"}')
    own = claims[claims["article_id"] == article_id]
    own_categories = set(own["category"])
    present = [c for c in CATEGORIES if c in own_categories]
    if present:
        st.caption(t("article.legend"))
        st.markdown(" ".join(highlight(t.category(c), COLORS[c]) for c in present))
    st.caption(t("article.text"))
    with st.container(key="article_text", border=True):
        st.markdown(article_markdown(article.body, zip(own["start"], own["end"], own["category"], strict=True),
                                     COLORS))
    confirmed = st.checkbox(t("article.confirm"), key=f"delete_confirm_{article_id}")
    st.button(t("article.delete"), key="article_delete", disabled=not confirmed, on_click=delete_article,
              args=(path, article_id, t))
