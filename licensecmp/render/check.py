"""`check` output for people: one line per subject, and the Markdown job summary.

Text: `FAIL  models/x  llama-3.1  user-threshold (2): denied …; …`, then one line of
totals; stale exceptions are listed after it. The summary (for `$GITHUB_STEP_SUMMARY`)
is a Markdown table of the same facts.
"""

from __future__ import annotations

from licensecmp.gate import Gate, Judged
from licensecmp.policy import Level, Reason
from licensecmp.render.writing import shown

_LABEL = {Level.PASS: "PASS", Level.WARN: "WARN", Level.FAIL: "FAIL"}
_COLOUR = {Level.PASS: 32, Level.WARN: 33, Level.FAIL: 31}  # green, yellow, red
_ICON = {Level.PASS: "✅ pass", Level.WARN: "⚠️ warn", Level.FAIL: "❌ fail"}


def reported(judged: Judged) -> tuple[Reason, ...]:
    """The reasons worth reading: what fails or warns, or else why it passed."""
    loud = tuple(r for r in judged.verdict.reasons if r.level is not Level.PASS)
    return loud or judged.verdict.reasons


def totals(gate: Gate) -> str:
    """`3 subjects: 1 passed, 1 warned, 1 failed`, plus stale exceptions."""
    levels = [j.verdict.level for j in gate.judged]
    parts = [
        f"{levels.count(Level.PASS)} passed",
        f"{levels.count(Level.WARN)} warned",
        f"{levels.count(Level.FAIL)} failed",
    ]
    line = f"{len(levels)} subject{'s' if len(levels) != 1 else ''}: {', '.join(parts)}"
    if gate.ignored:
        line += f"; {len(gate.ignored)} ignored"
    if gate.result.stale:
        line += f"; {len(gate.result.stale)} stale exception(s)"
    return line


def _policy_name(gate: Gate) -> str:
    path = gate.result.policy.path
    if path:
        return str(path)
    return (
        "the default policy (deny restrictions, unknown and not-open terms; warn licensor rights)"
    )


def render_text(
    gate: Gate, *, color: bool = False, quiet: bool = False, warnings_fail: bool = False
) -> str:
    """One line per subject with its level and reasons, then the totals; `color` paints
    the levels (for a terminal); `quiet` leaves out the subjects that pass;
    `warnings_fail` (`--fail-on warning`) makes a warning fail the run."""
    shown_judged = [j for j in gate.judged if not quiet or j.verdict.level is not Level.PASS]
    width = max((len(shown(j.subject)) for j in shown_judged), default=0)
    lines = []
    for judged in shown_judged:
        verdict = judged.verdict
        reasons = shown("; ".join(r.message for r in reported(judged)))
        license = shown(verdict.license or "unknown")
        label = _LABEL[verdict.level]
        if color:
            label = f"\x1b[{_COLOUR[verdict.level]}m{label}\x1b[0m"
        lines.append(
            f"{label}  {shown(judged.subject):<{width}}  {license}"
            + (f"  {reasons}" if reasons else "")
        )
    for stale in gate.result.stale:
        lines.append(f"STALE {shown(stale.describe())}: waived nothing in this run")
    warned = any(j.verdict.level is Level.WARN for j in gate.judged)
    passed = gate.passed and not (warnings_fail and warned)
    outcome = "passed" if passed else "FAILED"
    because = "; warnings fail under --fail-on warning" if gate.passed and not passed else ""
    lines.append(f"check {outcome} ({totals(gate)}{because}) under {_policy_name(gate)}")
    return "\n".join(lines) + "\n"


def render_csv(gate: Gate) -> str:
    """One row per subject (RFC 4180): subject, result, license, reasons; a header first.
    Fields that a spreadsheet would run as a formula (=, +, -, @) start with a quote."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["subject", "result", "license", "reasons"])
    for judged in gate.judged:
        reasons = "; ".join(r.message for r in reported(judged))
        row = [judged.subject, _LABEL[judged.verdict.level].lower(), judged.verdict.license or ""]
        writer.writerow([_no_formula(shown(field)) for field in [*row, reasons]])
    return out.getvalue()


def _no_formula(field: str) -> str:
    return "'" + field if field[:1] in ("=", "+", "-", "@") else field


def _cell(text: str) -> str:
    return shown(" ".join(text.split())).replace("|", "\\|")


def render_summary(gate: Gate) -> str:
    """A Markdown summary for a CI job page: the verdict, a table, stale exceptions."""
    head = "✅ passed" if gate.passed else "❌ failed"
    out = [
        f"## licensecmp check {head}",
        "",
        f"{_cell(totals(gate))}, under {_cell(_policy_name(gate))}.",
        "",
        "| subject | result | license | reasons |",
        "| --- | --- | --- | --- |",
    ]
    for judged in gate.judged:
        reasons = "<br>".join(_cell(r.message) for r in reported(judged)) or "—"
        out.append(
            f"| `{_cell(judged.subject)}` | {_ICON[judged.verdict.level]} | "
            f"{_cell(judged.verdict.license or 'unknown')} | {reasons} |"
        )
    if gate.result.stale:
        out += ["", "Stale exceptions (they waived nothing in this run):", ""]
        out += [f"- {_cell(e.describe())}" for e in gate.result.stale]
    return "\n".join(out) + "\n\n"
