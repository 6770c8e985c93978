"""Articles -> the site: what is published, URL collisions, archives, taxonomies, pagination, related."""

from __future__ import annotations

import hashlib
import html
import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import compress
from operator import attrgetter, lt, ne
from urllib.parse import unquote

from ..config import SiteConfig
from ..content.markdown import LINK_MARK
from ..core import urls, vi
from ..core.errors import Problem, error, warning
from ..core.models import Article, ArticleCard, FrozenDict, Listing, Pager, Period, Site, Term, same_objects
from .aliases import build_aliases

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
    chosen.sort(key=attrgetter("path"))
    chosen.sort(key=attrgetter("date"), reverse=True)
    return chosen


def find_url_collisions(articles: Sequence[Article]) -> list[Problem]:
    """Two articles at one URL: an error on each, naming the other file."""
    addresses = [article.url for article in articles]
    if len(set(addresses)) == len(addresses):
        return []
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
    linked = []
    url_of: dict[str, str] | None = None
    for article in articles:
        if not article.links or LINK_MARK not in article.body_html:   # each mark indexes `links`: none, no mark
            linked.append(article)
            continue
        if url_of is None:
            url_of = {a.path: a.url for a in articles}
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


def find_far_future(articles: Sequence[Article], now: datetime) -> list[Problem]:
    """A date more than a year ahead is most likely a typo in the year."""
    limit = now + FUTURE_LIMIT
    if not articles or max(map(attrgetter("date"), articles)) <= limit:     # in C: the preview's every save
        return []
    return [warning(a.path, a.line_of("date"), "warn.future_far", date=vi.format_date(a.date),
                    days=FUTURE_LIMIT.days) for a in articles if a.date > limit]


class ListingMemo:
    """The lists of the last `build_site`, kept by the preview between saves: a list of the same
    kind, title, term and URL whose items are the same objects in the same order (the parse memo
    gives the same object for the same bytes) is the same `Listing`, not paginated again. A save
    changes a few of the thousands of lists of a large archive (its day, month, year, section, tags,
    author and the home page), and making them all again was a third of `build_site`."""

    def __init__(self) -> None:
        self._last: dict[tuple, tuple[Sequence, Listing]] = {}
        self._next: dict[tuple, tuple[Sequence, Listing]] = {}
        self._periods: dict[tuple[int, ...], Period] = {}
        self._periods_next: dict[tuple[int, ...], Period] = {}

    def start(self) -> None:
        self._next, self._periods_next = {}, {}

    def finish(self) -> None:
        self._last, self._next = self._next, {}
        self._periods, self._periods_next = self._periods_next, {}

    def period_listing(self, key: tuple[int, ...], items: Sequence[Article | ArticleCard], per_page: int) -> Listing:
        """`period_listing`, the same object for the same items."""
        memo_key = (key, per_page)
        known = self._last.get(memo_key)
        if known is not None and same_objects(known[0], items):
            listing = known[1]
        else:
            listing = period_listing(key, items, per_page)
        self._next[memo_key] = (items, listing)
        return listing

    def period(self, key: tuple[int, ...], url: str, count: int, children: tuple[Period, ...]) -> Period:
        """A node of the archive tree, the same object for the same count and the same children."""
        known = self._periods.get(key)
        if known is None or known.count != count or not same_objects(known.children, children):
            known = Period(key, url, count, children)
        self._periods_next[key] = known
        return known

    def listing(self, kind: str, title: str, url: str, items: Sequence[Article | ArticleCard], per_page: int,
                term: Term | None = None, period: tuple[int, ...] = (), count: int | None = None) -> Listing:
        key = (kind, url, title, term, period, per_page, count)
        known = self._last.get(key)
        if known is not None and same_objects(known[0], items):
            listing = known[1]
        else:
            listing = make_listing(kind, title, url, items, per_page, term, period, count)
        self._next[key] = (items, listing)
        return listing


def make_listing(kind: str, title: str, url: str, items: Sequence[Article | ArticleCard], per_page: int,
                 term: Term | None = None, period: tuple[int, ...] = (), count: int | None = None) -> Listing:
    return Listing(kind, title, url, paginate(items, url, per_page), term, period,
                   len(items) if count is None else count)


def period_listing(key: tuple[int, ...], items: Sequence[Article | ArticleCard], per_page: int) -> Listing:
    """The archive of a year (2024,), a month (2024, 9) or a day (2024, 9, 27)."""
    if len(key) == 3:
        kind, title = "day", f"{key[2]:02d}/{key[1]:02d}/{key[0]:02d}"
    elif len(key) == 2:
        kind, title = "month", f"{key[1]:02d}/{key[0]:02d}"
    else:
        kind, title = "year", str(key[0])
    return make_listing(kind, title, urls.archive_url(key), items, per_page, None, key)


def build_site(config: SiteConfig, articles: Sequence[Article], now: datetime,
               visibility: Visibility = Visibility(), memo: ListingMemo | None = None) -> tuple[Site, list[Problem]]:
    """Everything the templates need, computed once: lists, archives, related news.

    The preview server runs this on every save over the whole archive, so each list is made in one
    pass over the articles (archives are runs of the newest-first order), and with `memo` only the
    lists whose articles changed are paginated again."""
    if memo is not None:
        memo.start()
    make = memo.listing if memo is not None else make_listing
    published = link_articles(select_articles(articles, now, visibility))
    aliases, alias_problems = build_aliases(config, published) if any(a.aliases for a in published) else ((), [])
    problems = find_url_collisions(published) + find_far_future(articles, now) + alias_problems
    shown: Sequence[Article | ArticleCard] = published if config.lists_show_body else [a.card for a in published]
    sections = tuple(Term("section", s.name, s.slug, urls.term_url("section", s.slug)) for s in config.sections)
    by_section: dict[str, list[Article | ArticleCard]] = defaultdict(list)
    for article in shown:
        if article.section:
            by_section[article.section.slug].append(article)
    tags, by_tag = _terms(shown, "tags")
    authors, by_author = _terms(shown, "authors")

    per_page = config.per_page
    listings = [make("home", config.title, "/", shown, per_page, count=len(published))]
    for term in sections:
        listings.append(make("section", term.name, term.url, by_section.get(term.slug, []), per_page, term))
    for kind, terms, grouped in (("tag", tags, by_tag), ("author", authors, by_author)):
        for term in terms:
            listings.append(make(kind, term.name, term.url, grouped[term.slug], per_page, term))
    archive, period_listings = _archives(shown, per_page, memo)
    listings.extend(period_listings)

    latest_by_section = {slug: tuple(items[:RELATED_COUNT + 1]) for slug, items in by_section.items()}
    latest = tuple(shown[:LATEST_COUNT])
    site = Site(
        articles=tuple(published),
        sections=sections,
        tags=tags,
        authors=authors,
        listings=tuple(listings),
        archive=archive,
        related=FrozenDict(_related(published, shown, latest_by_section)),
        latest=latest,
        by_section=FrozenDict({slug: tuple(items[:SECTION_BLOCK_COUNT]) for slug, items in by_section.items()}),
        now=now,
        aliases=aliases,
    )
    if memo is not None:
        memo.finish()
    return site, problems


def _related(published: Sequence[Article], shown: Sequence[Article | ArticleCard],
             latest_by_section: dict[str, tuple[Article | ArticleCard, ...]]) -> dict[str, tuple]:
    """'Các tin khác' of each article: the latest of its section (of the site when it has none), but
    itself. Only the few articles of a pool can be in it: every other one gets the pool's head."""
    home = tuple(shown[:RELATED_COUNT + 1])
    pools = list(latest_by_section.values()) + [home]
    heads = {id(pool): pool[:RELATED_COUNT] for pool in pools}
    members = {id(item) for pool in pools for item in pool}
    related = {}
    for article, own in zip(published, shown):
        pool = latest_by_section.get(article.section.slug, ()) if article.section else home
        if id(own) in members:
            related[article.url] = tuple(a for a in pool if a is not own)[:RELATED_COUNT]
        else:
            related[article.url] = heads[id(pool)] if pool else ()
    return related


def paginate(items: Sequence[Article | ArticleCard], first_url: str, per_page: int) -> tuple[Pager, ...]:
    """Split a list into pages: '/x/', '/x/trang/2/', ...; an empty list still has its first page."""
    total = max(1, -(-len(items) // per_page))
    if total == 1:      # most lists (a day, a month, a rare tag): one page
        return (Pager(1, 1, tuple(items), first_url, urls.output_path(first_url), None, None, (first_url,)),)
    page_urls = tuple([urls.page_url(first_url, n) for n in range(1, total + 1)])
    return tuple([
        Pager(n, total, tuple(items[(n - 1) * per_page:n * per_page]), page_urls[n - 1],
              urls.output_path(page_urls[n - 1]), page_urls[n - 2] if n > 1 else None,
              page_urls[n] if n < total else None, page_urls)
        for n in range(1, total + 1)])


def _terms(items: Sequence[Article | ArticleCard], field: str
           ) -> tuple[tuple[Term, ...], dict[str, list[Article | ArticleCard]]]:
    """Unique terms by slug (`field`: 'tags' or 'authors'), each named by its most used spelling and
    sorted in Vietnamese order, with the items of each slug in list order."""
    members = attrgetter(field)
    grouped: dict[str, list[Article | ArticleCard]] = {}
    spellings: dict[str, list[str]] = {}        # slug -> [kind of its first use, name of each use...]
    for item in items:
        for term in members(item):
            slug = term.slug
            group = grouped.get(slug)
            if group is None:
                grouped[slug], spellings[slug] = group, names = [], [term.kind]
            else:
                names = spellings[slug]
            group.append(item)
            names.append(term.name)
    terms = []
    for slug, (kind, *names) in spellings.items():
        name = min(Counter(names).items(), key=lambda kv: (-kv[1], kv[0]))[0]
        terms.append(Term(kind, name, slug, urls.term_url(kind, slug)))
    return tuple(sorted(terms, key=lambda t: vi.sort_key(t.name))), grouped


def _archives(articles: Sequence[Article | ArticleCard], per_page: int,
              memo: ListingMemo | None = None) -> tuple[tuple[Period, ...], list[Listing]]:
    """Year, month and day archives (in site time as written), newest first."""
    groups = _periods(articles)
    listings = []
    children: dict[tuple[int, ...], list[Period]] = defaultdict(list)
    for key in sorted(groups, reverse=True):        # a day, then its month once its days are done, ...
        items = groups[key]
        if memo is None:
            listing = period_listing(key, items, per_page)
            period = Period(key, listing.url, len(items), tuple(children.pop(key, ())))
        else:
            listing = memo.period_listing(key, items, per_page)
            period = memo.period(key, listing.url, len(items), tuple(children.pop(key, ())))
        listings.append(listing)
        children[key[:-1]].append(period)
    return tuple(children[()]), listings


def _periods(articles: Sequence[Article | ArticleCard]) -> dict[tuple[int, ...], Sequence[Article | ArticleCard]]:
    """The articles of each year, month and day (keys (y,), (y, m), (y, m, d)), in list order.

    Newest first, each period is one run of the list, so its articles are a slice. Dates with
    different UTC offsets can interleave days; then they are gathered one by one."""
    days = [a.date.date() for a in articles]        # the day as written, in the date's own offset
    if any(map(lt, days, days[1:])):
        groups: dict[tuple[int, ...], list[Article | ArticleCard]] = defaultdict(list)
        for article, day in zip(articles, days):
            y, m, d = day.year, day.month, day.day
            for key in ((y,), (y, m), (y, m, d)):
                groups[key].append(article)
        return groups
    starts = [0, *compress(range(1, len(days)), map(ne, days, days[1:]))] if days else []
    spans: dict[tuple[int, ...], tuple[int, int]] = {}
    for start, end in zip(starts, starts[1:] + [len(days)]):
        day = days[start]
        for key in ((day.year,), (day.year, day.month), (day.year, day.month, day.day)):
            spans[key] = (spans[key][0] if key in spans else start, end)
    return {key: articles[start:end] for key, (start, end) in spans.items()}
