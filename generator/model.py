"""The published record of a collection point: only allow-listed columns, normalised."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Point:
    province_code: str
    province_slug: str
    code: str
    agent: str
    name: str
    address: str
    commune_code: str
    commune_name: str
    fixed_phone: str  # "0213 3876 543", or "" when none
    fixed_phone_e164: str
    mobile_phone: str
    mobile_phone_e164: str
    hours: str
    lat: float | None  # None until enrich puts the commune centroid in
    lon: float | None
    approximate: bool  # position is the commune centroid, not the point's own
    month: str  # the month the province's data comes from
    agent_type: str = ""  # set by enrich: "buu-dien", "viettel", "ubnd" or "khac"

    @property
    def key(self) -> tuple[str, str]:
        return (self.province_slug, self.code)

    def as_dict(self) -> dict:
        return asdict(self)
