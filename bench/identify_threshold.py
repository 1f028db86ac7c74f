"""`make bench`: calibrate the identification threshold (`identify.MATCH_THRESHOLD`).

Identification must name a license only when the text is close to it. Two error rates,
measured on the ScanCode LicenseDB corpus of `make corpus`, over a grid of thresholds T:

- false reject: a corpus text, perturbed the way real copies are, whose best match is not
  the text itself (nor a text with the same token sequence: `identify.py` documents those
  groups) or scores below T. Perturbations, each alone and then all at once: rewrapped at
  50 columns; inside a Hugging Face model card (YAML front matter and paragraphs of prose
  before and after); curly and straight quotes and dashes swapped; another copyright line
  (holder and year); one sentence deleted (the one nearest the middle of the text).
- false accept: for every corpus text, the best candidate that is neither the text itself
  nor textually identical to it: the first in identify's ranking, which is what
  `best_match` would answer if the text were not in the corpus (leave-one-out). It is a
  false accept at T when its similarity is >= T. `any-other` counts instead the highest
  similarity of any such candidate (an upper bound: a short license found whole inside
  a long one scores 1.0 there but ranks below the long text's real relatives).

`long` is the false-reject rate over texts of 300 words or more (model licenses are).

Texts under 30 words are skipped (a perturbation changes most of them). The run uses
every `--step`-th text in key order (default 1: all of them, about 70 s on 2 idle cores) and
`--jobs` worker processes; the output is deterministic for a given corpus.

    python bench/identify_threshold.py [--corpus .cache/corpus] [--step 1] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from licensecmp.identify import MATCH_THRESHOLD, identify, load_index, words_of  # noqa: E402
from licensecmp.text import to_document  # noqa: E402

GRID = tuple(round(0.5 + 0.05 * i, 2) for i in range(10))  # 0.50 .. 0.95
MIN_WORDS = 30
LONG = 300  # words: the `long` column
MAX_LONG_REJECT = 0.01
LIMIT = 10  # candidates per text: enough to see past a group of identical texts

# A model card of our own words around the license (front matter, prose before and after).
CARD_HEAD = """---
license: other
license_name: custom
library_name: transformers
pipeline_tag: text-generation
tags:
- calibration
---

# Sample checkpoint

This repository holds a small language model that our group trained on public text for
internal experiments. It answers short questions and summarises documents.

## Intended use

Try it for drafting and for teaching. It is not tuned for safety-critical work, and its
answers should be checked by a person before they are relied on.

## License

"""
CARD_TAIL = """

## Citation

If the checkpoint helps your work, a mention of the repository is welcome. Questions go
to the maintainers through the discussion tab.
"""

_COPYRIGHT = re.compile(r"^[ \t]*(?:copyright\b|\(c\)|\u00a9)[^\n]{0,100}$", re.I | re.M)
_SWAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "'": "\u2019",
        '"': "\u201d",
        "\u2013": "-",
        "\u2014": "--",
        "-": "\u2013",
    }
)
# a sentence: up to a full stop (or ?, !, ;) followed by a space, inside one paragraph
_SENTENCE = re.compile(r"(?:[^.!?;\n]|\n(?![ \t]*\n))+[.!?;](?=\s|$)")


def rewrap(raw: str, width: int = 50) -> str:
    paragraphs = re.split(r"\n\s*\n", raw.strip())
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paragraphs)


def in_card(raw: str) -> str:
    return CARD_HEAD + raw.strip() + CARD_TAIL


def quotes_swapped(raw: str) -> str:
    return raw.translate(_SWAP)


def new_copyright(raw: str) -> str:
    line = "Copyright (c) 2031 Example Holder Org"
    found = _COPYRIGHT.search(raw)
    if found is None:
        return line + "\n\n" + raw
    return raw[: found.start()] + line + raw[found.end() :]


def sentence_deleted(raw: str) -> str | None:
    """Without the sentence of 6 to 80 words, and at most a quarter of the text, whose middle
    is nearest the text's middle; None when there is no such sentence."""
    middle = len(raw) / 2
    most = min(80, len(raw.split()) // 4)
    best: tuple[float, int, int] | None = None
    for match in _SENTENCE.finditer(raw):
        if 6 <= len(match.group().split()) <= most:
            distance = abs((match.start() + match.end()) / 2 - middle)
            if best is None or distance < best[0]:
                best = (distance, match.start(), match.end())
    if best is None:
        return None
    return raw[: best[1]] + raw[best[2] :]


def everything(raw: str) -> str | None:
    shorter = sentence_deleted(new_copyright(raw))
    return None if shorter is None else in_card(rewrap(quotes_swapped(shorter)))


VARIANTS: dict[str, tuple[Callable[[str], str | None], str]] = {
    "rewrapped": (rewrap, ""),
    "model-card": (in_card, ".md"),
    "quotes-dashes": (quotes_swapped, ""),
    "copyright": (new_copyright, ""),
    "sentence-deleted": (sentence_deleted, ""),
    "all-at-once": (everything, ".md"),
}


@dataclass(frozen=True)
class Measured:
    """The scores of one corpus text: per variant (own text found?, similarity), and the
    other license identify ranks first (leave-one-out) and the one scoring highest."""

    key: str
    words: int
    variants: dict[str, tuple[bool, float]]
    other: tuple[str | None, float]
    any_other: tuple[str | None, float]


def _measure(key: str) -> Measured | None:
    """The scores one corpus text gives: per variant (own match?, similarity), and the best
    similarity of another license on the exact text."""
    index = load_index()
    exact = index.entries[index.by_key[key]].exact
    path = CORPUS / "texts" / f"{key}.txt"
    raw = path.read_bytes().decode("utf-8", errors="replace")
    text = to_document(raw.encode("utf-8"), key).text
    if len(words_of(text)) < MIN_WORDS:
        return None

    def own(found_key: str) -> bool:
        return index.entries[index.by_key[found_key]].exact == exact

    variants: dict[str, tuple[bool, float]] = {}
    for name, (transform, suffix) in VARIANTS.items():
        changed = transform(raw)
        if changed is None:
            continue  # no sentence to delete: the variant does not apply
        variant = to_document(changed.encode("utf-8"), key, suffix=suffix).text
        found = identify(variant, limit=1, index=index)
        variants[name] = (bool(found) and own(found[0].key), found[0].similarity if found else 0)
    others = [c for c in identify(text, limit=LIMIT, index=index) if not own(c.key)]
    top = max(others, key=lambda c: c.similarity, default=None)
    return Measured(
        key=key,
        words=len(words_of(text)),
        variants=variants,
        other=(others[0].key, others[0].similarity) if others else (None, 0.0),
        any_other=(top.key, top.similarity) if top else (None, 0.0),
    )


CORPUS = ROOT / ".cache" / "corpus"


def _init(corpus: Path) -> None:
    global CORPUS
    CORPUS = corpus
    load_index()


def rates(results: list[Measured], threshold: float) -> dict[str, float]:
    """False-reject rate per variant and overall, and the false-accept rate, at `threshold`."""
    out: dict[str, float] = {}
    rejects_all = tried_all = 0
    for name in VARIANTS:
        rejects = tried = 0
        for r in results:
            if name in r.variants:
                ok, score = r.variants[name]
                rejects += not (ok and score >= threshold)
                tried += 1
        out[name] = rejects / tried
        rejects_all += rejects
        tried_all += tried
    out["false-reject"] = rejects_all / tried_all
    long = [r for r in results if r.words >= LONG]
    long_rejects = sum(
        not (ok and score >= threshold) for r in long for ok, score in r.variants.values()
    )
    out["long"] = long_rejects / sum(len(r.variants) for r in long)
    out["false-accept"] = sum(r.other[1] >= threshold for r in results) / len(results)
    out["any-other"] = sum(r.any_other[1] >= threshold for r in results) / len(results)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / ".cache" / "corpus")
    parser.add_argument("--step", type=int, default=1, help="every STEP-th text (1: all)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    rows = json.loads((args.corpus / "index.json").read_text(encoding="utf-8"))
    index = load_index()
    keys = sorted(str(r["key"]) for r in rows if str(r["key"]) in index.by_key)[:: args.step]
    started = time.perf_counter()
    with Pool(args.jobs, initializer=_init, initargs=(args.corpus,)) as pool:
        measured = pool.map(_measure, keys, chunksize=16)
    results = [r for r in measured if r is not None]
    seconds = time.perf_counter() - started
    sample = "all" if args.step == 1 else f"every {args.step}th in key order"
    print(
        f"identification threshold: {len(results)} corpus texts of {len(index.entries)} "
        f"({sample}, {len(keys) - len(results)} under {MIN_WORDS} words skipped), "
        f"{len(VARIANTS)} variants each, {seconds:.0f} s on {args.jobs} jobs"
    )
    print()
    names = list(VARIANTS)
    header = ["T", "false-accept", "any-other", "false-reject", "long", *names]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---:" for _ in header) + "|")
    table = {t: rates(results, t) for t in GRID}
    for t, row in table.items():
        cells = [f"{t:.2f}", *(f"{100 * row[h]:.2f}%" for h in header[1:])]
        print("| " + " | ".join(cells) + " |")
    print()
    chosen = rates(results, MATCH_THRESHOLD)
    print(
        f"chosen T = MATCH_THRESHOLD = {MATCH_THRESHOLD}: false accept "
        f"{100 * chosen['false-accept']:.2f}%, false reject {100 * chosen['false-reject']:.2f}% "
        f"(all perturbations at once: {100 * chosen['all-at-once']:.2f}%)"
    )
    # the rule MATCH_THRESHOLD follows: the highest T that still names 99% of the long texts
    # (model licenses) under every perturbation; the false accepts left above it are
    # mostly near-twins of ScanCode (a text holding another one whole, or a variant of it)
    suggested = max((t for t in GRID if table[t]["long"] <= MAX_LONG_REJECT), default=GRID[0])
    print(
        f"suggested: the highest T rejecting at most {100 * MAX_LONG_REJECT:.0f}% of the "
        f"perturbed texts of {LONG}+ words: T = {suggested:.2f}"
    )
    print()
    print(f"distinct licenses (leave-one-out) scoring >= {MATCH_THRESHOLD}, first 15 by score:")
    accepted = sorted(
        (r for r in results if r.other[1] >= MATCH_THRESHOLD), key=lambda r: (-r.other[1], r.key)
    )
    for r in accepted[:15]:
        print(f"  {r.key} -> {r.other[0]} {r.other[1]:.4f}")
    light = [n for n in names if n not in ("sentence-deleted", "all-at-once")]
    print(f"variants other than sentence deletion rejected at {MATCH_THRESHOLD}:")
    for r in results:
        for name in light:
            ok, score = r.variants[name]
            if not (ok and score >= MATCH_THRESHOLD):
                what = "own" if ok else "another key"
                print(f"  {r.key} ({r.words} words) [{name}]: {what} {score:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
