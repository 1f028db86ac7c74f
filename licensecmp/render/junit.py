"""`check --format junit`: JUnit XML, one test case per subject.

A failing subject carries a <failure> with every failing reason; warnings go to
<system-out>, so CI test views list each model with its verdict.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from licensecmp.gate import Gate
from licensecmp.policy import Level


def render(gate: Gate) -> str:
    """The run as a JUnit XML document (one <testsuite> named `licensecmp check`)."""
    judged = gate.judged
    failures = sum(1 for j in judged if j.verdict.level is Level.FAIL)
    suites = ET.Element(
        "testsuites", name="licensecmp", tests=str(len(judged)), failures=str(failures)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="licensecmp check",
        tests=str(len(judged)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for j in judged:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"licensecmp.check.{j.kind}",
            name=j.subject,
        )
        failing = [r for r in j.verdict.reasons if r.level is Level.FAIL]
        if failing:
            failure = ET.SubElement(
                case,
                "failure",
                message="; ".join(r.message for r in failing),
                type=failing[0].code,
            )
            failure.text = "\n".join(
                f"{r.code}: {r.message}" + (f" [{w.path}:{w.line}]" if w else "")
                for r, w in zip(j.verdict.reasons, j.locations, strict=True)
                if r.level is Level.FAIL
            )
        notes = [
            f"{r.level.value} {r.code}: {r.message}"
            for r in j.verdict.reasons
            if r.level is not Level.FAIL
        ]
        if notes:
            ET.SubElement(case, "system-out").text = "\n".join(notes)
    if gate.result.stale:
        ET.SubElement(suite, "system-out").text = "\n".join(
            f"stale: {e.describe()}" for e in gate.result.stale
        )
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
