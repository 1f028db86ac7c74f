"""The policy of the CI gate (`licensecmp check`): load a policy file, judge analyses by it.

A policy is TOML (SPEC.md, "Policy file"): a `licensecmp.toml`, or the `[tool.licensecmp]`
table of a `pyproject.toml`. Loading validates every key; any error is one line naming
FILE:LINE and the key. Judging is pure: the same analysis, policy and `today` give the
same verdict, and every violation is collected, never only the first.

Reason codes, stable strings every renderer may rely on:

| code | level | meaning |
| --- | --- | --- |
| `denied-flag` | fail | a flag in `deny`, or a `[[rule]]` whose `fail-if` holds |
| `warned-flag` | warn | a flag in `warn`, or a `[[rule]]` whose `warn-if` holds |
| `rule-passed` | pass | a `[[rule]]` for the flag holds neither `fail-if` nor `warn-if` |
| `does-not-bind` | pass | a threshold or region flag our `our-*` facts keep from applying |
| `not-osd-conformant` | fail | `require-osi` and a restriction flag (one reason per flag) |
| `forbidden-license` | fail | the license (or whole expression) is in `forbid` |
| `allowed-license` | pass | the license (or whole expression) is in `allow`: its flags pass |
| `osi-approved` | pass | an SPDX id known by its metadata only, which the OSI approved |
| `unknown-license` | fail | no license identified and the text restricts, or no text at all |
| `undetermined` | fail | the OSD verdict is undetermined: see below |
| `not-open-license` | fail | not OSD-conformant with no restriction flag behind it: see below |
| `not-licensed` | fail | our facts fall past a threshold or inside an excluded region |
| `finding` | fail/warn | a finding of the analysis (declared license differs, base model, …) |
| `waived` | pass | an `[[exception]]` waives what would have warned or failed |
| `expired-exception` | fail | the exception that would waive it has expired |

`unknown-license` and `undetermined` warn instead with `fail-on-unknown = false`.
`undetermined`: nothing recognisable is granted, or sentences limit the licensee that no
flag explains (each named by clause, the first located). `not-open-license`: a known
license that is not open, or a freedom the text never grants; `not-open = "warn"` makes it
warn, `allow` passes the license. `not-licensed`: `our-users` / `our-revenue` past a
threshold flag, `our-regions` inside a geographic-restriction flag's regions: the grant
does not reach us, so it fails whatever `deny`, `warn`, a rule or `allow` say. An
exception waives a reason by its flag id, its finding kind or its code (WAIVABLE_CODES).

`allow` and `forbid` name knowledge-base ids, any other SPDX license-list id (spdxids.py)
and SPDX expressions (`normal_expression` says when two are the same). An SPDX id the
knowledge base lacks is judged by its metadata (`by_spdx_id`): passes when OSI-approved,
`not-open-license` when ScanCode's category is not open, else `undetermined`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from licensecmp.analysis import FINDING_KINDS, Analysis, Flag, Identified, Unexplained
from licensecmp.errors import LicensecmpError
from licensecmp.identify import MATCH_THRESHOLD
from licensecmp.taxonomy import FLAG_ORDER, FLAG_TYPES, TAXONOMY, Kind
from licensecmp.verdict import Verdict as OsdVerdict

if TYPE_CHECKING:
    from licensecmp.knowledge import KnowledgeBase
    from licensecmp.spdxdoc import Expr
    from licensecmp.spdxids import SpdxLicense

POLICY_FILE = "licensecmp.toml"
PYPROJECT = "pyproject.toml"

# An identification below this similarity is too loose to judge the text as that license:
# `allow`, `forbid` and exceptions by license id do not apply, and the text counts as
# unknown. It is the one identification threshold (identify.MATCH_THRESHOLD, calibrated
# by bench/identify_threshold.py): sources.py identifies from it up, so an `identified`
# made there always passes; one built by hand (tests, other callers) is checked here. A
# known license plus a paragraph of its own still scores 1.0 (the paragraph is in
# `identified.added`).
CONFIDENT = MATCH_THRESHOLD

# Findings (analysis.FINDING_KINDS) that contradict the terms read fail the check, those
# that leave the terms unknown (an unknown base model) fail under `fail-on-unknown`, the
# others warn. Exceptions may name any finding kind in `flags`.
# Policy codes an exception may waive besides flag ids and finding kinds.
WAIVABLE_CODES = (
    "unknown-license",
    "forbidden-license",
    "not-osd-conformant",
    "undetermined",
    "not-open-license",
    "not-licensed",
)

# Params a rule may compare, beyond the taxonomy's: a duty triggered above a user count or
# revenue (a condition such as attribution-display) carries the threshold in its params.
_TRIGGER_PARAMS = ("threshold", "metric", "amount", "currency", "period")
_PARAM_TYPES: dict[str, type] = {
    "threshold": int,
    "amount": int,
    "inclusive": bool,
    "affiliates": bool,
    "metric": str,
    "currency": str,
    "period": str,
    "url": str,
    "phrase": str,
    "mark": str,
    "jurisdiction": str,
    "regions": list,
}


class Level(StrEnum):
    """How one reason, and so a verdict, comes out."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Level.PASS: 0, Level.WARN: 1, Level.FAIL: 2}


# --- the expression language of [[rule]] fail-if / warn-if -----------------------------------

_NUMBER_SUFFIX = {"k": 10**3, "m": 10**6, "b": 10**9}
_SPACES = re.compile(r"\s*")
# Parentheses deeper than this are no condition anyone writes; the parser recurses on them.
MAX_NESTING = 50
_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d[\d_]*(?:\.\d+)?[kKmMbB]?(?![\w.]))"
    r"|(?P<str>\"[^\"\n]*\"|'[^'\n]*')"
    r"|(?P<op><=|>=|==|!=|<|>)"
    r"|(?P<paren>[()])"
    r"|(?P<word>[A-Za-z][\w-]*))"
)
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: bool(a < b),
    "<=": lambda a, b: bool(a <= b),
    ">": lambda a, b: bool(a > b),
    ">=": lambda a, b: bool(a >= b),
    "==": lambda a, b: bool(a == b),
    "!=": lambda a, b: bool(a != b),
}

Value = Decimal | bool | str


@dataclass(frozen=True)
class Compare:
    """`PARAM OP VALUE`: one comparison of a flag's parameter."""

    param: str
    op: str
    value: Value

    def holds(self, params: Mapping[str, Any]) -> bool | None:
        """Whether the comparison holds; None when the flag does not record the param."""
        actual = params.get(self.param)
        if actual is None:
            return None
        if isinstance(self.value, bool):
            if not isinstance(actual, bool):
                return None
            return _OPS[self.op](actual, self.value)
        if isinstance(self.value, str):
            return _OPS[self.op](str(actual).casefold(), self.value.casefold())
        if isinstance(actual, bool) or not isinstance(actual, int | float | Decimal):
            return None
        return _OPS[self.op](Decimal(actual), self.value)


@dataclass(frozen=True)
class Either:
    """Items joined by `and` or `or`."""

    op: Literal["and", "or"]
    items: tuple[Node, ...]

    def holds(self, params: Mapping[str, Any]) -> bool | None:
        """Three-valued (Kleene) logic: None where a param is missing decides nothing."""
        results = [item.holds(params) for item in self.items]
        decisive = self.op == "or"
        if decisive in results:
            return decisive
        return None if None in results else not decisive


Node = Compare | Either


@dataclass(frozen=True)
class Condition:
    """A parsed `fail-if` / `warn-if` expression, with its source text for messages."""

    text: str
    node: Node

    def holds(self, params: Mapping[str, Any]) -> bool | None:
        return self.node.holds(params)

    @property
    def params(self) -> frozenset[str]:
        def walk(node: Node) -> Iterator[str]:
            if isinstance(node, Compare):
                yield node.param
            else:
                for item in node.items:
                    yield from walk(item)

        return frozenset(walk(self.node))


class ExpressionError(LicensecmpError):
    """An expression that does not parse; the loader adds the file, line and key."""


def _number(raw: str) -> Decimal:
    raw = raw.replace("_", "")
    scale = 1
    if raw[-1].lower() in _NUMBER_SUFFIX:
        scale = _NUMBER_SUFFIX[raw[-1].lower()]
        raw = raw[:-1]
    return Decimal(raw) * scale


def parse_condition(text: str, allowed: Mapping[str, type]) -> Condition:
    """Parse `PARAM OP VALUE` comparisons joined by `and` / `or`, with parentheses.

    `and` binds tighter than `or`. A VALUE is a number (`1_000_000`, `700M`, `1.5B`; suffix
    k, M, B in either case: thousand, million, billion), `true` / `false`, or a quoted
    string (compared case-insensitively). `allowed` maps the params to their types.
    Nothing is evaluated by Python: the parser builds a small tree.
    """
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        # skipping spaces in place: slicing the rest of the text per token was quadratic
        pos = _SPACES.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text):
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            raise ExpressionError(f"unexpected {text[pos]!r} at column {pos + 1}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    if not tokens:
        raise ExpressionError("empty expression")
    index = 0
    depth = 0

    def peek() -> tuple[str, str, int] | None:
        return tokens[index] if index < len(tokens) else None

    def take(what: str) -> tuple[str, str, int]:
        nonlocal index
        token = peek()
        if token is None:
            raise ExpressionError(f"expected {what} at the end")
        index += 1
        return token

    def comparison() -> Node:
        nonlocal depth
        kind, value, column = take("a parameter name")
        if kind == "paren" and value == "(":
            depth += 1
            if depth > MAX_NESTING:
                raise ExpressionError(
                    f"parentheses nested more than {MAX_NESTING} deep at column {column}"
                )
            node = disjunction()
            depth -= 1
            kind, value, column = take("')'")
            if value != ")":
                raise ExpressionError(f"expected ')' at column {column}, found {value!r}")
            return node
        if kind != "word" or value in ("and", "or"):
            raise ExpressionError(f"expected a parameter name at column {column}, found {value!r}")
        param = value
        if param not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise ExpressionError(f"unknown parameter {param!r} (this flag has: {known})")
        op_kind, op, column = take("a comparison (< <= > >= == !=) after " + repr(param))
        if op_kind != "op":
            raise ExpressionError(f"expected a comparison at column {column}, found {op!r}")
        kind, raw, column = take(f"a value after {op!r}")
        literal: Value
        if kind == "num":
            literal = _number(raw)
        elif kind == "str":
            literal = raw[1:-1]
        elif kind == "word" and raw in ("true", "false"):
            literal = raw == "true"
        else:
            raise ExpressionError(f"expected a value at column {column}, found {raw!r}")
        expected = allowed[param]
        if expected is list:
            raise ExpressionError(f"{param} is a list and cannot be compared")
        if expected is int and not isinstance(literal, Decimal):
            raise ExpressionError(f"{param} is a number; compare it with a number")
        if expected is not int and isinstance(literal, Decimal):
            raise ExpressionError(f"{param} is not a number; compare it with a quoted string")
        if expected is bool and not isinstance(literal, bool):
            raise ExpressionError(f"{param} is true or false")
        if expected is str and not isinstance(literal, str):
            raise ExpressionError(f"{param} is text; compare it with a quoted string")
        if not isinstance(literal, Decimal) and op not in ("==", "!="):
            raise ExpressionError(f"{param} can only be compared with == or !=")
        return Compare(param, op, literal)

    def joined(word: Literal["and", "or"], part: Callable[[], Node]) -> Node:
        nonlocal index
        items = [part()]
        while (token := peek()) is not None and token[0] == "word" and token[1] == word:
            index += 1
            items.append(part())
        return items[0] if len(items) == 1 else Either(word, tuple(items))

    def conjunction() -> Node:
        return joined("and", comparison)

    def disjunction() -> Node:
        return joined("or", conjunction)

    node = disjunction()
    extra = peek()
    if extra is not None:
        raise ExpressionError(f"unexpected {extra[1]!r} at column {extra[2]}")
    return Condition(text, node)


def rule_params(flag_id: str) -> dict[str, type]:
    """The params a rule for `flag_id` may compare, with their types."""
    flag = FLAG_TYPES[flag_id]
    names = list(flag.params)
    if flag.kind is Kind.CONDITION:
        names.extend(p for p in _TRIGGER_PARAMS if p not in names)
    return {name: _PARAM_TYPES.get(name, str) for name in names}


# --- regions ----------------------------------------------------------------------------------

_EU = (
    "Austria Belgium Bulgaria Croatia Cyprus Czechia Denmark Estonia Finland France Germany "
    "Greece Hungary Ireland Italy Latvia Lithuania Luxembourg Malta Netherlands Poland "
    "Portugal Romania Slovakia Slovenia Spain Sweden"
).split()
# Which regions lie inside which: a region binds when it overlaps one of ours. Names are the
# ones the analyser emits (rules/restrictions.py) plus the member states of its groups.
_INSIDE: dict[str, tuple[str, ...]] = {
    "European Union": tuple(_EU),
    "European Economic Area": ("European Union", "Iceland", "Liechtenstein", "Norway"),
    "Europe": (
        "European Economic Area",
        "United Kingdom",
        "Switzerland",
        "Russia",
        "Belarus",
        "Ukraine",
        "Moldova",
        "Serbia",
        "Montenegro",
        "Albania",
        "North Macedonia",
        "Bosnia and Herzegovina",
        "Kosovo",
        "Andorra",
        "Monaco",
        "San Marino",
        "Vatican City",
        "Turkey",
    ),
    "United Kingdom": ("England", "Scotland", "Wales", "Northern Ireland"),
    "United States": ("California",),
    "Canada": ("Quebec",),
    "China": ("Mainland China", "Hong Kong", "Macau"),
    "Korea": ("South Korea", "North Korea"),
    "Ukraine": ("Crimea",),
}
_REGION_ALIASES = {
    "eu": "European Union",
    "e.u.": "European Union",
    "eea": "European Economic Area",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "gb": "United Kingdom",
    "great britain": "United Kingdom",
    "britain": "United Kingdom",
    "us": "United States",
    "u.s.": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "prc": "China",
    "people's republic of china": "China",
    "macao": "Macau",
    "republic of korea": "South Korea",
    "czech republic": "Czechia",
    "russian federation": "Russia",
    "holland": "Netherlands",
    "uae": "United Arab Emirates",
}


def _region_key(name: str) -> str:
    lowered = " ".join(name.split()).casefold()
    return _REGION_ALIASES.get(lowered, name).casefold()


_INSIDE_KEYS = {k.casefold(): tuple(v.casefold() for v in vs) for k, vs in _INSIDE.items()}


def _expand(name: str) -> frozenset[str]:
    """A region and every region inside it, case-folded ("EU" -> the EU and its members)."""
    out: set[str] = set()
    todo = [_region_key(name)]
    while todo:
        key = todo.pop()
        if key not in out:
            out.add(key)
            todo.extend(_INSIDE_KEYS.get(key, ()))
    return frozenset(out)


def regions_overlap(ours: Iterable[str], theirs: Iterable[str]) -> tuple[str, ...]:
    """Those of `theirs` that overlap one of `ours` (inside, containing or equal to it)."""
    mine = frozenset().union(*(_expand(r) for r in ours))
    return tuple(r for r in theirs if _expand(r) & mine)


# --- the policy -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """`[[rule]]`: a flag's level decided by conditions on its params."""

    flag: str
    fail_if: Condition | None = None
    warn_if: Condition | None = None


@dataclass(frozen=True)
class Exception_:  # `Exception` is Python's; this is the policy's [[exception]]
    """`[[exception]]`: a reviewed waiver of some flags or findings for one source."""

    index: int  # position among the policy's exceptions, from 0
    source: str
    flags: tuple[str, ...]
    reason: str
    expires: dt.date | None = None
    base: Path | None = None  # the policy file's directory, for sources that are paths
    license: str | None = None  # the license `source` names (license_name), if it names one

    def expired(self, today: dt.date) -> bool:
        """Expired after its `expires` day: an exception is valid on the day itself."""
        return self.expires is not None and self.expires < today

    def matches(self, subject: str, license: str | None) -> bool:
        """Whether this exception is about `subject` (or a source under license `license`)."""
        if self.source == subject or fnmatch.fnmatchcase(subject, self.source):
            return True
        if license is not None and self.license == license:
            return True
        if Path(self.source) == Path(subject):  # "models/x/" and "./models/x"
            return True
        ours = Path(self.source) if self.base is None else self.base / self.source
        theirs = Path(subject)
        return ours.exists() and theirs.exists() and ours.resolve() == theirs.resolve()

    def describe(self) -> str:
        until = f", expires {self.expires.isoformat()}" if self.expires else ""
        return f"exception #{self.index + 1} for {self.source!r} ({self.reason}{until})"


@dataclass(frozen=True)
class Revenue:
    """Our annual revenue: `our-revenue`."""

    amount: int
    currency: str = "USD"


@dataclass(frozen=True)
class Model:
    """`[[model]]` of the manifest: a model tracked by name, by license id or license path."""

    name: str
    license: str | None = None
    path: Path | None = None


_RESTRICTIONS = tuple(t.id for t in TAXONOMY if t.kind is Kind.RESTRICTION)
_LICENSOR_RIGHTS = tuple(t.id for t in TAXONOMY if t.kind is Kind.LICENSOR_RIGHT)


@dataclass(frozen=True)
class Policy:
    """A loaded policy; keys a file leaves out keep the values of DEFAULT_POLICY."""

    path: Path | None = None
    deny: tuple[str, ...] = _RESTRICTIONS
    warn: tuple[str, ...] = _LICENSOR_RIGHTS
    require_osi: bool = False
    # knowledge-base ids, canonical SPDX ids and normalised expressions (normal_expression)
    allow: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    fail_on_unknown: bool = True
    not_open: Level = Level.FAIL  # a not-conformant verdict with no restriction flag behind it
    our_users: int | None = None
    our_revenue: Revenue | None = None
    our_regions: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    exceptions: tuple[Exception_, ...] = ()
    models: tuple[Model, ...] = ()

    @property
    def lists_expressions(self) -> bool:
        """Whether `allow` or `forbid` names an expression, not only ids (an id has no
        space, a normalised expression always has one)."""
        return any(" " in item for item in (*self.allow, *self.forbid))

    @property
    def base(self) -> Path | None:
        """The directory relative paths of the policy are read from."""
        return self.path.parent if self.path is not None else None

    def rule(self, flag_id: str) -> Rule | None:
        return next((r for r in self.rules if r.flag == flag_id), None)

    def level(self, flag_id: str) -> Level | None:
        """What `deny` / `warn` make of a flag (rules aside); None: not listed."""
        if flag_id in self.deny:
            return Level.FAIL
        if flag_id in self.warn:
            return Level.WARN
        return None


# No policy file: deny every restriction, warn on every licensor right, fail what is
# undetermined, unknown or not open.
DEFAULT_POLICY = Policy()


# --- finding and loading ----------------------------------------------------------------------


def _has_table(path: Path) -> bool:
    """Whether a pyproject.toml has a [tool.licensecmp] table (errors name the file)."""
    text = _read(path)
    if "licensecmp" not in text:
        return False
    return _tool_table(_parse(path, text)) is not None


def _tool_table(data: Mapping[str, Any]) -> dict[str, Any] | None:
    """The [tool.licensecmp] table of a parsed pyproject.toml, if it has one."""
    tool = data.get("tool")
    table = tool.get("licensecmp") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def find_policy(start: Path) -> Path | None:
    """The policy that governs `start`: the nearest licensecmp.toml or pyproject.toml with
    a [tool.licensecmp] table, walking up; in one directory licensecmp.toml wins."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / POLICY_FILE
        if candidate.is_file():
            return candidate
        candidate = directory / PYPROJECT
        if candidate.is_file() and _has_table(candidate):
            return candidate
    return None


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LicensecmpError(f"{path}: no such policy file") from None
    except OSError as exc:
        raise LicensecmpError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LicensecmpError(
            f"{path}:{line}: not UTF-8 text (byte {exc.start}); TOML files are UTF-8"
        ) from None


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")
_DATE_LIKE = re.compile(r"=\s*(\d{4}-\d{1,2}-\d{1,2})(?![\d:T])")


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except RecursionError:
        # tomllib recurses into nested arrays and inline tables
        raise LicensecmpError(f"{path}: not a policy: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        _toml_error(path, text, exc)
    except ValueError:
        # int() refuses a number of over 4,300 digits
        raise LicensecmpError(f"{path}: not a policy: a number too long to read") from None


def _toml_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> NoReturn:
    """Raise the TOML error as one line naming the file and line."""
    message = str(exc)
    lines = text.splitlines() or [""]
    line = len(lines)
    found = _AT_LINE.search(message)
    if found:
        line = int(found.group(1))
        message = message[: found.start()]
    else:
        message = _AT_END.sub("", message)
    date = _DATE_LIKE.search(lines[line - 1]) if 0 < line <= len(lines) else None
    if date is not None and _iso_date(date.group(1)) is None:
        message = f"{date.group(1)} is not a valid date (YYYY-MM-DD)"
    raise LicensecmpError(f"{path}:{line}: not valid TOML: {message}") from None


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


class _Locator:
    """Best-effort line numbers: where a key (and a value in it) sits in the raw text."""

    def __init__(self, text: str, prefix: str) -> None:
        self.lines = text.splitlines()
        self.prefix = prefix
        # (table path relative to the policy, item number of an array table, first line)
        self.sections: list[tuple[str | None, int, int]] = [("" if not prefix else None, 0, 1)]
        counts: dict[str, int] = {}
        for number, line in enumerate(self.lines, 1):
            match = _HEADER.match(line)
            if match is None:
                continue
            name = ".".join(part.strip().strip("\"'") for part in match.group(2).split("."))
            relative: str | None
            if not prefix:
                relative = name
            elif name == prefix:
                relative = ""
            elif name.startswith(prefix + "."):
                relative = name[len(prefix) + 1 :]
            else:
                relative = None
            item = 0
            if match.group(1) == "[[" and relative is not None:
                item = counts.get(relative, 0)
                counts[relative] = item + 1
            self.sections.append((relative, item, number))

    def _span(self, table: str, item: int) -> tuple[int, int] | None:
        for i, (name, number, first) in enumerate(self.sections):
            if name == table and number == item:
                end = self.sections[i + 1][2] if i + 1 < len(self.sections) else len(self.lines) + 1
                return first, end
        return None

    def line(self, table: str, item: int, keys: Sequence[str], value: Any = None) -> int:
        """The line of the first of `keys` found (and of `value` in it, when given) in item
        `item` of `table`; else the table's first line."""
        span = self._span(table, item)
        if span is None:
            return 1
        first, end = span
        for key in keys:
            pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
            for number in range(first, end):
                if pattern.match(self.lines[number - 1]):
                    return self._value(number, end, value) if value is not None else number
        return first

    def _value(self, number: int, end: int, value: Any) -> int:
        """The line, from a key's line on, where `value` is written (a list over lines)."""
        wanted = (f'"{value}"', f"'{value}'") if isinstance(value, str) else (str(value),)
        for later in range(number, end):
            text = self.lines[later - 1]
            if later > number and re.match(r"^\s*[\w\"'-]+\s*=", text):
                break
            if any(w in text for w in wanted):
                return later
        return number


@dataclass
class _Loader:
    """Validation of one policy file, with errors that name FILE:LINE and the key."""

    path: Path
    locator: _Locator
    knowledge: Path | None
    table: str = ""
    item: int = 0
    within: str = ""  # an inline table's key (our-revenue = {...}) the keys sit in

    def fail(self, key: str, message: str, value: Any = None) -> LicensecmpError:
        keys = [key, self.within] if self.within else [key]
        line = self.locator.line(self.table, self.item, keys, value)
        where = ".".join(part for part in (self.table, self.within, key) if part)
        return LicensecmpError(f"{self.path}:{line}: {where}: {message}")

    def keys(self, data: Mapping[str, Any], known: Sequence[str]) -> None:
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise self.fail(key, f"unknown key{hint}")

    def typed(self, data: Mapping[str, Any], key: str, kind: type, label: str) -> Any:
        value = data[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is dt.date and isinstance(value, dt.datetime):
            ok = False
        if not ok:
            raise self.fail(key, f"must be {label}, not {_type_name(value)}")
        return value

    def strings(self, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = self.typed(data, key, list, "a list of strings")
        for item in value:
            if not isinstance(item, str):
                raise self.fail(key, f"must be a list of strings, not with {_type_name(item)}")
        return tuple(value)

    def flag_ids(self, data: Mapping[str, Any], key: str, extra: Sequence[str] = ()) -> list[str]:
        """Flag ids (a kind name stands for every flag of that kind), or the `extra` names."""
        out: list[str] = []
        kinds = [k.value for k in Kind]
        for name in self.strings(data, key):
            if name in FLAG_TYPES or name in extra:
                out.append(name)
            elif name in kinds:
                out.extend(_of_kind(name))
            else:
                known = [*FLAG_TYPES, *extra, *kinds]
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]}?)" if close else ""
                what = "flag id or finding kind" if extra else "flag id"
                raise self.fail(key, f"unknown {what} {name!r}{hint}", name)
        return out

    def license_id(self, data: Mapping[str, Any], key: str, name: str) -> str:
        """A license a `[[model]]` names: a knowledge-base id (its entry id) or any other
        SPDX license-list id (its canonical spelling), judged by its metadata."""
        from licensecmp.knowledge import load

        kb = load(self.knowledge)
        known = license_name(name, kb)
        if known is None:
            raise self._unknown(key, name, name, kb)
        return known

    def listed_license(self, data: Mapping[str, Any], key: str, name: str) -> str:
        """An item of `allow` or `forbid` as the policy stores it: a knowledge-base id as
        its entry id, any other SPDX license-list id in its canonical spelling, an SPDX
        expression normalised (normal_expression). An id neither knows is an error that
        suggests the closest ids, as is an expression with one."""
        from licensecmp import spdxids
        from licensecmp.knowledge import load

        kb = load(self.knowledge)
        known = license_name(name, kb)
        if known is not None:
            return known
        if not _OPERATOR.search(name):
            raise self._unknown(key, name, name, kb)
        from licensecmp.spdxdoc import leaves, parse_lenient

        try:
            expression = parse_lenient(name)
        except LicensecmpError as exc:
            raise self.fail(key, str(exc), name) from None
        for leaf in leaves(expression):
            if license_name(leaf.key, kb) is None:
                raise self._unknown(key, leaf.key, name, kb)
            if leaf.exception is not None and spdxids.load().exception(leaf.exception) is None:
                raise self.fail(key, f"unknown license exception {leaf.exception!r}", name)
        return normal_expression(expression, kb)

    def _unknown(self, key: str, name: str, written: str, kb: KnowledgeBase) -> LicensecmpError:
        """`unknown license id`, with the closest knowledge-base and SPDX ids."""
        from licensecmp import spdxids

        spdx = (i for i in spdxids.load().suggest(name) if kb.get(i) is None)  # not twice
        close = (*kb.suggest(name, limit=2), *spdx)[:3]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        within = f" in {written!r}" if written != name else ""
        return self.fail(key, f"unknown license id {name!r}{within}{hint}", written)


def _of_kind(kind: str) -> tuple[str, ...]:
    """The flag ids of a kind (`restriction`); none for a name that is not a kind."""
    return tuple(t.id for t in TAXONOMY if t.kind.value == kind)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dt.datetime):
        return "a date with a time"
    names = {
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
        dt.date: "a date",
        dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


_TOP_KEYS = (
    "deny",
    "warn",
    "require-osi",
    "allow",
    "forbid",
    "fail-on-unknown",
    "not-open",
    "our-users",
    "our-revenue",
    "our-regions",
    "rule",
    "exception",
    "model",
)
_CURRENCY = re.compile(r"[A-Z]{3}")
# An `allow` / `forbid` item that is an SPDX expression rather than one id.
_OPERATOR = re.compile(r"(?:^|\s)(?:and|or|with)(?:\s|$)|[()]", re.IGNORECASE)


def load_policy(path: Path | None, *, knowledge: Path | None = None) -> Policy:
    """Read and validate a policy file; None gives DEFAULT_POLICY.

    For a pyproject.toml the `[tool.licensecmp]` table is read. `knowledge` is the
    knowledge-base directory license ids are checked against (the bundled one by default).
    """
    if path is None:
        return DEFAULT_POLICY
    text = _read(path)
    data = _parse(path, text)
    prefix = ""
    if path.name == PYPROJECT:
        prefix = "tool.licensecmp"
        table = _tool_table(data)
        if table is None:
            raise LicensecmpError(f"{path}:1: no [tool.licensecmp] table")
        data = table
    loader = _Loader(path, _Locator(text, prefix), knowledge)
    return _policy(loader, data)


def _policy(loader: _Loader, data: Mapping[str, Any]) -> Policy:
    loader.keys(data, _TOP_KEYS)
    values: dict[str, Any] = {"path": loader.path}
    values["deny"], values["warn"] = _levels(loader, data)
    for key, attr in (("require-osi", "require_osi"), ("fail-on-unknown", "fail_on_unknown")):
        if key in data:
            values[attr] = loader.typed(data, key, bool, "true or false")
    if "not-open" in data:
        level = loader.typed(data, "not-open", str, '"fail" or "warn"')
        if level not in ("fail", "warn"):
            raise loader.fail("not-open", f'must be "fail" or "warn", not {level!r}', level)
        values["not_open"] = Level(level)
    for key in ("allow", "forbid"):
        if key in data:
            ids = [loader.listed_license(data, key, name) for name in loader.strings(data, key)]
            values[key] = tuple(dict.fromkeys(ids))
    overlap = set(values.get("allow", ())) & set(values.get("forbid", ()))
    if overlap:
        raise loader.fail("forbid", f"{sorted(overlap)[0]!r} is also in allow")
    if "our-users" in data:
        users = loader.typed(data, "our-users", int, "a whole number")
        if users < 0:
            raise loader.fail("our-users", "must not be negative")
        values["our_users"] = users
    if "our-revenue" in data:
        values["our_revenue"] = _revenue(loader, data)
    if "our-regions" in data:
        regions = loader.strings(data, "our-regions")
        if not all(r.strip() for r in regions):
            raise loader.fail("our-regions", "has an empty name")
        values["our_regions"] = regions
    values["rules"] = _rules(loader, data)
    values["exceptions"] = _exceptions(loader, data)
    values["models"] = _models(loader, data)
    return Policy(**values)


def _levels(loader: _Loader, data: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The flags `deny` and `warn` name, resolved: what the file says beats the default of
    the other list, and in the file a flag id beats a kind; the same name in both fails."""
    level: dict[str, Level] = {}
    if "warn" not in data:
        level.update(dict.fromkeys(DEFAULT_POLICY.warn, Level.WARN))
    if "deny" not in data:
        level.update(dict.fromkeys(DEFAULT_POLICY.deny, Level.FAIL))
    named = {key: loader.strings(data, key) if key in data else () for key in ("deny", "warn")}
    for key in named:
        if key in data:
            loader.flag_ids(data, key)  # every name a flag id or a kind
    for name in named["warn"]:
        if name in named["deny"]:
            raise loader.fail("warn", f"{name!r} is also in deny", name)
    lists = (("deny", Level.FAIL), ("warn", Level.WARN))
    for key, value in lists:  # kinds first, so that a flag id named in a list wins
        for name in named[key]:
            level.update(dict.fromkeys(_of_kind(name), value))
    for key, value in lists:
        level.update(dict.fromkeys((n for n in named[key] if n in FLAG_TYPES), value))
    deny = tuple(f for f in FLAG_ORDER if level.get(f) is Level.FAIL)
    warn = tuple(f for f in FLAG_ORDER if level.get(f) is Level.WARN)
    return deny, warn


def _revenue(loader: _Loader, data: Mapping[str, Any]) -> Revenue:
    value = data["our-revenue"]
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise loader.fail("our-revenue", "must not be negative")
        return Revenue(value)
    if not isinstance(value, dict):
        raise loader.fail(
            "our-revenue", f"must be a number or {{amount, currency}}, not {_type_name(value)}"
        )
    if _is_table(loader, "our-revenue"):
        loader.table = "our-revenue"
    else:
        loader.within = "our-revenue"
    try:
        loader.keys(value, ("amount", "currency"))
        if "amount" not in value:
            raise loader.fail("amount", "missing")
        amount = loader.typed(value, "amount", int, "a whole number")
        if amount < 0:
            raise loader.fail("amount", "must not be negative")
        currency = "USD"
        if "currency" in value:
            currency = loader.typed(value, "currency", str, "a string").upper()
            if not _CURRENCY.fullmatch(currency):
                raise loader.fail("currency", "must be an ISO 4217 code such as USD or EUR")
        return Revenue(amount, currency)
    finally:
        loader.table, loader.within = "", ""


def _is_table(loader: _Loader, name: str) -> bool:
    return any(section == name for section, _, _ in loader.locator.sections)


def _array(loader: _Loader, data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise loader.fail(key, f"must be written as [[{key}]] tables")
    return value


def _rules(loader: _Loader, data: Mapping[str, Any]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for item, raw in enumerate(_array(loader, data, "rule")):
        loader.table, loader.item = "rule", item
        loader.keys(raw, ("flag", "fail-if", "warn-if"))
        if "flag" not in raw:
            raise loader.fail("flag", "missing")
        (flag_id,) = loader.flag_ids(
            {"flag": [loader.typed(raw, "flag", str, "a flag id")]}, "flag"
        )
        if any(r.flag == flag_id for r in rules):
            raise loader.fail("flag", f"a second rule for {flag_id!r}")
        if "fail-if" not in raw and "warn-if" not in raw:
            raise loader.fail("flag", "a rule needs fail-if or warn-if")
        conditions: dict[str, Condition | None] = {}
        for key in ("fail-if", "warn-if"):
            conditions[key] = None
            if key in raw:
                expression = loader.typed(raw, key, str, "an expression string")
                try:
                    conditions[key] = parse_condition(expression, rule_params(flag_id))
                except ExpressionError as exc:
                    raise loader.fail(key, str(exc)) from None
        rules.append(Rule(flag_id, conditions["fail-if"], conditions["warn-if"]))
    loader.table, loader.item = "", 0
    return tuple(rules)


def _exceptions(loader: _Loader, data: Mapping[str, Any]) -> tuple[Exception_, ...]:
    from licensecmp.knowledge import load

    kb = load(loader.knowledge)
    out: list[Exception_] = []
    for item, raw in enumerate(_array(loader, data, "exception")):
        loader.table, loader.item = "exception", item
        loader.keys(raw, ("source", "flags", "reason", "expires"))
        for key in ("source", "flags", "reason"):
            if key not in raw:
                raise loader.fail(key, "missing: every exception says what, why and for which")
        source = loader.typed(raw, "source", str, "a string").strip()
        if not source:
            raise loader.fail("source", "must not be empty")
        flags = loader.flag_ids(raw, "flags", (*FINDING_KINDS, *WAIVABLE_CODES))
        if not flags:
            raise loader.fail("flags", "must name at least one flag or finding")
        reason = loader.typed(raw, "reason", str, "a string").strip()
        if not reason:
            raise loader.fail("reason", "must not be empty")
        expires = None
        if "expires" in raw:
            expires = loader.typed(raw, "expires", dt.date, "a date such as 2027-06-30 (unquoted)")
        out.append(
            Exception_(
                index=item,
                source=source,
                flags=tuple(dict.fromkeys(flags)),
                reason=reason,
                expires=expires,
                base=loader.path.parent,
                # a knowledge-base id, or any SPDX id (0BSD), names every source under it
                license=license_name(source, kb),
            )
        )
    loader.table, loader.item = "", 0
    return tuple(out)


def _models(loader: _Loader, data: Mapping[str, Any]) -> tuple[Model, ...]:
    out: list[Model] = []
    for item, raw in enumerate(_array(loader, data, "model")):
        loader.table, loader.item = "model", item
        loader.keys(raw, ("name", "license", "path"))
        if "name" not in raw:
            raise loader.fail("name", "missing")
        name = loader.typed(raw, "name", str, "a string").strip()
        if not name:
            raise loader.fail("name", "must not be empty")
        if any(m.name == name for m in out):
            raise loader.fail("name", f"a second model named {name!r}")
        if ("license" in raw) == ("path" in raw):
            raise loader.fail("name", "a model needs exactly one of license or path")
        if "license" in raw:
            license_id = loader.license_id(
                raw, "license", loader.typed(raw, "license", str, "a license id")
            )
            out.append(Model(name, license=license_id))
        else:
            path = loader.path.parent / loader.typed(raw, "path", str, "a path string")
            if not path.exists():
                raise loader.fail("path", f"{path}: no such file or directory")
            out.append(Model(name, path=path))
    loader.table, loader.item = "", 0
    return tuple(out)


# --- judging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One line of a verdict: a level, a stable code and what it is about."""

    level: Level
    code: str
    message: str
    flag: str | None = None
    clause: str | None = None
    evidence: str | None = None
    start: int | None = None  # offsets into analysis.text
    end: int | None = None
    exception: int | None = None  # index of the [[exception]] that waived it or expired
    finding: str | None = None  # the finding kind, for code `finding`


@dataclass(frozen=True)
class Verdict:
    """What the policy makes of one subject (a SOURCE as given, or a package)."""

    subject: str
    reasons: tuple[Reason, ...]
    license: str | None  # the identified or known license id, None when unknown
    parts: tuple[Verdict, ...] = ()  # for an SPDX expression: the verdict of each license

    @property
    def level(self) -> Level:
        """The worst of the reasons; PASS when there are none."""
        return max((r.level for r in self.reasons), key=_RANK.__getitem__, default=Level.PASS)


@dataclass(frozen=True)
class CheckResult:
    """The verdicts of one run, the exceptions that waived nothing, and the policy used."""

    verdicts: tuple[Verdict, ...]
    stale: tuple[Exception_, ...]
    policy: Policy

    @property
    def passed(self) -> bool:
        """No FAIL anywhere (stale exceptions are reported, they do not fail)."""
        return all(v.level is not Level.FAIL for v in self.verdicts)


def confident(analysis: Analysis) -> Identified | None:
    """The identified license when it is close enough to judge the text as that license."""
    found = analysis.identified
    return found if found is not None and found.similarity >= CONFIDENT else None


def _added(flag: Flag, identified: Identified) -> bool:
    """Whether the flag's evidence overlaps a passage the text adds to the known license."""
    return any(p.start < flag.end and flag.start < p.end for p in identified.added)


def _where(flag: Flag) -> str:
    return f"{flag.id} ({flag.clause})" if flag.clause else flag.id


def _n(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def describe(flag: Flag) -> str:
    """The flag's params in a few words ("more than 700,000,000 monthly active users")."""
    p = flag.params
    if flag.id == "user-threshold" and "threshold" in p:
        count = f"{_n(p['threshold'])} {p.get('metric', 'users')}"
        return f"{count} or more" if p.get("inclusive", True) else f"more than {count}"
    if flag.id == "revenue-threshold" and "amount" in p:
        money = f"{_n(p['amount'])} {p.get('currency', '(no currency)')}"
        period = f" a {p['period']}" if p.get("period") else ""
        if p.get("inclusive", True):
            return f"revenue of {money}{period} or more"
        return f"revenue above {money}{period}"
    if flag.id == "geographic-restriction" and p.get("regions"):
        return "excludes " + ", ".join(str(r) for r in p["regions"])
    if flag.id == "acceptable-use-policy" and p.get("url"):
        return f"use restrictions, with a policy at {p['url']}"
    return FLAG_TYPES[flag.id].meaning


def _binding(flag: Flag, policy: Policy) -> tuple[bool, str] | None:
    """Whether our facts make a threshold or region flag apply, and why; None: no fact."""
    p = flag.params
    if flag.id == "user-threshold" and policy.our_users is not None:
        ours = f"ours {_n(policy.our_users)}"
        if not isinstance(p.get("threshold"), int):
            return True, f"the license records no user count; {ours}: binds"
        reaches = (
            policy.our_users >= p["threshold"]
            if p.get("inclusive", True)
            else policy.our_users > p["threshold"]
        )
        return reaches, f"{describe(flag)}; {ours}: {'binds' if reaches else 'does not bind'}"
    if flag.id == "revenue-threshold" and policy.our_revenue is not None:
        mine = policy.our_revenue
        ours = f"ours {_n(mine.amount)} {mine.currency} a year"
        amount, currency, period = p.get("amount"), p.get("currency"), p.get("period")
        if not isinstance(amount, int):
            return True, f"the license records no amount; {ours}: binds"
        if not isinstance(currency, str) or currency.upper() != mine.currency:
            return True, f"{describe(flag)}; {ours}: another currency, binds"
        if period not in ("year", "month"):
            return True, f"{describe(flag)}; {ours}: the license names no period, binds"
        # a month's revenue is at most the year's: below a monthly line all year, no month
        # crosses it; above it, some month might
        reaches = mine.amount >= amount if p.get("inclusive", True) else mine.amount > amount
        return reaches, f"{describe(flag)}; {ours}: {'binds' if reaches else 'does not bind'}"
    if flag.id == "geographic-restriction" and policy.our_regions:
        ours = "ours " + ", ".join(policy.our_regions)
        regions = p.get("regions")
        if not isinstance(regions, list) or not regions:
            return True, f"the license records no regions; {ours}: binds"
        hit = regions_overlap(policy.our_regions, (str(r) for r in regions))
        if hit:
            return True, f"{describe(flag)}; {ours}: binds ({', '.join(hit)})"
        return False, f"{describe(flag)}; {ours}: does not bind"
    return None


def _flag_reason(flag: Flag, level: Level, code: str, message: str) -> Reason:
    has_text = bool(flag.evidence)
    return Reason(
        level,
        code,
        message,
        flag=flag.id,
        clause=flag.clause or None,
        evidence=flag.evidence if has_text else None,
        start=flag.start if has_text else None,
        end=flag.end if has_text else None,
    )


def _not_licensed(flag: Flag, policy: Policy) -> Reason | None:
    """A threshold or region flag our facts fall into. Such a flag takes the grant itself
    away (no license above the line, none in the excluded region), so it fails whatever
    `deny`, `warn`, a rule or `allow` say; an exception may still waive it."""
    binding = _binding(flag, policy)
    if binding is None or not binding[0]:
        return None
    message = f"{_where(flag)}: the license does not license us: {binding[1]}"
    return _flag_reason(flag, Level.FAIL, "not-licensed", message)


def _judge_flag(flag: Flag, policy: Policy) -> Iterator[Reason]:
    rule = policy.rule(flag.id)
    listed = policy.level(flag.id)
    where = _where(flag)
    binding = _binding(flag, policy)
    not_licensed = _not_licensed(flag, policy)
    if not_licensed is not None:
        yield not_licensed
    elif binding is not None and (rule is not None or listed is not None):
        # a fact of ours keeps the flag from binding; the note says what it is
        yield _flag_reason(flag, Level.PASS, "does-not-bind", f"{where}: {binding[1]}")
    elif rule is not None:
        yield _rule_reason(flag, rule)
    elif listed is Level.FAIL:
        yield _flag_reason(flag, listed, "denied-flag", f"{where}: denied: {describe(flag)}")
    elif listed is Level.WARN:
        yield _flag_reason(flag, listed, "warned-flag", f"{where}: warned: {describe(flag)}")
    if policy.require_osi and flag.kind is Kind.RESTRICTION:
        from licensecmp.taxonomy import OSD_CRITERIA

        criteria = ", ".join(f"{c} ({OSD_CRITERIA[c]})" for c in flag.osd)
        yield _flag_reason(
            flag,
            Level.FAIL,
            "not-osd-conformant",
            f"{where}: not OSD-conformant: breaks criterion {criteria}",
        )


def _rule_reason(flag: Flag, rule: Rule) -> Reason:
    where = _where(flag)
    for condition, level, code in (
        (rule.fail_if, Level.FAIL, "denied-flag"),
        (rule.warn_if, Level.WARN, "warned-flag"),
    ):
        if condition is None:
            continue
        holds = condition.holds(flag.params)
        if holds is None:  # a param the flag lacks: judged as if the condition held
            missing = ", ".join(sorted(p for p in condition.params if p not in flag.params))
            message = f"{where}: {condition.text!r} cannot be decided (no {missing}), so it holds"
            return _flag_reason(flag, level, code, message)
        if holds:
            return _flag_reason(flag, level, code, f"{where}: {condition.text!r} holds")
    shown = " / ".join(repr(c.text) for c in (rule.fail_if, rule.warn_if) if c is not None)
    return _flag_reason(flag, Level.PASS, "rule-passed", f"{where}: {shown} does not hold")


def _listed(names: tuple[str, ...], analysis: Analysis) -> bool:
    """Whether `allow` or `forbid` (`names`) lists the license the text is identified as:
    by its id, or (a license the knowledge base lacks) by its canonical SPDX id."""
    found = confident(analysis)
    return found is not None and (found.id in names or bool(found.spdx and found.spdx in names))


def _license_reasons(analysis: Analysis, policy: Policy, license: str | None) -> Iterator[Reason]:
    if license is not None and _listed(policy.forbid, analysis):
        yield Reason(Level.FAIL, "forbidden-license", f"{license}: forbidden by the policy")
    if license is not None and _listed(policy.allow, analysis):
        found = confident(analysis)
        added = len(found.added) if found is not None else 0
        extra = f"; {added} added passage(s) still judged" if added else ""
        yield Reason(Level.PASS, "allowed-license", f"{license}: allowed by the policy{extra}")
    restrictions = [f.id for f in analysis.flags if f.kind is Kind.RESTRICTION]
    if license is None and not analysis.text:
        # a model card declaring no known license, over no license file
        yield Reason(
            Level.FAIL if policy.fail_on_unknown else Level.WARN,
            "unknown-license",
            "no license text and no known license: nothing to judge the terms by",
        )
    elif license is None and restrictions:
        near = analysis.identified
        closest = (
            f" (closest: {near.id} at {near.similarity:.2f}, too far to rely on)"
            if near is not None
            else ""
        )
        yield Reason(
            Level.FAIL if policy.fail_on_unknown else Level.WARN,
            "unknown-license",
            f"no known license identified{closest} and the text restricts: "
            + ", ".join(restrictions),
        )


_SHOWN = 3  # unexplained sentences named in one message; the rest are counted


def _short(sentence: str, limit: int = 80) -> str:
    """A sentence on one line, cut at a word boundary near `limit` characters."""
    flat = " ".join(sentence.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(",;:") + "..."


def _undetermined(policy: Policy, sentences: Sequence[Unexplained], what: str) -> Reason:
    """`undetermined`: the sentences no flag explains (clause and a shortened sentence each,
    the first located), or `what` when there are none."""
    level = Level.FAIL if policy.fail_on_unknown else Level.WARN
    if not sentences:
        return Reason(level, "undetermined", what)
    shown = [
        f'clause {u.clause}: "{_short(u.text)}"' if u.clause else f'"{_short(u.text)}"'
        for u in sentences[:_SHOWN]
    ]
    more = f"; and {len(sentences) - _SHOWN} more" if len(sentences) > _SHOWN else ""
    first = sentences[0]
    return Reason(
        level,
        "undetermined",
        f"{what}: " + "; ".join(shown) + more,
        clause=first.clause or None,
        evidence=first.text,
        start=first.start,
        end=first.end,
    )


def _verdict_reasons(analysis: Analysis, policy: Policy, license: str | None) -> Iterator[Reason]:
    """What the OSD verdict itself makes fail when no flag does (SPEC.md, "OSD verdict").

    An undetermined text fails `undetermined` (a warning with `fail-on-unknown = false`); a
    not-conformant one with no restriction flag behind it (a known license that is not
    open, a freedom never granted) fails `not-open-license` (a warning with
    `not-open = "warn"`). An allowed license passes both, but the sentences its text
    *adds* to the license are still judged.
    """
    osd = analysis.osd
    found = confident(analysis)
    if license is not None and _listed(policy.allow, analysis) and found is not None:
        added = tuple(
            u
            for u in analysis.unexplained
            if any(p.start < u.end and u.start < p.end for p in found.added)
        )
        if added:
            what = (
                f"undetermined (needs review): {len(added)} sentence(s) the text adds to "
                f"{license} limit the licensee and no flag explains them"
            )
            yield _undetermined(policy, added, what)
        return
    if license is None and not analysis.text:
        return  # unknown-license says it: there is no text to be undetermined about
    if osd.verdict is OsdVerdict.UNDETERMINED:
        what = osd.summary
        if osd.basis == "nothing-granted" and license is None:
            near = analysis.closest or analysis.identified
            closest = f" (closest: {near.id} at {near.similarity:.2f})" if near else ""
            what += f"; no known license identified{closest}"
        yield _undetermined(policy, osd.unexplained, what)
    elif osd.verdict is OsdVerdict.NOT_CONFORMANT and osd.basis in (
        "known-license",
        "missing-freedoms",
    ):
        yield Reason(policy.not_open, "not-open-license", osd.summary)


def _finding_reasons(analysis: Analysis, policy: Policy) -> Iterator[Reason]:
    for finding in analysis.findings:
        kind = FINDING_KINDS[finding.kind]
        failing = finding.contradicts or (kind.unknown and policy.fail_on_unknown)
        level = Level.FAIL if failing else Level.WARN
        yield Reason(level, "finding", f"{finding.kind}: {finding.message}", finding=finding.kind)


def _waivable(reason: Reason) -> tuple[str, ...]:
    """The names an exception may list to waive this reason."""
    names = [n for n in (reason.flag, reason.finding) if n is not None]
    if reason.code in WAIVABLE_CODES:
        names.append(reason.code)
    return tuple(names)


def _apply(
    reasons: Iterable[Reason],
    policy: Policy,
    subject: str,
    license: str | None,
    today: dt.date,
    aliases: Sequence[str] = (),
) -> tuple[Reason, ...]:
    """Waive what a matching, valid exception lists; fail what only an expired one lists.
    An exception may also name one of the subject's aliases (an SBOM component's purl)."""
    mine = [
        e
        for e in policy.exceptions
        if e.matches(subject, license) or any(e.matches(a, None) for a in aliases)
    ]
    out: list[Reason] = []
    for reason in reasons:
        names = _waivable(reason)
        covering = [e for e in mine if set(names) & set(e.flags)] if reason.level.rank else []
        valid = [e for e in covering if not e.expired(today)]
        if valid:
            chosen = valid[0]
            message = f"{reason.message} [waived by {chosen.describe()}]"
            out.append(
                replace(
                    reason, level=Level.PASS, code="waived", message=message, exception=chosen.index
                )
            )
        elif covering:
            chosen = covering[0]
            # the reason now fails: a "warned:" in its words would contradict the FAIL
            said = reason.message
            if reason.level is Level.WARN:
                said = said.replace(": warned: ", ": ", 1)
            message = f"{said} [{chosen.describe()} has expired, so this fails]"
            out.append(
                replace(
                    reason,
                    level=Level.FAIL,
                    code="expired-exception",
                    message=message,
                    exception=chosen.index,
                )
            )
        else:
            out.append(reason)
    return tuple(out)


def evaluate(
    analysis: Analysis,
    policy: Policy,
    *,
    subject: str,
    today: dt.date,
    aliases: Sequence[str] = (),
) -> Verdict:
    """Judge one analysis by the policy: every reason, in flag order, then the findings."""
    found = confident(analysis)
    license = found.id if found is not None else None
    allowed = license is not None and _listed(policy.allow, analysis)
    reasons: list[Reason] = list(_license_reasons(analysis, policy, license))
    reasons.extend(_verdict_reasons(analysis, policy, license))
    for flag in analysis.flags:
        if allowed and found is not None and not _added(flag, found):
            # the allowed license's own terms pass, unless they do not license us at all
            not_licensed = _not_licensed(flag, policy)
            reasons.extend(() if not_licensed is None else (not_licensed,))
            continue
        reasons.extend(_judge_flag(flag, policy))
    reasons.extend(_finding_reasons(analysis, policy))
    return Verdict(subject, _apply(reasons, policy, subject, license, today, aliases), license)


def unknown(
    subject: str,
    why: str,
    *,
    policy: Policy | None = None,
    today: dt.date | None = None,
    aliases: Sequence[str] = (),
) -> Verdict:
    """A subject with neither text nor identification (an SPDX LicenseRef with no text).

    It fails `unknown-license`; given the policy (and `today`), `fail-on-unknown = false`
    makes it a warning and an exception listing `unknown-license` may waive it.
    """
    level = Level.FAIL if policy is None or policy.fail_on_unknown else Level.WARN
    reason = Reason(level, "unknown-license", why)
    if policy is None:
        return Verdict(subject, (reason,), None)
    if today is None:
        raise ValueError("unknown(): today is required with a policy")
    return Verdict(subject, _apply((reason,), policy, subject, None, today, aliases), None)


def _spdx_reason(facts: SpdxLicense, given: str, policy: Policy) -> Reason:
    """What the metadata of an SPDX id says, as one reason that cites it: `0BSD (BSD Zero
    Clause License): OSI-approved; known by its SPDX id only; text not read`."""
    license = facts.id
    named = f"{license} ({facts.name})" if facts.name.lower() != license.lower() else license
    written = given.strip()
    # a LicenseRef alias is the expression parser's rewrite, not what the document wrote
    renamed = written.lower() != license.lower() and not written.startswith("LicenseRef-")
    deprecated = f"deprecated SPDX id{f' {written}, now {license}' if renamed else ''}; "
    facts_said = deprecated if facts.deprecated else ""
    only = "known by its SPDX id only; text not read"
    if facts.open:
        message = f"{named}: OSI-approved; {facts_said}{only}"
        return Reason(Level.PASS, "osi-approved", message)
    facts_said += f"ScanCode's category is {facts.category or 'not given'}, not OSI-approved"
    if facts.open is False:
        message = f"{named}: NOT OSD-conformant: {facts_said}; {only}"
        return Reason(policy.not_open, "not-open-license", message)
    message = f"{named}: undetermined (needs review): {facts_said}; {only}; `allow` it to accept it"
    return Reason(Level.FAIL if policy.fail_on_unknown else Level.WARN, "undetermined", message)


def by_spdx_id(
    subject: str,
    given: str,
    facts: SpdxLicense,
    *,
    policy: Policy,
    today: dt.date,
    aliases: Sequence[str] = (),
) -> Verdict:
    """An SPDX license-list id the knowledge base lacks, judged by its metadata alone (an
    SBOM names it, no text comes with it): `forbid` fails it and `allow` passes it as any
    license; else it passes when OSI-approved (`osi-approved`), fails `not-open-license`
    when ScanCode's category is not open (`not-open = "warn"` makes it warn), and is
    `undetermined` otherwise (a permissive or copyleft license the OSI has not approved:
    nothing says it is open, so it fails under `fail-on-unknown`, warns without it).
    `given` is the id as the document wrote it; deprecated ids say so.
    """
    license = facts.id
    reasons: list[Reason] = []
    if license in policy.forbid:
        reasons.append(
            Reason(Level.FAIL, "forbidden-license", f"{license}: forbidden by the policy")
        )
    if license in policy.allow:
        reasons.append(Reason(Level.PASS, "allowed-license", f"{license}: allowed by the policy"))
    else:
        reasons.append(_spdx_reason(facts, given, policy))
    return Verdict(subject, _apply(reasons, policy, subject, license, today, aliases), license)


def license_name(name: str, kb: KnowledgeBase) -> str | None:
    """The one name policies know a license by: its knowledge-base entry id, else its
    canonical SPDX id (an SPDX alias of a knowledge-base license, `GPL-2.0+`, is the
    entry's); None when neither knows it."""
    from licensecmp import spdxids

    entry = kb.get(name)
    if entry is not None:
        return entry.id
    facts = spdxids.lookup(name)
    if facts is None:
        return None
    entry = kb.get(facts.id)
    return entry.id if entry is not None else facts.id


def normal_expression(expression: Expr, kb: KnowledgeBase) -> str:
    """An SPDX expression as `allow` and `forbid` store and compare it.

    Two expressions are the same when they name the same licenses joined the same way:
    each id is read as its knowledge-base entry id, else its canonical SPDX id (so case
    and SPDX aliases do not matter: `mit`, `MIT`; `GPL-2.0+`, `GPL-2.0-or-later`), and
    within one AND or OR the order of the parts, repeated parts and nesting
    (`A OR (B OR C)`) do not matter either. Nothing else is rewritten: `A AND (B OR C)`
    is not the same as `(A AND B) OR (A AND C)`. Whitespace is never part of it.
    """
    from licensecmp import spdxdoc, spdxids

    def named(key: str) -> str:
        return license_name(key, kb) or key  # an id neither knows (a LicenseRef) as given

    def normal(node: Expr) -> Expr:
        if isinstance(node, spdxdoc.Leaf):
            exception = node.exception
            if exception is not None:
                exception = spdxids.load().exception(exception) or exception
            return spdxdoc.Leaf(named(node.key), exception)
        kind = type(node)
        parts: list[Expr] = []
        for part in (normal(p) for p in node.parts):
            parts.extend(part.parts if isinstance(part, kind) else (part,))
        unique = sorted(dict.fromkeys(parts), key=lambda p: str(p).lower())
        return unique[0] if len(unique) == 1 else kind(tuple(unique))

    return str(normal(expression))


def by_expression(
    subject: str,
    expression: str,
    *,
    policy: Policy,
    today: dt.date,
    aliases: Sequence[str] = (),
) -> Verdict | None:
    """The verdict on an expression (normalised, normal_expression) that `forbid` or `allow`
    names as a whole: it fails `forbidden-license` or passes `allowed-license`, whatever
    its licenses would say one by one. None when neither list names it."""
    if expression in policy.forbid:
        reason = Reason(Level.FAIL, "forbidden-license", f"{expression}: forbidden by the policy")
    elif expression in policy.allow:
        reason = Reason(Level.PASS, "allowed-license", f"{expression}: allowed by the policy")
    else:
        return None
    return Verdict(
        subject, _apply((reason,), policy, subject, expression, today, aliases), expression
    )


def combine(subject: str, op: Literal["and", "or"], parts: Sequence[Verdict]) -> Verdict:
    """The verdict of an SPDX expression: OR takes the best part (any choice that passes
    will do), AND the worst (every license applies). Ties go to the first part."""
    if not parts:
        raise ValueError("combine(): no parts")
    if op == "or":
        chosen = min(parts, key=lambda v: v.level.rank)
        return Verdict(subject, chosen.reasons, chosen.license, tuple(parts))
    reasons = tuple(r for part in parts for r in part.reasons)
    licenses = [p.license for p in parts]
    license = (
        " AND ".join(str(x) for x in licenses) if all(x is not None for x in licenses) else None
    )
    return Verdict(subject, reasons, license, tuple(parts))


def _used(verdicts: Iterable[Verdict]) -> Iterator[int]:
    for verdict in verdicts:
        yield from (r.exception for r in verdict.reasons if r.exception is not None)
        yield from _used(verdict.parts)


def check(verdicts: Sequence[Verdict], policy: Policy) -> CheckResult:
    """The result of a run: its verdicts and the exceptions that waived nothing in it."""
    used = set(_used(verdicts))
    stale = tuple(e for e in policy.exceptions if e.index not in used)
    return CheckResult(tuple(verdicts), stale, policy)


__all__ = [
    "CONFIDENT",
    "DEFAULT_POLICY",
    "CheckResult",
    "Condition",
    "Exception_",
    "Level",
    "Model",
    "Policy",
    "Reason",
    "Revenue",
    "Rule",
    "Verdict",
    "by_expression",
    "by_spdx_id",
    "check",
    "combine",
    "evaluate",
    "find_policy",
    "load_policy",
    "normal_expression",
    "parse_condition",
    "unknown",
]
