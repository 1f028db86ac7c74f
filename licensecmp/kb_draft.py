"""Maintainer tool: draft the `[[flag]]` tables of a `licenses/` entry from a corpus text.

`python -m licensecmp.kb_draft SCANCODE_KEY [--corpus .cache/corpus]` prints the flags the
analyser finds in the corpus text of that key, in the TOML form of `licenses/*.toml`, each
with its evidence as a comment. A draft to read against the text, never to paste unread:
the knowledge base records what the text truly says, and the analyser must then agree.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from licensecmp.analysis import Analysis
from licensecmp.errors import LicensecmpError

DEFAULT_CORPUS = Path(".cache") / "corpus"


def _toml_value(value: Any) -> str:
    """A param value as TOML: booleans, integers with `_` every three digits, strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _inline_table(params: Mapping[str, Any]) -> str:
    return "{ " + ", ".join(f"{key} = {_toml_value(params[key])}" for key in params) + " }"


def draft(analysis: Analysis) -> str:
    """The `[[flag]]` tables of an entry for the flags of `analysis`, in taxonomy order."""
    tables = []
    for flag in analysis.flags:
        evidence = " ".join(flag.evidence.split())
        if len(evidence) > 90:
            evidence = evidence[:87] + "..."
        lines = [f"# evidence: {evidence}", "[[flag]]", f'id = "{flag.id}"']
        if flag.clause:
            lines.append(f"clause = {_toml_value(flag.clause)}")
        if flag.params:
            lines.append(f"params = {_inline_table(flag.params)}")
        tables.append("\n".join(lines))
    return "\n\n".join(tables) + ("\n" if tables else "")


def draft_key(key: str, corpus: Path = DEFAULT_CORPUS) -> str:
    """The draft for the corpus text of ScanCode key `key` (see `draft`)."""
    from licensecmp.sources import analyze_bytes

    path = corpus / "texts" / f"{key}.txt"
    if not path.is_file():
        raise LicensecmpError(f"{path}: no corpus text for key {key!r}; run `make corpus`")
    return draft(analyze_bytes(path.read_bytes(), key))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the draft for one key; a clear one-line error and exit code 2 on failure."""
    parser = argparse.ArgumentParser(
        prog="python -m licensecmp.kb_draft",
        description="Print the flags of a corpus text as [[flag]] tables for licenses/.",
    )
    parser.add_argument("key", help="ScanCode key of the text, e.g. llama-3.1-license-2024")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus directory")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(draft_key(args.key, args.corpus))
    except LicensecmpError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
