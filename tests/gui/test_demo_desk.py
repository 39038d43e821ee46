"""The demo asks which desk you are, and shows that desk's day: its roles, its person."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from jundesk.app.demo import DemoOptions, with_demo_desk
from jundesk.app.settings import Settings
from jundesk.gui import app as gui_app
from jundesk.gui.demo_desk import DemoDeskDialog


def test_each_desk_has_its_roles() -> None:
    assert with_demo_desk(Settings(), "police").desk_roles == ["police"]
    street = with_demo_desk(Settings(), "street")
    assert street.desk_roles == ["street_cleaning", "lighting"] and street.person == "Paco"
    assert "unrouted" in with_demo_desk(Settings(), "front").desk_roles


def test_the_dialog_answers_with_the_desk_clicked(qtbot) -> None:
    dialog = DemoDeskDialog()
    qtbot.addWidget(dialog)
    dialog.buttons["street"].click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.desk == "street"


class FakeTown:
    def __init__(self, options: DemoOptions) -> None:
        self.options = options


@pytest.mark.parametrize(("answer", "roles"), [("police", ["police"]), (None, None)])
def test_the_demo_asks_first_and_shows_that_desks_day(
    monkeypatch: pytest.MonkeyPatch, answer: str | None, roles: list[str] | None
) -> None:
    asked: list[bool] = []
    seen: list[Settings] = []
    monkeypatch.setattr(gui_app, "ask_demo_desk", lambda: asked.append(True) or answer)
    monkeypatch.setattr(gui_app, "application", lambda settings, argv=None: None)
    monkeypatch.setattr(gui_app, "DemoTown", FakeTown)

    def run_window(app, session, quit_after=0):  # type: ignore[no-untyped-def]
        seen.append(Settings())  # reached only when a desk was chosen
        return 0

    monkeypatch.setattr(gui_app, "run_window", run_window)
    base: list[Settings] = []
    real = gui_app.with_demo_desk
    monkeypatch.setattr(gui_app, "with_demo_desk", lambda s, d: base.append(real(s, d)) or base[-1])
    assert gui_app.run_demo(DemoOptions()) == 0
    assert asked == [True]
    if roles is None:
        assert seen == []  # the question closed: no demo
    else:
        assert base[-1].desk_roles == roles and len(seen) == 1
    # Told on the command line (--desk), or checking the install: no question.
    asked.clear()
    gui_app.run_demo(DemoOptions(desk="street"))
    gui_app.run_demo(DemoOptions(quit_after=3))
    assert asked == []
    assert [b.desk_roles for b in base[-2:]] == [
        ["street_cleaning", "lighting"],
        ["police", "street_cleaning", "lighting", "unrouted"],
    ]


def test_the_window_shows_the_town_the_terminal_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """`jundesk demo --preload 5 --desk police`: the window's desk is the one the terminal's
    demo prints for (app/demo.py builds both), on the day's preloaded posts."""
    from jundesk.app.demo import demo_options

    monkeypatch.setattr(gui_app, "application", lambda settings, argv=None: None)
    monkeypatch.setattr(
        gui_app, "ask_demo_desk", lambda: pytest.fail("--desk given: nothing to ask")
    )
    opened: list[object] = []

    def run_window(app, make_session, quit_after=0):  # type: ignore[no-untyped-def]
        session = make_session()
        try:
            town = session.demo
            settings = session.settings
            assert settings.desk_roles == ["police"] and settings.person == "Agente Ruiz"
            assert settings.x_api_base == town.server.base_url
            assert town.options.preload == 5 and len(town.simulator.posted) >= 5
            assert settings == town.settings(with_demo_desk(Settings.load(), "police"))
            opened.append(session)
        finally:
            session.close()
        return 0

    monkeypatch.setattr(gui_app, "run_window", run_window)
    assert gui_app.run_demo(demo_options(["--preload", "5", "--desk", "police"])) == 0
    assert len(opened) == 1
