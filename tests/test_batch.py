"""Many sources at once: the same analyses, in the same order, as one by one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from licensecmp import batch
from licensecmp.batch import POOL_FROM, analyze_all
from licensecmp.errors import LicensecmpError
from licensecmp.render.json import render
from licensecmp.sources import analyze_source
from tests.conftest import CORPUS, FIXTURES

KEYS = [
    "llama-3.1-license-2024",
    "mit",
    "apache-2.0",
    "gemma-tou-2024-04-01",
    "qwen-2024",
    "bsd-new",
    "cc-by-nc-4.0",
    "stability-ai-community-2024",
]


@pytest.fixture
def sources(tmp_path: Path) -> list[str]:
    """Eight distinct texts, a known id, our own model directory, and repeats."""
    paths = []
    for key in KEYS:
        path = tmp_path / f"{key}.txt"
        shutil.copy(CORPUS / "texts" / f"{key}.txt", path)
        paths.append(str(path))
    model = str(FIXTURES / "models" / "acme-chat-7b")
    return [*paths, "llama-3.1", model, paths[0], model]


def test_a_pool_gives_what_one_by_one_gives_in_order(sources: list[str]) -> None:
    assert len(set(sources)) - 1 >= POOL_FROM  # enough distinct texts for the pool
    one_by_one = [analyze_source(s) for s in sources]
    assert render(analyze_all(sources, jobs=2)) == render(one_by_one)
    assert render(analyze_all(sources, jobs=1)) == render(one_by_one)


def test_each_distinct_text_is_analysed_once(
    sources: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies = []
    for n in range(5):  # the same model snapshot under five names
        target = tmp_path / f"copy-{n}"
        shutil.copytree(FIXTURES / "models" / "acme-chat-7b", target)
        copies.append(str(target))
    calls: list[str] = []
    real = batch.read_text

    def counting(prepared, knowledge):  # type: ignore[no-untyped-def]
        calls.append(prepared.spec)
        return real(prepared, knowledge)

    monkeypatch.setattr(batch, "read_text", counting)
    analyses = analyze_all([*sources, *copies], jobs=1)
    assert len(calls) == len(KEYS) + 1  # the eight texts and one model-directory text
    assert [a.source.input for a in analyses[-5:]] == copies  # each keeps its own name
    assert {a.source.sha256 for a in analyses[-5:]} == {analyses[-6].source.sha256}


def test_progress_counts_distinct_texts(sources: list[str]) -> None:
    seen: list[tuple[int, int]] = []
    analyze_all(sources, jobs=2, progress=lambda done, total, _: seen.append((done, total)))
    assert seen == [(i, len(KEYS) + 1) for i in range(1, len(KEYS) + 2)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_source_stops_the_run_with_its_error(sources: list[str], jobs: int) -> None:
    with pytest.raises(LicensecmpError, match="no-such-license-xyz"):
        analyze_all([*sources, "no-such-license-xyz"], jobs=jobs)
