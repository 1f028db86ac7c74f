"""Grants in tiers: a grant limited to a purpose that another grant of the text widens.

Licenses grant in steps: "2.1 You may use, reproduce, modify and distribute … solely for
Your internal research", then "2.2 You may use, reproduce, modify and Deploy …", where
"Deploy" means any use "other than for Your internal research". The first limit is a tier
of the grant, not a limit of the license: neither a purpose flag nor the unexplained-
prohibition detector reads it as one.
"""

from __future__ import annotations

import re

from licensecmp.rules.base import Context, Span
from licensecmp.rules.definitions import terms_in
from licensecmp.rules.grants import grant_units

# A limited purpose or class of use.
LIMITED_PURPOSE = re.compile(
    r"(?<!commercial\sor\s)(?<!commercial\sand\s)\bnon-?\s?commercial\b(?!\s+(?:or|and)\s+commercial)"
    r"|\bresearch\b|\bacademic\b|\bscholarly\b|\beducational\b|\bteaching\b|\bnon-?\s?profit\b"
    r"|\bpersonal\b|\bhobby\b|\bevaluat\w*|\binternal\b|\bnon-?\s?production\b|\btesting\b"
    r"|\bstudy\b|\bexperiment\w*|\bnot\s+(?:for|to)\s+(?:any\s+)?(?:profit|earn|commercial|products?"
    r"|revenue|money|gain|sale)",
    re.I,
)

# The acts a grant names, by kind.
_GRANTED_ACTS = {
    "use": re.compile(r"\buse\b", re.I),
    "copy": re.compile(r"\b(?:reproduce|copy)\b", re.I),
    "modify": re.compile(r"\b(?:modify|adapt|alter|(?:create|prepare)\s+derivative)", re.I),
    "distribute": re.compile(
        r"\b(?:distribute|redistribute|deploy|sublicen[sc]e|share|publish|transfer)\b", re.I
    ),
    "show": re.compile(r"\b(?:display|perform)\b", re.I),
}
# A grant limited to a purpose or a class of use.
_NARROW_GRANT = re.compile(
    r"\b(?:solely|only|exclusively|limited\s+to|restricted\s+to)\b|" + LIMITED_PURPOSE.pattern,
    re.I,
)


_NAMES_ACTS = re.compile(r"\s*(?:to\s+[a-z]+|[a-z]+ing)\b")


def _acts(text: str) -> frozenset[str]:
    return frozenset(kind for kind, pattern in _GRANTED_ACTS.items() if pattern.search(text))


def widened(ctx: Context, sentence: Span) -> bool:
    """A grant limited to a purpose that another grant widens: "2.1 You may use, reproduce,
    modify and distribute … solely for Your internal research", then "2.2 You may use,
    reproduce, modify and Deploy …, provided that …". The limit is a tier of the grant, not
    a limit of the license. The wider grant holds no limit of its own and either names
    every act of the narrow one it widens (use, modification, distribution) or grants use
    for any purpose, in its words or through a term it uses ('"Deploy" means to use …
    for commercial or non-commercial use')."""
    units = grant_units(ctx)
    if not any(u.start <= sentence.start < u.end for u in units):
        return False
    narrow = _acts(sentence.text)
    if len(narrow) < 3 or not _NARROW_GRANT.search(sentence.text):
        return False
    needed = narrow & {"use", "modify", "distribute"}
    for unit in units:
        if unit.start <= sentence.start < unit.end or _NARROW_GRANT.search(unit.text):
            continue
        if _NEGATED_GRANT.search(unit.text):
            continue
        # a term that names acts ('"Deploy" means to use …') grants what it names
        meant = " ".join(d.body for d in terms_in(unit.text, ctx) if _NAMES_ACTS.match(d.body))
        wide = _acts(unit.text) | _acts(meant)
        if needed <= wide and len(narrow & wide) >= 3:
            return True
        if narrow & {"use"} <= wide and _all_purposes(unit.text + " " + meant, sentence.text):
            return True
    return False


def _all_purposes(wide: str, narrow: str) -> bool:
    """Whether a grant covers every purpose: in its words, or as the rest of the narrow
    grant's purpose ('to use … other than for Your internal research')."""
    if _ANY_PURPOSE.search(wide):
        return True
    rest = _OTHER_THAN.search(wide)
    return rest is not None and re.search(rf"\b{rest.group('purpose')}\b", narrow, re.I) is not None


_OTHER_THAN = re.compile(
    r"\b(?:other\s+than|except)\s+for\s+(?:your\s+|its\s+|their\s+)?(?:own\s+)?(?P<purpose>\w{4,})",
    re.I,
)


# A grant for every purpose: "for commercial or non-commercial use", "for any purpose".
_ANY_PURPOSE = re.compile(
    r"\b(?:commercial\s+(?:or|and)\s+non-?\s?commercial|non-?\s?commercial\s+(?:or|and)"
    r"\s+commercial|(?:any|all|every)\s+(?:lawful\s+)?purposes?)\b",
    re.I,
)
_NEGATED_GRANT = re.compile(r"\b(?:not|never|no|except|unless)\b", re.I)
