"""Shared fixtures. ../shared (the labelled corpus, the seed) is reference material outside the repo:
tests that need it skip, saying so, when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import SHARED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "CLAIMS.md").is_file():
        pytest.skip(f"reference material not found at {SHARED} (the labelled corpus lives outside the repo)")
    return SHARED


@pytest.fixture(scope="session")
def dev_corpus(shared_dir: Path) -> Path:
    corpus = shared_dir / "corpus" / "dev"
    if not any(corpus.glob("p*.gold.json")):
        pytest.skip(f"no labelled passages in {corpus}")
    return corpus
