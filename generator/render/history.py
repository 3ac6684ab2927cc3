"""The "Thay đổi" pages: one page per month of the series (what each province's new list added,
removed and changed), an index of months, and the full changes of each month as JSON.

Pages stay bounded at national scale: each list shows at most PAGE_LIMIT points per province;
the month's JSON has all of them."""

from __future__ import annotations

import json
from functools import partial

from generator.merge import Directory
from generator.merge.diff import Change
from generator.model import Point
from generator.render.feed import national_feed, province_feed
from generator.render.format import month_label, point_path
from generator.render.memo import Memo, no_memo, points_digest
from generator.render.monthly import (
    FIRST,
    HISTORY_DIR,
    NEW,
    NO_DATA,
    REJECTED,
    UNCHANGED,
    MonthChanges,
    ProvinceMonth,
    field_changes,
    month_changes,
)
from generator.render.templating import render

# 3 lists × 34 provinces × 25 points made a month page 3,700 elements at national scale, over the
# 3,000 a phone renders at ease. With 10, a month where every province adds, removes and changes
# ten points or more is 34 × (10 × 2 + 10 + 10 × 2) list elements (a removed point has no link)
# plus ~1,100 for the rest of the page: under 3,000. The Atom feeds keep LIST_LIMIT entries.
PAGE_LIMIT = 10
STATUSES = {"new": NEW, "first": FIRST, "rejected": REJECTED, "unchanged": UNCHANGED, "no_data": NO_DATA}


def _fields_text(change: Change) -> str:
    return "; ".join(f"{f['label']} {f['before']} → {f['after']}" for f in field_changes(change))


def _point_entry(point: Point, current: Point | None) -> dict:
    return {"point": point, "link": _card_link(current)}


def _card_link(current: Point | None) -> str:
    # The built URL: the lists are raw HTML, whose links mkdocs does not rewrite. From
    # thay-doi/<month>/ to the card where it is now (a point may have moved commune since).
    return f"../../{point_path(current.province_slug, current.commune_code, current.code)}" if current else ""


def _province_lists(item: ProvinceMonth, current: dict[str, Point]) -> dict:
    """The capped lists shown on the page. Links only to points still in the published list:
    a card that no longer exists would be a dead link."""
    if item.diff is None:
        return {"added": [], "removed": [], "changed": [], "hidden": 0}
    d = item.diff
    added = [_point_entry(p, current.get(p.code)) for p in d.added[:PAGE_LIMIT]]
    removed = [_point_entry(p, None) for p in d.removed[:PAGE_LIMIT]]
    changed = [
        {**_point_entry(c.after, current.get(c.after.code)), "fields_text": _fields_text(c)}
        for c in d.changed[:PAGE_LIMIT]
    ]
    hidden = sum(max(0, len(x) - PAGE_LIMIT) for x in (d.added, d.removed, d.changed))
    return {"added": added, "removed": removed, "changed": changed, "hidden": hidden}


def _point_json(point: Point) -> dict:
    return {
        "code": point.code,
        "name": point.name,
        "address": point.address,
        "commune_code": point.commune_code,
        "commune": point.commune_name,
    }


def changes_json(changes: MonthChanges) -> str:
    """Every change of the month, uncapped: what the page leaves out is here."""
    provinces = []
    for item in changes.provinces:
        entry: dict = {
            "province": item.province.slug,
            "name": item.province.name,
            "status": item.status,
            "data_month": item.state.data_month,
        }
        if item.diff is not None:
            entry.update(
                from_month=item.diff.from_month,
                added=[_point_json(p) for p in item.diff.added],
                removed=[_point_json(p) for p in item.diff.removed],
                changed=[
                    {
                        **_point_json(c.after),
                        "moved": c.moved,
                        "fields": {f["field"]: [f["before"], f["after"]] for f in field_changes(c)},
                    }
                    for c in item.diff.changed
                ],
            )
        provinces.append(entry)
    data = {
        "month": changes.month,
        "totals": dict(zip(("added", "removed", "changed", "moved"), changes.totals, strict=True)),
        "provinces": provinces,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def render_month_page(
    changes: MonthChanges, current: Directory, previous: str | None, following: str | None
) -> str:
    return _month_page(changes, _sections(changes, _published(current)), previous, following)


def _published(current: Directory) -> dict[str, dict[str, Point]]:
    return {s.province.slug: {p.code: p for p in s.points} for s in current.provinces}


def _sections(changes: MonthChanges, points: dict[str, dict[str, Point]]) -> list[dict]:
    return [
        {"item": item, "lists": _province_lists(item, points[item.province.slug])}
        for item in changes.provinces
    ]


def _month_page(
    changes: MonthChanges, sections: list[dict], previous: str | None, following: str | None
) -> str:
    return render(
        "history/month.md.j2",
        changes=changes,
        sections=sections,
        previous=previous,
        following=following,
        limit=PAGE_LIMIT,
        statuses=STATUSES,
    )


def changes_source(changes: MonthChanges, parts: list[str] | None = None) -> bytes:
    """Everything a month's page and JSON read of its changes: each province's part
    (`_province_source`; `parts`, when already made)."""
    parts = parts if parts is not None else [_province_source(item) for item in changes.provinces]
    return "\0".join([changes.month, *parts]).encode("utf-8")


def _province_source(item: ProvinceMonth) -> str:
    """A province's part of a month's changes: its status and marks, its held rows (and which of
    them show a previous version), and its diff's points."""
    state = item.state
    shown = sorted({h.code for h in state.held} & {p.code for p in state.points}) if state.held else []
    marks = (state.data_month, state.previous_month, state.stale, state.has_data, state.point_count)
    parts = [repr((item.province.slug, item.status, marks, state.rejected_months, state.held, shown))]
    if item.diff is not None:
        diff = item.diff
        parts.append(repr((diff.from_month, diff.to_month, [c.fields for c in diff.changed])))
        for points in (
            diff.added,
            diff.removed,
            [c.before for c in diff.changed],
            [c.after for c in diff.changed],
        ):
            parts.append(points_digest(list(points)).hex())
    return "\1".join(parts)


def _kept_parts(all_changes: list[MonthChanges], memo: Memo) -> list[list[str]]:
    """`_province_source` of each province in each month (month by month), kept by the province's
    merged series' key (`ProvinceState.source`, the same in every month: the months follow from
    the series): no point digested for an unchanged province, and one entry a province rather
    than one a month (370 files written by a cold build, 0.2 s). A part itself stays made of what
    its month shows, so a province's new list leaves its earlier months' pages as they were."""
    months = [changes.month for changes in all_changes]
    by_province = []
    for items in zip(*(changes.provinces for changes in all_changes), strict=True):
        source = items[0].state.source
        if not source or any(item.state.source != source for item in items):
            by_province.append([_province_source(item) for item in items])
            continue
        key = "\0".join([source, *months]).encode()
        by_province.append(json.loads(memo("changes-parts", key, partial(_parts_json, items))))
    return [list(parts) for parts in zip(*by_province, strict=True)] if by_province else [[] for _ in months]


def _parts_json(items: tuple[ProvinceMonth, ...]) -> bytes:
    return json.dumps([_province_source(item) for item in items], ensure_ascii=False).encode("utf-8")


def _kept_feeds(
    all_changes: list[MonthChanges], parts: list[list[str]], memo: Memo
) -> dict[str, str | bytes]:
    """The national feed and each province's (feed.py), kept while the months' changes they
    tell are: a province's feed reads only its own part of each month."""
    months = [changes.month for changes in all_changes]
    national = b"\2".join(changes_source(c, p) for c, p in zip(all_changes, parts, strict=True))
    feeds: dict[str, str | bytes] = {
        f"{HISTORY_DIR}/atom.xml": memo("changes-feed", national, lambda: national_feed(all_changes))
    }
    for index, item in enumerate(all_changes[-1].provinces if all_changes else ()):
        source = "\2".join(f"{m}\0{p[index]}" for m, p in zip(months, parts, strict=True)).encode("utf-8")
        slug, name = item.province.slug, item.province.name
        make = lambda slug=slug, name=name: province_feed(slug, name, all_changes)  # noqa: E731
        feeds[f"{HISTORY_DIR}/{slug}.xml"] = memo("province-feed", source, make)
    return feeds


def _link_targets(changes: MonthChanges, points: dict[str, dict[str, Point]]) -> list:
    """What the links of the month page's lists are made from (`_card_link`, in
    `_province_lists`'s order): the province, commune and code of each shown point's card now,
    or None when it left the list. A kept page needs no more: its links are made, with their
    communes' slugs and the points' anchors, only when the page is."""
    targets: list[list[tuple[str, str, str] | None]] = []
    for item in changes.provinces:
        d, current = item.diff, points[item.province.slug]
        if d is None:
            targets.append([])
            continue
        shown = [p.code for p in d.added[:PAGE_LIMIT]] + [c.after.code for c in d.changed[:PAGE_LIMIT]]
        now = [current.get(code) for code in shown]
        targets.append([(p.province_slug, p.commune_code, p.code) if p else None for p in now])
    return targets


def _kept_month(
    changes: MonthChanges,
    published: dict[str, dict[str, Point]],
    previous: str | None,
    following: str | None,
    memo: Memo,
    source: bytes,
) -> tuple[str, bytes]:
    """The month's page and JSON, kept while its changes are (`source`) and, for the page, the
    months around it and where its links go (points may have moved commune since)."""
    page_source = source + repr((previous, following, _link_targets(changes, published))).encode("utf-8")

    def page() -> bytes:
        return _month_page(changes, _sections(changes, published), previous, following).encode()

    made = memo("changes-page", page_source, page)
    # The JSON as the bytes kept: written as they are, never read as text again.
    data = memo("changes-json", source, lambda: changes_json(changes).encode("utf-8"))
    return made.decode("utf-8"), data


def render_history_pages(
    series: list[Directory], current: Directory, memo: Memo = no_memo
) -> dict[str, str | bytes]:
    """`series`: the directory of every month of the data up to the built month, oldest first;
    `current`: the built month's directory (the point cards the pages link to). `memo` keeps a
    month's page and JSON while what they read is unchanged (`changes_source`)."""
    all_changes = [month_changes(directory) for directory in series]
    months = [c.month for c in all_changes]
    published = _published(current)
    parts = _kept_parts(all_changes, memo)
    pages: dict[str, str | bytes] = {}
    for index, changes in enumerate(all_changes):
        previous = months[index - 1] if index else None
        following = months[index + 1] if index + 1 < len(months) else None
        source = changes_source(changes, parts[index])
        page, data = _kept_month(changes, published, previous, following, memo, source)
        pages[f"{HISTORY_DIR}/{changes.month}.md"] = page
        pages[f"{HISTORY_DIR}/{changes.month}.json"] = data
    pages[f"{HISTORY_DIR}/index.md"] = render(
        "history/index.md.j2",
        months=list(reversed(all_changes)),
        provinces=[s.province for s in current.provinces],
        statuses=STATUSES,
        current_month=month_label(current.month),
    )
    pages.update(_kept_feeds(all_changes, parts, memo))
    return pages
