"""After any sequence of edits, the preview folder equals a fresh `bantin build --drafts --future` of
the same files, byte for byte: hypothesis plays random edit sequences against both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SITE_YAML, article, build_site_dir, jpeg, make_site, pdf, tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.preview.rebuilder import Rebuilder

pytestmark = pytest.mark.slow

SECTIONS = ("Xây dựng lực lượng", "An toàn giao thông", "Phòng chống tội phạm")
TAGS = ("Công an xã", "Đề án 06", "Tín dụng đen")


def served(rebuilder: Rebuilder) -> dict[str, bytes]:
    """What the preview serves, by output path (it keeps the site in memory)."""
    files = rebuilder.engine.files
    return {path: files.read(path) for path in files.paths()}


def bundle(n: int) -> str:
    return f"content/2024/0{1 + n % 9}/bai-{n}/index.md"


def text_of(n: int, *, title: str | None = None, day: int = 10, section: int = 0, tag: int = 0, draft: bool = False,
            body: str = "Đoạn mở đầu.") -> str:
    fields = {"category": SECTIONS[section % 3], "tags": f"[{TAGS[tag % 3]}]",
              "images": "[{src: anh.jpg, caption: Ảnh hội nghị}]", "aliases": f"[/tin-cu/{n}.aspx]",
              "attachments": "[{src: Thông báo.pdf, title: Thông báo của Công an tỉnh}]"}     # issue 28
    if draft:
        fields["draft"] = "true"
    return article(title=title or f"Tin số {n}", date=f"{day:02d}/0{1 + n % 9}/2024 08:00",
                   body=f"{body}\n\nĐoạn thứ hai của tin {n}.\n", **fields)


class Edits:
    """The operations an editor does, applied to a real site folder."""

    def __init__(self, site: Path):
        self.site = site
        self.present = {n for n in range(4)}
        self.next = 4

    def write(self, n: int, **fields) -> None:
        path = self.site / bundle(n)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_of(n, **fields), encoding="utf-8")
        if not (path.parent / "anh.jpg").exists():
            (path.parent / "anh.jpg").write_bytes(jpeg(40 + n, 30))
        if not (path.parent / "Thông báo.pdf").exists():
            (path.parent / "Thông báo.pdf").write_bytes(pdf(1, Author=f"Tác giả {n}"))

    def apply(self, op: str, pick: int, value: int) -> None:
        present = sorted(self.present)
        n = present[pick % len(present)] if present else None
        if op == "add" or n is None:
            self.write(self.next, day=1 + value % 28)
            self.present.add(self.next)
            self.next += 1
        elif op == "delete" and len(present) > 1:
            shutil.rmtree((self.site / bundle(n)).parent)
            self.present.discard(n)
        elif op == "body":
            self.write(n, body=f"Nội dung sửa lần {value}.")
        elif op == "title":
            self.write(n, title=f"Tiêu đề mới {value}")
        elif op == "date":
            self.write(n, day=1 + value % 28)
        elif op == "section":
            self.write(n, section=value)
        elif op == "tag":
            self.write(n, tag=value)
        elif op == "draft":
            self.write(n, draft=bool(value % 2))
        elif op == "photo":
            (self.site / bundle(n)).parent.joinpath("anh.jpg").write_bytes(jpeg(30 + value % 50, 20 + value % 30))
        elif op == "document":
            (self.site / bundle(n)).parent.joinpath("Thông báo.pdf").write_bytes(pdf(1 + value % 3, Author=f"A {value}"))
        elif op == "break":
            (self.site / bundle(n)).write_text("---\ntitle: [hỏng\n---\n", encoding="utf-8")
        elif op == "fix":
            self.write(n)
        elif op == "template":
            footer = self.site / "templates/partials/footer.html"
            footer.parent.mkdir(parents=True, exist_ok=True)
            footer.write_text(f"<footer><p>Chân trang {value}</p></footer>\n", encoding="utf-8")
        elif op == "config":
            (self.site / "site.yaml").write_text(SITE_YAML.replace("per_page", "x") + f"per_page: {2 + value % 3}\n",
                                                 encoding="utf-8")


def settle_search_index(rebuilder: Rebuilder) -> None:
    """The preview indexes on a thread so that a save reloads at once; wait for it, then let the
    rebuilder publish the index as it does on its next tick."""
    for _ in range(600):
        worker = rebuilder.indexer._worker
        if worker is None:
            break
        worker.join(0.1)
    rebuilder()


# Every article has an old address, whose redirect page shows the article's summary (the first
# paragraph, changed by a "body" edit) inside the layout every page shares.
REDIRECT = ('{% extends "base.html" %}\n{% block content %}<p class="summary">{{ alias.target.summary }}</p>'
            '<a href="{{ alias.target.url }}">{{ alias.target.title }}</a>{% endblock %}\n')


def start_preview(root: Path, yaml: str, *, lazy: bool = False) -> tuple[Edits, Rebuilder]:
    """A site of four articles and a preview of it, started."""
    site = make_site(root, {"templates/redirect.html": REDIRECT}, yaml)
    edits = Edits(site)
    for n in sorted(edits.present):
        edits.write(n, day=n + 3, section=n, tag=n)
    rebuilder = Rebuilder(site, "en", notify=lambda path: None, echo=lambda *a, **k: None,
                          quiet=0, scan_every=0, sleep=lambda seconds: None, lazy=lazy)
    rebuilder.start()
    return edits, rebuilder


def until_idle(rebuilder: Rebuilder) -> None:
    """Let the lazy preview finish, one smallest slice at a time, search index included."""
    while not rebuilder.work(0.0):
        pass
    settle_search_index(rebuilder)
    while not rebuilder.work(0.0):
        pass


OPS = ("add", "delete", "body", "title", "date", "section", "tag", "draft", "photo", "break", "fix", "template",
       "config", "document")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=6))
def test_the_preview_equals_a_fresh_build_after_any_edits(tmp_path_factory, steps):
    root = tmp_path_factory.mktemp("preview")
    edits, rebuilder = start_preview(root, SITE_YAML + "per_page: 2\n")
    site = edits.site
    try:
        for op, pick, value in steps:
            edits.apply(op, pick, value)
            rebuilder()
            settle_search_index(rebuilder)
            fresh = root / f"fresh-{op}"
            shutil.rmtree(fresh, ignore_errors=True)
            try:
                build_site_dir(site, output=fresh, drafts=True, future=True, cache=False)
            except Exception:           # a broken file: the preview shows the error, the fresh build fails
                assert rebuilder.failure is not None
                continue
            assert rebuilder.failure is None
            assert served(rebuilder) == tree(fresh, hidden=False), (op, pick, value)
    finally:
        rebuilder.close()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50), st.integers(0, 3),
                          st.booleans()), min_size=1, max_size=6))
def test_the_lazy_preview_shows_fresh_pages_and_ends_equal_to_a_fresh_build(tmp_path_factory, steps):
    """`bantin serve` renders a stale page when a browser asks for it and the rest between requests,
    a slice at a time, a save may land in the middle of that: the pages it serves are always those of
    a fresh build, and once it is idle the whole folder is. The pages are planned lazily too: a page
    asked for before its turn (an article, a list, a page that is gone) is planned then; so are the
    photos of a save's articles, encoded one derivative at a time when asked for."""
    root = tmp_path_factory.mktemp("lazy")
    edits, rebuilder = start_preview(root, SITE_YAML + "per_page: 2\n", lazy=True)
    site = edits.site
    try:
        for op, pick, value, asked, interrupted in steps:
            before = {path for path in served(rebuilder) if path.endswith(".html")}
            edits.apply(op, pick, value)
            rebuilder.inputs.next_scan = 0
            rebuilder()
            fresh = root / f"fresh-{op}"
            shutil.rmtree(fresh, ignore_errors=True)
            try:
                build_site_dir(site, output=fresh, drafts=True, future=True, cache=False)
            except Exception:
                assert rebuilder.failure is not None
                continue
            assert rebuilder.failure is None
            pages = {path for path in tree(fresh, hidden=False) if path.endswith(".html")}
            # the photos a browser may ask for before their turn; documents (issue 28) come with the other
            # files of a save, between requests, and are compared once the preview is idle
            photos = {path for path in tree(fresh, hidden=False)
                      if path.startswith("20") and not path.endswith((".html", ".pdf"))}
            asking = sorted(pages) + sorted(photos) + sorted(before - pages)   # pages, photos, pages that went
            for path in asking[pick % len(asking)::max(1, 4 - asked)][:asked]:   # a browser asks for these
                rebuilder.make_current(path)
                assert rebuilder.failure is None
                if path in pages or path in photos:
                    assert rebuilder.file(path) == (fresh / path).read_bytes(), (op, path)
                else:
                    assert rebuilder.file(path) is None, (op, path)
            if interrupted:
                rebuilder.work(0.0)             # one slice, and the next save lands in the middle
                continue
            until_idle(rebuilder)
            assert not rebuilder.busy
            assert served(rebuilder) == tree(fresh, hidden=False), (op, pick, value)
    finally:
        rebuilder.close()


def test_the_lazy_preview_keeps_precompressed_siblings_equal_to_a_fresh_build(tmp_path):
    """`precompress: true`: each page written on demand brings its `.gz` and `.br`, and a page that
    goes takes them along."""
    edits, rebuilder = start_preview(tmp_path, SITE_YAML + "per_page: 2\nprecompress: true\n", lazy=True)
    site = edits.site
    try:
        for op, pick in (("body", 1), ("add", 0), ("title", 2), ("delete", 0), ("template", 3)):
            edits.apply(op, pick, pick + 7)
            rebuilder.inputs.next_scan = 0
            rebuilder()
            for path in list(rebuilder.engine.plan.stale)[:2]:
                rebuilder.make_current(path)
                assert rebuilder.file(path + ".br") is not None
            until_idle(rebuilder)
            fresh = tmp_path / f"fresh-{op}"
            build_site_dir(site, output=fresh, drafts=True, future=True, cache=False)
            assert served(rebuilder) == tree(fresh, hidden=False), op
            assert any(name.endswith(".gz") for name in tree(fresh, hidden=False))
    finally:
        rebuilder.close()
