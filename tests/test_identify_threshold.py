"""Identification claims a match only when texts are close (identify.MATCH_THRESHOLD).

A text that shares a few paragraphs with a license but is mostly its own is not that
license: it gets no `identified`, only a `closest` named for the reader. Texts of our own
are written here; corpus texts are read at test time (`make corpus`), never copied.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from licensecmp import identify
from licensecmp.knowledge import load as load_knowledge
from licensecmp.policy import CONFIDENT
from licensecmp.render import json as json_render
from licensecmp.render.common import identity_lines
from licensecmp.sources import analyze_source, identify_text
from licensecmp.text import to_document
from tests.conftest import corpus_text, osi_keys
from tests.test_identify import in_readme, rewrap

# Model terms of our own, in the manner of a model license that borrows a few paragraphs
# of a permissive license (as ChatGLM3's terms do, "identified" at 0.58 before).
LANTERN = """Lantern Model Terms

1. The Lantern weights are offered to individuals and organisations for the purposes set
out in this document. Before you run the weights, you register an account with the
Lantern project and give a working contact address.

2. You may run the weights to build products and services of your own, provided that no
product built on them serves people in a way that harms their safety or their rights,
and provided that you keep a record of the deployments you make.

3. A deployment that reaches more than one million people a month needs a separate
written permission from the Lantern project, which may refuse it without giving reasons.

4. The Lantern project may update these terms by publishing a new edition on its site;
continued use after the update counts as acceptance of the new edition.

5. Any dispute about these terms is settled by the courts of the place where the Lantern
project has its seat, and the terms end for anyone who breaks them.
"""

NON_COMMERCIAL = (
    "The rights above are limited to uses that earn no money: selling the software, a "
    "service built on it or access to it, or using it inside a business that sells "
    "anything, needs a separate paid license from the copyright holder."
)


def _document(raw: str, suffix: str = "") -> str:
    return to_document(raw.encode("utf-8"), "LICENSE" + suffix, suffix=suffix).text


def _lantern_with_bsd() -> str:
    """Our terms followed by the conditions and half the disclaimer of BSD-3-Clause."""
    paragraphs = [p for p in corpus_text("bsd-new").decode("utf-8").split("\n\n") if p.strip()]
    borrowed = [*paragraphs[:4], paragraphs[4][: len(paragraphs[4]) // 2]]
    return LANTERN + "\n\n" + "\n\n".join(borrowed) + "\n"


def test_policy_confidence_is_the_identification_threshold() -> None:
    assert CONFIDENT == identify.MATCH_THRESHOLD
    assert identify.NEAREST_THRESHOLD < identify.MATCH_THRESHOLD


@pytest.mark.corpus
def test_text_sharing_a_few_paragraphs_is_only_closest() -> None:
    text = _document(_lantern_with_bsd())
    best = identify.identify(text, limit=1)[0]
    assert best.key == "bsd-new"
    # close enough for the old threshold (0.5), too far for the calibrated one
    assert 0.5 <= best.similarity < identify.MATCH_THRESHOLD
    assert identify.best_match(text) is None
    identified, closest, _ = identify_text(text, load_knowledge())
    assert identified is None
    assert closest is not None
    assert (closest.id, closest.similarity) == ("bsd-3-clause", best.similarity)
    assert closest.category == "Permissive"
    assert closest.added == ()


@pytest.mark.corpus
def test_closest_is_reported_in_json_and_text(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(_lantern_with_bsd(), encoding="utf-8")
    analysis = analyze_source(str(path))
    assert analysis.identified is None
    assert analysis.closest is not None
    data = json.loads(json_render.render([analysis]))
    assert data["identified"] is None
    assert data["closest"] == {
        "id": "bsd-3-clause",
        "name": analysis.closest.name,
        "similarity": analysis.closest.similarity,
        "category": "Permissive",
    }
    line = f"closest known license: bsd-3-clause ({analysis.closest.similarity:.2f}), too far"
    assert any(line in text for text in identity_lines(analysis))


@pytest.mark.corpus
def test_model_directory_offsets_leave_closest_alone(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(_lantern_with_bsd(), encoding="utf-8")
    (tmp_path / "USE_POLICY.md").write_text("You will not use the weights to harm anyone.\n")
    analysis = analyze_source(str(tmp_path))
    assert analysis.identified is None
    assert analysis.closest is not None and analysis.closest.id == "bsd-3-clause"


@pytest.mark.corpus
def test_text_of_our_own_has_no_closest() -> None:
    identified, closest, _ = identify_text(_document(LANTERN), load_knowledge())
    assert identified is None and closest is None


@pytest.mark.corpus
@pytest.mark.parametrize("key", osi_keys())
def test_osi_text_rewrapped_in_a_model_card_is_identified(key: str) -> None:
    raw = corpus_text(key).decode("utf-8")
    text = _document(in_readme(rewrap(raw, 60)), ".md")
    found = identify.best_match(text)
    assert found is not None, f"{key}: {identify.identify(text, limit=1)}"
    index = identify.load_index()
    same = index.entries[index.by_key[found.key]].exact == index.entries[index.by_key[key]].exact
    assert same, f"{key} identified as {found.key}"
    assert found.similarity >= identify.MATCH_THRESHOLD


@pytest.mark.corpus
@pytest.mark.parametrize("where", ["end", "start"])
def test_mit_0_with_a_non_commercial_paragraph_stays_identified(where: str) -> None:
    raw = corpus_text("mit-0").decode("utf-8").strip()
    parts = [raw, NON_COMMERCIAL] if where == "end" else [NON_COMMERCIAL, raw]
    text = _document("\n\n".join(parts) + "\n")
    identified, closest, _ = identify_text(text, load_knowledge())
    assert closest is None
    assert identified is not None and identified.id == "mit-0"
    assert identified.similarity >= identify.MATCH_THRESHOLD
    assert identified.category == "Permissive"
    start = text.index(NON_COMMERCIAL)
    assert [(p.start, p.end) for p in identified.added] == [(start, start + len(NON_COMMERCIAL))]


@pytest.mark.corpus
def test_paragraph_inside_a_short_license_fails_closed() -> None:
    """A paragraph inserted between the two of MIT-0 leaves 3/4 of the stretch MIT-0
    occupies its own (purity): not identified, but named closest, and the nearest OSI
    license still reports the paragraph as what the text adds."""
    raw = corpus_text("mit-0").decode("utf-8").strip()
    first, rest = raw.split("\n\n", 1)
    text = _document(first + "\n\n" + NON_COMMERCIAL + "\n\n" + rest + "\n")
    identified, closest, nearest = identify_text(text, load_knowledge())
    assert identified is None
    assert closest is not None and closest.id == "mit-0"
    assert nearest is not None and nearest.id == "mit-0"
    start = text.index(NON_COMMERCIAL)
    assert [(p.start, p.end) for p in nearest.added] == [(start, start + len(NON_COMMERCIAL))]


def test_known_license_without_text_carries_its_category() -> None:
    analysis = analyze_source("apache-2.0")
    assert analysis.identified is not None
    assert analysis.identified.category == "Permissive"
    assert analysis.closest is None
