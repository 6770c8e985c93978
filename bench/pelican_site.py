"""A Pelican site equivalent to a bantin corpus (used only when Pelican is installed).

    python bench/pelican_site.py --corpus /tmp/bantin-bench/5000/site --out /tmp/bantin-bench/5000/pelican

Same Markdown bodies; the front matter becomes Pelican's `Key: value` header; photos stay beside
each article and are published next to it with `{attach}` (Pelican's page bundles), the first one
after the lead as bantin places it. Dated URLs `/YYYY/MM/DD/slug/`, year/month/day archives,
category/tag/author pages under the same prefixes as bantin, pagination 20 under `trang/N/`, one
Atom feed for the whole site, the built-in `notmyidea` theme. Pelican's theme does not show awards
and it has no sitemap without a plug-in; its period archives are not paginated.

Two settings files: `pelicanconf.py` keeps Pelican's content cache (for the warm build),
`pelicanconf_nocache.py` turns it off (for the cold build).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

import yaml
from hugo_site import _as_list, parse_bundle, parse_date

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

SETTINGS = """\
AUTHOR = {author!r}
SITENAME = {title!r}
SITEURL = "https://congan.example.vn"
PATH = "content"
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
STATIC_PATHS = {years!r}
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/trang/{{number}}/", "{{base_name}}/trang/{{number}}/index.html"),
)
ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}/index.html"
YEAR_ARCHIVE_URL = "{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = "{{date:%Y}}/index.html"
MONTH_ARCHIVE_URL = "{{date:%Y}}/{{date:%m}}/"
MONTH_ARCHIVE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/index.html"
DAY_ARCHIVE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/"
DAY_ARCHIVE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/index.html"
CATEGORY_URL = "chuyen-muc/{{slug}}/"
CATEGORY_SAVE_AS = "chuyen-muc/{{slug}}/index.html"
TAG_URL = "tu-khoa/{{slug}}/"
TAG_SAVE_AS = "tu-khoa/{{slug}}/index.html"
AUTHOR_URL = "tac-gia/{{slug}}/"
AUTHOR_SAVE_AS = "tac-gia/{{slug}}/index.html"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False
CACHE_PATH = "cache"
CONTENT_CACHING_LAYER = "reader"
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
"""

_FIGURE = re.compile(r"^!\[\]\(([^)]+)\)$", re.MULTILINE)


def _header_value(value: str) -> str:
    return " ".join(str(value).split())


def render_article(front: dict, body: str, default_author: str) -> str:
    """Pelican's Markdown: a `Key: value` header, a blank line, the body with `{attach}` photos."""
    when = parse_date(front["date"])
    authors = _as_list(front.get("author")) or [default_author]
    lines = [f"Title: {_header_value(front['title'])}", f"Date: {when:%Y-%m-%d %H:%M}",
             f"Slug: {front['slug']}", f"Authors: {', '.join(authors)}"]
    if front.get("category"):
        lines.append(f"Category: {front['category']}")
    if front.get("tags"):
        lines.append(f"Tags: {', '.join(_as_list(front['tags']))}")
    photos = {p["src"]: p for p in front.get("images") or []}

    def figure(src: str) -> str:
        caption = photos.get(src, {}).get("caption", "")
        return f"![{caption}]({{attach}}{src})"

    body = _FIGURE.sub(lambda m: figure(m.group(1)), body)
    unreferenced = [figure(src) for src in photos if f"{{attach}}{src})" not in body]
    if unreferenced:
        lead, _, rest = body.partition("\n\n")
        body = "\n\n".join([lead, *unreferenced, rest])
    return "\n".join(lines) + "\n\n" + body


def _place(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_pelican_site(corpus: Path, out: Path) -> int:
    """Write the Pelican twin of the bantin site in `corpus` into `out`; returns the number of articles."""
    corpus, out = Path(corpus), Path(out)
    site = yaml.load((corpus / "site.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    if out.exists():
        shutil.rmtree(out)
    years: set[str] = set()
    count = 0
    for index in sorted((corpus / "content").rglob("index.md")):
        rel = index.relative_to(corpus / "content")
        front, body = parse_bundle(index.read_text(encoding="utf-8"))
        target = out / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_article(front, body, site.get("author", "")), encoding="utf-8")
        for photo in front.get("images") or []:
            _place(index.parent / photo["src"], target.parent / photo["src"])
        years.add(rel.parts[0])
        count += 1
    for name, cache in (("pelicanconf.py", True), ("pelicanconf_nocache.py", False)):
        (out / name).write_text(SETTINGS.format(author=site.get("author", ""), title=site["title"],
                                                years=sorted(years), cache=cache), encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a bantin site written by corpus.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the Pelican site (replaced)")
    args = parser.parse_args(argv)
    count = write_pelican_site(args.corpus, args.out)
    print(f"Pelican site with {count} articles in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
