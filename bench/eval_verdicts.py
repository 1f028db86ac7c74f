"""The OSD verdict on the evaluation licenses of fixtures/eval (our own words, blind to the rules).

    python bench/eval_verdicts.py [--lcmp PATH] [--set fixtures/tuning]

Prints each file's class and verdict, then the two figures the verdict must earn: no
restrictive text called conformant, and how many permissive texts are conformant.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

EVAL = Path(__file__).resolve().parent.parent / "fixtures" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lcmp", default=shutil.which("licensecmp") or ".venv/bin/licensecmp")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--set", type=Path, default=EVAL, help="another set laid out the same way")
    a = ap.parse_args()
    expected = tomllib.loads((a.set / "expected.toml").read_text("utf-8"))
    names = sorted(expected)
    # a table is named by the file, with or without its suffix
    paths = [
        str(a.set / n) if (a.set / n).is_file() else str(next(a.set.glob(f"{n}.*"))) for n in names
    ]
    done = subprocess.run(
        [a.lcmp, "analyze", "--format", "json", *paths], capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"analyze failed: {done.stderr.strip()[-300:]}")
        return 2
    results = json.loads(done.stdout)
    false_open, open_ok, n_open, n_closed = [], 0, 0, 0
    for name, result in zip(names, results, strict=True):
        osd = result.get("osd", {})
        verdict = osd.get("verdict") or ("conformant" if osd.get("conformant") else "not")
        cls = expected[name]["class"]
        if a.verbose:
            print(f"  {name:<40} {cls:<12} {verdict}")
        if cls == "restrictive":
            n_closed += 1
            if osd.get("conformant"):
                false_open.append(name)
        else:
            n_open += 1
            open_ok += bool(osd.get("conformant"))
    print(
        f"eval: restrictive called conformant {len(false_open)} of {n_closed}; "
        f"permissive conformant {open_ok} of {n_open}"
    )
    for name in false_open:
        print(f"  false open: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
