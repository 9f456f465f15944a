"""Markdown inline syntax to plain text plus style spans.

Articles arrive as Markdown or as text with Markdown habits (``*Title*``, ``\\$40``,
``[link](#)``). Reader shows the words and keeps emphasis as spans, so the text
that is indexed, shown and anchored to has no markup characters in it. The scanner
jumps between special characters with a regex, so it stays linear on huge files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.corpus.document import Style, StyleSpan

_SPECIAL = re.compile(r"[\\`*_\[!]")
_ESCAPABLE = set("\\`*_{}[]()#+-.!$|<>~\"'&%^=:;,/?@")
_LINK = re.compile(r"!?\[([^\]\n]{0,1000})\]\(\s*([^)\s]{0,2048})(?:\s+\"[^\"\n]{0,300}\")?\s*\)")
_CODE = re.compile(r"`{1,3}")


@dataclass
class _Delim:
    char: str
    length: int
    token: int  # index of its placeholder in the token list
    can_open: bool
    can_close: bool


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _is_punct(ch: str) -> bool:
    return ch != "" and not ch.isalnum() and not ch.isspace()


def parse_inline(source: str) -> tuple[str, list[StyleSpan]]:
    """Return ``(plain_text, spans)`` for one block of Markdown inline text."""
    tokens: list[str] = []
    delims: list[_Delim] = []
    spans: list[tuple[int, int, Style]] = []  # token indices until the end
    open_count = {"*": 0, "_": 0}  # delimiters of each kind on the stack
    next_close = -1  # position of the next "]" at or after pos (-1: not looked up)
    pos = 0
    n = len(source)
    while pos < n:
        match = _SPECIAL.search(source, pos)
        if match is None:
            tokens.append(source[pos:])
            break
        i = match.start()
        if i > pos:
            tokens.append(source[pos:i])
        ch = source[i]
        if ch == "\\":
            j = i
            while j < n and source[j] == "\\":
                j += 1
            if j < n and source[j] in _ESCAPABLE and source[j] != "\\":
                # Doubly escaped text (``\\*``) is common in scraped articles: one
                # literal character is what the author meant.
                tokens.append(source[j])
                pos = j + 1
            else:
                tokens.append(source[i:j])
                pos = j
            continue
        if ch == "`":
            run = _CODE.match(source, i)
            assert run is not None
            fence = run.group(0)
            close = source.find(fence, run.end())
            if close == -1 or "\n\n" in source[run.end() : close]:
                tokens.append(fence)
                pos = run.end()
                continue
            code = source[run.end() : close].strip(" ") or source[run.end() : close]
            start_token = len(tokens)
            tokens.append(code)
            spans.append((start_token, start_token + 1, "code"))
            pos = close + len(fence)
            continue
        if ch in "[!":
            # A link's text cannot contain "]", so only the first "]" after the "["
            # can end it: find it once (amortised linear) before trying the regex.
            bracket = i + 1 if ch == "!" else i
            if next_close != -1 and next_close <= bracket:
                next_close = -1
            if next_close == -1:
                next_close = source.find("]", bracket + 1)
                if next_close == -1:
                    next_close = n
            link = None
            if (
                bracket < n
                and source[bracket] == "["
                and next_close - bracket <= 1001
                and source.startswith("](", next_close)
            ):
                link = _LINK.match(source, i)
            if link is None:
                tokens.append(ch)
                pos = i + 1
                continue
            if source[i] == "!":
                tokens.append(link.group(1))  # an image: keep its alt text
            else:
                inner, inner_spans = parse_inline(link.group(1))
                if not inner_spans:
                    tokens.append(inner)
                else:
                    # Inner spans are offsets into ``inner``: split it into tokens.
                    cursor = 0
                    for span in inner_spans:
                        tokens.append(inner[cursor : span.start])
                        first = len(tokens)
                        tokens.append(inner[span.start : span.end])
                        spans.append((first, first + 1, span.style))
                        cursor = span.end
                    tokens.append(inner[cursor:])
            pos = link.end()
            continue
        # Emphasis delimiter run of * or _
        j = i
        while j < n and source[j] == ch:
            j += 1
        before = source[i - 1] if i > 0 else ""
        after = source[j] if j < n else ""
        left = not _is_space(after) and (
            not _is_punct(after) or _is_space(before) or _is_punct(before)
        )
        right = not _is_space(before) and (
            not _is_punct(before) or _is_space(after) or _is_punct(after)
        )
        if ch == "_":
            can_open = left and (not right or _is_punct(before))
            can_close = right and (not left or _is_punct(after))
        else:
            can_open, can_close = left, right
        length = j - i
        token_index = len(tokens)
        tokens.append(source[i:j])
        if can_close and open_count[ch]:
            length = _close(tokens, delims, open_count, spans, ch, length, token_index)
        if length and can_open:
            tokens[token_index] = ch * length
            delims.append(_Delim(ch, length, token_index, can_open, can_close))
            open_count[ch] += 1
        elif length != j - i:
            tokens[token_index] = ch * length
        pos = j
    return _assemble(tokens, spans)


def _close(
    tokens: list[str],
    delims: list[_Delim],
    open_count: dict[str, int],
    spans: list[tuple[int, int, Style]],
    ch: str,
    length: int,
    token_index: int,
) -> int:
    """Match a closing run against open delimiters; return the unused length.

    ``open_count`` says whether an opener of ``ch`` exists at all, so a closer with
    none costs O(1), and a search that finds one is paid for by the delimiters it
    removes: the whole scan stays linear.
    """
    while length and open_count[ch]:
        k = len(delims) - 1
        while k >= 0 and delims[k].char != ch:
            k -= 1
        if k < 0:
            break
        opener = delims[k]
        use = 2 if opener.length >= 2 and length >= 2 else 1
        style: Style = "bold" if use == 2 else "italic"
        opener.length -= use
        length -= use
        tokens[opener.token] = ch * opener.length
        spans.append((opener.token + 1, token_index, style))
        for dropped in delims[k + 1 :]:
            open_count[dropped.char] -= 1
        del delims[k + 1 :]
        if opener.length == 0:
            del delims[k]
            open_count[ch] -= 1
    tokens[token_index] = ch * length
    return length


def _assemble(
    tokens: list[str], spans: list[tuple[int, int, Style]]
) -> tuple[str, list[StyleSpan]]:
    offsets = [0] * (len(tokens) + 1)
    total = 0
    for index, token in enumerate(tokens):
        offsets[index] = total
        total += len(token)
    offsets[len(tokens)] = total
    text = "".join(tokens)
    result = [
        StyleSpan(offsets[a], offsets[b], style) for a, b, style in spans if offsets[b] > offsets[a]
    ]
    result.sort(key=lambda s: (s.start, -s.end))
    return text, result
