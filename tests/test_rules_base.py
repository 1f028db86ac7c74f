"""The text rules read: blocks, sentences, and the keyword gate."""

from __future__ import annotations

import re

from licensecmp.rules.base import context_of, gap


def sentences(text: str) -> list[str]:
    return [s.text for s in context_of(text).sentences]


def test_sentences_end_at_full_stops_not_at_abbreviations_or_markers() -> None:
    text = (
        "1. Grant. You may use the model, e.g. to chat. It is sold by Acme Inc. to you.\n\n"
        "(a) Keep notices (as above). Then share it."
    )
    assert sentences(text) == [
        "1. Grant.",
        "You may use the model, e.g. to chat.",
        "It is sold by Acme Inc. to you.",
        "(a) Keep notices (as above).",
        "Then share it.",
    ]


def test_a_block_boundary_always_ends_a_sentence() -> None:
    assert sentences("No full stop here\n\nNext block") == ["No full stop here", "Next block"]


def test_sentence_offsets_point_into_the_text() -> None:
    text = "First one. Second one!\n\nThird? Fourth."
    for span in context_of(text).sentences:
        assert text[span.start : span.end] == span.text


def test_having_keeps_sentences_with_any_word_in_order_ignoring_case() -> None:
    ctx = context_of("The Licensor may UPDATE terms. Nothing here. You must show a logo.")
    assert [s.text for s in ctx.having("update", "logo")] == [
        "The Licensor may UPDATE terms.",
        "You must show a logo.",
    ]
    assert ctx.having("absent") == ()
    blocks = ctx.having("nothing", spans=ctx.blocks)
    assert [b.start for b in blocks] == [0]


def test_a_gap_crosses_a_version_number_but_not_a_full_stop() -> None:
    between = re.compile(rf"\bnot\s+use\b{gap(40)}\bto\s+train\b")
    assert between.search("You may not use Acme 3.1 outputs to train others.")
    assert between.search("You may not use Hunyuan 3D 2.0 to train others.")
    assert not between.search("You may not use it. Feel free to train others.")
    assert not between.search("You may not use it; feel free to train others.")


def test_a_gap_has_its_bounds_stops_and_greed() -> None:
    assert re.fullmatch(gap(3), "a.1")
    assert not re.fullmatch(gap(3), "abcd")
    assert not re.fullmatch(gap(5, ";"), "ab;c")
    assert re.fullmatch(gap(5, ";"), "a. b")  # a period is no stop unless asked
    assert not re.fullmatch(gap(5, ".;:"), "a: b")
    assert not re.fullmatch(gap(5, least=1), "")
    assert re.match(gap(5, lazy=False), "abcde").end() == 5
    assert re.match(gap(5), "abcde").end() == 0
