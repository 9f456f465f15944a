"""The Whoosh schema and the analyzers shared by indexing, querying and highlighting."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

# Whoosh loads on first use: a one-shot search on a Tantivy index reads only the names
# below (and the query checks that use them) and never imports it.
if TYPE_CHECKING:
    from whoosh import fields
    from whoosh.analysis import Analyzer

# Bump when fields or analyzers change: an index of another version is rebuilt.
SCHEMA_VERSION = 2  # 2: entity fields

# Numbers keep their separators ("400,000", "1.5") so a figure is one searchable term.
TOKEN_PATTERN = r"\d+(?:[,.]\d+)+|\w+(?:\.?\w+)*"

# The fields a user may name in a query, and the names they may use for them.
FIELD_ALIASES = {"author": "authors", "tag": "tags"}
# Entity names per type (person, org, place) and of any type (entity): every spelling
# the article used, matched word by word like authors ("person:Zaluzhnyi",
# 'person:"Valery Zaluzhnyi"'). Must equal reader.core.entities.INDEX_FIELDS.
ENTITY_FIELDS = ("person", "org", "place", "entity")
QUERY_FIELDS = ("title", "body", "authors", "source", "date", "tags", "id", "path", *ENTITY_FIELDS)


@lru_cache(maxsize=1)
def text_analyzer() -> Analyzer:
    """Stemming, stop words and accent folding: "Café" finds "cafe", "soldiers" "soldier"."""
    from whoosh.analysis import CharsetFilter, StemmingAnalyzer
    from whoosh.support.charset import accent_map

    return StemmingAnalyzer(expression=TOKEN_PATTERN) | CharsetFilter(accent_map)


@lru_cache(maxsize=1)
def name_analyzer() -> Analyzer:
    """Names are matched as written (no stemming), case- and accent-insensitively."""
    from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
    from whoosh.support.charset import accent_map

    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> fields.Schema:
    from whoosh import fields

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text_analyzer(), field_boost=3.0, stored=True),
        body=fields.TEXT(analyzer=text_analyzer()),
        authors=fields.TEXT(analyzer=name_analyzer(), field_boost=2.0),
        source=fields.TEXT(analyzer=name_analyzer()),
        date=fields.DATETIME(stored=True),
        tags=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
        person=fields.TEXT(analyzer=name_analyzer()),
        org=fields.TEXT(analyzer=name_analyzer()),
        place=fields.TEXT(analyzer=name_analyzer()),
        entity=fields.TEXT(analyzer=name_analyzer()),
    )
