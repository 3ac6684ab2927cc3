"""The one typeface of the leaflets and signs: Noto Sans, vendored from the npm package
@fontsource/noto-sans (site_src/assets/vendor/noto-sans/, README.txt there says why and how to
update). The site links the files; a print document carries them as data URIs, so Chromium embeds
this family and no other into every PDF, wherever the document is printed from."""

from __future__ import annotations

import base64
from functools import lru_cache

from markupsafe import Markup

from generator.contract import PROJECT_ROOT

FAMILY = "Noto Sans"
FONT_DIR = PROJECT_ROOT / "site_src" / "assets" / "vendor" / "noto-sans"
# From the package's latin-400.css and vietnamese-400.css: a browser fetches a subset only for the
# characters a page uses.
SUBSETS = {
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
    "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
    "vietnamese": "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,"
    "U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB",
}
WEIGHTS = (400, 700)
# Never a second family: a glyph missing from Noto Sans would show as a box, not in another face.
STACK = f'"{FAMILY}"'


def font_files() -> list[str]:
    return [f"noto-sans-{subset}-{weight}-normal.woff2" for subset in SUBSETS for weight in WEIGHTS]


def _face(subset: str, weight: int, url: str) -> str:
    return (
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: {weight}; '
        f"font-display: block; src: url({url}) format('woff2'); unicode-range: {SUBSETS[subset]}; }}"
    )


@lru_cache(maxsize=1)
def embedded_faces() -> Markup:
    """@font-face rules with the fonts inline, for self-contained print documents."""
    rules = []
    for subset in SUBSETS:
        for weight in WEIGHTS:
            data = (FONT_DIR / f"noto-sans-{subset}-{weight}-normal.woff2").read_bytes()
            url = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
            rules.append(_face(subset, weight, url))
    return Markup("\n".join(rules))
