"""The cleaner on corpora it was not written for: BBC (no furniture at all: any word
removed is a loss) and generated web clips (benchmarks/webclip.py). Both read BBC
from ../shared/corpora/bbc and skip when it is absent."""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pytest

from reader.core.corpus.document import ParsedText
from reader.core.corpus.furniture import Furniture, furniture_counts, text_hashes
from reader.core.corpus.loader import decode
from reader.core.corpus.parse import parse_text
from reader.core.text.textnorm import normalise

ROOT = Path(__file__).resolve().parents[2]
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
pytestmark = pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not found")
_WORD = re.compile(r"\w+")


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(w.casefold() for w in _WORD.findall(text))


def parse_folder(folder: Path, pattern: str = "*") -> dict[Path, tuple[str, ParsedText]]:
    texts = {f: decode(f.read_bytes())[0] for f in sorted(folder.glob(pattern)) if f.is_file()}
    furniture = Furniture(*furniture_counts(text_hashes(normalise(t)) for t in texts.values()))
    return {f: (t, parse_text(t, furniture=furniture.reason)) for f, t in texts.items()}


@pytest.mark.parametrize("section", ["business", "entertainment", "sport"])
def test_bbc_loses_no_word_and_keeps_every_title(section: str) -> None:
    lost: list[tuple[str, int]] = []
    for path, (raw, parsed) in parse_folder(BBC / section, "*.txt").items():
        shown = words(f"{parsed.meta.title} {' '.join(parsed.meta.authors)} {parsed.text}")
        missing = sum((words(raw) - shown).values())
        if missing:
            lost.append((path.stem, missing))
        assert parsed.meta.title == raw.strip().split("\n", 1)[0].strip(), path
        assert parsed.meta.authors == (), path  # BBC files carry no bylines
    assert lost == []


def test_bbc_stories_about_copyright_keep_their_text() -> None:
    raw = decode((BBC / "entertainment" / "148.txt").read_bytes())[0]
    assert "Yoxall" in raw
    assert "Yoxall" in parse_text(raw).text
    honda = parse_text(decode((BBC / "business" / "342.txt").read_bytes())[0])
    assert honda.meta.title == "Honda wins China copyright ruling"
    assert parse_text(decode((BBC / "sport" / "179.txt").read_bytes())[0]).meta.authors == ()


def test_web_clips_lose_no_article_word_and_most_furniture(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import webclip

    clips = webclip.build(BBC, tmp_path, webclip.TRAIN_SITES, per_site=40)
    parsed: dict[str, ParsedText] = {}
    for site in webclip.TRAIN_SITES:
        for path, (_, result) in parse_folder(tmp_path / site).items():
            parsed[f"{site}/{path.name}"] = result
    kept = total = shown = furniture = titles = 0
    for clip in clips:
        result = parsed[clip.rel]
        want = words(" ".join(clip.paragraphs))
        kept += sum((want & words(result.text)).values())
        total += sum(want.values())
        titles += result.meta.title == clip.title
        lines = {" ".join(_WORD.findall(p.casefold())) for p in result.text.split("\n")}
        furniture += len(clip.furniture)
        shown += sum(" ".join(_WORD.findall(f.casefold())) in lines for f in clip.furniture)
    assert kept / total >= 0.999
    assert titles / len(clips) >= 0.95
    assert shown / furniture <= 0.10
