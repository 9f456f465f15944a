"""The thresholds of passage pairing, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CompareOptions:
    """Tuning knobs; the defaults were set on the seeds and the synthetic benchmark.

    ``min_score``: weighted cosine two sentences need to pair (exact repeats always pair).
    ``min_terms``: content terms a sentence needs to take part at all ("He said so." never pairs).
    ``min_shared``: shared terms needed, so one rare word in common is not enough.
    ``min_evidence``: summed weight of the shared terms, in units of the weight of a term that
    occurs once in each text; keeps two short sentences from pairing on two common words.
    ``figure_score``/``figure_evidence``: a weaker cosine still pairs when the sentences share a
    figure of three characters or more and strong evidence overall (a reworded sentence
    embedded in a longer one, keeping its "125,000" and two or three rare words).
    ``reword_score``: cosine of two sentences' claim keys (stems, names, figures, dates) a
    rewording needs; ``reword_evidence``: summed weight of the shared keys, in units of a key
    found in one sentence of each text (``reword_figure_evidence`` when they include a figure
    other than a year, the strongest single sign of one claim); ``reword_rare``: weight from
    which a shared key is *specific* (about two sentences of either text or fewer), and
    ``reword_specific`` how many specific keys a rewording shares at least (so one name plus
    topic words is never a pair);
    ``reword_posting``: keys weighing less (in most sentences) do not propose partners.
    These were set on the synthetic rewordings of BBC sentences (``benchmarks/compare.py``).
    ``merge``: join pairs of consecutive sentences that continue in both texts into one passage.
    ``events``: with canonical entities, also pair sentences that tell one rare event
    (:mod:`reader.core.compare.events`); off, to measure what that route adds.
    """

    min_score: float = 0.5
    min_terms: int = 2
    min_shared: int = 2
    min_evidence: float = 1.2
    figure_score: float = 0.2
    figure_evidence: float = 3.0
    reword_score: float = 0.22
    reword_evidence: float = 3.0
    reword_figure_evidence: float = 2.5
    reword_rare: float = 0.75
    reword_specific: int = 2
    reword_posting: float = 0.3
    merge: bool = True
    events: bool = True
