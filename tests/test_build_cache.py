"""Outputs reused between builds (generator/build/cache.py): made once for the same inputs, made
again when an input or the tool changes, and never the reason a site differs (the whole-site
comparison is in test_validation_cache.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from test_leaflet_print import fake_chromium, print_documents

from generator.build.cache import OutputCache
from generator.build.pdf import print_pdfs
from generator.build.reuse import PageReuse, _config_nav, _nav_titled
from generator.build.stash import built_page

# A browser that answers --version, and prints over the DevTools pipe (descriptors 3 and 4, as
# generator/build/devtools.py speaks to Chromium) the document's address, counting its prints.
DEVTOOLS = """
import base64, json, os, sys
with open(os.path.join(sys.argv[1], "starts"), "a") as starts:
    starts.write("x\\n")
buffer, url = b"", ""
while chunk := os.read(3, 65536):
    buffer += chunk
    while b"\\0" in buffer:
        raw, buffer = buffer.split(b"\\0", 1)
        message = json.loads(raw)
        method, result, events = message["method"], {}, []
        if method == "Target.createTarget":
            result = {"targetId": "t"}
        elif method == "Target.attachToTarget":
            result = {"sessionId": "s"}
        elif method == "Page.navigate":
            url = message["params"]["url"]
            events.append({"method": "Page.loadEventFired", "sessionId": "s", "params": {}})
        elif method == "Page.printToPDF" and os.environ.get("FAIL_ON", "?") in url:
            sys.exit(5)
        elif method == "Page.printToPDF":
            with open(os.path.join(sys.argv[1], "prints"), "a") as counter:
                counter.write("x\\n")
            result = {"data": base64.b64encode(b"%PDF-1.4 " + url.encode()).decode()}
        answers = [{"id": message["id"], "result": result}, *events]
        os.write(4, b"".join(json.dumps(a).encode() + b"\\0" for a in answers))
        if method == "Browser.close":
            sys.exit(0)
"""
PRINTER = f"""
if [ "$1" = "--version" ]; then echo "Chromium 1.0 giả"; exit 0; fi
exec {sys.executable} -c '{DEVTOOLS}' "$(dirname "$0")"
"""


def prints(tmp_path: Path) -> int:
    counter = tmp_path / "prints"
    return len(counter.read_text().splitlines()) if counter.exists() else 0


def test_a_pdf_is_printed_again_only_when_its_document_changed(tmp_path):
    docs = print_documents(tmp_path)
    chromium = fake_chromium(tmp_path, PRINTER)
    cache = OutputCache(tmp_path / "cache")
    assert print_pdfs(docs, tmp_path / "a", chromium=chromium, cache=cache) == []
    assert prints(tmp_path) == len(docs)
    assert print_pdfs(docs, tmp_path / "b", chromium=chromium, cache=cache) == []
    assert prints(tmp_path) == len(docs)
    for doc in docs:
        name = f"{doc.stem}.pdf"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    docs[0].write_text(docs[0].read_text(encoding="utf-8") + "<!-- đổi -->", encoding="utf-8")
    print_pdfs(docs, tmp_path / "c", chromium=chromium, cache=cache)
    assert prints(tmp_path) == len(docs) + 1
    # Another date printed in the document is another PDF.
    print_pdfs(docs, tmp_path / "d", chromium=chromium, cache=cache, date_epoch=0)
    assert prints(tmp_path) == 2 * len(docs) + 1


def test_chromium_is_asked_its_version_once_until_it_is_replaced(tmp_path):
    docs = print_documents(tmp_path)
    asked = tmp_path / "asked"
    script = PRINTER.replace('"--version" ]; then', f'"--version" ]; then echo x >> {asked};')
    chromium = fake_chromium(tmp_path, script)
    cache = OutputCache(tmp_path / "cache")
    for run in "ab":
        assert print_pdfs(docs, tmp_path / run, chromium=chromium, cache=cache) == []
    assert len(asked.read_text().splitlines()) == 1
    # An update writes a new file: another version may print other bytes.
    replaced = tmp_path / "new-chromium"
    shutil.copy2(chromium, replaced)
    replaced.replace(chromium)
    print_pdfs(docs, tmp_path / "c", chromium=chromium, cache=cache)
    assert len(asked.read_text().splitlines()) == 2


def test_one_browser_prints_every_pdf_and_a_failure_costs_one(tmp_path, monkeypatch):
    docs = print_documents(tmp_path)
    chromium = fake_chromium(tmp_path, PRINTER)
    assert len(docs) > 2
    assert print_pdfs(docs, tmp_path / "a", chromium=chromium) == []
    assert (tmp_path / "starts").read_text().count("x") == 1
    # The browser ends on the second document: it is named, and a new browser prints the rest.
    failing = sorted(docs)[1]
    monkeypatch.setenv("FAIL_ON", failing.name)
    warnings = print_pdfs(docs, tmp_path / "b", chromium=chromium)
    assert len(warnings) == 1 and failing.name in warnings[0] and "mã 5" in warnings[0]
    assert (tmp_path / "starts").read_text().count("x") == 1 + 2
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(
        f"{d.stem}.pdf" for d in docs if d != failing
    )


def test_an_output_is_made_once_per_namespace_and_source(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    made: list[bytes] = []

    def make(value: bytes):
        return lambda: made.append(value) or value

    assert cache("a", b"1", make(b"x")) == b"x"
    assert cache("a", b"1", make(b"y")) == b"x"
    assert cache("b", b"1", make(b"z")) == b"z"
    assert cache("a", b"2", make(b"w")) == b"w"
    assert made == [b"x", b"z", b"w"]
    # Safe to delete: the output is made again.
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.unlink()
    assert cache("a", b"1", make(b"v")) == b"v"


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = OutputCache(blocked)
    assert cache("a", b"1", lambda: b"x") == b"x"
    assert cache("a", b"1", lambda: b"y") == b"y"


def test_a_page_is_converted_again_when_its_markdown_or_the_docs_folder_changed(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    docs, site = tmp_path / "docs", tmp_path / "site"
    page = docs / "tinh" / "lai-chau.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: Lai Châu\n---\n# Lai Châu\n", encoding="utf-8")
    built = site / "tinh" / "lai-chau" / "index.html"
    converted: list[str] = []

    def run() -> PageReuse:
        """What mkdocs run `dirty` does, in short, into a new site folder: the HTML of each page
        whose built file is missing or older than its Markdown."""
        shutil.rmtree(site, ignore_errors=True)
        reuse = PageReuse(cache, {"data_month": "2026-11"})
        reuse.before(docs, site)
        for source in docs.rglob("*.md"):
            target = site / built_page(source.relative_to(docs).as_posix())
            if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
                continue
            converted.append(source.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"<h1>{source.read_text(encoding='utf-8')}</h1>", encoding="utf-8")
        reuse.after(site)
        return reuse

    first = run()
    assert list(first.built) == ["tinh/lai-chau.md"] and not first.reused
    html = built.read_bytes()
    page.write_text("---\ntitle: Lai Châu\n---\n# Lai Châu\n", encoding="utf-8")
    converted.clear()
    again = run()
    assert list(again.reused) == ["tinh/lai-chau.md"] and built.read_bytes() == html
    # Not converted again, and its Markdown stays whole: for links, navigation and sitemap.
    assert not converted
    assert page.read_text(encoding="utf-8") == "---\ntitle: Lai Châu\n---\n# Lai Châu\n"
    page.write_text("---\ntitle: Lai Châu\n---\n# Lai Châu mới\n", encoding="utf-8")
    assert list(run().built) == ["tinh/lai-chau.md"] and converted == ["lai-chau.md"]
    (docs / "moi.md").write_text("# Mới\n", encoding="utf-8")  # links may now resolve differently
    page.write_text("---\ntitle: Lai Châu\n---\n# Lai Châu\n", encoding="utf-8")
    assert "tinh/lai-chau.md" in run().built


def test_a_new_data_file_converts_again_only_the_pages_that_name_it(tmp_path):
    cache = OutputCache(tmp_path / "cache")
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "tim-kiem" / "t").mkdir(parents=True)
    (docs / "tim-kiem" / "t" / "ab.json").write_text("{}", encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    # Named percent-encoded: mkdocs unquotes a link before it looks the file up.
    (docs / "tim-kiem.md").write_text("[p3](tim-kiem/t/p%33.json)\n", encoding="utf-8")

    def run() -> PageReuse:
        shutil.rmtree(site, ignore_errors=True)
        reuse = PageReuse(cache, {"data_month": "2026-11"})
        reuse.before(docs, site)
        for relative in reuse.built:
            target = site / built_page(relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("<p>x</p>", encoding="utf-8")
        reuse.after(site)
        return reuse

    assert sorted(run().built) == ["index.md", "tim-kiem.md"]
    assert sorted(run().reused) == ["index.md", "tim-kiem.md"]
    (docs / "tim-kiem" / "t" / "cd.json").write_text("{}", encoding="utf-8")  # named by no page
    assert sorted(run().reused) == ["index.md", "tim-kiem.md"]
    (docs / "tim-kiem" / "t" / "p3.json").write_text("{}", encoding="utf-8")  # the link now resolves
    again = run()
    assert list(again.built) == ["tim-kiem.md"] and list(again.reused) == ["index.md"]
    (docs / "tim-kiem" / "t" / "p4 mới.json").write_text("{}", encoding="utf-8")  # not plain: for all
    assert sorted(run().built) == ["index.md", "tim-kiem.md"]


def test_pages_are_reused_only_while_every_navigation_title_is_written_in_the_config():
    assert _nav_titled(_config_nav())  # mkdocs.yml as it is: reuse is on
    assert not _nav_titled(["index.md"])
    assert not _nav_titled([{"Tờ rơi": ["to-roi/bhxh-tu-nguyen.md"]}])
    assert _nav_titled([{"Trang chủ": "index.md"}, {"Tờ rơi": [{"BHXH": "to-roi/bhxh-tu-nguyen.md"}]}])


def test_the_docs_folders_static_files_are_linked_into_the_site_not_copied(tmp_path):
    from mkdocs.structure.files import File, Files

    from generator.build.mkdocs_hooks import link_static_files

    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "du-lieu").mkdir(parents=True)
    (docs / "du-lieu" / "diem-thu.json").write_text("[]", encoding="utf-8")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    outside = tmp_path / "theme.css"
    outside.write_text("body{}", encoding="utf-8")
    files = Files(
        [
            File("du-lieu/diem-thu.json", str(docs), str(site), use_directory_urls=True),
            File("index.md", str(docs), str(site), use_directory_urls=True),
            File("theme.css", str(tmp_path), str(site), use_directory_urls=True),  # not the docs'
        ]
    )
    link_static_files(files, str(docs))
    assert (site / "du-lieu" / "diem-thu.json").samefile(docs / "du-lieu" / "diem-thu.json")
    assert not (site / "index.md").exists() and not (site / "index" / "index.html").exists()
    assert not (site / "theme.css").exists()  # left to mkdocs, which copies it
    assert [file.src_uri for file in files] == ["index.md", "theme.css"]  # nothing left to copy
    files.copy_static_files()  # mkdocs then skips the linked file and copies the other
    assert (site / "du-lieu" / "diem-thu.json").read_text(encoding="utf-8") == "[]"
    assert not (site / "theme.css").samefile(outside)


def test_a_template_compiled_by_one_build_is_not_compiled_again_by_the_next(tmp_path):
    import jinja2

    from generator.compiled import CompiledTemplates, keep_compiled

    kept = CompiledTemplates("test-templates")
    templates = {"trang.html": "Xin chào {{ ten }}"}

    def environment() -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=kept)

    try:
        keep_compiled(tmp_path, "v1")
        assert environment().get_template("trang.html").render(ten="Lai Châu") == "Xin chào Lai Châu"
        assert list(tmp_path.rglob("*.cache"))
        later = environment()
        later.compile = None  # type: ignore[method-assign]  # a second compilation would fail
        assert later.get_template("trang.html").render(ten="Hà Nội") == "Xin chào Hà Nội"
        keep_compiled(tmp_path, "v2")  # another version of the generator: compiled again
        with pytest.raises(TypeError):
            again = environment()
            again.compile = None  # type: ignore[method-assign]
            again.get_template("trang.html")
    finally:
        keep_compiled(None)
