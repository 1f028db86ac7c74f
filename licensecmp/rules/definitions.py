"""Defined terms: what a license means by "Research Purposes", "Threshold" or "Personal".

Licenses define a term once and use it far away ("You shall only use the Model for
Research Purposes" in 3.2; "'Research Purposes' means non-commercial research" in 9).
A rule that reads the operative sentence alone sees a capitalised name and nothing it
limits. `definitions` collects every definition of a text once, in the ways lawyers
write them, so that rules can read a term with what it means:

- a quoted or bold term before a defining verb: `"X" means`, `"X" shall mean`,
  `X: means`, `**X**: …`, `"X" refers to`, `"X" is defined as`, `"X" includes only`;
- a term named in parentheses after the words that define it: `… annual revenue of USD
  10 million or more (the "Threshold")`.

The body of a definition runs to the end of its block (a definition item may hold
several sentences: "For illustration, Research Purposes does not include …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from licensecmp.rules.base import Context, Span

_Q_OPEN = "\"'\u201c\u2018"
_Q_CLOSE = "\"'\u201d\u2019"

# "X" means …, **X**: …, X: means …, 1.3 "X" shall mean …
_HEADED = re.compile(
    rf"""^[^\w"'\u201c\u2018]{{0,3}}(?:(?:\d[\w.()]{{0,9}}|\(?[a-z]{{1,3}}[.)]|\(?[ivx]{{1,5}}[.)])\s+)?
        (?:\*\*|__)?[{_Q_OPEN}]?
        (?P<term>(?-i:[A-Z])[\w&/'\u2019-]*(?:\s+[\w&/'\u2019-]+){{0,5}}?)
        [{_Q_CLOSE}]?(?:\*\*|__)?\s*(?:\([^)]{{0,60}}\)\s*)?
        (?::\s*(?:means?|shall\s+mean|refers?\s+to)?|,?\s*(?:means|shall\s+mean|refers?\s+to
          |is\s+defined\s+as|has\s+the\s+meaning|includes?\s+only|shall\s+refer\s+to))
        \s+(?P<body>\S.*)""",
    re.I | re.X | re.S,
)
# … annual revenue above USD 10 million (the "Threshold"), … ("Personal Use")
_INLINE = re.compile(
    rf"""(?P<body>[^.;:()]{{8,240}}?)\s*\((?:the\s+|each\s+(?:a|an)\s+|hereinafter\s+(?:the\s+)?
        |collectively\s+(?:the\s+)?|together\s+(?:the\s+)?)?[{_Q_OPEN}]
        (?P<term>(?-i:[A-Z])[^{_Q_CLOSE}()]{{1,50}})[{_Q_CLOSE}]\)""",
    re.I | re.X,
)


@dataclass(frozen=True)
class Definition:
    """A defined term, where it is defined and what it means."""

    term: str
    start: int  # offsets of the defining block (or clause) in the normal-form text
    end: int
    body: str


def _headed(ctx: Context) -> Iterator[Definition]:
    # a definition opens a block (a definitions list) or a sentence inside a paragraph
    # ('… for Research Purposes. "Research Purposes" means …'); its body runs to the end
    # of the block
    block_ends = {b.start: b.end for b in ctx.blocks}
    ends = []
    end = 0
    for sentence in ctx.sentences:
        end = block_ends.get(sentence.start, end)
        ends.append(end)
    for sentence, block_end in zip(ctx.sentences, ends, strict=True):
        text = ctx.text[sentence.start : block_end]
        block = Span(sentence.start, block_end, text)
        if len(text) < 8:
            continue
        match = _HEADED.match(text)
        if match is None:
            continue
        term = match.group("term").strip(" -")
        around = (
            text[max(0, match.start("term") - 2) : match.start("term")]
            + text[match.end("term") : match.end("term") + 2]
        )
        quoted = any(q in around for q in _Q_OPEN + _Q_CLOSE) or "**" in around or "__" in around
        verb = re.search(
            r"\b(?:means?|mean|refers?|defined|meaning|includes?|include)\b",
            text[match.end("term") : match.start("body")],
            re.I,
        )
        if not quoted and verb is None:
            continue  # "License Scope: …", "Disclaimer: …" are headings, not definitions
        # unquoted, the term must read as a name: every word capitalised ("Research
        # Purposes means"), not a sentence that happens to contain "means"
        words = term.split()
        if not quoted and not all(w[:1].isupper() for w in words):
            continue
        if len(words) > 6:
            continue
        yield Definition(term, block.start, block.end, match.group("body")[:1500])


def _inline(ctx: Context) -> Iterator[Definition]:
    for sentence in ctx.having('("', '(the "', "(\u201c", "(the \u201c", "('", "(the '"):
        for match in _INLINE.finditer(sentence.text):
            body = match.group("body")
            yield Definition(
                match.group("term").strip(),
                sentence.start + match.start(),
                sentence.start + match.end(),
                body.strip(),
            )


def definitions(ctx: Context) -> dict[str, Definition]:
    """Every term the text defines, by term (the first definition of each wins)."""
    found: dict[str, Definition] | None = ctx.memo.get("definitions")
    if found is None:
        found = {}
        for definition in (*_headed(ctx), *_inline(ctx)):
            found.setdefault(definition.term, definition)
        ctx.memo["definitions"] = found
    return found


def terms_in(text: str, ctx: Context) -> list[Definition]:
    """The defined terms used in `text` (a singular or plural form), longest first."""
    found = []
    for term, definition in sorted(definitions(ctx).items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![\w-]){_forms(term)}(?![\w-])", text):
            found.append(definition)
    return found


def _forms(term: str) -> str:
    """A pattern for a term in the singular or plural: "Research Purposes", "Research
    Purpose"; "Small Business", "Small Businesses"."""
    stem = term[:-1] if term.endswith("s") and len(term) > 4 else term
    return rf"(?:{re.escape(term)}|{re.escape(stem)})(?:s|es)?"


def term_at(text: str, ctx: Context) -> Definition | None:
    """The defined term `text` starts with (the longest, singular or plural), if any."""
    for term, definition in sorted(definitions(ctx).items(), key=lambda kv: -len(kv[0])):
        if re.match(rf"{_forms(term)}(?![\w-])", text):
            return definition
    return None
