"""Articles -> the site: what is published, URL collisions, archives, taxonomies, pagination, related."""

from __future__ import annotations

import hashlib
import html
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import unquote

from . import urls, vi
from .aliases import build_aliases
from .config import SiteConfig
from .errors import Problem, error, warning
from .markdown import LINK_MARK
from .models import Article, ArticleCard, FrozenDict, Listing, Pager, Period, Site, Term

RELATED_COUNT = 5
LATEST_COUNT = 6
SECTION_BLOCK_COUNT = 4
FUTURE_LIMIT = timedelta(days=366)


@dataclass(frozen=True, slots=True)
class Visibility:
    """Which articles to publish: drafts and future-dated ones only when asked."""

    drafts: bool = False
    future: bool = False


def select_articles(articles: Iterable[Article], now: datetime, visibility: Visibility) -> list[Article]:
    """Published articles, newest first; ties broken by source path so the order is stable."""
    chosen = [a for a in articles
              if (visibility.drafts or not a.draft) and (visibility.future or a.date <= now)]
    chosen.sort(key=lambda a: a.path)
    chosen.sort(key=lambda a: a.date, reverse=True)
    return chosen


def find_url_collisions(articles: Sequence[Article]) -> list[Problem]:
    """Two articles at one URL: an error on each, naming the other file."""
    by_url: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_url[article.url].append(article)
    problems = []
    for url, group in by_url.items():
        if len(group) < 2:
            continue
        for article in group:
            others = ", ".join(o.path for o in group if o is not article)
            line = article.line_of("slug") if "slug" in article.lines else article.line_of("title")
            problems.append(error(article.path, line, "article.url_duplicate", url=url, other=others))
    return problems


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


def find_far_future(articles: Iterable[Article], now: datetime) -> list[Problem]:
    """A date more than a year ahead is most likely a typo in the year."""
    return [warning(a.path, a.line_of("date"), "warn.future_far", date=vi.format_date(a.date),
                    days=FUTURE_LIMIT.days) for a in articles if a.date - now > FUTURE_LIMIT]


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
