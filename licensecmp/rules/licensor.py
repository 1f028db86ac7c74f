"""Flag rules: licensor rights, limitations and governing law.

Licensor rights (`terms-may-change`, `remote-restriction`, `guardrail-termination`,
`litigation-termination`) are risks a reviewer must see; limitations (`patent-retaliation`,
`trademark-use`, `liability`, `warranty`) and `governing-law` are the usual boilerplate of
almost every license. See licensecmp/rules/base.py for how a rule reads the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from licensecmp.rules.base import Context, Hit, Rule, Span, find_all, gap

_I = re.IGNORECASE

# --- terms-may-change ------------------------------------------------------------------------

# What "the terms" can be called: the agreement itself or a policy it incorporates.
_TERMS_NOUN = (
    r"(?:agreement|licen[cs]e(?:\s+agreement)?|terms(?:\s+of\s+(?:use|service))?|eula"
    r"|polic(?:y|ies)|aup|conditions|guidelines)"
)
_CHANGE_VERB = r"(?:update|modify|amend|change|revise|alter|replace|supplement)"
# Every change pattern holds one of these words: sentences without them are skipped.
_CHANGE_WORDS = ("updat", "modif", "amend", "chang", "revis", "alter", "replac", "supplement")
_CHANGE_RIGHT = re.compile(
    r"\b(?P<subj>[\w'-]+)\s+"
    r"(?:(?:may|can|will)(?:\s+(?:at\s+any\s+time|from\s+time\s+to\s+time|unilaterally"
    r"|in\s+its\s+sole\s+discretion))?"
    r"|(?:reserves?|retains?|has|have)\s+the\s+right\s+to|is\s+entitled\s+to)\s+"
    rf"{_CHANGE_VERB}\b{gap(40)}\b"
    rf"(?:this|these|the|its|our|such|any)\s+(?:[\w'-]+\s+){{0,4}}?{_TERMS_NOUN}\b"
    r"(?!\s+only\b)",
    _I,
)
# The passive form counts only with a qualifier saying the change is the licensor's,
# whenever it likes: "This Policy may be updated from time to time".
_CHANGE_PASSIVE = re.compile(
    rf"\b(?:this|these|the|our|its)\s+(?:[\w'-]+\s+){{0,4}}?{_TERMS_NOUN}\s+"
    r"(?:(?:may|can|will)\s+(?:be\s+(?:updated|modified|amended|changed|revised|replaced)"
    rf"|change))\b{gap(60)}"
    r"(?:from\s+time\s+to\s+time|at\s+any\s+time|without\s+(?:prior\s+)?notice"
    r"|(?:in|at)\s+(?:its|our)\s+(?:sole\s+)?discretion|periodically)",
    _I,
)
# The passive with the licensor as its agent ("The Acceptable Use Policy may be updated by
# us"), and use bound to whatever version is in force when it happens ("Your use is
# governed by the version of the policy in force at the time of use").
_CHANGE_BY_LICENSOR = re.compile(
    rf"\b(?:this|these|the|our|its)\s+(?:[\w'-]+\s+){{0,4}}?{_TERMS_NOUN}\s+(?:may|can|will)\s+be\s+"
    r"(?:updated|modified|amended|changed|revised|replaced|supplemented)\s+by\s+(?:us|the\s+licensor"
    r"|(?-i:[A-Z][\w&.-]+))\b"
    rf"|\b(?:use|rights?|you)\b{gap(40)}\b(?:governed\s+by|subject\s+to|bound\s+by)\b{gap(40)}"
    rf"\b(?:version|polic(?:y|ies)|terms)\b{gap(60)}\b(?:in\s+force|in\s+effect|then[-\s]current"
    r"|current(?:ly)?\s+(?:published|posted))\b(?:\s+at\s+the\s+time\s+of\s+(?:(?:your|each)\s+)?"
    r"(?:use|access)|\s+(?:as\s+)?(?:published|posted)\b)",
    _I,
)
# A definition of the policy that binds the licensee to whatever its latest version is:
# "AUP means the policy at URL, as may be updated from time to time".
_CHANGE_AS_UPDATED = re.compile(
    rf"\b(?:polic(?:y|ies)|aup|terms\s+of\s+(?:use|service)|guidelines)\b{gap(120, ';')}"
    r"\bas\s+(?:it\s+)?(?:may\s+be\s+)?(?:updated|amended|modified|revised|changed)"
    r"\s+from\s+time\s+to\s+time",
    _I,
)
# Persons whose right to change the text is not the licensor's: the licensee, or a license
# steward whose new versions the licensee may ignore (MPL, EPL, CDDL, GPL).
# A court that "may modify this License" to save it (severability) is no licensor either, and
# "only the Initial Developer can modify the terms" says who else may not.
_NOT_LICENSOR = frozenset(
    "you licensee licensees recipient recipients user users one nobody steward court courts "
    "tribunal arbitrator".split()
)
_STEWARD = re.compile(r"\bsteward\b|\bno\s+one\b|\bonly\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", _I)
# Changing something else on the way: "may change the Services or terminate the Agreement".
_OTHER_OBJECT = re.compile(r"\b(?:terminat|suspend|discontinu)\w*|\bservices\b", _I)
# A new-version clause that lets the licensee keep the version it has: not a right to change
# the licensee's terms (OpenLDAP's "any subsequent revision", OCLC's "copies downloaded after").
_MAY_STAY = re.compile(
    r"\b(?:any\s+(?:subsequent|later)\s+(?:version|revision)|version\s+number"
    rf"|continue\s+to\s+use\b{gap(80, '.')}\bversion|option\s+of\s+following"
    rf"|appl(?:y|ies)\s+(?:only\s+)?to\s+(?:all\s+)?(?:copies|versions|releases)\b{gap(80, '.')}"
    r"\b(?:downloaded|obtained|received|released|distributed)\s+after)",
    _I,
)


def terms_may_change(ctx: Context) -> Iterator[Hit]:
    """An express right of the licensor to change the terms or a policy they incorporate.

    A steward publishing new versions that the licensee may decline is not such a right.
    """
    for span, match in find_all(_CHANGE_RIGHT, ctx.having(*_CHANGE_WORDS)):
        before = span.text[max(0, match.start() - 80) : match.start()]
        if (
            match.group("subj").lower() in _NOT_LICENSOR
            or _STEWARD.search(before)
            or _OTHER_OBJECT.search(span.text, match.end("subj"), match.end())
        ):
            continue
        if not _lets_licensee_stay(ctx, span.end):
            yield ctx.hit("terms-may-change", span, match)
    for pattern in (_CHANGE_PASSIVE, _CHANGE_AS_UPDATED, _CHANGE_BY_LICENSOR):
        words = _CHANGE_WORDS + (
            ("in force", "in effect", "current") if pattern is _CHANGE_BY_LICENSOR else ()
        )
        for span, match in find_all(pattern, ctx.having(*words)):
            if not _lets_licensee_stay(ctx, span.end):
                yield ctx.hit("terms-may-change", span, match)


def _lets_licensee_stay(ctx: Context, end: int) -> bool:
    """Whether the sentence ending at `end` and the text right after it keep the old version."""
    start = max(0, end - 400)
    return bool(_MAY_STAY.search(ctx.text, start, min(len(ctx.text), end + 400)))


# --- remote-restriction ----------------------------------------------------------------------

_REMOTE = re.compile(
    # OpenRAIL, Gemma: "reserves the right to restrict (remotely or otherwise) usage"
    rf"\brestrict\s*\(?\s*remotely\b{gap(20, '.;)', lazy=False)}"
    r"\)?\s*(?:the\s+)?(?:usage|use|access)\b"
    # "disable access via an update", "restrict use remotely", "by disabling instructions"
    r"|\b(?:disable|restrict|limit|block|suspend|revoke|shut\s+off|deactivate)\s+"
    r"(?:(?:your|the|any|all)\s+)?(?:access|use|usage|functionality|the\s+model|contributions?"
    rf"|the\s+software)\b{gap(60)}"
    r"\b(?:remotely|(?:via|through|by(?:\s+means\s+of)?)\s+(?:an?\s+|any\s+)?"
    r"(?:updates?|electronic\s+means|pre-installed|remote)|disabling\s+instructions)",
    _I,
)


def remote_restriction(ctx: Context) -> Iterator[Hit]:
    """The licensor may restrict or disable use remotely or through an update."""
    for span, match in find_all(_REMOTE, ctx.having("remote", "update", "electronic", "disabling")):
        before = span.text[max(0, match.start() - 50) : match.start()]
        if _DENIED_POWER.search(before):
            continue  # "has no means to restrict your use remotely"
        yield ctx.hit("remote-restriction", span, match)


# The licensor says it has no such power, or will not use it.
_DENIED_POWER = re.compile(r"\b(?:no|not|never|neither|nor)\b[^.;:]{0,40}$|n't\b[^.;:]{0,40}$", _I)


# --- guardrail-termination -------------------------------------------------------------------

_BYPASS = (
    r"\b(?:bypass\w*|circumvent\w*|disabl\w*|defeat\w*|overrid\w*|tamper\w*|remov\w*"
    r"|reduc\w*\s+the\s+(?:efficacy|effectiveness))\b"
)
_GUARDRAIL = (
    r"\b(?:guardrails?|safety\s+(?:measures?|mechanisms?|features?|filters?|systems?"
    r"|controls?)|safeguards?|technical\s+(?:limitations?|limits|restrictions?)"
    r"|content\s+filters?|usage\s+limits)\b"
)
_ENDS = (
    r"\b(?:terminat\w*|(?:are|is|be)\s+(?:automatically\s+)?revoked"
    r"|(?:ends?|cease)\s+automatically)\b"
)
_GUARDRAIL_END = re.compile(
    rf"{_BYPASS}{gap(120)}{_GUARDRAIL}{gap(200)}{_ENDS}"
    rf"|{_ENDS}{gap(120)}\b(?:if|upon|when|should)\b{gap(40)}{_BYPASS}"
    rf"{gap(120)}{_GUARDRAIL}",
    _I,
)


def guardrail_termination(ctx: Context) -> Iterator[Hit]:
    """Rights end when the licensee bypasses a safety guardrail or technical limitation.

    A bare ban on circumventing protections, with no termination in the same sentence,
    is a use restriction, not this licensor right.
    """
    for span, match in find_all(_GUARDRAIL_END, ctx.having("terminat", "revoked")):
        yield ctx.hit("guardrail-termination", span, match)


# --- litigation-termination and patent-retaliation -------------------------------------------

_SUE = re.compile(
    r"\b(?:(?:institut|initiat|commenc|bring|brings|file|files|filing|assert|participat|make|makes"
    r"|making)\w*"
    rf"{gap(60)}\b(?:litigation|lawsuits?|suits?|proceedings?|claims?|actions?)\b"
    r"|(?<!not\sto\s)(?:sues?|suing)\b)",  # not a "covenant not to sue"
    _I,
)
_TERMINATE = re.compile(
    r"\b(?:terminat(?:e|es|ed|ion)|(?:ends?|cease)\s+(?:automatically|immediately)|shall\s+end"
    r"|will\s+end"
    r"|(?:are|is|be)\s+(?:automatically\s+)?revoked)\b",
    _I,
)
_INFRINGE = re.compile(r"\binfring\w*|\bpatent|\bintellectual\s+property|\bcopyright", _I)
# "copyright holder" names a person, not a claim about copyright
_IP_BROAD = re.compile(
    r"\bintellectual\s+property\b|\bcopyrights?\b(?!\s+(?:holders?|owners?|notices?))"
    r"|\btrademarks?\b|\btrade\s+secrets?\b",
    _I,
)
_PATENT = re.compile(r"\bpatent|\bnecessary\s+claims?\b", _I)
# "litigation ... based on the Data": any claim over the licensed material, of whatever kind
_ABOUT_WORK = re.compile(r"\b(?i:based\s+on\s+(?:the\s+)?)[A-Z][a-z]+\b")
_INFRINGE_ANY = re.compile(r"\binfring\w*", _I)
# GPL-3 s.10: bringing a patent suit over the Program is forbidden, and s.8 ends the license
# of whoever breaks it.
_NO_PATENT_SUIT = re.compile(
    rf"\bmay\s+not\s+(?:initiate|institute|bring|commence)\s+litigation\b{gap(80)}"
    r"\balleging\s+that\s+any\s+patent\s+claim\s+is\s+infringed",
    _I,
)
_MAX_GAP = 450


def _claim_hits(ctx: Context) -> Iterator[Hit]:
    """A claim by the licensee that ends its rights, classed by what the claim is about.

    Only the trigger (up to the comma before "then ... terminate") decides the class: the
    consequence may name broader rights ("licenses of intellectual property") than the
    trigger (a patent suit).
    """
    for span in ctx.sentences:
        text = span.text
        if not _TERMINATE.search(text) or not (_INFRINGE.search(text) or _ABOUT_WORK.search(text)):
            continue
        sue = _SUE.search(text)
        if not sue:
            continue
        end = _TERMINATE.search(text, sue.end())
        if end and end.start() - sue.start() <= _MAX_GAP:
            comma = text.rfind(",", sue.end(), end.start())
            trigger = text[sue.start() : comma if comma > 0 else end.start()]
            start, stop = sue.start(), end.end()
        else:
            ends = [
                m
                for m in _TERMINATE.finditer(text, 0, sue.start())
                if sue.start() - m.start() <= _MAX_GAP
            ]
            if not ends:
                continue
            trigger = text[sue.start() : sue.start() + _MAX_GAP]
            start, stop = ends[-1].start(), None
        what = (
            _IP_BROAD.search(trigger)
            or _PATENT.search(trigger)
            or _INFRINGE_ANY.search(trigger)
            or _ABOUT_WORK.search(trigger)
        )
        if not what:
            continue
        # any infringement claim that names no kind of right is about all of them
        flag = "patent-retaliation" if what.re is _PATENT else "litigation-termination"
        if stop is None:  # termination first: the evidence runs to what the claim is about
            stop = sue.start() + what.end()
        yield Hit(flag, span.start + start, span.start + stop, {})
    for span, match in find_all(_NO_PATENT_SUIT, ctx.sentences):
        yield ctx.hit("patent-retaliation", span, match)


def litigation_termination(ctx: Context) -> Iterator[Hit]:
    """Rights end when the licensee sues over any intellectual property (Llama style)."""
    return (hit for hit in _claim_hits(ctx) if hit.flag == "litigation-termination")


def patent_retaliation(ctx: Context) -> Iterator[Hit]:
    """The patent license (or the license) ends when the licensee brings a patent claim."""
    return (hit for hit in _claim_hits(ctx) if hit.flag == "patent-retaliation")


# --- trademark-use ---------------------------------------------------------------------------

# Only an explicit statement about trademarks counts (SPEC reading rule). BSD-3's "Neither
# the name of ... may be used to endorse or promote" bans endorsement by a name and says
# nothing of trademarks, so it does not raise `trademark-use`; the same ban does when it names
# trademarks, service marks or logos, because it then says the marks may not be used.
_MARK = r"(?:trademarks?|trade\s+names?|service\s+marks?|logos?)"
_NO_TRADEMARK = re.compile(
    # "No trademark license is granted", "grants you no trademark or publicity rights"
    rf"\bno\s+(?:[\w-]+\s+){{0,2}}?trademark\w*\b{gap(40)}\b(?:licen[cs]e[sd]?|rights?|permission)"
    # "does not grant permission to use the trade names, trademarks"
    rf"|\b(?:not|nothing|neither)\b{gap(60)}"
    rf"\b(?:grant\w*|licen[cs]e[sd]?|permi\w*|rights?\s+to\s+use)\b{gap(80)}\b" + _MARK + r"\b"
    # "Patent and trademark rights are not licensed"
    r"|\btrademark\s+rights\s+(?:are|is)\s+not\s+(?:licensed|granted)"
    # "you may not use the trademarks of the Licensor"
    rf"|\bmay\s+not\s+use\b{gap(40)}\b" + _MARK + r"\b"
    # an endorsement ban that names the trademarks: "Neither the name nor the logos of X may be
    # used to endorse"
    rf"|\b(?:neither|no)\b(?>{gap(80)}\b" + _MARK + rf"\b){gap(120, ';')}\bmay\s+be\s+used\b"
    r"|\b" + _MARK + rf"\b{gap(80)}\bmay\s+not\s+be\s+used\b",
    _I,
)


def trademark_use(ctx: Context) -> Iterator[Hit]:
    """An explicit statement that the license grants no trademark rights."""
    for span, match in find_all(_NO_TRADEMARK, ctx.having("trade", "service mark", "logo")):
        yield ctx.hit("trademark-use", span, match)


# --- liability -------------------------------------------------------------------------------

_LIABILITY = re.compile(
    # the gap may hold a period: "IN NO EVENT SHALL ACME, INC. BE LIABLE"
    rf"\b(?:in|under)\s+no\s+(?:event|case|circumstances?)\b{gap(300, ';')}"
    r"\b(?:liable|(?:have|has|bear)\s+any\s+liability)\b"
    r"|\b(?:not|never|won't)\s+(?:be\s+)?(?:held\s+)?liable\b"
    r"|\bno\s+(?:[\w-]+\s+){0,5}?(?:will|shall|is|are|can|may)\s+(?:be\s+)?(?:held\s+)?liable\b"
    r"|\b(?:no|neither)\s+(?:[\w-]+\s+){0,5}?(?:will|shall)\s+have\s+any\s+liability\b"
    rf"|\bneither\b{gap(100)}\b(?:shall|will)\s+(?:be\s+(?:held\s+)?liable|have\s+any\s+liability)\b"
    rf"|\b(?:not|nor)\b{gap(40)}\b(?:accept|assum|bear|tak)\w*\s+any\s+(?:[\w-]+\s+)?liability\b"
    rf"|\bliability\b{gap(100)}\b(?:shall|will)\s+(?:not\s+)?exceed\b"
    rf"|\bmay\s+(?:not|only)\s+recover\b{gap(30)}\bdamages\b"
    r"|\b(?:assumes?|accepts?|bears?|has|have|undertakes?|incurs?)\s+no\s+(?:[\w-]+\s+){0,2}?"
    r"liability\b"
    rf"|\bdisclaims?\b{gap(60)}\bliabilit(?:y|ies)\b"
    r"|\bwithout\s+(?:any\s+)?liability\b",
    _I,
)


# A heading alone is evidence only when no operative sentence is found (MPL-2.0 prints its
# disclaimers in a box of asterisks whose lines the normal form keeps as separate blocks).
_LIABILITY_TOPIC = (
    r"^[\W\d_]{0,20}(?P<h>limitations?\s+(?:of|on)\s+liability|limit\s+of\s+liability"
    r"|(?:disclaimers?|exclusions?)\s+of\s+liability)"
)
_WARRANTY_TOPIC = (
    r"^[\W\d_]{0,20}(?P<h>disclaimers?\s+of\s+warrant(?:y|ies)|warranty\s+disclaimer"
    r"|no\s+warranty)"
)
_LIABILITY_HEADING = re.compile(_LIABILITY_TOPIC + r"[\W_]{0,10}$", _I)
_WARRANTY_HEADING = re.compile(_WARRANTY_TOPIC + r"[\W_]{0,10}$", _I)
# A section that opens with the topic's heading ("5. NO WARRANTY", "6. Disclaimer of
# Liability. ..."): the disclaimer proper, preferred over a passing one elsewhere (EPL-1.0's
# "disclaims any liability ... for claims brought by any other entity" in s.2).
_LIABILITY_SECTION = re.compile(_LIABILITY_TOPIC + r"\b", _I)
_WARRANTY_SECTION = re.compile(_WARRANTY_TOPIC + r"\b", _I)
_HEADING_REACH = 3


# Statements about the license rather than terms of it. The steward's own disclaimer about
# its license documents ("Creative Commons gives no warranties regarding its licenses") binds
# no licensor; "everyone understands that there is no warranty" (a GPL preamble, or a
# definition of a notice that "tells the user that there is no warranty") reports the
# disclaimer that the operative section makes.
_STEWARD_NOTE = re.compile(r"\bcreative\s+commons\b|\bits\s+(?:public\s+)?licenses\b", _I)
# "its license agreement: i) effectively disclaims ... all warranties" (EPL-1.0 s.3): what
# a distributor's own license must say, not a disclaimer that this license makes.
_REPORTED = re.compile(r"\bthat\s+there\s+$|\beffectively\s+$", _I)


def _about_the_license(span: Span, match: re.Match[str]) -> bool:
    """Whether a disclaimer found in `span` describes the license instead of making one."""
    return bool(
        _STEWARD_NOTE.search(span.text)
        or _REPORTED.search(span.text[max(0, match.start() - 20) : match.start()])
    )


def _under_heading(ctx: Context, offset: int, section: re.Pattern[str]) -> bool:
    """Whether `offset` lies in a block that opens with `section`'s heading, or just below one."""
    index = bisect_right(ctx.blocks, offset, key=lambda b: b.start) - 1
    return any(
        section.match(block.text)
        for block in ctx.blocks[max(0, index - _HEADING_REACH) : index + 1]
    )


def _with_heading_fallback(
    ctx: Context,
    flag: str,
    pattern: re.Pattern[str],
    heading: re.Pattern[str],
    section: re.Pattern[str],
    words: tuple[str, ...],
) -> Iterator[Hit]:
    """Hits of `pattern` in sentences holding one of `words`, or else of `heading` in blocks.

    Sentences that only describe the license (`_about_the_license`) are not evidence; hits
    under the topic's own heading (`section`), when there are any, are the only evidence.
    """
    hits = [
        ctx.hit(flag, span, match)
        for span, match in find_all(pattern, ctx.having(*words))
        if not _about_the_license(span, match)
    ]
    headed = [hit for hit in hits if _under_heading(ctx, hit.start, section)]
    yield from headed or hits
    if not hits:
        for span, match in find_all(heading, ctx.blocks):
            yield ctx.hit(flag, span, match, "h")


def liability(ctx: Context) -> Iterator[Hit]:
    """A limitation or exclusion of the licensor's liability."""
    return _with_heading_fallback(
        ctx,
        "liability",
        _LIABILITY,
        _LIABILITY_HEADING,
        _LIABILITY_SECTION,
        ("liab", "recover"),
    )


# --- warranty --------------------------------------------------------------------------------

_WARRANTY = re.compile(
    r"[\"'`]as[\s-]is\.?[\"']"
    r"|\bas[\s-]is\b(?=\s*(?:basis|,?\s*without\b|,?\s*with\s+all\s+faults|and\s+without\b))"
    r"|\bprovided\s+(?:[\w-]+\s+){0,3}?(?:on\s+an?\s+)?as[\s-]is\b"
    r"|\bwithout\s+(?:any\s+)?(?:express\s+or\s+implied\s+)?warrant(?:y|ies)\b"
    # not "disclaiming": GPL-3 s.7 lists "Disclaiming warranty" among terms one may add
    rf"|\bdisclaim(?:s|ed)?\b{gap(80)}\bwarrant(?:y|ies)\b"
    rf"|\bwarrant(?:y|ies)\b{gap(200, ';')}\b(?:are|is)\s+(?:hereby\s+)?(?:disclaimed|excluded)\b"
    r"|\b(?:makes?|gives?|provides?|offers?|extends?|get|receive)\s+no\s+(?:[\w-]+\s+){0,3}?"
    r"(?:warrant(?:y|ies)|representations?\s+or\s+warrant(?:y|ies))\b"
    r"|\b(?:is|are|with)\s+no\s+warrant(?:y|ies)\b"
    # "the author makes no promises of any kind, express or implied, about the software";
    # not "makes no promise that a beta will ever ship", which disclaims no warranty
    r"|\b(?:makes?|gives?|provides?|offers?)\s+no\s+(?:promises?|guarantees?|assurances?)\b"
    rf"{gap(80)}\b(?:express(?:ed)?\s+or\s+implied|implied\s+or\s+express(?:ed)?"
    r"|warrant(?:y|ies))\b",
    _I,
)


def warranty(ctx: Context) -> Iterator[Hit]:
    """A disclaimer of warranty: "as is", "without warranty", "disclaims all warranties"."""
    return _with_heading_fallback(
        ctx,
        "warranty",
        _WARRANTY,
        _WARRANTY_HEADING,
        _WARRANTY_SECTION,
        ("as is", "as-is", "warrant", "no promise", "no guarantee", "no assurance"),
    )


# --- governing-law ---------------------------------------------------------------------------

# A place as printed: capitalised words with "of", "and", "the" between ("the State of New
# York", "England and Wales", "the People's Republic of China"). Cleaned in `_jurisdiction`.
_PLACE = r"(?:the\s+)?[A-Z][\w'.-]*(?:\s+(?:of|and|the|laws?|[A-Z][\w'.-]*)){0,12}"
# Keywords match in any case, (?i:...); a place must start with a capital letter.
_LAW = re.compile(
    rf"\b(?i:(?:govern\w*|constru\w*|interpret\w*)\b{gap(60)}"
    r"\b(?:by|under|with|pursuant\s+to)\s+(?:the\s+)?(?:substantive\s+|internal\s+)?"
    r"laws?\s+(?:in\s+force\s+in\s+)?of)\s+"
    rf"(?P<place>{_PLACE})"
    # "governed by PRC laws", "governed by German law"
    rf"|\b(?i:(?:govern\w*|constru\w*)\b{gap(40)}\b(?:by|under)\s+(?:the\s+)?)"
    r"(?P<adj>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s+(?i:laws?)\b"
    # "the laws of China (...) apply to the interpretation of this License"
    rf"|\b(?i:laws?\s+of)\s+(?P<place2>{_PLACE})\s*(?:\([^()]{{0,120}}\)\s*)?"
    r"(?i:(?:shall\s+|will\s+)?(?:govern|apply|applies))\b",
)
_VENUE = re.compile(
    r"\b(?i:(?:courts?|tribunals?)\s+(?:located\s+|situated\s+|sitting\s+|residing\s+)?"
    r"(?:in|of))\s+"
    rf"(?P<place>{_PLACE}){gap(120)}\b(?i:(?:exclusive|sole)\s+(?:jurisdiction|venue))"
    r"|\b(?i:seat\s+of\s+(?:the\s+)?arbitration\s+(?:shall|will)\s+be)\s+"
    rf"(?P<place2>{_PLACE})",
)
# "the laws of that jurisdiction", where the courts are those of the licensor's home (AFL, OSL)
_LICENSOR_HOME = re.compile(
    r"\b(?:jurisdiction|country|state)\s+(?:wherein|where|in\s+which)\s+(?:the\s+)?licensor\s+"
    rf"(?:resides|is\s+(?:based|established|located|domiciled)|has\s+its\s+\w+)\b{gap(120)}"
    r"\blaws?\s+of\s+that\s+(?:jurisdiction|country|state)\b",
    _I,
)
# "The Chinese version shall prevail, provided that the laws of China apply": a condition on
# another clause, not a choice of law.
_CONDITIONAL = re.compile(r"\b(?:provided\s+that|if|unless)\s+(?:the\s+)?$", _I)
_PLACE_STOP = frozenset(
    "without except excluding notwithstanding regardless with in to as that which for shall "
    "will applicable including exclusive other than its their any all this these license "
    "licence agreement terms and/or governing law laws unless apply applies govern governs "
    "u.s.a usa you licensee licensor".split()
)
_ADJECTIVES = {
    "prc": "People's Republic of China",
    "chinese": "China",
    "german": "Germany",
    "french": "France",
    "english": "England and Wales",
    "swiss": "Switzerland",
    "dutch": "the Netherlands",
    "japanese": "Japan",
    "korean": "Republic of Korea",
    "italian": "Italy",
    "spanish": "Spain",
    "austrian": "Austria",
    "belgian": "Belgium",
    "israeli": "Israel",
    "indian": "India",
    "singapore": "Singapore",
    "singaporean": "Singapore",
    "finnish": "Finland",
    "swedish": "Sweden",
    "danish": "Denmark",
    "norwegian": "Norway",
    "polish": "Poland",
    "czech": "Czech Republic",
    "russian": "Russian Federation",
    "brazilian": "Brazil",
    "canadian": "Canada",
    "australian": "Australia",
    "irish": "Ireland",
    "us": "United States",
    "u.s.": "United States",
    "hong kong": "Hong Kong",
    "taiwanese": "Taiwan",
}
# Capitalised words before "law" that name no place: "governed by Applicable Law".
_NOT_PLACE = frozenset(
    "applicable local federal state national international governing the such any this your "
    "their its our relevant mandatory statutory common civil".split()
)
# "the State of California" is "California"; New York and Washington keep "the State of"
# to stay apart from the cities.
_STATE_OF = re.compile(r"^(?:the\s+)?(?:State|Commonwealth|Province|Canton)\s+of\s+", _I)
_KEEP_STATE = frozenset({"new york", "washington"})


def _clean_place(raw: str) -> str:
    """One place, cleaned: no trailing connector, no "the State of" before a known state."""
    words: list[str] = []
    for word in raw.split():
        if word.lower().strip(",") in _PLACE_STOP:
            break
        words.append(word)
        if word.endswith(","):
            break
    while words and words[-1].lower().strip(",.") in ("of", "and", "the", "laws", "law"):
        words.pop()
    place = " ".join(words).strip(",. ")
    if place.isupper() and len(place) > 4:  # a place in a disclaimer printed in capitals
        place = place.title().replace(" Of ", " of ").replace(" And ", " and ")
        place = re.sub(r"^The ", "the ", place.replace(" The ", " the "))
    if place.lower() in _NOT_PLACE or re.fullmatch(r"(?:the\s+)?(?:State|Commonwealth)", place, _I):
        return ""  # a template's "the State of <STATE>"
    if re.match(r"(?:the\s+)?hong\s+kong\b", place, _I):
        return "Hong Kong"
    state = _STATE_OF.sub("", place)
    if state != place:
        return f"the State of {state}" if state.lower() in _KEEP_STATE else state
    if place.lower().startswith("the netherlands"):
        return "the Netherlands"
    if place.lower().startswith("the "):
        place = place[4:]
    return place


def _jurisdiction(raw: str) -> str:
    """A short clean name for the place(s) of `raw`: "the United States and the laws of the
    State of Delaware" gives "United States and Delaware"."""
    parts = re.split(r"\s+and\s+(?:of\s+)?(?:the\s+laws?\s+of\s+)?(?=the\s)", raw, flags=_I)
    return " and ".join(p for p in (_clean_place(part) for part in parts) if p)


_TAIL = re.compile(r"(?:[\s,.]+(?:of|and|the|laws?))*[\s,.]*$", _I)
# "the law of the Member State where the Licensor has its seat": the place is the licensor's.
_RELATIVE = re.compile(r"\s+(?:[a-z]+\s+){0,2}?(?:where|in\s+which)\b")


def _law_hit(span: Span, match: re.Match[str], place: str, *, trim: bool) -> Hit:
    """A governing-law hit; with `trim`, its evidence ends where the place named last does."""
    end = match.end()
    if trim and match.group("place"):
        # cut at the first word that is no part of a place ("WITHOUT REGARD"), then at a
        # dangling "and the"
        end = match.end("place")
        for word in re.finditer(r"\S+", span.text[match.start("place") : end]):
            if word.group(0).lower().strip(",") in _PLACE_STOP - {"law", "laws"}:
                end = match.start("place") + word.start()
                break
        text = span.text[match.start() : end]
        tail = _TAIL.search(text)
        end = match.start() + (tail.start() if tail else len(text))
    if _RELATIVE.match(span.text, match.end()):
        place = f"{place} (where the licensor is based)"
    return Hit(
        "governing-law", span.start + match.start(), span.start + end, {"jurisdiction": place}
    )


def governing_law(ctx: Context) -> Iterator[Hit]:
    """The law chosen to govern the license, or failing that the chosen courts or seat.

    Only a named place counts: "applicable law" or "as far as the law allows" choose nothing.
    """
    found = False
    for span, match in find_all(_LAW, ctx.having("law")):
        if match.group("adj"):
            adj = match.group("adj")
            place = _ADJECTIVES.get(adj.lower(), "")
            if not place and adj.split()[0].lower() not in _NOT_PLACE:
                place = _clean_place(adj)  # "California law", "New York law"
            if not place:
                continue
        else:
            if match.group("place2") and _CONDITIONAL.search(span.text[: match.start()]):
                continue
            place = _jurisdiction(match.group("place") or match.group("place2"))
        if place:
            found = True
            yield _law_hit(span, match, place, trim=True)
    for span, match in find_all(_LICENSOR_HOME, ctx.having("licensor")):
        found = True
        yield Hit(
            "governing-law",
            span.start + match.start(),
            span.start + match.end(),
            {"jurisdiction": "the licensor's home jurisdiction"},
        )
    if found:
        return
    for span, match in find_all(_VENUE, ctx.having("court", "tribunal", "arbitration")):
        place = _jurisdiction(match.group("place") or match.group("place2"))
        if place:
            yield _law_hit(span, match, place, trim=False)


RULES: tuple[Rule, ...] = (
    terms_may_change,
    remote_restriction,
    guardrail_termination,
    litigation_termination,
    patent_retaliation,
    trademark_use,
    liability,
    warranty,
    governing_law,
)
