"""JSON output, schema `licensecmp/analysis/v1` (SPEC.md): one serialisation path."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from licensecmp.analysis import Analysis, Flag, Identified

SCHEMA = "licensecmp/analysis/v1"


def _passages(found: Identified) -> list[dict[str, Any]]:
    return [{"start": p.start, "end": p.end, "text": p.text} for p in found.added]


def _identified(found: Identified | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "id": found.id,
        "name": found.name,
        "spdx": found.spdx,
        "similarity": found.similarity,
        "osi_approved": found.osi_approved,
        "category": found.category,
        "added": _passages(found),
    }


def _closest(found: Identified | None) -> dict[str, Any] | None:
    """The closest known license of a text too far from it to be identified as it."""
    data = _identified(found)
    return {k: data[k] for k in ("id", "name", "similarity", "category")} if data else None


def _nearest(found: Identified | None) -> dict[str, Any] | None:
    """The nearest OSI-approved license: as `identified`, without the fields it implies."""
    data = _identified(found)
    return {k: data[k] for k in ("id", "name", "similarity", "added")} if data else None


def osd_dict(analysis: Analysis) -> dict[str, Any]:
    """The three-valued verdict with its basis and reasons (SPEC.md, "OSD verdict")."""
    osd = analysis.osd
    return {
        "verdict": osd.verdict.value,
        "conformant": osd.conformant,
        "basis": osd.basis,
        "summary": osd.summary,
        "violations": [
            {"criterion": v.criterion, "flags": list(v.flags), "clauses": list(v.clauses)}
            for v in osd.violations
        ],
        "missing": [{"criterion": m.criterion, "freedom": m.freedom} for m in osd.missing],
        "unexplained": [
            {"clause": u.clause, "start": u.start, "end": u.end, "text": u.text}
            for u in osd.unexplained
        ],
    }


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as the plain data of the JSON schema."""
    in_clause = analysis.clause_flags()
    clauses = []

    def walk(nodes: Sequence[Any], parent: str | None) -> None:
        for c in nodes:
            clauses.append(
                {
                    "ref": c.ref,
                    "heading": c.heading,
                    "start": c.start,
                    "end": c.end,
                    "parent": parent,
                    "flags": list(in_clause.get(c.ref, ())),
                }
            )
            walk(c.children, c.ref)

    walk(analysis.clauses, None)
    identified = _identified(analysis.identified)
    return {
        "schema": SCHEMA,
        "source": {
            "input": analysis.source.input,
            "kind": analysis.source.kind,
            "sha256": analysis.source.sha256 or None,
        },
        "identified": identified,
        "closest": _closest(analysis.closest),
        "clauses": clauses,
        "flags": [_flag(f) for f in analysis.flags],
        "osd": osd_dict(analysis),
        "nearest_osi": _nearest(analysis.nearest_osi),
        "findings": [{"kind": f.kind, "message": f.message} for f in analysis.findings],
    }


def _flag(f: Flag) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f.id,
        "kind": f.kind.value,
        "clause": f.clause,
        "evidence": f.evidence,
        "start": f.start,
        "end": f.end,
        "params": dict(f.params),
        "osd": list(f.osd),
    }
    if f.defined is not None:
        # read with the definition of a term: cite both clauses
        d = f.defined
        out["defined"] = {
            "term": d.term,
            "clause": d.clause,
            "start": d.start,
            "end": d.end,
            "text": d.text,
        }
    return out


def dumps(data: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 kept readable."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render(analyses: Sequence[Analysis]) -> str:
    """One object for one analysis, an array in the given order for several."""
    items = [analysis_dict(a) for a in analyses]
    return dumps(items[0] if len(items) == 1 else items)
