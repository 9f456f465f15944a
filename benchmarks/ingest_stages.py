"""Ingest stages: CPU milliseconds an article for each step of preparing it, beside the
slower reference path each fast one stands for (measured in the same run).

    .venv/bin/python benchmarks/ingest_stages.py               # 1,000 generated articles
    .venv/bin/python benchmarks/ingest_stages.py --count 3000

An archive is generated from BBC paragraphs (``corpusgen.py``, seed 13) into a temp folder,
then, over its files, in this process (CPU time, best of ``--runs`` passes):

* front matter: ``load_front_matter`` (libyaml where it may) beside PyYAML's pure-Python
  loader alone (``load_front_matter_python``), and that both give the same results;
* Tantivy fields: the terms joined by spaces that the engine hands Tantivy now
  (``tantivy_engine.with_tokens``) beside a ``(term, position, start, end)`` tuple per word
  from ``analysis.text_tokens`` / ``name_tokens`` (what it handed Tantivy before), and the
  writer's side, building each Tantivy document from either;
* near-duplicate signature (``duplicates.document_signature``);
* the whole of ``ingest_work.prepare_many`` (reading, parsing, cleaning, entities,
  signature, fields), of which entity extraction alone is given for scale.

Without ``../shared/corpora/bbc`` (or ``$READER_SHARED_DIR/corpora/bbc``) it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpusgen import build_corpus, find_bbc  # noqa: E402  (beside this script)


def _best(runs: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bbc = find_bbc()
    if bbc is None:
        print("ingest_stages: BBC corpus not found (set READER_SHARED_DIR); nothing measured")
        return 0

    import dataclasses

    import tantivy

    from reader.core.corpus.frontmatter import (
        _closing_fence,
        load_front_matter,
        load_front_matter_python,
    )
    from reader.core.corpus.loader import scan
    from reader.core.index import engine as engines
    from reader.core.index.analysis import name_tokens, text_tokens
    from reader.core.index.duplicates import document_signature
    from reader.core.index.engine import tantivy_engine
    from reader.core.index.entity_ingest import extract_for_index
    from reader.core.index.ingest_work import Job, Parsed, prepare_many

    with tempfile.TemporaryDirectory(prefix="reader-stages-") as tmp:
        root = Path(tmp) / "corpus"
        build_corpus(root, args.count, bbc=bbc)
        files = scan(root).files
        jobs = [Job(f, None, False, None, None, "tantivy") for f in files]
        n = len(files)
        rows: list[tuple[str, float, str]] = []

        texts = [f.path.read_text(encoding="utf-8") for f in files]
        blocks = []
        for text in texts:
            end = _closing_fence(text) if text.startswith("---\n") else None
            if end is not None:
                blocks.append(text[4 : end[0]])
        same = all(repr(load_front_matter(b)) == repr(load_front_matter_python(b)) for b in blocks)
        fast = _best(args.runs, lambda: [load_front_matter(b) for b in blocks])
        slow = _best(args.runs, lambda: [load_front_matter_python(b) for b in blocks])
        per = max(len(blocks), 1)
        rows.append(
            (
                "front matter (a block)",
                fast / per,
                f"pure-Python loader {slow / per * 1e3:.3f} ms; same results: {same}",
            )
        )

        outcomes = prepare_many(jobs)
        plain = [
            dataclasses.replace(o.indexed, tokens=None) for o in outcomes if isinstance(o, Parsed)
        ]
        docs = len(plain) or 1

        def tuples(doc: Any) -> dict[str, list[tuple[str, int, int, int]]]:
            found = {}
            for name, value in tantivy_engine._values(doc).items():
                if value:
                    if name in ("title", "body"):
                        tokens = text_tokens(value)
                    elif name != "tags":
                        tokens = name_tokens(value)
                    else:
                        found[name] = tantivy_engine._analysed(name, value)
                        continue
                    found[name] = [(t[0], t[1], t[2], t[3]) for t in tokens]
            return found

        joined = _best(args.runs, lambda: [engines.analyse("tantivy", d) for d in plain])
        old = _best(args.runs, lambda: [tuples(d) for d in plain])
        rows.append(
            (
                "Tantivy fields, worker",
                joined / docs,
                f"a token tuple per word {old / docs * 1e3:.3f} ms",
            )
        )
        ready = [engines.analyse("tantivy", d) for d in plain]
        as_tuples = [dataclasses.replace(d, tokens=tuples(d)) for d in plain]

        def documents_from_tuples() -> None:
            for doc in as_tuples:
                document = tantivy.Document()
                assert doc.tokens is not None
                for name, tokens in doc.tokens.items():
                    made = [tantivy.Token(*t) for t in tokens]  # type: ignore[misc]
                    document.add_pre_tokenized_text(name, tantivy.PreTokenizedString("", made))

        built = _best(args.runs, lambda: [tantivy_engine._document(d) for d in ready])
        before = _best(args.runs, documents_from_tuples)
        rows.append(
            (
                "Tantivy document, writer",
                built / docs,
                f"from token tuples {before / docs * 1e3:.3f} ms",
            )
        )
        signature = _best(args.runs, lambda: [document_signature(d.title, d.body) for d in plain])
        rows.append(("near-duplicate signature", signature / docs, "-"))
        entities = _best(1, lambda: [extract_for_index(d.body) for d in plain])
        whole = _best(args.runs, lambda: prepare_many(jobs))
        rows.append(
            ("prepare_many, whole", whole / n, f"of which entities {entities / docs * 1e3:.3f} ms")
        )

        print(f"{n:,} generated articles; CPU ms an article, best of {args.runs}\n")
        print("| stage | now | reference, same run |")
        print("|---|---|---|")
        for name, seconds, reference in rows:
            print(f"| {name} | {seconds * 1e3:.3f} ms | {reference} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
