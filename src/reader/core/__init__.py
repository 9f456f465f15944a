"""The headless core of reader: corpus, index, search, entities, comparison, bookmarks.

Packages, lowest layer first (a package imports only from packages below it; the
contracts in ``pyproject.toml`` under ``[tool.importlinter]`` are checked by CI):

- :mod:`.text`: text as data: control characters out, names and paths safe to show.
- :mod:`.userdata`: the user's files: XDG paths, config, state, YAML, atomic writes.
- :mod:`.corpus`: one file to one clean article: finding files, decoding, front matter,
  Markdown, header, cleaning rules, the :class:`~reader.core.corpus.document.Document`.
- :mod:`.entities`: people, organisations, places and figures in an article, the corpus
  merge and the user's aliases.
- :mod:`.compare`: two texts side by side: shared and reworded passages, differences.
- :mod:`.bookmarks`: saved passages with notes and tags, anchored in changing text.
- :mod:`.index`: a corpus on disk and its persistent index: catalog, search engine,
  queries, hits, snippets, ingest, the read-side :class:`~reader.core.index.library.Library`.

Nothing under ``reader.core`` imports Textual, Rich, ``reader.ui`` or ``reader.cli``: the
CLI, the tests and the benchmarks use exactly the code the UI uses.
"""
