"""One province's synthetic collection points: how its clerk types things (`ProvinceStyle`), the
points themselves and the province's true list (`ProvinceSim`). Their words come from `names`;
the month-to-month churn applied to the list is in `churn`."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass

from generator.synth import names, vocab
from generator.synth.telephone import commune_area_codes, format_phone, random_fixed, random_mobile
from generator.units import Commune, Province, admin_units

# No collection point can sit on the Paracel or Spratly islands.
EXCLUDED_COMMUNES = frozenset({"20333", "22736"})  # Đặc khu Hoàng Sa, Đặc khu Trường Sa

AGENT_KINDS = ("post", "viettel", "commune", "association", "individual")
_AGENT_WEIGHTS = (0.45, 0.25, 0.10, 0.07, 0.13)
# Chance that a point of each kind has a fixed line, and a mobile (one of them it always has).
_PHONE_SHARES = {
    "post": (0.85, 0.9), "viettel": (0.3, 1.0), "commune": (0.8, 0.7),
    "association": (0.2, 1.0), "individual": (0.05, 1.0),
}  # fmt: skip

# Published fields, in row order after the code; used to report what changed.
PUBLISHED_KEYS = ("agent", "name", "address", "commune", "province", "fixed_phone",
                  "mobile_phone", "hours", "lat", "lon")  # fmt: skip


@dataclass(frozen=True)
class ProvinceStyle:
    prefix: str  # "LCU" in LCU-0001
    commune_full: bool  # "Xã Cẩm Giàng" rather than "Cẩm Giàng"
    province_cell: str  # what goes in Tỉnh/Thành phố ("" when the clerk leaves it out)
    phone_style: str  # compact, grouped, dotted
    coord_share: float
    decimals: int
    hours: tuple[str, ...]  # first is the province's usual hours
    agent_weights: tuple[float, ...]  # cumulative, over AGENT_KINDS


@dataclass
class Point:
    code: str
    kind: str  # one of AGENT_KINDS
    agent: str
    name: str
    address: str
    commune: Commune
    fixed: str
    mobile: str
    hours: str
    lat: str
    lon: str
    staff: str
    note: str


def code_prefix(slug: str) -> str:
    """Three letters per province: initials plus the last letter (lai-chau → LCU, hue → HUE)."""
    parts = slug.split("-")
    if len(parts) == 1:
        return parts[0][:3].upper()
    if len(parts) >= 3:
        return "".join(p[0] for p in parts[:3]).upper()
    return (parts[0][0] + parts[1][0] + parts[1][-1]).upper()


def make_style(rng: random.Random, province: Province) -> ProvinceStyle:
    province_cell = rng.choices((province.name, province.short_name, ""), weights=(0.4, 0.35, 0.25))[0]
    hours = tuple(rng.sample(vocab.HOURS, 3))
    weights = tuple(round(w * rng.uniform(0.6, 1.4), 3) for w in _AGENT_WEIGHTS)
    cumulative = tuple(itertools.accumulate(weights))
    return ProvinceStyle(
        prefix=code_prefix(province.slug),
        commune_full=rng.random() < 0.75,
        province_cell=province_cell,
        phone_style=rng.choices(("compact", "grouped", "dotted"), weights=(0.5, 0.35, 0.15))[0],
        coord_share=rng.uniform(0.35, 0.85),
        decimals=rng.choice((4, 5, 6)),
        hours=hours,
        agent_weights=cumulative,
    )


class ProvinceSim:
    """The true state of one province's list, evolving month by month (see `churn.step`)."""

    def __init__(self, province: Province, rng: random.Random, style: ProvinceStyle) -> None:
        self.province = province
        self.rng = rng
        self.style = style
        self.communes = [
            c for c in admin_units().communes_of(province.code) if c.code not in EXCLUDED_COMMUNES
        ]
        self.area_codes = commune_area_codes(province.code)
        # Some communes deliberately have no point; the rest get uneven weights (towns get more).
        empty_share = rng.uniform(0.05, 0.2)
        self.active = [c for c in self.communes if rng.random() >= empty_share] or self.communes
        self.weights = [
            (1.5 if c.kind == "Phường" else 1.0) * rng.lognormvariate(0, 0.5) for c in self.active
        ]
        self.points: dict[str, Point] = {}
        self.next_number = 1
        self.used_names: set[str] = set()
        self.ubnd_communes: set[str] = set()
        self.width = 4
        # Rows of points untouched since the last month are reused: cheaper, and the same tuple.
        self._rows: dict[str, tuple[str, ...]] = {}

    # -- generation -------------------------------------------------------------------------

    def seed_points(self, count: int) -> None:
        self.width = max(4, len(str(int(count * 1.5))))
        communes = self.rng.choices(self.active, weights=self.weights, k=count)
        # Provincial lists are ordered by commune, so early codes follow the commune order.
        for commune in sorted(communes, key=lambda c: c.code):
            self.add_point(commune)

    def add_point(self, commune: Commune) -> Point:
        rng = self.rng
        code = f"{self.style.prefix}-{self.next_number:0{self.width}d}"
        self.next_number += 1
        kind = rng.choices(AGENT_KINDS, cum_weights=self.style.agent_weights)[0]
        if kind == "commune" and commune.code in self.ubnd_communes:
            kind = "post"  # one UBND point per commune
        if kind == "commune":
            self.ubnd_communes.add(commune.code)
        hamlet = self.hamlet(commune)
        agent, name = self.agent_and_name(kind, commune, hamlet)
        name = self.unique_name(name, hamlet)
        has_fixed, has_mobile = _PHONE_SHARES[kind]
        fixed = self.fixed(commune) if rng.random() < has_fixed else ""
        mobile = self.mobile() if rng.random() < has_mobile or not fixed else ""
        lat, lon = self.coordinates(commune)
        point = Point(
            code=code,
            kind=kind,
            agent=agent,
            name=name,
            address=self.address(kind, commune, hamlet),
            commune=commune,
            fixed=fixed,
            mobile=mobile,
            hours=self._hours(kind),
            lat=lat,
            lon=lon,
            staff=names.person_name(rng),
            note=names.note(rng),
        )
        self.points[code] = point
        return point

    def remove_point(self, code: str) -> Point:
        point = self.points.pop(code)
        if point.kind == "commune":
            self.ubnd_communes.discard(point.commune.code)
        return point

    def touch(self, code: str) -> None:
        """The point is about to change: its row must be written afresh."""
        self._rows.pop(code, None)

    def hamlet(self, commune: Commune) -> str:
        return names.hamlet(self.rng, self.province.code, commune)

    def address(self, kind: str, commune: Commune, hamlet: str) -> str:
        return names.address(self.rng, kind, commune, hamlet)

    def agent_and_name(self, kind: str, commune: Commune, hamlet: str) -> tuple[str, str]:
        return names.agent_and_name(self.rng, self.province, kind, commune, hamlet)

    def unique_name(self, name: str, hamlet: str, avoid: str = "") -> str:
        """Names stay distinct within a province, as a clerk would keep them."""

        def taken(text: str) -> bool:
            return text in self.used_names or text == avoid

        candidate = name
        if taken(candidate):
            candidate = f"{name} ({names.lower_first(hamlet)})"
        number = 2
        while taken(candidate):
            candidate = f"{name} - điểm số {number}"
            number += 1
        self.used_names.add(candidate)
        return candidate

    def fixed(self, commune: Commune) -> str:
        area = self.area_codes.get(commune.code)
        if area is None:
            return ""
        return format_phone(random_fixed(self.rng, area), self.style.phone_style)

    def mobile(self) -> str:
        return format_phone(random_mobile(self.rng), self.style.phone_style)

    def coordinates(self, commune: Commune, always: bool = False) -> tuple[str, str]:
        rng = self.rng
        if not always and rng.random() >= self.style.coord_share:
            return "", ""
        # Inside the commune: uniform in a disc of 80% of the radius of a circle of its area.
        radius_km = 0.8 * math.sqrt(commune.area_km2 / math.pi) if commune.area_km2 else 0.5
        distance = radius_km * math.sqrt(rng.random())
        bearing = rng.uniform(0, 2 * math.pi)
        lat = commune.lat + distance * math.cos(bearing) / 111.32
        lon = commune.lon + distance * math.sin(bearing) / (111.32 * math.cos(math.radians(lat)))
        return f"{lat:.{self.style.decimals}f}", f"{lon:.{self.style.decimals}f}"

    def _hours(self, kind: str) -> str:
        rng = self.rng
        if rng.random() < 0.04:
            return ""
        if kind == "individual" and rng.random() < 0.15:
            return vocab.HOURS_MARKET_DAY
        return rng.choices(self.style.hours, weights=(0.7, 0.2, 0.1))[0]

    # -- output -----------------------------------------------------------------------------

    def rows(self) -> list[tuple[str, ...]]:
        """Cells in schema order (no STT), followed by the commune code for the manifest."""
        result = []
        for code in sorted(self.points):
            row = self._rows.get(code)
            if row is None:
                row = self._rows[code] = self._row(self.points[code])
            result.append(row)
        return result

    def _row(self, p: Point) -> tuple[str, ...]:
        commune = p.commune.name if self.style.commune_full else p.commune.short_name
        return (p.code, p.agent, p.name, p.address, commune, self.style.province_cell, p.fixed,
                p.mobile, p.hours, p.lat, p.lon, p.staff, p.note, p.commune.code)  # fmt: skip
