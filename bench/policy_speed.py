"""`make bench`: policy conditions are parsed in linear time.

A `fail-if` of 1.4 MB (80,000 comparisons joined by `or`) took over 60 s when the parser
copied the rest of the text for every token. This times conditions of growing size and
fails when the largest takes longer than TARGET_S or grows faster than linearly
(time per comparison more than three times that of the smallest size).
"""

from __future__ import annotations

import sys
import time

from licensecmp.policy import parse_condition

SIZES = (10_000, 40_000, 80_000)
TARGET_S = 5.0


def main() -> int:
    per = {}
    for size in SIZES:
        text = "threshold > 5 or " * size + "threshold > 1"
        start = time.perf_counter()
        parse_condition(text, {"threshold": int})
        took = time.perf_counter() - start
        per[size] = took / size
        print(f"fail-if of {len(text):,} characters ({size:,} comparisons): {took:.2f} s")
    largest = per[SIZES[-1]] * SIZES[-1]
    linear = per[SIZES[-1]] <= 3 * per[SIZES[0]]
    ok = largest <= TARGET_S and linear
    print(f"target: ≤ {TARGET_S:.0f} s and linear — {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
