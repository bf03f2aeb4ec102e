"""The synthetic article generator used by the benchmarks: deterministic, varied, well-formed."""

from __future__ import annotations

import collections
import unicodedata
from collections.abc import Iterator

import regex

from solieu.article import article_id, parse_article, valid_published
from solieu.synthetic import decimal_vi, generate_articles, group_thousands

AGENCIES = ("Công an", "Sở Y tế", "Ban An toàn giao thông", "Cảnh sát phòng cháy chữa cháy", "Sở Tài chính")


def test_same_seed_same_articles_other_seed_other_articles():
    first = [(a.article_id, a.title, a.published, a.body) for a in generate_articles(20, seed=1)]
    assert first == [(a.article_id, a.title, a.published, a.body) for a in generate_articles(20, seed=1)]
    assert not {a[0] for a in first} & {a.article_id for a in generate_articles(20, seed=2)}


def test_lazy_and_exactly_n_distinct_articles():
    articles = generate_articles(400, seed=0)
    assert isinstance(articles, Iterator)
    articles = list(articles)
    assert len(articles) == 400 == len({a.article_id for a in articles})
    assert list(generate_articles(0)) == []


def test_articles_are_well_formed_like_parsed_files():
    for article in generate_articles(50, seed=3):
        assert article.body == unicodedata.normalize("NFC", article.body)
        assert article.article_id == article_id(article.body)
        assert article.title and "{" not in article.title + article.body
        assert parse_article(article.body).article_id == article.article_id
        assert article.source.startswith("synthetic:3/")


def test_dates_span_2020_to_2024_with_partial_and_unknown_dates():
    published = [a.published for a in generate_articles(300, seed=4)]
    kinds = collections.Counter("unknown" if p is None else len(p) for p in published)
    assert kinds[10] > kinds[7] > 0 and kinds["unknown"] > 0
    known = [p for p in published if p]
    assert all(valid_published(p) == p and "2020" <= p[:4] <= "2024" for p in known)
    assert {p[:4] for p in known} == {"2020", "2021", "2022", "2023", "2024"}


def test_every_topic_and_the_vietnamese_number_formats_occur():
    text = "\n".join(a.body for a in generate_articles(200, seed=5))
    assert all(agency in text for agency in AGENCIES)
    for pattern in (r"\b\d{1,3}(?:\.\d{3})+\b",      # 1.234 — dot groups thousands
                    r"\b\d+,\d+ triệu đồng",           # 1,5 triệu
                    r"\b\d+,\d+ tỷ đồng",
                    r"\b\d+,\d+%",                     # 12,5%
                    r"từ \d+ đến \d+", r"\b\d+-\d+\b",
                    r"\b(?:khoảng|gần|hơn|trên|ít nhất|không quá|tối đa) \d"):
        assert regex.search(pattern, text), pattern


def test_number_helpers_write_numbers_the_vietnamese_way():
    assert group_thousands(1234567) == "1.234.567"
    assert group_thousands(999) == "999"
    assert decimal_vi(1.5) == "1,5"
    assert decimal_vi(2.0) == "2"
    assert decimal_vi(12.75, 2) == "12,75"
