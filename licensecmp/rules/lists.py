"""Lists read the way their lead-in says: each item completes the sentence that opens it.

"The weights may not be employed for any of the following:" over "- designing arms;"
says "the weights may not be employed for designing arms". A rule that reads sentences
sees a prohibition with no purpose in the lead-in and a purpose with no prohibition in
the item, and finds neither. `composed` joins them once per text: a second, synthetic
text holding one clause per item ("lead-in" + "item"), and a map from its offsets back
to the text the user sees, so that every rule reads a list as it reads a sentence and
its evidence points at the lead-in and the item themselves.

A lead-in is the last sentence of a block that ends with a colon or a dash and is
followed by list items. Its closing reference to the list ("any of the following",
"these uses", "as follows") is dropped, so the item takes its place. An item that is
itself a lead-in opens a list of its own. Lists offered as alternatives ("one of the
following") are not composed: each item is one way to comply, not a clause of its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from licensecmp.rules.base import Context, Hit, Span, context_of

# The same item markers grants.LIST_ITEM reads (kept here: grants imports this module's
# users, not the other way round).
_ITEM = re.compile(
    r"\s*(?:\(?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]"
    r"|[-*+\u2022\u00b7\u25aa\u25e6\u2023\u2013\u2014])\s+"
)
_HASHES = re.compile(r"\s*#{1,6}\s+")  # a Markdown heading's marks
_LEADS = re.compile(r"(?:[:\u2013\u2014]|\s-)\s*$")
# The lead-in's pointer to the list, which the item replaces.
_POINTER = re.compile(
    r"""\s*(?:,\s*)?(?:(?:including|includes?|namely|such\s+as)\s+)?
      (?:(?:any|all|each|either|every|one|none)\s+(?:or\s+more\s+)?(?:of\s+)?)?
      (?:the\s+following|these|those|the\s+below|below|as\s+follows|thus)
      (?:\s+(?!to\b|for\b|in\b|on\b|with\b)[\w-]+){0,3}?
      \s*(?:[:\u2013\u2014]|\s-)\s*$
    | \s*(?:[:\u2013\u2014]|\s-)\s*$""",
    re.I | re.X,
)
_ALTERNATIVES = re.compile(
    r"\b(?:(?:at\s+least\s+)?one\s+of\s+the\s+following|either\s+of\s+the\s+following"
    r"|any\s+one\s+of)\b",
    re.I,
)


@dataclass(frozen=True)
class Composed:
    """The composed clauses of a text: their context and the map back to the original."""

    ctx: Context
    # per piece of the synthetic text: its start, its end, the original start and length
    pieces: tuple[tuple[int, int, int, int], ...]
    # per composed clause: its synthetic start and end, and the original lead and item
    clauses: tuple[tuple[int, int, Span, Span], ...]

    def original(self, offset: int) -> int:
        """The offset in the original text of synthetic `offset`."""
        starts = [p[0] for p in self.pieces]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        start, _, origin, length = self.pieces[i]
        return origin + min(max(offset - start, 0), length)

    def mapped(self, hit: Hit) -> Hit:
        """`hit` with its offsets in the original text (a definition it cites already is).

        The evidence runs from the first to the last original character the hit covers:
        an item read before its heading ("designing arms" + "is not permitted") covers
        both."""
        lows, highs = [], []
        for start, end, origin, length in self.pieces:
            lo, hi = max(start, hit.start), min(end, hit.end)
            if lo < hi:
                lows.append(origin + min(lo - start, length))
                highs.append(origin + min(hi - start, length))
        if not lows:
            at = self.original(hit.start)
            lows, highs = [at], [at]
        return Hit(hit.flag, min(lows), max(highs), hit.params, hit.term, hit.support)

    def lead_at(self, offset: int) -> int | None:
        """The original start of the lead-in of the composed clause at synthetic `offset`."""
        where = self.clause_at(offset)
        return where[0].start if where else None

    def clause_at(self, offset: int) -> tuple[Span, Span] | None:
        """The lead-in and item of the composed clause holding synthetic `offset`."""
        for start, end, lead, item in self.clauses:
            if start <= offset < end:
                return lead, item
        return None


def _style(text: str) -> str:
    """How an item is marked: "1", "a", "i", "(1)", "-" … (digits, letters kept apart)."""
    match = _ITEM.match(text)
    if match is None:
        return ""
    mark = match.group().strip()
    shape = re.sub(r"\d+(?:\.\d+)*", "1", mark)
    shape = re.sub(r"^(\(?)[ivxlc]{2,6}(?=[.)])", r"\1i", shape, flags=re.I)
    return re.sub(r"^(\(?)[a-zA-Z](?=[.)])", r"\1a", shape)


def _items_after(ctx: Context, index: int) -> list[Span]:
    """The items of the list after block `index`: the blocks marked as its first one is."""
    items: list[Span] = []
    for block in ctx.blocks[index + 1 : index + 41]:
        style = _style(block.text)
        if not style or (items and style != _style(items[0].text)):
            break
        items.append(block)
        if _LEADS.search(block.text):
            break  # an item that opens a list of its own
    return items


# A lead-in that names the list first: "The following uses are prohibited:", "None of the
# following is permitted:". The item takes the place of the pointer: "designing arms is
# not permitted".
_FRONT = re.compile(
    r"""^(?:(?P<neg>none|neither|no\s+one)\s+of\s+)?(?:all\s+|any\s+|each\s+)?(?:of\s+)?the\s+following
      (?:\s+[\w-]+){0,3}?\s+(?P<verb>(?P<aux>is|are|shall|will|may|must|can|falls?|remains?)\b[^:]*?)
      \s*(?:[:\u2013\u2014]|\s-)\s*$""",
    re.I | re.X,
)
_ITEM_END = re.compile(r"(?:[\s;,.]+|\s+(?:and|or)\b)+$", re.I)

# A short heading over a bare list bans each item: "Section 2. Excluded applications.",
# "Prohibited uses", "Don'ts". Its items read as "<item> is not permitted".
_BAN_HEAD = re.compile(
    r"""^\W*(?:(?:section|article|clause|part|schedule|annex|appendix|exhibit|attachment)\s+)?
      (?:\d{1,3}[a-z]?(?:\.\d{1,3}){0,3}|[IVXivx]{1,4}|[A-Z])?[.):]?\s*
      (?:[\w'-]+\s+){0,2}?(?:prohibit\w*|forbidden|exclu\w+|restricted|banned|disallowed
        |unacceptable|impermissible|not\s+(?:permitted|allowed|licen[sc]ed)|off[-\s]limits|don'?ts
        |red\s+lines?)(?:\s+[\w'-]+){0,3}\s*[.:]?\s*$""",
    re.I | re.X,
)
# An item that is a clause of its own (a subject and its modal: "The Recipient may not
# alter the Program") is read as it stands; the lead-in adds nothing to it.
_OWN_CLAUSE = re.compile(
    r"^\W*(?:(?:[\w'-]+,?\s+){0,5}?(?:may|shall|must|will|can|should|agrees?|is|are|means)\b"
    r"|for\s+(?:the\s+)?(?:avoidance\s+of\s+doubt|clarity)|notwithstanding|nothing\s+in)",
    re.I,
)

# A composed clause: its pieces, each a text and where it comes from in the original (a
# start and a length; None for a word the composition adds, such as the "not" of "none of
# the following").
_Piece = tuple[str, tuple[int, int] | None]


def _without_end(body: str) -> str:
    """An item's text without the punctuation or conjunction that ends it."""
    end = _ITEM_END.search(body)
    return body[: end.start()] if end else body


def _compose(lead: Span, skip: int, item: Span) -> list[_Piece] | None:
    """The pieces of the clause that `item` makes with its lead-in (None if it makes none)."""
    marker = _ITEM.match(item.text)
    at = marker.end() if marker else 0
    body = item.text[at:]
    text = lead.text[skip:]
    if _OWN_CLAUSE.match(body):
        return None
    front = _FRONT.match(text)
    if front:
        tail = _without_end(body)
        verb = front.start("verb") + skip + lead.start
        aux = front.end("aux") - front.start("verb")
        words = front.group("verb")
        pieces: list[_Piece] = [(tail, (item.start + at, len(tail))), (" ", None)]
        pieces.append((words[:aux], (verb, aux)))
        if front.group("neg"):
            pieces.append((" not", None))
        pieces.append((words[aux:], (verb + aux, len(words) - aux)))
        return pieces
    if _BAN_HEAD.match(text):
        tail = _without_end(body)
        heading = (lead.start + skip, len(text))
        return [(tail, (item.start + at, len(tail))), (" is not permitted", heading)]
    pointer = _POINTER.search(text)
    head = (text[: pointer.start()] if pointer else text).rstrip(" ,")
    if len(head) < 3:
        return None
    return [
        (head, (lead.start + skip, len(head))),
        (" ", None),
        (body, (item.start + at, len(body))),
    ]


def _lists(ctx: Context) -> Iterator[tuple[Span, int, list[Span]]]:
    """Each list of `ctx`: its lead-in sentence, where the lead-in's words start in it
    (after its own marker), and its items."""
    by_end = {sentence.end: sentence for sentence in ctx.sentences}
    for index, block in enumerate(ctx.blocks):
        lead = by_end.get(block.start + len(block.text.rstrip()))
        if lead is None or _ALTERNATIVES.search(lead.text):
            continue
        marker = _ITEM.match(lead.text) or _HASHES.match(lead.text)
        skip = marker.end() if marker and lead.start == block.start else 0
        if not _LEADS.search(lead.text) and not _BAN_HEAD.match(lead.text[skip:]):
            continue
        yield lead, skip, _items_after(ctx, index)


def leads(ctx: Context) -> dict[int, Span]:
    """The lead-in of each list item of `ctx`, by the item's start. Computed once."""
    found: dict[int, Span] | None = ctx.memo.get("leads")
    if found is None:
        found = {item.start: lead for lead, _skip, items in _lists(ctx) for item in items}
        ctx.memo["leads"] = found
    return found


def composed(ctx: Context) -> Composed | None:
    """The lists of `ctx` read as clauses (None when it has none). Computed once per text."""
    if "lists" in ctx.memo:
        found: Composed | None = ctx.memo["lists"]
        return found
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    clauses: list[tuple[int, int, Span, Span]] = []
    pos = 0
    for lead, skip, items in _lists(ctx):
        for item in items:
            clause = _compose(lead, skip, item)
            if clause is None:
                continue
            start = pos
            for words, origin in clause:
                if origin is not None:
                    pieces.append((pos, pos + len(words), *origin))
                pos += len(words)
            clauses.append((start, pos, lead, item))
            parts.append("".join(words for words, _ in clause))
            pos += 2
    result = None
    if parts:
        sub = context_of("\n\n".join(parts))
        # the definitions of the text hold for its lists too
        from licensecmp.rules.definitions import definitions

        sub.memo["definitions"] = definitions(ctx)
        result = Composed(sub, tuple(pieces), tuple(clauses))
    ctx.memo["lists"] = result
    return result
