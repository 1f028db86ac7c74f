"""The one family of errors the core raises; the CLI turns each into `error: …` and exit 2."""


class LicensecmpError(Exception):
    """Bad input or usage: the message is one line a user can act on."""


class InputError(LicensecmpError):
    """A source that cannot be read as license text (missing, binary, too large, empty)."""


class NoTermsError(InputError):
    """A model directory with neither a license file nor a model card: nothing to judge it
    by. `check` fails it as one subject and goes on; commands that need a text refuse it."""
