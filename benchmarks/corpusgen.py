"""A realistic archive of any size, recombined from BBC paragraphs, deterministic by seed.

    .venv/bin/python benchmarks/corpusgen.py OUT_DIR --count 20000 [--seed 13]

or from another benchmark (this folder is on ``sys.path`` when a script in it runs)::

    from corpusgen import build_corpus
    stats = build_corpus(out_dir, 20_000, seed=13)

Each article takes the title of a BBC article and 4 to 12 paragraphs drawn from
articles of the same section (so the people and places in it belong together), with
YAML front matter: title, authors (from a fixed pool of bylines, sometimes none),
a date spread over 2005-2024, one of a few sources, tags (the section). Files go in
nested ``<source>/<year>/<month>/`` folders; about one in ten is a plain ``.txt``
with the title on its first line and no front matter, as clipped files often are.
The same ``seed`` and ``count`` give the same bytes on any machine (paths sorted,
one ``random.Random``). The BBC corpus is read from ``$READER_SHARED_DIR/corpora/bbc``
or ``<repo>/../shared/corpora/bbc``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = ("BBC News", "Reuters", "The Guardian", "Financial Times", "Associated Press")
AUTHORS = (
    "Jane Smith", "Tom Harris", "Priya Patel", "Olena Kovalenko", "Marco Rossi",
    "Sarah O'Neill", "David Chen", "Amina Yusuf", "Peter Novak", "Claire Dubois",
    "James Okafor", "Laura Jensen",
)  # fmt: skip
FIRST_DAY = datetime.date(2005, 1, 1)
DAYS = (datetime.date(2024, 12, 31) - FIRST_DAY).days


@dataclass
class Stats:
    articles: int
    bytes: int
    folders: int


def find_bbc() -> Path | None:
    shared = os.environ.get("READER_SHARED_DIR")
    candidates = [Path(shared) / "corpora" / "bbc"] if shared else []
    candidates.append(REPO.parent / "shared" / "corpora" / "bbc")
    return next((c for c in candidates if c.is_dir()), None)


def _read_bbc(bbc: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Per section: the titles and the paragraphs of its articles."""
    sections: dict[str, tuple[list[str], list[str]]] = {}
    for path in sorted(bbc.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        title, _, body = text.strip().partition("\n")
        titles, paragraphs = sections.setdefault(path.parent.name, ([], []))
        titles.append(title.strip())
        paragraphs.extend(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return sections


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "article"


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_corpus(out: Path, count: int, *, seed: int = 13, bbc: Path | None = None) -> Stats:
    """Write ``count`` articles under ``out`` (created); same seed, same files."""
    bbc = bbc or find_bbc()
    if bbc is None:
        raise FileNotFoundError("BBC corpus not found (set READER_SHARED_DIR)")
    sections = _read_bbc(bbc)
    names = sorted(sections)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    folders: set[Path] = set()
    total = 0
    for n in range(count):
        section = names[rng.randrange(len(names))]
        titles, paragraphs = sections[section]
        title = titles[rng.randrange(len(titles))]
        body = "\n\n".join(
            paragraphs[rng.randrange(len(paragraphs))] for _ in range(rng.randint(4, 12))
        )
        date = FIRST_DAY + datetime.timedelta(days=rng.randrange(DAYS + 1))
        source = SOURCES[rng.randrange(len(SOURCES))]
        authors = rng.sample(AUTHORS, rng.choice((0, 1, 1, 1, 2)))
        folder = out / _slug(source) / f"{date.year}" / f"{date.month:02d}"
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        stem = f"{n:06d}-{_slug(title)}"
        if rng.random() < 0.1:
            text = f"{title}\n\n{body}\n"
            path = folder / f"{stem}.txt"
        else:
            lines = ["---", f"title: {_yaml_str(title)}"]
            if authors:
                lines.append("authors: [" + ", ".join(_yaml_str(a) for a in authors) + "]")
            lines += [
                f"date: {date.isoformat()}",
                f"source: {_yaml_str(source)}",
                f"tags: [{section}]",
                "---",
                "",
                f"# {title}",
                "",
            ]
            text = "\n".join(lines) + body + "\n"
            path = folder / f"{stem}.md"
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return Stats(count, total, len(folders))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if find_bbc() is None:
        print("corpusgen: BBC corpus not found (set READER_SHARED_DIR)")
        return 0
    stats = build_corpus(args.out, args.count, seed=args.seed)
    print(f"{stats.articles:,} articles, {stats.bytes / 1e6:.1f} MB in {stats.folders} folders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
