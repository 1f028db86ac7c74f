"""Decision clauses read by who does what to whom (rules/roles.py), in our own wordings.
Each flag has clauses that must raise it and near-misses that must not; the held-out set
`fixtures/eval_flags` measures the same reading on texts written blind to these rules."""

from __future__ import annotations

import pytest

from licensecmp.sources import analyze_bytes


def ids(text: str) -> frozenset[str]:
    return analyze_bytes(text.encode(), "roles.txt").flag_ids


FIRES = {
    "use-restrictions-passthrough": [
        "Any agreement under which you pass the Model on must contain use restrictions at least "
        "as protective as those in Section 5.",
        "You shall require every downstream recipient to accept the limits on use set out in "
        "Annex B.",
        "If you offer the Model to end users, your terms of service must forbid the uses listed "
        "in Schedule 1.",
        "Whoever receives a Derivative from you must be bound by paragraph 4 (Prohibited Uses).",
        "You must flow down the restrictions of this clause to your customers.",
        "Every sublicense you grant shall incorporate the prohibited uses in Exhibit B.",
        "Recipients of the Model from you must receive notice of, and agree to, the use "
        "limitations in this Agreement.",
        "Your end-user license must include provisions no less restrictive than Article 6 "
        "(Permitted Uses).",
        "Any product that embeds the Model must pass the restrictions in paragraph 3 on to its "
        "users.",
    ],
    "remote-restriction": [
        "We may disable or throttle your access to the Model remotely if we believe you breach "
        "these terms.",
        "The Licensor reserves the right to restrict, by technical means, any use it considers "
        "in violation of this licence.",
        "Acme may push updates that switch off features of the Model on your systems.",
        "The Provider may at any time suspend your API credentials and thereby stop your use.",
        "Licensor may, without notice, deactivate the Model on any device where it believes "
        "these terms are being broken.",
        "The weights contain a licence check that contacts our servers; if the check fails, the "
        "Model stops working.",
        "We retain the ability to revoke your access token, which will prevent the Model from "
        "loading.",
        "Northwind can limit the number of requests your installation may send to the Model.",
        "The Company may remotely wipe or lock copies of the Model it has reason to think are "
        "misused.",
    ],
    "licensee-restriction": [
        "This licence is not available to any entity that develops competing foundation models.",
        "Government agencies and their contractors are not licensees under these terms.",
        "No person employed by a weapons manufacturer may exercise these rights.",
        "The rights in Section 2 are granted only to accredited universities and registered "
        "charities.",
        "Companies that appear on the Excluded Parties List in Annex C may not use the Model.",
    ],
    "no-redistribution": [
        "You are not permitted to share the weights with anyone else.",
        "Copies of the Model may not leave your organisation.",
        "The licence does not include any right to pass the Model on to third parties.",
        "You shall keep the weights confidential and not disclose them to others.",
        "Redistribution of the Model, modified or not, is prohibited.",
    ],
    "geographic-restriction": [
        "The Model may not be used by persons resident in the European Union.",
        "This licence does not extend to entities domiciled in Freedonia or Sylvania.",
        "You may use the Model only within the United States and Canada.",
        "Use of the Model in the territory of Ruritania is outside this licence, whether or not "
        "the law allows it.",
    ],
    "guardrail-termination": [
        "If you remove or bypass the safety filters of the Model, your licence ends at once.",
        "Disabling the content moderation layer terminates the rights granted to you.",
        "Any attempt to circumvent the Model's safeguards will end this Agreement automatically.",
        "Tampering with the watermarking built into the Model ends all rights you have under this "
        "licence.",
        "Should you disable the refusal behaviour of the Model, this Agreement shall cease to have "
        "effect.",
    ],
    "litigation-termination": [
        "If you bring a claim against us alleging that the Model infringes your copyright, your "
        "rights under this licence end on the date you file it.",
        "Any licence granted to you terminates if you start legal proceedings against the "
        "Licensor over intellectual property in the Model.",
        "Should Licensee commence litigation asserting that the Weights violate its IP rights, "
        "this Agreement is void from that moment.",
    ],
    "attribution-display": [
        "Any application built with the Model must show the words 'Runs on Quill' on its about "
        "screen.",
        "Products that use the Model shall visibly credit Quillstone in their user interface.",
        "You must display the Heron logo next to any output you publish.",
    ],
    "derivative-naming": [
        "Any model you derive from ours must carry a name that begins with 'Orca'.",
        "Fine-tuned versions you publish shall include the word Heron in their names.",
        "You must name derivative checkpoints so that the name starts with the prefix 'kite-'.",
        "Derivative models must be identified by a name that contains 'Nimbus' as its first word.",
        "The name of any Derivative shall include the designation 'Ardent-derived'.",
        "Names of adapted versions are required to carry the suffix -tern.",
    ],
}

NEAR_MISSES = {
    "use-restrictions-passthrough": [
        "You must give every recipient a copy of this licence.",
        "Your customers may use the Model without any restriction on use.",
    ],
    "remote-restriction": [
        "We may update the Model from time to time; you may keep using older versions.",
        "You may disable the telemetry module at any time.",
        "The Licensor has no means to restrict your use of the Model remotely and will not try.",
        "We may limit our liability as set out in Section 9.",
        "You may stop using the Model at any time.",
    ],
    "licensee-restriction": [
        "You may not use the Model if export law forbids it in your country.",
        "No third party beneficiaries are created by this licence.",
        "Persons whose rights were terminated are not eligible for reinstatement.",
    ],
    "no-redistribution": [
        "You may not distribute the Model unless you include a copy of this licence.",
        "You may not distribute the Model under any other licence.",
        "You may not share your API key with anyone else.",
        "You may not distribute the Model with technological measures that restrict recipients.",
        "You may redistribute the Model to anyone.",
    ],
    "geographic-restriction": [
        "Disputes will be heard exclusively in the courts of Santa Clara County.",
        "You must comply with the export control laws of the United States.",
        "This licence is governed by the laws of Ruritania.",
        "THE SOFTWARE IS PROVIDED AS IS, WHETHER BASED IN CONTRACT OR OTHERWISE.",
    ],
    "litigation-termination": [
        "If you institute patent litigation over the Model, your patent licence ends.",
        "This licence ends if you fail to comply with it; you may also bring claims in court.",
    ],
    "attribution-display": [
        "You must keep the copyright notice in a NOTICE text file.",
        "Advertising materials mentioning the Model must display the following acknowledgement.",
        "We encourage you to show 'Built with Quill' in your app.",
    ],
    "guardrail-termination": [
        "You may remove the safety filters if your application does not need them.",
        "This licence ends if you sue us over patents.",
    ],
    "derivative-naming": [
        "You may name your derivative model as you like.",
        "You must not use our name to promote derivative models.",
        "Modified versions must include a notice with your name and e-mail address.",
    ],
}


@pytest.mark.parametrize(
    ("flag", "text"), [(flag, text) for flag, texts in FIRES.items() for text in texts]
)
def test_the_clause_raises_its_flag(flag: str, text: str) -> None:
    assert flag in ids(text)


@pytest.mark.parametrize(
    ("flag", "text"), [(flag, text) for flag, texts in NEAR_MISSES.items() for text in texts]
)
def test_a_near_miss_does_not(flag: str, text: str) -> None:
    assert flag not in ids(text)


# The duty to carry use limits downstream, in more of its shapes: the limits named by a
# defined term or by the label of the part that holds them, the people downstream named
# as "others" or "anyone", the duty as "travel with", "takes it subject to", "at least as
# strict as".
PASSTHROUGH_MORE = [
    "Anyone who gets the Model through you takes it subject to the Use Limits in clause 7.",
    "The restrictions on use in this licence travel with the weights: you must make sure "
    "others who receive them follow those restrictions.",
    "When you let others run a Derivative, you must bind them to terms at least as strict as "
    "the prohibited uses in Part C.",
    "Any licence you grant for a Derivative shall carry forward the use restrictions of this "
    "Agreement.",
    "You must oblige each third party you supply the Model to to observe the Acceptable Use "
    "Policy.",
]
# The limits live in a part the duty names only by its label.
BY_LABEL = (
    "Falcate Model Licence\n\n"
    "1. You may use, copy, modify and share the Model, subject to this licence.\n\n"
    "2. If you share the Model or a Derivative, the terms you share it under must include "
    "Schedule 2, and you must tell recipients that Schedule 2 binds them.\n\n"
    "3. No warranty is given.\n\n"
    "Schedule 2\n\n"
    "You will not use the Model:\n\n"
    "- to design weapons;\n"
    "- to track people without their consent.\n"
)
PASSTHROUGH_NEAR_MISSES = [
    "Anyone who gets the Model through you takes it subject to the warranty disclaimer in "
    "clause 9.",
    "Recipients must receive a copy of Schedule 2, which lists the authors.",
    "You must make sure others who receive the weights get this licence with them.",
    "Your customers' own use restrictions are for you to set.",
]


@pytest.mark.parametrize("text", PASSTHROUGH_MORE)
def test_passthrough_in_more_of_its_shapes(text: str) -> None:
    assert "use-restrictions-passthrough" in ids(text)


def test_passthrough_that_names_the_limits_by_their_label() -> None:
    assert "use-restrictions-passthrough" in ids(BY_LABEL)
    # the same duty over a schedule that limits nothing is no passthrough
    plain = BY_LABEL.replace(
        "You will not use the Model:\n\n- to design weapons;\n- to track people without their "
        "consent.\n",
        "The authors of the Model are listed in AUTHORS.\n",
    )
    assert "use-restrictions-passthrough" not in ids(plain)


@pytest.mark.parametrize("text", PASSTHROUGH_NEAR_MISSES)
def test_passthrough_near_misses(text: str) -> None:
    assert "use-restrictions-passthrough" not in ids(text)


# The licensor's remote power and the guardrail end, in more of their shapes: the power
# in the passive or given to updates, a control named before the power ("a key that we
# may withdraw"), the end said before its trigger, technical limits as the guardrail.
MORE = {
    "remote-restriction": [
        "The Software checks in with our licence server and will stop running if the check fails.",
        "The Licensor may deactivate any copy of the Model it believes is being misused.",
        "Updates we ship may change or remove features of the Model, and you agree to install "
        "them.",
        "Access to the hosted Model may be cut off by Acme without notice.",
        "The Model contains a kill switch that the Licensor can trigger.",
        "Your ability to use the weights depends on a key that we may withdraw.",
        "Acme may rate-limit or suspend your use of the API at its discretion.",
        "We may terminate your access to the Model at any time.",
        "The Licensor retains the technical ability to restrict how the Model is used.",
        "Usage is metered through our servers, and we may stop serving your requests.",
        "Licensor may, through software updates, modify, limit or disable the Model's "
        "functionality.",
        "The weights are delivered encrypted and will only decrypt while your subscription is "
        "active.",
        "We may, at our discretion, revoke the licence key that unlocks the Model.",
        "The Model requires periodic online validation; failed validation disables it.",
    ],
    "guardrail-termination": [
        "Your licence is revoked if you disable the watermarking built into the Model.",
        "Circumventing the usage limits we put in place is a breach that ends this licence.",
        "You lose all rights to the Model if you tamper with its safety classifiers.",
        "Removing the output filter voids this licence.",
        "Any modification that disables the safety features is outside this licence, and your "
        "rights under it end.",
        "The licence will terminate immediately should the Licensee attempt to jailbreak the "
        "Model.",
        "Attempts to circumvent the built-in restrictions result in termination of this Agreement.",
    ],
}
MORE["licensee-restriction"] = [
    "This licence is offered to individuals only; companies and other organisations receive "
    "no rights under it.",
    "The Model may not be used by or on behalf of any company that sells competing speech "
    "products.",
    "Only students and staff of accredited schools may use the Model.",
    "Rights under this licence are reserved to non-profit organisations.",
    "Law enforcement agencies may not use the Model for any purpose.",
    "The Licensor does not grant any rights to government entities.",
    "This Agreement is void for any licensee that is a competitor of the Licensor.",
    "You represent that you are not a competitor of the Licensor and not acting for one.",
    "Competing AI labs have no licence under these terms.",
]
MORE["no-redistribution"] = [
    "The weights are for your own use only and must stay on your systems.",
    "Redistribution in any form is not allowed.",
    "You must not upload the weights to any public repository.",
]
MORE["attribution-display"] = [
    'You must display a notice reading "Built with Quill" in the user interface of your '
    "application.",
    "Your website or app must include the Acme logo next to any generated content.",
    "When you offer a service based on the Model, you must state clearly to users that it uses "
    "Nimbus.",
]
MORE["litigation-termination"] = [
    "If you sue us or any of our affiliates over intellectual property in the Model, your "
    "licence ends on the day you file.",
    "Should you assert any claim of infringement against the Licensor concerning the Model, "
    "this licence terminates.",
]
MORE_NEAR_MISSES = {
    "litigation-termination": [
        "If you institute patent litigation alleging that the Model infringes a patent, your "
        "patent licence ends.",
        "We may bring claims against anyone who breaches this licence.",
        "If you sue a customer over unpaid invoices, this licence is not affected.",
    ],
    "attribution-display": [
        "You must include the copyright notice in all copies of the Model.",
        'You must include a NOTICE file with the text "Acme Model".',
        "You may not display the Acme logo without our permission.",
        "You must inform users that their data may be processed by third parties.",
        "You must include the licence text in the About box of your application.",
    ],
    "no-redistribution": [
        "Distribution of modified versions is prohibited unless they carry a notice.",
        "Your personal data will remain on your systems.",
        "You may post the weights online, provided this licence goes with them.",
        "Data you upload to the hosted service must remain in your control.",
        "Redistribution is allowed under the same terms.",
    ],
    "licensee-restriction": [
        "Users may not use the Model to harm others.",
        "You may share the Model with companies and individuals alike.",
        "Our employees may not access your data without your consent.",
        "This licence is granted to individuals and companies alike.",
        "The rights in this licence are limited to the uses described in Section 2.",
        "Contractors working for you may use the Model on your behalf.",
        "You represent that you are not a minor.",
        "This clause is void for any term that is unenforceable.",
        "The Licensor does not grant any rights to its trademarks.",
    ],
    "remote-restriction": [
        "Your use of the Model may be limited to research by the terms of Section 3.",
        "Copies you make may be restricted to five per site.",
        "Access logs can be disabled by you at any time.",
        "Updates will not remove features you rely on.",
        "We may withdraw from this project at any time without notice.",
        "The Model may include, but is not limited to, code for remote monitoring.",
        "The Free Edition may contain restricted functionality.",
        "If you do not want updates, you may disable this feature in the settings.",
    ],
    "guardrail-termination": [
        "You may adjust the rate limits of your own deployment.",
        "Our obligation to provide technical support ends after one year.",
        "If you remove the safety notice from a copy, add a notice of your own.",
    ],
}


@pytest.mark.parametrize(
    ("flag", "text", "fires"),
    [(f, t, True) for f, ts in MORE.items() for t in ts]
    + [(f, t, False) for f, ts in MORE_NEAR_MISSES.items() for t in ts],
)
def test_remote_power_and_guardrail_end_in_more_shapes(flag: str, text: str, fires: bool) -> None:
    assert (flag in ids(text)) is fires
