"""The dashboard's words, read from ``ui/strings.toml`` once and checked: both languages, same keys, every
category and qualifier named."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from figures import EN_SEPARATORS, VI_SEPARATORS
from solieu.model import CATEGORIES, QUALIFIERS

STRINGS_PATH = Path(__file__).with_name("strings.toml")
LANGUAGES = ("vi", "en")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True)
class Texts:
    """One language's strings: ``t("upload.save")``, ``t("upload.imported", title=..., claims=...)``."""

    lang: str
    strings: MappingProxyType

    @property
    def separators(self) -> str:
        """plotly's ``layout.separators`` (decimal mark, then thousands mark) for this language."""
        return VI_SEPARATORS if self.lang == "vi" else EN_SEPARATORS

    def __call__(self, key: str, **values: object) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    def category(self, category: str) -> str:
        return self.strings.get(f"categories.{category}", category)

    def qualifier(self, qualifier: str) -> str:
        return self.strings.get(f"qualifiers.{qualifier}", qualifier)

    def column(self, column: str) -> str:
        return self.strings.get(f"columns.{column}", column)

    def figure_labels(self) -> dict[str, str]:
        """The ``labels=`` mapping the figure builders take."""
        labels = {key.removeprefix("figure."): v for key, v in self.strings.items() if key.startswith("figure.")}
        labels |= {f"category.{c}": self.category(c) for c in CATEGORIES}
        labels |= {f"qualifier.{q}": self.qualifier(q) for q in QUALIFIERS}
        return labels


@functools.cache
def load_strings(path: Path = STRINGS_PATH) -> dict[str, Texts]:
    """Every language's Texts; ValueError naming the file and key when the file is incomplete."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    flat = {lang: _flatten(data.get(lang, {})) for lang in LANGUAGES}
    reference = set(flat["vi"])
    for lang, strings in flat.items():
        if not strings:
            raise ValueError(f"{path}: no [{lang}.*] tables")
        for key in sorted(reference ^ set(strings)):
            raise ValueError(f"{path}: key {key!r} is in one language but not in [{lang}]")
        for key in [f"categories.{c}" for c in CATEGORIES] + [f"qualifiers.{q}" for q in QUALIFIERS]:
            if key not in strings:
                raise ValueError(f"{path}: [{lang}] lacks {key!r}")
        for key, value in strings.items():
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{path}: [{lang}] {key!r} must be a non-empty string")
    return {lang: Texts(lang, MappingProxyType(strings)) for lang, strings in flat.items()}


def texts(lang: str) -> Texts:
    strings = load_strings()
    return strings.get(lang, strings["vi"])


def _flatten(tables: dict, prefix: str = "") -> dict[str, object]:
    flat = {}
    for key, value in tables.items():
        if isinstance(value, dict):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat
