"""`check --format sarif`: SARIF 2.1.0 for code scanning.

One rule per flag of the taxonomy (with its meaning, OSD criterion and what to do as
help) and per policy code; one result per failing or warning reason, located at the
file and line of its evidence, so GitHub code scanning annotates the LICENSE line.

What code scanning needs beyond the schema: every result has a location (a subject named
by a license id points at the policy line that lists it, or at the policy file, or, with
no policy file, at the id itself); URIs are relative to the repository root
(`%SRCROOT%`, given in `originalUriBaseIds`) and percent-encoded; `partialFingerprints`
stay the same from run to run for the same subject, rule and clause, so an alert is
tracked rather than opened again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

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


# How loud a flag's rule is by default: a permission or an information is no warning.
_KIND_LEVEL = {
    Kind.RESTRICTION: "error",
    Kind.LICENSOR_RIGHT: "warning",
    Kind.CONDITION: "note",
    Kind.LIMITATION: "note",
    Kind.PERMISSION: "none",
    Kind.INFO: "none",
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
                "helpUri": f"{INFO_URI}#{t.id}",
                "defaultConfiguration": {"level": _KIND_LEVEL[t.kind]},
                "properties": {"tags": ["license", t.kind.value], "precision": "high"},
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
                "helpUri": f"{INFO_URI}#{rule_id}",
                "defaultConfiguration": {"level": "error"},
                "properties": {"tags": ["license", "policy"], "precision": "medium"},
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


def repository_root(start: Path | None = None) -> Path:
    """The root URIs are relative to: $GITHUB_WORKSPACE in a GitHub job, else the nearest
    folder above the working directory that holds `.git`, else the working directory."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        return Path(workspace).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _uri(path: str, root: Path) -> tuple[str, bool]:
    """A path as a percent-encoded URI relative to `root`, and whether it is relative."""
    p = Path(path)
    absolute = p if p.is_absolute() else Path.cwd() / p
    try:
        relative = absolute.resolve().relative_to(root)
    except (ValueError, OSError):
        return absolute.as_uri(), False
    return quote(relative.as_posix(), safe="/"), True


def _location(where: Location, root: Path) -> dict[str, Any]:
    uri, relative = _uri(where.path, root)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": where.line,
                "startColumn": where.column,
                "endLine": where.end_line or where.line,
                **({"endColumn": where.end_column} if where.end_column else {}),
            },
        }
    }


def _stand_in(gate: Gate, subject: str) -> Location:
    """Where a result with no file of its own is shown: the policy line that names the
    subject, else the policy's first line; with no policy file, the subject itself."""
    path = gate.result.policy.path
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        for number, line in enumerate(lines, 1):
            if subject in line:
                return Location(str(path), number, line.index(subject) + 1)
        return Location(str(path), 1)
    return Location(subject, 1)


def _fingerprint(subject: str, rule: str, reason: Reason) -> str:
    """Stable across runs for the same subject, rule and clause (not the line: a license
    edited above the clause keeps its alert)."""
    key = "\0".join((subject, rule, reason.clause or reason.message))
    return hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()[:32]


def render(gate: Gate) -> str:
    """The run as a SARIF 2.1.0 log with one run."""
    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    root = repository_root()
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
            result["locations"] = [_location(where or _stand_in(gate, judged.subject), root)]
            result["partialFingerprints"] = {
                "licensecmp/v1": _fingerprint(judged.subject, rid, reason)
            }
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
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root.as_uri() + "/"}},
            }
        ],
    }
    return dumps(log)
