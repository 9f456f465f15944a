"""The ingest's worker pool: files read, parsed and extracted in worker processes, results
in file order, one file's failure a warning for that file, the same index without workers,
and cancellation between files."""

from __future__ import annotations

import functools
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.compare.generated import article, edit, vocabulary

from reader.core.corpus.document import ParsedText
from reader.core.corpus.furniture import Furniture
from reader.core.corpus.loader import scan
from reader.core.gc_settings import YOUNG_THRESHOLD
from reader.core.index import duplicates, entity_ingest, indexer
from reader.core.index.entity_ingest import ExtractionPool
from reader.core.index.ingest_work import Failed, Job, Parsed, prepare_many
from reader.core.index.library import Library

MakeCorpus = Callable[..., Path]
WORDS = "harbour ferry council budget storm museum archive election river bridge".split()


def _files(count: int) -> dict[str, str]:
    """Articles of very different lengths (so workers finish out of order), in folders."""
    files = {}
    for number in range(count):
        paragraphs = "\n\n".join(
            f"The {WORDS[(number + k) % len(WORDS)]} of Lisbon reopened, said Maria Costa."
            for k in range(1 + (number * 7) % 23)
        )
        files[f"f{number % 3}/{number:03}.txt"] = f"Report {number}\n\n{paragraphs}\n"
    return files


def _small_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for any update, small tasks and a small window (many tasks in flight)."""
    monkeypatch.setattr(entity_ingest, "POOL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(entity_ingest, "CHUNK", 2)
    monkeypatch.setattr(entity_ingest, "LOOKAHEAD", 6)


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    _small_pool(monkeypatch)


@pytest.fixture
def no_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system where worker processes cannot start (no semaphores, a sandbox)."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(entity_ingest, "POOL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(entity_ingest, "ProcessPoolExecutor", refuse)


def _state(library: Library) -> dict[str, object]:
    """Everything an update leaves that a reader sees: documents, entities, signatures."""
    ids = library.catalog.ids()
    return {
        "ids": ids,
        "titles": [library.catalog.summary(i).title for i in ids],  # type: ignore[union-attr]
        "entities": {i: [e.to_json() for e in library.entities(i)] for i in ids},
        "corpus": [e.to_json() for e in library.corpus_entities()],
        "signatures": library.catalog.signatures(),
        "hits": sorted(h.id for h in library.search("harbour").hits),
    }


def _serial_state(make_corpus: MakeCorpus, files: dict[str, str]) -> dict[str, object]:
    library = Library(make_corpus(files))
    library.update()  # below POOL_MIN_DOCUMENTS: everything in this process
    try:
        return _state(library)
    finally:
        library.close()


@pytest.mark.usefixtures("pooled")
def test_workers_give_the_serial_index_committed_in_file_order(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(45)
    serial = _serial_state(make_corpus, files)
    monkeypatch.setattr(indexer, "FIRST_BATCH", 7)
    monkeypatch.setattr(indexer, "BATCH", 20)
    library = Library(make_corpus(files))
    committed: list[str] = []
    library.on_commit = lambda ids, fresh: committed.extend(ids)
    seen: list[str] = []
    report = library.update(progress=lambda done, total, rel: seen.append(rel))
    try:
        assert report.added == 45 and not report.skipped
        assert seen == sorted(files)  # progress, and so the writer, in file order
        assert committed == [f.id for f in scan(library.root).files]
        assert _state(library) == serial
    finally:
        library.close()


@pytest.mark.usefixtures("no_processes")
def test_without_processes_everything_runs_here(make_corpus: MakeCorpus) -> None:
    files = _files(30)
    library = Library(make_corpus(files))
    report = library.update()
    try:
        assert report.added == 30
        assert _state(library) == _serial_state(make_corpus, files)
    finally:
        library.close()


def test_a_file_that_fails_is_a_warning_and_the_rest_is_indexed(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.corpus import parse

    real = parse.parse_text

    def fragile(text: str, **kwargs: object) -> ParsedText:
        if "Report 4\n" in text:
            raise ValueError("a parser bug\nwith a second line")
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parse, "parse_text", fragile)
    library = Library(make_corpus(_files(9)))
    report = library.update()
    try:
        assert report.added == 8
        assert [str(s) for s in report.skipped] == [
            "f1/004.txt: not indexed, it could not be prepared (ValueError: a parser bug)"
        ]
        assert "f1/004" not in library.catalog.ids() and len(library.catalog.ids()) == 8
        # Fixed (here: the parser), the next update indexes it.
        monkeypatch.setattr(parse, "parse_text", real)
        (library.root / "f1/004.txt").write_text("Report 4\n\nThe harbour.\n", encoding="utf-8")
        assert library.update().added == 1
    finally:
        library.close()


@pytest.mark.usefixtures("pooled")
def test_a_failure_in_a_worker_costs_only_its_file(make_corpus: MakeCorpus) -> None:
    root = make_corpus(_files(6))
    sources = scan(root).files
    # Furniture that raises when asked about a line, sent to a worker with one file only.
    broken = Furniture(1, None)  # type: ignore[arg-type]
    jobs = [
        Job(s, None, False, broken if n == 3 else None, None, "tantivy")
        for n, s in enumerate(sources)
    ]
    with ExtractionPool(len(jobs)) as pool:
        outcomes = list(pool.pipeline(jobs, prepare_many))
    assert [job.source.rel for job, _ in outcomes] == [s.rel for s in sources]
    kinds = [type(outcome).__name__ for _, outcome in outcomes]
    assert kinds == ["Parsed", "Parsed", "Parsed", "Failed", "Parsed", "Parsed"]
    failed = outcomes[3][1]
    assert isinstance(failed, Failed) and "\n" not in failed.message
    assert "AttributeError" in failed.message
    parsed = outcomes[0][1]
    assert isinstance(parsed, Parsed) and parsed.indexed.tokens  # analysed in the worker


def _only_in(pid: int, chunk: list[int]) -> list[int]:
    """A task that fails in any process but ``pid`` (a worker that cannot do it)."""
    if os.getpid() != pid:
        raise RuntimeError("this worker cannot")
    return [n * n for n in chunk]


def _squared_through_a_pool(
    task: Callable[[int, list[int]], list[int]], count: int
) -> tuple[list[str], bool]:
    """``count`` numbers squared by ``task`` (given this process's id) in a pool, checked
    to come back every one in order; the pool's warnings and whether it still has workers."""
    with ExtractionPool(100) as pool:
        results = list(pool.pipeline(range(count), functools.partial(task, os.getpid())))
        warnings, parallel = pool.warnings, pool.parallel
    assert results == [(n, n * n) for n in range(count)]
    return warnings, parallel


@pytest.mark.usefixtures("pooled")
def test_a_task_the_workers_cannot_run_is_run_here_in_order() -> None:
    warnings, _ = _squared_through_a_pool(_only_in, 25)
    # Said once, however many tasks came back: the work was done, more slowly.
    assert warnings == [
        "worker processes: a task failed in a worker (RuntimeError: this worker cannot);"
        " done in this process instead (slower)"
    ]


def _dies_in_a_worker(pid: int, chunk: list[int]) -> list[int]:
    """A task that kills any process but ``pid`` that runs it (a worker killed mid-task)."""
    if os.getpid() != pid:
        os._exit(3)
    return [n * n for n in chunk]


def _said(warnings: list[str]) -> list[str]:
    """What each fallback warning says went wrong (the text between the prefix and the
    detail in brackets), checking the frame every such warning shares."""
    prefix, suffix = "worker processes: ", "; done in this process instead (slower)"
    assert all(w.startswith(prefix) and w.endswith(suffix) for w in warnings), warnings
    return [w.removeprefix(prefix).removesuffix(suffix).split(" (")[0] for w in warnings]


@pytest.mark.usefixtures("pooled")
def test_a_worker_that_dies_is_said_once_and_its_work_done_here_in_order() -> None:
    warnings, parallel = _squared_through_a_pool(_dies_in_a_worker, 40)
    said = _said(warnings)
    # Once the first task finds the pool broken, every later one is done here with no
    # more words; a task sent while the break was under way may add that the pool
    # stopped taking work. Never the same thing twice, never nothing.
    assert said.count("a worker died") == 1
    assert set(said) <= {"a worker died", "the pool stopped taking work"}
    assert len(said) == len(set(said))
    assert not parallel


@pytest.mark.usefixtures("pooled")
def test_a_pool_that_stops_taking_work_is_said_once_and_the_rest_done_here() -> None:
    with ExtractionPool(100) as pool:
        assert pool.parallel

        def jobs() -> Iterator[int]:
            for n in range(40):
                if n == 10:  # as when the system refuses the pool more processes
                    assert pool._executor is not None
                    pool._executor.shutdown(wait=True)
                yield n

        results = list(pool.pipeline(jobs(), _squares))
        warnings = pool.warnings
    assert results == [(n, n * n) for n in range(40)]
    assert _said(warnings) == ["the pool stopped taking work"]
    assert "RuntimeError: cannot schedule new futures after shutdown" in warnings[0]


def _squares(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def _wrong_count(pid: int, chunk: list[int]) -> list[int]:
    """A task whose workers give one result too many (a bug in a task, not a crash)."""
    return [n * n for n in chunk] + ([0] if os.getpid() != pid else [])


@pytest.mark.usefixtures("pooled")
def test_a_task_giving_the_wrong_number_of_results_is_redone_here() -> None:
    warnings, _ = _squared_through_a_pool(_wrong_count, 25)
    assert _said(warnings) == ["a task gave the wrong number of results"]


def _refuse_pickling(self: object, protocol: object) -> object:
    raise TypeError("cannot pickle this source")


@pytest.mark.usefixtures("pooled")
def test_an_update_whose_jobs_cannot_reach_the_workers_says_so_once(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    # How a compiled class without __reduce__ once made the ingest prepare every file in
    # the updating process with no word: here no job can be pickled for a worker.
    from reader.core.corpus.loader import SourceFile

    files = _files(9)
    monkeypatch.setattr(SourceFile, "__reduce_ex__", _refuse_pickling)
    library = Library(make_corpus(files))
    try:
        report = library.update()
        assert report.added == 9 and not report.skipped
        said = [w for w in report.warnings if w.startswith("worker processes:")]
        assert said == [
            "worker processes: a task failed in a worker (TypeError: cannot pickle this source);"
            " done in this process instead (slower)"
        ]
    finally:
        library.close()


@pytest.mark.usefixtures("pooled")
def test_the_window_bounds_what_is_drawn_ahead() -> None:
    drawn: list[int] = []

    def jobs() -> Iterator[int]:
        for n in range(100):
            drawn.append(n)
            yield n

    with ExtractionPool(100) as pool:
        for n, _ in pool.pipeline(jobs(), list):
            # Never more than the window (6) plus one task (2) ahead of the consumer.
            assert len(drawn) - n <= entity_ingest.LOOKAHEAD + entity_ingest.CHUNK
    assert drawn == list(range(100))


@pytest.mark.parametrize("workers", [True, False])
def test_cancelling_keeps_what_was_committed_and_the_next_update_finishes(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    if workers:
        _small_pool(monkeypatch)
    monkeypatch.setattr(indexer, "FIRST_BATCH", 5)
    monkeypatch.setattr(indexer, "BATCH", 10)
    files = _files(40)
    library = Library(make_corpus(files))
    done: list[int] = []
    report = library.update(
        progress=lambda number, total, rel: done.append(number), cancelled=lambda: len(done) >= 17
    )
    try:
        assert report.cancelled
        assert done[-1] == 17  # no file taken after the cancel
        # The batches committed before it (5, then 10) and the partial one are kept.
        assert library.catalog.ids() == sorted(f.id for f in scan(library.root).files)[:17]
        again = library.update()
        assert not again.cancelled and library.catalog.count() == 40
        assert again.added == 23
        assert _state(library)["corpus"] == _serial_state(make_corpus, files)["corpus"]
    finally:
        library.close()


def test_the_merge_worker_reads_the_committed_entities_with_the_last_batch_over_them(
    make_corpus: MakeCorpus,
) -> None:
    library = Library(make_corpus(_files(12)))
    library.update()
    try:
        rows = dict(library.catalog.all_entity_data())
        gone, changed = "f0/003", "f1/004"
        last = [(changed, rows["f0/000"])]  # as if the batch being committed changed it
        expected = {k: v for k, v in rows.items() if k != gone} | dict(last)
        assert entity_ingest.catalog_payload(
            library.catalog.path, [gone], last
        ) == entity_ingest.corpus_payload(sorted(expected.items()))
    finally:
        library.close()


def _near_copies(rng: random.Random, count: int) -> dict[str, str]:
    """Articles in folders, a third of them copies or light edits of an earlier one (so
    groups span batches), one text copied many times."""
    words = vocabulary(rng, 2000)
    files: dict[str, str] = {}
    texts: list[str] = []
    for number in range(count):
        if texts and number % 3 == 0:
            text = edit(rng.choice(texts), rng.choice([0.0, 0.05, 0.2]), rng, words)
        elif number % 11 == 0:
            text = "The same wire story " + " ".join(words[:80])
        else:
            text = article(rng, words, rng.randint(40, 160))
        texts.append(text)
        files[f"f{number % 4}/{number:03}.txt"] = f"Story {number}\n\n{text}\n"
    return files


def _groups_here(library: Library) -> list[tuple[tuple[str, ...], float]]:
    catalog = library.catalog
    return duplicates.group_signatures(catalog.each_signature(), catalog.signatures_of)[0]


@pytest.mark.usefixtures("pooled")
def test_duplicate_groups_a_worker_makes_are_the_ones_made_here(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The near-duplicate groups are made in a worker beside the corpus merge, from the
    committed signatures and the last batch's: the same groups (members, order, lowest
    resemblance) as grouping the catalog's signatures here after the last commit, for a
    first index and for an update that edits, copies and removes files."""
    rng = random.Random(4)
    files = _near_copies(rng, 65)  # the last batch (of 5) is committed after the loop
    monkeypatch.setattr(indexer, "FIRST_BATCH", 7)
    monkeypatch.setattr(indexer, "BATCH", 20)
    grouped_here: list[int] = []
    real = duplicates.group_signatures

    def spy(*args: Any, **kwargs: Any) -> Any:
        grouped_here.append(os.getpid())
        return real(*args, **kwargs)

    monkeypatch.setattr(duplicates, "group_signatures", spy)
    library = Library(make_corpus(files))
    try:
        library.update()
        assert os.getpid() not in grouped_here  # made by a worker, not here
        stored = [(g.ids, g.resemblance) for g in library.duplicates()]
        assert len(stored) >= 5 and stored == _groups_here(library)
        root = library.root
        (root / "f1/001.txt").write_text((root / "f2/002.txt").read_text(), encoding="utf-8")
        (root / "f3/003.txt").unlink()
        (root / "f0/004.txt").write_text(files["f1/005.txt"] + " one more line\n")
        for number in range(65, 75):  # new files, some copies of old ones
            (root / f"f{number % 4}").mkdir(exist_ok=True)
            text = files[f"f{number % 4}/{number - 40:03}.txt"] if number % 2 else f"New {number}"
            (root / f"f{number % 4}/{number:03}.txt").write_text(text, encoding="utf-8")
        grouped_here.clear()
        report = library.update()
        assert report.added == 10 and report.removed == 1 and report.updated >= 2
        assert os.getpid() not in grouped_here
        changed = [(g.ids, g.resemblance) for g in library.duplicates()]
        assert changed != stored and changed == _groups_here(library)
    finally:
        library.close()


def test_a_job_pickles_for_the_workers_with_its_folder_furniture() -> None:
    """A job crosses to a worker by pickle; its Furniture must come back the same, compiled
    too (a mypyc class pickles only through ``__reduce__``: without it every task failed to
    pickle and the ingest prepared every article in the main process, without a word)."""
    import pickle

    furniture = Furniture(40, {11: 30, 12: 2})
    back = pickle.loads(pickle.dumps(furniture))
    assert type(back) is Furniture
    assert (back.documents, dict(back.counts)) == (40, {11: 30, 12: 2})
    assert back.none is furniture.none


@pytest.mark.parametrize("workers", [True, False])
def test_a_first_index_merges_its_entities_as_they_come_the_same_as_from_the_catalog(
    make_corpus: MakeCorpus, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    # From an empty catalog the merge is fed document by document (RunningMerge), not read
    # back from the committed rows: both must give the same cached JSON.
    if workers:
        _small_pool(monkeypatch)
    monkeypatch.setattr(indexer, "BATCH", 7)
    fed: list[str] = []
    real_add = entity_ingest.RunningMerge.add

    def add(self: entity_ingest.RunningMerge, doc_id: str, rows: Any) -> None:
        fed.append(doc_id)
        real_add(self, doc_id, rows)

    monkeypatch.setattr(entity_ingest.RunningMerge, "add", add)
    library = Library(make_corpus(_files(20)))
    try:
        library.update()
        assert sorted(fed) == library.catalog.ids()  # every document, once
        stored = library.catalog.corpus_entities()
        assert stored is not None
        from_catalog = entity_ingest.corpus_payload(library.catalog.each_entity_data())
        assert stored[0] == from_catalog
        assert any(e.name == "Maria Costa" for e in library.corpus_entities())
        # A later update reads the catalog again (documents may have gone): not fed.
        fed.clear()
        (library.root / "f0/000.txt").unlink()
        library.update()
        assert fed == []
        stored = library.catalog.corpus_entities()
        assert stored is not None
        assert stored[0] == entity_ingest.corpus_payload(library.catalog.each_entity_data())
    finally:
        library.close()


UNGUARDED_SCRIPT = """
import sys
from pathlib import Path

from reader.core.index.library import Library

# At the top level, not under `if __name__ == "__main__":` (see the test).
library = Library(Path(sys.argv[1]), cache=Path(sys.argv[2]), engine="tantivy")
report = library.update()
library.close()
print("added", report.added)
print(*report.warnings, sep="\\n")
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the pool needs two cores")
def test_an_unguarded_script_is_not_left_waiting_for_its_workers(tmp_path: Path) -> None:
    """A script that updates at its top level, with spawned workers (a Tantivy writer's
    threads rule out forking): each worker runs the script again on its way up. Its
    update used to wait for the update lock the script held, while the script waited
    for the workers, for ever. Now the workers say why and end, and the script's own
    update is done in one process."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    for name, text in _files(entity_ingest.POOL_MIN_DOCUMENTS).items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(corpus), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        timeout=600,  # minutes on a loaded machine; without the fix, never
        env={**os.environ, "READER_CACHE_DIR": str(tmp_path / "xdg")},
    )
    assert done.returncode == 0, done.stderr
    assert f"added {entity_ingest.POOL_MIN_DOCUMENTS}" in done.stdout
    assert "worker processes: a worker died" in done.stdout
    assert 'put the script\'s code under `if __name__ == "__main__":`' in done.stderr


def _collection_settings() -> tuple[int, int]:
    import gc

    return gc.get_threshold()[0], gc.get_freeze_count()


def test_workers_collect_less_often_and_this_process_is_left_as_it_was() -> None:
    import gc

    before = gc.get_threshold()
    with ExtractionPool(100) as pool:
        future = pool.run(_collection_settings)
        if future is None:
            pytest.skip("no worker processes on this machine (one core)")
        threshold, frozen = future.result(timeout=300)
    assert threshold >= YOUNG_THRESHOLD
    assert frozen > 0  # the loaded extractor is out of the collector's way
    assert gc.get_threshold() == before
