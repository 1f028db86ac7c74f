"""Reading input: bytes to text, markup to text, and the normal form."""

from __future__ import annotations

import pytest

from licensecmp.errors import InputError
from licensecmp.text import (
    decode,
    html_to_text,
    markdown_to_text,
    normalise,
    sniff_markup,
    split_front_matter,
    to_document,
)

SAMPLE = "You may share the model for any purpose."


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        b"\xff\xfe" + SAMPLE.encode("utf-16-le"),
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_decode_accepts_unicode_encodings(data: bytes) -> None:
    assert decode(data, "x") == SAMPLE


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x00\x00binary", "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 9)) * 20, "binary"),
        ("Licence accord\u00e9e".encode("latin-1"), "UTF-8"),
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le")[:-1], "UTF-16"),
    ],
    ids=["nul-bytes", "control-chars", "latin-1", "truncated-utf16"],
)
def test_decode_refuses_binary_and_invalid_text(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data, "input")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  "], ids=["empty", "blank"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        to_document(data, "LICENSE")


def test_line_ends_quotes_dashes_and_spaces_are_normalised() -> None:
    raw = "\u201cModel\u201d means the weights \u2014 and\u00a0the\r\ncode\u2019s parts.\r\n"
    assert normalise(raw) == '"Model" means the weights - and the code\'s parts.'


def test_wrapped_lines_are_joined_but_items_and_headings_stay_apart() -> None:
    raw = (
        "TERMS OF USE\n"
        "You may copy and share the\n"
        "weights, subject to the following:\n"
        "(a) keep this notice with every\n"
        "    copy; and\n"
        "(b) do not remove any mark.\n"
        "\n"
        "1. Grant. The provider grants\n"
        "you a licence.\n"
        "1.1 Scope. It covers the model.\n"
    )
    assert normalise(raw).split("\n\n") == [
        "TERMS OF USE",
        "You may copy and share the weights, subject to the following:",
        "(a) keep this notice with every copy; and",
        "(b) do not remove any mark.",
        "1. Grant. The provider grants you a licence.",
        "1.1 Scope. It covers the model.",
    ]


def test_a_number_at_the_start_of_a_wrapped_line_is_not_an_item() -> None:
    raw = "The duty of section\n7. This applies to each copy.\nIt ends in\n2026. Then stop.\n"
    assert normalise(raw) == (
        "The duty of section 7. This applies to each copy. It ends in 2026. Then stop."
    )


def test_a_paragraph_in_capitals_is_joined_not_split_into_headings() -> None:
    raw = (
        "THE MODEL COMES AS IT IS, WITH NO\nPROMISE OF ANY KIND, AND THE\nMAKERS OWE YOU NOTHING.\n"
    )
    assert normalise(raw) == (
        "THE MODEL COMES AS IT IS, WITH NO PROMISE OF ANY KIND, AND THE MAKERS OWE YOU NOTHING."
    )


def test_hyphenated_word_across_lines_is_rejoined() -> None:
    assert normalise("only for non-\ncommercial work") == "only for non-commercial work"


def test_markdown_keeps_headings_and_numbers_and_drops_inline_marks() -> None:
    md = (
        "# Model Terms\n\n"
        "## 2. **Extra** terms\n\n"
        "See the [use policy](https://example.org/policy) and `config`.\n\n"
        "1. First item\n2. _Second_ item\n"
    )
    text = normalise(markdown_to_text(md))
    assert text.split("\n\n") == [
        "# Model Terms",
        "## 2. Extra terms",
        "See the use policy (https://example.org/policy) and config.",
        "1. First item",
        "2. Second item",
    ]


def test_html_drops_scripts_keeps_headings_and_numbers_list_items() -> None:
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<h2>Use limits</h2><script>var a = 1;</script>"
        "<p>You must not:</p><ol><li>resell the weights</li><li>train rivals</li></ol>"
        "<p>Fish &amp; chips</p></body></html>"
    )
    assert normalise(html_to_text(html)).split("\n\n") == [
        "## Use limits",
        "You must not:",
        "1. resell the weights",
        "2. train rivals",
        "Fish & chips",
    ]


def test_model_card_front_matter_is_metadata_and_body_is_analysed() -> None:
    card = (
        b"---\nlicense: other\nlicense_name: acme-model\nbase_model: acme/base-7b\n---\n"
        b"# Acme\n\nText.\n"
    )
    doc = to_document(card, "README.md", suffix=".md")
    assert doc.markup == "markdown"
    assert doc.metadata == {
        "license": "other",
        "license_name": "acme-model",
        "base_model": "acme/base-7b",
    }
    assert doc.text == "# Acme\n\nText."


def test_broken_front_matter_is_reported_in_metadata_not_raised() -> None:
    meta, body = split_front_matter("---\nlicense: [unclosed\n---\nBody\n")
    assert "_error" in meta and "line" in str(meta["_error"])
    assert body == "Body\n"


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("plain words", ".txt", "text"),
        ("plain words", ".md", "markdown"),
        ("<!DOCTYPE html><p>x</p>", "", "html"),
        ("# Heading\n\nbody", "", "markdown"),
        ("x", ".HTML", "html"),
    ],
)
def test_markup_is_sniffed_from_suffix_then_content(text: str, suffix: str, expected: str) -> None:
    assert sniff_markup(text, suffix) == expected


def test_box_of_asterisks_and_rule_lines_are_decoration() -> None:
    raw = (
        "*****************************\n"
        "*  9. No Promise            *\n"
        "*  ---------------          *\n"
        "*                           *\n"
        "*  The model comes as it    *\n"
        "*  is, with no promise.     *\n"
        "*****************************\n"
    )
    assert normalise(raw).split("\n\n") == [
        "9. No Promise",
        "The model comes as it is, with no promise.",
    ]


def test_attachment_label_and_title_line_over_a_paragraph_are_headings() -> None:
    raw = (
        "Attachment B\n"
        "Forbidden Uses\n"
        "You will not use the model:\n"
        "(a) to hurt anyone.\n"
        "\n"
        "This duty is set out in\n"
        "Exhibit B of this agreement, which binds you.\n"
    )
    assert normalise(raw).split("\n\n") == [
        "Attachment B",
        "Forbidden Uses",
        "You will not use the model:",
        "(a) to hurt anyone.",
        "This duty is set out in Exhibit B of this agreement, which binds you.",
    ]


def test_markdown_keeps_angle_bracket_words_that_are_not_html() -> None:
    md = "Copyright <year> <name of author> <user@example.org>\n\nKeep <b>this</b> notice.\n"
    assert normalise(markdown_to_text(md)).split("\n\n") == [
        "Copyright <year> <name of author> <user@example.org>",
        "Keep this notice.",
    ]


def test_word_hyphenated_over_several_lines_is_rejoined_in_its_block() -> None:
    raw = "It is non-\ncom-\nmercial only.\n(a) Next item"
    assert normalise(raw).split("\n\n") == ["It is non-com-mercial only.", "(a) Next item"]


def test_rejoined_heading_line_still_ends_an_entry() -> None:
    # "# Head-" + "ing" is one line that starts with "#": the numbered line after it is an item
    raw = "see section\n# Head-\ning\n7. Item"
    assert normalise(raw).split("\n\n") == ["see section # Head-ing", "7. Item"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a < b and c > d</p>", ["a < b and c > d"]),
        ("<p>x</p><!-- <p>hidden</p> --><p>y</p>", ["x", "y"]),
        ("<p>x</p><!-- never closed <p>hidden</p>", ["x"]),
        ("<p>x</p><![CDATA[ gone ]]><p>y</p>", ["x", "y"]),
        ("<!DOCTYPE html><?xml x?><p title='a>b'>kept</p>", ["kept"]),
        ("<p>mail <phk@example.org> or <the program's name></p>", ["mail or"]),
        ('<ol start="7"><li>seventh</li></ol>', ["7. seventh"]),
        (f'<ol start="{"9" * 5000}"><li>first</li></ol>', ["1. first"]),
        ("<p>open <a href='x never closed</p>", ["open <a href='x never closed"]),
    ],
    ids=[
        "bare-angles",
        "comment",
        "open-comment",
        "cdata",
        "declarations",
        "bogus-tags",
        "ol-start",
        "huge-ol-start",
        "unclosed-tag",
    ],
)
def test_html_markup_is_read_as_before_and_stray_brackets_stay_text(
    html: str, expected: list[str]
) -> None:
    assert normalise(html_to_text(html)).split("\n\n") == expected
