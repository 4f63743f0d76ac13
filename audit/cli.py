"""The ``social-audit`` command: a thin shell over ``audit.pipeline.run``.

Exit codes: 0 the scan completed (findings or not); 1 findings at or above ``--fail-on``; 2 a usage or
input error (nothing readable, an HTML export, an encrypted zip, a bad rule pack). Errors are one line
on stderr, never a traceback; logs and messages never contain post text.
"""

from __future__ import annotations

import logging
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from parsers import ArchiveError, open_exports
from rules import SEVERITIES, Engine, RuleError, Severity, regulators

from . import __version__
from .pipeline import NothingReadError, ScanOptions, ScanResult, run
from .report import OutputFormat, suffixes, write_report

# Regulator ids as a choice type, so typer checks them (case-insensitively) and lists them in --help.
Regulator = StrEnum("Regulator", {name.upper(): name for name in regulators()})  # type: ignore[misc]
FailOn = StrEnum("FailOn", {level.name: level.value for level in Severity if level is not Severity.INFO})  # type: ignore[misc]

DEFAULT_REPORT = Path("social-audit-report.xlsx")
DEFAULT_REGULATOR = Regulator("hcpc")


class _OneLineErrors(TyperGroup):
    """Report a bad option value or a missing argument in one line, like every other error (exit 2)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # click's UsageError, whether typer vendors click (0.2x) or depends on it: exit code 2 and a
            # message of its own.
            if getattr(exc, "exit_code", None) != 2 or not callable(getattr(exc, "format_message", None)):
                raise
            command = f"social-audit {ctx.invoked_subcommand or ''}".strip()
            message = exc.format_message().replace("Value error, ", "")  # typer's validation prefix
            typer.echo(f"social-audit: error: {message} (see: {command} --help)", err=True)
            raise typer.Exit(code=2) from None


app = typer.Typer(
    name="social-audit",
    cls=_OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # a traceback must never print someone's posts
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Flag old social media posts that may breach UK health and care professional standards. "
    "Reads Facebook, Instagram and X/Twitter data exports on this machine; nothing is sent anywhere.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"social-audit {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Flag old social media posts that may breach UK health and care professional standards."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"social-audit: error: {message}", err=True)
    return typer.Exit(code=2)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise _fail(f"{option} {value!r}: give a date as YYYY-MM-DD, e.g. 2019-01-31") from None


@app.command()
def scan(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Export .zip files or folders (several zips of one export may be given together)."
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help=f"Report file; its suffix picks the format: {suffixes()} (default .xlsx)."
        ),
    ] = DEFAULT_REPORT,
    regulator: Annotated[
        Regulator,
        typer.Option("--regulator", "-r", case_sensitive=False, help="Whose standards to cite."),
    ] = DEFAULT_REGULATOR,
    since: Annotated[str | None, typer.Option(help="Only items on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only items on or before this day (YYYY-MM-DD).")] = None,
    include_messages: Annotated[
        bool, typer.Option("--include-messages", help="Also check the direct messages you sent.")
    ] = False,
    all_items: Annotated[
        bool, typer.Option("--all", help="Put every item in the report, not only flagged ones.")
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            case_sensitive=False, help="Exit with code 1 when an item is flagged at this severity or above."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Run only these rules: ids (CONF003), names, prefixes (CONF) or categories; "
            "repeat or separate with commas.",
            rich_help_panel="Rules",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Leave out these rules (same forms as --select).", rich_help_panel="Rules"),
    ] = None,
    min_severity: Annotated[
        Severity,
        typer.Option(
            case_sensitive=False,
            help="Report items at or above this severity. 'info' adds photos and videos with no text, "
            "to check yourself.",
            rich_help_panel="Rules",
        ),
    ] = Severity.LOW,
    rules_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--rules", help="An extra rule pack (TOML) to run as well; repeatable.", rich_help_panel="Rules"
        ),
    ] = None,
    allow: Annotated[
        Path | None,
        typer.Option(
            help="A text file of phrases never to flag, one a line (e.g. your employer's name).",
            rich_help_panel="Rules",
        ),
    ] = None,
    watch: Annotated[
        Path | None,
        typer.Option(
            # rich reads [word] as markup, so the headings' brackets are escaped
            help="A text file of names that must not appear, one a line, under the headings \\[people], "
            "\\[colleagues] and \\[places] (see the README). Typos are found too.",
            rich_help_panel="Rules",
        ),
    ] = None,
    no_model: Annotated[
        bool,
        typer.Option(
            "--no-model",
            help="Run the rules alone, without the learned detector (faster; finds less).",
            rich_help_panel="Rules",
        ),
    ] = False,
) -> None:
    """Scan exports and write a report of the items to review.

    Example: social-audit scan twitter-2024.zip facebook-jo.zip -o report.xlsx

    Items without a date (X likes) are kept whatever --since/--until say. A bad rule pack, allow list
    or watch list stops the scan with exit code 2 and names the file, rule and field.
    """
    logging.basicConfig(level=logging.WARNING, format="social-audit: %(message)s")
    try:
        OutputFormat.of(output)
    except ValueError:
        raise _fail(f"{output}: the report must end in {suffixes()}") from None
    for option, path in (
        ("--allow", allow),
        ("--watch", watch),
        *(("--rules", p) for p in rules_files or []),
    ):
        if path is not None and not path.is_file():
            raise _fail(f"{option} {path}: no such file")
    options = ScanOptions(
        regulator=regulator.value,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        include_messages=include_messages,
        all_items=all_items,
        extra_packs=list(rules_files or []),
        select=list(select or []),
        ignore=list(ignore or []),
        min_severity=min_severity.value,
        allow_file=allow,
        watch_file=watch,
        model=not no_model,
    )
    _warn_if_slow_json()
    try:
        with _progress(enabled=not quiet and sys.stderr.isatty()) as progress:
            result = run(paths, options, progress)
    except NothingReadError as exc:
        for message in exc.messages:
            typer.echo(f"social-audit: error: {message}", err=True)
        raise typer.Exit(code=2) from None
    except (ArchiveError, RuleError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:  # e.g. a folder the user may not read
        raise _fail(f"cannot read the input: {exc.filename or ''} ({exc.strerror or exc})") from None
    try:
        write_report(result, output)
    except OSError as exc:
        raise _fail(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    if not quiet:
        _print_summary(result, output)
    if fail_on is not None:
        threshold = SEVERITIES.index(Severity(fail_on.value))
        if any(SEVERITIES.index(s) >= threshold for s in result.items["severity"].dropna()):
            raise typer.Exit(code=1)


@app.command("detect")
def detect_command(
    paths: Annotated[list[Path], typer.Argument(help="Export .zip files or folders.")],
) -> None:
    """Show which platform and layout each export is, and the files a scan will read."""
    exports, errors = open_exports(paths)
    for export in exports:
        typer.echo(export.archive.label)
        for detection in export.detections:
            typer.echo(f"  platform:   {detection.platform}")
            typer.echo(f"  layout:     {detection.generation}: {detection.description}")
            typer.echo(f"  reads {len(detection.files)} file(s):")
            for name in detection.files:
                typer.echo(f"    {name}  ({export.archive.size(name):,} bytes)")
            if detection.message_files:
                typer.echo(f"  with --include-messages, also {len(detection.message_files)} message file(s):")
                for name in detection.message_files:
                    typer.echo(f"    {name}")
        export.archive.close()
    for _, error in errors:
        typer.echo(f"social-audit: error: {error}", err=True)
    if errors and not exports:
        raise typer.Exit(code=2)


@app.command("rules")
def rules_command(
    rule_id: Annotated[
        str | None, typer.Argument(help="A rule id (e.g. PINF001) or name to explain.")
    ] = None,
    regulator: Annotated[
        Regulator, typer.Option("--regulator", "-r", case_sensitive=False, help="Whose clauses to show.")
    ] = DEFAULT_REGULATOR,
    rules_files: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Also load this rule pack (TOML), e.g. to check it; repeatable."),
    ] = None,
) -> None:
    """List every rule, or explain one: what it flags, why it matters, what to do."""
    try:
        engine = Engine.load(regulator.value, rules_files or [])
    except RuleError as exc:
        raise _fail(str(exc)) from None
    if rule_id is None:
        for rule in engine.rules:
            typer.echo(
                f"{rule.id}  {rule.severity:<6}  {rule.confidence:<6}  {rule.category:<15}  {rule.title}"
            )
        typer.echo(f"{len(engine.rules)} rules. `social-audit rules ID` explains one.", err=True)
        return
    wanted = rule_id.strip()
    rule = next((r for r in engine.rules if wanted.upper() == r.id or wanted == r.name), None)
    if rule is None:
        raise _fail(f"no rule {rule_id!r}; `social-audit rules` lists them")
    clauses = engine.standards.cite(rule.category)
    lines = [
        f"{rule.id} ({rule.name}): {rule.title}",
        f"  category:   {rule.category}",
        f"  severity:   {rule.severity} (impact if the flag is right; 'info' is a note, not a flag)",
        f"  confidence: {rule.confidence} (how sure the match is)",
        f"  why it matters: {rule.rationale}",
        f"  what to do: {rule.guidance}",
        f"  how it matches: {engine.describe(rule)}",
        f"  {engine.standards.name}:",
        *(f"    {c.label}: {c.summary}" for c in clauses),
        "  examples:",
        *(f"    {'flags' if e.flag else 'does not flag'}: {e.text}" for e in rule.examples),
    ]
    typer.echo("\n".join(lines))


def _print_summary(result: ScanResult, output: Path) -> None:
    totals = result.totals
    by_severity = result.items["severity"].value_counts()
    levels = ", ".join(f"{by_severity[s]} {s}" for s in reversed(SEVERITIES) if s in by_severity)
    typer.echo(
        f"Read {totals['items']:,} items from {len(result.exports)} export(s); "
        f"{totals['flagged']:,} flagged{f' ({levels})' if levels else ''}.",
        err=True,
    )
    problems = sum(len(s.problems) for s in result.sources)
    if problems:
        typer.echo(f"{problems} problem(s) reading the exports are listed in the report.", err=True)
    typer.echo(
        f"Report: {output} (readable only by you; it holds your posts, so delete it when done)",
        err=True,
    )


class _progress:
    """A progress bar on stderr, driven by bytes read (a no-op when disabled or not a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

        self._bar = Progress(
            "Reading",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        task = self._bar.add_task("scan", total=None)

        def update(done: int, total: int) -> None:
            self._bar.update(task, completed=done, total=total)  # type: ignore[union-attr]

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _warn_if_slow_json() -> None:
    import ijson

    if ijson.backend != "yajl2_c":
        typer.echo(
            f"social-audit: warning: ijson uses its slow '{ijson.backend}' backend; large archives will "
            "take 10x longer (reinstall ijson from a wheel to get yajl2_c)",
            err=True,
        )


def main() -> None:
    """Console-script entry point."""
    app()
