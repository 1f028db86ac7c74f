"""The analysis of one license text: its clauses, its flags with evidence, the OSD verdict."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from licensecmp.clauses import Clause, innermost, split_clauses
from licensecmp.rules.base import Hit
from licensecmp.taxonomy import FLAG_ORDER, Kind, flag_type
from licensecmp.text import Document

if TYPE_CHECKING:
    from licensecmp.verdict import Osd


@dataclass(frozen=True)
class Source:
    """Where a text came from: what the user typed, its kind, the sha256 of its bytes."""

    input: str
    kind: str  # "file", "stdin", "model-dir"
    sha256: str


@dataclass(frozen=True)
class Defined:
    """The definition of a term that a flag was read with ("Research Purposes" in 9)."""

    term: str
    clause: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Flag:
    """A clause type found in a clause, with the evidence that raised it."""

    id: str
    clause: str
    evidence: str
    start: int
    end: int
    params: Mapping[str, Any] = field(default_factory=dict)
    # the definition the evidence was read with, when it uses a defined term
    defined: Defined | None = None

    @property
    def kind(self) -> Kind:
        return flag_type(self.id).kind

    @property
    def osd(self) -> tuple[int, ...]:
        criterion = flag_type(self.id).osd
        return (criterion,) if criterion is not None else ()


@dataclass(frozen=True)
class Violation:
    """One broken OSD criterion and the flags and clauses behind it."""

    criterion: int
    flags: tuple[str, ...]
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class Passage:
    """A span of the analysed text, with its words: something a license adds."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Unexplained:
    """A sentence that forbids, limits or conditions the licensee and that no flag of the
    taxonomy nor an ordinary open-license limitation explains: a reviewer must read it."""

    clause: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Identified:
    """The known license a text is, with how close it is and what the text adds to it."""

    id: str
    name: str
    spdx: str
    similarity: float
    osi_approved: bool
    added: tuple[Passage, ...] = ()
    category: str = ""  # ScanCode's category ("Permissive", "Proprietary Free", ...); "" unknown
    # every run of the text's words the license does not cover, however short (offsets);
    # the verdict reads these as the text's own, not the license's
    uncovered: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class FindingKind:
    """A kind of finding: what it means, and whether it contradicts the terms read."""

    id: str
    meaning: str
    contradicts: bool  # the terms the verdict is read from are in doubt: a gate fails it
    # what the terms are is not known: a gate fails it under `fail-on-unknown`, else warns
    unknown: bool = False


# The closed vocabulary of findings (sources.py raises them; policy, report and SARIF read it).
FINDING_KINDS: dict[str, FindingKind] = {
    k.id: k
    for k in (
        FindingKind(
            "declared-license-mismatch",
            "The model card declares a license other than the one its license file holds.",
            True,
        ),
        FindingKind(
            "base-model-license",
            "The base model's license carries restrictions, or terms that are not open source, "
            "that the declared license does not show.",
            True,
        ),
        FindingKind(
            "declared-license-unknown",
            "The model card declares a license id licensecmp does not know.",
            False,
        ),
        FindingKind(
            "declared-license-unverified",
            "The model card declares a license that no license file confirms.",
            False,
        ),
        FindingKind(
            "base-model-unknown",
            "A base model the model card names is not in the lineage table: its license, "
            "which binds the model too, is not known.",
            False,
            unknown=True,
        ),
        FindingKind(
            "base-model-other-license",
            "A base model is under an open-source license other than the one the model card "
            "declares: its notices and conditions still apply to the model.",
            False,
        ),
        FindingKind(
            "declared-license-family",
            "The model card names a family of licenses (gpl, bsd, cc, ...) without a version: "
            "the model is judged as not open until the version is known.",
            False,
        ),
        FindingKind("model-card", "The model card could not be read.", False),
        FindingKind(
            "model-card-hides-terms",
            "The model card's front matter is broken where it declares the license or the "
            "base model: what the model is under cannot be checked.",
            True,
        ),
        FindingKind(
            "terms-file-unread",
            "A license, notice or use-policy file of the model directory was not read (a "
            "symbolic link, which is followed only inside a Hugging Face cache repository, "
            "or not a regular file).",
            False,
        ),
        FindingKind(
            "license-text-not-shipped",
            "The model directory ships no license file: it is judged by the license its "
            "model card declares.",
            False,
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    """Something a reviewer must know that is not a flag (a declared license that differs)."""

    kind: str
    message: str

    def __post_init__(self) -> None:
        if self.kind not in FINDING_KINDS:  # a kind outside the vocabulary is a bug
            raise ValueError(f"unknown finding kind {self.kind!r}")

    @property
    def contradicts(self) -> bool:
        return FINDING_KINDS[self.kind].contradicts


@dataclass(frozen=True)
class Analysis:
    """Everything licensecmp reads from one text; verdicts are computed, never stored."""

    source: Source
    text: str
    clauses: tuple[Clause, ...]
    flags: tuple[Flag, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    identified: Identified | None = None
    nearest_osi: Identified | None = None
    findings: tuple[Finding, ...] = ()
    # sentences that forbid, limit or condition the licensee and that no flag explains
    unexplained: tuple[Unexplained, ...] = ()
    # the evidence that the text lets the licensee use the material (a grant unit)
    use_granted: Passage | None = None
    # the nearest known license when it is too far to identify the text as it: named for the
    # reader ("closest known license: X (0.58)"), never used for the verdict or the gate
    closest: Identified | None = None

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.flags)

    @property
    def violations(self) -> tuple[Violation, ...]:
        """The OSD criteria broken by `restriction` flags (SPEC.md, "OSD verdict")."""
        by_criterion: dict[int, list[Flag]] = {}
        for flag in self.flags:
            if flag.kind is Kind.RESTRICTION:
                for criterion in flag.osd:
                    by_criterion.setdefault(criterion, []).append(flag)
        return tuple(
            Violation(c, tuple(f.id for f in flags), tuple(dict.fromkeys(f.clause for f in flags)))
            for c, flags in sorted(by_criterion.items())
        )

    @cached_property
    def osd(self) -> Osd:
        """The three-valued OSD verdict with its basis and reasons (verdict.py)."""
        from licensecmp.verdict import osd_of

        return osd_of(self)

    @property
    def conformant(self) -> bool:
        """True only for a verdict earned with positive evidence."""
        return self.osd.conformant

    def clause_flags(self) -> dict[str, tuple[str, ...]]:
        """The flag ids reported in each clause, by clause ref."""
        out: dict[str, list[str]] = {}
        for flag in self.flags:
            out.setdefault(flag.clause, []).append(flag.id)
        return {ref: tuple(ids) for ref, ids in out.items()}


def _choose(hits: list[Hit]) -> Hit:
    """One hit per flag: the first that carries parameters, else the first; of hits on the
    same words, one read with a defined term (its evidence cites the definition too)."""
    first = hits[0]
    same = (h for h in hits if h.term and h.start < first.end and first.start < h.end)
    return next((h for h in hits if h.params), next(same, first))


def analyze_document(doc: Document, source: Source) -> Analysis:
    """Split a document into clauses and find every flag of the taxonomy in it."""
    # the rules compile their patterns on import: only texts that are read need them
    from licensecmp.rules.base import context_of
    from licensecmp.rules.prohibitions import unexplained, use_grant
    from licensecmp.rules.registry import find_hits

    clauses = split_clauses(doc.text)
    ctx = context_of(doc.text)
    all_hits = find_hits(ctx)
    by_flag: dict[str, list[Hit]] = {}
    for hit in all_hits:
        flag_type(hit.flag)  # an id outside the taxonomy is a bug in a rule
        by_flag.setdefault(hit.flag, []).append(hit)
    flags = []
    for flag_id, hits in by_flag.items():
        hit = _choose(hits)
        clause = innermost(clauses, hit.start)
        flags.append(
            Flag(
                id=flag_id,
                clause=clause.ref if clause else "",
                evidence=doc.text[hit.start : hit.end],
                start=hit.start,
                end=hit.end,
                params=dict(sorted(hit.params.items())),
                defined=_defined(doc.text, clauses, hit),
            )
        )
    flags.sort(key=lambda f: FLAG_ORDER[f.id])
    found = tuple(
        Unexplained(_ref(clauses, s.start), s.start, s.end, s.text)
        for s in unexplained(ctx, all_hits)
    )
    use = use_grant(ctx)
    return Analysis(
        source=source,
        text=doc.text,
        clauses=clauses,
        flags=tuple(flags),
        metadata=doc.metadata,
        unexplained=found,
        use_granted=Passage(use.start, use.end, use.text) if use else None,
    )


def _defined(text: str, clauses: tuple[Clause, ...], hit: Hit) -> Defined | None:
    """The definition a hit was read with, cited by its clause (first 300 characters)."""
    if not hit.term or hit.support is None:
        return None
    start, end = hit.support
    words = " ".join(text[start:end].split())
    return Defined(hit.term, _ref(clauses, start), start, end, words[:300])


def _ref(clauses: tuple[Clause, ...], offset: int) -> str:
    clause = innermost(clauses, offset)
    return clause.ref if clause else ""
