"""The inputs with their stamps: one walk for the whole site, and the same rules below any one path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, article, make_site

from bantin.inputs import find_inputs, list_inputs_under, list_site_inputs, may_be_input


def stat_each(site: Path) -> dict[str, tuple[int, int, int]]:
    """What the preview did before: the inventory, then a stat of each file."""
    found = {}
    for rel in find_inputs(site, theme=False).site_files():
        try:
            stat = os.stat(site / rel)
        except OSError:
            continue
        found[rel] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    """Every rule of the walk in one site: hidden and '_' names, static notes, links in and out."""
    site = make_site(tmp_path, {
        "content/2024/09/a/index.md": article(), "content/2024/09/a/anh.jpg": b"jpg",
        "content/2024/09/a/.index.md.swp": b"swap", "content/2024/09/_nhap/index.md": article(),
        "content/2024/09/b/index.md": article(), "content/_ghi-chu.md": "notes",
        "content/2024/10/index.md~": "a backup is a file like any other",
        "shared/bundle/index.md": article(), "shared/bundle/anh.jpg": b"jpg", "shared/photo.jpg": b"jpg",
        "templates/base.html": "{{ x }}", "templates/_partials/card.html": "card", "templates/.hidden.html": "x",
        "static/README.md": "notes", "static/readme.txt": "notes", "static/css/README.md": "published",
        "static/css/site.css": "p{}", "static/.DS_Store": "x", "build/index.html": "out",
        ".bantin-cache/x": "cache", "outside-note.md": "not an input",
    })
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.md").write_text("secret")
    links = {
        "content/2024/10/linked": "../../../shared/bundle",      # a bundle kept elsewhere in the site
        "content/2024/10/twin": "../09/b",                       # a second path to a bundle in content/
        "content/2024/09/a/anh-chung.jpg": "../../../../shared/photo.jpg",
        "content/2024/09/a/dangling.jpg": "nothing-here.jpg",
        "content/2024/10/out": str(tmp_path / "outside"),        # out of the site: a problem
        "content/2024/10/out.md": str(tmp_path / "outside/secret.md"),
        "static/js": "../shared",                                # a static folder through a link
    }
    for link, target in links.items():
        (site / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, site / link)
    return site


def all_paths(site: Path) -> list[str]:
    """Every path below the site (links not followed), and a few that are not there."""
    found = ["", "site.yaml", "content", "templates", "static", "missing", "content/2099/nothing",
             "content/2024/10/loop/10/loop", "content/2024/10/loop/09/a/index.md", "static/js/bundle",
             "content/2024/10/out/secret.md", "content/2024/09/a/index.md/below-a-file"]
    for folder, dirs, files in os.walk(site):
        for name in dirs + files:
            found.append(Path(folder, name).relative_to(site).as_posix())
    return found


def below(files: dict, rel: str) -> dict:
    return {key: stamp for key, stamp in files.items() if not rel or key == rel or key.startswith(rel + "/")}


def test_one_walk_gives_what_stat_of_each_input_gave(tricky):
    listing = list_site_inputs(tricky)
    assert dict(listing.files) == stat_each(tricky)
    assert "content/2024/10/linked/index.md" in listing.files and "content/2024/10/twin/index.md" in listing.files
    assert "content/2024/09/a/dangling.jpg" not in listing.files        # a link to nothing has no stamp
    assert "static/README.md" not in listing.files and "static/css/README.md" in listing.files
    assert "templates/_partials/card.html" in listing.files and "content/_ghi-chu.md" not in listing.files
    assert [p.path for p in listing.problems] == [p.path for p in find_inputs(tricky).problems] \
        == ["content/2024/10/out", "content/2024/10/out.md"]
    assert listing.links["content/2024/10/linked"] == "shared/bundle"
    assert listing.links["static/js"] == "shared"


def test_the_demo_site_and_a_site_without_roots(tmp_path):
    assert dict(list_site_inputs(ROOT).files) == stat_each(ROOT)
    (tmp_path / "empty").mkdir()
    assert dict(list_site_inputs(tmp_path / "empty").files) == {}


def test_below_any_path_the_same_as_the_full_walk(tricky):
    full = dict(list_site_inputs(tricky).files)
    for rel in all_paths(tricky):
        assert dict(list_inputs_under(tricky, rel).files) == below(full, rel), rel


def test_a_link_to_a_folder_above_is_followed_once(tmp_path):
    site = make_site(tmp_path, {"content/2024/09/a/index.md": article()})
    os.symlink("..", site / "content/2024/10")
    full = dict(list_site_inputs(site).files)
    assert set(full) == {"site.yaml", "content/2024/09/a/index.md", "content/2024/10/2024/09/a/index.md"}
    for rel in all_paths(site) + ["content/2024/10/2024/10", "content/2024/10/2024/09/a", "content/2024/10/2024/10/2024"]:
        assert dict(list_inputs_under(site, rel).files) == below(full, rel), rel


def test_below_a_path_sees_the_links_and_problems_there(tricky):
    assert list_inputs_under(tricky, "content/2024/10/linked").links == {"content/2024/10/linked": "shared/bundle"}
    assert list_inputs_under(tricky, "content/2024/10/linked/index.md").links == {}
    assert [p.path for p in list_inputs_under(tricky, "content/2024/10/out").problems] == ["content/2024/10/out"]
    assert list_inputs_under(tricky, "content/2024/10/out/secret.md").problems == ()
    assert list_inputs_under(tricky, "content/2024/10/out/secret.md").files == {}


def test_a_path_is_spelled_loosely_but_never_leaves_the_site(tricky):
    assert list_inputs_under(tricky, "content/2024/09/a/").files == list_inputs_under(tricky, "content/2024/09/a").files
    with pytest.raises(ValueError):
        list_inputs_under(tricky, "content/../../outside")


@pytest.mark.parametrize("rel, expected", [
    ("site.yaml", True), ("content", True), ("content/2024/09/a/index.md", True), ("templates/_partials/x.html", True),
    ("static/css/site.css", True), ("content/2024/_nhap/index.md", False), ("content/2024/09/a/.index.md.swp", False),
    ("templates/.base.html.swp", False), ("build/index.html", False), (".bantin-cache/x", False), ("", False),
    ("site.yaml~", False), ("shared/bundle/index.md", False), ("content/2024/09/a/4913", True),
])
def test_may_be_input_by_name_alone(rel, expected):
    assert may_be_input(rel) is expected


def test_inputs_brought_up_to_date_after_content_came_and_went_equal_a_fresh_walk(tmp_path):
    """The preview walks a 5 000-article archive again only when something other than content came
    or went: `with_content` gives what `find_inputs` would, new folders' outward links included."""
    import random

    from bantin.inputs import find_inputs, with_content
    site = tmp_path / "site"
    (site / "content/2024/09/a").mkdir(parents=True)
    (site / "site.yaml").write_text("title: x\n", encoding="utf-8")
    (site / "content/2024/09/a/index.md").write_text("x", encoding="utf-8")
    (site / "static").mkdir()
    (site / "static/x.css").write_text("a{}", encoding="utf-8")
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"jpg")
    rng = random.Random(7)
    inputs = find_inputs(site)
    before = frozenset(inputs.site_files())
    made: list[Path] = []
    for step in range(40):
        if made and rng.random() < 0.4:
            gone = made.pop(rng.randrange(len(made)))
            import shutil
            shutil.rmtree(gone)
        else:
            folder = site / f"content/{2020 + rng.randrange(3)}/{rng.randrange(1, 13):02d}/bai-{step}"
            folder.mkdir(parents=True)
            (folder / "index.md").write_text("x", encoding="utf-8")
            (folder / "anh.jpg").write_bytes(b"jpg")
            if rng.random() < 0.3:
                (folder / "ngoai.jpg").symlink_to(outside)          # leads out: a problem
            made.append(folder)
        after = frozenset(find_inputs(site).site_files())
        derived = with_content(inputs, before, after)
        fresh = find_inputs(site)
        assert derived is not None
        assert (derived.articles, derived.content_files, derived.templates, derived.static) == \
            (fresh.articles, fresh.content_files, fresh.templates, fresh.static)
        assert sorted(map(repr, derived.problems)) == sorted(map(repr, fresh.problems))
        inputs, before = derived, after
    (site / "templates").mkdir()
    (site / "templates/x.html").write_text("x", encoding="utf-8")
    assert with_content(inputs, before, frozenset(find_inputs(site).site_files())) is None
