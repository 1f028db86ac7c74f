"""registration-required read as a gate before use, in our own wordings: a duty (or an
imperative) to register, sign up, fill in a form, apply online or obtain a key, and the
same gate said as a noun ("subject to your prior registration")."""

from __future__ import annotations

import pytest

from licensecmp.sources import analyze_bytes


def ids(text: str) -> frozenset[str]:
    return analyze_bytes(text.encode(), "gate.txt").flag_ids


@pytest.mark.parametrize(
    "text",
    [
        "Teams that want to ship the Model in a paid product must register here first.",
        "Before any commercial deployment you are required to complete our onboarding form.",
        "Licensee shall first sign up on the Provider's portal.",
        "You will need to obtain an API key before you download the weights.",
        "Complete registration. Registered users may then use the weights in products.",
        "Please read section 4 and submit the intake questionnaire to models@example.org.",
        "Commercial use is subject to your prior registration with the Licensor.",
        "The grant in 2.2 takes effect only after submitting the application form.",
        "Only registered companies may deploy the Model for paying customers.",
        "To use the checkpoints commercially you need to apply online at our site.",
        "Before downloading the weights, each user must create an account on our portal.",
        "Access to the Model is granted upon approval of a request submitted through our form.",
        "You may use the Model once your application has been approved by us.",
        "To obtain commercial rights, submit the request form on our website.",
        "If you want to sell services built on the Model, please see our Commercial Intake "
        "Form (the \u201cForm\u201d), hosted at https://forms.example.org/intake.html, and "
        "to complete that form before launch.",
        "If you wish to deploy the weights in a product, sign up through the developer portal.",
    ],
)
def test_a_gate_before_use_is_registration_required(text: str) -> None:
    assert "registration-required" in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "You do not need to register or sign up to use the Model.",
        "Nobody has to fill in a form: the weights are free to download.",
        "Do I need to sign up? No.",
        "The Licensor shall register the Model with the relevant authority.",
        "You may register a trademark for your own derivative model.",
        "Registration is optional and only gives you news about releases.",
        "Please cite our paper and register your interest in future models if you wish.",
        "The form of the notice is up to you.",
        "You may open an account with any cloud provider to host the Model, if you wish.",
        "Changes to this licence take effect upon approval of the steering committee.",
        "If you wish, you may sign up for our newsletter to hear about new releases.",
        "To report a bug, please submit the request form on our tracker.",
    ],
)
def test_no_gate_is_no_registration(text: str) -> None:
    assert "registration-required" not in ids(text)
