"""CycloneDX BOMs (JSON, and XML), 1.2 to 1.6, read into BOM components.

Every component is a subject, nested ones too (`components` inside a component), and the
BOM's own `metadata.component` when it states a license. A `machine-learning-model`
component (CycloneDX 1.5+, with its `modelCard`) is judged like any other: by its
`licenses`. Each entry of `licenses` applies (they are read as AND):

- `{"license": {"id": "CC-BY-NC-4.0"}}`: an SPDX id (or any id the knowledge base knows);
- `{"license": {"name": "…"}}`: a free-form name, judged as a license id when it is one
  (`MIT`, `llama3.1`), else unknown, unless the entry carries its text;
- `{"license": {"text": {"content": "…", "encoding": "base64"}}}`: the words, analysed like
  a license file;
- `{"expression": "MIT OR Apache-2.0"}`: an SPDX license expression.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from licensecmp.errors import InputError
from licensecmp.sbom import (
    MAX_COMPONENTS,
    MAX_DEPTH,
    Bom,
    Component,
    LicenseText,
    expression,
    first_offsets,
    invalid,
    json_object,
)
from licensecmp.spdxdoc import All, Expr, Leaf
from licensecmp.text import decode

_JSON_REF = re.compile(r"\"bom-ref\"\s*:\s*\"([^\"\\]*)\"")
_XML_REF = re.compile(r"bom-ref\s*=\s*[\"']([^\"']*)[\"']")
_OPERATOR = re.compile(r"\s(?:AND|OR|WITH)\s")


def _fail(path: Path, message: str) -> InputError:
    return invalid(path, "CycloneDX", message)


def _str(value: Any) -> str | None:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


class _Licenses:
    """The license entries of components, as expression trees, with the texts they carry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.texts: dict[str, LicenseText] = {}

    def _text_key(self, name: str, text: str) -> str:
        key, n = name, 1
        while key in self.texts and self.texts[key].text != text:
            n += 1
            key = f"{name} ({n})"
        self.texts[key] = LicenseText(name, text)
        return key

    def _words(self, where: str, text: Any) -> tuple[str | None, str | None]:
        """The words of a `license.text` attachment, and why they cannot be read."""
        if isinstance(text, str):
            return text, None
        if not isinstance(text, dict):
            raise _fail(self.path, f"{where}: license.text must be an object")
        content = text.get("content")
        if not isinstance(content, str):
            raise _fail(self.path, f"{where}: license.text.content must be a string")
        if str(text.get("encoding", "")).lower() != "base64":
            return content, None
        try:
            data = base64.b64decode(content, validate=False)
        except (binascii.Error, ValueError):
            return None, "license.text is not valid base64"
        return decode(data, where), None

    def entry(self, where: str, entry: Any) -> tuple[Expr | None, str | None]:
        """One entry of `licenses`: its tree, or why it cannot be read."""
        if not isinstance(entry, dict):
            raise _fail(self.path, f"{where}: licenses must be a list of objects")
        if "expression" in entry:
            text = entry["expression"]
            if not isinstance(text, str):
                raise _fail(self.path, f"{where}: expression must be a string")
            tree, problem = expression(text)
            if tree is None and problem is None:
                return None, None
            return tree, (f"expression: {problem}" if problem else None)
        license = entry.get("license")
        if not isinstance(license, dict):
            raise _fail(self.path, f"{where}: a licenses entry has neither license nor expression")
        ident, name = _str(license.get("id")), _str(license.get("name"))
        if ident is not None:
            tree, problem = expression(ident)
            if problem is not None:
                return None, f"license.id: {problem}"
            if tree is not None and not isinstance(tree, Leaf):
                return None, f"license.id {ident!r} is an expression, not an id"
            return tree, None
        if "text" in license and license["text"] is not None:
            words, problem = self._words(where, license["text"])
            if problem is not None:
                return None, problem
            if words and words.strip():
                return Leaf(self._text_key(name or "license text", words)), None
        if name is not None:
            # "MIT OR Apache-2.0" given as a name reads as the expression; any other name
            # ("GPL v2 or later" too) is judged as an id: a known one by its terms, else
            # it is unknown
            if _OPERATOR.search(name):
                tree, _ = expression(name)
                if tree is not None:
                    return tree, None
            return Leaf(name), None
        return None, "a license with neither id, name, nor text"


def _component_kind(raw: Mapping[str, Any], where: str) -> str:
    if where.rsplit(".", 1)[-1].startswith("services["):
        return "service"
    kind = _str(raw.get("type"))
    return kind or "component"


def _walk(path: Path, roots: list[tuple[Any, str]]) -> list[tuple[dict[str, Any], str]]:
    """Every component in document order (depth first, parents before their parts), with
    where it is (`components[3].components[0]`); nesting and counts are bounded."""
    out: list[tuple[dict[str, Any], str]] = []
    stack: list[tuple[Any, str, int]] = [(r, w, 0) for r, w in reversed(roots)]
    while stack:
        raw, where, depth = stack.pop()
        if not isinstance(raw, dict):
            raise _fail(path, f"{where} is not an object")
        if depth > MAX_DEPTH:
            raise _fail(path, f"components nested deeper than {MAX_DEPTH} levels")
        out.append((raw, where))
        if len(out) > MAX_COMPONENTS:
            raise _fail(path, f"more than {MAX_COMPONENTS:,} components")
        # a component's parts, and a service's own services (CycloneDX nests both)
        for key in ("services", "components"):
            children = raw.get(key, [])
            if children is None:
                continue
            if not isinstance(children, list):
                raise _fail(path, f"{where}.{key} must be a list")
            for index in range(len(children) - 1, -1, -1):
                stack.append((children[index], f"{where}.{key}[{index}]", depth + 1))
    return out


def _components(path: Path, data: dict[str, Any], text: str, refs: re.Pattern[str]) -> Bom:
    top = data.get("components", [])
    if top is None:
        top = []
    if not isinstance(top, list):
        raise _fail(path, "components must be a list")
    roots: list[tuple[Any, str]] = []
    metadata = data.get("metadata")
    product = metadata.get("component") if isinstance(metadata, dict) else None
    if isinstance(product, dict) and product.get("licenses"):  # the product, when it states one
        roots.append((product, "metadata.component"))
    roots += [(c, f"components[{i}]") for i, c in enumerate(top)]
    # services (an API a product calls, a hosted model) carry licenses as components do
    services = data.get("services", [])
    if services is None:
        services = []
    if not isinstance(services, list):
        raise _fail(path, "services must be a list")
    roots += [(s, f"services[{i}]") for i, s in enumerate(services)]
    licenses = _Licenses(path)
    offsets = first_offsets(refs, text)
    components = []
    for raw, where in _walk(path, roots):
        entries = raw.get("licenses", [])
        if entries is None:
            entries = []
        if not isinstance(entries, list):
            raise _fail(path, f"{where}.licenses must be a list")
        trees: list[Expr] = []
        problems: list[str] = []
        for entry in entries:
            tree, problem = licenses.entry(where, entry)
            if problem is not None:
                problems.append(problem)
            elif tree is not None:
                trees.append(tree)
        name = _str(raw.get("name")) or _str(raw.get("bom-ref")) or where
        group = _str(raw.get("group"))
        ref = _str(raw.get("bom-ref")) or where
        components.append(
            Component(
                ref=ref,
                name=f"{group}/{name}" if group else name,
                version=_str(raw.get("version")),
                purl=_str(raw.get("purl")),
                kind=_component_kind(raw, where),
                licenses=(All(tuple(trees)),) if len(trees) > 1 else tuple(trees),
                problems=tuple(dict.fromkeys(problems)),
                offset=offsets.get(ref, -1),
            )
        )
    spec = _str(data.get("specVersion"))
    return Bom(
        path=path,
        format=f"CycloneDX {spec}" if spec else "CycloneDX",
        kind="cyclonedx-component",
        components=tuple(components),
        texts=licenses.texts,
        text=text,
    )


# --- XML ---------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _child(element: Any, name: str) -> Any:
    return next((c for c in element if _local(c.tag) == name), None)


def _children(element: Any, name: str) -> list[Any]:
    return [c for c in element if _local(c.tag) == name]


def _xml_licenses(element: Any) -> list[dict[str, Any]]:
    holder = _child(element, "licenses")
    out: list[dict[str, Any]] = []
    for item in holder if holder is not None else ():
        if _local(item.tag) == "expression":
            out.append({"expression": item.text or ""})
        elif _local(item.tag) == "license":
            license: dict[str, Any] = {}
            for key in ("id", "name"):
                found = _child(item, key)
                if found is not None:
                    license[key] = found.text or ""
            text = _child(item, "text")
            if text is not None:
                license["text"] = {
                    "content": text.text or "",
                    "encoding": text.get("encoding", ""),
                }
            out.append({"license": license})
    return out


def _xml_component(element: Any, depth: int) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise RecursionError
    raw: dict[str, Any] = {"type": element.get("type"), "bom-ref": element.get("bom-ref")}
    for key in ("name", "group", "version", "purl"):
        found = _child(element, key)
        if found is not None:
            raw[key] = found.text
    raw["licenses"] = _xml_licenses(element)
    nested = _child(element, "components")
    if nested is not None:
        raw["components"] = [_xml_component(c, depth + 1) for c in _children(nested, "component")]
    services = _child(element, "services")
    if services is not None:  # a service's own services
        raw["services"] = [_xml_component(c, depth + 1) for c in _children(services, "service")]
    return raw


def _xml_data(path: Path, text: str) -> dict[str, Any]:
    """The XML BOM in the JSON shape. No DTD is accepted: no entity is ever expanded."""
    import xml.etree.ElementTree as ET
    from xml.parsers import expat

    def refuse(*_: object) -> None:
        raise _fail(path, "a document type declaration (DTD) is not accepted")

    probe = expat.ParserCreate()
    probe.StartDoctypeDeclHandler = refuse
    try:
        probe.Parse(text.encode("utf-8"), True)
        root = ET.fromstring(text)
    except (expat.ExpatError, ET.ParseError) as exc:
        raise _fail(path, f"broken XML: {exc}") from None
    data: dict[str, Any] = {"bomFormat": "CycloneDX"}
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    spec = namespace.rstrip("/").rpartition("/")[2]
    data["specVersion"] = spec if re.fullmatch(r"\d+(?:\.\d+)*", spec) else None
    try:
        metadata = _child(root, "metadata")
        product = _child(metadata, "component") if metadata is not None else None
        if product is not None:
            data["metadata"] = {"component": _xml_component(product, 0)}
        holder = _child(root, "components")
        data["components"] = (
            [_xml_component(c, 1) for c in _children(holder, "component")]
            if holder is not None
            else []
        )
        services = _child(root, "services")
        if services is not None:
            data["services"] = [_xml_component(s, 1) for s in _children(services, "service")]
    except RecursionError:
        raise _fail(path, f"components nested deeper than {MAX_DEPTH} levels") from None
    return data


def read_cyclonedx(path: Path, text: str, syntax: str = "json") -> Bom:
    """Read a CycloneDX BOM (JSON or XML): one component per component, in document order."""
    if syntax == "xml":
        return _components(path, _xml_data(path, text), text, _XML_REF)
    return _components(path, json_object(path, text, "CycloneDX"), text, _JSON_REF)
