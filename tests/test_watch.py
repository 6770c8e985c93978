"""The watcher hands over the inputs a save changed, on a real site, and stamps kept up to date
path by path stays what a full walk gives. Waits are bounded (5 s) and never asserted on."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest
from conftest import article, make_site

from bantin.inputs import list_site_inputs
from bantin.preview import watch
from bantin.preview.watch import Watcher, stamp_changes

LIMIT = 5.0


def gather(watcher: Watcher, expected: set[str], *, may_lose: bool = False) -> set[str]:
    """Take until every expected path was handed over (at most 5 s), then once more a little later for
    any path that should not be there. A None (the watcher lost track) fails unless `may_lose`."""
    seen: set[str] = set()
    deadline = time.monotonic() + LIMIT
    while time.monotonic() < deadline and not expected <= seen:
        taken = watcher.take()
        if taken is None:
            assert may_lose, "the watcher lost track"
        else:
            seen |= taken
        time.sleep(0.005)
    time.sleep(0.1)
    taken = watcher.take()
    assert taken is not None or may_lose
    return seen | (taken or set())


def until_lost(watcher: Watcher) -> None:
    """Take until the watcher says it cannot know (it started its watching again)."""
    deadline = time.monotonic() + LIMIT
    while watcher.take() is not None:
        assert time.monotonic() < deadline, "the watcher never said it lost track"
        time.sleep(0.005)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = make_site(tmp_path, {
        "content/2024/09/a/index.md": article(), "content/2024/09/a/anh.jpg": b"jpg",
        "content/2024/09/b/index.md": article(), "templates/base.html": "{{ x }}",
        "static/css/site.css": "p{}", "shared/bundle/index.md": article(), "shared/bundle/anh.jpg": b"jpg",
    })
    (tmp_path / "outside").mkdir()
    return site


@pytest.fixture
def watcher(site: Path):
    with Watcher(site) as watcher:
        yield watcher


def test_the_first_walk_gives_the_stamps_to_start_from(site, watcher):
    assert watcher.alive
    assert watcher.listing.files == list_site_inputs(site).files
    assert watcher.take() == set()


def test_an_edit(site, watcher):
    (site / "content/2024/09/a/index.md").write_text(article(title="Sửa lại"), encoding="utf-8")
    assert gather(watcher, {"content/2024/09/a/index.md"}) == {"content/2024/09/a/index.md"}


def test_a_bundle_moved_in_at_once_is_one_folder(site, watcher, tmp_path):
    bundle = tmp_path / "outside/bai-moi"
    bundle.mkdir()
    (bundle / "index.md").write_text(article(), encoding="utf-8")
    (bundle / "anh.jpg").write_bytes(b"jpg")
    os.rename(bundle, site / "content/2024/09/bai-moi")
    assert gather(watcher, {"content/2024/09/bai-moi"}) == {"content/2024/09/bai-moi"}
    # and a new year moved in is one folder too; what is saved in it later is seen file by file
    year = tmp_path / "outside/2025"
    (year / "03/bai").mkdir(parents=True)
    (year / "03/bai/index.md").write_text(article(), encoding="utf-8")
    os.rename(year, site / "content/2025")
    assert gather(watcher, {"content/2025"}) == {"content/2025"}
    (site / "content/2025/03/bai/anh.jpg").write_bytes(b"jpg")
    assert gather(watcher, {"content/2025/03/bai/anh.jpg"}) == {"content/2025/03/bai/anh.jpg"}


def test_a_bundle_deleted(site, watcher):
    shutil.rmtree(site / "content/2024/09/a")
    expected = {"content/2024/09/a", "content/2024/09/a/index.md", "content/2024/09/a/anh.jpg"}
    assert gather(watcher, {"content/2024/09/a"}) <= expected


def test_a_bundle_renamed_is_watched_under_its_new_name(site, watcher):
    os.rename(site / "content/2024/09/a", site / "content/2024/09/a-moi")
    both = {"content/2024/09/a", "content/2024/09/a-moi"}
    assert gather(watcher, both) == both
    (site / "content/2024/09/a-moi/index.md").write_text(article(title="Tên mới"), encoding="utf-8")
    assert gather(watcher, {"content/2024/09/a-moi/index.md"}) == {"content/2024/09/a-moi/index.md"}


def test_a_template_a_static_file_and_the_config(site, watcher):
    (site / "templates/base.html").write_text("{{ y }}", encoding="utf-8")
    assert gather(watcher, {"templates/base.html"}) == {"templates/base.html"}
    (site / "static/css/site.css").write_text("a{}", encoding="utf-8")
    assert gather(watcher, {"static/css/site.css"}) == {"static/css/site.css"}
    (site / "site.yaml").write_text("title: x\n", encoding="utf-8")
    assert gather(watcher, {"site.yaml"}) == {"site.yaml"}


def test_an_atomic_save_is_the_file_alone(site, watcher):
    """What most editors do: write a hidden file beside, then rename it over the article."""
    temporary = site / "content/2024/09/a/.index.md.tmp"
    temporary.write_text(article(title="Lưu kiểu nguyên tử"), encoding="utf-8")
    os.replace(temporary, site / "content/2024/09/a/index.md")
    assert gather(watcher, {"content/2024/09/a/index.md"}) == {"content/2024/09/a/index.md"}


def test_what_is_no_input_is_not_handed_over(site, watcher):
    (site / "content/2024/09/a/.index.md.swp").write_bytes(b"swap")
    (site / "content/2024/09/_nhap").mkdir()
    (site / "content/2024/09/_nhap/index.md").write_text(article(), encoding="utf-8")
    (site / "build/2024").mkdir(parents=True)
    (site / "build/2024/index.html").write_text("<p>", encoding="utf-8")
    (site / ".bantin-cache").mkdir()
    (site / ".bantin-cache/x").write_bytes(b"cache")
    (site / "notes.txt").write_text("not an input", encoding="utf-8")
    (site / "templates/.base.html.swp").write_bytes(b"swap")
    (site / "content/2024/09/b/index.md").write_text(article(title="Dấu"), encoding="utf-8")   # the marker
    assert gather(watcher, {"content/2024/09/b/index.md"}) == {"content/2024/09/b/index.md"}


def test_a_linked_bundle_is_seen_where_the_walk_lists_it(tmp_path):
    site = make_site(tmp_path, {"content/2024/09/a/index.md": article(), "shared/bundle/index.md": article()})
    (site / "content/2024/10").mkdir()
    os.symlink("../../../shared/bundle", site / "content/2024/10/linked")     # kept outside content/
    os.symlink("../09/a", site / "content/2024/10/twin")                      # a second path in content/
    with Watcher(site) as watcher:
        assert "content/2024/10/linked/index.md" in watcher.listing.files
        (site / "shared/bundle/index.md").write_text(article(title="Qua liên kết"), encoding="utf-8")
        assert gather(watcher, {"content/2024/10/linked/index.md"}) == {"content/2024/10/linked/index.md"}
        (site / "content/2024/09/a/index.md").write_text(article(title="Hai đường"), encoding="utf-8")
        both = {"content/2024/09/a/index.md", "content/2024/10/twin/index.md"}
        assert gather(watcher, both) == both
        (site / "shared/bundle/anh.jpg").write_bytes(b"jpg")
        assert gather(watcher, {"content/2024/10/linked/anh.jpg"}) == {"content/2024/10/linked/anh.jpg"}


def test_a_link_made_later_is_followed(site, watcher):
    os.symlink("../../../shared/bundle", site / "content/2024/09/linked")
    until_lost(watcher)                          # a new place to watch: the watching started again
    (site / "shared/bundle/index.md").write_text(article(title="Liên kết mới"), encoding="utf-8")
    assert gather(watcher, {"content/2024/09/linked/index.md"}) == {"content/2024/09/linked/index.md"}
    os.unlink(site / "content/2024/09/linked")
    assert gather(watcher, {"content/2024/09/linked"}) >= {"content/2024/09/linked"}


def test_a_root_that_appears_is_watched(tmp_path):
    site = make_site(tmp_path, {"content/2024/09/a/index.md": article()})
    with Watcher(site) as watcher:
        (site / "templates").mkdir()
        until_lost(watcher)
        (site / "templates/base.html").write_text("{{ x }}", encoding="utf-8")
        assert gather(watcher, {"templates/base.html"}) == {"templates/base.html"}


def test_close_stops_the_thread(site):
    watcher = Watcher(site)
    watcher.close()
    assert not watcher._thread.is_alive()
    assert not watcher.alive and watcher.take() is None


def test_nothing_to_watch_means_every_take_is_none(tmp_path):
    watcher = Watcher(tmp_path / "no-such-site")
    assert not watcher.alive and watcher.take() is None
    watcher.close()


def test_no_notices_to_be_had_means_every_take_is_none(site, monkeypatch):
    def refuse(*paths, **options):
        raise OSError("OS file watch limit reached")
    monkeypatch.setattr(watch.watchfiles, "watch", refuse)
    with Watcher(site) as watcher:
        assert not watcher.alive and watcher.take() is None
        assert watcher.listing.files == list_site_inputs(site).files       # the walk is there all the same


def test_notices_that_break_down_are_started_again_then_given_up(site, monkeypatch):
    opened = []

    def failing(*paths, **options):
        opened.append(paths)
        yield set()                              # the watches are placed...
        raise RuntimeError("error in underlying watcher")                   # ...then the thread fails
    monkeypatch.setattr(watch.watchfiles, "watch", failing)
    with Watcher(site) as watcher:
        deadline = time.monotonic() + LIMIT
        while watcher.alive and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not watcher.alive and watcher.take() is None
        assert len(opened) == 2 * (1 + watch.RESTARTS)                     # the site folder and the roots


def test_a_flood_of_changes_is_a_full_walk(site, watcher, monkeypatch):
    monkeypatch.setattr(watch, "FLOOD", 5)
    for n in range(20):
        (site / f"content/2024/09/a/anh-{n}.jpg").write_bytes(b"jpg")
    until_lost(watcher)
    (site / "templates/base.html").write_text("{{ z }}", encoding="utf-8")
    assert gather(watcher, {"templates/base.html"}) == {"templates/base.html"}


# --- the stamps kept up to date --------------------------------------------------------------

class Editor:
    """Random saves on a site, each returning the paths a watcher reports for it."""

    def __init__(self, site: Path, outside: Path, seed: int):
        self.site, self.outside, self.rng = site, outside, random.Random(seed)
        self.count = 0

    def real(self, path: Path) -> bool:
        return os.path.realpath(path) == str(path)          # not a link, nor through one

    def bundles(self) -> list[str]:
        return sorted(p.parent.relative_to(self.site).as_posix() for p in (self.site / "content").glob("*/*/*/index.md")
                      if self.real(p))

    def files(self) -> list[str]:
        return sorted(p.relative_to(self.site).as_posix() for root in ("content", "templates", "static")
                      for p in (self.site / root).rglob("*") if p.is_file() and self.real(p))

    def step(self) -> set[str]:
        self.count += 1
        n, rng = self.count, self.rng
        month = f"content/{rng.choice(['2023', '2024'])}/{rng.choice(['01', '09'])}"
        operation = rng.choice(["edit", "edit", "add", "delete", "bundle", "rmtree", "hidden", "link", "shared",
                                "unlink", "template", "rename"])
        if operation == "edit" and self.files():
            rel = rng.choice(self.files())
            (self.site / rel).write_text("x" * rng.randrange(1, 200), encoding="utf-8")
            return {rel}
        if operation == "add":
            rel = f"{rng.choice(self.bundles() or [month])}/anh-{n}.jpg"
            (self.site / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.site / rel).write_bytes(b"jpg" * n)
            return {rel}
        if operation == "delete" and self.files():
            rel = rng.choice(self.files())
            os.unlink(self.site / rel)
            return {rel}
        if operation == "bundle":
            bundle = self.outside / f"bai-{n}"
            bundle.mkdir()
            (bundle / "index.md").write_text(article(), encoding="utf-8")
            (bundle / "anh.jpg").write_bytes(b"jpg")
            (self.site / month).mkdir(parents=True, exist_ok=True)
            os.rename(bundle, self.site / month / f"bai-{n}")
            return {f"{month}/bai-{n}"}
        if operation == "rmtree" and self.bundles():
            rel = rng.choice(self.bundles())
            shutil.rmtree(self.site / rel)
            return {rel}
        if operation == "hidden" and self.bundles():
            rel = rng.choice(self.bundles())
            name = rng.choice([".index.md.swp", "_ghi-chu.md", "4913"])
            (self.site / rel / name).write_bytes(b"x")
            return {f"{rel}/{name}"}
        if operation == "link":      # to a bundle of its own: the full walk follows one link to a folder
            shared = self.site / f"shared/bai-{n}"
            shared.mkdir(parents=True)
            (shared / "index.md").write_text(article(), encoding="utf-8")
            (self.site / month).mkdir(parents=True, exist_ok=True)
            os.symlink(os.path.relpath(shared, self.site / month), self.site / month / f"link-{n}")
            return {f"{month}/link-{n}"}
        if operation == "shared":    # an edit where a link leads: the watcher hears it under the link
            links = sorted(p for p in (self.site / "content").glob("*/*/link-*") if p.is_symlink())
            if links:
                link = rng.choice(links)
                (link.resolve() / "index.md").write_text(article(title=f"Sửa {n}"), encoding="utf-8")
                return {f"{link.relative_to(self.site).as_posix()}/index.md"}
        if operation == "unlink":
            links = sorted(p for p in (self.site / "content").glob("*/*/link-*") if p.is_symlink())
            if links:
                os.unlink(links[0])
                return {links[0].relative_to(self.site).as_posix()}
        if operation == "template":
            rel = f"templates/t-{n % 3}.html"
            (self.site / rel).write_text(f"{n}", encoding="utf-8")
            return {rel}
        if operation == "rename" and self.bundles():
            old = rng.choice(self.bundles())
            new = f"{month}/doi-ten-{n}"
            (self.site / month).mkdir(parents=True, exist_ok=True)
            os.rename(self.site / old, self.site / new)
            return {old, new}
        return set()


def edited_site(tmp_path: Path) -> Path:
    return make_site(tmp_path, {
        "content/2024/09/a/index.md": article(), "content/2024/09/a/anh.jpg": b"jpg",
        "content/2023/01/b/index.md": article(), "templates/base.html": "{{ x }}", "static/site.css": "p{}",
        "shared/bundle/index.md": article(), "shared/bundle/anh.jpg": b"jpg",
    })


@pytest.mark.parametrize("seed", range(6))
def test_stamp_changes_gives_what_a_full_walk_gives(tmp_path, seed):
    site = edited_site(tmp_path)
    (tmp_path / "outside").mkdir()
    editor = Editor(site, tmp_path / "outside", seed)
    stamps = dict(list_site_inputs(site).files)
    for _ in range(40):
        touched: set[str] = set()
        for _ in range(editor.rng.randrange(1, 4)):
            touched |= editor.step()
        full = dict(list_site_inputs(site).files)
        stamps = stamp_changes(site, stamps, touched)
        assert stamps == full, touched


def test_stamp_changes_of_the_whole_site_and_of_nothing(tmp_path):
    site = edited_site(tmp_path)
    stamps = dict(list_site_inputs(site).files)
    assert stamp_changes(site, stamps, set()) == stamps
    os.unlink(site / "content/2024/09/a/anh.jpg")
    assert stamp_changes(site, stamps, {""}) == list_site_inputs(site).files
    # a path and what is below it are one change; a file known as a file needs no search below it
    assert stamp_changes(site, stamps, {"content/2024/09/a", "content/2024/09/a/anh.jpg"}) == \
        list_site_inputs(site).files


def test_the_watcher_and_stamp_changes_keep_up_with_random_saves(tmp_path):
    site = edited_site(tmp_path)
    (tmp_path / "outside").mkdir()
    editor = Editor(site, tmp_path / "outside", 99)
    with Watcher(site) as watcher:
        fingerprint = dict(watcher.listing.files)
        for _ in range(12):
            for _ in range(editor.rng.randrange(1, 5)):
                editor.step()
            full = dict(list_site_inputs(site).files)
            deadline = time.monotonic() + LIMIT
            while fingerprint != full and time.monotonic() < deadline:
                time.sleep(0.005)
                taken = watcher.take()
                if taken is None:
                    fingerprint = dict(list_site_inputs(site).files)
                elif taken:
                    fingerprint = stamp_changes(site, fingerprint, taken)
            assert fingerprint == full
