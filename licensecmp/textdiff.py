"""Clause-level text diff of two analysed texts: added, removed and changed clauses.

Clauses are aligned by ref, then by heading, then by word similarity. A change that
touches only names, version numbers, dates and URLs is cosmetic: versions of one
license family (Llama 3.1, 3.2, 3.3) differ only so, and a reviewer must be told that
the text did not change, so that what changed outside it (an incorporated policy) is
not missed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from licensecmp.analysis import Analysis
from licensecmp.clauses import Clause

_WORD = re.compile(r"\S+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|ai|dev|io|net)\S*")
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b(?:19|20)\d{2}\b",
    re.I,
)
_VERSION = re.compile(r"\b\d+(?:\.\d+)+\b|\bv?\d+\b")


@dataclass(frozen=True)
class ClauseChange:
    """One clause added, removed or changed, with its word-level diff when changed."""

    kind: str  # "added", "removed", "changed"
    a_ref: str
    b_ref: str
    heading: str
    cosmetic: bool  # only names, numbers, dates and URLs differ
    words: tuple[tuple[str, str], ...] = ()  # ("-", removed words) / ("+", added words)


@dataclass(frozen=True)
class TextDiff:
    """Every clause change between A and B, in B's reading order."""

    changes: tuple[ClauseChange, ...]

    @property
    def substantive(self) -> tuple[ClauseChange, ...]:
        return tuple(c for c in self.changes if not c.cosmetic)

    @property
    def only_cosmetic(self) -> bool:
        return bool(self.changes) and not self.substantive


def _masked(text: str) -> str:
    """The text with URLs, dates and numbers masked and punctuation dropped."""
    text = _URL.sub(" <url> ", text)
    text = _DATE.sub(" <date> ", text)
    text = _VERSION.sub(" <n> ", text.lower())
    text = re.sub(r"[^\w<>]+", " ", text)
    # a URL printed twice ("url (url)", a Markdown link) is still one URL
    return re.sub(r"(?:<url>\s*){2,}", "<url> ", text).strip()


def _leaves(clauses: tuple[Clause, ...]) -> list[Clause]:
    return [c for top in clauses for c in top.walk() if not c.children]


def _text(analysis: Analysis, clause: Clause) -> str:
    return analysis.text[clause.start : clause.end]


def _word_ops(a: str, b: str) -> tuple[tuple[str, str], ...]:
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            ops.append(("-", " ".join(wa[i1:i2])))
        if tag in ("replace", "insert"):
            ops.append(("+", " ".join(wb[j1:j2])))
    return tuple(ops)


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio()


def text_diff(a: Analysis, b: Analysis) -> TextDiff | None:
    """The clause changes from A to B, or None when either side has no text."""
    if not a.text or not b.text:
        return None
    left, right = _leaves(a.clauses), _leaves(b.clauses)
    pairs: dict[int, int] = {}  # index in right -> index in left
    used: set[int] = set()
    for strategy in ("ref", "heading", "similar"):
        for j, rc in enumerate(right):
            if j in pairs:
                continue
            for i, lc in enumerate(left):
                if i in used:
                    continue
                if (
                    (strategy == "ref" and lc.ref == rc.ref)
                    or (strategy == "heading" and lc.heading and lc.heading == rc.heading)
                    or (strategy == "similar" and _similarity(_text(a, lc), _text(b, rc)) >= 0.6)
                ):
                    pairs[j] = i
                    used.add(i)
                    break
    changes = [
        ClauseChange("removed", lc.ref, "", lc.heading, False)
        for i, lc in enumerate(left)
        if i not in used
    ]
    for j, rc in enumerate(right):
        if j not in pairs:
            changes.append(ClauseChange("added", "", rc.ref, rc.heading, False))
            continue
        lc = left[pairs[j]]
        ta, tb = _text(a, lc), _text(b, rc)
        if " ".join(ta.split()) == " ".join(tb.split()):
            continue
        cosmetic = _masked(ta) == _masked(tb)
        changes.append(
            ClauseChange(
                "changed", lc.ref, rc.ref, rc.heading or lc.heading, cosmetic, _word_ops(ta, tb)
            )
        )
    return TextDiff(tuple(changes))
