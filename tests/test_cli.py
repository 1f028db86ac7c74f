"""The `analyze` command end to end: formats, sources, exit codes, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.render import Format
from tests.conftest import FIXTURES

ACME = FIXTURES / "texts" / "acme-model-license.txt"
MODEL_DIR = FIXTURES / "models" / "acme-chat-7b"

runner = CliRunner()


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_help_teaches_the_commands() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert "analyze" in out
    code, out, _ = run("analyze", "--help")
    assert code == 0
    assert "--format" in out and "Examples" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("licensecmp ")


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders_and_is_deterministic(fmt: Format) -> None:
    first = run("analyze", "--format", fmt.value, "--clauses", str(ACME))
    second = run("analyze", "--format", fmt.value, "--clauses", str(ACME))
    assert first[0] == 0, first[2]
    assert first == second
    assert str(ACME) in first[1]


def test_json_has_the_spec_shape() -> None:
    code, out, err = run("analyze", "--format", "json", str(ACME))
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "licensecmp/analysis/v1"
    assert set(data) >= {"schema", "source", "identified", "clauses", "flags", "osd", "nearest_osi"}
    assert data["source"]["kind"] == "file" and len(data["source"]["sha256"]) == 64
    text = run("analyze", "--show-text", str(ACME))[1]
    for clause in data["clauses"]:
        assert set(clause) >= {"ref", "heading", "start", "end", "flags"}
        assert 0 <= clause["start"] < clause["end"] <= len(text)
    for flag in data["flags"]:
        assert set(flag) >= {"id", "kind", "clause", "evidence", "params", "osd"}
        assert text[flag["start"] : flag["end"]] == flag["evidence"]
    assert set(data["osd"]) >= {
        "verdict",
        "conformant",
        "basis",
        "violations",
        "missing",
        "unexplained",
    }


def test_several_sources_give_an_array_in_order(tmp_path: Path) -> None:
    other = tmp_path / "LICENSE"
    other.write_text("Anyone may use this work for any purpose.\n", encoding="utf-8")
    code, out, _ = run("analyze", "-f", "json", str(other), str(ACME))
    assert code == 0
    data = json.loads(out)
    assert [d["source"]["input"] for d in data] == [str(other), str(ACME)]


def test_stdin_is_a_source() -> None:
    code, out, _ = run("analyze", "-f", "json", "-", stdin=ACME.read_bytes())
    assert code == 0
    data = json.loads(out)
    assert data["source"] == {
        "input": "-",
        "kind": "stdin",
        "sha256": json.loads(run("analyze", "-f", "json", str(ACME))[1])["source"]["sha256"],
    }


def test_model_directory_reads_its_license_file_and_card() -> None:
    code, out, err = run("analyze", "-f", "json", str(MODEL_DIR))
    assert code == 0, err
    data = json.loads(out)
    assert data["source"]["kind"] == "model-dir"
    assert len(data["source"]["sha256"]) == 64
    assert data["identified"] is None  # our own Acme license is no known license
    assert [f["kind"] for f in data["findings"]] == [
        "declared-license-unknown",
        "base-model-unknown",
    ]
    assert "acme-open-weights" in data["findings"][0]["message"]


def test_show_text_prints_the_normal_form() -> None:
    code, out, _ = run("analyze", "--show-text", str(ACME))
    assert code == 0
    assert out.startswith("ACME OPEN WEIGHTS LICENSE, VERSION 1.0\n\n")
    assert 'You must show the words "Powered by Acme" in its user interface' in out


def _bad_inputs(tmp: Path) -> dict[str, tuple[list[str], str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.bin").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    (tmp / "huge.txt").write_bytes(b"You may use this work. " * 270_000)  # ~6 MB
    (tmp / "latin1.txt").write_bytes("Lizenz f\u00fcr alle Zwecke".encode("latin-1"))
    (tmp / "nolicense").mkdir()
    (tmp / "nolicense" / "README.md").write_text("# just a card\n", encoding="utf-8")
    return {
        "empty": ([str(tmp / "empty.txt")], "empty"),
        "binary": ([str(tmp / "binary.bin")], "binary"),
        "six-mb": ([str(tmp / "huge.txt")], "larger than 5,000,000 bytes"),
        "invalid-utf8": ([str(tmp / "latin1.txt")], "not valid UTF-8"),
        "missing": ([str(tmp / "nowhere.txt")], "no such file"),
        "dir-without-license": ([str(tmp / "nolicense")], "no LICENSE"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "binary",
        "six-mb",
        "invalid-utf8",
        "missing",
        "dir-without-license",
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, case: str) -> None:
    args, reason = _bad_inputs(tmp_path)[case]
    code, out, err = run("analyze", *args)
    assert code == 2, (out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0], err
    assert "Traceback" not in err


def test_max_bytes_raises_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"You may use this work for any purpose. " * 200)
    assert run("analyze", "--max-bytes", "100", str(big))[0] == 2
    assert run("analyze", "--max-bytes", "100000", str(big))[0] == 0


def test_one_bad_source_among_good_ones_fails_the_run(tmp_path: Path) -> None:
    code, out, err = run("analyze", str(ACME), str(tmp_path / "missing"))
    assert code == 2 and out == "" and "missing" in err


def test_unknown_format_is_a_usage_error() -> None:
    code, _, err = run("analyze", "--format", "yaml", str(ACME))
    assert code == 2 and "yaml" in err


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_clause_refs_print_as_written_in_tables(tmp_path: Path, fmt: str) -> None:
    """A table never reads our strings as numbers: clause 1.10 is not 1.1."""
    source = tmp_path / "LICENSE"
    source.write_text(
        "1.10 You may not use the Model for commercial purposes.\n\n"
        "1.2 You may use, copy, modify and share the Model.\n"
    )
    result = CliRunner().invoke(app, ["analyze", str(source), "-f", fmt])
    assert result.exit_code == 0, result.output
    rows = [line.strip("| ") for line in result.output.splitlines()]
    [row] = [line for line in rows if line.startswith("restriction")]
    cells = row.replace("|", " ").split()
    assert cells[cells.index(next(c for c in cells if "non-commercial" in c)) + 1] == "1.10"


@pytest.mark.parametrize("command", [[], ["analyze"], ["compare"], ["report"], ["check"]])
def test_help_is_plain_text_without_escapes(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "\\[" not in result.output
    if not command:
        assert "1 check found a policy violation" in result.output


@pytest.mark.parametrize(
    "args", [["analyze", "--bogus"], ["check", "--format", "xml", "mit"], ["analyze"]]
)
def test_a_usage_error_is_one_line_and_exit_2(args: list[str]) -> None:
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "licensecmp"
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert f"(see 'licensecmp {args[0]} --help')" in done.stderr


def test_an_unknown_flag_suggests_the_close_one() -> None:
    result = runner.invoke(app, ["licenses", "list", "--flag", "user-treshold"])
    assert result.exit_code == 2
    assert "did you mean user-threshold?" in result.output


def test_identify_takes_a_known_id_like_every_command(tmp_path: Path) -> None:
    without = runner.invoke(
        app, ["identify", "llama-3.1"], env={"LICENSECMP_TEXTS": str(tmp_path / "none")}
    )
    assert without.exit_code == 2
    assert "a known license id whose reference text is not here" in without.output
    assert "no such file" not in without.output


def test_a_checkout_reads_the_corpus_make_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `make demo` (which runs `make corpus`) the CLI uses that corpus: no
    LICENSECMP_TEXTS needed. A pulled user cache or the variable still come first."""
    from licensecmp import cli

    monkeypatch.delenv("LICENSECMP_TEXTS")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    root = Path(cli.__file__).resolve().parent.parent
    assert cli._texts_to_read() == root / ".cache" / "corpus"
    pulled = tmp_path / "empty-cache" / "licensecmp" / "corpus" / "texts"
    pulled.mkdir(parents=True)
    assert cli._texts_to_read() == pulled.parent
    monkeypatch.setenv("LICENSECMP_TEXTS", str(tmp_path / "mine"))
    assert cli._texts_to_read() == tmp_path / "mine"


def test_a_known_id_without_text_claims_no_similarity() -> None:
    result = runner.invoke(app, ["analyze", "llama-3.1"])
    assert result.exit_code == 0
    assert "similarity 1.00" not in result.output
    assert "a known id; no text compared" in result.output
