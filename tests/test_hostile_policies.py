"""Every malformed variant of the policy and SPDX fixtures: exit 2, one line, file (and line).

Variants are derived at test time from the good fixtures (fixtures/policies/*.toml,
fixtures/spdx/*): keys deleted, values of the wrong type, unknown keys, broken syntax,
truncated files, wrong SPDX versions. `licensecmp check` must refuse each with exit 2
and one `error:` line naming the file; a TOML policy always as FILE:LINE, and the line
is the one we broke wherever a single line is to blame.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from typer.testing import CliRunner

from licensecmp.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
POLICIES = FIXTURES / "policies"
SPDX = FIXTURES / "spdx"
GOOD_POLICIES = sorted(
    [
        *POLICIES.glob("*.toml"),
        POLICIES / "manifest" / "licensecmp.toml",
        POLICIES / "pyproject" / "pyproject.toml",
    ]
)
LICENSE = FIXTURES / "models" / "acme-chat-7b"  # a source every good policy can judge

_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z][\w-]*)\s*=\s*(?P<value>.+?)\s*$")
_HEADER = re.compile(r"^\s*\[\[?\s*(?P<name>[^\]]+?)\s*\]\]?\s*$")
# keys without which an item of an array table is incomplete
REQUIRED = {
    "exception": ("source", "flags", "reason"),
    "rule": ("flag",),
    "model": ("name",),
}


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def refused(result: Result, path: Path) -> str:
    """Assert exit 2 with one `error:` line naming the file; the line's text."""
    output = result.stdout + result.stderr
    assert result.exit_code == 2, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}"), lines[0]
    return lines[0]


# --- policy variants --------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A broken copy of a good file: its text, and the line to blame when one is."""

    name: str
    text: str
    line: int | None


def _table_of(lines: list[str], index: int) -> str:
    for line in reversed(lines[:index]):
        header = _HEADER.match(line)
        if header:
            return header["name"].removeprefix("tool.licensecmp.").removeprefix("tool.licensecmp")
    return ""


def _wrong(value: str) -> str:
    """A TOML value of another type than `value`."""
    if value.startswith("["):
        return "true"
    if value.startswith(("'", '"')):
        return "17"
    if value in ("true", "false"):
        return '"yes"'
    if value.startswith("{"):
        return "false"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return '"soon"'
    return '"17"'


def policy_variants(text: str) -> Iterator[Variant]:
    lines = text.splitlines()
    joined = "\n".join
    for i, line in enumerate(lines):
        number = i + 1
        found = _KEY_LINE.match(line)
        if found is None:
            continue
        key, value = found["key"], found["value"]
        table = _table_of(lines, i)
        if table in ("project", "tool.ruff") or (value.startswith("[") and "]" not in value):
            continue  # another tool's table, or a list over several lines
        rest = lines[:i] + lines[i + 1 :]
        if key in REQUIRED.get(table, ()):
            # the item is blamed at its header or a line of it: at most the deleted line's
            yield Variant(f"deleted {table}.{key} (line {number})", joined(rest), None)
        yield Variant(
            f"wrong type for {key} (line {number})",
            joined([*lines[:i], f"{found['indent']}{key} = {_wrong(value)}", *lines[i + 1 :]]),
            number,
        )
        yield Variant(
            f"unknown key after {key} (line {number})",
            joined([*lines[: i + 1], f"{found['indent']}surprise-{key} = 1", *lines[i + 1 :]]),
            number + 1,
        )
        yield Variant(
            f"duplicate {key} (line {number})", joined([*lines[: i + 1], *lines[i:]]), None
        )
        if value[0] in "[{'\"":  # cut after the opening bracket or quote: never complete
            cut = line.index(value) + 1
            yield Variant(
                f"truncated inside {key} (line {number})", joined([*lines[:i], line[:cut]]), None
            )
    yield Variant("a line of prose", joined(["this is not TOML at all", *lines]), 1)
    yield Variant("an unclosed table header", joined([*lines, "[[exception"]), len(lines) + 1)


def _policy_cases() -> list[tuple[Path, Variant]]:
    return [(p, v) for p in GOOD_POLICIES for v in policy_variants(p.read_text(encoding="utf-8"))]


def test_the_good_policies_load_so_the_variants_are_what_breaks_them() -> None:
    for path in GOOD_POLICIES:
        result = invoke("check", "--policy", str(path), str(LICENSE))
        assert result.exit_code in (0, 1), f"{path}: {result.stderr}"


def _id(case: tuple[Path, Variant]) -> str:
    path, variant = case
    return f"{path.parent.name}/{path.name}: {variant.name}"


@pytest.mark.parametrize("case", _policy_cases(), ids=_id)
def test_a_malformed_policy_is_exit_2_naming_file_and_line(
    tmp_path: Path, case: tuple[Path, Variant]
) -> None:
    good, variant = case
    broken = tmp_path / good.name
    broken.write_text(variant.text + "\n", encoding="utf-8")
    if good.parent.name == "manifest":  # keep the manifest's relative paths valid
        (tmp_path / "licenses").mkdir()
        for file in (good.parent / "licenses").iterdir():
            (tmp_path / "licenses" / file.name).write_bytes(file.read_bytes())
    message = refused(invoke("check", "--policy", str(broken), str(LICENSE)), broken)
    located = re.match(rf"error: {re.escape(str(broken))}:(\d+): ", message)
    assert located, f"no line in: {message}"
    line = int(located.group(1))
    assert 1 <= line <= len(variant.text.splitlines()) + 1, message
    if variant.line is not None:
        assert line == variant.line, message


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin-1", 'deny = ["user-threshold"]\n# caf\xe9\n'.encode("latin-1")),
        ("binary", b'deny = ["user-threshold"]\n\x00\x01\x02\n'),
        ("utf-16", 'deny = ["user-threshold"]\n'.encode("utf-16")),
    ],
)
def test_a_policy_that_is_not_utf8_text_is_exit_2_with_a_line(
    tmp_path: Path, name: str, data: bytes
) -> None:
    broken = tmp_path / "licensecmp.toml"
    broken.write_bytes(data)
    message = refused(invoke("check", "--policy", str(broken), str(LICENSE)), broken)
    assert re.match(rf"error: {re.escape(str(broken))}:\d+: ", message), message


# --- SPDX variants ----------------------------------------------------------------------------


def _json_doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SPDX / "three-packages.spdx.json").read_text())
    return data


Mutation = Callable[[dict[str, Any]], None]


def _delete(*path: str | int) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]

    return mutate


def _set(value: Any, *path: str | int) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return mutate


MUTATIONS: dict[str, Mutation] = {
    "spdxVersion SPDX-2.1": _set("SPDX-2.1", "spdxVersion"),
    "spdxVersion SPDX-3.0": _set("SPDX-3.0", "spdxVersion"),
    "spdxVersion a number": _set(2.3, "spdxVersion"),
    "spdxVersion deleted": _delete("spdxVersion"),
    "SPDXID deleted": _delete("SPDXID"),
    "name deleted": _delete("name"),
    "dataLicense deleted": _delete("dataLicense"),
    "creationInfo deleted": _delete("creationInfo"),
    "creationInfo a list": _set([], "creationInfo"),
    "creators deleted": _delete("creationInfo", "creators"),
    "created deleted": _delete("creationInfo", "created"),
    "created not a date": _set("last tuesday", "creationInfo", "created"),
    "packages an object": _set({}, "packages"),
    "packages a string": _set("acme", "packages"),
    "a package a string": _set("acme", "packages", 0),
    "package name deleted": _delete("packages", 0, "name"),
    "package SPDXID deleted": _delete("packages", 0, "SPDXID"),
    "package downloadLocation deleted": _delete("packages", 0, "downloadLocation"),
    "package name a number": _set(5, "packages", 0, "name"),
    "licenseConcluded a number": _set(5, "packages", 0, "licenseConcluded"),
    "licenseDeclared broken": _set("MIT OR", "packages", 0, "licenseDeclared"),
    "licenseDeclared not an SPDX id": _set("Acme-Weights-1", "packages", 0, "licenseDeclared"),
    "extracted infos an object": _set({}, "hasExtractedLicensingInfos"),
    "extracted licenseId deleted": _delete("hasExtractedLicensingInfos", 0, "licenseId"),
}


def _spdx_cases() -> Iterator[tuple[str, str, bytes]]:
    """(case, file name, bytes) for every broken variant of every serialisation."""
    for label, mutate in MUTATIONS.items():
        data = _json_doc()
        mutate(data)
        yield f"json: {label}", "doc.spdx.json", json.dumps(data, indent=2).encode()
        data = copy.deepcopy(data)
        yield f"yaml: {label}", "doc.spdx.yaml", yaml.safe_dump(data).encode()
    for fixture in sorted(SPDX.glob("three-packages.spdx*")):
        suffix = fixture.name.removeprefix("three-packages")
        raw = fixture.read_bytes()
        for share in (0.2, 0.5, 0.9):
            yield (
                f"{suffix}: truncated to {share:.0%}",
                "doc" + suffix,
                raw[: int(len(raw) * share)],
            )
        yield f"{suffix}: empty", "doc" + suffix, b""
        yield f"{suffix}: binary", "doc" + suffix, b"\x00\x01" + raw[:200]
        yield f"{suffix}: not UTF-8", "doc" + suffix, raw.replace(b"Acme", b"Acm\xe9", 1)
        text = raw.decode()
        for old in ("SPDX-2.3",):
            for new in ("SPDX-2.1", "SPDX-9.9", ""):
                yield (
                    f"{suffix}: version {new or 'empty'}",
                    "doc" + suffix,
                    text.replace(old, new).encode(),
                )
    tag_value = (SPDX / "three-packages.spdx").read_text()
    tag_lines = tag_value.splitlines()
    for tag in ("SPDXVersion", "DataLicense", "SPDXID", "DocumentName", "Created", "PackageName"):
        kept = [line for line in tag_lines if not line.startswith(f"{tag}:")]
        yield f"tag-value: {tag} deleted", "doc.spdx", "\n".join(kept).encode()
    yield (
        "tag-value: a line of prose",
        "doc.spdx",
        ("this is not a tag\n" + tag_value).encode(),
    )
    yield (
        "tag-value: broken expression",
        "doc.spdx",
        tag_value.replace("MIT OR Apache-2.0", "MIT OR (Apache-2.0", 1).encode(),
    )
    yield (
        "tag-value: unclosed text",
        "doc.spdx",
        tag_value.replace("</text>", "", 1).encode(),
    )
    for suffix in (".spdx.xml", ".spdx.rdf.xml"):
        text = (SPDX / f"three-packages{suffix}").read_text()
        yield (
            f"{suffix}: mismatched tag",
            "doc" + suffix,
            re.sub(r"</(\w+:)?name>", "</nome>", text, count=1).encode(),
        )
        yield f"{suffix}: prose", "doc" + suffix, ("not xml\n" + text).encode()
    yield "json: broken syntax", "doc.spdx.json", b'{"spdxVersion": "SPDX-2.3",, "packages": []}'
    yield "json: a list", "doc.spdx.json", b"[]"
    yield "yaml: broken syntax", "doc.spdx.yaml", b"spdxVersion: SPDX-2.3\n packages: [\n"
    yield "yaml: a scalar", "doc.spdx.yaml", b"just words\n"


SPDX_CASES = list(_spdx_cases())
# A license a package gives that cannot be read (an expression that does not parse, an id
# nobody knows, a LicenseRef the document does not define, as in a tag-value document cut
# short before its extracted texts) fails that package: the document is still judged.
PER_PACKAGE = {
    "json: licenseDeclared broken": "is not a license expression",
    "yaml: licenseDeclared broken": "is not a license expression",
    "json: licenseDeclared not an SPDX id": "Acme-Weights-1 is not a known license id",
    "yaml: licenseDeclared not an SPDX id": "Acme-Weights-1 is not a known license id",
    "tag-value: broken expression": "is not a license expression",
    ".spdx: truncated to 20%": "is not defined in the document",
    ".spdx: truncated to 50%": "is not defined in the document",
    "tag-value: unclosed text": "is not defined in the document",
}


@pytest.mark.parametrize(("case", "name", "data"), SPDX_CASES, ids=[c[0] for c in SPDX_CASES])
def test_a_malformed_spdx_document_is_exit_2_naming_the_file(
    tmp_path: Path, case: str, name: str, data: bytes
) -> None:
    broken = tmp_path / name
    broken.write_bytes(data)
    result = invoke("check", "--policy", str(POLICIES / "pass.toml"), str(broken))
    if case in PER_PACKAGE:
        output = result.stdout + result.stderr
        assert result.exit_code == 1 and "Traceback" not in output, output
        failing = [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
        assert any(PER_PACKAGE[case] in line for line in failing), output
        return
    message = refused(result, broken)
    if "syntax" in case or "prose" in case or "mismatched" in case:
        assert "line" in message, message


def test_the_good_spdx_documents_are_read_so_the_variants_are_what_breaks_them() -> None:
    for fixture in sorted(SPDX.glob("three-packages.spdx*")):
        result = invoke("check", "--policy", str(POLICIES / "pass.toml"), str(fixture))
        assert result.exit_code in (0, 1), f"{fixture}: {result.stderr}"
