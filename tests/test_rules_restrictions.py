"""Restriction rules: each flag fires on several wordings and not on near-misses.

The sentences here are our own; tests that read real licenses are marked `corpus`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licensecmp.rules import restrictions
from licensecmp.rules.base import Hit, context_of
from licensecmp.sources import analyze_bytes
from licensecmp.taxonomy import Kind, flag_type
from licensecmp.text import normalise, to_document

CORPUS = Path(__file__).resolve().parents[1] / ".cache" / "corpus"


def _hits(text: str, flag: str) -> list[tuple[str, dict[str, Any]]]:
    """(evidence, params) of every hit of `flag`, first in reading order first."""
    ctx = context_of(normalise(text))
    hits: list[Hit] = [h for rule in restrictions.RULES for h in rule(ctx) if h.flag == flag]
    hits.sort(key=lambda h: h.start)
    return [(ctx.text[h.start : h.end], dict(h.params)) for h in hits]


def _first(text: str, flag: str) -> tuple[str, dict[str, Any]]:
    found = _hits(text, flag)
    assert found, f"{flag} not found in: {text!r}"
    return found[0]


def test_every_rule_emits_restriction_flags_only() -> None:
    flags = {
        "acceptable-use-policy",
        "non-commercial",
        "research-only",
        "no-model-training",
        "geographic-restriction",
        "licensee-restriction",
        "no-redistribution",
        "no-derivatives",
    }
    assert len(restrictions.RULES) == len(flags)
    assert all(flag_type(f).kind is Kind.RESTRICTION for f in flags)


# --- acceptable-use-policy ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence", "url"),
    [
        (
            "Your use must follow the law and adhere to the Acceptable Use Policy for the "
            "Widget Models (see https://example.org/widget/aup), which forms part of this "
            "agreement.",
            "adhere to the Acceptable Use Policy",
            "https://example.org/widget/aup",
        ),
        (
            "Nobody may use the weights for any purpose listed in the Prohibited Use Policy "
            "at models.example.dev/policy/prohibited, which is incorporated by reference.",
            "Prohibited Use Policy at models.example.dev/policy/prohibited",
            "models.example.dev/policy/prohibited",
        ),
        (
            "The licensee shall comply with the Responsible Use Policy set out in Exhibit B.",
            "comply with the Responsible Use Policy",
            None,
        ),
        (
            "You agree that you will not use the Model or any fine-tuned copy of it to:\n\n"
            "1. Stalk or track a person without consent;\n\n"
            "2. Produce content that sexualises children.",
            "will not use the Model or any fine-tuned copy of it to:",
            None,
        ),
        (
            "The Software must never be used to build weapons or to run mass surveillance.",
            "never be used to build weapons",
            None,
        ),
        (
            "Licensee may run the Program only for its internal business purposes.",
            "only for its internal business purposes",
            None,
        ),
        (
            "You may not offer the product to others as a hosted or managed service.",
            "may not offer the product to others as a hosted or managed service",
            None,
        ),
        (
            "The Dataset may be used solely for Computational Use as defined below.",
            "solely for Computational Use",
            None,
        ),
    ],
)
def test_acceptable_use_policy_fires(text: str, evidence: str, url: str | None) -> None:
    found, params = _first(text, "acceptable-use-policy")
    assert found == evidence
    assert params.get("url") == url


@pytest.mark.parametrize(
    "text",
    [
        "You must comply with all applicable laws and regulations when you use the Software.",
        "The software is not designed or intended for use in nuclear facilities or weapons "
        "systems, and no warranty is given for such use.",
        "You may not use the names of the contributors to endorse or promote products:",
        "Export of the Software is subject to export control laws; you shall not use it for "
        "nuclear, missile, chemical or biological weapons end uses.",
    ],
)
def test_acceptable_use_policy_near_misses(text: str) -> None:
    assert _hits(text, "acceptable-use-policy") == []


# --- non-commercial ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "You may copy and adapt the material for NonCommercial purposes only.",
            "for NonCommercial purposes only",
        ),
        (
            "The grant covers reproduction solely for your non-commercial research purposes.",
            "solely for your non-commercial research purposes",
        ),
        (
            "The Licensee is prohibited from using the weights for any commercial purpose.",
            "prohibited from using the weights for any commercial purpose",
        ),
        (
            "Commercial use of the data set is strictly prohibited.",
            "Commercial use of the data set is strictly prohibited",
        ),
        ("You may not sell copies of the Program.", "may not sell"),
        (
            "This grant does not give you the right to sell the Software.",
            "does not give you the right to sell",
        ),
    ],
)
def test_non_commercial_fires(text: str, evidence: str) -> None:
    assert _first(text, "non-commercial") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "You may use the Software for any purpose, including commercial purposes.",
        "Use is allowed for commercial or non-commercial purposes alike.",
        "The library is free for commercial use.",
        '"Commercial Use" means use that is primarily intended for commercial advantage.',
        "You may charge a fee for the physical act of transferring a copy.",
        "The font may be bundled with any software but it may not be sold by itself.",
        "The Software is licensed, not sold.",
        "You may not use the marks of the licensor for commercial purposes.",
    ],
)
def test_non_commercial_near_misses(text: str) -> None:
    assert _hits(text, "non-commercial") == []


# --- research-only -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("The checkpoints are provided for research purposes only.", "for research purposes only"),
        ("You may run the model solely for evaluation purposes.", "solely for evaluation purposes"),
        (
            "You may use the toolkit only for academic research and teaching.",
            "only for academic research and teaching",
        ),
        (
            "Permitted Uses cover study and experiments; they do not include any production "
            "use of the Model.",
            "do not include any production use",
        ),
    ],
)
def test_research_only_fires(text: str, evidence: str) -> None:
    assert _first(text, "research-only") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "You may use the code for any non-commercial purpose.",
        "The grant covers use solely for your internal research and development.",
        "This preview is not intended for production use and comes with no warranty.",
        "You may use the model for research or commercial purposes.",
    ],
)
def test_research_only_near_misses(text: str) -> None:
    assert _hits(text, "research-only") == []


# --- no-model-training -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "You will not use the Materials or any output of them to improve any other large "
            "language model.",
            "not use the Materials or any output of them to improve any other large language model",
        ),
        (
            "Outputs must not be used to train a competing model.",
            "not be used to train a competing model",
        ),
        (
            "The Licensee shall not use Acme 2.0 or its generations to develop or fine-tune "
            "other AI systems.",
            "not use Acme 2.0 or its generations to develop or fine-tune other AI systems",
        ),
    ],
)
def test_no_model_training_fires(text: str, evidence: str) -> None:
    assert _first(text, "no-model-training") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "You may use the outputs to train other models.",
        "If you use the Model to train or improve an AI model that you share, you must put "
        '"Acme" at the start of its name.',
        "You must not use the Model to harass people.",
    ],
)
def test_no_model_training_near_misses(text: str) -> None:
    assert _hits(text, "no-model-training") == []


# --- geographic-restriction --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence", "regions"),
    [
        (
            "The rights in Section 2 are not granted to anyone domiciled in the European Union.",
            "not granted to anyone domiciled in the European Union",
            ["European Union"],
        ),
        (
            "THESE TERMS DO NOT APPLY IN THE UNITED KINGDOM OR SOUTH KOREA.",
            "NOT APPLY IN THE UNITED KINGDOM OR SOUTH KOREA",
            ["United Kingdom", "South Korea"],
        ),
        (
            "The Model may not be used in mainland China.",
            "may not be used in mainland China",
            ["Mainland China"],
        ),
        (
            'The "Region" means the whole world, excluding the territory of the EEA and Japan.',
            "world, excluding the territory of the EEA and Japan",
            ["European Economic Area", "Japan"],
        ),
    ],
)
def test_geographic_restriction_fires(text: str, evidence: str, regions: list[str]) -> None:
    assert _first(text, "geographic-restriction") == (evidence, {"regions": regions})


@pytest.mark.parametrize(
    "text",
    [
        '"Licensor" means Acme Europe GmbH (if you are located in the EEA or Switzerland) '
        "and Acme, Inc. (if you are located outside of the EEA or Switzerland).",
        "You may not export the Software to Cuba, Iran or North Korea in breach of export "
        "control and sanctions laws.",
        "This limitation does not apply if you acquired the software in Germany.",
    ],
)
def test_geographic_restriction_near_misses(text: str) -> None:
    assert _hits(text, "geographic-restriction") == []


# --- licensee-restriction ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "This license is not granted to competitors of the Licensor.",
            "not granted to competitors",
        ),
        (
            "The Software may not be used by any law enforcement agency.",
            "may not be used by any law enforcement",
        ),
        (
            "If you are a provider of a competing product, you may not use the Software.",
            "If you are a provider of a competing product, you may not use",
        ),
    ],
)
def test_licensee_restriction_fires(text: str, evidence: str) -> None:
    assert _first(text, "licensee-restriction") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "You may not provide the Software to anyone on a government restricted parties list "
        "under applicable export laws.",
        "If you are a government entity that cannot agree to the laws of Delaware, the laws "
        "of your state apply.",
        "Governments and competitors may use the Software on the same terms as anyone else.",
    ],
)
def test_licensee_restriction_near_misses(text: str) -> None:
    assert _hits(text, "licensee-restriction") == []


# --- no-redistribution -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("You may not distribute the Software to any third party.", "may not distribute"),
        (
            "Licensee shall not sublicense, sell or redistribute the kit.",
            "shall not sublicense, sell or redistribute",
        ),
        ("Redistribution of the data is prohibited.", "Redistribution of the data is prohibited"),
        ("The weights must not be shared with anyone.", "not be shared"),
    ],
)
def test_no_redistribution_fires(text: str, evidence: str) -> None:
    assert _first(text, "no-redistribution") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "You may not distribute the Program except under the terms of this License.",
        "You must not place any further restrictions on how recipients exercise the rights "
        "this licence gives them.",
        "The maker's name may not be used to endorse or promote goods built from this kit "
        "unless the maker first agrees in writing.",
        "If you redistribute the work, you must meet the following conditions:\n\n"
        "1. You may not distribute it without this notice.",
    ],
)
def test_no_redistribution_near_misses(text: str) -> None:
    assert _hits(text, "no-redistribution") == []


# --- no-derivatives ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("You may not modify, adapt, or translate the Software.", "may not modify"),
        (
            "The licensee shall not create derivative works of the model.",
            "shall not create derivative works",
        ),
        (
            "You may make adaptations for yourself, but not share adaptations with others.",
            "but not share adaptations",
        ),
        (
            "Modifications of the Work are not permitted.",
            "Modifications of the Work are not permitted",
        ),
    ],
)
def test_no_derivatives_fires(text: str, evidence: str) -> None:
    assert _first(text, "no-derivatives") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "Anyone may copy and distribute verbatim copies of this license document, but "
        "changing it is not allowed.",
        "The files may not be modified except as provided in Section 3.",
        "Modified versions must be marked as such.",
        "You may not copy, change, sublicense or pass on the kit other than as this licence "
        "expressly allows.",
        "You may not alter or remove any copyright notice.",
    ],
)
def test_no_derivatives_near_misses(text: str) -> None:
    assert _hits(text, "no-derivatives") == []


def test_name_of_a_no_derivatives_license_is_a_fallback_only() -> None:
    title = "Example-NoDerivatives Public License\n\nYou may copy this work."
    assert _hits(title, "no-derivatives") == [("NoDerivatives", {})]
    with_clause = title + "\n\nYou may not modify the work."
    assert _hits(with_clause, "no-derivatives") == [("may not modify", {})]


# --- real texts --------------------------------------------------------------------------


def _corpus_flags(key: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """The first hit of each restriction flag in the corpus text `key`."""
    path = CORPUS / "texts" / f"{key}.txt"
    ctx = context_of(to_document(path.read_bytes(), key).text)
    first: dict[str, Hit] = {}
    for rule in restrictions.RULES:
        for hit in rule(ctx):
            if hit.flag not in first or hit.start < first[hit.flag].start:
                first[hit.flag] = hit
    return {f: (ctx.text[h.start : h.end], dict(h.params)) for f, h in first.items()}


@pytest.mark.corpus
def test_no_osi_approved_text_gets_a_restriction() -> None:
    index = json.loads((CORPUS / "index.json").read_text())
    osi = [entry["key"] for entry in index if entry.get("osi_approved")]
    assert len(osi) > 100
    flagged = {key: sorted(flags) for key in osi if (flags := _corpus_flags(key))}
    assert flagged == {}


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("llama-license-2023", {"non-commercial", "research-only", "acceptable-use-policy"}),
        ("llama-2-license-2023", {"acceptable-use-policy", "no-model-training"}),
        ("llama-3.1-license-2024", {"acceptable-use-policy"}),
        ("llama-3.2-license-2024", {"acceptable-use-policy"}),
        ("llama-4-license-2025", {"acceptable-use-policy", "geographic-restriction"}),
        ("gemma-tou-2024-04-01", {"acceptable-use-policy"}),
        ("bigscience-open-rail-m", {"acceptable-use-policy"}),
        ("cc-by-nc-4.0", {"non-commercial"}),
        ("cc-by-nc-sa-4.0", {"non-commercial"}),
        ("cc-by-nd-4.0", {"no-derivatives"}),
        ("cc-by-4.0", set()),
        (
            "stability-ai-nc-2023-12-06",
            {"acceptable-use-policy", "non-commercial", "research-only"},
        ),
        (
            "exaone-ai-model-1.1-nc",
            {"acceptable-use-policy", "non-commercial", "research-only", "no-model-training"},
        ),
        ("chameleon-research-2024", {"acceptable-use-policy", "non-commercial", "research-only"}),
        (
            "tencent-hunyuan-3d-2.0-cla",
            {"acceptable-use-policy", "geographic-restriction", "no-model-training"},
        ),
        ("polyform-noncommercial-1.0.0", {"non-commercial"}),
        ("c-uda-1.0", {"acceptable-use-policy"}),
        ("bilibili-model-ula-2025-09-09", {"acceptable-use-policy", "no-model-training"}),
        ("qwen-2024", set()),
        ("fair-ai-public-1.0", set()),
    ],
)
def test_model_licenses(key: str, expected: set[str]) -> None:
    assert set(_corpus_flags(key)) == expected


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("key", "url"),
    [
        ("llama-2-license-2023", "https://ai.meta.com/llama/use-policy"),
        ("llama-3.1-license-2024", "https://llama.meta.com/llama3_1/use-policy"),
        ("gemma-tou-2024-04-01", "ai.google.dev/gemma/prohibited_use_policy"),
    ],
)
def test_policy_url_of_real_licenses(key: str, url: str) -> None:
    evidence, params = _corpus_flags(key)["acceptable-use-policy"]
    assert params == {"url": url}
    assert "Use Policy" in evidence


@pytest.mark.corpus
def test_llama_eu_clause_is_in_the_policy_not_the_meta_definition() -> None:
    evidence, params = _corpus_flags("llama-4-license-2025")["geographic-restriction"]
    assert params == {"regions": ["European Union"]}
    assert "domiciled in" in evidence
    assert "geographic-restriction" not in _corpus_flags("llama-3.2-license-2024")


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "Your use of the weights must comply with the Acme Responsible AI Principles "
            "published at https://acme.example/principles.",
            "https://acme.example/principles",
        ),
        (
            "Use of the Models must be consistent with our trustworthy computing terms found at "
            "https://models.example.org/terms/ai.",
            "https://models.example.org/terms/ai",
        ),
        (
            "All usage shall be in accordance with the Provider's code of conduct, posted on "
            "https://provider.example/conduct.",
            "https://provider.example/conduct",
        ),
    ],
)
def test_use_bound_to_terms_at_a_url_is_a_policy(text: str, url: str) -> None:
    evidence, params = _first(text, "acceptable-use-policy")
    assert params == {"url": url}
    assert evidence.lower().startswith(("use of", "usage shall"))


@pytest.mark.parametrize(
    "text",
    [
        "Any use of the Software must be in accordance with the terms of this License, "
        "available at https://example.org/license.",
        "Use of the model must comply with applicable law; see https://law.example for help.",
    ],
)
def test_use_bound_to_this_license_or_the_law_is_not_a_policy(text: str) -> None:
    assert _hits(text, "acceptable-use-policy") == []


def test_use_of_the_marks_bound_to_brand_guidelines_is_not_a_policy() -> None:
    text = (
        "Any such use shall be in accordance with the Acme trademark guidelines at "
        "https://acme.example/brand."
    )
    assert _hits(text, "acceptable-use-policy") == []


def test_a_named_use_policy_you_may_not_break_is_a_policy() -> None:
    text = (
        "You may not use the Weights in ways the Acme Use Policy forbids. The policy, found "
        "at https://acme.example/use-policy, forms part of this license."
    )
    evidence, params = _first(text, "acceptable-use-policy")
    assert "Acme Use Policy" in evidence
    assert params == {"url": "https://acme.example/use-policy"}


@pytest.mark.parametrize(
    "text",
    [
        "If you sell a service that competes with any Acme service, you must obtain a "
        "commercial license from Acme.",
        "Firms whose products compete with ours are not licensed under these terms.",
        "Where the licensee offers a product substantially similar to or directly competing "
        "with the provider's products, the licensee must request a license from the provider.",
    ],
)
def test_competitors_who_need_a_separate_license_are_excluded(text: str) -> None:
    evidence, _ = _first(text, "licensee-restriction")
    assert "compet" in evidence


@pytest.mark.parametrize(
    "text",
    [
        "Nothing here stops you from building products that compete with ours.",
        "You may compete with Acme freely and must keep this notice.",
    ],
)
def test_competition_without_exclusion_is_not_a_licensee_restriction(text: str) -> None:
    assert _hits(text, "licensee-restriction") == []


@pytest.mark.parametrize(
    "text",
    [
        "You may change the model for your own needs, and you may not distribute the model.",
        "Copies stay inside your company; you must not redistribute the weights.",
        "Run it on your own machines only, and you shall not distribute this software.",
    ],
)
def test_a_ban_closing_a_sentence_is_read_by_itself(text: str) -> None:
    evidence, _ = _first(text, "no-redistribution")
    assert evidence.lower().startswith("you ")


@pytest.mark.parametrize(
    "text",
    [
        "You may copy the model, and you may not distribute the model except under these terms.",
        "You may distribute the model, and you must distribute the notice with it.",
    ],
)
def test_a_closing_clause_that_is_a_condition_is_not_a_ban(text: str) -> None:
    assert _hits(text, "no-redistribution") == []


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (
            "The Outputs may not be used to distil another model.",
            "not be used to distil another model",
        ),
        (
            "You must not use the Weights for the distillation of any other model.",
            "not use the Weights for the distillation of any other model",
        ),
        (
            "You shall not use Acme 3.1 outputs for training or distilling other LLMs.",
            "not use Acme 3.1 outputs for training or distilling other LLMs",
        ),
    ],
)
def test_no_model_training_in_british_and_noun_forms(text: str, evidence: str) -> None:
    assert _first(text, "no-model-training") == (evidence, {})


@pytest.mark.parametrize(
    "text",
    [
        "You must not use the model to distil water.",
        "You may use distillation to make the Model itself smaller.",
        "You shall not use the Weights for the training of staff.",
    ],
)
def test_no_model_training_british_near_misses(text: str) -> None:
    assert _hits(text, "no-model-training") == []


def test_commercial_use_capped_to_a_trial_is_non_commercial() -> None:
    text = "Limit your use of the kit for commercial purposes to a fourteen-day trial."
    assert _first(text, "non-commercial")[0] == (
        "Limit your use of the kit for commercial purposes to a fourteen-day trial"
    )


def test_a_trial_without_a_commercial_cap_is_not_non_commercial() -> None:
    text = "Limit your use of the kit for testing purposes to a fourteen-day trial."
    assert _hits(text, "non-commercial") == []


# Commercial use and revenue lines in the other words licenses use for them, read
# through the whole analysis: gain ("to make money", "monetary gain", "a product you
# sell"), selling access, purposes that earn nothing, commercial use held for permission;
# earnings, a grant kept for those under a line, a class drawn by revenue.
GAIN = [
    "You may not use the Model to make money.",
    "The Model is for personal, non-profit projects only.",
    "Use for any commercial purpose requires our written permission.",
    "You may use the Model free of charge, but not in any product or service you sell.",
    "The Model must not be used for monetary gain or commercial advantage.",
    "Selling access to the Model or to its outputs is not allowed.",
    "This licence covers only use that earns you no income.",
]
GAIN_NEAR_MISSES = [
    "You may use the Model for commercial or non-commercial purposes.",
    "We do not use your data for commercial purposes.",
    "You may not use the Model in any product or service that you sell without including "
    "this notice.",
    "You are not required to pay for commercial use.",
    "You may sell products built with the Model.",
    "The Model may not be used to harm people, whether for profit or not.",
]
REVENUE_LINES = [
    "If your organisation earns more than USD 5 million a year, you need a commercial licence "
    "from us.",
    "This licence is only for entities whose annual gross revenue does not exceed EUR 2,000,000.",
    "Rights under this licence end for any licensee whose annual revenue exceeds 20 million euros.",
    '"Small Business" means an entity with less than $1M in yearly revenue.\n\nOnly Small '
    "Businesses may use the Model commercially.",
]
REVENUE_LINE_NEAR_MISSES = [
    "Our revenue exceeded USD 5 million last year thanks to our customers.",
    "This licence applies only to entities whose principal place of business is in the EU.",
    "Companies earning more than USD 5 million may use the Model on the same terms as others.",
]


TRAINING = [
    "Using the Model to improve another AI system is outside this licence.",
    "You agree not to use any output of the Model for creating or improving models that "
    "compete with ours.",
    "Distilling the Model into another model is prohibited.",
    "The Outputs may only be used for purposes other than training machine learning models.",
    "You shall not use the Model, or data generated by it, to build a rival foundation model.",
    "No part of the Model's responses may be used as training data for other models.",
]
TRAINING_NEAR_MISSES = [
    "You may use the outputs to train your own models.",
    "We may use your feedback to improve our models.",
    "Using the Model to train other models is permitted.",
    "You may not use the Model to improve the Model itself without telling us.",
    "Outputs may not be used to harm people; they may be used for training other models.",
    "Distilling the Model into another model is allowed under this licence.",
]


PLACES = [
    "This licence does not cover use of the Model within mainland China.",
    "The Model is not licensed for use in Iran, North Korea or Syria, whatever export law says.",
    "Rights granted here apply only in Japan.",
    "Persons and entities in Russia are excluded from this licence.",
    "The Model may be used anywhere except the United Kingdom.",
    "Users in the EU are not permitted to access the Model.",
]
PLACES_NEAR_MISSES = [
    "You may use the Model in the European Union and anywhere else.",
    "This licence does not apply to data stored in the EU; see our privacy policy.",
    "Users in the EU have the rights the GDPR gives them.",
    "You must comply with export laws when you ship the Model to Iran.",
    "Our support team works only in Japan.",
]


# A ban on modifying for named purposes limits use, not modification; a ban for every
# purpose stays a ban on modification.
MODIFY_FOR = [
    (
        "You will not modify or create derivative works of the Model for any military or illegal "
        "purposes.",
        False,
    ),
    ("You may not modify the Model for any purpose.", True),
    ("You may not modify the Model.", True),
]


def _flags(text: str) -> frozenset[str]:
    return analyze_bytes(text.encode(), "nc.txt").flag_ids


@pytest.mark.parametrize(
    ("flag", "text", "fires"),
    [("non-commercial", t, True) for t in GAIN]
    + [("non-commercial", t, False) for t in GAIN_NEAR_MISSES]
    + [("revenue-threshold", t, True) for t in REVENUE_LINES]
    + [("revenue-threshold", t, False) for t in REVENUE_LINE_NEAR_MISSES]
    + [("no-model-training", t, True) for t in TRAINING]
    + [("no-model-training", t, False) for t in TRAINING_NEAR_MISSES]
    + [("geographic-restriction", t, True) for t in PLACES]
    + [("geographic-restriction", t, False) for t in PLACES_NEAR_MISSES]
    + [("no-derivatives", t, fires) for t, fires in MODIFY_FOR],
)
def test_commercial_limits_in_other_words(flag: str, text: str, fires: bool) -> None:
    assert (flag in _flags(text)) is fires
