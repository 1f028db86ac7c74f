"""GitHub-flavoured Markdown output: verdict, a table of flags, the clause outline."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from licensecmp.analysis import Analysis
from licensecmp.render.common import (
    defined_note,
    format_params,
    identity_lines,
    shorten,
    verdict_line,
)
from licensecmp.render.text import clause_tree


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_one(analysis: Analysis, *, clauses: bool = False) -> str:
    """One analysis as a Markdown section."""
    out = [f"## `{_cell(analysis.source.input)}`", "", f"**{verdict_line(analysis)}**", ""]
    facts = identity_lines(analysis)
    if facts:
        out += [*(f"- {line}" for line in facts), ""]
    if analysis.flags:
        rows = [
            (
                f.kind.value,
                f"`{f.id}`",
                _cell(f.clause),
                _cell(format_params(f.params)),
                _cell(f"“{shorten(f.evidence, 200)}”{defined_note(f)}" if f.evidence else ""),
            )
            for f in analysis.flags
        ]
        out.append(
            tabulate(
                rows,
                headers=("kind", "flag", "clause", "params", "evidence"),
                tablefmt="github",
                disable_numparse=True,
            )
        )
    else:
        out.append("No flags found.")
    if clauses:
        out += [
            "",
            "### Clauses",
            "",
            "```",
            *clause_tree(analysis.clauses, analysis.clause_flags()),
            "```",
        ]
    return "\n".join(out) + "\n"


def render(analyses: Sequence[Analysis], *, clauses: bool = False) -> str:
    """Several analyses, one section each."""
    return "\n".join(render_one(a, clauses=clauses) for a in analyses)
