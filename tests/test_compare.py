"""`licensecmp compare`: rows per flag, the summary, mirroring, and bad sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from licensecmp.cli import app
from licensecmp.compare import compare, summary
from licensecmp.render import Format
from licensecmp.sources import Options, analyze_source
from licensecmp.taxonomy import Kind
from tests.conftest import corpus_text

runner = CliRunner()
NO_TEXTS = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
KB_ONLY = Options(texts=None)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=NO_TEXTS)
    return result.exit_code, result.stdout, result.stderr


def rows(a: str, b: str) -> dict[str, dict[str, object]]:
    code, out, err = run("compare", "-f", "json", a, b)
    assert code == 0, err
    return {r["flag"]: r for r in json.loads(out)["rows"]}


def test_llama_31_against_apache_puts_each_side_where_it_belongs() -> None:
    table = rows("llama-3.1", "apache-2.0")
    llama = analyze_source("llama-3.1", options=KB_ONLY)
    for flag in llama.flags:
        if flag.kind is Kind.RESTRICTION or flag.id in ("attribution-display", "derivative-naming"):
            row = table[flag.id]
            assert row["a"]["present"] and not row["b"]["present"] and row["differs"]
    for flag in ("patent-grant", "patent-retaliation"):
        assert table[flag]["b"]["present"] and not table[flag]["a"]["present"]
    assert table["user-threshold"]["a"]["params"]["threshold"] == 700_000_000


def test_summary_names_what_each_side_adds() -> None:
    code, out, _ = run("compare", "llama-3.1", "apache-2.0")
    assert code == 0
    assert "llama-3.1 adds 2 restrictions, 2 duties" in out
    assert "that apache-2.0 does not have: user-threshold, acceptable-use-policy" in out
    assert "apache-2.0 adds" in out and "patent-grant" in out


def test_a_license_compared_with_itself_shows_no_difference() -> None:
    same = compare(
        analyze_source("gemma", options=KB_ONLY), analyze_source("gemma", options=KB_ONLY)
    )
    assert same.identical and not any(r.differs for r in same.rows)
    # the Hugging Face id `gemma` names the current terms, gemma-2025
    assert summary(same) == (
        "gemma-2025 and gemma-2025 carry the same flags with the same parameters."
    )
    code, out, _ = run("compare", "--only-diff", "gemma", "gemma")
    assert code == 0 and "\nno differences\n" in out


def test_swapping_sides_mirrors_the_table() -> None:
    ab = rows("llama-3.1", "qwen")
    ba = rows("qwen", "llama-3.1")
    assert ab.keys() == ba.keys()
    for flag, row in ab.items():
        assert row["a"] == ba[flag]["b"] and row["b"] == ba[flag]["a"]
        assert row["differs"] == ba[flag]["differs"]


def test_params_that_differ_are_shown_side_by_side() -> None:
    table = rows("llama-3.1", "qwen")
    threshold = table["user-threshold"]
    assert threshold["differs"]
    assert threshold["a"]["params"]["threshold"] == 700_000_000
    assert threshold["b"]["params"]["threshold"] == 100_000_000
    code, out, _ = run("compare", "--only-diff", "llama-3.1", "qwen")
    assert code == 0
    assert "700,000,000 (700M)" in out and "100,000,000 (100M)" in out
    assert "trademark-use" not in out  # the same on both sides


@pytest.mark.corpus
def test_mit_with_an_extra_display_duty_against_mit(tmp_path: Path) -> None:
    extra = (
        "Once a service built on the software counts 2 million monthly active users or more, "
        'its sign-in page must carry the words "Runs on Acme".'
    )
    license_file = tmp_path / "LICENSE"
    license_file.write_text(corpus_text("mit").decode() + "\n\n" + extra + "\n", encoding="utf-8")
    code, out, err = run("compare", str(license_file), "mit")
    assert code == 0, err
    assert f"adds to mit: \u201c{extra}\u201d" in out
    table = rows(str(license_file), "mit")
    display = table["attribution-display"]
    assert display["a"]["present"] and not display["b"]["present"]
    assert display["a"]["params"]["phrase"] == "Runs on Acme"
    assert [r for r, v in table.items() if v["differs"]] == ["attribution-display"]


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_is_deterministic(fmt: Format) -> None:
    first = run("compare", "-f", fmt.value, "llama-3.1", "apache-2.0")
    assert first[0] == 0
    assert first == run("compare", "-f", fmt.value, "llama-3.1", "apache-2.0")


def test_bad_sources_exit_2_with_the_reason(tmp_path: Path) -> None:
    code, out, err = run("compare", "lama-3.1", "mit")
    assert code == 2 and out == "" and "did you mean llama-3.1" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run("compare", "mit", str(empty))
    assert code == 2 and out == "" and "empty" in err


def run_with_texts(*args: str) -> tuple[int, str, str]:
    from tests.conftest import CORPUS

    result = runner.invoke(app, list(args), env={"LICENSECMP_TEXTS": str(CORPUS)})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.corpus
def test_llama_31_and_32_differ_only_outside_the_text() -> None:
    code, out, err = run_with_texts("compare", "llama-3.1", "llama-3.2")
    assert code == 0, err
    assert "Text: no substantive change in the text; only names, dates and URLs differ." in out
    assert "llama-3.2 incorporates Llama 3.2 Acceptable Use Policy" in out
    assert "EU" in out.split("Outside the text")[1]
    data = json.loads(run_with_texts("compare", "-f", "json", "llama-3.1", "llama-3.2")[1])
    assert data["text_diff"] and all(c["cosmetic"] for c in data["text_diff"])


@pytest.mark.corpus
def test_llama_2_to_31_drops_the_training_ban_and_adds_display_and_naming() -> None:
    code, out, err = run_with_texts("compare", "-f", "json", "llama-2", "llama-3.1")
    assert code == 0, err
    data = json.loads(out)
    table = {r["flag"]: r for r in data["rows"]}
    assert table["no-model-training"]["a"]["present"]
    assert not table["no-model-training"]["b"]["present"]
    for duty in ("attribution-display", "derivative-naming"):
        assert table[duty]["b"]["present"] and not table[duty]["a"]["present"]
    removed = [c for c in data["text_diff"] if c["kind"] == "removed"]
    assert [c["a_ref"] for c in removed] == ["1.b.v"]
    changed = {c["b_ref"]: c for c in data["text_diff"] if c["kind"] == "changed"}
    added_words = " ".join(w["text"] for w in changed["1.b.i"]["words"] if w["op"] == "+")
    assert '"Built with Llama"' in added_words
    code, out, _ = run_with_texts("compare", "--text", "llama-2", "llama-3.1")
    assert "  removed 1.b.v" in out and "+ with any such Llama Materials; and (B)" in out


def test_without_texts_the_text_diff_is_null_and_said_so() -> None:
    code, out, _ = run("compare", "-f", "json", "llama-3.1", "llama-3.2")
    assert code == 0 and json.loads(out)["text_diff"] is None
    code, out, _ = run("compare", "llama-3.1", "llama-3.2")
    assert "Text: not compared" in out


def test_terminal_rendering_draws_the_same_rows_in_colour() -> None:
    from licensecmp.render.compare import render_rich

    comparison = compare(
        analyze_source("llama-3.1", options=KB_ONLY),
        analyze_source("apache-2.0", options=KB_ONLY),
    )
    out = render_rich(comparison, width=160)
    assert "\x1b[" in out  # colour codes
    for row in comparison.rows:
        assert row.flag in out
    assert "llama-3.1 adds 2 restrictions" in out


def test_the_summary_names_what_an_incorporated_policy_adds() -> None:
    """Llama 3.1 and 3.2 differ in their texts only in names, dates and URLs; the key
    difference is the EU exclusion of 3.2's use policy, which covers the vision models
    only. The one-line summary says so."""
    result = CliRunner().invoke(app, ["compare", "llama-3.1", "llama-3.2"])
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if x.startswith("parameters differ")]
    assert "llama-3.2's Llama 3.2 Acceptable Use Policy adds geographic-restriction" in line
    assert "European Union" in line and "Llama-3.2-11B-Vision*" in line
    # a flag a side's text carries already is not said again for its policy
    other = CliRunner().invoke(app, ["compare", "llama-3.1", "apache-2.0"]).output
    assert "Acceptable Use Policy adds acceptable-use-policy" not in other


def test_unrelated_texts_get_a_summary_not_a_clause_list() -> None:
    from tests.conftest import CORPUS

    env = {"LICENSECMP_TEXTS": str(CORPUS)}
    unrelated = CliRunner().invoke(app, ["compare", "llama-3.1", "gemma"], env=env)
    assert unrelated.exit_code == 0, unrelated.output
    assert "Text: different licenses, not versions of one" in unrelated.output
    assert "  removed " not in unrelated.output
    versions = CliRunner().invoke(app, ["compare", "llama-2", "llama-3.1"], env=env)
    assert "clause(s) changed in substance" in versions.output
