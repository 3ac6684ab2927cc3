"""One province's synthetic collection points: how its clerk types things (`ProvinceStyle`), the
points themselves, and the month-to-month churn applied to them (`ProvinceSim`)."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass

from generator.synth import vocab
from generator.synth.telephone import commune_area_codes, format_phone, random_fixed, random_mobile
from generator.units import Commune, Province, admin_units

# No collection point can sit on the Paracel or Spratly islands.
EXCLUDED_COMMUNES = frozenset({"20333", "22736"})  # Đặc khu Hoàng Sa, Đặc khu Trường Sa

# Regions decide what a hamlet is called: bản in the northern mountains, ấp in the south …
_NORTH_MOUNTAIN = {"04", "08", "11", "12", "14", "15", "19", "20"}
_NORTH_CENTRAL = {"38", "40", "42"}
_HIGHLANDS = {"52", "66", "68"}
_SOUTH = {"75", "79", "80", "82", "86", "91", "92", "96"}

AGENT_KINDS = ("post", "viettel", "commune", "association", "individual")
_AGENT_WEIGHTS = (0.45, 0.25, 0.10, 0.07, 0.13)
# Points whose agent and name do not carry a commune's name can move to another commune.
_MOVABLE = ("post", "viettel", "individual")

# Published fields, in row order after the code; used to report what changed.
PUBLISHED_KEYS = ("agent", "name", "address", "commune", "province", "fixed_phone",
                  "mobile_phone", "hours", "lat", "lon")  # fmt: skip


@dataclass(frozen=True)
class ChurnRates:
    """Monthly probabilities per point; closures and additions are drawn per province-month."""

    closed: tuple[float, float] = (0.01, 0.02)
    added: tuple[float, float] = (0.01, 0.02)
    phone: float = 0.02
    moved: float = 0.005
    edited: float = 0.01


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


_FAMILIES = tuple(vocab.FAMILY_NAMES)
_FAMILY_CUMULATIVE = tuple(itertools.accumulate(vocab.FAMILY_NAMES.values()))


def person_name(rng: random.Random) -> str:
    # Most collection staff are women.
    family = rng.choices(_FAMILIES, cum_weights=_FAMILY_CUMULATIVE)[0]
    if rng.random() < 0.8:
        return f"{family} {rng.choice(vocab.FEMALE_MIDDLE)} {rng.choice(vocab.FEMALE_GIVEN)}"
    return f"{family} {rng.choice(vocab.MALE_MIDDLE)} {rng.choice(vocab.MALE_GIVEN)}"


class ProvinceSim:
    """The true state of one province's list, evolving month by month."""

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
            self._add_point(commune)

    def _add_point(self, commune: Commune) -> Point:
        rng = self.rng
        code = f"{self.style.prefix}-{self.next_number:0{self.width}d}"
        self.next_number += 1
        kind = rng.choices(AGENT_KINDS, cum_weights=self.style.agent_weights)[0]
        if kind == "commune" and commune.code in self.ubnd_communes:
            kind = "post"  # one UBND point per commune
        if kind == "commune":
            self.ubnd_communes.add(commune.code)
        hamlet = self._hamlet(commune)
        agent, name = self._agent_and_name(kind, commune, hamlet)
        name = self._unique_name(name, hamlet)
        has_fixed, has_mobile = {
            "post": (0.85, 0.9), "viettel": (0.3, 1.0), "commune": (0.8, 0.7),
            "association": (0.2, 1.0), "individual": (0.05, 1.0),
        }[kind]  # fmt: skip
        fixed = self._fixed(commune) if rng.random() < has_fixed else ""
        mobile = self._mobile() if rng.random() < has_mobile or not fixed else ""
        lat, lon = self._coordinates(commune)
        point = Point(
            code=code,
            kind=kind,
            agent=agent,
            name=name,
            address=self._address(kind, commune, hamlet),
            commune=commune,
            fixed=fixed,
            mobile=mobile,
            hours=self._hours(kind),
            lat=lat,
            lon=lon,
            staff=person_name(rng),
            note=self._note(),
        )
        self.points[code] = point
        return point

    def _hamlet(self, commune: Commune) -> str:
        rng, code = self.rng, self.province.code
        if commune.kind == "Phường":
            number = rng.randint(1, 25)
            if code in _SOUTH:
                return rng.choice((f"Khu phố {number}", f"Khu phố {rng.choice(vocab.HAMLET_NAMES)}"))
            return rng.choice((f"Tổ dân phố {number}", f"Tổ dân phố số {number}", f"Tổ {number}"))
        if code in _SOUTH:
            word = "Ấp"
        elif code in _NORTH_MOUNTAIN:
            word = rng.choices(("Bản", "Thôn", "Xóm"), weights=(0.5, 0.35, 0.15))[0]
        elif code in _NORTH_CENTRAL:
            word = rng.choices(("Thôn", "Xóm", "Bản"), weights=(0.6, 0.25, 0.15))[0]
        elif code in _HIGHLANDS:
            word = rng.choices(("Thôn", "Buôn", "Làng"), weights=(0.6, 0.25, 0.15))[0]
        else:
            word = rng.choices(("Thôn", "Xóm"), weights=(0.8, 0.2))[0]
        if word == "Bản":
            return f"Bản {rng.choice(vocab.BAN_FIRST)} {rng.choice(vocab.BAN_SECOND)}"
        if word == "Buôn":
            return f"Buôn {rng.choice(vocab.BUON_NAMES)}"
        if rng.random() < 0.4:
            return f"{word} {rng.randint(1, 15)}"
        return f"{word} {rng.choice(vocab.HAMLET_NAMES)}"

    def _address(self, kind: str, commune: Commune, hamlet: str) -> str:
        rng = self.rng
        level = commune.kind.lower()
        if kind == "commune":
            return f"Trụ sở UBND {level}, {hamlet}"
        # Pick the pattern first: formatting every alternative would double the generation time.
        if commune.kind == "Phường":
            street, number = rng.choice(vocab.STREETS), rng.randint(1, 450)
            pattern = rng.randrange(5)
            if pattern == 0:
                return f"Số {number}, đường {street}, {hamlet}"
            if pattern == 1:
                return f"{number} {street}, {hamlet}"
            if pattern == 2:
                return f"Số {number}/{rng.randint(2, 40)} đường {street}"
            if pattern == 3:
                return f"Số {number} {street}"
            return f"Kiốt số {rng.randint(1, 60)}, chợ {commune.short_name}"
        pattern = rng.randrange(6)
        if pattern == 0:
            return hamlet
        if pattern == 1:
            return f"{hamlet}, {rng.choice(vocab.HIGHWAYS)}"
        if pattern == 2:
            return f"Km {rng.randint(2, 180)}, {rng.choice(vocab.HIGHWAYS)}, {hamlet}"
        if pattern == 3:
            return f"Chợ trung tâm {level}, {hamlet}"
        if pattern == 4:
            return f"Số nhà {rng.randint(1, 200)}, {hamlet}"
        return f"Gần Trạm y tế {level}, {hamlet}"

    def _agent_and_name(self, kind: str, commune: Commune, hamlet: str) -> tuple[str, str]:
        rng, p = self.rng, self.province
        level = commune.kind.lower()  # "xã", "phường", "đặc khu", "thị trấn"
        place = commune.short_name
        if kind == "post":
            if rng.random() < 0.6:
                city = p.name.startswith("Thành phố")
                agent = f"Bưu điện {'thành phố' if city else 'tỉnh'} {p.short_name}"
            else:
                agent = f"Bưu điện {level} {place}"
            if commune.kind == "Xã":
                options = (f"Điểm Bưu điện - Văn hóa xã {place}", f"Bưu điện xã {place}",
                           f"Điểm BĐVHX {place}", f"Bưu cục {place}")  # fmt: skip
            else:
                options = (f"Bưu cục {place}", f"Bưu điện {level} {place}",
                           f"Bưu cục giao dịch {place}")  # fmt: skip
            name = rng.choice(options)
        elif kind == "viettel":
            agent = rng.choice((f"Viettel {p.short_name}", f"Chi nhánh Viettel {p.short_name}"))
            name = rng.choice((f"Cửa hàng Viettel {place}", f"Điểm giao dịch Viettel {place}",
                               f"Điểm thu Viettel {level} {place}"))  # fmt: skip
        elif kind == "commune":
            agent = f"UBND {level} {place}"
            name = rng.choice((f"Bộ phận một cửa UBND {level} {place}",
                               f"Điểm thu UBND {level} {place}"))  # fmt: skip
        elif kind == "association":
            body = rng.choice(("Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh"))
            agent = f"{body} {level} {place}"
            name = f"Điểm thu {body.replace('Liên hiệp ', '')} {level} {place}"
        else:
            # Individual agents are listed by area, never by the person's name: that is private.
            agent = f"Đại lý thu cá nhân {hamlet[0].lower()}{hamlet[1:]}"
            name = f"Điểm thu {hamlet[0].lower()}{hamlet[1:]}, {level} {place}"
        return agent, name

    def _unique_name(self, name: str, hamlet: str, avoid: str = "") -> str:
        """Names stay distinct within a province, as a clerk would keep them."""

        def taken(text: str) -> bool:
            return text in self.used_names or text == avoid

        candidate = name
        if taken(candidate):
            candidate = f"{name} ({hamlet[0].lower()}{hamlet[1:]})"
        number = 2
        while taken(candidate):
            candidate = f"{name} - điểm số {number}"
            number += 1
        self.used_names.add(candidate)
        return candidate

    def _fixed(self, commune: Commune) -> str:
        area = self.area_codes.get(commune.code)
        if area is None:
            return ""
        return format_phone(random_fixed(self.rng, area), self.style.phone_style)

    def _mobile(self) -> str:
        return format_phone(random_mobile(self.rng), self.style.phone_style)

    def _coordinates(self, commune: Commune, always: bool = False) -> tuple[str, str]:
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

    def _note(self) -> str:
        rng = self.rng
        template = rng.choice(vocab.NOTES)
        if "{" not in template:
            return template
        return template.format(
            year=rng.randint(2018, 2025),
            n=rng.randint(1, 300),
            day=rng.randint(1, 28),
            month=rng.randint(1, 12),
        )

    # -- churn ------------------------------------------------------------------------------

    def step(self, month: str, rates: ChurnRates) -> None:
        """Apply one month of changes: closures, phone changes, moves, edits, then openings."""
        rng = self.rng
        codes = sorted(self.points)
        n = len(codes)
        counts = [
            _stochastic_round(rng, n * rng.uniform(*rates.closed)),
            _stochastic_round(rng, n * rates.phone),
            _stochastic_round(rng, n * rates.moved),
            _stochastic_round(rng, n * rates.edited),
        ]
        # Disjoint sets, so each planted change is visible on its own in the next file.
        picked = rng.sample(codes, min(n, sum(counts)))
        closed, picked = picked[: counts[0]], picked[counts[0] :]
        phones, picked = picked[: counts[1]], picked[counts[1] :]
        moved, edited = picked[: counts[2]], picked[counts[2] : counts[2] + counts[3]]
        for code in (*closed, *phones, *moved, *edited):
            self._rows.pop(code, None)
        for code in closed:
            point = self.points.pop(code)
            if point.kind == "commune":
                self.ubnd_communes.discard(point.commune.code)
        for code in phones:
            self._change_phone(self.points[code], month)
        for code in moved:
            point = self.points[code]
            if point.kind in _MOVABLE:
                self._move(point)
            else:
                self._edit(point)
        for code in edited:
            self._edit(self.points[code])
        for _ in range(_stochastic_round(rng, n * rng.uniform(*rates.added))):
            # Now and then a new point opens where there was none.
            pool = self.communes if rng.random() < 0.15 else self.active
            self._add_point(rng.choice(pool))

    def _change_phone(self, point: Point, month: str) -> None:
        rng = self.rng
        if point.mobile and (rng.random() < 0.7 or not point.fixed):
            # A new collector takes over the point, with their own mobile.
            old = point.mobile
            while point.mobile == old:
                point.mobile = self._mobile()
            point.staff = person_name(rng)
            point.note = f"Thay nhân viên thu từ tháng {month[5:]}/{month[:4]}"
        else:
            # Only points with a fixed line get here, so their commune has an area code.
            old = point.fixed
            while point.fixed == old:
                point.fixed = self._fixed(point.commune)

    def _move(self, point: Point) -> None:
        here = point.commune
        nearby = sorted(
            (c for c in self.communes if c.code != here.code),
            key=lambda c: ((c.lat - here.lat) ** 2 + (c.lon - here.lon) ** 2, c.code),
        )[:3]
        target = self.rng.choice(nearby)
        hamlet = self._hamlet(target)
        self.used_names.discard(point.name)
        agent, name = self._agent_and_name(point.kind, target, hamlet)
        if here.short_name in point.agent:  # "Bưu điện xã A" does not stay the agent in xã B
            point.agent = agent
        point.name = self._unique_name(name, hamlet)
        point.commune = target
        point.address = self._address(point.kind, target, hamlet)
        if point.fixed:
            point.fixed = self._fixed(target) or point.fixed
        if point.lat:
            point.lat, point.lon = self._coordinates(target, always=True)
        point.note = "Chuyển địa điểm giao dịch"

    def _edit(self, point: Point) -> None:
        rng = self.rng
        what = rng.choices(("address", "name", "hours"), weights=(0.5, 0.25, 0.25))[0]
        if what == "address":
            old = point.address
            while point.address == old:
                point.address = self._address(point.kind, point.commune, self._hamlet(point.commune))
        elif what == "name":
            old = point.name
            self.used_names.discard(old)
            hamlet = self._hamlet(point.commune)
            name = f"{old} (điểm thu BHXH, BHYT)"
            if "BHXH" in old or rng.random() < 0.5:
                name = self._agent_and_name(point.kind, point.commune, hamlet)[1]
            point.name = self._unique_name(name, hamlet, avoid=old)
        else:
            old = point.hours
            options = [h for h in (*self.style.hours, vocab.HOURS[0], vocab.HOURS[1]) if h != old]
            point.hours = rng.choice(sorted(set(options)))

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


def _stochastic_round(rng: random.Random, expected: float) -> int:
    """An integer whose mean is `expected`, so small provinces still see occasional changes."""
    whole = math.floor(expected)
    return whole + (1 if rng.random() < expected - whole else 0)
