"""`check --format json`, schema `licensecmp/check/v1` (SPEC.md, "JSON output").

Each result is the subject's `licensecmp/analysis/v1` object (null fields for an SBOM's
package or component, judged license by license, which `source.component` names) with
the policy's verdict under `policy`.
"""

from __future__ import annotations

from typing import Any

from licensecmp.gate import Gate, Judged
from licensecmp.policy import Reason, Verdict
from licensecmp.render.json import analysis_dict, dumps

SCHEMA = "licensecmp/check/v1"


def _reason(reason: Reason, judged: Judged | None, index: int) -> dict[str, Any]:
    where = judged.locations[index] if judged is not None else None
    return {
        "level": reason.level.value,
        "code": reason.code,
        "message": reason.message,
        "flag": reason.flag,
        "clause": reason.clause,
        "evidence": reason.evidence,
        "finding": reason.finding,
        "exception": reason.exception,
        "location": None
        if where is None
        else {"path": where.path, "line": where.line, "column": where.column},
    }


def _verdict(verdict: Verdict, judged: Judged | None = None) -> dict[str, Any]:
    return {
        "subject": verdict.subject,
        "level": verdict.level.value,
        "license": verdict.license,
        "reasons": [_reason(r, judged, i) for i, r in enumerate(verdict.reasons)],
        "parts": [_verdict(p) for p in verdict.parts],
    }


def _result(judged: Judged) -> dict[str, Any]:
    if judged.analysis is not None:
        data = analysis_dict(judged.analysis)
    else:
        data = {
            "schema": "licensecmp/analysis/v1",
            "source": {"input": judged.source, "kind": judged.kind, "sha256": None},
            "identified": None,
            "closest": None,
            "clauses": [],
            "flags": [],
            "osd": None,
            "nearest_osi": None,
            "findings": [],
        }
    if judged.component is not None:  # an SBOM's component: name, version, purl, ref, type
        data["source"]["component"] = dict(judged.component)
    data["policy"] = _verdict(judged.verdict, judged)
    return data


def render(gate: Gate) -> str:
    """The whole run as deterministic JSON."""
    policy = gate.result.policy
    return dumps(
        {
            "schema": SCHEMA,
            "passed": gate.passed,
            "policy": str(policy.path) if policy.path else None,
            "results": [_result(j) for j in gate.judged],
            "ignored": list(gate.ignored),
            "stale_exceptions": [
                {
                    "index": e.index,
                    "source": e.source,
                    "flags": list(e.flags),
                    "reason": e.reason,
                    "expires": e.expires.isoformat() if e.expires else None,
                }
                for e in gate.result.stale
            ],
        }
    )
