"""Hostile and broken files through every command that takes a SOURCE.

A CI gate reads files strangers wrote. For each broken input, each of analyze, compare,
identify, report and check must exit 2 with one `error: …` line on stderr naming the
input and no traceback (or, for a directory that still holds terms, report them), and
`check` must never pass. Real processes are used where the kernel matters (FIFOs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from licensecmp.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
EXE = Path(sys.executable).parent / "licensecmp"
POLICY = FIXTURES / "policies" / "pass.toml"  # permissive licenses pass under it

# Our own wording: a permissive grant, and a restriction that must not go unseen.
PERMISSIVE = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "model, to use, copy, modify and distribute it, provided this notice is kept.\n"
)
RESTRICTIVE = "# Extra terms\n\nYou may not use the Model for commercial purposes.\n"
OUTSIDE = "Secret outside terms: you may not use the Model for commercial purposes.\n"

COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "analyze": lambda s: ["analyze", s],
    "compare": lambda s: ["compare", s, "mit"],
    "identify": lambda s: ["identify", s],
    "report": lambda s: ["report", s],
    "check": lambda s: ["check", "--policy", str(POLICY), s],
}


def invoke(args: list[str], stdin: bytes | None = None) -> Result:
    return runner.invoke(app, args, input=stdin)


def assert_refused(result: Result, name: str, why: str = "") -> None:
    """Exit 2, one `error:` line naming the input (and saying why), nothing crashed."""
    output = result.stdout + result.stderr
    assert result.exit_code == 2, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and name in lines[0], lines[0]
    assert why in lines[0], lines[0]


# --- files that cannot be read as license text ----------------------------------------------


def _empty(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    path.write_bytes(b"")
    return path


def _blank(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    path.write_bytes(b" \n\r\n\t \n\n")
    return path


def _binary(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    path.write_bytes(bytes(range(256)) * 8)
    return path


def _large(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    line = "You may use the Model for any lawful purpose, with this notice kept. " * 8 + "\n"
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 6_000_000:
            handle.write(line)
    return path


def _utf16_truncated(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    data = "\ufeff" + PERMISSIVE
    path.write_bytes(data.encode("utf-16-le")[:-1])  # BOM, then an odd byte count
    return path


def _mixed_encodings(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    path.write_bytes(PERMISSIVE.encode("utf-8") + "Caf\u00e9 terms\n".encode("latin-1"))
    return path


def _pdf(tmp: Path) -> Path:
    path = tmp / "LICENSE.txt"
    path.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Length 12 /Filter /FlateDecode >>\nstream\nx\x9c\x00\x01\xff\xfe\x80"
        b"\nendstream\nendobj\nxref\n0 3\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    return path


def _pdf_without_nul(tmp: Path) -> Path:
    path = tmp / "LICENSE.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nstream\nx\x9c\xcb\xc9\xb7\xa5\x8c\nendstream\n")
    return path


def _markup_only(tmp: Path) -> Path:
    path = tmp / "LICENSE.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body> </body></html>\n")
    return path


def _symlink_loop(tmp: Path) -> Path:
    first, second = tmp / "LICENSE", tmp / "LICENSE-loop"
    first.symlink_to(second.name)
    second.symlink_to(first.name)
    return first


def _self_loop(tmp: Path) -> Path:
    path = tmp / "LICENSE"
    path.symlink_to(path.name)
    return path


def _dir_of_loops(tmp: Path) -> Path:
    model = tmp / "model"
    model.mkdir()
    (model / "LICENSE").symlink_to("LICENSE.md")
    (model / "LICENSE.md").symlink_to("LICENSE")
    (model / "self").symlink_to(".")
    return model


def _dir_with_binary_notice(tmp: Path) -> Path:
    """A clean license beside a binary NOTICE: the NOTICE may not be skipped silently."""
    model = tmp / "model"
    model.mkdir()
    (model / "LICENSE").write_text(PERMISSIVE)
    (model / "NOTICE").write_bytes(b"\x00\x01\x02binary notice\x00")
    return model


def _dir_with_empty_policy(tmp: Path) -> Path:
    model = tmp / "model"
    model.mkdir()
    (model / "LICENSE").write_text(PERMISSIVE)
    (model / "USE_POLICY.md").write_bytes(b"")
    return model


def _dir_with_large_license(tmp: Path) -> Path:
    model = tmp / "model"
    model.mkdir()
    _large(model)
    return model


BROKEN: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, "empty"),
    "blank": (_blank, "empty"),
    "binary": (_binary, "binary"),
    "6 MB": (_large, "--max-bytes"),
    "truncated UTF-16": (_utf16_truncated, "UTF-16"),
    "mixed encodings": (_mixed_encodings, "UTF-8"),
    "PDF renamed .txt": (_pdf, "binary"),
    "PDF without NUL bytes": (_pdf_without_nul, ""),
    "markup only": (_markup_only, "no license text"),
    "symlink loop": (_symlink_loop, ""),
    "symlink to itself": (_self_loop, ""),
    "directory of symlink loops": (_dir_of_loops, "no LICENSE"),
    "model dir with a binary NOTICE": (_dir_with_binary_notice, "binary"),
    "model dir with an empty USE_POLICY": (_dir_with_empty_policy, "empty"),
    "model dir with a 6 MB LICENSE": (_dir_with_large_license, "--max-bytes"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_is_exit_2_with_one_line(tmp_path: Path, case: str, command: str) -> None:
    make, why = BROKEN[case]
    path = make(tmp_path)
    assert_refused(invoke(COMMANDS[command](str(path))), str(path), why)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_broken_standard_input_is_exit_2(command: str) -> None:
    assert_refused(invoke(COMMANDS[command]("-"), stdin=bytes(range(256))), "stdin", "binary")


def test_a_failed_report_leaves_no_output_file(tmp_path: Path) -> None:
    out = tmp_path / "REPORT.md"
    assert_refused(invoke(["report", str(_binary(tmp_path)), "-o", str(out)]), "LICENSE")
    assert not out.exists()


def test_a_broken_source_among_good_ones_stops_check(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "LICENSE").write_text(PERMISSIVE)
    bad = _pdf(tmp_path)
    assert_refused(invoke(["check", "--policy", str(POLICY), str(good), str(bad)]), str(bad))


def test_valid_utf16_is_read_so_the_refusals_are_not_blanket(tmp_path: Path) -> None:
    path = tmp_path / "LICENSE"
    path.write_bytes(("\ufeff" + RESTRICTIVE).encode("utf-16-be"))
    result = invoke(["analyze", "--format", "json", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "non-commercial" in {f["id"] for f in json.loads(result.stdout)["flags"]}


# --- model directories -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model directory of 10,000 files of which three carry terms."""
    model = tmp_path_factory.mktemp("crowded")
    for n in range(10_000 - 3):
        (model / f"shard-{n:05d}.bin").write_bytes(b"w")
    (model / "LICENSE").write_text(PERMISSIVE)
    (model / "LICENSE-EXTRA.md").write_text(RESTRICTIVE)
    (model / "NOTICE").write_text("Copyright the model authors.\n")
    return model


def test_a_directory_of_10000_files_reads_only_its_terms(crowded: Path) -> None:
    started = time.perf_counter()
    result = invoke(["report", str(crowded)])
    assert result.exit_code == 0, result.stderr
    assert time.perf_counter() - started < 30
    files_row = next(line for line in result.stdout.splitlines() if "files read" in line)
    assert "LICENSE-EXTRA.md" in files_row and "NOTICE" in files_row
    assert "shard-" not in result.stdout


def test_check_over_10000_files_fails_on_the_restriction_it_finds(crowded: Path) -> None:
    result = invoke(["check", "--policy", str(POLICY), "--format", "json", str(crowded)])
    assert result.exit_code == 1, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["passed"] is False
    assert "non-commercial" in {f["id"] for f in data["results"][0]["flags"]}


def _outside_model(tmp: Path) -> Path:
    """A model directory whose USE_POLICY and README point outside it by symlinks."""
    outside = tmp / "elsewhere"
    outside.mkdir()
    (outside / "terms.md").write_text(OUTSIDE)
    (outside / "README.md").write_text("---\nlicense: llama3.1\n---\n# Someone else's card\n")
    model = tmp / "model"
    model.mkdir()
    (model / "LICENSE").write_text(PERMISSIVE)
    (model / "USE_POLICY.md").symlink_to(outside / "terms.md")
    (model / "NOTICE").symlink_to("../elsewhere/terms.md")
    return model


def test_a_terms_symlink_pointing_outside_the_model_dir_is_not_followed(tmp_path: Path) -> None:
    model = _outside_model(tmp_path)
    result = invoke(["analyze", "--format", "json", str(model)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert "non-commercial" not in {f["id"] for f in data["flags"]}
    shown = invoke(["analyze", "--show-text", str(model)])
    assert "Secret outside terms" not in shown.stdout


def test_a_readme_symlink_pointing_outside_the_model_dir_is_not_followed(tmp_path: Path) -> None:
    """The card's front matter is read through README.md: a symlink out of the tree must
    not let another directory's card declare this model's license."""
    model = _outside_model(tmp_path)
    (model / "README.md").symlink_to(tmp_path / "elsewhere" / "README.md")
    result = invoke(["report", str(model)])
    assert result.exit_code == 0, result.stderr
    assert "llama" not in result.stdout.lower(), result.stdout


def test_only_outside_symlinks_means_no_terms_and_exit_2(tmp_path: Path) -> None:
    model = _outside_model(tmp_path)
    (model / "LICENSE").unlink()
    for command in sorted(COMMANDS):
        assert_refused(invoke(COMMANDS[command](str(model))), str(model), "no LICENSE")


# --- permissions ------------------------------------------------------------------------------


def _deny(monkeypatch: pytest.MonkeyPatch, target: Path, method: str) -> None:
    """Make `Path.<method>` raise EACCES for `target`, as the kernel does on chmod 000."""
    original = getattr(Path, method)

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, guarded)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_permission_denied_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    path = tmp_path / "LICENSE"
    path.write_text(PERMISSIVE)
    _deny(monkeypatch, path, "open")
    assert_refused(invoke(COMMANDS[command](str(path))), str(path), "permission denied")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_unlistable_model_dir_is_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "LICENSE").write_text(PERMISSIVE)
    _deny(monkeypatch, model, "iterdir")
    assert_refused(invoke(COMMANDS[command](str(model))), str(model), "cannot list")


# --- FIFOs: real processes, bounded by a timeout -------------------------------------------------


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXE), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_does_not_hang(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "LICENSE"
    os.mkfifo(fifo)
    done = _run(COMMANDS[command](str(fifo)), tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {fifo}"), done.stderr


def test_fifos_inside_a_model_dir_do_not_hang(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "LICENSE").write_text(RESTRICTIVE)
    os.mkfifo(model / "NOTICE")
    os.mkfifo(model / "README.md")
    done = _run(["check", "--policy", str(POLICY), str(model)], tmp_path)
    assert "Traceback" not in done.stderr
    assert done.returncode in (1, 2), done.stdout + done.stderr
    if done.returncode == 2:
        assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    else:
        assert "non-commercial" in done.stdout
