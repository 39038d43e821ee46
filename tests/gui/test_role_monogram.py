"""A town's own role has no icon: the narrow Role column draws its first letters in a
ring instead of cutting its name to "P…"."""

from __future__ import annotations

from jundesk.gui.case_row_delegates import monogram


def test_a_role_without_an_icon_reads_as_its_first_two_letters() -> None:
    assert monogram("Parques y jardines") == "Pa"
    assert monogram("recogida de basuras") == "Re"
    assert monogram("¿Ñandú?") == "Ña"
    assert monogram("X") == "X"
    assert monogram("  ") == ""
