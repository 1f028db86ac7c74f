"""The SPDX license list by its metadata: what licensecmp knows of an SPDX id it has no
knowledge-base entry for.

The knowledge base (`licenses/`) describes a hundred-odd licenses clause by clause; the SPDX
license list has some seven hundred, and an SBOM may name any of them (`0BSD`,
`Unicode-3.0`, `curl`), as may a policy's `allow` and `forbid`. For an id the knowledge base
lacks, the facts come from two files that ship inside the installed packages, read with no
network and no license text:

- license-expression's ScanCode LicenseDB index (`get_license_index()`): each SPDX id and
  its older aliases (`other_spdx_license_keys`) to a ScanCode key, whether it is an
  exception, whether ScanCode deprecated the key;
- the header of our identification data (`identify.header()`): per ScanCode key its name,
  OSI approval and ScanCode category.

Both are read once, on first use, so neither start-up nor a run that needs no SPDX id pays
for them. An id is looked up case-insensitively; exceptions (`Classpath-exception-2.0`) are
kept apart from licenses, since a `WITH` exception is not a license a component may be
under. A name is *deprecated* when ScanCode deprecated its key or when the SPDX list has
replaced it (an alias such as `GPL-2.0+`, now `GPL-2.0-or-later`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from licensecmp.errors import LicensecmpError
from licensecmp.verdict import NOT_OPEN_CATEGORIES

# ScanCode categories of licenses that are not open source. An id known by its metadata
# alone adds `Unstated License`: ScanCode itself does not know its terms.
NOT_OPEN = NOT_OPEN_CATEGORIES | {"Unstated License"}
_REF = "licenseref-"


@dataclass(frozen=True)
class SpdxLicense:
    """What the metadata says of one SPDX license-list id."""

    id: str  # the canonical SPDX id: the list's current spelling, never an alias
    key: str  # the ScanCode key
    name: str
    osi_approved: bool
    category: str  # ScanCode's category ("Permissive", "Proprietary Free", ...)
    deprecated: bool = False  # for the name it was looked up by

    @property
    def open(self) -> bool | None:
        """True when OSI-approved, False when its category is not open, None when the
        metadata cannot say (a permissive or copyleft license the OSI has not approved)."""
        if self.osi_approved:
            return True
        return False if self.category in NOT_OPEN else None


@dataclass(frozen=True)
class SpdxList:
    """Every SPDX license-list id (and exception id) the metadata knows, by lower-case name."""

    licenses: Mapping[str, SpdxLicense]
    exceptions: Mapping[str, str]  # lower-case name -> canonical exception id

    def get(self, name: str) -> SpdxLicense | None:
        """The facts of an SPDX license id (case-insensitive, aliases too); None for an
        exception or an id the list does not have."""
        return self.licenses.get(name.strip().lower())

    def exception(self, name: str) -> str | None:
        """The canonical id of a `WITH` exception (case-insensitive); None when unknown."""
        return self.exceptions.get(name.strip().lower())

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """The canonical ids closest to a name that matched nothing."""
        close = difflib.get_close_matches(name.lower(), list(self.licenses), n=limit * 3)
        return tuple(dict.fromkeys(self.licenses[c].id for c in close))[:limit]


def _names(row: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """A row's current SPDX-list id (None when ScanCode gives it a LicenseRef only), and
    every name it goes by: that id or LicenseRef, then the aliases."""
    primary = row.get("spdx_license_key") or None
    aliases = [str(a) for a in row.get("other_spdx_license_keys") or () if a]
    current = primary if primary and not primary.lower().startswith(_REF) else None
    return current, ([primary] if primary else []) + aliases


def build(rows: Iterable[Mapping[str, Any]], header: Mapping[str, Mapping[str, Any]]) -> SpdxList:
    """The lookup from the license-expression index rows and the identification header.

    A row is on the SPDX list when one of its names is an SPDX id, not a LicenseRef: its
    canonical id is its current SPDX id, or else (a license the list has since dropped,
    such as `Net-SNMP`) its first SPDX alias. A current id beats an alias of another row.
    """
    licenses: dict[str, SpdxLicense] = {}
    aliases: dict[str, SpdxLicense] = {}
    exceptions: dict[str, str] = {}
    for row in rows:
        current, names = _names(row)
        listed = [n for n in names if not n.lower().startswith(_REF)]
        if not listed:
            continue  # a ScanCode license the SPDX list never had
        canonical = current or listed[0]
        if row.get("is_exception"):
            for name in names:
                exceptions.setdefault(name.lower(), canonical)
            continue
        key = str(row["license_key"])
        meta = header.get(key, {})
        facts = SpdxLicense(
            id=canonical,
            key=key,
            name=str(meta.get("name") or canonical),
            osi_approved=bool(meta.get("osi_approved", False)),
            category=str(meta.get("category") or row.get("category") or ""),
            deprecated=bool(row.get("is_deprecated")),
        )
        if current is not None:
            licenses.setdefault(current.lower(), facts)
        replaced = replace(facts, deprecated=True)
        for name in names:
            if name != current:
                aliases.setdefault(name.lower(), replaced)
    for name, facts in aliases.items():
        licenses.setdefault(name, facts)
    return SpdxList(licenses, exceptions)


def load(index: Path | None = None, identification: Path | None = None) -> SpdxList:
    """The SPDX list by metadata, read once: license-expression's bundled index (or the
    LicenseDB index JSON at `index`) and our identification data's header."""
    return _load(index, identification)


@lru_cache(maxsize=4)
def _load(index: Path | None, identification: Path | None) -> SpdxList:
    from licensecmp import identify

    try:
        from license_expression import get_license_index
    except ImportError:  # pragma: no cover - a dependency of the package
        raise LicensecmpError("license-expression is not installed") from None
    try:
        rows = get_license_index() if index is None else get_license_index(str(index))
    except (OSError, ValueError) as exc:
        raise LicensecmpError(f"{index or 'the license-expression index'}: {exc}") from None
    return build(rows, identify.header(identification))


def lookup(name: str) -> SpdxLicense | None:
    """The facts of an SPDX license-list id from the bundled data; None when it is not one."""
    return load().get(name)


__all__ = ["NOT_OPEN", "SpdxLicense", "SpdxList", "build", "load", "lookup"]
