"""Decision clauses read by who does what to whom, for the flags whose wordings vary most.

Each reading below names the parts a clause needs, not a sentence: a prohibition or a
duty, an act, the party it binds or protects, and what it bears on. The older rules in
`restrictions.py`, `conditions.py` and `licensor.py` read the wordings they were written
from; these read the same clauses in the other ways lawyers draft them.

- no-redistribution: a ban on passing the material to others ("not permitted to share
  the weights", "copies may not leave your organisation", "does not include any right to
  pass the Model on"), not a condition of distributing it ("unless you include this
  license") and not a duty to keep the license the same.
- geographic-restriction: persons or use in named places excluded or use confined to
  them ("persons resident in the European Union", "only within the United States"),
  beyond what export law requires.
- licensee-restriction: a class of licensee excluded or the grant confined to one
  ("not available to any entity that develops competing models", "granted only to
  accredited universities").
- use-restrictions-passthrough: a duty to carry the use restrictions to the people who
  receive the material or use a service built on it.
- remote-restriction: the licensor's power to disable, throttle or restrict use by
  technical means or through access it controls.
- guardrail-termination: the rights end if safety measures are removed or bypassed.
- derivative-naming: a derived model must carry a given name or prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licensecmp.rules.base import Context, Hit, gap
from licensecmp.rules.definitions import terms_in

_I = re.I

_NEGATION = (
    r"(?:(?:may|shall|must|will|can|should)\s+(?:not|never)|cannot|can't|won't|mustn't|shan't"
    r"|(?:is|are)\s+(?:not\s+(?:permitted|allowed|authori[sz]ed|licen[sc]ed|entitled)|prohibited"
    r"|forbidden|strictly\s+prohibited)(?:\s+(?:to|from))?|agrees?\s+(?:not|never)\s+to"
    r"|do\s+not|don't|no\s+(?:right|licen[sc]e|permission)\s+(?:is\s+(?:given|granted)\s+)?to"
    r"|does\s+not\s+(?:include|grant|give|convey)\s+(?:you\s+)?(?:any\s+)?(?:right|licen[sc]e|permission)s?"
    r"\s+to)"
)
# What the material is, in the words licenses use for it.
_MATERIAL = (
    r"(?:model|models|weights|checkpoints?|parameters|copies|copy|software|materials?|dataset|data"
    r"|derivatives?|outputs?|it|them|files|program|work|package)"
)

# --- no-redistribution ----------------------------------------------------------------------

_PASS_ON = (
    r"(?:(?:re)?distribut\w*|shar(?:e|ing)|pass\w*\s+(?:\w+\s+){0,4}?on|giv(?:e|ing)|hand\w*\s+(?:\w+\s+)?"
    r"(?:over|on)|transfer\w*|disclos\w*|publish\w*|mak(?:e|ing)\s+(?:\w+\s+){0,4}?available"
    r"|sublicen[sc]\w*|disseminat\w*|upload\w*|post\w*|send\w*|leave|rent\w*|lend\w*|lease\w*"
    r"|pass(?:ed)?\s+to)"
)
_REDIST_BAN = re.compile(
    rf"\b{_NEGATION}\s+(?:\w+\s+){{0,3}}?(?:be\s+)?{_PASS_ON}\b"
    rf"|\b(?:(?:re)?distribution|sharing|transfer|dissemination|disclosure)\s+(?:of\s+{gap(60)}\s+)?"
    r"(?:\w+\s+){0,7}?(?:is|are)\s+(?:strictly\s+|expressly\s+)?"
    r"(?:prohibited|forbidden|not\s+(?:permitted|allowed|licen[sc]ed|granted))"
    r"|\bkeep\s+(?:\w+\s+){0,3}?(?:confidential|secret|private)\b"
    # copies kept where the licensee holds them: "must stay on your systems"
    r"|\b(?:weights|model|copies|checkpoints?|parameters|software|materials?)\b[^.;]{0,40}?"
    r"\b(?:must|shall|will)\s+(?:stay|remain)\s+(?:on|in|within)\s+(?:your|the\s+licensee's)\s+(?:own\s+)?"
    r"(?:systems?|servers?|premises|devices?|infrastructure|organi[sz]ation|control|possession)\b",
    _I,
)
# To whom: others. "may not distribute it under any other license" is a copyleft duty.
_TO_OTHERS = re.compile(
    r"\b(?:third\s+part(?:y|ies)|others|anyone|any\s+(?:person|one|other|entity)|other\s+(?:people|persons"
    r"|parties|entities)|the\s+public|publicly|recipients?|your\s+organi[sz]ation|your\s+company"
    r"|anybody|somebody|someone|copies|alone|yourself|your\s+own\s+use|online|the\s+internet"
    r"|public\s+(?:repositor\w*|hubs?|sites?|websites?|servers?|platforms?)"
    r"|outside\s+(?:of\s+)?(?:your|the)\s+(?:own\s+)?(?:team|organi[sz]ation|company|group|department"
    r"|institution|premises|household)"
    r"|confidential|to\s+(?:any|another)\s+(?:\w+\s+)?(?:person|party|entity|one|individual"
    r"|organi[sz]ation|company|user|customer)s?)\b|\bleave\b",
    _I,
)
_REDIST_CONDITION = re.compile(
    r"\b(?:unless|except|provided|other\s+than|without\s+(?:including|retaining|attaching|keeping|a\s+copy)"
    r"|under\s+(?:any\s+)?(?:other|different)\s+(?:licen[sc]e|terms)|under\s+(?:the\s+)?terms\s+other"
    r"|more\s+restrictive|further\s+restrictions|additional\s+restrictions|sub-?licens"
    r"|technolog|technical\s+measures|impose|infring|only\s+part|partial|substantively"
    r"|modified\s+versions?\s+of|modifications\s+will)\w*",
    _I,
)
_NOT_MATERIAL = re.compile(
    r"\b(?:names?|marks?|trade\s*marks?|logos?|personal\s+(?:data|information)|password|credentials"
    r"|api\s+keys?|access\s+tokens?|account|results\s+of\s+(?:any\s+)?benchmark\w*|source\s+code\s+of\s+your"
    r"|confidential\s+information\s+of|this\s+(?:licen[sc]e|agreement)|notices?)\b",
    _I,
)


_KEPT = re.compile(r"\b(?:stay|remain)\b", _I)


def _no_redistribution(ctx: Context) -> Iterator[Hit]:
    words = (
        "distribut",
        "share",
        "pass",
        "give",
        "hand",
        "transfer",
        "disclos",
        "publish",
        "available",
        "provide",
        "sublicen",
        "disseminat",
        "upload",
        "post",
        "send",
        "leave",
        "confidential",
        "secret",
        "stay",
        "remain",
    )
    for sentence in ctx.having(*words):
        text = sentence.text
        for match in _REDIST_BAN.finditer(text):
            rest = text[match.start() : match.end() + 160]
            if _REDIST_CONDITION.search(text) or _NOT_MATERIAL.search(rest[:200]):
                break
            noun = match.group().lower().lstrip().startswith(("distribution", "redistribution"))
            noun = noun or bool(re.search(r"\bredistribut", match.group(), _I))
            # "Redistribution in any form is not allowed" names no material: it is the
            # licensed one
            material = noun or re.search(rf"\b{_MATERIAL}\b", text, _I)
            if material and (noun or _TO_OTHERS.search(rest) or _KEPT.search(match.group())):
                yield ctx.hit("no-redistribution", sentence, match)
                return


# --- geographic-restriction -------------------------------------------------------------------

_PLACE = r"(?:the\s+)?(?-i:[A-Z][\w'-]+)(?:\s+(?-i:(?:of|and)\s+)?(?-i:[A-Z][\w'-]+)){0,4}"
_PEOPLE_IN = re.compile(
    rf"\b(?:residents?|resident|domiciled|located|based|incorporated|established|organi[sz]ed"
    rf"|headquartered|citizens?|nationals?)\s+(?:in|of)\s+(?P<place>{_PLACE})",
    _I,
)
_USE_IN = re.compile(
    rf"\b(?:only|solely|exclusively)\s+within\s+(?P<place>{_PLACE})"
    rf"|\bin\s+the\s+territor(?:y|ies)\s+of\s+(?P<place2>{_PLACE})",
    _I,
)
_EXCLUDED = re.compile(
    r"\b(?:not|never|no|excluded|exclud\w+|outside|cannot|prohibited|forbidden|barred|ineligible"
    r"|only|solely|exclusively)\b",
    _I,
)
_EXPORT_LAW = re.compile(
    r"\bexport|\bsanction|\bembargo|\bOFAC\b|\bdenied\s+part|\bentity\s+list|\bcontrol\s+laws?", _I
)
_NOT_PLACES = frozenset(
    {
        "the",
        "section",
        "article",
        "this",
        "you",
        "your",
        "licensor",
        "model",
        "schedule",
        "annex",
        "exhibit",
        "attachment",
        "appendix",
        "clause",
        "agreement",
        "license",
        "licence",
        "a",
        "an",
        "any",
    }
)


# Where disputes are heard or which law governs is no limit on where the material is used.
_FORUM = re.compile(
    r"\bcourts?\b|\bvenue\b|\bjurisdiction|\barbitrat|\bgoverned\b|\blaws?\s+of\b|\bdisputes?\b", _I
)


def _shouting(text: str) -> bool:
    """A sentence set in capitals (a disclaimer): its capitalised words name no places."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _geographic(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(" in ", " of ", "within"):
        text = sentence.text
        if _FORUM.search(text) or _shouting(text):
            continue
        if _EXPORT_LAW.search(text) and not re.search(
            r"whether\s+or\s+not|regardless|even\s+if", text, _I
        ):
            continue
        for pattern in (_PEOPLE_IN, _USE_IN):
            for match in pattern.finditer(text):
                place = (
                    (match.group("place") if "place" in pattern.groupindex else None)
                    or match.groupdict().get("place2")
                    or ""
                )
                first = place.split()[0].lower() if place.split() else ""
                if first in _NOT_PLACES and len(place.split()) < 2:
                    continue
                if re.match(
                    r"(?:the\s+)?(?:Section|Article|Schedule|Annex|Exhibit|Attachment|Appendix|Clause)\b",
                    place,
                ):
                    continue
                if _EXCLUDED.search(text) and re.search(rf"\b{_USE_OR_RIGHTS}\b", text, _I):
                    regions = [p.strip() for p in re.split(r",|\band\b|\bor\b", place) if p.strip()]
                    yield ctx.hit("geographic-restriction", sentence, match, regions=regions)
                    return


_USE_OR_RIGHTS = (
    r"(?:use|used|using|licen[sc]e|licen[sc]ed|rights?|grant|granted|access|deploy\w*|available"
    r"|exercise|eligible)"
)

# --- licensee-restriction -------------------------------------------------------------------

# A named class of licensee, not the generic words of a grant ("users", "persons",
# "licensees", "parties"): a ban or a grant that names one of these names who may not
# take the licence ("Law enforcement agencies may not use the Model", "Only students and
# staff of accredited schools may use the Model", "offered to individuals only;
# companies … receive no rights", "reserved to non-profit organisations").
_SPECIFIC_CLASS = (
    r"(?:compan(?:y|ies)|organi[sz]ations?|businesses|corporations?|agenc(?:y|ies)|governments?"
    r"|militar(?:y|ies)|armed\s+forces|universit(?:y|ies)|charit(?:y|ies)|institutions?|competitors?"
    r"|contractors?|vendors?|manufacturers?|(?:cloud|service|hosting)\s+providers?|employees?|firms?"
    r"|students?|staff|schools?|law[-\s]enforcement|police|non-?profits?|hyperscalers?|start-?ups?"
    r"|enterprises?|individuals|labs?|laborator(?:y|ies))"
)
# Any class of licensee: a named one, or the generic words of a grant.
_CLASS = rf"(?:{_SPECIFIC_CLASS}|entit(?:y|ies)|persons?|people|providers?|parties|licensees|users)"
_CLASS_EXCLUDED = re.compile(
    rf"\b(?:not\s+(?:available|granted|licensed|offered|extended)\s+to|does\s+not\s+(?:extend|apply)\s+to"
    rf"|{_CLASS}\s+(?:\w+\s+){{0,8}}?(?:are|is)\s+not\s+(?:licensees|eligible|permitted|allowed|entitled)"
    rf"|no\s+(?:\w+\s+){{0,3}}?{_CLASS}"
    rf"\s+(?:\w+\s+){{0,6}}?(?:may|shall|can)|{_CLASS}\s+(?:\w+\s+){{0,8}}?(?:are|is)\s+(?:excluded"
    rf"|barred|ineligible)\b"
    # "Licensees may not be law-enforcement bodies": who may take the licence, said of them
    rf"|(?:licensees?|you|users?|recipients?)\s+(?:may|shall|must|can)\s+not\s+be\s+(?:an?\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?{_CLASS}"
    rf"|granted\s+(?:only|solely|exclusively)\s+to|(?:only|solely|exclusively)\s+(?:available\s+)?to"
    rf"\s+(?:\w+\s+){{0,2}}?{_CLASS}|{_CLASS}\s+(?:that|which|who)\s+{gap(80)}\s+(?:may|shall|must)\s+not"
    rf"\s+(?:use|exercise|access|download))",
    _I,
)
_CLASS_WORD = re.compile(rf"\b{_CLASS}\b", _I)
# An activity after "not available to" ("designing arms"): a use excluded, not a class.
_ACTIVITY_NEXT = re.compile(
    r"\s+(?:any\s+|the\s+)?(?!(?:anything|everything|nothing|something)\b)\w+ing\b", _I
)
_CLASS_GUARD = re.compile(
    r"\bexport|\bsanction|\bembargo|\bdenied\s+part|\bunder\s+(?:the\s+)?age|\bminors?\b|\bchildren\b"
    r"|\bthird[-\s]part(?:y|ies)\s+beneficiar|\bno\s+(?:third|other)\s+part|\bassign|\bagency\b|\bpartnership"
    r"|\bjoint\s+venture|\bwarrant|\bliab|\bendorse|\bnames?\b|\bmarks?\b|\bexcept\s+as\b|\bpatent"
    r"|\bterminat|\bapplicable\s+laws?\b|\blaws\s+of\b|\bresponsib|\blosses\b",
    _I,
)


def _licensee(ctx: Context) -> Iterator[Hit]:
    words = (
        "not available",
        "not granted",
        "not licensed",
        "not offered",
        "not extended",
        "not extend",
        "not apply",
        "not licensees",
        "not eligible",
        "not permitted",
        "not allowed",
        "not entitled",
        "no ",
        "excluded",
        "barred",
        "ineligible",
        "only",
        "solely",
        "exclusively",
        "may not",
        "shall not",
        "must not",
        "reserved",
        "limited to",
        "restricted to",
        "no rights",
        "no licen",
        "not grant",
        "void",
        "invalid",
        "represent",
    )
    for sentence in ctx.having(*words):
        text = sentence.text
        if _CLASS_GUARD.search(text):
            continue
        for match in _CLASS_EXCLUDED.finditer(text):
            around = text[max(0, match.start() - 60) : match.end() + 100]
            if match.group().lower().endswith(" to") and _ACTIVITY_NEXT.match(text, match.end()):
                continue  # "does not extend to designing arms" excludes a use, not a class
            if _CLASS_WORD.search(around) and re.search(
                rf"\b{_USE_OR_RIGHTS}\b|\blicensees?\b|\bterms\b", text, _I
            ):
                yield ctx.hit("licensee-restriction", sentence, match)
                return
        barred = _SPECIFIC_CLASS_BARRED.search(text)
        # "limited to you and your employees" keeps use in-house (a use limit), and use
        # "restricted to persons who take full responsibility" is the disclaimer's
        if barred and _IN_HOUSE.search(barred.group()):
            barred = None
        if barred and _SIZED.search(" ".join(d.body for d in terms_in(barred.group(), ctx))):
            barred = None  # "Only Small Businesses may use it", a class drawn by revenue
        if barred and not _OWN_PEOPLE.search(text, 0, barred.end()):
            yield ctx.hit("licensee-restriction", sentence, barred)
            return


# Use kept in-house ("limited to you and your employees"): a use limit, not a class barred.
_IN_HOUSE = re.compile(
    r"\bto\s+(?:you|your)\b|\byou\s+and\s+your\b|\byour\s+(?:own\s+)?(?:employees|staff"
    r"|organi[sz]ation|company|contractors)\b",
    _I,
)
# A class the text draws by size (revenue, users): a threshold (thresholds.py).
_SIZED = re.compile(r"\b(?:revenues?|turnover|income|users|employees)\b|[$\u20ac\u00a3]\s?\d", _I)
# The licensor's own people bind the licensor: "Our employees may not access your data".
_OWN_PEOPLE = re.compile(
    r"\b(?:our|its|licensor's|the\s+licensor's)\s+(?:[\w-]+\s+){0,2}?"
    rf"{_SPECIFIC_CLASS}\b",
    _I,
)
_SPECIFIC_CLASS_BARRED = re.compile(
    # the class as the subject of a ban: "Law enforcement agencies may not use the Model"
    rf"^\W*(?:(?:any|all|no|the)\s+)?(?:[\w-]+\s+){{0,3}}?{_SPECIFIC_CLASS}\b[^.;:]{{0,60}}?"
    r"\b(?:may|shall|must|can)\s+not\s+(?:\w+\s+){0,2}?(?:use|access|download|exercise|accept|deploy)\b"
    # the class as the agent of a banned use: "may not be used by or on behalf of any company"
    rf"|\b(?:may|shall|must|can)\s+not\s+be\s+(?:used|accessed|deployed)\s+by\s+(?:or\s+(?:on\s+behalf"
    rf"\s+of|for)\s+)?(?:any\s+|an?\s+)?(?:[\w-]+\s+){{0,3}}?{_SPECIFIC_CLASS}\b"
    # only the class may use it, or the rights are kept for it
    rf"|\bonly\s+(?:[\w-]+\s+){{0,3}}?{_SPECIFIC_CLASS}\b[^.;:]{{0,60}}?\b(?:may|can|are\s+(?:permitted"
    r"|allowed|entitled))\s+(?:to\s+)?(?:use|access|download|exercise|accept)\b"
    rf"|\b(?:reserved|limited|restricted)\s+(?:only\s+|solely\s+)?to\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_SPECIFIC_CLASS}\b"
    rf"|\b(?:offered|granted|available|licen[sc]ed)\s+(?:only|solely|exclusively)\s+to\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_SPECIFIC_CLASS}\b"
    rf"|\b(?:offered|granted|available|licen[sc]ed)\s+to\s+(?:[\w-]+\s+){{0,3}}?{_SPECIFIC_CLASS}\s+only\b"
    rf"|{_SPECIFIC_CLASS}\b[^.;:]{{0,60}}?\b(?:receive|get|have|acquire)\s+no\s+(?:rights?|licen[sc]e)"
    # "does not grant any rights to government entities", "void for any licensee that is a
    # competitor", "you represent that you are not a competitor"
    rf"|\b(?:does|do|shall|will)\s+not\s+grant\s+(?:any\s+)?(?:rights?|licen[sc]es?)\s+to\s+(?:any\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_SPECIFIC_CLASS}\b"
    rf"|\b(?:void|invalid|not\s+valid|terminated)\s+for\s+(?:any\s+)?(?:[\w-]+\s+)?(?:that|who|which)\s+"
    rf"(?:is|are)\s+(?:an?\s+)?(?:[\w-]+\s+){{0,2}}?{_SPECIFIC_CLASS}\b"
    rf"|\brepresent\w*\s+(?:and\s+warrant\w*\s+)?that\s+(?:you|licensee)\s+(?:are|is)\s+not\s+(?:an?\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_SPECIFIC_CLASS}\b",
    _I,
)


# --- use-restrictions-passthrough -----------------------------------------------------------

_DOWNSTREAM = re.compile(
    r"\b(?:downstream|recipients?|sub-?licensees?|sub-?licen[sc]es?\s+you\s+grant|customers?|end[-\s]users?"
    r"|end[-\s]user\s+licen[sc]e|users\s+of|its\s+users|licensees\s+of|whoever\s+receives"
    r"|anyone\s+(?:who|to\s+whom)|third\s+parties\s+(?:to\s+whom|who)|terms\s+of\s+(?:service|use)"
    r"|agreements?\s+(?:under|by)\s+which|your\s+(?:own\s+)?(?:terms|agreement|licen[sc]e)"
    r"|mak(?:e|es|ing)\s+(?:a\s+|any\s+|the\s+)?(?:derivative|model|copy)\w*\s+available"
    r"|product\s+that\s+(?:embeds|includes|incorporates)"
    # the people downstream named as anyone: "anyone who gets the Model through you",
    # "others who receive them", "each third party you supply", "any licence you grant"
    r"|any(?:one|body)\s+(?:who|that|to\s+whom)|others|third\s+part(?:y|ies)"
    r"|licen[sc]es?\s+you\s+grant|terms\s+you\s+(?:share|distribute|offer|provide|licen[sc]e))\b",
    _I,
)
_USE_LIMITS = re.compile(
    r"\b(?:use\s+(?:restrictions?|limitations?)|(?:restrictions?|limitations?|limits?)\s+on\s+(?:the\s+)?use"
    r"|(?:prohibited|restricted|permitted)\s+uses?|uses\s+(?:listed|set\s+out|described)"
    r"|acceptable\s+use|use\s+polic\w+|use\s+limit\w*|no\s+less\s+restrictive\s+than"
    r"|restrictions\s+(?:in|of)\s+(?:this\s+)?(?:clause|section|paragraph|article|schedule|annex"
    r"|attachment|exhibit)|(?:paragraph|section|clause|article)\s+[\w.()]+\s+\((?:prohibited|restricted"
    r"|permitted)\s+uses?\)|compliance\s+with\s+(?:section|clause|article|paragraph)\s+[\w.()]+"
    r"\s+a\s+condition)",
    _I,
)
_CARRY = re.compile(
    r"\b(?:must|shall|will|agree\s+to|are\s+required\s+to|is\s+required\s+to)\s+(?:\w+\s+){0,3}?"
    r"(?:contain|include|impose|require|flow\s+down|pass|bind|forbid|prohibit|incorporate|attach"
    r"|carry|ensure|be\s+bound|enforce|extend|reproduce|make|receive|agree|oblig|tell)\w*"
    r"|\bbe\s+bound\s+by\b|\bsubject\s+to\s+the\s+same\b"
    r"|\btakes?\s+(?:it|them|the\s+\w+)\s+subject\s+to\b|\btravel\w*\s+with\b",
    _I,
)


def _passthrough(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
        "restrict", "limit", "prohibited", "uses", "use polic", "acceptable", *_PART_WORDS
    ):
        text = sentence.text
        if not _DOWNSTREAM.search(text) or not _CARRY.search(text):
            continue
        limits = _USE_LIMITS.search(text) or _part_of_use_limits(ctx, text)
        if limits:
            yield ctx.hit("use-restrictions-passthrough", sentence, limits)
            return


# A part of the text named by its label: "Schedule 2", "clause 7", "Attachment A".
_PART_WORDS = (
    "schedule",
    "annex",
    "attachment",
    "exhibit",
    "appendix",
    "part ",
    "section",
    "clause",
    "article",
    "paragraph",
)
_PART = re.compile(
    r"\b(?P<kind>schedule|annex|attachment|exhibit|appendix|part|section|clause|article|paragraph)"
    r"\s+(?P<label>\d+(?:\.\d+)*|[A-Z](?![\w'])|[IVX]{1,5}\b)",
    _I,
)
# What a part that limits use says: "You will not use the Model:", "may not be used to".
_USE_BAN = re.compile(
    # not the licence header's "may not use this file except in compliance with the License"
    r"\b(?:will|shall|may|must|agree\s+to)\s+not\s+(?:\w+\s+){0,2}?use\b"
    r"(?![^.;:]{0,40}\bexcept\s+in\s+compliance)|\bnot\s+(?:be\s+)?used\s+"
    r"(?:to|for|in)\b|\b(?:prohibited|restricted|forbidden)\s+uses?\b|\bmay\s+not\s+be\s+used\b",
    _I,
)


def _part_of_use_limits(ctx: Context, text: str) -> re.Match[str] | None:
    """The label in `text` of a part of the document that limits use ("must include
    Schedule 2", where Schedule 2 lists the banned uses), if any."""
    headings = _part_headings(ctx)
    for match in _PART.finditer(text):
        kind, label = match.group("kind").lower(), match.group("label").lower()
        for index, named in headings.get(label, ()):
            block = ctx.blocks[index]
            if (named and named != kind) or text in block.text:
                continue
            part = " ".join(b.text for b in ctx.blocks[index : index + 8])[:2000]
            if _USE_BAN.search(part):
                return match
    return None


# A block that opens a part with its label: "Schedule 2", "## Section 7", "7." (no kind).
_PART_HEADING = re.compile(
    r"^\W*(?:#+\s*)?(?:(?P<kind>schedule|annex|attachment|exhibit|appendix|part|section|clause"
    r"|article|paragraph)\s+)?(?P<label>\d+(?:\.\d+)*|[A-Z](?![\w'])|[IVX]{1,5}\b)(?![\w.])",
    _I,
)


def _part_headings(ctx: Context) -> dict[str, list[tuple[int, str]]]:
    """The blocks that open a labelled part, by label: (block index, its kind or "").
    Computed once per text, so that looking a label up costs no scan of the text."""
    found: dict[str, list[tuple[int, str]]] | None = ctx.memo.get("part-headings")
    if found is None:
        found = {}
        for index, block in enumerate(ctx.blocks):
            heading = _PART_HEADING.match(block.text)
            if heading:
                kind = (heading.group("kind") or "").lower()
                found.setdefault(heading.group("label").lower(), []).append((index, kind))
        ctx.memo["part-headings"] = found
    return found


# --- remote-restriction ---------------------------------------------------------------------

_LICENSOR_POWER = re.compile(
    r"\b(?:we|licensor|the\s+licensor|provider|the\s+provider|the\s+company|(?-i:[A-Z][\w&.-]+))\s+"
    r"(?:may|can|will|reserves?\s+the\s+(?:\w+\s+)?(?:right|ability)\s+to"
    r"|retains?\s+the\s+(?:\w+\s+)?(?:right|ability)\s+to"
    r"|is\s+entitled\s+to|has\s+the\s+(?:\w+\s+)?(?:right|ability)\s+to),?\s+"
    r"(?:[\w,-]+\s+){0,4}?(?P<act>disabl\w*|throttl\w*|restrict\w*|switch\w*\s+off|turn\w*\s+off|suspend\w*"
    r"|withdraw\w*|rate-limit\w*|terminat\w*(?=\s+(?:your\s+|the\s+licensee's\s+)?(?:access|use))"
    r"|stop\w*\s+serving"
    r"|block\w*|shut\w*\s+down|deactivat\w*|lock\w*|wip(?:e|ing)|interrupt\w*|revok\w*|limit\w*"
    r"|cut\w*\s+off|push\w*\s+updates|refus\w*\s+(?:\w+\s+)?(?:activation|access)|prevent\w*"
    r"|stop\w*(?=\s+(?:your|its|the\s+licensee's|any)\s+use|\s+the\s+model))\b"
    r"(?P<rest>[^.;]{0,200})",
    _I,
)
_REMOTE = re.compile(
    r"\bremote\w*|\btechnical\s+(?:means|measures|ability|controls?)|\bapi\b|\bcredentials|\baccess\b|\bupdates?\b"
    r"|\bon\s+(?:your|any|the)\s+(?:\w+\s+)?(?:systems?|devices?|hardware|installations?)|\bdevices?\b"
    r"|\bfeatures?\b|\bkill\s+switch|\bover\s+the\s+(?:air|network)|\btokens?\b|\bactivation\b"
    r"|\brequests\b|\bcop(?:y|ies)\b|\bhosted\b|\byour\s+use\b|\binstallation|\bkeys?\b"
    r"|\bfunctionality\b|\bfunctions\b|\bcapabilit\w*|\busage\b",
    _I,
)
# A control built into the material: "a licence check that contacts our servers; if the
# check fails, the Model stops working".
_BUILT_IN = re.compile(
    r"\b(?:licen[sc]e\s+(?:check|key\s+check|server)|activation\s+(?:check|server)|kill\s+switch"
    r"|phones?\s+home|contacts?\s+(?:our|the\s+licensor's)\s+servers?|online\s+(?:activation"
    r"|validation)|validation\s+(?:check|server))\b"
    r"[^.]{0,160}\b(?:stops?\s+(?:working|running|functioning)|ceases?\s+to\s+(?:work|function|run)"
    r"|disabl\w*|will\s+not\s+(?:run|load|work)|refus\w*)"
    # a kill switch needs no more words; a lock tied to a subscription neither
    r"|\bkill\s+switch|\b(?:only|stop\w*)\s+(?:decrypt|run|work|function|load)\w*\s+(?:while|when|if"
    r"|as\s+long\s+as)\s+(?:your|a|the)\s+(?:subscription|licen[sc]e|key|account)",
    _I,
)
_POWER_WORDS = (
    "disabl",
    "throttl",
    "restrict",
    "switch",
    "turn",
    "suspend",
    "block",
    "shut",
    "deactivat",
    "revok",
    "limit",
    "cut",
    "updates",
    "lock",
    "wip",
    "interrupt",
    "refus",
    "stop",
    "prevent",
    "withdraw",
    "terminat",
)


def _remote(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
        "licence check",
        "license check",
        "kill switch",
        "phone",
        "server",
        "activation",
        "validation",
        "decrypt",
    ):
        built_in = _BUILT_IN.search(sentence.text)
        if built_in:
            yield ctx.hit("remote-restriction", sentence, built_in)
            return
    for sentence in ctx.having(*_POWER_WORDS):
        for match in _LICENSOR_POWER.finditer(sentence.text):
            subject = sentence.text[match.start() : match.start("act")].split()[0].lower()
            if subject in {
                "you",
                "licensee",
                "recipient",
                "user",
                "nothing",
                "this",
                "these",
                "it",
                "api",
                "model",
                "software",
                "service",
                "services",
                "access",
                "use",
            }:
                continue
            keyed = _KEYED.search(sentence.text, 0, match.start())
            said = sentence.text[match.start() : match.end()]
            between = sentence.text[match.start() : match.start("act")]
            if re.search(r"\b(?:not|never|include\w*)\b", between, _I):
                continue  # "may include, but is not limited to": no power
            if match.group("act").lower().endswith("ed"):
                continue  # "may contain restricted functionality": a state, not a power
            if keyed or _REMOTE.search(said):
                yield ctx.hit("remote-restriction", sentence, match)
                return
    # the power said in the passive ("access … may be cut off by Acme without notice") or
    # given to the updates the licensor ships ("updates may remove features")
    for sentence in ctx.having("may be", "can be", "will be", "updates"):
        power = _PASSIVE_POWER.search(sentence.text) or _UPDATE_POWER.search(sentence.text)
        if power and not _LICENSEE_AGENT.match(sentence.text, power.end()):
            yield ctx.hit("remote-restriction", sentence, power)
            return


# What the licensor controls, named before the power: "a key that we may withdraw".
_KEYED = re.compile(r"\b(?:keys?|tokens?|credentials|licen[sc]e\s+servers?)\b", _I)
_PASSIVE_POWER = re.compile(
    r"\b(?:access|your\s+account|use\s+of\s+the\s+(?:api|service|hosted\s+\w+)|(?:the\s+)?hosted\s+\w+"
    r"|api\s+keys?|credentials|tokens?)\b[^.;]{0,60}?\b(?:may|can|will)\s+be\s+(?:remotely\s+)?(?:cut\s+off"
    r"|suspended|disabled|revoked|throttled|blocked|deactivated|rate-limited|withdrawn|switched\s+off"
    r"|shut\s+down)\b",
    _I,
)
_UPDATE_POWER = re.compile(
    r"\bupdates?\b(?:(?!\byou\b|\blicensee\b|,)[^.;]){0,40}?\b(?:may|can|will)\s+(?:\w+\s+(?:or|and)\s+)?(?:change|remove|disable"
    r"|restrict|limit|switch\s+off|turn\s+off)\w*\s+(?:\w+\s+){0,2}?(?:features?|functions?"
    r"|functionality|capabilit\w*|the\s+model|access)\b",
    _I,
)
# Powers the licensee holds over its own copies ("can be disabled by you") are no
# licensor's power.
_LICENSEE_AGENT = re.compile(r"[^.;]{0,20}\bby\s+(?:you|the\s+licensee|licensee|users?)\b", _I)


# --- guardrail-termination ------------------------------------------------------------------

_DEFEAT = re.compile(
    r"\b(?:remov|bypass|circumvent|disabl|defeat|tamper|jailbreak|strip|evad|turn\w*\s+off|switch\w*\s+off"
    r"|deactivat|override|undo|weaken|fine-?tun\w*\s+away)\w*",
    _I,
)
_SAFETY = re.compile(
    r"\b(?:safety|safeguards?|guardrails?|filters?|moderation|watermark\w*|classifiers?|refusals?"
    r"|alignment|content\s+(?:controls|policies)|protective\s+measures|protections?"
    r"|usage\s+limits?|rate\s+limits?|technical\s+(?:limits?|limitations|restrictions|measures)"
    r"|built-?in\s+(?:restrictions|limits|controls)|jailbreak\w*)\b",
    _I,
)
_ENDS = re.compile(
    r"\b(?:terminat\w*|end(?:s|ed)?\b|ceas\w*|revok\w*|lapse\w*|forfeit\w*|void\b|no\s+longer\s+(?:valid"
    r"|licensed|in\s+effect)|voids?\b|voided\b|los(?:e|es|t)\s+(?:all\s+|any\s+|your\s+)?(?:rights?|licen[sc]e|permission))",
    _I,
)


def _guardrail(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
        "safe",
        "guardrail",
        "filter",
        "moderation",
        "watermark",
        "protection",
        "classifier",
        "refusal",
        "alignment",
        "limit",
        "technical",
        "protect",
        "jailbreak",
        "built-in",
    ):
        text = sentence.text
        match = _DEFEAT.search(text)
        # the removal is what triggers the end: "if you remove", "Disabling … terminates"
        trigger = match and (
            re.search(
                r"\b(?:if|should|where|when|whenever|once|upon|on|following|(?:any\s+)?attempts?\s+to"
                r"|(?:any|a)\s+(?:\w+\s+){0,3}?(?:that|which))\b[^.;]{0,60}$",
                text[: match.start()],
                _I,
            )
            or not text[: match.start()].strip(" -*(0123456789.)")
        )
        # the end may be said before the trigger: "Your licence is revoked if you disable …"
        ends = match and (_ENDS.search(text[match.end() :]) or _ENDS.search(text[: match.start()]))
        if match and trigger and _SAFETY.search(text) and ends:
            yield ctx.hit("guardrail-termination", sentence, match)
            return


# --- derivative-naming ----------------------------------------------------------------------

_NAME_WORD = re.compile(r"\b(?:names?|named|titles?|designation|prefix|suffix|first\s+word)\b", _I)
_NAME_DUTY = re.compile(
    r"(?P<ev>\b(?:must|shall|will\s+need\s+to|(?:are|is)\s+required\s+to|(?:are|is)\s+to)(?!\s+not\b)\s+"
    r"(?:\w+\s+){0,4}?(?:carry|bear|include|use|have|contain|begin|start|end|be\s+identified|be\s+named"
    r"|be\s+called|name)\w*\b[^.;]{0,80}?(?:[\"'\u201c\u2018][^\"'\u201d\u2019]{1,40}[\"'\u201d\u2019]|-\w+"
    r"|\bprefix|\bsuffix|\bfirst\s+word|\bword\s+(?-i:[A-Z])\w+|(?-i:\b[A-Z][\w-]+)(?=\s+(?:in|as)\s+"
    r"(?:their|its|the)\s+names?)))",
    _I,
)
_NAME_FREE = re.compile(
    r"\b(?:as\s+you\s+like|any\s+name|not\s+use\s+(?:our|the|its)\s+names?|need\s+not|other\s+than"
    r"|notices?|your\s+name|e-?mail)\b",
    _I,
)
_DERIVED = re.compile(
    r"\bderiv\w*|\bfine-?tun\w*|\bmodif\w*|\bversions?\b|\bbased\s+on|\bcheckpoints?|\bvariants?"
    r"|\badapt\w*",
    _I,
)


def _naming(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having("name", "prefix", "suffix", "title", "designation"):
        text = sentence.text
        match = _NAME_DUTY.search(text)
        if (
            match
            and _NAME_WORD.search(text)
            and _DERIVED.search(text)
            and not _NAME_FREE.search(text)
        ):
            yield ctx.hit("derivative-naming", sentence, match, "ev")
            return


# --- attribution-display ------------------------------------------------------------------

_DISPLAY = re.compile(
    r"(?P<ev>\b(?:must|shall|will\s+need\s+to|(?:are|is)\s+required\s+to|agrees?\s+to)(?!\s+not\b)\s+"
    r"(?:\w+\s+){0,2}?"
    r"(?:show|display|feature|present|credit|exhibit|put|place|carry)\w*\b[^.;]{0,80}?"
    r"(?:[\"'\u201c\u2018][^\"'\u201d\u2019]{2,40}[\"'\u201d\u2019]|\blogo\b|\bbadge\b|\bcredit\b"
    r"|\bwords\b|(?-i:\b[A-Z][\w-]+\b)))",
    _I,
)
_WHERE_SHOWN = re.compile(
    r"\b(?:screens?|user\s+interfaces?|ui|about\s+(?:page|box|screen|dialog)|splash|web\s*(?:site|page)s?"
    r"|apps?|applications?|products?|services?|documentation|next\s+to|alongside|beside|visibl\w*"
    r"|prominent\w*|outputs?)\b",
    _I,
)
_NOT_DISPLAY = re.compile(
    r"\bnotice\s+(?:text\s+)?files?\b|\btext\s+file\b|\bNOTICE\b|\bcit(?:e|ation)\b|\bpaper\b"
    r"|\bencourag\w*|\boptional\w*|\bnot\s+required\b|\bneed\s+not\b|\bsource\s+code\b"
    r"|\bcopyright\s+notice|\bnotices?\b|\badvertising\b|\backnowledge?ments?\b|\btitle\b"
    r"|\bwith\s+every\s+(?:copy|distribution)\b|\bdistribution\s+of\b",
    _I,
)


# A credit that is plainly for the user's eyes: a quoted phrase, a logo or a badge shown in
# a screen, an app, a site or next to outputs. It stands even where the sentence calls it a
# "notice" ("display a notice reading 'Built with Quill' in the user interface").
_SHOWN_CREDIT = re.compile(
    r"[\"'\u201c\u2018][^\"'\u201d\u2019]{2,40}[\"'\u201d\u2019]|\blogo\b|\bbadge\b", _I
)
_ON_SCREEN = re.compile(
    r"\b(?:screens?|user\s+interfaces?|ui|about\s+(?:page|box|screen|dialog)|splash|web\s*(?:site|page)s?"
    r"|home\s+page|apps?|next\s+to|alongside|beside)\b",
    _I,
)
# Hard vetoes: a notice file, a citation, a wish, advertising.
_NEVER_DISPLAY = re.compile(
    r"\bnotice\s+(?:text\s+)?files?\b|\btext\s+file\b|\bcit(?:e|ation)\b|\bpaper\b|\bencourag\w*"
    r"|\boptional\w*|\bnot\s+required\b|\bneed\s+not\b|\badvertising\b",
    _I,
)
# A logo or badge included where users see it: "must include the Acme logo next to any
# generated content".
_INCLUDED_CREDIT = re.compile(
    r"(?P<ev>\b(?:must|shall|(?:are|is)\s+required\s+to|agrees?\s+to)(?!\s+not\b)\s+(?:\w+\s+){0,2}?"
    r"(?:include|add)\w*\s+(?:\w+\s+){0,4}?(?:logo|badge)s?\b[^.;]{0,40}?\b(?:next\s+to|alongside|beside"
    r"|on\s+(?:every|each|any|the)\s+(?:screen|page|output)|in\s+(?:the|your|its)\s+(?:user\s+interface|ui"
    r"|app|website)))",
    _I,
)
# Telling users what the product is built on: "must state clearly to users that it uses
# Nimbus", "disclose to end users that the service is powered by …".
_TOLD_USERS = re.compile(
    r"(?P<ev>\b(?:must|shall|(?:are|is)\s+required\s+to|agrees?\s+to)(?!\s+not\b)\s+(?:\w+\s+){0,2}?"
    r"(?:state|disclose|indicate|inform|tell|make\s+clear)\w*\b[^.;]{0,30}?\b(?:to\s+)?(?:your\s+|its\s+"
    r"|the\s+|end\s+)?users\b[^.;]{0,30}?\bthat\b[^.;]{0,40}?\b(?:uses?|built\s+(?:with|on)|powered\s+by"
    r"|based\s+on|runs?\s+on)\b)",
    _I,
)


def _display(ctx: Context) -> Iterator[Hit]:
    words = ("show", "display", "feature", "present", "credit", "exhibit", "logo", "badge", "users")
    for sentence in ctx.having(*words):
        text = sentence.text
        if _NEVER_DISPLAY.search(text):
            continue
        told = _TOLD_USERS.search(text) or _INCLUDED_CREDIT.search(text)
        if told:
            yield ctx.hit("attribution-display", sentence, told, "ev")
            return
        match = _DISPLAY.search(text)
        if match is None:
            continue
        after = text[match.start() :]
        plain = _SHOWN_CREDIT.search(after) and _ON_SCREEN.search(after)
        if not plain and _NOT_DISPLAY.search(text):
            continue
        if _WHERE_SHOWN.search(after):
            yield ctx.hit("attribution-display", sentence, match, "ev")
            return


# --- litigation-termination -----------------------------------------------------------------

_SUE = re.compile(
    r"\b(?:bring\w*|brought|fil(?:e|es|ed|ing)|start\w*|commenc\w*|institut\w*|initiat\w*|assert\w*"
    r"|su(?:e|es|ed|ing))\b[^.;]{0,60}?\b(?:claims?|suits?|actions?|litigation|proceedings|lawsuits?"
    r"|against)\b"
    # suing the licensor named as the object: "If you sue us or our affiliates over …"
    r"|\bsu(?:e|es|ed|ing)\s+(?:us|the\s+licensor|licensor|(?-i:[A-Z][\w&.-]+))\b",
    _I,
)
# Claims about intellectual property at large; a trigger limited to patents is
# patent-retaliation (SPEC reading rules).
_IP = re.compile(
    r"\b(?:intellectual\s+property|IP\s+rights|copyrights?|trade\s+secrets?|violat\w*\s+(?:its|your"
    r"|their)\s+(?:ip|rights|intellectual))",
    _I,
)


def _litigation(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
        "claim", "suit", "action", "litigation", "proceedings", "lawsuit", "sue"
    ):
        text = sentence.text
        match = _SUE.search(text)
        if (
            match
            and _IP.search(text)
            and not re.search(r"\bpatent", text, _I)
            and _ENDS.search(text)
            and re.search(
                r"\bagainst\b|\basserting\b|\balleging\b|\bclaiming\b|\bsu(?:e|es|ed|ing)\s+(?:us"
                r"|the\s+licensor|licensor|(?-i:[A-Z]))",
                text,
                _I,
            )
        ):
            yield ctx.hit("litigation-termination", sentence, match)
            return


RULES = (
    _no_redistribution,
    _geographic,
    _licensee,
    _passthrough,
    _remote,
    _guardrail,
    _naming,
    _litigation,
    _display,
)
