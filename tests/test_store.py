"""The SQLite article library: dedup, transactions, concurrent writers, a killed writer, reindex, damage."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import solieu.store as store_module
from solieu.article import parse_article
from solieu.errors import StoreError
from solieu.extract import extract
from solieu.filters import Filters, filter_claims
from solieu.model import COLUMNS
from solieu.readers import read_upload
from solieu.store import AddResult, Store, default_db_path
from solieu.synthetic import generate_articles
from solieu.table import claims_frame
from tests import ROOT

TEXT = ("title: Công an Hà Nội ra quân\ndate: 2021-08\n\n"
        "Công an thành phố huy động 1.234 cán bộ, chiến sĩ.\n\n"
        "Số vụ vi phạm giảm 12,5% so với cùng kỳ, tiền phạt 350 triệu đồng.\n")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.sqlite")


def integrity(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_default_path_is_under_data_unless_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("SOLIEU_DB", raising=False)
    assert default_db_path() == ROOT / "data" / "solieu.sqlite"
    monkeypatch.setenv("SOLIEU_DB", str(tmp_path / "elsewhere.sqlite"))
    assert default_db_path() == tmp_path / "elsewhere.sqlite"


def test_add_stores_the_article_and_exactly_its_extracted_claims(store: Store):
    article = parse_article(TEXT, source="a.txt")
    result = store.add(article)
    assert result == AddResult("imported", article.article_id, "Công an Hà Nội ra quân", len(extract(article.body)))
    pd.testing.assert_frame_equal(store.claims(), claims_frame(article))
    assert store.article(article.article_id) == article
    listing = store.articles()
    assert list(listing.columns) == ["article_id", "title", "published", "source", "added", "claims",
                                     "extractor_version"]
    row = listing.iloc[0]
    assert (row.article_id, row.title, row.published, row.source, row.claims) == (
        article.article_id, article.title, "2021-08", "a.txt", result.claims)
    assert row.added.endswith("+00:00")


def test_empty_store_has_the_claims_columns_and_dtypes(store: Store):
    claims = store.claims()
    assert list(claims.columns) == list(COLUMNS)
    assert claims.empty
    assert claims["value"].dtype == "float64" and claims["start"].dtype == "int64"
    assert store.articles().empty and len(store) == 0


@pytest.mark.parametrize("variant", [
    pytest.param(lambda t: "\ufeff" + t, id="bom"),
    pytest.param(lambda t: unicodedata.normalize("NFD", t), id="nfd"),
    pytest.param(lambda t: t.replace(" ", "  ").replace("\n", "\r\n"), id="whitespace"),
    pytest.param(lambda t: t.replace("title: Công an Hà Nội ra quân", "title: Another title"), id="new-title"),
])
def test_the_same_text_again_adds_nothing_and_reports_the_existing_title(store: Store, variant):
    first = store.add(parse_article(TEXT))
    version = store.data_version()
    again = store.add(parse_article(variant(TEXT), source="other.html"))
    assert again == AddResult("already", first.article_id, "Công an Hà Nội ra quân", first.claims)
    assert len(store) == 1
    assert len(store.claims()) == first.claims
    assert store.data_version() == version


def test_the_same_text_as_html_is_already_there(store: Store):
    first = store.add(parse_article(TEXT))
    body = parse_article(TEXT).body
    html = ("<html><head><meta charset='utf-8'><title>Trang khác</title></head><body>"
            + "".join(f"<p>{line}</p>\n" for line in body.split("\n") if line) + "</body></html>")
    (result,) = read_upload("bai.html", html.encode("utf-8"))
    assert result.error is None
    assert store.add(result.article) == AddResult("already", first.article_id, first.title, first.claims)


def test_article_refs_by_prefix_and_their_errors(store: Store):
    ids = [store.add(a).article_id for a in generate_articles(40, seed=3)]
    target = ids[0]
    assert store.article(target[:12]).article_id == target
    assert store.article(target.upper()).article_id == target
    shared = next(i[:1] for i in ids if sum(j.startswith(i[:1]) for j in ids) > 1)
    with pytest.raises(StoreError, match="ambiguous"):
        store.article(shared)
    with pytest.raises(StoreError, match="no article"):
        store.article("f" * 16 if "f" * 16 not in ids else "0" * 16)
    with pytest.raises(StoreError, match="no article"):
        store.article("../x")


def test_update_changes_title_and_date_and_checks_the_date(store: Store):
    article_id = store.add(parse_article(TEXT)).article_id
    store.update(article_id[:6], title="  Tiêu đề   mới ", published="2021-09-02")
    assert (store.article(article_id).title, store.article(article_id).published) == ("Tiêu đề mới", "2021-09-02")
    assert set(store.claims()["title"]) == {"Tiêu đề mới"}
    store.update(article_id, published="")
    assert store.article(article_id).published is None
    for bad in ("2021-13", "2021-02-30", "09/2021", "2021"):
        with pytest.raises(StoreError, match="YYYY-MM-DD or YYYY-MM"):
            store.update(article_id, published=bad)
    with pytest.raises(StoreError, match="empty"):
        store.update(article_id, title="   ")


def test_delete_removes_the_article_and_its_claims_only(store: Store):
    first, second = (store.add(a) for a in generate_articles(2, seed=5))
    deleted = store.delete(first.article_id[:8])
    assert deleted == AddResult("deleted", first.article_id, first.title, first.claims)
    assert set(store.claims()["article_id"]) == {second.article_id}
    assert len(store.claims()) == second.claims
    with pytest.raises(StoreError, match="no article"):
        store.delete(first.article_id)


def test_data_version_changes_with_every_write_and_only_then(store: Store):
    seen = [store.data_version()]
    article_id = store.add(parse_article(TEXT)).article_id
    seen.append(store.data_version())
    store.claims(), store.articles(), store.article(article_id)
    assert store.data_version() == seen[-1]
    store.update(article_id, title="Khác")
    seen.append(store.data_version())
    store.delete(article_id)
    seen.append(store.data_version())
    assert len(set(seen)) == 4


def test_claims_filters_agree_with_filter_claims(store: Store):
    for article in generate_articles(30, seed=11):
        store.add(article)
    everything = store.claims()
    some_ids = tuple(everything["article_id"].unique()[:5])
    for filters in (Filters(article_ids=some_ids), Filters(value_min=100, value_max=5000),
                    Filters(date_from="2021-06", date_to="2022"), Filters(text="CÔNG AN"),
                    Filters(units=("%",), value_max=50)):
        expected = filter_claims(everything, filters).reset_index(drop=True)
        pd.testing.assert_frame_equal(store.claims(filters), expected)
        assert 0 < len(expected) < len(everything)


def test_an_error_in_the_middle_of_an_add_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch):
    real = store_module._claim_params

    def failing(article_id, claims):
        rows = list(real(article_id, claims))
        yield from rows[: len(rows) // 2]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "_claim_params", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(parse_article(TEXT))
    assert len(store) == 0 and store.claims().empty
    monkeypatch.setattr(store_module, "_claim_params", real)
    assert store.add(parse_article(TEXT)).status == "imported"


def test_reindex_re_extracts_articles_of_another_extractor_version(store: Store, monkeypatch: pytest.MonkeyPatch):
    articles = list(generate_articles(6, seed=2))
    for article in articles:
        store.add(article)
    assert store.reindex() == 0
    monkeypatch.setattr(store_module, "EXTRACTOR_VERSION", "99.0")
    monkeypatch.setattr(store_module, "extract", lambda text: extract(text)[:1])  # the "new" extractor
    assert store.reindex() == 6
    assert set(store.articles()["extractor_version"]) == {"99.0"}
    assert store.articles()["claims"].tolist() == [1] * 6
    pd.testing.assert_frame_equal(store.claims(), pd.concat(
        [claims_frame(a).head(1) for a in articles], ignore_index=True))
    assert store.reindex() == 0
    assert store.reindex(force=True) == 6


def test_samples_are_imported_on_the_first_run_only(store: Store, tmp_path: Path):
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text("title: Mẫu một\n\nCó 12 người bị thương.\n", encoding="utf-8")
    (samples / "b.txt").write_text("Mẫu hai\n\nThu ngân sách đạt 1,5 tỷ đồng, tăng 8%.\n", encoding="utf-8")
    (samples / "notes.md").write_text("not an article", encoding="utf-8")
    assert store.import_samples_if_empty(samples) == 2
    assert sorted(store.articles()["title"]) == ["Mẫu hai", "Mẫu một"]
    assert store.import_samples_if_empty(samples) == 0
    for article_id in store.articles()["article_id"]:
        store.delete(article_id)
    assert store.import_samples_if_empty(samples) == 0  # the user emptied the store on purpose


def test_a_file_that_is_not_a_store_is_reported_and_left_untouched(tmp_path: Path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable solieu store"):
        Store(junk)
    assert junk.read_bytes() == b"this is not sqlite" * 100
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE people (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a solieu store"):
        Store(other)
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path)


def test_check_reports_damage_without_repairing_it(tmp_path: Path):
    path = tmp_path / "store.sqlite"
    store = Store(path)
    for article in generate_articles(30, seed=4):
        store.add(article)
    store.check()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    for page in range(3, len(data) // page_size, 2):  # scribble over every other page, keep the header
        data[page * page_size: page * page_size + 64] = b"\xa5" * 64
    path.write_bytes(data)
    with pytest.raises(StoreError, match=r"damaged|not a usable"):
        Store(path).check()
    assert path.read_bytes() == data


# --- several processes ---------------------------------------------------------------------------------

def _import_worker(db: str, seeds_and_indexes: list[int], one_by_one: bool, barrier, results) -> None:
    pool = list(generate_articles(100, seed=7))
    mine = [pool[i] for i in seeds_and_indexes]
    counts = {"imported": 0, "already": 0, "error": ""}
    try:
        barrier.wait(timeout=60)
        store = Store(db)  # eight processes create the same new store at once, too
        added = [store.add(a) for a in mine] if one_by_one else list(store.add_many(mine))
        for result in added:
            counts[result.status] += 1
    except Exception as exc:  # noqa: BLE001 - any failure goes to the parent, which fails the test with it
        counts["error"] = f"{type(exc).__name__}: {exc}"
    results.put(counts)


def test_eight_writers_at_once_store_each_article_exactly_once(tmp_path: Path):
    db = tmp_path / "shared.sqlite"
    context = multiprocessing.get_context("fork")  # the parent holds no connection; fork starts in ms
    barrier, results = context.Barrier(8), context.Queue()
    # Writer k imports articles 10k .. 10k+19: each overlaps its neighbours, 90 distinct articles in all.
    workers = [context.Process(target=_import_worker, args=(str(db), list(range(10 * k, 10 * k + 20)), k % 2 == 0,
                                                            barrier, results)) for k in range(8)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert [o["error"] for o in outcomes] == [""] * 8
    assert sum(o["imported"] for o in outcomes) == 90
    assert sum(o["already"] for o in outcomes) == 160 - 90
    store = Store(db)
    pool = list(generate_articles(100, seed=7))[:90]
    assert sorted(store.articles()["article_id"]) == sorted(a.article_id for a in pool)
    assert len(store.claims()) == sum(len(extract(a.body)) for a in pool)
    assert integrity(db) == "ok"


_KILLED_WRITER = """
import sys, time
from pathlib import Path
import solieu.store as store_module
from solieu.synthetic import generate_articles

db, marker = sys.argv[1], Path(sys.argv[2])
real = store_module._claim_params

def pause_half_way(article_id, claims):
    rows = list(real(article_id, claims))
    yield from rows[: len(rows) // 2]
    marker.write_text(str(len(rows) // 2))  # half the claims are inserted, the transaction is open
    time.sleep(120)
    yield from rows[len(rows) // 2:]

store_module._claim_params = pause_half_way
store_module.Store(db).add(next(generate_articles(1, seed=9)))
"""


def test_a_writer_killed_inside_its_transaction_leaves_no_partial_article(tmp_path: Path):
    db, marker = tmp_path / "store.sqlite", tmp_path / "half-way"
    article = next(generate_articles(1, seed=9))
    assert len(extract(article.body)) >= 4
    Store(db)
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(db), str(marker)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the writer never reached the middle of its transaction"
        assert int(marker.read_text()) >= 2
        assert len(Store(db)) == 0  # a reader does not see the open transaction
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    store = Store(db)
    assert len(store) == 0
    assert store.claims().empty
    assert integrity(db) == "ok"
    assert store.add(article) == AddResult("imported", article.article_id, article.title, len(extract(article.body)))


# --- backup ----------------------------------------------------------------------------------------------

def _rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    """Every article and claim row of the file at ``path``, read-only (so the file is not switched to WAL)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (con.execute("SELECT * FROM articles ORDER BY id").fetchall(),
                con.execute("SELECT * FROM claims ORDER BY article_id, seq").fetchall())
    finally:
        con.close()


def _journal_mode_in_header(path: Path) -> bytes:
    """Bytes 18-19 of the database header: 1, 1 for a rollback journal, 2, 2 for WAL."""
    return path.read_bytes()[18:20]


def test_backup_holds_the_same_articles_and_claims_in_one_file(store: Store, tmp_path: Path):
    articles = [parse_article(TEXT), *generate_articles(5, seed=21)]
    for article in articles:
        store.add(article)
    dest = tmp_path / "backups" / "copy.sqlite"
    dest.parent.mkdir()
    assert store.backup(dest) == dest
    articles_rows, claims_rows = _rows(dest)
    assert (articles_rows, claims_rows) == _rows(store.path)
    assert sorted(row[0] for row in articles_rows) == sorted(a.article_id for a in articles)
    assert len(claims_rows) == sum(len(extract(a.body)) for a in articles) > 10
    assert store_module.count_rows(dest) == (6, len(claims_rows))
    assert _journal_mode_in_header(dest) == b"\x01\x01"  # rollback journal: one self-contained file
    assert sorted(p.name for p in dest.parent.iterdir()) == ["copy.sqlite"]  # no -wal, -shm or temporary file
    assert integrity(dest) == "ok"
    copy = Store(dest)  # a store of its own
    pd.testing.assert_frame_equal(copy.claims(), store.claims())
    assert copy.article(articles[0].article_id) == articles[0]
    assert copy.data_version() == store.data_version()


def test_backup_has_the_imports_that_are_still_only_in_the_wal(store: Store, tmp_path: Path):
    store.add(parse_article(TEXT))
    reader = sqlite3.connect(store.path)  # an open connection: closing the store's own does not checkpoint
    try:
        reader.execute("SELECT count(*) FROM articles").fetchone()
        latest = store.add(next(generate_articles(1, seed=13)))
        assert Path(f"{store.path}-wal").stat().st_size > 0
        main_file_only = tmp_path / "main-file-only.sqlite"
        main_file_only.write_bytes(store.path.read_bytes())  # what copying the file alone would give
        assert latest.article_id not in [row[0] for row in _rows(main_file_only)[0]]
        dest = store.backup(tmp_path / "backup.sqlite")
    finally:
        reader.close()
    assert [row[0] for row in _rows(dest)[0]] == sorted([parse_article(TEXT).article_id, latest.article_id])
    assert store_module.count_rows(dest) == (2, len(extract(TEXT.split("\n\n", 1)[1])) + latest.claims)
    assert _journal_mode_in_header(dest) == b"\x01\x01"


def test_backup_refuses_an_existing_file_unless_overwrite(store: Store, tmp_path: Path):
    store.add(parse_article(TEXT))
    dest = tmp_path / "backup.sqlite"
    dest.write_bytes(b"yesterday's backup, keep me\n" * 100)
    before = sorted(tmp_path.iterdir())
    with pytest.raises(StoreError, match="already exists") as raised:
        store.backup(dest)
    assert str(dest) in str(raised.value)
    assert dest.read_bytes() == b"yesterday's backup, keep me\n" * 100
    assert sorted(tmp_path.iterdir()) == before
    assert store.backup(dest, overwrite=True) == dest
    assert _rows(dest) == _rows(store.path)


@pytest.mark.parametrize("name", ["store.sqlite", "sub/../store.sqlite", "store.sqlite-wal", "store.sqlite-shm"])
def test_backup_refuses_the_store_and_its_own_files(store: Store, tmp_path: Path, name: str):
    (tmp_path / "sub").mkdir()
    store.add(parse_article(TEXT))
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=r"store itself|store's own files") as raised:
        store.backup(tmp_path / name, overwrite=True)
    assert str(tmp_path / name) in str(raised.value)
    assert store.path.read_bytes() == before
    assert len(store) == 1


def test_backup_refuses_a_folder_and_a_missing_folder(store: Store, tmp_path: Path):
    with pytest.raises(StoreError, match="is a folder") as raised:
        store.backup(tmp_path, overwrite=True)
    assert str(tmp_path) in str(raised.value)
    missing = tmp_path / "no such folder" / "backup.sqlite"
    with pytest.raises(StoreError, match="does not exist") as raised:
        store.backup(missing)
    assert str(missing.parent) in str(raised.value)
    assert not missing.parent.exists()


def test_backup_refuses_a_destination_with_a_leftover_journal(store: Store, tmp_path: Path):
    dest = tmp_path / "backup.sqlite"
    Path(f"{dest}-journal").write_bytes(b"a hot journal SQLite would roll back into the backup")
    with pytest.raises(StoreError, match="was not closed cleanly"):
        store.backup(dest)
    assert not dest.exists()


@pytest.mark.parametrize("failure", [sqlite3.OperationalError("disk I/O error"), KeyboardInterrupt()],
                         ids=["sqlite-error", "interrupted"])
def test_a_failed_backup_leaves_no_file_and_the_old_backup_intact(store: Store, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch, failure):
    store.add(parse_article(TEXT))
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "backup.sqlite"
    old.write_bytes(b"the previous backup\n" * 100)

    def copy_then_fail(source, target):
        source.backup(target)  # the temporary file is complete, then the disk fails
        raise failure

    monkeypatch.setattr(store_module, "_copy_pages", copy_then_fail)
    for dest, overwrite in ((folder / "new.sqlite", False), (old, True)):
        with pytest.raises(StoreError if isinstance(failure, sqlite3.Error) else KeyboardInterrupt) as raised:
            store.backup(dest, overwrite=overwrite)
        if isinstance(failure, sqlite3.Error):
            assert str(dest) in str(raised.value) and "disk I/O error" in str(raised.value)
        assert sorted(p.name for p in folder.iterdir()) == ["backup.sqlite"]
        assert old.read_bytes() == b"the previous backup\n" * 100
    assert len(store) == 1


def test_a_backup_that_fails_its_check_is_not_kept(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store.add(parse_article(TEXT))

    def copy_something_else(source, target):
        target.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value)")  # valid SQLite, not a solieu store

    monkeypatch.setattr(store_module, "_copy_pages", copy_something_else)
    with pytest.raises(StoreError, match="not a self-contained solieu store"):
        store.backup(tmp_path / "backup.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite"]


def _keep_importing(db: Path, articles: list, done: list) -> None:
    store = Store(db)
    for article in articles:
        store.add(article)
    done.append(True)


def test_backups_taken_while_another_writer_imports_are_whole_snapshots(store: Store, tmp_path: Path):
    articles = list(generate_articles(40, seed=17))
    claims_of = {a.article_id: len(extract(a.body)) for a in articles}
    done: list = []
    writer = threading.Thread(target=_keep_importing, args=(store.path, articles, done))
    writer.start()
    sizes = []
    try:
        while writer.is_alive() or not sizes:
            dest = store.backup(tmp_path / f"backup-{len(sizes)}.sqlite")
            article_rows, claim_rows = _rows(dest)
            per_article = pd.Series([row[0] for row in claim_rows]).value_counts().to_dict()
            # every article in a backup has all its claims: a snapshot never catches an import half way
            assert {row[0]: per_article.get(row[0], 0) for row in article_rows} == {
                row[0]: claims_of[row[0]] for row in article_rows}
            assert integrity(dest) == "ok"
            sizes.append(len(article_rows))
    finally:
        writer.join(timeout=120)
    assert done == [True]
    assert sizes == sorted(sizes)
    assert len(set(sizes)) > 2, sizes  # the backups did see the imports go on
    assert store_module.count_rows(store.backup(tmp_path / "final.sqlite")) == (40, sum(claims_of.values()))
