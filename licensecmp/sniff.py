"""What a file holds, judged by its content: a document format, or else prose.

A license is prose. A file that is, as a whole, a JSON, XML or YAML document, or an SPDX
tag-value document, is data: SPDX 2.x, SPDX 3.0 and CycloneDX go to `check`'s SBOM readers
whatever the file is called, and everything else is refused rather than read as license
prose (an SBOM whose model is licensed CC-BY-NC-4.0 must not pass as a text with no
restriction in it). Only the whole file counts: a license that quotes a JSON snippet or has
`Key: value` lines is prose.

The checks are bounded: JSON and YAML are parsed only when the text starts like them, XML
with expat and no entity ever expanded (a document that declares entities is XML, read no
further), and YAML only when essentially every line is YAML structure.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


class DocumentKind(enum.Enum):
    """The document formats recognised by content."""

    SPDX2 = "spdx-2"
    SPDX3 = "spdx-3"
    CYCLONEDX = "cyclonedx"
    JSON = "json"
    XML = "xml"
    YAML = "yaml"


# How each serialisation is named to a user; the keys of SPDX 2 are spdx-tools' formats.
_SYNTAX_NAMES = {
    "json": "JSON",
    "yaml": "YAML",
    "xml": "XML",
    "rdf": "RDF/XML",
    "tag-value": "tag-value",
    "json-ld": "JSON-LD",
}


@dataclass(frozen=True)
class Sniffed:
    """A recognised document: its kind, serialisation (`json`, `yaml`, `xml`, `rdf`,
    `tag-value`, `json-ld`), the version it declares if any, and a note (why it is taken
    for a document although it does not parse)."""

    kind: DocumentKind
    syntax: str
    version: str | None = None
    note: str = ""

    def describe(self) -> str:
        """What the file looks like, for a message: `a CycloneDX SBOM (JSON)`."""
        syntax = _SYNTAX_NAMES[self.syntax]
        if self.kind is DocumentKind.SPDX2:
            version = self.version.removeprefix("SPDX-") if self.version else "2"
            return f"an SPDX {version} document ({syntax})"
        if self.kind is DocumentKind.SPDX3:
            return f"an SPDX {self.version or '3'} document ({syntax})"
        if self.kind is DocumentKind.CYCLONEDX:
            return f"a CycloneDX SBOM ({syntax})"
        article = "an" if syntax[0] in "AEIOUX" else "a"
        return f"{article} {syntax} document"

    def refusal(self, name: str) -> str:
        """The one-line error for a command that was given this document as a license text."""
        what = self.describe() + (f" ({self.note})" if self.note else "")
        if self.kind is DocumentKind.SPDX2:
            return (
                f"{name}: {what}, not a license text; `licensecmp check` reads SPDX documents "
                "given as files"
            )
        if self.kind in (DocumentKind.SPDX3, DocumentKind.CYCLONEDX):
            return (
                f"{name}: {what}, not a license text; `licensecmp check` reads SBOMs given as files"
            )
        return f"{name}: {what}, not a license text"


def sniff(text: str) -> Sniffed | None:
    """The document format a whole text is in, or None for prose (a license, a model card)."""
    body = text.lstrip("\ufeff \t\r\n")
    if not body:
        return None
    if body[0] in "{[":
        return _sniff_json(body)
    if body[0] == "<":
        return _sniff_xml(body)
    return _sniff_lines(body)


def sniff_document_kind(data: bytes) -> str | None:
    """The kind (`spdx-2`, `cyclonedx`, `json`, …) of a file's bytes, or None for prose.

    Bytes that are not UTF-8 are read leniently: only the structure matters here.
    """
    for bom, encoding in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            found = sniff(data.decode(encoding, errors="replace"))
            return found.kind.value if found else None
    found = sniff(data.decode("utf-8", errors="replace"))
    return found.kind.value if found else None


# --- JSON -------------------------------------------------------------------------------------

# How a broken JSON document still shows itself: an object with a quoted key, a list of
# objects or of strings. "[Name of licensor]" and "[[_TOC_]]" open prose.
_JSON_START = re.compile(r"\{\s*\"[^\"\n]*\"\s*:|\[\s*\{\s*\"|\[\s*\"[^\"\n]*\"\s*[,\]]")
_SPDX3_CONTEXT = re.compile(r"spdx\.org/rdf/(3(?:\.\d+)*)")


def _sniff_json(body: str) -> Sniffed | None:
    try:
        data = json.loads(body)
    except RecursionError:
        return Sniffed(DocumentKind.JSON, "json", note="nested too deeply to read")
    except ValueError as exc:
        head = body[:8192]
        if '"spdxVersion"' in head:
            return Sniffed(DocumentKind.SPDX2, "json", _spdx2_version(head))
        if '"bomFormat"' in head and '"CycloneDX"' in head:
            return Sniffed(DocumentKind.CYCLONEDX, "json")
        if '"@context"' in head and (spdx3 := _SPDX3_CONTEXT.search(head)):
            return Sniffed(DocumentKind.SPDX3, "json-ld", spdx3.group(1))
        if not _JSON_START.match(body):
            return None  # "[Name of the licensor] grants ...": prose that opens with a bracket
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            where = f": line {exc.lineno}, column {exc.colno}"
        return Sniffed(DocumentKind.JSON, "json", note=f"it does not parse{where}")
    if isinstance(data, dict):
        if "spdxVersion" in data:
            version = data["spdxVersion"]
            return Sniffed(
                DocumentKind.SPDX2, "json", version if isinstance(version, str) else None
            )
        if str(data.get("bomFormat", "")).lower() == "cyclonedx":
            spec = data.get("specVersion")
            return Sniffed(DocumentKind.CYCLONEDX, "json", spec if isinstance(spec, str) else None)
        if "@context" in data:
            spdx3 = _SPDX3_CONTEXT.search(json.dumps(data["@context"]))
            if spdx3:
                return Sniffed(DocumentKind.SPDX3, "json-ld", spdx3.group(1))
    return Sniffed(DocumentKind.JSON, "json")


def _spdx2_version(head: str) -> str | None:
    found = re.search(r"\"spdxVersion\"\s*:\s*\"(SPDX-[\w.]+)\"", head)
    return found.group(1) if found else None


# --- XML --------------------------------------------------------------------------------------

# A root element by these names is an HTML page (a license published as a web page), which
# the markup reader handles, not an XML document.
_HTML_ROOTS = frozenset(
    "html head body p div span a b i u em strong small big font center pre blockquote br hr "
    "h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tr td th section article header "
    "footer main aside nav figure address title meta link style script details summary".split()
)
_CYCLONEDX_NS = "cyclonedx.org/schema/bom"
_SPDX_RDF_NS = "spdx.org/rdf/terms"
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


class _Stop(Exception):
    """Raised from an expat handler once the answer is known (or a DTD declares entities)."""

    def __init__(self, found: Sniffed | None) -> None:
        super().__init__()
        self.found = found


def _sniff_xml(body: str) -> Sniffed | None:
    from xml.parsers import expat

    declared = body.startswith("<?xml")
    depth = 0
    root: str | None = None
    version: list[str] = []  # text of the SPDX 2 XML spdxVersion element, while inside it
    in_version = False

    def local(name: str) -> tuple[str, str]:
        namespace, _, tag = name.rpartition(" ")
        return namespace, tag

    def doctype(name: str, *_: object) -> None:
        if name.lower() == "html":
            raise _Stop(None)

    def entity(*_: object) -> None:
        # declared entities are never expanded: a DTD with entities is XML, read no further
        raise _Stop(Sniffed(DocumentKind.XML, "xml"))

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth, root, in_version
        depth += 1
        namespace, tag = local(name)
        if depth == 1:
            root = tag
            if (not namespace and tag.lower() in _HTML_ROOTS) or namespace.endswith("xhtml"):
                raise _Stop(None)
            if _CYCLONEDX_NS in namespace:
                spec = namespace.rstrip("/").rpartition("/")[2]
                raise _Stop(Sniffed(DocumentKind.CYCLONEDX, "xml", spec or None))
        elif _SPDX_RDF_NS in namespace:
            raise _Stop(Sniffed(DocumentKind.SPDX2, "rdf"))
        elif depth == 2 and tag == "spdxVersion":
            in_version = True

    def end(name: str) -> None:
        nonlocal depth, in_version
        depth -= 1
        in_version = False

    def data(chunk: str) -> None:
        if in_version:
            version.append(chunk)

    parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(body.encode("utf-8", errors="replace"), True)
    except _Stop as stop:
        return stop.found
    except expat.ExpatError as exc:
        if "".join(version).strip().startswith("SPDX-"):
            return Sniffed(DocumentKind.SPDX2, "xml", "".join(version).strip())
        # "<YEAR> <COPYRIGHT HOLDER>" opens many a license: only a declared document is XML
        if not declared:
            return None
        return Sniffed(DocumentKind.XML, "xml", note=f"it does not parse: line {exc.lineno}")
    except RecursionError:
        return Sniffed(DocumentKind.XML, "xml") if declared else None
    spdx_version = "".join(version).strip()
    if root is not None and spdx_version.startswith("SPDX-"):
        return Sniffed(DocumentKind.SPDX2, "xml", spdx_version)
    return Sniffed(DocumentKind.XML, "xml")


# --- line formats: SPDX tag-value, YAML --------------------------------------------------------

_TAG_LINE = re.compile(r"[A-Za-z][A-Za-z0-9]*:")
_TAG_VERSION = re.compile(r"^SPDXVersion:[ \t]*(\S+)", re.M)
_YAML_SPDX_VERSION = re.compile(r"^spdxVersion:[ \t]*['\"]?(SPDX-[\w.]+)", re.M)
# A mapping key (plain or quoted) followed by ":" and a space or the end of the line, after
# any number of "- " list markers; or a bare list item.
_YAML_KEY = re.compile(
    r"(?:-[ ]+)*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:\n]*|[-?:][^\s:][^:\n]*)"
    r":(?:[ \t]|$)"
)
_YAML_ITEM = re.compile(r"-(?:[ \t]|$)")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
_MIN_YAML_LINES = 3
_WALK_BUDGET = 50_000


def _meaningful_lines(body: str) -> Iterator[str]:
    for line in body.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield line


def _sniff_lines(body: str) -> Sniffed | None:
    first = next(_meaningful_lines(body), "")
    if _TAG_LINE.match(first):
        tag_version = _TAG_VERSION.search(body)
        if tag_version:
            return Sniffed(DocumentKind.SPDX2, "tag-value", tag_version.group(1))
    if not (_YAML_KEY.match(first) or _YAML_ITEM.match(first) or first.rstrip() == "---"):
        return None
    if first.rstrip() == "---":
        # Markdown front matter: a model card is its body, prose; YAML only if that is YAML too
        rest = body[body.index("---") + 3 :]
        end = _FRONT_MATTER_END.search(rest)
        if end is not None:
            after = rest[end.end() :]
            if not after.strip() or not _yaml_lines(after, minimum=1):
                return None
    spdx = _YAML_SPDX_VERSION.search(body)
    if spdx:
        return Sniffed(DocumentKind.SPDX2, "yaml", spdx.group(1))
    if _yaml_lines(body) and _parses_as_yaml_data(body):
        return Sniffed(DocumentKind.YAML, "yaml")
    return None


def _yaml_lines(body: str, *, minimum: int = _MIN_YAML_LINES) -> bool:
    """Whether every line is YAML structure (a key, a list item, a comment, a document
    marker) or the continuation, more indented, of the key or item above it."""
    structural = 0
    indent: int | None = None
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        if line.startswith("%"):  # a directive: %YAML 1.2
            continue
        text = line.lstrip(" ")
        here = len(line) - len(text)
        if _YAML_KEY.match(text) or _YAML_ITEM.match(text):
            structural += 1
            indent = here
        elif indent is None or here <= indent:
            return False
    return structural >= minimum


def _parses_as_yaml_data(body: str) -> bool:
    """Whether the text parses as YAML into mappings that are data, not prose.

    Much prose parses as YAML too. `Grant: You may use the model for any purpose.` is a
    license written with colons (most of its words are in sentences); `Prohibited uses:`
    over a bullet list is a use policy (its key is a phrase, its list has no keys);
    `Copyright: 2024 Acme` over `License: MIT` is a notice (flat, with labels for keys).
    Data has keys that are names (`license`, `base_model`), and nests or names its keys
    in lower case.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        documents = [d for d in yaml.load_all(body, Loader=loader) if d is not None]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return False
    if not documents or not all(isinstance(d, dict | list) for d in documents):
        return False
    words = prose = 0
    keys: list[str] = []
    nested = False
    for node, is_key, depth in _nodes(documents):
        if is_key:
            keys.append(str(node))
        if isinstance(node, dict | list) and depth > 1:
            nested = True
        if isinstance(node, str):
            count = len(node.split())
            words += count
            if count >= 6 and _SENTENCE_END.search(node):
                prose += count
    names = [k for k in keys if k and not any(c.isspace() for c in k)]
    if not keys or len(names) * 2 < len(keys) or prose * 2 >= max(words, 1):
        return False
    return nested or sum(1 for k in names if not k[0].isupper()) * 2 > len(names)


def _nodes(documents: list[Any]) -> Iterator[tuple[Any, bool, int]]:
    """Every node of parsed YAML documents with whether it is a mapping key and its depth
    (a document is at depth 1), up to a budget: anchors can make a small document a huge
    or cyclic graph."""
    stack: list[tuple[Any, bool, int]] = [(d, False, 1) for d in documents]
    visited = 0
    while stack and visited < _WALK_BUDGET:
        node, is_key, depth = stack.pop()
        visited += 1
        yield node, is_key, depth
        if isinstance(node, dict):
            for key, inner in node.items():
                stack.append((key, True, depth + 1))
                stack.append((inner, False, depth + 1))
        elif isinstance(node, list):
            stack.extend((inner, False, depth + 1) for inner in node)
