"""Output of `identify` and `licenses list|show`: candidates and knowledge-base entries."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tabulate import tabulate

from licensecmp.knowledge import Entry
from licensecmp.render.common import format_params
from licensecmp.render.json import dumps
from licensecmp.taxonomy import Kind, flag_type


def candidates_table(source: str, candidates: Sequence[Any], best: Any, fmt: str) -> str:
    """The candidates of `identify` as a table, with the verdict above it."""
    head = (
        f"{source}: {best.key} ({best.name})"
        if best is not None
        else f"{source}: no known license is close enough"
    )
    rows = [
        (c.key, c.name, c.spdx or "", "yes" if c.osi_approved else "no", f"{c.similarity:.4f}")
        for c in candidates
    ]
    table = tabulate(
        rows,
        headers=("key", "name", "spdx", "osi", "similarity"),
        tablefmt=fmt,
        disable_numparse=True,
    )
    return f"{head}\n\n{table}\n"


def candidates_json(source: str, candidates: Sequence[Any], best: Any) -> str:
    """The candidates of `identify` as JSON (schema licensecmp/identify/v1)."""
    return dumps(
        {
            "schema": "licensecmp/identify/v1",
            "source": source,
            "identified": best.key if best is not None else None,
            "candidates": [
                {
                    "key": c.key,
                    "name": c.name,
                    "spdx": c.spdx,
                    "osi_approved": c.osi_approved,
                    "similarity": c.similarity,
                }
                for c in candidates
            ],
        }
    )


def _restrictions(entry: Entry) -> str:
    parts = []
    for f in entry.flags:
        if flag_type(f.id).kind in (Kind.RESTRICTION, Kind.LICENSOR_RIGHT):
            parts.append(f.id)
    return ", ".join(parts)


def entries_table(entries: Sequence[Entry], fmt: str) -> str:
    """`licenses list`: one row per entry."""
    rows = [(e.id, e.name, e.category, e.spdx, _restrictions(e)) for e in entries]
    return (
        tabulate(
            rows,
            headers=("id", "name", "category", "spdx", "restrictions and licensor rights"),
            tablefmt=fmt,
            disable_numparse=True,
        )
        + "\n"
    )


def entry_dict(entry: Entry) -> dict[str, Any]:
    """Everything an entry records, as plain data."""
    return {
        "id": entry.id,
        "kind": entry.kind,
        "name": entry.name,
        "category": entry.category,
        "osi_approved": entry.osi_approved,
        "version": entry.version,
        "family": entry.family,
        "spdx": entry.spdx,
        "scancode": entry.scancode,
        "huggingface": list(entry.huggingface),
        "aliases": list(entry.aliases),
        "url": entry.url,
        "released": entry.released.isoformat() if entry.released else None,
        "policies": list(entry.policies),
        "notes": list(entry.notes),
        "flags": [
            {
                "id": f.id,
                "kind": flag_type(f.id).kind.value,
                "clause": f.clause,
                "params": dict(f.params),
                "note": f.note,
            }
            for f in entry.flags
        ],
    }


def entries_json(entries: Sequence[Entry]) -> str:
    """`licenses list --format json` (schema licensecmp/licenses/v1)."""
    return dumps({"schema": "licensecmp/licenses/v1", "licenses": [entry_dict(e) for e in entries]})


def entry_json(entry: Entry, policies: Sequence[Entry]) -> str:
    """`licenses show --format json`: the entry and the policies it incorporates."""
    return dumps(
        {
            "schema": "licensecmp/license/v1",
            **entry_dict(entry),
            "incorporated": [entry_dict(p) for p in policies],
        }
    )


def _facts(entry: Entry) -> list[tuple[str, str]]:
    facts = [
        ("id", entry.id),
        ("kind", entry.kind),
        ("category", entry.category),
        ("OSI approved", "yes" if entry.osi_approved else "no"),
    ]
    for label, value in (
        ("version", entry.version),
        ("family", entry.family),
        ("SPDX", entry.spdx),
        ("ScanCode key", entry.scancode),
        ("Hugging Face", ", ".join(entry.huggingface)),
        ("also known as", ", ".join(entry.aliases)),
        ("URL", entry.url),
        ("released", entry.released.isoformat() if entry.released else ""),
        ("incorporates", ", ".join(entry.policies)),
    ):
        if value:
            facts.append((label, value))
    return facts


def _flag_rows(entry: Entry) -> list[tuple[str, str, str, str]]:
    return [
        (flag_type(f.id).kind.value, f.id, f.clause, format_params(f.params)) for f in entry.flags
    ]


def entry_text(entry: Entry, policies: Sequence[Entry]) -> str:
    """`licenses show`: facts, flags, notes, then each incorporated policy."""
    out = [entry.name, ""]
    out += [f"{label + ':':<15} {value}" for label, value in _facts(entry)]
    if entry.flags:
        out += [
            "",
            tabulate(
                _flag_rows(entry),
                headers=("kind", "flag", "clause", "params"),
                tablefmt="simple",
                disable_numparse=True,
            ),
        ]
    if entry.notes:
        out += ["", "Notes (facts the knowledge base records; not the license's words):"]
        out += [f"- {note}" for note in entry.notes]
    for policy in policies:
        out += ["", f"Incorporated policy: {policy.name} ({policy.id})"]
        out += [f"- {note}" for note in policy.notes]
    return "\n".join(out) + "\n"


def entry_markdown(entry: Entry, policies: Sequence[Entry]) -> str:
    """`licenses show --format markdown`."""
    out = [f"# {entry.name}", ""]
    out += [f"- **{label}**: {value}" for label, value in _facts(entry)]
    if entry.flags:
        out += [
            "",
            tabulate(
                _flag_rows(entry),
                headers=("kind", "flag", "clause", "params"),
                tablefmt="github",
                disable_numparse=True,
            ),
        ]
    if entry.notes:
        out += ["", "## Notes", "", *(f"- {note}" for note in entry.notes)]
    for policy in policies:
        out += [
            "",
            f"## Incorporated policy: {policy.name}",
            "",
            *(f"- {note}" for note in policy.notes),
        ]
    return "\n".join(out) + "\n"
