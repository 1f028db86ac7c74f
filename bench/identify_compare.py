"""Identification benchmark: licensecmp against ScanCode, askalono and licensee (issue 3).

Every tool reads the SAME files, written once to a temporary directory: each model license
and each OSI-approved text of the corpus, exact and under four perturbations (rewrapped at
60 columns; inside a model-card README; curly quotes made straight; the copyright line
changed). Per set and tool it prints top-1 accuracy, time and peak memory, the ratio of
each tool's time to licensecmp's, and what each tool reports for four model licenses
beyond a license name.

Each tool runs in a child process of its own (licensecmp and askalono through this very
file in worker mode, so that only the stdlib is imported at the top), one after the other,
so that its wall time and peak memory (the RSS of its whole process tree, sampled, and the
kernel's own maximum) are its alone. A tool that is missing or fails gets the reason in its
rows; the run goes on and exits 0. Install the tools with `make bench-tools`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".cache" / "bench"
SCANCODE_VENV = BENCH / "scancode-venv"
ASKALONO_PYTHON = BENCH / "askalono-venv" / "bin" / "python"

MODEL_KEYS = (
    "llama-license-2023",
    "llama-2-license-2023",
    "llama-3.1-license-2024",
    "llama-3.2-license-2024",
    "llama-3.3-license-2024",
    "llama-4-cla-2025",
    "llama-4-license-2025",
    "gemma-tou-2024-04-01",
    "gemma-tou-2025-03-24",
    "gemma-pup-2024-02-21",
    "qwen-2024",
    "tongyi-qianwen-2023",
    "deepseek-la-1.0",
    "falcon-2-11b-1.0",
    "bigscience-open-rail-m",
    "bigscience-open-rail-m2",
    "bigscience-rail-1.0",
    "bigcode-open-rail-m-v1",
    "stable-diffusion-2022-08-22",
    "stability-ai-community-2024",
    "stability-ai-nc-2023-12-06",
    "nvidia-open-model-2025-04-28",
    "exaone-ai-model-1.1-nc",
    "hyperclova-x-seed-2025",
    "openatom-model-1.0",
    "playground-v2-community",
    "fair-ai-public-1.0",
    "fair-ai-public-1.0-sd",
    "moonshot-ai-modified-mit-2025",
    "open-weights-permissive-1.0.0",
    "responsible-ai-source-1.0",
    "responsible-ai-source-1.1",
    "tencent-hunyuan-3d-2.0-cla",
    "bilibili-model-ula-2025-09-09",
    "chameleon-research-2024",
    "c-uda-1.0",
    "o-uda-1.0",
    "openmdw-1.0",
)
# The model licenses of the second table: what a tool says about them beyond a name.
SHOWCASE = (
    "llama-3.1-license-2024",
    "gemma-tou-2024-04-01",
    "stability-ai-community-2024",
    "bigscience-open-rail-m",
)
VARIANTS = ("exact", "rewrap60", "readme", "quotes", "copyright")
TOOLS = ("licensecmp", "scancode", "askalono", "licensee")
SPDX_TOOLS = ("askalono", "licensee")
# JSON fields that would say what a license grants, requires or forbids (licensee's
# choosealicense.com `rules` are per license, not read from the text).
CLAUSE_FIELDS = ("rules", "permissions", "conditions", "limitations", "restrictions", "flags")

# --- perturbations -------------------------------------------------------------------------

_CARD_BEFORE = (
    "This repository holds the weights of a small demonstration model that we trained to "
    "check our release tooling. It is not meant for production use, and its outputs have "
    "not been evaluated for safety."
)
_CARD_AFTER = (
    "If the model helps your work, a short note to the maintainers is welcome; there is no "
    "paper to cite yet, and the numbers above may change between releases."
)
_FRONT_MATTER = (
    "---\nlicense: other\nlibrary_name: transformers\npipeline_tag: text-generation\n"
    "tags:\n- demo\n- benchmark\n---\n"
)
_CURLY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
# The copyright line of a license: "Copyright" followed by (c), ©, a year or a placeholder.
_COPYRIGHT_LINE = re.compile(
    r"(?im)^[ \t]*copyright[ \t]*(?:\(c\)|©|\[?\d{4}|[<\[{](?:yyyy|year|dates?)[>\]}])[^\n]*$"
)
NEW_COPYRIGHT = "Copyright (c) 2031 The Example Weights Collective"


def rewrap(text: str, width: int = 60) -> str:
    """Unwrap each paragraph (blocks between blank lines) and wrap it again at `width`."""
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    out = []
    for block in blocks:
        words = block.split()
        if words:
            out.append(
                textwrap.fill(
                    " ".join(words), width=width, break_long_words=False, break_on_hyphens=False
                )
            )
    return "\n\n".join(out) + "\n"


def as_readme(text: str) -> str:
    """The license as the License section of a model card with YAML front matter."""
    return (
        f"{_FRONT_MATTER}\n# Example-7B\n\n{_CARD_BEFORE}\n\n## License\n\n{text.strip()}\n\n"
        f"## Citation\n\n{_CARD_AFTER}\n"
    )


def straight_quotes(text: str) -> str:
    """Curly single and double quotes replaced by straight ones."""
    return text.translate(_CURLY)


def change_copyright(text: str) -> tuple[str, str]:
    """The first copyright line replaced by another holder and year, or one put on top.

    Returns the new text and what was done: "replaced" or "prepended".
    """
    match = _COPYRIGHT_LINE.search(text)
    if match:
        return text[: match.start()] + NEW_COPYRIGHT + text[match.end() :], "replaced"
    return f"{NEW_COPYRIGHT}\n\n{text}", "prepended"


# --- samples -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One file every tool reads: which set, which perturbation, made from which key."""

    group: str  # "model" or "osi"
    variant: str
    key: str
    rel: str  # path below the samples directory

    @property
    def set_name(self) -> str:
        """The row label of its set, such as `model/rewrap60`."""
        return f"{self.group}/{self.variant}"


@dataclass
class Corpus:
    """The corpus index: metadata per key, and the keys whose texts are the same words."""

    texts: Path
    rows: dict[str, dict[str, Any]]
    same: dict[str, frozenset[str]] = field(default_factory=dict)


def load_corpus(corpus: Path) -> Corpus:
    """Read index.json and group the keys whose texts have the same words.

    Identical texts (such as `x11` and `slf4j-2005`) cannot be told apart by any tool, so
    answering either counts as right, for every tool alike.
    """
    rows = {row["key"]: row for row in json.loads((corpus / "index.json").read_text())}
    groups: dict[str, set[str]] = {}
    digest_of: dict[str, str] = {}
    for key in rows:
        path = corpus / "texts" / f"{key}.txt"
        if not path.is_file():
            continue
        words = " ".join(re.findall(r"[a-z0-9]+", path.read_text("utf-8", "replace").lower()))
        digest = hashlib.blake2b(words.encode(), digest_size=16).hexdigest()
        digest_of[key] = digest
        groups.setdefault(digest, set()).add(key)
    same = {key: frozenset(groups[digest]) for key, digest in digest_of.items()}
    return Corpus(corpus / "texts", rows, same)


def write_samples(
    corpus: Corpus, out: Path, first: int | None = None
) -> tuple[list[Sample], dict[str, int]]:
    """Write every file of every set below `out`; return the samples and counts of note.

    Each file sits in a directory of its own, named LICENSE (README.md for the model
    card), as it would in a repository, so licensee reads it as the CLI would.
    """
    osi = sorted(key for key, row in corpus.rows.items() if row.get("osi_approved"))
    missing = [key for key in MODEL_KEYS if key not in corpus.rows]
    model = [key for key in MODEL_KEYS if key in corpus.rows]
    notes = {"model keys missing from the corpus": len(missing)}
    samples: list[Sample] = []
    quotes_changed = replaced = prepended = 0
    for group, keys in (("model", model), ("osi", osi)):
        for key in keys[:first]:
            text = (corpus.texts / f"{key}.txt").read_text("utf-8", "replace")
            changed, how = change_copyright(text)
            replaced += how == "replaced"
            prepended += how == "prepended"
            quoted = straight_quotes(text)
            quotes_changed += quoted != text
            variants = {
                "exact": text,
                "rewrap60": rewrap(text),
                "readme": as_readme(text),
                "quotes": quoted,
                "copyright": changed,
            }
            for variant in VARIANTS:
                name = "README.md" if variant == "readme" else "LICENSE"
                rel = f"{group}/{variant}/{key}/{name}"
                path = out / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(variants[variant], "utf-8")
                samples.append(Sample(group, variant, key, rel))
    notes["quotes: files with curly quotes (others unchanged)"] = quotes_changed
    notes["copyright: line replaced"] = replaced
    notes["copyright: line prepended (text had none)"] = prepended
    return samples, notes


# --- running a tool ------------------------------------------------------------------------


@dataclass
class Run:
    """A finished child process: exit code, wall seconds, peak memory of its tree, output."""

    code: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    timed_out: bool = False


def _tree_pss(root: int) -> int:
    """The memory in bytes of a process and all its descendants (summed PSS, from /proc)."""
    parent: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, ppid in parent.items():
            if ppid == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    # PSS, not RSS: forked workers share their parent's pages, which RSS counts twice
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                rollup = handle.read()
        except OSError:
            continue
        found = re.search(rb"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(found.group(1)) * 1024 if found else 0
    return total


def run_measured(
    cmd: Sequence[str], *, stdin: str = "", timeout: float, cwd: Path | None = None
) -> Run:
    """Run `cmd`, sampling the memory of its process tree; kill it after `timeout` seconds.

    The peak is the larger of the sampled sum over the tree and the kernel's maximum RSS of
    the largest single process (which catches a peak shorter than the 0.1 s sampling).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        with tempfile.TemporaryFile() as feed:
            feed.write(stdin.encode())
            feed.seek(0)
            start = time.perf_counter()
            proc = subprocess.Popen(
                list(cmd), stdin=feed, stdout=out, stderr=err, cwd=cwd, start_new_session=True
            )
        peak = 0
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_pss(proc.pid))
            if time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss * 1024)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            seconds,
            peak / 2**20,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            timed_out,
        )


@dataclass
class ToolResult:
    """What one tool answered per file, with its timings, peak memory and any failure."""

    tool: str
    answers: dict[str, str | None] = field(default_factory=dict)  # rel -> its answer
    seconds: dict[str, float] = field(default_factory=dict)  # rel -> seconds on that file
    extra: dict[str, Any] = field(default_factory=dict)  # rel -> what else it reported
    phases: dict[str, float] = field(default_factory=dict)  # label -> seconds
    wall: float = 0.0
    peak_mb: float = 0.0
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    vocabulary: frozenset[str] | None = None  # the keys or SPDX ids it knows, when listed


def _failure(tool: str, run: Run, what: str) -> ToolResult:
    tail = (run.stderr.strip().splitlines() or ["no output"])[-1][:160]
    reason = f"timed out after {run.seconds:.0f} s" if run.timed_out else f"exit {run.code}"
    return ToolResult(tool, error=f"{what} failed ({reason}): {tail}", wall=run.seconds)


def _from_worker(tool: str, run: Run) -> ToolResult:
    try:
        data = json.loads(run.stdout)
    except json.JSONDecodeError:
        return _failure(tool, run, tool)
    if run.code != 0 or "error" in data:
        return ToolResult(tool, error=str(data.get("error", f"exit {run.code}")), wall=run.seconds)
    result = ToolResult(tool, wall=run.seconds, peak_mb=run.peak_mb)
    result.phases = {"load": data["load"], "per-call overhead": data["overhead"]}
    for rel, row in data["files"].items():
        result.answers[rel] = row["answer"]
        result.seconds[rel] = row["seconds"]
        result.extra[rel] = row.get("extra", {})
    return result


def run_licensecmp(samples_dir: Path, rels: list[str], timeout: float) -> ToolResult:
    """licensecmp's `identify.best_match` in a worker process of this script."""
    cmd = [sys.executable, __file__, "--worker", "licensecmp", "--samples", str(samples_dir)]
    return _from_worker("licensecmp", run_measured(cmd, stdin="\n".join(rels), timeout=timeout))


def run_askalono(samples_dir: Path, rels: list[str], timeout: float) -> ToolResult:
    """pyaskalono's `identify` in a worker process of this script, in askalono's venv."""
    if not ASKALONO_PYTHON.is_file():
        return ToolResult("askalono", error=f"not installed ({ASKALONO_PYTHON}): make bench-tools")
    cmd = [str(ASKALONO_PYTHON), __file__, "--worker", "askalono", "--samples", str(samples_dir)]
    return _from_worker("askalono", run_measured(cmd, stdin="\n".join(rels), timeout=timeout))


# Loads licensee once and detects each path as `licensee detect --json PATH` would
# (packages and README detection on), reporting the JSON field names it produced.
_LICENSEE_SCRIPT = r"""
require 'json'
t0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
require 'licensee'
load = Process.clock_gettime(Process::CLOCK_MONOTONIC) - t0
known = Licensee.licenses(hidden: true).map(&:spdx_id)
files = {}
STDIN.each_line do |line|
  path = line.strip
  next if path.empty?
  s = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  begin
    project = Licensee.project(path, detect_packages: true, detect_readme: true)
    h = JSON.parse(project.to_h.to_json)
    lic = project.license
    fields = h.keys + (h['licenses'] || []).flat_map { |l| l.keys.map { |k| "licenses[].#{k}" } }
    rules = (h['licenses'] || []).flat_map do |l|
      (l['rules'] || {}).flat_map { |kind, list| list.map { |r| "#{kind}:#{r['tag']}" } }
    end
    row = { answer: lic && lic.spdx_id, extra: { fields: fields.uniq, rules: rules,
            licenses: (h['licenses'] || []).map { |l| l['spdx_id'] } } }
  rescue StandardError => e
    row = { answer: nil, extra: { error: e.message } }
  end
  row[:seconds] = Process.clock_gettime(Process::CLOCK_MONOTONIC) - s
  files[path] = row
end
puts JSON.generate({ load: load, known: known, files: files })
"""


def run_licensee(samples_dir: Path, rels: list[str], timeout: float) -> ToolResult:
    """licensee (Debian's ruby-licensee), its library loaded once for all files."""
    ruby = shutil.which("ruby")
    if shutil.which("licensee") is None or ruby is None:
        return ToolResult(
            "licensee", error="not installed (no `licensee` on PATH): make bench-tools"
        )
    paths = [str(samples_dir / rel) for rel in rels]
    run = run_measured([ruby, "-e", _LICENSEE_SCRIPT], stdin="\n".join(paths), timeout=timeout)
    try:
        data = json.loads(run.stdout)
    except json.JSONDecodeError:
        return _failure("licensee", run, "licensee")
    result = ToolResult("licensee", wall=run.seconds, peak_mb=run.peak_mb)
    result.phases = {"load": data["load"]}
    result.vocabulary = frozenset(norm(spdx) for spdx in data["known"])
    for rel, path in zip(rels, paths, strict=True):
        row = data["files"][path]
        answer = row["answer"]
        result.answers[rel] = None if answer in (None, "NOASSERTION") else answer
        result.seconds[rel] = row["seconds"]
        result.extra[rel] = row["extra"]
    return result


_SCANCODE_PHASE = re.compile(r"^\s*(setup|scan|total)[^:\n]*:\s*([\d.]+)\s*s", re.MULTILINE)


def _top_expression(record: Mapping[str, Any]) -> str | None:
    """ScanCode's top-1 for a file: the expression of its matches covering the most words.

    Its matches are grouped into detections by position, so the `license: other` line of
    a model card and the license text below it make one detection `X AND
    unknown-license-reference`: the top-1 is X, the expression that explains the text.
    """
    words: dict[str, int] = {}
    score: dict[str, float] = {}
    for detection in record.get("license_detections") or ():
        for match in detection.get("matches") or ():
            expression = str(match.get("license_expression"))
            words[expression] = words.get(expression, 0) + int(match.get("matched_length", 0))
            score[expression] = max(score.get(expression, 0.0), float(match.get("score", 0)))
    if not words:
        return None
    return max(words, key=lambda e: (words[e], score[e], e))


def run_scancode(
    samples_dir: Path, rels: list[str], timeout: float, *, reindex: bool, processes: int
) -> ToolResult:
    """ScanCode once over a directory holding the files; the index build timed apart."""
    bin_dir = SCANCODE_VENV / "bin"
    if not (bin_dir / "scancode").is_file():
        return ToolResult("scancode", error=f"not installed ({bin_dir}): make bench-tools")
    phases: dict[str, float] = {}
    notes: list[str] = []
    if reindex:
        run = run_measured([str(bin_dir / "scancode-reindex-licenses")], timeout=timeout)
        if run.code != 0:
            return _failure("scancode", run, "scancode-reindex-licenses")
        phases["index build"] = run.seconds
    else:
        notes.append("index build not timed (--no-scancode-reindex): its cached index was used")
    # ScanCode scans a directory: link the chosen files into one of their own
    chosen = samples_dir.parent / "scancode-input"
    shutil.rmtree(chosen, ignore_errors=True)
    for rel in rels:
        (chosen / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(samples_dir / rel, chosen / rel)
    out = samples_dir.parent / "scancode.json"
    cmd = [str(bin_dir / "scancode"), "--license", "--timing", "--json", str(out)]
    cmd += ["-n", str(processes), "--timeout", "300", str(chosen)]
    run = run_measured(cmd, timeout=timeout)
    if run.code != 0 or not out.is_file():
        return _failure("scancode", run, "scancode")
    for label, seconds in _SCANCODE_PHASE.findall(run.stderr):
        phases["index load" if label == "setup" else label] = float(seconds)
    data = json.loads(out.read_text())
    licenses = SCANCODE_VENV.glob("lib/python*/site-packages/licensedcode/data/licenses/*.LICENSE")
    result = ToolResult("scancode", wall=run.seconds, peak_mb=run.peak_mb, phases=phases)
    result.vocabulary = frozenset(norm(path.stem) for path in licenses)
    result.notes = notes
    base = chosen.name
    for record in data.get("files", ()):
        if record.get("type") != "file":
            continue
        rel = record["path"].removeprefix(base + "/")
        result.answers[rel] = _top_expression(record)
        timings = record.get("scan_timings") or {}
        result.seconds[rel] = float(sum(timings.values()))
        fields = sorted(record)
        fields += sorted(
            {
                f"matches[].{k}"
                for d in record.get("license_detections") or ()
                for m in d.get("matches") or ()
                for k in m
            }
        )
        result.extra[rel] = {
            "fields": fields,
            "expression": record.get("detected_license_expression"),
            "errors": record.get("scan_errors") or [],
        }
    for rel in rels:
        if rel not in result.answers:
            result.answers[rel] = None
            result.notes.append(f"no record for {rel}")
    return result


# --- workers (run in a child process: only the stdlib is imported at the top) ----------------


def _worker(tool: str, samples_dir: Path) -> int:
    rels = [line.strip() for line in sys.stdin if line.strip()]
    start = time.perf_counter()
    identify_one: Callable[[Path], tuple[str | None, dict[str, Any]]]
    try:
        if tool == "licensecmp":
            from licensecmp.identify import best_match, load_index
            from licensecmp.text import to_document

            load_index()

            def identify_one(path: Path) -> tuple[str | None, dict[str, Any]]:
                text = to_document(path.read_bytes(), str(path), suffix=path.suffix).text
                found = best_match(text)
                return (found.key, {"similarity": found.similarity}) if found else (None, {})

        else:
            import askalono  # type: ignore[import-not-found]  # askalono's own venv

            askalono.identify("warm up the embedded license store")

            def identify_one(path: Path) -> tuple[str | None, dict[str, Any]]:
                found = askalono.identify(path.read_text("utf-8", "replace"))
                return str(found.name), {"score": float(found.score)}

    except Exception as exc:  # any failure becomes the tool's row, never a crash
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 0
    load = time.perf_counter() - start
    # the cost of a call on a one-line text: pyaskalono loads its store anew on every call
    tiny = samples_dir / "one-line.txt"
    tiny.write_text("Nothing to see in this short line.\n")
    begin = time.perf_counter()
    for _ in range(3):
        identify_one(tiny)
    overhead = (time.perf_counter() - begin) / 3
    files: dict[str, dict[str, Any]] = {}
    for rel in rels:
        begin = time.perf_counter()
        try:
            answer, extra = identify_one(samples_dir / rel)
        except Exception as exc:
            answer, extra = None, {"error": f"{type(exc).__name__}: {exc}"}
        files[rel] = {"answer": answer, "extra": extra, "seconds": time.perf_counter() - begin}
    print(json.dumps({"load": load, "overhead": overhead, "files": files}))
    return 0


# --- scoring and tables --------------------------------------------------------------------


def norm(name: str) -> str:
    """A license name to compare: lower case, `LicenseRef-scancode-` and version suffixes off.

    `-only`, `-or-later`, `+` and ScanCode's `-plus` variants count as the same license.
    """
    name = name.strip().lower().removeprefix("licenseref-scancode-")
    for suffix in ("-only", "-or-later", "+", "-plus"):
        name = name.removesuffix(suffix)
    return name


@dataclass(frozen=True)
class Expected:
    """The right answers for a sample: in ScanCode keys and in SPDX ids (none: unanswerable)."""

    keys: frozenset[str]
    spdx: frozenset[str]


def expected_of(corpus: Corpus, key: str) -> Expected:
    """The names that are right for a file made from `key` (and any identical text)."""
    same = corpus.same.get(key, frozenset({key}))
    spdx = set()
    for other in same:
        spdx_id = corpus.rows[other].get("spdx_license_key") or ""
        if spdx_id and not spdx_id.lower().startswith("licenseref-"):
            spdx.add(norm(spdx_id))
    return Expected(frozenset(norm(k) for k in same), frozenset(spdx))


@dataclass
class Score:
    """Top-1 of one tool on one set."""

    right: int = 0
    answerable: int = 0
    unanswerable: int = 0
    named_anyway: int = 0  # unanswerable files the tool still gave a license name for
    seconds: float = 0.0
    files: int = 0

    def label(self) -> str:
        """`right/answerable (percent)`."""
        if not self.answerable:
            return "-"
        return f"{self.right}/{self.answerable} ({100 * self.right / self.answerable:.1f}%)"


def score(corpus: Corpus, samples: list[Sample], result: ToolResult) -> dict[str, Score]:
    """Top-1 per set (and per group over all its variants) of one tool's answers."""
    scores: dict[str, Score] = {}
    for sample in samples:
        if sample.rel not in result.answers:
            continue
        expected = expected_of(corpus, sample.key)
        answer = result.answers[sample.rel]
        right_names = expected.spdx if result.tool in SPDX_TOOLS else expected.keys
        for name in (sample.set_name, f"{sample.group}/all"):
            row = scores.setdefault(name, Score())
            row.files += 1
            row.seconds += result.seconds.get(sample.rel, 0.0)
            if not right_names:
                row.unanswerable += 1
                row.named_anyway += answer is not None
                continue
            row.answerable += 1
            row.right += answer is not None and norm(answer) in right_names
    return scores


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A plain text table, columns left-aligned, numbers right-aligned."""
    body = [list(headers), *[list(row) for row in rows]]
    widths = [max(len(row[i]) for row in body) for i in range(len(headers))]
    numeric = re.compile(r"^[\d.,x%/() -]+$")

    def line(row: list[str]) -> str:
        cells = [
            cell.rjust(width) if numeric.match(cell) and i else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(body[0]), rule, *(line(row) for row in body[1:])])


def main_table(
    corpus: Corpus, samples: list[Sample], results: dict[str, ToolResult]
) -> tuple[str, dict[str, dict[str, Score]]]:
    """The set x tool table; a failed tool gets its reason in one row."""
    set_names = [f"{g}/{v}" for g in ("model", "osi") for v in (*VARIANTS, "all")]
    all_scores = {tool: score(corpus, samples, results[tool]) for tool in TOOLS}
    rows = []
    for set_name in set_names:
        for tool in TOOLS:
            result = results[tool]
            if result.error:
                if set_name == set_names[0]:
                    rows.append([set_name, tool, "FAILED (see below)", "", "", "", ""])
                continue
            row = all_scores[tool].get(set_name)
            if row is None:
                continue
            rows.append(
                [
                    set_name,
                    tool,
                    row.label(),
                    f"{row.unanswerable} ({row.named_anyway} named)" if row.unanswerable else "0",
                    str(row.files),
                    f"{row.seconds:.2f}",
                    f"{result.peak_mb:.0f}",
                ]
            )
    headers = ["set", "tool", "top-1 right", "n/a", "files", "time s", "peak MB"]
    return table(headers, rows), all_scores


def totals_table(results: dict[str, ToolResult]) -> str:
    """Per tool: files, phases, wall time of the whole process, peak memory, ratios."""
    base = results["licensecmp"]
    base_files = sum(base.seconds.values()) if not base.error else 0.0
    rows = []
    for tool in TOOLS:
        result = results[tool]
        if result.error:
            rows.append([tool, "FAILED", "", "", "", "", ""])
            continue
        per_file = sum(result.seconds.values())
        phases = ", ".join(f"{k} {v:.{3 if v < 1 else 1}f} s" for k, v in result.phases.items())
        rows.append(
            [
                tool,
                str(len(result.answers)),
                phases,
                f"{per_file:.2f}",
                f"{result.wall:.1f}",
                f"{result.peak_mb:.0f}",
                f"{per_file / base_files:.1f}x" if base_files else "-",
                f"{result.wall / base.wall:.1f}x" if base.wall and not base.error else "-",
            ]
        )
    headers = [
        "tool",
        "files",
        "phases",
        "files s",
        "wall s",
        "peak MB",
        "files s / licensecmp",
        "wall / licensecmp",
    ]
    for row in rows:
        row += [""] * (len(headers) - len(row))
    return table(headers, rows)


def vocabulary_note(corpus: Corpus, samples: list[Sample], result: ToolResult) -> str:
    """How many expected licenses a tool knows, and its top-1 on the files of those."""
    vocabulary = result.vocabulary or frozenset()
    wanted: set[str] = set()
    right = files = 0
    for sample in samples:
        expected = expected_of(corpus, sample.key)
        names = expected.spdx if result.tool in SPDX_TOOLS else expected.keys
        wanted |= names
        if sample.rel not in result.answers or not names & vocabulary:
            continue
        files += 1
        answer = result.answers[sample.rel]
        right += answer is not None and norm(answer) in names
    known = len(wanted & vocabulary)
    return (
        f"{result.tool} lists {len(vocabulary)} licenses, {known} of the {len(wanted)} "
        f"expected here; top-1 on the {files} files of those: {right}/{files}"
    )


def misses_note(corpus: Corpus, samples: list[Sample], result: ToolResult) -> str:
    """The corpus keys a tool got wrong on answerable files, most often first."""
    missed: dict[str, int] = {}
    for sample in samples:
        expected = expected_of(corpus, sample.key)
        names = expected.spdx if result.tool in SPDX_TOOLS else expected.keys
        answer = result.answers.get(sample.rel, "")
        if sample.rel in result.answers and names and (answer is None or norm(answer) not in names):
            missed[sample.key] = missed.get(sample.key, 0) + 1
    ranked = sorted(missed.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{key} x{count}" for key, count in ranked[:12])
    more = f", and {len(ranked) - 12} more" if len(ranked) > 12 else ""
    return f"{result.tool} missed {len(ranked)} licenses: {shown or 'none'}{more}"


def restriction_flags(path: Path) -> list[str]:
    """The restriction flags licensecmp's analyser finds in a text."""
    from licensecmp.sources import analyze_bytes

    analysis = analyze_bytes(path.read_bytes(), path.name)
    return [flag.id for flag in analysis.flags if str(flag.kind) == "restriction"]


def showcase_table(samples_dir: Path, results: dict[str, ToolResult]) -> str:
    """What each tool reports for four model licenses (exact text), beyond a license name."""
    rows = []
    for key in SHOWCASE:
        rel = f"model/exact/{key}/LICENSE"
        if not (samples_dir / rel).is_file():
            continue  # a --first run without it
        for tool in TOOLS:
            result = results[tool]
            if result.error:
                rows.append([key, tool, "FAILED", "", ""])
                continue
            extra = result.extra.get(rel, {})
            answer = result.answers.get(rel, "not scanned")
            if answer is None and extra.get("licenses"):
                answer = f"None ({', '.join(extra['licenses'])})"
            if tool == "licensecmp":
                try:
                    flags = restriction_flags(samples_dir / rel)
                except Exception as exc:  # the analyser failing is a finding, not a crash
                    flags = [f"error: {exc}"]
                fields = ["key", "similarity", "flags (analyze)"]
                beyond = f"restrictions: {', '.join(flags) or 'none'}"
            else:
                fields = list(extra.get("fields") or (sorted(extra) if extra else []))
                clause = [f for f in fields if f.rsplit(".", 1)[-1] in CLAUSE_FIELDS]
                rules = extra.get("rules") or []
                if rules:
                    beyond = f"generic rules of the license named: {', '.join(rules)}"
                elif clause:
                    beyond = f"fields {', '.join(clause)} present but empty"
                else:
                    beyond = "none"
            shown = ", ".join(fields) if len(fields) <= 6 else f"{len(fields)} fields"
            rows.append([key, tool, str(answer) if answer else "None", shown, beyond])
    return table(["license", "tool", "answer", "JSON fields", "beyond a name"], rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / ".cache" / "corpus")
    parser.add_argument(
        "--scancode-every",
        type=int,
        default=1,
        help="ScanCode reads every k-th file only (deterministic sample) when it is too slow",
    )
    parser.add_argument(
        "--no-scancode-reindex",
        action="store_true",
        help="skip timing ScanCode's index build (about 2.5 minutes on 2 cores)",
    )
    parser.add_argument("--processes", type=int, default=2, help="ScanCode's -n")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per tool step")
    parser.add_argument(
        "--first", type=int, help="only the first N keys of each set (a quick check, not a result)"
    )
    parser.add_argument("--keep", type=Path, help="write the samples and raw answers here")
    parser.add_argument("--worker", choices=("licensecmp", "askalono"), help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return _worker(args.worker, args.samples)
    if not (args.corpus / "index.json").is_file():
        print(f"error: no corpus at {args.corpus}; run `make corpus`", file=sys.stderr)
        return 2
    started = time.perf_counter()
    corpus = load_corpus(args.corpus)
    work = args.keep or Path(tempfile.mkdtemp(prefix="identify-compare-"))
    try:
        samples_dir = work / "samples"
        shutil.rmtree(samples_dir, ignore_errors=True)
        samples, notes = write_samples(corpus, samples_dir, args.first)
        rels = [sample.rel for sample in samples]
        every = max(1, args.scancode_every)
        showcase = {f"model/exact/{key}/LICENSE" for key in SHOWCASE}
        scancode_rels = [r for i, r in enumerate(rels) if i % every == 0 or r in showcase]
        print(f"{len(samples)} files in {samples_dir}: ", end="")
        print(", ".join(f"{k} {v}" for k, v in notes.items()), flush=True)
        results: dict[str, ToolResult] = {}
        for tool in TOOLS:
            step = time.perf_counter()
            print(f"running {tool} ...", end=" ", flush=True)
            try:
                if tool == "licensecmp":
                    results[tool] = run_licensecmp(samples_dir, rels, args.timeout)
                elif tool == "askalono":
                    results[tool] = run_askalono(samples_dir, rels, args.timeout)
                elif tool == "licensee":
                    results[tool] = run_licensee(samples_dir, rels, args.timeout)
                else:
                    results[tool] = run_scancode(
                        samples_dir,
                        scancode_rels,
                        args.timeout,
                        reindex=not args.no_scancode_reindex,
                        processes=args.processes,
                    )
            except Exception as exc:  # a broken tool is a row, not a crash
                results[tool] = ToolResult(tool, error=f"{type(exc).__name__}: {exc}")
            print(f"{time.perf_counter() - step:.1f} s", flush=True)
        print()
        print("Top-1 identification (n/a: the expected license has no id in the tool's naming;")
        print("time: sum of per-file times; peak: memory of the tool's whole process tree)")
        main_text, _ = main_table(corpus, samples, results)
        print(main_text)
        print()
        print("Per tool (ratios: this tool's time over licensecmp's)")
        print(totals_table(results))
        notes_out = [f"{tool} FAILED: {r.error}" for tool, r in results.items() if r.error]
        if every > 1:
            notes_out.append(
                f"scancode read every {every}th file only, plus the four of the last table "
                f"({len(scancode_rels)} of {len(rels)} files)"
            )
        for tool in TOOLS:
            result = results[tool]
            notes_out += [f"{tool}: {note}" for note in result.notes[:5]]
            if result.vocabulary is not None and not result.error:
                notes_out.append(vocabulary_note(corpus, samples, result))
            if not result.error:
                notes_out.append(misses_note(corpus, samples, result))
            if tool == "scancode" and not result.error:
                strict = sum(
                    norm(str(result.extra[s.rel].get("expression")))
                    in expected_of(corpus, s.key).keys
                    for s in samples
                    if s.rel in result.extra
                )
                notes_out.append(
                    f"scancode with its whole detected_license_expression as the answer: "
                    f"{strict}/{len(result.answers)} right"
                )
        if notes_out:
            print("\n".join(f"note: {note}" for note in notes_out))
        print()
        print("What each tool reports for model licenses (exact text), beyond a license name")
        print(showcase_table(samples_dir, results))
        if args.keep:
            raw = {
                tool: {"error": r.error, "answers": r.answers, "seconds": r.seconds}
                for tool, r in results.items()
            }
            (work / "answers.json").write_text(json.dumps(raw, indent=1, sort_keys=True))
        print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
