"""Entity extraction speed on BBC, this checkout beside another revision, same output.

    .venv/bin/python benchmarks/entity_speed.py                 # this checkout alone
    .venv/bin/python benchmarks/entity_speed.py --against REV   # and REV (e.g. main)
    .venv/bin/python benchmarks/entity_speed.py --against REV --repeat 3
    .venv/bin/python benchmarks/entity_speed.py --against REV --installed VENV/bin/python

Every BBC article is run through ``Extractor.extract`` (figures included, as ingest
does) in a fresh process per revision: ``--against`` unpacks that revision's ``src``
from git into a temp folder and runs the same code on it, in a second process started
at the same time (both see the same load on a shared machine). Printed per revision: the
extraction time of the corpus (best of ``--repeat`` passes, CPU seconds of the
process beside wall time, since the machine is shared), characters per second, and a
SHA-256 digest of every entity of every article (id, name, type, aliases, each
mention's offsets and text), over BBC and, for more shapes of text, every CoNLL-2003
(train, valid, test) and re3d document found beside it (compared, not timed). With
``--against`` the digests are compared and the first articles whose entities differ
are listed; the exit status is 1 when they differ. ``--installed PYTHON`` measures, in
place of this checkout's sources, the ``reader`` installed for that interpreter (a venv
made with ``HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install .``, whose text modules are
compiled: README, "Compiled text modules"); ``--against`` still runs that revision's
sources under this interpreter.

The corpus is found at ``$READER_SHARED_DIR/corpora/bbc`` or ``<repo>/../shared/corpora/bbc``;
without it the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Runs in the child process with the revision's ``src`` first on sys.path.
_CHILD = r"""
import hashlib, json, os, sys, time
src, corpus, repeat, extra = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if src != "-":  # "-": the reader installed for this interpreter
    sys.path.insert(0, src)
import reader
assert src == "-" or os.path.realpath(reader.__file__).startswith(os.path.realpath(src))
from pathlib import Path
from reader.core.entities.extractor import Extractor
def digest(entities):
    rows = [
        [e.id, e.name, e.type, list(e.aliases), [[m.start, m.end, m.text] for m in e.mentions]]
        for e in entities
    ]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()
paths = sorted(Path(corpus).glob("*/*.txt"))
texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
t0 = time.perf_counter()
extractor = Extractor().load()
load = time.perf_counter() - t0
best_wall = best_cpu = float("inf")
digests = []
for n in range(repeat):
    c0, w0 = time.process_time(), time.perf_counter()
    out = [extractor.extract(t) for t in texts]
    best_wall = min(best_wall, time.perf_counter() - w0)
    best_cpu = min(best_cpu, time.process_time() - c0)
    if n == 0:
        digests = [digest(entities) for entities in out]
# Other texts (CoNLL, re3d): output compared, not timed.
extra_digests = {}
for name, text in json.loads(Path(extra).read_text(encoding="utf-8")).items():
    extra_digests[name] = digest(extractor.extract(text))
total = hashlib.sha256("".join(digests + sorted(extra_digests.values())).encode()).hexdigest()
print(json.dumps({
    "load": load, "wall": best_wall, "cpu": best_cpu, "chars": sum(map(len, texts)),
    "articles": len(texts), "digest": total,
    "per_article": {**{p.parent.name + "/" + p.name: d for p, d in zip(paths, digests)},
                    **extra_digests},
}))
"""


def find_corpus() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    candidates = [Path(shared) / "corpora" / "bbc"] if shared else []
    candidates.append(REPO.parent / "shared" / "corpora" / "bbc")
    return next((c for c in candidates if c.is_dir()), None)


def unpack(rev: str, target: Path) -> Path:
    """``src`` of ``rev`` (git archive) under ``target``."""
    archive = target / "src.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "archive", rev, "src"], cwd=REPO, stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def extra_texts(shared: Path) -> dict[str, str]:
    """CoNLL-2003 and re3d documents (as ner_eval.py builds them), when present."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ner_eval import conll_docs, re3d_docs

    texts: dict[str, str] = {}
    for split in ("train", "valid", "test"):
        path = shared / "conll2003" / f"{split}.txt"
        if path.exists():
            texts.update((f"conll-{split}/{i}", d.text) for i, d in enumerate(conll_docs(path)))
    if (shared / "re3d").is_dir():
        texts.update((f"re3d/{i}", d.text) for i, d in enumerate(re3d_docs(shared / "re3d")))
    return texts


def start(
    src: Path | None, corpus: Path, repeat: int, extra: Path, python: str = sys.executable
) -> subprocess.Popen[str]:
    """The child under ``python``: on the sources in ``src``, or (None) the installed reader,
    from a folder where ``reader`` can only be the installed package."""
    return subprocess.Popen(
        [python, "-c", _CHILD, str(src) if src else "-", str(corpus), str(repeat), str(extra)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=extra.parent,
    )


def finish(process: subprocess.Popen[str]) -> dict:  # type: ignore[type-arg]
    out, _ = process.communicate()
    if process.returncode:
        raise RuntimeError(f"extraction process failed ({process.returncode})")
    return json.loads(out)  # type: ignore[no-any-return]


def line(label: str, r: dict) -> str:  # type: ignore[type-arg]
    return (
        f"{label:<22} {r['wall']:7.2f} s wall  {r['cpu']:7.2f} s CPU  "
        f"{r['chars'] / r['cpu'] / 1000:7.0f} k chars/CPU s  load {r['load']:.2f} s  "
        f"digest {r['digest'][:16]}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="git revision to compare with")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes (best counts)")
    parser.add_argument(
        "--installed",
        metavar="PYTHON",
        help="measure the reader installed for this interpreter, not this checkout's sources",
    )
    args = parser.parse_args()
    corpus = find_corpus()
    if corpus is None:
        print("benchmark skipped: BBC corpus not found (set READER_SHARED_DIR)")
        return 0
    with tempfile.TemporaryDirectory(prefix="reader-entity-speed-") as tmp:
        extra = Path(tmp) / "extra.json"
        texts = extra_texts(corpus.parent)
        extra.write_text(json.dumps(texts), encoding="utf-8")
        # Both revisions run at once, so that on a shared machine they see the same load.
        running = []
        if args.against:
            old_src = unpack(args.against, Path(tmp))
            running.append((f"{args.against}", start(old_src, corpus, args.repeat, extra)))
        if args.installed:
            running.append(
                ("installed", start(None, corpus, args.repeat, extra, python=args.installed))
            )
        else:
            running.append(("this checkout", start(REPO / "src", corpus, args.repeat, extra)))
        results = [(label, finish(process)) for label, process in running]
    first = results[0][1]
    print(
        f"BBC: {first['articles']} articles, {first['chars']:,} characters, figures included; "
        f"output also compared on {len(texts):,} CoNLL-2003 and re3d documents"
    )
    for label, result in results:
        print(line(label, result))
    if len(results) == 2:
        old, new = results[0][1], results[1][1]
        speed, wall = old["cpu"] / new["cpu"], old["wall"] / new["wall"]
        print(f"speed-up (CPU): {speed:.2f}x  (wall {wall:.2f}x)")
        if old["digest"] == new["digest"]:
            print(
                f"output identical on all {new['articles']} BBC articles and {len(texts):,} others"
            )
        else:
            differ = [k for k, d in new["per_article"].items() if old["per_article"].get(k) != d]
            print(f"OUTPUT DIFFERS on {len(differ)} articles, e.g. {', '.join(differ[:10])}")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
