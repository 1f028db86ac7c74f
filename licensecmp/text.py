"""Reading input: bytes to text, markup to text, and the normal form every offset refers to.

The normal form is plain text whose blocks (paragraphs, list items, headings) are
separated by one blank line. Hard-wrapped lines are joined back into their
paragraph; list items and headings stay blocks of their own. Markdown headings
keep their `#` marks so the clause splitter can see them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import chain
from pathlib import Path
from typing import Any

from licensecmp.errors import InputError

DEFAULT_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Document:
    """A license text in normal form, with what was learned while reading it."""

    text: str
    markup: str  # "text", "markdown" or "html"
    sha256: str
    metadata: Mapping[str, Any] = field(default_factory=dict)  # model-card front matter


# --- bytes to text -------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, name: str | None = None) -> bytes:
    """Read a file, refusing what is missing, not a regular file, or larger than `max_bytes`.

    Errors call the file `name` when given: the path the user knows (a model snapshot's
    `LICENSE`) rather than the one read (the cache blob it links to)."""
    shown = name or str(path)
    try:
        if path.is_dir():
            raise InputError(f"{shown}: is a directory, not a license file")
        if not path.exists():
            raise InputError(f"{shown}: no such file")
        if not path.is_file():
            raise InputError(f"{shown}: not a regular file")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    check_size(data, shown, max_bytes=max_bytes)
    return data


def check_size(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse input over the size limit (a license is rarely over 100 kB)."""
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: larger than {max_bytes:,} bytes; raise --max-bytes to read it anyway"
        )


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 with or without BOM, UTF-16/32 with BOM; binary is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: not valid {encoding.upper()} at byte {exc.start + len(bom)}"
                ) from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a license text")
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f") + sample.count(
        127
    )
    if sample and controls / len(sample) > 0.01:
        raise InputError(f"{name}: binary file (control characters), not a license text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 at byte {exc.start}; convert it to UTF-8 first"
        ) from None
    return text


# --- markup to text ------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p div section article header footer main aside blockquote pre table tr dl dt dd ul ol "
    "br hr body html nav form figure figcaption address".split()
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})


class _HTMLText(HTMLParser):
    """Collect the readable text of an HTML page: blocks, headings as `#`, numbered items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.lists: list[list[int]] = []  # per open list: [is_ordered, counter]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _HEADINGS:
            self.parts.append("\n\n" + "#" * _HEADINGS[tag] + " ")
        elif tag in ("ol", "ul"):
            start = next((v for k, v in attrs if k == "start" and v and v.isdigit()), "1")
            self.lists.append([tag == "ol", int(start) - 1])
            self.parts.append("\n\n")
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}. "
            self.parts.append("\n\n" + marker)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag != "br" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in ("ol", "ul"):
            if self.lists:
                self.lists.pop()
            self.parts.append("\n\n")
        elif tag in _HEADINGS or tag in _BLOCK_TAGS or tag == "li":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            # inside HTML, line breaks in the source are only spaces
            self.parts.append(re.sub(r"\s+", " ", data))


# What `HTMLParser` is given: each tag rewritten as `<name>` (`<ol start="N">` keeps its
# start), comments, declarations and processing instructions dropped, and every other `<`
# written `&lt;`. Python's parser before 3.13.4 (and 3.12.11, 3.11.13) rescans the rest of
# the input for each `<` it cannot close ("<a href='x ", "<!--" repeated): quadratic time.
# Here no part of a tag matches `<` and its alternatives start with different characters,
# so a try stops at the next `<` and every character is read by one try: linear time.
_HTML_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[A-Za-z][^\s/<>\0]*)"
    # quotes open a value only after "=": "<the program's name>" is a tag to HTML
    r"(?P<attrs>[\s/](?:[^<>=]|=\s*\"[^<\"]*\"|=\s*'[^<']*'|=(?!\s*[\"']))*)?>"
    r"|<[!?][^<>]*>"
)
_OL_START = re.compile(r"\bstart\s*=\s*[\"']?([0-9]{1,6})\b", re.I)
_HTML_SECTIONS = (("<!--", "-->"), ("<![CDATA[", "]]>"))


def _tidy_html(html: str) -> str:
    """HTML with only short, well-formed tags left, so that parsing it takes linear time."""
    parts = []
    pos = 0
    while (at := html.find("<", pos)) >= 0:
        parts.append(html[pos:at])
        section = next((s for s in _HTML_SECTIONS if html.startswith(s[0], at)), None)
        if section is not None:
            opening, closing = section
            end = html.find(closing, at + len(opening))
            pos = len(html) if end < 0 else end + len(closing)  # unclosed: it runs to the end
            continue
        tag = _HTML_TAG.match(html, at)
        if tag is None:
            parts.append("&lt;")
            pos = at + 1
            continue
        if tag.group("name"):
            start = _OL_START.search(tag.group("attrs") or "")
            keep = (
                f' start="{start.group(1)}"' if start and tag.group("name").lower() == "ol" else ""
            )
            parts.append(f"<{tag.group('close')}{tag.group('name')}{keep}>")
        pos = tag.end()
    parts.append(html[pos:])
    return "".join(parts)


def html_to_text(html: str) -> str:
    """The readable text of an HTML document, with headings marked `#` and list items kept."""
    parser = _HTMLText()
    parser.feed(_tidy_html(html))
    parser.close()
    return "".join(parser.parts)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Neither the text nor the target of a link holds "[": a try stops at the next link, so
# "[a](" repeated costs a few steps a character, not the 500 of a bounded gap.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^)\[\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^)\[\s]{1,500})(?:\s+\"[^\"\n]{0,200}\")?\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)([^*\n]{1,500}?)(?<=\S)\1")
_MD_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_])_(?![\w_])")
_MD_CODE = re.compile(r"`([^`\n]{1,500})`")
_MD_SETEXT = re.compile(r"^([^\n]+)\n(=+|-+)[ \t]*$", re.M)
_MD_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.M)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_MD_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
# Only real HTML tags: "<name of author>" and "<user@host>" are words of the license.
_MD_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|big|blockquote|br|center|code|dd|del|details|div|dl|dt|em|font|h[1-6]|hr"
    r"|i|img|ins|kbd|li|ol|p|pre|s|small|span|strong|sub|summary|sup|table|tbody|td|th|thead"
    r"|tr|u|ul)\b(?:\s[^<>\n]{0,300})?/?>",
    re.I,
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!\"'])")


def _yaml_failures() -> tuple[type[BaseException], ...]:
    import yaml

    # a 5,000-digit integer (int() refuses it) and 20,000 nested "[" (the parser recurses)
    # are broken front matter too, not a crash
    return (yaml.YAMLError, ValueError, RecursionError, OverflowError)


def split_front_matter(text: str) -> tuple[Mapping[str, Any], str]:
    """Split YAML front matter (a model card's metadata) from the body.

    Broken YAML does not stop the analysis of the body: the metadata is then empty
    apart from `_error`, which callers may report.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    body = text[match.end() :]
    import yaml  # installed with spdx-tools; imported only for model cards

    failures = _yaml_failures()
    try:
        meta = yaml.safe_load(match.group(1))
    except failures as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        kept, broken = _salvage_front_matter(match.group(1))
        return {**kept, "_error": f"front matter is not valid YAML{where}", "_broken": broken}, body
    return (meta if isinstance(meta, dict) else {}), body


# A top-level key of YAML front matter: a quoted or plain scalar at the start of a line,
# then a colon; bounded runs, so a long line costs one pass.
_TOP_KEY = re.compile(
    r"^(?:(?P<quote>[\"'])(?P<quoted>[^\"'\n]{1,200})(?P=quote)"
    r"|(?P<plain>[^\s#:\-\[\]{}&*!|>'\"%@`][^:\n]{0,200}?))"
    r"[ \t]*:(?:[ \t]|$)"
)


def _salvage_front_matter(raw: str) -> tuple[dict[str, Any], list[str]]:
    """What broken front matter still says: each top-level key's block (its line and the
    indented or list lines under it) parsed alone. Returns the blocks that parse, and the
    names of those that do not (an unclosed list hides only its own key), in order."""
    import yaml

    failures = _yaml_failures()
    blocks: list[tuple[str, list[str]]] = []
    for line in raw.splitlines():
        found = _TOP_KEY.match(line)
        if found is not None:
            blocks.append(((found.group("quoted") or found.group("plain")).strip(), [line]))
        elif blocks:
            blocks[-1][1].append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            blocks.append(("", [line]))  # text before the first key: broken, names nothing
    kept: dict[str, Any] = {}
    broken: list[str] = []
    for key, lines in blocks:
        try:
            value = yaml.safe_load("\n".join(lines))
        except failures:
            value = None
        if key and isinstance(value, dict) and key in value:
            kept[key] = value[key]
        else:
            broken.append(key or "?")
    return kept, broken


def markdown_to_text(md: str) -> str:
    """Plain text from Markdown: headings keep `#`, list numbering stays, inline marks go."""
    md = _MD_FENCE.sub("", md)
    md = _MD_SETEXT.sub(lambda m: ("# " if m.group(2)[0] == "=" else "## ") + m.group(1), md)
    md = _MD_RULE.sub("", md)
    md = _MD_QUOTE.sub("", md)
    md = _MD_IMAGE.sub("", md)
    md = _MD_LINK.sub(
        lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", md
    )
    md = _MD_HTML_TAG.sub("", md)
    md = _MD_CODE.sub(r"\1", md)
    md = _MD_EMPHASIS.sub(r"\2", md)
    md = _MD_EMPHASIS.sub(r"\2", md)  # nested emphasis: **_word_**
    md = _MD_UNDERSCORE.sub(r"\1", md)
    return _MD_ESCAPE.sub(r"\1", md)


_MD_SIGNS = re.compile(r"^\d{1,3}\\\.|\*\*[^*\n]{1,80}\*\*", re.M)


def sniff_markup(text: str, suffix: str = "") -> str:
    """Guess the markup of a text from its file suffix, then from its first lines."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown", ".mdown"):
        return "markdown"
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|p|div|h[1-6])\b", head):
        return "html"
    if _FRONT_MATTER.match(text) or re.search(r"^#{1,6} \S", text[:20000], re.M):
        return "markdown"
    # Markdown without headings still shows itself by escaped numbers and bold runs.
    if len(_MD_SIGNS.findall(text[:20000])) >= 3:
        return "markdown"
    return "text"


# --- characters: invisible, compatibility and look-alike forms ----------------------------

# Format characters that show as nothing. Inside a word they would hide it from every rule
# ("mil\u200blion" is not "million"): soft hyphen, zero-width spaces and joiners, bidi marks,
# embeddings, overrides and isolates, word joiner and invisible operators, byte order mark,
# Mongolian vowel separator, grapheme joiner, variation selectors and tag characters.
_INVISIBLE: dict[int, None] = dict.fromkeys(
    [
        0x00AD,
        0x034F,
        0x061C,
        0x180E,
        0xFEFF,
        0xE0001,
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2065),
        *range(0x2066, 0x206A),
        *range(0xFE00, 0xFE10),
        *range(0xE0020, 0xE0080),
    ]
)

# Chinese, Japanese and Korean writing, which the compatibility folding leaves as it is:
# NFKC would turn Kangxi radicals and compatibility ideographs into other characters and
# squared words into Latin ones. Halfwidth katakana and hangul are kept too.
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff61-\uffdc"
    "\U00020000-\U0003134f"
)
# Fullwidth punctuation and signs (，：（）￥) are how CJK text is punctuated: in a text that
# has CJK they stay; elsewhere they fold to ASCII ("＄10 million" is "$10 million").
_FULLWIDTH_SIGNS = "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff60\uffe0-\uffee"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_KEPT_RUN = re.compile(f"[{_CJK}{_FULLWIDTH_SIGNS}]+")

# Cyrillic and Greek letters that look like Latin ones (after Unicode's confusables list),
# and the IPA letters ɑ and ɡ. "m\u0456llion" (Cyrillic і) must read "million".
_CONFUSABLES: dict[int, int] = str.maketrans(
    # Cyrillic
    "аеорсхуүіјѕԁԛԝһӏѵ"
    "АВЕКМНОРСТХУҮІЈЅԚԜҺӀѴ"
    # Greek
    "αγικνορυχϲϳ"
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹͿ"
    # IPA
    "ɑɡ",
    "aeopcxyyijsdqwhlvABEKMHOPCTXYYIJSQWHIVayikvopuxcjABEZHIKMNOPTYXCJag",
)
_CONFUSABLE = re.compile("[" + "".join(chr(c) for c in _CONFUSABLES) + "]")
_LETTERS = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
_NOT_LATIN = re.compile(r"[^A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+")
_NOT_CYRILLIC_GREEK = re.compile(r"[^\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff]+")


class TextGrows(ValueError):
    """A text whose compatibility folding makes it many times longer: U+FDFA is one
    character that NFKC writes as 18, so a file inside the size limit would be read as
    many times its size. Refused before anything else reads it."""

    def __init__(self, before: int, after: int) -> None:
        super().__init__(f"grows from {before} to {after} characters when normalised")
        self.before, self.after = before, after


# How much longer than the text as written its normal form may be. Ligatures (ﬃ) and
# fullwidth or mathematical letters fold to at most three characters, and a license uses
# few of them; only a text made to expand comes near this.
_MAX_GROWTH = 2


def _compatibility(text: str) -> str:
    """NFKC (fullwidth and mathematical letters and digits, ligatures) outside CJK writing."""
    if text.isascii():
        return text
    folded = _nfkc_outside_cjk(text)
    if len(folded) > _MAX_GROWTH * len(text) + 10_000:
        raise TextGrows(len(text), len(folded))
    return folded


def _nfkc_outside_cjk(text: str) -> str:
    if not _CJK_CHAR.search(text):
        return unicodedata.normalize("NFKC", text)
    parts = []
    pos = 0
    for kept in _KEPT_RUN.finditer(text):
        parts.append(unicodedata.normalize("NFKC", text[pos : kept.start()]))
        parts.append(kept.group())
        pos = kept.end()
    parts.append(unicodedata.normalize("NFKC", text[pos:]))
    return "".join(parts)


def _latin_look_alikes(text: str) -> str:
    """Cyrillic and Greek look-alikes written as the Latin letters they imitate, only where
    they stand for Latin: in a word that also has Latin letters, or, in a text that is
    overwhelmingly Latin, in a word made of look-alikes alone ("сору"). Greek and Cyrillic
    words of a Greek or Cyrillic text keep their letters."""
    if not _CONFUSABLE.search(text):
        return text
    latin = len(_NOT_LATIN.sub("", text))
    others = len(_NOT_CYRILLIC_GREEK.sub("", text))
    latin_text = latin >= 4 * others  # four Latin letters to one Cyrillic or Greek

    def word(match: re.Match[str]) -> str:
        letters = match.group()
        if not _CONFUSABLE.search(letters):
            return letters
        if _LATIN_LETTER.search(letters) or (latin_text and not _CONFUSABLE.sub("", letters)):
            return letters.translate(_CONFUSABLES)
        return letters

    return _LETTERS.sub(word, text)


def fold_characters(text: str) -> str:
    """The characters of the normal form, line breaks untouched: invisible format characters
    removed, compatibility forms folded (not in CJK text), Latin look-alikes made Latin,
    typographic quotes, dashes, spaces and bullets made plain."""
    text = text.translate(_INVISIBLE)
    text = _compatibility(text)
    text = _latin_look_alikes(text)
    return text.translate(_CHAR_MAP)


# --- the normal form -----------------------------------------------------------------------

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\t": " ",
        "\u2022": "-",
        "\u25cf": "-",
        "\u25aa": "-",
        "\u2023": "-",
        "\u2043": "-",
        "\u00b7": "-",
    }
)
_LINE_BREAKS = str.maketrans({"\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n"})

# A line that starts a block of its own even inside a paragraph: a list item or a heading.
_ITEM_START = re.compile(
    r"""^(?:
        \#{1,6}\s                                  # markdown heading
      | [-*+]\s                                    # bullet
      | \(\s?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})\s?\)\s   # (1) (a) (iv)
      | (?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{2,6})[.)]\s+(?=[A-Z"'(\[])  # 1. a) iv. before a capital
      | \d{1,3}(?:\.\d{1,3}){1,4}\.?\s+(?=[A-Z"'(\[])                # 1.1 / 1.2.3 Heading
      | (?:Section|SECTION|Article|ARTICLE|Clause|CLAUSE)\s+[0-9IVXivx]{1,6}[.:)]?\s
      | (?:Attachment|ATTACHMENT|Exhibit|EXHIBIT|Schedule|SCHEDULE|Appendix|APPENDIX
          |Annex|ANNEX|Addendum|ADDENDUM)(?:\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4}))?\s*(?:[:.-]|$)
    )""",
    re.X,
)
_SPACES = re.compile(r"[ ]{2,}")
# Decoration: rules of dashes or stars, and the borders of a box drawn with asterisks.
_RULE_LINE = re.compile(r"[-=*_~#+]{3,}")
_BOXED_LINE = re.compile(r"\*\s?(.*?)\s?\*|\*")
# A definition ('"Model" means ...') on a new line after a full stop starts a block.
_DEFINITION_LINE = re.compile(r'^"[^"]{1,60}"[^.]{0,40}?\b(?:means|shall mean|refers to)\b')
# Items written "7." or "b)" start a block only after a line that could end a list entry;
# "see section\n7. This..." is a wrapped sentence, not an item.
_BARE_ITEM = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,4}|[a-zA-Z]|[ivxlcIVXLC]{2,6})[.)]?\s")
_ENDS_ENTRY = re.compile(r"(?:[.:;!?)\"']|\b(?:and|or))$")
_REFERS_ON = re.compile(r"(?i)\b(?:sections?|subsections?|clauses?|paragraphs?|articles?)$")


_SMALL_WORDS = frozenset("a an and as at by for in of on or the to with".split())
_ATTACHMENT_LINE = re.compile(
    r"(?:Attachment|Exhibit|Schedule|Appendix|Annex|Addendum)(?:\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4}))?"
    r"\s*[:.-]?",
    re.I,
)


def _is_caps_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


def _is_heading_line(line: str, following: str) -> bool:
    """A Markdown heading, or a short line in capitals not continued by another such line.

    Warranty disclaimers are whole paragraphs in capitals: their lines join up as usual.
    """
    if line.startswith("#") or _ATTACHMENT_LINE.fullmatch(line):
        return True
    words = line.split()
    if (
        len(words) <= 6
        and following[:1].isupper()
        and not line.endswith((".", ",", ";", ":", "-"))
        and all(w[:1].isupper() or w in _SMALL_WORDS for w in words)
        and not _ITEM_START.match(line)
    ):
        return True  # a short Title Case line standing over a paragraph: "Use Restrictions"
    return (
        _is_caps_line(line)
        and len(line.split()) <= 14
        and not line.endswith((",", ";", "-"))
        and not _is_caps_line(following)
    )


def _undecorate(line: str) -> str:
    """A line with its box border removed, or empty for a rule line."""
    if _RULE_LINE.fullmatch(line):
        return ""
    boxed = _BOXED_LINE.fullmatch(line)
    if boxed:
        inner = (boxed.group(1) or "").strip()
        return "" if _RULE_LINE.fullmatch(inner) else inner
    return line


def _starts_item(line: str, first: str, head: str, previous: str) -> bool:
    """Whether `line` starts a block of its own after a block that began with `first`.

    The previous line is given by its start (`head`) and its end (`previous`): a line
    rejoined from a word hyphenated across lines is kept in pieces, which are only joined
    when the block is done (joining them at every line would take quadratic time).
    Every test here looks only at the start or the end of a line.
    """
    if _DEFINITION_LINE.match(line) and previous.endswith((".", ";")):
        return True
    if not _ITEM_START.match(line) or _REFERS_ON.search(previous):
        return False
    in_list = bool(_ITEM_START.match(first))
    ends_entry = head.startswith("#") or bool(_ENDS_ENTRY.search(previous))
    return not _BARE_ITEM.match(line) or in_list or ends_entry


def normalise(text: str) -> str:
    """Normal form: characters folded (`fold_characters`), paragraphs unwrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = fold_characters(text).translate(_LINE_BREAKS)
    lines = [_undecorate(_SPACES.sub(" ", raw.strip())) for raw in text.split("\n")]
    blocks: list[str] = []
    current: list[str] = []  # the pieces of the block being read
    joints: list[str] = []  # what precedes each piece: "" after a hyphen, else a space
    head = ""  # the first piece of the block's last line

    def flush() -> None:
        if current:
            joints[0] = ""
            blocks.append("".join(chain.from_iterable(zip(joints, current, strict=True))))
            current.clear()
            joints.clear()

    for i, line in enumerate(lines):
        if not line:
            flush()
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if current and _starts_item(line, current[0], head, current[-1]):
            flush()
        heading = not current and _is_heading_line(line, following)
        if current and current[-1].endswith("-") and line[:1].islower():
            joints.append("")  # a word hyphenated across lines
        else:
            joints.append(" ")
            head = line
        current.append(line)
        if heading:
            flush()
    flush()
    return "\n\n".join(blocks)


def to_document(data: bytes, name: str, *, suffix: str = "") -> Document:
    """Bytes as read from a source to a `Document` in normal form."""
    raw = decode(data, name)
    if not raw.strip():
        raise InputError(f"{name}: empty, no license text to read")
    markup = sniff_markup(raw, suffix)
    metadata: Mapping[str, Any] = {}
    if markup == "html":
        body = html_to_text(raw)
    elif markup == "markdown":
        metadata, body = split_front_matter(raw)
        body = markdown_to_text(body)
    else:
        body = raw
    try:
        text = normalise(body)
    except TextGrows as exc:
        raise InputError(
            f"{name}: grows from {exc.before:,} to {exc.after:,} characters when its Unicode "
            "is normalised; refusing to read it"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: no license text after removing markup")
    return Document(
        text=text, markup=markup, sha256=hashlib.sha256(data).hexdigest(), metadata=metadata
    )
