"""The real scorer (../shared/tools/score.py) on our predictions for the labelled dev passages."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

from solieu import extract

STRICT_F1 = 0.90
DETECTION_F1 = 0.97


def _scorer(corpus: Path):
    path = corpus.parent.parent / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("solieu_dev_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_corpus_scores(dev_corpus: Path) -> None:
    score = _scorer(dev_corpus)
    gold = score.load_gold(dev_corpus)
    preds = {}
    for name in gold:
        body = score.read_passage(dev_corpus / name)
        preds[name] = [{"source": name, **c.as_dict()} for c in extract(body)]
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = score.score(gold, preds)
    summary = out.getvalue()
    assert result["f1"] >= DETECTION_F1, summary
    assert result["strict_f1"] >= STRICT_F1, summary
