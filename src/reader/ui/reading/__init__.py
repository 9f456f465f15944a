"""The state of reading one article, as plain Python objects (no Textual, no Rich).

Textual's ``TextArea`` keeps its document, selection and navigation apart from the widget
that draws them; the article view does the same. The widget
(:class:`reader.ui.widgets.article.ArticleView`) lays the text out, paints and translates keys;
what the keys change lives here, where it can be tested without an app:

- :mod:`~reader.ui.reading.passages`: the sentences and paragraphs of a text
  (:class:`Passages`, positions as :class:`Place`), split lazily;
- :mod:`~reader.ui.reading.cursor`: the passage cursor and the selection it grows
  (:class:`PassageCursor`, :class:`Selection`);
- :mod:`~reader.ui.reading.hits`: the search hits of the article and the current one
  (:class:`HitNavigator`);
- :mod:`~reader.ui.reading.marks`: the mark layers painted over the text, in paint order
  (:class:`MarkLayers`), over :mod:`~reader.ui.reading.spans`' :class:`SpanIndex`;
- :mod:`~reader.ui.reading.scrolling`: where the view must scroll once it can
  (:class:`PendingScroll`).

Offsets are character offsets into ``Document.text``; spans are ``(start, end)``, end excluded.
An import contract (``pyproject.toml``) keeps Textual and Rich out of this package.
"""
