"""Flag rules: conditions (duties that come with the grant).

Each rule looks for a duty of the licensee in one sentence: a duty word ("must",
"shall", "provided that", "agree to") governing a specific act (keep notices,
mark changes, provide source...). A duty that is waived ("you need not", "is not
required to") does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licensecmp.rules.base import Context, Hit, Rule, Span, find_all, gap

_WAIVED = re.compile(
    rf"\b(?:not|no|never|need\s+not|nothing)\b(?!-){gap(25, '.;:', lazy=False)}$"
    rf"|\bno\s+obligation\b{gap(60, lazy=False)}$",
    re.I,
)
# A duty of the licensee: what follows the first of these words in a sentence is required.
_DUTY = re.compile(
    r"\b(?:must|shall(?!\s+(?:mean|include|refer|have\s+the\s+meaning))|agrees?\s+to|(?:is|are)\s+required\s+to|need\s+to|provided\s+that"
    r"|on\s+(?:the\s+)?condition\s+that|subject\s+to\s+the\s+following\s+conditions"
    r"|(?<!for\s)so\s+long\s+as|(?:you|licensee|recipients?)\s+will(?!\s+(?:not|be\s+deemed)\b)"
    r"|(?:each|one|all)\s+of\s+the\s+following)\b"
    # the imperative of plain-language licenses, opening the sentence: "Make sure everyone
    # who gets a copy ...", not "designed to make sure that you have the freedom"
    r"|^\W{0,4}make\s+sure\b",
    re.I,
)
# "Licensor shall provide the source": a duty of the licensor is not a condition on the user.
_LICENSOR_SUBJECT = re.compile(r"\b(?:licensor|we|the\s+authors?)\s+(?:\w+\s+)?$", re.I)
_LIST_ITEM = re.compile(r"\s*\(?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]\s")


def _waived(text: str, pos: int) -> bool:
    """Whether the duty starting at `pos` is negated or waived just before it."""
    return bool(_WAIVED.search(text[max(0, pos - 80) : pos]))


def _licensor_duty(text: str, pos: int) -> bool:
    """Whether the duty at `pos` falls on the licensor ("Licensor shall ...")."""
    return bool(_LICENSOR_SUBJECT.search(text[max(0, pos - 40) : pos]))


def duty_units(ctx: Context) -> Iterator[tuple[Span, int]]:
    """Sentences stating a duty of the licensee, with the offset where the duty starts.

    A sentence such as "You must:" or "provided that you do all of the following:" also
    makes duties of the list items after it (offset 0), as long as items follow.
    """
    lead_in = False
    for sentence in ctx.sentences:
        if lead_in and _LIST_ITEM.match(sentence.text):
            yield sentence, 0
            continue
        lead_in = False
        duty = _DUTY.search(sentence.text)
        if not duty or _licensor_duty(sentence.text, duty.start()):
            continue
        yield sentence, duty.start()
        lead_in = sentence.text.rstrip().endswith(":")


def _find_duties(ctx: Context, flag: str, act: re.Pattern[str]) -> Iterator[Hit]:
    """Hits of `act` that a duty governs and no waiver negates."""
    for span, pos in duty_units(ctx):
        for match in act.finditer(span.text, pos):
            if not _waived(span.text, match.start()):
                yield ctx.hit(flag, span, match)
                break


def _find(
    ctx: Context, flag: str, pattern: re.Pattern[str], words: tuple[str, ...] = ()
) -> Iterator[Hit]:
    """Hits of a pattern that states its own duty ("must be plainly marked").

    `words`, when given, are words every match contains: other sentences are skipped.
    """
    for span, match in find_all(pattern, ctx.having(*words) if words else ctx.sentences):
        if not _waived(span.text, match.start()):
            yield ctx.hit(flag, span, match)


# --- include-notice ------------------------------------------------------------------------

_NOTICE_OBJECT = (
    r"(?:(?:copyright|license|licence|attribution|legal|permission)"
    # "all copyright, patent, or trademark notices"
    r"(?:,\s+(?:[\w-]+,?\s+){0,3}?(?:or\s+|and\s+)?[\w-]+)?\s+notices?"
    r"|(?:credit|attribution)\s+(?:or\s+(?:credit|attribution)\s+)?information"
    r"|notices?\s+(?:that\s+refers?|stating\s+that\s+this\s+licen[cs]e)"
    r"|\"?notice\"?\s+(?:text\s+)?file"
    r"|(?:a\s+)?(?:true\s+)?cop(?:y|ies)\s+of\s+(?:this|the|these)\s+(?:\w+\s+){0,3}?"
    r"(?:licen[cs]e|agreement|terms)"
    r"|this\s+licen[cs]e\s+document"
    r"|(?:the\s+)?(?:full\s+)?text\s+of(?:,\s+or\s+the\s+uri\s+or\s+hyperlink\s+to,)?\s+this\s+"
    r"(?:\w+\s+){0,2}?(?:licen[cs]e|agreement)"
    r"|(?:uri|url|hyperlink|link)\s+to\s+this\s+(?:\w+\s+){0,2}?(?:licen[cs]e|agreement))"
)
_INCLUDE_NOTICE_ACT = re.compile(
    # verbs with their -s and -ing forms ("by providing a copy of this license"), but not
    # "provided that" or "including", which are no act
    r"\b(?:(?:retain|keep|hand|ship|attach|deliver|furnish|publish|get)(?:s|es|ed)?|contains?"
    r"|(?:includ|reproduc|preserv|distribut|duplicat|receiv)(?:e|es)|provid(?:e|es|ing)"
    r"|giv(?:e|es|ing)|suppl(?:y|ies|ying)|accompan(?:y|ies|ying)"
    rf"|mak(?:e|es|ing)\s+available)\b{gap(140)}\b"
    + _NOTICE_OBJECT
    # an item of a "retain the following:" list that is itself the notice
    + r"|^\s*\(?[ivx]{1,4}[.)]\s+(?:a\s+)?"
    + _NOTICE_OBJECT,
    re.I,
)
_INCLUDE_NOTICE = re.compile(
    rf"\b(?:copyright|permission|license|licence|attribution)\s+notices?\b{gap(200)}"
    r"\b(?:(?:shall|must)\s+be\s+(?:included|retained|reproduced|preserved|kept)"
    r"|(?:appears?|be\s+included)\s+in\s+all\s+copies"
    r"|(?:may|must|shall)\s+not\s+be\s+removed)"
    r"|\bnotice\s+(?:may|must|shall)\s+not\s+be\s+removed"
    rf"|\b(?:re)?distribut\w*\b{gap(80, ';')}"
    r"\b(?:along\s+with|with|accompanied\s+by)\s+a\s+copy\s+of\s+"
    r"this\s+(?:\w+\s+){0,2}?(?:licen[cs]e|agreement)"
    r"|\bcop(?:y|ies)\s+of\s+this\s+(?:licen[cs]e|agreement)\s+(?:must|shall)\s+be\s+"
    r"(?:included|provided|distributed|supplied)"
    rf"|\b(?:may|must|shall)\s+not\s+(?:remove|alter|obscure|delete)(?:\s+or\s+\w+)?\b{gap(60)}"
    r"\b(?:copyright|license|licence|attribution|legal)\s+notices?",
    re.I,
)


def include_notice(ctx: Context) -> Iterator[Hit]:
    """Keep copyright or license notices, or ship a copy of the license, with copies."""
    yield from _find_duties(ctx, "include-notice", _INCLUDE_NOTICE_ACT)
    yield from _find(
        ctx, "include-notice", _INCLUDE_NOTICE, ("notice", "copy of this", "copies of this")
    )


# --- state-changes -------------------------------------------------------------------------

_CHANGED = (
    r"(?:you\s+|they\s+|it\s+)?(?:have\s+)?"
    r"(?:changed|modified|altered|made\s+(?:changes|modifications))"
)
_STATE_CHANGES_ACT = re.compile(
    r"\bnotices?\s+(?:stating\s+)?that\s+"
    + _CHANGED
    + rf"|\b(?:indicate|state|note|document|identify|describe|mark|inform)s?\b{gap(60)}"
    r"\b(?:if|that|whether|where|which|how)\s+"
    + _CHANGED
    + r"|\b(?:document|describe|identify)\w*\s+(?:\w+\s+){0,4}?(?:the\s+)?"
    r"(?:changes|modifications)\s+(?:you\s+)?(?:made|have\s+made)\b"
    r"|\bdocumenting\s+the\s+changes\s+made\b",
    re.I,
)
_STATE_CHANGES = re.compile(
    r"\b(?:altered|modified|changed)\s+(?:source\s+)?(?:versions?|files?|copies)\s+"
    r"(?:must|shall)\s+be\s+(?:plainly\s+|clearly\s+|prominently\s+)?marked\b",
    re.I,
)


def state_changes(ctx: Context) -> Iterator[Hit]:
    """Mark or document modifications ("prominent notices stating that you changed the files")."""
    yield from _find_duties(ctx, "state-changes", _STATE_CHANGES_ACT)
    yield from _find(ctx, "state-changes", _STATE_CHANGES, ("marked",))


# --- disclose-source -----------------------------------------------------------------------

_SOURCE = (
    r"(?:(?:complete\s+)?(?:corresponding\s+)?(?:machine-readable\s+)?source\s+code(?:\s+form)?"
    r"|(?:minimal\s+)?corresponding\s+source)"
)
_DISCLOSE_SOURCE_ACT = re.compile(
    r"\b(?:accompany|provide|make\s+available|convey|offer|distribute|include|give|release|"
    r"publish|disclose)(?:s|es|ed)?\b"
    # the source itself is the object: not "a copy of this License with every copy of Source"
    r"(?:(?!licen[cs]e|agreement|notice|statement|text\s+file|terms|\bnot\b)[^.;]){0,100}?\b"
    + _SOURCE
    + rf"|\bwritten\s+offer\b{gap(160)}\b"
    + _SOURCE
    # "also gets the text of this license along with the corresponding source code"
    + r"|\b(?:along|together)\s+with\s+(?:the\s+)?"
    + _SOURCE
    # "states that source code for the Program is available from such Contributor"
    + r"|\b(?:state|indicate|inform)s?\s+(?:\w+\s+)?that\s+(?:the\s+)?"
    + _SOURCE
    + rf"\b{gap(60)}\bis\s+available\b",
    re.I,
)
_DISCLOSE_SOURCE = re.compile(
    r"\b(?:must|shall)\s+(?:also\s+)?be\s+made\s+available\s+(?:in|as)\s+" + _SOURCE,
    re.I,
)


def disclose_source(ctx: Context) -> Iterator[Hit]:
    """Provide the source of the distributed or derived work (GPL, MPL, EPL style)."""
    yield from _find_duties(ctx, "disclose-source", _DISCLOSE_SOURCE_ACT)
    yield from _find(ctx, "disclose-source", _DISCLOSE_SOURCE, ("source",))


# --- network-use-disclose ------------------------------------------------------------------

_NETWORK_USE_DISCLOSE = re.compile(
    rf"\busers\s+interacting\s+with\s+it\s+remotely\b{gap(200)}\b"
    + _SOURCE
    + rf"|\bas\s+a\s+service\b{gap(120)}\b(?:must|shall)\s+make\s+the\s+(?:\w+\s+){{0,3}}?"
    r"source\s+code\s+available"
    rf"|\b(?:over|through|via)\s+a\s+(?:computer\s+)?network\b{gap(120)}\b(?:must|shall)\s+"
    rf"(?:\w+\s+){{0,8}}?(?:offer|provide|make\s+available|receive|obtain|get)\w*\b{gap(80)}\b"
    + _SOURCE,
    re.I,
)

_EXTERNAL_DEPLOYMENT = re.compile(
    rf"\btreat\s+any\s+external\s+deployment\b{gap(80)}\bas\s+a\s+distribution\b", re.I
)


def network_use_disclose(ctx: Context) -> Iterator[Hit]:
    """Users reached over a network must be offered the source (AGPL s.13, SSPL, OSL)."""
    yield from _find(ctx, "network-use-disclose", _NETWORK_USE_DISCLOSE, ("source",))
    # OSL-style: network deployment counts as distribution, which matters only where
    # distribution itself carries a source or same-license duty (not in the AFL).
    deployment = list(
        _find(ctx, "network-use-disclose", _EXTERNAL_DEPLOYMENT, ("external deployment",))
    )
    if deployment and (any(same_license(ctx)) or any(disclose_source(ctx))):
        yield from deployment


# --- same-license --------------------------------------------------------------------------

_THIS_LICENSE = (
    r"this\s+(?:(?-i:[A-Z])[\w.-]*\s+){0,4}?(?:licen[cs]e|agreement|public\s+licen[cs]e)\b"
)
# A duty to put the derived or whole work under this license; the derivative marker keeps
# out "copies you distribute are under this License", which any license says.
_SAME_LICENSE = re.compile(
    r"\b(?:must|shall)\s+(?:\w+\s+){0,3}?(?:licen[cs]e|release|distribute|make\s+available)\s+"
    rf"(?:\w+\s+){{0,2}}?(?:entire|whole|derivative|modified|adapted|combined)\b{gap(60)}"
    r"\bunder\s+(?:the\s+terms\s+of\s+)?"
    + _THIS_LICENSE
    + rf"|\bto\s+be\s+licensed\s+as\s+a\s+whole\b{gap(80)}\bunder\s+the\s+terms\s+of\s+"
    + _THIS_LICENSE
    + rf"|\b(?:including|and)\s+any\s+modifications\b{gap(80)}\b(?:must|shall)\s+be\s+under\s+"
    r"the\s+terms\s+of\s+"
    + _THIS_LICENSE
    + r"|\b(?:must|shall|will)\s+(?:also\s+)?(?:only\s+)?be\s+(?:\w+\s+){0,3}?under\s+"
    r"(?:the\s+terms\s+of\s+)?"
    + _THIS_LICENSE
    + r"|\b(?:are|is|shall\s+be)\s+governed\s+by\s+the\s+terms\s+of\s+"
    + _THIS_LICENSE
    + rf"|\bcause\s+(?:\w+\s+){{0,6}}?to\s+be\s+licensed\b{gap(80)}\bunder\s+the\s+terms\s+of\s+"
    + _THIS_LICENSE
    # "must be only under the terms of: i. This License; ii. a later version ..."
    + r"|\b(?:must|shall)\s+(?:only\s+)?be\s+(?:only\s+)?(?:offered\s+|licensed\s+)?under\s+the\s+"
    r"terms\s+of:\s*(?:$|\(?(?:[ivx]{1,4}|\d{1,2}|[a-z])[.)]\s+this\s+(?:licen[cs]e|agreement)\b)"
    + rf"|\badapter's\s+licen[cs]e\s+you\s+apply\s+must\s+be\b{gap(80)}\bsame\s+licen[cs]e"
    r"\s+elements\b"
    r"|\b(?:must|shall)\s+(?:\w+\s+){0,3}?(?:under|with)\s+(?:the\s+)?(?:same|identical)\s+"
    r"(?:licen[cs]e|terms)\b",
    re.I,
)
_DERIVED = re.compile(
    r"\b(?:deriv\w*|modif\w*|based\s+on|adapt\w*|entire\s+work|as\s+a\s+whole|combined|"
    r"covered\s+software|enhanced\s+data|program|whole)\b",
    re.I,
)

# "Contributions submitted for inclusion shall be under the terms of this License" (Apache s.5)
# is about inbound contributions, not a copyleft.
_INBOUND = re.compile(r"\bsubmi(?:t|ts|tted|ssion)\b", re.I)


def same_license(ctx: Context) -> Iterator[Hit]:
    """Derivatives must be licensed under the same license (copyleft, share-alike)."""
    for span, match in find_all(_SAME_LICENSE, ctx.having("licen", "agreement", "terms")):
        if (
            _waived(span.text, match.start())
            or not _DERIVED.search(span.text)
            or _INBOUND.search(span.text)
        ):
            continue
        yield ctx.hit("same-license", span, match)


# --- use-restrictions-passthrough ----------------------------------------------------------

_RESTRICTIONS = (
    r"(?:use[- ]based\s+restrictions|use\s+restrictions|restrictions|prohibited\s+use\s+policy|"
    r"acceptable\s+use\s+policy|use\s+policy|paragraph\s+\d+|section\s+[\d.]+\w*)"
)
_PASSTHROUGH = re.compile(
    r"\b(?:include|incorporate)\w*\s+(?:the\s+)?(?:\w+\s+){0,3}?"
    + _RESTRICTIONS
    + rf"{gap(120, ';')}\bas\s+(?:an\s+)?enforceable\s+provisions?\b"
    r"|\b" + _RESTRICTIONS + rf"{gap(160, ';')}\b(?:must|shall)\s+be\s+included\s+as\s+(?:an\s+)?"
    r"enforceable\s+provisions?\b"
    rf"|\bnotice\s+to\s+subsequen\w*\s+users\b{gap(120, ';')}\bsubject\s+to\s+(?:the\s+)?"
    + _RESTRICTIONS
    + r"|\b(?:require|bind|oblige|obligate)\w*\s+(?:all\s+)?(?:of\s+)?(?:your\s+)?"
    rf"(?:users|end\s+users|recipients|licensees|customers|third\s+parties)\b{gap(120, ';')}"
    rf"\b(?:comply|abide|adhere)\w*\s+with\b{gap(40, ';')}"
    + _RESTRICTIONS
    # "ensure that any downstream recipient ... complies with this Agreement"
    + r"|\b(?:ensure|require)\s+that\s+(?:any|all|each|every|your)\s+(?:downstream\s+)?"
    rf"(?:recipients?|users?|licensees?|customers?)\b{gap(120, ';')}\bcompl(?:y|ies)\s+with\s+"
    r"(?:the\s+terms\s+of\s+)?this\s+(?:agreement|licen[cs]e)\b"
    # "under any license of your choice that does not contradict the restrictions ... and
    # includes:" followed by the list of what the downstream license must carry
     + rf"|\blicen[cs]e\s+of\s+your\s+choice\b{gap(120, ';')}\brestrictions\b{gap(80, ';')}"
    r"\band\s+(?:includes?|contains?):",
    re.I,
)


def use_restrictions_passthrough(ctx: Context) -> Iterator[Hit]:
    """Downstream terms must carry the use restrictions (OpenRAIL, Gemma style)."""
    yield from _find(ctx, "use-restrictions-passthrough", _PASSTHROUGH)


# --- registration-required -----------------------------------------------------------------

# Licensor names are capitalised, so only the name alternative is case-sensitive.
_LICENSOR = (
    r"(?:(?i:(?:the\s+)?(?:licensor|licensors|us|copyright\s+holders?|authors?|owners?))"
    r"|(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})"
)
_REG_DUTY = r"(?i:\b(?:must|shall|(?:is|are)\s+required\s+to|agrees?\s+to)\s+(?:first\s+)?)"
_REGISTER = re.compile(
    _REG_DUTY + rf"(?i:(?:register|sign\s+up)\s+(?:with|at|on|via|through|online)\b){gap(60, ';')}"
    r"(?=[.;,]\s|[.;,]?$)"
    r"|" + _REG_DUTY + r"(?i:provide\s+(?:your\s+)?(?:\w+\s+){0,2}?(?:contact|registration)\s+"
    r"(?:details|information)\s+to\s+)" + _LICENSOR
)
_NOTIFY = re.compile(
    _REG_DUTY + r"(?i:notify|inform)\s+" + _LICENSOR + r"\b(?!\s+(?i:recipients?|users?)\b)"
)
# Telling the licensor who you are or what you do, in the other ways it is drafted: "must
# report to us any product …", "must identify themselves to the Licensor", "must give the
# Licensor your name and intended use", "must send a usage declaration to Fennel Labs",
# "requires that you first notify the Licensor".
_TELL_DUTY = (
    r"(?i:\b(?:must|shall|(?:is|are)\s+required\s+to|agrees?\s+to|requires?\s+that\s+(?:you|the\s+"
    r"licensee|licensee|each\s+user|users?)|(?:need|needs)\s+to)\s+(?:first\s+|also\s+)?)"
)
_INFO = (
    r"(?i:names?|identity|organi[sz]ations?|affiliations?|contact\s+(?:details|information)|e-?mail"
    r"\s+address|intended\s+uses?|use\s+cases?|(?:usage|use)\s+(?:declarations?|reports?|details)"
    r"|declarations?|reports?\s+(?:on|of)\s+(?:your\s+)?(?:use|usage|deployments?))"
)
_TELL = re.compile(
    _TELL_DUTY
    + r"(?:(?i:notify|inform|report\s+to|declare\s+to|disclose\s+to|identify\s+(?:yourself"
    r"|themselves|itself|himself|herself)\s+to)\s+"
    + _LICENSOR
    + r"|(?i:give|provide|send|submit|supply|furnish)\s+"
    + _LICENSOR
    + r"\s+(?i:with\s+)?(?i:your|its|their)\s+"
    + _INFO
    + r"|(?i:give|provide|send|submit|supply|furnish)\s+(?:\w+\s+){0,5}?"
    + _INFO
    + r"\s+(?:\w+\s+){0,3}?(?i:to)\s+"
    + _LICENSOR
    + r")\b(?!\s+(?i:recipients?|users?)\b)"
)
# What telling the licensor is about, when it is said before the duty: "Commercial use
# requires …", "Before you download the weights, you must …".
_TOPIC_BEFORE = re.compile(
    r"\b(?:use|usage|using|distribution|distributing|deploy\w*|download\w*|access\w*|commercial"
    r"|launch\w*|product)\b",
    re.I,
)
# What the notice is about: the licensee's use, distribution or changes. Notices of a breach,
# an infringement or an error are duties of good faith, not a registration.
_NOTIFY_TOPIC = re.compile(
    rf"{gap(80, ';')}\b(?:of|about|before|prior\s+to|upon|when|regarding|by)\b{gap(60, ';')}"
    r"\b(?:use|usage|using|distribution|distributing|deploy\w*|modifications?|publication|"
    r"release|availability|commercial\s+\w+|intent\w*|access\w*|download\w*|launch\w*"
    r"|products?)\b",
    re.I,
)
_NOTIFY_OTHER = re.compile(
    r"\b(?:breach|infring\w*|violation|claims?|errors?|facts|circumstances|security|password|"
    r"address|inquir\w*|arbitration|knowledge|misuse|unauthori[sz]ed|suspected|unlawful|"
    r"not\s+in\s+accordance)\b",
    re.I,
)


# A gate before use: a duty of the licensee to register, fill in a form, apply online or
# obtain a key, in any of the ways it is drafted ("must register here", "are required to
# complete the registration form", "shall first sign up", "need to obtain an API key").
_GATE_DUTY = (
    # an imperative: "Complete registration.", "Please refer to the form and send it to …"
    # (after a purpose: "To obtain commercial rights, submit …"; after a pointer to the form:
    # "please refer to the Registration Form (…) and to complete the registration")
    r"(?:^[^\w\"'\u201c\u2018]{0,3}(?:(?:to|if|when|before|for)\s+[^,.;]{3,100},\s*)?(?:please\s+)?"
    r"|\bplease\s+(?:(?:[^.;]|\.(?!\s)){0,240}?\band\s+(?:to\s+)?)?)"
    r"(?=(?:register|sign|enrol|fill|complete|submit|send|apply)\w*\b)"
    r"|\b(?:must|shall|should|will\s+need\s+to|needs?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+required\s+to"
    r"|agrees?\s+to|(?:is|are)\s+(?:asked|obliged|expected)\s+to)\s+(?:first\s+|also\s+|still\s+)?"
    r"(?:\w+\s+(?:and|or)\s+)?"
)
_GATE_ACT = re.compile(
    f"(?:{_GATE_DUTY})"
    + r"""(?:register\b(?!\s+(?:a|the|your|its|any)\s+(?:trade\s*marks?|marks?|domains?|patents?
            |copyrights?|names?|company))
        | sign\s+up\b | enrol\w*
        | (?:fill\s+(?:in|out)|complete|submit|send|return|lodge)\s+(?:\w+\s+){0,3}?
            (?:form|questionnaire|survey|application|registration)\b
        | apply\s+(?:online|via|through|at|on|using|with\s+us)\b
        | (?:create|open|set\s+up)\s+(?:an?\s+|your\s+)?(?:\w+\s+)?account\b
        | (?:obtain|get|receive|request)\s+(?:an?\s+|the\s+|our\s+|your\s+)?(?:\w+\s+){0,2}?
            (?:api|licen[sc]e|access|activation|product)\s+(?:key|token)s?\b)""",
    re.I | re.X,
)
# The same gate said as a noun: "subject to your prior registration with the Licensor",
# "upon registration", "conditioned on registering".
_GATE_NOUN = re.compile(
    r"\b(?:subject\s+to|conditioned\s+(?:up)?on|conditional\s+(?:up)?on|contingent\s+(?:up)?on"
    r"|upon|after|following|requires?|only\s+(?:after|upon|with))\s+(?:your\s+|the\s+|a\s+|prior\s+"
    r"|successful\s+|completed\s+)*(?:registration|registering|sign-?up|enrol(?:l)?ment)\b"
    r"|\b(?:your|prior|completed|successful)\s+registration\s+(?:with|at|on|through|via)\b"
    r"|\b(?:after|upon|once|on)\s+(?:filling\s+(?:in|out)|completing|submitting|sending)\s+"
    r"(?:the\s+|a\s+|our\s+|your\s+)?(?:\w+\s+){0,2}?(?:form|questionnaire|registration|application)\b"
    r"|\b(?:upon|after|once|following|subject\s+to)\s+(?:the\s+|our\s+|its\s+)?approval\s+of\s+"
    r"(?:a\s+|an\s+|your\s+)?(?:request|application|registration)\b"
    r"|\b(?:once|after|when)\s+your\s+(?:request|application|registration)\s+(?:has\s+been|is)\s+"
    r"(?:approved|accepted|granted)\b"
    r"|\b(?:only\s+)?registered\s+(?:users|licensees|entities|companies|parties)\s+(?:may|can|are\s+"
    r"(?:free|permitted|allowed|entitled|authori[sz]ed))\b",
    re.I,
)
# No gate: "you do not need to register", "no registration is required", "registered
# trademarks".
_NO_GATE = re.compile(
    r"(?:\b(?:no|not|never|without|nor|neither|nothing|nobody|none|optional|optionally)\b|n't\b)"
    r"[^.;:]{0,40}$",
    re.I,
)


# A gate left to the licensee's choice, or a sign-up for news, is no gate.
_OPTIONAL_GATE = re.compile(
    r"\bif\s+you\s+(?:wish|want|like|prefer|choose)\b(?!\s+to\s+(?:use|make|deploy|distribut|commerciali"
    r"|offer|sell|exploit|access|download|obtain|build|ship|integrat|host))"
    r"|\boptional(?:ly)?\b|\bvoluntar\w*|\b(?:is|are)\s+(?:kindly\s+)?(?:requested|encouraged|invited)\s+to\b"
    r"|\bat\s+your\s+(?:option|discretion)\b|\bregister\s+(?:your\s+)?interest\b"
    r"|\b(?:newsletter|mailing\s+list|updates\s+about)\b"
    # a form for something other than the rights: a bug report, feedback, a contribution
    r"|\b(?:report\w*\s+(?:a\s+|an\s+)?(?:bugs?|issues?|problems?|vulnerabilit\w*)|feedback"
    r"|contribut\w*|questions?|support\s+(?:request|ticket)s?)\b",
    re.I,
)


# The gate read by its parts, for the drafting the patterns above do not cover: a step of
# registration in any form (a verb, a noun, a participle: "registered an account",
# "access requests", "approved applicants", "a licence key, which we issue on request",
# "send us … your name and institution") and, before it in the sentence or after it, what
# makes the step a precondition of the rights ("only possible after", "released only to",
# "to receive the download link", "is a condition of this licence").
_STEP = re.compile(
    r"""(?P<verb>\bbe\s+registered\b | \bregist(?:er|ers|ering)\b
          (?!\s+(?:a\s+|the\s+|your\s+|its\s+|any\s+)?(?:trade\s*marks?|marks?|domains?|patents?
            |copyrights?|designs?|names?|company|companies|office|address|charit\w*|number)\b)
      | \bsign(?:ing|s)?[\s-]up\b | \benrol\w*
      | \b(?:request\w*|apply\w*|applie[sd])\s+(?:for\s+)?(?:access|the\s+(?:weights|download
          |model))\b
      | \b(?:create|open|set\s+up|register|hold|log\s+in(?:to)?)\s+(?:an?\s+|your\s+)?(?:\w+\s+)?
          account\b
      | \b(?:provide|submit|send|give|supply|furnish)(?:s|ing)?\s+(?:\w+\s+){0,4}?
          (?:your|their|its)\s+(?:\w+\s+)?(?:details|name|affiliation|institution
          |contact\s+(?:details|information))\b)
      | \b(?:registered|registration)\b
          (?!\s+(?:or\s+certified\s+)?(?:mail|post|letter|delivery|trade\s*marks?|office|address
            |number|pending)\b)(?!\s+in\s+[A-Z])
      | \b(?:access|download)\s+(?:requests?|forms?|applications?)\b
      | \b(?:approved|verified|vetted)\s+(?:applicants?|users?|researchers?|institutions?
          |organi[sz]ations?|individuals?|licensees?|entities|companies|parties|accounts?)\b
      | \b(?:registration|access|request|application|intake|sign-?up|onboarding)
          \s+(?:form|page|portal|questionnaire)s?\b | \b(?:online|web)\s+(?:form|questionnaire)s?\b
      | \bquestionnaire\b
      | \b(?:api|licen[sc]e|access|activation|product)\s+(?:key|token)s?\b""",
    re.I | re.X,
)
# A duty frames a step only when it governs it ("must first register", "shall provide
# your name"); a duty elsewhere in the sentence ("shall direct notice to the address
# you provided in the registration process") does not.
_DUTY_FRAME = re.compile(
    r"\b(?:must|shall|needs?\s+to|ha(?:ve|s)\s+to|(?:is|are)\s+required\s+to)\b[^.;]{0,30}$", re.I
)
_PRECONDITION_BEFORE = re.compile(
    r"""\b(?:requires?|required|require\s+that|conditions?|conditional|conditioned|contingent
          |subject\s+to|only\s+(?:be\s+\w+\s+)?(?:after|once|if|when|upon|to|through|via|by
            |possible\s+after|available\s+(?:to|after))|needs?\s+(?:a|an|the|your)
          |once|after|upon
          |(?:granted|released|available|given|licen[sc]ed|issued)\s+only
          |before\s+(?:you\s+|they\s+)?(?:may\s+|can\s+)?(?:use|access|download|obtain|receive|run
            |deploy)\w*
          |to\s+(?:receive|get|obtain|access|download|use|run)\b)""",
    re.I | re.X,
)
# A step for something other than the rights: services, support, training, news.
_OTHER_ENDS = re.compile(
    r"[^.;]{0,60}?\b(?:professional\s+services|support|training|consulting|newsletters?|updates"
    r"|events?|webinars?|fees?|payments?|benefits)\b",
    re.I,
)
_PRECONDITION_AFTER = re.compile(
    # read from the end of the step (`match(text, pos)`: no "^")
    r"[^.;]{0,60}?\b(?:is|are|be)\s+(?:a\s+)?(?:condition|prerequisite|required|mandatory|necessary)\b"
    r"|[^.;]{0,60}?\b(?:to|in\s+order\s+to)\s+(?:receive|get|obtain|access|download|use|run)\b"
    r"|[^.;]{0,30}?\bbefore\s+(?:you\s+)?(?:use|using|access|download|obtain|receiv|run|deploy)\w*",
    re.I,
)


def _stepped_gates(ctx: Context) -> Iterator[Hit]:
    words = (
        "regist",
        "sign",
        "enrol",
        "request",
        "appl",
        "approved",
        "verified",
        "vetted",
        "form",
        "questionnaire",
        "account",
        " key",
        "token",
        "details",
        " name",
        "affiliation",
        "institution",
    )
    for span in ctx.having(*words):
        text = span.text
        if text.rstrip().endswith("?") or _OPTIONAL_GATE.search(text):
            continue
        for match in _STEP.finditer(text):
            before = text[max(0, match.start() - 120) : match.start()]
            framed = (
                _PRECONDITION_BEFORE.search(before)
                or _PRECONDITION_AFTER.match(text, match.end())
                or (match.group("verb") and _DUTY_FRAME.search(before))
            )
            if not framed or _OTHER_ENDS.match(text, match.end()):
                continue
            if _NO_GATE.search(text[max(0, match.start() - 60) : match.start()]):
                continue
            if _licensor_duty(text, match.start()) or _waived(text, match.start()):
                continue
            yield ctx.hit("registration-required", span, match)
            return


def _gates(ctx: Context) -> Iterator[Hit]:
    words = (
        "regist",
        "sign up",
        "sign-up",
        "enrol",
        "form",
        "questionnaire",
        "apply",
        " key",
        "token",
        "account",
        "approv",
    )
    for span in ctx.having(*words):
        if span.text.rstrip().endswith("?"):
            continue  # a question ("Do I need to sign up?") states no duty
        for pattern in (_GATE_ACT, _GATE_NOUN):
            for match in pattern.finditer(span.text):
                before = span.text[max(0, match.start() - 60) : match.start()]
                if _NO_GATE.search(before) or _licensor_duty(span.text, match.start()):
                    continue
                if _waived(span.text, match.start()) or _OPTIONAL_GATE.search(span.text):
                    continue
                yield ctx.hit("registration-required", span, match)
                return


def registration_required(ctx: Context) -> Iterator[Hit]:
    """Users must register with, or notify, the licensor of their use or distribution."""
    found = list(_registrations(ctx)) or list(_gates(ctx))
    yield from found or _stepped_gates(ctx)


def _registrations(ctx: Context) -> Iterator[Hit]:
    """Registration with, or notice to, a named licensor ("register with Acme on its site")."""
    for span, match in find_all(_REGISTER, ctx.having("regist", "sign up", "contact")):
        if not _licensor_duty(span.text, match.start()) and not _waived(span.text, match.start()):
            yield ctx.hit("registration-required", span, match)
    for span, match in find_all(_NOTIFY, ctx.having("notify", "inform")):
        topic = _NOTIFY_TOPIC.match(span.text, match.end())
        if (
            not topic
            or _NOTIFY_OTHER.search(topic.group())
            or _waived(span.text, match.start())
            or _licensor_duty(span.text, match.start())
        ):
            continue
        yield Hit("registration-required", span.start + match.start(), span.start + topic.end())
    for span, match in find_all(
        _TELL,
        ctx.having(
            "notify",
            "inform",
            "report",
            "declar",
            "disclos",
            "identify",
            "give",
            "provide",
            "send",
            "submit",
            "supply",
            "furnish",
        ),
    ):
        text = span.text
        topic = _NOTIFY_TOPIC.match(text, match.end())
        about = (
            topic is not None
            or _TOPIC_BEFORE.search(text, 0, match.start())
            or re.search(_INFO, match.group())
        )
        told = topic.group() if topic else text[match.end() : match.end() + 80]
        if (
            not about
            or _NOTIFY_OTHER.search(told)
            or _waived(text, match.start())
            or _licensor_duty(text, match.start())
        ):
            continue
        yield ctx.hit("registration-required", span, match)


RULES: tuple[Rule, ...] = (
    include_notice,
    state_changes,
    disclose_source,
    network_use_disclose,
    same_license,
    use_restrictions_passthrough,
    registration_required,
)
