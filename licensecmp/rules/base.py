"""What every flag rule works with: the text cut into blocks and sentences, and `Hit`.

A rule is a function `(Context) -> Iterable[Hit]`. It looks at sentences (or blocks
when a clause spans several sentences) and returns hits whose offsets point into
the normal-form text. The analyser maps each hit to its clause and keeps, per
flag id, the first hit in reading order.

Patterns are compiled once at import and written to run in linear time: no
nested quantifiers over the same characters, bounded gaps (`[^.]{0,200}`) instead
of `.*` between two phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A piece of the normal-form text: offsets and the text between them."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A flag found by a rule: its id, the evidence offsets and its parameters."""

    flag: str
    start: int
    end: int
    params: Mapping[str, Any] = field(default_factory=dict)
    # a defined term the hit was read with, and the offsets of its definition
    term: str = ""
    support: tuple[int, int] | None = None


@dataclass(frozen=True)
class Context:
    """The text a rule reads, cut into blocks (paragraphs, items) and sentences."""

    text: str
    blocks: tuple[Span, ...]
    sentences: tuple[Span, ...]
    # Work that several rules share (such as the grant sentences), computed once per text.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def having(self, *words: str, spans: tuple[Span, ...] | None = None) -> tuple[Span, ...]:
        """The sentences (or `spans`) whose lower-cased text contains any of `words`.

        A substring test is far cheaper than a pattern: rules gate their costly patterns
        with the words every match must contain, so most sentences are never searched.
        """
        spans = self.sentences if spans is None else spans
        key = f"lower:{id(spans)}"
        lowered: tuple[str, ...] | None = self.memo.get(key)
        if lowered is None:
            lowered = self.memo[key] = tuple(span.text.lower() for span in spans)
        return tuple(
            span
            for span, low in zip(spans, lowered, strict=True)
            if any(word in low for word in words)
        )

    def hit(
        self, flag: str, span: Span, match: re.Match[str], group: int | str = 0, **params: Any
    ) -> Hit:
        """A hit whose evidence is `group` of `match` found in `span` (a sentence or block)."""
        return Hit(flag, span.start + match.start(group), span.start + match.end(group), params)


Rule = Callable[[Context], Iterable[Hit]]


def index_at(spans: Sequence[Span], offset: int) -> int:
    """The index of the span (in reading order) that holds `offset`, or -1."""
    index = bisect_right(spans, offset, key=lambda s: s.start) - 1
    return index if index >= 0 and offset < spans[index].end else -1


def gap(most: int, stop: str = ".;", *, least: int = 0, lazy: bool = True) -> str:
    """A pattern for a stretch of `least` to `most` characters holding none of `stop`.

    A period followed by a digit does not stop it ("Llama 3.1", "Hunyuan 3D 2.0", "section
    4.2"): it ends no clause. The two alternatives never match the same character, so the
    stretch stays linear-time.
    """
    chars = "".join("\\" + c if c in "\\]^-" else c for c in stop)
    body = f"[^{chars}]"
    if "." in stop:
        body = f"(?:{body}|\\.(?=\\d))"
    return f"{body}{{{least},{most}}}" + ("?" if lazy else "")


_BLOCK_SPLIT = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? followed by space and a capital, digit, quote or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?=[A-Z0-9\"'(\[])")
# Words whose period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc inc ltd co corp llc no nos sec secs art vs v cf u.s u.k u.s.a st dr mr mrs ms "
    "jr sr approx fig al para paras pp p ch dept est govt incl max min misc ref resp viz".split()
)


def blocks_of(text: str) -> tuple[Span, ...]:
    """The blocks of a normal-form text (paragraphs, list items, headings)."""
    spans = []
    pos = 0
    for sep in _BLOCK_SPLIT.finditer(text):
        if sep.start() > pos:
            spans.append(Span(pos, sep.start(), text[pos : sep.start()]))
        pos = sep.end()
    if pos < len(text):
        spans.append(Span(pos, len(text), text[pos:]))
    return tuple(s for s in spans if s.text.strip())


def _ends_sentence(text: str, dot: int, block_start: int) -> bool:
    """Whether the period at `dot` ends a sentence (not an abbreviation or a list marker)."""
    if text[dot] != ".":
        return True
    word_start = dot
    while word_start > block_start and (
        text[word_start - 1].isalnum() or text[word_start - 1] == "."
    ):
        word_start -= 1
    word = text[word_start:dot].lower()
    if not word:
        return True  # "(as above). Next" ends at the bracket
    if word in _ABBREVIATIONS:
        return False
    if len(word) <= 1 or (word.isdigit() and word_start == block_start):
        return False  # "a." "1." as list markers, initials
    return not (word_start == block_start and re.fullmatch(r"[ivxlc]{1,6}|\d+(\.\d+)*", word))


def sentences_of(text: str, blocks: Iterable[Span]) -> tuple[Span, ...]:
    """Split each block into sentences; a block boundary always ends a sentence."""
    out = []
    for block in blocks:
        start = block.start
        for end in _SENTENCE_END.finditer(block.text):
            dot = block.start + end.start()
            if not _ends_sentence(text, dot, block.start):
                continue
            stop = block.start + end.end()
            piece = text[start:stop].rstrip()
            if piece:
                out.append(Span(start, start + len(piece), piece))
            start = stop
        if start < block.end:
            out.append(Span(start, block.end, text[start : block.end]))
    return tuple(out)


def context_of(text: str) -> Context:
    """Cut a normal-form text into the blocks and sentences rules read."""
    blocks = blocks_of(text)
    return Context(text=text, blocks=blocks, sentences=sentences_of(text, blocks))


def find_all(
    pattern: re.Pattern[str], spans: Iterable[Span]
) -> Iterator[tuple[Span, re.Match[str]]]:
    """Every match of `pattern` in each span, with the span it was found in."""
    for span in spans:
        for match in pattern.finditer(span.text):
            yield span, match
