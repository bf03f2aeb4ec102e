"""The local article library: articles and their claims in one SQLite file (``data/solieu.sqlite``).

Safety rules, each for a reason:
- one connection per operation, closed explicitly: Streamlit runs sessions in threads, and a sqlite3
  connection must not be shared between them;
- ``isolation_level=None`` with explicit ``BEGIN IMMEDIATE``: a deferred transaction that reads and then
  writes can fail with "database is locked" in WAL mode despite ``busy_timeout``; an immediate one waits;
- an article and all its claims are written in one transaction, so a crash or kill leaves all or nothing;
- claims are extracted before the transaction starts, so the write lock is held for milliseconds;
- the article id (hash of the normalised body) is the primary key, so the same text imported twice, even by
  two sessions at once, is stored once;
- a file that is not a usable solieu store raises StoreError and is never overwritten;
- a backup goes through SQLite's online backup API into a temporary file that is checked, then renamed: it
  holds what is still only in the WAL file, may be taken while another process imports, and a crash never
  leaves half a backup under the final name.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import regex

from solieu.article import TITLE_MAX, Article, valid_published
from solieu.errors import SolieuError, StoreError
from solieu.export import fsync_dir  # the same durable rename as an export
from solieu.extract import EXTRACTOR_VERSION, extract
from solieu.filters import Filters, filter_claims
from solieu.model import CLAIM_FIELDS, COLUMNS, Claim
from solieu.table import frame_from_rows

REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
_claim_values = operator.attrgetter(*CLAIM_FIELDS)  # a Claim's fields as a tuple, in column order
_ID_PREFIX = regex.compile(r"[0-9a-f]{1,64}")

_SCHEMA = (
    # `value` has no declared type on purpose: the data_version counter stays an INTEGER.
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)",
    """CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        published TEXT NOT NULL DEFAULT '',   -- 'YYYY-MM-DD', 'YYYY-MM' or '' (unknown)
        source TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        added TEXT NOT NULL,                  -- UTC, ISO 8601
        extractor_version TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS claims (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,                 -- order in the article, as extract() returned them
        "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, "text" TEXT NOT NULL,
        "value" REAL, "value_high" REAL, "unit" TEXT NOT NULL, "subject" TEXT NOT NULL,
        "qualifier" TEXT NOT NULL, "category" TEXT NOT NULL, "change" TEXT NOT NULL,
        "action" TEXT NOT NULL, "sentence" TEXT NOT NULL,
        UNIQUE (article_id, seq)              -- also the index behind the article filter and ON DELETE CASCADE
    )""",
    # Indexes for the filters: by article (above) and by date. Not on category, unit, qualifier or value:
    # each such index made an import ~0.2 ms per article slower (bench/import.py), while scanning 142,000
    # claims for those filters took ~60 ms, next to ~1.4 s to build their DataFrame.
    "CREATE INDEX IF NOT EXISTS articles_published ON articles(published)",
    # Every change of an article (claims only change with their article) bumps data_version, whoever writes.
    *(f"""CREATE TRIGGER IF NOT EXISTS articles_{event.lower()}_bump AFTER {event} ON articles BEGIN
            UPDATE meta SET value = value + 1 WHERE key = 'data_version'; END"""
      for event in ("INSERT", "UPDATE", "DELETE")),
)
_CLAIM_COLUMNS = ", ".join(f'"{name}"' for name in CLAIM_FIELDS)
_INSERT_CLAIM = (f"INSERT INTO claims (article_id, seq, {_CLAIM_COLUMNS}) "
                 f"VALUES (?, ?, {', '.join('?' * len(CLAIM_FIELDS))})")
_FETCH_ROWS = 20_000


def default_db_path() -> Path:
    """``$SOLIEU_DB`` when set, else ``<repo>/data/solieu.sqlite`` (git-ignored)."""
    return Path(os.environ.get("SOLIEU_DB") or REPO_ROOT / "data" / "solieu.sqlite")


def default_samples_dir() -> Path:
    """``$SOLIEU_SAMPLES`` when set, else ``<repo>/data/samples``."""
    return Path(os.environ.get("SOLIEU_SAMPLES") or REPO_ROOT / "data" / "samples")


@dataclass(frozen=True, slots=True)
class AddResult:
    status: str       # "imported" | "already" (title and claims are then the stored article's) | "deleted"
    article_id: str
    title: str
    claims: int


class Store:
    """The article library in one SQLite file. Cheap to create; holds no open connection."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder; the store must be a file (pass a file path with --db)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the store {self.path}: {exc.strerror}") from exc
        self._create_schema()

    # --- connections -------------------------------------------------------------------------------
    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One connection for one operation, closed on the way out; SQLite errors become StoreError."""
        con = None
        try:
            con = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            con.execute("PRAGMA foreign_keys = ON")
            # In WAL mode NORMAL still never corrupts the file and loses nothing when the app crashes or
            # is killed; only a power cut can undo the last commits. It saves an fsync per commit.
            con.execute("PRAGMA synchronous = NORMAL")
            yield con
        except sqlite3.OperationalError as exc:
            raise StoreError(_explain(self.path, exc)) from exc
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:  # IntegrityError, ProgrammingError...: our bug
                raise
            raise StoreError(_explain(self.path, exc)) from exc
        finally:
            if con is not None:
                con.close()

    @contextmanager
    def _transaction(self, con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` (take the write lock now, waiting up to busy_timeout) ... COMMIT or ROLLBACK."""
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def _create_schema(self) -> None:
        with self._connect() as con:
            _set_wal(con)
            names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if names and "meta" not in names:
                raise StoreError(f"{self.path} is an SQLite database but not a solieu store; "
                                 "it was left untouched (pass another file with --db)")
            meta = dict(con.execute("SELECT key, value FROM meta")) if names else {}
            if "schema_version" not in meta:
                meta = self._create_tables(con)
            if meta.get("app") != "solieu" or not isinstance(meta.get("schema_version"), int):
                raise StoreError(f"{self.path} is not a solieu store; it was left untouched")
            if meta["schema_version"] > SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by a newer solieu (schema {meta['schema_version']}, "
                                 f"this one reads {SCHEMA_VERSION}); update solieu")

    def _create_tables(self, con: sqlite3.Connection) -> dict:
        """Create what is missing (a no-op when another process just did) and return the meta table."""
        with self._transaction(con):
            for statement in _SCHEMA:
                con.execute(statement)
            # data_version starts from the clock, so a store deleted and created again never repeats
            # a version a cache has already seen.
            con.executemany("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", [
                ("app", "solieu"), ("schema_version", SCHEMA_VERSION),
                ("data_version", time.time_ns() // 1000), ("extractor_version", EXTRACTOR_VERSION)])
        return dict(con.execute("SELECT key, value FROM meta"))

    # --- backup --------------------------------------------------------------------------------------
    def backup(self, dest: str | Path, *, overwrite: bool = False) -> Path:
        """Copy the whole store into one new, self-contained SQLite file at ``dest``; returns its path.

        Copying the file itself is not a backup: the last imports may still be only in the ``-wal`` file,
        and a copy taken while another process writes can catch a page half written. SQLite's online
        backup API reads one consistent snapshot of both, while other processes go on reading and writing.
        The copy goes to a temporary file in ``dest``'s folder, is checked (``PRAGMA quick_check``, the
        solieu meta table) and only then renamed over ``dest``: a crash or a failure leaves the old ``dest``
        or none, never half a backup under that name, and no temporary file. The copy is switched to
        rollback-journal mode, so it is one file that can be moved or mailed as it is.

        Refused (StoreError, nothing written): ``dest`` is the store or one of its ``-wal``/``-shm``/
        ``-journal`` files, a folder, in a folder that does not exist, an existing file (unless
        ``overwrite``), or has its own ``-wal``/``-journal`` file, which SQLite would apply to the backup.
        """
        dest = Path(dest)
        self._check_backup_dest(dest, overwrite=overwrite)
        folder = dest.parent
        try:
            fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{dest.name}.", suffix=".tmp")
            os.close(fd)
        except OSError as exc:
            raise StoreError(f"cannot write the backup {dest}: {exc.strerror or exc}") from exc
        temp = Path(temp_name)
        try:
            self._write_backup(temp, dest)
            os.chmod(temp, self.path.stat().st_mode & 0o777)  # as private as the store it copies (mkstemp: 0600)
            os.replace(temp, dest)
        except BaseException as exc:
            for leftover in (temp, *_companions(temp)):
                leftover.unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise StoreError(f"cannot write the backup {dest}: {exc.strerror or exc}; "
                                 "nothing was written under that name") from exc
            raise
        fsync_dir(folder)
        return dest

    def _check_backup_dest(self, dest: Path, *, overwrite: bool) -> None:
        """Raise StoreError when ``dest`` must not receive a backup; see ``backup``."""
        store = self.path.resolve()
        target = dest.resolve()
        if target == store or (dest.exists() and os.path.samefile(dest, store)):
            raise StoreError(f"{dest} is the store itself; back it up to another file")
        if target in _companions(store):
            raise StoreError(f"{dest} is one of the store's own files; back the store up to another file")
        if dest.is_dir():
            raise StoreError(f"{dest} is a folder; give the backup a file name, e.g. {dest / 'solieu-backup.sqlite'}")
        if not dest.parent.is_dir():
            raise StoreError(f"cannot write the backup {dest}: the folder {dest.parent} does not exist")
        if (dest.exists() or dest.is_symlink()) and not overwrite:
            raise StoreError(f"{dest} already exists and was left untouched; choose another name or use --overwrite")
        for companion in _companions(dest):
            if companion.exists() and not companion.name.endswith("-shm"):
                raise StoreError(f"{companion} exists ({dest} is open elsewhere or was not closed cleanly), and "
                                 f"SQLite would apply it to the backup; {dest} was left untouched")

    def _write_backup(self, temp: Path, dest: Path) -> None:
        """The online backup of the store into ``temp`` (an empty file), made self-contained and checked.
        A failure on either side names both files: the user must know the store is fine and ``dest`` untouched."""
        failed = f"backing up {self.path} to {dest} failed"
        copy = None
        try:
            copy = sqlite3.connect(temp, isolation_level=None)
            with self._connect() as con:  # opening the store: its errors are explained as everywhere else
                try:
                    _copy_pages(con, copy)
                except sqlite3.Error as exc:  # caught here, or _connect would blame the store alone
                    raise StoreError(f"{failed} ({exc}); nothing was written under that name") from exc
            # Page 1 came from the store, so the copy says "WAL"; DELETE checkpoints the copy and removes its own
            # -wal and -shm files: the backup is then one file on its own.
            mode = copy.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            problems = [row[0] for row in copy.execute("PRAGMA quick_check")]
            app = copy.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"{failed} ({exc}); nothing was written under that name") from exc
        finally:
            if copy is not None:
                copy.close()
        if problems != ["ok"]:
            raise StoreError(f"{failed}: the copy is damaged ({'; '.join(problems[:3])}); nothing was written "
                             "under that name")
        if mode.lower() != "delete" or app != ("solieu",):
            raise StoreError(f"{failed}: the copy is not a self-contained solieu store (journal mode {mode}, "
                             f"app {app}); nothing was written under that name")

    # --- checks --------------------------------------------------------------------------------------
    def check(self) -> None:
        """Raise StoreError if ``PRAGMA quick_check`` finds damage. Reports, never repairs or overwrites."""
        with self._connect() as con:
            problems = [row[0] for row in con.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise StoreError(f"the store {self.path} is damaged ({'; '.join(problems[:3])}); it was left as it "
                             "is: restore a backup, or move it away to start a new store")

    def data_version(self) -> int:
        """A number that changes whenever articles or claims change, from any process: a cache key."""
        with self._connect() as con:
            return int(con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])

    # --- writing -------------------------------------------------------------------------------------
    def add(self, article: Article) -> AddResult:
        """Extract ``article``'s claims and store both in one transaction, unless its text is stored already."""
        results = self.add_many([article])
        try:
            return next(results)
        finally:
            results.close()  # closes its connection now, not whenever the generator is collected

    def add_many(self, articles: Iterable[Article]) -> Iterator[AddResult]:
        """``add`` each article in turn over one connection (still one transaction per article). Consume it in
        the thread that started it; closing the iterator closes the connection."""
        with self._connect() as con:
            for article in articles:
                existing = _existing(con, article.article_id)
                if existing:
                    yield existing
                    continue
                claims = extract(article.body)  # outside the transaction: the write lock stays short
                yield self._insert(con, article, claims)

    def _insert(self, con: sqlite3.Connection, article: Article, claims: list[Claim]) -> AddResult:
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._transaction(con):
            inserted = con.execute(
                "INSERT INTO articles (id, title, published, source, body, added, extractor_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",  # only a duplicate is skipped
                (article.article_id, article.title, article.published or "", article.source, article.body,
                 added, EXTRACTOR_VERSION)).rowcount
            if inserted:
                con.executemany(_INSERT_CLAIM, _claim_params(article.article_id, claims))
        if not inserted:  # another writer stored the same text between our check and our transaction
            return _existing(con, article.article_id) or AddResult("already", article.article_id, article.title, 0)
        return AddResult("imported", article.article_id, article.title, len(claims))

    def import_samples_if_empty(self, samples_dir: Path | None = None) -> int:
        """On the very first run (empty store, samples never offered), import ``samples_dir/*.txt``
        (default: default_samples_dir()). Returns how many were imported. Unreadable samples are skipped.
        Once offered, samples are not brought back when the user deletes every article."""
        samples_dir = Path(samples_dir) if samples_dir is not None else default_samples_dir()
        with self._connect() as con:
            offered = con.execute("SELECT 1 FROM meta WHERE key = 'samples_offered'").fetchone()
            if offered or con.execute("SELECT EXISTS (SELECT 1 FROM articles)").fetchone()[0]:
                return 0
        from solieu.readers import read_article_file  # the readers are heavy; only the first run needs them

        articles = []
        for path in sorted(samples_dir.glob("*.txt")):
            with suppress(SolieuError):
                articles.append(read_article_file(path))
        if not articles:  # nothing to offer (yet): ask again next time
            return 0
        imported = sum(result.status == "imported" for result in self.add_many(articles))
        with self._connect() as con, self._transaction(con):
            con.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('samples_offered', 1)")
        return imported

    def update(self, ref: str, *, title: str | None = None, published: str | None = None) -> None:
        """Change an article's title and/or date. ``published`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``""``
        to clear it."""
        changes = {}
        if title is not None:
            title = " ".join(title.split())
            if not title:
                raise StoreError("the title cannot be empty")
            changes["title"] = title[:TITLE_MAX]
        if published is not None:
            changes["published"] = _checked_published(published)
        if not changes:
            return
        with self._connect() as con, self._transaction(con):
            article_id = _resolve(con, ref)
            assignments = ", ".join(f"{column} = ?" for column in changes)
            con.execute(f"UPDATE articles SET {assignments} WHERE id = ?", (*changes.values(), article_id))

    def delete(self, ref: str) -> AddResult:
        """Delete an article and its claims. Returns what was deleted (status ``"deleted"``)."""
        with self._connect() as con, self._transaction(con):
            article_id = _resolve(con, ref)
            result = _existing(con, article_id)
            con.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return AddResult("deleted", result.article_id, result.title, result.claims)

    def reindex(self, *, force: bool = False) -> int:
        """Re-extract the claims of every article stored by another extractor version (every article when
        ``force``), one transaction per article. Returns how many were re-extracted."""
        with self._connect() as con:
            query = "SELECT id FROM articles" + ("" if force else " WHERE extractor_version != ?")
            ids = [row[0] for row in con.execute(query, () if force else (EXTRACTOR_VERSION,))]
            done = 0
            for article_id in ids:
                row = con.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
                if row is None:  # deleted meanwhile
                    continue
                claims = extract(row[0])
                with self._transaction(con):
                    con.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
                    updated = con.execute("UPDATE articles SET extractor_version = ? WHERE id = ?",
                                          (EXTRACTOR_VERSION, article_id)).rowcount
                    if updated:
                        con.executemany(_INSERT_CLAIM, _claim_params(article_id, claims))
                done += bool(updated)
            with self._transaction(con):
                con.execute("UPDATE meta SET value = ? WHERE key = 'extractor_version'", (EXTRACTOR_VERSION,))
        return done

    # --- reading -------------------------------------------------------------------------------------
    def articles(self) -> pd.DataFrame:
        """One row per article: article_id, title, published, source, added, claims, extractor_version."""
        with self._connect() as con:
            df = pd.read_sql_query(
                "SELECT a.id AS article_id, a.title, a.published, a.source, a.added, "
                "(SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims, a.extractor_version "
                "FROM articles a ORDER BY a.rowid", con)
        return df.astype({"claims": "int64"})

    def claims(self, filters: Filters | None = None) -> pd.DataFrame:
        """The claims table (columns ``COLUMNS``, dtypes as ``frame_from_rows``), filtered by ``filters``."""
        where, params = _sql_where(filters)
        with self._connect() as con:
            articles = _frame(con.execute("SELECT id, source, title, published FROM articles ORDER BY rowid"),
                              ("article_id", "source", "title", "published"))
            # Fetched in chunks and without the article columns, which are joined in pandas: a claims table
            # read in one go as Python tuples needed twice the memory and 1.5x the time.
            cursor = con.execute(f"SELECT c.article_id, {_CLAIM_COLUMNS} FROM claims c "
                                 f"JOIN articles a ON a.id = c.article_id{where} ORDER BY a.rowid, c.seq", params)
            parts = []
            while rows := cursor.fetchmany(_FETCH_ROWS):
                parts.append(_frame(rows, ("article_id", *CLAIM_FIELDS)))
        if not parts:
            return frame_from_rows([])
        df = pd.concat(parts, ignore_index=True).merge(articles, on="article_id", how="left")[list(COLUMNS)]
        df = df.astype({"start": "int64", "end": "int64", "value": "float64", "value_high": "float64"})
        # Dates and text are filtered in pandas only, so they mean exactly what filters.py says.
        return filter_claims(df, filters).reset_index(drop=True)

    def article(self, ref: str) -> Article:
        """The article whose id is ``ref`` or starts with it; StoreError when none or several match."""
        with self._connect() as con:
            article_id = _resolve(con, ref)
            title, published, body, source = con.execute(
                "SELECT title, published, body, source FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article(article_id=article_id, title=title, published=published or None, body=body, source=source)

    def __len__(self) -> int:
        with self._connect() as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def count_rows(path: str | Path) -> tuple[int, int]:
    """How many articles and claims the store file at ``path`` holds. Opened read-only, unlike ``Store(path)``
    (which switches a file to WAL mode), so a backup stays exactly as it was written."""
    path = Path(path)
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(_explain(path, exc)) from exc
    try:
        return con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims)").fetchone()
    except sqlite3.Error as exc:
        raise StoreError(_explain(path, exc)) from exc
    finally:
        con.close()


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    """Every page of ``source`` (with what is only in its WAL) into ``target``, in one step: one read
    snapshot, so writers in other processes neither block it nor make it start over. A function of its own
    so the tests can make it fail."""
    source.backup(target)


def _companions(path: Path) -> tuple[Path, ...]:
    """The files SQLite keeps next to a database: its WAL, the WAL's index, the rollback journal."""
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _claim_params(article_id: str, claims: Iterable[Claim]) -> Iterator[tuple]:
    """Parameter rows for _INSERT_CLAIM. A generator on purpose: executemany consumes it row by row (and
    the kill test pauses it half way)."""
    for seq, claim in enumerate(claims):
        yield (article_id, seq, *_claim_values(claim))


def _frame(rows: Iterable[tuple], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame.from_records(list(rows), columns=list(columns))


def _existing(con: sqlite3.Connection, article_id: str) -> AddResult | None:
    row = con.execute("SELECT title, (SELECT count(*) FROM claims WHERE article_id = ?) FROM articles "
                      "WHERE id = ?", (article_id, article_id)).fetchone()
    return AddResult("already", article_id, row[0], row[1]) if row else None


def _resolve(con: sqlite3.Connection, ref: str) -> str:
    prefix = (ref or "").strip().lower()
    if not _ID_PREFIX.fullmatch(prefix):
        raise StoreError(f"no article {ref!r}: an article is named by its id or the start of it (see `list`)")
    ids = [row[0] for row in con.execute("SELECT id FROM articles WHERE id GLOB ? LIMIT 2", (prefix + "*",))]
    if not ids:
        raise StoreError(f"no article {ref!r} in the store (see `list`)")
    if len(ids) > 1 and prefix not in ids:
        raise StoreError(f"ambiguous article {ref!r}: several ids start with it; give more of the id")
    return prefix if prefix in ids else ids[0]


def _checked_published(value: str) -> str:
    value = value.strip()
    if value and valid_published(value) is None:
        raise StoreError(f"the date must be YYYY-MM-DD or YYYY-MM (or empty to clear it), got {value!r}")
    return value


def _sql_where(filters: Filters | None) -> tuple[str, list]:
    """The part of ``filters`` that is plain SQL (lists and value bounds), so fewer rows reach pandas;
    filter_claims() applies all of it again."""
    if filters is None:
        return "", []
    clauses, params = [], []
    for column, wanted in (("c.article_id", filters.article_ids), ("c.category", filters.categories),
                           ("c.qualifier", filters.qualifiers), ("c.unit", filters.units)):
        if wanted:  # json_each: no limit on how many values, unlike one "?" per value
            clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(wanted), ensure_ascii=False))
    if filters.value_min is not None:
        clauses.append("coalesce(c.value_high, c.value) >= ?")
        params.append(filters.value_min)
    if filters.value_max is not None:
        clauses.append("c.value <= ?")
        params.append(filters.value_max)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _set_wal(con: sqlite3.Connection) -> None:
    """WAL lets readers (the dashboard) work while a writer imports; it is a property of the file. Switching
    needs a moment alone with the file, so retry while another process is creating the same store."""
    for attempt in range(50):
        try:
            if con.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        time.sleep(0.02 * (attempt + 1))
    raise StoreError("could not switch the store to WAL mode (is it on a network drive?)")


def _explain(path: Path, exc: sqlite3.Error) -> str:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return f"the store {path} stayed busy for {BUSY_TIMEOUT_MS // 1000} s (another import?); try again"
    if "not a database" in message or "malformed" in message:
        return (f"{path} is not a usable solieu store ({message}); it was left untouched: restore a backup, "
                "move it away, or pass another file with --db")
    return f"the store {path}: {message}"
