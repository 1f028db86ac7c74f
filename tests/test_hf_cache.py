"""Hugging Face cache snapshots: links into the same cache repository are followed, no other.

Each test builds a cache in tmp_path the way huggingface_hub lays it out:
`hub/models--ORG--NAME/blobs/HASH`, `snapshots/REV/NAME -> ../../blobs/HASH` and
`refs/main` holding REV. The license texts are our own words.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.errors import InputError
from licensecmp.modeldir import ModelDir, open_model_dir
from licensecmp.sources import analyze_source

REV = "3f1c0ffee5a1d2b4c6e8f0a1b3c5d7e9f1a3b5c7"
OTHER_REV = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807"

# Our own wording: grants every freedom and limits nothing (passes the default policy).
OPEN_TERMS = b"""Orchard Model License

1. Grant. The licensor grants you a worldwide, royalty-free, perpetual license to use the
model for any purpose, including commercial purposes, to modify it and make derivative
works, and to distribute copies of it and of your derivative works.

2. No warranty. The model is provided as is, without warranty of any kind.
"""

# Our own wording: a non-commercial limit (fails the default policy).
NC_TERMS = b"""Orchard Research License

1. Grant. You may use, copy and modify the model.

2. Limits. You may not use the model or any derivative work for commercial purposes.
"""

CARD = b"---\nlicense: other\nlicense_name: orchard\nbase_model: orchard/base-1b\n---\n# Chat\n"


def run(*args: str) -> tuple[int, str, str]:
    """The CLI with no pulled reference texts, so known ids read from the knowledge base."""
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def _blob(repository: Path, data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    (repository / "blobs").mkdir(parents=True, exist_ok=True)
    (repository / "blobs" / digest).write_bytes(data)
    return digest


def _snapshot(
    hub: Path, files: dict[str, bytes], *, repo: str = "models--acme--chat", rev: str = REV
) -> Path:
    """A snapshot whose every file is a relative link to its blob, as the hub client makes."""
    repository = hub / repo
    snapshot = repository / "snapshots" / rev
    snapshot.mkdir(parents=True)
    for name, data in files.items():
        (snapshot / name).symlink_to(Path("..", "..", "blobs", _blob(repository, data)))
    return snapshot


def _set_main(repository: Path, rev: str) -> None:
    (repository / "refs").mkdir(exist_ok=True)
    (repository / "refs" / "main").write_text(rev, encoding="utf-8")


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    return tmp_path / "huggingface" / "hub"


def _one_line_error(err: str, *parts: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for part in parts:
        assert part in lines[0], err
    assert "Traceback" not in err


# --- following links that stay inside the repository -------------------------------------------


def test_a_snapshot_is_read_through_its_links(hub: Path) -> None:
    snapshot = _snapshot(hub, {"LICENSE": NC_TERMS, "README.md": CARD, "config.json": b"{}"})
    assert (snapshot / "LICENSE").is_symlink()
    analysis = analyze_source(str(snapshot))
    assert analysis.source.kind == "model-dir"
    assert analysis.metadata["files"] == ["LICENSE"]
    assert analysis.metadata["license_name"] == "orchard"  # the card is read through its link
    assert "non-commercial" in analysis.flag_ids
    assert not any(f.kind == "terms-file-unread" for f in analysis.findings)


def test_check_on_a_snapshot_judges_it_and_names_the_link_not_the_blob(hub: Path) -> None:
    snapshot = _snapshot(hub, {"LICENSE": NC_TERMS, "README.md": CARD})
    code, out, err = run("check", "--today", "2026-11-28", "-f", "sarif", str(snapshot))
    assert code == 1, (out, err)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(out)["runs"][0]["results"]
        for loc in result.get("locations", ())
    }
    assert (snapshot / "LICENSE").as_uri() in uris
    assert not any("/blobs/" in uri for uri in uris), uris


def test_an_open_snapshot_passes(hub: Path) -> None:
    snapshot = _snapshot(hub, {"LICENSE": OPEN_TERMS})
    code, out, err = run("check", "--today", "2026-11-28", str(snapshot))
    assert code == 0, (out, err)
    assert out.startswith("PASS")


def test_a_cache_reached_through_a_linked_home_is_still_one_repository(tmp_path: Path) -> None:
    real = tmp_path / "disk" / "hub"
    snapshot = _snapshot(real, {"LICENSE": NC_TERMS})
    (tmp_path / "home-cache").symlink_to(real)
    via_link = tmp_path / "home-cache" / "models--acme--chat" / "snapshots" / REV
    analysis = analyze_source(str(via_link))
    assert "non-commercial" in analysis.flag_ids
    assert analysis.source.input == str(via_link)
    assert snapshot.resolve() == via_link.resolve()


def test_a_repository_without_a_hub_parent_is_known_by_blobs_and_snapshots(
    tmp_path: Path,
) -> None:
    snapshot = _snapshot(tmp_path / "my-cache", {"LICENSE": NC_TERMS})
    assert "non-commercial" in analyze_source(str(snapshot)).flag_ids


# --- the repository folder itself ---------------------------------------------------------------


def test_the_repository_folder_reads_the_snapshot_refs_main_names(hub: Path) -> None:
    _snapshot(hub, {"LICENSE": OPEN_TERMS}, rev=OTHER_REV)
    snapshot = _snapshot(hub, {"LICENSE": NC_TERMS})
    repository = hub / "models--acme--chat"
    _set_main(repository, REV + "\n")
    analysis = analyze_source(str(repository))
    assert analysis.source.input == str(repository)
    assert analysis.metadata["directory"] == str(snapshot)
    assert "non-commercial" in analysis.flag_ids
    code, out, _ = run("check", "--today", "2026-11-28", "-f", "sarif", str(repository))
    assert code == 1
    assert (snapshot / "LICENSE").as_uri() in out


def test_the_repository_folder_with_one_snapshot_and_no_ref_reads_it(hub: Path) -> None:
    _snapshot(hub, {"LICENSE": OPEN_TERMS})
    code, out, err = run("check", "--today", "2026-11-28", str(hub / "models--acme--chat"))
    assert code == 0, (out, err)


def test_several_snapshots_and_no_ref_is_exit_2_naming_them(hub: Path) -> None:
    _snapshot(hub, {"LICENSE": OPEN_TERMS})
    _snapshot(hub, {"LICENSE": NC_TERMS}, rev=OTHER_REV)
    code, out, err = run("check", "--today", "2026-11-28", str(hub / "models--acme--chat"))
    assert code == 2 and out == ""
    _one_line_error(err, "no refs/main", f"snapshots/{REV}", f"snapshots/{OTHER_REV}")


def test_refs_main_naming_no_snapshot_is_exit_2(hub: Path) -> None:
    _snapshot(hub, {"LICENSE": OPEN_TERMS})
    repository = hub / "models--acme--chat"
    _set_main(repository, "../../../../etc")
    code, _, err = run("analyze", str(repository))
    assert code == 2
    _one_line_error(err, "refs/main names '../../../../etc'", f"snapshots/{REV}")


# --- links that leave the repository are refused ------------------------------------------------


def test_a_link_to_etc_passwd_is_refused(hub: Path) -> None:
    snapshot = _snapshot(hub, {"README.md": CARD})
    (snapshot / "LICENSE").symlink_to("/etc/passwd")
    code, out, err = run("check", "--today", "2026-11-28", str(snapshot))
    assert code == 2 and out == ""
    _one_line_error(
        err,
        "LICENSE is a symbolic link out of the cache repository models--acme--chat, "
        "which is not followed",
    )


def test_a_link_into_a_sibling_repository_is_refused(hub: Path) -> None:
    _snapshot(hub, {"LICENSE": NC_TERMS}, repo="models--other--model")
    snapshot = _snapshot(hub, {"LICENSE": OPEN_TERMS, "README.md": CARD})
    neighbour = hub / "models--other--model"
    # terms files that climb out of their own repository into the neighbour's: straight
    # into its blobs, and through `..` inside our blobs/ to its snapshot's link
    blob = next((neighbour / "blobs").iterdir()).name
    (snapshot / "USE_POLICY.md").symlink_to(Path("..", "..", "..", neighbour.name, "blobs", blob))
    up = Path("..", "..", "blobs", "..", "..", neighbour.name, "snapshots", REV, "LICENSE")
    (snapshot / "NOTICE").symlink_to(up)
    assert (snapshot / "NOTICE").read_bytes() == NC_TERMS  # the links do lead somewhere
    analysis = analyze_source(str(snapshot))
    assert analysis.metadata["files"] == ["LICENSE"]  # neither escaping file is read
    assert "non-commercial" not in analysis.flag_ids
    unread = sorted(f.message for f in analysis.findings if f.kind == "terms-file-unread")
    assert unread == [
        f"{name} is a symbolic link out of the cache repository models--acme--chat, "
        "which is not followed; its terms were not read"
        for name in ("NOTICE", "USE_POLICY.md")
    ]


def test_a_link_to_a_missing_blob_is_refused(hub: Path) -> None:
    snapshot = _snapshot(hub, {"README.md": CARD})
    (snapshot / "LICENSE").symlink_to(Path("..", "..", "blobs", "0" * 64))
    code, _, err = run("analyze", str(snapshot))
    assert code == 2
    _one_line_error(err, "LICENSE is a symbolic link that leads nowhere")


def test_a_snapshot_folder_linked_out_of_the_cache_is_an_ordinary_directory(
    hub: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "blob").write_bytes(NC_TERMS)
    (elsewhere / "LICENSE").symlink_to(elsewhere / "blob")
    snapshots = hub / "models--acme--chat" / "snapshots"
    snapshots.mkdir(parents=True)
    (snapshots / REV).symlink_to(elsewhere)
    code, _, err = run("analyze", str(snapshots / REV))
    assert code == 2
    _one_line_error(err, "LICENSE is a symbolic link, which is not followed")


def test_a_link_in_an_ordinary_directory_is_still_refused(tmp_path: Path) -> None:
    model = tmp_path / "models" / "chat"
    (tmp_path / "models" / "blobs").mkdir(parents=True)
    (tmp_path / "models" / "blobs" / "abc").write_bytes(OPEN_TERMS)
    model.mkdir()
    (model / "LICENSE").symlink_to(Path("..", "blobs", "abc"))
    code, _, err = run("check", "--today", "2026-11-28", str(model))
    assert code == 2
    _one_line_error(err, "LICENSE is a symbolic link, which is not followed")


def test_a_look_alike_repository_outside_a_cache_follows_no_link(tmp_path: Path) -> None:
    # named like a cache repository, but neither in a hub folder nor holding blobs/
    snapshot = tmp_path / "models--acme--chat" / "snapshots" / REV
    snapshot.mkdir(parents=True)
    (tmp_path / "models--acme--chat" / "data").mkdir()
    (tmp_path / "models--acme--chat" / "data" / "x").write_bytes(NC_TERMS)
    (snapshot / "LICENSE").symlink_to(Path("..", "..", "data", "x"))
    code, _, err = run("analyze", str(snapshot))
    assert code == 2
    _one_line_error(err, "LICENSE is a symbolic link, which is not followed")


# --- the one helper -----------------------------------------------------------------------------


def test_the_helper_decides_every_file(hub: Path, tmp_path: Path) -> None:
    snapshot = _snapshot(hub, {"LICENSE": OPEN_TERMS})
    (snapshot / "NOTICE").symlink_to("/etc/passwd")
    directory = open_model_dir(snapshot)
    assert directory.repository == (hub / "models--acme--chat").resolve()
    assert directory.file("LICENSE").parent.name == "blobs"
    assert directory.read("LICENSE", max_bytes=10_000) == OPEN_TERMS
    with pytest.raises(InputError, match="NOTICE is a symbolic link out of"):
        directory.file("NOTICE")
    plain = ModelDir(tmp_path)
    (tmp_path / "LICENSE").symlink_to(snapshot / "LICENSE")
    with pytest.raises(InputError, match="LICENSE is a symbolic link, which is not followed"):
        plain.file("LICENSE")


def test_the_gate_reads_no_file_through_a_refused_link(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    (model / "LICENSE").write_bytes(NC_TERMS)
    outside = tmp_path / "outside-card.md"
    outside.write_bytes(b"---\nlicense: apache-2.0\n---\n")
    (model / "README.md").symlink_to(outside)
    code, out, _ = run("check", "--today", "2026-11-28", "-f", "sarif", str(model))
    assert code == 1
    results = json.loads(out)["runs"][0]["results"]
    unread = [r for r in results if "README.md is a symbolic link" in r["message"]["text"]]
    assert unread, results
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in results
        for loc in result.get("locations", ())
    }
    assert (model / "README.md").as_uri() not in uris  # located without reading the link
    assert (model / "LICENSE").as_uri() in uris
