"""Benchmark: does cleaning keep every word of the article and drop the page around it?

Prints, in one run:

1. BBC (no page furniture at all, so every word the cleaner drops is a loss): files
   vs articles listed, words of each source missing from its cleaned text (title and
   authors count as kept: they are shown), title accuracy (line 1 is the truth) and
   authors found (BBC files have no bylines: every one is a false positive). All
   through the real ``Library.update`` on a temp cache. The baseline, measured in
   the same run, is the cleaner as it was before (``old_parses``: that commit's
   parser run on the same files).
2. A web-clipped corpus built here from BBC articles (``webclip.py``): article words
   kept, titles right, furniture lines still shown, for the sites the rules were
   developed on and, separately, for sites written after the rules were final.
3. The seeds: metadata and cleaned text unchanged from the pinned parse.

Run:  .venv/bin/python benchmarks/fidelity.py [--per-site N]
The BBC corpus is read from ``$READER_SHARED_DIR/corpora/bbc`` or
``<repo>/../shared/corpora/bbc``; without it the benchmark says so and exits 0.
Nothing is written outside temp folders.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "scripts"))

_WORD = re.compile(r"\w+")


def find_corpus() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    base = Path(shared) if shared else HERE.parent.parent / "shared"
    bbc = base / "corpora" / "bbc"
    return bbc if bbc.is_dir() else None


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(w.casefold() for w in _WORD.findall(text))


def squash(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def isolated_library(root: Path, tmp: Path):  # type: ignore[no-untyped-def]
    """A Library on ``root`` whose cache, config and data live under ``tmp``."""
    for name in ("config", "data", "cache"):
        os.environ[f"READER_{name.upper()}_DIR"] = str(tmp / name)
    from reader.core.index.library import Library

    return Library(root)


def bbc_report(bbc: Path, tmp: Path) -> None:
    from reader.core.corpus.loader import scan
    from reader.core.index.cleaning import file_hashes

    library = isolated_library(bbc, tmp / "bbc")
    started = time.perf_counter()
    report = library.update()
    took = time.perf_counter() - started
    files = scan(bbc).files
    started = time.perf_counter()
    for source in files:
        file_hashes(source)
    hashing = time.perf_counter() - started
    listed = {s.id for s in library.summaries()}
    missing_docs = [f.rel for f in files if f.id not in listed]
    print("BBC (via Library.update on a temp cache)")
    print(f"  files {len(files)}, listed {len(listed)}, missing {len(missing_docs)} "
          f"{missing_docs[:5]}")  # fmt: skip
    print("  now:      " + score_bbc(files, {f.path: library.document(f.id) for f in files}))
    old = old_parses([f.path for f in files])
    if old is None:
        print("  baseline: the old cleaner's commit is not in this checkout; skipped")
    else:
        print("  baseline: " + score_bbc(files, old))  # type: ignore[arg-type]
    print(
        f"  update: {took:.1f} s wall ({report.added} added, entities included); "
        f"the furniture pre-pass alone (read, decode, hash lines): {hashing:.1f} s"
    )
    library.close()


def score_bbc(files: list, docs: dict) -> str:  # type: ignore[type-arg]
    """Words lost, titles right, authors found (BBC has no bylines: all false)."""
    from reader.core.corpus.loader import decode

    total = lost = titles_right = titles = 0
    losing: list[tuple[str, int]] = []
    authors: list[tuple[str, tuple[str, ...]]] = []
    for source in files:
        doc = docs.get(source.path)
        raw = decode(source.path.read_bytes())[0]
        have = words(raw)
        total += sum(have.values())
        if doc is None:
            lost += sum(have.values())
            losing.append((source.id, sum(have.values())))
            continue
        shown = words(f"{doc.meta.title} {' '.join(doc.meta.authors)} {doc.text}")
        missing = sum((have - shown).values())
        lost += missing
        if missing:
            losing.append((source.id, missing))
        if "/" in source.id:  # an article (not the corpus's own SOURCE.md)
            titles += 1
            first = raw.strip().split("\n", 1)[0].strip()
            titles_right += squash(first) == squash(doc.meta.title)
            if doc.meta.authors:
                authors.append((source.id, doc.meta.authors))
    return (
        f"words lost {lost} of {total} = {100 * lost / max(total, 1):.4f} % in "
        f"{len(losing)} articles {losing[:6]}; titles right {titles_right}/{titles}; "
        f"authors found (false positives) {len(authors)} {authors[:3]}"
    )


BASELINE_COMMIT = "f3b3394"  # the cleaner before corpus-learned furniture


class OldDoc:
    """What the old cleaner made of one file (the fields the scores read)."""

    def __init__(self, row: dict[str, object]) -> None:
        self.text = str(row["text"])
        self.meta = self
        self.title = str(row["title"])
        self.authors = tuple(row["authors"])  # type: ignore[call-overload]


def old_parses(paths: list[Path]) -> dict[Path, OldDoc] | None:
    """The baseline, measured in this run: each file parsed by the cleaner as committed
    before this work (``git archive`` of that commit into a temp folder). None when the
    commit is not in this checkout."""
    import subprocess

    repo = HERE.parent
    probe = subprocess.run(["git", "-C", str(repo), "cat-file", "-e", BASELINE_COMMIT],
                           capture_output=True)  # fmt: skip
    if probe.returncode != 0:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(repo), "archive", BASELINE_COMMIT, "src/reader"],
                                 capture_output=True, check=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        script = (
            "import sys, json\n"
            f"sys.path.insert(0, {str(Path(tmp) / 'src')!r})\n"
            "from pathlib import PurePosixPath\n"
            "from reader.core.corpus.parse import parse_text\n"
            "from reader.core.corpus.loader import decode\n"
            "for path in sys.stdin.read().splitlines():\n"
            "    stem = PurePosixPath(path).stem.replace('_', ' ').replace('-', ' ')\n"
            "    p = parse_text(decode(open(path, 'rb').read())[0], fallback_title=stem)\n"
            "    print(json.dumps({'title': p.meta.title, 'authors': list(p.meta.authors),"
            " 'text': p.text}))\n"
        )
        out = subprocess.run([sys.executable, "-c", script], input="\n".join(map(str, paths)),
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    rows = [json.loads(line) for line in out.splitlines()]
    return {path: OldDoc(row) for path, row in zip(paths, rows, strict=True)}


def webclip_report(bbc: Path, tmp: Path, per_site: int) -> None:
    import webclip

    for label, sites in (("development sites", webclip.TRAIN_SITES),
                         ("held-out sites", webclip.HOLDOUT_SITES)):  # fmt: skip
        root = tmp / f"webclip-{label.split()[0]}"
        clips = webclip.build(bbc, root, sites, per_site=per_site)
        library = isolated_library(root, tmp / f"cache-{label.split()[0]}")
        library.update()
        print(f"Web clips, {label} ({len(clips)} articles in {len(sites)} folders)")
        rows = score_clips(library, clips)
        for site, row in sorted(rows.items()):
            print(f"  {site:18} {row}")
        library.close()
        old = old_parses([root / c.rel for c in clips])
        if old is not None:
            by_id = {str(PurePosixPath(c.rel).with_suffix("")): old[root / c.rel] for c in clips}
            baseline = score_clips(_Docs(by_id), clips)["all"]
            print(f"  {'baseline (old)':18} {baseline}")


class _Docs:
    """Parses looked up by id, standing in for a Library in score_clips."""

    def __init__(self, docs: dict[str, object]) -> None:
        self.docs = docs

    def document(self, doc_id: str) -> object:
        return self.docs.get(doc_id)


def score_clips(library, clips) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Per site and in total: article words kept, titles right, furniture lines shown."""
    from pathlib import PurePosixPath

    sums: dict[str, list[int]] = collections.defaultdict(lambda: [0] * 6)
    for clip in clips:
        doc_id = str(PurePosixPath(clip.rel).with_suffix(""))
        doc = library.document(doc_id)
        text = doc.text if doc else ""
        want = words(" ".join(clip.paragraphs))
        have = words(text)
        kept = sum((want & have).values())
        title_ok = doc is not None and squash(doc.meta.title) == squash(clip.title)
        # What is left of the text once the article's own paragraphs are cut out is
        # what the reader sees of the page around it.
        rest = squash(text)
        for para in sorted(clip.paragraphs, key=len, reverse=True):
            rest = rest.replace(squash(para), " | ")
        rest = rest.replace(squash(clip.title), " | ")
        shown = sum(1 for line in clip.furniture if squash(line) and squash(line) in rest)
        for key in (clip.site, "all"):
            row = sums[key]
            row[0] += kept
            row[1] += sum(want.values())
            row[2] += title_ok
            row[3] += 1
            row[4] += shown
            row[5] += len(clip.furniture)
    return {
        site: f"words kept {100 * r[0] / max(r[1], 1):7.3f} %   titles right {r[2]}/{r[3]}"
        f"   furniture shown {r[4]}/{r[5]} = {100 * r[4] / max(r[5], 1):.1f} %"
        for site, r in sums.items()
    }


def seeds_report() -> None:
    from pin_seeds import OUT, pinned

    expected = json.loads(OUT.read_text(encoding="utf-8"))
    now = pinned()
    same = [name for name in expected if now.get(name) == expected[name]]
    print(f"Seeds: {len(same)}/{len(expected)} unchanged from the pinned parse "
          "(titles, authors, dates, sources, cleaned text, styles)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-site", type=int, default=120, help="web clips per site")
    args = parser.parse_args()
    seeds_report()
    bbc = find_corpus()
    if bbc is None:
        print("BBC corpus not found (../shared/corpora/bbc): BBC and web-clip parts skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        webclip_report(bbc, Path(tmp), args.per_site)
        bbc_report(bbc, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
