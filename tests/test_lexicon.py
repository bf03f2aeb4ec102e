"""The shipped word data loads, is clean, and a broken file is rejected with a message naming file and key."""

from __future__ import annotations

import tomllib
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from solieu.errors import LexiconError
from solieu.extract.classify import MAX_PHRASE
from solieu.extract.lexicon import load_lexicon, match_key, read_lexicon
from solieu.model import CATEGORIES

SHIPPED = resources.files("solieu").joinpath("lexicon", "vi.toml")


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def test_shipped_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex is load_lexicon()  # loaded once
    assert set(lex.units.values()) <= set(CATEGORIES)
    assert lex.scales[match_key("tỉ")] == lex.scales[match_key("tỷ")] == 10**9


def test_prefix_phrases_fit_the_words_read_before_a_number() -> None:
    # The extractor reads at most MAX_PHRASE words before a number: a longer phrase could never match.
    lex = load_lexicon()
    too_long = [p for p in set(lex.prefix_table) | set(lex.actions) if len(p.split()) > MAX_PHRASE]
    assert not too_long


def test_context_and_stop_phrases_can_match() -> None:
    # Context phrases are read within one clause (after the last comma), at most MAX_PHRASE words each side;
    # subject stops are one or two words. A longer phrase, or one with a comma, could never match.
    lex = load_lexicon()
    phrases = [p for c in lex.contexts.values() for p in (*c.before, *c.after)]
    assert not [p for p in phrases if len(p.split()) > MAX_PHRASE or "," in p]
    assert not [p for p in lex.subject_stops if len(p.split()) > 2]


def test_shipped_lexicon_is_nfc_and_has_no_empty_strings() -> None:
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    for s in _strings(data):
        assert s.strip(), "empty string in the lexicon"
        assert unicodedata.is_normalized("NFC", s), s


def test_no_unit_under_two_categories() -> None:
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for cat, entry in data["units"].items():
        for surface in entry["surfaces"]:
            key = match_key(surface)
            assert seen.setdefault(key, cat) == cat, f"{surface!r} under {seen[key]} and {cat}"


@pytest.mark.parametrize(("old", "new"), [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hòa", "HOÀ")])
def test_tone_placement_keys_match(old: str, new: str) -> None:
    assert match_key(old) == match_key(new)
    assert match_key(unicodedata.normalize("NFD", new)) == match_key(old)


def test_tone_placement_leaves_other_syllables_alone() -> None:
    assert match_key("hoàn") == "hoàn"
    assert match_key("quý") == "quý"


SCALES = '[scales.million]\nfactor = 1_000_000\nsurfaces = ["triệu"]\n'
REST = '[number_words]\n[qualifiers.approx]\nbefore = ["khoảng"]\n'
PEOPLE = '[units.people]\nsurfaces = ["người"]\n'
BASE = SCALES + REST

BROKEN = {  # name: (whole file, the key the message must name)
    "unknown section": (BASE + PEOPLE + '[colours]\nred = ["đỏ"]\n', "colours"),
    "empty string": (BASE + '[units.people]\nsurfaces = ["người", ""]\n', "units.people"),
    "two categories": (BASE + PEOPLE + '[units.suspects]\nsurfaces = ["người"]\n', "units.suspects"),
    "not NFC": (BASE + '[units.people]\nsurfaces = ["ngu\u031b\u0300o\u031bi"]\n', "units.people"),
    "unknown category": (BASE + PEOPLE + '[units.animals]\nsurfaces = ["con"]\n', "units.animals"),
    "bad factor": ('[scales.thousand]\nfactor = 1\nsurfaces = ["nghìn"]\n' + REST + PEOPLE, "scales.thousand"),
    "upper case": (BASE + '[units.money]\nsurfaces = ["USD"]\n', "units.money"),
    "missing section": (REST + PEOPLE, "scales"),
    "unknown qualifier": (BASE + PEOPLE + '[qualifiers.roughly]\nbefore = ["chừng"]\n', "qualifiers.roughly"),
    "clause not under approx": (BASE + PEOPLE + '[qualifiers.at_least]\nclause = ["ước đạt"]\n',
                                "qualifiers.at_least.clause"),
    "one-word clause verb": (BASE.replace('["khoảng"]', '["khoảng"]\nclause = ["ước"]') + PEOPLE,
                             "qualifiers.approx.clause"),
    "unknown rule word": (BASE + PEOPLE + '[rule_words]\nnegation = ["không"]\n', "rule_words.negation"),
    "two-word rule word": (BASE + PEOPLE + '[rule_words]\ncopula = ["chính là"]\n', "rule_words.copula"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_lexicon_names_file_and_key(tmp_path: Path, name: str) -> None:
    text, key = BROKEN[name]
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        read_lexicon(path)
    message = str(err.value)
    assert str(path) in message and f"[{key}" in message, message


def test_minimal_valid_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(BASE + PEOPLE, encoding="utf-8")
    lex = read_lexicon(path)
    assert lex.units == {"người": "people"}


def test_rule_words_are_data(tmp_path: Path) -> None:
    """The words single rules look for ("là", "số", "ước", "trên") are read from [rule_words], not code."""
    from solieu.extract.lexicon import load_lexicon

    shipped = load_lexicon()
    assert shipped.copula == {"là"} and shipped.counting == {"số"} and shipped.on_after_noun == {"trên"}
    assert shipped.estimate_openers == ("ước",)
    path = tmp_path / "ok.toml"
    path.write_text(BASE + PEOPLE + '[rule_words]\ncopula = ["là"]\n', encoding="utf-8")
    assert read_lexicon(path).copula == {"là"} and read_lexicon(path).counting == frozenset()


def test_syntax_error_names_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("[units\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.toml"):
        read_lexicon(path)
