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
from licensecmp.rules.base import Context, Hit, Rule, index_at
from licensecmp.rules.lists import composed
from licensecmp.rules.tiers import widened

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


def _run(ctx: Context) -> list[Hit]:
    return [hit for rule in ALL_RULES for hit in rule(ctx)]


def list_hits(ctx: Context) -> tuple[Hit, ...]:
    """The hits of every rule in the lists of `ctx` read as clauses (lead-in + item), in
    the offsets of the composed text (`lists.composed`). Computed once per text."""
    found: tuple[Hit, ...] | None = ctx.memo.get("list-hits")
    if found is None:
        lists = composed(ctx)
        found = ctx.memo["list-hits"] = tuple(_run(lists.ctx)) if lists else ()
    return found


def find_hits(ctx: Context) -> tuple[Hit, ...]:
    """Every hit of every rule, in reading order (then by flag id), duplicates kept.

    A flag that no sentence shows but a list does ("may not be employed for:" over
    "- designing arms") is found in the list read as clauses; flags the sentences show
    keep their evidence there."""
    hits = [hit for hit in _run(ctx) if not _a_tier(ctx, hit)]
    lists = composed(ctx)
    if lists is not None:
        seen = {hit.flag for hit in hits}
        found = list_hits(ctx)
        # a list of grants is read as a whole: "for non-commercial and research purposes;
        # and for commercial use if …" limits no purpose
        widened = {lists.lead_at(h.start) for h in found if h.flag == "commercial-use"}
        hits += [
            lists.mapped(hit)
            for hit in found
            if hit.flag not in seen
            and not (hit.flag in _PURPOSE_LIMITS and lists.lead_at(hit.start) in widened)
        ]
    return tuple(sorted(hits, key=lambda h: (h.start, h.end, h.flag)))


_PURPOSE_LIMITS = frozenset({"non-commercial", "research-only"})


def _a_tier(ctx: Context, hit: Hit) -> bool:
    """A purpose limit read in a grant that another grant of the text widens (`tiers`)."""
    if hit.flag not in _PURPOSE_LIMITS:
        return False
    index = index_at(ctx.sentences, hit.start)
    return index >= 0 and widened(ctx, ctx.sentences[index])
