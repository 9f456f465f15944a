"""The headless core of reader: corpus, index, search, entities, bookmarks.

Nothing under ``reader.core`` may import Textual: the CLI, the tests and the
benchmarks use exactly the code the UI uses (enforced by tests/test_import_hygiene.py).
"""
