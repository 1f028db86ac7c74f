"""Sources: what a command accepts as SOURCE (SPEC.md, "Sources"), read and analysed.

A SOURCE is `-` (standard input), a file, a model directory (a downloaded model
snapshot: README.md front matter plus its LICENSE*, USE_POLICY* and NOTICE* files; a
Hugging Face cache snapshot or repository folder too, see modeldir.py), or a known
license id (an id, SPDX id, ScanCode key or Hugging Face id of the
knowledge base). An existing path always wins over an id of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licensecmp.analysis import (
    Analysis,
    Finding,
    Flag,
    Identified,
    Passage,
    Source,
    analyze_document,
)
from licensecmp.errors import InputError, LicensecmpError, NoTermsError
from licensecmp.knowledge import FAMILIES, Entry, KnowledgeBase, Lineage, LineageMatch, lineage
from licensecmp.knowledge import load as load_knowledge
from licensecmp.modeldir import ModelDir, open_model_dir
from licensecmp.sniff import sniff
from licensecmp.taxonomy import FLAG_ORDER, Kind, flag_type
from licensecmp.text import (
    DEFAULT_MAX_BYTES,
    Document,
    check_size,
    decode,
    read_bytes,
    split_front_matter,
    to_document,
)

if TYPE_CHECKING:
    from licensecmp.identify import Candidate

# The files of a model snapshot that carry terms, in the order they are read.
_TERMS_FILE = re.compile(
    r"(?i)^(?P<kind>licen[cs]e|copying|use[_-]?policy|acceptable[_-]use[_-]policy|notice)"
    r"(?:[-_.][\w.-]*)?$"
)
_FILE_ORDER = {"licence": 0, "license": 0, "copying": 0, "notice": 2}


@dataclass(frozen=True)
class Options:
    """How sources are read: size limit, where the knowledge base and reference texts are."""

    max_bytes: int = DEFAULT_MAX_BYTES
    knowledge: Path | None = None  # None: the bundled knowledge base
    texts: Path | None = None  # a corpus directory (holding texts/KEY.txt), after `texts pull`
    # Work out the nearest OSI-approved license of known licenses read from their texts too
    # (reports show it; compare and check do not need it and skip the identification data).
    known_nearest: bool = False


@dataclass(frozen=True)
class Loaded:
    """A source read into a document, with what to call it in output."""

    source: Source
    document: Document


def terms_files(directory: ModelDir) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of the license, use-policy and notice files of a model directory, license
    first, and the terms files it may not read (ModelDir.file decides), each with why."""
    found, skipped = [], []
    for name in directory.names():
        match = _TERMS_FILE.match(name)
        if not match:
            continue
        try:
            directory.file(name)
        except InputError as exc:
            skipped.append(str(exc))
        else:
            found.append((_FILE_ORDER.get(match.group("kind").lower(), 1), name))
    return tuple(name for _, name in sorted(found)), tuple(skipped)


def _model_card(directory: ModelDir, max_bytes: int) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The README.md front matter, and why it was not read when it is there but may not be."""
    if not directory.has("README.md"):
        return {}, ()
    try:
        readme = directory.file("README.md")
    except InputError as exc:
        return {}, (str(exc),)
    shown = str(directory.path / "README.md")
    meta, _ = split_front_matter(decode(read_bytes(readme, max_bytes=max_bytes, name=shown), shown))
    return dict(meta), ()


def license_document(data: bytes, name: str, *, suffix: str = "") -> Document:
    """A file's bytes read as a license text in normal form.

    A file that is, as a whole, a data document (JSON, XML, YAML, an SBOM, an SPDX
    document) is refused with what it looks like: read as prose, it would pass for a text
    with nothing in it that a policy denies.
    """
    found = sniff(decode(data, name))
    if found is not None:
        raise InputError(found.refusal(name))
    return to_document(data, name, suffix=suffix)


_TERMS_NAMES = "LICENSE, LICENCE, COPYING or USE_POLICY file"
_NO_TERMS_FILE = f"directory has no {_TERMS_NAMES}"


def _read_model_dir(path: Path, spec: str, max_bytes: int) -> Loaded:
    """A model directory's terms files as one document, its card as the metadata.

    A card with no terms file beside it gives a document with no text, which `prepare`
    judges by the declared license. A directory with neither is NoTermsError; one whose
    terms files may not be read (a link out of it) is refused, as any unreadable input.
    """
    directory = open_model_dir(path)
    files, skipped = terms_files(directory)
    card, unread = _model_card(directory, max_bytes)
    if not files and (skipped or unread):
        raise InputError(f"{spec}: {_NO_TERMS_FILE} ({'; '.join((*skipped, *unread))})")
    if not files and not card:
        raise NoTermsError(
            f"{spec}: {_NO_TERMS_FILE} and no model card (README.md with YAML front matter)"
        )
    docs = [
        license_document(
            directory.read(name, max_bytes=max_bytes),
            str(directory.path / name),
            suffix=Path(name).suffix,
        )
        for name in files
    ]
    if len(docs) == 1:
        text = docs[0].text
    else:
        # each file under a heading of its own, so its clauses stay apart in the tree
        text = "\n\n".join(f"# {f}\n\n{d.text}" for f, d in zip(files, docs, strict=True))
    import hashlib

    digest = hashlib.sha256()
    for f, d in zip(files, docs, strict=True):
        digest.update(f.encode() + b"\0" + d.sha256.encode() + b"\0")
    metadata = {
        **card,
        "files": list(files),
        "unread": [*skipped, *unread],
        # where the files were read: a cache repository folder reads its current snapshot
        "directory": str(directory.path),
    }
    doc = Document(text, "text", digest.hexdigest() if docs else "", metadata)
    return Loaded(Source(spec, "model-dir", doc.sha256), doc)


def _load(spec: str, stdin: bytes | None, options: Options) -> Loaded:
    """Read one SOURCE: `-`, a file, or a model directory (with a card only: no text)."""
    if spec == "-":
        if stdin is None:
            raise InputError("-: no standard input to read")
        check_size(stdin, "-", max_bytes=options.max_bytes)
        doc = license_document(stdin, "<stdin>")
        return Loaded(Source("-", "stdin", doc.sha256), doc)
    path = Path(spec)
    if path.is_dir():
        return _read_model_dir(path, spec, options.max_bytes)
    data = read_bytes(path, max_bytes=options.max_bytes)
    doc = license_document(data, spec, suffix=path.suffix)
    return Loaded(Source(spec, "file", doc.sha256), doc)


def load(spec: str, *, stdin: bytes | None = None, options: Options = Options()) -> Loaded:
    """Read one SOURCE that has text: `-`, a file, or a model directory with a license file
    (a directory with a card alone has no text to show or identify)."""
    loaded = _load(spec, stdin, options)
    if loaded.source.kind == "model-dir" and not loaded.document.metadata["files"]:
        raise InputError(f"{spec}: {_NO_TERMS_FILE}; its model card declares the license")
    return loaded


# --- identification ---------------------------------------------------------------------------


def _passages(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[Passage, ...]:
    return tuple(Passage(start, end, text[start:end]) for start, end in spans)


def _as_identified(kb: KnowledgeBase, found: Candidate, *, osi: bool | None = None) -> Identified:
    """A candidate of the identification data as the knowledge-base license it is, if any;
    the category is always ScanCode's, from the candidate."""
    entry = kb.by_scancode(found.key)
    if entry is not None:
        return Identified(
            entry.id,
            entry.name,
            entry.spdx,
            found.similarity,
            entry.osi_approved,
            category=found.category,
        )
    spdx = found.spdx or f"LicenseRef-scancode-{found.key}"
    osi_approved = found.osi_approved if osi is None else osi
    return Identified(
        found.key, found.name, spdx, found.similarity, osi_approved, category=found.category
    )


def identify_text(
    text: str, kb: KnowledgeBase
) -> tuple[Identified | None, Identified | None, Identified | None]:
    """What a text is: the known license it is (with what it adds), or else the closest
    known license, too far to identify it as (from identify.NEAREST_THRESHOLD up; named
    for the reader only), and its nearest OSI-approved license."""
    from licensecmp import identify  # the n-gram index loads on first use only

    found = identify.identify(text, limit=1)
    best = found[0] if found else None
    identified = closest = None
    if best is not None and best.similarity >= identify.MATCH_THRESHOLD:
        # a text can hold all of a license and more (MIT plus a display duty) at 1.0
        added = _passages(text, identify.added_spans(text, best.key))
        uncovered = identify.uncovered_spans(text, best.key)
        identified = replace(_as_identified(kb, best), added=added, uncovered=uncovered)
    elif best is not None and best.similarity >= identify.NEAREST_THRESHOLD:
        closest = _as_identified(kb, best)
    return identified, closest, nearest_osi_of(text, kb)


def nearest_osi_of(text: str, kb: KnowledgeBase) -> Identified | None:
    """The OSI-approved license nearest to a text, with the passages it does not contain."""
    from licensecmp import identify

    found = identify.nearest_osi(text)
    if found is None:
        return None
    candidate, spans = found
    return replace(_as_identified(kb, candidate, osi=True), added=_passages(text, spans))


def known_identified(entry: Entry) -> Identified:
    """A known license named by its id: itself, with ScanCode's category when the
    identification data has its ScanCode key (read from the data's metadata alone)."""
    from licensecmp import identify

    category = identify.categories().get(entry.scancode, "") if entry.scancode else ""
    return Identified(entry.id, entry.name, entry.spdx, 1.0, entry.osi_approved, category=category)


# --- known ids --------------------------------------------------------------------------------


def _known_without_text(spec: str, entry: Entry) -> Analysis:
    """A known license whose text is not pulled: the facts the knowledge base records."""
    identified = known_identified(entry)
    flags = tuple(
        sorted(
            (Flag(f.id, f.clause, "", 0, 0, dict(f.params)) for f in entry.flags),
            key=lambda f: FLAG_ORDER[f.id],
        )
    )
    return Analysis(
        source=Source(spec, "known", ""),
        text="",
        clauses=(),
        flags=flags,
        identified=identified,
        nearest_osi=identified if entry.osi_approved else None,
    )


def _unknown(spec: str, kb: KnowledgeBase) -> LicensecmpError:
    if "/" in spec or "\\" in spec or Path(spec).suffix in (".txt", ".md", ".html", ".htm"):
        return InputError(f"{spec}: no such file")
    lowered = spec.lower()
    if lowered in FAMILIES:
        choices = ", ".join(FAMILIES[lowered]) or "the license's own id"
        return InputError(f"{spec}: names a family of licenses, not one; use {choices}")
    if lowered in ("other", "unknown"):
        return InputError(f"{spec}: names no license; give the license file or its id")
    close = kb.suggest(spec)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return InputError(f"{spec}: not a file, directory or known license id{hint}")


# --- model cards ------------------------------------------------------------------------------


def declared_license(card: Mapping[str, Any]) -> str | None:
    """The license a model card declares: `license`, or `license_name` when it is `other`."""
    value = card.get("license")
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    if not isinstance(value, str):
        return None
    if value.lower() == "other" and isinstance(card.get("license_name"), str):
        return str(card["license_name"])
    return value


def base_models(card: Mapping[str, Any]) -> tuple[str, ...]:
    """The `base_model` ids a model card names (a string or a list of strings)."""
    value = card.get("base_model")
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(dict.fromkeys(v.strip() for v in items if isinstance(v, str) and v.strip()))


def card_lineage(
    card: Mapping[str, Any], table: Lineage
) -> tuple[tuple[str, LineageMatch | None], ...]:
    """Each base model of a card with the lineage row that gives its license (None: unknown)."""
    return tuple((model, table.license_of(model)) for model in base_models(card))


def _restrictions(
    entry: Entry | None,
    kb: KnowledgeBase,
    *,
    table: Lineage | None = None,
    model: str | None = None,
) -> frozenset[str]:
    """The restriction flags of a known license, including those of the policies it
    incorporates; for a base model, without the clauses that do not cover its checkpoint
    (the lineage table's scopes: Llama 3.2's EU exclusion covers its vision models only)."""
    if entry is None:
        return frozenset()
    ids: set[str] = set()
    for part in (entry, *kb.incorporated(entry)):
        for flag_id in part.flag_ids:
            scope = table.scope_of(part.id, flag_id) if table is not None else None
            if scope is None or model is None or scope.covers(model):
                ids.add(flag_id)
    return frozenset(i for i in ids if flag_type(i).kind is Kind.RESTRICTION)


# The card keys whose loss to broken front matter hides what the model is under.
_TERMS_KEYS = ("license", "license_name", "base_model")


def _front_matter_findings(card: Mapping[str, Any]) -> list[Finding]:
    """Broken front matter: a warning, or a failing finding when the part that does not
    parse is where the card declares its license or base model."""
    if "_error" not in card:
        return []
    broken = [str(k) for k in card.get("_broken", ())]
    hidden = [k for k in broken if k in _TERMS_KEYS]
    if "?" in broken and "license" not in card:
        hidden.append("a part before its first key")
    if not hidden:
        return [Finding("model-card", f"README.md: {card['_error']}")]
    return [
        Finding(
            "model-card-hides-terms",
            f"README.md: {card['_error']}, where the card declares {', '.join(hidden)}: "
            "what the model is under cannot be checked",
        )
    ]


def _declared_unknown(declared: str) -> Finding:
    """A declared license that names none the knowledge base knows, said as the card says it."""
    lowered = declared.strip().lower()
    if lowered == "other":
        why = f"declares {declared!r} with no license_name: it names no license"
    elif lowered == "unknown":
        why = f"declares {declared!r}: it names no license"
    else:
        why = f"declares {declared!r}, which is not a known license id"
    return Finding("declared-license-unknown", f"the model card {why}")


def _in_family(family: Entry, license_id: str | None) -> bool:
    """Whether a license id is one of the versions a family entry (`gpl`, `bsd`) stands for."""
    return license_id is not None and license_id in FAMILIES.get(family.id, ())


def _card_findings(
    card: Mapping[str, Any],
    identified: Identified | None,
    kb: KnowledgeBase,
    *,
    found: frozenset[str] = frozenset(),
    bases: tuple[tuple[str, LineageMatch | None], ...] = (),
    table: Lineage | None = None,
) -> tuple[Finding, ...]:
    """What a reviewer must know about a model card: a declared license that the license
    files (`found`: their flag ids) or the base models' licenses (`bases`) contradict, a
    base model whose license is not known, front matter that hides what the card says."""
    findings = _front_matter_findings(card)
    declared = declared_license(card)
    entry = kb.get(declared) if declared is not None else None
    family = entry is not None and entry.category == "family"
    if declared is not None and entry is None:
        findings.append(_declared_unknown(declared))
    elif (
        entry is not None
        and family
        and not _in_family(entry, identified.id if identified else None)
    ):
        choices = ", ".join(FAMILIES.get(entry.id, ())) or "the license's own id"
        findings.append(
            Finding(
                "declared-license-family",
                f"the model card declares {declared!r}, a family of licenses with no version "
                f"({choices}, ...): judged as not open until the version is known",
            )
        )
    elif entry is not None and identified is None:
        # Unnamed terms that restrict what the declared license leaves free contradict the
        # card as much as a named license would (a card saying apache-2.0 over Llama terms).
        hidden = sorted(i for i in found if flag_type(i).kind is Kind.RESTRICTION) if found else []
        hidden = [i for i in hidden if i not in _restrictions(entry, kb)]
        if hidden:
            findings.append(
                Finding(
                    "declared-license-mismatch",
                    f"the model card declares {entry.id}, but the license file restricts "
                    f"use ({', '.join(hidden)}), which {entry.id} does not",
                )
            )
        else:
            findings.append(
                Finding(
                    "declared-license-unverified",
                    f"the model card declares {entry.id}, but no known license was "
                    "identified in the license file",
                )
            )
    elif (
        entry is not None
        and identified is not None
        and identified.id != entry.id
        and not _in_family(entry, identified.id)
    ):
        findings.append(
            Finding(
                "declared-license-mismatch",
                f"the model card declares {entry.id}, but the license file is "
                f"{identified.id} (similarity {identified.similarity:.2f})",
            )
        )
    # Restrictions the model's own terms already carry are not hidden, wherever they come
    # from: the declared license, the flags of the license files, or the license identified.
    identified_entry = kb.get(identified.id) if identified is not None else None
    covered = (
        _restrictions(entry, kb)
        | frozenset(i for i in found if flag_type(i).kind is Kind.RESTRICTION)
        | _restrictions(identified_entry, kb)
    )
    own = {e.id for e in (entry, identified_entry) if e is not None}
    said = entry.id if entry is not None else repr(declared) if declared else "no license"
    # A merge (several base models) is bound by every base model's license: each one that is
    # not the model's own is reported, even when its restrictions are already shown.
    merge = len(bases) > 1
    for model, match in bases:
        if match is None:
            findings.append(
                Finding(
                    "base-model-unknown",
                    f"base model {model} is not in the lineage table: its license, which "
                    "binds this model too, is not known",
                )
            )
            continue
        base = kb.get(match.license)
        missing = _restrictions(base, kb, table=table, model=model) - covered
        if missing:
            findings.append(
                Finding(
                    "base-model-license",
                    f"base model {model} is under {match.license} "
                    f"(restrictions: {', '.join(sorted(missing))}), "
                    f"but the model card declares {said}",
                )
            )
        elif base is None or base.id in own or not merge:
            continue
        elif base.osi_approved:
            findings.append(
                Finding(
                    "base-model-other-license",
                    f"base model {model} of this merge is under {base.id}, an open-source "
                    f"license, but the model card declares {said}: its notices and conditions "
                    "still apply",
                )
            )
        else:
            findings.append(
                Finding(
                    "base-model-license",
                    f"base model {model} of this merge is under {base.id}, whose terms bind "
                    f"the merge too, but the model card declares {said}",
                )
            )
    return tuple(findings)


def _not_shipped(analysis: Analysis) -> Finding:
    """A model directory that ships no license file: what it is judged by instead."""
    what = f"license text not shipped (no {_TERMS_NAMES})"
    if analysis.identified is None:
        return Finding(
            "license-text-not-shipped",
            f"{what}, and the model card declares no known license: no terms to judge",
        )
    return Finding(
        "license-text-not-shipped",
        f"{what}: judged by the license the model card declares, {analysis.identified.id}",
    )


def _shifted(found: Identified | None, offset: int) -> Identified | None:
    if found is None:
        return None
    added = tuple(Passage(p.start + offset, p.end + offset, p.text) for p in found.added)
    uncovered = tuple((start + offset, end + offset) for start, end in found.uncovered)
    return replace(found, added=added, uncovered=uncovered)


# --- the entry point --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """A SOURCE read from disk, before its text is analysed: the I/O half of the work.

    `done` holds the whole analysis when there is no text to read (a known license whose
    reference text is not pulled); otherwise `loaded` holds the text and `entry` the known
    license it is, if any.
    """

    spec: str
    loaded: Loaded | None = None
    entry: Entry | None = None
    done: Analysis | None = None
    nearest: bool = False  # for a known license: also find its nearest OSI-approved license

    @property
    def key(self) -> tuple[str, str, bool]:
        """What the text analysis depends on: the text, its files, and whether to identify."""
        assert self.loaded is not None
        doc = self.loaded.document
        files = (
            "\0".join(doc.metadata.get("files", ()))
            if self.loaded.source.kind == "model-dir"
            else ""
        )
        return doc.text, files, self.entry is None or self.nearest


def prepare(spec: str, *, stdin: bytes | None = None, options: Options = Options()) -> Prepared:
    """Resolve and read one SOURCE (a known id, `-`, a file or a model directory)."""
    kb = load_knowledge(options.knowledge)
    if spec != "-" and not Path(spec).exists():
        entry = kb.get(spec)
        if entry is None or entry.category == "family":
            raise _unknown(spec, kb)  # a family names no one license: say which to choose
        return _prepare_known(spec, entry, options)
    loaded = _load(spec, stdin, options)
    if loaded.source.kind == "model-dir" and not loaded.document.metadata["files"]:
        return _card_only(loaded, kb, options)
    return Prepared(spec, loaded)


def _prepare_known(spec: str, entry: Entry, options: Options) -> Prepared:
    """A known license: its reference text when pulled, else the knowledge base's facts."""
    if options.texts is not None and entry.scancode:
        path = options.texts / "texts" / f"{entry.scancode}.txt"
        if path.is_file():
            doc = to_document(read_bytes(path, max_bytes=options.max_bytes), str(path))
            loaded = Loaded(Source(spec, "known", doc.sha256), doc)
            return Prepared(spec, loaded, entry, nearest=options.known_nearest)
    return Prepared(spec, done=_known_without_text(spec, entry))


def _card_only(loaded: Loaded, kb: KnowledgeBase, options: Options) -> Prepared:
    """A model directory that ships no license text, judged by the license its card
    declares, read as a known id would be. With no known license declared there is
    nothing to judge by: an analysis with no text and no license, which the gate fails
    as unknown (`fail-on-unknown`)."""
    spec, card = loaded.source.input, loaded.document.metadata
    declared = declared_license(card)
    entry = kb.get(declared) if declared is not None else None
    bare = Prepared(spec, loaded)
    if entry is None:
        nothing = Analysis(loaded.source, "", (), ())
        return Prepared(spec, loaded, done=finish(bare, nothing, options))
    known = _prepare_known(spec, entry, options)
    if known.done is not None:
        return Prepared(spec, loaded, done=finish(bare, known.done, options))
    assert known.loaded is not None
    doc = replace(known.loaded.document, metadata=card)
    return replace(known, loaded=Loaded(Source(spec, "model-dir", doc.sha256), doc))


def read_text(prepared: Prepared, knowledge: Path | None = None) -> Analysis:
    """The text half of the work: clauses, flags and identification. It depends only on
    `prepared.key`, so identical texts (the same LICENSE in many models) share it."""
    assert prepared.loaded is not None
    kb = load_knowledge(knowledge)
    doc, source = prepared.loaded.document, prepared.loaded.source
    analysis = analyze_document(doc, source)
    if prepared.entry is not None:
        # a known license needs no naming; its nearest OSI license is worked out on demand
        entry = prepared.entry
        known = known_identified(entry)
        nearest_known = None
        if prepared.nearest:
            nearest_known = known if entry.osi_approved else nearest_osi_of(analysis.text, kb)
        return replace(analysis, identified=known, nearest_osi=nearest_known)
    # A model directory is identified by its license file, the first of its files; where
    # several are joined, that file's text starts after its heading.
    files: list[str] = list(doc.metadata.get("files", ())) if source.kind == "model-dir" else []
    offset = len(f"# {files[0]}\n\n") if len(files) > 1 else 0
    end = analysis.text.find(f"\n\n# {files[1]}\n\n") if len(files) > 1 else len(analysis.text)
    identified, closest, nearest = identify_text(analysis.text[offset:end], kb)
    if offset:
        identified = _shifted(identified, offset)
        nearest = _shifted(nearest, offset)  # `closest` carries no passages to shift
    return replace(analysis, identified=identified, nearest_osi=nearest, closest=closest)


def finish(prepared: Prepared, text: Analysis, options: Options = Options()) -> Analysis:
    """The analysis of `prepared` from the analysis of its text (which may be another
    source's with the same text): its own source, metadata and model-card findings."""
    assert prepared.loaded is not None
    loaded = prepared.loaded
    analysis = replace(text, source=loaded.source, metadata=loaded.document.metadata)
    if loaded.source.kind != "model-dir":
        return analysis
    kb = load_knowledge(options.knowledge)
    card = loaded.document.metadata
    table = lineage(options.knowledge)
    bases = card_lineage(card, table)
    findings = _card_findings(
        card, analysis.identified, kb, found=analysis.flag_ids, bases=bases, table=table
    )
    record = [
        {"model": m, "license": x.license if x else None, "pattern": x.pattern if x else None}
        for m, x in bases
    ]
    analysis, scoped = _scoped_out(analysis, kb, table, _checkpoints(card, bases, table))
    unread = tuple(
        Finding("terms-file-unread", f"{why}; its terms were not read")
        for why in card.get("unread", ())
    )
    if not card.get("files"):
        unread = (*unread, _not_shipped(analysis))
    findings = (*unread, *findings)
    metadata = {**analysis.metadata, "lineage": record}
    if scoped:
        metadata["scoped_out"] = scoped
    return replace(analysis, metadata=metadata, findings=findings)


def cache_model_id(directory: str) -> str | None:
    """The Hub id of a model read from a Hugging Face cache (`models--ORG--NAME`), if it is."""
    for part in reversed(Path(directory).parts):
        if part.startswith("models--") and part.count("--") >= 2:
            org, _, name = part.removeprefix("models--").partition("--")
            return f"{org}/{name}" if org and name else None
    return None


def _checkpoints(
    card: Mapping[str, Any], bases: tuple[tuple[str, LineageMatch | None], ...], table: Lineage
) -> tuple[str, ...]:
    """The checkpoints a model directory's weights come from, when every one is known to the
    lineage table: its base models, and the model itself when read from a Hugging Face
    cache. Empty when any is unknown or none is named: then no clause is scoped out."""
    models = [m for m, _ in bases]
    own = cache_model_id(str(card.get("directory", "")))
    if own is not None:
        models.insert(0, own)
    known = all(table.license_of(m) is not None for m in models)
    return tuple(models) if models and known else ()


def _scoped_out(
    analysis: Analysis, kb: KnowledgeBase, table: Lineage, checkpoints: tuple[str, ...]
) -> tuple[Analysis, list[dict[str, Any]]]:
    """The analysis without the flags of clauses that cover none of its checkpoints (the
    lineage table's `[[scope]]`s of its license and the policies that license incorporates),
    and a record of each: the gate reports it as not binding, and judges it no further."""
    found = analysis.identified
    entry = kb.get(found.id) if found is not None else None
    if entry is None or not checkpoints:
        return analysis, []
    scoped: list[dict[str, Any]] = []
    for part in (entry, *kb.incorporated(entry)):
        for flag_id in sorted(part.flag_ids):
            scope = table.scope_of(part.id, flag_id)
            if scope is None or any(scope.covers(m) for m in checkpoints):
                continue
            scoped.append(
                {
                    "flag": flag_id,
                    "license": part.id,
                    "covers": list(scope.models),
                    "checkpoints": list(checkpoints),
                    "note": scope.note,
                }
            )
    gone = {r["flag"] for r in scoped}
    flags = tuple(f for f in analysis.flags if f.id not in gone)
    return replace(analysis, flags=flags), scoped


def analyze_source(
    spec: str, *, stdin: bytes | None = None, options: Options = Options()
) -> Analysis:
    """Read and analyse one SOURCE, with identification and, for model cards, findings."""
    prepared = prepare(spec, stdin=stdin, options=options)
    if prepared.done is not None:
        return prepared.done
    return finish(prepared, read_text(prepared, options.knowledge), options)


def analyze_bytes(data: bytes, name: str = "<text>", *, suffix: str = "") -> Analysis:
    """Analyse bytes held in memory (no identification), as if read from a file `name`.

    The bytes are taken for a license text as they are (a corpus text, the text of a
    `LicenseRef-` in an SPDX document): `license_document` is for files a user names."""
    doc = to_document(data, name, suffix=suffix)
    return analyze_document(doc, Source(name, "file", doc.sha256))
