"""Words the town publishes (the weekly summary post, the open-data export), in the
town's languages. They are the town speaking to the public, not the desk's interface, so
they are not Qt strings (as duty.py's 112 reply)."""

from __future__ import annotations

LANGUAGES = ("es", "en")

ROLE_NAMES: dict[str, dict[str, str]] = {
    "es": {
        "police": "Policía Local",
        "street_cleaning": "Limpieza viaria",
        "lighting": "Alumbrado público",
        "parks": "Parques y jardines",
        "waste": "Residuos",
        "water": "Agua",
        "traffic": "Tráfico",
        "unrouted": "Atención ciudadana",
    },
    "en": {
        "police": "Local police",
        "street_cleaning": "Street cleaning",
        "lighting": "Street lighting",
        "parks": "Parks and gardens",
        "waste": "Waste collection",
        "water": "Water",
        "traffic": "Traffic",
        "unrouted": "Front desk",
    },
}


def role_name(role: str, language: str = "en") -> str:
    """The public name of a role's service; a town's own role still reads well."""
    names = ROLE_NAMES.get(language, ROLE_NAMES["en"])
    return names.get(role) or role.replace("_", " ").capitalize()


def duration_text(seconds: float, language: str = "en") -> str:
    """A duration as people say it: "3 min 58 s", "2 h 10 min", "3 d 4 h" (the same
    abbreviations in Spanish: "días" for days)."""
    total = max(0, round(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    day_word = "d" if language == "en" else "días" if days != 1 else "día"
    if days:
        return f"{days} {day_word} {hours} h" if hours else f"{days} {day_word}"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"
