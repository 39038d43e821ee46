"""Resources: bundled inside the package, and a town's own files in the config folder
override them file by file (they survive upgrades, which replace only the package)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jundesk import paths
from jundesk.gui import canned_replies


@pytest.fixture
def own(jundesk_home: Path) -> Path:
    return paths.user_resources()


def test_bundled_resources_are_inside_the_package() -> None:
    assert Path(paths.__file__).resolve().parent / "resources" == paths.RESOURCES
    assert (paths.RESOURCES / "jundesk.qss").is_file()
    assert (paths.RESOURCES / "triage" / "police.toml").is_file()


def test_without_own_files_the_bundled_ones_are_used(own: Path) -> None:
    assert paths.resource_path("canned_replies.toml") == paths.RESOURCES / "canned_replies.toml"
    assert paths.resource_path("triage") == paths.RESOURCES / "triage"
    (own / "triage").mkdir(parents=True)  # an empty folder overrides nothing
    assert paths.resource_path("triage") == paths.RESOURCES / "triage"


def test_a_towns_own_file_overrides_the_bundled_one(own: Path) -> None:
    (own / "triage").mkdir(parents=True)
    police = own / "triage" / "police.toml"
    police.write_text("# the town's own\n", encoding="utf-8")
    (own / "triage" / "parks.toml").write_text("# a new role\n", encoding="utf-8")
    files = {p.name: p for p in paths.resource_files("triage", "*.toml")}
    assert files["police.toml"] == police
    assert files["lighting.toml"] == paths.RESOURCES / "triage" / "lighting.toml"
    assert files["parks.toml"].parent == own / "triage"
    assert list(files) == sorted(files)
    assert paths.resource_path("triage") == own / "triage"


def test_the_towns_canned_replies_are_the_ones_offered(own: Path) -> None:
    own.mkdir(parents=True)
    (own / "canned_replies.toml").write_text(
        '[[reply]]\nrole = "police"\nlang = "es"\ntitle = "Patrulla"\n'
        'text = "{handle} Una patrulla va de camino."\n',
        encoding="utf-8",
    )
    replies = canned_replies.load()
    assert [r.title for r in replies] == ["Patrulla"]


def test_the_config_folder_follows_jundesk_home(jundesk_home: Path) -> None:
    assert paths.config_dir() == jundesk_home / "config"
    assert paths.data_dir() == jundesk_home / "data"
