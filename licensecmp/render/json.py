"""JSON output, schema `licensecmp/analysis/v1` (SPEC.md): one serialisation path."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from licensecmp.analysis import Analysis

SCHEMA = "licensecmp/analysis/v1"


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
    return {
        "schema": SCHEMA,
        "source": {
            "input": analysis.source.input,
            "kind": analysis.source.kind,
            "sha256": analysis.source.sha256,
        },
        "identified": None,
        "clauses": clauses,
        "flags": [
            {
                "id": f.id,
                "kind": f.kind.value,
                "clause": f.clause,
                "evidence": f.evidence,
                "start": f.start,
                "end": f.end,
                "params": dict(f.params),
                "osd": list(f.osd),
            }
            for f in analysis.flags
        ],
        "osd": {
            "conformant": analysis.conformant,
            "violations": [
                {"criterion": v.criterion, "flags": list(v.flags), "clauses": list(v.clauses)}
                for v in analysis.violations
            ],
        },
        "nearest_osi": None,
    }


def dumps(data: Any) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 kept readable."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render(analyses: Sequence[Analysis]) -> str:
    """One object for one analysis, an array in the given order for several."""
    items = [analysis_dict(a) for a in analyses]
    return dumps(items[0] if len(items) == 1 else items)
