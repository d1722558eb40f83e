"""A throwaway PostgreSQL cluster for the tests, started from the Debian binaries when no server is given.

``FACILITATOR_TEST_DATABASE_URL`` names a server to use as it is. Without it, if ``initdb`` and ``pg_ctl``
are installed (Debian's ``postgresql`` package puts them in ``/usr/lib/postgresql/<major>/bin``), a
cluster is created in a temporary folder, listening on a free loopback port, and stopped at the end of
the test session. ``initdb`` refuses to run as root, so as root the cluster belongs to the ``postgres``
user the package creates. Without either, :func:`unavailable_reason` says why PostgreSQL tests skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

ENV_URL = "FACILITATOR_TEST_DATABASE_URL"
SUPERUSER = "facilitator_test"
_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL binaries folder holding both initdb and pg_ctl, or None."""
    found = [Path(p) for p in glob.glob(_BIN_GLOB) if (Path(p) / "initdb").exists() and (Path(p) / "pg_ctl").exists()]
    if not found:
        on_path = shutil.which("initdb"), shutil.which("pg_ctl")
        return Path(on_path[0]).parent if all(on_path) else None  # type: ignore[arg-type]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def unavailable_reason() -> str | None:
    """Why no PostgreSQL can be had for the tests, or None when one can."""
    if os.environ.get(ENV_URL):
        return None
    if find_bin_dir() is None:
        return (f"PostgreSQL tests skipped: set {ENV_URL} to a server, or install the Debian 'postgresql' package "
                "so the tests can start their own cluster")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "PostgreSQL tests skipped: running as root and there is no 'postgres' user to run initdb as"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder; :meth:`start` returns a URL of a new database in it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="facilitator-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._owner: pwd.struct_passwd | None = pwd.getpwnam("postgres") if os.geteuid() == 0 else None

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._owner is not None:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")

    def start(self) -> str:
        if self._owner is not None:
            os.chown(self.root, self._owner.pw_uid, self._owner.pw_gid)
        # Trust on loopback only: a throwaway cluster of test data, gone when the session ends.
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options)
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "facilitator_test")
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/facilitator_test"

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
