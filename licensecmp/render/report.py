"""The Markdown report of `licensecmp report`: GitHub-flavoured, deterministic, linkable.

One source gives one section; several give a summary matrix (sources × restrictions,
licensor rights and AI duties) and the verdicts first, then a section per source. Every
heading gets the anchor GitHub gives it, so the matrix links to the sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from tabulate import tabulate

from licensecmp import __version__
from licensecmp.analysis import Analysis
from licensecmp.clauses import Clause
from licensecmp.render.common import by_id_only, format_params, shorten
from licensecmp.report import Report, SourceReport
from licensecmp.sources import base_models, declared_license
from licensecmp.verdict import Verdict

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~#])")
_URL = re.compile(r"https?://[^\s<>|()\[\]\"“”]+[^\s<>|()\[\]\"“”.,;:]")


def inline(text: str) -> str:
    """Text from a license or a file name, safe inside a Markdown paragraph or table cell.

    Markdown's special characters are escaped; URLs become autolinks, which keep them whole.
    """
    text = " ".join(text.split())
    out, last = [], 0
    for match in _URL.finditer(text):
        out += [_ESCAPE.sub(r"\\\1", text[last : match.start()]), f"<{match.group()}>"]
        last = match.end()
    out.append(_ESCAPE.sub(r"\\\1", text[last:]))
    return "".join(out)


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


class _Anchors:
    """Headings in document order, numbered as GitHub does when a slug repeats (github-slugger)."""

    def __init__(self) -> None:
        self._occurrences: dict[str, int] = {}

    def add(self, heading: str) -> str:
        original = result = github_slug(heading)
        while result in self._occurrences:
            self._occurrences[original] += 1
            result = f"{original}-{self._occurrences[original]}"
        self._occurrences[result] = 0
        return result


def _table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def _quote(text: str, limit: int = 300) -> str:
    return f"“{inline(shorten(text, limit))}”"


def _ref(clause: str) -> str:
    """A clause ref as a reader cites it: §2, §1.b.i, but ¶3 and Attachment A as they are."""
    return (
        inline(clause)
        if clause.startswith("¶") or not clause[:1].isdigit()
        else f"§{inline(clause)}"
    )


def _short_verdict(source: SourceReport) -> str:
    """The verdict in a summary cell, in the words the checklist uses: no mark means a
    pass unless the terms are open and nothing contradicts them."""
    osd = source.analysis.osd
    doubts = [f for f in source.analysis.findings if f.contradicts]
    if osd.verdict is Verdict.CONFORMANT and not doubts:
        return "✅ OSD-conformant"
    if osd.verdict is Verdict.CONFORMANT:
        kinds = ", ".join(dict.fromkeys(f.kind for f in doubts))
        return f"⚠️ terms open, but in doubt ({kinds})"
    if osd.verdict is Verdict.UNDETERMINED:
        return "⚠️ needs review"
    criteria = sorted({v.criterion for v in osd.violations} | {m.criterion for m in osd.missing})
    if not criteria:
        return "❌ not OSD (not an open license)"
    noun = "criterion" if len(criteria) == 1 else "criteria"
    return f"❌ not OSD ({noun} {', '.join(str(c) for c in criteria)})"


# --- one source ---------------------------------------------------------------------------------


def _identity(source: SourceReport) -> list[str]:
    a = source.analysis
    rows: list[tuple[str, str]] = []
    found = a.identified
    if found is not None:
        rows += [("license", inline(found.name)), ("id", f"`{found.id}`")]
        if source.entry is not None and source.entry.version:
            rows.append(("version", inline(source.entry.version)))
        rows.append(("SPDX", f"`{found.spdx}`" if found.spdx else "—"))
        rows.append(
            (
                "identification",
                "a known id; no text compared (`licensecmp texts pull` adds it)"
                if by_id_only(a)
                else f"similarity {found.similarity:.2f}",
            )
        )
        rows.append(("OSI-approved", "yes" if found.osi_approved else "no"))
    elif a.closest is not None:
        near = a.closest
        rows.append(
            (
                "license",
                f"not identified; closest known license: `{near.id}` "
                f"({near.similarity:.2f}), too far to identify",
            )
        )
    elif a.text:
        rows.append(("license", "not identified: no known license is close enough"))
    rows.append(("source", f"{inline(a.source.input)} ({a.source.kind})"))
    if a.source.sha256:
        rows.append(("sha256", f"`{a.source.sha256}`"))
    else:
        rows.append(
            ("text", "none: flags from the knowledge base (`licensecmp texts pull` adds it)")
        )
    if a.source.kind == "model-dir":
        rows += _card_rows(a)
    out = [_table(rows, ("about", "")), ""]
    if found is not None and found.added:
        out += [f"The text adds {len(found.added)} passage(s) to {found.id}:", ""]
        for passage in found.added:
            out += [f"> {_quote(passage.text, 600)}", ""]
    for finding in a.findings:
        out += [f"> **Finding ({finding.kind}):** {inline(finding.message)}", ""]
    return out


def _card_rows(a: Analysis) -> list[tuple[str, str]]:
    meta = a.metadata
    rows = []
    declared = declared_license(meta)
    rows.append(("declared license", f"`{declared}`" if declared else "none in README.md"))
    # only the strings a card names: front matter is untrusted YAML, and str() of a nested
    # list built from aliases (a "billion laughs" card) would never finish
    names = base_models(meta)
    if names:
        rows.append(("base model", ", ".join(f"`{n}`" for n in names)))
    lineage = meta.get("lineage")
    if isinstance(lineage, list):
        for row in lineage:
            if isinstance(row, dict) and row.get("license"):
                rows.append(("base model license", f"`{row['model']}`: `{row['license']}`"))
    files = meta.get("files")
    if isinstance(files, list):
        rows.append(("files read", ", ".join(inline(str(f)) for f in files)))
    return rows


def _flags(source: SourceReport) -> list[str]:
    a = source.analysis
    if not a.flags:
        return ["No flags found.", ""]
    rows = [
        (
            f.kind.value,
            f"`{f.id}`",
            inline(f.clause) or "—",
            inline(format_params(f.params)),
            f"{_quote(f.evidence, 200)} ({_ref(f.clause)})" if f.evidence else "—",
        )
        for f in a.flags
    ]
    return [_table(rows, ("kind", "flag", "clause", "parameters", "evidence")), ""]


def _osd(source: SourceReport) -> list[str]:
    rows = [
        (
            str(c.number),
            c.name,
            {"pass": "pass", "fail": "**fail**", "n/a": "n/a"}[c.status],
            ", ".join(f"`{f}`" for f in c.flags) or "—",
            ", ".join(inline(r) for r in c.clauses) or "—",
        )
        for c in source.criteria
    ]
    return [
        _table(rows, ("#", "criterion", "result", "flags", "clauses")),
        "",
        "n/a: no flag of the taxonomy tests this criterion; licensecmp does not assess it.",
        "",
    ]


def _nearest(source: SourceReport) -> list[str]:
    delta = source.osi
    if delta is None:
        if source.analysis.text:
            return ["No OSI-approved license is close to this text.", ""]
        return ["Not computed: the knowledge base holds no text for this license.", ""]
    found = source.analysis.identified
    if found is not None and found.id == delta.id and not delta.added:
        return [f"The text is {inline(delta.name)} (`{delta.id}`), an OSI-approved license.", ""]
    out = [f"**{inline(delta.name)}** (`{delta.id}`), similarity {delta.similarity:.2f}.", ""]
    if delta.adds:
        out.append("- The text adds: " + ", ".join(f"`{f}`" for f in delta.adds))
    if delta.removes:
        out.append(
            f"- {delta.id} has, the text lacks: " + ", ".join(f"`{f}`" for f in delta.removes)
        )
    if delta.adds or delta.removes:
        out.append("")
    if delta.added:
        out += [f"Passages of the text that {delta.id} does not contain ({len(delta.added)}):", ""]
        for passage in delta.added[:5]:
            out += [f"> {_quote(passage.text, 600)}", ""]
        if len(delta.added) > 5:
            out += [f"… and {len(delta.added) - 5} more.", ""]
    if delta.added_flags:
        flags = ", ".join(f"`{f}`" for f in delta.added_flags)
        out += [f"Flags raised inside those passages: {flags}.", ""]
    return out


def _thresholds(source: SourceReport) -> list[str]:
    out = []
    for t in source.thresholds:
        where = _ref(t.clause) if t.clause else "no clause"
        out += [f"**`{t.flag}`** ({where}): {inline(t.line)}", ""]
        rows = [
            ("who is counted", inline(t.counted)),
            ("when it is measured", inline(t.measured)),
            ("the boundary", inline(t.boundary)),
            ("above it", inline(t.above)),
        ]
        out += [_table(rows, ("question", "answer")), ""]
    return out


def _outline(
    clauses: Sequence[Clause], held: dict[str, tuple[str, ...]], depth: int = 0
) -> Iterator[str]:
    for c in clauses:
        heading = f" {inline(c.heading)}" if c.heading and c.heading != c.ref else ""
        flags = f" — {', '.join(f'`{f}`' for f in held[c.ref])}" if c.ref in held else ""
        yield f"{'  ' * depth}- **{inline(c.ref)}**{heading}{flags}"
        yield from _outline(c.children, held, depth + 1)


def _section(source: SourceReport, anchors: _Anchors) -> tuple[str, list[str]]:
    """One source's section, and the anchor of its heading."""
    a = source.analysis
    anchor = anchors.add(source.title)
    out = [f"## {source.title}", ""]

    def heading(text: str) -> None:
        anchors.add(text)
        out.extend([f"### {text}", ""])

    out += _identity(source)
    heading("Verdict")
    out += [inline(source.verdict), ""]
    if source.duties:
        out += ["What a team must do to use it:", ""]
        out += [
            f"- [ ] {inline(d.text)} ({_ref(d.clause)})" if d.clause else f"- [ ] {inline(d.text)}"
            for d in source.duties
        ]
        out.append("")
    if a.osd.unexplained:
        heading("Sentences to review")
        out += [
            "These sentences forbid, limit or condition the licensee, and no flag of the "
            "taxonomy explains them; read them before deciding:",
            "",
            *(
                f"- {_ref(u.clause) if u.clause else '(no clause)'}: "
                f"\u201c{inline(shorten(u.text, 400))}\u201d"
                for u in a.osd.unexplained
            ),
            "",
        ]
    heading("Flags")
    out += _flags(source)
    heading("Open Source Definition")
    out += _osd(source)
    heading("Nearest OSI-approved license")
    out += _nearest(source)
    if source.thresholds:
        heading("Thresholds")
        out += _thresholds(source)
    if source.notes:
        heading("From the knowledge base")
        out += [
            "Facts that are not in the text (curated in licensecmp's knowledge base):",
            "",
            *(f"- {inline(n)}" for n in source.notes),
            "",
        ]
    if a.clauses:
        heading("Clause outline")
        out += [*_outline(a.clauses, a.clause_flags()), ""]
    return anchor, out


# --- the document -------------------------------------------------------------------------------


def _matrix(report: Report, links: Sequence[str]) -> list[str]:
    headers = ("source", "verdict", *(f"`{c}`" for c in report.columns))
    rows = [
        (
            f"[{inline(s.title)}](#{link})",
            _short_verdict(s),
            *(report.cell(s, c) or "·" for c in report.columns),
        )
        for s, link in zip(report.sources, links, strict=True)
    ]
    return [_table(rows, headers), ""]


def render(report: Report, *, date: str | None = None) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    count = len(report.sources)
    made = f"Generated by licensecmp {__version__}" + (f" on {date}" if date else "")
    out = ["# License report", "", f"{made}. {count} source{'s' if count != 1 else ''}.", ""]
    # Anchors follow document order: the title, the summary headings, then the sections.
    anchors = _Anchors()
    for fixed in ("License report", *(("Summary", "Verdicts") if count > 1 else ())):
        anchors.add(fixed)
    links, sections = [], []
    for source in report.sources:
        link, lines = _section(source, anchors)
        links.append(link)
        sections += lines
    if count > 1:
        out += ["## Summary", ""]
        # the matrix gives each source's verdict even when no source raises a flag column
        out += _matrix(report, links)
        if report.columns:
            out += [
                "Cells give the clause's parameters (`>700M MAU`: rights end above 700 million "
                "monthly active users), ● a flag without parameters, · its absence.",
                "",
            ]
        out += ["## Verdicts", ""]
        out += [
            f"- [{inline(s.title)}](#{link}): {inline(s.verdict)}"
            for s, link in zip(report.sources, links, strict=True)
        ]
        out.append("")
    out += sections
    return "\n".join(out).rstrip("\n") + "\n"
