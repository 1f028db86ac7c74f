"""Build the identification data from the reference corpus (`make licenses-index`).

    python -m licensecmp.index_build .cache/corpus

reads every non-empty text of the corpus built by `make corpus`, in the normal form
the analyser sees, and writes `licensecmp/data/identify.bin`: per license its metadata
and token counts, the hash of its token sequence and its winnowed 5-gram fingerprints.
No text is written, only hashes. The output is byte-identical for the same corpus.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from licensecmp.errors import LicensecmpError
from licensecmp.identify import DATA_PATH, encode_index, exact_hash, shingles, winnow, words_of
from licensecmp.text import to_document


def index_entry(row: Mapping[str, Any], text: str) -> tuple[dict[str, Any], set[int]] | None:
    """The metadata and fingerprints of one normal-form text; None when it has no 5-gram."""
    words = words_of(text)
    prints = winnow(shingles(words))
    if not prints:
        return None
    entry = {
        "key": str(row["key"]),
        "name": str(row["name"]),
        "spdx": row.get("spdx_license_key") or None,
        "osi_approved": bool(row["osi_approved"]),
        "category": str(row.get("category") or ""),
        "tokens": len(words),
        "fingerprints": len(prints),
        "exact": exact_hash(words),
    }
    return entry, prints


def build(corpus: Path, out: Path = DATA_PATH) -> tuple[int, int]:
    """Write the data file for `corpus`; return (licenses indexed, bytes written)."""
    index_path = corpus / "index.json"
    if not index_path.exists():
        raise LicensecmpError(f"{index_path}: no corpus index; run `make corpus` first")
    rows = json.loads(index_path.read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = []
    fingerprints: list[set[int]] = []
    for row in sorted(rows, key=lambda r: str(r["key"])):
        key = str(row["key"])
        try:
            text = to_document((corpus / "texts" / f"{key}.txt").read_bytes(), key).text
        except (OSError, LicensecmpError):
            continue  # the empty placeholders of the database (`unknown`, `proprietary`, ...)
        found = index_entry(row, text)
        if found is not None:
            entries.append(found[0])
            fingerprints.append(found[1])
    data = encode_index(entries, fingerprints)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    return len(entries), len(data)


def main(argv: list[str]) -> int:
    """Command line: `python -m licensecmp.index_build CORPUS_DIR [OUT_FILE]`."""
    if len(argv) not in (1, 2):
        print("usage: python -m licensecmp.index_build CORPUS_DIR [OUT_FILE]", file=sys.stderr)
        return 2
    out = Path(argv[1]) if len(argv) == 2 else DATA_PATH
    try:
        count, size = build(Path(argv[0]), out)
    except LicensecmpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"identification data: {count} licenses, {size:,} bytes in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
