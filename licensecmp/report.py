"""What a report says about each source, worked out from its analysis (no formatting here).

A report answers a reviewer's questions in order: what is this text, may we use it as
open source (and if not, which clause says so), what must we do to use it, what do its
thresholds mean, how does it differ from the nearest OSI-approved license, and what does
the knowledge base know that the text does not say. `render/report.py` turns the
`Report` into Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licensecmp.analysis import Analysis, Flag, Passage
from licensecmp.clauses import Clause
from licensecmp.knowledge import Entry, KnowledgeBase
from licensecmp.taxonomy import FLAG_ORDER, OSD_CRITERIA, TAXONOMY, Kind, abbreviate
from licensecmp.verdict import Verdict, known_reason

# Conditions that AI-model licenses add and reviewers track across models.
AI_DUTIES = (
    "attribution-display",
    "derivative-naming",
    "use-restrictions-passthrough",
    "registration-required",
)

# The OSD criteria a taxonomy flag can break; the others are not assessed by this tool.
ASSESSED = frozenset(t.osd for t in TAXONOMY if t.osd is not None)

_METRICS = {
    "monthly active users": "MAU",
    "daily active users": "DAU",
    "monthly unique users": "MUU",
    "weekly active users": "WAU",
}
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
_PERIODS = {"year": "/yr", "month": "/mo"}


@dataclass(frozen=True)
class Duty:
    """Something a team must do to use the licensed material, with the clause that asks it."""

    text: str
    flag: str
    clause: str


@dataclass(frozen=True)
class Criterion:
    """One OSD criterion: `pass`, `fail` (with the flags and clauses), or `n/a`."""

    number: int
    name: str
    status: str
    flags: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Threshold:
    """A threshold clause explained: the line, who is counted, when, the boundary, and after."""

    flag: str
    clause: str
    line: str
    counted: str
    measured: str
    boundary: str
    above: str


@dataclass(frozen=True)
class OsiDelta:
    """How a text differs from its nearest OSI-approved license."""

    id: str
    name: str
    similarity: float
    added: tuple[Passage, ...]
    added_flags: tuple[str, ...]  # flags raised inside the added passages
    adds: tuple[str, ...]  # flags the text has and the OSI license does not
    removes: tuple[str, ...]  # flags the OSI license has and the text does not


@dataclass(frozen=True)
class SourceReport:
    """Everything the report says about one source."""

    analysis: Analysis
    title: str
    entry: Entry | None
    verdict: str
    duties: tuple[Duty, ...]
    criteria: tuple[Criterion, ...]
    thresholds: tuple[Threshold, ...]
    osi: OsiDelta | None
    notes: tuple[str, ...]  # from the knowledge base: facts outside the text

    @property
    def conformant(self) -> bool:
        return self.analysis.conformant


@dataclass(frozen=True)
class Report:
    """A report on one or more sources, in the order given."""

    sources: tuple[SourceReport, ...]
    columns: tuple[str, ...]  # the flags of the summary matrix, in taxonomy order

    def cell(self, source: SourceReport, flag_id: str) -> str:
        """The matrix cell of a source and flag: short params, a tick, or empty."""
        flag = next((f for f in source.analysis.flags if f.id == flag_id), None)
        return short_params(flag) if flag else ""


# --- short forms --------------------------------------------------------------------------------


def short_params(flag: Flag, limit: int = 28) -> str:
    """A matrix cell: `>700M MAU`, `>$1M/yr`, the phrase or mark, the regions, or a tick."""
    p = flag.params
    sign = "≥" if p.get("inclusive") else ">"
    parts = []
    if "phrase" in p:
        parts.append(f"“{_cut(str(p['phrase']), limit)}”")
    if "mark" in p:
        parts.append(f"“{_cut(str(p['mark']), limit)}…”")
    if p.get("regions"):
        parts.append(_cut(", ".join(str(r) for r in p["regions"]), limit))
    amounts = []
    if isinstance(p.get("threshold"), int):
        metric = str(p.get("metric", "users"))
        amounts.append(f"{sign}{abbreviate(p['threshold'], 2)} {_METRICS.get(metric, metric)}")
    if isinstance(p.get("amount"), int):
        amounts.append(f"{sign}{_money(p)}")
    if amounts:
        joined = " or ".join(amounts)
        parts.append(f"({joined})" if parts else joined)
    return " ".join(parts) or "●"  # present; the verdict column alone uses ✅ / ⚠️ / ❌


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _money(p: Mapping[str, Any]) -> str:
    currency = str(p.get("currency", ""))
    sign = _CURRENCY_SIGNS.get(currency)
    amount = abbreviate(int(p["amount"]), 2)
    text = f"{sign}{amount}" if sign else f"{currency} {amount}".strip()
    return text + _PERIODS.get(str(p.get("period", "")), "")


def quantity(flag: Flag) -> str:
    """A threshold in words: `more than 700,000,000 monthly active users`."""
    p = flag.params
    above = "at least" if p.get("inclusive") else "more than"
    parts = []
    if isinstance(p.get("threshold"), int):
        parts.append(f"{above} {p['threshold']:,} {p.get('metric', 'users')}")
    if isinstance(p.get("amount"), int):
        period = {"year": " a year", "month": " a month"}.get(str(p.get("period", "")), "")
        parts.append(f"{above} {p.get('currency', '')} {p['amount']:,} revenue{period}")
    return " or ".join(" ".join(part.split()) for part in parts)


# --- the verdict in plain language -------------------------------------------------------------


def _restriction_phrase(flag: Flag) -> str:
    p = flag.params
    match flag.id:
        case "user-threshold" | "revenue-threshold":
            return f"withholds rights from organisations with {quantity(flag)}"
        case "acceptable-use-policy":
            return "restricts fields of use through an acceptable-use policy"
        case "non-commercial":
            return "forbids commercial use"
        case "research-only":
            return "limits use to research, evaluation or other non-production purposes"
        case "no-model-training":
            return "forbids using the material or its outputs to train other models"
        case "geographic-restriction":
            regions = ", ".join(str(r) for r in p.get("regions", ()))
            return "excludes users by place" + (f" ({regions})" if regions else "")
        case "licensee-restriction":
            return "excludes named or classed persons or organisations"
        case "no-redistribution":
            return "forbids redistribution"
        case "no-derivatives":
            return "forbids modifications and derived works"
    return flag.id  # pragma: no cover - every restriction has a phrase above


def _where(flag: Flag) -> str:
    criteria = ", ".join(str(c) for c in flag.osd)
    if not flag.clause:
        where = "no numbered clause"
    else:
        where = f"section {flag.clause}" if flag.clause[0].isdigit() else flag.clause
    return f"{where}, criterion {criteria}"


def _joined(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def verdict(analysis: Analysis) -> str:
    """The OSD verdict as one paragraph a reviewer can quote."""
    restrictions = [f for f in analysis.flags if f.kind is Kind.RESTRICTION]
    risks = [f for f in analysis.flags if f.kind is Kind.LICENSOR_RIGHT]
    found = analysis.identified
    if restrictions:
        parts = [f"{_restriction_phrase(f)} ({_where(f)})" for f in restrictions]
        text = f"Not an open-source license under the OSD: it {_joined(parts)}."
    elif not analysis.flags and not analysis.text:
        text = "Nothing is known about this source's terms."
    elif not analysis.osd.conformant:
        osd = analysis.osd
        if osd.verdict is Verdict.UNDETERMINED and osd.basis == "nothing-granted":
            text = (
                "Needs review: the text grants nothing licensecmp recognises, so it cannot be "
                "called open source."
            )
        elif osd.verdict is Verdict.UNDETERMINED:
            cited = _joined([u.clause or "an unnumbered clause" for u in osd.unexplained[:5]])
            text = (
                f"Needs review: {len(osd.unexplained)} sentence(s) limit the licensee in ways "
                f"no flag accounts for ({cited}); read them before calling it open."
            )
        elif osd.basis == "known-license" and osd.known is not None:
            text = f"Not an open-source license under the OSD: {known_reason(osd.known)}."
        else:
            gaps = _joined([f"{m.freedom} (criterion {m.criterion})" for m in osd.missing])
            text = f"Not an open-source license under the OSD: it grants no {gaps}."
    else:
        text = (
            "Conforms to the Open Source Definition in licensecmp's reading: it grants use, "
            "changes and sharing, and no clause limits who may use it or for what."
        )
        if found is not None and found.osi_approved:
            text += f" {found.name} is OSI-approved."
    if risks:
        named = [f"{f.id} ({'section ' + f.clause if f.clause else 'no clause'})" for f in risks]
        text += f" Risks kept by the licensor: {_joined(named)}."
    doubts = [f.message for f in analysis.findings if f.contradicts]
    if doubts:
        text += f" But the terms themselves are in doubt: {'; '.join(doubts)}."
    return text


# --- duties -------------------------------------------------------------------------------------


def _duty_text(flag: Flag, changing: bool = False) -> str | None:
    """The checklist wording of a duty; `changing` when the licensor may change the terms
    (a terms-may-change flag), which is when a policy's later versions bind too."""
    p = flag.params
    threshold = f" once you reach {quantity(flag)}" if "threshold" in p or "amount" in p else ""
    match flag.id:
        case "include-notice":
            return "Ship a copy of the license and keep its notices with every copy you distribute"
        case "state-changes":
            return "Mark the files you changed and say that you changed them"
        case "disclose-source":
            return "Provide the source of what you distribute"
        case "network-use-disclose":
            return "Offer the source to users who interact with it over a network"
        case "same-license":
            return "Distribute derived works under the same license"
        case "attribution-display":
            phrase = f"“{p['phrase']}”" if "phrase" in p else "the required attribution"
            return f"Display {phrase} prominently in the product, UI or documentation{threshold}"
        case "derivative-naming":
            mark = f"“{p['mark']}”" if "mark" in p else "the required mark"
            return f"Put {mark} in the name of any model you derive and distribute"
        case "use-restrictions-passthrough":
            return "Carry the use restrictions into the terms you give your own users"
        case "registration-required":
            return "Register with or notify the licensor"
        case "acceptable-use-policy":
            url = f" ({p['url']})" if "url" in p else ""
            # a policy on the licensor's website, or terms the licensor may change, bind in
            # their later versions; an attachment of the text (OpenRAIL's) is fixed
            later = ", including its later versions" if changing or "url" in p else ""
            return f"Follow the acceptable-use policy{url}{later}"
        case "user-threshold" | "revenue-threshold":
            return f"Request a separate license from the licensor if you have {quantity(flag)}"
    return None


def duties(analysis: Analysis) -> tuple[Duty, ...]:
    """What a team must do to use the material, one checklist item per duty, in clause order."""
    out = []
    for flag in analysis.flags:
        text = _duty_text(flag, "terms-may-change" in analysis.flag_ids)
        if text is not None:
            out.append(Duty(text, flag.id, flag.clause))
    return tuple(out)


# --- the Open Source Definition -----------------------------------------------------------------


def criteria(analysis: Analysis) -> tuple[Criterion, ...]:
    """All ten OSD criteria: fail with the flags behind it, pass, or n/a when not assessed."""
    broken = {v.criterion: v for v in analysis.violations}
    out = []
    for number, name in OSD_CRITERIA.items():
        if number in broken:
            v = broken[number]
            out.append(Criterion(number, name, "fail", v.flags, v.clauses))
        elif number in ASSESSED:
            out.append(Criterion(number, name, "pass"))
        else:
            out.append(Criterion(number, name, "n/a"))
    return tuple(out)


# --- thresholds ---------------------------------------------------------------------------------

_RELEASE_DATE = re.compile(r"(?i)\b(?:on|as of) the (?:[^.;,]|\.(?=\d)){0,60}?release date")
_ANY_TIME = re.compile(r"(?i)\bat any time\b")
_PER_MONTH = re.compile(
    r"(?i)\b(?:preceding|previous|prior|any|each|per|a) (?:calendar )?month\b"
    r"|\bmonthly (?:revenue|income|turnover|sales)\b"
)
_PER_YEAR = re.compile(
    r"(?i)\b(?:preceding|previous|prior|any) (?:calendar |fiscal )?year\b|\bannual(?:ly)?\b"
    r"|\bper (?:year|annum)\b|\b(?:twelve|12)[- ]months?\b"
)
_SEPARATE_LICENSE = re.compile(
    r"(?i)\b(?:request|obtain|apply for|need|require)s? (?:a |an )?"
    r"(?:separate(?:d)? |additional |commercial |new )?licen[cs]e\b"
)
_NO_RIGHTS_UNTIL = re.compile(
    r"(?i)\bnot (?:be )?(?:authori[sz]ed|permitted|entitled) to exercise\b"
    r"|\bcannot exercise\b|\bwithout (?:our|its|the licensor's) (?:express )?"
    r"(?:authori[sz]ation|consent|permission)\b"
)
_DISCRETION = re.compile(r"(?i)\bsole discretion\b")
_TERMINATES = re.compile(r"(?i)\b(?:terminat(?:e|es|ed)|shall end|will end|cease)\b")


def _clause(clauses: Sequence[Clause], ref: str) -> Clause | None:
    for top in clauses:
        for clause in top.walk():
            if clause.ref == ref:
                return clause
    return None


def _around(analysis: Analysis, flag: Flag) -> str:
    """The clause that holds a flag, or a window around its evidence when there is none."""
    clause = _clause(analysis.clauses, flag.clause) if flag.clause else None
    if clause is not None and clause.end - clause.start <= 4000:
        return analysis.text[clause.start : clause.end]
    return analysis.text[max(0, flag.start - 600) : flag.end + 600]


def _measured(text: str, flag: Flag) -> str:
    when = []
    if _RELEASE_DATE.search(text):
        when.append("once, on the release date of the version")
    elif _ANY_TIME.search(text):
        when.append("at any time, for as long as the material is used")
    monthly = flag.params.get("period") == "month" or _PER_MONTH.search(text)
    yearly = flag.params.get("period") == "year" or _PER_YEAR.search(text)
    if "threshold" in flag.params and monthly:
        when.append("users counted over a calendar month")
    if "amount" in flag.params and yearly:
        when.append("revenue counted over a year")
    elif "amount" in flag.params and monthly:
        when.append("revenue counted over a month")
    return "; ".join(when) if when else "not stated in the clause"


def _above(text: str, flag: Flag) -> str:
    if flag.kind is not Kind.RESTRICTION:
        duty = _duty_text(flag) or flag.id
        return f"a duty applies, not a restriction: {duty[0].lower()}{duty[1:]}"
    parts = []
    if _SEPARATE_LICENSE.search(text):
        parts.append(
            "a separate license is needed, which the licensor may grant at its sole discretion"
            if _DISCRETION.search(text)
            else "a separate license is needed"
        )
    if _NO_RIGHTS_UNTIL.search(text):
        parts.append("until it is granted none of the rights of the license apply")
    elif _TERMINATES.search(text):
        parts.append("the rights end")
    return "; ".join(parts) if parts else "not stated in the clause"


def thresholds(analysis: Analysis, entry: Entry | None) -> tuple[Threshold, ...]:
    """Every threshold, restriction or duty trigger, with the questions users ask of it."""
    out = []
    for flag in analysis.flags:
        p = flag.params
        if not (isinstance(p.get("threshold"), int) or isinstance(p.get("amount"), int)):
            continue
        if "affiliates" in p:
            counted = (
                "the licensee together with its affiliates"
                if p["affiliates"]
                else "the licensee's own products or services; affiliates are not named"
            )
        else:
            counted = "not stated in the clause"
        inclusive = p.get("inclusive")
        if inclusive is None:
            boundary = "not stated"
        elif inclusive:
            boundary = "inclusive: reaching the number exactly crosses the line"
        else:
            boundary = "exclusive: exactly the number is still below the line"
        if analysis.text:
            text = _around(analysis, flag)
            measured, above = _measured(text, flag), _above(text, flag)
        else:
            see = "see the notes from the knowledge base" if entry and entry.notes else "no text"
            measured = above = f"not in the knowledge base's parameters ({see})"
            if flag.kind is not Kind.RESTRICTION:
                above = _above("", flag)
        out.append(
            Threshold(flag.id, flag.clause, quantity(flag), counted, measured, boundary, above)
        )
    return tuple(out)


# --- nearest OSI-approved license ---------------------------------------------------------------


def osi_delta(analysis: Analysis, kb: KnowledgeBase) -> OsiDelta | None:
    """What the text adds to or lacks compared with its nearest OSI-approved license.

    Known licenses read from their texts carry it when analysed with
    `Options(known_nearest=True)`, as `licensecmp report` does."""
    near = analysis.nearest_osi
    if near is None:
        return None
    entry = kb.get(near.id)
    theirs = entry.flag_ids if entry is not None else frozenset()
    ours = analysis.flag_ids
    inside = tuple(
        dict.fromkeys(
            f.id
            for f in analysis.flags
            if f.end > f.start and any(p.start <= f.start and f.end <= p.end for p in near.added)
        )
    )
    order = FLAG_ORDER.__getitem__
    return OsiDelta(
        id=near.id,
        name=near.name,
        similarity=near.similarity,
        added=near.added,
        added_flags=inside,
        adds=tuple(sorted(ours - theirs, key=order)) if entry is not None else (),
        removes=tuple(sorted(theirs - ours, key=order)) if entry is not None else (),
    )


# --- facts from the knowledge base --------------------------------------------------------------


def knowledge_notes(entry: Entry | None, kb: KnowledgeBase) -> tuple[str, ...]:
    """The entry's notes and those of the policies it incorporates, each saying whose it is."""
    if entry is None:
        return ()
    notes = list(entry.notes)
    for policy in kb.incorporated(entry):
        notes.extend(f"{policy.name} (incorporated): {note}" for note in policy.notes)
    return tuple(notes)


# --- the whole report ---------------------------------------------------------------------------


def title(analysis: Analysis) -> str:
    """What a section is called: the model's name, the known license, or the source as typed."""
    meta = analysis.metadata
    if analysis.source.kind == "model-dir":
        name = meta.get("model_name")
        if isinstance(name, str) and name.strip():
            return name.strip()
        return Path(analysis.source.input.rstrip("/\\")).name or analysis.source.input
    return analysis.source.input


def build(analyses: Sequence[Analysis], kb: KnowledgeBase) -> Report:
    """The report on `analyses`, in the order given."""
    sources = []
    for analysis in analyses:
        entry = kb.get(analysis.identified.id) if analysis.identified else None
        sources.append(
            SourceReport(
                analysis=analysis,
                title=title(analysis),
                entry=entry,
                verdict=verdict(analysis),
                duties=duties(analysis),
                criteria=criteria(analysis),
                thresholds=thresholds(analysis, entry),
                osi=osi_delta(analysis, kb),
                notes=knowledge_notes(entry, kb),
            )
        )
    wanted = {
        f.id
        for a in analyses
        for f in a.flags
        if f.kind in (Kind.RESTRICTION, Kind.LICENSOR_RIGHT) or f.id in AI_DUTIES
    }
    columns = tuple(sorted(wanted, key=FLAG_ORDER.__getitem__))
    return Report(tuple(sources), columns)
