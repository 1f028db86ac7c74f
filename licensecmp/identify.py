"""Identification: which known license a text is, and what it adds to the nearest OSI license.

No license text is stored. `data/identify.bin` (built by `make licenses-index`, see
`index_build.py`) holds, per ScanCode LicenseDB text, its metadata, a hash of its whole
token sequence and the winnowed fingerprints of its word 5-grams, as an inverted index.

- Tokens are the lower-case `[a-z0-9]+` words of the normal form, so wrapping, quotes,
  dashes and Markdown marks do not matter.
- Exact match first: the BLAKE2b hash of the token sequence.
- Otherwise every word 5-gram of the input is hashed to 32 bits and looked up. A reference
  keeps only its fingerprints (MOSS winnowing): the least hash of every 4 consecutive
  5-grams, plus its first and last 5-gram; about 40% of them. With windows of 4, any
  one-word substitution, insertion or deletion changes a reference's fingerprints, and a
  passage the input shares with a reference is covered by them without holes.

Scores of a reference R on an input T:

- containment: the share of R's fingerprints found among T's 5-grams;
- purity: within the stretch of T that R occupies (the best window of T when each token
  R covers counts +1 and each other token -0.25), the share of tokens R covers;
- similarity = containment x purity, rounded to 4 places. A reference scores 1.0 on its
  own text, and still does inside a model card: the card's prose lies outside the window.
  So do text appended after a complete license (`added_spans` reports it) and a license
  found whole inside a longer one (GPL-2.0 inside its "or later" notice + license).

Candidates are ranked by similarity x sqrt(covered / most covered by any candidate), so
a license that explains more of the input beats a short one whose sentences it contains
(MIT inside a README is MIT, not a one-sentence notice; the "or later" text beats the
bare GPL it embeds). Ranks closer than 0.001 are a tie, decided by, in order: fewer
fingerprints missing from the input, more input covered, more fingerprints found, a
token count closer to the covered stretch. Texts identical after normalisation (26
groups in the corpus, such as `x11` and `slf4j-2005`) cannot be told apart: they score
the same and are ordered OSI-approved first, then SPDX-listed, then by key; either is a
correct answer. The Llama 3.x texts are not such a group: they differ in names, dates and
URLs, and each is identified as itself.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
import struct
import sys
import time
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import chain, pairwise
from pathlib import Path
from typing import Any

from licensecmp.errors import LicensecmpError

DATA_PATH = Path(__file__).resolve().parent / "data" / "identify.bin"
MAGIC = b"licensecmp-identify\n"
FORMAT = 1
NGRAM = 5  # words per shingle
WINDOW = NGRAM - 1  # 5-grams per winnowing window: any one-word edit changes fingerprints
# The one identification threshold: best_match answers None below it, and the policy gate
# (policy.CONFIDENT) judges a text as a known license only from it. Calibrated by
# bench/identify_threshold.py on the 2,526 corpus texts of 30+ words, each perturbed six
# ways (rewrapped, in a model card, quotes and dashes swapped, another copyright line, a
# sentence deleted, all at once), and leave-one-out for other licenses:
#   T     false accept  false reject  texts of 300+ words
#   0.50  59.7%          0.65%        0.13%
#   0.80  32.1%          5.6%         0.22%
#   0.85  26.0%          8.8%         0.93%
#   0.90  19.5%         13.5%         3.8%
# 0.85 is the highest T that still names 99% of the long texts (model licenses) under
# every perturbation; rewrapped, carded and requoted texts are rejected at most 0.1% of
# the time. The false rejects are short notices with a sentence or the copyright line
# changed, and most false accepts left are ScanCode near-twins (a text holding another
# one whole, whose "added" passages then show the difference). A model license sharing
# a few paragraphs with another (ChatGLM3's terms and lumisoft-mail-server, 0.58) is not
# identified; a license with a paragraph of its own before or after it (MIT-0 plus a
# non-commercial clause: 1.0) or inside a long one (Llama 3.1 plus a clause: 0.9+) still
# is, with the paragraph among its added passages. A paragraph inside a short license
# lowers purity (40 words between the two paragraphs of MIT-0: 0.75): that text is only
# named closest, and fails closed.
MATCH_THRESHOLD = 0.85
# nearest_osi answers None below this: the closest OSI license then shares little more
# than a warranty disclaimer, and its "added" passages would be nearly the whole text.
# A text not identified names its closest known license from this similarity up too
# (sources.identify_text), for the reader only.
NEAREST_THRESHOLD = 0.25
MIN_ADDED_WORDS = 8
_GAP_PENALTY = 0.25  # cost of an uncovered token inside the window a reference occupies
_CANDIDATES = 6  # references scored in full, by containment and by matched count each
_TIE = 0.001  # ranks closer than this are a tie, decided by the fingerprints missing
_FIX = "build it with `make licenses-index`"

_WORD = re.compile(r"[A-Za-z0-9]+")
_MASK = (1 << 64) - 1
_BASE = 0x100000001B3  # odd multiplier of the polynomial rolling hash
_BASE_TOP = pow(_BASE, NGRAM - 1, 1 << 64)
_TOKEN_HASHES: dict[str, int] = {}

Interval = tuple[int, int]  # token positions [start, end)


@dataclass(frozen=True)
class Candidate:
    """A known license and how similar the input is to it (0..1, 4 places)."""

    key: str
    name: str
    spdx: str | None
    osi_approved: bool
    similarity: float
    category: str = ""  # ScanCode's category ("Permissive", "Proprietary Free", ...)


@dataclass(frozen=True)
class IndexEntry:
    """One reference text of the index: its metadata and the sizes scoring needs."""

    key: str
    name: str
    spdx: str | None
    osi_approved: bool
    category: str
    tokens: int
    fingerprints: int
    exact: str  # hash of the token sequence


@dataclass(frozen=True, eq=False)
class LicenseIndex:
    """The loaded identification data: entries and the fingerprint inverted index."""

    path: Path
    entries: tuple[IndexEntry, ...]
    # The sorted unique fingerprints, split by their high 16 bits: those starting with b are
    # low[buckets[b]:buckets[b + 1]], their low 16 bits (lists: bisect is fastest on them).
    buckets: list[int]
    low: list[int]
    offsets: array[int]  # postings of fingerprint i are postings[offsets[i]:offsets[i + 1]]
    postings: array[int]  # entry numbers, ascending within each list
    exact: Mapping[str, tuple[int, ...]]
    by_key: Mapping[str, int]
    inverse_sizes: tuple[float, ...]  # 1 / fingerprints, per entry

    def lookup(self, value: int) -> tuple[int, int] | None:
        """The postings range of a fingerprint, or None when no reference has it."""
        high, low = value >> 16, value & 0xFFFF
        hi = self.buckets[high + 1]
        i = bisect_left(self.low, low, self.buckets[high], hi)
        if i < hi and self.low[i] == low:
            return self.offsets[i], self.offsets[i + 1]
        return None


# --- tokens and fingerprints (shared with index_build) -------------------------------------


def words_of(text: str) -> list[str]:
    """The lower-case `[a-z0-9]+` words of a text."""
    return " ".join(_WORD.findall(text)).lower().split() if text else []


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of `words_of`, in the same order."""
    return [match.span() for match in _WORD.finditer(text)]


def exact_hash(words: list[str]) -> str:
    """The hash of a whole token sequence: equal exactly when the words are."""
    return hashlib.blake2b(" ".join(words).encode("ascii"), digest_size=16).hexdigest()


def _token_values(words: list[str]) -> list[int]:
    """A 64-bit hash per word (BLAKE2b, stable across runs and platforms), cached."""
    cache = _TOKEN_HASHES
    missing = set(words).difference(cache)
    if len(cache) + len(missing) > 400_000:  # huge inputs of odd words: bound the memory
        cache.clear()
        missing = set(words)
    for word in missing:
        digest = hashlib.blake2b(word.encode("ascii"), digest_size=8).digest()
        cache[word] = int.from_bytes(digest, "little")
    return list(map(cache.__getitem__, words))


def shingles(words: list[str]) -> list[int]:
    """The 32-bit hash of every word 5-gram, in order (a rolling polynomial hash)."""
    values = _token_values(words)
    if len(values) < NGRAM:
        return []
    h = 0
    for value in values[:NGRAM]:
        h = (h * _BASE + value) & _MASK
    out = [h >> 32]
    for old, new in zip(values, values[NGRAM:], strict=False):
        h = ((h - old * _BASE_TOP) * _BASE + new) & _MASK
        out.append(h >> 32)
    return out


def winnow(hashes: list[int]) -> set[int]:
    """Fingerprints: the least hash of every WINDOW consecutive ones, the first and the last.

    The first and last 5-grams anchor the edges, so a reference covers its whole text.
    """
    if len(hashes) <= WINDOW:
        return set(hashes)
    prints = {min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)}
    prints.update((hashes[0], hashes[-1]))
    return prints


# --- the data file ---------------------------------------------------------------------------


def _array(code: str, data: bytes) -> array[int]:
    values = array(code)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()  # the file is little-endian
    return values


def encode_index(entries: Iterable[Mapping[str, Any]], fingerprints: list[set[int]]) -> bytes:
    """The bytes of the data file: metadata JSON and the inverted index, each compressed."""
    rows = list(entries)
    postings_of: dict[int, list[int]] = {}
    for number, prints in enumerate(fingerprints):
        for value in prints:
            postings_of.setdefault(value, []).append(number)
    hashes = sorted(postings_of)
    buckets = array("I", [bisect_left(hashes, high << 16) for high in range(1 << 16)])
    buckets.append(len(hashes))
    low = array("H", [value & 0xFFFF for value in hashes])
    offsets = array("I", [0])
    postings = array("H")
    for value in hashes:
        postings.extend(postings_of[value])
        offsets.append(len(postings))
    meta = {
        "format": FORMAT,
        "ngram": NGRAM,
        "window": WINDOW,
        "fields": list(IndexEntry.__dataclass_fields__),
        "licenses": [[row[name] for name in IndexEntry.__dataclass_fields__] for row in rows],
    }
    sections = [json.dumps(meta, sort_keys=True, separators=(",", ":")).encode("utf-8")]
    for values in (buckets, low, offsets, postings):
        if sys.byteorder == "big":
            values.byteswap()
        sections.append(values.tobytes())
    out = [MAGIC]
    for section in sections:
        packed = zlib.compress(section, 9)
        out.append(struct.pack("<I", len(packed)))
        out.append(packed)
    return b"".join(out)


def _sections(raw: bytes) -> list[bytes]:
    if not raw.startswith(MAGIC):
        raise ValueError("not an identification data file")
    pos = len(MAGIC)
    out = []
    for _ in range(5):
        (size,) = struct.unpack_from("<I", raw, pos)
        pos += 4
        if pos + size > len(raw):
            raise ValueError("truncated")
        out.append(zlib.decompress(raw[pos : pos + size]))
        pos += size
    if pos != len(raw):
        raise ValueError("trailing bytes")
    return out


def decode_index(raw: bytes, path: Path) -> LicenseIndex:
    """Parse the data file; any inconsistency raises ValueError or a decoding error."""
    meta_bytes, bucket_bytes, low_bytes, offset_bytes, posting_bytes = _sections(raw)
    meta = json.loads(meta_bytes)
    fields = list(IndexEntry.__dataclass_fields__)
    if (meta["format"], meta["ngram"], meta["window"], meta["fields"]) != (
        FORMAT,
        NGRAM,
        WINDOW,
        fields,
    ):
        raise ValueError("built by another version of licensecmp")
    entries = tuple(IndexEntry(*row) for row in meta["licenses"])
    if any(entry.fingerprints <= 0 for entry in entries):
        raise ValueError("a license without fingerprints")
    buckets = _array("I", bucket_bytes)
    low = _array("H", low_bytes)
    offsets = _array("I", offset_bytes)
    postings = _array("H", posting_bytes)
    if (
        len(buckets) != (1 << 16) + 1
        or buckets[-1] != len(low)
        or len(offsets) != len(low) + 1
        or offsets[-1] != len(postings)
    ):
        raise ValueError("inconsistent section sizes")
    # entry numbers are little-endian uint16: bound their high bytes (max() is too slow)
    high = posting_bytes[1::2]
    if len(high.translate(None, bytes(range(((len(entries) - 1) >> 8) + 1, 256)))) != len(high):
        raise ValueError("postings name unknown licenses")
    exact: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        exact.setdefault(entry.exact, []).append(number)
    return LicenseIndex(
        path=path,
        entries=entries,
        buckets=buckets.tolist(),
        low=low.tolist(),
        offsets=offsets,
        postings=postings,
        exact={digest: tuple(numbers) for digest, numbers in exact.items()},
        by_key={entry.key: number for number, entry in enumerate(entries)},
        inverse_sizes=tuple(1 / entry.fingerprints for entry in entries),
    )


_LOADED: dict[Path, LicenseIndex] = {}
_HEADERS: dict[Path, dict[str, dict[str, Any]]] = {}
_CATEGORIES: dict[Path, dict[str, str]] = {}
# The metadata fields of an indexed license (the IndexEntry fields that are not sizes).
HEADER_FIELDS = ("key", "name", "spdx", "osi_approved", "category")


def header(path: Path | None = None) -> Mapping[str, Mapping[str, Any]]:
    """The metadata of every indexed ScanCode key (HEADER_FIELDS), read from the data
    file's first section alone (a few ms): licenses known without their text need it,
    not the whole index."""
    path = (path or DATA_PATH).resolve()
    found = _HEADERS.get(path)
    if found is not None:
        return found
    index = _LOADED.get(path)
    if index is not None:
        rows = [[getattr(entry, name) for name in HEADER_FIELDS] for entry in index.entries]
        fields: list[str] = list(HEADER_FIELDS)
    else:
        try:
            with path.open("rb") as stream:
                head = stream.read(len(MAGIC) + 4)
                if not head.startswith(MAGIC) or len(head) != len(MAGIC) + 4:
                    raise ValueError("not an identification data file")
                (size,) = struct.unpack_from("<I", head, len(MAGIC))
                meta = json.loads(zlib.decompress(stream.read(size)))
            rows, fields = meta["licenses"], meta["fields"]
        except OSError:
            raise LicensecmpError(f"{path}: identification data is missing; {_FIX}") from None
        except _CORRUPT as exc:
            raise _corrupt(path, exc) from None
    try:
        at = {name: fields.index(name) for name in HEADER_FIELDS}
        found = {str(row[0]): {name: row[i] for name, i in at.items()} for row in rows}
    except _CORRUPT as exc:
        raise _corrupt(path, exc) from None
    _HEADERS[path] = found
    return found


def categories(path: Path | None = None) -> Mapping[str, str]:
    """ScanCode's category of every indexed key, read from the data file's metadata alone
    (a few ms: known licenses without text need it, not the whole index)."""
    path = (path or DATA_PATH).resolve()
    found = _CATEGORIES.get(path)
    if found is None:
        found = {key: str(row["category"]) for key, row in header(path).items()}
        _CATEGORIES[path] = found
    return found


# What reading a damaged identification data file raises.
_CORRUPT = (ValueError, KeyError, TypeError, IndexError, struct.error, zlib.error)


def _corrupt(path: Path, exc: Exception) -> LicensecmpError:
    return LicensecmpError(f"{path}: identification data is corrupt ({exc}); re{_FIX[1:]}")


def load_index(path: Path | None = None) -> LicenseIndex:
    """Load the identification data once (lazily, on first use) and cache it per path."""
    path = (path or DATA_PATH).resolve()
    index = _LOADED.get(path)
    if index is not None:
        return index
    try:
        raw = path.read_bytes()
    except OSError:
        raise LicensecmpError(f"{path}: identification data is missing; {_FIX}") from None
    try:
        index = decode_index(raw, path)
    except _CORRUPT as exc:
        raise _corrupt(path, exc) from None
    _LOADED[path] = index
    return index


# --- matching --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scan:
    """An input read for matching: its 5-grams, where they are and their postings."""

    positions: dict[int, list[int]]  # 5-gram hash -> where it starts in the input
    postings: dict[int, tuple[int, int]]  # 5-gram hash -> postings range (known ones only)
    sample: list[int]  # the input's own winnowed fingerprints that the index knows


@dataclass(frozen=True)
class _Score:
    number: int
    similarity: float
    covered: int  # input tokens the reference covers inside its window
    missing: int  # fingerprints of the reference the input lacks
    exact: bool = False
    rank: float = 0.0


def _scan(index: LicenseIndex, words: list[str]) -> _Scan:
    """Look up every 5-gram of the input.

    Finding candidates needs only the input's own winnowed fingerprints (`sample`):
    inside a passage shared with a reference both sides winnow alike. Scoring and the
    offsets of added passages use every 5-gram.
    """
    hashes = shingles(words)
    positions: dict[int, list[int]] = {}
    for pos, value in enumerate(hashes):
        positions.setdefault(value, []).append(pos)
    postings: dict[int, tuple[int, int]] = {}
    buckets, low, offsets = index.buckets, index.low, index.offsets
    for value in positions:  # LicenseIndex.lookup, inlined: the hot loop of identification
        high, small = value >> 16, value & 0xFFFF
        hi = buckets[high + 1]
        i = bisect_left(low, small, buckets[high], hi)
        if i < hi and low[i] == small:
            postings[value] = (offsets[i], offsets[i + 1])
    sample = [value for value in winnow(hashes) if value in postings]
    return _Scan(positions, postings, sample)


def _covered(
    scan: _Scan, index: LicenseIndex, numbers: Iterable[int]
) -> dict[int, tuple[int, list[Interval]]]:
    """Per reference: how many of its fingerprints the input has, and the token intervals
    of the input they cover, merged."""
    wanted = set(numbers)
    postings = index.postings
    matched = dict.fromkeys(wanted, 0)
    starts_of: dict[int, list[int]] = {n: [] for n in wanted}
    common = 64 * len(wanted)
    for value, (lo, hi) in scan.postings.items():
        if hi - lo > common:  # a common phrase: search the few references in it
            found: Iterable[int] = [n for n in wanted if _holds(postings, lo, hi, n)]
        else:
            found = wanted.intersection(postings[lo:hi])
        for number in found:
            matched[number] += 1
            starts_of[number] += scan.positions[value]
    out: dict[int, tuple[int, list[Interval]]] = {}
    for number, starts in starts_of.items():
        starts.sort()
        # 5-grams starting at most NGRAM apart cover one unbroken interval
        cuts = [i for i, (a, b) in enumerate(pairwise(starts), 1) if b - a > NGRAM]
        bounds = [0, *cuts, len(starts)] if starts else []
        intervals = [(starts[a], starts[b - 1] + NGRAM) for a, b in pairwise(bounds)]
        out[number] = (matched[number], intervals)
    return out


def _holds(postings: array[int], lo: int, hi: int, number: int) -> bool:
    i = bisect_left(postings, number, lo, hi)
    return i < hi and postings[i] == number


def _window(intervals: list[Interval]) -> tuple[int, int, int]:
    """The best stretch (start, end, covered tokens) of covered intervals (Kadane)."""
    best = (0, 0, 0)
    best_gain = -1.0
    cur_start = cur_cov = 0
    gain = -1.0
    previous_end = 0
    for start, end in intervals:
        length = end - start
        extended = gain - _GAP_PENALTY * (start - previous_end) + length
        if gain < 0 or extended < length:
            cur_start, cur_cov, gain = start, length, float(length)
        else:
            cur_cov, gain = cur_cov + length, extended
        if gain > best_gain:
            best_gain, best = gain, (cur_start, end, cur_cov)
        previous_end = end
    return best


def _score(index: LicenseIndex, number: int, matched: int, intervals: list[Interval]) -> _Score:
    start, end, covered = _window(intervals)
    purity = covered / (end - start) if end > start else 0.0
    similarity = matched * index.inverse_sizes[number] * purity
    return _Score(number, similarity, covered, index.entries[number].fingerprints - matched)


def _order(index: LicenseIndex, score: _Score) -> tuple[bool, int, int, int, int, bool, bool, str]:
    """Within a near tie: exact first, then what the reference lacks or holds in excess."""
    entry = index.entries[score.number]
    listed = bool(entry.spdx) and not str(entry.spdx).startswith("LicenseRef-")
    return (
        not score.exact,
        score.missing,  # the reference holds text the input lacks
        -score.covered,  # the reference explains less of the input
        score.missing - entry.fingerprints,  # both found whole: the larger one is the text
        abs(entry.tokens - score.covered),  # the same fingerprints: the one of the right size
        not entry.osi_approved,
        not listed,
        entry.key,
    )


def _similar(
    index: LicenseIndex, words: list[str], osi_only: bool, exclude: list[int], limit: int
) -> list[_Score]:
    """Score the references most likely to match: by containment and by matched count."""
    scan = _scan(index, words)
    postings = index.postings
    counts = Counter(
        chain.from_iterable(postings[slice(*scan.postings[value])] for value in scan.sample)
    )
    for number in exclude:
        counts.pop(number, None)
    if osi_only:
        counts = Counter({n: c for n, c in counts.items() if index.entries[n].osi_approved})
    inverse = index.inverse_sizes
    by_containment = heapq.nlargest(_CANDIDATES, [(c * inverse[n], -n) for n, c in counts.items()])
    by_count = heapq.nlargest(max(_CANDIDATES, limit), [(c, -n) for n, c in counts.items()])
    chosen = sorted({-int(n) for _, n in by_containment + by_count})
    covered = _covered(scan, index, chosen)
    return [_score(index, n, *covered[n]) for n in chosen]


def _ranked(
    index: LicenseIndex, text: str, *, osi_only: bool = False, limit: int = 5
) -> list[_Score]:
    """The references closest to `text`, best first: exact matches, then by rank."""
    words = words_of(text)
    digest = exact_hash(words) if words else ""
    exact = [
        n for n in index.exact.get(digest, ()) if index.entries[n].osi_approved or not osi_only
    ]
    scores = [_Score(n, 1.0, len(words), 0, exact=True) for n in exact]
    if len(exact) < limit:
        scores += _similar(index, words, osi_only, exact, limit)
    return _rank(index, scores)[:limit]


def _rank(index: LicenseIndex, scores: list[_Score]) -> list[_Score]:
    """Order by rank; within a near tie, the reference holding less that the input lacks
    comes first (a license plus a header loses to the bare license it embeds)."""
    most = max((s.covered for s in scores), default=0)
    ranked = sorted(
        (replace(s, rank=s.similarity * math.sqrt(s.covered / most)) for s in scores if s.covered),
        key=lambda s: -s.rank,
    )
    out: list[_Score] = []
    run: list[_Score] = []
    for score in [*ranked, None]:
        if score is None or (run and run[0].rank - score.rank > _TIE):
            out += sorted(run, key=lambda s: _order(index, s))
            run = []
        if score is not None:
            run.append(score)
    return out


def _candidate(index: LicenseIndex, score: _Score) -> Candidate:
    entry = index.entries[score.number]
    return Candidate(
        key=entry.key,
        name=entry.name,
        spdx=entry.spdx,
        osi_approved=entry.osi_approved,
        similarity=round(score.similarity, 4),
        category=entry.category,
    )


def identify(
    text: str, *, limit: int = 5, index: LicenseIndex | None = None
) -> tuple[Candidate, ...]:
    """The known licenses closest to a normal-form text, best first (at most `limit`)."""
    index = index or load_index()
    return tuple(_candidate(index, s) for s in _ranked(index, text, limit=limit))


def best_match(text: str, *, index: LicenseIndex | None = None) -> Candidate | None:
    """The license the text is, or None when nothing reaches MATCH_THRESHOLD."""
    found = identify(text, limit=1, index=index)
    return found[0] if found and found[0].similarity >= MATCH_THRESHOLD else None


def nearest_osi(
    text: str, *, index: LicenseIndex | None = None
) -> tuple[Candidate, tuple[tuple[int, int], ...]] | None:
    """The closest OSI-approved license and the passages of `text` it does not contain.

    None when no OSI-approved license reaches NEAREST_THRESHOLD.
    """
    index = index or load_index()
    ranked = _ranked(index, text, osi_only=True, limit=1)
    if not ranked or ranked[0].similarity < NEAREST_THRESHOLD:
        return None
    best = ranked[0]
    return _candidate(index, best), _added(index, text, best.number)


def added_spans(
    text: str, key: str, *, index: LicenseIndex | None = None
) -> tuple[tuple[int, int], ...]:
    """The passages of `text` (offsets, at least ~8 words each) that license `key` lacks.

    For a modified version of an identified license (Llama 3.1 plus a clause of one's
    own, MIT plus a display duty). Bounds are exact at block boundaries; inside a block
    they may be off by up to four words, the reach of a 5-gram.
    """
    index = index or load_index()
    number = index.by_key.get(key)
    if number is None:
        raise LicensecmpError(f"unknown license key {key!r} for identification")
    return _added(index, text, number)


def uncovered_spans(
    text: str, key: str, *, index: LicenseIndex | None = None
) -> tuple[tuple[int, int], ...]:
    """Every run of words of `text` that license `key` does not cover, however short.

    `added_spans` reports passages worth quoting (about 8 words or more); the verdict
    needs the rest too, so that three words appended to MIT ("No military use.") are read
    as the text's own. A run may reach up to four words into the license around it.
    """
    index = index or load_index()
    number = index.by_key.get(key)
    if number is None:
        raise LicensecmpError(f"unknown license key {key!r} for identification")
    words = words_of(text)
    if not words or exact_hash(words) == index.entries[number].exact:
        return ()
    _, intervals = _covered(_scan(index, words), index, [number])[number]
    spans = word_spans(text)
    out: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*intervals, (len(words), len(words))]:
        if start > pos:
            out.append((spans[pos][0], spans[start - 1][1]))
        pos = max(pos, end)
    return tuple(out)


def _added(index: LicenseIndex, text: str, number: int) -> tuple[tuple[int, int], ...]:
    words = words_of(text)
    if not words or exact_hash(words) == index.entries[number].exact:
        return ()
    # uncovered runs of tokens; a short covered island (a stray shared 5-gram inside an
    # added paragraph) does not split a run
    runs: list[list[int]] = []
    pos = 0
    _, intervals = _covered(_scan(index, words), index, [number])[number]
    for start, end in [*intervals, (len(words), len(words))]:
        if start > pos:
            if runs and pos - runs[-1][1] < 2 * NGRAM:
                runs[-1][1] = start
            else:
                runs.append([pos, start])
        pos = max(pos, end)
    blocks = [m.end() for m in re.finditer(r"\n\n", text)]
    spans = word_spans(text)
    block_of = [bisect_right(blocks, s) for s, _ in spans]
    out: list[tuple[int, int]] = []
    for first, stop in runs:
        last = stop - 1
        margin = 0
        # a run reaching less than a 5-gram into a neighbouring block: cut it at the border
        head = next(
            (
                i
                for i in range(first + 1, min(first + NGRAM, last + 1))
                if block_of[i] != block_of[first]
            ),
            None,
        )
        if head is not None:
            first = head
        elif first > 0 and block_of[first - 1] == block_of[first]:
            margin += (NGRAM - 1) // 2
        tail = next(
            (
                i
                for i in range(last - 1, max(last - NGRAM, first - 1), -1)
                if block_of[i] != block_of[last]
            ),
            None,
        )
        if tail is not None:
            last = tail
        elif last + 1 < len(words) and block_of[last + 1] == block_of[last]:
            margin += (NGRAM - 1) // 2
        if last - first + 1 < MIN_ADDED_WORDS + margin:
            continue
        start, end = spans[first][0], spans[last][1]
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


# --- speed ----------------------------------------------------------------------------------


def bench_identify(corpus_dir: Path, *, path: Path | None = None) -> dict[str, float]:
    """Load time and per-text identification time over a corpus (for `make bench`)."""
    import statistics

    from licensecmp.text import to_document

    _LOADED.pop((path or DATA_PATH).resolve(), None)
    started = time.perf_counter()
    index = load_index(path)
    load_ms = (time.perf_counter() - started) * 1000
    times: list[float] = []
    top1 = 0
    for entry in index.entries:
        file = corpus_dir / "texts" / f"{entry.key}.txt"
        text = to_document(file.read_bytes(), entry.key).text
        started = time.perf_counter()
        found = identify(text, index=index)
        times.append((time.perf_counter() - started) * 1000)
        top1 += bool(found) and index.entries[index.by_key[found[0].key]].exact == entry.exact
    times.sort()
    return {
        "texts": len(times),
        "load_ms": round(load_ms, 2),
        "median_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95)], 3),
        "max_ms": round(times[-1], 3),
        "top1": round(top1 / len(times), 4),
    }
