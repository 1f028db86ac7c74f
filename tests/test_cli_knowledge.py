"""Known ids as sources, `licenses list|show`, and model directories with declared licenses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from tests.conftest import CORPUS, corpus_text

runner = CliRunner()
NO_TEXTS = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env or NO_TEXTS)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "llama-3.1",
        "LLAMA-3.1",
        "llama3.1",
        "LicenseRef-scancode-llama-3.1-license-2024",
        "llama-3.1-license-2024",
    ],
)
def test_known_id_in_any_spelling_analyses_from_the_knowledge_base(name: str) -> None:
    code, out, err = run("analyze", "-f", "json", name)
    assert code == 0, err
    data = json.loads(out)
    assert data["source"] == {"input": name, "kind": "known", "sha256": None}
    assert data["identified"]["id"] == "llama-3.1"
    flags = {f["id"]: f for f in data["flags"]}
    assert flags["user-threshold"]["params"]["threshold"] == 700_000_000
    assert flags["user-threshold"]["clause"] == "2"
    assert data["osd"]["conformant"] is False


def test_unknown_id_exits_2_with_suggestions() -> None:
    code, out, err = run("analyze", "lama-3.1")
    assert code == 2 and out == ""
    assert err.startswith("error: lama-3.1: not a file, directory or known license id")
    assert "did you mean llama-3.1" in err


def test_a_path_that_looks_like_a_path_says_no_such_file() -> None:
    code, _, err = run("analyze", "licenses/none.txt")
    assert code == 2 and "no such file" in err


@pytest.mark.corpus
def test_known_id_uses_the_pulled_text_for_evidence() -> None:
    code, out, err = run(
        "analyze", "-f", "json", "llama-3.1", env={"LICENSECMP_TEXTS": str(CORPUS)}
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["source"]["kind"] == "known" and len(data["source"]["sha256"]) == 64
    threshold = next(f for f in data["flags"] if f["id"] == "user-threshold")
    assert "700 million monthly active users" in threshold["evidence"]


def test_licenses_list_filters_by_kind_and_flag() -> None:
    code, out, _ = run("licenses", "list", "--kind", "model", "-f", "json")
    assert code == 0
    listed = json.loads(out)["licenses"]
    assert listed and all(e["category"] == "model" for e in listed)
    code, out, _ = run("licenses", "list", "--flag", "user-threshold", "-f", "json")
    assert code == 0
    ids = {e["id"] for e in json.loads(out)["licenses"]}
    assert "llama-3.1" in ids and "apache-2.0" not in ids
    code, out, _ = run("licenses", "list", "--kind", "osi")
    assert code == 0 and "apache-2.0" in out and "llama-3.1" not in out


def test_licenses_list_rejects_an_unknown_flag() -> None:
    code, _, err = run("licenses", "list", "--flag", "no-such-flag")
    assert code == 2 and "unknown flag id" in err


def test_licenses_show_prints_facts_flags_notes_and_policies() -> None:
    code, out, _ = run("licenses", "show", "llama3.1")
    assert code == 0
    assert "Llama 3.1 Community License Agreement" in out
    assert "user-threshold" in out and "700,000,000" in out
    assert "Incorporated policy: Llama 3.1 Acceptable Use Policy" in out
    code, out, _ = run("licenses", "show", "llama3.1", "-f", "json")
    data = json.loads(out)
    assert data["incorporated"][0]["id"] == "llama-3.1-aup"
    code, _, err = run("licenses", "show", "lama")
    assert code == 2 and "not a known license id" in err


@pytest.mark.corpus
def test_model_dir_declaring_apache_over_a_llama_text_is_a_finding(tmp_path: Path) -> None:
    model = tmp_path / "finetune"
    model.mkdir()
    (model / "LICENSE").write_bytes(corpus_text("llama-3.1-license-2024"))
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B\n---\n# A fine-tune\n",
        encoding="utf-8",
    )
    code, out, err = run("analyze", "-f", "json", str(model))
    assert code == 0, err
    data = json.loads(out)
    assert data["identified"]["id"] == "llama-3.1"
    assert [f["kind"] for f in data["findings"]] == ["declared-license-mismatch"]
    assert "declares apache-2.0" in data["findings"][0]["message"]


@pytest.mark.corpus
def test_model_dir_reads_every_terms_file(tmp_path: Path) -> None:
    model = tmp_path / "m"
    model.mkdir()
    shutil.copy(CORPUS / "texts" / "gemma-tou-2024-04-01.txt", model / "LICENSE")
    (model / "USE_POLICY.md").write_text(
        "# Use policy\n\nYou must not use the model to build weapons or to spy on people.\n",
        encoding="utf-8",
    )
    code, out, err = run("analyze", "-f", "json", str(model))
    assert code == 0, err
    data = json.loads(out)
    headings = [c["ref"] for c in data["clauses"] if c["parent"] is None]
    assert "LICENSE" in headings and "USE_POLICY.md" in headings
    assert data["identified"]["id"] in ("gemma", "gemma-2024")


@pytest.mark.parametrize(
    ("name", "hint"),
    [("gpl", "gpl-2.0, gpl-3.0"), ("BSD", "bsd-2-clause"), ("other", "names no license")],
)
def test_family_and_placeholder_ids_say_what_to_use(name: str, hint: str) -> None:
    code, out, err = run("analyze", name)
    assert code == 2 and out == "" and hint in err


HF_IDS = (
    "apache-2.0 mit llama2 llama3 llama3.1 llama3.2 llama3.3 llama4 gemma openrail++ "
    "creativeml-openrail-m bigscience-openrail-m bigscience-bloom-rail-1.0 bigcode-openrail-m "
    "cc-by-nc-4.0 cc-by-4.0 cc-by-sa-4.0 cc-by-nc-sa-4.0 cc-by-nd-4.0 cc-by-nc-nd-4.0 cc0-1.0 "
    "cdla-permissive-1.0 cdla-permissive-2.0 cdla-sharing-1.0 c-uda openmdw-1.0 bsd-2-clause "
    "bsd-3-clause gpl-2.0 gpl-3.0 lgpl-2.1 lgpl-3.0 agpl-3.0 mpl-2.0 epl-2.0 isc unlicense zlib "
    "bsl-1.0 qwen deepseek nvidia-open-model-license gemma-terms-of-use"
).split()


@pytest.mark.parametrize("hf_id", HF_IDS)
def test_hugging_face_ids_resolve(hf_id: str) -> None:
    code, out, err = run("analyze", "-f", "json", hf_id)
    assert code == 0, err
    assert json.loads(out)["identified"] is not None


@pytest.mark.corpus
def test_texts_pull_unpacks_the_reference_texts(tmp_path: Path) -> None:
    """`texts pull` builds the same corpus; the wheel already on disk is reused (no network)."""
    wheels = sorted((CORPUS.parent / "wheels").glob("scancode_toolkit_mini-*.whl"))
    assert wheels, "make corpus keeps the wheel in .cache/wheels"
    (tmp_path / "wheels").mkdir()
    (tmp_path / "wheels" / wheels[-1].name).symlink_to(wheels[-1])
    code, out, err = run("texts", "pull", "--into", str(tmp_path / "corpus"))
    assert code == 0, err
    assert "fetching scancode-toolkit-mini" in err
    assert out.strip().endswith(str(tmp_path / "corpus"))
    pulled = tmp_path / "corpus" / "texts" / "llama-3.1-license-2024.txt"
    assert pulled.read_bytes() == corpus_text("llama-3.1-license-2024")
    code, out, _ = run(
        "analyze", "-f", "json", "llama-3.1", env={"LICENSECMP_TEXTS": str(tmp_path / "corpus")}
    )
    assert code == 0 and json.loads(out)["source"]["sha256"] is not None


DISPLAY_DUTY = (
    "Any product built on this software that reaches more than 50 million monthly active "
    'users must show the words "Made with Acme" on its start screen.'
)


@pytest.mark.corpus
def test_mit_plus_a_paragraph_shows_the_paragraph_and_its_flag(tmp_path: Path) -> None:
    text = corpus_text("mit").decode("utf-8").rstrip() + "\n\n" + DISPLAY_DUTY + "\n"
    path = tmp_path / "LICENSE"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("analyze", "-f", "json", str(path))
    assert code == 0, err
    data = json.loads(out)
    assert data["identified"]["id"] == "mit"
    assert data["nearest_osi"]["id"] == "mit"
    added = data["nearest_osi"]["added"]
    assert [a["text"] for a in added] == [DISPLAY_DUTY]
    assert data["identified"]["added"] == added
    display = next(f for f in data["flags"] if f["id"] == "attribution-display")
    assert display["params"]["phrase"] == "Made with Acme"
    assert display["params"]["threshold"] == 50_000_000
    assert added[0]["start"] <= display["start"] < display["end"] <= added[0]["end"]
    assert data["osd"]["conformant"] is True  # a display duty is a condition, not a restriction


@pytest.mark.corpus
def test_identify_command_names_a_license_inside_a_model_card(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        "---\nlicense: apache-2.0\n---\n# Our model\n\nWeights for chatting.\n\n## License\n\n"
        + corpus_text("apache-2.0").decode("utf-8")
        + "\n\nThanks for reading.\n",
        encoding="utf-8",
    )
    code, out, err = run("identify", "-f", "json", str(card))
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "licensecmp/identify/v1"
    assert data["identified"] == "apache-2.0"
    assert data["candidates"][0]["key"] == "apache-2.0"
    code, out, _ = run("identify", str(card))
    assert code == 0 and out.startswith(f"{card}: apache-2.0 (Apache License 2.0)")


def test_identify_command_says_when_nothing_is_close(tmp_path: Path) -> None:
    own = tmp_path / "notes.txt"
    own.write_text("These are my gardening notes about tomatoes and beans.\n", encoding="utf-8")
    code, out, err = run("identify", "-f", "json", str(own))
    assert code == 0, err
    assert json.loads(out)["identified"] is None
    code, _, err = run("identify", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err
