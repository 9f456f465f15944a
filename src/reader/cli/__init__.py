"""The ``reader`` command line: the TUI by default, subcommands for scripts and shells.

Commands are adapters: arguments in, calls to the corpus's :class:`reader.workspace.Workspace`,
output rendered for people or programs.

Exit codes: 0 ok; 2 usage errors, bad queries, unknown documents or corpus folders
(``UserError`` here, ``WorkspaceError`` from the workspace); 1 anything else. User errors
are one line on stderr, never a traceback (set ``READER_DEBUG=1`` to see one for internal
errors).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from reader.cli.errors import UserError
from reader.cli.parser import SUBCOMMANDS, build_parser, build_tui_parser, glue_text_values
from reader.core.gc_settings import collect_less_often
from reader.core.index.cachehealth import CacheError
from reader.core.text.display import safe_name
from reader.workspace.errors import WorkspaceError


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            if argv is None:  # this process is the command's alone (not a test's or a caller's)
                collect_less_often()
            parser = build_parser(args_list[0])
            args = parser.parse_args(glue_text_values(parser, args_list))
            code: int = args.handler(args)
            return code
        tui_parser = build_tui_parser()
        tui_args = tui_parser.parse_args(glue_text_values(tui_parser, args_list))
        from reader.cli.cmd_tui import run_tui

        return run_tui(tui_args)
    except (UserError, WorkspaceError) as error:
        # Messages quote what the user typed and file names: shown safe.
        print(f"reader: {safe_name(str(error))}", file=sys.stderr)
        return 2
    except CacheError as error:
        # A full disk, a read-only cache, damage that cannot be repaired there:
        # the real cause in one line (the chain is there for READER_DEBUG).
        if os.environ.get("READER_DEBUG"):
            raise
        print(f"reader: {safe_name(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `reader list | head`: the reader of our output left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as error:
        if os.environ.get("READER_DEBUG"):
            raise
        first = safe_name(str(error).splitlines()[0]) if str(error) else ""
        print(f"reader: internal error: {type(error).__name__}: {first}", file=sys.stderr)
        return 1
