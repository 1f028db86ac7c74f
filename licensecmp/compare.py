"""Two analyses side by side: one row per flag present in either, and what differs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from licensecmp.analysis import Analysis, Flag
from licensecmp.knowledge import KnowledgeBase
from licensecmp.taxonomy import FLAG_ORDER, Kind, flag_type
from licensecmp.textdiff import TextDiff, text_diff


@dataclass(frozen=True)
class Side:
    """One license's part of a row: whether it has the flag, where, and with which params."""

    present: bool
    clause: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    evidence: str = ""

    @staticmethod
    def of(flag: Flag | None) -> Side:
        if flag is None:
            return Side(False)
        return Side(True, flag.clause, dict(flag.params), flag.evidence)


@dataclass(frozen=True)
class Row:
    """A flag of the taxonomy that either license has."""

    flag: str
    a: Side
    b: Side

    @property
    def kind(self) -> Kind:
        return flag_type(self.flag).kind

    @property
    def differs(self) -> bool:
        """Present on one side only, or present on both with other params."""
        return self.a.present != self.b.present or dict(self.a.params) != dict(self.b.params)


@dataclass(frozen=True)
class Comparison:
    """Licenses A and B and the rows of their flags, in taxonomy order."""

    a: Analysis
    b: Analysis
    rows: tuple[Row, ...]
    text: TextDiff | None = None  # None when either side has no text
    outside: tuple[str, ...] = ()  # facts the knowledge base records outside the texts
    # what one side's incorporated policies add that the other side has nowhere, in words
    policy_flags: tuple[str, ...] = ()

    def only_in(self, side: str) -> tuple[Row, ...]:
        """Rows whose flag only side `a` or only side `b` has."""
        return tuple(
            r
            for r in self.rows
            if (r.a.present and not r.b.present) == (side == "a") and r.a.present != r.b.present
        )

    @property
    def params_differ(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.a.present and r.b.present and r.differs)

    @property
    def identical(self) -> bool:
        return not any(r.differs for r in self.rows)


def compare(a: Analysis, b: Analysis, kb: KnowledgeBase | None = None) -> Comparison:
    """Pair the flags of two analyses by id, diff their texts, and, given the knowledge
    base, add what it records about the policies each side incorporates."""
    flags_a = {f.id: f for f in a.flags}
    flags_b = {f.id: f for f in b.flags}
    ids = sorted(set(flags_a) | set(flags_b), key=FLAG_ORDER.__getitem__)
    rows = tuple(Row(i, Side.of(flags_a.get(i)), Side.of(flags_b.get(i))) for i in ids)
    notes = policy_notes(a, b, kb) if kb else ()
    added = policy_flags(a, b, kb) if kb else ()
    return Comparison(a, b, rows, text_diff(a, b), notes, added)


def policy_flags(a: Analysis, b: Analysis, kb: KnowledgeBase) -> tuple[str, ...]:
    """The flags a side's incorporated policies add that the other side has neither in
    its text nor in its policies, each with its parameters and the checkpoints it covers:
    "llama-3.2's Llama 3.2 Acceptable Use Policy adds geographic-restriction (regions:
    European Union; covers meta-llama/Llama-3.2-11B-Vision* … only)". The key difference
    of two licenses can live in a policy, not the text."""
    from licensecmp.knowledge import lineage

    scopes = lineage()
    entries = [kb.get(x.identified.id) if x.identified else None for x in (a, b)]
    policies = [kb.incorporated(e) if e else () for e in entries]
    have = [
        x.flag_ids | {f.id for p in mine for f in p.flags}
        for x, mine in zip((a, b), policies, strict=True)
    ]
    out: list[str] = []
    for entry, mine, own, theirs in (
        (entries[0], policies[0], a.flag_ids, have[1]),
        (entries[1], policies[1], b.flag_ids, have[0]),
    ):
        for policy in mine:
            for flag in policy.flags:
                if flag.id in theirs or flag.id in own:  # said already, or on both sides
                    continue
                assert entry is not None  # only an entry incorporates policies
                said = [
                    f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                    for k, v in sorted(flag.params.items())
                ]
                scope = scopes.scope_of(policy.id, flag.id)
                if scope is not None:
                    said.append(f"covers {', '.join(scope.models)} only")
                detail = f" ({'; '.join(said)})" if said else ""
                out.append(f"{entry.id}'s {policy.name} adds {flag.id}{detail}")
    return tuple(out)


def policy_notes(a: Analysis, b: Analysis, kb: KnowledgeBase) -> tuple[str, ...]:
    """The notes of the policies one side incorporates and the other does not."""
    entries = [kb.get(x.identified.id) if x.identified else None for x in (a, b)]
    policies = [{p.id: p for p in kb.incorporated(e)} if e else {} for e in entries]
    notes: list[str] = []
    for entry, mine, theirs in (
        (entries[0], policies[0], policies[1]),
        (entries[1], policies[1], policies[0]),
    ):
        for policy_id in sorted(mine.keys() - theirs.keys()):
            assert entry is not None  # only an entry incorporates policies
            policy = mine[policy_id]
            notes.extend(f"{entry.id} incorporates {policy.name}: {note}" for note in policy.notes)
    return tuple(notes)


def label(analysis: Analysis) -> str:
    """What to call a side: the known license it is, else the source as typed."""
    return analysis.identified.id if analysis.identified else analysis.source.input


_COUNTED = (
    (Kind.RESTRICTION, "restriction", "restrictions"),
    (Kind.CONDITION, "duty", "duties"),
    (Kind.LICENSOR_RIGHT, "licensor right", "licensor rights"),
    (Kind.PERMISSION, "permission", "permissions"),
    (Kind.LIMITATION, "limitation", "limitations"),
    (Kind.INFO, "other term", "other terms"),
)


def _counted(rows: tuple[Row, ...]) -> str:
    """'3 restrictions and 2 duties' for the given rows."""
    parts = []
    for kind, one, many in _COUNTED:
        n = sum(1 for r in rows if r.kind is kind)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def summary(comparison: Comparison) -> str:
    """One sentence on what each side has that the other does not."""
    a, b = label(comparison.a), label(comparison.b)
    if comparison.identical and not comparison.policy_flags:
        return f"{a} and {b} carry the same flags with the same parameters."
    parts = []
    only_a, only_b = comparison.only_in("a"), comparison.only_in("b")
    for mine, other, rows in ((a, b, only_a), (b, a, only_b)):
        if rows:
            order = [kind for kind, _, _ in _COUNTED]
            ranked = sorted(rows, key=lambda r: (order.index(r.kind), FLAG_ORDER[r.flag]))
            flags = ", ".join(r.flag for r in ranked)
            parts.append(f"{mine} adds {_counted(rows)} that {other} does not have: {flags}")
    if comparison.params_differ:
        parts.append("parameters differ for " + ", ".join(r.flag for r in comparison.params_differ))
    parts.extend(comparison.policy_flags)
    return "; ".join(parts) + "."
