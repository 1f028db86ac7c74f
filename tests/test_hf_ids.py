"""Every license id the Hugging Face Hub offers, as a model card declares it.

Each id is known (a knowledge-base entry), a family with no version (`bsd`, `gpl`, `cc`:
judged as not open until the version is known), or names no license at all (`other`
without `license_name`, `unknown`: unknown-license). Model directories are written in
tmp_path with a card of our own and no license file, as most fine-tunes on the Hub are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.knowledge import FAMILIES, load
from licensecmp.sources import Options, analyze_source

TODAY = "2026-11-28"
NO_TEXTS = Options(texts=Path("/nonexistent/licensecmp-texts"))

# The license ids of the Hub's model card metadata (its list of licenses), in its order.
HUB_IDS = (
    "apache-2.0 mit openrail bigscience-openrail-m creativeml-openrail-m "
    "bigscience-bloom-rail-1.0 bigcode-openrail-m afl-3.0 artistic-2.0 bsl-1.0 bsd "
    "bsd-2-clause bsd-3-clause bsd-3-clause-clear c-uda cc cc0-1.0 cc-by-2.0 cc-by-2.5 "
    "cc-by-3.0 cc-by-4.0 cc-by-sa-3.0 cc-by-sa-4.0 cc-by-nc-2.0 cc-by-nc-3.0 cc-by-nc-4.0 "
    "cc-by-nd-4.0 cc-by-nc-nd-3.0 cc-by-nc-nd-4.0 cc-by-nc-sa-2.0 cc-by-nc-sa-3.0 "
    "cc-by-nc-sa-4.0 cdla-sharing-1.0 cdla-permissive-1.0 cdla-permissive-2.0 wtfpl ecl-2.0 "
    "epl-1.0 epl-2.0 etalab-2.0 eupl-1.1 eupl-1.2 agpl-3.0 gfdl gpl gpl-2.0 gpl-3.0 lgpl "
    "lgpl-2.1 lgpl-3.0 isc h-research intel-research lppl-1.3c ms-pl apple-ascl apple-amlr "
    "mpl-2.0 odc-by odbl openmdw-1.0 openmdw-1.1 openrail++ osl-3.0 postgresql ofl-1.1 ncsa "
    "unlicense zlib pddl lgpl-lr deepfloyd-if-license fair-noncommercial-research-license "
    "llama2 llama3 llama3.1 llama3.2 llama3.3 llama4 grok2-community gemma unknown other"
).split()
NO_LICENSE = ("unknown", "other")
FAMILY_IDS = tuple(i for i in HUB_IDS if i in FAMILIES)
VERSIONED = tuple(i for i in HUB_IDS if i not in NO_LICENSE and i not in FAMILIES)


def run(*args: str) -> tuple[int, str, str]:
    env = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def _card(root: Path, license_id: str, extra: str = "") -> Path:
    """A card-only model directory declaring `license_id`."""
    directory = root / "model"
    directory.mkdir()
    card = f"---\nlicense: {license_id}\n{extra}---\n\n# A fine-tune\n\nOur notes on it.\n"
    (directory / "README.md").write_text(card, encoding="utf-8")
    return directory


def _policy(root: Path, body: str) -> str:
    path = root / "licensecmp.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_the_hub_list_is_covered() -> None:
    kb = load()
    assert len(HUB_IDS) == len(set(HUB_IDS)) == 83
    assert set(FAMILY_IDS) == {"openrail", "bsd", "cc", "gfdl", "gpl", "lgpl"}
    for hub_id in (*VERSIONED, *FAMILY_IDS):
        entry = kb.get(hub_id)
        assert entry is not None, hub_id
        assert (entry.category == "family") == (hub_id in FAMILIES), hub_id
    assert kb.get("other") is None and kb.get("unknown") is None


@pytest.mark.parametrize("hub_id", VERSIONED)
def test_a_card_declaring_a_versioned_id_is_judged_by_that_license(
    tmp_path: Path, hub_id: str
) -> None:
    analysis = analyze_source(str(_card(tmp_path, hub_id)), options=NO_TEXTS)
    entry = load().get(hub_id)
    assert entry is not None
    assert analysis.identified is not None and analysis.identified.id == entry.id
    kinds = {f.kind for f in analysis.findings}
    assert kinds == {"license-text-not-shipped"}, analysis.findings


@pytest.mark.parametrize("hub_id", FAMILY_IDS)
def test_a_family_id_is_never_conformant_by_default(tmp_path: Path, hub_id: str) -> None:
    model = _card(tmp_path, hub_id)
    analysis = analyze_source(str(model), options=NO_TEXTS)
    assert analysis.identified is not None and analysis.identified.id == hub_id
    assert not analysis.conformant
    (message,) = [f.message for f in analysis.findings if f.kind == "declared-license-family"]
    assert f"declares {hub_id!r}, a family of licenses with no version" in message
    code, out, _ = run("check", "--today", TODAY, str(model))
    assert code == 1, out
    # a policy that only warns on what is not open still never passes it clean
    policy = _policy(tmp_path, 'not-open = "warn"\n')
    _, out, _ = run("check", "--today", TODAY, "-p", policy, str(model))
    assert not out.startswith("PASS"), out


@pytest.mark.parametrize("hub_id", FAMILY_IDS)
def test_a_family_id_as_source_says_which_versions_to_choose(hub_id: str) -> None:
    code, out, err = run("analyze", hub_id)
    assert code == 2 and out == ""
    assert "names a family of licenses, not one" in err


@pytest.mark.parametrize(
    ("card", "says"),
    [
        ("other", "declares 'other' with no license_name: it names no license"),
        ("unknown", "declares 'unknown': it names no license"),
    ],
)
def test_other_without_a_name_and_unknown_are_unknown_licenses(
    tmp_path: Path, card: str, says: str
) -> None:
    model = _card(tmp_path, card)
    analysis = analyze_source(str(model), options=NO_TEXTS)
    assert analysis.identified is None
    found = {f.kind: f.message for f in analysis.findings}
    assert found["declared-license-unknown"] == f"the model card {says}"
    code, out, _ = run("check", "--today", TODAY, "-f", "json", str(model))
    assert code == 1
    (result,) = json.loads(out)["results"]
    codes = [(r["level"], r["code"]) for r in result["policy"]["reasons"]]
    assert ("fail", "unknown-license") in codes
    policy = _policy(tmp_path, "fail-on-unknown = false\n")
    assert run("check", "--today", TODAY, "-p", policy, str(model))[0] == 0


@pytest.mark.parametrize(
    ("hub_id", "restriction"),
    [
        ("qwen-research", "non-commercial"),
        ("apple-amlr", "research-only"),
        ("deepfloyd-if-license", "non-commercial"),
        ("fair-noncommercial-research-license", "non-commercial"),
        ("cc-by-nc-3.0", "non-commercial"),
        ("cc-by-nc-nd-3.0", "no-derivatives"),
        ("openrail", "acceptable-use-policy"),
    ],
)
def test_research_and_non_commercial_ids_fail_on_their_restriction(
    tmp_path: Path, hub_id: str, restriction: str
) -> None:
    extra = ""
    if hub_id == "qwen-research":  # as Qwen's cards give it
        hub_id, extra = "other", "license_name: qwen-research\n"
    model = _card(tmp_path, hub_id, extra)
    code, out, _ = run("check", "--today", TODAY, "-f", "json", str(model))
    assert code == 1, out
    (result,) = json.loads(out)["results"]
    denied = {r["flag"] for r in result["policy"]["reasons"] if r["code"] == "denied-flag"}
    assert restriction in denied


@pytest.mark.parametrize("hub_id", ["h-research", "intel-research", "grok2-community"])
def test_ids_known_by_name_only_are_not_open(tmp_path: Path, hub_id: str) -> None:
    model = _card(tmp_path, hub_id)
    analysis = analyze_source(str(model), options=NO_TEXTS)
    assert analysis.identified is not None and not analysis.conformant
    code, out, _ = run("check", "--today", TODAY, str(model))
    assert code == 1, out


def test_gemma_declares_the_current_terms(tmp_path: Path) -> None:
    analysis = analyze_source(str(_card(tmp_path, "gemma")), options=NO_TEXTS)
    assert analysis.identified is not None
    assert analysis.identified.id == "gemma-2025"
    assert analysis.identified.name == "Gemma Terms of Use (2025-03-24)"
    code, out, _ = run("licenses", "show", "gemma")
    assert code == 0 and "Older versions exist" in out and "gemma-2024" in out


@pytest.mark.corpus
def test_a_family_confirmed_by_its_license_file_is_that_license(tmp_path: Path) -> None:
    from tests.conftest import corpus_text

    model = _card(tmp_path, "bsd")
    (model / "LICENSE").write_bytes(corpus_text("bsd-new"))
    analysis = analyze_source(str(model), options=NO_TEXTS)
    assert analysis.identified is not None and analysis.identified.id == "bsd-3-clause"
    assert analysis.conformant
    assert analysis.findings == ()
    (model / "LICENSE").write_bytes(corpus_text("mit"))
    kinds = {f.kind for f in analyze_source(str(model), options=NO_TEXTS).findings}
    assert kinds == {"declared-license-family"}


def test_licenses_list_shows_the_new_entries() -> None:
    code, out, err = run("licenses", "list", "--kind", "all")
    assert code == 0, err
    ids = {line.split()[0] for line in out.splitlines() if line.strip()}
    assert {"qwen-research", "mistral-research", "flux-1-nc", "falcon-180b", "gpl", "cc"} <= ids
