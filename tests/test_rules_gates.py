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


# Registration said as telling the licensor who you are or what you do with the Model:
# SPEC.md's "register with or notify the licensor".
NOTIFY = [
    "Commercial use requires that you first notify the Licensor in writing at "
    "licensing@example.org.",
    "You shall inform us of every deployment of the Model within 30 days of launch.",
    "Before you download the weights, you must give the Licensor your name, your "
    "organisation and the intended use.",
    "Organisations using the Model must send an annual usage declaration to Fennel Labs.",
    "Each user must identify themselves to the Licensor before accessing the weights.",
    "You agree to report to us, upon launch, any product that incorporates the Model.",
]
NOTIFY_NEAR_MISSES = [
    "You may notify us of bugs through the issue tracker.",
    "We will inform you of any change to these terms by email.",
    "You must notify the recipients of any changes you made to the files.",
    "If you have questions, you can send an email to questions@example.org.",
    "You must give recipients a copy of this licence.",
]


# The gate read by its parts: a step of registration in any form, and what makes it a
# precondition of the rights, before it or after it.
STEPPED = [
    "Registration with the Licensor is a condition of this licence.",
    "Downloading the weights is only possible after you have registered an account.",
    "Researchers must request access by emailing access@example.org with their affiliation.",
    "Access requests are reviewed by the Licensor; the weights are released only to approved "
    "applicants.",
    "A copy of the Model is provided to you once you have filled in the access form.",
    "You need a licence key, which we issue on request, to run the Model.",
    "Each installation must be registered with the Licensor.",
    "The Model may only be obtained through our registration portal.",
    "You must accept these terms on our website and provide your details before downloading.",
    "Send us an email with your name and institution to receive the download link.",
    "This licence is granted only to individuals who have registered on the Licensor's website.",
]
STEPPED_NEAR_MISSES = [
    "Notices must be sent by registered or certified mail to the address above.",
    "You may sign up to receive professional support, for a fee.",
    "The logo must be kept on the web page that shows the results.",
    "A changed file must be given a new name.",
    "Each recipient is requested to register with us so that we can count users.",
    "We will write to you at the address you gave in the registration process.",
    "You must request a separate licence from us if your users exceed one million.",
]


@pytest.mark.parametrize(
    ("text", "gated"),
    [(t, True) for t in NOTIFY + STEPPED]
    + [(t, False) for t in NOTIFY_NEAR_MISSES + STEPPED_NEAR_MISSES],
)
def test_telling_the_licensor_or_a_step_made_a_precondition(text: str, gated: bool) -> None:
    assert ("registration-required" in ids(text)) is gated
