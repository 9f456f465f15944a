"""``.readerignore``: files and folders of the corpus folder that are not articles.

The file sits at the corpus root and uses gitignore syntax (matched by ``pathspec``,
the standard implementation): ``README.md`` ignores that name anywhere,
``/README.md`` only at the root, ``drafts/`` a folder, ``*.draft.md`` a pattern,
``!keep.md`` takes a file back. As in git, a file inside an ignored folder cannot be
taken back (write ``drafts/*`` then ``!drafts/keep.md``). A line pathspec cannot read
is reported and left out; the others still apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = ".readerignore"


@dataclass
class IgnoreRules:
    spec: Any = None  # a pathspec.GitIgnoreSpec, or None when nothing is ignored
    warnings: list[str] = field(default_factory=list)

    def ignores_file(self, rel: str) -> bool:
        return self.spec is not None and bool(self.spec.match_file(rel))

    def ignores_folder(self, rel: str) -> bool:
        return self.spec is not None and bool(self.spec.match_file(rel + "/"))


def load_ignore(root: Path) -> IgnoreRules:
    """The rules of ``root/.readerignore`` (none when there is no such file)."""
    path = root / FILE_NAME
    try:
        # Names are matched as os gives them (undecodable bytes as surrogates), so
        # the file is read the same way: a pattern can name any file.
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return IgnoreRules()
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return IgnoreRules(warnings=[f"{FILE_NAME}: unreadable ({reason}); nothing ignored"])
    return parse_ignore(text.splitlines())


def parse_ignore(lines: list[str]) -> IgnoreRules:
    """Rules from gitignore lines; a broken line is skipped with a warning."""
    from pathspec import GitIgnoreSpec

    kept: list[str] = []
    warnings: list[str] = []
    for number, line in enumerate(lines, 1):
        try:
            GitIgnoreSpec.from_lines([line])
        except Exception:  # pathspec's pattern errors share no public base class
            warnings.append(f"{FILE_NAME} line {number}: not a valid pattern, ignored: {line!r}")
            continue
        kept.append(line)
    spec = GitIgnoreSpec.from_lines(kept)
    active = any(pattern.include is not None for pattern in spec.patterns)
    return IgnoreRules(spec if active else None, warnings)
