"""Every bad input a person can give the command line, with the exact line it prints and
its exit status, as a Markdown table. Each runs as its own `jundesk` process against a
desk database made here from the local X server (and the PostgreSQL on 127.0.0.1:5432
for the hub rows, when it is there):

    .venv/bin/python benchmarks/bad_input_messages.py
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from jundesk.xserver import Fault, XServer
from jundesk.xserver.town import TownDay, TownSimulator

POSTGRES = os.environ.get("JUNDESK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


class Runner:
    def __init__(self, folder: Path, server: XServer) -> None:
        self.folder = folder
        self.server = server
        self.rows: list[tuple[str, int, str]] = []

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ, JUNDESK_HOME=str(self.folder / "home"))
        for name in list(env):
            if name.startswith("JUNDESK_X_"):
                del env[name]
        # A keyring that holds nothing and fails loudly, as on a bare headless machine.
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        env.update(extra)
        return env

    def x_env(self) -> dict[str, str]:
        return self.env(
            JUNDESK_X_BEARER_TOKEN=self.server.bearer_token,
            JUNDESK_X_USER_ID=self.server.town_user_id,
        )

    def run(
        self,
        what: str,
        args: Sequence[str],
        *,
        stdin: bytes | None = None,
        env: dict[str, str] | None = None,
        stdout: int | None = subprocess.PIPE,
        prefix: Sequence[str] = (),
        show_stdout: bool = False,
    ) -> subprocess.CompletedProcess[bytes]:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "jundesk.cli.main", *args],
            input=stdin,
            env=env or self.env(),
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=300,
            check=False,
        )
        message = done.stderr.decode("utf-8", "replace").strip()
        if show_stdout or not message:
            out = (done.stdout or b"").decode("utf-8", "replace").strip()
            message = " / ".join(out.splitlines()[:3]) if out else message or "(nothing)"
        if "Traceback" in message:
            message = "TRACEBACK: " + message.splitlines()[-1]
        self.rows.append((what, done.returncode, message))
        return done

    def table(self) -> str:
        lines = ["| bad input | exit | what it prints |", "|---|---|---|"]
        for what, code, message in self.rows:
            cell = message.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {what} | {code} | {cell} |")
        return "\n".join(lines)


def make_desk(folder: Path, server: XServer) -> Path:
    db = folder / "good" / "town.db"
    db.parent.mkdir()
    env = dict(
        os.environ,
        JUNDESK_HOME=str(folder / "make-home"),
        JUNDESK_X_BEARER_TOKEN=server.bearer_token,
        JUNDESK_X_USER_ID=server.town_user_id,
    )
    subprocess.run(
        [
            *(sys.executable, "-m", "jundesk.cli.main", "collect", "--once", "--quiet"),
            *("--db", str(db), "--x-api-base", server.base_url),
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    return db


def copy_of(db: Path, name: str) -> Path:
    folder = db.parent.parent / name
    folder.mkdir()
    shutil.copy(db, folder / db.name)
    return folder / db.name


@contextlib.contextmanager
def plain_postgres_database() -> Iterator[str | None]:
    try:
        import psycopg
        from psycopg import sql

        from jundesk.sync.hub_address import HubAddress

        name = f"jd_plain_{secrets.token_hex(4)}"
        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except Exception:
        yield None
        return
    try:
        yield HubAddress.parse(POSTGRES).without_database(name).public_url
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def read_only_prefix(folder: Path) -> list[str] | None:
    folder.chmod(0o500)
    if os.geteuid() != 0:
        return []
    if not shutil.which("unshare"):
        return None
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh", str(folder)]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, XServer(seed=5) as server:
        folder = Path(tmp)
        TownSimulator(server, TownDay(seed=5, posts=300), speed=1000).preload()
        db = make_desk(folder, server)
        r = Runner(folder, server)

        r.run('classify on `"[" * 200000`', ["classify"], stdin=b"[" * 200_000 + b"\n")
        r.run(
            "classify on a line of invalid UTF-8 (then a good line)",
            ["classify"],
            stdin=b'{"text": "caf\xe9"}\n{"text": "farola rota"}\n',
            show_stdout=True,
        )
        r.run(
            "classify on a blank line (then a good line)",
            ["classify"],
            stdin=b'\n{"text": "farola rota"}\n',
            show_stdout=True,
        )

        damaged = copy_of(db, "damaged")
        with damaged.open("r+b") as file:
            for offset in range(8 * 4096, damaged.stat().st_size, 4096):
                file.seek(offset + 100)
                file.write(b"\xff" * 3000)
        r.run("export on a database with damaged pages", ["export", "--db", str(damaged)])
        r.run("case list on a database with damaged pages", ["case", "list", "--db", str(damaged)])

        newer = copy_of(db, "newer")
        with contextlib.closing(sqlite3.connect(newer)) as conn, conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        r.run("export on a database from a newer JunDesk", ["export", "--db", str(newer)])
        r.run("case list on a database from a newer JunDesk", ["case", "list", "--db", str(newer)])

        older = copy_of(db, "older")
        from jundesk.store.database import downgrade

        downgrade(older, "0003")
        r.run("export on a database from an older JunDesk", ["export", "--db", str(older)])

        missing = folder / "no-such" / "twon.db"
        r.run("export on a path that doesn't exist", ["export", "--db", str(missing)])
        r.run("case list on a path that doesn't exist", ["case", "list", "--db", str(missing)])

        for command in (["export"], ["case", "list", "--all"]):
            read_end, write_end = os.pipe()
            # A small pipe: the command is still writing when `head` goes away.
            fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
            process = subprocess.Popen(
                [sys.executable, "-m", "jundesk.cli.main", *command, "--db", str(db)],
                env=r.env(),
                stdout=write_end,
                stderr=subprocess.PIPE,
            )
            os.close(write_end)
            assert process.stderr is not None
            with os.fdopen(read_end, "rb") as reader:
                reader.readline()
            err = process.stderr.read().decode().strip()
            r.rows.append(
                (f"{' '.join(command)} piped into `head -1`", process.wait(), err or "(nothing)")
            )
            with open("/dev/full", "wb") as full:
                r.run(
                    f"{' '.join(command)} into a full device (/dev/full)",
                    [*command, "--db", str(db)],
                    stdout=full.fileno(),
                )

        ro = copy_of(db, "read-only")
        ro.chmod(0o400)
        prefix = read_only_prefix(ro.parent)
        if prefix is not None:
            done = r.run(
                "export on a 0400 file in a read-only folder",
                ["export", "--db", str(ro)],
                prefix=prefix,
            )
            r.rows[-1] = (
                r.rows[-1][0],
                done.returncode,
                f"works: {len(done.stdout.splitlines())} cases, file unchanged",
            )
            r.run(
                "case list on a 0400 file in a read-only folder",
                ["case", "list", "--db", str(ro)],
                prefix=prefix,
                show_stdout=True,
            )
            r.rows[-1] = (r.rows[-1][0], r.rows[-1][1], "works: " + r.rows[-1][2][:70] + "…")
        ro.parent.chmod(0o700)

        with plain_postgres_database() as plain:
            if plain is not None:
                desk = folder / "hub-desk.db"
                r.run(
                    "sync --once on a PostgreSQL database that is no hub",
                    ["sync", "--once", "--db", str(desk), "--hub", plain],
                )
                r.run(
                    "sync on a PostgreSQL database that is no hub",
                    ["sync", "--db", str(desk), "--hub", plain],
                )
                r.run(
                    "hub status on a PostgreSQL database that is no hub",
                    ["hub", "status", "--hub", plain],
                )
                r.run(
                    "collect --hub on a PostgreSQL database that is no hub",
                    [
                        "collect",
                        "--once",
                        "--db",
                        str(desk),
                        "--hub",
                        plain,
                        "--x-api-base",
                        server.base_url,
                    ],
                    env=r.x_env(),
                )

        desk = folder / "desk.db"
        done = r.run(
            "case log (no X at all)",
            ["case", "log", "--db", str(desk), "the bench in the park is broken"],
            show_stdout=True,
        )
        first = done.stdout.split()[0].decode()
        r.rows.pop()
        r.run(
            "case resolve without --reply, no keyring and no X credentials",
            ["case", "resolve", "--db", str(desk), first],
            show_stdout=True,
        )
        done = r.run(
            "case log", ["case", "log", "--db", str(desk), "broken bench, park"], show_stdout=True
        )
        second = done.stdout.split()[0].decode()
        r.rows.pop()
        r.run("case merge", ["case", "merge", "--db", str(desk), first, second], show_stdout=True)
        r.rows.pop()
        for verb in (["resolve"], ["reopen"], ["reject"], ["close"], ["ack"], ["route", "police"]):
            r.run(
                f"case {verb[0]} on a merged case",
                ["case", verb[0], "--db", str(desk), second, *verb[1:]],
            )
        r.run(
            "case reply on a merged case (X credentials set)",
            [
                "case",
                "reply",
                "--db",
                str(desk),
                second,
                "on our way",
                "--x-api-base",
                server.base_url,
            ],
            env=dict(
                r.x_env(),
                **{
                    f"JUNDESK_X_{k.upper()}": v
                    for k, v in server.credentials().items()
                    if k != "bearer_token"
                },
            ),
        )

        r.run(
            "accounts set with the null keyring backend",
            ["accounts", "set", "--from-env"],
            env=dict(
                r.env(PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring"),
                JUNDESK_X_BEARER_TOKEN="t",
            ),
            show_stdout=False,
        )

        capped = folder / "capped.db"
        server.faults.push(Fault.usage_capped(times=1000))
        started = time.monotonic()
        collect = [
            "collect",
            "--once",
            "--quiet",
            "--db",
            str(capped),
            "--x-api-base",
            server.base_url,
        ]
        r.run("collect --once when X answers usage-capped", collect, env=r.x_env())
        first_s = time.monotonic() - started
        r.run("collect --once again, the same month", collect, env=r.x_env())
        server.faults.clear()
        asked = len(server.faults.fired)

        lock_db = folder / "locked.db"
        command = [
            sys.executable,
            "-m",
            "jundesk.cli.main",
            "collect",
            "--quiet",
            "--interval",
            "1",
            "--db",
            str(lock_db),
            "--x-api-base",
            server.base_url,
        ]
        holder = subprocess.Popen(
            command, env=r.x_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            lock = lock_db.with_name(lock_db.name + ".intake-lock")
            deadline = time.monotonic() + 60
            while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
                time.sleep(0.1)
            r.run(
                "a second collect on the same desk file",
                ["collect", "--once", "--db", str(lock_db), "--x-api-base", server.base_url],
                env=r.x_env(),
            )
        finally:
            holder.terminate()
            holder.wait()

        print(r.table())
        print()
        print(
            f"usage-capped: the first collect --once ended after {first_s:.1f} s; "
            f"X was asked {asked} time(s) in both runs"
        )


if __name__ == "__main__":
    main()
