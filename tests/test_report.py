"""`licensecmp report`: valid GitHub Markdown, the facts a reviewer asks for, safe writing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from licensecmp import __version__
from licensecmp.cli import app
from licensecmp.knowledge import load
from licensecmp.report import build, short_params, thresholds
from licensecmp.sources import analyze_bytes, analyze_source
from tests.conftest import CORPUS, FIXTURES, ROOT
from tests.test_golden import REPORTS

ACME = str(FIXTURES / "texts" / "acme-model-license.txt")
MODEL = str(FIXTURES / "models" / "acme-chat-7b")
NO_TEXTS = {"LICENSECMP_TEXTS": "/nonexistent/licensecmp-texts"}
WITH_TEXTS = {"LICENSECMP_TEXTS": str(CORPUS)}


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env or NO_TEXTS)
    return result.exit_code, result.stdout, result.stderr


def report_of(*sources: str, env: dict[str, str] | None = None) -> str:
    code, out, err = run("report", *sources, env=env)
    assert code == 0, err
    return out


# --- Markdown structure, checked by a CommonMark/GFM parser -----------------------------------


def slug(text: str) -> str:
    """GitHub's heading anchor (github-slugger), written here apart from the renderer's."""
    return re.sub(r"[^\w\- ]", "", text.lower(), flags=re.UNICODE).replace(" ", "-")


def parse(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((int(tok.tag[1]), tokens[i + 1].content))
    return out


def anchors(tokens: list[Token]) -> set[str]:
    seen: dict[str, int] = {}
    found = set()
    for _, text in headings(tokens):
        original = result = slug(text)
        while result in seen:
            seen[original] += 1
            result = f"{original}-{seen[original]}"
        seen[result] = 0
        found.add(result)
    return found


def links(tokens: list[Token]) -> list[str]:
    return [
        str(child.attrs["href"])
        for tok in tokens
        if tok.type == "inline"
        for child in tok.children or ()
        if child.type == "link_open"
    ]


def table_shapes(tokens: list[Token]) -> list[tuple[int, set[int]]]:
    """(columns of the header, column counts of the body rows) for each table."""
    shapes, header, rows, cells, inside_head = [], 0, set(), 0, False
    for tok in tokens:
        if tok.type == "thead_open":
            inside_head = True
        elif tok.type == "thead_close":
            inside_head = False
        elif tok.type == "tr_open":
            cells = 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close":
            if inside_head:
                header = cells
            else:
                rows.add(cells)
        elif tok.type == "table_close":
            shapes.append((header, rows))
            rows = set()
    return shapes


# The golden matrix's sources (eight licenses, a file of ours and a model directory),
# with the files given by absolute path so no test depends on the working directory.
MATRIX = [str(ROOT / s) if "/" in s else s for s in REPORTS["report-matrix"][1:]]


@pytest.mark.parametrize(
    "sources",
    [["llama-3.1"], [ACME], [MODEL], MATRIX, ["creativeml-openrail-m", "creativeml-openrail++-m"]],
    ids=["known", "file", "model-dir", "matrix", "colliding-anchors"],
)
def test_every_report_is_valid_markdown_with_working_anchors(sources: list[str]) -> None:
    tokens = parse(report_of(*sources))
    levels = headings(tokens)
    assert levels[0] == (1, "License report")
    assert [level for level, _ in levels].count(1) == 1
    sections = [
        text for level, text in levels if level == 2 and text not in ("Summary", "Verdicts")
    ]
    assert len(sections) == len(sources)
    shapes = table_shapes(tokens)
    assert shapes, "a report has tables"
    for header, rows in shapes:
        assert rows == {header}, "every row has as many cells as the header"
    targets = [href[1:] for href in links(tokens) if href.startswith("#")]
    if len(sources) > 1:
        assert len(set(targets)) == len(sources), "the matrix links every section, each apart"
    assert set(targets) <= anchors(tokens), set(targets) - anchors(tokens)


def test_matrix_lists_every_source_with_short_params() -> None:
    out = report_of(*MATRIX)
    summary = out.split("## Summary", 1)[1].split("## Verdicts", 1)[0]
    for name in ("llama-3.1", "gemma", "qwen", "cc-by-nc-4.0", "mit", "acme-chat-7b"):
        assert f"[{name}]" in summary
    assert ">700M MAU" in summary
    assert ">$1M/yr" in summary  # Stability's revenue line
    assert "≥250M MAU" in summary  # our fixture counts "250 million or more"
    row = next(line for line in summary.splitlines() if line.startswith("| [mit]"))
    assert "✅ OSD-conformant" in row and ">" not in row.split("|", 3)[3]


# --- the content of one source ----------------------------------------------------------------


def test_verdict_names_clauses_and_criteria_in_plain_words() -> None:
    out = report_of("llama-3.1")
    assert (
        "Not an open-source license under the OSD: it withholds rights from organisations "
        "with more than 700,000,000 monthly active users (section 2, criterion 5) and "
        "restricts fields of use through an acceptable-use policy (section 1.b.iv, criterion 6)."
    ) in out
    assert "- [ ] Display “Built with Llama” prominently" in out
    assert "- [ ] Put “Llama” in the name of any model you derive" in out


def test_all_ten_osd_criteria_with_results() -> None:
    out = report_of("llama-3.1")
    table = out.split("### Open Source Definition", 1)[1].split("###", 1)[0]
    rows = [line for line in table.splitlines() if re.match(r"\| \d+ ", line)]
    assert len(rows) == 10
    assert "**fail** | `user-threshold`" in rows[4]
    assert "**fail** | `acceptable-use-policy`" in rows[5]
    assert "| pass " in rows[0] and "| n/a " in rows[1]


def test_an_osi_license_passes_every_assessed_criterion() -> None:
    out = report_of("apache-2.0")
    assert "Conforms to the Open Source Definition" in out
    assert "**fail**" not in out


def test_knowledge_base_facts_are_marked_as_outside_the_text() -> None:
    out = report_of("llama-3.2")
    section = out.split("### From the knowledge base", 1)[1]
    assert "Facts that are not in the text" in section
    assert "Acceptable Use Policy (incorporated)" in section and "domiciled in the EU" in section


def test_version_printed_and_no_date_unless_asked() -> None:
    plain = report_of("mit")
    assert f"Generated by licensecmp {__version__}." in plain
    assert not re.search(r"\d{4}-\d{2}-\d{2}", plain)
    code, dated, _ = run("report", "mit", "--date", "2026-11-28")
    assert code == 0 and f"Generated by licensecmp {__version__} on 2026-11-28." in dated


def test_same_inputs_give_byte_identical_reports() -> None:
    assert report_of(*MATRIX) == report_of(*MATRIX)


def test_model_directory_report_shows_card_and_disagreement(tmp_path: Path) -> None:
    out = report_of(MODEL)
    assert "## acme-chat-7b" in out
    assert "| declared license | `acme-open-weights`" in out
    assert "| base model       | `acme/acme-base-7b`" in out
    # a card that declares apache-2.0 over license terms that are something else
    model = tmp_path / "mislabelled"
    model.mkdir()
    (model / "README.md").write_text("---\nlicense: apache-2.0\n---\n# M\n", encoding="utf-8")
    (model / "LICENSE").write_bytes(
        CORPUS.joinpath("texts/llama-3.1-license-2024.txt").read_bytes()
    )
    out = report_of(str(model))
    assert "**Finding (declared-license-mismatch):**" in out
    assert "declares apache-2.0, but the license file is llama-3.1" in out


def test_modified_mit_quotes_what_it_adds_and_the_flags_there() -> None:
    out = report_of(str(CORPUS / "texts" / "moonshot-ai-modified-mit-2025.txt"))
    nearest = out.split("### Nearest OSI-approved license", 1)[1].split("###", 1)[0]
    assert "(`mit`)" in nearest
    assert "Kimi K2" in nearest
    assert "Flags raised inside those passages: `attribution-display`." in nearest


# --- thresholds explained ---------------------------------------------------------------------


def explained(text: bytes) -> list[tuple[str, str, str, str, str]]:
    analysis = analyze_bytes(text, "terms.txt")
    return [
        (t.flag, t.counted, t.measured, t.boundary, t.above) for t in thresholds(analysis, None)
    ]


@pytest.mark.parametrize(
    ("key", "measured", "counted", "above"),
    [
        (
            "llama-3.1-license-2024",
            "once, on the release date of the version; users counted over a calendar month",
            "the licensee together with its affiliates",
            "a separate license is needed, which the licensor may grant at its sole discretion; "
            "until it is granted none of the rights of the license apply",
        ),
        (
            "playground-v2-community",
            "at any time, for as long as the material is used; users counted over a calendar month",
            "the licensee together with its affiliates",
            "a separate license is needed, which the licensor may grant at its sole discretion; "
            "until it is granted none of the rights of the license apply",
        ),
        (
            "qwen-2024",
            "not stated in the clause",
            "the licensee's own products or services; affiliates are not named",
            "a separate license is needed; until it is granted none of the rights of the "
            "license apply",
        ),
    ],
)
def test_threshold_questions_answered_from_real_texts(
    key: str, measured: str, counted: str, above: str
) -> None:
    path = CORPUS / "texts" / f"{key}.txt"
    rows = [r for r in explained(path.read_bytes()) if r[0] == "user-threshold"]
    assert rows == [("user-threshold", counted, measured, rows[0][3], above)]
    assert rows[0][3] == "exclusive: exactly the number is still below the line"


def test_threshold_in_new_words_inclusive_and_ending_rights() -> None:
    text = (
        b"1. Grant. You may use, copy and modify the model.\n\n"
        b"2. Scale. Should the services of you and your affiliates reach 5 million or more "
        b"daily active users in any calendar month, the rights in section 1 terminate "
        b"automatically.\n"
    )
    [(flag, counted, measured, boundary, above)] = explained(text)
    assert flag == "user-threshold"
    assert counted == "the licensee together with its affiliates"
    assert measured == "users counted over a calendar month"
    assert boundary == "inclusive: reaching the number exactly crosses the line"
    assert above == "the rights end"


def test_revenue_threshold_counted_per_year() -> None:
    text = (
        b"3. Commercial use. If your annual revenue exceeds USD 10 million, you must obtain "
        b"a commercial license from us before any further use.\n"
    )
    [(flag, _, measured, boundary, above)] = explained(text)
    assert flag == "revenue-threshold"
    assert measured == "revenue counted over a year"
    assert boundary.startswith("exclusive")
    assert above == "a separate license is needed"


def test_a_threshold_that_triggers_a_duty_is_not_called_a_restriction() -> None:
    analysis = analyze_source(str(CORPUS / "texts" / "moonshot-ai-modified-mit-2025.txt"))
    [row] = thresholds(analysis, None)
    assert row.flag == "attribution-display"
    assert row.above.startswith("a duty applies, not a restriction: display “Kimi K2”")


def test_matrix_cells_in_short_form() -> None:
    kb = load()
    report = build([analyze_source(x) for x in ("llama-3.1", "stability-ai-community")], kb)
    cells = [[report.cell(s, c) for c in report.columns] for s in report.sources]
    assert ">700M MAU" in cells[0] and ">$1M/yr" in cells[1]
    flag = next(f for f in analyze_source("llama-3.1").flags if f.id == "derivative-naming")
    assert short_params(flag) == "“Llama…”"


# --- writing, errors, JSON --------------------------------------------------------------------


def test_output_file_written_only_after_success(tmp_path: Path) -> None:
    target = tmp_path / "REPORT.md"
    code, out, err = run("report", "mit", ACME, "-o", str(target))
    assert code == 0, err
    assert out == "" and "wrote" in err
    assert target.read_text(encoding="utf-8").startswith("# License report")
    target.write_text("previous report\n", encoding="utf-8")
    code, _, err = run("report", "mit", "no-such-license-xyz", "-o", str(target))
    assert code == 2
    assert err.startswith("error: no-such-license-xyz:") and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "previous report\n"
    fresh = tmp_path / "NEW.md"
    code, _, _ = run("report", str(tmp_path / "missing.txt"), "-o", str(fresh))
    assert code == 2 and not fresh.exists()


def test_unwritable_output_is_one_line_exit_2(tmp_path: Path) -> None:
    code, _, err = run("report", "mit", "-o", str(tmp_path / "no" / "dir" / "r.md"))
    assert code == 2 and err.startswith("error: ") and "cannot write" in err


def test_json_report_carries_the_same_facts() -> None:
    code, out, _ = run("report", "llama-3.1", "mit", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "licensecmp/report/v1"
    assert data["generator"] == f"licensecmp {__version__}" and data["date"] is None
    llama = data["sources"][0]
    assert llama["analysis"]["schema"] == "licensecmp/analysis/v1"
    assert [c["result"] for c in llama["osd_criteria"]].count("fail") == 2
    assert data["matrix"]["rows"][0]["cells"]["user-threshold"] == ">700M MAU"


def test_known_license_with_pulled_text_quotes_its_evidence() -> None:
    out = report_of("llama-3.1", env=WITH_TEXTS)
    assert "“greater than 700 million monthly active users” (§2)" in out
    assert "### Clause outline" in out
    assert "- **2** Additional Commercial Terms — `user-threshold`" in out
    nearest = out.split("### Nearest OSI-approved license", 1)[1].split("###", 1)[0]
    assert "No OSI-approved license is close to this text." in nearest
    # a known license that is an OSI license plus a paragraph: the paragraph is shown
    out = report_of("moonshot-modified-mit", env=WITH_TEXTS)
    nearest = out.split("### Nearest OSI-approved license", 1)[1].split("###", 1)[0]
    assert "(`mit`)" in nearest and "Kimi K2" in nearest


def test_help_teaches_with_examples() -> None:
    code, out, _ = run("report", "--help")
    assert code == 0
    assert "licensecmp report llama-3.1 -o llama-3.1.md" in out
    assert "--date" in out and "--output" in out


def test_finetune_report_names_its_base_model_and_doubts_the_card() -> None:
    out = report_of(str(FIXTURES / "models" / "llama-finetune"))
    assert "| base model license | `meta-llama/Llama-3.1-8B`: `llama-3.1`" in out
    verdict = out.split("### Verdict", 1)[1].split("###", 1)[0]
    assert "But the terms themselves are in doubt: base model meta-llama/Llama-3.1-8B" in verdict
    assert "(§¶" not in out


def test_an_undetermined_text_lists_the_sentences_to_review(tmp_path: Path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text(
        "1. Grant\n\nWe grant you a free licence to use, copy, modify and share the kit.\n\n"
        "2. Limits\n\nYou may only run the kit on boards we sell.\n",
        encoding="utf-8",
    )
    out = report_of(str(terms))
    review = out.split("### Sentences to review", 1)[1].split("###", 1)[0]
    assert "§2: \u201cYou may only run the kit on boards we sell.\u201d" in review
    assert "Needs review: 1 sentence(s) limit the licensee" in out
    matrix = report_of(str(terms), "apache-2.0").split("## Summary", 1)[1].split("##", 1)[0]
    assert "⚠️ needs review" in matrix


def test_the_summary_never_shows_a_doubtful_verdict_as_a_pass(tmp_path: Path) -> None:
    """Open terms under a finding that contradicts them (a card declaring apache-2.0 over
    a Gemma base model) are not a pass; flags present are a dot, not a check mark."""
    model = tmp_path / "fine-tune"
    model.mkdir()
    (model / "LICENSE").write_text(
        "Lumen Labs grants you a licence to use, copy, modify and share the Model for any "
        "purpose.\n"
    )
    (model / "README.md").write_text(
        "---\nlicense: apache-2.0\nbase_model: google/gemma-2-9b\n---\n# A fine-tune\n"
    )
    out = report_of(str(model), "mit", "gemma")
    summary = out.split("## Summary", 1)[1].split("## Verdicts", 1)[0]
    rows = {
        line.split("]", 1)[0].lstrip("| ["): line
        for line in summary.splitlines()
        if line.startswith("| [")
    }
    assert "✅" not in rows["fine-tune"] and "base-model-license" in rows["fine-tune"]
    assert "✅ OSD-conformant" in rows["mit"]
    assert "❌ not OSD (criterion 6)" in rows["gemma"]
    assert "✓" not in summary


def test_a_fixed_attachment_is_not_followed_in_its_later_versions() -> None:
    """OpenRAIL's Attachment A is part of the text and fixed; Llama's policy lives at a URL
    the licensor controls, so its later versions bind."""
    out = report_of("bigscience-openrail-m", "llama-3.1")
    duties = [line for line in out.splitlines() if "Follow the acceptable-use policy" in line]
    [openrail] = [d for d in duties if "Attachment A" in d]
    [llama] = [d for d in duties if "llama.meta.com" in d]
    assert "later versions" not in openrail
    assert "including its later versions" in llama
