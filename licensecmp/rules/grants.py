"""Flag rules: permissions (commercial use, modification, distribution, patent grant).

A permission is read only inside a *grant unit*: a sentence in which the licensor
grants rights to the licensee ("hereby grants You", "Permission is granted",
"You may"), or a list item introduced by such a sentence ending in a colon
("... grants You a license to: a. reproduce ...; b. produce Adapted Material").
Within a grant unit, a verb counts only when the stretch of its clause before it
holds no negation ("you may not modify", "no license is granted to sell").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licensecmp.rules.base import Context, Hit, Rule, Span, gap

# The licensor hands rights to the licensee. Grants *to the licensor* (feedback,
# contributions) are excluded by _TO_LICENSOR below.
# Who a grant is made to: the licensee, or everyone.
_PERSON = (
    r"(?:you|licensee|the\s+licensee|recipients?|users?|everyone|everybody|anyone|anybody"
    r"|each\s+(?:recipient|licensee|person|user)|every\s+(?:person|one|recipient|licensee|user"
    r"|member\s+of\s+the\s+public)|any\s+(?:person|one|recipient|user|party)"
    r"|all\s+(?:persons|people|users|recipients))"
)
# A grant may be made to the public at large; "the public may" in a preamble is no grant.
_TO_PUBLIC = r"(?:the\s+public|(?:the\s+)?members?\s+of\s+the\s+public|" + _PERSON[3:]
_GRANT = re.compile(
    rf"""\bhereby\s+grant(?:s|ed)?\b
      | (?<!may\s)(?<!will\s)\b(?:grants?|gives?|confers?|extends?)\s+(?:to\s+|on\s+|upon\s+)?
          {_TO_PUBLIC}\b
      | \b(?:is|are)\s+(?:hereby\s+)?granted\b(?!\s+(?:by|under|herein|hereunder)\b)
      | \b(?:is|are)\s+(?:hereby\s+)?permitted\b
      | \bpermission\s+to\s+(?:use|copy|modify|distribute|reproduce)\b
      | \bpermission\s+is\s+(?:hereby\s+)?(?:extended|given)\b
      | \bno\s+(?:permission|licen[cs]e|consent)\s+is\s+(?:needed|required|necessary)\s+to\b
      | \b(?:permissions?|rights?|licen[cs]es?)\s+(?:hereby\s+)?granted\s+to\s+{_PERSON}\b
      | \blicen[cs]es?\s+you\b | \b(?:you\s+are|licensee\s+is)\s+(?:hereby\s+)?licen[cs]ed\s+to\b
      | \b{_PERSON}\s+(?:may|can)\b
      | \b{_PERSON}\s+(?:who|that)\s[^.;:]{{0,60}}?\s(?:may|can)\s
      | \b{_PERSON}\s+(?:are|is)\s+(?:hereby\s+)?(?:free|allowed|permitted|entitled|authori[sz]ed
          |welcome)\s+to\b
      | \bfeel\s+free\s+to\b
      | \b(?:consents?|give\s+(?:their|its|our|my)\s+consent)\s+to\s+the\s+(?:use|reproduction
          |copying
          |utili[sz]ation)\b
      | \b(?:is|are)\s+unrestricted\b
      | \byou're\s+(?:free|allowed|permitted|welcome|entitled)\s+to\b
      | \b(?:is|are)\s+free\s+(?:to|for)\s+(?:use|any|all|copy|modify|redistribut|distribut)
      | \b(?:distribution|redistribution|use|copying)\b[^.;]{{0,60}}\bis\s+free\b(?!\s+software)
      | ^\W*(?:(?:re)?distribute|use|copy|modify|share)\s+(?:it\s+|this\s+\w+\s+)?freely\b
      # imperatives as grants: "Use it. Change it. Share it."
      | ^\W*(?:use|run|change|modify|share|copy|redistribute|distribute|sell|adapt|remix|fork|give
          |tear|rebuild|build|put|charge|hack|rework|ship|translate|edit)\s+
          (?:it|them|this\s+\w+|the\s+(?:software|code|model|work|data))\b(?!\s+at\s+your\s+own)
      | \b(?:is|are)\s+freely\s+(?:permitted|allowed|granted)\b
      | \b{_PERSON}\s+(?:have|has|get|gets|receives?)\s+
          (?:the\s+)?(?:permission|right|rights|freedom|licen[cs]e)\s+to\b
      | \b{_PERSON}\s+(?:have|has|get|gets|receives?|enjoys?)\s+(?:the\s+)?following\s+
          (?:permissions?|rights?|freedoms?|liberties)\b
      | \b(?:allows?|permits?|authori[sz]es)\s+(?:the\s+)?(?:use|redistribution|distribution|copying
          |modification|reproduction)\b
      | (?<!\byou\s)(?<!\band\s)(?<!\bto\s)(?<!\bnot\s)(?<!\bor\s)
        \b(?:allows?|permits?|authori[sz]es|entitles|lets)\s+{_PERSON}\b
      | \b(?:may|can)\s+(?:freely\s+)?be\s+(?:freely\s+)?(?:used|run|copied|modified|changed|altered
          |adapted|distributed|redistributed|shared|reproduced|published|sold|passed\s+on)\b
      | \bthis\s+licen[cs]e\s+(?:includes|confers)\s+(?:the\s+|a\s+)?
          (?:[\w-]+,?\s+){{0,4}}?(?:patent\s+)?licen[cs]e\b
      | \b(?:these|such)\s+rights\s+(?:explicitly\s+|expressly\s+)?(?:include|cover)\b
      | \brights\s+granted\s+(?:(?!not\b|no\b)\w+\s+){{0,3}}?(?:include|cover)s?\b
    """,
    re.I | re.X,
)
# The grant marker itself negated: "does not grant", "no license is granted", "nothing ... grants".
_GRANT_NEGATED = re.compile(
    rf"\b(?:not|no|nothing|neither|nor|never)\b(?!-){gap(40, ';:', lazy=False)}$", re.I
)
_TO_LICENSOR = re.compile(
    r"\b(?:you|licensee)\s+(?:hereby\s+)?(?:grants?|agrees?\s+to\s+grant|assigns?)\b"
    r"|\bterminat\w*\b|\bshall\s+cease\b|\b(?:ends?|ceases?|lapses?)\s+(?:on|when|if|immediately"
    r"|automatically|upon)\b",
    re.I,
)
# A negation between the start of the clause and the permission verb.
_NEGATION = re.compile(
    r"\b(?:not|no(?!-)(?!\s+(?:cost|charge|fee|payment|royalt\w*|extra\s+charge)\b)|nothing|neither|nor"
    r"|never|cannot|prohibit\w*|forbid\w*|restrict(?:s|ed)?\s+from)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[;]|\bbut\b|\bexcept\b|\bprovided\s+that\b", re.I)
_LEAD_IN = re.compile(r":\s*$")
# After a lead-in, unlettered items in the infinitive ("to reproduce the Work; to create
# Derivative Works") are items too.
_INFINITIVE = re.compile(r"\s*to\s+[a-z]")
# A list item by its mark: "1.", "(a)", "iv)", "-", "*", "\u2022" (shared with prohibitions.py).
LIST_ITEM = re.compile(
    r"\s*(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]|[-*+\u2022\u00b7\u25aa\u25e6\u2023\u2013\u2014])\s"
)

_DISTRIBUTION = re.compile(
    rf"""\b(?:re)?distribut(?:e|ing)\b
      | ^\s*\(?[a-z0-9]{{1,3}}[.)]\s+(?:re)?distribution\b
      | \b(?:re)?distribution\b{gap(120, ".;:")}\b(?:is|are)\s+(?:hereby\s+)?permitted\b
      | \bsublicen[sc]e\b | \bshar(?:e|ing)\b | \bpublish\b | \bconvey\b
      | \bpass(?:ing|ed)?\s+(?:it\s+|them\s+|copies\s+)?on\b
      | \b(?:ship|send|hand|give|pass|provide|supply|offer|sell)\w*\s+(?:it|them|copies
          |(?:\w+\s+){{0,3}}?copies)\s+(?:out\s+|on\s+|along\s+)?to\s+(?:others|anyone
              |third\s+parties
          |other\s+people|your\s+\w+|the\s+public|anybody|everyone)\b
      | \b(?:hand|give|sell)\w*\s+(?:it\s+|them\s+)?out\b | \bcommunicat\w+\s+
          (?:it\s+)?to\s+the\s+public\b
      | \b(?:give|giv(?:ing|en)|hand|sell|sold)\s+or\s+(?:sell|give|hand)\w*\s+
          (?:\w+\s+){{0,2}}?copies\b
      | \bonward\s+distribution\b | \bship\s+it\b
      | \b(?:allows?|permits?|authori[sz]es)\s+(?:the\s+)?(?:re)?distribution\b
      | \b(?:hand|give|giv(?:ing|en))\s+(?:\w+\s+)?copies\b
      | \bgiven\s+to\s+others\b | \bcirculat(?:e|ing)\b | \bsupply(?:ing)?\s+(?:\w+\s+)?copies\b
      | \bmak(?:e|ing)\s+(?:it\s+|them\s+|copies\s+)?available\s+to
          (?:others|anyone|the\s+public)\b
      | \bcopies\s+to\s+(?:others|anyone|third\s+parties)\b
      # a grant of acts as nouns: "consents to the use, reproduction, alteration, and
      # redistribution of this software"
      | \b(?:use|reproduction|copying|alteration|modification),?\s+(?:\w+,?\s+){{0,3}}?
          (?:and|or)\s+(?:onward\s+|further\s+)?(?:re)?distribution(?:\s*\([^()]{{0,60}}\))?\s+of\b
      | \bbe\s+(?:freely\s+)?(?:re)?(?:distributed|shared|published|sold|given\s+away)\b
    """,
    re.I | re.X,
)
_MODIFICATION = re.compile(
    rf"""\bmodify(?:ing)?\b | \bmake\s+modifications\b | \bwith\s+or\s+without\s+modifications?\b
      | \b(?:create|prepare|make|produce|develop|build)\s+(?:\w+\s+){{0,2}}?derivative\s+works?\b
      | \b(?:create|prepare|make|produce|develop)\s+(?:\w+\s+){{0,2}}?derivatives\s+of\b
      | \b(?:creation|preparation)\s+of\s+(?:\w+\s+){{0,2}}?derivative\s+\w+
      | \badapt(?:ing)?\b | \balter(?:ing)?\b | \bremix\b | \btransform\b | \bbuild\s+(?:up)?on\b
      | \bchang(?:e|ing)\b(?!\s+it\s+is\s+not)
      | \bedit(?:ing)?\b | \brevis(?:e|ing)\b | \brework(?:ing)?\b
      | \btranslat(?:e|ing)\b | \bextend(?:ing)?\b | \bdeveloping\s+derivatives\b
      | \b(?:changed|altered|edited|reworked|rewritten|modified|adapted|customi[sz]ed)\s+
          (?:versions?|copies|forms?|works?|models?)\b
      | \brewrit(?:e|ing)\b | \breshap(?:e|ing)\b | \brebuild(?:ing)?\b | \bcustomi[sz]e\b
      | \bhack\s+(?:it|on\s+it|them)\b | \bderivative\s+(?:models?|versions?|materials?)\b
      | \b(?:copying|reproduction),?\s+adaptation\b
      | \bmake\s+adaptations?\b | \badaptations\s+of\b
      | \bbe\s+(?:[\w-]+,?\s+(?:and\s+|or\s+)?){{0,4}}?(?:modified|changed|altered|adapted|edited)\b
      | \bfine-?tune\b
      | \bproduce\b{gap(40, ".;:")}\badapted\s+material\b
      | \b(?:modified|adapted)\s+(?:versions?|copies|forms?|works?)\b
      | \bmodifications\s+of\s+the\s+\w+
      | \b(?:use|reproduction|copying),?\s+(?:\w+,?\s+){{0,2}}?(?:alteration|modification
          |adaptation)
          ,?\s+(?:and|or)\s+(?:re)?distribution(?:\s*\([^()]{{0,60}}\))?\s+of\b
      | \bmake\s+changes\b | \bnew\s+works\s+based\s+on\b
      # GPL-3 s.5: "You may convey a work based on the Program": a modified version of it
      | \ba\s+work\s+based\s+on\s+the\s+(?-i:[A-Z])\w+
    """,
    re.I | re.X,
)
_COMMERCIAL = re.compile(
    r"""(?<!\bwe\s)(?<!\bthey\s)\bsell\b | \bwith\s+or\s+without\s+fee\b
      | \bcharge\s+(?:a\s+fee|any\s+price|a\s+price)\s+(?:or\s+no\s+price\s+)?for\s+(?:each\s+copy
          |the\s+physical\s+act|copies)\b
      | \bfor\s+any\s+purpose\b(?!\s+(?:other\s+than|except|excluding|that|which)\b)
      | \bfor\s+any\s+(?:use|end|ends|reason)\s+(?:whatever|whatsoever)\b
      | \bfor\s+any\s+(?:reason|end|aim|use)\b(?!\s+(?:other\s+than|except|intended|that|which|in\s+
          violation|whose|where))
      | \bcommercial\s+or\s+(?:otherwise|not)\b | \bprofit-?\s?making\s+or\s+not\b
      | \bfor\s+money\s+or\s+(?:for\s+)?nothing\b | \bwhether\s+or\s+not\s+(?:they|you)\s+charge\b
      | \bprofit\s+included\b | \bpaid\s+or\s+(?:unpaid|free)\b
      | \bfor\s+whatever\s+(?:purposes?|uses?|you\s+(?:want|like|wish|please))\b
      | \bclosed[-\s]source\b | \bproprietary\s+(?:software|products?|programs?|applications?)\b
      | \bfor\s+(?:a\s+)?(?:fee|money|profit)\b | \bgratis\s+or\s+for\b
      | \b(?:personal|private)\s+or\s+(?:business|commercial)\b
      | \bbusiness\s+(?:projects?|use|purposes?|products?)\b | \bpaid\s+(?:products?|services?)\b
      # EUPL: "use the Work in any circumstance and for all usage"
      | (?:\bin\s+any\s+circumstances?\s+and\s+)?\bfor\s+all\s+(?:usages?|uses|purposes)\b
          (?!\s+(?:of|other|except|that|which)\b)
      | (?<![-\w])(?<!non\s)commercially\b
      | (?<![-\w])(?<!non\s)commercial\s+(?:or|and)\s+non-?\s?commercial\b
      | (?<![-\w])(?<!non\s)commercial\s+(?:use|uses|purposes?|applications?|products?|versions?
          |exploitation|settings?)\b(?!\s+only)
    """,
    re.I | re.X,
)
# "commercial" must itself be allowed, not excepted: "for any purpose other than commercial".
_COMMERCIAL_EXCEPTED = re.compile(
    r"\b(?:other\s+than|except(?:\s+for)?|excluding|not(?:\s+for)?|no|without)\s+(?:any\s+)?$", re.I
)
# A text that limits use to non-commercial purposes grants no commercial use, whatever its
# patent clause says about "sell" (the patent grant is bounded by the field of use).
_NON_COMMERCIAL_LIMIT = re.compile(
    rf"""\bnon-?\s?commercial\s+(?:purposes?|use|uses|research)\s+only\b
      | \b(?:solely|only|exclusively|strictly)\s+for\s+(?:\w+\s+){{0,3}}?non-?\s?commercial\s+
          (?:purposes?|use|uses|research|applications?)\b
      | \bmay\s+not\s+(?:be\s+)?(?:use[ds]?|exploit\w*)\s+{gap(60)}
          \bfor\s+(?:any\s+)?commercial\b
      | \bnot\s+for\s+(?:any\s+)?commercial\s+(?:use|purposes?)\b
      | \bno\s+commercial\s+use\b
      | \bNonCommercial\s+means\b
      | \blimit\s+(?:your\s+)?uses?\b{gap(40)}\bfor\s+commercial\s+purposes\s+to\b
    """,
    re.I | re.X,
)
_PATENT = re.compile(
    r"\bpatent\s+(?:licen[cs]es?|rights?|claims?)\b|\bunder\s+(?:\w+\s+){0,3}?patents?\b"
    # EUPL: "grants to the Licensee royalty-free, non-exclusive usage rights to any patents"
    r"|\brights\s+(?:to|in)\s+(?:any\s+|all\s+|the\s+)?patents\b"
    # "licenses you to do everything ... that would otherwise infringe any patents they can license"
    r"|\bwould\s+otherwise\s+infringe\s+(?:any\s+)?patents\b"
    r"|\bLicensed\s+Patents\b|\bcopyright,\s+patent\b",
    re.I,
)
# "under intellectual property rights (other than patent or trademark)".
_PATENT_EXCLUDED = re.compile(
    # "including without limitation copyright, patent rights" names patents; it excludes none
    r"\b(?:other\s+than|except(?:\s+for)?|excluding|not|no|nor|without(?!\s+limitation))\b"
    rf"{gap(20, '.;:', lazy=False)}$",
    re.I,
)


# A passive permission ("may be used, copied and changed") describes terms when a clause
# about them governs it: "the terms under which the Package may be copied".
_PASSIVE = re.compile(r"^(?:may|can)\s", re.I)
_DEFINES = re.compile(r"\b(?:means|shall\s+mean|refers\s+to)\b", re.I)
_DESCRIBED = re.compile(
    r"\b(?:which|whether|how|if|unless|when|where|saying|stating|says|states)\b[^.;:]{0,60}$", re.I
)


def _grant_marker_ok(text: str) -> re.Match[str] | None:
    """The first grant marker of `text` that is not itself negated."""
    for match in _GRANT.finditer(text):
        before = text[max(0, match.start() - 60) : match.start()]
        if _GRANT_NEGATED.search(before):
            continue
        if _PASSIVE.match(match.group()) and (
            _DESCRIBED.search(before) or _DEFINES.search(text, 0, match.start())
        ):
            continue
        return match
    return None


def grant_units(ctx: Context) -> tuple[Span, ...]:
    """Sentences that grant rights to the licensee, and the list items such a sentence opens.

    Computed once per text: every permission rule reads the same units.
    """
    units: tuple[Span, ...] | None = ctx.memo.get("grant_units")
    if units is None:
        units = ctx.memo["grant_units"] = tuple(_grant_units(ctx))
    return units


# Every grant marker holds one of these: other sentences skip the grant patterns.
_GRANT_WORDS = (
    "grant",
    "give",
    "permi",
    "licen",
    "may",
    "can",
    "free",
    "allowed",
    "entitled",
    "authori",
    "rights",
    "welcome",
    "tear",
    "build",
    "give",
    "put",
    "charge",
    "hack",
    "rework",
    "ship",
    "translate",
    "edit",
    "public",
    "consent",
    "licensed",
    "confer",
    "extend",
    "needed",
    "every",
    "each",
    "use",
    "run",
    "change",
    "share",
    "sell",
    "copy",
    "modify",
    "distribute",
    "fork",
    "remix",
    "adapt",
    "permit",
    "allow",
    "lets",
    "entitle",
    "right",
)


# A sentence that defines a term: '"Sell" means ...', '1.3 "Share" shall mean ...'.
_DEFINES_TERM = re.compile(
    r"^\W*(?:[\w.()]{1,8}\s+)?[\"\u201c][^\"\u201d]{1,50}[\"\u201d]\s+(?:means|shall\s+mean|refers\s+to)\b"
    r"|^[^.;:]{0,60}?[\"\u201c][^\"\u201d]{1,40}[\"\u201d]\s+(?:means|shall\s+mean)\b",
    re.I,
)
# An act named in a condition before the grant marker ("If you modify it and provide it to
# others, you may ...") is what the grant is about, not what it grants.
_CONDITION_BEFORE = re.compile(r"\b(?:if|when|where|once|after|unless|whenever)\b", re.I)


def _grant_units(ctx: Context) -> Iterator[Span]:
    lead_in = False
    candidates = frozenset(id(s) for s in ctx.having(*_GRANT_WORDS))
    for sentence in ctx.sentences:
        is_item = bool(LIST_ITEM.match(sentence.text)) or bool(_INFINITIVE.match(sentence.text))
        if lead_in and is_item:
            yield sentence
            continue
        lead_in = False
        if id(sentence) not in candidates:
            continue
        if _TO_LICENSOR.search(sentence.text) or not _grant_marker_ok(sentence.text):
            continue
        if _DEFINES_TERM.search(sentence.text):
            continue  # '"Sell" means practicing the rights granted to you ...' grants nothing
        yield sentence
        lead_in = bool(_LEAD_IN.search(sentence.text))


def _clause_before(text: str, pos: int) -> str:
    """The part of the clause holding `pos` that comes before it (cut at ';', 'but', 'except')."""
    head = text[max(0, pos - 200) : pos]  # bounded, so long sentences stay linear
    cut = 0
    for brk in _CLAUSE_BREAK.finditer(head):
        cut = brk.end()
    return head[cut:]


def permitted(unit: Span, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in a grant unit that no negation governs. A negation inside the
    grant marker itself ("No permission is needed to run it") governs nothing."""
    marker = _GRANT.search(unit.text)
    for match in pattern.finditer(unit.text):
        conditional = _CONDITION_BEFORE.search(unit.text, 0, match.start())
        if marker and match.end() <= marker.start() and conditional:
            continue
        start = marker.end() if marker and marker.end() <= match.start() else 0
        if not _NEGATION.search(_clause_before(unit.text[start:], match.start() - start)):
            yield match


# A blanket grant of every right at once: "to deal in the Software without restriction",
# "to do everything ... that would otherwise infringe copyright", "a license to exercise all
# of the Affirmer's Copyright and Related Rights". It is the evidence of a permission only
# when no grant names the specific act.
_DEAL_FREELY = re.compile(
    rf"""\bdeal\s+in\s+(?:the\s+)?(?:\w+\s+){{0,3}}?without\s+restriction\b
      | \bdo\s+(?:whatever|anything)\s+(?:you\s+(?:like|want|wish|please)|with)\b
      | \bin\s+(?:any|whatever)\s+(?:way|manner)\s+(?:you\s+)?(?:want|like|wish|please|see\s+fit)\b
      | \bwhatever\s+you\s+(?:want|like|wish|please)\b
      | \b(?:released|dedicated|placed|put|given)\s+(?:in|into|to)\s+the\s+public\s+domain\b
      | \bdo\s+(?:anything|everything)\b{gap(80, ".;:")}\bwould\s+otherwise\s+infringe\b
        # not when the same sentence bounds it: "for any permitted purpose", "but only ..."
        (?!{gap(80, ".;:")}\b(?:permitted\s+purposes?|only|conditional)\b)
      | \blicen[cs]e\s+to\s+exercise\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:\w+'s\s+)?
          (?:copyright|copyrights|all\s+rights)\b
    """,
    re.I | re.X,
)


# A defined term that names acts ("'Use' means downloading, copying, modifying ...",
# "'Publish' means to make the Data available"): a grant of the term grants those acts.
_ACT_DEFINITION = re.compile(
    r"""^\s*(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?\s+|\(?[a-z]\)\s+|-\s+)?
      "(?P<term>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,3})"(?:\s+or\s+"[^"]{1,30}")?:?\s+(?:means|shall\s+mean|refers\s+to)\s+
      (?:to\s+[a-z]+|[a-z]+ing)\b
    """,
    re.X,
)


def _act_definitions(ctx: Context) -> dict[str, Span]:
    """The blocks defining a term that names acts, by term (computed once per text)."""
    found: dict[str, Span] | None = ctx.memo.get("act_definitions")
    if found is None:
        found = ctx.memo["act_definitions"] = {}
        for block in ctx.having("means", "refers", spans=ctx.blocks):
            match = _ACT_DEFINITION.match(block.text)
            if match:
                found.setdefault(match.group("term"), block)
    return found


def _through_definitions(ctx: Context, pattern: re.Pattern[str]) -> Iterator[Span]:
    """Definitions of act terms that a grant unit grants and whose acts hold `pattern`."""
    definitions = _act_definitions(ctx)
    if not definitions:
        return
    for unit in grant_units(ctx):
        for term, block in definitions.items():
            use = re.search(rf"\b{term}\b", unit.text)
            if use is None or _NEGATION.search(_clause_before(unit.text, use.start())):
                continue
            if any(True for _ in permitted(block, pattern)):
                yield block


# A preamble describes the license ("we offer you this license which gives you legal
# permission to copy, distribute and/or modify the software"); it grants nothing itself.
_PREAMBLE_HEADING = re.compile(r"^[#\s]*preamble[\s.:]*$", re.I)
# Where the terms proper begin: a heading ("TERMS AND CONDITIONS", "## Terms") or the first
# numbered section ("0. This License applies", "Section 1").
_TERMS_BEGIN = re.compile(r"^(?:#{1,6}\s|(?:section|article)\s+[01]\b|[01][.)]\s)", re.I)
# "Everyone is permitted to copy and distribute verbatim copies of this license document":
# a permission about the license text, not about the licensed work.
_ABOUT_LICENSE_TEXT = re.compile(
    r"\bcop(?:y|ies)\s+of\s+this\s+licen[cs]e\s+document\b|\bchanging\s+it\s+is\s+not\s+allowed\b",
    re.I,
)
# "You may convey covered works to others for the sole purpose of having them make
# modifications exclusively for you" (GPL-3 s.2): a narrow permission, not the grant of the act.
_SOLE_PURPOSE = re.compile(
    r"\b(?:for\s+the\s+sole\s+purpose|solely\s+for\s+the\s+purpose)\s+of\b", re.I
)


def _starts_terms(text: str) -> bool:
    """Whether a block begins the terms: a heading in capitals, or the first section."""
    text = text.strip()
    letters = [c for c in text if c.isalpha()]
    caps = len(letters) >= 4 and not any(c.islower() for c in letters) and len(text.split()) <= 14
    return caps or bool(_TERMS_BEGIN.match(text))


def _preamble(ctx: Context) -> tuple[int, int] | None:
    """The offsets of a text's preamble: from a "Preamble" heading to where the terms begin."""
    if "preamble" not in ctx.memo:
        found = None
        for index, block in enumerate(ctx.blocks):
            if _PREAMBLE_HEADING.match(block.text):
                end = next(
                    (b.start for b in ctx.blocks[index + 1 :] if _starts_terms(b.text)), None
                )
                found = None if end is None else (block.start, end)
                break
        ctx.memo["preamble"] = found
    bounds: tuple[int, int] | None = ctx.memo["preamble"]
    return bounds


def _aside(ctx: Context, unit: Span) -> bool:
    """Whether a grant unit only describes the license: in its preamble, or about its text."""
    bounds = _preamble(ctx)
    in_preamble = bounds is not None and bounds[0] <= unit.start < bounds[1]
    return in_preamble or bool(_ABOUT_LICENSE_TEXT.search(unit.text))


def _operative_units(ctx: Context) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """The grant units split into operative ones and those that only describe the license.

    The descriptive ones are evidence only where no operative unit holds the permission.
    """
    split: tuple[tuple[Span, ...], tuple[Span, ...]] | None = ctx.memo.get("operative_units")
    if split is None:
        units = grant_units(ctx)
        split = ctx.memo["operative_units"] = (
            tuple(u for u in units if not _aside(ctx, u)),
            tuple(u for u in units if _aside(ctx, u)),
        )
    return split


def _in_units(
    ctx: Context, flag: str, units: tuple[Span, ...], pattern: re.Pattern[str]
) -> Iterator[Hit]:
    """One hit per unit in which `pattern` is permitted (not a sole-purpose permission)."""
    for unit in units:
        for match in permitted(unit, pattern):
            after = unit.text[match.end() : match.end() + 80].split(";", 1)[0]
            if _SOLE_PURPOSE.search(_clause_before(unit.text, match.start())[-60:] + after):
                continue
            yield ctx.hit(flag, unit, match)
            break


def _first(ctx: Context, flag: str, pattern: re.Pattern[str]) -> Iterator[Hit]:
    """One hit per operative grant unit in which `pattern` is permitted, else through a
    granted defined term ("a license to Use", where "Use" means modifying, distributing ...),
    else a blanket grant, else a unit that only describes the license (a preamble)."""
    operative, aside = _operative_units(ctx)
    hits = list(_in_units(ctx, flag, operative, pattern))
    if hits:
        yield from hits
        return
    for block in _through_definitions(ctx, pattern):
        match = next(permitted(block, pattern))
        yield ctx.hit(flag, block, match)
        return
    hits = list(_in_units(ctx, flag, operative, _DEAL_FREELY)) or list(_dedicated(ctx, flag))
    yield from hits or _in_units(ctx, flag, aside, pattern)


def distribution(ctx: Context) -> Iterator[Hit]:
    """Redistribution allowed: distribute, share, publish, sublicense or convey in a grant."""
    yield from _first(ctx, "distribution", _DISTRIBUTION)


def modification(ctx: Context) -> Iterator[Hit]:
    """Modification allowed: modify, adapt, create derivative works in a grant."""
    yield from _first(ctx, "modification", _MODIFICATION)


def commercial_use(ctx: Context) -> Iterator[Hit]:
    """Commercial use allowed: a grant to sell, "for any purpose", or naming commercial use.

    Nothing fires in a text that limits use to non-commercial purposes.
    """
    if _NON_COMMERCIAL_LIMIT.search(ctx.text):
        return
    operative, aside = _operative_units(ctx)
    hits = list(_commercial_in(ctx, operative))
    if hits:
        yield from hits
        return
    for block in _through_definitions(ctx, _COMMERCIAL):
        match = next(permitted(block, _COMMERCIAL))
        yield ctx.hit("commercial-use", block, match)
        return
    hits = list(_in_units(ctx, "commercial-use", operative, _DEAL_FREELY))
    hits = hits or list(_dedicated(ctx, "commercial-use"))
    yield from hits or _commercial_in(ctx, aside)


# A dedication to the public domain gives every right at once ("LZMA SDK is placed in the
# public domain", "this work is to be considered Public Domain"); "not in the public
# domain" gives none.
_PUBLIC_DOMAIN = re.compile(
    r"""\b(?:placed|released|dedicated|put|given|contributed)\s+(?:\w+\s+){0,2}?(?:in|into|to)\s+
          the\s+public\s+domain\b
      | (?<!\bthat\s)(?<!\bwhich\s)(?<!\bmay\s)(?<!\bnot\s)
        \b(?:is|are|be)\s+(?:hereby\s+)?(?:to\s+be\s+considered\s+|considered\s+)?(?:in\s+the\s+)?
          public\s+domain\b
      | ^\W*public\s+domain\W*$
      | \b(?:I|we|licensor|rightsholder|affirmer|authors?|owners?|holders?|declarant
          |(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*){0,2})\s+(?:hereby\s+)?
          (?:irrevocably\s+|unconditionally\s+|permanently\s+)*waives?\s+(?:all\s+)?
          (?:(?:of\s+)?(?:his|her|its|their|the|my|our)\s+)?(?:copyrights?|rights)\b
    """,
    re.I | re.X,
)


_LICENSE_TEXT = re.compile(
    r"\b(?:text|wording)\s+of\s+(?:the\s+|this\s+)?(?:[\w-]+\s+){0,4}?licen[cs]es?\b"
    r"|\blicen[cs]e\s+(?:text|document)\b",
    re.I,
)


def _dedicated(ctx: Context, flag: str) -> Iterator[Hit]:
    """The first sentence dedicating the work to the public domain, as a blanket grant."""
    for sentence in ctx.having("public domain", "waive"):
        match = _PUBLIC_DOMAIN.search(sentence.text)
        if match is None or _NEGATION.search(sentence.text[: match.start()][-60:]):
            continue
        if _LICENSE_TEXT.search(sentence.text[: match.start()]):
            continue  # "the text of the Creative Commons public licenses is dedicated to ..."
        yield ctx.hit(flag, sentence, match)
        return


def _commercial_in(ctx: Context, units: tuple[Span, ...]) -> Iterator[Hit]:
    """One hit per unit that permits commercial use, not as the exception to a grant."""
    for unit in units:
        for match in permitted(unit, _COMMERCIAL):
            if _COMMERCIAL_EXCEPTED.search(unit.text[max(0, match.start() - 30) : match.start()]):
                continue
            yield ctx.hit("commercial-use", unit, match)
            break


def patent_grant(ctx: Context) -> Iterator[Hit]:
    """An express patent license: a grant to the licensee that names patents."""
    operative, aside = _operative_units(ctx)
    hits = list(_patent_in(ctx, operative))
    yield from hits or _patent_in(ctx, aside)


def _patent_in(ctx: Context, units: tuple[Span, ...]) -> Iterator[Hit]:
    """One hit per unit that grants rights under patents (not one excluding them)."""
    for unit in units:
        for match in permitted(unit, _PATENT):
            if _PATENT_EXCLUDED.search(unit.text[max(0, match.start() - 40) : match.start()]):
                continue
            yield ctx.hit("patent-grant", unit, match)
            break


RULES: tuple[Rule, ...] = (commercial_use, modification, distribution, patent_grant)
