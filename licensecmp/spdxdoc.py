"""SPDX documents as data: packages, their license expressions, and the extracted texts.

An SPDX document (2.2 or 2.3; tag-value, JSON, YAML, RDF/XML or XML), recognised by its
content or else by its name, is parsed with spdx-tools. Each package's concluded and
declared license become our own expression tree (`Leaf`, `All` for AND, `Any` for OR),
and every `LicenseRef-*` text given in `hasExtractedLicensingInfos` is kept so it can be
analysed like a license file.
spdx-tools and license-expression are imported only when a document is read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from licensecmp.errors import LicensecmpError
from licensecmp.sniff import DocumentKind, sniff
from licensecmp.text import DEFAULT_MAX_BYTES, decode, read_bytes

if TYPE_CHECKING:
    from license_expression import LicenseExpression, Licensing
    from rdflib import Graph

# Name endings of SPDX documents, longest first, with the serialisation each one holds.
_FORMATS: tuple[tuple[str, str], ...] = (
    (".spdx.rdf.xml", "rdf"),
    (".spdx.json", "json"),
    (".spdx.yaml", "yaml"),
    (".spdx.yml", "yaml"),
    (".spdx.rdf", "rdf"),
    (".spdx.xml", "xml"),
    (".spdx", "tag-value"),
)
SUPPORTED_VERSIONS = ("SPDX-2.2", "SPDX-2.3")
# A license id the SPDX list does not have must be a reference to a text in a document.
_LICENSE_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+")
_SPACE = re.compile(r"\s+")
# A longer license expression is refused unparsed: no real package needs one.
MAX_EXPRESSION = 10_000


# --- license expressions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """One license id (an SPDX id or a LicenseRef), with its `WITH` exception if any."""

    key: str
    exception: str | None = None

    def __str__(self) -> str:
        return f"{self.key} WITH {self.exception}" if self.exception else self.key


@dataclass(frozen=True)
class All:
    """`A AND B`: every part applies."""

    parts: tuple[Expr, ...]

    def __str__(self) -> str:
        return " AND ".join(_operand(p) for p in self.parts)


@dataclass(frozen=True)
class Any:
    """`A OR B`: the licensee may choose any one part."""

    parts: tuple[Expr, ...]

    def __str__(self) -> str:
        return " OR ".join(_operand(p) for p in self.parts)


Expr: TypeAlias = Leaf | All | Any


def _operand(expr: Expr) -> str:
    return str(expr) if isinstance(expr, Leaf) else f"({expr})"


def leaves(expr: Expr) -> tuple[Leaf, ...]:
    """Every license of an expression once, in the order the expression names them."""

    def walk(node: Expr) -> Iterator[Leaf]:
        if isinstance(node, Leaf):
            yield node
        else:
            for part in node.parts:
                yield from walk(part)

    return tuple(dict.fromkeys(walk(expr)))


def _sort_key(expr: Expr) -> str:
    return str(expr).lower()


def _convert(node: LicenseExpression) -> Expr:
    """license-expression's tree to ours: nested AND/OR flattened, parts in a canonical order.

    The order of the parts of AND and OR carries no meaning, and RDF keeps none, so parts
    are sorted: the same document gives the same tree in every serialisation.
    """
    from license_expression import AND, OR, LicenseSymbol, LicenseWithExceptionSymbol

    if isinstance(node, LicenseWithExceptionSymbol):
        return Leaf(str(node.license_symbol.key), str(node.exception_symbol.key))
    if isinstance(node, LicenseSymbol):
        return Leaf(str(node.key))
    if isinstance(node, AND | OR):
        kind = All if isinstance(node, AND) else Any
        parts: list[Expr] = []
        for arg in node.args:
            part = _convert(arg)
            parts.extend(part.parts if isinstance(part, kind) else (part,))
        unique = tuple(sorted(dict.fromkeys(parts), key=_sort_key))
        return unique[0] if len(unique) == 1 else kind(unique)
    raise LicensecmpError(f"unexpected node {type(node).__name__} in a license expression")


@lru_cache(maxsize=1)
def licensing() -> Licensing:
    """license-expression's SPDX licensing, built once per process: building it reads the
    whole license index (tens of milliseconds), which per expression made a 2,000-package
    SBOM take minutes."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def _checked(parsed: LicenseExpression, text: str) -> Expr:
    """Our tree of a parsed expression whose ids are all SPDX ids or LicenseRefs."""
    unknown = [
        key for key in licensing().unknown_license_keys(parsed) if not _LICENSE_REF.fullmatch(key)
    ]
    if unknown:
        raise LicensecmpError(
            f"{text!r}: {', '.join(unknown)} is neither an SPDX license id nor a LicenseRef-"
        )
    return _convert(parsed)


def _parsed(text: str) -> LicenseExpression:
    from license_expression import ExpressionError

    if len(text) > MAX_EXPRESSION:
        raise LicensecmpError(f"a license expression of {len(text):,} characters is too long")
    try:
        parsed = licensing().parse(text)
    except ExpressionError as exc:
        raise LicensecmpError(f"{text!r} is not a license expression: {_one_line(exc)}") from None
    except RecursionError:
        raise LicensecmpError(f"{text[:60]!r}... is nested too deeply") from None
    if parsed is None:
        raise LicensecmpError("an empty license expression")
    return parsed


def parse_expression(text: str) -> Expr:
    """Parse an SPDX license expression; ids must be SPDX ids or `LicenseRef-*` references."""
    return _checked(_parsed(text), text)


def parse_lenient(text: str) -> Expr:
    """Parse a license expression as an SBOM gives it: any id is kept (an id the SPDX list
    lacks may be one the knowledge base knows, `CreativeML-OpenRAIL-M`); only an expression
    that does not parse raises."""
    return _convert(_parsed(text))


# --- the document -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Extracted:
    """A license a document defines itself (`hasExtractedLicensingInfos`)."""

    license_id: str
    name: str | None
    text: str | None  # None when the document gives none or NOASSERTION


@dataclass(frozen=True)
class Package:
    """One package: its licenses as trees (None for NOASSERTION, NONE or absent) and as given."""

    spdx_id: str
    name: str
    version: str | None
    concluded: Expr | None
    declared: Expr | None
    concluded_text: str | None  # as the document gives it; None when the field is absent
    declared_text: str | None
    # a license field that could not be read (an expression that does not parse): the
    # package fails, the rest of the document is read
    problems: tuple[str, ...] = ()
    purl: str | None = None


@dataclass(frozen=True)
class SpdxDocument:
    """What licensecmp reads from an SPDX document; packages sorted by SPDX id."""

    path: Path
    name: str
    spdx_version: str
    packages: tuple[Package, ...]
    extracted: Mapping[str, Extracted]
    text: str = dataclasses.field(default="", repr=False, compare=False)  # as read: line numbers


def is_spdx_document(path: Path) -> bool:
    """Whether a file's name says it is an SPDX document (`.spdx`, `.spdx.json`, …)."""
    return _format_of(path) is not None


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for suffix, fmt in _FORMATS if name.endswith(suffix)), None)


def _one_line(message: object) -> str:
    return _SPACE.sub(" ", str(message)).strip()


# spdx-tools reports a missing or mistyped field through its type checker, at length
_SETTER = re.compile(
    r"SetterError (?P<cls>\w+): .*? parameter (?P<field>\w+)=(?P<value>.*?) violates type hint"
)
_MISSING = re.compile(
    r"(?P<cls>\w+)\.__init__\(\) missing \d+ required positional arguments?: (?P<fields>.*)"
)
_WRAPPED = re.compile(r"^(?P<head>.*?): \[(?P<quote>['\"])(?P<body>.*)(?P=quote)\]$")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _tidy(message: str) -> str:
    """spdx-tools' first message, shortened to what a user needs to fix the document."""
    setter = _SETTER.search(message)
    if setter:
        field, value = _camel(setter["field"]), setter["value"].strip("'\"")
        if value == "None":
            return f"{setter['cls']}: {field} is missing"
        return f"{setter['cls']}: {field} has the wrong type ({value!r})"
    missing = _MISSING.search(message)
    if missing:
        fields = ", ".join(_camel(f.strip(" '")) for f in missing["fields"].split(","))
        return f"{missing['cls']}: {fields.replace(', and ', ', ')} is missing"
    wrapped = _WRAPPED.match(message)
    if wrapped:
        return f"{wrapped['head']}: {wrapped['body']}".replace("\\'", "'")
    return message


def _version_message(version: str) -> str:
    return f"spdxVersion {version!r} is not one of {', '.join(SUPPORTED_VERSIONS)}"


def _invalid(path: Path, message: object) -> LicensecmpError:
    text = _tidy(_one_line(message))
    if len(text) > 300:
        text = text[:297] + "..."
    return LicensecmpError(f"{path}: not a valid SPDX document: {text}")


_LISTS = (
    "packages",
    "files",
    "snippets",
    "hasExtractedLicensingInfos",
    "relationships",
    "annotations",
    "externalDocumentRefs",
)


Problems = dict[str, list[str]]  # package SPDX id (or name) -> what could not be read


def _precheck(path: Path, data: object) -> Problems:
    """Catch in a JSON or YAML document what spdx-tools reports poorly (shapes), and set
    aside the license expressions that do not parse: each becomes its package's problem
    and NOASSERTION for spdx-tools, so one bad package does not stop the document."""
    if not isinstance(data, dict):
        raise _invalid(path, f"the top level is not an object ({type(data).__name__})")
    if "@context" in data and "spdxVersion" not in data:
        raise _invalid(path, "SPDX 3 (JSON-LD) is not supported; give an SPDX 2.2 or 2.3 document")
    version = data.get("spdxVersion")
    if isinstance(version, str) and version not in SUPPORTED_VERSIONS:
        raise _invalid(path, _version_message(version))
    for key in _LISTS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _invalid(path, f"{key} must be a list of objects")
    problems: Problems = {}
    for package in data.get("packages", []):
        for key in ("licenseConcluded", "licenseDeclared"):
            value = package.get(key)
            if isinstance(value, str) and value.strip().upper() not in ("NOASSERTION", "NONE"):
                try:
                    parse_lenient(value)
                except LicensecmpError as exc:
                    owner = str(package.get("SPDXID") or package.get("name"))
                    problems.setdefault(owner, []).append(f"{key}: {exc}")
                    package[key] = "NOASSERTION"
    return problems


_LISTED = "http://spdx.org/licenses/"
_TERMS = "http://spdx.org/rdf/terms#"


def _precheck_graph(graph: Graph) -> Problems:
    """Set aside, in an RDF document, the package licenses whose listed-license URI does
    not name an expression that parses ("…/licenses/LGPL-2.1, GPL-2.0"): each becomes its
    package's problem and NOASSERTION for spdx-tools, as in the JSON and tag-value forms."""
    from rdflib import URIRef

    problems: Problems = {}
    noassertion = URIRef(_TERMS + "noassertion")
    for field in ("licenseConcluded", "licenseDeclared"):
        predicate = URIRef(_TERMS + field)
        for package, _, value in list(graph.triples((None, predicate, None))):
            if not isinstance(value, URIRef) or not str(value).startswith(_LISTED):
                continue
            try:
                parse_lenient(str(value)[len(_LISTED) :])
            except LicensecmpError as exc:
                owner = str(package).rsplit("#", 1)[-1]
                problems.setdefault(owner, []).append(f"{field}: {exc}")
                graph.remove((package, predicate, value))
                graph.add((package, predicate, noassertion))
    return problems


_TAG = re.compile(
    r"^(?P<tag>PackageName|SPDXID|PackageLicense(?:Concluded|Declared)):\s*(?P<value>.*?)\s*$"
)


# Document tags SPDX 2.x requires; spdx-tools fills in a missing DataLicense by itself.
_REQUIRED_TAGS = ("SPDXVersion", "DataLicense", "DocumentNamespace", "Creator")


def _precheck_tags(path: Path, text: str) -> tuple[str, Problems]:
    """Check a tag-value document's required tags, and set aside the package expressions
    that do not parse (each its package's problem, naming the line; NOASSERTION for
    spdx-tools). Returns the text to parse and the problems."""
    for tag in _REQUIRED_TAGS:
        if not re.search(rf"^{tag}:", text, re.M):
            raise _invalid(path, f"the document has no {tag} tag")
    problems: Problems = {}
    lines = text.splitlines(keepends=True)
    name = owner = ""
    for number, line in enumerate(lines, start=1):
        match = _TAG.match(line)
        if not match:
            continue
        tag, value = match["tag"], match["value"]
        if tag == "PackageName":
            name = owner = value
        elif tag == "SPDXID" and name and owner == name:
            owner = value
        elif tag.startswith("PackageLicense") and value.upper() not in ("NOASSERTION", "NONE"):
            try:
                parse_lenient(value)
            except LicensecmpError as exc:
                problems.setdefault(owner, []).append(f"line {number}: {tag}: {exc}")
                lines[number - 1] = f"{tag}: NOASSERTION\n"
    return "".join(lines), problems


_DECLARES_ENTITIES = re.compile(r"<!ENTITY\b|<!DOCTYPE[^>\[]*\[", re.I)


def _parse(path: Path, fmt: str, text: str) -> tuple[object, Problems]:
    """Parse with spdx-tools; any failure becomes one line naming the file. Returns the
    document and the packages' license fields that could not be read."""
    import json
    import xml.sax

    import yaml
    from spdx_tools.spdx.parser.error import SPDXParsingError

    try:
        if fmt in ("json", "yaml"):
            from spdx_tools.spdx.parser.json import json_parser
            from spdx_tools.spdx.parser.jsonlikedict.json_like_dict_parser import (
                JsonLikeDictParser,
            )

            data = (
                json.loads(text, object_pairs_hook=json_parser.remove_json_control_chars_hook)
                if fmt == "json"
                else yaml.safe_load(text)
            )
            problems = _precheck(path, data)
            return JsonLikeDictParser().parse(data), problems  # type: ignore[no-untyped-call]
        if fmt == "tag-value":
            from ply import yacc  # type: ignore[import-untyped]
            from spdx_tools.spdx.parser.tagvalue.parser import Parser

            text, problems = _precheck_tags(path, text)
            # ply would otherwise report on stderr and write debug files
            parser = Parser(debug=False, errorlog=yacc.NullLogger())  # type: ignore[no-untyped-call]
            return parser.parse(text), problems  # type: ignore[no-untyped-call]
        if fmt in ("rdf", "xml") and _DECLARES_ENTITIES.search(text):
            # nested entities expand without bound ("billion laughs"): an SBOM needs none
            raise _invalid(path, "declares XML entities (<!ENTITY …>), which are not read")
        if fmt == "rdf":
            import logging

            from rdflib import Graph
            from spdx_tools.spdx.parser.rdf.rdf_parser import translate_graph_to_document

            # rdflib logs each odd URI on stderr; a bad expression is the package's problem
            logging.getLogger("rdflib").setLevel(logging.ERROR)
            graph = Graph()
            graph.parse(data=text, format="xml")
            problems = _precheck_graph(graph)
            return translate_graph_to_document(graph), problems
        from spdx_tools.spdx.parser.xml import xml_parser

        return xml_parser.parse_from_file(str(path)), {}
    except LicensecmpError:
        raise
    except SPDXParsingError as exc:
        messages = exc.messages
        raise _invalid(path, messages[0] if messages else "the parser gave no reason") from None
    except json.JSONDecodeError as exc:
        raise _invalid(
            path, f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise _invalid(path, "nested too deeply to read") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        raise _invalid(path, f"broken YAML{where}: {problem}") from None
    except xml.sax.SAXParseException as exc:
        raise _invalid(
            path, f"broken XML at line {exc.getLineNumber()}: {exc.getMessage()}"
        ) from None
    except Exception as exc:  # spdx-tools raises bare errors on some wrong types
        from xml.parsers.expat import ExpatError

        if isinstance(exc, ExpatError):
            raise _invalid(path, f"broken XML at line {exc.lineno}: {exc}") from None
        raise _invalid(path, f"{type(exc).__name__}: {exc}") from None


def _license(field: str, value: object, problems: list[str]) -> tuple[Expr | None, str | None]:
    """A package's license field as our tree and as given; one that cannot be converted is
    added to the package's problems."""
    from spdx_tools.spdx.model.spdx_no_assertion import SpdxNoAssertion
    from spdx_tools.spdx.model.spdx_none import SpdxNone

    if value is None:
        return None, None
    if isinstance(value, SpdxNoAssertion | SpdxNone):
        return None, str(value)
    raw = str(value)
    try:
        return _convert(value), raw
    except LicensecmpError as exc:
        problems.append(f"{field}: {exc}")
        return None, raw


def _text(value: object) -> str | None:
    """A name or text as given, stripped (XML and RDF drop the outer whitespace anyway)."""
    if not isinstance(value, str) or value.strip().upper() in ("", "NOASSERTION", "NONE"):
        return None
    return value.strip()


def _purl(raw: object) -> str | None:
    """The package's purl, from its external references (category PACKAGE-MANAGER)."""
    for ref in getattr(raw, "external_references", None) or ():
        if str(getattr(ref, "reference_type", "")).lower() == "purl":
            locator = getattr(ref, "locator", None)
            if isinstance(locator, str) and locator.strip():
                return locator.strip()
    return None


def read_spdx(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SpdxDocument:
    """Read an SPDX 2.2/2.3 document; a malformed one raises one line naming the file.

    The serialisation is the one the content shows (a `bom.json` may hold SPDX JSON),
    else the one the name gives (a broken document still names its format)."""
    text = decode(read_bytes(path, max_bytes=max_bytes), str(path))
    found = sniff(text)
    fmt = found.syntax if found is not None and found.kind is DocumentKind.SPDX2 else None
    fmt = fmt or _format_of(path)
    if fmt is None:
        what = found.describe() if found is not None else "no SPDX document by its content"
        raise LicensecmpError(
            f"{path}: {what}, and not an SPDX document name (.spdx, .spdx.json, .spdx.yaml, "
            ".spdx.rdf.xml)"
        )
    document, problems = _parse(path, fmt, text)
    from spdx_tools.spdx.model.document import Document

    if not isinstance(document, Document):
        raise _invalid(path, "the parser returned no document")
    version = document.creation_info.spdx_version
    if version not in SUPPORTED_VERSIONS:
        raise _invalid(path, _version_message(version))
    for info in document.extracted_licensing_info:
        if not info.license_id:
            raise _invalid(path, "an entry of hasExtractedLicensingInfos has no licenseId")
    extracted = {
        info.license_id: Extracted(
            info.license_id, _text(info.license_name), _text(info.extracted_text)
        )
        for info in sorted(document.extracted_licensing_info, key=lambda i: i.license_id or "")
        if info.license_id
    }
    packages = []
    for raw in document.packages:
        troubles = [*problems.get(raw.spdx_id, ()), *problems.get(raw.name, ())]
        concluded, concluded_text = _license("licenseConcluded", raw.license_concluded, troubles)
        declared, declared_text = _license("licenseDeclared", raw.license_declared, troubles)
        packages.append(
            Package(
                spdx_id=raw.spdx_id,
                name=raw.name,
                version=raw.version,
                concluded=concluded,
                declared=declared,
                concluded_text=concluded_text,
                declared_text=declared_text,
                problems=tuple(dict.fromkeys(troubles)),
                purl=_purl(raw),
            )
        )
    return SpdxDocument(
        path=path,
        name=document.creation_info.name,
        spdx_version=version,
        packages=tuple(sorted(packages, key=lambda p: p.spdx_id)),
        extracted=extracted,
        text=text,
    )
