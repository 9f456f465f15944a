"""A generated corpus, ways to damage a cache, private mounts: for the fault tests."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

SYLLABLES = ["ka", "lo", "mer", "vin", "tas", "rud", "pel", "so", "dran", "qui", "zem", "fo"]


def words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(count)]


def write_corpus(root: Path, files: int, seed: int = 7) -> list[str]:
    """``files`` small articles of generated words; returns their ids (sorted)."""
    rng = random.Random(seed)
    vocabulary = words(rng, 400)
    root.mkdir(parents=True, exist_ok=True)
    ids = []
    for number in range(files):
        title = " ".join(rng.choice(vocabulary) for _ in range(5)).capitalize()
        paragraphs = [
            " ".join(rng.choice(vocabulary) for _ in range(40)).capitalize() + "." for _ in range(3)
        ]
        name = f"doc{number:04d}"
        (root / f"{name}.txt").write_text(
            title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        ids.append(name)
    return sorted(ids)


QUERIES = ["kalo", "merso OR dranqui", "vintas"]


def damage(path: Path, how: str, rng: random.Random, *, keep_mtime: bool = False) -> None:
    """Damage one file: ``flip`` random bytes at random offsets, ``truncate`` it at a
    random length, make it ``empty``, or ``delete`` it."""
    stat = path.stat()
    if how == "delete":
        path.unlink()
        return
    data = bytearray(path.read_bytes())
    if how == "flip":
        for _ in range(max(8, len(data) // 50)):
            offset = rng.randrange(len(data))
            data[offset] = rng.randrange(256)
    elif how == "truncate":
        data = data[: rng.randrange(max(1, len(data)))]
    elif how == "empty":
        data = bytearray()
    else:
        raise ValueError(how)
    path.write_bytes(bytes(data))
    if keep_mtime:  # damage the disk did, not a write: size and mtime as before
        import os

        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def copy_cache(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)  # copy2: mtimes kept, as the manifest recorded


_NAMESPACES: list[bool] = []


def namespaces_work() -> bool:
    """Whether this machine lets us make a private mount namespace (read-only bind
    mounts and a tiny tmpfs for a full disk, without touching the real system)."""
    if not _NAMESPACES:
        try:
            done = subprocess.run(
                ["unshare", "-Urm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                capture_output=True,
                timeout=20,
            )
            _NAMESPACES.append(done.returncode == 0)
        except (OSError, subprocess.SubprocessError):
            _NAMESPACES.append(False)
    return _NAMESPACES[0]


def in_namespace(
    script: str, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run a shell ``script`` as root of a private user and mount namespace: its mounts
    are seen by it alone and vanish with it."""
    if not namespaces_work():
        pytest.skip("no private mount namespaces (unshare -Urm) on this machine")
    return subprocess.run(
        ["unshare", "-Urm", "sh", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
