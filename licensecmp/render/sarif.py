"""`check --format sarif`: SARIF 2.1.0 for code scanning.

One rule per flag of the taxonomy (with its meaning, OSD criterion and what to do as
help) and per policy code; one result per failing or warning reason, located at the
file and line of its evidence, so GitHub code scanning annotates the LICENSE line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from licensecmp import __version__
from licensecmp.analysis import FINDING_KINDS
from licensecmp.gate import Gate, Location
from licensecmp.policy import Level, Reason
from licensecmp.render.json import dumps
from licensecmp.taxonomy import OSD_CRITERIA, TAXONOMY, Kind

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/licensecmp/licensecmp"

_ADVICE = {
    Kind.RESTRICTION: "Read the clause: it limits who may use the material, for what, or "
    "whether it may be shared or changed. Adopt only after review; record a reviewed "
    "[[exception]] in the policy when the organisation accepts it.",
    Kind.LICENSOR_RIGHT: "The licensor keeps a right over your use; weigh the risk and "
    "record the decision.",
    Kind.CONDITION: "A duty you take on when you use or distribute the material.",
    Kind.PERMISSION: "A right the license grants.",
    Kind.LIMITATION: "A limit of the license's grant or of the licensor's liability.",
    Kind.INFO: "Information about the license.",
}
_CODES = {
    "unknown-license": "No known license was identified and the text restricts use, or "
    "there is no text to read.",
    "forbidden-license": "The license is in the policy's `forbid` list.",
    "not-osd-conformant": "The policy sets `require-osi` and the license is not OSD-conformant.",
    "expired-exception": "The exception that waived this has expired.",
    "undetermined": "The OSD verdict is undetermined: the text grants nothing licensecmp "
    "recognises, or sentences limit the licensee that no flag explains. Read them.",
    "not-open-license": "The license is not OSD-conformant although no restriction flag says "
    "why: a known license that is not open source, or a freedom the text never grants.",
    "not-licensed": "Our users, revenue or regions fall past a threshold or inside an "
    "excluded region: the license does not license us.",
}


def _rules() -> list[dict[str, Any]]:
    rules = []
    for t in TAXONOMY:
        osd = f" It breaks OSD criterion {t.osd} ({OSD_CRITERIA[t.osd]})." if t.osd else ""
        text = f"{t.kind.value}: {t.meaning}.{osd} {_ADVICE[t.kind]}"
        rules.append(
            {
                "id": t.id,
                "name": "".join(w.capitalize() for w in t.id.split("-")),
                "shortDescription": {"text": t.meaning},
                "fullDescription": {"text": text},
                "help": {"text": text, "markdown": f"**{t.id}** ({t.kind.value}): {text}"},
                "defaultConfiguration": {
                    "level": "error" if t.kind is Kind.RESTRICTION else "warning"
                },
                "properties": {"tags": ["license", t.kind.value]},
            }
        )
    findings = ((k.id, k.meaning) for k in FINDING_KINDS.values())
    for rule_id, text in (*_CODES.items(), *findings):
        rules.append(
            {
                "id": rule_id,
                "name": "".join(w.capitalize() for w in rule_id.split("-")),
                "shortDescription": {"text": text},
                "fullDescription": {"text": text},
                "help": {"text": text, "markdown": f"**{rule_id}**: {text}"},
                "defaultConfiguration": {"level": "error"},
                "properties": {"tags": ["license", "policy"]},
            }
        )
    return rules


def rule_id(reason: Reason) -> str:
    """The rule a reason reports under: its flag, its finding kind, or its policy code."""
    if reason.flag:
        return reason.flag
    if reason.code == "finding" and reason.finding:
        return reason.finding
    return reason.code


def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p.as_uri()
    return p.as_posix().removeprefix("./")


def _location(where: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(where.path), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": where.line, "startColumn": where.column},
        }
    }


def render(gate: Gate) -> str:
    """The run as a SARIF 2.1.0 log with one run."""
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for judged in gate.judged:
        for reason, where in zip(judged.verdict.reasons, judged.locations, strict=True):
            if reason.level is Level.PASS:
                continue
            rid = rule_id(reason)
            result: dict[str, Any] = {
                "ruleId": rid,
                "level": "error" if reason.level is Level.FAIL else "warning",
                "message": {"text": f"{judged.subject}: {reason.message}"},
                "properties": {"subject": judged.subject, "code": reason.code},
            }
            if rid in index:
                result["ruleIndex"] = index[rid]
            if where is not None:
                result["locations"] = [_location(where)]
            results.append(result)
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "licensecmp",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFO_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return dumps(log)
