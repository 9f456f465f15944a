"""From files on disk to clean articles, one file at a time (no index, no cache).

- :mod:`.loader` (+ :mod:`.ignore`): which files of a folder are articles; safe decoding.
- :mod:`.parse`: one file's text to a :class:`~.document.Document`, using
  :mod:`.frontmatter`, :mod:`.inline` (Markdown), :mod:`.blocks` (paragraphs),
  :mod:`.header` (title, byline, date), :mod:`.dates`, :mod:`.sources` (publisher) and
  :mod:`.boilerplate` (fixed page-furniture rules).
- :mod:`.furniture`: furniture learned from a folder (lines repeated across its articles).
- :mod:`.document`: what a parsed article is.
"""
