"""A Hugo site equivalent to a bantin corpus, so the two can be timed on the same articles.

    python bench/hugo_site.py --corpus /tmp/bantin-bench/5000/site --out /tmp/bantin-bench/5000/hugo

Same Markdown bodies and the same photos (hard-linked page bundles), front matter translated
(`date` in ISO 8601 with +07:00, `categories`/`tags`/`authors` taxonomies), permalinks
`/:year/:month/:day/:slug/`, pagination 20 under `trang/N/`, an RSS feed for the home page and a
sitemap. Hugo has no day archives, so year, month and day archives are three more taxonomies
(`nam`, `thang`, `ngay`) whose terms live at `/2024/`, `/2024/09/`, `/2024/09/27/`, as bantin's do.

The theme in `layouts/` is small but real, and shaped like bantin's: a header menu of the eight
sections, a sidebar with the latest news and the years (rendered once with `partialCached`),
cards with a thumbnail and summary in every list, a full pager on every list page, figures with
captions, awards, and 'Các tin khác' taken from a per-section list computed once per section.
Hugo also writes a small redirect page at 'trang/1/' of every list; those count among its files.

For `pagefind --site public`, the article template marks what bantin's search index holds: the
article's body (`data-pagefind-body`, so list pages are not indexed), its title and date as metadata,
year, section and authors as filters, the date as the sort key; breadcrumbs, awards, tags and
"Các tin khác" are left out (`data-pagefind-ignore`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Loader = yaml.SafeLoader

OFFSET = "+07:00"

CONFIG = """\
baseURL = "https://congan.example.vn/"
defaultContentLanguage = "vi"
title = {title}
timeZone = "Asia/Ho_Chi_Minh"
disableKinds = ["section"]
capitalizeListTitles = false
removePathAccents = true
enableRobotsTXT = true
disableAliases = true

[pagination]
  pagerSize = 20
  path = "trang"
  disableAliases = true

[taxonomies]
  category = "categories"
  tag = "tags"
  author = "authors"
  nam = "nam"
  thang = "thang"
  ngay = "ngay"

[permalinks.page]
{page_permalinks}

[permalinks.term]
  categories = "/chuyen-muc/:slug/"
  tags = "/tu-khoa/:slug/"
  authors = "/tac-gia/:slug/"
  nam = "/:slug/"
  thang = "/:slug/"
  ngay = "/:slug/"

[[cascade]]
  [cascade.build]
    publishResources = false   # like bantin: publish the resized photos, not the originals

{parity}
[params]
  description = {description}
  source = {source}
  sections = {sections}
"""

LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ block "description" . }}{{ site.Params.description }}{{ end }}">
<link rel="stylesheet" href="/css/site.css">
<link rel="alternate" type="application/rss+xml" href="/index.xml" title="{{ site.Title }}">
</head>
<body>
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
{{ partial "header.html" . }}
<div class="wrap layout">
<main id="noi-dung">
{{ block "main" . }}{{ end }}
</main>
{{ partialCached "sidebar.html" . "sidebar" }}
</div>
{{ partialCached "footer.html" . "footer" }}
</body>
</html>
""",
    "home.html": """\
{{ define "title" }}{{ if gt .Paginator.PageNumber 1 }}Trang {{ .Paginator.PageNumber }} - {{ end }}{{ site.Title }}{{ end }}
{{ define "main" }}
<h1 class="visually-hidden">{{ site.Title }}</h1>
{{ $pager := .Paginate site.RegularPages }}
<section class="latest" aria-labelledby="tin-moi">
<h2 id="tin-moi">{{ if gt $pager.PageNumber 1 }}Tin tức - trang {{ $pager.PageNumber }}{{ else }}Tin mới{{ end }}</h2>
{{ partial "list_items.html" (dict "pager" $pager) }}
</section>
{{ if eq $pager.PageNumber 1 }}
{{ range site.Taxonomies.categories.Alphabetical }}
{{ with .Page }}
<section class="section-block">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>
{{ range first 4 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">({{ .Date.Format "02/01/2006" }})</time></li>
{{ end }}
</ul>
</section>
{{ end }}
{{ end }}
{{ end }}
{{ end }}
""",
    "single.html": """\
{{ define "title" }}{{ .Title }} - {{ site.Title }}{{ end }}
{{ define "description" }}{{ .Summary | plainify | truncate 300 }}{{ end }}
{{ define "main" }}
{{ $cat := index (.GetTerms "categories") 0 }}
<article class="article" data-pagefind-body>
<div hidden data-pagefind-filter="year:{{ .Date.Format "2006" }}" data-pagefind-sort="date:{{ .Date.UTC.Format "20060102150405" }}" data-pagefind-meta="date:{{ .Date.Format "02/01/2006" }}"></div>
{{ with $cat }}<div hidden data-pagefind-filter="section:{{ .Title }}" data-pagefind-meta="section:{{ .Title }}"></div>{{ end }}
{{ range .GetTerms "authors" }}<div hidden data-pagefind-filter="author:{{ .Title }}"></div>{{ end }}
<nav class="breadcrumb" aria-label="Đường dẫn" data-pagefind-ignore><ol>
<li><a href="/">Trang chủ</a></li>
{{ with $cat }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ol></nav>
<h1 data-pagefind-meta="title">{{ .Title }}</h1>
<p class="updated">Cập nhật ngày: <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006 15:04:05" }}</time></p>
<div class="body">
{{ $raw := .RawContent }}
{{ range .Params.photos }}
{{ if not (strings.Contains $raw .src) }}
{{ $caption := .caption }}
{{ with $.Resources.Get .src }}<figure>{{ partial "photo.html" (dict "img" . "alt" $caption "sizes" "(max-width: 56rem) calc(100vw - 2rem), min(calc(100vw - 24rem), 48rem)" "lazy" false) }}<figcaption>{{ $caption }}</figcaption></figure>{{ end }}
{{ end }}
{{ end }}
{{ .Content }}
</div>
{{ with .Params.awards }}
<section class="awards" aria-labelledby="khen-thuong" data-pagefind-ignore>
<h2 id="khen-thuong">Khen thưởng</h2>
<ul>
{{ range . }}
<li><strong class="award-type">{{ delimit .type ", " }}</strong> của {{ delimit .giver ", " }}
{{ with .recipient }} tặng <span class="award-recipient">{{ . }}</span>{{ end }}
{{ if or .collectives .individuals }} cho <span class="award-counts">{{ with .collectives }}{{ . }} tập thể{{ end }}{{ if and .collectives .individuals }}, {{ end }}{{ with .individuals }}{{ . }} cá nhân{{ end }}</span>{{ end }}
{{ with .reason }}<br><span class="award-reason">{{ . }}</span>{{ end }}
</li>
{{ end }}
</ul>
</section>
{{ end }}
<p class="author" data-pagefind-ignore>{{ range $i, $a := .GetTerms "authors" }}{{ if $i }} - {{ end }}<a href="{{ $a.RelPermalink }}">{{ upper $a.Title }}</a>{{ end }}</p>
{{ with .GetTerms "tags" }}<p class="tags" data-pagefind-ignore><span>Từ khóa:</span> {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.Title }}</a>{{ end }}</p>{{ end }}
<p class="back" data-pagefind-ignore><a href="{{ with $cat }}{{ .RelPermalink }}{{ else }}/{{ end }}">« Trở về trang trước</a></p>
{{ with $cat }}
{{ $pool := partialCached "related.html" . .RelPermalink }}
{{ $related := first 5 (where $pool "RelPermalink" "ne" $.RelPermalink) }}
{{ with $related }}
<section class="related" aria-labelledby="tin-khac" data-pagefind-ignore>
<h2 id="tin-khac">Các tin khác</h2>
<ul>
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">({{ .Date.Format "02/01/2006" }})</time></li>
{{ end }}
</ul>
</section>
{{ end }}
{{ end }}
</article>
{{ end }}
""",
    "term.html": """\
{{ define "title" }}{{ partial "term_heading.html" . }}: {{ .Title }}{{ if gt .Paginator.PageNumber 1 }} - trang {{ .Paginator.PageNumber }}{{ end }} - {{ site.Title }}{{ end }}
{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="/">Trang chủ</a></li><li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li></ol></nav>
<h1><span class="kind">{{ partial "term_heading.html" . }}:</span> {{ .Title }}</h1>
<p class="count">{{ len .Pages }} bài viết</p>
{{ if in (slice "nam" "thang") .Data.Plural }}
{{ $children := index (partialCached "periods.html" . "periods") .Data.Term }}
{{ with $children }}
<nav class="periods" aria-label="Các mốc thời gian"><ul>
{{ range . }}<li><a href="/{{ .key }}/">{{ .key }}</a> <span class="count">({{ .count }})</span></li>
{{ end }}
</ul></nav>
{{ end }}
{{ end }}
{{ partial "list_items.html" (dict "pager" $pager) }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "title" }}{{ .Title }} - {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">({{ .Count }})</span></li>
{{ end }}
</ul>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<h1>{{ .Title }}</h1>
{{ partial "list_items.html" (dict "pager" $pager) }}
{{ end }}
""",
    "404.html": """\
{{ define "title" }}Không tìm thấy trang - {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>Không tìm thấy trang</h1>
<p>Trang bạn tìm không tồn tại hoặc đã được chuyển đi.</p>
<p><a href="/">Về trang chủ</a></p>
{{ end }}
""",
    "_partials/header.html": """\
<header class="site-header">
<div class="wrap"><a class="site-title" href="/"><span>{{ site.Title }}</span></a></div>
<nav class="menu" aria-label="Chuyên mục">
<ul class="wrap">
<li><a href="/"{{ if .IsHome }} aria-current="page"{{ end }}>Trang chủ</a></li>
{{ $here := .RelPermalink }}
{{ range site.Taxonomies.categories.Alphabetical }}{{ $url := .Page.RelPermalink }}
<li><a href="{{ $url }}"{{ if strings.HasPrefix $here $url }} aria-current="page"{{ end }}>{{ .Page.Title }}</a></li>
{{ end }}
</ul>
</nav>
</header>
""",
    "_partials/sidebar.html": """\
<aside class="sidebar" aria-label="Tin mới và lưu trữ">
<section class="box">
<h2>Tin mới nhất</h2>
<ul class="plain">
{{ range first 6 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time></li>
{{ end }}
</ul>
</section>
<section class="box">
<h2>Lưu trữ</h2>
<ul class="plain archive-years">
{{ range site.Taxonomies.nam.Alphabetical.Reverse }}<li><a href="{{ .Page.RelPermalink }}">Năm {{ .Page.Title }}</a> <span class="count">({{ .Count }})</span></li>
{{ end }}
</ul>
</section>
</aside>
""",
    "_partials/footer.html": """\
<footer class="site-footer">
<div class="wrap">
<p><strong>{{ site.Title }}</strong></p>
<p>{{ site.Params.description }}</p>
<p><a href="/">Trang chủ</a></p>
</div>
</footer>
""",
    "_partials/term_heading.html": """\
{{- index (dict "categories" "Chuyên mục" "tags" "Từ khóa" "authors" "Tác giả" "nam" "Lưu trữ năm" "thang" "Lưu trữ tháng" "ngay" "Lưu trữ ngày") .Data.Plural -}}
""",
    "_partials/related.html": """\
{{ return first 6 .Pages }}
""",
    "_partials/periods.html": """\
{{/* Children of every year and month, computed once: "2024" -> months, "2024/09" -> days. */}}
{{ $s := newScratch }}
{{ range $key, $pages := site.Taxonomies.thang }}{{ $s.Add (substr $key 0 4) (slice (dict "key" $key "count" (len $pages))) }}{{ end }}
{{ range $key, $pages := site.Taxonomies.ngay }}{{ $s.Add (substr $key 0 7) (slice (dict "key" $key "count" (len $pages))) }}{{ end }}
{{ return $s.Values }}
""",
    "_partials/list_items.html": """\
{{ $pager := .pager }}
{{ with $pager.Pages }}
<div class="cards">
{{ range . }}{{ partial "card.html" . }}{{ end }}
</div>
{{ else }}
<p class="empty">Chưa có bài viết.</p>
{{ end }}
{{ partial "pagination.html" $pager }}
""",
    "_partials/card.html": """\
<article class="card">
{{ with .Params.photos }}{{ with $.Resources.Get (index . 0).src }}<a class="thumb" href="{{ $.RelPermalink }}" tabindex="-1" aria-hidden="true">{{ partial "photo.html" (dict "img" . "alt" "" "sizes" "(max-width: 30rem) 7rem, 11rem" "lazy" true) }}</a>{{ end }}{{ end }}
<div class="card-text">
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta">{{ with index (.GetTerms "categories") 0 }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ end }}<time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time></p>
<p class="summary">{{ .Summary | plainify | truncate 220 }}</p>
</div>
</article>
""",
    "_partials/pagination.html": """\
{{ if gt .TotalPages 1 }}
<nav class="pagination" aria-label="Phân trang">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">« Trang trước</a>{{ end }}
{{ $current := .PageNumber }}
{{ range .Pagers }}{{ if eq .PageNumber $current }}<span aria-current="page">{{ .PageNumber }}</span>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }}
{{ end }}
{{ with .Next }}<a rel="next" href="{{ .URL }}">Trang sau »</a>{{ end }}
</nav>
{{ end }}
""",
    "_partials/photo.html": """\
{{/* bantin's derivatives, the Hugo way: oriented, WebP at the same widths (never upscaled), a JPEG
     fallback at 800 and the 1200x630 social crop, quality 75; the original is not published. */}}
{{ $img := .img | images.Filter images.AutoOrient }}
{{ $srcset := slice }}
{{ range $w := slice 160 240 320 480 640 800 1200 1600 }}{{ if le $w $img.Width }}{{ $r := $img.Resize (printf "%dx webp q75" $w) }}{{ $srcset = $srcset | append (printf "%s %dw" $r.RelPermalink $w) }}{{ end }}{{ end }}
{{ $fw := cond (lt $img.Width 800) $img.Width 800 }}
{{ $fb := $img.Resize (printf "%dx jpg q75" $fw) }}
{{ $ow := cond (lt $img.Width 1200) $img.Width 1200 }}
{{ $og := $img.Fill (printf "%dx%d Center jpg q75" $ow (div (mul $ow 630) 1200)) }}
<img src="{{ $fb.RelPermalink }}" srcset="{{ delimit $srcset ", " }}" sizes="{{ .sizes }}" width="{{ $img.Width }}" height="{{ $img.Height }}" alt="{{ .alt }}"{{ if .lazy }} loading="lazy"{{ else }} fetchpriority="high"{{ end }} decoding="async" data-og="{{ $og.RelPermalink }}">
""",
    "_markup/render-image.html": """\
{{ $src := .Destination }}
{{ $caption := "" }}
{{ range .Page.Params.photos }}{{ if eq .src $src }}{{ $caption = .caption }}{{ end }}{{ end }}
{{ with .Page.Resources.Get $src }}<figure>{{ partial "photo.html" (dict "img" . "alt" $caption "sizes" "(max-width: 56rem) calc(100vw - 2rem), min(calc(100vw - 24rem), 48rem)" "lazy" true) }}{{ with $caption }}<figcaption>{{ . }}</figcaption>{{ end }}</figure>{{ else }}<img src="{{ $src }}" alt="{{ .Text }}">{{ end }}
""",
}

CSS = """\
body{font-family:system-ui,sans-serif;margin:0;color:#222}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.layout{display:grid;grid-template-columns:1fr 18rem;gap:2rem}
.card{display:flex;gap:1rem;margin:1rem 0}.thumb img{width:9rem;height:auto}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}
.pagination a,.pagination span{margin-right:.4rem}
.visually-hidden{position:absolute;left:-9999px}
"""


def parse_bundle(text: str) -> tuple[dict, str]:
    """A bantin article file -> (front matter, body)."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 3)
    return yaml.load(text[4:end], Loader=_Loader), text[end + 5:]


def parse_date(value: str) -> datetime:
    return datetime.strptime(value, "%d/%m/%Y %H:%M")


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _yaml_value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_front_matter(front: dict, default_author: str) -> str:
    """Hugo front matter (YAML) carrying the same facts as the bantin one."""
    when = parse_date(front["date"])
    lines = ["---", f"title: {_yaml_value(front['title'])}",
             f"date: {when:%Y-%m-%dT%H:%M:00}{OFFSET}", f"slug: {front['slug']}",
             f"categories: {_yaml_value(term_slugs(_as_list(front.get('category'))))}",
             f"tags: {_yaml_value(term_slugs(_as_list(front.get('tags'))))}",
             f"authors: {_yaml_value(term_slugs(_as_list(front.get('author')) or [default_author]))}",
             f'nam: ["{when:%Y}"]', f'thang: ["{when:%Y/%m}"]', f'ngay: ["{when:%Y/%m/%d}"]']
    photos = front.get("images") or []
    if photos:
        lines.append("photos:")
        for photo in photos:
            lines.append(f"  - src: {_yaml_value(photo['src'])}")
            lines.append(f"    caption: {_yaml_value(photo.get('caption', ''))}")
            if photo.get("alt"):
                lines.append(f"    alt: {_yaml_value(photo['alt'])}")
    awards = front.get("awards") or []
    if awards:
        lines.append("awards:")
        for award in awards:
            item = {"type": _as_list(award["type"]), "giver": _as_list(award["giver"])}
            item.update({k: award[k] for k in ("recipient", "collectives", "individuals", "reason") if k in award})
            lines.append(f"  - {_yaml_value(item)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _place(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_hugo_site(corpus: Path, out: Path) -> int:
    """Write the Hugo twin of the bantin site in `corpus` into `out`; returns the number of articles."""
    corpus, out = Path(corpus), Path(out)
    site = yaml.load((corpus / "site.yaml").read_text(encoding="utf-8"), Loader=_Loader)
    if out.exists():
        shutil.rmtree(out)
    years = set()
    terms: dict[tuple[str, str], str] = {}
    count = 0
    for index in sorted((corpus / "content").rglob("index.md")):
        rel = index.relative_to(corpus)
        front, body = parse_bundle(index.read_text(encoding="utf-8"))
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_front_matter(front, site.get("author", "")) + body, encoding="utf-8")
        for photo in front.get("images") or []:
            _place(index.parent / photo["src"], target.parent / photo["src"])
        collect_terms(terms, front, site.get("author", ""))
        years.add(rel.parts[1])
        count += 1
    permalinks = "\n".join(f'  "{year}" = "/:year/:month/:day/:slug/"' for year in sorted(years))
    sections = "[" + ", ".join(f"{{ name = {_yaml_value(s['name'])}, slug = {_yaml_value(s['slug'])} }}"
                               for s in site.get("sections", [])) + "]"
    (out / "hugo.toml").write_text(CONFIG.format(
        title=_yaml_value(site["title"]), description=_yaml_value(site.get("description", "")),
        source=_yaml_value(site.get("source", "")), sections=sections, page_permalinks=permalinks,
        parity=parity_config()), encoding="utf-8")
    write_parity_content(out, site, terms)
    for name, text in LAYOUTS.items():
        path = out / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (out / "static" / "css").mkdir(parents=True, exist_ok=True)
    (out / "static" / "css" / "site.css").write_text(CSS, encoding="utf-8")
    return count


# --- the same pages as bantin ---------------------------------------------------------------------
# bantin writes: RSS (`feed.xml`) and Atom (`atom.xml`) of the latest 50 articles for the site and for
# each section; indexes of the three term kinds at `/chuyen-muc/`, `/tu-khoa/`, `/tac-gia/`; no index
# of the archive "taxonomies" (`/nam/` ...); page 1 of a list only at the list's own URL (no
# `trang/1/` redirect); `sitemap.xml`, `news-sitemap.xml` (the last two days) and `robots.txt`.
# The config, content and layouts below make Hugo write exactly that set (`bench/pagecount.py`
# compares the two output folders kind by kind).

PARITY_CONFIG = """\
[permalinks.taxonomy]
  categories = "/chuyen-muc/"
  tags = "/tu-khoa/"
  authors = "/tac-gia/"

[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]

[outputFormats.RSS]
  baseName = "feed"

[outputFormats.atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
  isPlainText = false
  rel = "alternate"
  noUgly = true

[outputFormats.newssitemap]
  mediaType = "application/xml"
  baseName = "news-sitemap"
  isPlainText = false
  noUgly = true

[outputs]
  home = ["html", "rss", "atom", "newssitemap"]
  page = ["html"]
  taxonomy = ["html"]
  term = ["html"]

[services.rss]
  limit = 50
"""

PARITY_LAYOUTS = {
    "home.atom.xml": """\
{{- partial "atom.xml" (dict "page" . "pages" site.RegularPages) -}}
""",
    "term.atom.xml": """\
{{- partial "atom.xml" (dict "page" . "pages" .Pages) -}}
""",
    "_partials/atom.xml": """\
{{- $page := .page -}}
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<title>{{ if $page.IsHome }}{{ site.Title }}{{ else }}{{ $page.Title }} - {{ site.Title }}{{ end }}</title>
<id>{{ $page.Permalink }}</id>
<link rel="alternate" type="text/html" href="{{ $page.Permalink }}"/>
{{ with first 1 .pages }}{{ range . }}<updated>{{ .Lastmod.Format "2006-01-02T15:04:05-07:00" }}</updated>{{ end }}{{ end }}
{{ range first 50 .pages }}<entry>
<title>{{ .Title }}</title>
<link rel="alternate" type="text/html" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
<published>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</published>
<updated>{{ .Lastmod.Format "2006-01-02T15:04:05-07:00" }}</updated>
{{ range .GetTerms "authors" }}<author><name>{{ .Title }}</name></author>{{ end }}
<summary>{{ .Summary | plainify | truncate 300 }}</summary>
</entry>
{{ end }}</feed>
""",
    "home.newssitemap.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{{ $since := now.AddDate 0 0 -2 }}
{{ range first 1000 (where site.RegularPages "Date" "ge" $since) }}<url><loc>{{ .Permalink }}</loc><news:news>
<news:publication><news:name>{{ site.Title }}</news:name><news:language>vi</news:language></news:publication>
<news:publication_date>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</news:publication_date><news:title>{{ .Title }}</news:title>
</news:news></url>
{{ end }}</urlset>
""",
    "robots.txt": """\
User-agent: *
Allow: /

Sitemap: {{ "sitemap.xml" | absURL }}
Sitemap: {{ "news-sitemap.xml" | absURL }}
""",
}


def parity_config() -> str:
    """The part of `hugo.toml` that gives Hugo bantin's feeds, term indexes and sitemaps."""
    return PARITY_CONFIG


def term_slug(name: str) -> str:
    """bantin's slug of a term name (`vi.slugify`): NFC, đ -> d, accents dropped, [a-z0-9-]. Hugo keeps
    'đ' in its paths (`removePathAccents` only drops combining marks), so the twin names its terms
    by slug and gives each its title in `content/<taxonomy>/<slug>/_index.md`."""
    text = unicodedata.normalize("NFC", name).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def term_slugs(names: list) -> list[str]:
    return [term_slug(str(name)) for name in names]


def collect_terms(terms: dict[tuple[str, str], str], front: dict, default_author: str) -> None:
    """Remember each term's name by (taxonomy, slug), the first spelling met (the corpus has one)."""
    for taxonomy, names in (("categories", _as_list(front.get("category"))), ("tags", _as_list(front.get("tags"))),
                            ("authors", _as_list(front.get("author")) or [default_author])):
        for name in names:
            terms.setdefault((taxonomy, term_slug(str(name))), str(name))


def write_parity_content(out: Path, site: dict, terms: dict[tuple[str, str], str]) -> None:
    """Content and layouts that make Hugo's page set bantin's: each term's title (and, for sections,
    RSS and Atom outputs), no index page for the archive taxonomies, the Atom, news-sitemap and robots
    templates."""
    sections = {term_slug(s["name"]) for s in site.get("sections", [])}
    for (taxonomy, slug), name in sorted(terms.items()):
        page = out / "content" / taxonomy / slug / "_index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        outputs = "\noutputs: [html, rss, atom]" if taxonomy == "categories" and slug in sections else ""
        page.write_text(f"---\ntitle: {_yaml_value(name)}\nslug: {slug}{outputs}\n---\n", encoding="utf-8")
    for taxonomy in ("nam", "thang", "ngay"):
        page = out / "content" / taxonomy / "_index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("---\nbuild:\n  render: never\n---\n", encoding="utf-8")
    for name, text in PARITY_LAYOUTS.items():
        path = out / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a bantin site written by corpus.py")
    parser.add_argument("--out", type=Path, required=True, help="folder for the Hugo site (replaced)")
    args = parser.parse_args(argv)
    count = write_hugo_site(args.corpus, args.out)
    print(f"Hugo site with {count} articles in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
