"""The command line: the only module that imports typer.

Each command parses its options, calls one core function, renders, writes, and maps
the result to an exit code (SPEC.md, "Exit codes"). Core errors become one line on
stderr and exit 2.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from licensecmp import __version__
from licensecmp.errors import LicensecmpError
from licensecmp.render import Format
from licensecmp.text import DEFAULT_MAX_BYTES

app = typer.Typer(
    name="licensecmp",
    help=(
        "Read licenses clause by clause and say what they grant, require and forbid.\n\n"
        "Every flag cites its clause and the words that raised it. Exit codes: 0 success, "
        "2 bad usage or unreadable input."
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


@app.command()
def analyze(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="License files, model directories, or - for standard input.", show_default=False
        ),
    ],
    *,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="text (a table), json (schema licensecmp/analysis/v1) or markdown.",
        ),
    ] = Format.TEXT,
    clauses: Annotated[
        bool,
        typer.Option(
            "--clauses", help="Also print the clause tree with the flags each clause holds."
        ),
    ] = False,
    show_text: Annotated[
        bool,
        typer.Option(
            "--show-text", help="Print the normalised text that offsets refer to, and stop."
        ),
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes.")
    ] = DEFAULT_MAX_BYTES,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour the verdict; default: only on a terminal.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Analyse license texts: every clause type with its clause and evidence, and the
    Open Source Definition verdict.

    Examples:

        licensecmp analyze LICENSE

        licensecmp analyze --format json models/llama-3.1-8b

        curl -s URL | licensecmp analyze -
    """
    from licensecmp.sources import analyze_source, load

    stdin = sys.stdin.buffer.read(max_bytes + 1) if "-" in sources else None
    try:
        if show_text:
            for spec in sources:
                typer.echo(load(spec, stdin=stdin, max_bytes=max_bytes).document.text)
            return
        analyses = [analyze_source(s, stdin=stdin, max_bytes=max_bytes) for s in sources]
    except LicensecmpError as exc:
        raise _fail(str(exc)) from None
    if output_format is Format.JSON:
        from licensecmp.render import json as render_json

        out = render_json.render(analyses)
    elif output_format is Format.MARKDOWN:
        from licensecmp.render import markdown

        out = markdown.render(analyses, clauses=clauses)
    else:
        from licensecmp.render import text

        out = text.render(analyses, clauses=clauses, color=_use_color(color))
    sys.stdout.write(out)


def main() -> None:
    """Console-script entry point."""
    app()
