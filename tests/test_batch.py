"""Many sources at once: the same analyses, in the same order, as one by one."""

from __future__ import annotations

import pytest

from licensecmp.batch import POOL_FROM, analyze_all
from licensecmp.errors import LicensecmpError
from licensecmp.render.json import render
from licensecmp.sources import analyze_source
from tests.conftest import FIXTURES

SOURCES = [
    "llama-3.1",
    str(FIXTURES / "texts" / "acme-model-license.txt"),
    "mit",
    "gemma",
    str(FIXTURES / "models" / "acme-chat-7b"),
    "qwen",
    "apache-2.0",
    "cc-by-nc-4.0",
    "stability-ai-community",
]


def test_a_pool_gives_what_one_by_one_gives_in_order() -> None:
    assert len(SOURCES) >= POOL_FROM  # so that the pool is used
    one_by_one = [analyze_source(s) for s in SOURCES]
    pooled = analyze_all(SOURCES, jobs=2)
    assert render(pooled) == render(one_by_one)


def test_progress_reports_every_source_in_order() -> None:
    seen: list[tuple[int, int, str]] = []
    analyze_all(
        SOURCES, jobs=2, progress=lambda done, total, spec: seen.append((done, total, spec))
    )
    assert seen == [(i, len(SOURCES), s) for i, s in enumerate(SOURCES, 1)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_source_stops_the_run_with_its_error(jobs: int) -> None:
    with pytest.raises(LicensecmpError, match="no-such-license-xyz"):
        analyze_all([*SOURCES, "no-such-license-xyz"], jobs=jobs)
