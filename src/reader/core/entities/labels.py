"""Labels of forms and tables: "Sale Amount : 3,390,000", "Net Income 821 512".

Market reports, results tables and notices open lines with a label of ordinary
words and give its value after a colon or as figures. A run of ordinary words is
otherwise guessed to be an organisation ("Time Warner", "Royal Mail"), so a label
would be read as one. Only that guess is withdrawn: a label-shaped line holding a
name with better evidence ("Barclays Bank 1,200") keeps its reading, and a line
about sport keeps its sides ("Crystal Palace 4 1 2 1" is read by the results rules).
"""

from __future__ import annotations

import re

from reader.core.entities.spans import Span

# What follows a label: a colon, or a figure (maybe after a currency sign or a
# minus), then a gap or the line's end: "Net Income 821 512", "Total Revenue $ 10,756".
_VALUE = re.compile(r"[ \t]*(?::|[$£€]?[ \t]*[-+]?\d[\d,.]*(?:[ \t]|$))")


def label(span: Span) -> bool:
    """Whether ``span`` opens its line and a value follows it (the rules may have
    trimmed its first words: "Expected Sale Date : 08/28/96")."""
    line = span.before.rpartition("\n")[2]
    if line.strip(" \t"):
        return False  # other words before it on its line
    return _VALUE.match(span.after) is not None
