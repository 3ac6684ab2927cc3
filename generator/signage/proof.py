"""The print proof: one page per sign at real size (90 × 130 cm, portrait), as a self-contained
HTML document per province with a print stylesheet; Chromium prints it to PDF."""

from __future__ import annotations

from generator.render.fonts import STACK, embedded_faces
from generator.render.templating import render
from generator.signage.fit import STEP, Box, fit, fitted
from generator.signage.plan import Sign
from generator.signage.records import print_phone
from generator.units import Province

HEADING = ("ĐẠI LÝ THU", "BHXH, BHYT")
WIDTH_CM, HEIGHT_CM = 90, 130
# The fixed layout, inside a 1.5 cm frame: heading band, then the boxes below, 79 cm wide.
AGENT = Box(79, 27, ceiling_cm=8.0, floor_cm=2.8, line_height=1.25, bold=True, upper=True)
NAME = Box(79, 14, ceiling_cm=5.0, floor_cm=2.2, line_height=1.2, bold=True)
ADDRESS = Box(79, 28, ceiling_cm=4.6, floor_cm=2.4, line_height=1.25)
PHONES = Box(79, 19, ceiling_cm=5.2, floor_cm=2.4, line_height=1.3, bold=True)
FOOTER = Box(79, 2.5, ceiling_cm=1.2, floor_cm=0.6, line_height=1.2)
ADDRESS_LABEL = "Địa chỉ: "
FIXED_LABEL = "Điện thoại: "
MOBILE_LABEL = "Di động: "


def sign_view(sign: Sign, month: str) -> dict:
    """What the template prints for one sign, with the fitted font sizes."""
    point = sign.point
    phones = [
        (label, number)
        for label, number in (
            (FIXED_LABEL, print_phone(point.fixed_phone, point.fixed_phone_e164)),
            (MOBILE_LABEL, print_phone(point.mobile_phone, point.mobile_phone_e164)),
        )
        if number
    ]
    phone_text = "\n".join(label + number for label, number in phones)
    # The footer stays on the sign for years: only what identifies it, never why it was printed.
    footer = f"Mã điểm thu {point.code} · {sign.province.name}"
    agent, agent_cm = fitted(point.agent, AGENT)
    name, name_cm = fitted(point.name, NAME)
    address, address_cm = fitted(ADDRESS_LABEL + sign.printed_address, ADDRESS)
    return {
        "code": point.code,
        "agent": agent,
        "agent_cm": agent_cm,
        "name": name,
        "name_cm": name_cm,
        "address": address.removeprefix(ADDRESS_LABEL),
        "address_cm": address_cm,
        "phones": phones,
        "phones_cm": fit(phone_text, PHONES, paragraphs=len(phones)) if phones else PHONES.ceiling_cm,
        "footer": footer,
        "footer_cm": fit(footer, FOOTER),
        "caption": f"{point.code} – biển hiệu {sign.kind.lower()}: {'; '.join(sign.reasons)}",
    }


def render_proof(province: Province, signs: list[Sign], month: str) -> str:
    """One HTML document: every sign of a province, one printed page each."""
    return render(
        "signage/proof.html.j2",
        province=province,
        month=month,
        signs=[sign_view(s, month) for s in signs],
        heading=HEADING,
        boxes={"agent": AGENT, "name": NAME, "address": ADDRESS, "phones": PHONES, "footer": FOOTER},
        floors={
            "agent": AGENT.floor_cm,
            "name": NAME.floor_cm,
            "address": ADDRESS.floor_cm,
            "phones": PHONES.floor_cm,
        },
        width_cm=WIDTH_CM,
        height_cm=HEIGHT_CM,
        step=STEP,
        address_label=ADDRESS_LABEL,
        fonts=embedded_faces(),
        font_stack=STACK,
    )
