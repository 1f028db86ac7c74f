"""`make fuzz`: coverage-guided fuzzing of every reader of untrusted input.

Atheris (libFuzzer for Python) feeds bytes to `to_document` and the document to
`analyze_document`; and, picked by the first byte, to the other readers that take files
strangers wrote: model-card front matter, the policy file, and SPDX (JSON, YAML,
tag-value) and CycloneDX documents. It checks what a CI gate relies on for any input:

- the only exception is `LicensecmpError` (a one-line message, exit 2 in the CLI);
- the text is non-empty; every clause lies inside it, with its children inside it;
- every flag's offsets are inside the text and its evidence is `text[start:end]`, and its
  clause ref is that of a clause of the tree.

The first byte of an input picks how it is read (plain text, `.md`, `.html`, front
matter, a policy, an SPDX or CycloneDX document); the rest is the file. For the readers
other than the analyser, the only promise is the first one: a `LicensecmpError` or a
result, never another exception. Run in the venv that `make fuzz` builds (atheris does
not belong in the project's own), for a bounded time; libFuzzer options pass through:

    python bench/fuzz.py -max_total_time=300

With no directory given, new inputs go to .cache/fuzz/corpus and the seeds (our fixtures
and a few corpus texts) are written to .cache/fuzz/seeds; a crash is saved under
.cache/fuzz/ as `crash-*` or `timeout-*`, to replay with `python bench/fuzz.py FILE`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["licensecmp"]):
    from licensecmp.analysis import Flag, Source, analyze_document
    from licensecmp.clauses import Clause
    from licensecmp.errors import LicensecmpError
    from licensecmp.rules import registry  # noqa: F401  (imported lazily by the analyser)
    from licensecmp.rules.base import context_of  # noqa: F401
    from licensecmp.text import split_front_matter, to_document

with atheris.instrument_imports(include=["licensecmp"]):
    from licensecmp.policy import load_policy
    from licensecmp.sbom import read_bom

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / ".cache" / "fuzz"
SUFFIXES = ("", ".md", ".html")
CORPUS_SEEDS = (
    "mit",
    "apache-2.0",
    "gpl-3.0",
    "cc-by-nc-4.0",
    "llama-3.1-license-2024",
    "bigscience-open-rail-m",
    "stability-ai-community-2024",
    "gemma-tou-2024-04-01",
)
DEFAULTS = ("-max_len=65536", "-timeout=20", "-rss_limit_mb=2048")
# Tokens the patterns look for, given to libFuzzer as a dictionary (our words, no license).
TOKENS = (
    "Section ",
    "SECTION ",
    "Article ",
    "Clause ",
    "(a) ",
    "(iv) ",
    "(1) ",
    "a) ",
    "1. ",
    "1.1 ",
    "2.3.1 ",
    "# ",
    "## ",
    "**",
    "__",
    "_",
    "`",
    "```",
    "> ",
    "[",
    "](",
    "![",
    "\\",
    "<p>",
    "</p>",
    "<li>",
    '<ol start="3">',
    "</ol>",
    "<h2>",
    "<br>",
    "<script>",
    "<!--",
    "-->",
    "&amp;",
    "&#",
    "---\n",
    "\n\n",
    "\n",
    '"Model" means ',
    "Attachment A",
    "EXHIBIT B:",
    "million",
    "billion",
    "700 million",
    "monthly active users",
    "more than ",
    "or more",
    "USD $",
    "RMB ",
    "annual revenue",
    "per year",
    "you may not ",
    "shall not ",
    "use the Model",
    "commercial",
    "non-commercial",
    "research purposes only",
    "train ",
    "outputs",
    "Licensor may modify",
    "from time to time",
    "terminate",
    "patent",
    "trademark",
    "WARRANTY",
    "LIABILITY",
    "governed by the laws of",
    "https://x.org/policy",
    "policy",
    "display",
    "Built with ",
    "e.g. ",
    "i.e. ",
    "\u201c",
    "\u2019",
    "\u00a0",
    "\ufeff",
)


class InvariantError(AssertionError):
    """An analysis that breaks a promise of SPEC.md."""


def check(text: str, clauses: tuple[Clause, ...], flags: tuple[Flag, ...]) -> None:
    """Raise InvariantError when offsets, evidence or clause refs are wrong."""
    if not text.strip():
        raise InvariantError("empty text accepted")
    refs = set()
    for top in clauses:
        for clause in top.walk():
            refs.add(clause.ref)
            if not 0 <= clause.start <= clause.end <= len(text):
                raise InvariantError(f"clause {clause.ref!r} at {clause.start}:{clause.end}")
            for child in clause.children:
                if not clause.start <= child.start <= child.end <= clause.end:
                    raise InvariantError(f"clause {child.ref!r} outside {clause.ref!r}")
    for flag in flags:
        start, end = flag.start, flag.end
        if not 0 <= start <= end <= len(text):
            raise InvariantError(f"flag {flag.id} at {start}:{end}")
        if flag.evidence != text[start:end]:
            raise InvariantError(f"flag {flag.id}: evidence is not text[start:end]")
        if flag.clause and flag.clause not in refs:
            raise InvariantError(f"flag {flag.id}: no clause {flag.clause!r}")


# The readers besides the analyser, by the file name each input is saved under.
FILES = ("card", "licensecmp.toml", "x.spdx.json", "x.spdx.yaml", "x.spdx", "x.cdx.json")
SCRATCH = FUZZ / "scratch"


def _read_other(kind: str, body: bytes) -> None:
    """One input through a reader that is not the analyser; only LicensecmpError may leave."""
    if kind == "card":
        split_front_matter(body.decode("utf-8", errors="replace"))
        return
    SCRATCH.mkdir(parents=True, exist_ok=True)
    path = SCRATCH / kind
    path.write_bytes(body)
    try:
        if kind == "licensecmp.toml":
            load_policy(path)
        else:
            read_bom(path, max_bytes=1 << 20)
    except LicensecmpError:
        return


def test_one_input(data: bytes) -> None:
    selector = data[0] % (len(SUFFIXES) + len(FILES)) if data else 0
    if selector >= len(SUFFIXES):
        _read_other(FILES[selector - len(SUFFIXES)], data[1:])
        return
    suffix = SUFFIXES[selector]
    try:
        doc = to_document(data[1:], "fuzz", suffix=suffix)
        analysis = analyze_document(doc, Source("fuzz", "file", doc.sha256))
    except LicensecmpError:
        return
    check(analysis.text, analysis.clauses, analysis.flags)


def write_seeds(seeds: Path) -> None:
    """Our fixture texts and a few corpus texts, once under each reading."""
    seeds.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "fixtures" / "texts").glob("*"))
    sources += sorted((ROOT / "fixtures" / "models").glob("*/LICENSE*"))
    sources += sorted((ROOT / "fixtures" / "models").glob("*/README.md"))
    corpus = ROOT / ".cache" / "corpus" / "texts"
    sources += [corpus / f"{key}.txt" for key in CORPUS_SEEDS if (corpus / f"{key}.txt").is_file()]
    for number, path in enumerate(sources):
        data = path.read_bytes()[:65535]
        for selector in range(len(SUFFIXES)):
            (seeds / f"seed-{number:03d}-{selector}").write_bytes(bytes([selector]) + data)
    # policies, cards and bills of materials, each under the reader its name picks
    others = [
        *sorted((ROOT / "fixtures" / "policies").rglob("*.toml")),
        *sorted((ROOT / "fixtures" / "sbom").glob("*")),
        *sorted((ROOT / "fixtures" / "spdx").glob("*")),
    ]
    for number, path in enumerate(p for p in others if p.is_file()):
        kind = _kind_of(path.name)
        selector = len(SUFFIXES) + FILES.index(kind)
        data = path.read_bytes()[:65535]
        (seeds / f"seed-other-{number:03d}").write_bytes(bytes([selector]) + data)


def _kind_of(name: str) -> str:
    """The reader a seed file is fed to, by its name."""
    for ending, kind in (
        (".toml", "licensecmp.toml"),
        (".spdx.json", "x.spdx.json"),
        (".spdx.yaml", "x.spdx.yaml"),
        (".spdx.yml", "x.spdx.yaml"),
        (".spdx", "x.spdx"),
        (".json", "x.cdx.json"),
    ):
        if name.endswith(ending):
            return kind
    return "card"


def write_dictionary(path: Path) -> None:
    """The tokens as a libFuzzer dictionary: one quoted string a line, bytes as \\xNN."""
    lines = []
    for token in TOKENS:
        quoted = "".join(
            chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02X}" for b in token.encode()
        )
        lines.append(f'"{quoted}"')
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    args = list(sys.argv)
    FUZZ.mkdir(parents=True, exist_ok=True)
    if not any(a.startswith("-dict=") for a in args[1:]):
        write_dictionary(FUZZ / "tokens.dict")
        args.append(f"-dict={FUZZ / 'tokens.dict'}")
    if not any(not a.startswith("-") for a in args[1:]):
        write_seeds(FUZZ / "seeds")
        (FUZZ / "corpus").mkdir(parents=True, exist_ok=True)
        args += [str(FUZZ / "corpus"), str(FUZZ / "seeds")]
    given = {a.split("=", 1)[0] for a in args[1:] if a.startswith("-")}
    args += [d for d in DEFAULTS if d.split("=", 1)[0] not in given]
    if "-artifact_prefix" not in given:
        args.append(f"-artifact_prefix={FUZZ}/")
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
