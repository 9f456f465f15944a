"""A corpus on disk and its persistent index: the top layer of the core.

- :mod:`.library`: :class:`~.library.Library`, the one object the application layer
  talks to: update the index from the folder, look documents up, search, entities.
- :mod:`.indexer`: the ingest pipeline (scan, parse, extract, feed engine and catalog);
  :mod:`.repair`: damage diagnosis and the rebuild that repairs it.
- :mod:`.engine`: the search engines behind one interface (Whoosh, Tantivy) and choosing one;
  :mod:`.analysis`: the shared analyzers run fast (hit spans, Tantivy's tokens).
- :mod:`.catalog`: one SQLite file per corpus: metadata, text, entities, signatures.
- :mod:`.schema`, :mod:`.query`, :mod:`.hits`, :mod:`.snippets`: the search index's fields,
  parsing what the user typed, the exact hit spans of a query, excerpts around hits.
- :mod:`.cleaning`: which lines of which folders are furniture at this update.
- :mod:`.entity_ingest` / :mod:`.entity_view`: entities at ingest (extraction, the cached
  corpus merge) and as readers see them (aliases applied, per-article views).
- :mod:`.similar`, :mod:`.article_entities`, :mod:`.term_frequencies`: what comparison
  needs from the index (more-like-this, corpus-canonical entities, document frequencies).
- :mod:`.neardup` / :mod:`.duplicates`: near-duplicate signatures and groups.
- :mod:`.cachehealth`: telling a damaged cache from a bug, and repairing it.
"""
