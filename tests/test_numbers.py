"""Numbers and money as license prose writes them (licensecmp.numbers)."""

from __future__ import annotations

import pytest

from licensecmp.numbers import MONEY, QUANTITY, Money, parse_money, parse_quantity, period_of


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("700 million", 700_000_000),
        ("700,000,000", 700_000_000),
        ("700.000.000", 700_000_000),
        ("1.000.000,75", 1_000_001),
        ("1,000,000.75", 1_000_001),
        ("700.000", 700_000),
        ("five hundred million", 500_000_000),
        ("one million", 1_000_000),
        ("a million", 1_000_000),
        ("twenty-five thousand", 25_000),
        ("one hundred and fifty million", 150_000_000),
        ("1.5 billion", 1_500_000_000),
        ("1,5 million", 1_500_000),
        ("2.25 million", 2_250_000),
        ("250M", 250_000_000),
        ("1M", 1_000_000),
        ("10k", 10_000),
        ("3bn", 3_000_000_000),
        ("5 mio", 5_000_000),
        ("100 thousand", 100_000),
        ("seven hundred (700) million", 700_000_000),
        ("ten million (10,000,000)", 10_000_000),
        ("100,000,000 (one hundred million)", 100_000_000),
        ("700 million (700,000,000)", 700_000_000),
        ("42", 42),
    ],
)
def test_quantity_forms(text: str, value: int) -> None:
    assert QUANTITY.fullmatch(text), text
    assert parse_quantity(text) == value


@pytest.mark.parametrize("text", ["", "users", "million dollars of fun", "many thousands"])
def test_not_a_quantity(text: str) -> None:
    assert parse_quantity(text) is None


def test_quantity_found_inside_prose_with_its_whole_extent() -> None:
    sentence = "the service counts seven hundred (700) million people each month"
    match = QUANTITY.search(sentence.replace("the service counts ", ""))
    assert match is not None
    assert match.group(0) == "seven hundred (700) million"


def test_digits_glued_to_words_are_not_quantities() -> None:
    assert QUANTITY.search("version2x") is None
    assert QUANTITY.fullmatch("12abc") is None


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("$1M in annual revenue", Money(1_000_000, "USD", "year")),
        ("US $1,000,000", Money(1_000_000, "USD", None)),
        ("USD $2,500,000 in annual revenue", Money(2_500_000, "USD", "year")),
        ("USD 10,000,000", Money(10_000_000, "USD", None)),
        ("EUR 5 million", Money(5_000_000, "EUR", None)),
        ("€5m", Money(5_000_000, "EUR", None)),
        ("£3 million per annum", Money(3_000_000, "GBP", "year")),
        ("RMB 100 million per year", Money(100_000_000, "CNY", "year")),
        ("100 million yuan", Money(100_000_000, "CNY", None)),
        ("JPY 300 million a month", Money(300_000_000, "JPY", "month")),
        ("1 million US dollars", Money(1_000_000, "USD", None)),
        ("twenty million euros each month", Money(20_000_000, "EUR", "month")),
        ("HK$8 million", Money(8_000_000, "HKD", None)),
    ],
)
def test_money_forms(text: str, money: Money) -> None:
    assert parse_money(text) == money


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("annual revenue above EUR 7 million", Money(7_000_000, "EUR", "year")),
        (
            "over 4 million US dollars (or the same in another currency) in monthly revenue",
            Money(4_000_000, "USD", "month"),
        ),
        ("gross income in any fiscal year beyond $900k", Money(900_000, "USD", "year")),
    ],
)
def test_money_period_from_the_nearest_period_phrase(text: str, money: Money) -> None:
    assert parse_money(text) == money


@pytest.mark.parametrize(
    "text", ["700 million users", "a fee will be charged", "section 3.2 applies", "12 months"]
)
def test_no_money_without_a_currency(text: str) -> None:
    assert parse_money(text) is None
    assert MONEY.search(text) is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("annual", "year"),
        ("per annum", "year"),
        ("in the calendar month", "month"),
        ("monthly", "month"),
        ("forever", None),
    ],
)
def test_period_of(text: str, period: str | None) -> None:
    assert period_of(text) == period
