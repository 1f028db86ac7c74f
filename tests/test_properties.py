"""Property tests: for any text, reading, splitting, flagging, identifying and rendering hold.

Hypothesis builds texts from random Unicode and from random mixes of license-like
sentence fragments (written here, in our own words), numbering and markup. For each:
no exception but a LicensecmpError, offsets inside the text and ordered, evidence
equal to the text at its offsets, the same output for the same input, and output that
parses (JSON, CommonMark with tables, JUnit XML). The profile is derandomized so CI
sees the same examples on every run.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from licensecmp.analysis import Analysis
from licensecmp.clauses import Clause, innermost, split_clauses
from licensecmp.errors import InputError, LicensecmpError
from licensecmp.knowledge import load as load_knowledge
from licensecmp.sources import analyze_bytes, analyze_source
from licensecmp.text import normalise, to_document

settings.register_profile(
    "licensecmp-properties",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("licensecmp-properties")

FEW = settings(max_examples=25)
SOME = settings(max_examples=60)

# --- the texts ------------------------------------------------------------------------------

# Fragments written for these tests: each aims at some rule, numbering style or markup.
FRAGMENTS = (
    "You may use, copy and modify the Model for any purpose.",
    "you may not use the Model or its outputs to train another model",
    "You may not use the Model for commercial purposes.",
    "for research and evaluation only, and not in production",
    "If the monthly active users of your products exceed 300 million, you must ask us "
    "for a separate license, which we may refuse.",
    "More than 50 million daily users or annual revenue above USD 10,000,000",
    "greater than 1,000,000 monthly active users in the preceding calendar month",
    "You must prominently display \u201cPowered by Foo\u201d on your website.",
    "Any derived model name must begin with \u201cFoo\u201d.",
    "We may update this Agreement from time to time at our sole discretion.",
    "We may restrict, remotely or by an update, your use of the Model.",
    "Your rights end if you bypass the safety filters.",
    "If you sue us over any intellectual property, your license ends at once.",
    "This license does not grant rights to our trademarks.",
    'THE MODEL IS PROVIDED "AS IS" WITHOUT WARRANTY OF ANY KIND.',
    "IN NO EVENT SHALL WE BE LIABLE FOR ANY DAMAGES.",
    "This Agreement is governed by the laws of the State of Nowhere.",
    "You must comply with the Use Policy at https://example.org/policy.",
    "You may not use the Model in Atlantis or Ruritania.",
    "Competitors of the Licensor may not use the Model.",
    'The term "Model" means the weights we publish.',
    '"Derivative" shall mean any work built on the Model.',
    "See Section 2.3 and clause 4(a) for details.",
    "keep this notice, and state the changes you made",
    "give the source of your changes to anyone who uses it over a network",
    "Attachment A - Use Policy",
    "Exhibit B",
    "* * * * *",
    "---",
    "> quoted words",
    "`code` and **bold** and _under_ and [a link](https://example.org)",
    "<p>a paragraph</p><ol><li>first</li><li>second</li></ol>",
)
NUMBERING = (
    "1. ",
    "2. ",
    "10. ",
    "1.1 ",
    "2.3.4 ",
    "(a) ",
    "(b) ",
    "(i) ",
    "(iv) ",
    "a) ",
    "i. ",
    "Section 3. ",
    "ARTICLE IV ",
    "Clause 7: ",
    "# ",
    "## ",
    "###### ",
    "- ",
    "* ",
    "",
)
SEPARATORS = ("\n", "\n\n", " ", "\r\n", "\r\n\r\n", "\n\n\n", "\t", "\f", "\u2028", "")
QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb")

# Random text, steered to characters that matter: digits, brackets, quotes, dashes, spaces.
noise = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from("0123456789.()[]#*_-\"'` \n\t" + "".join(QUOTES) + "\u2014\u00a0\u200b"),
    ),
    max_size=200,
)


@st.composite
def license_like(draw: st.DrawFn) -> str:
    """A random mix of numbered fragments, headings, quotes, noise and line breaks."""
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        piece = draw(
            st.one_of(
                st.tuples(st.sampled_from(NUMBERING), st.sampled_from(FRAGMENTS)).map("".join),
                st.sampled_from(FRAGMENTS),
                st.sampled_from(QUOTES),
                noise,
            )
        )
        parts.append(piece + draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


any_text = st.one_of(license_like(), noise, st.text(max_size=400))
suffixes = st.sampled_from(("", ".txt", ".md", ".html"))


def _analysed(text: str, suffix: str = "") -> Analysis | None:
    """The analysis of a text, or None when it is refused with a LicensecmpError."""
    try:
        return analyze_bytes(text.encode("utf-8"), "<prop>", suffix=suffix)
    except LicensecmpError:
        return None


def _walk(clauses: tuple[Clause, ...]) -> Iterator[Clause]:
    for clause in clauses:
        yield from clause.walk()


def _check_tree(clauses: tuple[Clause, ...], lo: int, hi: int) -> None:
    """Each level: spans inside the parent, non-empty, in order and not overlapping."""
    previous_end = lo
    for clause in clauses:
        assert lo <= clause.start < clause.end <= hi, (clause.ref, clause.start, clause.end)
        assert clause.start >= previous_end, f"{clause.ref} overlaps the clause before it"
        previous_end = clause.end
        _check_tree(clause.children, clause.start, clause.end)


# --- the normaliser ---------------------------------------------------------------------------


@SOME
@given(any_text, suffixes)
def test_reading_any_text_gives_a_normal_form_or_an_input_error(text: str, suffix: str) -> None:
    try:
        doc = to_document(text.encode("utf-8"), "<prop>", suffix=suffix)
    except InputError:
        return
    again = to_document(text.encode("utf-8"), "<prop>", suffix=suffix)
    assert doc == again
    assert doc.text.strip(), "a document is never empty"
    assert "\r" not in doc.text and "\t" not in doc.text
    for block in doc.text.split("\n\n"):
        assert block and "\n" not in block and block == block.strip(), repr(block)


@SOME
@given(any_text)
def test_normalise_never_fails_and_is_deterministic(text: str) -> None:
    assert normalise(text) == normalise(text)


@FEW
@given(st.binary(max_size=300), suffixes)
def test_any_bytes_read_or_are_refused_with_one_line(data: bytes, suffix: str) -> None:
    try:
        to_document(data, "<bytes>", suffix=suffix)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("<bytes>: ")


# --- the clause splitter ------------------------------------------------------------------------


@SOME
@given(license_like())
def test_clause_tree_spans_are_inside_the_text_nested_and_ordered(text: str) -> None:
    normal = normalise(text)
    clauses = split_clauses(normal)
    _check_tree(clauses, 0, len(normal))
    assert clauses == split_clauses(normal)
    for clause in _walk(clauses):
        assert clause.ref, "every clause has a ref"
        assert normal[clause.start : clause.end].strip()


# --- the flag rules -------------------------------------------------------------------------------


@SOME
@given(license_like(), suffixes)
def test_flags_carry_their_evidence_at_their_offsets(text: str, suffix: str) -> None:
    analysis = _analysed(text, suffix)
    if analysis is None:
        return
    _check_tree(analysis.clauses, 0, len(analysis.text))
    refs = {c.ref for c in _walk(analysis.clauses)}
    for flag in analysis.flags:
        assert 0 <= flag.start < flag.end <= len(analysis.text), flag
        assert flag.evidence == analysis.text[flag.start : flag.end]
        assert flag.clause == "" or flag.clause in refs
        held = innermost(analysis.clauses, flag.start)
        assert flag.clause == (held.ref if held else "")
    ids = [f.id for f in analysis.flags]
    assert len(ids) == len(set(ids)), "one flag per id"
    assert analysis == _analysed(text, suffix)


# --- identification -----------------------------------------------------------------------------


def _check_spans(text: str, spans: tuple[tuple[int, int], ...]) -> None:
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text), (start, end, len(text))
        previous = end


@FEW
@given(license_like())
def test_identification_is_deterministic_and_its_spans_are_in_the_text(text: str) -> None:
    from licensecmp import identify

    normal = normalise(text)
    best = identify.best_match(normal)
    assert best == identify.best_match(normal)
    if best is not None:
        assert 0.0 <= best.similarity <= 1.0
        _check_spans(normal, identify.added_spans(normal, best.key))
    found = identify.nearest_osi(normal)
    assert found == identify.nearest_osi(normal)
    if found is not None:
        assert found[0].osi_approved
        _check_spans(normal, found[1])
    _check_spans(normal, identify.added_spans(normal, "mit"))


# --- the renderers --------------------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable("table")


@contextmanager
def _files(texts: list[str], suffix: str) -> Iterator[list[str]]:
    """The texts written to files in a temporary directory, with the paths."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for n, text in enumerate(texts):
            path = Path(tmp) / f"license{n}{suffix or '.txt'}"
            path.write_text(text, encoding="utf-8", newline="")
            paths.append(str(path))
        yield paths


def _sources(texts: list[str], suffix: str) -> list[Analysis] | None:
    """Full analyses (with identification) of texts written to files; None when refused."""
    with _files(texts, suffix) as paths:
        try:
            return [analyze_source(p) for p in paths]
        except LicensecmpError:
            return None


def _twice(make: Callable[[], str]) -> str:
    first = make()
    assert first == make(), "the same input must render to the same output"
    return first


def _check_passages(analysis: Analysis) -> None:
    for found in (analysis.identified, analysis.nearest_osi):
        if found is None:
            continue
        _check_spans(analysis.text, tuple((p.start, p.end) for p in found.added))
        for passage in found.added:
            assert passage.text == analysis.text[passage.start : passage.end]


@FEW
@given(st.lists(license_like(), min_size=1, max_size=2), suffixes)
def test_analysis_renderers_round_trip(texts: list[str], suffix: str) -> None:
    from licensecmp.render import json as render_json
    from licensecmp.render import markdown, text

    analyses = _sources(texts, suffix)
    if analyses is None:
        return
    for analysis in analyses:
        _check_passages(analysis)
    data = json.loads(_twice(lambda: render_json.render(analyses)))
    items: list[dict[str, Any]] = data if isinstance(data, list) else [data]
    assert len(items) == len(analyses)
    for item, analysis in zip(items, analyses, strict=True):
        for flag in item["flags"]:
            assert analysis.text[flag["start"] : flag["end"]] == flag["evidence"]
        for clause in item["clauses"]:
            assert 0 <= clause["start"] < clause["end"] <= len(analysis.text)
    assert _twice(lambda: text.render(analyses, clauses=True))
    MD.parse(_twice(lambda: markdown.render(analyses, clauses=True)))


@FEW
@given(st.lists(license_like(), min_size=1, max_size=2), suffixes)
def test_reports_round_trip(texts: list[str], suffix: str) -> None:
    from licensecmp.render import report as render_report
    from licensecmp.render import report_json
    from licensecmp.report import build

    analyses = _sources(texts, suffix)
    if analyses is None:
        return
    built = build(analyses, load_knowledge())
    assert built == build(analyses, load_knowledge())
    document = _twice(lambda: render_report.render(built, date="2026-01-01"))
    tokens = MD.parse(document)
    assert any(t.type == "heading_open" for t in tokens)
    json.loads(_twice(lambda: report_json.render(built)))


@FEW
@given(license_like(), st.one_of(license_like(), st.sampled_from(("mit", "llama-3.1"))))
def test_comparisons_round_trip(left: str, right: str) -> None:
    from licensecmp.compare import compare
    from licensecmp.render import compare as render_compare

    kb = load_knowledge()
    analyses = _sources([left], "")
    if analyses is None:
        return
    if right in ("mit", "llama-3.1"):
        other = analyze_source(right)
    else:
        more = _sources([right], "")
        if more is None:
            return
        other = more[0]
    comparison = compare(analyses[0], other, kb)
    for words in (False, True):
        assert _twice(partial(render_compare.render_text, comparison, words=words))
        MD.parse(_twice(partial(render_compare.render_markdown, comparison, words=words)))
    json.loads(_twice(lambda: render_compare.render_json(comparison)))


@FEW
@given(st.lists(license_like(), min_size=1, max_size=2), suffixes)
def test_check_outputs_round_trip(texts: list[str], suffix: str) -> None:
    from licensecmp.gate import run
    from licensecmp.policy import load_policy
    from licensecmp.render import check, check_json, junit, sarif

    policy = load_policy(None)
    with _files(texts, suffix) as paths:
        try:
            gate = run(paths, policy, today=dt.date(2026, 1, 1))
        except LicensecmpError:
            return
        assert len(gate.judged) == len(paths)
        for judged in gate.judged:
            assert len(judged.locations) == len(judged.verdict.reasons)
            for where in judged.locations:
                assert where is None or (where.line >= 1 and where.column >= 1)
        assert _twice(partial(check.render_text, gate))
        MD.parse(_twice(partial(check.render_summary, gate)))
        data = json.loads(_twice(partial(check_json.render, gate)))
        assert data["passed"] is gate.passed
        log = json.loads(_twice(partial(sarif.render, gate)))
        assert log["version"] == "2.1.0"
        root = ET.fromstring(_twice(partial(junit.render, gate)).encode("utf-8"))
        assert root.tag == "testsuites"
        assert len(root.findall("./testsuite/testcase")) == len(paths)
