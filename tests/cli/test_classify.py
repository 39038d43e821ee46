"""`jundesk classify`'s contract: JSON lines in, one verdict a line out in the same order,
with the probable other department, and corrections learned first from a file."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from jundesk.cli.main import main


def classify(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    texts: list[str],
    *args: str,
) -> tuple[int, list[dict[str, object]], str]:
    stdin = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["classify", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_every_line_has_role_priority_confidence_and_suggested(capsys, monkeypatch) -> None:
    texts = [
        "La farola de mi calle no enciende",
        "Hay un bache enorme en la calzada de la avenida, casi me caigo con la moto",
        "Accidente en la rotonda, hay un herido sangrando",
    ]
    code, out, _ = classify(capsys, monkeypatch, texts)
    assert code == 0
    assert [set(line) for line in out] == [{"role", "priority", "confidence", "suggested"}] * 3
    assert out[0]["role"] == "lighting" and out[0]["suggested"] is None
    assert out[1]["role"] == "unrouted" and out[1]["suggested"] == "roads"
    assert out[2]["priority"] == "urgent"


def test_corrections_are_learned_before_classifying(capsys, monkeypatch, tmp_path: Path) -> None:
    text = "Los columpios del parque infantil tienen las cadenas oxidadas"
    _, before, _ = classify(capsys, monkeypatch, [text])
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text(
        "\n".join(
            json.dumps({"text": t, "role": "playgrounds"}, ensure_ascii=False)
            for t in (
                "El tobogán del parque infantil está roto",
                "Columpios rotos en el parque infantil de la plaza",
                "Faltan las cadenas de los columpios",
            )
        )
        + "\n",
        encoding="utf-8",
    )
    code, after, _ = classify(capsys, monkeypatch, [text], "--corrections", str(corrections))
    assert code == 0
    assert before[0]["role"] != "playgrounds"
    assert after[0]["role"] == "playgrounds"


def test_a_bad_corrections_file_names_its_line(capsys, monkeypatch, tmp_path: Path) -> None:
    corrections = tmp_path / "corrections.jsonl"
    corrections.write_text('{"text": "ok", "role": "water"}\n{"text": "no role"}\n')
    with pytest.raises(SystemExit, match="line 2"):
        classify(capsys, monkeypatch, ["x"], "--corrections", str(corrections))
