"""What makes a leaflet print-ready: the tri-fold's geometry (a narrower fold-in panel, the print
shop's bleed and marks), the QR code that leads from paper to the site, and the print
specification page for the print shop (plan 910/KH-BHXH, section 1.2: A4, folded in three, stiff
glossy paper printed in colour; Phụ lục 3: quantities)."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

TRIM_W, TRIM_H = 297, 210  # A4 landscape, mm
PANEL = 100  # the two full panels
NARROW = 3  # the fold-in panel is this much narrower (297 = 100 + 100 + 97)
BLEED = 3  # print shop: colour runs this far past the trim
MARKS = 8  # print shop, on request: room for crop and fold marks outside the bleed


@dataclass(frozen=True)
class Geometry:
    bleed: int = 0
    marks: int = 0
    trim_w: int = TRIM_W
    trim_h: int = TRIM_H
    narrow: int = NARROW

    @property
    def page_w(self) -> int:
        return self.trim_w + 2 * (self.bleed + self.marks)

    @property
    def page_h(self) -> int:
        return self.trim_h + 2 * (self.bleed + self.marks)

    @property
    def flap(self) -> int:
        return self.trim_w - 2 * PANEL

    @property
    def outside(self) -> tuple[int, int, int]:
        """Column widths of the outside (flap | back | front), outer ones with their bleed."""
        return (self.bleed + self.flap, PANEL, PANEL + self.bleed)

    @property
    def inside(self) -> tuple[int, int, int]:
        """The inside, mirrored: the panel behind the flap is the narrow one, on the right."""
        return (self.bleed + PANEL, PANEL, self.flap + self.bleed)

    @property
    def outside_folds(self) -> tuple[int, int]:
        return (self.flap, self.flap + PANEL)

    @property
    def inside_folds(self) -> tuple[int, int]:
        return (PANEL, 2 * PANEL)


HOME = Geometry()  # the PDF on the site: A4, printable on any office printer


def print_shop(crop_marks: bool) -> Geometry:
    return Geometry(bleed=BLEED, marks=MARKS if crop_marks else 0)


def qr_svg(target: str) -> Markup:
    """The QR code of `target` as inline SVG (segno; error correction M survives a crease)."""
    code = segno.make(target, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, dark="#000", light="#fff")
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="Mã QR: ' + target + '" ', 1))


def qr_target(site_url: str, province: str | None) -> str:
    """A province's own leaflet leads to its page of collection points, a national one to the
    finder of the nearest points."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"{base}tinh/{province}/" if province else f"{base}gan-toi/"
