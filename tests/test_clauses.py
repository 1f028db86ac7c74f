"""Segmentation into the clause tree, on texts written for these tests."""

from __future__ import annotations

from licensecmp.clauses import Clause, innermost, split_clauses
from licensecmp.text import normalise


def tree(raw: str) -> list[tuple[str, str, int]]:
    """(ref, heading, depth) of every clause in reading order."""
    out: list[tuple[str, str, int]] = []

    def walk(nodes: tuple[Clause, ...], depth: int) -> None:
        for c in nodes:
            out.append((c.ref, c.heading, depth))
            walk(c.children, depth + 1)

    walk(split_clauses(normalise(raw)), 0)
    return out


NESTED = """\
ACME MODEL LICENCE

"Model" means the trained weights we publish.
"You" means the person accepting these terms.

1. Permissions.
a. Grant. We let you run, copy and change the Model.
b. Sharing.
i. Keep this licence with each copy.
ii. Tell people what you changed.
2. Big Users. Firms above a size need our consent.
3. No Warranty. The Model comes as it is.
"""


def test_numbered_letters_and_romans_nest_with_printed_refs() -> None:
    assert tree(NESTED) == [
        ("ACME MODEL LICENCE", "ACME MODEL LICENCE", 0),
        ("Definitions", "Definitions", 0),
        ('"Model"', "", 1),
        ('"You"', "", 1),
        ("1", "Permissions", 0),
        ("1.a", "Grant", 1),
        ("1.b", "Sharing", 1),
        ("1.b.i", "", 2),
        ("1.b.ii", "", 2),
        ("2", "Big Users", 0),
        ("3", "No Warranty", 0),
    ]


def test_parenthesised_items_attach_to_their_number_without_a_dot() -> None:
    raw = (
        "4. Sharing. You may pass the model on if:\n"
        "(a) you give each recipient these terms; and\n"
        "(b) you keep our notices.\n"
        "5. Ending. These terms end on breach.\n"
    )
    assert [(r, d) for r, _, d in tree(raw)] == [("4", 0), ("4(a)", 1), ("4(b)", 1), ("5", 0)]


def test_letter_i_after_h_is_a_letter_and_ii_is_a_numeral() -> None:
    items = "".join(f"({c}) item {c} of the list;\n" for c in "abcdefghij")
    raw = "1. Limits. You must not:\n" + items + "(ii) nor this.\n"
    refs = [r for r, _, _ in tree(raw)]
    assert refs[9:12] == ["1(i)", "1(j)", "1(j)(ii)"]


def test_dotted_numbers_nest_under_their_parent() -> None:
    raw = (
        "1. Definitions\n\n1.1 Model. The weights.\n\n1.2 Output. What it makes.\n\n"
        "1.2.1 Text output. Words.\n\n2. Grant\n\n2.1 Use. You may use it.\n"
    )
    assert [(r, d) for r, _, d in tree(raw)] == [
        ("1", 0),
        ("1.1", 1),
        ("1.2", 1),
        ("1.2.1", 2),
        ("2", 0),
        ("2.1", 1),
    ]


def test_sections_articles_and_attachments() -> None:
    raw = (
        "Article I - Scope\n\nThis applies to the model.\n\n"
        "Section 2. Use\n\nYou may use it.\n\n"
        "Attachment A\n\nThings you must not do:\n\n"
        "1. harm people;\n\n2. break the law.\n"
    )
    assert tree(raw) == [
        ("Article I", "Scope", 0),
        ("2", "Use", 1),  # sections keep their own number inside an article
        ("Attachment A", "Attachment A", 0),
        ("Attachment A ¶1", "", 1),
        ("Attachment A.1", "", 1),
        ("Attachment A.2", "", 1),
    ]


def test_markdown_headings_open_scopes_for_paragraphs() -> None:
    raw = "# Terms\n\n## Use\n\nUse it well.\n\nMore on use.\n\n## Sharing\n\nShare it.\n"
    assert tree(raw) == [
        ("Terms", "Terms", 0),
        ("Use", "Use", 0),
        ("¶1", "", 1),
        ("¶2", "", 1),
        ("Sharing", "Sharing", 0),
        ("¶3", "", 1),
    ]


def test_unnumbered_license_becomes_paragraphs() -> None:
    raw = (
        "Anyone may use, copy and share this work\nfor any purpose.\n\n"
        "Keep this notice in every copy.\n\n"
        "THE WORK COMES WITH NO PROMISE OF ANY KIND AND\nNO ONE IS LIABLE FOR WHAT IT DOES.\n"
    )
    assert [r for r, _, _ in tree(raw)] == ["¶1", "¶2", "¶3"]


def test_spans_cover_children_and_innermost_finds_the_deepest() -> None:
    text = normalise(NESTED)
    clauses = split_clauses(text)
    one = next(c for c in clauses if c.ref == "1")
    assert all(one.start <= c.start and c.end <= one.end for c in one.walk())
    at = text.index("Tell people")
    found = innermost(clauses, at)
    assert found is not None and found.ref == "1.b.ii"
    assert text[found.start : found.end].startswith("ii. Tell people")
    assert innermost(clauses, len(text) + 5) is None


def test_a_number_printed_tight_against_its_heading_is_a_clause() -> None:
    raw = (
        "1.Meanings In these terms, the Tool is our program.\n\n"
        "2.Rights given We let you run the Tool.\n\n"
        "Version 2.0 of the Tool is 3.5x faster; see 4.b below.\n"
    )
    assert [(ref, depth) for ref, _, depth in tree(raw)] == [("1", 0), ("2", 0)]


def test_a_tight_number_keeps_its_heading_up_to_the_first_sentence() -> None:
    raw = (
        "1.Meanings In these terms, the Tool is our program.\n\n"
        "2.Scope of the rights given by the Terms The Maker lets you run the Tool.\n\n"
        "3.Sharing with others You may pass the Tool on.\n"
    )
    assert [(ref, heading) for ref, heading, _ in tree(raw)] == [
        ("1", "Meanings"),
        ("2", "Scope of the rights given by the Terms"),
        ("3", "Sharing with others"),
    ]


def test_a_version_line_under_the_title_is_no_clause() -> None:
    raw = "The Widget Licence\n\nV. 2.1\n\n1. Grant. We let you use the widget.\n"
    assert [ref for ref, _, _ in tree(raw)] == ["¶1", "¶2", "1"]


def test_a_list_restarting_under_a_heading_item_nests_in_the_same_style() -> None:
    raw = (
        "1. Grant.\n\nYou may run the tool.\n\n"
        "2. Limits.\n\n"
        "1. Keep this licence with every copy.\n\n"
        "2. You will not use the tool to spy on people.\n\n"
        "3. Pass the limits in section 2.2 on to your users.\n\n"
        "3. Ending\n\nThese terms end on breach.\n"
    )
    assert [(ref, depth) for ref, _, depth in tree(raw)] == [
        ("1", 0),
        ("2", 0),
        ("2.1", 1),
        ("2.2", 1),
        ("2.3", 1),
        ("3", 0),
    ]


def test_a_list_after_an_item_that_does_not_open_it_stays_at_the_top() -> None:
    # "2." has a body that does not lead into a list: a later "1." starts over, as printed
    raw = (
        "1. Grant. You may run the tool.\n\n"
        "2. Integration. This is the whole agreement between us.\n\n"
        "1. Extra terms apply to the plug-in.\n"
    )
    assert [(ref, depth) for ref, _, depth in tree(raw)] == [("1", 0), ("2", 0), ("1", 0)]


def test_a_list_led_in_by_its_item_nests_below_it() -> None:
    raw = (
        "4. Sharing. You may share the tool if you meet these conditions:\n\n"
        "1. you keep our notices; and\n\n"
        "2. you mark your changes.\n\n"
        "5. Ending. These terms end on breach.\n"
    )
    assert [(ref, depth) for ref, _, depth in tree(raw)] == [
        ("4", 0),
        ("4.1", 1),
        ("4.2", 1),
        ("5", 0),
    ]
