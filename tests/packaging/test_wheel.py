"""The wheel is all an installed JunDesk needs: built from the checkout, installed into a
fresh virtualenv outside it, it runs the headless demo and the demo window from there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jundesk import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900):  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args}: {done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT, cwd=out)
    (built,) = out.glob("jundesk-*.whl")
    return built


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "ls-files", "jundesk/resources", "jundesk/store/migrations"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    missing = [name for name in tracked if name not in names]
    assert missing == []
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert wheel.name == f"jundesk-{__version__}-py3-none-any.whl"


def test_installed_from_the_wheel_it_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    run(bindir / "python", "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env["JUNDESK_HOME"] = str(tmp_path / "home")
    jundesk = bindir / "jundesk"

    where = run(
        bindir / "python",
        "-c",
        "import jundesk, jundesk.paths as p; print(jundesk.__file__); print(p.RESOURCES)",
        cwd=tmp_path,
        env=env,
    ).stdout.splitlines()
    assert all(line.startswith(str(venv)) for line in where), where

    assert run(jundesk, "--version", cwd=tmp_path, env=env).stdout.strip() == (
        f"jundesk {__version__}"
    )
    demo = run(
        jundesk,
        "demo",
        "--headless",
        "--posts",
        "6",
        "--speed",
        "20000",
        "--interval",
        "0.2",
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert "routed as the town would" in demo.stdout
    window = run(
        jundesk,
        "demo",
        "--quit-after",
        "1",
        cwd=tmp_path,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    assert window.stdout.splitlines()[-1].startswith("jundesk demo: ok: ")
