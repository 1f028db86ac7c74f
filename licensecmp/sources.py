"""Sources: what a command accepts as SOURCE (SPEC.md, "Sources"), read into documents.

This module knows files, standard input (`-`) and model directories. A model
directory is a downloaded model snapshot: its license file is analysed and its
README.md front matter (the model card's metadata) is kept.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from licensecmp.analysis import Analysis, Source, analyze_document
from licensecmp.errors import InputError
from licensecmp.text import (
    DEFAULT_MAX_BYTES,
    Document,
    check_size,
    decode,
    read_bytes,
    split_front_matter,
    to_document,
)

# License files of a model snapshot, in the order one is chosen when several exist.
_LICENSE_FILE = re.compile(r"(?i)^(?:licen[cs]e|copying)(?:[-_.][\w.-]*)?$")


@dataclass(frozen=True)
class Loaded:
    """A source read into a document, with what to call it in output."""

    source: Source
    document: Document


def license_files(directory: Path) -> tuple[Path, ...]:
    """The license files of a model directory, sorted by name."""
    try:
        entries = sorted(directory.iterdir())
    except OSError as exc:
        raise InputError(f"{directory}: cannot list ({exc.strerror or exc})") from None
    return tuple(p for p in entries if _LICENSE_FILE.match(p.name) and p.is_file())


def _model_card(directory: Path, max_bytes: int) -> dict[str, object]:
    readme = directory / "README.md"
    if not readme.is_file():
        return {}
    meta, _ = split_front_matter(decode(read_bytes(readme, max_bytes=max_bytes), str(readme)))
    return dict(meta)


def load(spec: str, *, stdin: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read one SOURCE: `-` for `stdin`, a file, or a model directory."""
    if spec == "-":
        if stdin is None:
            raise InputError("-: no standard input to read")
        check_size(stdin, "-", max_bytes=max_bytes)
        doc = to_document(stdin, "<stdin>")
        return Loaded(Source("-", "stdin", doc.sha256), doc)
    path = Path(spec)
    if path.is_dir():
        files = license_files(path)
        if not files:
            raise InputError(f"{spec}: directory has no LICENSE, LICENCE or COPYING file")
        chosen = files[0]
        doc = to_document(
            read_bytes(chosen, max_bytes=max_bytes), str(chosen), suffix=chosen.suffix
        )
        card = _model_card(path, max_bytes)
        if card:
            doc = Document(doc.text, doc.markup, doc.sha256, {**card, "license_file": chosen.name})
        return Loaded(Source(spec, "model-dir", doc.sha256), doc)
    data = read_bytes(path, max_bytes=max_bytes)
    doc = to_document(data, spec, suffix=path.suffix)
    return Loaded(Source(spec, "file", hashlib.sha256(data).hexdigest()), doc)


def analyze_source(
    spec: str, *, stdin: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Analysis:
    """Read and analyse one SOURCE."""
    loaded = load(spec, stdin=stdin, max_bytes=max_bytes)
    return analyze_document(loaded.document, loaded.source)


def analyze_bytes(data: bytes, name: str = "<text>", *, suffix: str = "") -> Analysis:
    """Analyse bytes held in memory, as if read from a file called `name`."""
    doc = to_document(data, name, suffix=suffix)
    return analyze_document(doc, Source(name, "file", doc.sha256))
