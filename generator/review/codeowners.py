"""`.github/CODEOWNERS`, generated from the province list: one line per province folder.

Convention: the GitHub organisation `bhxh-vn` has one team per province whose slug is the
province's folder name (`@bhxh-vn/lai-chau`, `@bhxh-vn/ho-chi-minh`), and the maintainers' team
`@bhxh-vn/ky-thuat` owns everything else. With "Require review from Code Owners" on the main
branch, a province's list is approved by a second person of that province, and nobody else's
approval counts for that folder.
"""

from __future__ import annotations

from generator.contract import PROJECT_ROOT
from generator.units import admin_units

CODEOWNERS_PATH = PROJECT_ROOT / ".github" / "CODEOWNERS"
ORGANISATION = "bhxh-vn"
MAINTAINERS = "ky-thuat"


def render_codeowners(organisation: str = ORGANISATION, maintainers: str = MAINTAINERS) -> str:
    provinces = sorted(admin_units().provinces.values(), key=lambda p: p.slug)
    width = max(len(p.slug) for p in provinces) + len("/directory_data/provinces//")
    lines = [
        "# Sinh tự động bằng `python -m generator codeowners`; đừng sửa tay.",
        f"# Mỗi tỉnh một nhóm @{organisation}/<mã tỉnh> (tên thư mục của tỉnh); nhóm kỹ thuật",
        f"# @{organisation}/{maintainers} sở hữu phần còn lại. Dòng khớp sau cùng được áp dụng.",
        "",
        f"{'*':<{width}} @{organisation}/{maintainers}",
        "",
    ]
    for province in provinces:
        folder = f"/directory_data/provinces/{province.slug}/"
        lines.append(f"{folder:<{width}} @{organisation}/{province.slug}")
    return "\n".join(lines) + "\n"
