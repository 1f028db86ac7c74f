"""Plain-text output for the terminal: verdict first, then the flags, then the clause tree."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from licensecmp.analysis import Analysis
from licensecmp.clauses import Clause
from licensecmp.render.common import (
    defined_note,
    format_params,
    identity_lines,
    shorten,
    unexplained_lines,
    verdict_line,
)
from licensecmp.verdict import Verdict


def _style(text: str, color: bool, **codes: int) -> str:
    if not color:
        return text
    code = codes.get("fg", 0)
    return f"\x1b[{code}m{text}\x1b[0m"


def clause_tree(
    clauses: Sequence[Clause], flags: dict[str, tuple[str, ...]], depth: int = 0
) -> list[str]:
    """The clause tree, one line per clause: ref, heading and the flags it holds."""
    lines = []
    for c in clauses:
        held = f"  [{', '.join(flags[c.ref])}]" if c.ref in flags else ""
        heading = f"  {c.heading}" if c.heading and c.heading != c.ref else ""
        lines.append(f"{'  ' * depth}{c.ref}{heading}{held}")
        lines.extend(clause_tree(c.children, flags, depth + 1))
    return lines


# green for open, red for not open, yellow for needs review
_COLOURS = {Verdict.CONFORMANT: 32, Verdict.NOT_CONFORMANT: 31, Verdict.UNDETERMINED: 33}


def render_one(analysis: Analysis, *, clauses: bool = False, color: bool = False) -> str:
    """One analysis as text."""
    verdict = verdict_line(analysis)
    out = [
        f"{analysis.source.input}",
        _style(verdict, color, fg=_COLOURS[analysis.osd.verdict]),
        *identity_lines(analysis),
    ]
    unexplained = unexplained_lines(analysis)
    if unexplained:
        out += ["", "Sentences to review (they limit the licensee; no flag explains them):"]
        out += [f"  {line}" for line in unexplained]
    if analysis.flags:
        rows = [
            (
                f.kind.value,
                f.id,
                f.clause,
                format_params(f.params),
                shorten(f.evidence, 90) + defined_note(f, 60),
            )
            for f in analysis.flags
        ]
        out += [
            "",
            tabulate(
                rows,
                headers=("kind", "flag", "clause", "params", "evidence"),
                tablefmt="simple",
                maxcolwidths=[None, None, 14, 36, 60],
                disable_numparse=True,
            ),
        ]
    else:
        out += ["", "no flags found"]
    if clauses:
        out += ["", "Clauses:", *clause_tree(analysis.clauses, analysis.clause_flags())]
    return "\n".join(out) + "\n"


def render(analyses: Sequence[Analysis], *, clauses: bool = False, color: bool = False) -> str:
    """Several analyses, separated by a blank line."""
    return "\n".join(render_one(a, clauses=clauses, color=color) for a in analyses)
