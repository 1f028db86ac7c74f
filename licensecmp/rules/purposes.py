"""Use limited to a purpose: research-only and non-commercial, read from how a limit is
drafted rather than from remembered sentences.

A purpose limit has two parts: a limiter ("only", "solely", "exclusively", "limited
to", "confined to", "no purpose other than", or a negated act with "other than" /
"except" / "beyond") and the scope it leaves ("for testing, research or evaluation
purposes", "for Research Purposes", "to Personal use"). The scope is read with the
definitions of the terms it uses (`definitions.py`), so "You shall only use the Model
for Research Purposes" is research-only and non-commercial when "Research Purposes"
is defined as non-commercial research, wherever that definition stands. A grant whose
scope is such a purpose ("a license to use the Model for Non-Commercial Purposes") is
read the same way.

Not limits: a scope that also admits commercial use ("for research or commercial
purposes"), a condition ("if you use it only for research, no fee is due"), the licensor's
own undertakings, "including but not limited to", and a definition read on its own
(the clause that uses the term is the limit).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licensecmp.rules.base import Context, Hit, Span
from licensecmp.rules.definitions import Definition, definitions, term_at

_LIMITER = re.compile(
    r"""
      (?<!\bnot\s)(?<!\bnot\s\s)\b(?:only|solely|exclusively|strictly|merely|purely)\b
    """,
    re.I | re.X,
)
# "restricted to Scholarly Work", "no purpose other than": the scope is the purpose itself
_LIMITED_TO = re.compile(
    r"""(?<!\bnot\s)\b(?:limited|restricted|confined)\s+(?:solely\s+|only\s+|exclusively\s+)?to\b
    | \bno\s+(?:other\s+)?(?:purposes?|uses?)\s+(?:other\s+than|except|beyond)\b
    | \bfor\s+(?=(?:any\s+)?(?:purposes?|uses?)\s+other\s+than\b)""",
    re.I | re.X,
)
_FOR_PURPOSE = re.compile(r"\s*(?:for|in\s+connection\s+with|towards?)\b", re.I)
# "may not use … other than for", "rights do not extend beyond": a negated act with an
# exception is a limit too
_NEGATED_EXCEPT = re.compile(
    r"""\b(?:not|never|no|cannot|prohibited|forbidden)\b[^.;:]{0,200}?
        \b(?:other\s+than|except(?:\s+for)?|beyond|outside(?:\s+of)?|apart\s+from|save\s+for)\b""",
    re.I | re.X,
)
# "Any use beyond internal benchmarking is prohibited": the uses left are the scope.
_OTHER_USES = re.compile(
    r"\b(?:any|all|every)\s+(?:other\s+)?(?:uses?|exploitation|purposes?)\s+(?:of\s+[^.;:]{1,60}?\s+)?"
    r"(?:beyond|other\s+than|outside(?:\s+of)?|except(?:\s+for)?|apart\s+from)\s+",
    re.I,
)
# "for non-production evaluation purposes only": the purpose stands before the limiter.
_POSTFIX = re.compile(
    r"\b(?:for\s+)?(?P<purpose>(?:(?:your|its|their|own|the)\s+)?(?:[\w-]+,?\s+(?:and\s+|or\s+|and/or\s+)?){1,5}?)"
    r"(?:purposes?|uses?|use\s+cases|activities)\s+only\b",
    re.I,
)
# Commercial use forbidden in so many words, whatever the verb: "shall not use … to obtain
# commercial advantage", "commercial exploitation … is not permitted", "not … commercially".
_COMMERCIAL_OBJECT = (
    r"commercial\s+(?:purposes?|uses?|usage|advantage|activit\w*|ends|exploitation|products?|services?"
    r"|settings?|applications?|deployments?|gain|undertakings?|ventures?|offerings?)"
)
_NO_COMMERCIAL = re.compile(
    rf"""\b(?:not|never|cannot|prohibited\s+from|forbidden\s+(?:from|to))\s+(?:\w+\s+){{0,2}}?
        (?:use|used|using|exploit\w*|deploy\w*|utili[sz]\w*|offer\w*|sell|monetis\w*|monetiz\w*
          |operat\w*|host\w*|provid\w*|run|apply|employ\w*)\b
        [^.;:]{{0,160}}?\b(?:for|in\s+connection\s+with|in|to\s+(?:obtain|gain|seek|derive|earn)|towards?
          |as\s+part\s+of|within)\s+(?:any\s+|a\s+|an\s+)?(?:[\w-]+\s+)?{_COMMERCIAL_OBJECT}\b
    | \bcommercial(?:ly)?\s+(?:use|usage|exploitation|deployment|purposes?)s?\b[^.;:]{{0,80}}?
        \b(?:is|are|shall\s+be|will\s+be|remains?)\s+(?:strictly\s+|expressly\s+|hereby\s+)?
        (?:not\s+(?:permitted|allowed|authori[sz]ed|licen[sc]ed|granted|covered)|prohibited|forbidden
          |excluded|reserved)
    | \bnot\s+(?:\w+\s+){{0,2}}?(?:use|deploy|exploit|offer|distribut|operat|provid|sell)\w*\s+
        (?:[^.;:\s]+\s+){{0,10}}?commercially\b
    | \bno\s+(?:right|licen[sc]e|permission)\s+(?:is\s+granted\s+)?(?:to\s+|for\s+)(?:any\s+)?
        (?:{_COMMERCIAL_OBJECT}|(?:use|exploit)\w*\s+[^.;:]{{0,60}}?commercially)
    """,
    re.I | re.X,
)
# Commercial use that is only gated: a separate license, consent or registration opens it.
_GATED = re.compile(
    r"\b(?:unless|without|except|until|prior\s+(?:written\s+)?(?:consent|approval|permission)"
    r"|separate\s+(?:commercial\s+)?(?:licen[sc]e|agreement)|written\s+(?:consent|permission|approval)"
    r"|commercial\s+licen[sc]e|contact\s+us|register|registration|apply)\b",
    re.I,
)
_SIZE = re.compile(
    r"\b(?:exceed\w*|more\s+than|greater\s+than|above|over|in\s+excess\s+of|threshold|cap|ceiling"
    r"|revenue|turnover|users)\b",
    re.I,
)
# A grant scoped to a purpose: "license to use … for Non-Commercial Purposes"
_GRANT = re.compile(
    r"\b(?:grants?|granted|hereby\s+licen[sc]es?)\b[^.;:]{0,320}?"
    r"\bfor\s+(?:your\s+|its\s+|the\s+)?(?:own\s+)?(?:purposes?\s+of\s+)?",
    re.I,
)
_SCOPE_END = re.compile(
    r"[.;:!?](?:\s|$)|\bprovided\b|\bsubject\s+to\b|\bunless\b|\bexcept\s+that\b", re.I
)
# A limiter inside a condition limits nothing: "if you use it only for research, …"
_CONDITIONAL = re.compile(
    r"\b(?:if|where|when|whenever|unless|provided\s+(?:that|you|always)|as\s+long\s+as"
    r"|so\s+long\s+as|in\s+case)\b"
    r"[^.;:]{0,120}$",
    re.I,
)
# Someone other than the licensee undertakes it: "we will use your data only for research"
_OTHER_SUBJECT = re.compile(
    r"(?:^|[,;]\s*)(?:(?i:we|us|our|licensor|the\s+licensor|the\s+company)"
    r"|(?!(?:You|Licensee|Recipient|User|Customer|Subscriber)\b)[A-Z][\w.]*\s+(?:will|shall))\b"
    r"(?![^,;]{0,60}\byou\b)[^,;]{0,80}$",
)

_RESEARCH = re.compile(
    r"\b(?:research|evaluat\w*|academic|scientific|experiment\w*|testing|non-?production"
    r"|scholarly|study|studying)\b",
    re.I,
)
_NOT_RESEARCH = re.compile(
    r"\bresearch\s+and\s+development\b|\bR&D\b|\bproduction\s+(?:use|environment)", re.I
)
_NON_COMMERCIAL = re.compile(
    r"\bnon-?\s?commercial\b|\bnon-?\s?profit\b|\bnot[-\s]for[-\s]profit\b|\bhobby\b"
    r"|\bpersonal(?:\s+and)?(?:,?\s+(?:non-?\s?commercial|private|family|household|hobby))*"
    r"\s+(?:uses?|purposes?|projects?|enjoyment|use\s+cases|activities)\b"
    r"|\b(?:not|never|no)\s+(?:\w+\s+){0,4}?(?:commercial|profit|monetary|payment|remuneration"
    r"|compensation|money|revenue|financial)\b(?!\s+licen[sc]e)"
    # "without fee" says the grant is free of charge, not that use must be
    r"|\bwithout\s+(?:any\s+)?(?:\w+\s+)?(?:commercial|monetary|financial)\b(?!\s+licen[sc]e)",
    re.I,
)
# Commercial use admitted by the scope itself: the limit is no purpose limit.
_COMMERCIAL_WORDS = re.compile(
    r"(?<!non-)(?<!non)(?<!non\s)\bcommercial(?:ly)?\b(?!\s+(?:advantage|gain))"
    r"|\bbusiness\b|\bany\s+(?:lawful\s+)?purpose\b|\bproduction\s+(?:use|environment|purposes?)\b"
    # research and development is what a business does: a scope that admits it admits
    # commercial work
    r"|\bresearch\s+and\s+development\b|\bR&D\b"
    # building and selling products is business work too
    r"|\b(?:developing|promoting|marketing|selling)\b|\bproducts?\b|\bcustomers?\b",
    re.I,
)
# What takes the commercial word back: "not for any commercial purpose", "other than business".
_TAKEN_BACK = re.compile(
    r"\b(?:not|no|non|never|nor|without|excluding|except|other\s+than|rather\s+than|neither)\b"
    r"[^.;:]{0,30}$",
    re.I,
)


def _admits_commercial(text: str) -> bool:
    """Whether a scope admits commercial use: a commercial word no negation takes back."""
    return any(
        not _TAKEN_BACK.search(text[max(0, m.start() - 40) : m.start()])
        for m in _COMMERCIAL_WORDS.finditer(text)
    )


# "This alternative is allowed only for noncommercial distribution": an option among ways
# to meet a duty limits nothing while the other options remain.
_ALTERNATIVE = re.compile(
    r"\b(?:this|that|the\s+(?:above|following))\s+(?:alternative|option)\b", re.I
)
# How the work came about, not what it may be used for: "was developed for research
# purposes only" (a description, often a warning).
_MADE_FOR = re.compile(
    r"\b(?:designed|developed|created|built|written|made)\s+(?:\w+\s+)?for\b", re.I
)
# Names and marks: what a license allows of them is never a purpose limit on the work.
_MARKS = re.compile(
    r"\b(?:trademarks?|trade\s+names?|service\s+marks?|logos?|names?\s+or\s+marks?|marks)\b", re.I
)


def _scope(text: str, start: int) -> str:
    """The words a limiter leaves in scope: to the end of its clause (bounded)."""
    end = _SCOPE_END.search(text, start, start + 260)
    return text[start : end.start() if end else min(len(text), start + 260)]


# Where the purpose starts: "only use the Model for", "limited to", "solely within".
_PURPOSE = re.compile(r"\b(?:for|to|within|in)\s+(?:the\s+)?(?:purposes?\s+of\s+)?", re.I)
# What a limiter may qualify that is no purpose: "solely responsible for", "exclusively in
# the courts of", "only to the extent"
_NO_PURPOSE = re.compile(
    r"\b(?:responsib\w*|liab\w*|accountable|risks?|courts?|jurisdiction|venue|extent|law|laws"
    r"|governed|construed|notices?|attribution|names?|marks?|trademarks?|patents?|claims?)\b",
    re.I,
)
# A scope that lists acts or things is no purpose: "for sale, use, import …", "except for
# the Model itself or non-commercial AI models".
_ACT_LIST = re.compile(
    r"^(?:the\s+)?(?:sale|sell|selling|use|using|import\w*|mak\w+|reproduc\w*|display\w*|perform\w*"
    r"|modif\w*|distribut\w*|deploy\w*|cop(?:y|ies|ying)|the\s+\w+\s+itself)\b",
    re.I,
)
# Defined terms that name a thing, not a purpose: what the license covers or produces.
_THING = re.compile(
    r"(?:Model|Material|Software|Weight|Derivative|Output|Agreement|Documentation|Licensor"
    r"|Licensee|You|Content|Data|Dataset|Code|Product|Service|Checkpoint|Program|File)s?$"
)


# Where one purpose of a list ends and the next begins.
_ITEMS = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and/or|or|and)\s+", re.I)
# The words a purpose may open with before the term that names it.
_HEAD = re.compile(
    r"(?!as\b|long\b|so\b|a\s+period|the\s+(?:term|duration|period)\b)"
    r"(?:(?:your|its|their|the|his|her|own|sole|bona\s+fide|internal|legitimate|such|any)\s+){0,3}",
    re.I,
)


def _purpose(scope: str) -> str:
    """The purpose a limiter leaves: from "for" / "to" / "within" / "in" on, when the
    words before it qualify an act of the licensee, not a duty or a forum."""
    match = _PURPOSE.search(scope, 0, 120)
    if match is None or _NO_PURPOSE.search(scope[: match.start()]):
        return ""
    purpose = scope[match.end() :]
    return "" if _NO_PURPOSE.search(purpose[:60]) else purpose


# "purposes other than commercial or production use": the purposes left are what the
# words after "other than" are not
_EXCLUDED = re.compile(
    r"^(?:any\s+|all\s+)?(?:purposes?|uses?|use\s+cases|activities)\s+(?:other\s+than|except(?:\s+for)?"
    r"|excluding|apart\s+from|that\s+(?:are|is)\s+not|not\s+(?:involving|including|related\s+to))\s+",
    re.I,
)
_LEAD = re.compile(r"^(?:for|to|within|in)\s+(?:the\s+)?(?:purposes?\s+of\s+)?", re.I)
_PRODUCTION = re.compile(r"\bproduction\b", re.I)


def _excluded(scope: str) -> tuple[bool, bool] | None:
    """research-only and non-commercial for "purposes other than commercial or production
    use"; None when the scope does not exclude purposes."""
    match = _EXCLUDED.match(scope)
    if match is None:
        return None
    rest = scope[match.end() :][:120]
    return bool(_PRODUCTION.search(rest)), bool(re.search(r"\bcommercial", rest, re.I))


def _read(
    scope: str, ctx: Context, skip: Span, *, direct: bool = False
) -> tuple[bool, bool, Definition | None]:
    """Whether `scope` (with its defined terms read) is research-only and non-commercial,
    and the definition that said so (if any). `direct`: the scope is the purpose itself
    (what follows "for" in a grant, or "other than" after a negated act)."""
    if direct:
        scope = _LEAD.sub("", scope.lstrip())
        if _ACT_LIST.match(scope) or _NO_PURPOSE.search(scope[:60]):
            return False, False, None
    excluded = _excluded(scope)
    if excluded is not None:
        return excluded[0], excluded[1], None
    if _admits_commercial(scope):
        return False, False, None
    scope = scope if direct else _purpose(scope)
    if not scope:
        return False, False, None
    literal = _NOT_RESEARCH.sub(" ", scope)
    research = bool(_RESEARCH.search(literal))
    non_commercial = bool(_NON_COMMERCIAL.search(literal))
    cited = None
    # the term that names the purpose heads it: "for Research Purposes", "for your own
    # Permitted Research", not a term further on ("for as long as you Deploy", "for use
    # in describing the Model")
    named = []
    for item in _ITEMS.split(scope[:200]):  # "for testing, Personal or evaluation purposes"
        head = _HEAD.match(item)
        definition = term_at(item[head.end() :], ctx) if head else None
        if (
            definition is not None
            and definition not in named
            and not _THING.search(definition.term)
        ):
            named.append(definition)
    for definition in named:
        if definition.start <= skip.start < definition.end:
            continue  # the definition of the term itself
        body = _NOT_RESEARCH.sub(" ", definition.body[:700])
        r, n = bool(_RESEARCH.search(body)), bool(_NON_COMMERCIAL.search(body))
        # a defined purpose that admits business use ("Permitted Use" means research or
        # commercial use) limits nothing
        if _admits_commercial(body[:300]) and not n:
            continue
        if (r or n) and cited is None:
            cited = definition
        research, non_commercial = research or r, non_commercial or n
    return research, non_commercial, cited


def _in_definition(ctx: Context, span: Span) -> bool:
    return any(d.start <= span.start < d.end for d in definitions(ctx).values())


def _limits(text: str) -> list[tuple[int, int, bool]]:
    """Where a limit starts and its scope begins in a sentence, and whether the scope is
    the purpose itself (`direct`) or holds the act before it ("only use the Model for")."""
    starts = [(m.start(), m.end(), False) for m in _LIMITER.finditer(text)]
    starts += [(m.start(), m.end(), True) for m in _LIMITED_TO.finditer(text)]
    starts += [
        (m.start(), m.end(), True)
        for m in _NEGATED_EXCEPT.finditer(text)
        if _FOR_PURPOSE.match(text, m.end()) or re.match(r"\s*(?-i:[A-Z])", text[m.end() :])
    ]
    starts += [(m.end() - 4, m.end(), True) for m in _GRANT.finditer(text)]
    starts += [(m.start(), m.end(), True) for m in _OTHER_USES.finditer(text)]
    return sorted(starts)


def not_a_limit_here(text: str, lo: int) -> bool:
    """Whether what stands before offset `lo` of a sentence makes a limit there no limit of
    the licensee: a condition ("if you use it only for research"), another subject ("the
    Licensor will use your feedback solely for research"), "not limited to"."""
    before = text[max(0, lo - 160) : lo]
    if _CONDITIONAL.search(before) or _OTHER_SUBJECT.search(before):
        return True
    return bool(re.search(r"\bnot\s+(?:be\s+)?$|\bbut\s+not\s+$", before, re.I))


def purpose_limits(ctx: Context) -> Iterator[Hit]:
    """research-only and non-commercial hits for every purpose limit of the licensee."""
    words = (
        "only",
        "solely",
        "exclusive",
        "strictly",
        "merely",
        "purely",
        "limited",
        "restricted",
        "confined",
        "other than",
        "except",
        "beyond",
        "outside",
        "apart from",
        "save for",
        " for ",
        "commercial",
    )
    for sentence in ctx.having(*words):
        text = sentence.text
        if _in_definition(ctx, sentence) or _MARKS.search(text) or _ALTERNATIVE.search(text):
            continue  # a definition, a mark, one of several ways to comply
        found: dict[str, Hit] = {}
        for lo, hi, direct in _limits(text):
            if not_a_limit_here(text, lo):
                continue
            scope = _scope(text, hi)
            research, non_commercial, cited = _read(scope, ctx, sentence, direct=direct)
            end = hi + len(scope.rstrip())
            term, support = (cited.term, (cited.start, cited.end)) if cited else ("", None)
            for flag, yes in (("research-only", research), ("non-commercial", non_commercial)):
                if yes and flag not in found:
                    at = (sentence.start + lo, sentence.start + end)
                    found[flag] = Hit(flag, *at, term=term, support=support)
        for match in _POSTFIX.finditer(text):
            made = _MADE_FOR.search(text, max(0, match.start() - 40), match.end())
            if not_a_limit_here(text, match.start()) or made:
                continue
            purpose = match.group("purpose")
            if _admits_commercial(purpose):
                continue
            for flag, pattern in (
                ("research-only", _RESEARCH),
                ("non-commercial", _NON_COMMERCIAL),
            ):
                if flag not in found and pattern.search(_NOT_RESEARCH.sub(" ", purpose)):
                    found[flag] = ctx.hit(flag, sentence, match)
        if "non-commercial" not in found and not _GATED.search(text):
            ban = _NO_COMMERCIAL.search(text)
            # "commercial use by an entity that exceeds the Threshold is not licensed" is a
            # threshold (thresholds.py), not a ban on commercial use
            if ban and not not_a_limit_here(text, ban.start()) and not _SIZE.search(ban.group()):
                found["non-commercial"] = ctx.hit("non-commercial", sentence, ban)
        yield from found.values()


RULES = (purpose_limits,)
