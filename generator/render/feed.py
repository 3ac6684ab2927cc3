"""Atom 1.0 feeds of the monthly changes: one for the whole country (`thay-doi/atom.xml`) and one
per province (`thay-doi/<slug>.xml`), so a newsroom or a commune office follows its province.

Ids are tag: URIs made of the month and the province, and `updated` is the first instant of the
data month: two builds of the same data give the same bytes, whatever the day they run.
Links are relative to the feed's own address (thay-doi/), which Atom resolves like a page."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from generator.render.format import month_label, number
from generator.render.monthly import HISTORY_DIR, LIST_LIMIT, MonthChanges, ProvinceMonth, field_changes

ATOM = "http://www.w3.org/2005/Atom"
TAG = "tag:danh-ba-diem-thu,2026:"
SITE_TITLE = "Danh bạ điểm thu BHXH, BHYT"
# How many points of each list an entry shows; the month page and its JSON have the rest.
ENTRY_LIMIT = LIST_LIMIT


def month_instant(month: str) -> str:
    return f"{month}-01T00:00:00Z"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _counts_text(item: ProvinceMonth) -> str:
    added, removed, changed, moved = item.counts
    text = f"thêm {number(added)}, bỏ {number(removed)}, sửa {number(changed)}"
    return text + (f" ({number(moved)} chuyển xã, phường)" if moved else "")


def _province_html(item: ProvinceMonth) -> str:
    """The changes of one province as HTML for a feed reader (escaped into the entry)."""
    assert item.diff is not None
    diff = item.diff
    parts = [f"<p>{html.escape(item.province.name)}: {html.escape(_counts_text(item))}.</p>"]
    sections = (
        ("Thêm", [f"{p.name}: {p.address}, {p.commune_name} (mã {p.code})" for p in diff.added]),
        ("Bỏ", [f"{p.name}: {p.address}, {p.commune_name} (mã {p.code})" for p in diff.removed]),
        (
            "Sửa",
            [
                f"{c.after.name} (mã {c.after.code}): "
                + "; ".join(f"{f['label']} {f['before']} → {f['after']}" for f in field_changes(c))
                for c in diff.changed
            ],
        ),
    )
    for label, lines in sections:
        if not lines:
            continue
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:ENTRY_LIMIT])
        more = (
            f"<li>… và {number(len(lines) - ENTRY_LIMIT)} điểm khác</li>" if len(lines) > ENTRY_LIMIT else ""
        )
        parts.append(f"<p>{label} {number(len(lines))} điểm thu:</p><ul>{items}{more}</ul>")
    return "".join(parts)


def _feed(feed_id: str, title: str, self_href: str, page_href: str, updated: str) -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    _element(feed, "id", TAG + feed_id)
    _element(feed, "title", title)
    _element(feed, "subtitle", "Điểm thu BHXH, BHYT được thêm, bỏ và sửa thông tin qua từng tháng.")
    _element(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    _element(feed, "link", rel="alternate", type="text/html", href=page_href)
    _element(feed, "updated", updated)
    author = _element(feed, "author")
    _element(author, "name", SITE_TITLE)
    return feed


def _entry(feed: ET.Element, entry_id: str, title: str, href: str, updated: str, content: str) -> None:
    entry = _element(feed, "entry")
    _element(entry, "id", TAG + entry_id)
    _element(entry, "title", title)
    _element(entry, "link", rel="alternate", type="text/html", href=href)
    _element(entry, "updated", updated)
    _element(entry, "content", content, type="html")


def _serialise(feed: ET.Element) -> bytes:
    ET.register_namespace("", ATOM)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def national_feed(months: list[MonthChanges]) -> bytes:
    """`months` oldest first; entries newest first, one per month."""
    updated = month_instant(months[-1].month) if months else "2026-01-01T00:00:00Z"
    feed = _feed("thay-doi", f"Thay đổi điểm thu — {SITE_TITLE}", "atom.xml", "./", updated)
    for changes in reversed(months):
        published = [p for p in changes.provinces if p.diff is not None]
        added, removed, changed, _ = changes.totals
        rows = "".join(
            f"<li>{html.escape(p.province.name)}: {html.escape(_counts_text(p))}</li>" for p in published
        )
        summary = (
            f"<p>{len(published)} tỉnh, thành phố có danh sách mới: thêm {number(added)}, "
            f"bỏ {number(removed)}, sửa {number(changed)} điểm thu.</p>"
        )
        content = summary + (f"<ul>{rows}</ul>" if rows else "")
        _entry(
            feed,
            f"thay-doi/{changes.month}",
            f"Thay đổi {month_label(changes.month)}",
            f"{changes.month}/",
            month_instant(changes.month),
            content,
        )
    return _serialise(feed)


def province_feed(slug: str, name: str, months: list[MonthChanges]) -> bytes:
    """One entry per month in which the province's new list was published."""
    items = [
        (c.month, p) for c in months for p in c.provinces if p.province.slug == slug and p.diff is not None
    ]
    updated = month_instant(items[-1][0]) if items else month_instant(months[-1].month) if months else ""
    feed = _feed(
        f"thay-doi/{slug}",
        f"Thay đổi điểm thu — {name}",
        f"{slug}.xml",
        f"../tinh/{slug}/",
        updated or "2026-01-01T00:00:00Z",
    )
    for month, item in reversed(items):
        _entry(
            feed,
            f"thay-doi/{month}/{slug}",
            f"{name}: thay đổi {month_label(month)}",
            f"{month}/#tinh-{slug}",
            month_instant(month),
            _province_html(item),
        )
    return _serialise(feed)


def render_feeds(months: list[MonthChanges]) -> dict[str, str | bytes]:
    feeds: dict[str, str | bytes] = {f"{HISTORY_DIR}/atom.xml": national_feed(months)}
    provinces = months[-1].provinces if months else ()
    for item in provinces:
        feeds[f"{HISTORY_DIR}/{item.province.slug}.xml"] = province_feed(
            item.province.slug, item.province.name, months
        )
    return feeds
