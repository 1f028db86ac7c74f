"""`make bench`: `licensecmp check` on large SBOMs (issue 13), one fresh process each.

Generates, in a temporary directory, an SPDX 2.3 JSON document of N packages and a
CycloneDX 1.6 JSON BOM of N components (some nested, some `machine-learning-model`
components, license ids, names, expressions and base64 texts; a few broken expressions
and undefined LicenseRefs), and times `licensecmp check` on each: wall time of the whole
command, best of R runs. Every package is a subject, so the license-expression index must
be built once per process, not once per expression.

Verdict per document: `ok` within the target (5 s), else `SLOW` and exit status 1.

    python bench/sbom_speed.py [--packages 2000] [--runs 3] [--target 5] [--lcmp PATH]
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

LICENSES = (
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause OR MIT",
    "Apache-2.0 AND MIT",
    "ISC",
    "CC-BY-NC-4.0",
    "GPL-2.0-only",
    "LicenseRef-acme-weights",
)
BROKEN = ("LGPL-2.1, GPL-2.0, GPL-3.0", "LicenseRef-undefined")
ACME = (
    "Acme Weights License\n\n1. You may use, copy and modify the weights.\n\n"
    "2. You may not use the weights to train other models.\n"
)


def _license(i: int) -> str:
    return BROKEN[i % 2] if i % 97 == 0 else LICENSES[i % len(LICENSES)]


def spdx2(n: int) -> dict[str, Any]:
    """An SPDX 2.3 JSON document of n packages (two versions of some names)."""
    packages = [
        {
            "SPDXID": f"SPDXRef-pkg-{i}",
            "name": f"pkg-{i // 2}",
            "versionInfo": f"1.{i % 2}.0",
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": False,
            "licenseConcluded": _license(i),
            "licenseDeclared": _license(i),
            "externalRefs": [
                {
                    "referenceCategory": "PACKAGE-MANAGER",
                    "referenceType": "purl",
                    "referenceLocator": f"pkg:pypi/pkg-{i // 2}@1.{i % 2}.0",
                }
            ],
        }
        for i in range(n)
    ]
    return {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "bench-stack",
        "documentNamespace": "https://bench.example/spdx/stack-1",
        "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: bench"]},
        "packages": packages,
        "hasExtractedLicensingInfos": [
            {"licenseId": "LicenseRef-acme-weights", "name": "Acme", "extractedText": ACME}
        ],
    }


def _entry(i: int) -> dict[str, Any]:
    kind = i % 5
    if kind == 0:
        return {"expression": _license(i)}
    if kind == 1:
        return {"license": {"name": "MIT"}}
    if kind == 2:
        content = base64.b64encode(ACME.encode()).decode()
        return {"license": {"name": "Acme", "text": {"content": content, "encoding": "base64"}}}
    return {"license": {"id": ("MIT", "Apache-2.0", "CC-BY-NC-4.0")[i % 3]}}


def cyclonedx(n: int) -> dict[str, Any]:
    """A CycloneDX 1.6 JSON BOM of n components: every tenth holds a nested one."""
    components: list[dict[str, Any]] = []
    i = 0
    while i < n:
        component: dict[str, Any] = {
            "type": "machine-learning-model" if i % 50 == 0 else "library",
            "bom-ref": f"ref-{i}",
            "name": f"comp-{i // 2}",
            "version": f"2.{i % 2}",
            "purl": f"pkg:npm/comp-{i // 2}@2.{i % 2}",
            "licenses": [_entry(i)],
        }
        if i % 50 == 0:
            component["modelCard"] = {"modelParameters": {"task": "text-generation"}}
        i += 1
        if i % 10 == 0 and i < n:
            component["components"] = [
                {"type": "library", "bom-ref": f"ref-{i}", "name": f"part-{i}", "licenses": []}
            ]
            i += 1
        components.append(component)
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": components}


def best_of(command: list[str], runs: int) -> tuple[float, int, str]:
    """The best wall time of `runs` fresh processes, the exit status and the summary line."""
    best, code, summary = float("inf"), -1, ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        best = min(best, time.perf_counter() - started)
        code = done.returncode
        lines = done.stdout.strip().splitlines() or done.stderr.strip().splitlines() or [""]
        summary = lines[-1]
    return best, code, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--target", type=float, default=5.0)
    default = shutil.which("licensecmp") or str(Path(sys.executable).parent / "licensecmp")
    parser.add_argument("--lcmp", default=default, help="the licensecmp command")
    args = parser.parse_args()
    slow = False
    summaries = []
    with tempfile.TemporaryDirectory(prefix="sbom-speed-") as folder:
        documents = {
            f"SPDX 2.3 JSON, {args.packages:,} packages": ("stack.spdx.json", spdx2),
            f"CycloneDX 1.6 JSON, {args.packages:,} components": ("bom.json", cyclonedx),
        }
        print(f"| document | `check`, best of {args.runs} | exit | target |")
        print("| --- | --- | --- | --- |")
        for label, (name, make) in documents.items():
            path = Path(folder) / name
            path.write_text(json.dumps(make(args.packages), indent=1), encoding="utf-8")
            command = [args.lcmp, "check", "--today", "2026-11-28", str(path)]
            seconds, code, summary = best_of(command, args.runs)
            verdict = "ok" if seconds <= args.target and code in (0, 1) else "SLOW"
            slow |= verdict != "ok"
            print(f"| {label} | {seconds:.2f} s | {code} | <= {args.target:g} s: {verdict} |")
            summaries.append(f"{label}: {summary}")
    print("\n".join(["", *summaries]))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
