"""Rule files: a town adds a role by adding a file; a broken file is named with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jundesk.core.model import POLICE, UNROUTED, Priority
from jundesk.paths import RESOURCES, user_resources
from jundesk.triage import RuleFileError, Triage

PARKS = """\
[role]
label = "Parks and gardens"

[es]
"columpio" = 3
"parque infantil" = 2
"césped" = 2.5
"poda" = 1.5

[en]
"swings" = 3
"playground" = 2
"""


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    target = tmp_path / "triage"
    shutil.copytree(RESOURCES / "triage", target)
    return target


def test_a_new_role_file_is_picked_up(rules_dir: Path) -> None:
    (rules_dir / "parks.toml").write_text(PARKS, encoding="utf-8")
    triage = Triage.from_resources(rules_dir)
    assert "parks" in triage.roles
    verdict = triage.classify("Los columpios del parque están rotos")
    assert verdict.role == "parks"
    assert "columpio" in verdict.matched
    assert triage.classify("The swings in the park are broken").role == "parks"
    # The other roles still work.
    assert triage.classify("La farola está apagada").role == "lighting"


def test_bundled_rules_load(tmp_path: Path) -> None:
    assert Triage.from_resources().roles == Triage.from_resources(RESOURCES / "triage").roles


def test_minimal_rules_without_priority_file(tmp_path: Path) -> None:
    (tmp_path / "police.toml").write_text('[es]\n"ruido" = 3\n', encoding="utf-8")
    triage = Triage.from_resources(tmp_path)
    assert triage.roles == (POLICE,)
    assert triage.classify("mucho ruido").role == POLICE
    assert triage.classify("accidente").priority is Priority.NORMAL  # no urgent words given


def test_urgent_fallback_role_comes_from_priority_file(tmp_path: Path) -> None:
    (tmp_path / "police.toml").write_text('[es]\n"ruido" = 3\n', encoding="utf-8")
    (tmp_path / "priority.toml").write_text(
        '[urgent]\nthreshold = 1\nfallback_role = "police"\n[urgent.es]\n"incendio" = 1\n',
        encoding="utf-8",
    )
    verdict = Triage.from_resources(tmp_path).classify("incendio en el monte")
    assert (verdict.role, verdict.priority) == (POLICE, Priority.URGENT)


def _error(tmp_path: Path, name: str, content: str) -> RuleFileError:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        Triage.from_resources(tmp_path)
    return caught.value


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "police.toml", '[es]\n"ruido" = 2\n"música alta" 3\n')
    assert error.line == 3
    assert "police.toml" in str(error) and "line 3" in str(error)


def test_weight_that_is_not_a_number_names_its_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "lighting.toml", '[es]\n"farola" = 3\n"bombilla" = "mucho"\n')
    assert error.line == 3
    assert "lighting.toml" in str(error) and "bombilla" in str(error)


def test_weight_out_of_range(tmp_path: Path) -> None:
    error = _error(tmp_path, "lighting.toml", '[en]\n\n"lamp" = 1000\n')
    assert error.line == 3 and "between" in str(error)


def test_unknown_section(tmp_path: Path) -> None:
    error = _error(tmp_path, "lighting.toml", '[es]\n"farola" = 3\n\n[de]\n"lampe" = 3\n')
    assert error.line == 4 and "[de]" in str(error)


def test_term_with_no_words(tmp_path: Path) -> None:
    error = _error(tmp_path, "lighting.toml", '[es]\n"farola" = 3\n"!!!" = 1\n')
    assert error.line == 3


def test_bad_role_file_names(tmp_path: Path) -> None:
    error = _error(tmp_path, "Street Cleaning.toml", '[es]\n"basura" = 3\n')
    assert "Street Cleaning.toml" in str(error)
    (tmp_path / "Street Cleaning.toml").unlink()
    error = _error(tmp_path, f"{UNROUTED}.toml", '[es]\n"hola" = 3\n')
    assert UNROUTED in str(error)


def test_bad_priority_settings(tmp_path: Path) -> None:
    error = _error(tmp_path, "priority.toml", "[urgent]\nthreshold = -1\n")
    assert "priority.toml" in str(error) and error.line == 2
    error = _error(tmp_path, "priority.toml", '[negation]\nwindow = 3\nes = "no"\n')
    assert error.line == 3
    error = _error(tmp_path, "priority.toml", "[urgente]\n")
    assert error.line == 1


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "police.toml").write_bytes(b'[es]\n"ruido" = 3\n"m\xfasica" = 2\n')
    with pytest.raises(RuleFileError, match=r"police\.toml"):
        Triage.from_resources(tmp_path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="does not exist"):
        Triage.from_resources(tmp_path / "nowhere")


def test_a_towns_own_rule_files_override_and_extend_the_bundled_ones() -> None:
    """A town's files live in its config folder (they survive upgrades): a file named like a
    bundled one replaces it, a new one adds a role, the others stay as shipped."""
    own = user_resources() / "triage"
    own.mkdir(parents=True)
    (own / "parks.toml").write_text(PARKS, encoding="utf-8")
    (own / "lighting.toml").write_text('[role]\nlabel = "Luz"\n[es]\n"bombilla" = 3\n')
    triage = Triage.from_resources()
    assert "parks" in triage.roles and "police" in triage.roles
    assert triage.classify("Los columpios del parque están rotos").role == "parks"
    assert "bombilla" in triage.classify("La bombilla de la calle Real").matched
    assert "farola" not in " ".join(triage.classify("La farola está apagada").matched)
