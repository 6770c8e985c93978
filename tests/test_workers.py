"""Workers die with their parent; one article can not hold a build longer than the time limit."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from conftest import alive, article, big_site, children_of, make_site

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
        "content/slow/index.md:1: error: reading this article took more than 0.3 seconds, the limit for one "
        "article; the text is probably malformed (very deep nesting, thousands of brackets...); check the file"]
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None) or \
        not callable(signal.getsignal(signal.SIGALRM)) or signal.getsignal(signal.SIGALRM) is not workers._alarm


def test_an_article_too_deep_for_the_parser_is_an_error_naming_it(tmp_path, monkeypatch):
    site = make_site(tmp_path, {"content/a/index.md": article(body="sâu\n"), "content/b/index.md": article(title="B")})

    def deep(self, body, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")
    monkeypatch.setattr(MarkdownRenderer, "render", deep)
    _, problems = load_articles(load_config(site))
    assert [str(p) for p in problems][0].startswith("content/a/index.md:1: error: the article nests too deep")
