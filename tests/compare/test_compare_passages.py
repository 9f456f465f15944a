"""Passages: merging runs, exact versus near, corpus weights, the JSON contract, hygiene."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.core.compare import CompareOptions, DocumentFrequencies, compare_texts

COPIED = (
    "The central bank raised its main interest rate to 4.75% on Thursday. "
    "Analysts at Barclays had expected the increase after inflation reached 3.2% in March. "
    "The pound rose sharply against the euro after the announcement."
)
A = "Markets were calm in Asia overnight, traders reported. " + COPIED + " Oil prices fell."
B = (
    "Shares in London opened higher than expected. " + COPIED + "\n\n"
    "Separately, Tesco reported record Christmas sales across its stores."
)


def test_consecutive_pairs_merge_into_one_exact_passage() -> None:
    result = compare_texts(A, B, a="x", b="y")
    (passage,) = result.shared_passages
    assert passage.kind == "exact" and passage.score == 1.0
    assert passage.a.text == COPIED == passage.b.text
    assert passage.a.start == A.index(COPIED) and passage.b.start == B.index(COPIED)


def test_without_merging_each_sentence_is_a_passage() -> None:
    result = compare_texts(A, B, options=CompareOptions(merge=False))
    assert len(result.shared_passages) == 3
    assert all(p.kind == "exact" for p in result.shared_passages)


def test_near_repeat_is_near_and_scored_below_one() -> None:
    b = "The Bank of England's main interest rate rose to 4.75% on Thursday, analysts said."
    a = "The central bank raised its main interest rate to 4.75% on Thursday."
    (passage,) = compare_texts(a, b).shared_passages
    assert passage.kind == "near"
    assert 0.5 <= passage.score < 1.0


def test_topic_words_alone_do_not_pair() -> None:
    a = "Zelensky said Ukraine would keep fighting the war against Russia this winter."
    b = "Ukraine's war with Russia dominated talks, and Zelensky thanked his allies."
    filler = " ".join(f"Zelensky spoke about Ukraine and the war on day {n}." for n in range(8))
    result = compare_texts(f"{a} {filler}", f"{b} {filler.replace('spoke', 'talked')}")
    assert not [p for p in result.shared_passages if a in p.a.text]


def test_corpus_frequencies_weaken_corpus_wide_words() -> None:
    a = "Stock markets rallied strongly as investors cheered quarterly results."
    b = "Stock markets rallied strongly while investors digested mixed quarterly results."
    assert compare_texts(a, b).shared_passages
    common = DocumentFrequencies(100, {"stock": 90, "market": 95, "rallied": 80, "strongly": 80})
    with_corpus = compare_texts(a, b, corpus=common)
    assert with_corpus.shared_passages[0].score < compare_texts(a, b).shared_passages[0].score


def test_json_contract() -> None:
    result = compare_texts(A, B, a="doc-1", b="doc-2")
    data = json.loads(json.dumps(result.to_json()))
    assert set(data) == {"a", "b", "similarity", "shared_passages", "only_in_a", "only_in_b"}
    assert data["a"] == "doc-1" and data["b"] == "doc-2"
    assert 0 < data["similarity"] <= 1
    (passage,) = data["shared_passages"]
    assert set(passage) == {
        "a",
        "b",
        "score",
        "kind",
        "reuse",
        "evidence",
        "changes",
        "sentences",
    }
    assert set(passage["a"]) == {"start", "end", "text"}
    assert set(passage["evidence"]) == {"entities", "figures", "terms"}
    for pair in passage["sentences"]:
        assert set(pair) == {"a", "b", "score", "reuse"}
    for change in passage["changes"]:
        assert set(change) == {"kind", "a", "b", "figure"}
        assert A[change["a"]["start"] : change["a"]["end"]] == change["a"]["text"]
        assert B[change["b"]["start"] : change["b"]["end"]] == change["b"]["text"]
    assert A[passage["a"]["start"] : passage["a"]["end"]] == passage["a"]["text"]


def test_extras_are_added_but_cannot_override_core_keys() -> None:
    from dataclasses import replace

    result = compare_texts(A, B)
    extended = replace(result, extras={"shared_figures": ["4.75%"], "similarity": "bogus"})
    data = extended.to_json()
    assert data["shared_figures"] == ["4.75%"]
    assert data["similarity"] == round(result.similarity, 4)


def test_identical_and_disjoint_texts() -> None:
    assert compare_texts(A, A).similarity == 1.0
    disjoint = compare_texts(A, "Completely unrelated words about gardening and tomatoes here.")
    assert disjoint.similarity == 0.0 and disjoint.shared_passages == ()
    assert compare_texts("", "").similarity == 0.0


def test_coverage_per_side() -> None:
    result = compare_texts(COPIED, A)
    assert result.coverage_a == 1.0
    assert 0.5 < result.coverage_b < 1.0
    assert result.coverage_b < result.similarity < result.coverage_a


def test_core_compare_never_imports_textual() -> None:
    code = (
        "import sys, reader.core.compare as c; c.compare_texts('A b c d.', 'A b c d.');"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
