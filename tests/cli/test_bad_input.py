"""Bad input gets one clear line (and a non-zero exit where it failed), never a traceback.

Input a person can get wrong: what is piped into `classify`, the database a read-only
command is pointed at (damaged, newer, missing, read-only), where the output goes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from jundesk.cli.main import main
from jundesk.store.column_types import id_from_stored
from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator

READ_ONLY_COMMANDS = (("export",), ("case", "list", "--all"))


def jundesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_clear_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("jundesk: ")
    return lines[0]


def run_jundesk(
    *args: str, home: Path, stdout: object = subprocess.PIPE, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "jundesk.cli.main", *args],
        env=dict(os.environ, JUNDESK_HOME=str(home)),
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def town_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A desk's database with a few hundred cases, made once for the module."""
    folder = tmp_path_factory.mktemp("town")
    db = folder / "town.db"
    with XServer(seed=5) as server:
        TownSimulator(server, TownDay(seed=5, posts=300), speed=1000).preload()
        env = dict(
            os.environ,
            JUNDESK_HOME=str(folder / "home"),
            JUNDESK_X_BEARER_TOKEN=server.bearer_token,
            JUNDESK_X_USER_ID=server.town_user_id,
        )
        done = subprocess.run(
            [
                *(sys.executable, "-m", "jundesk.cli.main", "collect", "--once", "--quiet"),
                *("--db", str(db), "--x-api-base", server.base_url),
            ],
            env=env,
            capture_output=True,
            timeout=300,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def db(town_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "desk" / "town.db"
    copy.parent.mkdir()
    shutil.copy(town_db, copy)
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- classify ----------------------------------------------------------------------------


def classify(monkeypatch: pytest.MonkeyPatch, capsys, data: bytes) -> tuple[int, list[dict]]:
    # A strict UTF-8 terminal: stdin is text over bytes, as Python sets it up.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, err = jundesk(capsys, "classify")
    assert "Traceback" not in err
    return code, [json.loads(line) for line in out.splitlines()]


def test_classify_deeply_nested_input_is_an_error_line(monkeypatch, capsys) -> None:
    data = b"[" * 200_000 + b'\n{"text": "la farola de la plaza no funciona"}\n'
    code, results = classify(monkeypatch, capsys, data)
    assert code == 1
    assert len(results) == 2
    assert results[0] == {"error": "line 1: nested too deeply to be a post"}
    assert results[1]["role"] == "lighting"


def test_classify_invalid_utf8_spoils_only_its_line(monkeypatch, capsys) -> None:
    data = (
        b'{"text": "accidente en la rotonda"}\n'
        b'{"text": "caf\xe9 \xff roto"}\n'
        b'{"text": "la farola de la plaza no funciona"}\n'
    )
    code, results = classify(monkeypatch, capsys, data)
    assert code == 1
    assert len(results) == 3
    assert results[0]["role"] == "police"
    assert results[1]["error"].startswith("line 2: not UTF-8 text (byte 0xe9")
    assert results[2]["role"] == "lighting"


def test_classify_blank_lines_still_get_one_line_each(monkeypatch, capsys) -> None:
    data = b'{"text": "accidente en la rotonda"}\n\n   \n{"text": "farola rota"}\n'
    code, results = classify(monkeypatch, capsys, data)
    assert code == 1
    assert len(results) == 4
    assert results[1]["error"].startswith("line 2: a blank line")
    assert results[2]["error"].startswith("line 3: a blank line")
    assert results[3]["role"] == "lighting"


# -- the database a read-only command is given ---------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_read_only_commands_leave_the_file_as_it_was(db: Path, capsys, command) -> None:
    before = digest(db)
    code, out, _ = jundesk(capsys, *command, "--db", str(db))
    assert code == 0 and out
    assert digest(db) == before  # no ANALYZE, no migration
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def damage(db: Path, pages: list[int]) -> None:
    with db.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * 4096 + 100)
            file.write(b"\xff" * 3000)


def root_pages(db: Path, table: str) -> list[int]:
    """The first page of a table and of each of its indexes."""
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name = ? AND rootpage > 0", (table,)
        ).fetchall()
    return [r[0] for r in rows]


@pytest.mark.slow
@pytest.mark.parametrize("command", [*READ_ONLY_COMMANDS, ("case", "log", "walk-in")])
@pytest.mark.parametrize("table", ["cases", "posts", "events", "case_posts"])
def test_a_damaged_table_is_one_line_at_most(db: Path, capsys, command, table) -> None:
    damage(db, root_pages(db, table))
    code, _, err = jundesk(capsys, *command, "--db", str(db))
    if code != 0 or err:
        assert code == 1
        assert "is not a JunDesk database or is damaged" in one_clear_line(err)


@pytest.mark.slow
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_a_damaged_database_is_one_line(db: Path, capsys, command) -> None:
    # Every page past the schema damaged: whatever is read first meets one.
    damage(db, list(range(9, db.stat().st_size // 4096 + 1)))
    code, _, err = jundesk(capsys, *command, "--db", str(db))
    assert code == 1
    assert "is not a JunDesk database or is damaged" in one_clear_line(err)


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_a_database_from_a_newer_jundesk_is_refused_untouched(db: Path, capsys, command) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(db)
    code, _, err = jundesk(capsys, *command, "--db", str(db))
    assert code == 1
    assert "written by a newer version of JunDesk" in one_clear_line(err)
    assert digest(db) == before


def test_a_writing_command_refuses_a_newer_database_too(db: Path, capsys) -> None:
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    code, _, err = jundesk(capsys, "case", "log", "--db", str(db), "a walk-in complaint")
    assert code == 1
    assert "written by a newer version of JunDesk" in one_clear_line(err)


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_a_mistyped_path_is_refused_and_nothing_created(tmp_path: Path, capsys, command) -> None:
    missing = tmp_path / "no-such-folder" / "twon.db"
    code, out, err = jundesk(capsys, *command, "--db", str(missing))
    assert code == 1 and out == ""
    assert one_clear_line(err).startswith(f"jundesk: There is no JunDesk database at {missing}")
    assert not missing.parent.exists()


def test_an_older_database_is_refused_by_reads_and_upgraded_on_request(db, capsys) -> None:
    from jundesk.store.database import downgrade

    downgrade(db, "0003")
    code, _, err = jundesk(capsys, "export", "--db", str(db))
    assert code == 1 and "jundesk upgrade" in one_clear_line(err)
    code, out, _ = jundesk(capsys, "upgrade", "--db", str(db))
    assert code == 0 and "up to date" in out
    code, out, _ = jundesk(capsys, "export", "--db", str(db))
    assert code == 0 and out


def _read_only_folder_runner(folder: Path) -> list[str]:
    """A prefix that runs a command where `folder` can't be written, even for root."""
    folder.chmod(0o500)
    if os.geteuid() != 0:
        return []
    if not shutil.which("unshare") or not shutil.which("mount"):
        pytest.skip("root without unshare/mount: a read-only folder can't be made here")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("root without mount namespaces: a read-only folder can't be made here")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return ["unshare", "-m", "sh", "-c", script, "sh", str(folder)]


@pytest.mark.slow
@pytest.mark.parametrize("command", (*READ_ONLY_COMMANDS, ("case", "show")))
def test_read_only_commands_work_on_a_read_only_file_and_folder(
    db: Path, tmp_path: Path, command
) -> None:
    args = list(command)
    if command == ("case", "show"):
        with closing(sqlite3.connect(db)) as conn, conn:
            args.append(id_from_stored(conn.execute("SELECT id FROM cases LIMIT 1").fetchone()[0]))
    db.chmod(0o400)
    before = digest(db)
    prefix = _read_only_folder_runner(db.parent)
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "jundesk.cli.main", *args, "--db", str(db)],
            env=dict(os.environ, JUNDESK_HOME=str(tmp_path / "home")),
            capture_output=True,
            timeout=120,
            check=False,
        )
    finally:
        db.parent.chmod(0o700)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout and not done.stderr
    assert digest(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["town.db"]


# -- where the output goes -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_piped_into_head_exits_quietly(db: Path, tmp_path: Path, command) -> None:
    import fcntl

    read_end, write_end = os.pipe()
    # A small pipe, so the command is still writing when the reader goes away.
    fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [sys.executable, "-m", "jundesk.cli.main", *command, "--db", str(db)],
        env=dict(os.environ, JUNDESK_HOME=str(tmp_path)),
        stdout=write_end,
        stderr=subprocess.PIPE,
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        assert reader.readline()  # what `head -1` reads before it goes away
    assert process.stderr is not None
    err = process.stderr.read()
    code = process.wait(timeout=60)
    assert err == b""
    assert code == 141


@pytest.mark.slow
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_a_full_device_is_one_line(db: Path, tmp_path: Path, command) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "wb") as full:
        done = run_jundesk(*command, "--db", str(db), home=tmp_path, stdout=full)
    assert done.returncode == 1
    assert one_clear_line(done.stderr.decode()) == (
        "jundesk: can't write the output: No space left on device"
    )


# -- credentials -------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["null", "fail"])
def test_a_keyring_that_keeps_nothing_is_never_reported_as_stored(
    capsys, monkeypatch, backend
) -> None:
    import keyring
    from keyring.backends import fail, null

    keyring.set_keyring(null.Keyring() if backend == "null" else fail.Keyring())
    monkeypatch.setenv("JUNDESK_X_BEARER_TOKEN", "a-bearer-token")
    code, out, err = jundesk(capsys, "accounts", "set", "--from-env")
    assert code == 1
    assert "Stored in the keyring" not in out
    line = one_clear_line(err)
    assert f"keyring.backends.{backend}.Keyring" in line
    assert "nothing was stored" in line and "apt install gnome-keyring" in line


@pytest.mark.slow
def test_resolving_without_a_reply_needs_no_x_credentials(tmp_path: Path, capsys) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # no keyring, no JUNDESK_X_*: no X at all
    db = str(tmp_path / "desk.db")
    code, out, _ = jundesk(capsys, "case", "log", "--db", db, "a bench is broken in the park")
    assert code == 0
    case = out.split()[0]
    code, out, err = jundesk(capsys, "case", "resolve", "--db", db, case)
    assert (code, err) == (0, "")
    assert "resolved" in out
    # A closing reply does need X, and says so in one line.
    code, out, err = jundesk(capsys, "case", "reopen", "--db", db, case)
    code, out, err = jundesk(capsys, "case", "resolve", "--db", db, case, "--reply", "Fixed")
    assert code == 1 and "no keyring" in one_clear_line(err)


@pytest.mark.slow
def test_actions_on_a_merged_case_are_one_line(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "desk.db")
    cases = []
    for text in ("the bench in the park is broken", "broken bench, park"):
        code, out, _ = jundesk(capsys, "case", "log", "--db", db, text)
        cases.append(out.split()[0])
    jundesk(capsys, "case", "merge", "--db", db, cases[0], cases[1])
    for verb in ("resolve", "reopen", "reject", "close", "ack", ("route", "police")):
        args = (verb,) if isinstance(verb, str) else verb
        code, out, err = jundesk(capsys, "case", args[0], "--db", db, cases[1], *args[1:])
        assert code == 1 and out == ""
        assert one_clear_line(err) == (
            f"jundesk: Case {cases[1]} was merged into case {cases[0]}: act on that case instead."
        )
