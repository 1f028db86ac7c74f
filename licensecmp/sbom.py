"""SBOMs as subjects: SPDX 2, SPDX 3.0 and CycloneDX read into one shape.

Whatever the format, a bill of materials is a list of components (an SPDX package, an
SPDX 3 `ai_AIPackage`, a CycloneDX `machine-learning-model`), each judged on its own by
the license expressions the document gives for it. A license the document gives but that
cannot be read (an expression that does not parse, a reference to a license the document
does not define) is that component's problem: it fails, the rest is still judged. Only a
document that cannot be read at all (broken JSON, wrong shapes) is an error.

The format is recognised by content, whatever the file is called (sniff.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licensecmp.errors import InputError, LicensecmpError
from licensecmp.sniff import DocumentKind, Sniffed, sniff
from licensecmp.spdxdoc import Expr
from licensecmp.text import DEFAULT_MAX_BYTES, decode, read_bytes

# How deep components may nest, and how many a document may hold, before it is refused.
MAX_DEPTH = 64
MAX_COMPONENTS = 200_000


@dataclass(frozen=True)
class LicenseText:
    """A license a document carries the words of (an SPDX 2 `LicenseRef-` text, an SPDX 3
    custom license, a CycloneDX `license.text`), to be analysed like a license file."""

    name: str | None
    text: str | None  # None when the document names the license but gives no words


@dataclass(frozen=True)
class Component:
    """One subject of a BOM: who it is, and the expressions that must all pass.

    `licenses` holds each license statement the document makes for it (SPDX: concluded
    and declared; CycloneDX: each `licenses` entry), all of which apply. `problems` are
    the statements that could not be read; each fails the component.
    """

    ref: str  # SPDX id, spdxId or bom-ref: unique in the document when it has one
    name: str
    version: str | None
    purl: str | None
    kind: str  # package, ai-package, dataset, machine-learning-model, library, ...
    licenses: tuple[Expr, ...]
    problems: tuple[str, ...] = ()
    offset: int = -1  # where the document defines it, in `Bom.text`; -1 when not found

    @property
    def label(self) -> str:
        """`name@version (purl)`: two versions of one name are two subjects."""
        label = f"{self.name}@{self.version}" if self.version else self.name
        return f"{label} ({self.purl})" if self.purl else label


@dataclass(frozen=True)
class Bom:
    """A bill of materials read: its format, components in document order, texts."""

    path: Path
    format: str  # "SPDX 2.3", "SPDX 3.0.1", "CycloneDX 1.6"
    kind: str  # how each component is reported: spdx-package, cyclonedx-component
    components: tuple[Component, ...]
    texts: Mapping[str, LicenseText] = field(default_factory=dict)
    text: str = field(default="", repr=False, compare=False)  # as read: line numbers


def _sniffed(path: Path, max_bytes: int) -> tuple[str, Sniffed | None]:
    text = decode(read_bytes(path, max_bytes=max_bytes), str(path))
    return text, sniff(text)


_BOM_KINDS = (DocumentKind.SPDX2, DocumentKind.SPDX3, DocumentKind.CYCLONEDX)


def is_bom_source(spec: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bool:
    """Whether a SOURCE is to be read as a bill of materials: a file whose content is an
    SPDX 2, SPDX 3 or CycloneDX document, whatever its name, or whose name says SPDX and
    whose content is no other format. A file that cannot be read is left to the reader
    that reports it."""
    from licensecmp.spdxdoc import is_spdx_document

    path = Path(spec)
    if spec == "-" or path.is_dir():
        return False
    if not path.is_file():
        return is_spdx_document(path)
    try:
        _, found = _sniffed(path, max_bytes)
    except LicensecmpError:
        return is_spdx_document(path)
    if found is not None:
        return found.kind in _BOM_KINDS
    return is_spdx_document(path)


def read_bom(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Bom:
    """Read an SPDX 2, SPDX 3.0 or CycloneDX document into components; a document that
    cannot be read raises one line naming the file."""
    text, found = _sniffed(path, max_bytes)
    kind = found.kind if found is not None else None
    if kind is DocumentKind.SPDX3:
        from licensecmp.spdx3 import read_spdx3

        return read_spdx3(path, text)
    if kind is DocumentKind.CYCLONEDX:
        from licensecmp.cyclonedx import read_cyclonedx

        assert found is not None
        return read_cyclonedx(path, text, found.syntax)
    return _from_spdx2(path, max_bytes)


# SPDX 2: where a package is defined, in any serialisation (JSON, YAML, tag-value, XML: an
# SPDXID field; RDF: an rdf:about ending in #SPDXRef-…).
_SPDX2_DEFINITION = re.compile(
    r"""SPDXID["']?\s*[:=>]\s*["']?(SPDXRef-[A-Za-z0-9.\-]+)|about="[^"#]*#(SPDXRef-[A-Za-z0-9.\-]+)"""
)


def first_offsets(pattern: re.Pattern[str], text: str) -> dict[str, int]:
    """The offset of the first match of each id the pattern's groups capture: one pass."""
    out: dict[str, int] = {}
    for match in pattern.finditer(text):
        key = next((g for g in match.groups() if g is not None), None)
        if key is not None and key not in out:
            out[key] = match.start()
    return out


def _from_spdx2(path: Path, max_bytes: int) -> Bom:
    from licensecmp import spdxdoc

    document = spdxdoc.read_spdx(path, max_bytes=max_bytes)
    offsets = first_offsets(_SPDX2_DEFINITION, document.text)
    components = []
    for package in document.packages:
        # the concluded and the declared license must both pass; one when they agree
        expressions = tuple(dict.fromkeys(e for e in (package.concluded, package.declared) if e))
        components.append(
            Component(
                ref=package.spdx_id,
                name=package.name,
                version=package.version,
                purl=package.purl,
                kind="package",
                licenses=expressions,
                problems=package.problems,
                offset=offsets.get(package.spdx_id, -1),
            )
        )
    # document order (RDF keeps none: there, the order of the definitions in the file)
    components.sort(key=lambda c: (c.offset < 0, c.offset, c.ref))
    texts = {key: LicenseText(info.name, info.text) for key, info in document.extracted.items()}
    return Bom(
        path=path,
        format=f"SPDX {document.spdx_version.removeprefix('SPDX-')}",
        kind="spdx-package",
        components=tuple(components),
        texts=texts,
        text=document.text,
    )


def invalid(path: Path, what: str, message: str) -> InputError:
    """The one-line error for a document that cannot be read."""
    message = " ".join(message.split())
    if len(message) > 300:
        message = message[:297] + "..."
    return InputError(f"{path}: not a valid {what} document: {message}")


def json_object(path: Path, text: str, what: str) -> dict[str, Any]:
    """A JSON document whose top level is an object, or the one-line error saying why not
    (broken JSON with its line and column, nesting too deep, another top level)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise invalid(
            path, what, f"broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise invalid(path, what, "nested too deeply to read") from None
    if not isinstance(data, dict):
        raise invalid(path, what, f"the top level is not an object ({type(data).__name__})")
    return data


def expression(text: str) -> tuple[Expr | None, str | None]:
    """A license expression as an SBOM gives it: its tree, or None and why it cannot be
    read. NOASSERTION and NONE are no expression, and no problem either."""
    from licensecmp.spdxdoc import parse_lenient

    if text.strip().upper() in ("", "NOASSERTION", "NONE"):
        return None, None
    try:
        return parse_lenient(text), None
    except LicensecmpError as exc:
        return None, str(exc)


__all__ = ["Bom", "Component", "LicenseText", "is_bom_source", "read_bom"]
