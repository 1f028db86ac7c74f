"""Output of `compare`: verdicts, a one-sentence summary, and the table of flags."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from licensecmp.compare import Comparison, Row, Side, label, summary
from licensecmp.render.common import added_lines, format_params, shorten, verdict_line
from licensecmp.render.json import analysis_dict, dumps
from licensecmp.textdiff import ClauseChange, TextDiff

SCHEMA = "licensecmp/compare/v1"


def _label(comparison: Comparison, side: str) -> str:
    return label(comparison.a if side == "a" else comparison.b)


def _cell(side: Side) -> str:
    if not side.present:
        return "-"
    where = f"in {side.clause}" if side.clause else "yes"
    params = format_params(side.params)
    return f"{where}; {params}" if params else where


def _rows(comparison: Comparison, only_diff: bool) -> list[Row]:
    return [r for r in comparison.rows if r.differs or not only_diff]


def _table(comparison: Comparison, only_diff: bool, fmt: str, escape: bool) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|") if escape else text

    rows = [
        (r.kind.value, r.flag, esc(_cell(r.a)), esc(_cell(r.b)), "differs" if r.differs else "")
        for r in _rows(comparison, only_diff)
    ]
    if not rows:
        return "no differences" if only_diff else "no flags on either side"
    headers = ("kind", "flag", f"A: {_label(comparison, 'a')}", f"B: {_label(comparison, 'b')}", "")
    widths: list[int | None] = [None, None, 40, 40, None]
    return tabulate(
        rows,
        headers=headers,
        tablefmt=fmt,
        maxcolwidths=None if escape else widths,
        disable_numparse=True,
    )


NO_SUBSTANCE = "no substantive change in the text; only names, dates and URLs differ"


def _ref(change: ClauseChange) -> str:
    if change.kind == "added":
        return change.b_ref
    if change.kind == "removed" or change.a_ref == change.b_ref:
        return change.a_ref
    return f"{change.a_ref} -> {change.b_ref}"


def _unrelated(diff: TextDiff) -> bool:
    """Two texts that share almost no clause: a list of what each lacks says nothing."""
    matched = sum(1 for c in diff.changes if c.kind == "changed")
    return len(diff.changes) >= 10 and matched * 5 < len(diff.changes)


def text_lines(comparison: Comparison, *, words: bool) -> list[str]:
    """The text diff in lines: a verdict, then each clause change (with its words)."""
    diff = comparison.text
    out = []
    if diff is None:
        out.append(
            "Text: not compared (a side has no text; `licensecmp texts pull` adds the "
            "texts of known licenses)"
        )
    elif not diff.changes:
        out.append("Text: identical")
    elif diff.only_cosmetic:
        out.append(f"Text: {NO_SUBSTANCE}.")
    elif _unrelated(diff):
        matched = sum(1 for c in diff.changes if c.kind == "changed")
        out.append(
            f"Text: different licenses, not versions of one: {len(diff.changes) - matched} "
            f"clause(s) have no counterpart and {matched} changed; the flags above compare "
            "them (`--format json` lists every clause)"
        )
    else:
        out.append(
            f"Text: {len(diff.substantive)} clause(s) changed in substance "
            f"({len(diff.changes) - len(diff.substantive)} only in names, dates or URLs)"
        )
        for change in diff.substantive:
            heading = f" ({change.heading})" if change.heading else ""
            out.append(f"  {change.kind} {_ref(change)}{heading}")
            if words:
                out += [f"      {op} {shorten(text, 200)}" for op, text in change.words]
    if comparison.outside:
        out += ["", "Outside the text (from the knowledge base):"]
        out += [f"- {note}" for note in comparison.outside]
    return out


def render_text(comparison: Comparison, *, only_diff: bool = False, words: bool = False) -> str:
    """The comparison as plain text for the terminal."""
    out = [
        f"A: {comparison.a.source.input}: {verdict_line(comparison.a)}",
        *(f"   {line}" for line in added_lines(comparison.a)),
        f"B: {comparison.b.source.input}: {verdict_line(comparison.b)}",
        *(f"   {line}" for line in added_lines(comparison.b)),
        "",
        summary(comparison),
        "",
        _table(comparison, only_diff, "simple", escape=False),
        "",
        *text_lines(comparison, words=words),
    ]
    return "\n".join(out) + "\n"


def render_markdown(comparison: Comparison, *, only_diff: bool = False, words: bool = False) -> str:
    """The comparison as GitHub-flavoured Markdown."""
    a, b = _label(comparison, "a"), _label(comparison, "b")
    out = [
        f"## `{a}` compared with `{b}`",
        "",
        f"- **A** (`{comparison.a.source.input}`): {verdict_line(comparison.a)}",
        *(f"  - {line}" for line in added_lines(comparison.a)),
        f"- **B** (`{comparison.b.source.input}`): {verdict_line(comparison.b)}",
        *(f"  - {line}" for line in added_lines(comparison.b)),
        "",
        summary(comparison),
        "",
        _table(comparison, only_diff, "github", escape=True),
        "",
        "```text",
        *text_lines(comparison, words=words),
        "```",
    ]
    return "\n".join(out) + "\n"


def _side(side: Side) -> dict[str, Any]:
    return {
        "present": side.present,
        "clause": side.clause,
        "params": dict(side.params),
        "evidence": side.evidence,
    }


def _text_diff(comparison: Comparison) -> list[dict[str, Any]] | None:
    if comparison.text is None:
        return None
    return [
        {
            "kind": c.kind,
            "a_ref": c.a_ref,
            "b_ref": c.b_ref,
            "heading": c.heading,
            "cosmetic": c.cosmetic,
            "words": [{"op": op, "text": t} for op, t in c.words],
        }
        for c in comparison.text.changes
    ]


def render_json(comparison: Comparison, *, only_diff: bool = False) -> str:
    """Schema licensecmp/compare/v1: both analyses, the rows and the summary."""
    return dumps(
        {
            "schema": SCHEMA,
            "a": analysis_dict(comparison.a),
            "b": analysis_dict(comparison.b),
            "summary": summary(comparison),
            "identical": comparison.identical,
            "text_diff": _text_diff(comparison),
            "outside_text": list(comparison.outside),
            "rows": [
                {
                    "flag": r.flag,
                    "kind": r.kind.value,
                    "differs": r.differs,
                    "a": _side(r.a),
                    "b": _side(r.b),
                }
                for r in _rows(comparison, only_diff)
            ],
        }
    )


def render_rich(
    comparison: Comparison,
    *,
    only_diff: bool = False,
    words: bool = False,
    width: int | None = None,
) -> str:
    """The comparison for a terminal: the same content, the table drawn by rich, in colour."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for header in (
        "kind",
        "flag",
        f"A: {_label(comparison, 'a')}",
        f"B: {_label(comparison, 'b')}",
    ):
        table.add_column(header, overflow="fold")
    for row in _rows(comparison, only_diff):
        style = "yellow" if row.differs else None
        table.add_row(row.kind.value, row.flag, _cell(row.a), _cell(row.b), style=style)
    console = Console(record=True, width=width, force_terminal=True, color_system="standard")
    with console.capture() as capture:
        console.print(
            f"A: {comparison.a.source.input}: {verdict_line(comparison.a)}",
            markup=False,
            highlight=False,
        )
        for line in added_lines(comparison.a):
            console.print(f"   {line}", markup=False, highlight=False)
        console.print(
            f"B: {comparison.b.source.input}: {verdict_line(comparison.b)}",
            markup=False,
            highlight=False,
        )
        for line in added_lines(comparison.b):
            console.print(f"   {line}", markup=False, highlight=False)
        console.print()
        console.print(summary(comparison), markup=False, highlight=False)
        console.print(table if table.row_count else "no differences")
        for line in text_lines(comparison, words=words):
            console.print(line, markup=False, highlight=False)
    return capture.get()
