"""Flag rules: restrictions on use, users, places, redistribution and derivatives.

Every rule reads sentences of the normal form (see `licensecmp.rules.base`) and looks for
an operative prohibition or limit, then drops the sentence when a guard shows it is
something else: a permission ("commercial or non-commercial"), a condition ("except under
the terms of this License"), a sentence about the license text itself, about trademarks,
or mere compliance with export-control and sanctions law (SPEC.md, "Reading rules").
Where a flag also has a weak signal (a license's own name, such as "NoDerivatives"), that
signal is used only when no operative sentence was found, so the evidence is the clause.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from licensecmp.rules.base import Context, Hit, Rule, Span, find_all, gap, index_at
from licensecmp.rules.purposes import not_a_limit_here

_I = re.I

# Compliance with export-control or sanctions law is not a geographic or licensee
# restriction: sentences that talk about it are read as law, not as an exclusion.
_LAW_GUARD = re.compile(
    r"export|sanction|embargo|trade (?:control|compliance)|restricted part(?:y|ies)|"
    r"denied part|OFAC|entity list|prohibited by (?:applicable )?law|missile|"
    r"chemical,? (?:or )?biological",
    _I,
)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


@lru_cache(maxsize=4)
def _lower(text: str) -> str:
    """`text` in lower case with the same offsets (keyword passes run on it, case-sensitive
    patterns being ten times faster than `re.I` ones)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def _keys(pattern: str) -> re.Pattern[str]:
    """A keyword pattern for `_candidates`, matched against the lower-cased text."""
    return re.compile(pattern.lower())


def _candidates(ctx: Context, keys: re.Pattern[str], spans: Sequence[Span]) -> Iterator[Span]:
    """The spans (sentences or blocks, in reading order) that contain a match of `keys`.

    One cheap pass of a keyword pattern over the whole text picks the few spans that the
    costlier patterns need to read, which keeps a rule fast on a 5 MB input.
    """
    last = -1
    for match in keys.finditer(_lower(ctx.text)):
        index = index_at(spans, match.start())
        if index > last:
            last = index
            yield spans[index]


def _scan(
    ctx: Context,
    flag: str,
    keys: re.Pattern[str],
    patterns: Sequence[re.Pattern[str]],
    guard: re.Pattern[str] | None = None,
) -> Iterator[Hit]:
    """Hits of `patterns` in each sentence holding one of `keys` that `guard` does not veto."""
    for span in _candidates(ctx, keys, ctx.sentences):
        if guard is not None and guard.search(span.text):
            continue
        for pattern in patterns:
            for match in pattern.finditer(span.text):
                group = "ev" if "ev" in pattern.groupindex and match.group("ev") else 0
                yield ctx.hit(flag, span, match, group)


_ITEM = re.compile(r"(?:[-*]|\(?[0-9a-zA-Z]{1,5}[.)]|\d{1,3}(?:\.\d{1,3})*\.?)\s")
# A lead-in that makes the items below it conditions of a permission ("If you redistribute
# it, you must meet all of the following conditions:").
_CONDITION_LEAD = re.compile(
    rf"(?:\bif\b|provided that|on condition|subject to){gap(240, '.')}:\s*$"
    rf"|\bconditions?\b{gap(80, '.', lazy=False)}:\s*$",
    _I,
)


def _span_at(ctx: Context, hit: Hit) -> Span:
    """The sentence a hit was found in."""
    return ctx.sentences[index_at(ctx.sentences, hit.start)]


def _lead_in(ctx: Context, index: int, lead: re.Pattern[str]) -> bool:
    """Whether block `index` is a list item whose lead-in (the nearest block before it that
    ends with a colon, across sibling items) matches `lead`."""
    if not _ITEM.match(ctx.blocks[index].text):
        return False
    for block in reversed(ctx.blocks[max(0, index - 12) : index]):
        if block.text.rstrip().endswith(":"):
            return bool(lead.search(block.text))
        if not _ITEM.match(block.text):
            return False
    return False


def _in_condition_list(ctx: Context, span: Span) -> bool:
    """Whether `span` is an item of a list introduced as conditions of a permission."""
    index = index_at(ctx.blocks, span.start)
    return index >= 0 and _lead_in(ctx, index, _CONDITION_LEAD)


def _head(
    ctx: Context, flag: str, pattern: re.Pattern[str], guard: re.Pattern[str] | None = None
) -> Iterator[Hit]:
    """Hits of `pattern` in the first three blocks (title and preamble) only."""
    for span in ctx.blocks[:3]:
        if guard is None or not guard.search(span.text):
            for match in pattern.finditer(span.text):
                yield ctx.hit(flag, span, match)


def _strong_or_weak(strong: Iterable[Hit], weak: Iterable[Hit]) -> list[Hit]:
    """The operative hits when there are any, else the weak ones (a name, a heading)."""
    found = list(strong)
    return found if found else list(weak)


# --- acceptable-use-policy ---------------------------------------------------------------

_POLICY = (
    r"(?:(?:acceptable|prohibited|permitted|responsible|restricted)[ -]use polic(?:y|ies)"
    r"|(?:acceptable|prohibited) usage polic(?:y|ies)|\bAUP\b"
    # a use policy named as a defined term: "the Acme Use Policy"
    r"|(?-i:\b[A-Z][\w&.-]{1,30} Use Polic(?:y|ies)))"
)
_URL = (
    r"(?<![@\w.\\/-])(?P<url>https?://[^\s<>()\[\]\"',;]{3,300}|www\.[^\s<>()\[\]\"',;]{3,300}"
    r"|(?:[A-Za-z0-9-]{1,63}\.){1,4}(?:com|ai|dev|org|io|net|ae|co|cn|app)\b(?!@)"
    r"(?:/[^\s<>()\[\]\"',;]{0,300})?)"
)
# The policy named next to where it lives: gives the `url` param.
_POLICY_URL = re.compile(_POLICY + rf"{gap(130)}" + _URL, _I)
# "The most recent copy of this policy can be found at URL" (the policy named before).
_THIS_POLICY_URL = re.compile(
    rf"\b(?:this|the|our)\s+(?:\w+\s+){{0,2}}?polic(?:y|ies)\b{gap(60)}\b(?:found|available|"
    r"hosted|located|published)\s+at\s+" + _URL,
    _I,
)
# The policy bound into the license without a URL (Exhibit, by reference, must comply).
_POLICY_BOUND = re.compile(
    r"(?:comply with|adhere to|abide by|subject to|in accordance with|accordance with|"
    rf"violat\w{{0,3}}|restricted uses set forth in|\b(?:not|never)\s+use\b){gap(80)}"
    + _POLICY
    + r"|"
    + _POLICY
    + rf"{gap(120)}(?:incorporated (?:herein )?by reference|forms? (?:a )?part of|"
    r"shall mean the policy|means the policy|set forth in (?:the )?(?:Exhibit|Attachment|"
    r"Appendix|Schedule))",
    _I,
)
# Use bound to someone's terms or principles published at a URL ("use of the models must be
# consistent with our responsible-AI terms found at https://..."): a policy by reference.
_USE_TERMS_URL = re.compile(
    rf"(?P<ev>\b(?:use|usage)\b{gap(80)}\b(?:must|shall|will)\s+(?:be\s+)?(?:consistent|"
    r"compl(?:y|iant)|conform\w*|in\s+accordance)\s+with\s+(?!this\b|these\b|the\s+terms\s+of"
    rf"\s+this\b){gap(80)}\b(?:terms|polic(?:y|ies)|guidelines|principles|code\s+of\s+"
    rf"conduct)\b){gap(40, ';')}\b(?:at|in|on)\s+" + _URL,
    _I,
)
# A lead-in to a list of forbidden uses: "You agree not to use the Model ...:".
_USE_LIST_LEAD = re.compile(
    r"(?P<ev>\b(?:agree (?:that you will )?not to|agree you will not|will not|shall not|may not|"
    rf"must not|cannot|can not)\s+(?:\w+\s+){{0,2}}?(?:be\s+)?used?\b{gap(160, '.:;')}:)\s*$",
    _I,
)
_LEAD_GUARD = re.compile(r"promot|endors|advertis|\bnames?\b|trademark|logo", _I)
_USE_LIST_HEADING = re.compile(
    r"^(?:#+\s*)?(?:attachment \w{1,3}\W{0,3}\s*)?(?P<ev>use[- ]based restrictions|"
    r"(?:use|usage) restrictions|prohibited uses|restricted uses)\b",
    _I,
)
# Single-sentence bans on fields of use (not mere legality, which is only "comply with law").
_FIELD_BAN = re.compile(
    r"(?P<ev>\b(?:not|never|nor)\s+(?:be\s+)?(?:use[ds]?|employ(?:ed)?|deploy(?:ed)?)\b"
    rf"{gap(150)}\b(?:military|weapons?|warfare|surveillance|nuclear|defam\w{{1,6}}|"
    r"harass\w{0,4}|deepfakes?|disinformation|misinformation|discriminat\w{1,5}|"
    r"exploit(?:ing)? minors|harm(?:ing)? minors|spam|malware|law enforcement|"
    r"biometric|harmful purposes|for (?:good|evil)\b))",
    _I,
)
_FIELD_GUARD = re.compile(
    r"not (?:designed|intended|licensed|suitable|recommended|certified)|\bwarrant(?:y|ies)\b",
    _I,
)
# A ban stated before its field, whatever act it names: "You shall not, for military
# purposes, use …", "You are not allowed to use … for any military or illegal purposes",
# "Licensee agrees never to deploy the Model in surveillance of individuals".
_PROHIBITION = (
    r"\b(?:(?:may|shall|must|will|can|should)\s+(?:not|never)|cannot|can't|won't|mustn't"
    r"|(?:is|are)\s+(?:not\s+(?:allowed|permitted|authori[sz]ed|licen[sc]ed)|prohibited|forbidden)"
    r"|agrees?\s+(?:not|never)\s+to|refrain\s+from|do\s+not|don't)\b"
)
HARMS = (
    r"military|weapons?|warfare|surveillance|nuclear|biometric|defam\w{1,6}|harass\w{0,4}"
    r"|deepfakes?|disinformation|misinformation|discriminat\w{1,5}|spam|malware|law enforcement"
    r"|terroris\w{1,3}|violen(?:t|ce)|hatred|hate speech|self-harm|pornograph\w{1,3}"
    r"|sexual(?:ly)? explicit|child sexual|(?:exploit|harm)(?:ing)? (?:minors|children)"
    r"|impersonat\w{1,4}|cyber-?attacks?|critical infrastructure"
    r"|(?:social|credit) scoring|predictive policing|political campaign\w{0,3}"
)
_BAN_THEN_FIELD = re.compile(
    rf"(?P<ev>{_PROHIBITION}{gap(200)}\b(?:{HARMS}))\b",
    _I,
)
_FIELDS = (
    r"military|weapons?|warfare|surveillance|nuclear|biometric|defam\w{1,6}|harass\w{0,4}|"
    r"deepfakes?|disinformation|misinformation|discriminat\w{1,5}|spam|malware|law enforcement"
)
# An item of a list led in by a prohibition ("You will not ... :" / "a. use ... for (ii)
# military purposes"): the fields of use it bans.
_PROHIBITIVE_LEAD = re.compile(
    rf"\b(?:will|shall|may|must|agree|can)\s*(?:not|never)\b{gap(200, '.', lazy=False)}:\s*$", _I
)
_FIELD_ITEM = re.compile(
    rf"^\W{{0,2}}\w{{0,4}}[.)]?\s*(?:use|using)\b{gap(400)}\b(?P<ev>(?:"
    + _FIELDS
    + r")(?:\s+(?:purposes?|uses?|applications?))?)",
    _I,
)
# Limits with no flag of their own: internal use only, no hosted service, computational use.
_USE_LIMIT = re.compile(
    r"(?P<ev>(?:solely|only|exclusively|strictly) for (?:the purpose of |your |its )?"
    r"(?:own )?(?:computational use|internal (?:business )?(?:use|purposes|operations))"
    rf"|internal business (?:use|operations|purposes){gap(60)}is use for a permitted purpose"
    r"|(?:may|shall|must|will|can)\s*not\s+(?:\w+\s+){0,3}?(?:provide|offer|use|make\s+"
    rf"(?:\w+\s+){{0,4}}?available)\b{gap(160)}\b(?:as|via|through|part of)\s+(?:an?\s+|your\s+|"
    rf"any\s+)?(?:\w+\s+){{0,2}}?(?:hosted|managed)\b{gap(20)}\bservice"
    r"|not (?:be )?(?:offered|provided) as (?:a )?(?:software[- ]as[- ]a[- ]service|SaaS))",
    _I,
)


_POLICY_KEYS = _keys(r"polic(?:y|ies)|\bAUP\b")
_COLON_END = _keys(r":[ \t]*(?=\n|$)")
_HEADING_KEYS = _keys(r"restrictions|prohibited uses|restricted uses")
_FIELD_KEYS = _keys(_FIELDS)
_LIMIT_KEYS = _keys(
    _FIELDS + r"|harm|minors|good|evil|internal|computational|hosted|managed|saas|software[- ]as"
    r"|terroris|violen|hatred|hate|pornograph|sexual|impersonat|cyber|infrastructure"
    r"|scoring|policing|campaign"
)


def _policy_url(ctx: Context) -> str | None:
    """The URL given for an incorporated use policy, if the text names one."""
    for pattern in (_POLICY_URL, _THIS_POLICY_URL):
        for _, match in find_all(pattern, _candidates(ctx, _POLICY_KEYS, ctx.sentences)):
            return match.group("url").rstrip(".").replace("\\", "")
    return None


_LIST_START = re.compile(r"(?:[-*]|\(?\w{1,4}[.)]|\d{1,3}\.)\s|[A-Z]")


def _list_follows(ctx: Context, span: Span) -> bool:
    """Whether the block after `span` starts a list (an item marker or a short item)."""
    index = bisect_right(ctx.blocks, span.end - 1, key=lambda b: b.start)
    return index < len(ctx.blocks) and bool(_LIST_START.match(ctx.blocks[index].text))


def acceptable_use_policy(ctx: Context) -> Iterator[Hit]:
    """Use-based restrictions: a use policy bound into the license, a list of forbidden
    uses, or another limit on how the material may be used (internal only, no hosting)."""
    url = _policy_url(ctx)
    params = {"url": url} if url else {}
    hits: list[Hit] = []
    policy_sentences = list(_candidates(ctx, _POLICY_KEYS, ctx.sentences))
    for span, match in find_all(_POLICY_URL, policy_sentences):
        hits.append(ctx.hit("acceptable-use-policy", span, match, **params))
    for span, match in find_all(_POLICY_BOUND, policy_sentences):
        hits.append(ctx.hit("acceptable-use-policy", span, match, **params))
    for span, match in find_all(_USE_TERMS_URL, ctx.having("http", "www.")):
        if _LEAD_GUARD.search(match.group("ev")):
            continue  # brand or trademark guidelines govern the marks, not the use
        found = {"url": url or match.group("url").rstrip(".")}
        hits.append(ctx.hit("acceptable-use-policy", span, match, "ev", **found))
    for span, match in find_all(_USE_LIST_LEAD, _candidates(ctx, _COLON_END, ctx.sentences)):
        if _list_follows(ctx, span) and not _LEAD_GUARD.search(span.text):
            hits.append(ctx.hit("acceptable-use-policy", span, match, "ev", **params))
    for span, match in find_all(_USE_LIST_HEADING, _candidates(ctx, _HEADING_KEYS, ctx.blocks)):
        hits.append(ctx.hit("acceptable-use-policy", span, match, "ev", **params))
    for hit in _scan(
        ctx,
        "acceptable-use-policy",
        _LIMIT_KEYS,
        (_FIELD_BAN, _USE_LIMIT, _BAN_THEN_FIELD),
        _FIELD_GUARD,
    ):
        # Export-law wording near the ban ("nuclear, missile ... end uses") makes it law;
        # a window, not the sentence, since a sentence may run on past a closing bracket.
        span = _span_at(ctx, hit)
        window = ctx.text[max(span.start, hit.start - 200) : min(span.end, hit.end + 150)]
        # a ban read both ways ("never be used to build weapons") keeps the shorter evidence
        overlap = any(h.start < hit.end and hit.start < h.end for h in hits)
        if not _LAW_GUARD.search(window) and not overlap:
            hits.append(Hit(hit.flag, hit.start, hit.end, params))
    for block in _candidates(ctx, _FIELD_KEYS, ctx.blocks):
        index = index_at(ctx.blocks, block.start)
        item = _FIELD_ITEM.match(block.text)
        if item and _lead_in(ctx, index, _PROHIBITIVE_LEAD):
            hits.append(ctx.hit("acceptable-use-policy", block, item, "ev", **params))
    return iter(hits)


# --- non-commercial ----------------------------------------------------------------------

_NC = r"non-?commercial"
# Gain in its other words: "to make money", "for monetary gain", "in a product you sell".
_GAIN = (
    r"(?:commercial\w*(?:\s+(?:purposes?|uses?|advantage|gain|ends?))?|for[-\s]profit|profit\w*"
    r"|monetary\s+(?:gain|compensation|benefit)|(?:make|making|earn|earning)\s+(?:money|income"
    r"|revenue|a\s+profit)|revenue[-\s]generating|monetis\w*|monetiz\w*"
    r"|(?:any\s+)?(?:products?|services?|offerings?)\s+(?:or\s+(?:products?|services?)\s+)?(?:that\s+)?"
    r"(?:you|they|your\s+\w+)\s+(?:sell|charge\s+for|offer\s+for\s+(?:sale|a\s+fee))"
    r"|paid\s+(?:products?|services?|offerings?))\b"
)
_NON_COMMERCIAL = (
    re.compile(
        # "solely for your non-commercial research purposes", "for NonCommercial purposes only"
        r"(?:solely|only|exclusively|strictly|limited to)\s+(?:for\s+|to\s+)?(?:your\s+|the\s+)?"
        + _NC
        + r"(?:\s+research)?\s+(?:purposes?|uses?)"
        r"|\bfor\s+(?:your\s+)?" + _NC + r"(?:\s+research)?\s+(?:purposes?|uses?)\s+only"
        r"|\b" + _NC + r"(?:\s+research)?\s+(?:purposes?|uses?)\s+only"
        r"|\bany\s+" + _NC + r"\s+purpose\s+is\s+a\s+permitted\s+purpose",
        _I,
    ),
    re.compile(
        # "prohibited from using ... for any commercial purposes", "not for commercial use"
        r"(?:\bnot|\bno|prohibited from|forbidden from)\s+(?:\w+,?\s+){0,10}?"
        r"(?:for|in connection with)\s+(?:any\s+)?commercial\s+(?:or\s+production\s+)?"
        r"(?:purposes?|uses?|advantage|applications?|exploitation|gain)"
        rf"|\bcommercial\s+(?:use|usage|exploitation)\s+(?:of\s+{gap(60, least=1)}\s+)?"
        r"(?:is\s+|are\s+)?(?:strictly\s+|expressly\s+)?"
        r"(?:not\s+(?:permitted|allowed|authori[sz]ed|granted)|prohibited|forbidden)"
        r"|\bno\s+commercial\s+(?:use|usage|exploitation)\b"
        # "limit your use of this software for commercial purposes to a thirty-day trial"
        rf"|\blimit\s+(?:your\s+)?uses?\s+(?:of\s+{gap(40, least=1)}\s+)?"
        r"for\s+commercial\s+purposes\s+to\s+"
        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?trial\b",
        _I,
    ),
    re.compile(
        # A ban on selling is non-commercial (SPEC reading rules).
        r"(?:may|shall|must|will|can)\s*not\s+(?:\w+,?\s+(?:or\s+)?){0,4}?(?:sell|resell|"
        r"commerciali[sz]e)\b"
        # "may not be sold", never "is licensed, not sold" (a statement about the transaction)
        r"|\b(?:may|shall|must|will|can)\s*not\s+be\s+(?:sold|resold)\b"
        r"|does\s+not\s+(?:include|grant|give)\s+(?:[\w,]+\s+){0,3}?right\s+to\s+sell\b",
        _I,
    ),
    re.compile(
        # Commercial use read by its parts, in the other words for it: a ban on using the
        # material for gain ("may not use the Model to make money", "must not be used for
        # monetary gain or commercial advantage", "but not in any product or service you
        # sell"), selling access banned ("Selling access to the Model ... is not allowed"),
        # a purpose that earns nothing ("for personal, non-profit projects only", "only use
        # that earns you no income"), commercial use held back for permission ("Use for any
        # commercial purpose requires our written permission").
        r"(?:\b(?:may|shall|must|will|can)\s*not|\bcannot|\bnever)\s+(?:\w+\s+){0,3}?"
        r"(?:be\s+)?(?:use|used|using|exploit\w*|deploy\w*|employ\w*|appl(?:y|ied))\b[^.;,]{0,60}?"
        r"\b(?:to|for|in|towards?)\s+(?:any\s+|the\s+)?(?:\w+\s+){0,2}?"
        + _GAIN
        + r"|,\s+but\s+not\s+(?:in|for|to)\s+(?:any\s+|the\s+)?(?:\w+\s+){0,2}?"
        + _GAIN
        + r"|\b(?:selling|reselling|monetis\w*|monetiz\w*)\s+(?:\w+\s+){0,8}?(?:is|are)\s+"
        r"(?:strictly\s+)?"
        r"(?:not\s+(?:permitted|allowed|authori[sz]ed)|prohibited|forbidden)"
        r"|\b(?:non-?profit|not-for-profit|no[-\s]income|unpaid)\s+(?:\w+\s+){0,2}?(?:projects?|uses?"
        r"|purposes?|activit\w+|work)\s+only\b"
        r"|\bonly\s+(?:\w+\s+){0,3}?(?:that|which)\s+earns?\s+(?:you\s+)?no\s+(?:income|money|revenue)"
        r"|\b(?:any\s+)?commercial\s+(?:use|purposes?|exploitation|deployment)\s+(?:\w+\s+){0,3}?"
        r"requires?\s+(?:our|the\s+licensor's|[A-Z]\w+'s)?\s*(?:prior\s+)?(?:express\s+)?(?:written\s+)?"
        r"(?:permission|consent|approval|authori[sz]ation)",
        _I,
    ),
)
_NC_GUARD = re.compile(
    r"commercial (?:or|and|and/or) non-?commercial|non-?commercial (?:or|and|and/or) commercial|"
    r"including commercial|whether (?:for )?(?:commercial|or not)|(?:free|allowed|permitted|"
    r"available) for (?:\w+ ){0,3}commercial|research and commercial|"
    r"\bby (?:itself|themselves)\b|\bitself\b|\balone\b|\bseparately\b|on its own|stand-?alone|"
    r"\bexcept\b|\bunless\b|other than|may charge|charge a fee|"
    r"\"[^\"]{0,40}commercial[^\"]{0,40}\"\s+(?:means|shall mean|refers)|"
    rf"\bmeans\b{gap(40, '.', lazy=False)}\bcommercial advantage|\bprimarily\b|"
    r"the name|trademark|\bmarks?\b|logos?\b|endorse|promot"
    # the licensor's own conduct, and a condition of selling rather than a ban
    r"|^\W*(?:we|the\s+licensor|licensor)\s+(?:(?:do|does|will|shall|would)\s+not|never|won't)\b"
    r"|\bwithout\s+(?:including|keeping|retaining|attaching"
    r"|giving)\b|\bnot\s+(?:be\s+)?required\s+to\s+pay\b|\bwhether\s+(?:for\s+)?(?:\w+\s+){0,2}?or\s+not\b",
    _I,
)
# "Attribution-NonCommercial", "NonCommercial" as a term of art: used only as a fallback.
_NC_KEYS = _keys(r"commerc|sell|sold\b|profit|money|monetar|monetis|monetiz|income|paid\s")
_NC_NAME = re.compile(r"\b(?:NonCommercial|Non-Commercial|Noncommercial)\b")
_NC_NAME_GUARD = re.compile(r"commercial or|or non-?commercial|and non-?commercial", _I)


def non_commercial(ctx: Context) -> list[Hit]:
    """Commercial use forbidden: a non-commercial-only grant, a ban on commercial use,
    or a ban on selling the work (not the font-alone or fee-for-copying kind)."""
    return _strong_or_weak(
        _scan(ctx, "non-commercial", _NC_KEYS, _NON_COMMERCIAL, _NC_GUARD),
        _head(ctx, "non-commercial", _NC_NAME, _NC_NAME_GUARD),
    )


# --- research-only -----------------------------------------------------------------------

_RKW = r"(?:research|evaluation|academic|experimental|non-?production|testing)\b"
_RESEARCH_ONLY = (
    re.compile(
        r"(?:solely|only|exclusively|strictly)\s+(?:for|to)\s+(?:\w+\s+|non-?commercial\s+){0,2}?"
        + _RKW
        + r"(?:(?:\s+(?:and|or))?\s+(?:"
        + _RKW
        + r"|education(?:al)?\b|teaching\b|development\b|purposes?\b|uses?\b|use cases\b|"
        r"activities\b)){0,3}"
        r"|\bfor\s+(?:\w+\s+){0,2}?(?:research|evaluation|academic|non-?production)"
        r"(?:\s+(?:and|or)\s+\w+)?\s+(?:purposes?|uses?)\s+only"
        r"|\bnot\s+(?:\w+,?\s+){0,10}?for\s+(?:\(\w{1,4}\)\s+)?any\s+commercial\s+or\s+"
        r"production\s+(?:purposes?|uses?)"
        r"|do(?:es)?\s+not\s+include\s+any\s+production\s+use"
        # a grant whose only use right is non-production use (the Business Source License)
        r"|\bmake\s+non-?production\s+use\b",
        _I,
    ),
)
_RESEARCH_KEYS = _keys(r"research|evaluat|academic|experiment|production|testing")
_RESEARCH_GUARD = re.compile(
    r"research and development|\bR&D\b|not (?:designed|intended|recommended|suitable|ready)|"
    rf"\bmay\b{gap(30, '.', lazy=False)}\bresearch\b"
    rf"{gap(30, '.', lazy=False)}\bcommercial"
    r"|research (?:or|and) (?:non-?commercial|commercial) purpose",
    _I,
)


def research_only(ctx: Context) -> Iterator[Hit]:
    """Use limited to research, evaluation or non-production purposes (of the licensee:
    not a condition, not the licensor's own undertaking)."""
    for hit in _scan(ctx, "research-only", _RESEARCH_KEYS, _RESEARCH_ONLY, _RESEARCH_GUARD):
        span = _span_at(ctx, hit)
        if not not_a_limit_here(span.text, hit.start - span.start):
            yield hit


# --- no-model-training -------------------------------------------------------------------

# "distil" is the British spelling of "distill"; both make one model learn from another.
_TRAIN_VERB = r"(?:train|improve|develop|create|build|fine-?tune|enhance|distill?)"
_TRAIN_NOUN = (
    r"(?:training|fine-?tuning|distill?ation|distill?ing|improv(?:ing|ement)|develop(?:ing|ment)"
    r"|creat(?:ing|ion)|build(?:ing)?|enhanc(?:ing|ement))"
)
_BANNED = (
    r"(?:(?:is|are)\s+(?:strictly\s+)?(?:prohibited|forbidden|not\s+(?:permitted|allowed|licen[sc]ed))"
    r"|(?:is|are|falls?)\s+outside\s+(?:the\s+scope\s+of\s+)?(?:this|the)\s+(?:licen[sc]e|agreement))"
)
_A_MODEL = r"(?:[\w-]+\s+){0,4}?(?:models?|LLMs?|AI\s+systems?|neural\s+networks?)\b"
_NO_TRAINING = (
    re.compile(
        r"(?:\b(?:not|never)\s+(?:\w+\s+){0,2}?(?:be\s+)?us(?:e|ed|ing)\b|prohibited from using"
        rf"|forbidden from using)\b{gap(160)}"
        # "to train, fine-tune or distil other models"
        r"(?:\bto\s+"
        + _TRAIN_VERB
        + r"\b(?:\s*(?:,|or|and)\s*(?:\w+\s+)?"
        + _TRAIN_VERB
        + r"\b){0,3}"
        # "for the training or distillation of other models"
        r"|\bfor\s+(?:the\s+)?(?:purposes?\s+of\s+)?"
        + _TRAIN_NOUN
        + r"(?:\s*(?:,|or|and)\s*"
        + _TRAIN_NOUN
        + r"){0,3}(?:\s+of)?)"
        r"\s+(?:any\s+|an\s+|a\s+)?(?:other|another|competing|third[- ]party|new|your\s+own)?\s*"
        r"(?:[\w-]+\s+){0,4}?(?:models?|LLMs?|AI systems?|neural networks?)\b",
        _I,
    ),
    re.compile(
        # the use named first, then banned: "Using the Model to improve another AI system
        # is outside this licence", "Distilling the Model into another model is prohibited"
        r"\b(?:using|use\s+of)\s+(?:\w+\s+){0,6}?(?:to|for)\s+(?:\w+\s+)?"
        + _TRAIN_VERB
        + r"\w*\s+(?:\w+\s+)?"
        + _A_MODEL
        + r"[^.;]{0,40}?"
        + _BANNED
        + r"|\b"
        + _TRAIN_NOUN
        + r"\s+(?:\w+\s+){0,6}?(?:into|to\s+train)\s+"
        r"(?:another|other|a\s+new|any\s+other|a\s+different)\s+"
        + _A_MODEL
        + r"[^.;]{0,40}?"
        + _BANNED
        # outputs kept from training: "may only be used for purposes other than training
        # machine learning models", "No part of the responses may be used as training data
        # for other models"
        + r"|\bonly\s+(?:be\s+)?used\s+for\s+(?:purposes\s+)?other\s+than\s+"
        + _TRAIN_NOUN
        + r"\s+"
        + _A_MODEL
        + r"|\b(?:not|no|never)\b[^.;]{0,80}?\bused\s+(?:as|for)\s+(?:training|fine-?tuning)"
        r"\s+data\b[^.;]{0,40}?\bmodels?\b",
        _I,
    ),
)
# The object must be another model; "to improve the Model itself" is not a ban.
_OTHER_MODEL = re.compile(
    rf"\b(?:any|other|another|competing|third[- ]party|new|your own|rival|separate|different)\b"
    rf"{gap(40, lazy=False)}(?:models?|LLMs?|AI systems?|neural networks?)\b"
    r"|\bmodels?\s+(?:that|which)\s+compete|\bmachine\s+learning\s+models\b|\bother\s+models\b",
    _I,
)


_MODEL_KEYS = _keys(r"models?\b|llms?\b|ai systems?|neural networks?")


def no_model_training(ctx: Context) -> Iterator[Hit]:
    """The model or its outputs may not be used to train or improve other models."""
    for hit in _scan(ctx, "no-model-training", _MODEL_KEYS, _NO_TRAINING):
        if _OTHER_MODEL.search(ctx.text, hit.start, hit.end):
            yield hit


# --- geographic-restriction --------------------------------------------------------------

# Canonical region names; the keys are the spellings matched (case-insensitive).
_REGIONS: dict[str, str] = {
    "european union": "European Union",
    "eu": "European Union",
    "european economic area": "European Economic Area",
    "eea": "European Economic Area",
    "united kingdom": "United Kingdom",
    "uk": "United Kingdom",
    "great britain": "United Kingdom",
    "switzerland": "Switzerland",
    "united states": "United States",
    "usa": "United States",
    "mainland china": "Mainland China",
    "people's republic of china": "China",
    "prc": "China",
    "china": "China",
    "hong kong": "Hong Kong",
    "macau": "Macau",
    "macao": "Macau",
    "taiwan": "Taiwan",
    "south korea": "South Korea",
    "republic of korea": "South Korea",
    "korea": "Korea",
    "north korea": "North Korea",
    "japan": "Japan",
    "india": "India",
    "russia": "Russia",
    "russian federation": "Russia",
    "belarus": "Belarus",
    "iran": "Iran",
    "cuba": "Cuba",
    "syria": "Syria",
    "crimea": "Crimea",
    "venezuela": "Venezuela",
    "canada": "Canada",
    "brazil": "Brazil",
    "australia": "Australia",
    "germany": "Germany",
    "france": "France",
    "italy": "Italy",
    "spain": "Spain",
    "netherlands": "Netherlands",
    "israel": "Israel",
    "singapore": "Singapore",
    "vietnam": "Vietnam",
    "indonesia": "Indonesia",
    "turkey": "Turkey",
    "saudi arabia": "Saudi Arabia",
    "united arab emirates": "United Arab Emirates",
    "uae": "United Arab Emirates",
    "california": "California",
    "quebec": "Quebec",
    "europe": "Europe",
}
_REGION = (
    r"(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?\b(?:"
    + "|".join(re.escape(k) for k in sorted(_REGIONS, key=len, reverse=True))
    + r")\b"
)
_REGION_LIST = (
    _REGION + r"(?:\s*(?:,|\band\b|\bor\b|&|/)\s*(?:(?:and|or)\s+)?" + _REGION + r"){0,8}"
)
_REGION_WORD = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(_REGIONS, key=len, reverse=True)) + r")\b",
    _I,
)
_REGION_KEYS = _keys(_REGION_WORD.pattern)
_GEO = (
    re.compile(
        # "the rights are not being granted to you if you are domiciled in ... the EU"
        r"\b(?:not|never)\s+(?:being\s+)?(?:granted|licensed|available|apply|applicable|valid|"
        rf"permitted|allowed|effective|extend)\b{gap(140)}\b(?:in|within|to|from)\b[, ]*"
        rf"(?:\({gap(40, ')', lazy=False)}\)\s*)?" + _REGION_LIST,
        _I,
    ),
    re.compile(
        # "worldwide, excluding the territory of the European Union"
        rf"\b(?:worldwide|world|territory)\b{gap(60)}\b(?:excluding|except(?:\s+for)?)\s+"
        + _REGION_LIST,
        _I,
    ),
    re.compile(
        # "may not be used in mainland China", "must not be deployed within the EEA"
        r"\b(?:may|must|shall|will|can)\s*not\s+(?:be\s+)?(?:use[sd]?|deploy(?:ed)?|"
        r"distribut\w{1,4}|access(?:ed)?|download(?:ed)?|offer(?:ed)?|provided?|"
        rf"made\s+available|make\s+available|sold|sell)\b{gap(80)}\b(?:in|within|into)\s+"
        + _REGION_LIST,
        _I,
    ),
    re.compile(
        # "no license is granted to anyone domiciled in the EU"
        rf"\b(?:no|not)\b{gap(60)}\b(?:licen[cs]e|rights?|permission)\b{gap(60)}"
        r"\b(?:domiciled|resident|residing|located|headquartered|established|based)\s+in\s+"
        + _REGION_LIST,
        _I,
    ),
)


def _regions(text: str) -> list[str]:
    """The canonical names of the regions `text` names, in order, without repeats."""
    out: list[str] = []
    for match in _REGION_WORD.finditer(text):
        word = match.group(0)
        if word.isupper() is False and len(word) <= 3:
            continue  # "eu", "uk" in lower case are not region codes
        name = _REGIONS[word.lower()]
        if name not in out:
            out.append(name)
    return out


# The same exclusion read by its parts, in the other ways it is drafted: a licence that
# does not cover use in a region, rights that apply only there, people there excluded or
# not permitted, use anywhere except a region.
_PEOPLE = (
    r"(?:persons?|people|entit(?:y|ies)|users?|individuals?|residents?|companies|organi[sz]ations?"
    r"|customers?|anyone)"
)
_GEO_PARTS = re.compile(
    r"\b(?:does|do|shall|will)\s+not\s+(?:cover|extend\s+to|apply\s+to)\s+(?:the\s+|any\s+)?(?:use|uses"
    r"|using|deployment|access|distribution|users?|persons?|entit(?:y|ies)|anyone)\b(?:\s+\w+){0,5}?"
    r"\s+(?:in|within)\s+"
    + _REGION_LIST
    + r"|\b(?:apply|applies|valid|granted|available|licensed|permitted)\s+only\s+(?:in|within)\s+"
    + _REGION_LIST
    + r"|\b"
    + _PEOPLE
    + r"\s+(?:\w+\s+){0,2}?(?:in|from|located\s+in|based\s+in)\s+"
    + _REGION_LIST
    + r"[^.;]{0,40}?\b(?:are|is)\s+(?:\w+\s+)?(?:excluded|barred|ineligible"
    r"|not\s+(?:permitted|allowed|eligible|licensed|entitled))\b"
    + r"|\b(?:anywhere|everywhere|worldwide)\b[^.;]{0,40}?\b(?:except|excluding"
    r"|other\s+than|but\s+not)\s+(?:in\s+)?" + _REGION_LIST,
    _I,
)
# Export law named only to say the exclusion goes beyond it: "whatever export law says".
_BEYOND_LAW = re.compile(r"\b(?:whatever|regardless\s+of|even\s+if|whether\s+or\s+not)\b", _I)


def geographic_restriction(ctx: Context) -> Iterator[Hit]:
    """Use or licensees excluded by place, beyond what export or sanctions law requires."""
    found = list(_geographic(ctx))
    if found:
        yield from found
        return
    for span in _candidates(ctx, _REGION_KEYS, ctx.sentences):
        text = span.text
        if _LAW_GUARD.search(text) and not _BEYOND_LAW.search(text):
            continue
        if _NOT_EXCLUSION.search(text):
            continue
        match = _GEO_PARTS.search(text) or _beyond_law(text)
        if match is None:
            continue
        regions = _regions(match.group())
        if regions:
            yield ctx.hit("geographic-restriction", span, match, regions=regions)
            return


def _beyond_law(text: str) -> re.Match[str] | None:
    """The first reading of a sentence that excludes places beyond what the law requires
    ("not licensed for use in Iran …, whatever export law says")."""
    if not (_LAW_GUARD.search(text) and _BEYOND_LAW.search(text)):
        return None
    for pattern in _GEO:
        match = pattern.search(text)
        if match:
            return match
    return None


def _geographic(ctx: Context) -> Iterator[Hit]:
    for hit in _scan(ctx, "geographic-restriction", _REGION_KEYS, _GEO, _LAW_GUARD):
        if _NOT_EXCLUSION.search(_span_at(ctx, hit).text):
            continue
        regions = _regions(ctx.text[hit.start : hit.end])
        if regions:
            yield Hit(hit.flag, hit.start, hit.end, {"regions": regions})


# --- licensee-restriction ----------------------------------------------------------------

_CLASS = (
    r"(?:competitors?|competing\s+(?:products?|services?|business\w{0,2}|compan\w{1,3}|"
    r"providers?|offerings?)|(?:government(?:al)?|state|public)\s+(?:agenc\w{1,3}|entit\w{1,3}|"
    r"bod\w{1,3}|institutions?|authorit\w{1,3})|governments?|militar(?:y|ies)|armed\s+forces|"
    r"law\s+enforcement|intelligence\s+(?:agenc\w{1,3}|services?|communit\w{1,3})|police|"
    r"defen[cs]e\s+(?:contractors?|agenc\w{1,3}|industry|organi[sz]ations?)|"
    r"(?:persons?|entit(?:y|ies)|organi[sz]ations?|companies)\s+(?:listed|named|identified)"
    r"\s+(?:on|in)|entit(?:y|ies)\s+on\s+(?:the|a|any)\b)"
)
_CLASS_KEYS = _keys(
    r"compet|govern|militar|armed|enforcement|intelligence|police|defen[cs]e|listed|named|"
    r"identified|entit"
)
_LICENSEE = (
    re.compile(
        # "if you offer a product that directly competes with ours, you must request a license"
        r"(?P<ev>\b(?:substantially\s+similar\s+to\s+or\s+)?(?:directly\s+)?compet(?:es|ing|e)"
        rf"\s+with\b{gap(120)})(?={gap(80)}\b(?:must\s+(?:request|obtain|purchase|acquire)"
        r"\s+(?:a\s+|an?\s+\w+\s+)?licen[cs]e|(?:is|are)\s+not\s+(?:licensed|granted|permitted|"
        r"authori[sz]ed)|not\s+authori[sz]ed\s+to\s+exercise))",
        _I,
    ),
    re.compile(
        # "this license is not granted to competitors"
        r"\b(?:not|never)\s+(?:be\s+)?(?:granted|licensed|available|extended|permitted|allowed|"
        rf"authori[sz]ed|apply|extend)\s+(?:\w+\s+){{0,2}}?(?:to|for)\s+{gap(60)}\b" + _CLASS,
        _I,
    ),
    re.compile(
        # "may not be used by law enforcement", "you may not use it if you are a competitor"
        r"\b(?:may|must|shall|can|will)\s*not\s+(?:be\s+)?(?:use[ds]?|access\w{0,3}|deploy\w{0,3}|"
        rf"install\w{{0,3}}|run)\b{gap(80)}\b(?:by|if\s+you\s+are|if\s+you\s+or\s+{gap(40)}"
        rf"(?:is|are))\s+(?:an?\s+|any\s+|the\s+)?{gap(60)}\b" + _CLASS,
        _I,
    ),
    re.compile(
        # "if you are a provider of a competing product, you may not use ..."
        rf"\bif\s+you\s+(?:are|or\s+your\s+\w+\s+(?:is|are))\s+{gap(60)}\b"
        + _CLASS
        + rf"{gap(80)}\b(?:(?:may|must|shall|can)\s*not\s+(?:use|access|download|install|"
        r"exercise|receive)|(?:is|are)\s+not\s+(?:licensed|granted|permitted)|no\s+(?:license|"
        r"rights?))\b",
        _I,
    ),
)


# Sentences about copyright status, warranties or the governing law name places and
# governments without excluding anyone.
_NOT_EXCLUSION = re.compile(
    r"copyright (?:protection|is not|does not)|public domain|warrant|liabil|damages|consumer|"
    r"acquired|personal data|adequa|GDPR|data transfer|governed by|laws? of|"
    r"\bdata\s+(?:stored|held|processed|located|hosted)\b|"
    r"\bfor\s+(?:systems|activities|purposes?|the purpose)\b",
    _I,
)


def licensee_restriction(ctx: Context) -> Iterator[Hit]:
    """Named or classed persons excluded (competitors, governments, listed entities)."""
    for hit in _scan(ctx, "licensee-restriction", _CLASS_KEYS, _LICENSEE, _LAW_GUARD):
        if not _NOT_EXCLUSION.search(_span_at(ctx, hit).text):
            yield hit


# --- no-redistribution -------------------------------------------------------------------

_NO_REDIST = (
    re.compile(
        r"\b(?:may|shall|must|will|can)\s*not\s+(?:\w+,?\s+(?:or\s+)?){0,5}?"
        r"(?:re-?distribute|distribute|share|publish|disseminate)\b"
        r"|\bnot\s+be\s+(?:re-?distributed|distributed|shared|published)\b"
        rf"|\b(?:re-?distribution|distribution)\s+(?:of\s+{gap(60, least=1)}\s+)?(?:is\s+|are\s+)?"
        r"(?:strictly\s+)?(?:not\s+(?:permitted|allowed|authori[sz]ed)|prohibited|forbidden)"
        r"|\bno\s+(?:right\s+to\s+)?re-?distribut\w{1,5}\b"
        r"|does\s+not\s+(?:include|grant|give)\s+(?:\w+\s+){0,3}?right\s+to\s+(?:re-?)?distribute",
        _I,
    ),
)
_REDIST_KEYS = _keys(r"distribut|\bshare|shared\b|publish|dissemin")
_REDIST_GUARD = re.compile(
    r"\bexcept\b|\bunless\b|other than|\bunder\s+(?:the\s+)?(?:terms|this|a\s+different|any\s+"
    r"other|different)|\bterms\b|restrictions|in violation|in a (?:way|manner)|\bwithout\s+"
    r"(?:complying|including|retaining|providing|a copy|this|the (?:above|following))|"
    r"modif|derivative|adapt|changed|altered|\bname|trademark|endorse|promot|logo|"
    r"(?:results|findings|output|benchmark)|personal (?:data|information)|"
    r"this license|license (?:text|document)|source code|\bsolely\b|\bonly\b|\bpart\b|"
    r"\boutside\b|territor|password|credential|token|account|login|access code|licenses between|"
    r"api keys?|technolog|technical measures|"
    r"purposes?\b|stand-?alone|by itself|on its own|separately",
    _I,
)


# A ban that closes a sentence on its own ("..., and you may not distribute the software."):
# the sentence-wide guard would see the words of the clauses before it, so this form is read
# by itself.
_REDIST_BAN_TAIL = re.compile(
    r"(?:,\s+and|;)\s+(?P<ev>you\s+(?:may|must|shall|can)\s*not\s+(?:re-?)?distribute\s+"
    r"(?:the\s+|this\s+|any\s+)?\w+(?:\s+\w+)?)\s*\.?\s*$",
    _I,
)


def no_redistribution(ctx: Context) -> Iterator[Hit]:
    """Redistribution forbidden outright (not a condition on how to redistribute)."""
    for hit in _scan(ctx, "no-redistribution", _REDIST_KEYS, _NO_REDIST, _REDIST_GUARD):
        if not _in_condition_list(ctx, _span_at(ctx, hit)):
            yield hit
    for span, match in find_all(_REDIST_BAN_TAIL, ctx.having("distribute")):
        yield ctx.hit("no-redistribution", span, match, "ev")


# --- no-derivatives ----------------------------------------------------------------------

_DERIV = (
    r"(?:modify|alter|adapt|translate|fine-?tune|(?:create|make|prepare|produce)\s+(?:any\s+)?"
    r"(?:derivative\s+works?|derivatives|adaptations))"
)
_NO_DERIV = (
    re.compile(
        r"\b(?:may|shall|must|will|can)\s*not\s+(?:\w+,?\s+(?:or\s+)?){0,5}?" + _DERIV + r"\b"
        r"|\bnot\s+be\s+(?:modified|altered|adapted)\b"
        rf"|\b(?:derivative\s+works?|modifications?|adaptations?)\s+(?:of\s+{gap(60, least=1)}\s+)?"
        r"(?:is\s+|are\s+)?(?:strictly\s+)?(?:not\s+(?:permitted|allowed|authori[sz]ed)|"
        r"prohibited|forbidden)",
        _I,
    ),
    # CC BY-ND 4.0 lets you make Adapted Material but not share it. We read that as
    # no-derivatives: OSD 3 needs derived works to be distributable, and a derivative that
    # may not leave your hands is what "NoDerivatives" means in practice.
    re.compile(
        r"\bbut\s+not\s+(?:share|distribute)\b,?\s+(?:adapted\s+material|derivative\s+works?|"
        r"modified\s+versions?|adaptations?)"
        r"|\b(?:not|no)\s+(?:\w+\s+){0,3}?(?:permission|right)\s+(?:\w+\s+){0,6}?to\s+"
        r"(?:share|distribute)\s+(?:adapted\s+material|derivative\s+works?|modified\s+versions?"
        r"|adaptations?)",
        _I,
    ),
)
_DERIV_GUARD = re.compile(
    r"\bexcept\b|\bunless\b|other than|\bwithout\s+(?:complying|including|retaining|providing|"
    r"marking|stating|a\s+notice)|license\s+(?:text|document)|this\s+(?:license|document|notice)|"
    r"verbatim|changing it|notices?\b|copyright|attribution|legend|\bnames?\b|trademark|"
    r"\bterms\b|\bmark(?:s|ed)?\b|in\s+(?:a|any)\s+(?:way|manner)|so\s+as\s+to|to\s+remove|"
    r"circumvent|safety|guardrail|filter|protection|\brights\b|\brestrict|\boutside\b|territor|"
    r"\bto\s+train|output"
    # a ban on modifying for named purposes is a use limit: "will not use, copy, modify …
    # for any military, or illegal purposes" (not "for any purpose")
    r"|\bfor\s+(?!(?:any|all|every)\s+(?:purposes?|reason)\b)(?:any\s+)?(?:\w+,?\s+(?:or\s+|and\s+)?)"
    r"{1,3}?"
    r"(?:purposes?|uses?|activit\w+)\b",
    _I,
)
_DERIV_KEYS = _keys(r"modif|\balter|adapt|translat|fine-?tun|derivative")
_ND_NAME = re.compile(r"\b(?:NoDerivatives|NoDerivs|No-Derivatives)\b")


def no_derivatives(ctx: Context) -> list[Hit]:
    """Modification or derivatives forbidden (or made and never shareable, as in CC ND)."""
    strong = _scan(ctx, "no-derivatives", _DERIV_KEYS, _NO_DERIV, _DERIV_GUARD)
    return _strong_or_weak(
        (hit for hit in strong if not _in_condition_list(ctx, _span_at(ctx, hit))),
        _head(ctx, "no-derivatives", _ND_NAME),
    )


RULES: tuple[Rule, ...] = (
    acceptable_use_policy,
    non_commercial,
    research_only,
    no_model_training,
    geographic_restriction,
    licensee_restriction,
    no_redistribution,
    no_derivatives,
)
