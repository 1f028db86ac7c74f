"""Inputs an attacker or an odd machine supplies: each once broke a promise of the README.

The promises: exit 0/1/2 with one clear line and never a traceback; `-o` and `--summary`
never leave a report half-written; a crash is never mistaken for a failed check (exit 1).
Real processes are used where the interpreter's own set-up matters (a closed stdin, the
stream encoding).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp import cli
from licensecmp.render import writing

EXE = Path(sys.executable).parent / "licensecmp"
runner = CliRunner()

GRANT = "Lumen Labs grants you a licence to use, copy, modify and share the Model.\n\n"
# a threshold no one means, with more digits than Python turns into text (4,300)
HUGE = GRANT + "If your products have greater than 1" + "0" * 5000 + " monthly active users, "
HUGE += "you need a separate licence from Lumen Labs.\n"


def _run(
    *args: str, env: dict[str, str] | None = None, **kw: object
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        **kw,  # type: ignore[arg-type]
    )


def _one_clean_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len([line for line in stderr.splitlines() if line.startswith("error:")]) <= 1


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "{f}"],
        ["analyze", "{f}", "-f", "json"],
        ["analyze", "{f}", "-f", "markdown"],
        ["report", "{f}"],
        ["check", "{f}"],
        ["check", "{f}", "-f", "sarif"],
    ],
    ids=["text", "json", "markdown", "report", "check", "sarif"],
)
def test_a_threshold_with_thousands_of_digits_is_no_crash(tmp_path: Path, args: list[str]) -> None:
    source = tmp_path / "LICENSE"
    source.write_text(HUGE)
    done = _run(*[a.format(f=source) for a in args])
    _one_clean_line(done.stderr)
    assert done.returncode in (0, 1)
    if args[0] == "check":
        assert done.returncode == 1  # the clause is still there: never a pass


@pytest.mark.parametrize(
    "front_matter",
    ["max_users: 1" + "0" * 5000, "tags: " + "[" * 20000],
    ids=["5000-digit-integer", "20000-nested-lists"],
)
def test_front_matter_that_breaks_the_yaml_reader_is_broken_front_matter(
    tmp_path: Path, front_matter: str
) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "README.md").write_text(f"---\nlicense: apache-2.0\n{front_matter}\n---\n# Card\n")
    done = _run("check", str(model))
    _one_clean_line(done.stderr)
    assert done.returncode in (0, 1)
    assert "front matter is not valid YAML" in done.stdout


def test_a_closed_stdin_is_one_line_and_exit_2() -> None:
    done = _run("analyze", "-", preexec_fn=lambda: os.close(0))
    assert done.returncode == 2
    assert done.stderr.strip() == "error: -: standard input is closed"


def test_an_ascii_terminal_gets_escapes_and_json_stays_json(tmp_path: Path) -> None:
    source = tmp_path / "LICENSE"
    source.write_text(GRANT + "Caf\u00e9 \u2014 \U0001f600 no warranty.\n")
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    text = _run("analyze", str(source), env=ascii_env)
    assert text.returncode == 0, text.stderr
    assert "\\xb6" in text.stdout  # the clause mark, escaped
    data = _run("analyze", str(source), "-f", "json", env=ascii_env)
    assert data.returncode == 0, data.stderr
    assert data.stdout.isascii()
    # the clause marks come back whole once the JSON is read
    assert "\u00b6" in json.dumps(json.loads(data.stdout), ensure_ascii=False)
    for command in ("report", "check"):
        done = _run(command, str(source), "-f", "json", env=ascii_env)
        assert done.returncode in (0, 1), done.stderr
        assert done.stdout.isascii()
        json.loads(done.stdout)


def test_a_file_name_that_is_not_utf8_is_reported_and_written(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as stream:
        stream.write(GRANT.encode())
    report = tmp_path / "report.md"
    done = _run(
        "report",
        os.fsdecode(name),
        "-o",
        str(report),
        env={"PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    assert "caf\\udce9" in report.read_text("utf-8")


def test_a_user_without_a_home_directory_still_has_a_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("LICENSECMP_TEXTS", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cli._texts_dir().parts[-2:] == ("licensecmp", "corpus")


def test_an_unexpected_exception_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(**options: object) -> None:
        raise RuntimeError("a bug\nspread over lines")

    monkeypatch.setattr(cli, "app", broken)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("error: internal error (RuntimeError: a bug spread over lines)")


def test_a_full_disk_leaves_the_old_report_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "LICENSE"
    source.write_text(GRANT)
    report = tmp_path / "report.md"
    report.write_text("the old report\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "fsync", full)
    done = runner.invoke(cli.app, ["report", str(source), "-o", str(report)])
    assert done.exit_code == 2
    assert "No space left on device" in done.output
    assert report.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LICENSE", "report.md"]


def test_check_writes_its_report_whole_and_appends_its_summary(tmp_path: Path) -> None:
    source = tmp_path / "LICENSE"
    source.write_text(GRANT)
    out, summary = tmp_path / "out.json", tmp_path / "summary.md"
    out.write_text("stale")
    summary.write_text("earlier step\n")
    done = runner.invoke(
        cli.app, ["check", str(source), "-f", "json", "-o", str(out), "--summary", str(summary)]
    )
    assert done.exit_code in (0, 1), done.output
    json.loads(out.read_text())
    text = summary.read_text()
    assert text.startswith("earlier step\n") and len(text) > len("earlier step\n")


def test_writing_to_a_device_writes_in_place(tmp_path: Path) -> None:
    # /dev/null stands for /dev/stdout and pipes: never renamed over
    writing.write_atomic(Path(os.devnull), "nothing\n")
    writing.append_atomic(Path(os.devnull), "nothing\n")
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


def test_a_link_to_a_report_keeps_pointing_at_it(tmp_path: Path) -> None:
    target, link = tmp_path / "real.md", tmp_path / "link.md"
    target.write_text("old\n")
    link.symlink_to(target)
    writing.write_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text() == "new\n"


def test_a_text_that_grows_when_normalised_is_refused(tmp_path: Path) -> None:
    # U+FDFA is one character that NFKC writes as 18: 4.8 MB would be read as 86 MB
    source = tmp_path / "LICENSE"
    source.write_text(GRANT + "\ufdfa" * 1_600_000)
    done = _run("check", str(source))
    assert done.returncode == 2
    assert done.stderr.strip().endswith("when its Unicode is normalised; refusing to read it")


def test_ligatures_and_fullwidth_letters_are_still_read(tmp_path: Path) -> None:
    source = tmp_path / "LICENSE"
    source.write_text(GRANT.replace("modify", "modi\ufb00y").replace("Model", "\uff2dodel"))
    done = _run("analyze", str(source), "-f", "json")
    assert done.returncode == 0, done.stderr
    assert "modification" in done.stdout


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY a "aaaaaaaaaa">\n'
    + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">\n' for i in range(9))
    + ']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns:spdx="http://spdx.org/rdf/terms#">\n'
    '<spdx:SpdxDocument rdf:about="http://example.org/d#SPDXRef-DOCUMENT">'
    "<spdx:name>&j;</spdx:name></spdx:SpdxDocument>\n</rdf:RDF>\n"
)


def test_an_rdf_document_that_declares_entities_is_refused(tmp_path: Path) -> None:
    from licensecmp import spdxdoc
    from licensecmp.errors import LicensecmpError

    source = tmp_path / "bom.spdx.rdf.xml"
    source.write_text(LAUGHS)
    with pytest.raises(LicensecmpError, match="declares XML entities"):
        spdxdoc._parse(source, "rdf", LAUGHS)
    done = _run("check", str(source))
    assert done.returncode == 2
    _one_clean_line(done.stderr)


def _children(pid: int) -> set[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(n) for n in listed.split()}


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_sigterm_to_check_ends_its_workers(tmp_path: Path) -> None:
    import signal
    import time

    # enough distinct, long texts that `check --jobs 2` forks workers and keeps them busy
    sources = []
    for n in range(10):
        source = tmp_path / f"L{n}.txt"
        clauses = [
            f"Clause {n}.{i}: you may use, copy and share the Model, copy {i}." for i in range(6000)
        ]
        source.write_text(GRANT + "\n\n".join(clauses) + "\n")
        sources.append(str(source))
    parent = subprocess.Popen(
        [str(EXE), "check", "--jobs", "2", *sources],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            workers = _children(parent.pid)
            time.sleep(0.05)
        assert len(workers) >= 2, "the workers never started"
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)]
    finally:
        parent.kill()
        for w in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(w, signal.SIGKILL)


EVIL = "evil\x1b[2J\x1b]0;pwned\x07\n::error::forged\x9b31m\u202e"


def _spdx_with_name(tmp_path: Path, name: str) -> Path:
    document = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "escapes",
        "documentNamespace": "https://example.org/escapes",
        "creationInfo": {"created": "2026-01-01T00:00:00Z", "creators": ["Tool: a test"]},
        "packages": [
            {
                "name": name,
                "SPDXID": "SPDXRef-a",
                "versionInfo": "1",
                "downloadLocation": "NOASSERTION",
                "licenseConcluded": "MIT",
                "licenseDeclared": "MIT",
            }
        ],
    }
    path = tmp_path / "bom.spdx.json"
    path.write_text(json.dumps(document))
    return path


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


@pytest.mark.parametrize("output_format", ["text", "json", "junit", "sarif"])
def test_names_from_inputs_cannot_drive_the_terminal(tmp_path: Path, output_format: str) -> None:
    bom = _spdx_with_name(tmp_path, EVIL)
    summary = tmp_path / "summary.md"
    done = _run("check", str(bom), "-f", output_format, "--summary", str(summary))
    assert done.returncode == 0, done.stderr
    for shown in (done.stdout, summary.read_text()):
        assert not any(c in shown for c in "\x1b\x07\x9b\u202e")
        assert not any(line.startswith("::error::") for line in shown.splitlines())
    if output_format in ("json", "sarif"):
        json.loads(done.stdout)  # still JSON, and the name reads back whole
        if output_format == "json":
            assert any(EVIL in value for value in _strings(json.loads(done.stdout)))
    if output_format == "junit":
        import xml.dom.minidom

        xml.dom.minidom.parseString(done.stdout)


def test_our_own_colours_stay(tmp_path: Path) -> None:
    bom = _spdx_with_name(tmp_path, EVIL)
    done = _run("check", str(bom), "--color")
    assert "\x1b[32mPASS\x1b[0m" in done.stdout
    assert "\x1b[2J" not in done.stdout


def test_locating_a_finding_never_reads_through_a_link(tmp_path: Path) -> None:
    """A README.md that links out of the model directory is not read to place a finding:
    the outside file's lines (which one starts with `license`) must not show."""
    outside = tmp_path / "outside.md"
    outside.write_text("private line\nlicense: apache-2.0\nprivate\n")
    model = tmp_path / "model"
    model.mkdir()
    (model / "LICENSE").write_text(GRANT + "You may not use the Model for commercial purposes.\n")
    (model / "README.md").symlink_to("../outside.md")
    done = _run("check", str(model), "-f", "sarif")
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    for result in log["runs"][0]["results"]:
        for location in result["locations"]:
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert "outside" not in uri and not uri.endswith("README.md"), result
    assert "private" not in done.stdout


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (
            '[[rule]]\nflag = "user-threshold"\nfail-if = "'
            + "(" * 1000
            + "threshold > 1"
            + ")" * 1000
            + '"\n',
            "parentheses nested more than 50 deep",
        ),
        ("deny = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", "nested too deeply"),
        ("our-users = 1" + "0" * 5000 + "\n", "a number too long to read"),
    ],
    ids=["nested-parentheses", "nested-arrays", "nested-tables", "5000-digit-users"],
)
def test_a_hostile_policy_is_one_line_and_exit_2(tmp_path: Path, policy: str, message: str) -> None:
    path = tmp_path / "licensecmp.toml"
    path.write_text(policy)
    done = _run("check", "mit", "--policy", str(path))
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_a_long_condition_is_read_whole() -> None:
    """1.4 MB of `or` took over 60 s (the rest of the text was copied per token); its speed
    is measured by bench/policy_speed.py (`make bench`), its reading here."""
    from licensecmp.policy import parse_condition

    size = 80_000
    condition = parse_condition("threshold > 5 or " * size + "threshold > 1", {"threshold": int})
    assert condition.text.count(" or ") == size


RDF_PACKAGES = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:spdx="http://spdx.org/rdf/terms#">
  <spdx:SpdxDocument rdf:about="https://example.org/doc#SPDXRef-DOCUMENT">
    <spdx:specVersion>SPDX-2.3</spdx:specVersion>
    <spdx:dataLicense rdf:resource="http://spdx.org/licenses/CC0-1.0"/>
    <spdx:name>two packages</spdx:name>
    <spdx:creationInfo><spdx:CreationInfo>
      <spdx:created>2026-01-01T00:00:00Z</spdx:created><spdx:creator>Tool: a test</spdx:creator>
    </spdx:CreationInfo></spdx:creationInfo>
  </spdx:SpdxDocument>
  <spdx:Package rdf:about="https://example.org/doc#SPDXRef-good">
    <spdx:name>good</spdx:name><spdx:versionInfo>1</spdx:versionInfo>
    <spdx:downloadLocation rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
    <spdx:licenseConcluded rdf:resource="http://spdx.org/licenses/MIT"/>
    <spdx:copyrightText rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
  </spdx:Package>
  <spdx:Package rdf:about="https://example.org/doc#SPDXRef-bad">
    <spdx:name>bad</spdx:name><spdx:versionInfo>1</spdx:versionInfo>
    <spdx:downloadLocation rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
    <spdx:licenseConcluded rdf:resource="http://spdx.org/licenses/LGPL-2.1, GPL-2.0"/>
    <spdx:copyrightText rdf:resource="http://spdx.org/rdf/terms#noassertion"/>
  </spdx:Package>
</rdf:RDF>
"""


def test_one_bad_rdf_package_fails_alone(tmp_path: Path) -> None:
    source = tmp_path / "bom.spdx.rdf.xml"
    source.write_text(RDF_PACKAGES)
    done = _run("check", str(source))
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("PASS") and "#good@1" in lines[0]
    assert lines[1].startswith("FAIL") and "is not a license expression" in lines[1]
    assert done.stderr == ""  # rdflib's notes on odd URIs do not reach the user
