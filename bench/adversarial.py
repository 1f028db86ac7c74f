"""`make bench`: time per MB on text built to defeat licensecmp's patterns (issue 7).

Each input targets one family of regular expressions of licensecmp (text.py, numbers.py,
clauses.py, rules/): long runs of digits, digit groups, spaces, quotes, nested
parentheses, "(a)(a)(a)", "Section 2.3 " repeated, numbering, the phrases the rules gate
on, markdown and HTML markup. Each is read the way a SOURCE file is (`to_document`,
`analyze_document`, then identification) at N and 4N bytes, and the time per MB is set
against the time per MB on a fixed sample of real licenses (every 8th text of the corpus).
Then come the two large inputs of the issue: 1 MB of words without a newline and 5 MB
(the default size limit) of repeated numbering.

Verdict per input: `ok` when its time per MB is within 3x of the real licenses' and
four times the input takes at most 6x the time (t(4N)/t(N) <= 6: linear work gives 4,
quadratic 16; four times rather than twice, so that a busy machine cannot blur the two);
otherwise `SLOW` or `SUPERLINEAR`, and the exit status is 1. Times are CPU
seconds of this process (`time.process_time`), so that other work on the machine does not
blur them; an input that looks bad is run up to four more times and keeps its best times.

    python bench/adversarial.py [--corpus .cache/corpus] [--size 32000] [--only NAME...]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_FACTOR = 3.0  # time per MB, relative to real licenses
GROWTH = 4  # the large run is GROWTH times the small one
MAX_RATIO = 6.0  # t(4N) / t(N): linear work gives 4, quadratic 16
RETRIES = 4  # more runs of an input that looks bad, keeping the best times
SAMPLE_STEP = 8  # every 8th corpus text, in name order: 327 of 2,615


def repeat(unit: str, size: int) -> bytes:
    """`unit` repeated to about `size` bytes of UTF-8 (whole units, so characters stay whole)."""
    encoded = unit.encode("utf-8")
    return encoded * max(1, size // len(encoded))


# Words of license prose, in our own order: no sentence of any license.
_WORDS = (
    "the licensee shall not use model weights except as permitted under terms of this "
    "agreement including derivative works and licensor may terminate rights granted "
    "for commercial research purposes users revenue policy distribute notice patent"
).split()
# Phrases that open the gates of the rules (`Context.having`, rules/*.py), with no full stop:
# one sentence in which every rule must run its patterns.
_TRIGGERS = (
    "you may not use the model for military surveillance or weapons",
    "more than 700 million monthly active users in the preceding calendar month",
    "annual revenue of USD $10,000,000 or more",
    "licensor may update or modify this agreement from time to time",
    "you must display Built with Acme in your user interface",
    "subject to the acceptable use policy at https://example.com/policy",
    "for non-commercial research purposes only",
    "you will not use the outputs to train or improve any other model",
    "this license terminates if you bring any claim of infringement against licensor",
    "governed by the laws of the State of Delaware",
    "no license to the trademarks logo or service marks is granted",
    "you must register and notify licensor and give notice of the following",
    "distribute copies with a copy of this license and state changes",
    "users in the European Union or competitors of licensor are excluded",
)


def words(size: int, *, stop_every: int = 0, newline_every: int = 0) -> bytes:
    """License words to about `size` bytes: no full stop and no newline unless asked."""
    out: list[str] = []
    length = 0
    i = 0
    while length < size:
        word = _WORDS[(i * 7) % len(_WORDS)]
        i += 1
        if stop_every and i % stop_every == 0:
            word = word.capitalize() + "."
        if newline_every and i % newline_every == 0:
            word += "\n"
        out.append(word)
        length += len(word) + 1
    return " ".join(out).encode()


def triggers(size: int, *, sep: str = " and ") -> bytes:
    """The gate phrases of the rules repeated to about `size` bytes, joined by `sep`."""
    return repeat(sep.join(_TRIGGERS) + sep, size)


@dataclass(frozen=True)
class Input:
    """An adversarial input: its name, the patterns it aims at, and how to build it."""

    name: str
    target: str
    make: Callable[[int], bytes]
    suffix: str = ""


INPUTS: tuple[Input, ...] = (
    Input("digits", "numbers.py QUANTITY _DIGITS", lambda n: repeat("1234567890", n)),
    Input("digit groups ,", "numbers.py _DIGITS 1,000,000", lambda n: repeat("123,456,", n)),
    Input("digit groups .", "numbers.py _DIGITS 700.000.000", lambda n: repeat("123.456.", n)),
    Input("digits and spaces", "numbers.py QUANTITY, _SUFFIX", lambda n: repeat("700 000 ", n)),
    Input("number words", "numbers.py _WORDS", lambda n: repeat("one hundred and fifty ", n)),
    Input("money", "numbers.py MONEY", lambda n: repeat("USD $1,000,000 (one million) ", n)),
    Input("spaces", "text.py _SPACES", lambda n: b"a" + repeat(" ", n) + b"b"),
    Input(
        "spaces, tabs, blank lines", "rules/base.py _BLOCK_SPLIT", lambda n: repeat("a \t\n \n", n)
    ),
    Input("straight quotes", "clauses.py _DEFINITION", lambda n: repeat('"', n)),
    Input(
        "curly quotes", "text.py _CHAR_MAP, _DEFINITION_LINE", lambda n: repeat("\u201c\u201d", n)
    ),
    Input("quoted terms", "clauses.py _DEFINITION", lambda n: repeat('"Model" or "', n)),
    Input(
        "definitions", "text.py _DEFINITION_LINE", lambda n: repeat('"Model" means a thing.\n', n)
    ),
    Input(
        "nested parentheses",
        "numbers.py _PAREN, text.py _ITEM_START",
        lambda n: repeat("(", n // 2) + repeat(")", n // 2),
    ),
    Input("(a)(a)(a)", "clauses.py _MARKER, text.py _ITEM_START", lambda n: repeat("(a)", n)),
    Input("(a) (a) lines", "clauses.py _MARKER", lambda n: repeat("(a) Use\n", n)),
    Input("Section 2.3 ", "clauses.py _MARKER word", lambda n: repeat("Section 2.3 ", n)),
    Input("1.1.1.", "text.py _BARE_ITEM, clauses.py _MARKER", lambda n: repeat("1.", n)),
    Input("1. 1. 1.", "rules/base.py _SENTENCE_END", lambda n: repeat("1. ", n)),
    Input("numbered lines", "text.py _ITEM_START, clauses.py", lambda n: repeat("1.\n1.1.1\n", n)),
    Input("numbered headings", "clauses.py _heading_of", lambda n: repeat("1.1.1 Use\n", n)),
    Input("Attachment A", "text.py _ATTACHMENT_LINE", lambda n: repeat("Attachment A\n", n)),
    Input("caps lines", "text.py _is_heading_line", lambda n: repeat("NO WARRANTY IS GIVEN\n", n)),
    Input("hyphenated lines", "text.py normalise", lambda n: repeat("ab-\n", n)),
    Input("boxed lines", "text.py _BOXED_LINE", lambda n: repeat("* x *\n", n)),
    Input("abbreviations", "rules/base.py _ends_sentence", lambda n: repeat("e.g. A ", n)),
    Input("dotted words", "rules/base.py _ends_sentence", lambda n: repeat("a.b.c.d.e ", n)),
    Input(
        "words, no stop", "rules: bounded gaps [^.]{0,200}", lambda n: words(n, newline_every=12)
    ),
    Input("you may not", "rules/restrictions.py leads", lambda n: repeat("you may not ", n)),
    Input(
        "700 million MAU",
        "rules/thresholds.py _USERS_*",
        lambda n: repeat("more than 700 million monthly active users ", n),
    ),
    Input("rule triggers", "every rule in one sentence", triggers),
    Input("rule triggers, sentences", "every rule", lambda n: triggers(n, sep=". ")),
    Input("front matter, open", "text.py _FRONT_MATTER", lambda n: b"---\n" + repeat("a: b\n", n)),
    Input("md headings", "clauses.py _MD_HEADING", lambda n: repeat("# Heading\n", n), ".md"),
    Input("md emphasis", "text.py _MD_EMPHASIS", lambda n: repeat("**a ", n), ".md"),
    Input("md underscores", "text.py _MD_UNDERSCORE", lambda n: repeat("_a ", n), ".md"),
    Input("md links", "text.py _MD_LINK, _MD_IMAGE", lambda n: repeat("![a](", n), ".md"),
    Input("md code, escapes", "text.py _MD_CODE, _MD_ESCAPE", lambda n: repeat("`\\*", n), ".md"),
    Input("md html tags", "text.py _MD_HTML_TAG", lambda n: repeat("<div x ", n), ".md"),
    Input("html tags", "text.py _HTMLText", lambda n: repeat("<p><b>x</b></p>", n), ".html"),
    Input("html unclosed tags", "text.py _tidy_html", lambda n: repeat("<a href='x ", n), ".html"),
    Input("html open comments", "text.py _tidy_html", lambda n: repeat("<!--", n), ".html"),
    Input("html <", "text.py _tidy_html", lambda n: repeat("<", n), ".html"),
    Input("html end tags", "text.py _tidy_html", lambda n: repeat("</", n), ".html"),
    Input("html declarations", "text.py _tidy_html", lambda n: repeat("<!x", n), ".html"),
)
# The two large inputs of the issue, each at its own size.
LARGE: tuple[tuple[Input, int], ...] = (
    (Input("1 MB of words, no newline", "whole pipeline", lambda n: words(n)), 1_000_000),
    (
        Input("5 MB of numbering", "whole pipeline", lambda n: repeat("1. Use\n1.1.1 Use\n", n)),
        5_000_000,
    ),
)


@dataclass(frozen=True)
class Timing:
    """CPU seconds of each stage for one input."""

    size: int
    read: float  # to_document: decoding, markup, normal form
    rules: float  # analyze_document: clauses and flags
    identify: float  # identify_text
    refused: str = ""

    @property
    def total(self) -> float:
        return self.read + self.rules + self.identify

    @property
    def per_mb(self) -> float:
        return self.total / self.size * 1_000_000

    @property
    def slowest(self) -> str:
        stages = {"read": self.read, "rules": self.rules, "identify": self.identify}
        return max(stages, key=lambda k: stages[k])


def run(data: bytes, suffix: str, kb: Any) -> Timing:
    """Read, analyse and identify `data` as a file with `suffix`; CPU time of each stage."""
    from licensecmp.analysis import Source, analyze_document
    from licensecmp.errors import LicensecmpError
    from licensecmp.sources import identify_text
    from licensecmp.text import to_document

    clock = time.process_time
    gc.collect()
    gc.disable()  # as timeit does: a collection of the long-lived objects is not the input's
    try:
        start = clock()
        try:
            doc = to_document(data, "adversarial", suffix=suffix)
        except LicensecmpError as exc:
            return Timing(len(data), clock() - start, 0.0, 0.0, refused=str(exc))
        read = clock()
        analysis = analyze_document(doc, Source("adversarial", "file", doc.sha256))
        rules = clock()
        identify_text(analysis.text, kb)
        return Timing(len(data), read - start, rules - read, clock() - rules)
    finally:
        gc.enable()


def real_licenses(texts: Path, kb: Any) -> tuple[int, int, float, Timing]:
    """Time per MB on every SAMPLE_STEP-th corpus text: (texts, bytes, s/MB, stage sums)."""
    read = rules = identify = 0.0
    size = count = 0
    for path in sorted(texts.glob("*.txt"))[::SAMPLE_STEP]:
        timing = run(path.read_bytes(), "", kb)
        if timing.refused:
            continue  # the empty entries of the database
        read, rules, identify = read + timing.read, rules + timing.rules, identify + timing.identify
        size += timing.size
        count += 1
    total = Timing(size, read, rules, identify)
    return count, size, total.per_mb, total


def measure(item: Input, size: int, kb: Any, real: float) -> tuple[Timing, Timing]:
    """The input at `size` and GROWTH times that; while that looks bad, up to RETRIES more runs of
    each and the best time of each size (a busy machine only ever adds time)."""
    small, large = (
        run(item.make(size), item.suffix, kb),
        run(item.make(GROWTH * size), item.suffix, kb),
    )
    for _ in range(RETRIES):
        if large.total <= MAX_RATIO * small.total and large.per_mb <= MAX_FACTOR * real:
            break
        small = min(small, run(item.make(size), item.suffix, kb), key=lambda t: t.total)
        large = min(large, run(item.make(GROWTH * size), item.suffix, kb), key=lambda t: t.total)
    return small, large


def verdict(per_mb: float, real: float, ratio: float | None) -> str:
    if ratio is not None and ratio > MAX_RATIO:
        return "SUPERLINEAR"
    return "ok" if per_mb <= MAX_FACTOR * real else "SLOW"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(".cache/corpus"))
    parser.add_argument("--size", type=int, default=32_000, help="N, in bytes (default 32000)")
    parser.add_argument("--only", nargs="*", default=None, help="names of inputs to run")
    parser.add_argument("--no-large", action="store_true", help="skip the 1 MB and 5 MB inputs")
    args = parser.parse_args()
    texts = args.corpus / "texts"
    if not texts.is_dir():
        print(f"error: no corpus at {texts}; run `make corpus`", file=sys.stderr)
        return 2
    from licensecmp.knowledge import load

    kb = load()
    run(b"warm up: load the identification index and compile the patterns", "", kb)
    wall = time.perf_counter()
    count, size, real, stages = real_licenses(texts, kb)
    print(
        f"real licenses: {count} corpus texts (every {SAMPLE_STEP}th), {size / 1e6:.2f} MB, "
        f"{real:.2f} s/MB (read {stages.read / size * 1e6:.2f}, rules "
        f"{stages.rules / size * 1e6:.2f}, identify {stages.identify / size * 1e6:.2f}); "
        f"limit {MAX_FACTOR:g}x = {MAX_FACTOR * real:.2f} s/MB"
    )
    header = (
        f"{'input':27} {'aims at':38} {'s/MB N':>7} {'s/MB 4N':>7} {'4N/N':>5} "
        f"{'x real':>6}  {'slowest':8} verdict"
    )
    print(f"N = {args.size:,} bytes; CPU seconds per MB of input")
    print(header)
    print("-" * len(header))
    failed = []
    chosen = [i for i in INPUTS if args.only is None or i.name in args.only]
    for item in chosen:
        small, large = measure(item, args.size, kb, real)
        ratio = large.total / small.total if small.total > 0 else None
        result = verdict(large.per_mb, real, ratio)
        note = f" (refused: {large.refused.split(': ', 1)[-1]})" if large.refused else ""
        print(
            f"{item.name:27} {item.target[:38]:38} {small.per_mb:7.2f} {large.per_mb:7.2f} "
            f"{ratio or 0:5.2f} {large.per_mb / real:6.2f}  {large.slowest:8} {result}{note}",
            flush=True,
        )
        if result != "ok":
            failed.append(item.name)
    if not args.no_large and args.only is None:
        for item, big in LARGE:
            timing = run(item.make(big), item.suffix, kb)
            result = verdict(timing.per_mb, real, None)
            print(
                f"{item.name:27} {f'{timing.size:,} bytes':38} {'':7} {timing.per_mb:7.2f} "
                f"{'':5} {timing.per_mb / real:6.2f}  {timing.slowest:8} {result}",
                flush=True,
            )
            if result != "ok":
                failed.append(item.name)
    print(f"total {time.perf_counter() - wall:.0f} s wall; failed: {', '.join(failed) or 'none'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
