"""`report --format json`, schema `licensecmp/report/v1`: the report's facts as data.

Each source holds its `licensecmp/analysis/v1` object under `analysis`, and beside it what
the report works out from it: the verdict in words, the duties, the ten OSD criteria, the
thresholds explained, the nearest OSI-approved license's delta and the knowledge-base notes.
"""

from __future__ import annotations

from typing import Any

from licensecmp import __version__
from licensecmp.render.json import analysis_dict, dumps
from licensecmp.report import Report, SourceReport

SCHEMA = "licensecmp/report/v1"


def _source(s: SourceReport) -> dict[str, Any]:
    osi = s.osi
    return {
        "title": s.title,
        "analysis": analysis_dict(s.analysis),
        "verdict": s.verdict,
        "duties": [{"text": d.text, "flag": d.flag, "clause": d.clause} for d in s.duties],
        "osd_criteria": [
            {
                "criterion": c.number,
                "name": c.name,
                "result": c.status,
                "flags": list(c.flags),
                "clauses": list(c.clauses),
            }
            for c in s.criteria
        ],
        "thresholds": [
            {
                "flag": t.flag,
                "clause": t.clause,
                "line": t.line,
                "counted": t.counted,
                "measured": t.measured,
                "boundary": t.boundary,
                "above": t.above,
            }
            for t in s.thresholds
        ],
        "nearest_osi": None
        if osi is None
        else {
            "id": osi.id,
            "similarity": osi.similarity,
            "adds": list(osi.adds),
            "removes": list(osi.removes),
            "flags_in_added": list(osi.added_flags),
        },
        "knowledge_notes": list(s.notes),
    }


def render(report: Report, *, date: str | None = None) -> str:
    """The report as deterministic JSON."""
    return dumps(
        {
            "schema": SCHEMA,
            "generator": f"licensecmp {__version__}",
            "date": date,
            "matrix": {
                "columns": list(report.columns),
                "rows": [
                    {"title": s.title, "cells": {c: report.cell(s, c) for c in report.columns}}
                    for s in report.sources
                ],
            },
            "sources": [_source(s) for s in report.sources],
        }
    )
