"""Numbers and sums of money as license prose writes them.

Thresholds in licenses come in every form: "700 million", "700,000,000", the European
"700.000.000", "five hundred million", "1.5 billion", "250M", "10k", or duplicated as
"seven hundred (700) million". `QUANTITY` matches all of them and `parse_quantity` turns
a match into an int; `MONEY` and `parse_money` do the same for an amount with a currency
and, when the text says, a period ("annual revenue" -> year).

Patterns are built from strings so that rules can embed them (`QUANTITY_PATTERN`,
`MONEY_PATTERN`); they are written for Python's `re` with `re.X`-free syntax and run in
linear time: every repetition is bounded or over characters the next part cannot match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "k": 10**3,
    "m": 10**6,
    "mm": 10**6,
    "mn": 10**6,
    "mio": 10**6,
    "b": 10**9,
    "bn": 10**9,
}

_UNIT_WORD = "(?:" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
_SCALE_WORD = "(?:hundred|thousand|million|billion|trillion)"
# "five hundred million", "twenty-five thousand", "one hundred and fifty million", "a million"
_WORDS = (
    rf"(?:{_UNIT_WORD}|a(?= (?:hundred|thousand|million|billion)))"
    rf"(?:(?: and |[ -])(?:{_UNIT_WORD}|{_SCALE_WORD})){{0,8}}"
)
# 700,000,000 | 700.000.000 (European, optional ,50) | 1,000.50 | 700 | 1.5 | 1,5
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d+(?:[.,]\d+)?)"
)
# 250M, 10k, 1bn, 5 mio: only glued to the digits (or "mio"/"bn" after a space)
_SUFFIX = r"(?:(?:mm|mn|bn|[kKmMbB])|\s(?:mio|bn|MM))(?![A-Za-z])"

QUANTITY_PATTERN = (
    rf"(?<![\w.,])(?:{_DIGITS}|{_WORDS})"
    rf"(?:\s?\((?:{_DIGITS}|{_WORDS})(?:\s{_SCALE_WORD})?\))?"
    rf"(?:{_SUFFIX}|\s{_SCALE_WORD}(?:\s?\({_DIGITS}\))?)?"
    r"(?![\w])"
)
QUANTITY = re.compile(QUANTITY_PATTERN, re.I)

# Currencies: a symbol or code before the amount, or a name after it.
_PREFIX_CURRENCIES: tuple[tuple[str, str], ...] = (
    (r"US\s?\$|U\.S\.\s?\$|USD\s?\$?", "USD"),
    (r"HK\$|HKD", "HKD"),
    (r"C\$|CA\$|CAD", "CAD"),
    (r"A\$|AU\$|AUD", "AUD"),
    (r"S\$|SGD", "SGD"),
    (r"\$", "USD"),
    (r"€|EUR", "EUR"),
    (r"£|GBP", "GBP"),
    (r"RMB\s?¥?|CNY\s?¥?|¥\s?RMB", "CNY"),
    (r"JPY|¥", "JPY"),
    (r"₩|KRW", "KRW"),
    (r"₹|INR|Rs\.?", "INR"),
    (r"CHF", "CHF"),
)
_SUFFIX_CURRENCIES: tuple[tuple[str, str], ...] = (
    (r"(?:US|U\.S\.|United States|American) dollars?|USD|dollars?", "USD"),
    (r"euros?|EUR", "EUR"),
    (r"(?:British )?pounds?(?: sterling)?|GBP", "GBP"),
    (r"(?:Chinese )?yuan|renminbi|RMB|CNY", "CNY"),
    (r"(?:Japanese )?yen|JPY", "JPY"),
    (r"(?:Korean )?won|KRW", "KRW"),
    (r"(?:Indian )?rupees?|INR", "INR"),
    (r"(?:Swiss )?francs?|CHF", "CHF"),
)
_PREFIX_CUR = "(?:" + "|".join(p for p, _ in _PREFIX_CURRENCIES) + ")"
_SUFFIX_CUR = "(?:" + "|".join(p for p, _ in _SUFFIX_CURRENCIES) + ")"
_PREFIX_CODES = [(re.compile(rf"(?:{p})\Z", re.I), c) for p, c in _PREFIX_CURRENCIES]
_SUFFIX_CODES = [(re.compile(rf"\A(?:{p})", re.I), c) for p, c in _SUFFIX_CURRENCIES]

_PERIOD_YEAR = (
    r"annual(?:ly)?|yearly|per (?:year|annum)|a year|each year|every year|p\.a\."
    r"|(?:fiscal|financial|calendar) year|in any year|twelve months|12 months"
)
_PERIOD_MONTH = r"monthly|per month|a month|each month|every month|calendar month"
PERIOD = re.compile(rf"\b(?:(?P<year>{_PERIOD_YEAR})|(?P<month>{_PERIOD_MONTH}))", re.I)

MONEY_PATTERN = (
    rf"(?:(?<![A-Za-z])(?P<pre>{_PREFIX_CUR})\s?(?P<pamt>{QUANTITY_PATTERN})"
    rf"|(?P<samt>{QUANTITY_PATTERN})\s?(?P<suf>{_SUFFIX_CUR})(?![A-Za-z]))"
    # a period glued to the amount: "$1M in annual revenue", "RMB 100 million per year"
    rf"(?:\s(?:in|of|per|a)?\s?(?P<period>(?:{_PERIOD_YEAR}|{_PERIOD_MONTH}))"
    r"(?:\s(?:gross\s)?(?:revenues?|turnover|income|sales|receipts))?)?"
)
MONEY = re.compile(MONEY_PATTERN, re.I)


@dataclass(frozen=True)
class Money:
    """An amount of money: an int in whole units, an ISO 4217 code and a period if given."""

    amount: int
    currency: str
    period: str | None = None


_PAREN = re.compile(r"\(([^()]{0,80})\)")
_TOKEN = re.compile(r"\d[\d.,]*|[a-z]+")


# A figure past these is not a count of users or a sum of money: it is read as no number,
# which keeps every renderer and the JSON encoder (Python refuses ints of over 4,300
# digits as text) away from it. The clause stays: the detector still cites it.
_MAX_DIGITS = 40
_TOO_LARGE = Decimal(10) ** 30


def _digits_value(token: str, scaled: bool) -> Decimal | None:
    """The value of a digit group, reading `,` and `.` as thousands or decimal marks."""
    token = token.rstrip(".,")
    if len(token) > _MAX_DIGITS:
        return None  # no count or sum anyone means has this many digits
    commas, dots = token.count(","), token.count(".")
    try:
        if commas and dots:
            # the mark that comes last is the decimal one: 1,000.50 / 1.000,50
            if token.rfind(",") > token.rfind("."):
                return Decimal(token.replace(".", "").replace(",", "."))
            return Decimal(token.replace(",", ""))
        if commas:
            head, _, tail = token.rpartition(",")
            if commas > 1 or len(tail) == 3:
                return Decimal(token.replace(",", ""))
            return Decimal(f"{head}.{tail}")
        if dots:
            head, _, tail = token.rpartition(".")
            # 700.000 alone is European thousands; 1.500 million is one and a half million
            if dots > 1 or (len(tail) == 3 and not scaled):
                return Decimal(token.replace(".", ""))
            return Decimal(token)
        return Decimal(token)
    except InvalidOperation:
        return None


def _value(text: str) -> int | None:
    """The number a run of digits and number words stands for, or None."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return None
    scaled = any(t in _SCALES or t == "hundred" for t in tokens)
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for token in tokens:
        if token[0].isdigit():
            value = _digits_value(token, scaled)
            if value is None:
                return None
            current += value
            seen = True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token == "a":
            current += 1
        elif token == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif token in _SCALES:
            total += (current or Decimal(1)) * _SCALES[token]
            current = Decimal(0)
            seen = True
        elif token == "and":
            continue
        else:
            return None
    if not seen:
        return None
    value = total + current
    if value >= _TOO_LARGE:
        return None  # "a million million million …": no threshold anyone means
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def parse_quantity(text: str) -> int | None:
    """The int a number written in prose stands for ("700 million", "1.5B", "five hundred").

    A figure repeated in brackets ("seven hundred (700) million", "100,000,000 (one
    hundred million)") counts once. Returns None when `text` is not a number.
    """
    text = text.strip()
    inner = _PAREN.search(text)
    if inner:
        outside = _value(_PAREN.sub(" ", text))
        if outside is not None:
            return outside
        return _value(inner.group(1))
    return _value(text)


def _currency(prefix: str | None, suffix: str | None) -> str | None:
    """The ISO code of a currency symbol or name as matched by `MONEY`."""
    if prefix:
        for pattern, code in _PREFIX_CODES:
            if pattern.fullmatch(prefix.strip()):
                return code
    if suffix:
        for pattern, code in _SUFFIX_CODES:
            if pattern.match(suffix.strip()):
                return code
    return None


def period_of(text: str) -> str | None:
    """ "year" or "month" when `text` is a period phrase such as "annual" or "per month"."""
    match = PERIOD.search(text)
    if not match:
        return None
    return "year" if match.group("year") else "month"


def money_of(match: re.Match[str], context: str = "", at: int = 0) -> Money | None:
    """The `Money` of a `MONEY` match; the period comes from the match or else from the
    period phrase in `context` nearest to offset `at` (where the match sits in it)."""
    amount_text = match.group("pamt") or match.group("samt")
    amount = parse_quantity(amount_text) if amount_text else None
    currency = _currency(match.group("pre"), match.group("suf"))
    if amount is None or currency is None:
        return None
    period = period_of(match.group("period") or "")
    if period is None and context:
        nearest = min(
            PERIOD.finditer(context),
            key=lambda p: min(abs(p.start() - at), abs(p.end() - at)),
            default=None,
        )
        if nearest is not None:
            period = "year" if nearest.group("year") else "month"
    return Money(amount, currency, period)


def parse_money(text: str) -> Money | None:
    """The first sum of money in `text` with its currency and period, or None.

    "$1M in annual revenue" -> Money(1000000, "USD", "year"); the period may also stand
    before the amount ("annual revenue of EUR 5 million").
    """
    match = MONEY.search(text)
    if not match:
        return None
    return money_of(match, text, match.start())
