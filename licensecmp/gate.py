"""The CI gate: every subject a `check` run names, judged by the policy, with locations.

A SOURCE gives one subject (a file, model directory or known id) or, for an SPDX
document, one subject per package, whose license expressions are judged license by
license: `OR` passes when any choice passes, `AND` only when all do. With no SOURCE the
policy file's `[[model]]` manifest names the subjects. Each reason that points into a
text is located at a file and line, so SARIF can annotate the LICENSE line itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from licensecmp.analysis import Analysis
from licensecmp.errors import InputError, NoTermsError
from licensecmp.knowledge import KnowledgeBase
from licensecmp.knowledge import load as load_knowledge
from licensecmp.modeldir import ModelDir, open_model_dir
from licensecmp.policy import CheckResult, Policy, Reason, Verdict, check, combine, evaluate
from licensecmp.policy import unknown as unknown_verdict
from licensecmp.sources import Options
from licensecmp.text import decode, fold_characters, read_bytes


@dataclass(frozen=True)
class Location:
    """A place in a file: its path as the user named it, 1-based line and column."""

    path: str
    line: int
    column: int = 1


@dataclass(frozen=True)
class Judged:
    """One subject: its verdict, the analysis behind it, and where each reason points."""

    verdict: Verdict
    source: str  # the SOURCE as given (an SPDX document for each of its packages)
    kind: str  # file, model-dir, known, stdin, spdx-package, manifest
    analysis: Analysis | None
    locations: tuple[Location | None, ...]  # one per reason of the verdict

    @property
    def subject(self) -> str:
        return self.verdict.subject


@dataclass(frozen=True)
class Gate:
    """A whole run: the policy's result and the subjects it judged, in order."""

    result: CheckResult
    judged: tuple[Judged, ...]

    @property
    def passed(self) -> bool:
        return self.result.passed


Progress = Callable[[int, int, str], None]


# --- locating evidence in the files it came from ------------------------------------------------


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _find_words(raw: str, evidence: str, folded: str | None = None) -> tuple[int, int] | None:
    """The line and column where the evidence's words start in the raw file text, however
    it was wrapped.

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
                return _line_col(text, match.start())
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
            key = "base_model" if reason.finding == "base-model-license" else "license"
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
    from licensecmp.policy import confident
    from licensecmp.sources import analyze_source

    found = confident(analysis)
    entry = kb.get(found.id) if found is not None else None
    if entry is None or not entry.policies:
        return verdict
    reasons = list(verdict.reasons)
    have = analysis.flag_ids
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


# --- SPDX documents -----------------------------------------------------------------------------


def _judge_spdx(
    spec: str, policy: Policy, kb: KnowledgeBase, options: Options, today: dt.date
) -> list[Judged]:
    from licensecmp import spdxdoc
    from licensecmp.sources import analyze_bytes, analyze_source, identify_text

    document = spdxdoc.read_spdx(Path(spec), max_bytes=options.max_bytes)
    raw = document.text
    analysed: dict[str, Analysis | str] = {}  # key -> its analysis, or why there is none

    def analysis_of(key: str) -> Analysis | str:
        if key in analysed:
            return analysed[key]
        result: Analysis | str
        if kb.get(key) is not None:
            result = analyze_source(key, options=options)
        elif key.startswith("LicenseRef-"):
            extracted = document.extracted.get(key)
            if extracted is None or not extracted.text:
                result = f"{key} has no license text in the document"
            else:
                result = analyze_bytes(extracted.text.encode("utf-8"), f"{spec}#{key}")
                identified, closest, nearest = identify_text(result.text, kb)
                result = replace(
                    result, identified=identified, nearest_osi=nearest, closest=closest
                )
        else:
            result = f"{key} is not a known license id"
        analysed[key] = result
        return result

    def leaf(node: spdxdoc.Leaf, subject: str) -> Verdict:
        found = analysis_of(node.key)
        if isinstance(found, str):
            return unknown_verdict(subject, found, policy=policy, today=today)
        return evaluate(found, policy, subject=subject, today=today)

    def judge(node: spdxdoc.Expr, subject: str) -> Verdict:
        if isinstance(node, spdxdoc.Leaf):
            return leaf(node, subject)
        parts = [judge(p, subject) for p in node.parts]
        return combine(subject, "and" if isinstance(node, spdxdoc.All) else "or", parts)

    out = []
    for package in document.packages:
        subject = f"{spec}#{package.name}"
        # the concluded and the declared license must both pass; one verdict when they agree
        expressions = list(dict.fromkeys(e for e in (package.concluded, package.declared) if e))
        if not expressions:
            verdict = unknown_verdict(
                subject,
                f"package {package.name} has no license expression (NOASSERTION or NONE)",
                policy=policy,
                today=today,
            )
        else:
            verdicts = [judge(e, subject) for e in expressions]
            verdict = verdicts[0] if len(verdicts) == 1 else combine(subject, "and", verdicts)
        found = raw.find(package.spdx_id)
        where = Location(spec, *_line_col(raw, found)) if found >= 0 else Location(spec, 1)
        out.append(
            Judged(verdict, spec, "spdx-package", None, tuple(where for _ in verdict.reasons))
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
) -> Gate:
    """Judge every subject; a source that cannot be read stops the run with its error. A
    model directory with neither a license file nor a model card is one failing subject
    (`unknown-license`), not the end of the run.

    `progress(done, total, name)` follows the analysis of the distinct texts; `jobs` caps
    the processes analysing them (default: the cores)."""
    from licensecmp import spdxdoc

    options = options or Options()
    kb = load_knowledge(options.knowledge)
    pairs = subjects(specs, policy)
    plain = [
        spec for _, spec in pairs if not spdxdoc.is_spdx_source(spec, max_bytes=options.max_bytes)
    ]
    analyses, empty = _analyse(plain, options, stdin, jobs, progress)
    files = _Files(options.max_bytes)
    judged: list[Judged] = []
    for subject, spec in pairs:
        if spec in empty:
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
            judged.extend(_judge_spdx(spec, policy, kb, options, today))
    result = check([j.verdict for j in judged], policy)
    return Gate(result, tuple(judged))
