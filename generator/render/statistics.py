"""The statistics page `thong-ke.md`: points per province and per commune, communes with no
collection point (the coverage gap), provinces whose data is stale or missing, and points whose
position is only the commune centroid (so provinces are nudged to send coordinates)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.merge import STALE_AFTER_MONTHS, Directory, ProvinceState
from generator.merge.status import Sent, month_status
from generator.render.templating import render
from generator.text import fold
from generator.units import Commune, admin_units


@dataclass(frozen=True)
class CommuneCount:
    commune: Commune
    points: int


@dataclass(frozen=True)
class ProvinceStats:
    state: ProvinceState
    communes: tuple[CommuneCount, ...]  # every 2025 commune of the province, by name
    approximate: int

    @property
    def points(self) -> int:
        return len(self.state.points)

    @property
    def covered(self) -> int:
        return sum(1 for c in self.communes if c.points)

    @property
    def uncovered(self) -> list[Commune]:
        return [c.commune for c in self.communes if not c.points]

    @property
    def approximate_share(self) -> int:
        """Percent of points placed at their commune's centre, rounded."""
        return round(100 * self.approximate / self.points) if self.points else 0


def province_stats(state: ProvinceState) -> ProvinceStats:
    per_commune = Counter(p.commune_code for p in state.points)
    communes = admin_units().communes_of(state.province.code)
    communes.sort(key=lambda c: (fold(c.short_name), c.short_name, c.code))
    return ProvinceStats(
        state=state,
        communes=tuple(CommuneCount(c, per_commune.get(c.code, 0)) for c in communes),
        approximate=sum(1 for p in state.points if p.approximate),
    )


def render_statistics(directory: Directory) -> dict[str, str]:
    """`directory` is the built month after enrich (which marks approximate positions)."""
    provinces = [province_stats(state) for state in directory.provinces]
    return {
        "thong-ke.md": render(
            "statistics.md.j2",
            month=directory.month,
            provinces=provinces,
            sent={kind: [m.state for m in month_status(directory) if m.sent is kind] for kind in Sent},
            kinds=Sent,
            stale_after=STALE_AFTER_MONTHS,
            total=sum(p.points for p in provinces),
            communes=sum(len(p.communes) for p in provinces),
            covered=sum(p.covered for p in provinces),
            approximate=sum(p.approximate for p in provinces),
            stale=[p for p in provinces if p.state.has_data and p.state.stale],
            no_data=[p for p in provinces if not p.state.has_data],
            rejected=[p for p in provinces if p.state.rejected_months],
            by_approximate=sorted(
                (p for p in provinces if p.approximate), key=lambda p: (-p.approximate_share, -p.approximate)
            ),
        )
    }
