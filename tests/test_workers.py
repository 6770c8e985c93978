"""Workers die with their parent; one article can not hold a build longer than the time limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import alive, article, big_site, children_of, jpeg, make_site

from bantin.config import load_config
from bantin.content import workers
from bantin.content.load import load_articles
from bantin.content.markdown import MarkdownRenderer


def test_a_killed_parallel_build_leaves_no_worker(tmp_path):
    site = big_site(tmp_path, 400)
    process = subprocess.Popen([sys.executable, "-m", "bantin", "build", "--site", str(site)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    found: list[int] = []
    while not found and time.monotonic() < deadline and process.poll() is None:
        found = children_of(process.pid)
        time.sleep(0.001)
    assert found, "the build never started its workers"
    time.sleep(0.05)
    found = children_of(process.pid) or found
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 3
    while any(alive(pid) for pid in found) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(alive(pid) for pid in found)


def test_a_worker_whose_parent_is_already_gone_exits(tmp_path):
    code = ("import os, sys, time\n"
            "from bantin.content.workers import die_with_parent\n"
            "die_with_parent(os.getppid() + 100000)\n"
            "print('still here')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 1 and "still here" not in result.stdout


def slow_render(self, body, **kwargs):
    if "chậm" in body:
        time.sleep(30)
    return MarkdownRenderer.__wrapped_render__(self, body, **kwargs)


@pytest.mark.parametrize("count, parallel", [(3, 1), (160, 2)], ids=["in-process", "workers"])
def test_an_article_over_the_time_limit_is_an_error_naming_it(tmp_path, monkeypatch, count, parallel):
    files = {f"content/a{i}/index.md": article(title=f"Bài {i}") for i in range(count)}
    files["content/slow/index.md"] = article(title="Bài chậm", body="Bài chậm.\n")
    site = make_site(tmp_path, files)
    monkeypatch.setattr(workers, "ARTICLE_SECONDS", 0.3)
    monkeypatch.setattr(MarkdownRenderer, "__wrapped_render__", MarkdownRenderer.render, raising=False)
    monkeypatch.setattr(MarkdownRenderer, "render", slow_render)
    started = time.monotonic()
    articles, problems = load_articles(load_config(site), workers=parallel)
    assert time.monotonic() - started < 10
    assert len(articles) == count
    assert [str(p) for p in problems] == [
        "content/slow/index.md:1: error: reading this article took more than 0.3 seconds, far longer than any "
        "article within the limits on length, nesting and formatting characters takes, even on a slow, busy "
        "machine; the machine may be overloaded, or this is a bantin bug: run it again, and if it fails again, "
        "report it with this file"]
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None) or \
        not callable(signal.getsignal(signal.SIGALRM)) or signal.getsignal(signal.SIGALRM) is not workers._alarm


def test_an_article_too_deep_for_the_parser_is_an_error_naming_it(tmp_path, monkeypatch):
    site = make_site(tmp_path, {"content/a/index.md": article(body="sâu\n"), "content/b/index.md": article(title="B")})

    def deep(self, body, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(MarkdownRenderer, "render", deep)
    _, problems = load_articles(load_config(site))
    assert [str(p) for p in problems][0].startswith("content/a/index.md:1: error: the article nests too deep")


def photo_site(tmp_path, count: int = 12):
    """Articles with a large photo each: few enough to parse and render in the build's own process,
    so the first processes it forks are the photo encoders."""
    import io

    from PIL import Image
    files = {}
    for i in range(count):
        buf = io.BytesIO()
        Image.effect_noise((2400, 1600), 60 + i).convert("RGB").save(buf, "JPEG", quality=90)
        files[f"content/2024/09/bai-{i}/index.md"] = article(title=f"Bài ảnh {i}", date=f"{1 + i:02d}/09/2024",
                                                             images="[{src: anh.jpg, caption: Ảnh}]")
        files[f"content/2024/09/bai-{i}/anh.jpg"] = buf.getvalue()
    return make_site(tmp_path, files)


def test_a_killed_build_leaves_no_photo_encoder(tmp_path):
    site = photo_site(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "bantin", "build", "--site", str(site)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    encoders: list[int] = []
    while not encoders and time.monotonic() < deadline and process.poll() is None:
        encoders = children_of(process.pid)
        time.sleep(0.005)
    assert encoders, "the build never started its photo encoders"
    time.sleep(0.2)                     # the encoders are decoding and resizing now
    encoders = sorted(set(encoders) | set(children_of(process.pid)))
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10    # the kernel kills them at once; a busy machine may take a moment
    while any(alive(pid) for pid in encoders) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in encoders if alive(pid)] == []


def test_the_time_limit_is_a_last_guard_far_above_any_article_within_the_limits():
    """Whether an article builds depends on what can be counted (markdown.check_limits); the slowest
    body within those limits takes about a second (bench/markdown_scaling.py)."""
    assert workers.ARTICLE_SECONDS >= 120


# -- what a killed build or preview leaves is swept when bantin next starts ----------------------

def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_processes_that_are_gone_are_swept_and_others_kept(tmp_path):
    from bantin.core.scratch import sweep_scratch, sweep_tmp_files
    gone, alive_pid = dead_pid(), os.getpid()
    for name in (f"bantin-serve-{gone}-ab12", f"bantin-photos-{gone}-cd34", f"bantin-serve-{alive_pid}-ef56",
                 f"bantin-build-{gone}-gh78", "bantin-serve-x1y2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("x")
    assert sweep_scratch("serve", "photos", folder=str(tmp_path)) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"bantin-build-{gone}-gh78", f"bantin-serve-{alive_pid}-ef56", "bantin-serve-x1y2"]
    memo = tmp_path / "photos"
    memo.mkdir()
    for name in (f"a.webp.{gone}.tmp", f"b.webp.{alive_pid}.tmp", "c.webp", "d.tmp"):
        (memo / name).write_bytes(b"x")
    assert sweep_tmp_files(str(memo)) == 1
    assert sorted(p.name for p in memo.iterdir()) == [f"b.webp.{alive_pid}.tmp", "c.webp", "d.tmp"]


def start_preview(site, env):
    from test_hardening import free_port
    server = subprocess.Popen([sys.executable, "-m", "bantin", "serve", "--site", str(site), "--port", str(free_port())],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    while "127.0.0.1" not in server.stdout.readline():
        assert server.poll() is None, "the preview stopped"
    return server


@pytest.mark.parametrize("next_command", ["build", "serve"])
def test_what_a_killed_preview_leaves_is_swept_when_bantin_next_starts(tmp_path, next_command):
    site = make_site(tmp_path, {"content/a/index.md": article(images="[{src: anh.jpg, caption: Ảnh}]"),
                                "content/a/anh.jpg": jpeg()})
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "BANTIN_LANG": ""}
    server = start_preview(site, env)
    try:        # what the preview had begun when it was killed: a photo half encoded, a scratch folder
        stale = site / ".bantin-cache/photos" / f"x.webp.{server.pid}.tmp"
        stale.parent.mkdir(parents=True, exist_ok=True)
        stale.write_bytes(b"half a photo")
        scratch = temp / f"bantin-photos-{server.pid}-k2j3"
        scratch.mkdir()
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    assert stale.is_file() and scratch.is_dir()            # kill -9: nothing could remove them
    if next_command == "build":
        result = subprocess.run([sys.executable, "-m", "bantin", "build", "--site", str(site)], env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    else:
        again = start_preview(site, env)
        again.terminate()
        again.wait(timeout=60)
    assert not stale.exists() and not scratch.exists()
