"""A month of changes to a province's true list: closures, new collectors and phone numbers,
moves to a nearby commune, edited addresses, names and hours, then new points. Each change is
planted on its own point, so the next file shows it plainly (the manifest lists them)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from generator.synth import names, vocab
from generator.synth.points import Point, ProvinceSim

# Points whose agent and name do not carry a commune's name can move to another commune.
MOVABLE = ("post", "viettel", "individual")


@dataclass(frozen=True)
class ChurnRates:
    """Monthly probabilities per point; closures and additions are drawn per province-month."""

    closed: tuple[float, float] = (0.01, 0.02)
    added: tuple[float, float] = (0.01, 0.02)
    phone: float = 0.02
    moved: float = 0.005
    edited: float = 0.01


def step(sim: ProvinceSim, month: str, rates: ChurnRates) -> None:
    """Apply one month of changes: closures, phone changes, moves, edits, then openings."""
    rng = sim.rng
    codes = sorted(sim.points)
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
        sim.touch(code)
    for code in closed:
        sim.remove_point(code)
    for code in phones:
        _change_phone(sim, sim.points[code], month)
    for code in moved:
        point = sim.points[code]
        if point.kind in MOVABLE:
            _move(sim, point)
        else:
            _edit(sim, point)
    for code in edited:
        _edit(sim, sim.points[code])
    for _ in range(_stochastic_round(rng, n * rng.uniform(*rates.added))):
        # Now and then a new point opens where there was none.
        pool = sim.communes if rng.random() < 0.15 else sim.active
        sim.add_point(rng.choice(pool))


def _change_phone(sim: ProvinceSim, point: Point, month: str) -> None:
    rng = sim.rng
    if point.mobile and (rng.random() < 0.7 or not point.fixed):
        # A new collector takes over the point, with their own mobile.
        old = point.mobile
        while point.mobile == old:
            point.mobile = sim.mobile()
        point.staff = names.person_name(rng)
        point.note = f"Thay nhân viên thu từ tháng {month[5:]}/{month[:4]}"
    else:
        # Only points with a fixed line get here, so their commune has an area code.
        old = point.fixed
        while point.fixed == old:
            point.fixed = sim.fixed(point.commune)


def _move(sim: ProvinceSim, point: Point) -> None:
    here = point.commune
    nearby = sorted(
        (c for c in sim.communes if c.code != here.code),
        key=lambda c: ((c.lat - here.lat) ** 2 + (c.lon - here.lon) ** 2, c.code),
    )[:3]
    target = sim.rng.choice(nearby)
    hamlet = sim.hamlet(target)
    sim.used_names.discard(point.name)
    agent, name = sim.agent_and_name(point.kind, target, hamlet)
    if here.short_name in point.agent:  # "Bưu điện xã A" does not stay the agent in xã B
        point.agent = agent
    point.name = sim.unique_name(name, hamlet)
    point.commune = target
    point.address = sim.address(point.kind, target, hamlet)
    if point.fixed:
        point.fixed = sim.fixed(target) or point.fixed
    if point.lat:
        point.lat, point.lon = sim.coordinates(target, always=True)
    point.note = "Chuyển địa điểm giao dịch"


def _edit(sim: ProvinceSim, point: Point) -> None:
    rng = sim.rng
    what = rng.choices(("address", "name", "hours"), weights=(0.5, 0.25, 0.25))[0]
    if what == "address":
        old = point.address
        while point.address == old:
            point.address = sim.address(point.kind, point.commune, sim.hamlet(point.commune))
    elif what == "name":
        old = point.name
        sim.used_names.discard(old)
        hamlet = sim.hamlet(point.commune)
        name = f"{old} (điểm thu BHXH, BHYT)"
        if "BHXH" in old or rng.random() < 0.5:
            name = sim.agent_and_name(point.kind, point.commune, hamlet)[1]
        point.name = sim.unique_name(name, hamlet, avoid=old)
    else:
        old = point.hours
        options = [h for h in (*sim.style.hours, vocab.HOURS[0], vocab.HOURS[1]) if h != old]
        point.hours = rng.choice(sorted(set(options)))


def _stochastic_round(rng: random.Random, expected: float) -> int:
    """An integer whose mean is `expected`, so small provinces still see occasional changes."""
    whole = math.floor(expected)
    return whole + (1 if rng.random() < expected - whole else 0)
