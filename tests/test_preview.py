"""The preview engine alone, without a server, a watcher or a clock: it keeps the site in memory and
makes a page current when it is asked for; `tests/test_serve.py` drives it through the rebuilder and
HTTP, `tests/test_preview_property.py` holds it against a fresh build."""

from __future__ import annotations

from conftest import NOW, article, build_site_dir, jpeg, make_site

from bantin.build import BuildOptions
from bantin.config import load_config
from bantin.content.cache import MemoryMemo
from bantin.preview.engine import Phase, PreviewEngine

A = "content/2024/09/so-ket/index.md"
B = "content/2024/09/hoi-nghi/index.md"
PAGE_A = "2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html"


def engine_for(site) -> PreviewEngine:
    return PreviewEngine(BuildOptions(drafts=True, future=True, now=NOW, search_indexer=lambda key, records: None),
                         MemoryMemo(site))


def a_site(tmp_path):
    return make_site(tmp_path, {A: article(category="Xây dựng lực lượng"),
                                B: article(title="Hội nghị giao ban", date="28/09/2024 08:00", summary="Giao ban.")})


def test_an_update_publishes_the_static_files_and_plans_nothing_yet(tmp_path):
    site = a_site(tmp_path)
    engine = engine_for(site)
    report = engine.update(load_config(site))
    assert report.articles == 2 and report.written > 0 and not report.planned
    assert engine.phase is Phase.PLANNING and not engine.plan.pages
    assert any(path.startswith("css/bantin.") for path in engine.files.paths())
    assert PAGE_A not in engine.files


def test_a_page_asked_for_is_planned_and_rendered_alone(tmp_path):
    site = a_site(tmp_path)
    engine = engine_for(site)
    engine.update(load_config(site))
    page = engine.serve(PAGE_A)
    assert page is not None and "Sơ kết 2 năm".encode() in page
    assert list(engine.plan.pages) == [PAGE_A] and engine.busy       # the rest waits for `work`
    assert engine.serve("khong-co/index.html") is None


def test_work_ends_with_every_file_a_build_makes_and_no_other(tmp_path):
    site = a_site(tmp_path)
    (site / "content/2024/09/so-ket/anh.jpg").write_bytes(jpeg(800, 600))
    (site / A).write_text(article(category="Xây dựng lực lượng", images="[{src: anh.jpg, caption: Ảnh}]"),
                          encoding="utf-8")
    engine = engine_for(site)
    engine.update(load_config(site))
    while not engine.work(0.0):
        pass
    assert engine.phase is Phase.IDLE
    report = engine.take_report()
    assert report is not None and report.pages == len(engine.plan.pages) and engine.take_report() is None
    build_site_dir(site, output=tmp_path / "fresh", drafts=True, future=True, cache=False)
    fresh = {p.relative_to(tmp_path / "fresh").as_posix() for p in (tmp_path / "fresh").rglob("*")
             if p.is_file() and not p.name.startswith(".") and not p.as_posix().count("/pagefind/")}
    assert set(engine.files.paths()) == fresh
    derivative = next(path for path in fresh if path.endswith(".webp"))
    assert engine.is_immutable(derivative) and not engine.is_immutable("index.html")
    assert engine.files.read(derivative) == (tmp_path / "fresh" / derivative).read_bytes()


def test_the_same_site_saved_again_keeps_the_plan(tmp_path):
    site = a_site(tmp_path)
    engine = engine_for(site)
    config = load_config(site)
    engine.update(config)
    engine.finish()
    engine.take_report()
    report = engine.update(config)
    assert report.planned and report.changed == 0 and report.removed == 0 and not engine.busy


def test_an_edit_makes_only_the_pages_that_show_it_stale(tmp_path):
    site = a_site(tmp_path)
    engine = engine_for(site)
    engine.update(load_config(site))
    engine.finish()
    engine.take_report()
    (site / B).write_text(article(title="Hội nghị giao ban", date="28/09/2024 08:00", summary="Giao ban.",
                                  body="Một đoạn khác hẳn.\n"), encoding="utf-8")
    engine.update(load_config(site))
    while engine.plan.planning:
        engine.work(0.0)
    stale = set(engine.plan.stale)
    assert stale == {"2024/09/28/hoi-nghi-giao-ban/index.html"}    # its body shows on its page alone


def test_a_page_that_went_is_dropped_with_its_folder(tmp_path):
    site = a_site(tmp_path)
    engine = engine_for(site)
    engine.update(load_config(site))
    engine.finish()
    (site / A).unlink()
    engine.update(load_config(site))
    engine.finish()
    assert PAGE_A not in engine.files and not engine.files.is_folder(PAGE_A.rpartition("/")[0])
    assert engine.files.is_folder("2024/09") and engine.files.is_folder("")
