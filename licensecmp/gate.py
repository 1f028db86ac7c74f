"""The CI gate: every subject a `check` run names, judged by the policy, with locations.

A SOURCE gives one subject (a file, model directory or known id) or, for an SBOM (SPDX 2,
SPDX 3.0, CycloneDX), one subject per package or component, whose license expressions are
judged license by license: `OR` passes when any choice passes, `AND` only when all do. An
SPDX id the knowledge base lacks is judged by its metadata (policy.by_spdx_id), and an
expression `allow` or `forbid` names as a whole decides on its own (policy.by_expression).
With no SOURCE the policy file's `[[model]]` manifest names the subjects. Each reason that
points into a text is located at a file and line, so SARIF can annotate the LICENSE line
itself.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from licensecmp.analysis import Analysis
from licensecmp.errors import InputError, NoTermsError
from licensecmp.knowledge import KnowledgeBase
from licensecmp.knowledge import load as load_knowledge
from licensecmp.modeldir import ModelDir, open_model_dir
from licensecmp.policy import (
    CheckResult,
    Policy,
    Reason,
    Verdict,
    by_expression,
    by_spdx_id,
    check,
    combine,
    evaluate,
    normal_expression,
)
from licensecmp.policy import unknown as unknown_verdict
from licensecmp.sources import Options
from licensecmp.text import decode, fold_characters, read_bytes

if TYPE_CHECKING:
    from licensecmp.sbom import Bom
    from licensecmp.spdxids import SpdxLicense


@dataclass(frozen=True)
class Location:
    """A place in a file: its path as the user named it, 1-based line and column."""

    path: str
    line: int
    column: int = 1
    end_line: int | None = None  # where the evidence ends, when it was found word by word
    end_column: int | None = None


@dataclass(frozen=True)
class Judged:
    """One subject: its verdict, the analysis behind it, and where each reason points."""

    verdict: Verdict
    source: str  # the SOURCE as given (an SPDX document for each of its packages)
    kind: str  # file, model-dir, known, stdin, spdx-package, manifest
    analysis: Analysis | None
    locations: tuple[Location | None, ...]  # one per reason of the verdict
    component: Mapping[str, str | None] | None = None  # an SBOM's component: name, purl, …

    @property
    def subject(self) -> str:
        return self.verdict.subject


@dataclass(frozen=True)
class Gate:
    """A whole run: the policy's result and the subjects it judged, in order."""

    result: CheckResult
    judged: tuple[Judged, ...]
    ignored: tuple[str, ...] = ()  # subjects an --ignore pattern left out, in order

    @property
    def passed(self) -> bool:
        return self.result.passed


Progress = Callable[[int, int, str], None]


# --- locating evidence in the files it came from ------------------------------------------------


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _find_words(
    raw: str, evidence: str, folded: str | None = None
) -> tuple[int, int, int, int] | None:
    """The line and column where the evidence's words start in the raw file text, however
    it was wrapped, and the line and column just past where they end.

    The evidence comes from the normal form, whose characters are folded: where the raw
    text hides a word from it ("m\u0456llion" with a Cyrillic і, a zero-width space), the
    words are looked for in `folded`, the raw text with its characters folded alike and its
    line breaks kept, so the line is right and the column near.
    """
    words = re.findall(r"\w+", evidence)
    for take in (len(words), 4, 2):
        if not words[:take]:
            return None
        pattern = re.compile(r"\W+".join(re.escape(w) for w in words[:take]))
        for text in (raw, folded) if folded is not None else (raw,):
            match = pattern.search(text)
            if match:
                return (*_line_col(text, match.start()), *_line_col(text, match.end()))
    return None


class _Files:
    """Raw texts of the files a run reads, decoded once, and folded once when asked."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._texts: dict[Path, str | None] = {}
        self._folded: dict[Path, str | None] = {}

    def text(self, path: Path) -> str | None:
        if path not in self._texts:
            try:
                self._texts[path] = decode(read_bytes(path, max_bytes=self.max_bytes), str(path))
            except InputError:
                self._texts[path] = None
        return self._texts[path]

    def folded(self, path: Path) -> str | None:
        """The raw text with the normal form's characters (same lines, near columns)."""
        if path not in self._folded:
            raw = self.text(path)
            self._folded[path] = fold_characters(raw) if raw is not None else None
        return self._folded[path]


def _model_dir(analysis: Analysis) -> ModelDir:
    """The directory a model directory's files were read from (for a cache repository
    folder, the snapshot chosen), with the links it may follow."""
    return open_model_dir(Path(str(analysis.metadata.get("directory", analysis.source.input))))


def _model_file(directory: ModelDir, name: str) -> tuple[Path, str] | None:
    """A file of a model directory as it may be read (ModelDir.file decides, as when it was
    analysed), and how to name it; None when it may not be."""
    try:
        return directory.file(name), str(directory.path / name)
    except InputError:
        return None


def _file_of(analysis: Analysis, offset: int) -> tuple[Path, str] | None:
    """The file an offset of the analysed text lies in, and how to name it."""
    source = analysis.source
    if source.kind == "file":
        return Path(source.input), source.input
    if source.kind != "model-dir":
        return None
    files = [str(f) for f in analysis.metadata.get("files", ())]
    if not files:
        return None
    chosen = files[0]
    if len(files) > 1:
        for name in files:
            start = analysis.text.find(f"# {name}\n\n")
            if 0 <= start <= offset:
                chosen = name
    return _model_file(_model_dir(analysis), chosen)


def _line_of(files: _Files, path: Path, pattern: str, name: str | None = None) -> Location:
    """The first line of a file that matches `pattern`, else its first line; the location
    names the file `name` when given (a snapshot's README.md, not its blob)."""
    raw = files.text(path)
    match = re.search(pattern, raw) if raw is not None else None
    shown = name or str(path)
    return Location(shown, *_line_col(raw, match.start())) if raw and match else Location(shown, 1)


def _locate(
    analysis: Analysis | None, reason: Reason, files: _Files, policy: Policy, subject: str
) -> Location | None:
    """Where a reason points: the evidence's line, else the file it is about, else the
    policy line that names the subject (a manifest model), else nowhere."""
    if analysis is None:
        return None
    if reason.start is not None and reason.evidence:
        found = _file_of(analysis, reason.start)
        if found is not None:
            path, name = found
            raw = files.text(path)
            found_at = (
                _find_words(raw, reason.evidence, files.folded(path)) if raw is not None else None
            )
            if found_at is not None:
                return Location(name, *found_at)
            return Location(name, 1)
    source = analysis.source
    if source.kind == "model-dir":
        # a finding is about the card, and so is every reason when the card is all there is
        about_card = reason.code == "finding" or not analysis.metadata.get("files")
        readme = _model_file(_model_dir(analysis), "README.md") if about_card else None
        if readme is not None:
            key = "base_model" if (reason.finding or "").startswith("base-model") else "license"
            return _line_of(files, readme[0], rf"(?m)^{key}\b", readme[1])
        first = _file_of(analysis, 0)
        return Location(first[1], 1) if first else None
    if source.kind == "file":
        return Location(source.input, 1)
    if policy.path is not None and subject != source.input:
        return _line_of(files, policy.path, re.escape(f'"{subject}"'))
    return None


def _with_policies(
    verdict: Verdict,
    analysis: Analysis,
    policy: Policy,
    kb: KnowledgeBase,
    options: Options,
    today: dt.date,
) -> Verdict:
    """The verdict with the flags of the use policies the license incorporates.

    A known license's acceptable-use policy binds its users as much as the text does
    (Llama 3.2's withholds the multimodal models from the EU): its flags that the text
    does not already carry are judged too, each reason naming the policy.
    """
    from licensecmp.policy import Level, confident
    from licensecmp.sources import analyze_source

    found = confident(analysis)
    entry = kb.get(found.id) if found is not None else None
    # clauses that cover none of the model's checkpoints (sources._scoped_out) do not bind
    scoped = list(analysis.metadata.get("scoped_out", ()))
    reasons = list(verdict.reasons) + [
        Reason(
            Level.PASS,
            "does-not-bind",
            f"{s['flag']} (from {s['license']}): covers {', '.join(s['covers'])} only, not "
            f"{', '.join(s['checkpoints'])}: does not bind",
            flag=s["flag"],
        )
        for s in scoped
    ]
    if entry is None or not entry.policies:
        return replace(verdict, reasons=tuple(reasons))
    have = analysis.flag_ids | {s["flag"] for s in scoped}
    for incorporated in kb.incorporated(entry):
        extra = analyze_source(incorporated.id, options=options)
        extra = replace(extra, flags=tuple(f for f in extra.flags if f.id not in have))
        judged = evaluate(extra, policy, subject=verdict.subject, today=today)
        reasons += [
            replace(r, message=f"{r.message} (from {incorporated.name}, incorporated)")
            for r in judged.reasons
            if r.flag is not None
        ]
    return replace(verdict, reasons=tuple(reasons))


# --- bills of materials: SPDX 2, SPDX 3, CycloneDX ---------------------------------------------


def _subjects_of(spec: str, bom: Bom) -> list[str]:
    """Each component's subject: `SOURCE#name@version (purl)`, told apart by its ref when
    two components of the document would have the same one."""
    labels = [c.label for c in bom.components]
    counts = Counter(labels)
    return [
        f"{spec}#{label}" + (f" [{c.ref}]" if counts[label] > 1 else "")
        for label, c in zip(labels, bom.components, strict=True)
    ]


def _judge_bom(
    spec: str, policy: Policy, kb: KnowledgeBase, options: Options, today: dt.date
) -> list[Judged]:
    """Every component of an SBOM judged on its own, in document order: each license
    expression it gives, and each statement that cannot be read, which fails it.

    A license is read, in this order, as: a knowledge-base id; a text the document gives;
    an SPDX license-list id, by its metadata (no text: spdxids.py); else it is unknown.
    """
    from licensecmp import spdxdoc, spdxids
    from licensecmp.sbom import read_bom
    from licensecmp.sources import analyze_bytes, analyze_source, identify_text

    bom = read_bom(Path(spec), max_bytes=options.max_bytes)
    raw = bom.text
    # key -> its analysis, its SPDX metadata, or why there is neither
    analysed: dict[str, Analysis | SpdxLicense | str] = {}

    def analysis_of(key: str) -> Analysis | SpdxLicense | str:
        if key in analysed:
            return analysed[key]
        result: Analysis | SpdxLicense | str
        given = bom.texts.get(key)
        if kb.get(key) is not None:
            result = analyze_source(key, options=options)
        elif given is not None and given.text:
            result = analyze_bytes(given.text.encode("utf-8"), f"{spec}#{key}")
            identified, closest, nearest = identify_text(result.text, kb)
            result = replace(result, identified=identified, nearest_osi=nearest, closest=closest)
        elif given is not None:
            result = f"{key} has no license text in the document"
        elif (facts := spdxids.lookup(key)) is not None:
            # an SPDX alias of a knowledge-base license ("GPL 2.0" as a CycloneDX name) is it
            known = kb.get(facts.id) is not None
            result = analyze_source(facts.id, options=options) if known else facts
        elif key.startswith("LicenseRef-"):
            result = f"{key} is not defined in the document"
        else:
            result = f"{key} is not a known license id"
        analysed[key] = result
        return result

    def leaf(node: spdxdoc.Leaf, subject: str, aliases: tuple[str, ...]) -> Verdict:
        found = analysis_of(node.key)
        if isinstance(found, str):
            return unknown_verdict(subject, found, policy=policy, today=today, aliases=aliases)
        if isinstance(found, spdxids.SpdxLicense):
            return by_spdx_id(subject, node.key, found, policy=policy, today=today, aliases=aliases)
        return evaluate(found, policy, subject=subject, today=today, aliases=aliases)

    def judge(node: spdxdoc.Expr, subject: str, aliases: tuple[str, ...]) -> Verdict:
        if policy.lists_expressions and not (isinstance(node, spdxdoc.Leaf) and not node.exception):
            # an expression (or a license WITH an exception) allowed or forbidden as a whole
            named = normal_expression(node, kb)
            listed = by_expression(subject, named, policy=policy, today=today, aliases=aliases)
            if listed is not None:
                return listed
        if isinstance(node, spdxdoc.Leaf):
            return leaf(node, subject, aliases)
        parts = [judge(p, subject, aliases) for p in node.parts]
        return combine(subject, "and" if isinstance(node, spdxdoc.All) else "or", parts)

    out = []
    for component, subject in zip(bom.components, _subjects_of(spec, bom), strict=True):
        aliases = (component.purl,) if component.purl else ()
        verdicts = [
            unknown_verdict(subject, problem, policy=policy, today=today, aliases=aliases)
            for problem in component.problems
        ]
        verdicts += [judge(e, subject, aliases) for e in component.licenses]
        if not verdicts:
            verdict = unknown_verdict(
                subject,
                f"{component.name} has no license (NOASSERTION, NONE or none given)",
                policy=policy,
                today=today,
                aliases=aliases,
            )
        else:
            verdict = verdicts[0] if len(verdicts) == 1 else combine(subject, "and", verdicts)
        offset = component.offset
        where = Location(spec, *_line_col(raw, offset)) if offset >= 0 else Location(spec, 1)
        about = {
            "name": component.name,
            "version": component.version,
            "purl": component.purl,
            "ref": component.ref,
            "type": component.kind,
            "format": bom.format,
        }
        out.append(
            Judged(
                verdict,
                spec,
                bom.kind,
                None,
                tuple(where for _ in verdict.reasons),
                component=about,
            )
        )
    return out


# --- the run ------------------------------------------------------------------------------------


def subjects(specs: Sequence[str], policy: Policy) -> list[tuple[str, str]]:
    """(subject, SOURCE) pairs: the sources given, or else the policy's `[[model]]` list."""
    if specs:
        return [(s, s) for s in specs]
    pairs = []
    for model in policy.models:
        if model.license is not None:
            pairs.append((model.name, model.license))
        elif model.path is not None:
            pairs.append((model.name, str(model.path)))
    if not pairs:
        where = f" and {policy.path} lists no [[model]]" if policy.path else ""
        raise InputError(f"nothing to check: give a SOURCE{where}")
    return pairs


def _spdx_ids(pairs: Sequence[tuple[str, str]], kb: KnowledgeBase) -> dict[str, SpdxLicense]:
    """The sources that name an SPDX license-list id the knowledge base lacks (`0BSD` on
    the command line, or as a `[[model]]`'s license), with their facts; a path that
    exists is always read as the path."""
    from licensecmp import spdxids

    out: dict[str, SpdxLicense] = {}
    for _, spec in pairs:
        if spec == "-" or kb.get(spec) is not None or Path(spec).exists():
            continue
        facts = spdxids.lookup(spec)
        if facts is not None and kb.get(facts.id) is None:
            out[spec] = facts
    return out


def _analyse(
    specs: Sequence[str],
    options: Options,
    stdin: bytes | None,
    jobs: int | None,
    progress: Progress | None,
) -> tuple[dict[str, Analysis], dict[str, str]]:
    """The analysis of each source, and why each model directory with nothing to judge it
    by (NoTermsError) has none; any other source that cannot be read stops the run."""
    from licensecmp.batch import analyze_prepared
    from licensecmp.sources import prepare

    prepared, empty = [], {}
    for spec in specs:
        try:
            prepared.append(prepare(spec, stdin=stdin, options=options))
        except NoTermsError as exc:  # the subject's name leads its line: not again
            empty[spec] = str(exc).removeprefix(f"{spec}: ")
    done = analyze_prepared(prepared, options=options, jobs=jobs, progress=progress)
    return {p.spec: a for p, a in zip(prepared, done, strict=True)}, empty


def run(
    specs: Sequence[str],
    policy: Policy,
    *,
    today: dt.date,
    options: Options | None = None,
    stdin: bytes | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
    ignore: Sequence[str] = (),
) -> Gate:
    """Judge every subject; a source that cannot be read stops the run with its error. A
    model directory with neither a license file nor a model card is one failing subject
    (`unknown-license`), not the end of the run.

    `progress(done, total, name)` follows the analysis of the distinct texts; `jobs` caps
    the processes analysing them (default: the cores)."""
    from licensecmp.sbom import is_bom_source

    options = options or Options()
    kb = load_knowledge(options.knowledge)
    pairs = subjects(specs, policy)
    by_id = _spdx_ids(pairs, kb)
    plain = [
        spec
        for _, spec in pairs
        if spec not in by_id and not is_bom_source(spec, max_bytes=options.max_bytes)
    ]
    analyses, empty = _analyse(plain, options, stdin, jobs, progress)
    files = _Files(options.max_bytes)
    judged: list[Judged] = []
    for subject, spec in pairs:
        if spec in by_id:
            verdict = by_spdx_id(subject, spec, by_id[spec], policy=policy, today=today)
            judged.append(Judged(verdict, spec, "spdx-id", None, (None,) * len(verdict.reasons)))
        elif spec in empty:
            verdict = unknown_verdict(subject, empty[spec], policy=policy, today=today)
            judged.append(Judged(verdict, spec, "model-dir", None, (None,) * len(verdict.reasons)))
        elif spec in analyses:
            analysis = analyses[spec]
            verdict = _with_policies(
                evaluate(analysis, policy, subject=subject, today=today),
                analysis,
                policy,
                kb,
                options,
                today,
            )
            locations = tuple(_locate(analysis, r, files, policy, subject) for r in verdict.reasons)
            judged.append(Judged(verdict, spec, analysis.source.kind, analysis, locations))
        else:
            judged.extend(_judge_bom(spec, policy, kb, options, today))
    kept = [j for j in judged if not _ignored(j, ignore)]
    left_out = tuple(j.subject for j in judged if _ignored(j, ignore))
    result = check([j.verdict for j in kept], policy)
    return Gate(result, tuple(kept), left_out)


def _ignored(judged: Judged, patterns: Sequence[str]) -> bool:
    """Whether a subject is left out by an --ignore pattern: a glob matched against the
    subject (`bom.json#lodash@*`), or, for an SBOM component, against its part after the
    `#` (`lodash@*`, `@types/*`)."""
    if not patterns:
        return False
    names = {judged.subject, judged.subject.rsplit("#", 1)[-1]}
    return any(fnmatch.fnmatchcase(name, p) for name in names for p in patterns)
