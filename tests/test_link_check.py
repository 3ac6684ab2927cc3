"""The site is static: served as `python -m http.server` serves a folder, everything a page links or
loads is there. A crawler starts at the home page, follows every link and every asset (href, src,
srcset, iframes, CSS url() and @import, PDFs, data files) and asserts: no 404, every HTML file of
the site is reachable from the home page, and every #fragment of a link exists on its page."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

# Links that leave the site or are not fetched at all.
NOT_FETCHED = ("mailto:", "tel:", "sms:", "geo:", "data:", "blob:", "about:")
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "form": ("action",),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
# Not linked on purpose: a static host serves 404.html for a missing page.
UNLINKED = {"404.html"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag != "meta" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute, "").strip()
            if not value:
                continue
            if attribute == "srcset":
                self.links += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            else:
                self.links.append(value)
        if values.get("style"):
            self.styles.append(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


@dataclass
class Crawl:
    root: str
    status: dict[str, int] = field(default_factory=dict)  # URL without fragment → HTTP status
    ids: dict[str, set[str]] = field(default_factory=dict)  # HTML page → ids and names on it
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (from page, to page, #)
    referrers: dict[str, str] = field(default_factory=dict)  # URL → first page linking it

    def broken(self) -> list[str]:
        return sorted(
            f"{u} ({s}), linked from {self.referrers.get(u)}" for u, s in self.status.items() if s != 200
        )


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def crawl(root: str) -> Crawl:
    result = Crawl(root)
    queue = deque([root])
    result.referrers[root] = "(start)"
    while queue:
        url = queue.popleft()
        if url in result.status:
            continue
        status, kind, body = _fetch(url)
        result.status[url] = status
        if status != 200:
            continue
        links: list[str] = []
        if kind == "text/html":
            page = _Page()
            page.feed(body.decode("utf-8", "replace"))
            result.ids[url] = page.ids
            links = page.links + [m[1] or m[3] for s in page.styles for m in CSS_URL.findall(s)]
        elif kind == "text/css":
            links = [m[1] or m[3] for m in CSS_URL.findall(body.decode("utf-8", "replace"))]
        for link in links:
            if link.lower().startswith(NOT_FETCHED):
                continue
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(root):
                continue  # another host (map tiles, sources cited in the leaflets)
            target = target.split("?")[0]
            if fragment and kind == "text/html":
                result.fragments.append((url, target, fragment))
            if target not in result.status:
                result.referrers.setdefault(target, url)
                queue.append(target)
    return result


def html_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def as_file(url: str, root: str) -> str:
    path = urlsplit(url).path[len(urlsplit(root).path) :]
    return path + "index.html" if path.endswith("/") or not path else path


@pytest.fixture(scope="module")
def crawled(site_url: str) -> Crawl:
    return crawl(site_url)


def test_nothing_linked_is_missing(crawled):
    assert len(crawled.status) > 50
    assert crawled.broken() == []


def test_every_page_of_the_site_is_reachable_from_the_home_page(crawled, sample_site):
    reached = {as_file(u, crawled.root) for u, s in crawled.status.items() if s == 200}
    assert sorted(html_files(sample_site) - UNLINKED - reached) == []


def test_every_link_to_a_place_on_a_page_finds_it(crawled):
    missing = sorted(
        {
            f"{to}#{fragment} (from {source})"
            for source, to, fragment in crawled.fragments
            if to in crawled.ids and fragment not in crawled.ids[to]
        }
    )
    assert missing == []


def test_the_crawler_notices_a_broken_link(tmp_path):
    """The negative control: a page with a missing image, a missing stylesheet url() and a page
    nobody links to."""
    from browser import serve

    (tmp_path / "index.html").write_text(
        '<a href="a/">a</a><img srcset="x.png 1x, y.png 2x"><a href="a/#nowhere">n</a>', encoding="utf-8"
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<link rel="stylesheet" href="../s.css">', encoding="utf-8")
    (tmp_path / "s.css").write_text("body { background: url('bg.png') }", encoding="utf-8")
    (tmp_path / "x.png").write_bytes(b"")
    (tmp_path / "orphan.html").write_text("<p>orphan</p>", encoding="utf-8")
    for root in serve(tmp_path):
        result = crawl(root)
        assert [b.split(" ")[0].removeprefix(root) for b in result.broken()] == ["bg.png", "y.png"]
        reached = {as_file(u, root) for u, s in result.status.items() if s == 200}
        assert html_files(tmp_path) - reached == {"orphan.html"}
        assert [f for _, _, f in result.fragments] == ["nowhere"]
