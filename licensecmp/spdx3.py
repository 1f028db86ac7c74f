"""SPDX 3.0 JSON-LD documents, with the AI and Dataset profiles, read into BOM components.

An SPDX 3 document is a `@graph` of elements. The subjects are its packages
(`software_Package`, `ai_AIPackage`, `dataset_DatasetPackage`); a package's licenses are
the targets of its `hasConcludedLicense` and `hasDeclaredLicense` relationships: a
`simplelicensing_LicenseExpression` (its `simplelicensing_licenseExpression` string), a
listed license (`https://spdx.org/licenses/MIT`, defined in the document or not), a
custom license whose `simplelicensing_licenseText` is analysed like a license file, or a
conjunctive / disjunctive set or WITH operator of those. Compact names (`ai_AIPackage`)
and full IRIs (`https://spdx.org/rdf/3.0.1/terms/AI/AIPackage`) are both read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from licensecmp.sbom import (
    MAX_DEPTH,
    Bom,
    Component,
    LicenseText,
    expression,
    first_offsets,
    json_object,
)
from licensecmp.sbom import invalid as _invalid
from licensecmp.spdxdoc import All, Expr, Leaf
from licensecmp.spdxdoc import Any as AnyOf

_PACKAGES = {
    "software_Package": "package",
    "ai_AIPackage": "ai-package",
    "dataset_DatasetPackage": "dataset",
}
_LICENSE_RELATIONSHIPS = {"hasConcludedLicense": 0, "hasDeclaredLicense": 1}
_LISTED = re.compile(r"^https?://spdx\.org/licenses/(?P<id>[A-Za-z0-9.+\-]+?)(?:\.html|\.json)?$")
_NO_LICENSE = ("NoAssertionLicense", "NoneLicense")
_SPDX_ID = re.compile(r"\"(?:spdxId|@id)\"\s*:\s*\"([^\"\\]*)\"")


def _compact(name: str) -> str:
    """A type or property name in the compact form of the SPDX 3 context: the IRI
    `…/terms/AI/AIPackage` is `ai_AIPackage`, `…/terms/Core/Relationship` is `Relationship`."""
    if "/terms/" not in name:
        return name.split(":")[-1] if name.startswith(("spdx:", "core:")) else name
    namespace, _, local = name.rpartition("/terms/")[2].partition("/")
    if not local:
        return namespace
    return local if namespace == "Core" else f"{namespace.lower()}_{local}"


def _get(element: Mapping[str, Any], key: str) -> Any:
    """A property by its compact name, or by its full IRI."""
    if key in element:
        return element[key]
    for name, value in element.items():
        if _compact(name) == key:
            return value
    return None


def _type(element: Mapping[str, Any]) -> str:
    kind = element.get("type", element.get("@type"))
    if isinstance(kind, list) and kind:
        kind = kind[0]
    return _compact(kind) if isinstance(kind, str) else ""


def _id(element: Mapping[str, Any]) -> str | None:
    found = element.get("spdxId", element.get("@id"))
    return found if isinstance(found, str) and found else None


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _ids(value: Any) -> list[Any]:
    """A property's targets: one id or object, or a list of them."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _purl(element: Mapping[str, Any]) -> str | None:
    found = _text(_get(element, "software_packageUrl"))
    if found:
        return found
    for ident in _ids(_get(element, "externalIdentifier")):
        if isinstance(ident, dict) and _get(ident, "externalIdentifierType") == "packageUrl":
            return _text(_get(ident, "identifier"))
    return None


class _Reader:
    """Resolves license targets of one document to expression trees, collecting the texts
    of custom licenses and the problems of what cannot be read."""

    def __init__(self, elements: Mapping[str, Mapping[str, Any]]) -> None:
        self.elements = elements
        self.texts: dict[str, LicenseText] = {}

    def license(self, target: Any, depth: int = 0) -> Expr | str | None:
        """The tree of one license target; a str says why it cannot be read; None is
        NOASSERTION or NONE."""
        if depth > MAX_DEPTH:
            return f"license sets nested deeper than {MAX_DEPTH}"
        if isinstance(target, dict):
            element: Mapping[str, Any] | None = target
            ref = _id(target) or "an inline license"
        elif isinstance(target, str) and target:
            ref = target
            element = self.elements.get(target)
        else:
            return f"a license reference that is not an id ({type(target).__name__})"
        if ref.endswith(_NO_LICENSE):
            return None
        if element is None:
            listed = _LISTED.match(ref)
            if listed:
                return Leaf(listed["id"])
            return f"license {ref} is not defined in the document"
        return self._element(ref, element, depth)

    def _element(self, ref: str, element: Mapping[str, Any], depth: int) -> Expr | str | None:
        kind = _type(element)
        if kind == "simplelicensing_LicenseExpression":
            text = _get(element, "simplelicensing_licenseExpression")
            if not isinstance(text, str):
                return f"license {ref}: simplelicensing_licenseExpression is not a string"
            tree, problem = expression(text)
            if problem is not None:
                return problem
            if tree is not None:
                self._custom_ids(element, tree, depth)
            return tree
        if kind in ("expandedlicensing_ListedLicense", "expandedlicensing_CustomLicense"):
            listed = _LISTED.match(ref)
            if listed and kind == "expandedlicensing_ListedLicense":
                return Leaf(listed["id"])
            name = _text(_get(element, "name"))
            text = _text(_get(element, "simplelicensing_licenseText"))
            if text is None and kind == "expandedlicensing_ListedLicense" and name:
                return Leaf(name)
            self.texts[ref] = LicenseText(name, text)
            return Leaf(ref)
        if kind in (
            "expandedlicensing_ConjunctiveLicenseSet",
            "expandedlicensing_DisjunctiveLicenseSet",
        ):
            parts: list[Expr] = []
            for member in _ids(_get(element, "expandedlicensing_member")):
                part = self.license(member, depth + 1)
                if isinstance(part, str):
                    return part
                if part is not None:
                    parts.append(part)
            if not parts:
                return f"license set {ref} has no members"
            if len(parts) == 1:
                return parts[0]
            conjunctive = kind == "expandedlicensing_ConjunctiveLicenseSet"
            return All(tuple(parts)) if conjunctive else AnyOf(tuple(parts))
        if kind in ("expandedlicensing_WithAdditionOperator", "expandedlicensing_OrLaterOperator"):
            subject = self.license(_get(element, "expandedlicensing_subjectLicense"), depth + 1)
            if not isinstance(subject, Leaf):
                return subject if subject is not None else f"license {ref} has no subject"
            addition = _get(element, "expandedlicensing_subjectAddition")
            if addition is None:
                return subject
            added = addition if isinstance(addition, str) else _id(addition) or "an addition"
            return Leaf(subject.key, _LISTED.sub(r"\g<id>", added).rsplit("/", 1)[-1])
        return f"license {ref} is a {kind or 'typeless element'}, not a license"

    def _custom_ids(self, element: Mapping[str, Any], tree: Expr, depth: int) -> None:
        """`simplelicensing_customIdToUri` maps a LicenseRef of the expression to the custom
        license element that holds its text."""
        for entry in _ids(_get(element, "simplelicensing_customIdToUri")):
            if not isinstance(entry, dict):
                continue
            key, uri = _get(entry, "key"), _get(entry, "value")
            target = self.elements.get(uri) if isinstance(uri, str) else None
            if isinstance(key, str) and target is not None:
                name = _text(_get(target, "name"))
                self.texts[key] = LicenseText(
                    name, _text(_get(target, "simplelicensing_licenseText"))
                )


def _graph(path: Path, text: str) -> list[dict[str, Any]]:
    data = json_object(path, text, "SPDX 3")
    graph = data.get("@graph")
    if not isinstance(graph, list) or not all(isinstance(e, dict) for e in graph):
        raise _invalid(path, "SPDX 3", "@graph must be a list of objects")
    return graph


def _version(graph: list[dict[str, Any]]) -> str:
    for element in graph:
        if _type(element) == "CreationInfo":
            version = _get(element, "specVersion")
            if isinstance(version, str) and version.strip():
                return version.strip()
    return "3.0"


def _relationships(
    graph: list[dict[str, Any]],
) -> Iterator[tuple[str, int, list[Any]]]:
    """(package id, 0 concluded / 1 declared, targets) of every license relationship."""
    for element in graph:
        if _type(element) not in ("Relationship", "LifecycleScopedRelationship"):
            continue
        which = _LICENSE_RELATIONSHIPS.get(str(_get(element, "relationshipType") or ""))
        source = _get(element, "from")
        if which is not None and isinstance(source, str):
            yield source, which, _ids(_get(element, "to"))


def read_spdx3(path: Path, text: str) -> Bom:
    """Read an SPDX 3.0 JSON-LD document: one component per package, in document order."""
    graph = _graph(path, text)
    elements = {i: e for e in graph if (i := _id(e)) is not None}
    reader = _Reader(elements)
    statements: dict[str, tuple[list[Any], list[Any]]] = {}
    for source, which, targets in _relationships(graph):
        statements.setdefault(source, ([], []))[which].extend(targets)
    offsets = first_offsets(_SPDX_ID, text)
    components = []
    for element in graph:
        kind = _PACKAGES.get(_type(element))
        if kind is None:
            continue
        ref = _id(element) or ""
        licenses: list[Expr] = []
        problems: list[str] = []
        for field, targets in zip(
            ("hasConcludedLicense", "hasDeclaredLicense"),
            statements.get(ref, ([], [])),
            strict=True,
        ):
            parts: list[Expr] = []
            for target in targets:
                found = reader.license(target)
                if isinstance(found, str):
                    problems.append(f"{field}: {found}")
                elif found is not None:
                    parts.append(found)
            if parts:
                licenses.append(parts[0] if len(parts) == 1 else All(tuple(parts)))
        name = _get(element, "name")
        version = _get(element, "software_packageVersion")
        components.append(
            Component(
                ref=ref,
                name=str(name) if name is not None else ref or "unnamed package",
                version=str(version) if version not in (None, "") else None,
                purl=_purl(element),
                kind=kind,
                licenses=tuple(dict.fromkeys(licenses)),
                problems=tuple(dict.fromkeys(problems)),
                offset=offsets.get(ref, -1),
            )
        )
    return Bom(
        path=path,
        format=f"SPDX {_version(graph)}",
        kind="spdx-package",
        components=tuple(components),
        texts=reader.texts,
        text=text,
    )
