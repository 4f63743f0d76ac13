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
from rules.model import ModelError, load_detector, model_rules
from rules.standards import load_standards

from . import __version__, config
from .decisions import Before, DecisionsError, keep_if_needed, read_before
from .pipeline import NothingReadError, ScanOptions, ScanResult, run
from .report import OutputFormat, suffixes, write_report
from .report.files import unwritable
from .thumbnails import PillowMissing, require_pillow

# Regulator ids as a choice type, so typer checks them (case-insensitively) and lists them in --help.
Regulator = StrEnum("Regulator", {name.upper(): name for name in regulators()})  # type: ignore[misc]
FailOn = StrEnum("FailOn", {level.name: level.value for level in Severity if level is not Severity.INFO})  # type: ignore[misc]

DEFAULT_REPORT = Path("social-audit-report.xlsx")
DEFAULT_RECORD = Path("social-audit-record.xlsx")
DEFAULT_REGULATOR = Regulator("hcpc")
# Who each regulator registers, so a person can pick theirs from the first-run question.
REGULATOR_FOR = {
    "hcpc": "paramedics, occupational therapists, physiotherapists and other health professions",
    "niscc": "social workers and social care workers in Northern Ireland",
    "nmc": "nurses, midwives and nursing associates",
    "scw": "social workers and social care workers in Wales",
    "sssc": "social workers and social care workers in Scotland",
    "swe": "social workers in England",
}


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
    rich_markup_mode=None,  # plain help: wrapped as sentences, no Python type names beside the flags
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Flag old social media posts that may breach UK health and care professional standards. "
    "Reads the data exports of Facebook, Instagram, X/Twitter, Threads, LinkedIn, TikTok, Reddit, Bluesky "
    "and Mastodon on this machine; nothing is sent anywhere.",
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


def _stopped() -> typer.Exit:
    typer.echo("social-audit: Stopped; no report written", err=True)
    return typer.Exit(code=130)  # 128 + SIGINT, as shells report an interrupted command


DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")  # ISO, and the UK's day/month/year


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    for form in DAY_FORMATS:
        try:
            return datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    raise _fail(f"{option} {value!r}: give a date as DD/MM/YYYY or YYYY-MM-DD, e.g. 31/01/2019")


@app.command()
def scan(
    paths: Annotated[
        list[Path],
        # Described in the docstring: typer would show a Python type name beside it.
        typer.Argument(metavar="EXPORT", hidden=True),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=f"Report file; its suffix picks the format: {suffixes()} (default .xlsx).",
        ),
    ] = DEFAULT_REPORT,
    regulator: Annotated[
        Regulator | None,
        typer.Option(
            "--regulator",
            "-r",
            case_sensitive=False,
            help="Whose standards to cite, for this run (default: the one you chose on your first run).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only items on or after this day: DD/MM/YYYY or YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only items on or before this day: DD/MM/YYYY or YYYY-MM-DD."),
    ] = None,
    include_messages: Annotated[
        bool, typer.Option("--include-messages", help="Also check the direct messages you sent.")
    ] = False,
    all_items: Annotated[
        bool, typer.Option("--all", help="Put every item in the report, not only flagged ones.")
    ] = False,
    thumbnails: Annotated[
        bool,
        typer.Option(
            "--thumbnails",
            help="Show a small preview beside each photo on the 'Photos to check' sheet. "
            "Needs Pillow: pip install 'social-audit[thumbnails]'.",
        ),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            case_sensitive=False, help="Exit with code 1 when an item is flagged at this severity or above."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="Processes to judge with on large exports (default: one per core; 1: no others).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RULES",
            help="Run only these rules: ids (CONF003), names, prefixes (CONF) or categories; "
            "repeat or separate with commas.",
            rich_help_panel="Rules",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RULES", help="Leave out these rules (same forms as --select).", rich_help_panel="Rules"
        ),
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
            "--rules",
            metavar="FILE",
            help="An extra rule pack (TOML) to run as well; repeatable.",
            rich_help_panel="Rules",
        ),
    ] = None,
    allow: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="A text file of phrases never to flag, one a line (e.g. your employer's name).",
            rich_help_panel="Rules",
        ),
    ] = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            metavar="FILE",
            help="Carry the Decision and Notes columns over from this earlier report (.xlsx, .json or .csv). "
            "Those in the report being replaced (-o) are always carried over.",
        ),
    ] = None,
    watch: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="A text file of names that must not appear, one a line, under the headings [people], "
            "[colleagues] and [places] (see the README). Typos are found too.",
            rich_help_panel="Rules",
        ),
    ] = None,
    model: Annotated[
        bool,
        typer.Option(
            "--model/--no-model",
            help="Run the learned detector beside the rules: it reads meaning the phrase lists cannot "
            "(on by default; --no-model runs the rules alone, faster).",
            rich_help_panel="Rules",
        ),
    ] = True,
) -> None:
    """Scan exports and write a report of the items to review.

    EXPORT is an export .zip file or folder; give several zips of one export, or several exports,
    together.

    Example: social-audit scan twitter-2024.zip facebook-jo.zip -o report.xlsx

    Items without a date (X likes) are kept whatever --since/--until say. A bad rule pack, allow list
    or watch list stops the scan with exit code 2 and names the file, rule and field.
    """
    logging.basicConfig(level=logging.WARNING, format="social-audit: %(message)s")
    try:
        OutputFormat.of(output)
    except ValueError:
        raise _fail(f"{output}: the report must end in {suffixes()}") from None
    if reason := unwritable(output):  # before the scan, which may take minutes
        raise _fail(f"{output}: cannot write the report ({reason})")
    for option, path in (
        ("--allow", allow),
        ("--watch", watch),
        ("--decisions", decisions),
        *(("--rules", p) for p in rules_files or []),
    ):
        if path is not None and not path.is_file():
            raise _fail(f"{option} {path}: no such file")
    chosen, how = _regulator_for_scan(regulator, ask=not quiet)
    options = ScanOptions(
        regulator=chosen,
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
        model=model,
        thumbnails=thumbnails,
        jobs=jobs,
    )
    if thumbnails:
        try:
            require_pillow()
        except PillowMissing as exc:
            raise _fail(str(exc)) from None
    try:
        before = read_before(output, decisions)
    except DecisionsError as exc:
        raise _fail(f"--decisions {exc}") from None
    options.earlier = before.earlier
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
    except KeyboardInterrupt:
        raise _stopped() from None
    _keep_earlier_work(before, result)
    try:
        write_report(result, output)  # to a temporary file, renamed only when complete
    except OSError as exc:
        raise _fail(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    except KeyboardInterrupt:
        raise _stopped() from None
    if not quiet:
        _print_summary(result, output, how)
        _print_changes(result)
    if fail_on is not None:
        threshold = SEVERITIES.index(Severity(fail_on.value))
        if any(SEVERITIES.index(s) >= threshold for s in result.items["severity"].dropna()):
            raise typer.Exit(code=1)


@app.command("record")
def record_command(
    report: Annotated[Path, typer.Argument(metavar="REPORT", hidden=True)],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="The record to write (.xlsx).")
    ] = DEFAULT_RECORD,
) -> None:
    """Write a one-page record of an audit for a tutor or practice educator: no post text, no names.

    REPORT is a report written by `social-audit scan` (.xlsx, .json or .csv). The record gives the dates
    of the audit, what was read, how many items were flagged per category and priority, what was decided
    and what remains, and a box for your reflection. Print it or share it.
    """
    from .record import read_audit, write_record

    if output.suffix.lower() != ".xlsx":
        raise _fail(f"{output}: the record must end in .xlsx")
    if not report.is_file():
        raise _fail(f"{report}: no such file")
    if output.resolve() == report.resolve():
        raise _fail(f"{output}: that is the report itself; choose another name with -o")
    try:
        audit = read_audit(report)
    except DecisionsError as exc:
        raise _fail(str(exc)) from None
    try:
        write_record(audit, output)
    except OSError as exc:
        raise _fail(f"{output}: cannot write the record ({exc.strerror or exc})") from None
    typer.echo(f"Record: {output} ({audit.flagged_items:,} flagged items counted; no post text)", err=True)


@app.command("detect")
def detect_command(
    paths: Annotated[list[Path], typer.Argument(metavar="EXPORT", hidden=True)],
) -> None:
    """Show what each export is and which files a scan will read.

    EXPORT is an export .zip file or folder; several may be given.
    """
    exports, errors = open_exports(paths)
    for export in exports:
        typer.echo(export.archive.label)
        for problem in export.archive.problems:
            typer.echo(f"  problem:    {problem}")
        for copy in export.copies:
            typer.echo(f"  same as:    {copy} (read once)")
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
    rule_id: Annotated[str | None, typer.Argument(metavar="RULE", hidden=True)] = None,
    regulator: Annotated[
        Regulator | None,
        typer.Option(
            "--regulator",
            "-r",
            case_sensitive=False,
            help="Whose clauses to show (default: your saved choice).",
        ),
    ] = None,
    rules_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--rules", metavar="FILE", help="Also load this rule pack (TOML), e.g. to check it; repeatable."
        ),
    ] = None,
) -> None:
    """List the rules, or explain one: what it flags, why it matters, what to do.

    RULE is a rule's id (e.g. PINF001) or name.
    """
    try:
        engine = Engine.load(regulator.value if regulator else _saved_or_default(), rules_files or [])
    except RuleError as exc:
        raise _fail(str(exc)) from None
    learned = list(model_rules().values())
    if rule_id is None:
        header = ("RULE", "SEVERITY", "CONFIDENCE", "CATEGORY", "WHAT IT FLAGS")
        rows = [(r.id, str(r.severity), str(r.confidence), r.category, r.title) for r in engine.rules]
        rows += [(r.id, "per item", "per item", r.category, r.title) for r in learned]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
        for row in [header, *rows]:
            typer.echo(
                "  ".join([*(cell.ljust(width) for cell, width in zip(row, widths, strict=False)), row[-1]])
            )
        typer.echo(
            f"{len(engine.rules)} rules and the learned detector's {len(learned)} categories. "
            "`social-audit rules ID` explains one.",
            err=True,
        )
        return
    wanted = rule_id.strip()
    rule = next((r for r in [*engine.rules, *learned] if wanted.upper() == r.id or wanted == r.name), None)
    if rule is None:
        raise _fail(f"no rule {rule_id!r}; `social-audit rules` lists them")
    clauses = engine.standards.cite(rule.category)
    if rule in learned:
        impact = ["  severity and confidence: set per item from the model's probabilities"]
        matching = f"the learned detector reads the whole text. {_measured(rule.category)}"
    else:
        impact = [
            f"  severity:   {rule.severity} (impact if the flag is right; 'info' is a note, not a flag)",
            f"  confidence: {rule.confidence} (how sure the match is)",
        ]
        matching = engine.describe(rule)
    lines = [
        f"{rule.id} ({rule.name}): {rule.title}",
        f"  category:   {rule.category}",
        *impact,
        f"  why it matters: {rule.rationale}",
        f"  what to do: {rule.guidance}",
        f"  how it matches: {matching}",
        f"  {engine.standards.name}:",
        *(f"    {c.label}: {c.summary}" for c in clauses),
    ]
    if rule.examples:
        lines.append("  examples:")
        lines += [f"    {'flags' if e.flag else 'does not flag'}: {e.text}" for e in rule.examples]
    typer.echo("\n".join(lines))


def _measured(category: str) -> str:
    """The model's validation figures for one category, or why they cannot be shown."""
    try:
        return load_detector().measured_line(category)
    except ModelError as exc:
        return f"(The model cannot be loaded: {exc}.)"


@app.command("regulator")
def regulator_command(
    choice: Annotated[
        Regulator | None,
        typer.Argument(case_sensitive=False, metavar="NAME", hidden=True),
    ] = None,
) -> None:
    """Show or change your regulator: the one whose standards every scan cites.

    NAME (hcpc, niscc, nmc, scw, sssc or swe) is saved for later scans; without it, the saved choice is
    shown and, at a terminal, you are asked for a new one.
    """
    known = regulators()
    if choice is None:
        saved = config.saved_regulator(known)
        typer.echo(f"Saved choice: {_regulator_line(saved) if saved else 'none (scans use hcpc)'}", err=True)
        if not _interactive():
            typer.echo("Save another with: social-audit regulator ID, one of " + ", ".join(known), err=True)
            return
        chosen = _ask_regulator(known)
    else:
        chosen = choice.value
    path = config.save_regulator(chosen)
    typer.echo(f"Saved: {_regulator_line(chosen)} (in {path})", err=True)


def _interactive() -> bool:
    """True when a person is at the terminal to answer a question (never in pipes, tests or CI)."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def _saved_or_default() -> str:
    return config.saved_regulator(regulators()) or DEFAULT_REGULATOR.value


def _regulator_for_scan(given: Regulator | None, ask: bool) -> tuple[str, str]:
    """The regulator to cite, and how it was chosen (for the summary line).

    The option wins; then the saved choice; then, on a first run at a terminal, the person is asked
    and the answer saved; without a terminal the scan uses HCPC and says so.
    """
    if given is not None:
        return given.value, "as --regulator asked"
    known = regulators()
    saved = config.saved_regulator(known)
    if saved:
        return saved, "your saved choice (change it with: social-audit regulator)"
    if ask and _interactive():
        chosen = _ask_regulator(known)
        path = config.save_regulator(chosen)
        return chosen, f"your choice, saved in {path} (change it with: social-audit regulator)"
    return DEFAULT_REGULATOR.value, (
        "the default, as no regulator was chosen: give yours with --regulator, "
        "or save it with: social-audit regulator"
    )


def _ask_regulator(known: list[str]) -> str:
    typer.echo("Which regulator are you registered with, or training for? Posts are checked", err=True)
    typer.echo("against its standards, and the answer is saved for later runs.", err=True)
    for number, regulator in enumerate(known, 1):
        typer.echo(f"  {number}. {_regulator_line(regulator)}", err=True)
    while True:
        answer = str(typer.prompt(f"Number (1-{len(known)})", err=True)).strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(known):
            return known[int(answer) - 1]
        if answer in known:
            return answer
        typer.echo(f"Type a number from 1 to {len(known)}.", err=True)


def _regulator_line(regulator: str) -> str:
    """ "Social Work England (swe): social workers in England"."""
    name = load_standards(regulator).name
    who = REGULATOR_FOR.get(regulator)
    return f"{name} ({regulator}){f': {who}' if who else ''}"


def _print_summary(result: ScanResult, output: Path, how: str) -> None:
    totals = result.totals
    by_severity = result.items["severity"].value_counts()
    levels = ", ".join(f"{by_severity[s]} {s}" for s in reversed(SEVERITIES) if s in by_severity)
    typer.echo(
        f"Read {totals['items']:,} items from {len(result.exports)} export(s); "
        f"{totals['flagged']:,} flagged{f' ({levels})' if levels else ''}.",
        err=True,
    )
    standards = result.engine.standards
    typer.echo(f"Regulator: {standards.name} ({standards.document}), {how}.", err=True)
    problems = sum(len(s.problems) for s in result.sources)
    if problems:
        typer.echo(f"{problems} problem(s) reading the exports are listed in the report.", err=True)
    typer.echo(
        f"Report: {output} (readable only by you; it holds your posts, so delete it when done)",
        err=True,
    )


def _keep_earlier_work(before: Before, result: ScanResult) -> None:
    """Rename the report about to be replaced when it holds work the new one cannot carry, and say so."""
    try:
        kept = keep_if_needed(before, result.changes)
    except OSError as exc:
        raise _fail(
            f"{before.output}: holds decisions that cannot be carried over and cannot be moved aside "
            f"({exc.strerror or exc}); close it or choose another report name with -o"
        ) from None
    if kept is None:
        return
    if before.unreadable:
        why = f"it could not be read ({before.unreadable}), so its decisions are not in the new report"
    else:
        count = result.changes.left_out if result.changes else 0
        why = f"{count:,} of its decisions are on items this report does not list (other dates or rules)"
    typer.echo(f"social-audit: note: {why}; it is kept as {kept.name}", err=True)


def _print_changes(result: ScanResult) -> None:
    changes = result.changes
    if changes is None:
        return
    files = " and ".join(changes.earlier_files)
    typer.echo(f"Since the last audit ({files}): {changes.line()}.", err=True)
    if changes.carried:
        typer.echo(f"{changes.carried:,} decisions and notes were carried over.", err=True)
    if still := changes.still_there_line(result.last):
        typer.echo(still, err=True)


class _progress:
    """A progress bar on stderr, driven by bytes read (a no-op when disabled or not a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._bar = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        # Shown from the start: loading the rules and opening the exports come before any reading.
        task = self._bar.add_task("Loading the rules", total=None)

        def update(done: int, total: int) -> None:
            # Some parsers read a file or two beyond those counted up front: never show more than 100%.
            shown = min(done, total)
            self._bar.update(task, description="Reading", completed=shown, total=total)  # type: ignore[union-attr]

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
