"""Command line: ``python -m solieu COMMAND ...``. Thin: parse arguments, call the library, print."""

from __future__ import annotations

import argparse
import json
import sys

from solieu.errors import SolieuError
from solieu.extract import extract
from solieu.model import COLUMNS
from solieu.readers import read_article_file
from solieu.table import claim_rows, frame_from_rows


def _cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    rows = []
    for path in args.files:
        try:
            article = read_article_file(path)
        except SolieuError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        rows.extend(claim_rows(article, extract(article.body)))
    if args.format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        frame_from_rows(rows).to_csv(sys.stdout, index=False, columns=list(COLUMNS), lineterminator="\n")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m solieu", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser("extract", help="print the claims of article files, one row per claim")
    p.add_argument("files", nargs="+", metavar="ARTICLE")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.set_defaults(handler=_cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except SolieuError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head` closed the pipe: not an error
        return 0
