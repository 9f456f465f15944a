"""The per-corpus aliases file: load, apply, edit; broken files are never touched."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reader.core.entities.aliases import (
    Aliases,
    AliasesError,
    add_block,
    add_merge,
    add_rename,
    add_retype,
    aliases_path,
    apply_aliases,
    apply_corpus_aliases,
    load_aliases,
    parse_aliases,
)
from reader.core.entities.corpus_merge import merge_corpus
from reader.core.entities.extractor import Extractor
from reader.core.entities.model import Entity, Mention
from reader.core.userdata.atomicfile import backup_path
from reader.core.userdata.paths import corpus_data_dir


def _ents() -> list[Entity]:
    return [
        Entity("person:zaluzhnyi", "Zaluzhnyi", "person", [Mention(0, 9, "Zaluzhnyi")]),
        Entity("person:zeluzhnyi", "Zeluzhnyi", "person", [Mention(20, 29, "Zeluzhnyi")]),
        Entity("org:azov", "Azov", "org", [Mention(40, 44, "Azov")]),
        Entity("person:salvator", "Salvator", "person", [Mention(50, 58, "Salvator")]),
    ]


def test_path_is_in_the_corpus_data_dir(tmp_path: Path) -> None:
    assert aliases_path(tmp_path) == corpus_data_dir(tmp_path) / "aliases.yaml"


def test_missing_file_is_empty(tmp_path: Path) -> None:
    aliases, warning = load_aliases(tmp_path / "aliases.yaml")
    assert aliases.is_empty() and warning is None


@pytest.mark.parametrize(
    "content",
    ["merge: [unclosed", "- just a list", "retype: {org:azov: planet}", "colour: red"],
)
def test_broken_file_warns_in_one_line_and_is_left_alone(tmp_path: Path, content: str) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(content, encoding="utf-8")
    aliases, warning = load_aliases(path)
    assert aliases.is_empty()
    assert warning is not None and "\n" not in warning and str(path) in warning
    with pytest.raises(AliasesError):
        add_block(path, "Salvator")
    assert path.read_text(encoding="utf-8") == content


def test_edits_round_trip_as_readable_yaml_with_backup(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    add_merge(path, "person:zaluzhnyi", ["Zeluzhnyi"])
    add_block(path, "Salvator")
    add_block(path, "Salvator")
    add_rename(path, "person:zaluzhnyi", "Valery Zaluzhnyi")
    add_retype(path, "org:azov", "place")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# reader aliases")
    assert yaml.safe_load(text) == {
        "merge": {"person:zaluzhnyi": ["Zeluzhnyi"]},
        "rename": {"person:zaluzhnyi": "Valery Zaluzhnyi"},
        "retype": {"org:azov": "place"},
        "block": ["Salvator"],
    }
    assert backup_path(path).exists()
    loaded, warning = load_aliases(path)
    assert warning is None and loaded.block == ["Salvator"]


def test_bad_retype_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AliasesError):
        add_retype(tmp_path / "aliases.yaml", "org:azov", "planet")  # type: ignore[arg-type]


def test_apply_merges_renames_retypes_and_blocks() -> None:
    aliases = Aliases(
        merge={"person:zaluzhnyi": ["Zeluzhnyi"]},
        rename={"person:zaluzhnyi": "Valery Zaluzhnyi"},
        retype={"Azov": "place"},
        block=["salvator"],
    )
    original = _ents()
    out = apply_aliases(original, aliases)
    assert [(e.id, e.name, e.type, e.count) for e in out] == [
        ("person:zaluzhnyi", "Valery Zaluzhnyi", "person", 2),
        ("place:azov", "Azov", "place", 1),
    ]
    assert out[0].aliases == ["Zaluzhnyi", "Zeluzhnyi"]
    assert [m.start for m in out[0].mentions] == [0, 20]
    assert len(original) == 4 and original[0].count == 1  # input untouched


def test_a_place_is_still_found_by_its_gazetteer_name(extractor: Extractor) -> None:
    # Places are shown as the articles spell them ("Avdiivka"); an aliases file written
    # when they were shown under the gazetteer's name ("Avdiyivka") still reaches them.
    ents = extractor.extract("Troops left Avdiivka on Monday. Avdiivka fell.")
    assert [e.name for e in ents if e.type == "place"] == ["Avdiivka"]
    blocked = apply_aliases(ents, parse_aliases("block:\n  - Avdiyivka\n"))
    assert not any(e.type == "place" for e in blocked)
    merged = merge_corpus({"a": ents})
    corpus, _ = apply_corpus_aliases(
        merged.entities, parse_aliases("rename:\n  Avdiyivka: Avdiivka town\n")
    )
    assert "Avdiivka town" in {e.name for e in corpus}


def test_corpus_aliases_leave_the_merge_untouched_and_kept_keys_give_the_same() -> None:
    """Entities are copied only when the file changes them, so the cached merge is
    never modified; the folded-name index a view keeps resolves as a fresh one does."""
    from copy import deepcopy

    from reader.core.entities.aliases import corpus_keys
    from reader.core.entities.model import CorpusEntity

    merge = [
        CorpusEntity("org:bbc", "BBC", "org", 3, 9, ["BBC News"], ["a", "b", "c"], {"org": 3}),
        CorpusEntity("org:bbc-radio", "BBC Radio", "org", 2, 4, [], ["b", "d"]),
        CorpusEntity("person:apple", "Apple", "person", 2, 2, [], ["a", "e"]),
        CorpusEntity("place:kyiv", "Kyiv", "place", 1, 1, ["Kiev"], ["c"]),
        CorpusEntity("person:warner", "Warner", "person", 1, 1, [], ["e"]),
    ]
    before = deepcopy(merge)
    aliases = parse_aliases(
        "merge:\n  org:bbc: [BBC Radio]\nretype:\n  Apple: org\n"
        "rename:\n  Kiev: Kyiv city\nblock:\n  - Warner\n"
    )
    keys = corpus_keys(merge)
    fresh, fresh_map = apply_corpus_aliases(merge, aliases)
    kept, kept_map = apply_corpus_aliases(merge, aliases, keys)
    assert merge == before
    assert fresh == kept and fresh_map == kept_map
    by_id = {e.id: e for e in kept}
    assert by_id["org:bbc"].documents == ["a", "b", "c", "d"] and by_id["org:bbc"].mentions == 13
    assert by_id["org:apple"].type == "org" and by_id["place:kyiv"].name == "Kyiv city"
    assert kept_map["person:warner"] is None and "person:warner" not in by_id
    assert by_id["org:bbc"] is not merge[0]  # changed: a copy
