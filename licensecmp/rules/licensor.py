"""Flag rules: licensor (see licensecmp/rules/base.py for how a rule reads the text)."""

from __future__ import annotations

from licensecmp.rules.base import Rule

RULES: tuple[Rule, ...] = ()
