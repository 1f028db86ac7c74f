"""Identification: naming a license from its text, and what a text adds to a license.

Unit tests build a small index from texts written for these tests. Corpus tests read
the ScanCode LicenseDB texts at test time (`make corpus`); nothing of them is copied here.
"""

from __future__ import annotations

import json
import re
import textwrap
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from licensecmp.errors import LicensecmpError
from licensecmp.identify import (
    DATA_PATH,
    MAGIC,
    MATCH_THRESHOLD,
    LicenseIndex,
    added_spans,
    best_match,
    encode_index,
    identify,
    load_index,
    nearest_osi,
    shingles,
    winnow,
    words_of,
)
from licensecmp.index_build import build, index_entry
from licensecmp.text import normalise, to_document
from tests.conftest import CORPUS, corpus_index, corpus_text

# --- texts of our own ------------------------------------------------------------------------

ORCHARD = """Orchard Weights Terms, edition 2

1. You may run, study and adapt the orchard weights on any number of machines, and hand
copies to others, as long as each copy travels with these terms and the list of people
who trained it.

2. If you change the weights, write down in a changes file what you altered and when, so
that a later reader can tell your version from ours.

3. The people who trained the weights give them as they are. They promise nothing about
fitness for a task, and they answer for no loss that comes from using them, whatever the
legal ground of the claim.

4. These terms end for anyone who sues a contributor over the weights; copies handed on
before that day keep their terms.
"""

EXTRA_CLAUSE = (
    "5. A service that answers more than ten thousand people a day with these weights must "
    "name the orchard project on its help page and in every reply header it sends."
)
ORCHARD_PLUS = ORCHARD + "\n" + EXTRA_CLAUSE + "\n"

HARBOUR = """Harbour Data Agreement

The harbour tables are lent for reading only. Nobody may sell them, lease them or fold
them into a product that is offered for money. Each reader keeps a log of the questions
the tables answered and sends that log to the harbour office at the close of every
quarter. The office may end the loan at any moment by writing to the reader, who then
deletes every copy within seven days.
"""

GARDEN = """Our team keeps a small garden behind the office. Every spring we plant tomatoes,
basil and a row of sunflowers, and whoever arrives first on Monday waters the beds. The
harvest goes into a shared lunch at the end of summer, where each person brings one dish
made from something grown there, and the best recipe is pinned to the kitchen wall."""

DISPLAY_DUTY = (
    "Any product that ships this software to more than 250,000 monthly users must show "
    'the words "Built with Example Kit" on its start screen and in its about dialog.'
)

LLAMA_CLAUSE = (
    "Before any public release of a model built on these materials, the releasing party "
    "shall publish a plain summary of the data sets used for its fine-tuning and keep "
    "that summary online for at least two years."
)

README_HEAD = (
    "---\nlicense: other\nlicense_name: custom-terms\ntags:\n- text-generation\n---\n\n"
    "# Sample model\n\nThis card describes a small model our team trained for testing. "
    "Read the terms below before you use it.\n\n"
)
README_TAIL = "\n\nQuestions about these weights go to the maintainers listed in the repository.\n"

MODEL_KEYS = (
    "llama-license-2023 llama-2-license-2023 llama-3.1-license-2024 llama-3.2-license-2024 "
    "llama-3.3-license-2024 llama-4-cla-2025 llama-4-license-2025 gemma-tou-2024-04-01 "
    "gemma-tou-2025-03-24 gemma-pup-2024-02-21 qwen-2024 tongyi-qianwen-2023 deepseek-la-1.0 "
    "falcon-2-11b-1.0 bigscience-open-rail-m bigscience-open-rail-m2 bigscience-rail-1.0 "
    "bigcode-open-rail-m-v1 stability-ai-community-2024 stability-ai-nc-2023-12-06 "
    "nvidia-open-model-2025-04-28 exaone-ai-model-1.1-nc hyperclova-x-seed-2025 "
    "openatom-model-1.0 playground-v2-community fair-ai-public-1.0 fair-ai-public-1.0-sd "
    "moonshot-ai-modified-mit-2025 open-weights-permissive-1.0.0 responsible-ai-source-1.0 "
    "responsible-ai-source-1.1 tencent-hunyuan-3d-2.0-cla bilibili-model-ula-2025-09-09 "
    "chameleon-research-2024 c-uda-1.0 o-uda-1.0 cdla-permissive-2.0 cdla-sharing-1.0 "
    "apple-ml-ferret-2023 openmdw-1.0 cc-by-nc-4.0 cc-by-nc-sa-4.0 cc-by-nd-4.0 cc-by-4.0 "
    "cc-by-sa-4.0 elastic-license-v2 mongodb-sspl-1.0 commons-clause "
    "polyform-noncommercial-1.0.0 polyform-internal-use-1.0.0"
).split()


def small_index(tmp_path: Path) -> LicenseIndex:
    """An index of the three texts above, written and loaded like the real one."""
    rows = [
        ("orchard", ORCHARD, True),
        ("orchard-plus", ORCHARD_PLUS, False),
        ("harbour", HARBOUR, False),
    ]
    entries, prints = [], []
    for key, text, osi in rows:
        row = {"key": key, "name": key.title(), "spdx_license_key": None, "osi_approved": osi}
        found = index_entry(row, normalise(text))
        assert found is not None
        entries.append(found[0])
        prints.append(found[1])
    path = tmp_path / "small.bin"
    path.write_bytes(encode_index(entries, prints))
    return load_index(path)


def rewrap(text: str, width: int) -> str:
    """Every paragraph refilled to `width` columns."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paragraphs)


def in_readme(text: str) -> str:
    return README_HEAD + text + README_TAIL


def readme_text(text: str) -> str:
    """The normal form of `text` inside a model card."""
    return to_document(in_readme(text).encode("utf-8"), "README.md", suffix=".md").text


# --- unit tests on the small index -------------------------------------------------------------


@pytest.mark.parametrize("key", ["orchard", "orchard-plus", "harbour"])
def test_each_text_is_itself_with_score_one(tmp_path: Path, key: str) -> None:
    index = small_index(tmp_path)
    text = {"orchard": ORCHARD, "orchard-plus": ORCHARD_PLUS, "harbour": HARBOUR}[key]
    found = identify(normalise(text), index=index)
    assert found[0].key == key
    assert found[0].similarity == 1.0
    # a license found whole inside a longer one scores 1.0 too, ranked after it
    whole = {"orchard"} if key == "orchard-plus" else set()
    assert all(c.similarity < 1.0 for c in found[1:] if c.key not in whole)


@pytest.mark.parametrize(
    "perturb",
    [
        lambda t: normalise(rewrap(t, 40)),
        lambda t: normalise(t.replace("'", "\u2019").replace('"', "\u201c")),
        lambda t: normalise("Copyright 2031 Someone Else\n\n" + t),
        readme_text,
    ],
    ids=["rewrapped", "curly-quotes", "copyright-line", "model-card"],
)
def test_perturbed_text_is_still_named(tmp_path: Path, perturb: Callable[[str], str]) -> None:
    index = small_index(tmp_path)
    assert [c.key for c in identify(perturb(ORCHARD), index=index)][:2] == [
        "orchard",
        "orchard-plus",
    ]
    assert identify(perturb(ORCHARD_PLUS), index=index)[0].key == "orchard-plus"
    assert identify(perturb(HARBOUR), index=index)[0].key == "harbour"


def test_superset_and_subset_are_told_apart(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    bare, plus = identify(normalise(ORCHARD), index=index)[:2]
    assert (bare.key, bare.similarity) == ("orchard", 1.0)
    assert plus.key == "orchard-plus" and plus.similarity < 0.95
    first, second = identify(normalise(ORCHARD_PLUS), index=index)[:2]
    assert (first.key, first.similarity) == ("orchard-plus", 1.0)
    assert second.key == "orchard"


@pytest.mark.parametrize("where", [0, 7, 20, 41, 63, 90])
def test_one_word_changes_the_fingerprints(where: int) -> None:
    """Winnowing over 4 of the 5-grams: no one-word edit hides between fingerprints."""
    words = words_of(normalise(ORCHARD))
    reference = winnow(shingles(words))
    replaced = [*words[:where], "zebra", *words[where + 1 :]]
    inserted = [*words[:where], "zebra", *words[where:]]
    deleted = [*words[:where], *words[where + 1 :]]
    for edited in (replaced, inserted, deleted):
        assert reference - winnow(shingles(edited)), edited[max(0, where - 3) : where + 3]


@pytest.mark.parametrize(
    ("compose", "expected"),
    [
        (lambda: ORCHARD + "\n" + EXTRA_CLAUSE + "\n", EXTRA_CLAUSE),
        (lambda: ORCHARD.replace("\n4. ", "\n" + EXTRA_CLAUSE + "\n\n4. "), EXTRA_CLAUSE),
        (lambda: EXTRA_CLAUSE + "\n\n" + ORCHARD, EXTRA_CLAUSE),
    ],
    ids=["end", "middle", "start"],
)
def test_added_spans_cover_exactly_the_added_paragraph(
    tmp_path: Path, compose: Callable[[], str], expected: str
) -> None:
    index = small_index(tmp_path)
    text = normalise(compose())
    start = text.index(expected)
    assert added_spans(text, "orchard", index=index) == ((start, start + len(expected)),)
    assert added_spans(normalise(ORCHARD), "orchard", index=index) == ()


def test_added_spans_ignore_a_changed_word(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    text = normalise(ORCHARD.replace("fitness for a task", "fitness for a purpose"))
    assert added_spans(text, "orchard", index=index) == ()


def test_nearest_osi_skips_licenses_that_are_not_approved(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    text = normalise(ORCHARD_PLUS)
    found = nearest_osi(text, index=index)
    assert found is not None
    candidate, spans = found
    assert candidate.key == "orchard" and candidate.osi_approved
    start = text.index(EXTRA_CLAUSE)
    assert spans == ((start, start + len(EXTRA_CLAUSE)),)
    assert nearest_osi(normalise(HARBOUR), index=index) is None


@pytest.mark.parametrize("text", [GARDEN, "Thank you for reading.", ""])
def test_text_of_our_own_is_not_a_license(tmp_path: Path, text: str) -> None:
    index = small_index(tmp_path)
    assert best_match(normalise(text), index=index) is None
    assert nearest_osi(normalise(text), index=index) is None


def test_a_fragment_scores_below_the_threshold(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    fragment = normalise(ORCHARD).split("\n\n")[2]  # one clause of four
    found = identify(fragment, index=index)
    assert found[0].key in ("orchard", "orchard-plus")
    assert found[0].similarity < MATCH_THRESHOLD
    assert best_match(fragment, index=index) is None


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LicensecmpError, match="unknown license key 'nope'"):
        added_spans("some text", "nope", index=small_index(tmp_path))


def test_scores_are_deterministic(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    text = readme_text(ORCHARD_PLUS)
    first = identify(text, index=index)
    copy = tmp_path / "copy.bin"
    copy.write_bytes(index.path.read_bytes())
    assert identify(text, index=index) == first
    assert identify(text, index=load_index(copy)) == first
    assert all(c.similarity == round(c.similarity, 4) for c in first)


def test_load_is_cached_per_path(tmp_path: Path) -> None:
    index = small_index(tmp_path)
    assert load_index(index.path) is index


def _truncated(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _flipped(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1 :]


def _bad_metadata(raw: bytes) -> bytes:
    meta = json.dumps({"format": 1}).encode()
    packed = zlib.compress(meta)
    return MAGIC + len(packed).to_bytes(4, "little") + packed


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: b"PK\x03\x04 not our file",
        _truncated,
        _flipped,
        _bad_metadata,
        lambda raw: raw + b"extra",
    ],
    ids=["empty", "foreign", "truncated", "flipped-byte", "bad-metadata", "trailing"],
)
def test_corrupt_data_file_is_a_clear_error(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    raw = small_index(tmp_path).path.read_bytes()
    path = tmp_path / "damaged.bin"
    path.write_bytes(damage(raw))
    with pytest.raises(LicensecmpError, match=r"damaged\.bin: .*corrupt.*make licenses-index"):
        load_index(path)


def test_missing_data_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LicensecmpError, match=r"absent\.bin: .*missing.*make licenses-index"):
        load_index(tmp_path / "absent.bin")


# --- the committed data file and the real corpus -----------------------------------------------


def corpus_document(key: str, transform: Callable[[str], str] = str, suffix: str = "") -> str:
    raw = corpus_text(key).decode("utf-8")
    return to_document(transform(raw).encode("utf-8"), key, suffix=suffix).text


def same_text(a: str, b: str) -> bool:
    """Texts identical after normalisation cannot be told apart: either answer is right."""
    index = load_index()
    return index.entries[index.by_key[a]].exact == index.entries[index.by_key[b]].exact


# a copyright notice line: "Copyright (c) 2019 Someone", not a paragraph that mentions one
_COPYRIGHT = re.compile(r"^[ \t]*(?:copyright\b|\(c\)|\u00a9)[^\n]{0,100}$", re.I | re.M)
_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _new_copyright(raw: str) -> str:
    line = "Copyright (c) 2031 Example Holder Org"
    found = _COPYRIGHT.search(raw)
    if found is None:
        return line + "\n\n" + raw
    return raw[: found.start()] + line + raw[found.end() :]


VARIANTS: dict[str, tuple[Callable[[str], str], str]] = {
    "exact": (str, ""),
    "rewrapped-60": (lambda raw: rewrap(raw, 60), ""),
    "model-card": (in_readme, ".md"),
    "straight-quotes": (lambda raw: raw.translate(_CURLY), ""),
    "copyright-changed": (_new_copyright, ""),
}


def _osi_keys() -> list[str]:
    return sorted(str(row["key"]) for row in corpus_index() if row["osi_approved"])


@pytest.mark.corpus
@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("which", ["model", "osi"])
def test_top1_accuracy_on_real_texts(which: str, variant: str) -> None:
    keys = list(MODEL_KEYS) if which == "model" else _osi_keys()
    transform, suffix = VARIANTS[variant]
    misses = []
    for key in keys:
        found = identify(corpus_document(key, transform, suffix), limit=1)
        if not found or not same_text(found[0].key, key):
            misses.append((key, found[0].key if found else None))
    accuracy = 1 - len(misses) / len(keys)
    assert accuracy >= 0.99, f"{which}/{variant}: top-1 {accuracy:.2%}, misses {misses}"


@pytest.mark.corpus
def test_every_corpus_text_is_itself() -> None:
    """Every reference scores 1.0 against its own text (askalono's store sanity check)."""
    index = load_index()
    assert len(index.entries) >= 2590
    wrong = []
    for entry in index.entries:
        found = identify(corpus_document(entry.key), limit=1)
        if not found or found[0].similarity != 1.0 or not same_text(found[0].key, entry.key):
            wrong.append(entry.key)
    assert wrong == []


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("key", "twin", "twin_whole"),
    [
        ("mit", "mit-0", False),
        ("mit-0", "mit", False),
        ("bsd-new", "bsd-simplified", False),
        ("bsd-simplified", "bsd-new", False),
        ("llama-3.1-license-2024", "llama-3.2-license-2024", False),
        ("llama-3.2-license-2024", "llama-3.3-license-2024", False),
        ("llama-3.3-license-2024", "llama-3.1-license-2024", False),
        ("gpl-2.0", "gpl-2.0-plus", False),
        # GPL-2.0 is found whole inside the or-later text (notice + license): it scores as
        # high there, and ranks second because it explains less of the text
        ("gpl-2.0-plus", "gpl-2.0", True),
    ],
)
def test_near_twins_are_told_apart(key: str, twin: str, twin_whole: bool) -> None:
    assert not same_text(key, twin)
    for text in (corpus_document(key), corpus_document(key, in_readme, ".md")):
        found = identify(text, limit=10)
        assert found[0].key == key, found[:3]
        scores = {c.key: c.similarity for c in found}
        assert twin in scores
        if twin_whole:
            assert scores[twin] <= found[0].similarity
        else:
            assert scores[twin] < found[0].similarity


@pytest.mark.corpus
@pytest.mark.parametrize("where", ["end", "middle"])
def test_mit_with_a_display_duty(where: str) -> None:
    raw = corpus_text("mit").decode("utf-8").strip()
    if where == "end":
        composed = raw + "\n\n" + DISPLAY_DUTY + "\n"
    else:
        first, rest = raw.split("\n\n", 1)
        composed = first + "\n\n" + DISPLAY_DUTY + "\n\n" + rest
    text = to_document(composed.encode("utf-8"), "LICENSE").text
    start = text.index(DISPLAY_DUTY)
    expected = ((start, start + len(DISPLAY_DUTY)),)
    match = best_match(text)
    if where == "end":
        assert match is not None and match.key == "mit"
    else:
        # inside a short license the paragraph costs the junction's fingerprints and
        # purity: MIT stays the closest, below MATCH_THRESHOLD, and is not identified
        closest = identify(text, limit=1)[0]
        assert closest.key == "mit" and closest.similarity < MATCH_THRESHOLD
        assert match is None
    nearest = nearest_osi(text)
    assert nearest is not None
    assert nearest[0].key == "mit"
    assert nearest[1] == expected
    assert added_spans(text, "mit") == expected


@pytest.mark.corpus
def test_llama_with_a_clause_of_our_own() -> None:
    raw = corpus_text("llama-3.1-license-2024").decode("utf-8")
    head, tail = raw.split("\n\n", 1)
    text = to_document((head + "\n\n" + LLAMA_CLAUSE + "\n\n" + tail).encode(), "LICENSE").text
    match = best_match(text)
    assert match is not None and match.key == "llama-3.1-license-2024"
    assert 0.9 < match.similarity < 1.0
    start = text.index(LLAMA_CLAUSE)
    assert added_spans(text, match.key) == ((start, start + len(LLAMA_CLAUSE)),)
    nearest = nearest_osi(text)
    assert nearest is None or not nearest[0].key.startswith("llama")


@pytest.mark.corpus
@pytest.mark.parametrize("text", [GARDEN, readme_text(GARDEN)], ids=["plain", "model-card"])
def test_text_of_our_own_matches_no_real_license(text: str) -> None:
    assert best_match(text) is None
    assert nearest_osi(text) is None


def _corpus_words() -> set[bytes]:
    words: set[bytes] = set()
    for key in [*MODEL_KEYS, *_osi_keys()]:
        words.update(re.findall(rb"[a-z]{8,}", corpus_text(key).lower()))
    return words


def _data_sections() -> list[bytes]:
    raw = DATA_PATH.read_bytes()
    sections, pos = [], len(MAGIC)
    while pos < len(raw):
        size = int.from_bytes(raw[pos : pos + 4], "little")
        sections.append(zlib.decompress(raw[pos + 4 : pos + 4 + size]))
        pos += 4 + size
    return sections


@pytest.mark.corpus
def test_data_file_holds_no_license_text() -> None:
    words = _corpus_words()
    assert len(words) > 2000
    raw = DATA_PATH.read_bytes()
    meta, *binary = _data_sections()
    for blob in (raw[len(MAGIC) :], *binary):
        assert not words & set(re.findall(rb"[a-z]{8,}", blob.lower()))
    # the metadata holds names and ids only: every long word in it comes from those fields
    document = json.loads(meta)
    rows = document["licenses"]
    assert all(re.fullmatch(r"[0-9a-f]{32}", row[7]) for row in rows)  # the exact hash
    without_hashes = json.dumps({**document, "licenses": [row[:7] for row in rows]})
    labels = [*document, *document["fields"]]
    allowed = {
        word
        for value in [*labels, *(field for row in rows for field in row[:5])]
        for word in re.findall(r"[a-z]{8,}", str(value).lower())
    }
    assert set(re.findall(r"[a-z]{8,}", without_hashes.lower())) <= allowed


@pytest.mark.corpus
def test_committed_data_is_built_from_the_corpus(tmp_path: Path) -> None:
    out = tmp_path / "identify.bin"
    count, size = build(CORPUS, out)
    assert count == len(load_index().entries)
    assert out.read_bytes() == DATA_PATH.read_bytes(), "stale data: run `make licenses-index`"
    assert size < 6_000_000
