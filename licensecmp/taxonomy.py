"""Clause taxonomy v1: the one closed vocabulary of flag ids (SPEC.md, "Clause taxonomy").

Everything else refers to flags by id; `flag_type` raises on an id that is not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from licensecmp.errors import LicensecmpError


class Kind(StrEnum):
    """What a flag does to the licensee, in the order reports list them."""

    PERMISSION = "permission"
    CONDITION = "condition"
    RESTRICTION = "restriction"
    LICENSOR_RIGHT = "licensor-right"
    LIMITATION = "limitation"
    INFO = "info"

    @property
    def plural(self) -> str:
        return {
            Kind.PERMISSION: "permissions",
            Kind.CONDITION: "conditions",
            Kind.RESTRICTION: "restrictions",
            Kind.LICENSOR_RIGHT: "licensor rights",
            Kind.LIMITATION: "limitations",
            Kind.INFO: "info",
        }[self]


@dataclass(frozen=True)
class FlagType:
    """One entry of the taxonomy: id, kind, a short meaning, params and OSD criterion."""

    id: str
    kind: Kind
    meaning: str
    params: tuple[str, ...] = ()
    osd: int | None = None


_P, _C, _R, _L, _M, _I = (
    Kind.PERMISSION,
    Kind.CONDITION,
    Kind.RESTRICTION,
    Kind.LICENSOR_RIGHT,
    Kind.LIMITATION,
    Kind.INFO,
)

TAXONOMY: tuple[FlagType, ...] = (
    FlagType("commercial-use", _P, "commercial use is allowed"),
    FlagType("modification", _P, "derivatives / modifications allowed"),
    FlagType("distribution", _P, "redistribution allowed"),
    FlagType("patent-grant", _P, "express patent license"),
    FlagType("include-notice", _C, "keep notices / ship a copy of the license"),
    FlagType("state-changes", _C, "mark or document modifications"),
    FlagType("disclose-source", _C, "provide source of derivatives"),
    FlagType("network-use-disclose", _C, "network users get the source (AGPL-style)"),
    FlagType("same-license", _C, "derivatives under the same license (copyleft / share-alike)"),
    FlagType(
        "attribution-display",
        _C,
        "prominently display a phrase or brand in a product or UI",
        ("phrase",),
    ),
    FlagType("derivative-naming", _C, "names of derived models must contain a mark", ("mark",)),
    FlagType(
        "use-restrictions-passthrough", _C, "downstream terms must carry the use restrictions"
    ),
    FlagType("registration-required", _C, "users must register with or notify the licensor"),
    FlagType(
        "user-threshold",
        _R,
        "rights end or need a separate license above a user count",
        ("threshold", "metric", "inclusive", "affiliates"),
        5,
    ),
    FlagType(
        "revenue-threshold",
        _R,
        "rights end or need a separate license above a revenue",
        ("amount", "currency", "period", "inclusive", "affiliates"),
        5,
    ),
    FlagType(
        "acceptable-use-policy",
        _R,
        "use-based restrictions: a prohibited-use list or a policy incorporated by reference",
        ("url",),
        6,
    ),
    FlagType("non-commercial", _R, "commercial use forbidden", (), 6),
    FlagType("research-only", _R, "research, evaluation or non-production use only", (), 6),
    FlagType(
        "no-model-training",
        _R,
        "the model or its outputs may not be used to train or improve other models",
        (),
        6,
    ),
    FlagType("geographic-restriction", _R, "use or licensees excluded by place", ("regions",), 5),
    FlagType(
        "licensee-restriction", _R, "named or classed persons or organisations excluded", (), 5
    ),
    FlagType("no-redistribution", _R, "redistribution forbidden", (), 1),
    FlagType("no-derivatives", _R, "modification or derivatives forbidden", (), 3),
    FlagType(
        "terms-may-change",
        _L,
        "licensor may change the terms or an incorporated policy unilaterally",
    ),
    FlagType("remote-restriction", _L, "licensor may restrict use remotely or by update"),
    FlagType(
        "guardrail-termination",
        _L,
        "rights end if safety guardrails or technical limits are bypassed",
    ),
    FlagType(
        "litigation-termination",
        _L,
        "rights end if the licensee brings any IP claim against the licensor",
    ),
    FlagType("patent-retaliation", _M, "patent license ends on a patent claim"),
    FlagType("trademark-use", _M, "no trademark rights granted"),
    FlagType("liability", _M, "limitation of liability"),
    FlagType("warranty", _M, "disclaimer of warranty"),
    FlagType("governing-law", _I, "a governing law or venue is chosen", ("jurisdiction",)),
)

FLAG_TYPES: dict[str, FlagType] = {t.id: t for t in TAXONOMY}
FLAG_ORDER: dict[str, int] = {t.id: i for i, t in enumerate(TAXONOMY)}

# The Open Source Definition's ten criteria, as reports name them.
OSD_CRITERIA: dict[int, str] = {
    1: "Free Redistribution",
    2: "Source Code",
    3: "Derived Works",
    4: "Integrity of the Author's Source Code",
    5: "No Discrimination Against Persons or Groups",
    6: "No Discrimination Against Fields of Endeavor",
    7: "Distribution of License",
    8: "License Must Not Be Specific to a Product",
    9: "License Must Not Restrict Other Software",
    10: "License Must Be Technology-Neutral",
}


def flag_type(flag_id: str) -> FlagType:
    """The taxonomy entry for `flag_id`; an unknown id is an error."""
    try:
        return FLAG_TYPES[flag_id]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(flag_id, FLAG_TYPES, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise LicensecmpError(f"unknown flag id {flag_id!r}{hint}") from None


def abbreviate(value: int, decimals: int = 1) -> str:
    """A count param (threshold, amount) in short form when it rounds exactly: 700M,
    1.5B, 250k; else in full, 1,234,567.

    `decimals` is how many digits after the point the short form may use (1.25M with 2).
    """
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")):
        if value >= size and value % (size // 10**decimals) == 0:
            return f"{value / size:g}{suffix}"
    return f"{value:,}"
