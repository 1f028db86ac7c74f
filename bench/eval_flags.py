"""Decision-flag precision and recall on a labelled set of license texts.

    python bench/eval_flags.py [--set fixtures/eval_flags] [--verbose]
    python bench/eval_flags.py --set ../shared/devset

A set is a folder of texts (`.txt` or `.md`) and a `gold.json` in the development
set's format: per text, the flags present, the `optional` ones (not scored) and the OSD
verdict. Decision flags (restrictions, licensor rights and the AI duties) are scored as
micro precision / recall / F1, and a text the labels call not conformant that the
analyser calls conformant is counted as a false "open". The held-out set
`fixtures/eval_flags` was written without reading the rules and is never tuned on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from licensecmp.sources import analyze_source
from licensecmp.taxonomy import FLAG_TYPES, Kind

DUTIES = {
    "attribution-display",
    "derivative-naming",
    "use-restrictions-passthrough",
    "registration-required",
}
DECISION = {
    flag_id
    for flag_id, flag_type in FLAG_TYPES.items()
    if flag_type.kind in (Kind.RESTRICTION, Kind.LICENSOR_RIGHT)
} | DUTIES


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=Path("fixtures/eval_flags"))
    ap.add_argument("--verbose", action="store_true", help="print every miss and extra")
    a = ap.parse_args()
    gold = json.loads((a.set / "gold.json").read_text("utf-8"))
    # the development set keeps its texts in a folder of their own
    folder = a.set / "texts" if (a.set / "texts").is_dir() else a.set
    files = {p.stem: p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.stem in gold}
    tp = fp = fn = false_open = 0
    per_flag: dict[str, list[int]] = {}
    for key in sorted(gold):
        labels = gold[key]
        analysis = analyze_source(str(files[key]))
        optional = set(labels.get("optional", []))
        got = {f.id for f in analysis.flags} & DECISION - optional
        want = set(labels["flags"]) & DECISION - optional
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        for flag_id in got | want:
            row = per_flag.setdefault(flag_id, [0, 0, 0])
            row[0 if flag_id in got & want else 1 if flag_id in got else 2] += 1
        if a.verbose and got != want:
            print(f"  {key}: missed {sorted(want - got)} extra {sorted(got - want)}")
        if not labels["osd_conformant"] and analysis.osd.conformant:
            false_open += 1
            print(f"  {key}: called conformant; the labels say not")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if a.verbose:
        for flag_id, (t, f, n) in sorted(per_flag.items()):
            print(f"  {flag_id:<30} found {t:>2}  extra {f:>2}  missed {n:>2}")
    closed = sum(1 for labels in gold.values() if not labels["osd_conformant"])
    print(
        f"{a.set.name}: decision-flag F1={f1:.3f} P={precision:.3f} R={recall:.3f}; "
        f"false open {false_open} of {closed}; n={len(gold)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
