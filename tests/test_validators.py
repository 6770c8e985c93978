"""The demo site (repo root) built with `--strict`, checked by validators nobody on the project wrote.

- every HTML page: the W3C Nu HTML checker (npm `vnu-jar`), zero errors, all pages in one Java call;
- every feed: `feedparser`, no bozo, every required field present and absolute;
- `sitemap.xml`: the sitemaps.org XSD shipped in npm `sitemap`; `news-sitemap.xml`: that XSD plus the
  Google News XSD in `tests/schemas/`, through a wrapper schema importing both (lxml);
- JSON-LD: extracted with `extruct` (errors="strict"), every field of `NewsArticle`, `BreadcrumbList`
  and `WebSite` checked;
- a crawl of every internal link, stylesheet, icon and image (src and srcset), fragments included.

And the two promises a CI pipeline relies on: two builds at different times from different folders
are byte-identical under one `SOURCE_DATE_EPOCH`, and a failing build leaves the published folder as
it was. The build clock is pinned an hour after the newest article, so the news sitemap has entries.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import tree
from external_tools import assert_valid, missing, news_schema, urlset_schema, vnu_jar

pytestmark = [pytest.mark.external, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ("site.yaml", "content", "static", "templates")
OFFSET_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


@dataclass(frozen=True)
class Demo:
    site: Path
    out: Path
    epoch: int
    base_url: str
    stderr: str


def copy_demo(dest: Path) -> Path:
    """The demo's sources (no build output, no cache) copied to `dest`."""
    if not (ROOT / "site.yaml").is_file() or not (ROOT / "content").is_dir():
        missing(f"the demo site (site.yaml and content/) is not at {ROOT}")
    dest.mkdir(parents=True)
    for name in SITE_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def run_build(site: Path | str, out: Path, *extra: str, cwd: Path, epoch: int | None = None):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["BANTIN_LANG"] = "en"
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return subprocess.run([sys.executable, "-m", "bantin", "build", "--site", str(site), "--output", str(out),
                           *extra], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def newest_article_epoch(feed: Path) -> int:
    """When the newest article was published, from the site feed (items are newest first)."""
    match = re.search(r"<pubDate>([^<]+)</pubDate>", feed.read_text(encoding="utf-8"))
    assert match, "the site feed has no item"
    return int(email.utils.parsedate_to_datetime(match.group(1)).timestamp())



@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    base = tmp_path_factory.mktemp("demo")
    site = copy_demo(base / "site")
    probe = run_build(site, base / "probe", cwd=base)
    assert probe.returncode == 0, probe.stderr
    epoch = newest_article_epoch(base / "probe/feed.xml") + 3600
    result = run_build(site, base / "build", "--strict", cwd=base, epoch=epoch)
    assert result.returncode == 0, f"the demo does not build with --strict:\n{result.stderr}"
    base_url = re.search(r"^base_url:\s*(\S+)", (site / "site.yaml").read_text(encoding="utf-8"), re.M)
    return Demo(site, base / "build", epoch, base_url.group(1).rstrip("/"), result.stderr)


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def page_url(out: Path, path: Path) -> str:
    rel = path.relative_to(out).as_posix()
    if rel == "index.html":
        return "/"
    return "/" + rel[:-len("index.html")] if rel.endswith("/index.html") else "/" + rel


# -- HTML ---------------------------------------------------------------------------------------------

def test_every_page_passes_the_nu_html_checker(demo, tmp_path):
    jar = vnu_jar()
    files = html_files(demo.out)
    assert len(files) > 20
    roll = [f for f in files if f.relative_to(demo.out).parts[0] == "khen-thuong"]    # the honors roll is checked too
    assert {"index.html", "2024", "don-vi"} <= {f.relative_to(demo.out / "khen-thuong").parts[0] for f in roll}
    control = tmp_path / "control.html"        # proves the checker runs and reports: it must fail this one
    control.write_text('<!DOCTYPE html><html lang="vi"><head></head><body><p>x</p></body></html>\n')
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json",
                             *map(str, files), str(control)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    problems = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")
                or m.get("subType") == "fatal"]
    assert any(m.get("url", "").endswith("/control.html") for m in problems), report
    problems = [m for m in problems if not m.get("url", "").endswith("/control.html")]
    listing = "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '')}: {m.get('message')}" for m in problems)
    assert not problems, f"{len(problems)} Nu HTML checker errors in {len(files)} pages:\n{listing}"


# -- feeds --------------------------------------------------------------------------------------------

def is_absolute(url: str, base_url: str) -> bool:
    parts = urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc) and url.startswith(base_url + "/")


def built_file(out: Path, base_url: str, url: str) -> Path:
    path = unquote(urlsplit(url[len(base_url):]).path).lstrip("/")
    return out / (path + "index.html" if path.endswith("/") or not path else path)


def test_feeds_parse_without_bozo_and_carry_every_required_field(demo):
    import feedparser

    feeds = sorted(demo.out.rglob("feed.xml")) + sorted(demo.out.rglob("atom.xml"))
    sections = [p for p in (demo.out / "chuyen-muc").iterdir() if p.is_dir()]
    assert len(feeds) == 2 * (1 + len(sections)) and sections
    for path in feeds:
        where = path.relative_to(demo.out).as_posix()
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{where}: {parsed.get('bozo_exception')}"
        atom = path.name == "atom.xml"
        assert parsed.version == ("atom10" if atom else "rss20"), where
        channel = parsed.feed
        assert channel.get("title"), where
        assert is_absolute(channel.get("link"), demo.base_url), where
        assert built_file(demo.out, demo.base_url, channel.link).is_file(), where
        self_links = [link.href for link in channel.get("links", []) if link.get("rel") == "self"]
        assert self_links == [demo.base_url + "/" + where], where
        if atom:
            assert channel.get("id") and channel.get("updated_parsed"), where
        else:
            assert channel.get("subtitle"), f"{where}: an RSS channel needs a description"
        assert len(parsed.entries) <= 50 and (parsed.entries or where.startswith("chuyen-muc/")), where
        dates = []
        for entry in parsed.entries:
            label = f"{where}: {entry.get('title')}"
            assert entry.get("title") and entry.get("summary"), label
            assert is_absolute(entry.get("link"), demo.base_url), label
            assert built_file(demo.out, demo.base_url, entry.link).is_file(), label
            assert entry.get("id") == entry.link, label
            assert entry.get("published_parsed"), label
            raw_date = entry.published
            assert (raw_date.endswith("+0700") if not atom else OFFSET_DATE.match(raw_date)), label
            if atom:
                assert entry.get("updated_parsed") and OFFSET_DATE.match(entry.updated), label
            assert entry.get("authors") and all(a.get("name") for a in entry.authors), label
            for enclosure in entry.get("enclosures", []):
                assert is_absolute(enclosure.href, demo.base_url), label
                target = built_file(demo.out, demo.base_url, enclosure.href)
                assert int(enclosure.length) == target.stat().st_size, label
                assert enclosure.type.startswith("image/"), label
            dates.append(entry.published_parsed)
        assert dates == sorted(dates, reverse=True), f"{where}: not newest first"
    site_feed = feedparser.parse((demo.out / "feed.xml").read_bytes())
    assert sum(bool(e.get("enclosures")) for e in site_feed.entries) >= len(site_feed.entries) - 2


def test_pages_link_their_feeds(demo):
    home = (demo.out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/feed.xml"' in home
    assert 'href="/atom.xml"' in home
    section = next(p for p in sorted((demo.out / "chuyen-muc").iterdir()) if p.is_dir())
    html = (section / "index.html").read_text(encoding="utf-8")
    assert f'href="/chuyen-muc/{section.name}/feed.xml"' in html and 'href="/feed.xml"' in html


# -- sitemaps -----------------------------------------------------------------------------------------

def test_sitemap_validates_against_the_sitemaps_org_schema(demo):
    from lxml import etree

    data = (demo.out / "sitemap.xml").read_bytes()
    assert_valid(urlset_schema(), data)
    locs = etree.fromstring(data).findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    pages = {page_url(demo.out, p) for p in html_files(demo.out)} - {"/404.html"}
    assert {loc.text[len(demo.base_url):] for loc in locs} == pages


def test_news_sitemap_validates_and_holds_the_last_two_days(demo):
    from lxml import etree

    data = (demo.out / "news-sitemap.xml").read_bytes()
    assert_valid(news_schema(), data)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    entries = etree.fromstring(data).findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert entries, "the clock is pinned an hour after the newest article: it must be listed"
    for entry in entries:
        published = entry.find(f"{news}news/{news}publication_date").text
        assert OFFSET_DATE.match(published)
        age = timedelta(seconds=demo.epoch - datetime.fromisoformat(published).timestamp())
        assert timedelta(0) <= age <= timedelta(days=2)
        assert entry.find(f"{news}news/{news}publication/{news}language").text == "vi"


def test_robots_txt_names_both_sitemaps(demo):
    robots = (demo.out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {demo.base_url}/sitemap.xml\n" in robots
    assert f"Sitemap: {demo.base_url}/news-sitemap.xml\n" in robots
    assert robots.startswith("User-agent: *\n")


# -- JSON-LD ------------------------------------------------------------------------------------------

def jsonld_of(path: Path, url: str) -> list[dict]:
    import extruct

    data = extruct.extract(path.read_text(encoding="utf-8"), base_url=url, syntaxes=["json-ld"], errors="strict")
    return data["json-ld"]


def meta(html: str, prop: str) -> list[str]:
    return [unescape(v) for v in re.findall(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', html)]


def test_json_ld_has_every_field(demo):
    import feedparser

    articles = {e.link for e in feedparser.parse((demo.out / "feed.xml").read_bytes()).entries}
    seen_articles, seen_lists, keyword_pages = set(), 0, 0
    for path in html_files(demo.out):
        url = demo.base_url + page_url(demo.out, path)
        items = jsonld_of(path, url)
        html = path.read_text(encoding="utf-8")
        kinds = [item["@type"] for item in items]
        for item in items:
            assert item["@context"] == "https://schema.org", url
        if url in articles:
            assert kinds == ["NewsArticle"], url
            check_news_article(items[0], url, html, demo.base_url)
            seen_articles.add(url)
            keyword_pages += "keywords" in items[0]
        elif path == demo.out / "index.html":
            assert kinds == ["WebSite"], url
            website = items[0]
            assert website["url"] == demo.base_url + "/" and website["name"]
            action = website["potentialAction"]      # the search page /tim-kiem/
            assert action["@type"] == "SearchAction" and action["query-input"] == "required name=q"
            assert action["target"]["urlTemplate"] == demo.base_url + "/tim-kiem/?q={q}"
        elif path.name == "404.html":
            assert kinds == [], url
        elif "/trang/" in url and path.parent.parent.parent == demo.out:
            assert kinds == [], url  # home, page 2+: no WebSite
        else:
            assert kinds == ["BreadcrumbList"], url
            check_breadcrumbs(items[0], url, demo.base_url)
            seen_lists += 1
    assert seen_articles == articles
    assert seen_lists > 10 and keyword_pages > 0


def check_news_article(item: dict, url: str, html: str, base_url: str) -> None:
    assert item["headline"] and item["headline"] == meta(html, "og:title")[0], url
    assert isinstance(item["image"], list) and item["image"], url
    assert all(is_absolute(image["url"] if isinstance(image, dict) else image, base_url)
               for image in item["image"]), url
    assert OFFSET_DATE.match(item["datePublished"]) and OFFSET_DATE.match(item["dateModified"]), url
    assert item["dateModified"] >= item["datePublished"], url
    assert item["datePublished"] == meta(html, "article:published_time")[0], url
    assert isinstance(item["author"], list) and item["author"], url
    for author in item["author"]:
        assert author["@type"] == "Person" and author["name"], url
    publisher = item["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"], url
    assert publisher["logo"]["@type"] == "ImageObject" and is_absolute(publisher["logo"]["url"], base_url), url
    assert item["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}, url
    assert f'<link rel="canonical" href="{url}">' in html, url
    sections, tags = meta(html, "article:section"), meta(html, "article:tag")
    assert item.get("articleSection") == (sections[0] if sections else None), url
    assert item.get("keywords", []) == tags, url


def check_breadcrumbs(item: dict, url: str, base_url: str) -> None:
    assert item["@type"] == "BreadcrumbList", url
    elements = item["itemListElement"]
    assert len(elements) >= 2, url
    for number, element in enumerate(elements, start=1):
        assert element["@type"] == "ListItem" and element["position"] == number and element["name"], url
        assert is_absolute(element["item"], base_url), url
    assert elements[0]["item"] == base_url + "/", url
    assert url.startswith(elements[-1]["item"]), url


# -- links --------------------------------------------------------------------------------------------

class _Refs(HTMLParser):
    """Every URL a page refers to (links, stylesheets, icons, images, srcset candidates) and its ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag in ("a", "link", "img", "script", "source", "iframe"):
                self.refs.append((tag, attrs[name]))
        if attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    self.refs.append((tag, candidate.split()[0]))


def test_no_broken_internal_link_or_image(demo):
    parsed: dict[Path, _Refs] = {}

    def refs_of(path: Path) -> _Refs:
        if path not in parsed:
            parser = _Refs()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken, checked = [], 0
    for path in html_files(demo.out):
        here = page_url(demo.out, path)
        for tag, ref in refs_of(path).refs:
            if ref.startswith(demo.base_url):
                ref = ref[len(demo.base_url):] or "/"
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc:
                continue
            target_url = urljoin(here, parts.path) if parts.path else here
            rel = unquote(target_url).lstrip("/")
            target = demo.out / (rel + "index.html" if rel.endswith("/") or not rel else rel)
            checked += 1
            if not target.is_file():
                broken.append(f"{here}: <{tag}> {ref}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in refs_of(target).ids:
                broken.append(f"{here}: <{tag}> {ref} (no id '{parts.fragment}')")
    for css in demo.out.rglob("*.css"):
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if not urlsplit(ref).scheme and not ref.startswith("#"):
                checked += 1
                if not (css.parent / ref).resolve().is_file():
                    broken.append(f"{css.name}: url({ref})")
    assert checked > 500
    assert not broken, "broken internal references:\n" + "\n".join(broken)


# -- assets -------------------------------------------------------------------------------------------

def test_static_assets_are_fingerprinted_and_photos_are_not(demo):
    css = sorted((demo.out / "css").glob("bantin.*.css"))
    assert len(css) == 1 and not (demo.out / "css/bantin.css").exists()
    digest = css[0].name.split(".")[1]
    assert re.fullmatch(r"[0-9a-f]{8}", digest)
    assert hashlib.sha256(css[0].read_bytes()).hexdigest()[:8] == digest
    home = (demo.out / "index.html").read_text(encoding="utf-8")
    assert f'href="/css/{css[0].name}"' in home
    photos = [p for p in demo.out.rglob("*.*") if p.suffix in (".jpg", ".webp") and "css" not in p.parts]
    assert photos and all(re.search(r"\.(\d+|og)\.[0-9a-f]{8}\.(jpg|webp)$", p.name) for p in photos)   # derivatives only


# -- a build CI can trust -----------------------------------------------------------------------------

def test_two_builds_at_different_times_from_different_folders_are_identical(demo, tmp_path):
    first_site = copy_demo(tmp_path / "one" / "site")
    second_site = copy_demo(tmp_path / "two" / "deeper" / "site")
    first = run_build(".", tmp_path / "out-1", "--strict", cwd=first_site, epoch=demo.epoch)
    second = run_build(second_site, tmp_path / "out-2", "--strict", cwd=tmp_path, epoch=demo.epoch)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = tree(tmp_path / "out-1"), tree(tmp_path / "out-2")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert one == tree(demo.out)


def snapshot(root: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(root.rglob("*")) if p.is_file()}


BAD_YAML = "---\ntitle: Bài lỗi\ndate: 31/02/2099\n---\nNội dung.\n"
LONG_SUMMARY = ("---\ntitle: Bài có tóm tắt dài\ndate: 01/01/2020 08:00\ncategory: An ninh trật tự\n"
                "tags: [Thử]\nsummary: " + "Tóm tắt rất dài " * 20 + "\n---\nNội dung.\n")


def test_a_failing_build_leaves_the_published_folder_intact(demo, tmp_path):
    site = copy_demo(tmp_path / "site")
    out = tmp_path / "public"
    assert run_build(site, out, "--strict", cwd=tmp_path, epoch=demo.epoch).returncode == 0
    before = snapshot(out)
    for name in ("feed.xml", "atom.xml", "sitemap.xml", "news-sitemap.xml", "robots.txt"):
        assert name in before
    assert any(re.fullmatch(r"css/bantin\.[0-9a-f]{8}\.css", name) for name in before)
    assert any(re.fullmatch(r"chuyen-muc/[^/]+/(feed|atom)\.xml", name) for name in before)

    cases = [("content/2099/loi/index.md", BAD_YAML, ()),                       # an error while loading
             ("content/2020/dai/index.md", LONG_SUMMARY, ("--strict",)),         # a warning under --strict
             ("templates/404.html", "{{ no_such_variable }}\n", ())]             # a template error mid-write
    for rel, text, options in cases:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        result = run_build(site, out, *options, cwd=tmp_path, epoch=demo.epoch)
        assert result.returncode == 1, (rel, result.stderr)
        assert rel in result.stderr, result.stderr
        assert snapshot(out) == before, rel
        assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"], rel
        path.unlink()


def test_the_summary_warning_names_its_line(demo, tmp_path):
    site = copy_demo(tmp_path / "site")
    (site / "content/2020/dai").mkdir(parents=True)
    (site / "content/2020/dai/index.md").write_text(LONG_SUMMARY, encoding="utf-8")
    result = run_build(site, tmp_path / "out", "--strict", cwd=tmp_path, epoch=demo.epoch)
    assert result.returncode == 1
    length = len(("Tóm tắt rất dài " * 20).strip())
    assert f"content/2020/dai/index.md:6: warning: 'summary' is {length} characters long" in result.stderr


# -- CI examples --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["github-pages.yml", "gitlab-ci.yml"])
def test_ci_examples_build_strictly_publish_build_and_rebuild_on_a_schedule(name):
    import yaml

    text = (ROOT / "docs/ci" / name).read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert isinstance(document, dict)
    assert "bantin build --strict" in text
    assert "schedule" in text
    assert "build" in text and "SOURCE_DATE_EPOCH" in text
    # a project page is a sub-path: the build is made for the address the host serves it at
    assert {"github-pages.yml": '--base-url "${{ steps.pages.outputs.base_url }}"',
            "gitlab-ci.yml": '--base-url "$CI_PAGES_URL"'}[name] in text
