"""Look-alike and invisible characters cannot hide a clause from the rules.

A Cyrillic `і` in "m\u0456llion" or a zero-width space in "mil\u200blion" reads as
"million" in the normal form; genuine Greek, Cyrillic and Chinese text keeps its letters.
The wordings below are our own.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.gate import _find_words
from licensecmp.sources import analyze_bytes
from licensecmp.text import fold_characters, normalise

CYRILLIC_I = "\u0456"
ZWSP = "\u200b"
ZWJ = "\u200d"

# A grant, a user threshold and a non-commercial limit, each with a hidden trick.
HIDDEN = (
    "Acme Model License\n\n"
    "1. Grant. Acme grants you a license to use, copy, modify and distribute the Model.\n\n"
    "2. Large Services. If the services you run had greater than 700 "
    f"m{CYRILLIC_I}llion monthly active users last month,\n"
    "you must ask Acme for a separate license, which Acme may refuse.\n\n"
    f"3. Purpose. You may not use the Model for comm{ZWJ}ercial purposes.\n"
)


def flags_of(text: str) -> dict[str, dict[str, object]]:
    analysis = analyze_bytes(text.encode("utf-8"), "LICENSE")
    return {flag.id: dict(flag.params) for flag in analysis.flags}


# --- the normal form ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        f"greater than 700 m{CYRILLIC_I}llion monthly active users",
        f"greater than 700 mil{ZWSP}lion monthly active users",
        f"greater than 700 mil{ZWJ}lion monthly active users",
        "greater than 700 mil\u00adlion monthly active users",  # soft hyphen
        "greater than 700 mil\u2060lion monthly active users",  # word joiner
        "greater than 700 mil\ufefflion monthly active users",  # BOM inside the text
        "greater than 700 mil\u202elion monthly active users",  # right-to-left override
        "greater than 700 mil\u2066lion\u2069 monthly active users",  # isolates
        "greater than 700 mil\u180elion monthly active users",  # Mongolian vowel separator
        "greater than 700 mi\u200el\u200flion monthly active users",  # bidi marks
        "greater than \uff17\uff10\uff10 million monthly active users",  # fullwidth digits
        "greater than 700 \U0001d426\U0001d422\U0001d425\U0001d425\U0001d422\U0001d428\U0001d427"
        " monthly active users",  # mathematical bold
        "gr\u0435\u0430ter than 700 million m\u043enthly \u0430ctive u\u0455ers",  # Cyrillic
        "greater than 700 million m\u03bfnthly \u03b1ctive users",  # Greek omicron and alpha
        "GREATER THAN 700 MILL\u0399\u039fN M\u041eNTHLY ACTIVE USERS",  # Greek, Cyrillic capitals
    ],
)
def test_look_alikes_and_invisibles_read_as_latin(raw: str) -> None:
    assert normalise(raw).lower() == "greater than 700 million monthly active users"


def test_capital_look_alikes_in_latin_words() -> None:
    # Cyrillic А, В, Е, К, М, Н, О, Р, С, Т, Х and Greek Α, Β, Ε, Ζ, Η, Ι, Κ, Μ, Ν, Ο, Ρ, Τ, Υ, Χ
    cyrillic = "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"
    greek = "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"
    assert normalise(f"x{cyrillic}") == "xABEKMHOPCTX"
    assert normalise(f"x{greek}") == "xABEZHIKMNOPTYX"


def test_lone_look_alike_words_fold_in_a_latin_text() -> None:
    # "сору" is Cyrillic through and through, but in an English text it stands for "copy"
    text = "You may \u0441\u043e\u0440\u0443 and distribute the Model for any purpose you like."
    assert normalise(text) == "You may copy and distribute the Model for any purpose you like."


@pytest.mark.parametrize(
    "text",
    [
        "Η άδεια αυτή σας επιτρέπει να χρησιμοποιείτε το μοντέλο για κάθε σκοπό.",
        "Эта лицензия разрешает вам использовать модель для любых целей.",
        "Лицензия: о модели, а также с весами и у автора.",  # words of look-alikes alone
        "本许可证授予您使用、复制和修改本模型的权利，但不得用于商业目的（包括销售）。",
        "本契約は、本モデルを研究目的でのみ使用することを許諾します。",
        "이 라이선스는 모델을 모든 목적으로 사용할 수 있도록 허락합니다.",
        "价格：￥100，详见附件Ａ。",  # fullwidth signs next to CJK stay; the letter folds
    ],
    ids=["greek", "russian", "russian-short-words", "chinese", "japanese", "korean", "cjk-signs"],
)
def test_genuine_non_latin_text_is_left_alone(text: str) -> None:
    expected = text.replace("Ａ", "A")
    assert normalise(text) == expected


def test_cjk_characters_that_nfkc_would_change_are_kept() -> None:
    # Kangxi radical one, a compatibility ideograph and a squared word: NFKC rewrites all three
    text = "\u2f00\uf900\u337f 许可"
    assert normalise(text) == text


def test_fullwidth_signs_fold_in_a_text_without_cjk() -> None:
    assert normalise("more than \uff0410,000,000 in revenue\uff01") == (
        "more than $10,000,000 in revenue!"
    )


def test_folding_keeps_line_breaks() -> None:
    raw = "one m\u0456llion\r\nsecond\fline\u2028third\n"
    folded = fold_characters(raw)
    assert folded.count("\n") == raw.count("\n")
    assert "million" in folded


def test_folding_a_large_mixed_text_is_quick() -> None:
    text = ("Лицензия m\u0456llion ΑΒΓ \u200b中文 " * 40_000)[:1_000_000]
    started = time.perf_counter()
    normalise(text)
    assert time.perf_counter() - started < 5


# --- the analysis -----------------------------------------------------------------------------


def test_hidden_threshold_and_non_commercial_are_flagged() -> None:
    found = flags_of(HIDDEN)
    assert found["user-threshold"]["threshold"] == 700_000_000
    assert found["user-threshold"]["metric"] == "monthly active users"
    assert "non-commercial" in found


def test_zero_width_space_in_the_number_word() -> None:
    text = HIDDEN.replace(f"m{CYRILLIC_I}llion", f"mil{ZWSP}lion")
    assert flags_of(text)["user-threshold"]["threshold"] == 700_000_000


def test_the_same_text_without_tricks_gives_the_same_flags() -> None:
    plain = HIDDEN.replace(CYRILLIC_I, "i").replace(ZWJ, "")
    assert flags_of(plain) == flags_of(HIDDEN)


# --- check, end to end ----------------------------------------------------------------------------


def run_check(cwd: Path, *args: str) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)  # no policy file above a temporary directory: the default policy
    try:
        result = CliRunner().invoke(
            app,
            ["check", "--today", "2026-11-28", *args],
            env={"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"},
        )
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_check_fails_a_license_hiding_its_restrictions(tmp_path: Path) -> None:
    license_file = tmp_path / "LICENSE"
    license_file.write_text(HIDDEN, encoding="utf-8")
    code, out, err = run_check(tmp_path, str(license_file))
    assert code == 1, out + err
    assert "user-threshold" in out and "700,000,000" in out
    assert "non-commercial" in out


def test_check_points_at_the_lines_of_hidden_words(tmp_path: Path) -> None:
    license_file = tmp_path / "LICENSE"
    license_file.write_text(HIDDEN, encoding="utf-8")
    code, out, err = run_check(tmp_path, "-f", "sarif", str(license_file))
    assert code == 1, err
    lines = {
        result["ruleId"]: result["locations"][0]["physicalLocation"]["region"]["startLine"]
        for result in json.loads(out)["runs"][0]["results"]
    }
    raw_lines = HIDDEN.splitlines()
    assert "greater than 700" in raw_lines[lines["user-threshold"] - 1]
    assert "may not use" in raw_lines[lines["non-commercial"] - 1]


def test_find_words_falls_back_to_the_folded_text() -> None:
    raw = f"first line\nmore than 7 m{CYRILLIC_I}llion users\n"
    # start and end: "7 million users" on line 2, columns 11 to 26
    assert _find_words(raw, "7 million users", fold_characters(raw)) == (2, 11, 2, 26)
    assert _find_words(raw, "7 million users") is None  # the raw text alone hides the words
    assert _find_words(raw, "nothing like this here", fold_characters(raw)) is None
