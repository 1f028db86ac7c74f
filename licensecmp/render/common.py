"""Shared wording for renderers: parameters in short form, the verdict in one line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from licensecmp.analysis import Analysis, Flag
from licensecmp.taxonomy import OSD_CRITERIA, abbreviate
from licensecmp.verdict import Verdict


def format_params(params: Mapping[str, Any]) -> str:
    """Parameters as `key=value` pairs in key order; big numbers with their full digits."""
    parts = []
    for key, value in sorted(params.items()):
        if isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, int):
            text = f"{value:,} ({abbreviate(value)})" if value >= 1000 else str(value)
        elif isinstance(value, list | tuple):
            text = ", ".join(str(v) for v in value)
        else:
            text = str(value)
        parts.append(f"{key}={text}")
    return "; ".join(parts)


def verdict_line(analysis: Analysis) -> str:
    """The three-valued OSD verdict in one line: what earned it, or what breaks or blocks it."""
    osd = analysis.osd
    if osd.verdict is Verdict.NOT_CONFORMANT and osd.violations:
        parts = [
            f"criterion {v.criterion} ({OSD_CRITERIA[v.criterion]}): {', '.join(v.flags)} "
            f"in {', '.join(c or '(no clause)' for c in v.clauses)}"
            for v in osd.violations
        ]
        return "NOT OSD-conformant: " + "; ".join(parts)
    return osd.summary


def unexplained_lines(analysis: Analysis, limit: int = 200) -> list[str]:
    """The sentences that limit the licensee and that no flag explains, quoted with clauses."""
    return [
        f"{u.clause or '(no clause)'}: \u201c{shorten(u.text, limit)}\u201d"
        for u in analysis.osd.unexplained
    ]


def shorten(text: str, limit: int = 160) -> str:
    """Evidence cut to `limit` characters on a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def defined_note(flag: Flag, limit: int = 120) -> str:
    """Where the term a flag was read with is defined: ' ["Research Purposes" (9): means …]'."""
    d = flag.defined
    if d is None:
        return ""
    where = f" ({d.clause})" if d.clause else ""
    return f" [“{d.term}”{where}: {shorten(d.text, limit)}]"


def too_far(analysis: Analysis) -> str:
    """The closest known license of a text not identified, said as too far to be it."""
    near = analysis.closest
    if near is None:
        return ""
    return f"closest known license: {near.id} ({near.similarity:.2f}), too far to identify"


def by_id_only(analysis: Analysis) -> bool:
    """A known id read from the knowledge base alone: no text was compared, so there is no
    similarity to show (1.00 would claim a match that was never made)."""
    return analysis.source.kind == "known" and not analysis.text


def identity_lines(analysis: Analysis) -> list[str]:
    """What the text is (identified, nearest OSI license), and the findings, one per line."""
    lines = []
    found = analysis.identified
    if found is not None and by_id_only(analysis):
        lines.append(f"identified: {found.id} ({found.name}), a known id; no text compared")
    elif found is not None:
        line = f"identified: {found.id} ({found.name}), similarity {found.similarity:.2f}"
        if found.added:
            line += f"; the text adds {len(found.added)} passage(s) to it"
        lines.append(line)
    elif analysis.closest is not None:
        lines.append(f"identified: no; {too_far(analysis)}")
    elif analysis.text:
        lines.append("identified: no known license is close enough")
    near = analysis.nearest_osi
    if near is not None and (found is None or near.id != found.id):
        line = f"nearest OSI-approved license: {near.id}, similarity {near.similarity:.2f}"
        if near.added:
            line += f"; passages it does not contain: {len(near.added)}"
        lines.append(line)
    if found is not None and not analysis.text:
        lines.append(
            "flags from the knowledge base (no text: `licensecmp texts pull` adds evidence)"
        )
    lines.extend(f"finding: {f.message}" for f in analysis.findings)
    return lines


def added_lines(analysis: Analysis) -> list[str]:
    """The passages a text adds to the license it is identified as, quoted."""
    found = analysis.identified
    if found is None or not found.added:
        return []
    return [f"adds to {found.id}: \u201c{shorten(p.text, 300)}\u201d" for p in found.added]
