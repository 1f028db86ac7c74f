"""The knowledge base: one TOML file per known license or policy in `licenses/`.

Each file is our own description of a license (facts, never its text): ids, names,
URLs, release date, OSI approval, the flags it carries with params and clause refs,
and notes for facts that live outside the text. Files are validated on load; any
error names the file and the field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from licensecmp.errors import LicensecmpError
from licensecmp.taxonomy import FLAG_TYPES


def default_dir() -> Path:
    """The bundled knowledge base: `licenses/` of a checkout, else the copy in the wheel."""
    package = Path(__file__).resolve().parent
    checkout = package.parent / "licenses"
    return checkout if checkout.is_dir() else package / "_licenses"


KINDS = ("license", "policy")
# `family`: a name for several licenses (`gpl`, `bsd`, `cc`) with no version, as model cards
# use them; judged as not open, since which member applies is not known.
CATEGORIES = ("model", "osi", "creative-commons", "source-available", "data", "policy", "family")
_ID = re.compile(r"[a-z0-9][a-z0-9.+-]*")
_LICENSE_REF = re.compile(r"LicenseRef-[A-Za-z0-9.-]+")


@dataclass(frozen=True)
class KnownFlag:
    """A flag the knowledge base records for a license, with where the text has it."""

    id: str
    clause: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One known license or policy."""

    id: str
    kind: str
    name: str
    category: str
    osi_approved: bool
    path: Path
    version: str = ""
    family: str = ""
    spdx: str = ""
    scancode: str = ""
    huggingface: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    url: str = ""
    released: dt.date | None = None
    policies: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    flags: tuple[KnownFlag, ...] = ()

    @property
    def flag_ids(self) -> frozenset[str]:
        return frozenset(f.id for f in self.flags)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name a user may type for this entry, as typed (case is ignored on lookup)."""
        seen: dict[str, str] = {}
        for name in (self.id, self.spdx, self.scancode, *self.huggingface, *self.aliases):
            if name:
                seen.setdefault(name.lower(), name)
        return tuple(seen.values())


_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    # name: (type, required)
    "id": (str, True),
    "kind": (str, True),
    "name": (str, True),
    "category": (str, True),
    "osi_approved": (bool, True),
    "version": (str, False),
    "family": (str, False),
    "spdx": (str, False),
    "scancode": (str, False),
    "huggingface": (list, False),
    "aliases": (list, False),
    "url": (str, False),
    "released": (dt.date, False),
    "policies": (list, False),
    "notes": (list, False),
    "flag": (list, False),
}
_FLAG_FIELDS = {"id": str, "clause": str, "params": dict, "note": str}


def _fail(path: Path, where: str, message: str) -> LicensecmpError:
    return LicensecmpError(f"{path}: {where}: {message}")


@lru_cache(maxsize=1)
def _spdx_ids() -> frozenset[str]:
    """Every SPDX license id the license-expression index knows, lower-cased (read once)."""
    from license_expression import get_license_index  # loaded only to validate ids

    ids = set()
    for row in get_license_index():
        for key in (row.get("spdx_license_key"), *row.get("other_spdx_license_keys", ())):
            if key:
                ids.add(str(key).lower())
    return frozenset(ids)


def _spdx_ok(value: str) -> bool:
    return bool(_LICENSE_REF.fullmatch(value)) or value.lower() in _spdx_ids()


def _entry(path: Path, data: Mapping[str, Any]) -> Entry:
    for key, value in data.items():
        if key not in _FIELDS:
            raise _fail(path, key, "unknown key")
        expected, _ = _FIELDS[key]
        if not isinstance(value, expected) or (
            expected is dt.date and isinstance(value, dt.datetime)
        ):
            raise _fail(path, key, f"must be a {getattr(expected, '__name__', expected)}")
        if isinstance(value, list) and not all(
            isinstance(v, dict if key == "flag" else str) for v in value
        ):
            raise _fail(path, key, "has an item of the wrong type")
    for key, (_, required) in _FIELDS.items():
        if required and key not in data:
            raise _fail(path, key, "missing")
    if not _ID.fullmatch(data["id"]) or data["id"] != path.stem:
        raise _fail(path, "id", f"must be lower-case and equal the file name ({path.stem!r})")
    if data["kind"] not in KINDS:
        raise _fail(path, "kind", f"must be one of {', '.join(KINDS)}")
    if data["category"] not in CATEGORIES:
        raise _fail(path, "category", f"must be one of {', '.join(CATEGORIES)}")
    if data.get("spdx") and not _spdx_ok(data["spdx"]):
        raise _fail(path, "spdx", f"{data['spdx']!r} is not an SPDX id or LicenseRef-")
    flags = []
    for i, raw in enumerate(data.get("flag", ())):
        where = f"flag[{i}]"
        for key, value in raw.items():
            if key not in _FLAG_FIELDS:
                raise _fail(path, f"{where}.{key}", "unknown key")
            if not isinstance(value, _FLAG_FIELDS[key]):
                raise _fail(path, f"{where}.{key}", f"must be a {_FLAG_FIELDS[key].__name__}")
        flag_id = raw.get("id")
        if flag_id not in FLAG_TYPES:
            raise _fail(path, f"{where}.id", f"unknown flag id {flag_id!r}")
        unknown = (
            set(raw.get("params", {}))
            - set(FLAG_TYPES[flag_id].params)
            - {"threshold", "metric", "amount", "currency", "period"}
        )
        if unknown:
            raise _fail(path, f"{where}.params", f"unknown param(s) {', '.join(sorted(unknown))}")
        flags.append(
            KnownFlag(
                flag_id,
                raw.get("clause", ""),
                dict(sorted(raw.get("params", {}).items())),
                raw.get("note", ""),
            )
        )
    return Entry(
        id=data["id"],
        kind=data["kind"],
        name=data["name"],
        category=data["category"],
        osi_approved=data["osi_approved"],
        path=path,
        version=data.get("version", ""),
        family=data.get("family", ""),
        spdx=data.get("spdx", ""),
        scancode=data.get("scancode", ""),
        huggingface=tuple(data.get("huggingface", ())),
        aliases=tuple(data.get("aliases", ())),
        url=data.get("url", ""),
        released=data.get("released"),
        policies=tuple(data.get("policies", ())),
        notes=tuple(data.get("notes", ())),
        flags=tuple(flags),
    )


# Hugging Face ids that name a family, not one license, and the known licenses each stands
# for: as a SOURCE such an id says which to choose; declared by a model card it is judged
# as its knowledge-base entry (category `family`), and a license file that is one of these
# licenses confirms it.
FAMILIES: dict[str, tuple[str, ...]] = {
    "gpl": ("gpl-2.0", "gpl-3.0"),
    "lgpl": ("lgpl-2.1", "lgpl-3.0"),
    "bsd": ("bsd-2-clause", "bsd-3-clause", "bsd-3-clause-clear"),
    "cc": (
        "cc-by-4.0",
        "cc-by-sa-4.0",
        "cc-by-nc-4.0",
        "cc0-1.0",
        "cc-by-nd-4.0",
        "cc-by-nc-sa-4.0",
        "cc-by-nc-nd-4.0",
        "cc-by-3.0",
        "cc-by-sa-3.0",
        "cc-by-nc-3.0",
        "cc-by-nc-sa-3.0",
        "cc-by-nc-nd-3.0",
        "cc-by-2.5",
        "cc-by-2.0",
        "cc-by-nc-2.0",
        "cc-by-nc-sa-2.0",
    ),
    "openrail": (
        "bigscience-openrail-m",
        "creativeml-openrail-m",
        "bigcode-openrail-m",
        "creativeml-openrail++-m",
    ),
    "gfdl": (),
}


@dataclass(frozen=True)
class KnowledgeBase:
    """All known entries, with lookup by any of their names."""

    entries: tuple[Entry, ...]

    @cached_property
    def _by_name(self) -> dict[str, Entry]:
        table: dict[str, Entry] = {}
        for entry in self.entries:
            for name in entry.names:
                table.setdefault(name.lower(), entry)
        return table

    def get(self, name: str) -> Entry | None:
        """The entry a user means by `name` (id, SPDX id, ScanCode key, Hugging Face id)."""
        name = name.strip().lower()
        table = self._by_name
        if name in table:
            return table[name]
        prefix = "licenseref-scancode-"
        if name.startswith(prefix):
            # a ScanCode LicenseRef names a ScanCode key, never an id that happens to match
            key = name[len(prefix) :]
            return next((e for e in self.entries if e.scancode.lower() == key), None)
        return None

    def by_scancode(self, key: str) -> Entry | None:
        """The entry whose ScanCode key is `key`."""
        return next((e for e in self.entries if e.scancode == key), None)

    def incorporated(self, entry: Entry) -> tuple[Entry, ...]:
        """The policy entries a license incorporates (its acceptable-use policies)."""
        return tuple(p for p in (self.get(i) for i in entry.policies) if p is not None)

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """The known ids closest to a name that matched nothing."""
        table = self._by_name
        close = difflib.get_close_matches(name.lower(), list(table), n=limit * 3, cutoff=0.5)
        ids = dict.fromkeys(table[c].id for c in close)
        return tuple(ids)[:limit]


def _check_links(entries: tuple[Entry, ...]) -> None:
    known = {e.id: e for e in entries}
    seen: dict[str, Entry] = {}
    for entry in entries:
        for policy in entry.policies:
            if policy not in known or known[policy].kind != "policy":
                raise _fail(entry.path, "policies", f"{policy!r} is not a known policy entry")
        for name in entry.names:
            other = seen.setdefault(name.lower(), entry)
            if other is not entry:
                raise _fail(entry.path, "id", f"name {name!r} is also used by {other.path.name}")


def load(directory: Path | None = None) -> KnowledgeBase:
    """Read and validate every `*.toml` file of `directory` (the bundled base by default)."""
    return _load(directory or default_dir())


@lru_cache(maxsize=4)
def _load(directory: Path) -> KnowledgeBase:
    if not directory.is_dir():
        raise LicensecmpError(f"{directory}: knowledge base directory not found")
    entries = []
    for path in sorted(directory.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise LicensecmpError(f"{path}: not valid TOML: {exc}") from None
        entries.append(_entry(path, data))
    result = tuple(entries)
    _check_links(result)
    return KnowledgeBase(result)


# --- the lineage table: base models and their licenses -----------------------------------------

LINEAGE_DIR = "lineage"
_LINEAGE_FIELDS: dict[str, bool] = {"pattern": True, "license": True, "note": False}  # required?
_WILDCARDS = frozenset("*?[")


@dataclass(frozen=True)
class LineageRow:
    """One row of the lineage table: model ids matching `pattern` are under `license`."""

    pattern: str
    license: str
    note: str = ""

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Higher is more specific: no wildcard at all, then the longest literal prefix."""
        prefix = next((i for i, c in enumerate(self.pattern) if c in _WILDCARDS), None)
        exact = prefix is None
        literal = sum(1 for c in self.pattern if c not in _WILDCARDS)
        return (int(exact), len(self.pattern) if prefix is None else prefix, literal)


@dataclass(frozen=True)
class LineageMatch:
    """The license the lineage table gives a model id, and the row's pattern that said so."""

    pattern: str
    license: str
    note: str = ""


def _model_key(model_id: str) -> str:
    """A model id as matched: lower-case, without a Hugging Face URL or surrounding slashes."""
    key = model_id.strip().lower()
    for prefix in ("https://huggingface.co/", "http://huggingface.co/", "hf.co/"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key.strip("/")


@dataclass(frozen=True)
class Scope:
    """A `[[scope]]` of the lineage table: flag `flag` of the entry `license` (a license or
    the policy it incorporates) covers only the checkpoints matching one of `models`."""

    license: str
    flag: str
    models: tuple[str, ...]
    note: str = ""

    def covers(self, model_id: str) -> bool:
        """Whether the clause applies to a model id (case and a Hub URL are ignored)."""
        import fnmatch

        key = _model_key(model_id)
        return any(fnmatch.fnmatchcase(key, pattern.lower()) for pattern in self.models)


@dataclass(frozen=True)
class Lineage:
    """Which license well-known base models are published under, per checkpoint, and which
    checkpoints a clause limited to some of them covers (`scopes`)."""

    rows: tuple[LineageRow, ...]
    scopes: tuple[Scope, ...] = ()

    def scope_of(self, license_id: str, flag_id: str) -> Scope | None:
        """The scope of a flag of a knowledge-base entry, if it covers some checkpoints only."""
        return next((s for s in self.scopes if (s.license, s.flag) == (license_id, flag_id)), None)

    @cached_property
    def _ranked(self) -> tuple[LineageRow, ...]:
        return tuple(sorted(self.rows, key=lambda r: (r.specificity, r.pattern), reverse=True))

    def license_of(self, model_id: str) -> LineageMatch | None:
        """The most specific row matching a model id (case is ignored); None when none does."""
        import fnmatch

        key = _model_key(model_id)
        for row in self._ranked:
            if fnmatch.fnmatchcase(key, row.pattern.lower()):
                return LineageMatch(row.pattern, row.license, row.note)
        return None


def _lineage_row(path: Path, index: int, raw: object, kb: KnowledgeBase) -> LineageRow:
    where = f"model[{index}]"
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a table")
    label = f"{where} ({raw['pattern']!r})" if isinstance(raw.get("pattern"), str) else where
    for key, value in raw.items():
        if key not in _LINEAGE_FIELDS:
            raise _fail(path, f"{label}.{key}", "unknown key")
        if not isinstance(value, str) or not value.strip():
            raise _fail(path, f"{label}.{key}", "must be a non-empty string")
    for key, required in _LINEAGE_FIELDS.items():
        if required and key not in raw:
            raise _fail(path, f"{label}.{key}", "missing")
    pattern, license_id = raw["pattern"], raw["license"]
    if "/" not in pattern or pattern != pattern.strip():
        raise _fail(path, f"{label}.pattern", "must be an organisation/model id pattern")
    entry = kb.get(license_id)
    if entry is None or entry.id != license_id or entry.kind != "license":
        hint = f"; use its id {entry.id!r}" if entry is not None and entry.id != license_id else ""
        raise _fail(
            path,
            f"{label}.license",
            f"{license_id!r} is not a license id of the knowledge base{hint}",
        )
    return LineageRow(pattern, license_id, raw.get("note", ""))


_SCOPE_FIELDS: dict[str, bool] = {"license": True, "flag": True, "models": True, "note": False}


def _scope(path: Path, index: int, raw: object, kb: KnowledgeBase) -> Scope:
    where = f"scope[{index}]"
    if not isinstance(raw, dict):
        raise _fail(path, where, "must be a table")
    for key, value in raw.items():
        if key not in _SCOPE_FIELDS:
            raise _fail(path, f"{where}.{key}", "unknown key")
        if key == "models":
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, str) and "/" in v and v == v.strip() for v in value)
            ):
                raise _fail(
                    path, f"{where}.models", "must be a list of organisation/model patterns"
                )
        elif not isinstance(value, str) or not value.strip():
            raise _fail(path, f"{where}.{key}", "must be a non-empty string")
    for key, required in _SCOPE_FIELDS.items():
        if required and key not in raw:
            raise _fail(path, f"{where}.{key}", "missing")
    entry = kb.get(raw["license"])
    if entry is None or entry.id != raw["license"]:
        raise _fail(
            path, f"{where}.license", f"{raw['license']!r} is not an id of the knowledge base"
        )
    if raw["flag"] not in entry.flag_ids:
        raise _fail(path, f"{where}.flag", f"{entry.id} has no flag {raw['flag']!r}")
    return Scope(entry.id, raw["flag"], tuple(raw["models"]), raw.get("note", ""))


def lineage(directory: Path | None = None) -> Lineage:
    """The lineage table of a knowledge base (`lineage/*.toml` beside its entries).

    A knowledge base without a `lineage/` directory has an empty table. Every row is
    validated on load against the knowledge base: an error names the file and the row.
    """
    return _lineage(directory or default_dir())


@lru_cache(maxsize=4)
def _lineage(directory: Path) -> Lineage:
    kb = _load(directory)
    rows: list[LineageRow] = []
    scopes: list[Scope] = []
    seen: dict[str, Path] = {}
    for path in sorted((directory / LINEAGE_DIR).glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise LicensecmpError(f"{path}: not valid TOML: {exc}") from None
        for key in data:
            if key not in ("model", "scope"):
                raise _fail(path, key, "unknown key (rows are [[model]] and [[scope]] tables)")
        raw_scopes = data.get("scope", [])
        if not isinstance(raw_scopes, list):
            raise _fail(path, "scope", "must be an array of [[scope]] tables")
        scopes.extend(_scope(path, index, raw, kb) for index, raw in enumerate(raw_scopes))
        raw_rows = data.get("model", [])
        if not isinstance(raw_rows, list):
            raise _fail(path, "model", "must be an array of [[model]] tables")
        for index, raw in enumerate(raw_rows):
            row = _lineage_row(path, index, raw, kb)
            folded = row.pattern.lower()
            if folded in seen:
                raise _fail(
                    path,
                    f"model[{index}] ({row.pattern!r}).pattern",
                    f"repeats a pattern of {seen[folded].name}",
                )
            seen[folded] = path
            rows.append(row)
    return Lineage(tuple(rows), tuple(scopes))
