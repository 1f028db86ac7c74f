"""Output of `compare`: verdicts, a one-sentence summary, and the table of flags."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from licensecmp.compare import Comparison, Row, Side, summary
from licensecmp.render.common import added_lines, format_params, verdict_line
from licensecmp.render.json import analysis_dict, dumps

SCHEMA = "licensecmp/compare/v1"


def _label(comparison: Comparison, side: str) -> str:
    analysis = comparison.a if side == "a" else comparison.b
    return analysis.identified.id if analysis.identified else analysis.source.input


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
    return tabulate(rows, headers=headers, tablefmt=fmt, maxcolwidths=None if escape else widths)


def render_text(comparison: Comparison, *, only_diff: bool = False) -> str:
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
    ]
    return "\n".join(out) + "\n"


def render_markdown(comparison: Comparison, *, only_diff: bool = False) -> str:
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
    ]
    return "\n".join(out) + "\n"


def _side(side: Side) -> dict[str, Any]:
    return {
        "present": side.present,
        "clause": side.clause,
        "params": dict(side.params),
        "evidence": side.evidence,
    }


def render_json(comparison: Comparison, *, only_diff: bool = False) -> str:
    """Schema licensecmp/compare/v1: both analyses, the rows and the summary."""
    return dumps(
        {
            "schema": SCHEMA,
            "a": analysis_dict(comparison.a),
            "b": analysis_dict(comparison.b),
            "summary": summary(comparison),
            "identical": comparison.identical,
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
