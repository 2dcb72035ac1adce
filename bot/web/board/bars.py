"""Inline SVG progress bars for the board's headline, drawn on the server (no script, no CDN)."""

from decimal import Decimal

from markupsafe import Markup, escape

_WIDTH, _HEIGHT = 200, 14


def progress_bar(percent: Decimal | None, label: str, marker: Decimal | None = None) -> Markup:
    """A bar filled to `percent` (capped at 100), with an optional marker line (序时进度)."""
    done = max(Decimal(0), min(Decimal(100), percent or Decimal(0)))
    fill = (done * _WIDTH / 100).quantize(Decimal("0.1"))
    parts = [
        f'<svg class="bar" viewBox="0 0 {_WIDTH} {_HEIGHT}" preserveAspectRatio="none" '
        f'role="img" aria-label="{escape(label)}">',
        f'<rect class="bar-track" x="0" y="0" width="{_WIDTH}" height="{_HEIGHT}" rx="3"/>',
        f'<rect class="bar-fill" x="0" y="0" width="{fill}" height="{_HEIGHT}" rx="3"/>',
    ]
    if marker is not None:
        at = (max(Decimal(0), min(Decimal(100), marker)) * _WIDTH / 100).quantize(Decimal("0.1"))
        parts.append(f'<line class="bar-marker" x1="{at}" x2="{at}" y1="0" y2="{_HEIGHT}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
