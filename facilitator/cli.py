"""`facilitator <command>`: the command-line interface.

Qt is imported only by the commands that show or render windows, so the data commands start fast
and run on machines without a display.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from facilitator import __version__, paths
from facilitator.errors import NotAvailableYet, UserError

log = logging.getLogger("facilitator")

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one sentence and exit code 2 (argparse's convention)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message}. See '{self.prog} --help'.\n")


def _credentials(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The account to sign in with: --user (or FACILITATOR_USER) and FACILITATOR_PASSWORD, or a prompt."""
    from facilitator.services.clinic_keys import Credentials

    user = args.user
    if not user:
        raise UserError("This command reads clinic records: give --user NAME (or FACILITATOR_USER) and the "
                        "password in FACILITATOR_PASSWORD.")
    password = os.environ.get("FACILITATOR_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise UserError("Give the password of --user in the FACILITATOR_PASSWORD environment variable.")
        import getpass

        password = getpass.getpass(f"Password for {user}: ")
    return Credentials(user, password)


def _open_store(args: argparse.Namespace, *, upgrade: bool = True):  # type: ignore[no-untyped-def]
    from facilitator.services.opening import no_clinic_yet
    from facilitator.services.store import open_store, probe_clinic

    probe = probe_clinic(args.database_url, args.data_dir)  # place and file problems before any password
    if probe.state == "new":
        raise no_clinic_yet(probe.target)
    return open_store(args.database_url, args.data_dir, credentials=_credentials(args), upgrade=upgrade,
                      sync_protocols=upgrade)


def _local(dt: datetime) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M")


def cmd_sessions_list(args: argparse.Namespace) -> int:
    from facilitator.services.sessions import list_sessions

    store = _open_store(args)
    try:
        rows = store.run(list_sessions)
    finally:
        store.dispose()
    out = sys.stdout
    for row in rows:
        out.write(f"{row.id}\t{_local(row.scheduled_start)}\t{row.group_name}\t{row.status}\n")
    return 0


def cmd_participants_list(args: argparse.Namespace) -> int:
    from facilitator.services.participants import list_participants

    store = _open_store(args)
    try:
        rows = store.run(list_participants)
    finally:
        store.dispose()
    for row in rows:
        sys.stdout.write(f"{row.id}\t{row.full_name}\t{row.status}\n")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if not 1 <= args.limit <= 500:
        raise UserError("--limit must be between 1 and 500.")
    from facilitator.services.search import search

    store = _open_store(args)
    try:
        result = store.run(search, args.words, limit=args.limit)
    finally:
        store.dispose()
    for hit in result.hits:
        where = " · ".join(part for part in (hit.group_name, hit.kind_label, hit.participant_name) if part)
        day = hit.session_start.astimezone().strftime("%Y-%m-%d")
        sys.stdout.write(f"{hit.session_id}\t{day}\t{where}\t{hit.marked('[', ']')}\n")
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    if args.years < 1 or args.years > 20:
        raise UserError("--years must be between 1 and 20.")
    from facilitator.services.demo_clinic import create_demo_clinic

    store, summary = create_demo_clinic(args.database_url, args.data_dir, years=args.years, seed=args.seed)
    store.dispose()
    print(summary.describe())
    if store.new_recovery_key:
        print(f"Recovery key of this fictional clinic: {store.new_recovery_key}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from facilitator.db.engine import resolve_target
    from facilitator.services.check import check_database

    data_dir = paths.resolve_data_dir(args.data_dir)
    target = resolve_target(args.database_url, paths.default_database_path(data_dir))
    if target.sqlite_path is not None and not target.sqlite_path.exists():
        # Checking must not create what it checks.
        print(f"There is no database at {target.sqlite_path} yet.", file=sys.stderr)
        return 1
    store = _open_store(args, upgrade=False)
    try:
        problems = check_database(store.engine)
    finally:
        store.dispose()
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"ok: {store.target.describe()} is healthy")
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    from facilitator.ui.screenshots import write_screenshots

    written = write_screenshots(Path(args.output), theme=args.theme, data_dir=args.data_dir,
                                database_url=args.database_url, language=args.language)
    for path in written:
        print(path)
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from facilitator.db.audit_chain import verify

    store = _open_store(args)
    try:
        report = store.run(verify)
    finally:
        store.dispose()
    if report.ok:
        print(report.describe())
        return 0
    print(report.describe(), file=sys.stderr)
    return 1


def _sqlite_target(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from facilitator.db.engine import resolve_target
    from facilitator.services.backup import PG_SENTENCE

    data_dir = paths.resolve_data_dir(args.data_dir)
    target = resolve_target(args.database_url, paths.default_database_path(data_dir))
    if target.sqlite_path is None:
        raise UserError(PG_SENTENCE)
    return data_dir, target.sqlite_path


def cmd_backup(args: argparse.Namespace) -> int:
    from facilitator.services.backup import write_copy

    _sqlite_target(args)
    store = _open_store(args, upgrade=False)
    try:
        written = write_copy(store, Path(args.output))
    finally:
        store.dispose()
    print(f"Backup written to {written}" + (f" (with its key file {written}.keys)" if store.encrypted else ""))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from facilitator.services.restore import restore_backup

    data_dir, database = _sqlite_target(args)
    result = restore_backup(database, Path(args.file), _credentials(args), data_dir=data_dir)
    kept = f"; the previous database was kept as {result.kept}" if result.kept else ""
    print(f"Restored {result.database.name} from {Path(args.file).name}{kept}.")
    return 0


def cmd_migrate_data(args: argparse.Namespace) -> int:
    """Copy a clinic into an empty database (a laptop's file onto the server, or back)."""
    from facilitator.services.data_copy import copy_clinic, prepare_target
    from facilitator.services.store import open_store

    credentials = _credentials(args)
    source = open_store(args.source, args.data_dir, credentials=credentials)
    try:
        target, recovery = prepare_target(args.to, args.data_dir, credentials.username, credentials.password)
        try:
            copied = copy_clinic(source.engine, target, where=args.to.split("@")[-1])
        finally:
            target.dispose()
    finally:
        source.dispose()
    for table in copied:
        print(f"{table.table}\t{table.rows}\t{table.checksum}")
    print(f"copied {sum(t.rows for t in copied)} rows in {len(copied)} tables; counts and checksums match")
    if recovery:
        print(f"Recovery key of the new encrypted file (print it and keep it safe): {recovery}")
    return 0


def _check_output_file(path: str) -> Path:
    """Where a document goes; its folder is checked before any password is asked for."""
    target = Path(path).expanduser().absolute()
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist; create it first or choose another.")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise UserError(f"The folder {target.parent} is not writable; choose another.")
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name such as {target / 'document.pdf'}.")
    return target


def cmd_report_summary(args: argparse.Namespace) -> int:
    from facilitator.reports import render_summary, write_atomic
    from facilitator.services.documents import get_summary_data

    target = _check_output_file(args.output)
    store = _open_store(args)
    try:
        data = store.run(get_summary_data, args.session_id)
    finally:
        store.dispose()
    print(write_atomic(target, render_summary(data)))
    return 0


def cmd_report_plan(args: argparse.Namespace) -> int:
    from facilitator.reports import render_session_plan, write_atomic
    from facilitator.services.documents import get_session_plan_data

    target = _check_output_file(args.output)
    store = _open_store(args)
    try:
        data = store.run(get_session_plan_data, args.session_id, language=args.language)
    finally:
        store.dispose()
    print(write_atomic(target, render_session_plan(data)))
    return 0


def cmd_report_handouts(args: argparse.Namespace) -> int:
    from facilitator.reports import check_folder, write_handouts
    from facilitator.services.documents import get_session_handouts

    folder = check_folder(args.output)
    store = _open_store(args)
    try:
        handouts = store.run(get_session_handouts, args.session_id)
    finally:
        store.dispose()
    if not handouts:
        raise UserError(f"No one was present at session {args.session_id}, so there are no handouts to print.")
    for path in write_handouts(folder, handouts):
        print(path)
    return 0


def cmd_report_progress(args: argparse.Namespace) -> int:
    from facilitator.reports import render_progress, write_atomic
    from facilitator.services.documents import get_progress_data

    target = _check_output_file(args.output)
    store = _open_store(args)
    try:
        data = store.run(get_progress_data, args.participant_id)
    finally:
        store.dispose()
    print(write_atomic(target, render_progress(data)))
    return 0


def _not_yet(what: str) -> Handler:
    def handler(_args: argparse.Namespace) -> int:
        raise NotAvailableYet(what)

    return handler


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="facilitator",
        description="Run group ketamine-assisted therapy sessions. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the main window offscreen, paint once, print startup_ms=<n> and exit")
    parser.add_argument("--database-url", default=os.environ.get(paths.DATABASE_URL_ENV),
                        help="any SQLAlchemy URL (default: the SQLite file in the data folder; "
                             f"env {paths.DATABASE_URL_ENV})")
    parser.add_argument("--data-dir", default=os.environ.get(paths.DATA_DIR_ENV),
                        help=f"the data folder (env {paths.DATA_DIR_ENV})")
    parser.add_argument("--user", default=os.environ.get("FACILITATOR_USER"),
                        help="the account for commands that read records (env FACILITATOR_USER, "
                             "with FACILITATOR_PASSWORD)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("demo-data", help="fill an empty database with a fictional clinic (deterministic)")
    p.add_argument("--years", type=int, default=1, help="years of weekly sessions (default 1)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.set_defaults(handler=cmd_demo_data)

    p = sub.add_parser("sessions", help="list sessions")
    ss = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    ss.add_parser("list", help="one line a session: id, start, group, status").set_defaults(
        handler=cmd_sessions_list)

    p = sub.add_parser("participants", help="list participants")
    ss = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    ss.add_parser("list", help="one line a participant: id, full name, status").set_defaults(
        handler=cmd_participants_list)

    p = sub.add_parser("report", help="write PDF documents")
    ss = p.add_subparsers(dest="action", metavar="KIND", required=True, parser_class=_Parser)
    r = ss.add_parser("summary", help="the session summary (clinical record)")
    r.add_argument("session_id", type=int, metavar="SESSION_ID")
    r.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    r.set_defaults(handler=cmd_report_summary)
    r = ss.add_parser("handouts", help="one handout per present participant, and all-handouts.pdf to print them all")
    r.add_argument("session_id", type=int, metavar="SESSION_ID")
    r.add_argument("-o", "--output", required=True, metavar="DIR")
    r.set_defaults(handler=cmd_report_handouts)
    r = ss.add_parser("progress", help="a participant's progress report")
    r.add_argument("participant_id", type=int, metavar="PARTICIPANT_ID")
    r.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    r.set_defaults(handler=cmd_report_progress)
    r = ss.add_parser("plan", help="the session plan for the room: phases with clock times")
    r.add_argument("session_id", type=int, metavar="SESSION_ID")
    r.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    r.add_argument("--language", choices=["en", "es"], default=None,
                   help="print in this language (default: the one most of the room reads)")
    r.set_defaults(handler=cmd_report_plan)

    p = sub.add_parser("search", help="full-text search over notes, addenda, intentions, quick notes and shares; "
                                      "one line a hit: session id, date, where, snippet with [matches]")
    p.add_argument("words", help="the words to find (all of them; the last also as the start of a word)")
    p.add_argument("--limit", type=int, default=20, help="at most this many hits, best first (default 20)")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("check", help="schema at head and integrity; prints problems, non-zero on any")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup", help="write a consistent copy of the database")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="replace the database with a backup (the current one is kept)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("audit", help="the audit trail")
    ss = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    ss.add_parser("verify", help="check the hash chain; names the first broken link").set_defaults(
        handler=cmd_audit_verify)

    p = sub.add_parser("migrate-data", help="copy a clinic into an empty database (laptop file <-> server)")
    p.add_argument("--from", dest="source", required=True, metavar="URL", help="where the clinic is now "
                   "(signs in with --user and FACILITATOR_PASSWORD)")
    p.add_argument("--to", required=True, metavar="URL", help="an empty database (a server, or a new SQLite file)")
    p.set_defaults(handler=cmd_migrate_data)

    p = sub.add_parser("screenshots", help="render each screen with demo data to DIR/<screen>.png")
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--theme", choices=["light", "dark"], default="light")
    p.add_argument("--language", choices=["en", "es"], default="en", help="the interface's language")
    p.set_defaults(handler=cmd_screenshots)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``facilitator`` command. Returns the process exit code."""
    globals()["STARTED_AT"] = time.perf_counter()  # the smoke test's startup time counts from here
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.smoke_test:
            from facilitator.app import smoke_test

            return int(smoke_test(database_url=args.database_url, data_dir=args.data_dir))
        handler: Handler | None = getattr(args, "handler", None)
        if handler is None:
            from facilitator.app import run_app

            return int(run_app(database_url=args.database_url, data_dir=args.data_dir))
        return handler(args)
    except UserError as exc:
        print(f"facilitator: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `facilitator sessions list | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit's flush
        return 0
    except KeyboardInterrupt:
        print("facilitator: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: one sentence for the user, details in the log
        log_file = _log_unexpected(args, exc)
        where = f"; details are in {log_file}" if log_file else ""
        print(f"facilitator: an unexpected error stopped the command ({type(exc).__name__}){where}.",
              file=sys.stderr)
        return 1


def _log_unexpected(args: argparse.Namespace, exc: BaseException) -> Path | None:
    from facilitator.logs import configure_logging, scrubbed_traceback

    try:
        log_file = configure_logging(paths.resolve_data_dir(args.data_dir))
    except Exception:
        return None
    log.error("command %s failed\n%s", getattr(args, "command", None), scrubbed_traceback(exc))
    return log_file
