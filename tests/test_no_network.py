"""Every command (but `texts pull`, whose job is to download) works with the network cut off.

Sockets of the internet families, name resolution and `create_connection` are made to
raise for the duration of each test; the CLI calls are the ones a user and CI make.
A first test shows the guard does stop a real attempt to connect.
"""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from tests.conftest import CORPUS, FIXTURES

runner = CliRunner()
MODEL = FIXTURES / "models" / "acme-chat-7b"
TEXT = FIXTURES / "texts" / "acme-model-license.txt"
SPDX = FIXTURES / "spdx" / "three-packages.spdx.json"
POLICY = FIXTURES / "policies" / "conditions.toml"


class NetworkUsed(AssertionError):
    """Raised by the guard: something tried to reach the network."""


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    real_socket = socket.socket

    def guarded_socket(family: int = -1, *args: Any, **kwargs: Any) -> socket.socket:
        if family not in (socket.AF_UNIX,):
            raise NetworkUsed(f"socket(family={family}) opened")
        return real_socket(family, *args, **kwargs)

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network call with {args!r}")

    monkeypatch.setattr(socket, "socket", guarded_socket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    # known ids are analysed from their reference texts when the corpus is there
    monkeypatch.setenv("LICENSECMP_TEXTS", str(CORPUS))


def test_the_guard_stops_a_real_connection(offline: None) -> None:
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://example.org/", timeout=1)
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


CALLS: dict[str, list[str]] = {
    "analyze file": ["analyze", str(TEXT)],
    "analyze json": ["analyze", "--format", "json", "--clauses", str(TEXT), str(MODEL)],
    "analyze known ids": ["analyze", "--format", "markdown", "llama-3.1", "apache-2.0", "gemma"],
    "analyze show-text": ["analyze", "--show-text", str(MODEL)],
    "compare ids": ["compare", "llama-3.1", "apache-2.0"],
    "compare text": ["compare", "--text", "--format", "markdown", str(TEXT), "mit"],
    "compare json": ["compare", "-f", "json", "llama-2", "llama-3.1"],
    "identify": ["identify", str(TEXT)],
    "identify json": ["identify", "--format", "json", str(MODEL)],
    "report": ["report", str(MODEL), "llama-3.1", "qwen", "apache-2.0", "--date", "2026-01-01"],
    "report json": ["report", "--format", "json", str(TEXT)],
    "licenses list": ["licenses", "list", "--kind", "model"],
    "licenses list flag": ["licenses", "list", "--flag", "user-threshold", "--format", "json"],
    "licenses show": ["licenses", "show", "llama3.1"],
    "version": ["--version"],
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_commands_work_offline(offline: None, name: str) -> None:
    result = runner.invoke(app, CALLS[name])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.strip()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_check_works_offline(offline: None, tmp_path: Path, fmt: str) -> None:
    summary = tmp_path / "summary.md"
    args = ["check", "--policy", str(POLICY), "--today", "2026-01-01", "-f", fmt]
    args += ["--summary", str(summary), str(MODEL), str(SPDX), "llama-3.1", "mit"]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.stdout + result.stderr  # llama-3.1 fails this policy
    assert summary.read_text(encoding="utf-8").strip()
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)


def test_check_of_many_sources_works_offline(offline: None) -> None:
    """Eight sources or more are analysed in a pool of processes: still no network."""
    ids = ["mit", "apache-2.0", "bsd-3-clause", "isc", "gemma", "qwen", "llama-3.1", "llama-2"]
    result = runner.invoke(app, ["check", "--policy", str(POLICY), "--today", "2026-01-01", *ids])
    assert result.exit_code == 1, result.stdout + result.stderr
    assert (
        len([line for line in result.stdout.splitlines() if line[:4] in ("PASS", "WARN", "FAIL")])
        == 8
    )
