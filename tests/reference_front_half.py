"""The front half as it was written first, straightforwardly: the reference the fast code is checked
against (`test_fast_paths.py`). Verbatim copies of `site.build_site`, the keyed part of
`pages.plan_pages` and `build.find_output_problems` before they were made fast; do not optimize."""

from __future__ import annotations

import hashlib
import html
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import unquote

from bantin.config import SiteConfig
from bantin.content.markdown import LINK_MARK
from bantin.core import urls, vi
from bantin.core.errors import Problem, error
from bantin.core.messages import Msg
from bantin.core.models import Article, ArticleCard, FrozenDict, Listing, ListingHead, Pager, Period, Site, Term
from bantin.core.outputs import find_output_collisions, fingerprint
from bantin.output.feeds import build_feeds
from bantin.output.sitemaps import NEWS_SITEMAP_NAME, ROBOTS_NAME, SITEMAP_NAME
from bantin.output.writer import safe_output_path
from bantin.site.aliases import build_aliases
from bantin.site.awards import HonorsRoll, article_links, build_honors_roll, honors_file_paths
from bantin.site.collect import (
    LATEST_COUNT,
    RELATED_COUNT,
    SECTION_BLOCK_COUNT,
    Visibility,
    find_far_future,
    find_url_collisions,
    select_articles,
)
from bantin.site.pages import (
    ARCHIVE_TEMPLATES,
    LIST_TEMPLATES,
    NOT_FOUND,
    TERM_INDEXES,
    ArchiveContext,
    ArticleContext,
    Context,
    HomeContext,
    ListContext,
    ListItem,
    NotFoundContext,
    _periods_by_key,
    plan_alias_pages,
    plan_extra_pages,
    plan_honors_pages,
    plan_search_page,
    plan_term_index_pages,
    section_blocks,
)

# -- site.py ------------------------------------------------------------------------------------

def link_articles(articles: Sequence[Article]) -> list[Article]:
    """Point body links to another article's file ('../ra-quan/index.md#ket-qua') at its page.

    Editors link to the file they see in their editor; readers need the page. Parsing cannot know
    the page (the target is parsed elsewhere, and may move without this file changing), so Markdown
    leaves a mark bantin owns in place of each such href (`markdown.LINK_MARK` + its index in
    `links`), and this stage puts the target's URL there, or the href as written when no published
    article is at that path. An article whose links resolve gets a new digest, so its page is
    rendered again when a linked article moves.
    """
    url_of = {a.path: a.url for a in articles}
    linked = []
    for article in articles:
        if LINK_MARK not in article.body_html:
            linked.append(article)
            continue
        body, targets = article.body_html, []
        for index, href in enumerate(article.links):
            mark = f'href="{LINK_MARK}{index}"'
            if mark not in body:
                continue
            path, _, fragment = href.partition("#")
            target = url_of.get(posixpath.normpath(posixpath.join(posixpath.dirname(article.path), unquote(path))))
            if target:
                targets.append((href, target))
                href = target + (f"#{fragment}" if fragment else "")
            body = body.replace(mark, f'href="{html.escape(href)}"')
        digest = hashlib.blake2b(repr((article.digest, targets)).encode(), digest_size=16).hexdigest() \
            if targets else article.digest
        linked.append(replace(article, body_html=body, digest=digest))
    return linked


def build_site(config: SiteConfig, articles: Sequence[Article], now: datetime,
               visibility: Visibility = Visibility()) -> tuple[Site, list[Problem]]:
    """Everything the templates need, computed once: lists, archives, related news."""
    published = link_articles(select_articles(articles, now, visibility))
    aliases, alias_problems = build_aliases(config, published)
    problems = find_url_collisions(published) + find_far_future(articles, now) + alias_problems
    shown: Sequence[Article | ArticleCard] = published if config.lists_show_body else [a.card for a in published]
    sections = tuple(Term("section", s.name, s.slug, urls.term_url("section", s.slug)) for s in config.sections)
    by_section: dict[str, list[Article | ArticleCard]] = defaultdict(list)
    for article in shown:
        if article.section:
            by_section[article.section.slug].append(article)
    tags = _terms(published, lambda a: a.tags)
    authors = _terms(published, lambda a: a.authors)

    per_page = config.per_page
    listings = [Listing("home", config.title, "/", paginate(shown, "/", per_page), count=len(published))]
    for term in sections:
        items = by_section.get(term.slug, [])
        listings.append(Listing("section", term.name, term.url, paginate(items, term.url, per_page), term,
                                count=len(items)))
    for kind, terms, members in (("tag", tags, lambda a: a.tags), ("author", authors, lambda a: a.authors)):
        grouped: dict[str, list[Article | ArticleCard]] = defaultdict(list)
        for article in shown:
            for term in members(article):
                grouped[term.slug].append(article)
        for term in terms:
            items = grouped[term.slug]
            listings.append(Listing(kind, term.name, term.url, paginate(items, term.url, per_page), term,
                                    count=len(items)))
    archive, period_listings = _archives(shown, per_page)
    listings.extend(period_listings)

    latest_by_section = {slug: tuple(items[:RELATED_COUNT + 1]) for slug, items in by_section.items()}
    latest = tuple(shown[:LATEST_COUNT])
    related = {}
    for article, own in zip(published, shown):
        pool = latest_by_section.get(article.section.slug, ()) if article.section else shown[:RELATED_COUNT + 1]
        related[article.url] = tuple(a for a in pool if a is not own)[:RELATED_COUNT]
    site = Site(
        articles=tuple(published),
        sections=sections,
        tags=tags,
        authors=authors,
        listings=tuple(listings),
        archive=archive,
        related=FrozenDict(related),
        latest=latest,
        by_section=FrozenDict({slug: tuple(items[:SECTION_BLOCK_COUNT]) for slug, items in by_section.items()}),
        now=now,
        aliases=aliases,
    )
    return site, problems


def paginate(items: Sequence[Article | ArticleCard], first_url: str, per_page: int) -> tuple[Pager, ...]:
    """Split a list into pages: '/x/', '/x/trang/2/', ...; an empty list still has its first page."""
    total = max(1, -(-len(items) // per_page))
    page_urls = tuple(urls.page_url(first_url, n) for n in range(1, total + 1))
    return tuple(
        Pager(number=n, total=total, items=tuple(items[(n - 1) * per_page:n * per_page]), url=page_urls[n - 1],
              output_path=urls.output_path(page_urls[n - 1]),
              prev_url=page_urls[n - 2] if n > 1 else None, next_url=page_urls[n] if n < total else None,
              urls=page_urls)
        for n in range(1, total + 1))


def _terms(articles: Sequence[Article], members) -> tuple[Term, ...]:
    """Unique terms by slug, each named by its most used spelling, sorted in Vietnamese order."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        for term in members(article):
            spellings[term.slug][term.name] += 1
    terms = []
    for slug, names in spellings.items():
        name = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        kind = next(t.kind for a in articles for t in members(a) if t.slug == slug)
        terms.append(Term(kind, name, slug, urls.term_url(kind, slug)))
    return tuple(sorted(terms, key=lambda t: vi.sort_key(t.name)))


def _archives(articles: Sequence[Article | ArticleCard], per_page: int) -> tuple[tuple[Period, ...], list[Listing]]:
    """Year, month and day archives (in site time as written), newest first."""
    groups: dict[tuple[int, ...], list[Article | ArticleCard]] = defaultdict(list)
    for article in articles:
        d = article.date
        for key in ((d.year,), (d.year, d.month), (d.year, d.month, d.day)):
            groups[key].append(article)
    listings = []
    for key in sorted(groups, reverse=True):
        url = urls.archive_url(key)
        title = "/".join(f"{p:02d}" for p in reversed(key)) if len(key) > 1 else str(key[0])
        kind = ("year", "month", "day")[len(key) - 1]
        listings.append(Listing(kind, title, url, paginate(groups[key], url, per_page), period=key,
                                count=len(groups[key])))

    children: dict[tuple[int, ...], list[tuple[int, ...]]] = defaultdict(list)
    for key in sorted(groups, reverse=True):
        children[key[:-1]].append(key)

    def node(key: tuple[int, ...]) -> Period:
        return Period(key, urls.archive_url(key), len(groups[key]), tuple(node(child) for child in children[key]))

    years = tuple(node(k) for k in children[()])
    return years, listings


# -- pages.py -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Page:
    """A page as planned then: its sitemap time computed with the plan."""

    url: str
    output_path: str
    template: str
    context: Context
    origin: str
    key: str
    line: int | None = None
    in_sitemap: bool = True
    lastmod: datetime | None = None


def plan_pages(site: Site, config: SiteConfig) -> tuple[Page, ...]:
    """Every page of the site, in a stable order: lists, articles, term indexes, extra pages, 404."""
    shared = shared_key(site)
    roll = build_honors_roll(site, config)
    return tuple(_chain(
        plan_listing_pages(site, shared),
        plan_article_pages(site, shared, roll),
        plan_term_index_pages(site, shared),
        plan_honors_pages(roll, shared),
        plan_search_page(config, shared),
        plan_extra_pages(site, config, shared),
        plan_alias_pages(site, shared),
        (Page("/404.html", NOT_FOUND, NOT_FOUND, NotFoundContext(), NOT_FOUND, fingerprint(shared, "404"),
              in_sitemap=False),),
    ))


def shared_key(site: Site) -> str:
    """What every page shows besides its own content: the menu, the latest news, the archive years,
    and which articles are scheduled (their badge)."""
    return fingerprint(site.sections, digests(site.latest), archive_shape(site.archive),
                       digests(a for a in site.articles if site.is_scheduled(a)))


def digests(items: Iterable[ListItem]) -> tuple[str, ...]:
    return tuple(item.digest or item.path for item in items)


def archive_shape(periods: Iterable[Period]) -> tuple:
    return tuple((p.key, p.count, archive_shape(p.children)) for p in periods)


def plan_article_pages(site: Site, shared: str, roll: HonorsRoll | None = None) -> Iterator[Page]:
    for article in site.articles:
        related = site.related[article.url]
        honors = article_links(roll.url, roll.by_identity, article) if roll and roll.enabled else None
        line = article.line_of("slug") if "slug" in article.lines else article.line_of("title")
        yield Page(article.url, article.output_path, "article.html", ArticleContext(article, related, honors),
                   article.path, fingerprint(shared, article.digest, digests(related), honors), line=line,
                   lastmod=article.modified)


def plan_listing_pages(site: Site, shared: str) -> Iterator[Page]:
    periods = _periods_by_key(site.archive)
    for listing in site.listings:
        period = periods.get(listing.period) if listing.period else None
        crumbs = tuple(periods[listing.period[:depth]] for depth in range(1, len(listing.period)))
        listing_key = fingerprint(shared, listing.kind, listing.title, listing.url, listing.count, listing.term,
                                  archive_shape((period,)) if period else None)
        for pager in listing.pages:
            lastmod = max((item.modified for item in pager.items), default=None)
            key = fingerprint(listing_key, pager.number, pager.total, digests(pager.items))
            if listing.kind == "home":
                blocks = section_blocks(site) if pager.number == 1 else ()
                context: Context = HomeContext(ListingHead.of(listing), pager, blocks)
                key = fingerprint(key, [(term, digests(items)) for term, items in blocks])
            elif period is not None:
                context = ArchiveContext(ListingHead.of(listing), pager, period, crumbs)
            else:
                context = ListContext(ListingHead.of(listing), pager, term_crumbs(listing))
            template = LIST_TEMPLATES.get(listing.kind) or ARCHIVE_TEMPLATES[listing.kind]
            yield Page(pager.url, pager.output_path, template, context, pager.url, key, lastmod=lastmod)


def term_crumbs(listing: Listing) -> tuple[tuple[str, str], ...]:
    prefix, title = TERM_INDEXES[listing.kind]
    return ((title, prefix),)


# -- build.py -----------------------------------------------------------------------------------

def find_output_problems(loaded, theme) -> list[Problem]:
    """Output paths that would leave the output folder, paths claimed twice, and old addresses
    (`aliases:`) that are a file of the site or a folder holding its files."""
    claims = list(planned_outputs(loaded, theme))
    unsafe = [error(origin, line, "output.unsafe", path=path) for path, origin, line in claims
              if safe_output_path(path) is None]
    redirects = {(alias.output_path, alias.origin) for alias in loaded.site.aliases}
    others = [claim for claim in claims if claim[:2] not in redirects]
    files = {path for path, _, _ in others}
    folders = {path.rsplit("/", i)[0] for path in files for i in range(1, path.count("/") + 1)}
    taken = [error(alias.origin, alias.line, "alias.taken", value=alias.path, other=Msg.of("alias.taken_page"))
             for alias in loaded.site.aliases
             if alias.output_path in files | folders or any(alias.output_path.rsplit("/", i)[0] in files
                                                           for i in range(1, alias.output_path.count("/") + 1))]
    return unsafe + taken + find_output_collisions(others)


def planned_outputs(loaded, theme) -> Iterator[tuple[str, str, int | None]]:
    """(output path, origin, line) of every file whose path is known before anything is produced (all
    but the parts of a sitemap split past 50 000 URLs). Two articles at one URL are left out: the site
    stage reports them in an article's own words."""
    seen: set[str] = set()
    for page in loaded.pages:
        if page.origin.endswith(".md"):
            if page.output_path in seen:
                continue
            seen.add(page.output_path)
        yield page.output_path, page.origin, page.line
    for rel, item in theme.static.items():
        yield item.output, f"static/{rel}", None
    for article in loaded.site.articles:
        lines = {figure.photo.output: figure.line for figure in article.figures}
        for photo in article.photos:
            for path in photo.outputs:
                yield path, article.path, lines.get(photo.output)
    for feed in build_feeds(loaded.site, loaded.config):
        yield feed.rss_url.lstrip("/"), feed.rss_url, None
        yield feed.atom_url.lstrip("/"), feed.atom_url, None
    for path in honors_file_paths(loaded.config):
        yield path, "/" + path, None
    for name in (SITEMAP_NAME, NEWS_SITEMAP_NAME) + (() if ROBOTS_NAME in theme.static else (ROBOTS_NAME,)):
        yield name, "/" + name, None


def _chain(*families: Iterable[Page]) -> Iterator[Page]:
    for family in families:
        yield from family
