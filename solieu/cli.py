"""Command line: ``python -m solieu COMMAND ...``. Thin: parse arguments, call the library, print."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Iterator

import pandas as pd

from solieu.errors import SolieuError
from solieu.export import BINARY_FORMATS, EXPORT_FORMATS, to_bytes, write_export
from solieu.extract import extract
from solieu.filters import Filters, as_tuple
from solieu.store import Store, count_rows, default_db_path
from solieu.table import claim_rows, frame_from_rows

SHOWN_RESULTS = 20  # an import of more files prints only the summary and the failures


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()  # anything printed as text so far goes first
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _cmd_extract(args: argparse.Namespace) -> int:
    from solieu.readers import read_article_file  # decoders and parser support: only for commands that read files

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
    # The export writers: a CSV of article text must be formula-safe too. No BOM: this output is piped.
    _write_stdout(to_bytes(frame_from_rows(rows), args.format, bom=False))
    return 1 if failed else 0


class _Progress:
    """A one-line counter on stderr while a long import runs; silent when stderr is not a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown_at = time.monotonic()
        self.done = 0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and now - self.shown_at > 0.2:
            self.shown_at = now
            print(f"\r{self.done} files read...", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self.done:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _cmd_import(args: argparse.Namespace) -> int:
    from solieu.readers import read_paths  # decoders and parser support: only for commands that read files

    store = Store(args.db)
    failures: list[str] = []  # each message starts with the file's name
    progress = _Progress()

    def readable(results: Iterable) -> Iterator:
        for result in results:
            progress.step()
            if result.article is None:
                failures.append(result.error)
            else:
                yield result.article

    counts = {"imported": 0, "already": 0}
    kept = []  # printed at the end when there are few; with --verbose every one is printed at once
    try:
        for added in store.add_many(readable(read_paths(args.paths))):
            counts[added.status] += 1
            if args.verbose:
                _print_added(added)
            elif len(kept) <= SHOWN_RESULTS:
                kept.append(added)
    finally:
        progress.close()
    if len(kept) <= SHOWN_RESULTS:
        for added in kept:
            _print_added(added)
    for message in failures:
        print(f"failed: {message}", file=sys.stderr)
    print(f"imported {counts['imported']}, already present {counts['already']}, failed {len(failures)}")
    return 1 if failures else 0


def _print_added(added) -> None:
    label = "imported" if added.status == "imported" else "already imported"
    print(f"{label:<16} {added.article_id}  {added.claims:>4} claims  {added.title}")


def _cmd_list(args: argparse.Namespace) -> int:
    articles = Store(args.db).articles()
    for row in articles.itertuples(index=False):
        print(f"{row.article_id}  {row.published or '-':<10}  {row.claims:>5} claims  {row.title}")
    print(f"{len(articles)} articles, {int(articles['claims'].sum())} claims", file=sys.stderr)
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    store = Store(args.db)
    article = store.article(args.article)
    claims = store.claims(Filters(article_ids=(article.article_id,)))
    print(f"title:     {article.title}")
    print(f"date:      {article.published or 'unknown'}")
    print(f"source:    {article.source or '-'}")
    print(f"id:        {article.article_id}")
    print(f"claims:    {len(claims)}")
    for claim in claims.itertuples(index=False):
        value = f"{claim.value:.15g}" + ("" if pd.isna(claim.value_high) else f"-{claim.value_high:.15g}")
        print(f"  {claim.text:<20} {value:>16} {claim.unit:<12} {claim.qualifier:<9} {claim.category:<11} "
              f"{claim.subject}")
    return 0


def _cmd_delete(args: argparse.Namespace) -> int:
    deleted = Store(args.db).delete(args.article)
    print(f"deleted {deleted.article_id} ({deleted.claims} claims): {deleted.title}")
    return 0


def _cmd_edit(args: argparse.Namespace) -> int:
    if args.title is None and args.published is None:
        raise SolieuError("nothing to change: give --title and/or --published")
    store = Store(args.db)
    store.update(args.article, title=args.title, published=args.published)
    article = store.article(args.article)
    print(f"{article.article_id}  {article.published or '-'}  {article.title}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if args.out is None and args.format in BINARY_FORMATS:
        raise SolieuError(f"{args.format} is a binary format: give a file with --out")
    store = Store(args.db)
    article_ids = tuple(store.article(ref).article_id for ref in as_tuple(args.article))
    filters = Filters(date_from=args.date_from or "", date_to=args.date_to or "", article_ids=article_ids,
                      categories=as_tuple(args.category), qualifiers=as_tuple(args.qualifier),
                      units=as_tuple(args.unit), value_min=args.min, value_max=args.max, text=args.text or "")
    claims = store.claims(filters)
    if args.out is None:
        _write_stdout(to_bytes(claims, args.format, bom=args.bom))
    else:
        write_export(claims, args.format, args.out, bom=args.bom)
        print(f"wrote {len(claims)} claims to {args.out}", file=sys.stderr)
    return 0


def _cmd_reindex(args: argparse.Namespace) -> int:
    done = Store(args.db).reindex(force=args.force)
    print(f"re-extracted {done} articles")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    store = Store(args.db)
    store.check()
    print(f"{store.path}: ok")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    store = Store(args.db)
    dest = store.backup(args.dest, overwrite=args.overwrite)
    articles, claims = count_rows(dest)  # counted in the backup itself, read-only
    print(f"backed up {store.path} to {dest}: {articles} articles, {claims} claims")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m solieu", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser("extract", help="print the claims of article files, one row per claim")
    p.add_argument("files", nargs="+", metavar="ARTICLE")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.set_defaults(handler=_cmd_extract)

    store_options = argparse.ArgumentParser(add_help=False)
    store_options.add_argument("--db", default=None, metavar="PATH",
                               help=f"the store (default: $SOLIEU_DB or {default_db_path()})")

    def command(name: str, help_text: str, handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=[store_options])
        sub.set_defaults(handler=handler)
        return sub

    p = command("import", "add article files, folders or zip archives to the store", _cmd_import)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-v", "--verbose", action="store_true", help="list every article, however many")
    command("list", "list the stored articles", _cmd_list)
    p = command("show", "show one article and its claims", _cmd_show)
    p.add_argument("article", metavar="ARTICLE", help="its id or the start of it")
    p = command("delete", "delete an article and its claims", _cmd_delete)
    p.add_argument("article", metavar="ARTICLE", help="its id or the start of it")
    p = command("edit", "change an article's title or date", _cmd_edit)
    p.add_argument("article", metavar="ARTICLE", help="its id or the start of it")
    p.add_argument("--title")
    p.add_argument("--published", metavar="DATE", help='YYYY-MM-DD or YYYY-MM, "" to clear')
    p = command("export", "write the stored claims (filtered) as CSV, XLSX, JSONL or Parquet", _cmd_export)
    p.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    p.add_argument("--out", metavar="FILE", help="default: stdout (csv and jsonl only)")
    p.add_argument("--no-bom", dest="bom", action="store_false", help="CSV without the UTF-8 BOM Excel needs")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="articles published from (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="articles published until (YYYY[-MM[-DD]])")
    for name in ("article", "category", "qualifier", "unit"):
        p.add_argument(f"--{name}", action="append", metavar=name.upper(), help="repeatable, or comma-separated")
    p.add_argument("--min", type=float, metavar="VALUE")
    p.add_argument("--max", type=float, metavar="VALUE")
    p.add_argument("--text", help="case-insensitive text in the claim, subject, sentence or title")
    p = command("reindex", "re-extract articles stored by an older extractor", _cmd_reindex)
    p.add_argument("--force", action="store_true", help="re-extract every article")
    command("check", "check the store file for damage (PRAGMA quick_check)", _cmd_check)
    p = command("backup", "copy the store, safely even while it is in use, into one new SQLite file", _cmd_backup)
    p.add_argument("dest", metavar="DEST", help="the backup file; its folder must exist")
    p.add_argument("--overwrite", action="store_true", help="replace DEST if it exists")
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
