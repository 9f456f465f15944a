"""Score the entity extractor on CoNLL-2003 and re3d, and time it.

Runs the exact code path the CLI and UI use (``reader.core.entities.Extractor``)::

    .venv/bin/python benchmarks/ner_eval.py                  # valid, test, re3d
    .venv/bin/python benchmarks/ner_eval.py --only valid --errors 40
    .venv/bin/python benchmarks/ner_eval.py --only valid --repeat 3   # steadier timing

Scoring follows conlleval: a predicted entity counts only if its type and both
boundaries match a gold entity exactly; micro P/R/F1 over PER, ORG, LOC. CoNLL's MISC
and re3d's other types (Nationality, Weapon, ...) are dropped from the gold side,
and dates/money/figures from the predicted side. A CoNLL document is fed to the
extractor as one text (tokens joined by spaces, one sentence per line), so
document-level rules apply as they do on an article.

The corpora are NOT part of the repository. They are looked up in
``$READER_SHARED_DIR/corpora`` or ``<repo>/../shared/corpora``; when absent the
benchmark says so and exits 0. Tune on ``valid`` and re3d only (``train`` may be
read for error analysis); ``test`` is for the honest final figure.

Timing is wall-clock on whatever else the machine is doing: ``--repeat N`` scores
once and reports the best of N timed passes, and the load line gives the first
(cold) load beside the best of three fresh parses of the data file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

TYPES = ("PER", "ORG", "LOC")
OUR_TYPES = {"person": "PER", "org": "ORG", "place": "LOC"}
RE3D_TYPES = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}

Span = tuple[int, int, str]  # start, end, type


@dataclass
class Doc:
    text: str
    gold: set[Span]


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    chars: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def prf(self, kind: str | None = None) -> tuple[float, float, float, int]:
        kinds = TYPES if kind is None else (kind,)
        tp = sum(self.tp[k] for k in kinds)
        fp = sum(self.fp[k] for k in kinds)
        fn = sum(self.fn[k] for k in kinds)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp + fn


def shared_corpora() -> Path | None:
    env = os.environ.get("READER_SHARED_DIR")
    base = Path(env) if env else REPO.parent / "shared"
    corpora = base / "corpora"
    return corpora if corpora.is_dir() else None


def conll_docs(path: Path) -> Iterator[Doc]:
    """Documents of a CoNLL-2003 IOB2 file with gold PER/ORG/LOC character spans."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_doc() -> Iterator[Doc]:
        if sentences:
            yield build_conll_doc(sentences)

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            yield from flush_doc()
            sentences, current = [], []
            continue
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        cols = line.split()
        current.append((cols[0], cols[-1]))
    if current:
        sentences.append(current)
    yield from flush_doc()


def build_conll_doc(sentences: list[list[tuple[str, str]]]) -> Doc:
    parts: list[str] = []
    gold: set[Span] = set()
    pos = 0
    for sentence in sentences:
        open_span: list[int | str] | None = None
        for i, (token, tag) in enumerate(sentence):
            start = pos
            parts.append(token)
            pos += len(token)
            if tag.startswith("B-") or tag == "O" or (open_span and tag[2:] != open_span[2]):
                if open_span:
                    gold.add((int(open_span[0]), int(open_span[1]), str(open_span[2])))
                open_span = [start, pos, tag[2:]] if tag != "O" else None
            else:
                assert open_span is not None
                open_span[1] = pos
            last = i == len(sentence) - 1
            parts.append("\n" if last else " ")
            pos += 1
        if open_span:
            gold.add((int(open_span[0]), int(open_span[1]), str(open_span[2])))
    return Doc("".join(parts), {g for g in gold if g[2] in TYPES})


def re3d_docs(root: Path) -> Iterator[Doc]:
    """re3d documents; per span the highest-confidence label wins (see SOURCE.md)."""
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        texts: dict[str, str] = {}
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts[row["_id"]] = row["text"]
        best: dict[str, dict[tuple[int, int], tuple[float, str]]] = {k: {} for k in texts}
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            key = (int(row["begin"]), int(row["end"]))
            conf = float(row.get("confidence") or 0.0)
            spans = best.setdefault(row["documentId"], {})
            if key not in spans or conf > spans[key][0]:
                spans[key] = (conf, row["type"])
        for doc_id, text in texts.items():
            gold = {
                (b, e, RE3D_TYPES[t])
                for (b, e), (_, t) in best.get(doc_id, {}).items()
                if t in RE3D_TYPES
            }
            yield Doc(text, gold)


def best_rate(docs: list[Doc], extractor: object, repeat: int) -> float:
    """Characters per second of the fastest of ``repeat`` passes over ``docs``."""
    chars = sum(len(doc.text) for doc in docs)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for doc in docs:
            extractor.extract(doc.text)  # type: ignore[attr-defined]
        best = min(best, time.perf_counter() - t0)
    return chars / best if best else 0.0


def evaluate(docs: list[Doc], extractor: object, errors: int) -> Score:
    score = Score()
    for doc in docs:
        t0 = time.perf_counter()
        entities = extractor.extract(doc.text)  # type: ignore[attr-defined]
        score.seconds += time.perf_counter() - t0
        score.chars += len(doc.text)
        predicted = {
            (m.start, m.end, OUR_TYPES[e.type])
            for e in entities
            if e.type in OUR_TYPES
            for m in e.mentions
        }
        for span in predicted & doc.gold:
            score.tp[span[2]] += 1
        for span in predicted - doc.gold:
            score.fp[span[2]] += 1
        for span in doc.gold - predicted:
            score.fn[span[2]] += 1
        if len(score.errors) < errors:
            gold_by_pos = {(g[0], g[1]): g[2] for g in doc.gold}
            for s, e, t in sorted(predicted - doc.gold):
                line = doc.text[max(0, s - 30) : e + 30].replace("\n", " | ")
                score.errors.append(
                    f"FP {t} (gold {gold_by_pos.get((s, e), '-')}) {doc.text[s:e]!r}  …{line}…"
                )
            pred_pos = {(p[0], p[1]) for p in predicted}
            for s, e, t in sorted(doc.gold - predicted):
                if (s, e) not in pred_pos:
                    line = doc.text[max(0, s - 30) : e + 30].replace("\n", " | ")
                    score.errors.append(f"FN {t} {doc.text[s:e]!r}  …{line}…")
    return score


def report(name: str, score: Score, best: float | None = None) -> None:
    print(f"\n== {name}: {score.chars:,} chars")
    print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for kind in TYPES:
        p, r, f, n = score.prf(kind)
        print(f"{kind:6} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    p, r, f, n = score.prf()
    print(f"{'micro':6} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    rate = score.chars / score.seconds if score.seconds else 0.0
    extra = f" (best of passes: {best:,.0f} chars/s)" if best else ""
    print(f"throughput: {rate:,.0f} chars/s{extra}")
    for line in score.errors:
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", choices=("valid", "test", "re3d", "train", "bbc"), action="append"
    )
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors per set")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per set (best)")
    args = parser.parse_args(argv)
    corpora = shared_corpora()
    if corpora is None:
        print("ner_eval: shared corpora not found (set READER_SHARED_DIR); skipping.")
        return 0

    t0 = time.perf_counter()
    from reader.core.entities import Extractor

    t1 = time.perf_counter()
    extractor = Extractor().load()
    t2 = time.perf_counter()
    print(
        f"import: {t1 - t0:.3f} s, extractor load: {t2 - t1:.3f} s "
        f"(fresh parse of the data file, best of 3: {fresh_load():.3f} s)"
    )

    wanted = args.only or ["valid", "test", "re3d", "bbc"]
    sets: list[tuple[str, Path]] = []
    for split in ("train", "valid", "test"):
        if split in wanted:
            sets.append((f"CoNLL-2003 {split}", corpora / "conll2003" / f"{split}.txt"))
    if "re3d" in wanted:
        sets.append(("re3d", corpora / "re3d"))
    for name, path in sets:
        if not path.exists():
            print(f"\n== {name}: {path} not found; skipped.")
            continue
        docs = list(re3d_docs(path) if name == "re3d" else conll_docs(path))
        score = evaluate(docs, extractor, args.errors)
        best = best_rate(docs, extractor, args.repeat) if args.repeat > 1 else None
        report(name, score, best)
    if "bbc" in wanted:
        merge_report(corpora / "bbc", GOLD / "bbc_merge_gold.yaml", extractor, args.errors)
    return 0


# -- corpus merge on the BBC corpus, against a hand-made gold set ----------------------

GOLD = REPO / "benchmarks" / "gold"
TYPE_MIN_MENTIONS = 5  # type accuracy counts corpus entities mentioned this often


def merge_report(corpus: Path, gold_path: Path, extractor: Any, errors: int) -> None:
    """Pairwise merge precision/recall and type accuracy of ``reader entities`` on BBC.

    A pair of spellings is "same" for the system when one corpus entity holds both
    (as its name or an alias). Gold "same" pairs are the listed ones plus, for each
    gold entity, its name with each of its other spellings; gold "different" pairs
    are the listed ones. Type accuracy is over gold entities whose corpus entity
    (the most mentioned one holding the gold name) has at least TYPE_MIN_MENTIONS
    mentions; "other" (awards, events) never matches a type.
    """
    import yaml

    from reader.core.entities import merge_corpus
    from reader.core.entities.keys import name_key as fold  # "PCs" is not "PCS"

    if not corpus.is_dir():
        print(f"\n== BBC corpus merge: {corpus} not found; skipped.")
        return
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    documents = {}
    chars = 0
    for path in sorted(corpus.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        chars += len(text)
        documents[f"{path.parent.name}/{path.stem}"] = extractor.extract(text, figures=False)
    t1 = time.perf_counter()
    merged = merge_corpus(documents)
    t2 = time.perf_counter()
    named = [e for e in merged.entities if e.type in ("person", "org", "place")]
    holders: dict[str, set[int]] = {}
    for i, entity in enumerate(named):
        for spelling in (entity.name, *entity.aliases):
            holders.setdefault(fold(spelling), set()).add(i)

    def joined(a: str, b: str) -> bool:
        return bool(holders.get(fold(a), set()) & holders.get(fold(b), set()))

    pairs: list[tuple[str, str, bool, str]] = [
        (a, b, verdict == "same", why) for a, b, verdict, why in gold["pairs"]
    ]
    listed = {frozenset((fold(a), fold(b))) for a, b, _, _ in pairs}
    for entity in gold["entities"]:
        pairs.extend(
            (entity["name"], n, True, "gold entity")
            for n in entity["names"][1:]
            if frozenset((fold(entity["name"]), fold(n))) not in listed
        )
    tp = sum(1 for a, b, same, _ in pairs if same and joined(a, b))
    fp = [(a, b, why) for a, b, same, why in pairs if not same and joined(a, b)]
    fn = [(a, b, why) for a, b, same, why in pairs if same and not joined(a, b)]
    precision = tp / (tp + len(fp)) if tp + len(fp) else 0.0
    recall = tp / (tp + len(fn)) if tp + len(fn) else 0.0
    typed = wrong = missing = 0
    type_errors: list[str] = []
    for entity in gold["entities"]:
        found = holders.get(fold(entity["name"]))
        if not found:
            missing += 1
            continue
        best = max((named[i] for i in found), key=lambda e: (e.mentions, e.id))
        if best.mentions < TYPE_MIN_MENTIONS:
            continue
        typed += 1
        if best.type != entity["type"]:
            wrong += 1
            type_errors.append(
                f"  type {entity['name']!r}: gold {entity['type']}, got {best.type} "
                f"({best.name!r}, {best.mentions} mentions, {best.types or 'one reading'})"
            )
    sections = sorted({e["read"].split("/")[0] for e in gold["entities"]})
    print(f"\n== BBC corpus merge: {len(documents):,} articles, {chars:,} chars")
    print(
        f"gold: {len(gold['entities'])} entities ({', '.join(sections)}), "
        f"{len(gold['pairs'])} listed pairs, {len(pairs)} pairs in all"
    )
    print(f"merge precision {precision:.3f}  recall {recall:.3f}  ({tp} joined right)")
    accuracy = (typed - wrong) / typed if typed else 0.0
    print(
        f"type accuracy {accuracy:.3f} over {typed} entities with >= {TYPE_MIN_MENTIONS} "
        f"mentions ({missing} gold entities not found)"
    )
    print(f"extract {t1 - t0:.1f} s, merge {t2 - t1:.2f} s")
    if errors:
        for a, b, why in fp[:errors]:
            print(f"  joined but different: {a!r} + {b!r} ({why})")
        for a, b, why in fn[:errors]:
            print(f"  apart but same: {a!r} + {b!r} ({why})")
        for line in type_errors[:errors]:
            print(line)


def fresh_load() -> float:
    """Seconds to read and index the shipped gazetteer, best of three."""
    from reader.core.entities.gazetteer import DATA_FILE, Gazetteer, _read

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        Gazetteer(_read(DATA_FILE))
        best = min(best, time.perf_counter() - t0)
    return best


if __name__ == "__main__":
    raise SystemExit(main())
