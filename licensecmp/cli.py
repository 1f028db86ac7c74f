"""The command line: the only module that imports typer.

Each command parses its options, calls one core function, renders, writes, and maps
the result to an exit code (SPEC.md, "Exit codes"). Core errors become one line on
stderr and exit 2.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
import typer.core

from licensecmp import __version__
from licensecmp.errors import LicensecmpError
from licensecmp.render import Format
from licensecmp.text import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from licensecmp.analysis import Analysis
    from licensecmp.sources import Options

# The help is plain text (rich_markup_mode=None below), but typer escapes the brackets of
# "[default: text]" for rich whenever rich is installed, which prints "\\[default: text]".
typer.core.HAS_RICH = False

app = typer.Typer(
    name="licensecmp",
    help=(
        "Read licenses clause by clause and say what they grant, require and forbid.\n\n"
        "Every flag cites its clause and the words that raised it. Exit codes: 0 success, "
        "1 check found a policy violation, 2 bad usage or unreadable input."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"licensecmp {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Read licenses clause by clause and say what they grant, require and forbid."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _use_color(option: bool | None) -> bool:
    return sys.stdout.isatty() if option is None else option


def _texts_dir() -> Path:
    """Where `texts pull` put the reference texts: $LICENSECMP_TEXTS or the user cache."""
    env = os.environ.get("LICENSECMP_TEXTS")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError, OSError):
            # a user with no home directory (a service account, a bare container)
            base = os.path.join(tempfile.gettempdir(), f"licensecmp-{os.getuid()}")
    return Path(base) / "licensecmp" / "corpus"


def _stdin(sources: Sequence[str], max_bytes: int) -> bytes | None:
    """Standard input, read once (up to one byte past the limit), when a source is `-`."""
    if "-" not in sources:
        return None
    if sys.stdin is None:
        raise _fail("-: standard input is closed")
    try:
        return sys.stdin.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise _fail(f"-: cannot read standard input ({exc})") from None


def _texts_to_read() -> Path:
    """The reference texts commands read: $LICENSECMP_TEXTS; else the user cache, once
    `texts pull` has filled it; else, in a source checkout, the corpus `make corpus` (and
    `make demo`) built under `.cache/corpus`, so a fresh clone's commands use it at once."""
    chosen = _texts_dir()
    if os.environ.get("LICENSECMP_TEXTS") or (chosen / "texts").is_dir():
        return chosen
    checkout = Path(__file__).resolve().parent.parent
    built = checkout / ".cache" / "corpus"
    if (checkout / "pyproject.toml").is_file() and (built / "texts").is_dir():
        return built
    return chosen


def _options(max_bytes: int) -> Options:
    from licensecmp.sources import Options

    return Options(max_bytes=max_bytes, texts=_texts_to_read())


def _write(output_format: Format, out: dict[Format, Callable[[], str]]) -> None:
    _print(out[output_format](), json=output_format == "json")


def _print(document: str, *, json: bool = False) -> None:
    """Write a document to stdout in whatever encoding it has: characters it cannot hold
    become escapes (`\\u00e9` in JSON, which stays valid JSON; `\\xe9` elsewhere)."""
    from licensecmp.render import writing

    safe = writing.for_output(document, json=json)
    sys.stdout.write(writing.encodable(safe, sys.stdout.encoding, json=json))


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="text (a table), json or markdown."),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Processes analysing distinct texts in parallel (default: the cores). "
        "The output is the same for any number.",
        show_default=False,
    ),
]
SourcesArgument = Annotated[
    list[str],
    typer.Argument(
        help="License files, model directories, known license ids, or - for standard input.",
        show_default=False,
    ),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes.")
]


@app.command()
def analyze(
    sources: SourcesArgument,
    *,
    output_format: FormatOption = Format.TEXT,
    clauses: Annotated[
        bool, typer.Option("--clauses", help="Also print the clause tree with each clause's flags.")
    ] = False,
    show_text: Annotated[
        bool,
        typer.Option("--show-text", help="Print the normalised text offsets refer to, and stop."),
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the verdict; default: only on a terminal.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Analyse licenses: every clause type with its clause and evidence, the Open Source
    Definition verdict, the license the text is, and its nearest OSI-approved license.

    Examples:

        licensecmp analyze LICENSE

        licensecmp analyze --format json models/llama-3.1-8b

        licensecmp analyze llama-3.1 gemma

        curl -s URL | licensecmp analyze -
    """
    from licensecmp.sources import load

    options = _options(max_bytes)
    stdin = _stdin(sources, max_bytes)
    try:
        if show_text:
            for spec in sources:
                typer.echo(load(spec, stdin=stdin, options=options).document.text)
            return
        analyses = _analyse_all(sources, options, stdin)
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None

    def as_json() -> str:
        from licensecmp.render import json as render_json

        return render_json.render(analyses)

    def as_markdown() -> str:
        from licensecmp.render import markdown

        return markdown.render(analyses, clauses=clauses)

    def as_text() -> str:
        from licensecmp.render import text

        return text.render(analyses, clauses=clauses, color=_use_color(color))

    _write(
        output_format, {Format.JSON: as_json, Format.MARKDOWN: as_markdown, Format.TEXT: as_text}
    )


@app.command()
def compare(
    a: Annotated[
        str,
        typer.Argument(
            help="License A: a known id, file, model directory or -.", show_default=False
        ),
    ],
    b: Annotated[
        str, typer.Argument(help="License B, the same kinds of source.", show_default=False)
    ],
    *,
    output_format: FormatOption = Format.TEXT,
    only_diff: Annotated[
        bool, typer.Option("--only-diff", help="Keep only the rows that differ.")
    ] = False,
    text: Annotated[
        bool, typer.Option("--text", help="Show the word-level diff of each changed clause.")
    ] = False,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Compare two licenses clause by clause: each side's verdict, a one-sentence summary,
    and one row per flag either has, with its clause and params (700M vs 100M users).
    On a terminal the table is drawn in colour; piped, it is plain text.

    Examples:

        licensecmp compare llama-3.1 apache-2.0

        licensecmp compare --only-diff LICENSE mit

        licensecmp compare -f json llama-2 llama-3.1
    """
    from licensecmp.compare import compare as compare_analyses
    from licensecmp.knowledge import load as load_knowledge
    from licensecmp.sources import analyze_source

    options = _options(max_bytes)
    stdin = _stdin((a, b), max_bytes)
    try:
        comparison = compare_analyses(
            analyze_source(a, stdin=stdin, options=options),
            analyze_source(b, stdin=stdin, options=options),
            load_knowledge(options.knowledge),
        )
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    from licensecmp.render import compare as render_compare

    _write(
        output_format,
        {
            Format.JSON: lambda: render_compare.render_json(comparison, only_diff=only_diff),
            Format.MARKDOWN: lambda: render_compare.render_markdown(
                comparison, only_diff=only_diff, words=text
            ),
            Format.TEXT: lambda: (
                render_compare.render_rich(comparison, only_diff=only_diff, words=text)
                if sys.stdout.isatty()
                else render_compare.render_text(comparison, only_diff=only_diff, words=text)
            ),
        },
    )


@app.command()
def identify(
    source: Annotated[
        str,
        typer.Argument(
            help="A license file, model directory, or - for standard input.", show_default=False
        ),
    ],
    *,
    output_format: FormatOption = Format.TEXT,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many candidates.")] = 5,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Name the license of a text: the closest known licenses with their similarity.

    Example:

        licensecmp identify LICENSE
    """
    from licensecmp import identify as identification
    from licensecmp.knowledge import load as load_knowledge
    from licensecmp.sources import load, prepare

    stdin = _stdin((source,), max_bytes)
    options = _options(max_bytes)
    try:
        known = source != "-" and not Path(source).exists()
        if known and load_knowledge(options.knowledge).get(source) is not None:
            # a known id, as every command takes one: its reference text, when pulled
            prepared = prepare(source, stdin=None, options=options)
            if prepared.loaded is None:
                raise LicensecmpError(
                    f"{source}: a known license id whose reference text is not here; run "
                    f"'licensecmp texts pull' to identify it by its text, or see "
                    f"'licensecmp licenses show {source}'"
                )
            text = prepared.loaded.document.text
        else:
            text = load(source, stdin=stdin, options=options).document.text
        candidates = identification.identify(text, limit=limit)
        threshold = identification.best_match(text)
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    from licensecmp.render import listing

    _write(
        output_format,
        {
            Format.JSON: lambda: listing.candidates_json(source, candidates, threshold),
            Format.MARKDOWN: lambda: listing.candidates_table(
                source, candidates, threshold, "github"
            ),
            Format.TEXT: lambda: listing.candidates_table(source, candidates, threshold, "simple"),
        },
    )


def _progress(count: int) -> Callable[[int, int, str], None] | None:
    """A progress bar on stderr for runs over more than a few sources, on a terminal only."""
    if count <= 3 or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, name: str) -> None:
        width = 24
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r[{bar}] {done}/{total} texts  {name[-40:]:<40}{end}")
        sys.stderr.flush()

    return show


def _analyse_all(
    sources: Sequence[str], options: Options, stdin: bytes | None, jobs: int | None = None
) -> list[Analysis]:
    """Every source analysed in order, each distinct text once (in parallel when there are
    many), with a progress bar on a terminal."""
    from licensecmp.batch import analyze_all

    return analyze_all(
        sources, stdin=stdin, options=options, jobs=jobs, progress=_progress(len(sources))
    )


class ReportFormat(StrEnum):
    """The formats of `report`."""

    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def report(
    sources: SourcesArgument,
    *,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (only once every source was read); "
            "default: standard output.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="A date to print in the report (none by default, so reports are reproducible).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="markdown (the report) or json (the same facts)."),
    ] = ReportFormat.MARKDOWN,
    jobs: JobsOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Write a Markdown report a reviewer can read, commit and link: per source the
    verdict in plain words, the duties as a checklist, every flag with its evidence, the
    ten OSD criteria, the nearest OSI-approved license, the thresholds explained, facts
    from the knowledge base and the clause outline. Several sources start with a summary
    matrix (sources x restrictions, licensor rights and AI duties).

    Examples:

        licensecmp report llama-3.1 -o llama-3.1.md

        licensecmp report models/*/ --date 2026-11-28 -o MODEL-LICENSES.md

        licensecmp report LICENSE gemma qwen apache-2.0
    """
    from licensecmp.knowledge import load as load_knowledge
    from licensecmp.report import build

    options = _options(max_bytes)
    stdin = _stdin(sources, max_bytes)
    try:
        with_nearest = replace(options, known_nearest=True)
        analyses = _analyse_all(sources, with_nearest, stdin, jobs)
        built = build(analyses, load_knowledge(options.knowledge))
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    if output_format is ReportFormat.JSON:
        from licensecmp.render import report_json

        document = report_json.render(built, date=date)
    else:
        from licensecmp.render import report as render_report

        document = render_report.render(built, date=date)
    if output is None:
        _print(document, json=output_format == "json")
        return
    from licensecmp.render import writing

    try:
        writing.write_atomic(output, writing.for_output(document, json=output_format == "json"))
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    typer.echo(f"wrote {output} ({len(built.sources)} source(s))", err=True)


class CheckFormat(StrEnum):
    """The formats of `check` (a test walks every one)."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    CSV = "csv"
    MARKDOWN = "markdown"


class FailOn(StrEnum):
    """What makes `check` exit 1: a failing subject, or a warning too."""

    ERROR = "error"
    WARNING = "warning"


# Files that are documents of their own, not a part of a model directory.
_DOCUMENT_SUFFIXES = (
    ".spdx",
    ".spdx.json",
    ".spdx.yaml",
    ".spdx.yml",
    ".spdx.rdf",
    ".spdx.xml",
    ".spdx.rdf.xml",
    ".spdx3.json",
    ".cdx.json",
    ".bom.json",
    ".cdx.xml",
)


def _folders_of(sources: Sequence[str]) -> list[str]:
    """Each file named by the folder it is in, once, in order of first mention: a changed
    LICENSE is judged with the model card beside it. Folders, ids, `-` and SBOM documents
    stay as they are."""
    out: list[str] = []
    for source in sources:
        path = Path(source)
        keep = not path.is_file() or source.lower().endswith(_DOCUMENT_SUFFIXES)
        folder = source if keep else str(path.parent) + os.sep
        if folder not in out:
            out.append(folder)
    return out


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"--today: {value!r} is not a date (YYYY-MM-DD)") from None


@app.command()
def check(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Model directories, license files, SPDX documents, known license ids, or - "
            "(default: the [[model]] list of the policy file).",
            show_default=False,
        ),
    ] = None,
    *,
    policy_file: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            "-p",
            help="The policy (TOML). Default: licensecmp.toml or [tool.licensecmp] in "
            "pyproject.toml, found walking up from here; else deny every restriction and "
            "warn on licensor rights.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json (licensecmp/check/v1), sarif, junit, csv (one row per subject) "
            "or markdown (the job summary).",
        ),
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a subject fails (error, the default) or also when one only "
            "warns (warning).",
        ),
    ] = FailOn.ERROR,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print only the subjects that fail or warn, and the totals."
        ),
    ] = False,
    folders: Annotated[
        bool,
        typer.Option(
            "--folders",
            help="Judge the folder each named file is in (its model directory: the license "
            "with the model card beside it), once per folder; SBOM documents stay "
            "themselves. For hooks that pass changed files.",
        ),
    ] = False,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore",
            help="Leave out the subjects that match this glob (the subject, or an SBOM "
            "component's name@version after '#'); repeatable. The totals count them.",
            show_default=False,
        ),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option(
            "--allow-empty",
            help="With no SOURCE and no [[model]] list, pass instead of exit 2 (for hooks "
            "that run in every repository).",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the --format output to this file; the text lines still go to stdout.",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            help='Append a Markdown summary to this file (e.g. "$GITHUB_STEP_SUMMARY").',
            show_default=False,
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            help="The date exceptions expire against (YYYY-MM-DD; default: today).",
            show_default=False,
        ),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour pass/warn/fail; default: only on a terminal.",
            show_default=False,
        ),
    ] = None,
    jobs: JobsOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
) -> None:
    """Gate model adoption in CI: judge each source by the policy and exit 0 when all
    pass, 1 when any fails, 2 on bad input or a bad policy. Every violation is reported,
    with its clause and the file and line of its evidence.

    Examples:

        licensecmp check models/*/

        licensecmp check --policy licensecmp.toml sbom.spdx.json

        licensecmp check -f sarif -o licensecmp.sarif --summary "$GITHUB_STEP_SUMMARY" models/*/
    """
    from licensecmp.gate import run
    from licensecmp.policy import Level, find_policy, load_policy

    specs = _folders_of(sources or []) if folders else sources or []
    options = _options(max_bytes)
    stdin = _stdin(specs, max_bytes)
    date = _today(today)

    try:
        found = policy_file if policy_file is not None else find_policy(Path.cwd())
        policy = load_policy(found, knowledge=options.knowledge)
        count = len(specs) or len(policy.models)
        if count == 0 and allow_empty:
            typer.echo("check passed (nothing to check: no SOURCE and no [[model]] list)")
            raise typer.Exit(0)
        gate = run(
            specs,
            policy,
            today=date,
            options=options,
            stdin=stdin,
            jobs=jobs,
            progress=_progress(count),
            ignore=tuple(ignore or ()),
        )
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    from licensecmp.render import check as render_check

    def formatted() -> str:
        if output_format is CheckFormat.JSON:
            from licensecmp.render import check_json

            return check_json.render(gate)
        if output_format is CheckFormat.SARIF:
            from licensecmp.render import sarif

            return sarif.render(gate)
        if output_format is CheckFormat.JUNIT:
            from licensecmp.render import junit

            return junit.render(gate)
        if output_format is CheckFormat.CSV:
            return render_check.render_csv(gate)
        if output_format is CheckFormat.MARKDOWN:
            return render_check.render_summary(gate)
        return text

    text = render_check.render_text(
        gate, color=_use_color(color), quiet=quiet, warnings_fail=fail_on is FailOn.WARNING
    )
    document = formatted()
    from licensecmp.render import writing

    try:
        if output is not None:
            as_json = output_format in (CheckFormat.JSON, CheckFormat.SARIF)
            writing.write_atomic(output, writing.for_output(document, json=as_json))
        if summary is not None:
            writing.append_atomic(summary, render_check.render_summary(gate))
    except OSError as exc:
        name = exc.filename or output or summary
        raise _fail(f"{name}: cannot write ({exc.strerror or exc})") from None
    as_json = output is None and output_format in (CheckFormat.JSON, CheckFormat.SARIF)
    _print(text if output is not None else document, json=as_json)
    warned = any(j.verdict.level is Level.WARN for j in gate.judged)
    failed = not gate.passed or (fail_on is FailOn.WARNING and warned)
    raise typer.Exit(1 if failed else 0)


licenses_app = typer.Typer(
    help="The bundled knowledge base: the licenses and policies licensecmp knows.",
    no_args_is_help=True,
)
app.add_typer(licenses_app, name="licenses")


class KindFilter(StrEnum):
    """Which entries `licenses list` shows."""

    MODEL = "model"
    OSI = "osi"
    ALL = "all"


@licenses_app.command("list")
def licenses_list(
    *,
    kind: Annotated[KindFilter, typer.Option("--kind", help="model, osi or all.")] = KindFilter.ALL,
    flag: Annotated[
        str | None, typer.Option("--flag", help="Only entries carrying this flag id.")
    ] = None,
    output_format: FormatOption = Format.TEXT,
) -> None:
    """List known licenses and policies, with their restrictions.

    Examples:

        licensecmp licenses list --kind model

        licensecmp licenses list --flag user-threshold --format json
    """
    from licensecmp.knowledge import load as load_knowledge
    from licensecmp.render import listing
    from licensecmp.taxonomy import flag_type

    try:
        if flag is not None:
            flag_type(flag)
        entries = [
            e
            for e in load_knowledge().entries
            if (kind is KindFilter.ALL or e.category == kind.value)
            and (flag is None or flag in e.flag_ids)
        ]
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    _write(
        output_format,
        {
            Format.JSON: lambda: listing.entries_json(entries),
            Format.MARKDOWN: lambda: listing.entries_table(entries, "github"),
            Format.TEXT: lambda: listing.entries_table(entries, "simple"),
        },
    )


@licenses_app.command("show")
def licenses_show(
    license_id: Annotated[
        str,
        typer.Argument(
            help="Any id, SPDX id, ScanCode key or Hugging Face id.", show_default=False
        ),
    ],
    *,
    output_format: FormatOption = Format.TEXT,
) -> None:
    """Show what the knowledge base records about one license: facts, flags, notes, policies.

    Example:

        licensecmp licenses show llama3.1
    """
    from licensecmp.knowledge import load as load_knowledge
    from licensecmp.render import listing

    try:
        kb = load_knowledge()
        entry = kb.get(license_id)
        if entry is None:
            close = kb.suggest(license_id)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise LicensecmpError(f"{license_id}: not a known license id{hint}")
        policies = list(kb.incorporated(entry))
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    _write(
        output_format,
        {
            Format.JSON: lambda: listing.entry_json(entry, policies),
            Format.MARKDOWN: lambda: listing.entry_markdown(entry, policies),
            Format.TEXT: lambda: listing.entry_text(entry, policies),
        },
    )


texts_app = typer.Typer(
    help="Reference texts of known licenses, for text-level features.", no_args_is_help=True
)
app.add_typer(texts_app, name="texts")


@texts_app.command("pull")
def texts_pull(
    *,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help="Directory for the texts (default: $LICENSECMP_TEXTS or "
            "~/.cache/licensecmp/corpus).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Fetch the reference license texts (the ScanCode LicenseDB, CC-BY-4.0) with pip.

    Known ids then carry evidence from their real text in analyze and compare.
    """
    from licensecmp import corpus

    target = into or _texts_dir()
    typer.echo(f"fetching {corpus.SCANCODE_REQUIREMENT} into {target} …", err=True)
    try:
        count = corpus.build(target)
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"{count} license texts in {target}")
    if into is not None and os.environ.get("LICENSECMP_TEXTS") != str(into):
        typer.echo(f"to read them, set LICENSECMP_TEXTS={into}", err=True)


def main() -> None:
    """Console-script entry point.

    Exit codes are the contract (SPEC.md): 0 and 1 are answers, 2 is "could not answer".
    An exception no command expected must not look like an answer (exit 1 is a failed
    check), nor print a traceback: it becomes one line on stderr and exit 2.
    """
    import click

    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except click.exceptions.NoArgsIsHelpError as exc:
        exc.show()  # `licensecmp` alone: the help, as before
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        # a usage error in one line, as every other error: what is wrong, where to look
        context = getattr(exc, "ctx", None)  # a UsageError knows its command
        command = context.command_path if context is not None else "licensecmp"
        what = " ".join(exc.format_message().split())
        sys.stderr.write(f"error: {what} (see '{command} --help')\n")
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last resort, by design
        what = " ".join(str(exc).split())[:300]
        sys.stderr.write(
            f"error: internal error ({type(exc).__name__}: {what}); "
            "please report it with the input that caused it\n"
        )
        sys.exit(2)
    # without standalone mode click returns what `typer.Exit` carried (None: success)
    sys.exit(code if isinstance(code, int) else 0)
