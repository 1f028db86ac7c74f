"""acceptable-use-policy read by what a clause does: it binds the licensee to use rules kept
in another instrument, or it forbids a use of the material that no other flag names.

SPEC's reading rules: a list of prohibited uses, or a use policy incorporated by
reference, is an acceptable-use policy; so are other limits on how the material may be
used that have no flag of their own (internal use only, no hosted service). "Comply with
applicable law" alone is not. `restrictions.acceptable_use_policy` reads the policies
named as such and the fields of use everyone bans; this module reads the same clauses
in the other ways they are drafted:

- **rules kept elsewhere**: the licensee is bound ("governed by", "subject to", "shall
  observe", "must follow", "forms part of this licence") to an instrument named for use or
  conduct ("the Responsible Use Rules in Schedule 2", "the Content Standards published at
  …", "Schedule A (Prohibited Applications)");
- **a use forbidden by its purpose**: a negated use of the material ("must not use the
  Model to …", "may not be used for …", "agrees never to apply it in …") whose purpose is
  something other than what other flags or the law already cover (training other
  models, distribution, commercial use, unlawful acts, the licensor's names);
- **no service to others**: the material may not be offered as an online, hosted or
  cloud service or through an API.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from licensecmp.rules.base import Context, Hit, Span, gap
from licensecmp.rules.restrictions import HARMS

_I = re.I

# An instrument of use rules, by its name.
_INSTRUMENT = (
    r"(?:(?-i:[A-Z][\w&'-]*)\s+){0,3}(?-i:(?:Use|Usage|Conduct|Content|Safety|Responsible|Ethical"
    r"|Ethics|Community|Trust))\s+(?:(?-i:[A-Z][\w-]*)\s+){0,2}?"
    r"(?-i:(?:Polic(?:y|ies)|Rules|Guidelines|Standards|Restrictions|Requirements|Terms|Principles"
    r"|Charter|Code\s+of\s+(?:Conduct|Ethics|Practice)))"
    r"|\b(?:Prohibited|Restricted|Forbidden|Excluded)\s+(?:Uses|Applications|Activities|Purposes"
    r"|Use\s+Cases)\b"
)
_BINDING = (
    r"\b(?:governed\s+by|subject\s+to|compl(?:y|ies|iance)\s+with|observe|adhere\s+to|abide\s+by"
    r"|in\s+accordance\s+with|consistent\s+with|(?:must|shall|will|agree\s+to)\s+(?:\w+\s+)?follow"
    r"|conform\w*\s+(?:to|with)|bound\s+by|respect)\b"
)
_BOUND = re.compile(
    rf"{_BINDING}{gap(80)}(?P<ev>{_INSTRUMENT})"
    rf"|(?P<ev2>{_INSTRUMENT}){gap(120)}\b(?:forms?\s+(?:a\s+|an\s+integral\s+)?part\s+of"
    r"|(?:is|are)\s+incorporated|(?:is|are)\s+hereby\s+incorporated|appl(?:y|ies)\s+to\s+(?:your|all|any)"
    r"\s+use)",
    _I,
)
_NOT_BOUND = re.compile(
    r"\b(?:encourage\w*|recommend\w*|invite\w*|suggest\w*|may\s+wish|optional|voluntar\w*)\b", _I
)

# A prohibition of the licensee, then a use of the material, then its purpose.
_PROHIBITION = (
    r"(?:(?:may|shall|must|will|can|should)\s+(?:not|never)|cannot|can't|won't|mustn't|shan't"
    r"|(?:is|are)\s+(?:not\s+(?:allowed|permitted|authori[sz]ed|licen[sc]ed)|prohibited|forbidden)"
    r"(?:\s+(?:to|from))?|agrees?\s+(?:not|never)\s+to|refrain\s+from|\bdo\s+not|\bdon't"
    # "neither the weights nor their adaptations will be put to …"
    r"|\bnor\s+(?:[\w-]+\s+){1,4}?(?:may|shall|must|will|can))"
)
_USE_VERB = (
    r"(?:use|used|using|deploy\w*|employ\w*|run|running|operat\w*|put"
    r"|appl(?:y|ying)(?=\s+(?:the|this|it|them|any|our|such)\b)|(?<=be\s)applied)"
)
_FORBIDDEN_USE = re.compile(
    # "… does not apply to", "shall not limit …": the scope of a clause, not a ban; "will not
    # apply the weights …" is a use.
    rf"\b{_PROHIBITION}(?!\s+(?:appl(?:y|ies)(?!\s+(?:the|this|it|them|any|our|such)\b)|extend"
    r"|cover|affect|limit|restrict|require|include)\b)"
    rf"\s+(?:\w+\s+){{0,2}}?(?:be\s+)?{_USE_VERB}\b{gap(100)}"
    r"\b(?P<how>to|for|in|as\s+part\s+of|in\s+connection\s+with|towards?|in\s+a\s+(?:way|manner))\s+"
    r"(?P<purpose>[^.;]{3,200})",
    _I,
)
# A use the grant leaves out: "the license does not extend to designing arms", "this
# permission excludes use of the weights for …", "… is outside this license".
_NOT_GRANTED = (
    r"(?:licen[sc]es?|permissions?|grants?|rights?)\s+(?:\w+\s+){0,3}?(?:does|do|shall|will)\s+not"
    r"\s+(?:extend|apply|reach)\s+to|(?:licen[sc]es?|permissions?|grants?)\s+(?:hereunder\s+)?excludes?"
)
_EXCLUDED_USE = re.compile(
    rf"\b(?P<ban>{_NOT_GRANTED})\s+(?:(?:any\s+)?(?:use|uses|using|deployment)\b(?:\s+of)?{gap(60)}"
    r"\s+(?P<how>for|in|to|as|towards?)\s+|(?=(?:any\s+|the\s+)?\w+ing\b))(?P<purpose>[^.;]{3,200})",
    _I,
)
# A purpose named first, then banned: "designing arms is not permitted", "use for
# surveillance is prohibited".
_BANNED_PURPOSE = re.compile(
    r"^\W*(?:\(?\w{1,3}[.)]\s+)?(?P<purpose>(?:(?:any\s+)?(?:use|uses|using)\s+(?:\w+\s+){0,5}?"
    r"(?:for|in|to|as)\s+)?[\w-]+ing\b[^.;:]{0,120}?)\s+(?P<ban>(?:is|are|shall\s+be|will\s+be)\s+"
    r"(?:strictly\s+)?(?:not\s+(?:permitted|allowed|licen[sc]ed|authori[sz]ed|covered)|prohibited"
    r"|forbidden|banned|excluded|outside\s+(?:the\s+scope\s+of\s+)?(?:this|the)\s+(?:licen[sc]e|grant"
    r"|permission)))\b",
    _I,
)

# Purposes other flags or the law already cover, and uses that are no limit of the work.
_COVERED = re.compile(
    r"""\b(?:train\w*|fine-?tun\w*|distil\w*|improv\w*|develop\w*\s+(?:\w+\s+){0,3}?(?:model|llm|ai)
    |distribut\w*|redistribut\w*|sublicen\w*|sell\w*|resell\w*|commercial\w*|non-?commercial
    |illegal\w*|unlawful\w*|law|laws|legislation|regulations?|violat\w*|infring\w*|breach\w*
    |names?|marks?|trade\s*marks?|logos?|endors\w*|promot\w*|advertis\w*|publicity
    |compliance|accordance|extent|except|unless|permitted|allowed|authori[sz]ed|licen[sc]ed
    |warrant\w*|liab\w*|rely|reliance|responsib\w*|safety[-\s]critical|fail\w*
    |reverse[-\s]engineer\w*|decompil\w*|disassembl\w*|circumvent\w*
    |interpret\w*|constru\w*|scope|licen[sc]es?|terms|agreement|permissions?|rights?
    |claims?|losses|combinations?|non-?free
    |technical\s+measures|technological|cryptographic|drm|misleading|distorted|misrepresent\w*
    |personal\s+(?:information|data)|privacy|export\w*|re-?export\w*|embargo\w*|sanction\w*
    |(?:any|all|every)\s+(?:manner|way|form|purpose)s?
    # a reference to the list of uses, which is read where it stands
    |specified|following|above|these|those|below|restricted\s+uses|attachment|section|schedule
    |exhibit|annex
    |appendix|listed|set\s+(?:out|forth)|described)\b""",
    _I | re.X,
)
# Acts with flags of their own when they are what a clause bans: "modifying the weights is
# not permitted" is no-derivatives, not a use policy.
_OTHER_ACTS = re.compile(
    r"(?:any\s+|the\s+)?(?:modif\w*|alter\w*|adapt\w*|derivative\w*|copy\w*|copies|reproduc\w*"
    r"|host\w*|offer\w*|shar\w*|transfer\w*|publish\w*|making\s+(?:\w+\s+)?available)\b",
    _I,
)
# "not designed/intended for", warranty language: a warning, not a ban.
_WARNING = re.compile(
    r"\bnot\s+(?:designed|intended|suitable|recommended|certified|fit)\b|\bwarrant"
    # advice on reliance: "should not be used as the sole basis for decisions", "not be
    # relied upon"
    r"|\bshould\s+not\b[^.;]{0,40}\b(?:sole|only)\s+basis\b|\bnot\s+(?:be\s+)?relied\s+(?:up)?on\b"
    # accepting the license: "if you do not agree, do not use the software in any manner"
    r"|\bif\s+you\s+do\s+not\s+(?:agree|accept)|\bdo\s+not\s+agree\b|\bfault[-\s]toleran"
    # names and marks: how they may be used is trademark-use
    r"|\btrade\s*marks?\b|\bservice\s+marks?\b|\blogos?\b|\bmarks?\b",
    _I,
)

# No service to others: hosting, SaaS, an API.
_NO_SERVICE = re.compile(
    rf"(?P<ev>\b{_PROHIBITION}\s+(?:\w+\s+){{0,2}}?(?:be\s+)?(?:offer\w*|provid\w*|host\w*|serv\w*"
    rf"|expos\w*|make\s+(?:\w+\s+){{0,4}}?available|ma(?:de|king)\s+available)\b{gap(100)}"
    r"\b(?:as|via|through|over|by\s+means\s+of|in)\s+(?:an?\s+|any\s+|your\s+)?(?:\w+\s+){0,2}?"
    r"(?:online|hosted|managed|cloud|web|network|internet)?[-\s]?(?:services?|api|apis|endpoints?"
    r"|saas|platform)\b)",
    _I,
)
_HARM = re.compile(rf"\b(?:{HARMS})", _I)
_SERVICE_WORD = re.compile(
    r"\b(?:online|hosted|managed|cloud|web|network|internet)\b|\bapis?\b|\bsaas\b", _I
)

_KEYS = (
    "polic",
    "rules",
    "guideline",
    "standard",
    "code",
    "principle",
    "charter",
    "prohibited",
    "restricted",
    "forbidden",
    "exclud",
    "outside",
    "nor ",
    "not",
    "never",
    "refrain",
    "n't",
    "prohibit",
)


def acceptable_use(ctx: Context) -> Iterator[Hit]:
    """acceptable-use-policy hits for use rules kept elsewhere, uses forbidden by their
    purpose, and bans on serving the material to others."""
    for sentence in ctx.having(*_KEYS):
        text = sentence.text
        if _WARNING.search(text):
            continue
        bound = _BOUND.search(text)
        if bound and not _NOT_BOUND.search(text):
            group = "ev" if bound.group("ev") else "ev2"
            yield ctx.hit("acceptable-use-policy", sentence, bound, group)
            continue
        service = _NO_SERVICE.search(text)
        if service and _SERVICE_WORD.search(service.group()):
            yield ctx.hit("acceptable-use-policy", sentence, service, "ev")
            continue
        for match in (*_EXCLUDED_USE.finditer(text), *_BANNED_PURPOSE.finditer(text)):
            purpose = match.group("purpose")
            if _HARM.search(purpose[:120]) or not (
                _COVERED.search(purpose[:80]) or _OTHER_ACTS.match(purpose)
            ):
                yield ctx.hit("acceptable-use-policy", sentence, match)
                break
        else:
            yield from _forbidden_use(ctx, sentence)


def _forbidden_use(ctx: Context, sentence: Span) -> Iterator[Hit]:
    """A negated use of the material whose purpose no other flag or the law covers."""
    text = sentence.text
    for match in _FORBIDDEN_USE.finditer(text):
        purpose = match.group("purpose")
        # the first words of the purpose decide what it is
        if _HARM.search(purpose[:120]):
            continue  # a field everyone bans: restrictions.acceptable_use_policy reads it
        if _COVERED.search(purpose[:80]) or _COVERED.search(
            text[match.start() : match.start("how")]
        ):
            continue
        yield ctx.hit("acceptable-use-policy", sentence, match)
        return


RULES = (acceptable_use,)
