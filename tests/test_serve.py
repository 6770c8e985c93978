"""The live preview without a browser: the rebuild callback, the error page, and what the server answers."""

from __future__ import annotations

import gc
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, article, jpeg, make_site

from bantin.preview import changes, indexer
from bantin.preview import server as serve
from bantin.preview.changes import stamp_inputs
from bantin.preview.error_page import render_error_page
from bantin.preview.http import PreviewApp, request_path
from bantin.preview.latecomers import Latecomers
from bantin.preview.rebuilder import Rebuilder

TITLE_LINE = "title: Sơ kết 2 năm xây dựng lực lượng Công an xã"


class Recorder:
    """Collects what the rebuilder prints and which reloads it sends."""

    def __init__(self):
        self.lines: list[tuple[str, bool]] = []
        self.reloads: list[str] = []

    def echo(self, text: str, err: bool = False) -> None:
        self.lines.append((text, err))

    def text(self) -> str:
        return "\n".join(text for text, _ in self.lines)


def start(site: Path, tmp_path: Path, lang: str = "vi", **options) -> tuple[Rebuilder, Recorder]:
    seen = Recorder()
    options.setdefault("sleep", lambda seconds: None)
    options.setdefault("scan_every", 0)
    rebuilder = Rebuilder(site, lang, notify=seen.reloads.append, echo=seen.echo, quiet=0, **options)
    rebuilder.start()
    return rebuilder, seen


def served_files(rebuilder: Rebuilder) -> dict[str, bytes]:
    """What the preview serves, by output path: it keeps the site in memory."""
    files = rebuilder.engine.files
    return {path: files.read(path) for path in files.paths()}


def page_texts(rebuilder: Rebuilder) -> list[str]:
    return [data.decode("utf-8") for path, data in served_files(rebuilder).items() if path.endswith("index.html")]


def names_in(rebuilder: Rebuilder, folder: str) -> list[str]:
    """The files served directly in `folder`, by name."""
    return [path.rpartition("/")[2] for path in rebuilder.engine.files.paths() if path.rpartition("/")[0] == folder]


def stylesheet(rebuilder: Rebuilder) -> str:
    return next(path for path in rebuilder.engine.files.paths() if re.fullmatch(r"css/bantin\.\w+\.css", path))


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path, {
        "content/2024/09/so-ket/index.md": article(category="Xây dựng lực lượng"),
        "content/2024/09/hoi-nghi/index.md": article(title="Hội nghị giao ban", date="28/09/2024 08:00"),
    })


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def save_again(rebuilder: Rebuilder, path: Path, later: int) -> None:
    """The same bytes saved again (stamped `later` seconds on), and the preview brought up to date."""
    path.write_bytes(path.read_bytes())
    os.utime(path, ns=(time.time_ns(), time.time_ns() + later * 10**9))
    rebuilder.inputs.next_scan = 0
    rebuilder()
    while not rebuilder.work(0.01):
        pass


# --- the fingerprint guard and the debounce ---------------------------------------------------

def test_nothing_changed_means_no_build_and_no_reload(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    assert rebuilder.builds == 1 and rebuilder.failure is None
    assert "đã tạo" in seen.text() and "bài viết" in seen.text()
    for _ in range(3):
        rebuilder()
    assert rebuilder.builds == 1
    assert seen.reloads == []


def test_an_edit_rebuilds_once_reloads_and_prints_one_line(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    before = len(seen.lines)
    source = site / "content/2024/09/so-ket/index.md"
    edit(source, TITLE_LINE, "title: Tiêu đề mới hẳn")
    rebuilder()
    rebuilder()
    assert rebuilder.builds == 2
    assert seen.reloads == ["*"]
    new_lines = seen.lines[before:]
    assert len(new_lines) == 1
    line, err = new_lines[0]
    assert line.startswith("content/2024/09/so-ket/index.md: viết lại ") and "giây" in line and not err
    assert any("<h1" in text and "Tiêu đề mới hẳn" in text for text in page_texts(rebuilder))


def test_a_burst_of_saves_gives_one_rebuild(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    before = len(seen.lines)
    for name in ("a", "b", "c"):
        (site / f"content/2024/10/{name}/index.md").parent.mkdir(parents=True)
        (site / f"content/2024/10/{name}/index.md").write_text(article(title=f"Bài {name}"), encoding="utf-8")
    rebuilder()
    assert rebuilder.builds == 2
    assert [text for text, _ in seen.lines[before:]] == [
        seen.lines[-1][0]] and "content/2024/10/a/index.md và 2 tệp khác" in seen.lines[-1][0]


def test_saves_that_keep_coming_while_settling_join_the_same_build(site, tmp_path):
    late = site / "content/2024/11/muon/index.md"

    def save_while_waiting(seconds):
        if not late.exists():            # another file lands while the rebuilder waits for quiet
            late.parent.mkdir(parents=True)
            late.write_text(article(title="Bài lưu muộn"), encoding="utf-8")

    rebuilder, seen = start(site, tmp_path, sleep=save_while_waiting)
    edit(site / "content/2024/09/so-ket/index.md", TITLE_LINE, "title: Đổi tên")
    rebuilder()
    rebuilder()
    assert rebuilder.builds == 2
    assert "và 1 tệp khác" in seen.lines[-1][0]
    assert any("Bài lưu muộn" in text for text in page_texts(rebuilder))


def test_the_file_being_edited_is_looked_at_between_full_scans(site, tmp_path):
    rebuilder, seen = start(site, tmp_path, scan_every=3600)
    source = site / "content/2024/09/so-ket/index.md"
    edit(source, TITLE_LINE, "title: Lần một")
    rebuilder.inputs.next_scan = 0                  # the full scan that first sees the edit
    rebuilder()
    assert rebuilder.builds == 2 and list(rebuilder.inputs.hot) == ["content/2024/09/so-ket/index.md"]
    edit(source, "title: Lần một", "title: Lần hai dài hơn")
    rebuilder()                              # no full scan due for an hour: the edited file alone is seen
    assert rebuilder.builds == 3
    edit(site / "content/2024/09/hoi-nghi/index.md", "Hội nghị giao ban", "Hội nghị giao ban tháng")
    rebuilder()                              # another file waits for the next full scan
    assert rebuilder.builds == 3
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert rebuilder.builds == 4


def test_touching_a_file_rebuilds_but_does_not_reload_an_identical_site(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    source = site / "content/2024/09/hoi-nghi/index.md"
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    rebuilder()
    assert rebuilder.builds == 2
    assert "viết lại 0 tệp" in seen.lines[-1][0]
    assert seen.reloads == []


def test_hidden_editor_files_are_not_inputs(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    (site / "content/2024/09/so-ket/.index.md.swp").write_bytes(b"vim swap")
    rebuilder()
    assert rebuilder.builds == 1


def test_a_stylesheet_change_reloads_only_the_stylesheet(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    css = site / "static/css/bantin.css"
    css.parent.mkdir(parents=True)
    css.write_text("h1 { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    rebuilder()
    assert seen.reloads == ["/css/bantin.css"]
    edit(site / "content/2024/09/so-ket/index.md", TITLE_LINE, "title: Lại đổi tên")
    rebuilder()
    assert seen.reloads == ["/css/bantin.css", "*"]


# --- errors are captured, shown, and never raised --------------------------------------------

def test_broken_front_matter_is_captured_then_fixed(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    source = site / "content/2024/09/so-ket/index.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("date: 27/09/2024 11:41:48", "date: 27/09/2024: 11:41"), encoding="utf-8")
    rebuilder()
    assert rebuilder.failure is not None
    problem = rebuilder.failure.problems[0]
    assert problem.path == "content/2024/09/so-ket/index.md" and problem.line == 3, problem
    assert seen.reloads == ["*"]
    assert any(err and text.startswith("content/2024/09/so-ket/index.md:3: lỗi:") for text, err in seen.lines)
    assert "trình duyệt đang hiện trang báo lỗi" in seen.lines[-1][0] and seen.lines[-1][1]

    page = render_error_page(rebuilder.failure, site, "vi").decode("utf-8")
    assert "<head>" in page and "</head>" in page and '<html lang="vi">' in page
    assert "content/2024/09/so-ket/index.md:3: lỗi:" in page
    assert '<span class="bad"><b>3</b>date: 27/09/2024: 11:41</span>' in page
    assert "<b>1</b>---" in page and "<b>5</b>" in page          # two lines of context on each side

    source.write_text(good.replace(TITLE_LINE, "title: Đã sửa"), encoding="utf-8")
    rebuilder()
    assert rebuilder.failure is None
    assert seen.reloads == ["*", "*"]


def test_a_stylesheet_change_after_a_failure_reloads_the_page(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    source = site / "content/2024/09/so-ket/index.md"
    good = source.read_text(encoding="utf-8")
    source.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    rebuilder()
    source.write_text(good, encoding="utf-8")
    (site / "static").mkdir()
    (site / "static/extra.css").write_text("p{}", encoding="utf-8")
    rebuilder()
    assert rebuilder.failure is None and seen.reloads == ["*", "*"]


def test_a_template_error_is_shown_with_its_template_line(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    template = site / "templates/article.html"
    template.parent.mkdir()
    template.write_text("<!DOCTYPE html>\n<html>\n<head></head>\n<body>{{ article.nope }}</body>\n</html>\n",
                        encoding="utf-8")
    rebuilder()
    assert rebuilder.failure is not None
    problem = rebuilder.failure.problems[0]
    assert problem.path == "templates/article.html" and problem.line == 4
    page = render_error_page(rebuilder.failure, site, "en").decode("utf-8")
    assert "templates/article.html:4: error: template error" in page
    assert "&lt;body&gt;{{ article.nope }}&lt;/body&gt;" in page     # the template's own text, escaped


def test_the_error_page_stands_alone_and_escapes_what_it_shows(tmp_path):
    site = make_site(tmp_path, {"content/x/index.md": "---\ntitle: <script>alert(1)</script>\n"})
    rebuilder, _ = start(site, tmp_path)
    assert rebuilder.failure is not None
    page = render_error_page(rebuilder.failure, site, "en").decode("utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<link" not in page and "src=" not in page and "{%" not in page
    assert "<title>The site could not be built</title>" in page
    assert "reloads by itself" in page


def test_a_deleted_site_yaml_is_shown_not_raised(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    (site / "site.yaml").unlink()
    rebuilder()
    assert rebuilder.failure is not None and rebuilder.failure.notes[0].key == "config.missing"
    assert "site.yaml" in render_error_page(rebuilder.failure, site, "vi").decode("utf-8")


def test_an_unexpected_exception_in_the_build_never_escapes(site, tmp_path, monkeypatch):
    rebuilder, seen = start(site, tmp_path)

    def broken_update(config, inputs=None, options=None):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(rebuilder.engine, "update", broken_update)
    edit(site / "content/2024/09/so-ket/index.md", TITLE_LINE, "title: Cháy")
    rebuilder()
    assert rebuilder.failure is not None
    assert "RuntimeError: disk on fire" in rebuilder.failure.notes[0].render("en")
    assert "disk on fire" in render_error_page(rebuilder.failure, site, "en").decode("utf-8")
    assert seen.reloads == ["*"]


def test_the_callback_never_raises_whatever_breaks(site, tmp_path, monkeypatch):
    def gone_terminal(text, err=False):
        raise OSError("terminal closed")

    def broken_notify(path):
        raise RuntimeError("browser went away")

    rebuilder = Rebuilder(site, "vi", notify=broken_notify, echo=gone_terminal, quiet=0,
                          scan_every=0, sleep=lambda s: None)
    rebuilder.start()
    edit(site / "content/2024/09/so-ket/index.md", TITLE_LINE, "title: Vẫn chạy")
    rebuilder()
    assert rebuilder.builds == 2 and rebuilder.failure is None

    def stamping_bug(site_dir):
        raise ValueError("unexpected")

    monkeypatch.setattr(changes, "stamp_inputs", stamping_bug)
    generation = rebuilder.generation
    rebuilder()
    rebuilder()                               # the same fault again: reported (and reloaded) once
    assert rebuilder.failure is not None and rebuilder.generation == generation + 1


def test_drafts_and_scheduled_articles_are_previewed_with_badges(tmp_path):
    site = make_site(tmp_path, {
        "content/2024/09/nhap/index.md": article(title="Bài còn nháp", draft="true"),
        "content/2099/01/hen-gio/index.md": article(title="Bài hẹn giờ", date="01/01/2099 08:00"),
    })
    rebuilder, _ = start(site, tmp_path)
    assert rebuilder.failure is None
    pages = page_texts(rebuilder)
    draft = next(text for text in pages if "<h1" in text and "Bài còn nháp</h1>" in text)
    scheduled = next(text for text in pages if "<h1" in text and "Bài hẹn giờ</h1>" in text)
    assert "BẢN NHÁP" in draft and "HẸN GIỜ" not in draft
    assert "HẸN GIỜ" in scheduled


def test_nothing_is_written_into_the_site_folder(site, tmp_path):
    rebuilder, _ = start(site, tmp_path)
    assert not (site / "build").exists()
    assert "index.html" in rebuilder.engine.files and not any(tmp_path.glob("**/index.html"))


# --- what the server answers ----------------------------------------------------------------

def test_request_paths_that_could_leave_the_site_are_refused():
    for bad in ("/../secret.txt", "/tin/../../secret.txt", "/..", "/tin/..\\..\\secret.txt", "/a\0b"):
        assert request_path(bad) is None, bad
    assert request_path("/") == ""
    assert request_path("/tin/index.html") == "tin/index.html"
    assert request_path("/./tin//index.html") == "tin/index.html"


def call(app: PreviewApp, path: str, method: str = "GET", query: str = "",
         dest: str = "document") -> tuple[str, dict, bytes]:
    got = {}

    def start_response(status, headers):
        got["status"], got["headers"] = status, dict(headers)

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path.encode("utf-8").decode("latin-1"),
               "QUERY_STRING": query, "HTTP_SEC_FETCH_DEST": dest}
    body = b"".join(app(environ, start_response))
    return got["status"], got["headers"], body


def test_a_lazy_preview_answers_a_stylesheets_old_name_with_the_edit_at_once(site, tmp_path):
    """A tab keeps linking the stylesheet's old fingerprinted name; livereload.js fetches that link
    again. The old file goes with the save, not at the end of the background work, so the old name
    answers with the edited file (and is not kept by the browser as immutable)."""
    css = site / "static/css/bantin.css"
    css.parent.mkdir(parents=True)
    css.write_text("h1 { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    rebuilder, seen = start(site, tmp_path, lazy=True)
    app = PreviewApp(rebuilder, Latecomers())
    old = re.search(r'href="(/css/bantin\.[0-9a-f]{8}\.css)"', call(app, "/")[2].decode()).group(1)
    css.write_text("h1 { color: rgb(4, 5, 6); }\n", encoding="utf-8")
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert seen.reloads == ["/css/bantin.css"] and rebuilder.engine.busy    # the pages are not redone yet
    status, headers, body = call(app, old, query="livereload=1")
    assert status == "200 OK" and b"rgb(4, 5, 6)" in body and headers["Cache-Control"] == "no-store"
    while not rebuilder.work(0.01):
        pass
    assert call(app, old)[2] == body and old not in call(app, "/")[2].decode()


@pytest.fixture
def served(site, tmp_path):
    rebuilder, seen = start(site, tmp_path)
    latecomers = Latecomers()
    return PreviewApp(rebuilder, latecomers), rebuilder, latecomers


def test_the_app_serves_pages_files_and_the_404_page(served, tmp_path):
    app, rebuilder, latecomers = served
    status, headers, body = call(app, "/")
    assert status == "200 OK" and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"</head>" in body and headers["Cache-Control"] == "no-store"
    css = stylesheet(rebuilder).removeprefix("css/")
    status, headers, body = call(app, f"/css/{css}")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == "max-age=31536000, immutable"   # named after its bytes: kept
    assert call(app, "/robots.txt")[1]["Cache-Control"] == "no-store"   # the same name for new bytes
    status, headers, _ = call(app, "/chuyen-muc", query="a=1")
    assert status.startswith("301") and headers["Location"] == "/chuyen-muc/?a=1"
    status, headers, body = call(app, "/khong-co-trang-nay/")
    assert status.startswith("404") and b"</head>" in body
    assert call(app, "/", method="HEAD")[2] == b""
    assert call(app, "/", method="POST")[0].startswith("405")
    assert call(app, "/favicon.ico", dest="image")[0].startswith("404")
    assert len(latecomers.served) == 2       # the two pages loaded into a tab, for the reload bookkeeping


def test_the_app_refuses_escapes_with_403(served, tmp_path):
    app, _, _ = served
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    for bad in ("/../secret.txt", "/%2e%2e/secret.txt".replace("%2e", "."), "/css/..\\..\\secret.txt"):
        status, _, body = call(app, bad)
        assert status == "403 Forbidden" and b"secret" not in body
        assert "từ chối" in body.decode("utf-8")


def test_an_old_fingerprinted_stylesheet_name_answers_with_the_current_file(site, tmp_path):
    (site / "static/css").mkdir(parents=True)
    (site / "static/css/trang.css").write_text("h1{color:red}", encoding="utf-8")
    rebuilder, _ = start(site, tmp_path)
    app = PreviewApp(rebuilder, Latecomers())
    assert "css/trang.0035fc2b.css" not in rebuilder.engine.files
    status, headers, body = call(app, "/css/trang.0035fc2b.css", dest="style")    # the name before an edit
    assert headers["Cache-Control"] == "no-store"                      # not the bytes of that name
    assert status == "200 OK" and body == b"h1{color:red}"
    assert call(app, "/css/khong-co.0035fc2b.css", dest="style")[0].startswith("404")
    assert call(app, "/trang.0035fc2b.css", dest="style")[0].startswith("404")     # another folder


def test_a_page_moved_by_a_new_title_redirects_from_its_old_url(served, site, tmp_path):
    app, rebuilder, _ = served
    old = next(page for page in rebuilder.moves.pages if "so-ket" in page)
    source = site / "content/2024/09/so-ket/index.md"
    edit(source, TITLE_LINE, "title: Hội nghị sơ kết công tác năm")
    rebuilder()
    edit(source, "title: Hội nghị sơ kết công tác năm", "title: Tổng kết công tác năm")
    rebuilder()
    new = next(page for page in rebuilder.moves.pages if "tong-ket" in page)
    status, headers, _ = call(app, "/" + old.removesuffix("index.html"))
    assert status == "302 Found" and headers["Location"] == "/" + new.removesuffix("index.html")
    status, _, body = call(app, headers["Location"])
    assert status == "200 OK" and "Tổng kết công tác năm" in body.decode("utf-8")


def test_while_the_build_is_broken_pages_show_the_error_and_files_still_load(served, site, tmp_path):
    app, rebuilder, _ = served
    source = site / "content/2024/09/so-ket/index.md"
    source.write_text(source.read_text(encoding="utf-8").replace("date: 27/09/2024 11:41:48", "date: 27/09/2024: 11"),
                      encoding="utf-8")
    rebuilder()
    for path in ("/", "/chuyen-muc/", "/khong-co/"):
        status, headers, body = call(app, path)
        assert status.startswith("500") and b"content/2024/09/so-ket/index.md:3" in body, path
        assert b"<head>" in body
    css = stylesheet(rebuilder).removeprefix("css/")
    assert call(app, f"/css/{css}")[0] == "200 OK"


# --- browsers that connect after a reload was sent --------------------------------------------

class Tab:
    """A connected page, as `_PageSocket` knows it."""

    def __init__(self, page: str):
        self.page = page


def test_a_browser_whose_page_predates_the_last_build_is_reloaded_when_it_connects():
    clock = [100.0]
    late = Latecomers(clock=lambda: clock[0])
    tab = Tab("/")
    late.page_served("/", generation=1)                  # page served, then a build finished
    assert late.check([], generation=2) == set()         # its websocket is not connected yet
    assert late.check([tab], generation=2) == {tab}      # connects after the reload: reload it again
    late.page_served("/", generation=2)
    assert late.check([], generation=2) == set()
    again = Tab("/")
    assert late.check([again], generation=2) == set()    # up to date: left alone
    assert late.check([again], generation=3) == set()    # connected: it got the build's own reload


def test_a_browser_left_open_before_the_server_started_is_reloaded_once():
    late = Latecomers()
    tab = Tab("/2024/09/27/hoi-nghi/")
    assert late.check([tab], generation=1) == {tab}
    assert late.check([], generation=1) == set()
    assert late.check([Tab("/2024/09/27/hoi-nghi/")], generation=1) == set()   # no reload loop


def test_pages_fetched_by_something_that_never_connects_are_forgotten():
    clock = [0.0]
    late = Latecomers(clock=lambda: clock[0])
    late.page_served("/", generation=1)                  # e.g. curl
    clock[0] = 60.0
    late.page_served("/", generation=5)
    assert late.check([Tab("/")], generation=5) == set()


def test_a_tab_closed_before_it_connected_does_not_reload_the_next_ones():
    """Reloaded tabs closed before their websockets connected leave their pages unclaimed: the
    fresh tabs of the next save, on the same and other pages, claim their own pages and are not
    reloaded a second time; one whose page did predate the build still is."""
    late = Latecomers()
    late.page_served("/chuyen-muc/an-ninh/", generation=4)   # its tab closes here
    late.page_served("/", generation=4)                      # and this one
    late.page_served("/", generation=5)
    late.page_served("/chuyen-muc/an-ninh/", generation=5)
    home, section = Tab("/"), Tab("/chuyen-muc/an-ninh/")
    assert late.check([home], generation=5) == set()
    assert late.check([home, section], generation=5) == set()
    late.page_served("/2024/09/27/hoi-nghi/", generation=5)
    assert late.check([home, section, Tab("/2024/09/27/hoi-nghi/")], generation=6) != set()


def test_a_websocket_knows_its_page_from_livereload_js_hello():
    assert serve.page_of_hello('{"command": "info", "url": "http://127.0.0.1:8000/chuy%E1%BB%87n/?q=1#a"}') \
        == "/chuyện/"
    assert serve.page_of_hello('{"command": "info", "url": "http://127.0.0.1:8000"}') == "/"
    assert serve.page_of_hello('{"command": "hello"}') is None
    assert serve.page_of_hello("not json") is None


# --- the command ------------------------------------------------------------------------------

def test_a_port_in_use_is_a_usage_error_naming_the_option(site):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "bantin", "serve", "--site", str(site), "--port", str(port)],
                                capture_output=True, text=True, timeout=60, cwd=ROOT,
                                env={**os.environ, "BANTIN_LANG": ""})
    assert result.returncode == 2
    assert f"cổng {port} đang được dùng" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "build").exists()


def test_open_starts_the_web_browser_on_the_preview(site, tmp_path):
    opened = tmp_path / "opened.txt"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "bantin", "serve", "--site", str(site), "--port", str(port), "--open"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, "BROWSER": f"/bin/sh -c 'echo %s > {opened}'"})
    try:
        for _ in range(300):
            if opened.exists() and opened.read_text().strip():
                break
            time.sleep(0.1)
        assert opened.read_text().strip() == f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    assert server.returncode == 0


def test_ctrl_c_stops_cleanly_and_the_preview_wrote_no_copy_of_the_site(site, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "bantin", "serve", "--site", str(site), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "BANTIN_LANG": "", "TMPDIR": str(tmp_path)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))   # as in a terminal
    try:
        first = server.stdout.readline() + server.stdout.readline()
        assert "đang xem trước tại" in first, first
        assert not any(tmp_path.rglob("*.html")) and not (site / "build").exists()   # served from memory
        os.killpg(server.pid, signal.SIGINT)
        rest, _ = server.communicate(timeout=20)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert server.returncode == 0
    assert "Traceback" not in rest and rest.strip().endswith("đã dừng xem trước")
    assert not any(tmp_path.rglob("*.html"))


# --- search: the index is made on a thread ----------------------------------------------------

def _index_titles(rebuilder: Rebuilder) -> set[str]:
    import gzip
    import json
    titles = set()
    for path, data in served_files(rebuilder).items():
        if re.fullmatch(r"pagefind/[^/]+/fragment/[^/]+\.pf_fragment", path):
            titles.add(json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])["meta"]["title"])
    return titles


def _until(condition, rebuilder: Rebuilder, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the search index was never published"
        time.sleep(0.02)
        rebuilder()


def test_a_save_reloads_at_once_and_the_search_index_follows(site, tmp_path, monkeypatch):
    import threading
    gate = threading.Event()
    real = indexer.build_index
    monkeypatch.setattr(indexer, "build_index", lambda records: (gate.wait(30), real(records))[1])
    rebuilder, seen = start(site, tmp_path)
    assert not rebuilder.engine.files.is_folder("pagefind")     # first build: pages now, the index when ready
    gate.set()
    _until(lambda: bool(_index_titles(rebuilder)), rebuilder)
    assert "Sơ kết 2 năm xây dựng lực lượng Công an xã" in _index_titles(rebuilder)
    assert rebuilder.builds == 1 and seen.reloads == []   # publishing the index is quiet

    gate.clear()
    edit(site / "content/2024/09/so-ket/index.md", TITLE_LINE, "title: Sơ kết công tác Đảng")
    rebuilder.inputs.next_scan = 0                    # the next tick scans every input
    rebuilder()
    assert seen.reloads == ["*"] and rebuilder.builds == 2
    assert any("Sơ kết công tác Đảng" in text for text in page_texts(rebuilder))
    assert "Sơ kết công tác Đảng" not in _index_titles(rebuilder)   # still being made: the last index stays
    gate.set()
    _until(lambda: "Sơ kết công tác Đảng" in _index_titles(rebuilder), rebuilder)
    assert seen.reloads == ["*"]


def test_every_years_index_is_made_one_after_another(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(title="Tin năm 2023", date="05/01/2023"),
                                "content/b.md": article(title="Tin năm 2024"),
                                "content/c.md": article(title="Tin năm 2025", date="05/01/2025")})
    rebuilder, seen = start(site, tmp_path)
    _until(lambda: _index_titles(rebuilder) == {"Tin năm 2023", "Tin năm 2024", "Tin năm 2025"}, rebuilder)
    assert sorted({p.split("/")[1] for p in rebuilder.engine.files.paths() if p.startswith("pagefind/")}) == \
        ["2023", "2024", "2025"]


def test_a_site_under_a_path_is_previewed_under_it(site, tmp_path):
    edit(site / "site.yaml", "base_url: https://congan.example.vn", "base_url: https://congan.example.gov.vn/tin-tuc")
    rebuilder, seen = start(site, tmp_path)
    app = PreviewApp(rebuilder, Latecomers())
    assert call(app, "/")[:2] == ("302 Found", {"Location": "/tin-tuc/", "Cache-Control": "no-store"})
    assert call(app, "/tin-tuc")[1]["Location"] == "/tin-tuc/"
    status, headers, body = call(app, "/tin-tuc/")
    assert status == "200 OK" and b'href="/tin-tuc/2024/' in body
    css = stylesheet(rebuilder).removeprefix("css/")
    assert call(app, f"/tin-tuc/css/{css}")[0] == "200 OK"
    assert call(app, "/tin-tuc/2024")[1]["Location"] == "/tin-tuc/2024/"
    status, _, body = call(app, "/tin-tuc/khong-co/")
    assert status == "404 Not Found" and b'href="/tin-tuc/"' in body     # the theme's 404 page, under the path
    assert call(app, "/2024/")[0] == "404 Not Found"                    # outside the path
    edit(site / "content/2024/09/hoi-nghi/index.md", "title: Hội nghị giao ban", "title: Hội nghị giao ban\nslug: giao-ban")
    rebuilder._build(stamp_inputs(site))
    old = next(p for p in rebuilder.moves.moved if "hoi-nghi" in p)          # a page that moved: sent on, under the path
    status, headers, _ = call(app, "/tin-tuc/" + old.removesuffix("index.html"))
    assert status == "302 Found" and headers["Location"].startswith("/tin-tuc/2024/09/28/giao-ban")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's")
def test_the_search_indexer_runs_below_the_server_priority(monkeypatch):
    """Pagefind for the save before must not slow the next save down: the indexer's thread (and the
    Pagefind process it starts) runs at a lower priority than the server."""
    import threading
    seen = []
    monkeypatch.setattr(indexer, "build_index", lambda records: records() or {})
    background = indexer.BackgroundIndexer()
    background("k", lambda: seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id())) or [])
    for _ in range(200):
        if seen:
            break
        time.sleep(0.02)
    assert seen and seen[0] >= os.getpriority(os.PRIO_PROCESS, 0) + indexer.INDEXER_NICENESS or seen[0] == 19


def test_a_lazy_preview_renders_a_stale_page_when_a_browser_asks_for_it(site, tmp_path):
    """`bantin serve` marks pages stale on a save and renders each when it is asked for: the page a
    browser reloads is new before any background work ran, a new article's page is there although
    its folder is not yet, and a renamed one's old address sends the browser on. The pages are
    planned lazily too: the save's line, with its count of changed pages, comes once they are."""
    rebuilder, seen = start(site, tmp_path, lazy=True)
    app = PreviewApp(rebuilder, Latecomers())
    source = site / "content/2024/09/so-ket/index.md"
    old_url = next(p for p in rebuilder.moves.pages if "/so-ket-2-nam" in p).removesuffix("index.html")
    edit(source, TITLE_LINE, "title: Sơ kết mới hẳn\nslug: so-ket")
    rebuilder.inputs.next_scan = 0
    said = len(seen.lines)
    rebuilder()
    assert rebuilder.busy and len(seen.lines) == said and not rebuilder.moves.moved   # planned when asked
    status, headers, _ = call(app, "/" + old_url)       # a page that went: the rest is planned to know
    assert status == "302 Found" and headers["Location"].endswith("/so-ket/")
    assert "cập nhật trong" in seen.lines[-1][0] and "trang thay đổi" in seen.lines[-1][0]
    status, _, body = call(app, headers["Location"])
    assert status == "200 OK" and "Sơ kết mới hẳn".encode() in body
    assert "Sơ kết mới hẳn".encode() in call(app, "/")[2]            # the home page lists it already
    edit(source, "Sơ kết mới hẳn", "Sơ kết mới nữa")
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert not gc.isenabled()                   # the cycle collector waits for the background work
    status, _, body = call(app, "/chuyen-muc/xay-dung-luc-luong/")
    assert status == "200 OK" and "Sơ kết mới nữa".encode() in body
    assert list(rebuilder.engine.plan.pages) == ["chuyen-muc/xay-dung-luc-luong/index.html"]   # planned alone
    rebuilder.work(0.0)
    assert gc.isenabled()
    new = site / "content/2024/10/tin-moi/index.md"
    new.parent.mkdir(parents=True)
    new.write_text(article(title="Tin mới tinh", date="01/10/2024 08:00"), encoding="utf-8")
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert not rebuilder.engine.files.is_folder("2024/10/01")       # nothing made for it yet...
    status, _, body = call(app, "/2024/10/01/tin-moi-tinh/")
    assert status == "200 OK" and "Tin mới tinh".encode() in body      # ...and yet it is shown
    status, headers, _ = call(app, "/2024/10/01/tin-moi-tinh")
    assert status.startswith("301")
    while not rebuilder.work(0.01):
        pass
    assert not rebuilder.busy


def test_a_lazy_save_that_changes_nothing_shown_keeps_the_plan_and_reloads_nothing(site, tmp_path):
    """The same bytes saved again (an editor's habit): the articles are the parse memo's same
    objects, so the last plan stands; nothing is planned, rendered or reloaded, and the line says so.
    A tab that reloaded just before (its websocket not yet connected again) is not reloaded twice:
    the pages it was served are not out of date."""
    rebuilder, seen = start(site, tmp_path, lazy=True)
    late = Latecomers()
    late.page_served("/", rebuilder.generation)
    source = site / "content/2024/09/so-ket/index.md"
    source.write_bytes(source.read_bytes())
    os.utime(source, ns=(time.time_ns(), time.time_ns() + 10**9))
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert rebuilder.builds == 2 and not rebuilder.busy and seen.reloads == []
    assert late.check([Tab("/")], rebuilder.generation) == set()
    assert "(0 trang thay đổi" in seen.lines[-1][0]


def test_a_lazy_preview_reports_an_output_problem_found_when_the_plan_ends_and_keeps_it(site, tmp_path):
    """Output paths are checked once every page is planned (after the save was answered): an old
    address that is a page of the site shows the error page then, and saving the same bytes again
    does not hide it."""
    rebuilder, seen = start(site, tmp_path, lazy=True)
    app = PreviewApp(rebuilder, Latecomers())
    source = site / "content/2024/09/hoi-nghi/index.md"
    edit(source, 'title: Hội nghị giao ban', 'title: Hội nghị giao ban\naliases: ["/chuyen-muc/"]')
    rebuilder.inputs.next_scan = 0
    rebuilder()
    while not rebuilder.work(0.01):
        pass
    assert rebuilder.failure is not None and "chuyen-muc" in seen.text()
    assert "hoi-nghi/index.md:" in seen.text()
    assert call(app, "/")[0].startswith("500")
    save_again(rebuilder, source, 2)
    assert rebuilder.failure is not None and call(app, "/")[0].startswith("500")
    edit(source, 'aliases: ["/chuyen-muc/"]', 'aliases: ["/tin-cu/hoi-nghi.html"]')
    os.utime(source, ns=(time.time_ns(), time.time_ns() + 3 * 10**9))
    rebuilder.inputs.next_scan = 0
    rebuilder()
    while not rebuilder.work(0.01):
        pass
    assert rebuilder.failure is None and call(app, "/tin-cu/hoi-nghi.html")[0] == "200 OK"


def test_a_lazy_preview_encodes_a_new_articles_photos_after_the_save_and_one_alone_when_asked(site, tmp_path,
                                                                                              monkeypatch):
    """A save does not wait for its photos: the derivatives a reloaded page shows are encoded one at a
    time as the browser asks for them, the rest between requests. A photo that can not be encoded
    then shows the error page, and stays shown when the same bytes are saved again."""
    from bantin.output import derivatives
    rebuilder, seen = start(site, tmp_path, lazy=True)
    app = PreviewApp(rebuilder, Latecomers())
    new = site / "content/2024/10/tin-moi/index.md"
    new.parent.mkdir(parents=True)
    (new.parent / "anh.jpg").write_bytes(jpeg(800, 600))
    new.write_text(article(title="Tin mới tinh", date="01/10/2024 08:00",
                           images="[{src: anh.jpg, caption: Ảnh hội nghị}]"), encoding="utf-8")
    rebuilder.inputs.next_scan = 0
    rebuilder()
    folder = "2024/10/01/tin-moi-tinh"
    assert rebuilder.failure is None and not names_in(rebuilder, folder)   # the save waited for no photo
    status, _, body = call(app, "/")
    names = re.findall(r"/2024/10/01/tin-moi-tinh/(anh\.\d+\.\w+\.webp)", body.decode())
    assert status == "200 OK" and names
    status, headers, data = call(app, f"/2024/10/01/tin-moi-tinh/{names[0]}", dest="image")
    assert status == "200 OK" and headers["Content-Type"] == "image/webp" and data[8:12] == b"WEBP"
    assert headers["Cache-Control"] == "max-age=31536000, immutable"
    assert names_in(rebuilder, folder) == [names[0]]                    # that derivative alone
    while not rebuilder.work(0.01):
        pass
    assert set(names_in(rebuilder, folder)) >= set(names) | {"index.html"}

    def broken(*args, **kwargs):
        raise OSError("broken data stream when reading image file")
    monkeypatch.setattr(derivatives, "_encode", broken)
    (new.parent / "anh.jpg").write_bytes(jpeg(800, 600, "blue"))
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert rebuilder.failure is None
    while not rebuilder.work(0.01):
        pass
    assert rebuilder.failure is not None and "anh.jpg" in seen.text() and call(app, "/")[0].startswith("500")
    save_again(rebuilder, new, 2)
    assert rebuilder.failure is not None and call(app, "/")[0].startswith("500")
    monkeypatch.undo()
    save_again(rebuilder, new, 3)
    assert rebuilder.failure is None and call(app, "/")[0] == "200 OK"
    assert len([name for name in names_in(rebuilder, folder) if name.endswith(".webp")]) == len(names)


def test_the_preview_prunes_the_photo_memo_of_earlier_sessions_once_it_is_up_to_date(site, tmp_path):
    """An office that only ever previews (CI builds what is published) still gets a bounded
    `.bantin-cache/photos/`: a session deletes what its site no longer needs, once, at the end of its
    first pass; the derivatives it needs stay and are not encoded again."""
    bundle = site / "content/2024/09/so-ket"
    (bundle / "anh.jpg").write_bytes(jpeg(800, 600))
    edit(bundle / "index.md", "title:", "images: [{src: anh.jpg, caption: Ảnh hội nghị}]\ntitle:")
    memo = site / ".bantin-cache/photos"
    memo.mkdir(parents=True)
    old = time.time() - 7 * 86400
    for name in ("0" * 32 + ".webp", "0" * 32 + ".webp.4242.tmp"):    # a replaced photo's, a killed encode's
        (memo / name).write_bytes(b"left by an earlier session")
        os.utime(memo / name, (old, old))
    rebuilder, seen = start(site, tmp_path, lazy=True)
    try:
        while not rebuilder.work(0.01):
            pass
        kept = {p.name for p in memo.iterdir()}
        assert kept and not any(name.startswith("0" * 32) for name in kept)
        assert len(kept) == len([p for p in served_files(rebuilder) if p.startswith("2024/09/27/")
                                 and p.rpartition("/")[2].startswith("anh.")]) > 2    # every derivative
    finally:
        rebuilder.close()


def test_with_the_systems_notices_a_save_a_new_bundle_and_a_deletion_are_seen_without_a_scan(site, tmp_path):
    """`bantin serve` learns of changes from inotify (watch.py) and stamps only the paths it names;
    the full scan is a safety net every 30 s, so here it never runs after the first build."""
    from bantin.preview.watch import Watcher
    watcher = Watcher(site)
    rebuilder, seen = start(site, tmp_path, watcher=watcher, scan_every=0)
    rebuilder.inputs.next_scan = time.monotonic() + 3600            # no scan: only the notices

    def until_built(count: int) -> None:
        deadline = time.monotonic() + 10
        while rebuilder.builds < count:
            assert time.monotonic() < deadline, "the change was not noticed"
            time.sleep(0.01)
            rebuilder()

    try:
        assert watcher.alive
        edit(site / "content/2024/09/so-ket/index.md", TITLE_LINE, "title: Sơ kết theo thông báo")
        until_built(2)
        assert "content/2024/09/so-ket/index.md" in seen.lines[-1][0]
        staged = tmp_path / "staged"
        staged.mkdir()
        (staged / "index.md").write_text(article(title="Bài chuyển vào", date="02/10/2024 08:00"), encoding="utf-8")
        staged.rename(site / "content/2024/10-bai-moi")
        until_built(3)
        assert "2024/10/02/bai-chuyen-vao/index.html" in rebuilder.engine.files
        shutil.rmtree(site / "content/2024/10-bai-moi")
        until_built(4)
        assert not rebuilder.engine.files.is_folder("2024/10/02/bai-chuyen-vao")
        assert rebuilder.inputs.stamps == stamp_inputs(site)
    finally:
        rebuilder.close()
    assert not watcher.alive


def test_a_template_error_found_while_rendering_later_shows_the_error_page(site, tmp_path):
    """A lazy preview renders most pages after the save was reported: a template that fails only on
    some page is found then, said once, and the browser is sent to the error page."""
    rebuilder, seen = start(site, tmp_path, lazy=True)
    app = PreviewApp(rebuilder, Latecomers())
    template = site / "templates/article.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text('{% extends "bantin/article.html" %}{% block content %}{{ article.title.nope.x }}'
                        '{% endblock %}\n', encoding="utf-8")
    rebuilder.inputs.next_scan = 0
    rebuilder()
    assert rebuilder.failure is None and rebuilder.busy        # the save itself is fine: pages are stale
    status, _, body = call(app, "/")                            # the home page renders
    assert status == "200 OK"
    while not rebuilder.work(0.01):
        pass
    assert rebuilder.failure is not None and "templates/article.html" in rebuilder.failure.problems[0].path
    assert "khi làm lại các trang" in seen.text() and seen.reloads[-1] == "*"
    status, _, body = call(app, "/")
    assert status.startswith("500") and b"bantin-build-error" in body
