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
    r"|sublicen[sc]\w*|disseminat\w*|upload\w*|post\w*|send\w*|leave)"
)
_REDIST_BAN = re.compile(
    rf"\b{_NEGATION}\s+(?:\w+\s+){{0,3}}?(?:be\s+)?{_PASS_ON}\b"
    rf"|\b(?:re)?distribution\s+(?:of\s+{gap(60)}\s+)?(?:\w+\s+)?(?:is|are)\s+(?:strictly\s+|expressly\s+)?"
    r"(?:prohibited|forbidden|not\s+(?:permitted|allowed|licen[sc]ed|granted))"
    r"|\bkeep\s+(?:\w+\s+){0,3}?(?:confidential|secret|private)\b",
    _I,
)
# To whom: others. "may not distribute it under any other license" is a copyleft duty.
_TO_OTHERS = re.compile(
    r"\b(?:third\s+part(?:y|ies)|others|anyone|any\s+(?:person|one|other|entity)|other\s+(?:people|persons"
    r"|parties|entities)|the\s+public|publicly|recipients?|your\s+organi[sz]ation|your\s+company"
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
    )
    for sentence in ctx.having(*words):
        text = sentence.text
        for match in _REDIST_BAN.finditer(text):
            rest = text[match.start() : match.end() + 160]
            if _REDIST_CONDITION.search(text) or _NOT_MATERIAL.search(rest[:200]):
                break
            noun = match.group().lower().lstrip().startswith(("distribution", "redistribution"))
            if re.search(rf"\b{_MATERIAL}\b", text, _I) and (noun or _TO_OTHERS.search(rest)):
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

_CLASS = (
    r"(?:entit(?:y|ies)|persons?|people|individuals|compan(?:y|ies)|organi[sz]ations?|businesses"
    r"|corporations?|agenc(?:y|ies)|governments?|militar(?:y|ies)|armed\s+forces|universit(?:y|ies)"
    r"|charit(?:y|ies)|institutions?|competitors?|contractors?|vendors?|manufacturers?|providers?"
    r"|employees?|firms?|parties|licensees|users)"
)
_CLASS_EXCLUDED = re.compile(
    rf"\b(?:not\s+(?:available|granted|licensed|offered|extended)\s+to|does\s+not\s+(?:extend|apply)\s+to"
    rf"|{_CLASS}\s+(?:\w+\s+){{0,8}}?(?:are|is)\s+not\s+(?:licensees|eligible|permitted|allowed|entitled)"
    rf"|no\s+(?:\w+\s+){{0,3}}?{_CLASS}"
    rf"\s+(?:\w+\s+){{0,6}}?(?:may|shall|can)|{_CLASS}\s+(?:\w+\s+){{0,8}}?(?:are|is)\s+(?:excluded"
    rf"|barred|ineligible)\b"
    rf"|granted\s+(?:only|solely|exclusively)\s+to|(?:only|solely|exclusively)\s+(?:available\s+)?to"
    rf"\s+(?:\w+\s+){{0,2}}?{_CLASS}|{_CLASS}\s+(?:that|which|who)\s+{gap(80)}\s+(?:may|shall|must)\s+not"
    rf"\s+(?:use|exercise|access|download))",
    _I,
)
_CLASS_WORD = re.compile(rf"\b{_CLASS}\b", _I)
_CLASS_GUARD = re.compile(
    r"\bexport|\bsanction|\bembargo|\bdenied\s+part|\bunder\s+(?:the\s+)?age|\bminors?\b|\bchildren\b"
    r"|\bthird[-\s]part(?:y|ies)\s+beneficiar|\bno\s+(?:third|other)\s+part|\bassign|\bagency\b|\bpartnership"
    r"|\bjoint\s+venture|\bwarrant|\bliab|\bendorse|\bnames?\b|\bmarks?\b|\bexcept\s+as\b|\bpatent"
    r"|\bterminat|\bapplicable\s+laws?\b|\blaws\s+of\b",
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
    )
    for sentence in ctx.having(*words):
        text = sentence.text
        if _CLASS_GUARD.search(text):
            continue
        for match in _CLASS_EXCLUDED.finditer(text):
            around = text[max(0, match.start() - 60) : match.end() + 100]
            if _CLASS_WORD.search(around) and re.search(
                rf"\b{_USE_OR_RIGHTS}\b|\blicensees?\b|\bterms\b", text, _I
            ):
                yield ctx.hit("licensee-restriction", sentence, match)
                return


# --- use-restrictions-passthrough -----------------------------------------------------------

_DOWNSTREAM = re.compile(
    r"\b(?:downstream|recipients?|sub-?licensees?|customers?|end[-\s]users?|users\s+of|licensees\s+of"
    r"|whoever\s+receives|anyone\s+(?:who|to\s+whom)|third\s+parties\s+(?:to\s+whom|who)|terms\s+of\s+(?:service|use)"
    r"|agreements?\s+(?:under|by)\s+which|your\s+(?:own\s+)?(?:terms|agreement|licen[sc]e))\b",
    _I,
)
_USE_LIMITS = re.compile(
    r"\b(?:use\s+restrictions?|restrictions?\s+(?:on|of)\s+use|limits?\s+on\s+(?:the\s+)?use|prohibited\s+uses"
    r"|restricted\s+uses|uses\s+(?:listed|set\s+out|described)|acceptable\s+use|use\s+polic\w+"
    r"|restrictions\s+(?:in|of)\s+(?:this\s+)?(?:clause|section|paragraph|article|schedule|annex|attachment)"
    r"|(?:paragraph|section|clause|article)\s+[\w.()]+\s+\((?:prohibited|restricted)\s+uses?\))",
    _I,
)
_CARRY = re.compile(
    r"\b(?:must|shall|will|agree\s+to|are\s+required\s+to|is\s+required\s+to)\s+(?:\w+\s+){0,3}?"
    r"(?:contain|include|impose|require|flow\s+down|pass\s+(?:on|through)|bind|forbid|prohibit|incorporate"
    r"|carry|ensure|be\s+bound|enforce|extend|reproduce|make\s+(?:\w+\s+)?subject)\w*"
    r"|\bbe\s+bound\s+by\b|\bsubject\s+to\s+the\s+same\b",
    _I,
)


def _passthrough(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
        "restrict", "limit", "prohibited", "uses", "use polic", "acceptable"
    ):
        text = sentence.text
        limits = _USE_LIMITS.search(text)
        if limits and _DOWNSTREAM.search(text) and _CARRY.search(text):
            yield ctx.hit("use-restrictions-passthrough", sentence, limits)
            return


# --- remote-restriction ---------------------------------------------------------------------

_LICENSOR_POWER = re.compile(
    r"\b(?:we|licensor|the\s+licensor|provider|the\s+provider|(?-i:[A-Z][\w&.-]+))\s+"
    r"(?:may|can|will|reserves?\s+the\s+right\s+to|retains?\s+the\s+right\s+to|is\s+entitled\s+to)\s+"
    r"(?:\w+\s+){0,4}?(?P<act>disabl\w*|throttl\w*|restrict\w*|switch\w*\s+off|turn\w*\s+off|suspend\w*|block\w*"
    r"|shut\w*\s+down|deactivat\w*|revok\w*\s+(?:\w+\s+)?access|limit\w*|cut\w*\s+off|push\w*\s+updates)\b"
    r"(?P<rest>[^.;]{0,200})",
    _I,
)
_REMOTE = re.compile(
    r"\bremote\w*|\btechnical\s+(?:means|measures)|\bapi\b|\bcredentials|\baccess\b|\bupdates?\b"
    r"|\bon\s+your\s+(?:systems?|devices?|hardware)|\bfeatures?\b|\bkill\s+switch|\bover\s+the\s+(?:air|network)",
    _I,
)


def _remote(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
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
    ):
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
            if _REMOTE.search(match.group("act") + match.group("rest")):
                yield ctx.hit("remote-restriction", sentence, match)
                return


# --- guardrail-termination ------------------------------------------------------------------

_GUARDRAIL = re.compile(
    rf"\b(?:remov|bypass|circumvent|disabl|defeat|tamper|jailbreak|strip|evad|turn\w*\s+off|switch\w*\s+off"
    rf"|deactivat|override)\w*\b{gap(80)}\b(?:safety|safeguards?|guardrails?|filters?|moderation"
    rf"|watermark\w*|content\s+(?:controls|policies|classifiers?)|protections?)\b",
    _I,
)
_ENDS = re.compile(
    r"\b(?:terminat\w*|end(?:s|ed)?\b|ceas\w*|revok\w*|lapse\w*|forfeit\w*|void)", _I
)


def _guardrail(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having(
        "safe", "guardrail", "filter", "moderation", "watermark", "protection"
    ):
        match = _GUARDRAIL.search(sentence.text)
        if match and _ENDS.search(sentence.text):
            yield ctx.hit("guardrail-termination", sentence, match)
            return


# --- derivative-naming ----------------------------------------------------------------------

_NAMING = re.compile(
    r"(?P<ev>\b(?:must|shall|will\s+need\s+to|are\s+required\s+to|is\s+required\s+to)\s+(?:\w+\s+){0,4}?"
    r"(?:carry|bear|include|use|have|contain|begin|start)\w*\s+(?:\w+\s+){0,4}?(?:names?|prefix|word|term)\b"
    r"[^.;]{0,60}?(?:begins?|starts?|prefix|word|term|with)\b"
    r"|\bname\s+(?:\w+\s+){0,4}?so\s+that\s+(?:the|its|their)\s+names?\s+(?:begins?|starts?))",
    _I,
)
_DERIVED = re.compile(
    r"\bderiv\w*|\bfine-?tun\w*|\bmodif\w*|\bversions?\b|\bbased\s+on|\bcheckpoints?", _I
)


def _naming(ctx: Context) -> Iterator[Hit]:
    for sentence in ctx.having("name", "prefix"):
        match = _NAMING.search(sentence.text)
        if match and _DERIVED.search(sentence.text):
            yield ctx.hit("derivative-naming", sentence, match, "ev")
            return


RULES = (_no_redistribution, _geographic, _licensee, _passthrough, _remote, _guardrail, _naming)
