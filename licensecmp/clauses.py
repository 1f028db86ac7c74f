"""Segmentation: the clause tree of a normal-form text, with refs as the license prints them.

Each block of the normal form is a numbered item (`1.`, `1.1`, `(a)`, `i.`, `Section 3`,
`Article II`), a heading (Markdown `#`, a short line in capitals, `Attachment A`), or a
plain paragraph. Numbered items nest by the order in which their numbering styles
appear, as a reader infers it: a style not yet open starts a level below the current
one, a style already open closes everything below it. Plain paragraphs continue the
open clause; where no numbered clause is open they become paragraphs `¶1`, `¶2`….
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from licensecmp.rules.base import Span, blocks_of


@dataclass(frozen=True)
class Clause:
    """A numbered or headed unit of the text: ref as printed, heading, span, children."""

    ref: str
    heading: str
    start: int
    end: int
    children: tuple[Clause, ...] = ()

    def walk(self) -> tuple[Clause, ...]:
        """This clause and all below it, in reading order."""
        return (self, *(c for child in self.children for c in child.walk()))


@dataclass
class _Open:
    """A clause under construction on the nesting stack."""

    style: tuple[str, str]
    label: str
    ref: str
    heading: str
    start: int
    end: int
    ref_bearing: bool  # whether children's refs are built on this one
    children: list[_Open] = field(default_factory=list)
    # the item's own block is a heading alone ("3. Restrictions.") or ends in a colon
    # ("4. Redistribution. ... provided that You meet the following conditions:")
    opens_list: bool = False

    def freeze(self) -> Clause:
        return Clause(
            self.ref, self.heading, self.start, self.end, tuple(c.freeze() for c in self.children)
        )


_ROMAN = re.compile(r"[ivxlc]{1,6}|[IVXLC]{1,6}")
_MARKER = re.compile(
    r"""^(?:
        (?P<dotted>\d{1,3}(?:\.\d{1,3}){1,4})\.?\s
      | \(\s?(?P<paren>\d{1,3}|[a-zA-Z]{1,6})\s?\)\s?
      | (?P<plain>\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{2,6})(?P<punct>[.)])
        # "2.Scope of the rights": a number printed tight against its heading (EUPL-1.2)
        (?:\s|(?<=\d\.)(?=[A-Z][a-z]))
      | (?P<word>Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\s+
        (?P<wordnum>\d{1,3}(?:\.\d{1,3}){0,3}|[IVXLC]{1,6})\b[.:)]?\s?
    )""",
    re.X,
)
_ATTACHMENT = re.compile(
    r"^(?P<label>(?:Attachment|ATTACHMENT|Exhibit|EXHIBIT|Schedule|SCHEDULE|Appendix|APPENDIX"
    r"|Annex|ANNEX|Addendum|ADDENDUM)(?:\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b)?)"
    # a heading: the label alone, or followed by a separator ("Exhibit A of this Agreement"
    # is a sentence)
    r"(?=\s*(?:[:.-]|$))"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_FIRST_PHRASE = re.compile(r"^([^.:;]{1,120}?)[.:](?:\s|$)")


def _letter_index(token: str) -> int:
    token = token.strip("()")
    return ord(token.lower()) - ord("a") if len(token) == 1 else -1


def _roman_value(token: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    token = token.strip("()")
    if not _ROMAN.fullmatch(token):
        return -1
    total = 0
    for i, ch in enumerate(token.lower()):
        value = values[ch]
        nxt = values[token[i + 1].lower()] if i + 1 < len(token) else 0
        total += -value if value < nxt else value
    return total


def _follows(previous: str, label: str) -> bool:
    """Whether decimal `label` is the number after `previous` ("3" then "4")."""
    return previous.isdigit() and label.isdigit() and int(label) == int(previous) + 1


def _classify(token: str, punct: str, stack: list[_Open]) -> tuple[str, str]:
    """Numbering style of a marker token: decimal, alpha or roman, lower or upper case.

    `i`, `v`, `x` are letters or roman numerals depending on what is open: `(i)` after
    `(h)` is a letter, `(v)` after `(iv)` is a numeral.
    """
    if token.isdigit():
        return ("decimal", punct)
    case = "lower" if token.islower() else "upper"
    if _ROMAN.fullmatch(token):
        open_styles = {c.style: c for c in stack}
        alpha = open_styles.get((f"alpha-{case}", punct))
        roman = open_styles.get((f"roman-{case}", punct))
        if len(token) > 1:
            return (f"roman-{case}", punct)
        if alpha is not None and _letter_index(alpha.label) == _letter_index(token) - 1:
            return (f"alpha-{case}", punct)
        if roman is not None and _roman_value(roman.label) == _roman_value(token) - 1:
            return (f"roman-{case}", punct)
        if token.lower() == "i":
            return (f"roman-{case}", punct)
    if len(token) > 1:
        return ("word", punct)
    return (f"alpha-{case}", punct)


def _looks_like_heading(phrase: str) -> bool:
    """Headings are capitals, Title Case, or at most four words; sentences are not."""
    words = phrase.split()
    titled = sum(
        1
        for w in words
        if w[:1].isupper()
        or not w[:1].isalpha()
        or w in ("and", "or", "of", "the", "to", "for", "in", "on", "a", "an", "with")
    )
    return phrase.isupper() or titled == len(words) or len(words) <= 4


def _heading_of(rest: str) -> str:
    """The heading printed after a number: the first short phrase, or the whole short line."""
    rest = rest.strip().lstrip("#-:. ").strip()
    if not rest[:1].isupper():
        return ""
    whole = rest.rstrip(".:").strip()
    if (
        len(rest.split()) <= 12
        and not rest.endswith((",", ";"))
        and len(rest) < 100
        and "." not in whole
        and _looks_like_heading(whole)
    ):
        return whole
    match = _FIRST_PHRASE.match(rest)
    if match and len(match.group(1).split()) <= 10 and _looks_like_heading(match.group(1)):
        return match.group(1).strip()
    return ""


# A heading printed tight against its number runs into the first sentence once the lines
# are joined ("2.Scope of the rights granted by the Licence The Licensor hereby grants"):
# it ends before the word that opens that sentence (a function word after a content word).
_SENTENCE_OPENERS = frozenset(
    "The This These In Nothing Except While Without If When Where Each Any All No You Subject "
    "Notwithstanding Unless Should Upon Under For It A An".split()
)
_CONNECTORS = frozenset("of the to and or on by a an for in with from at as".split())
_TIGHT_HEADING_WORDS = 10


def _tight_heading_of(rest: str) -> str:
    """The heading of a tight number ("2.Scope ..."): the words before the first sentence."""
    words = rest.split()
    cut = next(
        (
            i
            for i in range(1, len(words))
            if words[i] in _SENTENCE_OPENERS and words[i - 1].lower() not in _CONNECTORS
        ),
        len(words),
    )
    head = " ".join(words[:cut]).rstrip(" .:")
    if not head[:1].isupper() or cut > _TIGHT_HEADING_WORDS or "." in head:
        return _heading_of(rest)
    return head


# "V. 1.1" under a title is the version of the license, not item V.
_VERSION = re.compile(r"\d{1,3}(?:\.\d{1,3}){1,3}")


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 4
        and not any(c.islower() for c in letters)
        and len(text.split()) <= 14
        and not text.endswith((",", ";"))
    )


_DEFINITION = re.compile(
    r'^"(?P<term>[^"]{1,60})"(?:\s*\([^)]{0,60}\))?(?:,?\s+(?:or|and)\s+"[^"]{1,40}")*'
    r"[^.]{0,40}?\b(?:means|shall mean|refers to|shall refer to|is defined as|has the meaning|"
    r"includes|shall include)\b"
)


class _Builder:
    """The nesting stack and the finished top-level clauses."""

    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.roots: list[_Open] = []
        self.paragraphs = 0

    def close_to(self, depth: int) -> None:
        del self.stack[depth:]

    def close_scope(self) -> None:
        """Close numbered clauses and definitions, back to the innermost heading."""
        depth = next(
            (
                i + 1
                for i in range(len(self.stack) - 1, -1, -1)
                if self.stack[i].style[0] == "heading"
            ),
            0,
        )
        self.close_to(depth)

    def extend(self, end: int) -> None:
        for clause in self.stack:
            clause.end = max(clause.end, end)

    def add(self, clause: _Open, *, open_scope: bool = True) -> None:
        (self.stack[-1].children if self.stack else self.roots).append(clause)
        if open_scope:
            self.stack.append(clause)
        self.extend(clause.end)

    def ref_for(self, label: str) -> str:
        parent = next((c for c in reversed(self.stack) if c.ref_bearing), None)
        if parent is None:
            return label
        return parent.ref + ("" if label.startswith("(") else ".") + label

    def restart_style(self, style: tuple[str, str], label: str, *, headed: bool) -> tuple[str, str]:
        """The style of a decimal item, telling lists nested in the same printed style.

        A list that restarts at 1 right below a numbered item that opens it ("3. Restrictions."
        then "1. If You distribute ...") is a level below it, as a reader sees from the numbers.
        A later number goes to the level it continues; when it continues several, an item
        with a heading ("4. Termination") goes to the outermost, one without to the innermost.
        """
        if style[0] != "decimal":
            return style
        levels = [c for c in self.stack if c.style[0] == "decimal" and c.style[1][:1] == style[1]]
        if not levels:
            return style
        top = levels[-1]
        if label == "1" and top is self.stack[-1] and top.opens_list and top.label != "0":
            return (style[0], top.style[1] + "+")
        continued = [c for c in levels if _follows(c.label, label)]
        if not continued:
            return style
        return (continued[0] if headed else continued[-1]).style

    def numbered(
        self,
        style: tuple[str, str],
        label: str,
        heading: str,
        span: Span,
        absolute: bool = False,
        *,
        opens_list: bool = False,
    ) -> None:
        if self.stack and self.stack[-1].style[0] == "defs":
            self.stack.pop()
        depth = next((i for i, c in enumerate(self.stack) if c.style == style), None)
        if depth is not None:
            self.close_to(depth)
        elif style[0] == "dotted":
            # 1.2.3 belongs under the nearest open clause with fewer parts, or beside
            # the open plain number it extends (1.1 under 1.)
            level = int(style[1])
            keep = [
                i
                for i, c in enumerate(self.stack)
                if (c.style[0] == "dotted" and int(c.style[1]) < level)
                or (c.style[0] in ("decimal", "word-section") and level == 2)
            ]
            if keep:
                self.close_to(keep[-1] + 1)
            else:
                self.close_scope()
        ref = label if absolute else self.ref_for(label)
        self.add(
            _Open(style, label, ref, heading, span.start, span.end, True, opens_list=opens_list)
        )

    def heading(
        self, level: int, text: str, span: Span, ref: str, *, ref_bearing: bool, scope: bool
    ) -> None:
        """A heading: Markdown and attachment headings open a scope, capitals do not."""
        if scope:
            depth = next(
                (
                    i
                    for i, c in enumerate(self.stack)
                    if c.style[0] == "heading" and int(c.style[1]) >= level
                ),
                None,
            )
            self.close_to(
                depth
                if depth is not None
                else len([c for c in self.stack if c.style[0] == "heading"])
            )
        else:
            self.close_scope()
        self.add(
            _Open(("heading", str(level)), ref, ref, text, span.start, span.end, ref_bearing),
            open_scope=scope,
        )

    def paragraph(self, span: Span, text: str) -> None:
        top = self.stack[-1] if self.stack else None
        definition = _DEFINITION.match(text)
        if top is not None and top.style[0] not in ("heading", "defs"):
            self.extend(span.end)  # continues the open numbered clause
            return
        if definition:
            if top is None or top.style[0] != "defs":
                group = _Open(
                    ("defs", ""),
                    "Definitions",
                    "Definitions",
                    "Definitions",
                    span.start,
                    span.end,
                    False,
                )
                self.add(group)
            term = f'"{definition.group("term")}"'
            self.add(
                _Open(("def", term), term, term, "", span.start, span.end, False), open_scope=False
            )
            return
        if top is not None and top.style[0] == "defs":
            self.stack.pop()
        scope = next((c for c in reversed(self.stack) if c.ref_bearing), None)
        if scope is not None:
            # paragraphs of an attachment are counted and named within it
            count = 1 + sum(1 for c in scope.children if c.style[0] == "para")
            ref = f"{scope.ref} ¶{count}"
        else:
            self.paragraphs += 1
            ref = f"¶{self.paragraphs}"
        self.add(_Open(("para", ref), ref, ref, "", span.start, span.end, False), open_scope=False)


def split_clauses(text: str) -> tuple[Clause, ...]:
    """The clause tree of a normal-form text (see the module docstring)."""
    builder = _Builder()
    for index, span in enumerate(blocks_of(text)):
        block = span.text.strip()
        md = _MD_HEADING.match(block)
        body = block[md.end() :] if md else block
        marker = _MARKER.match(body)
        attachment = _ATTACHMENT.match(body)
        if marker:
            rest = body[marker.end() :]
            if marker.group("dotted"):
                label = marker.group("dotted")
                style = ("dotted", str(label.count(".") + 1))
                builder.numbered(style, label, _heading_of(rest), span, absolute=True)
            elif marker.group("word"):
                label = marker.group("wordnum")
                kind = marker.group("word").capitalize()
                style = ("word-" + kind.lower(), "")
                ref = label if kind == "Section" else f"{kind} {label}"
                builder.numbered(style, ref, _heading_of(rest), span, absolute=True)
            else:
                token = marker.group("paren") or marker.group("plain")
                punct = "()" if marker.group("paren") else marker.group("punct")
                style = _classify(token, punct, builder.stack)
                if style[0] == "word" or _VERSION.fullmatch(rest.strip()):
                    builder.paragraph(span, body)
                    continue
                label = f"({token})" if punct == "()" else token
                tight = marker.group("plain") is not None and not marker.group(0)[-1].isspace()
                heading = _tight_heading_of(rest) if tight else _heading_of(rest)
                style = builder.restart_style(style, label, headed=bool(heading))
                opens = heading == rest.strip().rstrip(".:").strip() or body.endswith(":")
                builder.numbered(style, label, heading, span, opens_list=opens)
        elif attachment:
            label = " ".join(
                w.capitalize() if w.isupper() and len(w) > 1 else w
                for w in attachment.group("label").split()
            )
            heading = _heading_of(body[attachment.end() :].strip(" .:-")) or label
            builder.close_to(0)
            builder.heading(1, heading, span, label, ref_bearing=True, scope=True)
        elif md or _is_caps_heading(block):
            heading = body.strip().rstrip(".:")
            # the title of the document, and headings in capitals, do not open a scope
            scope = md is not None and index > 0
            builder.heading(
                len(md.group(1)) if md else 1,
                heading,
                span,
                heading[:60],
                ref_bearing=False,
                scope=scope,
            )
        else:
            builder.paragraph(span, body)
    return tuple(c.freeze() for c in builder.roots)


def innermost(clauses: tuple[Clause, ...], offset: int) -> Clause | None:
    """The deepest clause whose span contains `offset`."""
    found = None
    level = clauses
    while True:
        nxt = next((c for c in level if c.start <= offset < c.end), None)
        if nxt is None:
            return found
        found, level = nxt, nxt.children
