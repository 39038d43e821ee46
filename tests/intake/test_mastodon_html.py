"""A status's HTML as the desk's plain text: words, line breaks and whole link addresses."""

from __future__ import annotations

import pytest

from jundesk.intake.mastodon_html import plain_text


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("<p>Hola</p><p>Adiós</p>", "Hola\n\nAdiós"),
        ("<p>una<br>dos<br />tres</p>", "una\ndos\ntres"),
        ("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#128161;</p>", 'a & b <c> "d" 💡'),
        ("<p>muchos     espacios\n y saltos</p>", "muchos espacios y saltos"),
        ("<ul><li>farola</li><li>banco</li></ul>", "- farola\n\n- banco"),
        ("<pre>  tal   cual</pre>", "tal   cual"),
        ("<p>x<style>p{}</style><script>alert(1)</script>y</p>", "xy"),
        ("<p><a href='javascript:alert(1)'>mira</a><img src=x onerror=alert(1)></p>", "mira"),
        ("texto sin marcas", "texto sin marcas"),
        ("<p>sin cerrar <b>negrita", "sin cerrar negrita"),
        ("", ""),
    ],
)
def test_plain_text(content: str, text: str) -> None:
    assert plain_text(content) == text
