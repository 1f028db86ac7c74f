"""Flag rules: user and revenue thresholds, display duties and derivative naming.

A threshold is a restriction only when crossing it ends the rights or calls for a
separate license (SPEC.md, reading rules). A threshold that only triggers a duty, such as
"above N users, show our name in your UI", gives the duty's flag (`attribution-display`)
with the threshold in its params and no `user-threshold` / `revenue-threshold`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from licensecmp.numbers import (
    MONEY,
    MONEY_PATTERN,
    QUANTITY,
    QUANTITY_PATTERN,
    money_of,
    parse_quantity,
)
from licensecmp.rules.base import Context, Hit, Rule, gap
from licensecmp.rules.definitions import Definition, definitions

# --- comparisons ----------------------------------------------------------------------------

# Inclusive wordings first: "exceeds or equals" must win over "exceeds".
_CMP_INCLUSIVE = (
    r"at\sleast|not\sless\sthan|no\sless\sthan|a\sminimum\sof"
    r"|(?:equal\sto|equals?)\sor\s(?:greater|more|higher)\sthan"
    r"|(?:greater|more|higher)\sthan\sor\sequal\sto"
    r"|(?:exceeds?|exceeding|reach(?:es|ing)?|equals?|equalling|meets?|meeting)"
    r"\sor\s(?:exceeds?|exceeding|equals?|equalling|surpass(?:es|ing)?)"
    r"|reach(?:es|ed|ing)?|attain(?:s|ed|ing)?"
)
_CMP_EXCLUSIVE = (
    r"more\sthan|greater\sthan|higher\sthan|larger\sthan|in\sexcess\sof"
    r"|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|over|above"
)
# Wordings of the side below the line ("free for fewer than N users"): these only count
# with an explicit consequence, and crossing "less than N" means reaching N (inclusive).
_CMP_BELOW_INCLUSIVE = r"less\sthan|fewer\sthan|under|below"
_CMP_BELOW_EXCLUSIVE = (
    r"(?:does|do|shall|will|may)\snot\sexceed|up\sto|no\smore\sthan"
    r"|not\smore\sthan|not\sexceeding|at\smost"
)
_CMP = (
    rf"(?:(?P<cmp_in>{_CMP_INCLUSIVE})|(?P<cmp_ex>{_CMP_EXCLUSIVE})"
    rf"|(?P<below_in>{_CMP_BELOW_INCLUSIVE})|(?P<below_ex>{_CMP_BELOW_EXCLUSIVE}))"
)
_OR_MORE = r"(?P<or_more>\sor\s(?:more|greater|above)|\sand\s(?:above|up|over)|\+)"

# --- users ----------------------------------------------------------------------------------

_METRIC = (
    r"(?:(?:monthly|daily|weekly|total)\s)?"
    r"(?:(?:active|unique|registered|concurrent|paying|paid)\s)?(?:end[-\s])?users"
    r"|MAUs?|DAUs?|MUUs?|WAUs?"
)
_METRIC_NAMES = {
    "mau": "monthly active users",
    "dau": "daily active users",
    "muu": "monthly unique users",
    "wau": "weekly active users",
}
# Units that show a number after the metric is not a user count ("over 3 years").
_NOT_USERS = (
    r"(?!\s?(?:%|percent|per\scent|days?\b|weeks?\b|months?\b|years?\b|hours?\b|times\b"
    r"|copies|devices|computers|machines|servers|cores|cpus?\b|gpus?\b|employees|seats"
    r"|instances|installations|licen[cs]es|parameters|tokens|dollars|euros|[$€£¥]"
    r"|[A-Z]{3}\b))"
)
# Real thresholds count thousands or millions; a small number near "users" is an age or a
# seat count ("users under 13"), not a line between free and licensed use.
_MIN_USERS = 100
_USERS_AFTER = re.compile(
    rf"\b{_CMP}\s(?:a\stotal\sof\s|an?\s)?(?P<num>{QUANTITY_PATTERN}){_OR_MORE}?\s"
    rf"(?:\([^()]{{1,20}}\)\s)?(?P<metric>{_METRIC})\b",
    re.I,
)
# "5,000,000 or more daily active users" with no comparison word in front
_USERS_OR_MORE = re.compile(
    rf"(?P<num>{QUANTITY_PATTERN}){_OR_MORE}\s(?:\([^()]{{1,20}}\)\s)?(?P<metric>{_METRIC})\b",
    re.I,
)
# "2 million monthly active users or more": the open end after the metric
_USERS_METRIC_OR_MORE = re.compile(
    rf"(?P<num>{QUANTITY_PATTERN})\s(?:\([^()]{{1,20}}\)\s)?(?P<metric>{_METRIC})\b{_OR_MORE}",
    re.I,
)
_USERS_BEFORE = re.compile(
    rf"\b(?P<metric>{_METRIC})\b(?:\s\([A-Z]{{2,4}}\))?{gap(150)}"
    rf"\b{_CMP}\s(?:a\stotal\sof\s)?(?P<num>{QUANTITY_PATTERN}){_OR_MORE}?{_NOT_USERS}",
    re.I,
)

# --- revenue --------------------------------------------------------------------------------

_REVENUE = (
    r"(?:(?:annual|yearly|monthly|gross|total|net|global)\s)?revenues?|turnover"
    r"|gross\s(?:sales|receipts|income)|(?:annual|yearly)\s(?:sales|income)"
)
_REVENUE_RE = re.compile(rf"\b(?:{_REVENUE})\b", re.I)
_REVENUE_BEFORE = re.compile(
    rf"\b(?P<rev>{_REVENUE})\b{gap(150)}\b{_CMP}\s(?:a\stotal\sof\s)?(?P<money>{MONEY_PATTERN})",
    re.I,
)
_EARNINGS = re.compile(
    rf"\b(?:earn(?:s|ed|ing)?|mak(?:e|es|ing)|generat(?:e|es|ing))\s(?:\w+\s)?{_CMP}\s"
    rf"(?P<money>{MONEY_PATTERN})",
    re.I,
)
_REVENUE_AFTER = re.compile(
    rf"\b{_CMP}\s(?:a\stotal\sof\s)?(?P<money>{MONEY_PATTERN})"
    rf"(?:\s?\([^()]{{0,80}}\))?(?:{gap(40)}\b(?P<rev>{_REVENUE})\b)?",
    re.I,
)

# --- what crossing the line does --------------------------------------------------------------

_CONSEQUENCE = re.compile(
    r"\b(?:request|obtain|apply\sfor|seek|purchase|buy|acquire|enter\sinto|negotiate)\s"
    rf"{gap(60)}\b(?:licen[cs]e|agreement|authori[sz]ation|permission|consent|subscription)"
    rf"|\bcontact\s{gap(40)}\bfor\s{gap(20)}\b(?:licen[cs]e|agreement|terms)"
    r"|\bnot\s(?:be\s)?(?:authori[sz]ed|permitted|entitled|allowed|licensed|eligible)\b"
    r"|\bcannot\sexercise|\b(?:may|shall|will)\sno\slonger\b"
    r"|\bno\slonger\s(?:be\s)?(?:licensed|permitted|entitled|eligible|authori[sz]ed|valid)"
    rf"|\b(?:licen[cs]es?|rights?|permissions?|grants?|agreement)\b{gap(80)}"
    r"\b(?:shall|will|automatically|immediately)\s(?:\w+\s)?"
    r"(?:terminate|end|cease|expire|lapse|be\srevoked)\b"
    rf"|\b(?:licen[cs]es?|rights?|permissions?|grants?)\b{gap(60)}\b(?:terminate|cease|expire|lapse)s?\b"
    r"|\b(?:this|the)\s(?:licen[cs]e|agreement|grant)\s(?:does|shall|will)\snot\sapply"
    rf"|\b(?:licen[cs]es?|rights?|permissions?|grants?)\b{gap(60)}\bends?\s(?:for|when|if|once)\b"
    # a grant kept for those below the line: "only for entities whose revenue does not exceed"
    r"|\b(?:only|solely|exclusively)\s(?:(?:for|to|available\sto|applies\sto|granted\sto)\s)?"
    r"(?:\w+\s){0,3}?(?:whose|with|that\s(?:have|has|earn|earns))\b"
    r"|\b(?:commercial|enterprise|separate|paid|premium)\s(?:licen[cs]e|agreement|subscription)"
    r"|\bwithout\s(?:our|the\s\w+'s|\w+'s)\s(?:express\s|prior\s)?(?:written\s)?"
    r"(?:authori[sz]ation|permission|consent)",
    re.I,
)
# "you need not obtain a license", "no separate agreement is required"
_NEGATED = re.compile(
    r"\b(?:need\snot|do(?:es)?\snot\s(?:need|have)\sto|(?:is|are)\snot\srequired\sto"
    r"|no\s(?:need|requirement)\sto|without\s(?:the\s)?need\sto)\s"
    r"(?:request|obtain|apply|purchase|seek|enter|buy|acquire)"
    r"|\bno\s(?:separate|additional|commercial)\s(?:licen[cs]e|agreement)\s(?:is\s)?(?:required|needed)",
    re.I,
)
_AFFILIATES = re.compile(r"\baffiliat", re.I)
_NO_AFFILIATES = re.compile(
    rf"\b(?:excluding|not\sincluding|other\sthan|except(?:\sfor)?|without)\s{gap(30)}affiliat",
    re.I,
)

# --- display duties -------------------------------------------------------------------------

_MODAL = (
    r"\b(?:must|shall|will|agrees?\sto|(?:is|are)\s(?:required|obliged|obligated)\sto"
    r"|need\sto|have\sto|has\sto)\b"
)
_MODAL_RE = re.compile(_MODAL, re.I)
_DUTY_REACH = 1000
# Base forms only: the verb follows a modal ("shall ... display"), and "includes" or
# "displayed" are mostly descriptions, not duties. "mark" and "place" are left out: they
# come with "Not a Contribution" markings and "place of purchase".
_DISPLAY_VERB = (
    r"(?:(?:prominently|conspicuously|clearly|visibly|legibly|permanently)\s)?"
    r"(?:display|show|feature|include|carry|bear)"
)
_QUOTE_STOP = '".;'  # the gap before a quoted phrase stops at its opening quote
_DISPLAY_QUOTED = re.compile(
    rf"\b(?P<verb>{_DISPLAY_VERB})\s(?P<gap>{gap(120, _QUOTE_STOP)})"
    r"\"(?P<phrase>[^\"\n]{2,160})\"",
    re.I,
)
# The acknowledgement of the BSD advertising clause and its kin, quoted or not.
_DISPLAY_ACK = re.compile(
    rf"\b(?P<verb>{_DISPLAY_VERB})\s(?:the\sfollowing|this|an?)\s"
    r"(?:acknowledge?ment|attribution|credit|statement|legend|text)s?\s?:\s?"
    r"\"?(?P<phrase>[^\"\n]{5,200}?)\"?(?=\.?\s*\Z|\.\s|\.\")",
    re.I,
)
# A logo or name shown without a quoted phrase: "show our logo on the product's home page".
_DISPLAY_BRAND = re.compile(
    rf"{_MODAL}\s(?:also\s)?(?P<verb>(?:(?:prominently|conspicuously|clearly|visibly)\s)?"
    rf"(?:display|show|feature))\s{gap(60)}\b(?:logo|brand(?:ing)?|badge|trademark"
    r"|attribution|name)s?\b",
    re.I,
)
_LOCATION = re.compile(
    r"\b(?:web\s?sites?|web\s?pages?|home\s?pages?|user\sinterfaces?|interfaces?|UI|screens?"
    r"|splash|about\s(?:page|box|screen|dialog)|blog\s?posts?|documentation|products?"
    r"|services?|applications?|apps?|credits|title\sbar|advertis\w*|marketing|promotional"
    r"|packag\w*|labels?|publications?|materials|software)\b",
    re.I,
)
_OPTIONAL = re.compile(
    r"\b(?:encourag\w*|invited?|welcome[ds]?|appreciat\w*|requested|we\sask|please|optional"
    r"|(?:may|can)\s(?:choose|elect|optionally|wish|also\sif)|are\sfree\sto"
    r"|not\s(?:required|obligated|obliged|necessary)|need\snot|not\sa\s(?:licen[cs]e\s)?violation"
    r"|(?:it\sis|is)\srequested)\b",
    re.I,
)
# A notice, licence text or disclaimer is not a display phrase (include-notice covers it).
_NOTICE_PHRASE = re.compile(
    r"notice|licen[cs]|copyright|warrant|disclaim|\bAS\sIS\b|all\srights\sreserved", re.I
)
_NOTICE_FILE = re.compile(rf"\A\s?(?:text\s)?files?\b|\A{gap(40)}\b(?:text\s)?file\b", re.I)
# Between the verb and the quote: a notice, a file or a listing is not a display duty
# (GPL-style "Appropriate Legal Notices the following text:" still is).
_BAD_GAP = re.compile(
    r"\b(?:notices?(?!\sthe\sfollowing\stext)|files?|listed|title|disclaimer|licen[cs]es?"
    r"|copyright|warrant\w*)\b|\((?:the\s|collectively,?\s|each,?\s|hereinafter\s)?\Z|\bwith\s\Z",
    re.I,
)
# A quoted UI element or a defined term: "the "about" box", ("Software Product").
_NOT_A_PHRASE_AFTER = re.compile(r"\A(?:\)|\s(?:box|page|screen|dialog|menu|window|button|tab)\b)")
_NAME_AFTER = re.compile(
    rf"\A{gap(40)}\b(?:beginning|start|front|prefix)\b{gap(40)}\bnames?\b", re.I
)

# --- derivative naming ----------------------------------------------------------------------

_MARK = (
    r"(?:(?:the\s(?:word|term|name|mark|prefix)\s)?\"(?P<q>[^\"\n]{1,40})\""
    r"|the\s(?:word|term|mark|prefix)\s(?P<u>(?-i:[A-Z][\w.-]{1,30})))"
)
_NAMING_MARK_FIRST = re.compile(
    rf"{_MODAL}\s(?:also\s|always\s)?(?:include|begin\swith|start\swith|contain|bear|carry"
    rf"|incorporate|be\sprefixed\swith|be\spreceded\sby)\s{_MARK}"
    rf"{gap(30)}\b(?:at\sthe\s(?:beginning|start|front)\sof|as\s(?:a|the)\sprefix\s(?:of|to|in)"
    rf"|in|within|as\spart\sof)\s{gap(40)}\bnames?\b",
    re.I,
)
_NAMING_NAME_FIRST = re.compile(
    rf"\bnames?\s(?:of|for)\s{gap(80)}{_MODAL}\s(?:also\s|always\s)?"
    rf"(?:begin|start|include|contain|be\sprefixed|be\spreceded)\s(?:with\s|by\s)?{_MARK}",
    re.I,
)


# --- helpers --------------------------------------------------------------------------------


def _window(ctx: Context, index: int) -> str:
    """The sentence at `index` and the next one when it is in the same block."""
    sentence = ctx.sentences[index]
    if index + 1 < len(ctx.sentences):
        following = ctx.sentences[index + 1]
        if "\n\n" not in ctx.text[sentence.end : following.start]:
            return ctx.text[sentence.start : following.end]
    return sentence.text


def _group(match: re.Match[str], name: str) -> str | None:
    """The named group of `match`, or None when its pattern has no such group."""
    return match.group(name) if name in match.re.groupindex else None


def _inclusive(match: re.Match[str]) -> bool:
    """Whether reaching the number itself crosses the line ("N or more", "at least N")."""
    return any(_group(match, name) for name in ("or_more", "cmp_in", "below_in"))


def _affiliates(text: str) -> bool:
    """Whether the affiliates' users or revenue count too."""
    return bool(_AFFILIATES.search(text)) and not _NO_AFFILIATES.search(text)


def _ends_rights(text: str) -> bool:
    """Whether `text` says that crossing the line ends the rights or calls for a license."""
    return bool(_CONSEQUENCE.search(text)) and not _NEGATED.search(text)


def _metric(raw: str) -> str:
    """The metric of a user threshold in plain words ("MAU" -> "monthly active users")."""
    words = " ".join(raw.lower().replace("-", " ").split())
    words = words.removeprefix("total ")
    return _METRIC_NAMES.get(words.rstrip("s"), words)


def _user_matches(text: str) -> Iterator[re.Match[str]]:
    """User-count comparisons in `text`, number-before-metric wordings first."""
    yield from _USERS_AFTER.finditer(text)
    yield from _USERS_OR_MORE.finditer(text)
    yield from _USERS_METRIC_OR_MORE.finditer(text)
    yield from _USERS_BEFORE.finditer(text)


def _revenue_matches(text: str) -> Iterator[re.Match[str]]:
    """Revenue comparisons in `text`: "revenue ... exceeds $N", "more than $N in revenue",
    and, in a sentence that names no revenue, earnings ("earns more than USD 5 million")."""
    named = False
    for match in _REVENUE_BEFORE.finditer(text):
        named = True
        yield match
    for match in _REVENUE_AFTER.finditer(text):
        if match.group("rev") or _REVENUE_RE.search(text):
            named = True
            yield match
    if not named:
        yield from _EARNINGS.finditer(text)


def _user_params(match: re.Match[str], window: str) -> dict[str, Any] | None:
    """threshold / metric / inclusive / affiliates of a user-count match, or None."""
    threshold = parse_quantity(match.group("num"))
    if threshold is None or threshold < _MIN_USERS:
        return None
    return {
        "threshold": threshold,
        "metric": _metric(match.group("metric")),
        "inclusive": _inclusive(match),
        "affiliates": _affiliates(window),
    }


def _revenue_params(match: re.Match[str], window: str) -> dict[str, Any] | None:
    """amount / currency / period / inclusive / affiliates of a revenue match, or None."""
    money = money_of(match, window, match.start("money"))
    if money is None or money.amount < 1:
        return None
    params: dict[str, Any] = {"amount": money.amount, "currency": money.currency}
    if money.period:
        params["period"] = money.period
    params["inclusive"] = _inclusive(match)
    params["affiliates"] = _affiliates(window)
    return params


def _revenue_end(match: re.Match[str]) -> int:
    """Where the evidence of a revenue match ends: after the revenue word when it follows."""
    if (
        match.re is _REVENUE_AFTER
        and match.group("rev")
        and not _REVENUE_RE.search(match.group("money"))
    ):
        return match.end("rev")
    return match.end("money")


# --- rules ----------------------------------------------------------------------------------


# Cheap tests that let most sentences skip the heavy patterns.
_MENTIONS_USERS = re.compile(r"users|\b(?:MAU|DAU|MUU|WAU)s?\b", re.I)
_MENTIONS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred|thousand"
    r"|million|billion)\b",
    re.I,
)


def user_threshold(ctx: Context) -> Iterator[Hit]:
    """Rights end, or a separate license is needed, above a number of users."""
    for index, sentence in enumerate(ctx.sentences):
        if not _MENTIONS_USERS.search(sentence.text):
            continue
        window = _window(ctx, index)
        if not _ends_rights(window):
            continue
        for match in _user_matches(sentence.text):
            params = _user_params(match, window)
            if params is not None:
                yield ctx.hit("user-threshold", sentence, match, **params)
                break


def revenue_threshold(ctx: Context) -> Iterator[Hit]:
    """Rights end, or a separate (paid) license is needed, above a revenue."""
    for index, sentence in enumerate(ctx.sentences):
        text = sentence.text
        if not _MENTIONS_NUMBER.search(text):
            continue
        if not _REVENUE_RE.search(text) and not _EARNINGS.search(text):
            continue
        window = _window(ctx, index)
        if not _ends_rights(window):
            continue
        for match in _revenue_matches(sentence.text):
            params = _revenue_params(match, window)
            if params is None:
                continue
            end = sentence.start + _revenue_end(match)
            yield Hit("revenue-threshold", sentence.start + match.start(), end, params)
            break


# --- a threshold defined as a term -------------------------------------------------------
#
# "'Threshold' means annual revenue of USD 10,000,000 or more" (or "… (the 'Revenue
# Cap')") defines the line once; "rights for Commercial Use are conditioned upon You not
# exceeding the Threshold" applies it elsewhere. The definition gives the params, the
# clause that uses the term decides whether crossing the line ends the rights.

# The term is crossed, reached or stayed under: "exceeding the Threshold", "reach the Cap",
# "remain below the Revenue Limit", "over the Ceiling"
_CROSSING = re.compile(
    r"\b(?:exceed\w*|surpass\w*|above|over|beyond|more\s+than|greater\s+than|in\s+excess\s+of"
    r"|reach\w*|meet\w*|hit|cross\w*|at\s+or\s+above|below|under|within|less\s+than|up\s+to"
    # "becomes a Large Service": the line is drawn by the term itself
    r"|becom\w*|turns?\s+into|qualif\w*\s+as|counts?\s+as|classed\s+as|deemed\s+(?:to\s+be\s+)?)"
    r"\s+(?:\w+\s+){0,2}$",
    re.I,
)
# Crossing it decides the rights: they are conditioned on staying under it, or end above it.
_CONDITIONED = re.compile(
    r"\b(?:conditioned|conditional|contingent|subject\s+to|provided\s+that|only\s+(?:if|while|where)"
    r"|as\s+long\s+as|so\s+long\s+as|unless|eligible|eligibility|qualif\w*|limited\s+to)\b",
    re.I,
)
_USER_WORD = re.compile(rf"\b(?:{_METRIC})\b", re.I)
_MAY_USE = re.compile(
    r"\s+(?:may|can|are\s+(?:licensed|permitted|allowed|entitled))\s+(?:to\s+)?(?:use|exercise|deploy)\b",
    re.I,
)
_ONLY_CLASS = re.compile(
    r"\b(?:only|solely|exclusively|(?:available|granted|limited|restricted)\s+(?:only\s+)?to)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)


def _defined_params(definition: Definition) -> tuple[str, dict[str, Any]] | None:
    """The flag and params of a definition that draws a line in revenue or users."""
    body = definition.body[:500]
    if _REVENUE_RE.search(body):
        for match in MONEY.finditer(body):
            money = money_of(match, body, match.start())
            if money is not None and money.amount >= 1:
                params: dict[str, Any] = {"amount": money.amount, "currency": money.currency}
                if money.period:
                    params["period"] = money.period
                params["inclusive"] = bool(
                    re.search(r"\bor\s+(?:more|greater|above)\b|\bat\s+least\b", body)
                )
                params["affiliates"] = _affiliates(body)
                return "revenue-threshold", params
    users = _USER_WORD.search(body)
    if users:
        for match in QUANTITY.finditer(body):
            count = parse_quantity(match.group())
            if count is not None and count >= _MIN_USERS:
                return "user-threshold", {
                    "threshold": count,
                    "metric": _metric(users.group()),
                    "inclusive": bool(re.search(r"\bor\s+more\b|\bat\s+least\b", body)),
                    "affiliates": _affiliates(body),
                }
    return None


def defined_thresholds(ctx: Context) -> Iterator[Hit]:
    """A revenue or user line defined as a term and applied in another clause."""
    for definition in definitions(ctx).values():
        found = _defined_params(definition)
        if found is None:
            continue
        flag, params = found
        term = re.compile(rf"(?<![\w-]){re.escape(definition.term)}(?:e?s)?(?![\w-])")
        for index, sentence in enumerate(ctx.sentences):
            if definition.start <= sentence.start < definition.end:
                continue
            for use in term.finditer(sentence.text):
                before = sentence.text[max(0, use.start() - 60) : use.start()]
                # the line crossed ("exceeding the Threshold"), or the rights kept for the
                # class the line defines ("Only Small Businesses may use it commercially")
                crossing = _CROSSING.search(before)
                window = _window(ctx, index)
                kept = _ONLY_CLASS.search(before) and _MAY_USE.match(sentence.text, use.end())
                if kept:
                    crossing = _ONLY_CLASS.search(before)
                elif crossing is None or not (_ends_rights(window) or _CONDITIONED.search(window)):
                    continue
                assert crossing is not None
                start = sentence.start + crossing.start()
                yield Hit(
                    flag,
                    start,
                    sentence.start + use.end(),
                    params,
                    term=definition.term,
                    support=(definition.start, definition.end),
                )
                break
            else:
                continue
            break


def _trigger_params(text: str) -> dict[str, Any]:
    """The user count or revenue above which a duty applies, as params of the duty."""
    params: dict[str, Any] = {}
    for match in _user_matches(text):
        found = _user_params(match, text)
        if found:
            params.update(threshold=found["threshold"], metric=found["metric"])
            break
    for match in _revenue_matches(text):
        money = _revenue_params(match, text)
        if money:
            params.update({k: money[k] for k in ("amount", "currency", "period") if k in money})
            break
    return params


def _is_duty(sentence: str, verb_start: int) -> bool:
    """A modal verb, not negated, stands before the display verb and nothing makes it optional."""
    # an enumerated duty ("you must (i) ... (v) display") can put the modal far back
    before = sentence[max(0, verb_start - _DUTY_REACH) : verb_start]
    modals = list(_MODAL_RE.finditer(before))
    if not modals:
        return False
    modal = modals[-1]
    if re.match(r"\s(?:not|never)\b", before[modal.end() :], re.I):
        return False
    return not _OPTIONAL.search(before)


# "You shall include in any public statement about a derivative the following statement:"
# with the statement quoted in the next paragraph (Falcon's publication duty).
_DISPLAY_LEAD = re.compile(
    rf"\b(?P<verb>{_DISPLAY_VERB}|state)\s(?:{gap(120, '.;:')})\bthe\sfollowing\s"
    r"(?:acknowledge?ment|attribution|credit|statement|legend|text|words)s?\s?:\s*$",
    re.I,
)
_QUOTED_BLOCK = re.compile(r"\s*\"(?P<phrase>[^\"\n]{5,200})\"\.?\s*$")
_PUBLIC = re.compile(r"\bpublic\s+(?:statements?|announcements?)|\bpress\s+releases?", re.I)


def _display_leads(ctx: Context) -> Iterator[Hit]:
    """A display duty whose phrase stands quoted in the paragraph after the lead sentence."""
    for sentence in ctx.having("following"):
        lead = _DISPLAY_LEAD.search(sentence.text)
        if not lead or not (_LOCATION.search(sentence.text) or _PUBLIC.search(sentence.text)):
            continue
        if not _is_duty(sentence.text, lead.start()):
            continue
        block = next((b for b in ctx.blocks if b.start >= sentence.end), None)
        quoted = _QUOTED_BLOCK.match(block.text) if block else None
        if block is None or quoted is None or _NOTICE_PHRASE.search(quoted.group("phrase")):
            continue
        end = block.start + quoted.end("phrase") + 1
        yield Hit(
            "attribution-display",
            sentence.start + lead.start("verb"),
            end,
            {"phrase": quoted.group("phrase").strip()},
        )


def attribution_display(ctx: Context) -> Iterator[Hit]:
    """A duty to display a phrase or brand in a product, UI, website or documentation.

    The BSD advertising clause ("advertising materials ... must display the following
    acknowledgement") counts: it is a duty to show a fixed credit line in materials about
    the product. Notice files, licence texts, disclaimers, citations and requests that are
    only encouraged do not.
    """
    for sentence in ctx.having("display", "show", "feature", "include", "carry", "bear"):
        text = sentence.text
        if not _LOCATION.search(text):
            continue
        found: tuple[re.Match[str], str | None] | None = None
        for match in _DISPLAY_QUOTED.finditer(text):
            phrase = match.group("phrase").strip()
            after = text[match.end() : match.end() + 200]
            if (
                _NOTICE_PHRASE.search(phrase)
                or _BAD_GAP.search(match.group("gap"))
                or _NOT_A_PHRASE_AFTER.match(after)
                or _NOTICE_FILE.match(after)
                or _NAME_AFTER.match(after)
                or not _is_duty(text, match.start())
            ):
                continue
            found = (match, phrase)
            break
        if found is None:
            for match in _DISPLAY_ACK.finditer(text):
                phrase = match.group("phrase").strip()
                if not _NOTICE_PHRASE.search(phrase) and _is_duty(text, match.start()):
                    found = (match, phrase)
                    break
        if found is None:
            for match in _DISPLAY_BRAND.finditer(text):
                after = text[match.end() : match.end() + 200]
                if (
                    _is_duty(text, match.start("verb"))
                    and _LOCATION.search(after)
                    and not _NOTICE_FILE.match(after)
                ):
                    found = (match, None)
                    break
        if found is None:
            continue
        match, phrase = found
        params = _trigger_params(text[max(0, match.start() - _DUTY_REACH) : match.start()])
        if phrase:
            params["phrase"] = phrase
            closing = int(text[match.end("phrase") : match.end("phrase") + 1] == '"')
            end = sentence.start + match.end("phrase") + closing
        else:
            end = sentence.start + match.end()
        yield Hit("attribution-display", sentence.start + match.start("verb"), end, params)
    yield from _display_leads(ctx)


def derivative_naming(ctx: Context) -> Iterator[Hit]:
    """Names of derived models must contain (usually begin with) the licensor's mark."""
    for sentence in ctx.having("name"):
        for pattern in (_NAMING_MARK_FIRST, _NAMING_NAME_FIRST):
            match = pattern.search(sentence.text)
            if match:
                mark = match.group("q") or match.group("u")
                yield ctx.hit("derivative-naming", sentence, match, mark=mark.strip())
                break


RULES: tuple[Rule, ...] = (
    user_threshold,
    revenue_threshold,
    defined_thresholds,
    attribution_display,
    derivative_naming,
)
