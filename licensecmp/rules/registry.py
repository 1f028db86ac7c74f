"""Every flag rule of taxonomy v1: `ALL_RULES`, and `find_hits` to run them over a text."""

from __future__ import annotations

from licensecmp.rules import (
    conditions,
    grants,
    licensor,
    purposes,
    restrictions,
    roles,
    thresholds,
    uses,
)
from licensecmp.rules.base import Context, Hit, Rule

ALL_RULES: tuple[Rule, ...] = (
    *grants.RULES,
    *conditions.RULES,
    *thresholds.RULES,
    *restrictions.RULES,
    *purposes.RULES,
    *uses.RULES,
    *roles.RULES,
    *licensor.RULES,
)


def find_hits(ctx: Context) -> tuple[Hit, ...]:
    """Every hit of every rule, in reading order (then by flag id), duplicates kept."""
    hits = [hit for rule in ALL_RULES for hit in rule(ctx)]
    return tuple(sorted(hits, key=lambda h: (h.start, h.end, h.flag)))
