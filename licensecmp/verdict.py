"""The OSD verdict, three-valued and earned (SPEC.md, "OSD verdict").

A license is not called open unless the text shows it is:

- `conformant` only with positive evidence: the text is identified as an OSI-approved
  license and nothing in it restricts or limits beyond that license (basis
  `osi-approved`); or it grants, in clauses licensecmp cites, use, modification and
  redistribution with no restriction flag and no unexplained prohibition (basis `grants`);
- `not-conformant` with reasons: restriction flags (basis `flags`), identification as a
  known license that is not open source (basis `known-license`), or a freedom the OSD
  requires that the text grants nothing of (basis `missing-freedoms`);
- `undetermined` otherwise: nothing recognisable is granted (basis `nothing-granted`), or
  sentences limit the licensee that no flag explains (basis `unexplained`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from licensecmp.taxonomy import OSD_CRITERIA

if TYPE_CHECKING:
    from licensecmp.analysis import Analysis, Identified, Unexplained, Violation


class Verdict(StrEnum):
    """The three answers; only CONFORMANT means open."""

    CONFORMANT = "conformant"
    NOT_CONFORMANT = "not-conformant"
    UNDETERMINED = "undetermined"


# ScanCode's categories of licenses that are not open source: identified as one of them,
# a text is not conformant whatever its clauses say.
NOT_OPEN_CATEGORIES = frozenset(
    {
        "Commercial",
        "Proprietary Free",
        "Source-available",
        "Free Restricted",
        "CLA",
        "Patent License",
    }
)
# The knowledge base's own categories of the same kind.
_NOT_OPEN_KB = frozenset({"source-available", "policy"})

# The freedoms of the OSD a grant must give: criterion, the permission flag, in words.
FREEDOMS: tuple[tuple[int, str, str], ...] = (
    (1, "distribution", "redistribution"),
    (3, "modification", "modification and derived works"),
    (6, "commercial-use", "use for any purpose"),
)


@dataclass(frozen=True)
class Missing:
    """A freedom the OSD requires that the text does not grant."""

    criterion: int
    freedom: str

    @property
    def title(self) -> str:
        return OSD_CRITERIA[self.criterion]


@dataclass(frozen=True)
class Osd:
    """The verdict with everything that decided it."""

    verdict: Verdict
    basis: str  # osi-approved, grants, flags, known-license, missing-freedoms, ...
    violations: tuple[Violation, ...] = ()
    missing: tuple[Missing, ...] = ()
    unexplained: tuple[Unexplained, ...] = ()
    known: Identified | None = None  # the license identified, when it decided

    @property
    def conformant(self) -> bool:
        return self.verdict is Verdict.CONFORMANT

    @property
    def summary(self) -> str:
        """The verdict in one line of plain words."""
        if self.verdict is Verdict.CONFORMANT:
            if self.basis == "osi-approved" and self.known is not None:
                return f"OSD-conformant: identified as {self.known.id}, an OSI-approved license"
            return "OSD-conformant: grants use, modification and redistribution, no restriction"
        if self.verdict is Verdict.NOT_CONFORMANT:
            parts = [
                f"breaks criterion {v.criterion} ({', '.join(v.flags)} in {', '.join(v.clauses)})"
                for v in self.violations
            ]
            if self.basis == "known-license" and self.known is not None:
                parts.append(known_reason(self.known))
            parts += [f"grants no {m.freedom} (criterion {m.criterion})" for m in self.missing]
            return "NOT OSD-conformant: " + "; ".join(parts)
        if self.basis == "nothing-granted":
            return "undetermined (needs review): the text grants nothing licensecmp recognises"
        n = len(self.unexplained)
        return (
            f"undetermined (needs review): {n} sentence(s) limit the licensee "
            "and no flag explains them"
        )


def known_reason(found: Identified) -> str:
    """Why an identified license is not open: its category and OSI status."""
    what = found.category or "a license"
    article = "an" if what[:1].lower() in "aeiou" else "a"
    return f"identified as {found.id}, {article} {what} license, not OSI-approved"


def _not_open(found: Identified) -> bool:
    if found.osi_approved:
        return False
    return found.category in NOT_OPEN_CATEGORIES or found.category in _NOT_OPEN_KB


def _granted(analysis: Analysis) -> dict[int, bool]:
    """Each freedom of FREEDOMS: granted by its permission flag; use also by a cited grant
    of use ("you may use"), which names no commercial purpose yet limits none."""
    ids = analysis.flag_ids
    granted = {criterion: flag in ids for criterion, flag, _ in FREEDOMS}
    granted[6] = granted[6] or analysis.use_granted is not None
    return granted


def osd_of(analysis: Analysis) -> Osd:
    """The verdict of one analysis (SPEC.md, "OSD verdict")."""
    violations = analysis.violations
    unexplained = analysis.unexplained
    found = analysis.identified
    # a known license with no text (named by id, or declared by a model card that ships
    # none): the knowledge base's facts are all there is
    facts_only = found is not None and not analysis.text
    if violations:
        return Osd(Verdict.NOT_CONFORMANT, "flags", violations, (), unexplained, found)
    if found is not None and _not_open(found):
        return Osd(Verdict.NOT_CONFORMANT, "known-license", (), (), unexplained, found)
    if found is not None and found.osi_approved:
        # the text is that license except the passages it adds: only those are read anew
        own = [(p.start, p.end) for p in found.added] + list(found.uncovered)
        added = tuple(u for u in unexplained if any(a < u.end and u.start < b for a, b in own))
        if not added:
            return Osd(Verdict.CONFORMANT, "osi-approved", known=found)
        unexplained = added
    granted = _granted(analysis)
    if facts_only:
        # the knowledge base records every restriction, so with none recorded the use is
        # not limited
        granted[6] = True
    if not any(granted.values()):
        return Osd(Verdict.UNDETERMINED, "nothing-granted", unexplained=unexplained, known=found)
    missing = tuple(Missing(c, freedom) for c, _, freedom in FREEDOMS if not granted[c])
    if missing:
        return Osd(Verdict.NOT_CONFORMANT, "missing-freedoms", (), missing, unexplained, found)
    if unexplained:
        return Osd(Verdict.UNDETERMINED, "unexplained", unexplained=unexplained, known=found)
    return Osd(Verdict.CONFORMANT, "grants", known=found)
