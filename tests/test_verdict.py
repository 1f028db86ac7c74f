"""The OSD verdict, three-valued and earned (SPEC.md, "OSD verdict").

Wordings here are our own. The evaluation licenses of fixtures/eval are kept apart: the
rules are never tuned on them, and the tests at the end only hold the measured figures so
that they cannot get worse (the targets are in the README).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from licensecmp.sources import analyze_bytes, analyze_source
from licensecmp.verdict import Verdict
from tests.conftest import CORPUS, FIXTURES, corpus_text, osi_keys

GRANT = (
    "Lumen Labs grants you a free licence to use, copy, modify and share the Model and "
    "any changed versions. "
)

PERMISSIVE = [
    "Everyone is welcome to run this software, change it in any way, and hand copies to "
    "others, for free or for a fee. The only condition: keep this notice with every copy. "
    "No warranty of any kind is given.",
    "The authors allow anybody to use, edit, and pass on this work, whole or in part, for "
    "personal or commercial ends, provided the copyright line stays attached. THE WORK "
    "COMES AS IS, WITHOUT WARRANTY.",
    "You have permission to copy, rework and circulate the model weights for any use "
    "whatsoever. Credit the authors in your documentation. We are not liable for anything "
    "that happens.",
    "Feel free to use, modify and redistribute this code in personal or business projects.",
    "We grant you a worldwide, royalty-free licence to reproduce, alter, and supply copies "
    "of the dataset, including in paid products.",
    "This software may be used, copied, changed and given to others by anyone for any purpose.",
    "You may make and share changed versions, and sell them, as long as you share them "
    "under these same terms and include their source code.",
]

RESTRICTIVE = {
    "daily users": "Should the people using your service on any single day number more "
    "than 3,000,000, this licence stops covering you and you will need a separate deal.",
    "seats": "Each organisation may install the Model on at most 40 workstations.",
    "staff": "An organisation may deploy the Model for no more than 40 named staff.",
    "request form": "Before you put the Model into a product that you sell, fill in the "
    "request form on our site and wait for our confirmation.",
    "write first": "Business users first have to write to licensing@lumen.example and "
    "receive a reply before they start.",
    "bare list": "Nobody may use the Model to:\n\n- track individuals covertly;\n\n"
    "- generate spam;\n\n- design weapons.",
    "not to be used": "The Model is not to be used for any of these:\n\n- covert tracking "
    "of people\n\n- bulk spam\n\n- weapons design",
    "per device": "For every device you ship containing the Model you owe Lumen Labs two "
    "euros, payable each quarter.",
    "share of sales": "Use in products that you sell carries a fee of 3% of net sales.",
    "scholarly": "These rights cover scholarly investigation and teaching; anything else "
    "is outside this licence.",
    "money-making": "Derived works go out under these same terms. None of this may be "
    "part of a money-making venture.",
    "only internally": "You may only run the Model inside your own organisation.",
    "consent": "You shall not offer the Model as a hosted service without our prior "
    "written consent.",
    "revocable": "Lumen Labs may revoke this licence at any time, for any reason.",
    "a day": "Once the number of people using your application on a single day goes above "
    "five million, your rights under this licence are suspended.",
    "no longer applies": "If your service has more than 5 million daily users, this licence "
    "no longer applies to you.",
    "up to": "The licence covers deployments with up to 5 million users a day; larger "
    "deployments need our written agreement.",
    "apply to us": "To use the Model in a product, apply to us at licensing@example.com; we "
    "will answer within 30 days.",
    "register": "Before any commercial deployment, register your organisation with Lumen Labs.",
    "request a key": "Commercial users must first request a commercial key.",
    "never be used for": "The Model must never be used for:\n\n- weapons\n\n- spam",
    "heading": "Prohibited:\n\n- weapons\n\n- spam",
    "defined purpose": '"Scholarly Work" means teaching or non-profit research at a '
    "university.\n\nYou may use the Model for Scholarly Work.",
    "defined purpose 2": '"Approved Purpose" means academic research.\n\nThe licence '
    "extends to Approved Purposes.",
    "restricted to": "Use of this model is restricted to academic research.",
    "fill out the form": "If you want to use the Model commercially, fill out the form at "
    "lumen.example/apply. Commercial rights are granted only to applicants we accept.",
    "sign-off": "Business use requires our sign-off. Write to us with a short description.",
    "licence is needed": "A separate commercial licence is needed for any commercial use; "
    "apply at lumen.example.",
    "by application": "Commercial use is by application only.",
    "bare bans": "Restrictions\n\n* No weapons development\n* No surveillance",
    "outside the permission": "The following activities are outside the permission above "
    "and may be added to by us at any time:\n\n1. weapons\n2. surveillance",
}


@pytest.mark.parametrize("text", PERMISSIVE)
def test_a_text_that_grants_every_freedom_is_conformant(text: str) -> None:
    osd = analyze_bytes(text.encode()).osd
    assert osd.verdict is Verdict.CONFORMANT, osd.summary
    assert osd.basis == "grants"


@pytest.mark.parametrize("name", sorted(RESTRICTIVE))
def test_a_limit_no_flag_names_is_never_called_open(name: str) -> None:
    osd = analyze_bytes((GRANT + "\n\n" + RESTRICTIVE[name]).encode()).osd
    assert osd.verdict is not Verdict.CONFORMANT, osd.summary


def test_an_unexplained_sentence_is_cited_with_its_clause() -> None:
    text = "1. Grant\n\n" + GRANT + "\n\n2. Limits\n\nYou may only run the Model on our boards."
    osd = analyze_bytes(text.encode()).osd
    assert osd.verdict is Verdict.UNDETERMINED
    assert [(u.clause, u.text) for u in osd.unexplained] == [
        ("2", "You may only run the Model on our boards.")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "This README describes how to install the package.",
        "abc",
        "Please be kind to each other and have fun.",
    ],
)
def test_a_text_that_grants_nothing_is_undetermined(text: str) -> None:
    osd = analyze_bytes(text.encode()).osd
    assert osd.verdict is Verdict.UNDETERMINED
    assert not osd.conformant


def test_a_eula_that_never_grants_modification_is_not_conformant() -> None:
    text = (
        "You may install and use one copy of the Software on one computer. All other "
        "rights are reserved by the publisher."
    )
    osd = analyze_bytes(text.encode()).osd
    assert osd.verdict is Verdict.NOT_CONFORMANT
    assert {m.criterion for m in osd.missing} == {1, 3}


def test_a_restriction_flag_is_not_conformant_with_its_criterion() -> None:
    text = GRANT + "You may not use the Model for commercial purposes."
    osd = analyze_bytes(text.encode()).osd
    assert osd.verdict is Verdict.NOT_CONFORMANT
    assert osd.basis == "flags"
    assert [v.criterion for v in osd.violations] == [6]


def test_the_ordinary_limits_of_open_licenses_are_not_unexplained() -> None:
    text = GRANT + (
        "You may not use the names of the authors to endorse products made from it without "
        "prior written permission. You must not remove the copyright notices. You may not "
        "impose any further restrictions on the recipients' exercise of these rights. "
        "The authors shall not be liable for any damages. Nothing in this licence shall be "
        "construed as a trademark licence."
    )
    analysis = analyze_bytes(text.encode())
    assert analysis.unexplained == ()
    assert analysis.osd.verdict is Verdict.CONFORMANT


def test_json_carries_the_three_valued_verdict() -> None:
    from licensecmp.render.json import analysis_dict

    data = analysis_dict(analyze_bytes((GRANT + RESTRICTIVE["seats"]).encode()))["osd"]
    assert data["verdict"] == "undetermined"
    assert data["conformant"] is False
    assert data["basis"] == "unexplained"
    assert data["unexplained"][0]["text"].startswith("Each organisation")


@pytest.mark.corpus
@pytest.mark.parametrize("key", osi_keys())
def test_osi_approved_text_is_conformant(key: str) -> None:
    analysis = analyze_source(str(CORPUS / "texts" / f"{key}.txt"))
    assert analysis.osd.verdict is Verdict.CONFORMANT, analysis.osd.summary


@pytest.mark.corpus
@pytest.mark.parametrize("key", ["mit", "apache-2.0", "bsd-new", "gpl-3.0", "mpl-2.0"])
def test_osi_approved_text_rewrapped_in_a_model_card_stays_conformant(
    key: str, tmp_path: Path
) -> None:
    words = corpus_text(key).decode("utf-8").split()
    lines = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]
    card = (
        "---\nlicense: other\n---\n# A small model\n\nThe weights are released under the "
        "terms below.\n\n## License\n\n" + "\n".join(lines) + "\n"
    )
    path = tmp_path / "README.md"
    path.write_text(card, encoding="utf-8")
    analysis = analyze_source(str(path))
    assert not [f for f in analysis.flags if f.kind.value == "restriction"]
    assert analysis.identified is not None and analysis.identified.osi_approved
    assert analysis.osd.verdict is Verdict.CONFORMANT, analysis.osd.summary


def _set_results(folder: str) -> list[tuple[str, str, bool]]:
    """(name, class, conformant) for every text of a set laid out as fixtures/eval is."""
    root = FIXTURES / folder
    expected = tomllib.loads((root / "expected.toml").read_text("utf-8"))
    out = []
    for name in sorted(expected):
        path = root / name if (root / name).is_file() else next(root.glob(f"{name}.*"))
        analysis = analyze_source(str(path))
        out.append((name, expected[name]["class"], analysis.osd.conformant))
    return out


@pytest.mark.parametrize(
    ("folder", "texts", "most_false_open", "least_open"),
    [
        # fixtures/eval is a measurement, never tuned on: the bounds are the figures measured
        # (README, "Verdicts"); the targets are no false open and 13 of 15 permissive open.
        ("eval", 54, 0, 14),
        # fixtures/eval2, a second blind set written after eval was read once: measured
        # before any rule was changed for it (README, "Verdicts")
        ("eval2", 20, 4, 3),
        # fixtures/tuning is what the grant and prohibition rules were developed on.
        ("tuning", 80, 0, 37),
        ("tuning2", 50, 0, 18),
        ("tuning3", 49, 0, 11),
    ],
)
def test_measured_figures_do_not_get_worse(
    folder: str, texts: int, most_false_open: int, least_open: int
) -> None:
    results = _set_results(folder)
    false_open = [n for n, cls, ok in results if cls == "restrictive" and ok]
    open_ok = [n for n, cls, ok in results if cls == "permissive" and ok]
    assert len(results) == texts
    assert len(false_open) <= most_false_open, json.dumps(false_open)
    assert len(open_ok) >= least_open, json.dumps(open_ok)


def test_every_rule_pattern_is_compiled_as_written() -> None:
    """A pattern built from an f-string keeps no doubled braces, and none holds a backspace
    where a word boundary was meant: either would silently never match."""
    import re

    from licensecmp.rules import (
        conditions,
        grants,
        licensor,
        prohibitions,
        restrictions,
        thresholds,
    )

    for module in (conditions, grants, licensor, prohibitions, restrictions, thresholds):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                assert "{{" not in value.pattern, f"{module.__name__}.{name}"
                assert "(0, " not in value.pattern, f"{module.__name__}.{name}"
                assert "\b" not in value.pattern, f"{module.__name__}.{name}"


@pytest.mark.corpus
@pytest.mark.parametrize(
    "extra",
    [
        "No military use.",
        "Not for resale.",
        "You may not use this for ads.",
        "Use by governments is prohibited.",
    ],
)
def test_a_few_words_added_to_an_osi_license_are_read_as_the_texts_own(
    extra: str, tmp_path: Path
) -> None:
    # too short to quote as an added passage, yet the text is no longer MIT
    path = tmp_path / "LICENSE"
    path.write_bytes(corpus_text("mit") + b"\n" + extra.encode() + b"\n")
    analysis = analyze_source(str(path))
    assert analysis.identified is not None and analysis.identified.id == "mit"
    assert analysis.osd.verdict is not Verdict.CONFORMANT, analysis.osd.summary


# Limits that a closer reading shows are no limits of the license, each beside a near miss
# that stays one. Our own drafting.
TIERED = (
    "Kestrel Tools Licence\n\n"
    "1. You may use, copy, modify and distribute the Kit, changed or not, solely for your "
    "own in-house evaluation, provided that you keep this notice.\n\n"
    "2. You may use, copy, modify and Ship the Kit, provided that you keep this notice and "
    "publish the source of your changes.\n\n"
    '3. "Ship" means to use, hand over or distribute the Kit other than for your own '
    "in-house evaluation.\n\n"
    "4. The Kit comes with no warranty.\n"
)
TIERED_NEAR_MISS = (
    "Kestrel Tools Licence\n\n"
    "1. You may use, copy, modify and distribute the Kit, changed or not, solely for your "
    "own in-house evaluation, provided that you keep this notice.\n\n"
    "2. You may share the charts you make with the Kit, provided that you keep this notice.\n\n"
    "3. The Kit comes with no warranty.\n"
)
DESCRIBED = (
    "Glyph Set Licence\n\n1. Definitions\n\n"
    '1.1 "Document" means a file in which the Glyphs are stored so that they can be shown '
    '("Stored Glyphs"). Stored Glyphs are shown only inside the Document that holds them.\n\n'
    "2. You may use, copy, change and pass on the Glyphs and changed versions of them for "
    "any purpose, provided that you keep this licence with them.\n\n"
    "3. No warranty is given.\n"
)
DESCRIBED_NEAR_MISS = DESCRIBED.replace(
    "Stored Glyphs are shown only inside the Document that holds them.",
    "You may not show Stored Glyphs outside the Document that holds them.",
)
VERBATIM = (
    "Glyph Set Licence\n\n"
    "1. You may copy the Glyphs unchanged and pass the copies on to anyone.\n\n"
    "2. You may modify the Glyphs and pass on the changed versions under this licence.\n\n"
    "3. If you pass on the Glyphs under paragraph 1, these conditions apply:\n\n"
    "(a) You may not alter the Glyphs.\n\n"
    "(b) You must include this licence.\n\n"
    "4. No warranty is given.\n"
)
VERBATIM_NEAR_MISS = VERBATIM.replace(
    "2. You may modify the Glyphs and pass on the changed versions under this licence.\n\n", ""
)


@pytest.mark.parametrize(
    ("text", "near_miss", "sentence"),
    [
        (TIERED, TIERED_NEAR_MISS, "solely for your own in-house evaluation"),
        (DESCRIBED, DESCRIBED_NEAR_MISS, "Stored Glyphs"),
        (VERBATIM, VERBATIM_NEAR_MISS, "may not alter"),
    ],
    ids=["a-narrow-grant-widened-later", "a-definition-described", "verbatim-copies-kept-verbatim"],
)
def test_a_limit_the_text_itself_lifts_is_not_unexplained(
    text: str, near_miss: str, sentence: str
) -> None:
    analysis = analyze_bytes(text.encode(), "LICENSE")
    assert not [u.text for u in analysis.unexplained if sentence in u.text]
    # the near miss keeps the limit: a flag or the detector cites it
    missed = analyze_bytes(near_miss.encode(), "LICENSE")
    cited = [u.text for u in missed.unexplained] + [f.evidence for f in missed.flags]
    assert any(sentence in text for text in cited)
    assert missed.osd.verdict is not Verdict.CONFORMANT


@pytest.mark.parametrize(
    ("ordinary", "near_miss"),
    [
        (
            "Neither the name of the Harbour Institute for Marine Research nor the names of "
            "its staff may be used to endorse products built from this work.",
            "The work may not be used for research outside the Harbour Institute.",
        ),
        (
            "Changes to the substantive terms of this licence are not permitted.",
            "Changes to the model weights are not permitted.",
        ),
        (
            "The work must be passed on under this licence and may not be passed on under any "
            "other licence.",
            "The work may not be passed on to anyone outside your household.",
        ),
        (
            "If a court finds that section 4 conflicts with your other obligations, you may "
            "choose to deem waived such sections of this licence, but only in their entirety.",
            "You may share the work, but only with members of your own club.",
        ),
        (
            "You must not treat the work in a way that is prejudicial to the author's honour or "
            "reputation.",
            "You must not treat the work in a way that competes with the author's services.",
        ),
        (
            "You may not give the impression that your changed version is the authors' own "
            "release.",
            "You may not give copies to public bodies.",
        ),
        (
            "The licence does not extend to:\n\n- logos and crests;\n- personal data in the "
            "work;\n- third-party rights.",
            "The licence does not extend to:\n\n- selling hosted access;\n- training other models.",
        ),
        (
            "These permissions do not cover the crests and logos of the authors.",
            "These permissions do not cover business use of the work.",
        ),
        (
            "If a plug-in can only run together with the work, the plug-in counts as a work "
            "based on it.",
            "If you use the work, you may only use it for research.",
        ),
        (
            "Changed versions can only be passed on under the terms of the GNU General Public "
            "License.",
            "Changed versions can only be passed on to members of the project.",
        ),
        (
            "The project logotype cannot be changed.",
            "The model weights cannot be changed.",
        ),
        (
            "A few words were changed after the review, but this should not make a difference "
            "to anyone.",
            "You should not make copies of the Model for your friends.",
        ),
        (
            "The bundle has neither one author nor one licence, because it gathers many "
            "separate tools.",
            "Neither the bundle nor its parts may be sold to schools.",
        ),
        (
            "No printed manuals are licensed under these terms.",
            "No commercial use is licensed under these terms.",
        ),
        (
            "If you are in doubt whether a file falls under this licence, you must write to us "
            "to check.",
            "Before you share the Model, you must write to us to obtain our consent.",
        ),
        (
            "When you show the Model in public, including for non-commercial purposes, you must "
            "add a link to the project page.",
            "You may show the Model in public for non-commercial purposes only.",
        ),
        (
            "Changed versions must carry a new name and may not be passed on under the name "
            "Kestrel.",
            "Changed versions may not be passed on to anyone.",
        ),
        (
            'The word "Kestrel" may only be used to say where the Model came from.',
            "The Model may only be used to say where the birds came from.",
        ),
        (
            "The following are not allowed:\n\n- use of the Kestrel wordmark in a product title.",
            "The following are not allowed:\n\n- use of the Model in a product sold to the public.",
        ),
        (
            "You may not ask for a licence fee or royalty in return for the rights this licence "
            "gives.",
            "You may not ask for a fee when you pass on copies.",
        ),
        (
            "You may not charge anyone for granting the rights of this licence.",
            "You may not charge anyone for a copy of the Model.",
        ),
        (
            "Your right to pass on changed versions is conditioned on your licensing those "
            "versions under these terms.",
            "Your right to pass on changed versions is conditioned on our approval of those "
            "versions.",
        ),
        (
            "You agree not to bring any claim against the authors over your use of the Model.",
            "You agree not to bring the Model into any military building.",
        ),
        (
            "You shall not present the data in a misleading way.",
            "You shall not publish the data on a commercial website.",
        ),
        (
            "You must not:\n\n- subject the Model to derogatory treatment;\n- sublicense the "
            "Model.",
            "You must not:\n\n- subject the Model to derogatory treatment;\n- rent the Model.",
        ),
        (
            "No use of the generated output may contravene the terms of this licence.",
            "No use of the generated output may be made by a business.",
        ),
        (
            "A plug-in that works only with the Model is to be considered a modified version "
            "of the Model.",
            "A plug-in that works only with the Model is to be considered a modified version "
            "and you may not share it.",
        ),
        (
            "If you pass on the Model in a form that the recipient cannot change, you must "
            "include a note saying where the source is.",
            "If you pass on the Model, the recipient cannot change it.",
        ),
        (
            "Use of the Model is limited to personal and commercial use, as long as the "
            "credits stay in place.",
            "Use of the Model is limited to personal and non-commercial use.",
        ),
        (
            "The authors may name one or more persons to look after the project.",
            "The licence covers teams of fifty or more persons only.",
        ),
        (
            "Any sublicensing or transfer of rights is not permitted.",
            "Any sublicensing or hosting of the Model is not permitted.",
        ),
        (
            "Pass the manual on with the Model, unless the manual's own terms do not allow "
            "it: sharing it is not permitted by the documentation licence in that case.",
            "Sharing the manual is not permitted by the licensor in that case.",
        ),
    ],
    ids=[
        "name-use",
        "licence-text",
        "same-licence",
        "waiver-option",
        "moral-rights",
        "origin",
        "material-scope",
        "material-or-use",
        "limit-inside-a-condition",
        "gnu-copyleft",
        "logotype",
        "an-idiom-not-an-act",
        "neither-nor-describes",
        "material-not-licensed",
        "a-question-when-unsure",
        "including-non-commercial-widens",
        "a-name-of-its-own",
        "a-term-as-a-name",
        "a-wordmark",
        "no-licence-fee",
        "no-fee-for-the-rights",
        "licensed-the-same-way",
        "no-claims-against-authors",
        "misleading-presentation",
        "moral-rights-in-a-list",
        "compliance-with-the-licence",
        "what-counts-as-modified",
        "a-relative-clause-in-a-condition",
        "every-use-named",
        "one-or-more-is-anyone",
        "no-sublicensing-or-transfer",
        "a-limit-of-another-licence",
    ],
)
def test_ordinary_limits_in_new_words_are_not_unexplained(ordinary: str, near_miss: str) -> None:
    analysis = analyze_bytes((GRANT + "\n\n" + ordinary + "\n").encode())
    assert analysis.unexplained == ()
    assert analysis.osd.verdict is Verdict.CONFORMANT
    missed = analyze_bytes((GRANT + "\n\n" + near_miss + "\n").encode())
    assert missed.osd.verdict is not Verdict.CONFORMANT


# An application step before a use, in the ways it is drafted, and a use the grant leaves
# out: the licensee waits for a decision, so the text is never open without review.
APPLICATION_STEPS = [
    "Before any commercial deployment, companies put in an application through our partner portal.",
    (
        "Commercial users are asked to apply on the Lumen website and may start once the "
        "application has been accepted."
    ),
    (
        "To use the Model in a product, send a completed application to "
        "licensing@lumen.example; we reply within 30 days."
    ),
    "Commercial deployment requires an application, which Lumen Labs reviews case by case.",
    "Organisations must lodge an application with Lumen before they deploy the Model.",
    "Use in a paid service is open to businesses whose application Lumen has approved.",
    (
        "An organisation may use the Model commercially after submitting the online "
        "application and receiving a licence number."
    ),
    (
        "For business use, please apply for a commercial grant; access is given to approved "
        "applicants."
    ),
    "Commercial rights are granted on application to Lumen Labs.",
    "Anyone who wants to offer the Model as a service first makes an application to us.",
    (
        "Businesses gain the commercial rights by applying through the form at "
        "lumen.example/apply and being accepted."
    ),
    (
        "Commercial use is available to those who have applied for and been granted a "
        "commercial licence."
    ),
    (
        "Companies wishing to deploy the Model fill in the request form and wait for our reply"
        " before deployment."
    ),
    "Your commercial use begins when we accept your application.",
    "Deployment in production is reserved for applicants we have accepted.",
    "If you intend to sell access to the Model, an application must first be made to Lumen Labs.",
    "Access to the weights is given after you complete the application form on our website.",
    (
        "To obtain the weights, fill out the access request with your name, affiliation "
        "and intended use; we review each request."
    ),
    "Commercial licensees must submit the application form found at lumen.example/form.",
    (
        "Please complete the Lumen application form; commercial use is permitted once "
        "Lumen confirms your registration."
    ),
    (
        "The weights are released to researchers and companies that sign up and are "
        "admitted to the programme."
    ),
    (
        "An application form must be completed and returned to Lumen Labs prior to any "
        "commercial use."
    ),
    (
        "Commercial use: apply using the form below. We will let you know whether your "
        "request is granted."
    ),
    ("Requests for commercial use go through an application process described on our website."),
    "Commercial use is subject to a successful application.",
    (
        "To qualify for the commercial licence, an organisation submits details of its "
        "intended use to Lumen, which decides whether to grant it."
    ),
    (
        "Entities that want to use the Model commercially must first request access by "
        "filling in the form at lumen.example."
    ),
    "Deployment in paid products is not included in section 2.",
    "Selling access to the Model is not covered by the rights above.",
    "Commercial access starts only when we send you a written confirmation.",
    "Business use needs a confirmation letter from us.",
    "To get a commercial key, complete the three-page Partner Application on our site.",
    "For commercial rights, complete our Enterprise Access Request and wait for our answer.",
    (
        "You may use the Model in paid services only after Lumen has confirmed your "
        "request by e-mail."
    ),
]
# The same words in senses that ask for nothing: software applications, pull requests.
NOT_APPLICATION_STEPS = [
    "You may build an application on the Model and sell it.",
    "You may make an application that uses the Model and keep its code closed.",
    "You may submit a pull request with your changes.",
    "Applications built with the Model may be passed on under any terms you choose.",
    "We welcome requests for new features.",
    "The licensor reserves all rights in its trademarks.",
    "Anyone may apply the Model to any task.",
    "This licence applies to every application that contains the Model.",
    "Approved or not, every use is allowed.",
    "We review all pull requests within a week.",
    "We consider every request for new features.",
    "You decide whether to share your changes.",
    "Fonts shipped with the Model are not covered by this licence.",
    (
        "Activities other than copying, distribution and modification are not covered by "
        "this licence."
    ),
    "You need to keep the notices only when you pass copies on.",
    "Please complete the survey on our site if you like the Model.",
]


@pytest.mark.parametrize("sentence", APPLICATION_STEPS)
def test_an_application_step_is_never_called_open(sentence: str) -> None:
    analysis = analyze_bytes((GRANT + "\n\n" + sentence + "\n").encode())
    assert analysis.osd.verdict is not Verdict.CONFORMANT


@pytest.mark.parametrize("sentence", NOT_APPLICATION_STEPS)
def test_applications_that_ask_for_nothing_stay_open(sentence: str) -> None:
    analysis = analyze_bytes((GRANT + "\n\n" + sentence + "\n").encode())
    assert analysis.unexplained == ()
    assert analysis.osd.verdict is Verdict.CONFORMANT


def test_a_class_with_no_rights_under_the_licence_is_never_open() -> None:
    """'has no rights under this licence' takes rights away; it is not the copyleft's
    'released under this licence'."""
    sentence = (
        "A company whose products reached 5 million monthly users before this release has "
        "no rights under this licence."
    )
    analysis = analyze_bytes((GRANT + "\n\n" + sentence + "\n").encode())
    assert analysis.osd.verdict is not Verdict.CONFORMANT
    same_licence = "Changed versions are released under this licence."
    analysis = analyze_bytes((GRANT + "\n\n" + same_licence + "\n").encode())
    assert analysis.osd.verdict is Verdict.CONFORMANT


# Outputs kept from training other models, territorial exclusions and weights kept from
# others, worded as drafters word them: each is a limit, flagged or cited.
LIMITS_IN_OTHER_WORDS = [
    "Outputs may not be fed into the training of any other model.",
    "You will not use what the Model produces to teach another system.",
    ("Do not use responses from the Model to build a dataset for training other language models."),
    "No Output may be used as training data for a model other than the Model.",
    "Whatever the Model generates must never be used to improve a competing model.",
    "The Model's answers are not to be used as examples from which another model learns.",
    "You may not distil the Model's outputs into a separate model.",
    "This licence is not available to people living in the European Union.",
    "You may not use the Model if you are based in the United Kingdom.",
    "Persons resident in Canada receive no rights under this licence.",
    "No rights are granted to anyone whose principal place of business is in Switzerland.",
    "The Model may not be deployed for users located in the EU.",
    (
        "Nothing in this licence extends to individuals or companies established in "
        "Norway or Iceland."
    ),
    "If you live in Brazil, this licence does not apply to you.",
    "Use of the Model from within the territory of Japan is excluded.",
    "You must keep the weights on the machines where you first installed them.",
    "The weights may not leave your organisation.",
    "Copies of the weights may not be handed to any third party, changed or not.",
    "You are not permitted to pass the weights on, whether modified or not.",
    "Keep the parameters to yourself: do not give them to others.",
    "The weights, and any weights derived from them, stay with you and may not be shared.",
    "You may run the weights but you may not make them available to anyone else.",
    "Neither the original weights nor your modified weights may be given to another person.",
]
LIMITS_IN_OTHER_WORDS += [
    "Licensees may not be law-enforcement bodies.",
    "Licensees may not be data brokers.",
    # passive and deeming drafting that withholds a right
    "Licensees shall not be permitted to sell the Model.",
    "Users may not be allowed to host the Model for others.",
    "Any commercial use of the Model shall be deemed a breach of this licence.",
    "Use in a paid product is to be regarded as a violation of these terms.",
]
# Ordinary sentences in the same shapes: no support, fair use, material left out, notices.
ORDINARY_IN_THE_SAME_SHAPES = [
    "No support or training is offered with the Model.",
    "Nothing in this licence limits what fair use allows you.",
    "This licence does not apply to the fonts shipped with the Model.",
    "You must keep this notice on every copy.",
    "Implied warranties are excluded.",
    "No copy of the Model may be sold without this notice.",
    "If the conditions above are not met, this licence does not apply to you.",
    "No terms of this licence may be changed.",
    "You may not be charged for a copy of the Model.",
    "You shall not be prevented from sharing the Model.",
    "Failing to keep this notice shall be deemed a breach of this licence.",
]


@pytest.mark.parametrize("sentence", LIMITS_IN_OTHER_WORDS)
def test_a_limit_in_other_words_is_never_called_open(sentence: str) -> None:
    analysis = analyze_bytes((GRANT + "\n\n" + sentence + "\n").encode())
    assert analysis.osd.verdict is not Verdict.CONFORMANT


@pytest.mark.parametrize("sentence", ORDINARY_IN_THE_SAME_SHAPES)
def test_ordinary_sentences_in_the_same_shapes_stay_open(sentence: str) -> None:
    analysis = analyze_bytes((GRANT + "\n\n" + sentence + "\n").encode())
    assert analysis.unexplained == ()
    assert analysis.osd.verdict is Verdict.CONFORMANT


# A purpose limited through a defined term, defined in one place and used in another.
LIMITING_DEFINITIONS = [
    '"Approved Study" means scholarly investigation carried out by a university or other '
    "non-profit body, with no commercial aim.",
    '"Permitted Work" means teaching and academic research that no one is paid to deliver.',
    '"Scientific Purpose" means the pursuit of knowledge for publication, and not for any '
    "product or revenue.",
    '"Qualified Project" means a project of a charity, school or public research institute '
    "that earns no money from the Model.",
]
TERM_USES = [
    "Every right in section 2 is restricted to {term}.",
    "The rights above are confined to {term}.",
    "You may exercise these rights only in the course of {term}.",
    "All of the permissions in this licence apply to {term} and to nothing else.",
    "Any use of the Model must be part of {term}.",
    "You may use the Model solely in connection with {term}.",
    "The licence is granted for {term} alone.",
    "Use of the Model outside {term} is not licensed.",
]


def _defined_and_used(definition: str, use: str) -> str:
    term = definition.split('"')[1]
    return (
        GRANT
        + "\n\n1. Definitions\n\n"
        + definition
        + "\n\n2. Scope\n\n"
        + use.format(term=term)
        + "\n\n3. No warranty is given.\n"
    )


@pytest.mark.parametrize("definition", LIMITING_DEFINITIONS)
@pytest.mark.parametrize("use", TERM_USES)
def test_a_purpose_limited_through_a_defined_term_is_never_open(definition: str, use: str) -> None:
    analysis = analyze_bytes(_defined_and_used(definition, use).encode())
    assert analysis.osd.verdict is not Verdict.CONFORMANT


@pytest.mark.parametrize("use", [TERM_USES[i] for i in (0, 1, 3, 4, 6)])
def test_a_term_that_names_material_limits_nothing(use: str) -> None:
    definition = '"Covered Work" means the Model and any changed version of it.'
    analysis = analyze_bytes(_defined_and_used(definition, use).encode())
    assert analysis.unexplained == ()
    assert analysis.osd.verdict is Verdict.CONFORMANT
