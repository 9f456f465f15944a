"""Benchmark: one-shot commands from the shell on BBC (fresh processes, built index).

Goal (issue "Commands that answer at once"): ``reader search economy`` on BBC in
≤ 250 ms, beside the interpreter's own floor measured in the same run:
``python -c pass`` and ``python -c "import reader"``.

What runs, each N times in a fresh process (median and p95 wall clock, median CPU time:
on a busy machine wall clock mostly measures the neighbours), the commands taking turns:
- ``reader search economy``, ``reader search economy --json``,
  ``reader list --json | head -5`` (the pipeline, as a shell runs it);
- the first ``reader search economy --json`` after touching an article (the staleness
  path: the check sees the change and runs the incremental update first);
- with ``--word W`` (repeatable), ``reader search W`` for each word too: a word that
  names a corpus entity ("election" may not, "economy" may, on a generated corpus)
  takes the name lookups' path;
- with ``--base REV``, the same commands with the code of git revision REV (its ``src``
  exported to a temp folder, run by the same interpreter and packages, on a copy of
  the same index), so before and after come from one run on one machine.

The index is built once into temp XDG folders (the user's are never touched); the BBC
corpus is read from ``../shared/corpora/bbc`` beside the project (skipped cleanly
without it); touched articles get their times back afterwards.

``--corpus PATH`` times another corpus folder (copied, then indexed) instead of BBC,
e.g. one made by ``benchmarks/corpusgen.py OUT --count 20000 --seed 13``.

Run:  .venv/bin/python benchmarks/oneshot.py [--runs N] [--base REV] [--corpus PATH]
      [--word W ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BBC = PROJECT.parent / "shared" / "corpora" / "bbc"
# The console script's own two lines, so a revision exported without installing runs
# the same way as the installed one.
LAUNCH = "import sys; from reader.cli import main; sys.exit(main())"


def timed(command: list[str], env: dict[str, str], *, shell: bool = False) -> tuple[float, float]:
    """Wall clock and CPU time (user + system, of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        " ".join(command) if shell else command,
        env=env,
        shell=shell,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {command}\n{result.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def summary(times: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median and p95 wall clock, median CPU, in ms."""
    ordered = sorted(wall for wall, _ in times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    cpu = statistics.median(c for _, c in times)
    return statistics.median(ordered) * 1000, p95 * 1000, cpu * 1000


def environment(home: Path, src: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("READER_", "XDG_", "PYTHON"))}
    for name in ("CACHE", "DATA", "CONFIG"):
        env[f"XDG_{name}_HOME"] = str(home / name.lower())
    if src is not None:
        env["PYTHONPATH"] = str(src)  # before the installed (editable) source
    return env


def export(revision: str, into: Path) -> Path:
    """The ``src`` folder of ``revision``, written under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(PROJECT), "archive", revision, "src"],
        capture_output=True,
        check=True,
    ).stdout
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command")
    parser.add_argument("--base", metavar="REV", help="also time this git revision")
    parser.add_argument("--corpus", type=Path, default=BBC, help="corpus folder (BBC)")
    parser.add_argument("--word", action="append", default=[], help="also search WORD")
    options = parser.parse_args()
    if not options.corpus.is_dir():
        print(f"skipped: no corpus at {options.corpus}")
        return
    python = sys.executable
    runs = max(options.runs, 2)
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder)
        corpus = temp / "bbc"
        shutil.copytree(options.corpus, corpus)  # touched below: a private copy
        home = temp / "home"
        env = environment(home, None)
        print(f"indexing {corpus} ...", flush=True)
        start = time.perf_counter()
        timed([python, "-c", LAUNCH, "index", "--corpus", str(corpus)], env)
        print(f"indexed in {time.perf_counter() - start:.1f} s")
        # Folders younger than the check's slack are not trusted: age them, as any
        # corpus copied more than two seconds ago is.
        past = time.time() - 3600
        for path in [corpus, *corpus.rglob("*")]:
            os.utime(path, (past, past))
        timed([python, "-c", LAUNCH, "index", "--corpus", str(corpus)], env)  # record
        variants: list[tuple[str, dict[str, str]]] = []
        if options.base:  # first: its updates must not see this tree's touches
            base_home = temp / "base-home"
            shutil.copytree(home, base_home)
            src = export(options.base, temp / "base")
            variants.append((f"base {options.base}", environment(base_home, src)))
        variants.append(("this tree", env))

        def reader(*args: str) -> list[str]:
            return [python, "-c", LAUNCH, *args]

        def pipeline(*args: str) -> list[str]:
            return [*(shlex.quote(part) for part in reader(*args)), "|", "head", "-5"]

        corpus_arg = ("--corpus", str(corpus))
        # (label, command, shell?) per variant; every run takes each command once, in
        # turn, so a neighbour's burst of load falls on all of them alike.
        timings: dict[tuple[str, str], list[tuple[float, float]]] = {}
        plan: list[tuple[str, str, list[str], dict[str, str], bool]] = [
            ("floor", "python -c pass", [python, "-c", "pass"], env, False),
            ("floor", 'python -c "import reader"', [python, "-c", "import reader"], env, False),
        ]
        for label, variant_env in variants:
            plan += [
                (label, "reader search economy", reader("search", "economy", *corpus_arg),
                 variant_env, False),
                (label, "reader search economy --json",
                 reader("search", "economy", "--json", *corpus_arg), variant_env, False),
                (label, "reader list --json | head -5", pipeline("list", "--json", *corpus_arg),
                 variant_env, True),
            ]  # fmt: skip
            plan += [
                (label, f"reader search {word}", reader("search", word, *corpus_arg),
                 variant_env, False)
                for word in options.word
            ]  # fmt: skip
        for _ in range(runs):
            for label, name, command, command_env, shell in plan:
                timings.setdefault((label, name), []).append(
                    timed(command, command_env, shell=shell)
                )
        rows = [(label, name, *summary(times)) for (label, name), times in timings.items()]
        articles = sorted(corpus.rglob("*.txt"))
        for label, variant_env in variants:
            # The staleness path: one article touched before each run.
            touched_times = []
            for number in range(min(runs, 5)):
                touched = articles[number * 97 % len(articles)]
                os.utime(touched)
                touched_times.append(
                    timed(reader("search", "economy", "--json", *corpus_arg), variant_env)
                )
            rows.append((label, "search --json, first after touching a file",
                         *summary(touched_times)))  # fmt: skip
    width = max(len(row[1]) for row in rows)
    print(f"\n{runs} runs each (touch: {min(runs, 5)}), in ms, fresh processes, interleaved")
    print(f"{'code':<22} {'command':<{width}} {'median':>8} {'p95':>8} {'CPU':>8}")
    for label, name, median, p95, cpu in rows:
        print(f"{label:<22} {name:<{width}} {median:>8.0f} {p95:>8.0f} {cpu:>8.0f}")
    print("wall: median and p95 of wall clock; CPU: median user + system time")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("goal: reader search economy ≤ 250 ms (no Recoll here to compare with)")


if __name__ == "__main__":
    main()
