"""The words of a synthetic point: hamlet, address, agent and point names, the collector's name and
the clerk's note, drawn the way each region writes them. Every function draws from the `rng` it is
given, in a fixed order: the same seed must keep giving the same bytes (the bundled sample)."""

from __future__ import annotations

import itertools
import random

from generator.synth import vocab
from generator.units import Commune, Province

# Regions decide what a hamlet is called: bản in the northern mountains, ấp in the south …
_NORTH_MOUNTAIN = {"04", "08", "11", "12", "14", "15", "19", "20"}
_NORTH_CENTRAL = {"38", "40", "42"}
_HIGHLANDS = {"52", "66", "68"}
_SOUTH = {"75", "79", "80", "82", "86", "91", "92", "96"}

_FAMILIES = tuple(vocab.FAMILY_NAMES)
_FAMILY_CUMULATIVE = tuple(itertools.accumulate(vocab.FAMILY_NAMES.values()))


def lower_first(text: str) -> str:
    """'Thôn 3' → 'thôn 3', to use a hamlet inside a sentence."""
    return text[0].lower() + text[1:]


def person_name(rng: random.Random) -> str:
    # Most collection staff are women.
    family = rng.choices(_FAMILIES, cum_weights=_FAMILY_CUMULATIVE)[0]
    if rng.random() < 0.8:
        return f"{family} {rng.choice(vocab.FEMALE_MIDDLE)} {rng.choice(vocab.FEMALE_GIVEN)}"
    return f"{family} {rng.choice(vocab.MALE_MIDDLE)} {rng.choice(vocab.MALE_GIVEN)}"


def hamlet(rng: random.Random, province_code: str, commune: Commune) -> str:
    if commune.kind == "Phường":
        number = rng.randint(1, 25)
        if province_code in _SOUTH:
            return rng.choice((f"Khu phố {number}", f"Khu phố {rng.choice(vocab.HAMLET_NAMES)}"))
        return rng.choice((f"Tổ dân phố {number}", f"Tổ dân phố số {number}", f"Tổ {number}"))
    if province_code in _SOUTH:
        word = "Ấp"
    elif province_code in _NORTH_MOUNTAIN:
        word = rng.choices(("Bản", "Thôn", "Xóm"), weights=(0.5, 0.35, 0.15))[0]
    elif province_code in _NORTH_CENTRAL:
        word = rng.choices(("Thôn", "Xóm", "Bản"), weights=(0.6, 0.25, 0.15))[0]
    elif province_code in _HIGHLANDS:
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


def address(rng: random.Random, kind: str, commune: Commune, hamlet: str) -> str:
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


def agent_and_name(
    rng: random.Random, province: Province, kind: str, commune: Commune, hamlet: str
) -> tuple[str, str]:
    level = commune.kind.lower()  # "xã", "phường", "đặc khu", "thị trấn"
    place = commune.short_name
    if kind == "post":
        if rng.random() < 0.6:
            city = province.name.startswith("Thành phố")
            agent = f"Bưu điện {'thành phố' if city else 'tỉnh'} {province.short_name}"
        else:
            agent = f"Bưu điện {level} {place}"
        options: tuple[str, ...]
        if commune.kind == "Xã":
            options = (f"Điểm Bưu điện - Văn hóa xã {place}", f"Bưu điện xã {place}",
                       f"Điểm BĐVHX {place}", f"Bưu cục {place}")  # fmt: skip
        else:
            options = (f"Bưu cục {place}", f"Bưu điện {level} {place}",
                       f"Bưu cục giao dịch {place}")  # fmt: skip
        name = rng.choice(options)
    elif kind == "viettel":
        agent = rng.choice((f"Viettel {province.short_name}", f"Chi nhánh Viettel {province.short_name}"))
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
        agent = f"Đại lý thu cá nhân {lower_first(hamlet)}"
        name = f"Điểm thu {lower_first(hamlet)}, {level} {place}"
    return agent, name


def note(rng: random.Random) -> str:
    """What a clerk writes in Ghi chú (never published)."""
    template = rng.choice(vocab.NOTES)
    if "{" not in template:
        return template
    return template.format(
        year=rng.randint(2018, 2025),
        n=rng.randint(1, 300),
        day=rng.randint(1, 28),
        month=rng.randint(1, 12),
    )
