"""Issue 17, as a careless or hostile editor would try it: every input below ends in a message with a
place, in bounded time, and nothing active is published. Each test names the input it was filed for.

Pathological inputs run at the size they were reported with when that is quick, else just past the
limit that stops them; the subprocess `timeout` is only a guard against a hang, not a speed target
(`bench/hostile_inputs.py` prints the times)."""

from __future__ import annotations

import errno
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    SITE_YAML,
    alive,
    article,
    build_site_dir,
    children_of,
    jpeg,
    jpeg_with_damaged_exif,
    make_site,
    run_cli,
)

from bantin.content import images
from bantin.content.images import ImageError, read_image_info, strip_location
from bantin.core.yamldoc import parse_yaml
from bantin.preview.http import host_allowed
from bantin.preview.rebuilder import Rebuilder

P = "content/2024/09/bai/index.md"
BUNDLE = "content/2024/09/bai/"
GUARD = 120   # seconds: a hang fails the test instead of the whole run


def bantin(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bantin", "--lang", "en", *args], capture_output=True, text=True,
                          timeout=GUARD, env={**os.environ, "BANTIN_LANG": "", "SOURCE_DATE_EPOCH": "1767225600",
                                              **(env or {})})


def fails_with(site: Path, expected: str, *options: str) -> str:
    """Build fails with `expected` in its report, no traceback, nothing written; returns stderr."""
    result = bantin("build", "--site", str(site), *options)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal bantin error" not in result.stderr
    assert not (site / "build").exists()
    return result.stderr


# --- no article takes the build hostage ---------------------------------------------------------

def test_400_nested_list_levels(tmp_path):
    body = "Dẫn đầu.\n\n" + "\n".join("    " * i + "- mục" for i in range(400))
    site = make_site(tmp_path, {P: article(body=body)})
    fails_with(site, f"{P}:40: error: this line nests more than 32 levels")


def test_400_nested_quotes(tmp_path):
    body = "Dẫn đầu.\n\n" + "\n".join("> " * i + "trích" for i in range(1, 401))
    site = make_site(tmp_path, {P: article(body=body)})
    fails_with(site, f"{P}:39: error: this line nests more than 32 levels")


def test_100_000_links_in_one_paragraph(tmp_path):
    site = make_site(tmp_path, {P: article(body="[a](b) " * 100_000)})
    fails_with(site, f"{P}:5: error: the body is 700000 characters, over the 500000-character limit")


def test_links_past_the_limit_in_one_paragraph(tmp_path):
    site = make_site(tmp_path, {P: article(body="Dẫn đầu.\n\n" + "[liên kết](/a/) " * 1001)})
    fails_with(site, f"{P}:7: error: this paragraph has more than 1000 '[' characters")


def test_a_paragraph_of_50000_brackets(tmp_path):
    site = make_site(tmp_path, {P: article(body="[" * 50_000)})
    fails_with(site, f"{P}:5: error: this paragraph has more than 1000 '[' characters")


def test_inline_angle_brackets_past_the_limit_but_not_raw_html_blocks(tmp_path):
    site = make_site(tmp_path, {P: article(body="Dẫn đầu.\n\n" + "x <b>" * 1001 + "\n")})
    fails_with(site, f"{P}:7: error: this paragraph has more than 1000 '<' characters")
    table = "<table>\n" + "<tr><td>a</td><td>b</td></tr>\n" * 500 + "</table>\n"
    site = make_site(tmp_path / "raw", {P: article(body="Dẫn đầu.\n\n" + table)},
                     SITE_YAML + "allow_raw_html: true\n")
    assert build_site_dir(site).articles == 1


def test_blocks_separated_by_blank_lines_are_counted_apart(tmp_path):
    body = "\n\n".join("Xem [văn bản](/a/) số 1. " * 900 for _ in range(3))
    site = make_site(tmp_path, {P: article(body=body)})
    assert build_site_dir(site).articles == 1


def test_formatting_characters_past_the_limit_in_one_paragraph(tmp_path):
    site = make_site(tmp_path, {P: article(body="Dẫn đầu.\n\n" + "`a` *b* " * 5001)})
    fails_with(site, f"{P}:7: error: this paragraph has more than 20000 formatting characters")


def test_formatting_characters_past_the_limit_in_one_body(tmp_path):
    body = "".join(f"Đoạn {i}: " + "&amp; " * 1000 + "\n\n" for i in range(51))
    site = make_site(tmp_path, {P: article(body=body)})
    fails_with(site, f"{P}:105: error: by this line the body has more than 50000 formatting characters")


def test_a_long_list_and_a_long_table_full_of_links_build(tmp_path):
    rows = "".join(f"| {i} | [Văn bản số {i}](/van-ban/{i}/) | *ghi chú* |\n" for i in range(900))
    items = "".join(f"- [Văn bản số {i}](/van-ban/{i}/), _đã ký_\n" for i in range(900))
    site = make_site(tmp_path, {P: article(body="Dẫn đầu.\n\n| Số | Văn bản | Ghi chú |\n|---|---|---|\n" + rows
                                           + "\n" + items)})
    assert build_site_dir(site).articles == 1


def test_svg_open_tags_60000_times_as_a_photo(tmp_path):
    data = b"<svg " * 60_000
    site = make_site(tmp_path, {P: article(images="[{src: a.jpg, caption: C}, {src: b.svg, caption: C}]"),
                                BUNDLE + "a.jpg": data, BUNDLE + "b.svg": data})
    stderr = fails_with(site, "cannot read image 'a.jpg': the file is named '.jpg' but holds SVG/HTML text")
    assert "cannot read image 'b.svg': the SVG is malformed at line 1" in stderr


def test_a_jpeg_followed_by_3_mb_of_markers(tmp_path):
    photo = jpeg() + b"\xff\xd8\xff\xd9" * 750_000
    site = make_site(tmp_path, {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": photo})
    result = bantin("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    page = site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa"
    assert any(path.name.startswith("a.") and path.suffix == ".webp" for path in page.iterdir())
    assert strip_location(photo) in (photo, jpeg())


def test_appended_images_past_the_limit_are_not_read_one_by_one():
    tail = b"\xff\xd8\xff\xd9" * (images.MAX_APPENDED + 5)
    parts, ok = images._appended(jpeg() + tail, len(jpeg()))
    assert not ok and len(parts) == 2 * images.MAX_APPENDED


def test_10_000_sections(tmp_path):
    sections = "sections:\n" + "".join(f"  - name: Chuyên mục {i}\n" for i in range(10_000))
    site = make_site(tmp_path, {P: article()}, SITE_YAML.split("sections:")[0] + sections)
    result = bantin("build", "--site", str(site))
    assert result.returncode == 1
    assert "site.yaml:5: error: 10000 sections, over the limit of 100" in result.stderr


def test_100_sections_still_build(tmp_path):
    sections = "sections:\n" + "".join(f"  - name: Chuyên mục {i}\n" for i in range(100))
    site = make_site(tmp_path, {P: article(category="Chuyên mục 7")}, SITE_YAML.split("sections:")[0] + sections)
    assert build_site_dir(site).articles == 1


# --- no script published from a bundle ------------------------------------------------------------

SVG_OPEN = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20">'


@pytest.mark.parametrize("inside, what", [
    (b"<script>alert(document.domain)</script>", "<script>"),
    (b'<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>', "<script>"),
    (b'<rect width="5" height="5" onload="alert(1)"/>', 'onload="..."'),
    (b'<rect width="5" height="5" ONCLICK="alert(1)"/>', 'onclick="..."'),
    (b"<foreignObject><div>x</div></foreignObject>", "<foreignObject>"),
    (b'<image href="https://tracker.example/p.png" width="5" height="5"/>', 'href="https://tracker.example/p.png"'),
    (b'<use xlink:href="other.svg#a"/>', 'href="other.svg#a"'),
    (b'<a href="javascript:alert(1)"><text>x</text></a>', "javascript:"),
    (b'<a href="&#106;avascript:alert(1)"><text>x</text></a>', "javascript:"),
    (b'<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>', "<set attributeName"),
    (b'<a href="#x"><animate attributeName="xlink:href" values="https://e.example"/></a>', "attributeName"),
    (b"<style>@import url(https://e.example/x.css);</style>", "<style> @import"),
    (b'<rect style="fill:url(https://e.example/f)" width="5" height="5"/>', "style="),
    (b'<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://e.example"/>', "<iframe>"),
])
def test_an_active_svg_is_refused(inside, what):
    with pytest.raises(ImageError) as raised:
        read_image_info(SVG_OPEN + inside + b"</svg>", "a.svg")
    assert raised.value.reason.key == "image.svg_active"
    assert what in raised.value.reason.render("en")


@pytest.mark.parametrize("head", [
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>',
    b'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="https://e.example/x.xsl"?>',
])
def test_an_svg_with_entities_or_a_stylesheet_instruction_is_refused(head):
    with pytest.raises(ImageError) as raised:
        read_image_info(head + SVG_OPEN + b"<text>&x;</text></svg>".replace(b"&x;", b"&x;" if b"ENTITY" in head
                                                                             else b"x"), "a.svg")
    assert raised.value.reason.key == "image.svg_active"


def test_a_billion_laughs_svg_is_refused_at_once():
    laughs = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "ha">' + b"".join(
        b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((98 + i,) + (97 + i,) * 10) for i in range(9)) + \
        b"]>" + SVG_OPEN + b"<text>&j;</text></svg>"
    with pytest.raises(ImageError):
        read_image_info(laughs, "a.svg")


def test_an_inert_svg_is_published_byte_for_byte(tmp_path):
    svg = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG_OPEN +
           b'<defs><style>.a{fill:#c00}</style><linearGradient id="g"/></defs>'
           b'<rect class="a" width="5" height="5" style="fill:url(#g)"/><use xlink:href="#g"/>'
           b'<a href="#top"><text>C\xc3\xb4ng an</text></a>'
           b'<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>')
    site = make_site(tmp_path, {P: article(images="[{src: so-do.svg, caption: Sơ đồ}]"), BUNDLE + "so-do.svg": svg})
    build_site_dir(site)
    assert (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/so-do.svg").read_bytes() == svg


@pytest.mark.parametrize("name", ["a.jpg", "a.png", "a.webp"])
def test_markup_saved_under_a_photo_name_is_an_error_naming_it(tmp_path, name):
    page = b"<!DOCTYPE html><html><body><svg onload=alert(1)></svg></body></html>"
    site = make_site(tmp_path, {P: article(images=f"[{{src: {name}, caption: C}}]"), BUNDLE + name: page})
    fails_with(site, f"{P}:4: error: cannot read image '{name}': the file is named '{name[1:]}' but holds SVG/HTML")


def test_a_script_svg_in_the_body_is_refused_too(tmp_path):
    svg = SVG_OPEN + b"<script>alert(1)</script></svg>"
    site = make_site(tmp_path, {P: article(body="Dẫn đầu.\n\n![Sơ đồ](so-do.svg)\n"), BUNDLE + "so-do.svg": svg})
    fails_with(site, "so-do.svg")


def test_comments_url_must_be_http(tmp_path):
    site = make_site(tmp_path, {P: article()}, SITE_YAML + "comments_url: javascript:alert(6)\n")
    result = bantin("build", "--site", str(site))
    assert result.returncode == 1
    assert "site.yaml:9: error: comments_url must be an http:// or https:// address" in result.stderr
    site = make_site(tmp_path / "ok", {P: article()}, SITE_YAML + "comments_url: https://gopy.example.vn/gui\n")
    assert build_site_dir(site).articles == 1


def test_a_logo_outside_static_is_reported_at_its_line_in_site_yaml(tmp_path):
    site = make_site(tmp_path, {P: article()}, SITE_YAML + "logo: ../../../../etc/passwd\n")
    result = bantin("build", "--site", str(site))
    assert result.returncode == 1
    assert "site.yaml:9: error: logo '../../../../etc/passwd' must be a file inside static/" in result.stderr
    assert "header.html" not in result.stderr
    site = make_site(tmp_path / "ok", {P: article(), "static/img/logo.png": jpeg()}, SITE_YAML + "logo: img/logo.png\n")
    assert build_site_dir(site).articles == 1


# --- internal errors where a message belongs ----------------------------------------------------

@pytest.mark.parametrize("command", [("build",), ("check",), ("check", "--format", "json")])
def test_an_integer_of_5000_digits(tmp_path, command):
    site = make_site(tmp_path, {P: article(title="9" * 5000)}, SITE_YAML + "per_page: " + "1" * 5000 + "\n")
    result = bantin(*command, "--site", str(site))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal" not in result.stderr
    if "json" in command:
        assert [(p["path"], p["line"], p["code"]) for p in json.loads(result.stdout)] == [
            ("site.yaml", 9, "value.too_large")]
    else:
        assert "site.yaml:9: error: 'per_page' is too large" in result.stderr + result.stdout
    if "build" in command:
        site.joinpath("site.yaml").write_text(SITE_YAML, encoding="utf-8")
        result = bantin(*command, "--site", str(site))
    report = result.stderr + result.stdout
    if "json" in command:
        assert json.loads(result.stdout)
    assert "'per_page' is too large" in report or "title is 5000 characters long" in report   # a headline as typed


def test_a_sexagesimal_integer_of_thousands_of_digits(tmp_path):
    awards = "[{type: Bằng khen, giver: UBND, recipient: Đội, individuals: -1" + ":00" * 3000 + "}]"
    site = make_site(tmp_path, {P: article(awards=awards)})
    fails_with(site, f"{P}:4: error: 'awards[1].individuals' is too large (-1:00:00")


@pytest.mark.parametrize("field, options", [("date", ()), ("date", ("--future",)), ("updated", ())])
@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+12:00", "9999-12-31T23:59:00-12:00", "31/12/9999 23:59"])
def test_dates_at_the_ends_of_the_calendar(tmp_path, field, options, value):
    site = make_site(tmp_path, {P: article(**{field: value})})
    line = 3 if field == "date" else 4
    fails_with(site, f"{P}:{line}: error: date '{value}' is outside the years 1900-2999", *options)


def test_dates_at_the_ends_of_the_calendar_in_serve(tmp_path):
    site = make_site(tmp_path, {P: article(date="9999-12-31T23:59:00-12:00")})
    rebuilder = Rebuilder(site, "en", notify=lambda path: None, echo=lambda *a, **k: None)
    rebuilder.start()
    assert [str(p) for p in rebuilder.failure.problems] == [
        f"{P}:3: error: date '9999-12-31T23:59:00-12:00' is outside the years 1900-2999; check the year"]


def test_a_null_byte_in_an_image_name(tmp_path):
    site = make_site(tmp_path, {P: article(body="Dẫn đầu.\n\n![a](a\x00b.jpg)\n")})
    fails_with(site, f"{P}:7: error: this line holds the invisible control character U+0000 at column 7")
    site = make_site(tmp_path / "src", {P: article(images='[{src: "a\\0b.jpg", caption: C}]')})
    fails_with(site, f"{P}:4: error: 'images[1].src' holds the invisible control character U+0000")


def test_a_null_byte_in_a_name_the_renderer_sees_is_a_missing_image():
    from bantin.content.markdown import MarkdownRenderer
    looked: list[str] = []
    rendered = MarkdownRenderer().render("![a](a&#0;b.jpg)\n\n<img src='x\x00y.jpg'>\n",
                                         resolve=lambda src: looked.append(src))
    assert all("\x00" not in src for src in looked)
    assert rendered is not None


@pytest.mark.parametrize("char", ["\x7f", "\x00"])
def test_del_or_nul_on_line_6_of_front_matter_and_line_9_of_site_yaml(tmp_path, char):
    front = "title: A\ndate: 27/09/2024\nsummary: Tóm tắt\nsource: ĐTO\n" + f"tags: [Công{char} an]\n"
    doc, problems = parse_yaml(front, P, first_line=2)
    assert doc is None and [(p.path, p.line, p.msg.key) for p in problems] == [(P, 6, "file.control_char")]
    site = make_site(tmp_path, {P: "---\n" + front + "---\nNội dung.\n"}, SITE_YAML + f"description: Mô{char} tả\n")
    result = bantin("build", "--site", str(site))
    assert result.returncode == 1
    assert f"site.yaml:9: error: this line holds the invisible control character U+{ord(char):04X} at column 16" \
        in result.stderr
    site.joinpath("site.yaml").write_text(SITE_YAML, encoding="utf-8")
    fails_with(site, f"{P}:6: error: this line holds the invisible control character U+{ord(char):04X} at column 12")


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_a_body_never_reach_html_or_feeds(tmp_path, char):
    site = make_site(tmp_path, {P: article(body=f"Dòng đầu.\n\nCó ký tự{char}lạ.\n")})
    fails_with(site, f"{P}:7: error: this line holds the invisible control character U+{ord(char):04X} at column 9")


def test_pillows_warnings_become_a_warning_naming_the_photo(tmp_path):
    site = make_site(tmp_path, {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": jpeg_with_damaged_exif()})
    result = bantin("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert f"{P}:4: warning: the metadata (EXIF) of image 'a.jpg' is damaged and was skipped: Tag data larger " \
           "than file" in result.stderr
    assert "UserWarning" not in result.stderr and ".py:" not in result.stderr


def test_a_full_disk_anywhere_says_so(tmp_path, monkeypatch):
    import bantin.content.load

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "site/.bantin-cache/x"))
    site = make_site(tmp_path, {P: article()})
    monkeypatch.setattr(bantin.content.load, "load_articles", full)
    result = run_cli("--lang", "en", "build", "--site", str(site))
    assert result.exit_code == 1
    assert f"the disk holding '{tmp_path / 'site/.bantin-cache'}' is full" in result.stderr
    assert "internal" not in result.stderr


# --- the preview server -------------------------------------------------------------------------

def test_host_header_check():
    assert host_allowed("127.0.0.1:8000", "127.0.0.1", 8000)
    assert host_allowed("localhost:8000", "127.0.0.1", 8000)
    assert host_allowed("[::1]:8000", "127.0.0.1", 8000)
    assert host_allowed("192.168.1.20:8000", "0.0.0.0", 8000)        # a phone on the office network
    assert host_allowed("may-soan-tin:8000", "may-soan-tin", 8000)
    assert not host_allowed("evil.example:8000", "127.0.0.1", 8000)  # DNS rebinding
    assert not host_allowed("localhost.evil.example:8000", "127.0.0.1", 8000)
    assert not host_allowed("127.0.0.1:8001", "127.0.0.1", 8000)
    assert not host_allowed("", "127.0.0.1", 8000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, host: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.read()


def test_the_preview_answers_only_its_own_host(tmp_path):
    site = make_site(tmp_path, {P: article()})
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "bantin", "serve", "--site", str(site), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True, env={**os.environ, "BANTIN_LANG": ""})
    try:
        while "127.0.0.1" not in server.stdout.readline():
            assert server.poll() is None
        assert get(port, f"127.0.0.1:{port}")[0] == 200
        assert get(port, f"localhost:{port}")[0] == 200
        status, body = get(port, f"rebind.evil.example:{port}")
        assert status == 421 and b"<html" not in body
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_sigterm_during_the_first_build_cleans_up_and_frees_the_port(tmp_path):
    from conftest import big_site
    site = big_site(tmp_path, 400)
    port = free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    server = subprocess.Popen([sys.executable, "-m", "bantin", "serve", "--site", str(site), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "BANTIN_LANG": "", "TMPDIR": str(temp)})
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and server.poll() is None:
        workers = children_of(server.pid)
        time.sleep(0.002)
    assert workers, "the first build never started its workers"
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(alive(pid) for pid in workers)
    assert list(temp.iterdir()) == []
    deadline = time.monotonic() + 5   # every forked child (render, parse, photo workers) dies with it
    while True:
        with socket.socket() as again:
            try:
                again.bind(("127.0.0.1", port))
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
        time.sleep(0.05)
