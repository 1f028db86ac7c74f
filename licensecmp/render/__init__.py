"""Renderers: one module per output format. Only this package imports tabulate."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """The output formats of `analyze` (a test walks every one)."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
