"""Property tests: whatever an editor writes (front matter, Markdown, site.yaml, photo bytes), bantin
answers with problems that have a place, never with an exception of its own.

Every example runs the real pipeline in this process (parse, or a whole build and check). The only
exceptions allowed out are `BuildFailed` (content problems) and `UsageError`. The run is bounded for
CI: a fixed number of examples, derandomized (the same inputs on every run, so CI does not fail on a
new random find); set BANTIN_HYPOTHESIS_EXAMPLES=2000 and BANTIN_HYPOTHESIS_RANDOM=1 to explore more.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest
from conftest import NOW, SITE_YAML, article, jpeg, make_site
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bantin.build import BuildOptions, build
from bantin.check import check_site
from bantin.config import ParseSettings, load_config
from bantin.content.images import ImageError, read_image_info, strip_location
from bantin.content.parse import ArticleParser, SourceFile
from bantin.core.errors import BuildFailed, Problem, UsageError

pytestmark = pytest.mark.slow

SCALE = int(os.environ.get("BANTIN_HYPOTHESIS_EXAMPLES", "0")) or None
RANDOM = bool(os.environ.get("BANTIN_HYPOTHESIS_RANDOM"))


def bounded(examples: int):
    return settings(max_examples=SCALE or examples, deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=list(HealthCheck), print_blob=True)


# --- what an editor can type ---------------------------------------------------------------------

ODD = ["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "đ", "ễ", "e\u0301", "\t", "\r", "\r\n"]
MARKDOWN_BITS = ["[", "]", "(", ")", "!", "<", ">", "*", "_", "`", "#", "-", "+", "1. ", "|", "{", "}", "&", "\\",
                 ":", "\n", "\n\n", "    ", "> ", "- ", "[^1]", "[^1]: ", "![a](a.jpg)", "![](x\x00.jpg)",
                 "[a](b)", "<img src=a.jpg>", "<script>", "&#0;", "&amp;", "{: #id }", "<!--", "-->", "```",
                 "[a]: /b", "*a*", "**", "<http://a>", "<a href='javascript:x'>", "Công an", " "]
# values that broke bantin once (issue 17), and plain YAML of every kind
DANGEROUS = ["9" * 5000, "-1" + ":00" * 3000, "0001-01-01T00:00:00+12:00", "9999-12-31T23:59:00-12:00",
             "31/12/9999 23:59", '"a\\0b"', '"\\e"', '"\\x7f"', "1e999", "javascript:alert(6)",
             "../../../../etc/passwd", '[{src: "a\\0b.jpg", caption: C}]', "[{src: a.svg, caption: C}]",
             "[{type: A, giver: B, individuals: -1" + ":00" * 3000 + "}]", "\x7f", "Công\x00an"]
YAML_VALUES = ["", "~", "null", "yes", "no", "0", "-1", ".inf", "27/09/2024", "31/02/2024", "2024-09-27 11:41",
               "[a, b]", "{a: b}", "&x a", "*x", "!!python/object:os.system", "'quoted'", "|\n  block", "a: b", "- a",
               "[", "{", "Hội nghị", "a.jpg", "../a.jpg", "/etc/passwd", "http://a", "[{src: a.jpg}]",
               "[{type: A, giver: B, individuals: -3}]", "[{type: A, giver: B, collectives: 99999999999999999999}]",
               "[{name: A}, {name: A}]", "/{slug}/", "Asia/Nowhere"]
KEYS = ["title", "date", "updated", "author", "source", "category", "tags", "summary", "slug", "draft", "images",
        "awards", "extra", "titel", "", "x" * 300, "title", "date", "updated", "images", "awards"]
CONFIG_KEYS = ["title", "base_url", "language", "timezone", "source", "author", "description", "sections",
               "per_page", "permalink", "comments_url", "allow_raw_html", "logo", "unknown", "per_page", "logo"]

text_bits = st.one_of(st.text(max_size=12), st.sampled_from(ODD))
markdown = st.lists(st.one_of(st.sampled_from(MARKDOWN_BITS), text_bits, st.sampled_from(ODD)), max_size=60) \
    .map("".join)
yaml_value = st.one_of(st.sampled_from(DANGEROUS), st.sampled_from(YAML_VALUES), text_bits,
                       st.integers().map(str))
front_lines = st.lists(st.tuples(st.sampled_from(KEYS), yaml_value), max_size=8)


def front_matter(lines) -> str:
    return "".join(f"{key}: {value}\n" for key, value in lines)


# --- photos -------------------------------------------------------------------------------------

def png() -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(buffer, "PNG")
    return buffer.getvalue()


SEEDS = [jpeg(16, 12), png(), b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect/></svg>',
         b"RIFF\x20\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00" + b"\x00" * 10]


@st.composite
def photo_bytes(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "append", "repeat"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=16))
        elif action == "append":
            data += draw(st.sampled_from([b"\xff\xd8\xff\xd9" * 50, b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM",
                                          b"<svg ", b"\x00" * 64, b"\xff" * 64]))
        else:
            data += bytes(data[:64]) * 4
    return bytes(data)


# --- properties ---------------------------------------------------------------------------------

def only_problems(action) -> list[Problem]:
    """Run `action`: it may return or raise BuildFailed / UsageError, nothing else."""
    try:
        result = action()
    except BuildFailed as failed:
        assert all(isinstance(p, Problem) and p.path for p in failed.problems)
        for problem in failed.problems:
            problem.format("vi"), problem.format("en")
        return failed.problems
    except UsageError as usage:
        usage.msg.render("vi"), usage.msg.render("en")
        return []
    problems = result if isinstance(result, list) else list(getattr(result, "warnings", ()))
    for problem in problems:
        problem.format("vi"), problem.format("en")
    return problems


_CONFIG = None


def plain_config():
    global _CONFIG
    if _CONFIG is None:
        folder = Path(tempfile.mkdtemp(prefix="bantin-prop-"))
        _CONFIG = load_config(make_site(folder, {}))
    return _CONFIG


@bounded(500)
@given(front=front_lines, body=markdown)
def test_parsing_any_article_gives_problems_not_exceptions(front, body):
    text = "---\n" + front_matter(front) + "---\n" + body
    result = ArticleParser(ParseSettings.of(plain_config()), plain_config().site_dir).parse(SourceFile("content/a/index.md", text.encode("utf-8", "surrogatepass")))
    for problem in result.problems:
        assert problem.path == "content/a/index.md"
        problem.format("vi"), problem.format("en")
    if result.article is not None:
        assert not any(c in result.article.body_html for c in "\x00\x1b\x7f")


@bounded(250)
@given(data=st.binary(max_size=400))
def test_parsing_any_bytes_gives_problems_not_exceptions(data):
    result = ArticleParser(ParseSettings.of(plain_config()), plain_config().site_dir).parse(SourceFile("content/a/index.md", b"---\ntitle: A\n" + data))
    for problem in result.problems:
        problem.format("en")


@bounded(500)
@given(data=photo_bytes(), name=st.sampled_from(["a.jpg", "a.png", "a.svg", "a.webp", "a.gif"]))
def test_reading_any_photo_gives_an_image_error_or_an_answer(data, name):
    try:
        info = read_image_info(data, name)
    except ImageError as exc:
        assert exc.reason
        return
    assert info.width > 0 and info.height > 0
    stripped = strip_location(data)
    assert isinstance(stripped, bytes)


@bounded(60)
@given(front=front_lines, body=markdown, photo=photo_bytes(), extra=st.lists(st.tuples(st.sampled_from(CONFIG_KEYS),
                                                                                        yaml_value), max_size=3))
def test_building_and_checking_any_site_gives_problems_not_exceptions(front, body, photo, extra):
    with tempfile.TemporaryDirectory() as folder:
        files = {"content/2024/a/index.md": "---\n" + front_matter(front) + "---\n" + body,
                 "content/2024/b/index.md": article(images="[{src: a.jpg, caption: C}]", body=body),
                 "content/2024/b/a.jpg": photo}
        yaml = SITE_YAML + "".join(f"{key}: {value}\n" for key, value in extra)
        site = make_site(Path(folder), {k: v.encode("utf-8", "surrogatepass") if isinstance(v, str) else v
                                        for k, v in files.items()}, yaml.encode("utf-8", "surrogatepass")
                         .decode("utf-8", "replace"))

        def run_build():
            config = load_config(site)
            return build(config, BuildOptions(output=site / "build", now=NOW, cache=False, workers=1))

        def run_check():
            return check_site(load_config(site), NOW)

        only_problems(run_build)
        only_problems(run_check)


@bounded(200)
@given(extra=st.lists(st.tuples(st.sampled_from(CONFIG_KEYS), yaml_value), max_size=4),
       noise=st.one_of(st.just(""), st.text(max_size=40), st.sampled_from(ODD)))
def test_loading_any_site_yaml_gives_problems_not_exceptions(extra, noise):
    with tempfile.TemporaryDirectory() as folder:
        text = SITE_YAML + "".join(f"{key}: {value}\n" for key, value in extra) + noise
        (Path(folder) / "site.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
        only_problems(lambda: load_config(Path(folder)))
