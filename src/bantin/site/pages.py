"""The pages of the site, as data: every page planned with its URL, template, typed context and key.

The one place that decides which pages a site has. Rendering knows no page kind (it renders
`Page`s); sitemaps list the pages that are `in_sitemap`; collisions, `check`, the progress bar and
the preview server read this plan. A new kind of page is one `plan_*` function here (or in its own
module) added to `plan_pages`, and a template.

Each template receives the fields of one context dataclass below (plus `page_url` and the globals
documented in `render.py`), so what a page can show is its type. The README's table for theme
authors is checked against these dataclasses (`tests/test_theme_contract.py`).

A page's `key` hashes everything its context can show (the digests of its articles: full for an
article page, the card's for lists), and the blocks every page shows (menu, latest news, archive
years, which articles are scheduled). The renderer adds the theme (templates, static files,
config) to it; a page whose key is unchanged since the last build is not rendered again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any

from ..config import SiteConfig
from ..core import urls, vi
from ..core.models import AliasPage, Article, ArticleCard, Attachment, Listing, ListingHead, Pager, Period, Site, Term
from ..core.outputs import fingerprint
from .awards import (
    ArticleHonors,
    HonorEntry,
    HonorsMemo,
    HonorsPager,
    HonorsRoll,
    HonorsTotals,
    Recipient,
    YearSummary,
    article_links,
)

ARCHIVE_TEMPLATES = {"year": "archive_year.html", "month": "archive_month.html", "day": "archive_day.html"}
LIST_TEMPLATES = {"home": "index.html", "section": "list.html", "tag": "list.html", "author": "list.html"}
NOT_FOUND = "404.html"
ALIAS_TEMPLATE = "redirect.html"
SEARCH_TEMPLATE = "search.html"
DOCUMENTS_TEMPLATE = "tai_lieu.html"
DOCUMENTS_TITLE = "Tài liệu"

ListItem = ArticleCard | Article


@dataclass(frozen=True, slots=True)
class ArticleContext:
    article: Article
    related: tuple[ListItem, ...]
    honors: ArticleHonors | None = None     # links of the awards box (None: no awards, or the roll is off)


@dataclass(frozen=True, slots=True)
class ListContext:
    listing: ListingHead                    # the list without the other pages' articles
    pager: Pager
    crumbs: tuple[tuple[str, str], ...]     # (title, URL) between the home page and this list


@dataclass(frozen=True, slots=True)
class HomeContext:
    listing: ListingHead
    pager: Pager
    section_blocks: tuple[tuple[Term, tuple[ListItem, ...]], ...]


@dataclass(frozen=True, slots=True)
class ArchiveContext:
    listing: ListingHead
    pager: Pager
    period: Period
    crumbs: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class TermsContext:
    kind: str                               # 'section' | 'tag' | 'author'
    title: str
    terms: tuple[tuple[Term, int], ...]     # Vietnamese alphabetical order


@dataclass(frozen=True, slots=True)
class NotFoundContext:
    pass


@dataclass(frozen=True, slots=True)
class SearchContext:
    pass


@dataclass(frozen=True, slots=True)
class AliasContext:
    alias: AliasPage


@dataclass(frozen=True, slots=True)
class ExtraContext:
    title: str
    articles: tuple[Article, ...]
    sections: tuple[Term, ...]
    tags: tuple[Term, ...]
    authors: tuple[Term, ...]
    archive: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class DocumentsContext:
    """`/tai-lieu/` (documents and video, issue 28): every document of the published articles."""

    title: str
    entries: tuple[tuple[ArticleCard, tuple[Attachment, ...]], ...]   # newest article first, as it lists them


@dataclass(frozen=True, slots=True)
class HonorsContext:
    title: str
    years: tuple[YearSummary, ...]                  # newest first: totals and the highest awards
    recipients: tuple[tuple[Recipient, int], ...]   # every named recipient with its award count
    csv_url: str
    json_url: str


@dataclass(frozen=True, slots=True)
class HonorsYearContext:
    title: str
    roll_url: str
    year: int
    totals: HonorsTotals
    pager: HonorsPager
    years: tuple[tuple[int, str], ...]              # every year of the roll with its URL


@dataclass(frozen=True, slots=True)
class RecipientContext:
    title: str
    roll_url: str
    recipient: Recipient
    entries: tuple[HonorEntry, ...]                 # newest year first, by rank within a year
    totals: HonorsTotals


Context = (ArticleContext | ListContext | HomeContext | ArchiveContext | TermsContext | NotFoundContext | ExtraContext
           | SearchContext | AliasContext | HonorsContext | HonorsYearContext | RecipientContext | DocumentsContext)


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render: where it goes, with what, and a hash of what it can show."""

    url: str                    # site-absolute: '/2024/09/27/x/', '/404.html'
    output_path: str            # output-relative: '2024/09/27/x/index.html'
    template: str
    context: Context
    origin: str                 # the source file it comes from, or its URL
    key: str                    # hash of everything the context and the shared blocks can show
    line: int | None = None     # where `origin` decides the URL (an article's slug or title line)
    in_sitemap: bool = True

    @property
    def lastmod(self) -> datetime | None:
        """When what the page shows last changed, for sitemaps: its article's time, the newest of its
        list's; None for the other pages. Read from the context when asked (the preview never does)."""
        context = self.context
        if isinstance(context, ArticleContext):
            return context.article.modified
        if isinstance(context, (ListContext, HomeContext, ArchiveContext)):
            return max((item.modified for item in context.pager.items), default=None)
        return None

    def variables(self) -> dict[str, Any]:
        """The template's variables: the context's fields and `page_url`."""
        found = {name: getattr(self.context, name) for name in self.context.__dataclass_fields__}
        found["page_url"] = self.url
        return found


def plan_pages(site: Site, config: SiteConfig, honors: HonorsMemo | None = None) -> tuple[Page, ...]:
    """Every page of the site, in a stable order: lists, articles, term indexes, extra pages, 404."""
    return tuple(PagePlanner(site, config, honors).pages())


class PagePlanner:
    """`plan_pages` a page at a time, for the preview (`preview.py`): `pages()` yields the plan in
    its order, and `article_page()` plans one article's page at once, the same `Page` the plan holds,
    so a browser that asks for an article does not wait for the lists planned before it."""

    def __init__(self, site: Site, config: SiteConfig, honors: HonorsMemo | None = None):
        self.site, self.config = site, config
        self._honors = honors or HonorsMemo()
        self.shapes = archive_shapes(site.archive)
        self.shared = shared_key(site, self.shapes)
        self._roll: HonorsRoll | None = None
        self._recipients: Mapping[str, Recipient] | None = None
        self._lists: ListingPlan | None = None
        self._related: dict[int, str] = {}      # id of a 'Các tin khác' tuple -> its digests

    @property
    def roll(self) -> HonorsRoll:
        """The honors roll, made when first needed (an article with awards, the roll's pages)."""
        if self._roll is None:
            self._roll = self._honors.roll(self.site, self.config)
        return self._roll

    def _article_links(self, article: Article) -> ArticleHonors | None:
        """The links of an article's awards box: the roll's recipients alone, not the whole roll."""
        if not self.config.honors.enabled:
            return None
        if self._recipients is None:
            self._recipients = self._roll.by_identity if self._roll is not None else \
                self._honors.recipients(self.site, self.config)
        return article_links(self.config.honors.path, self._recipients, article)

    @property
    def lists(self) -> ListingPlan:
        if self._lists is None:
            self._lists = ListingPlan(self.site, self.shared, self.shapes)
        return self._lists

    def listing_page(self, listing: Listing, pager: Pager) -> Page:
        """The page of `pager` (one of `listing.pages`, a list of `site.listings`): the same `Page`
        the plan holds, so that a browser asking for a section's list does not wait for the home
        page's 250 pages planned before it."""
        return next(self.lists.pages(listing, (pager,)))

    def pages(self) -> Iterator[Page]:
        site, config, shared = self.site, self.config, self.shared
        for listing in site.listings:
            yield from self.lists.pages(listing)
        for article in site.articles:
            yield self.article_page(article)
        yield from plan_term_index_pages(site, shared)
        yield from plan_documents_page(site, shared)
        yield from plan_honors_pages(self.roll, shared)
        yield from plan_search_page(config, shared)
        yield from plan_extra_pages(site, config, shared)
        yield from plan_alias_pages(site, shared)
        yield Page("/404.html", NOT_FOUND, NOT_FOUND, NotFoundContext(), NOT_FOUND, fingerprint(shared, "404"),
                   in_sitemap=False)

    def article_page(self, article: Article) -> Page:
        """The page of `article` (one of `site.articles`): the article, its 'Các tin khác' and the
        links of its awards box."""
        card = article.card
        related = self.site.related[card.url]
        honors = self._article_links(article) if article.awards else None
        line = article.line_of("slug") if "slug" in article.lines else article.line_of("title")
        related_digests = self._related.get(id(related))
        if related_digests is None:
            self._related[id(related)] = related_digests = digests(related)
        return Page(card.url, card.output_path, "article.html", ArticleContext(article, related, honors),
                    card.path, page_key(self.shared, article.digest, repr(honors), related_digests), line)


def shared_key(site: Site, shapes: dict[int, str] | None = None) -> str:
    """What every page shows besides its own content: the menu, the latest news, the archive years,
    and which articles are scheduled (their badge)."""
    shapes = archive_shapes(site.archive) if shapes is None else shapes
    return fingerprint(site.sections, digests(site.latest), [shapes[id(year)] for year in site.archive],
                       digests(a for a in site.articles if site.is_scheduled(a)))


def digests(items: Iterable[ListItem]) -> str:
    """What a list of articles shows, as one string: each item's digest (its path when it has none)."""
    return "\0".join([item.digest or item.path for item in items])


def archive_shapes(years: Iterable[Period]) -> dict[int, str]:
    """Each period's subtree (its key and count, then its children's, down to the days) as text, by
    `id` of the period: made once, from the children's."""
    shapes: dict[int, str] = {}

    def shape(period: Period) -> str:
        found = f"{period.key}:{period.count}[{','.join([shape(child) for child in period.children])}]"
        shapes[id(period)] = found
        return found

    for year in years:
        shape(year)
    return shapes


def page_key(*parts: str) -> str:
    """`fingerprint` for parts that are strings already (keys, digests, reprs): joined, not repr'd."""
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def plan_listing_pages(site: Site, shared: str, shapes: dict[int, str] | None = None) -> Iterator[Page]:
    """The pages of every list: a page's key holds its list's (kind, title, URL, count, term, and the
    archive below a period), its number, and the digests of the articles on it."""
    plan = ListingPlan(site, shared, shapes)
    for listing in site.listings:
        yield from plan.pages(listing)


class ListingPlan:
    """What the plans of all list pages share (the archive by key, each period's shape and crumbs),
    so that one list, or one page of it, can be planned alone (`PagePlanner.listing_page`)."""

    def __init__(self, site: Site, shared: str, shapes: dict[int, str] | None = None):
        self.site, self.shared = site, shared
        self.periods = _periods_by_key(site.archive)
        self.shapes = archive_shapes(site.archive) if shapes is None else shapes
        self.term_crumbs_of = {kind: term_crumbs(kind) for kind in TERM_INDEXES}
        self.crumbs_of: dict[tuple[int, ...], tuple[Period, ...]] = {}   # a month -> its year, ...

    def pages(self, listing: Listing, pagers: Iterable[Pager] | None = None) -> Iterator[Page]:
        """The pages of `listing` (or of those of its `pagers`)."""
        site, periods = self.site, self.periods
        kind = listing.kind
        period = periods.get(listing.period) if listing.period else None
        crumbs: tuple[Period, ...] = ()
        if period is not None:
            above = listing.period[:-1]         # the periods above a day or a month: its crumbs
            crumbs = self.crumbs_of.get(above)
            if crumbs is None:
                self.crumbs_of[above] = crumbs = tuple([periods[above[:depth]] for depth in range(1, len(above) + 1)])
        about = (self.shared, repr((kind, listing.title, listing.url, listing.count, listing.term)),
                 self.shapes[id(period)] if period else "")
        if len(listing.pages) > 1:      # hashed once for its pages (a year's shape is long)
            about = (page_key(*about),)
        template = LIST_TEMPLATES.get(kind) or ARCHIVE_TEMPLATES[kind]
        head = ListingHead.of(listing)          # what the key above covers: no other page's articles
        digest = attrgetter("digest")
        for pager in listing.pages if pagers is None else pagers:
            items = pager.items
            shown = list(map(digest, items))
            if "" in shown:
                shown = [item.digest or item.path for item in items]
            key = page_key(*about, f"{pager.number}/{pager.total}", "\0".join(shown))
            if kind == "home":
                blocks = section_blocks(site) if pager.number == 1 else ()
                context: Context = HomeContext(head, pager, blocks)
                key = fingerprint(key, [(term, digests(items)) for term, items in blocks])
            elif period is not None:
                context = ArchiveContext(head, pager, period, crumbs)
            else:
                context = ListContext(head, pager, self.term_crumbs_of[kind])
            yield Page(pager.url, pager.output_path, template, context, pager.url, key)


def section_blocks(site: Site) -> tuple[tuple[Term, tuple[ListItem, ...]], ...]:
    """The home page's blocks: each section of the menu with its latest articles (sections with none left out)."""
    return tuple((term, site.by_section[term.slug]) for term in site.sections if site.by_section.get(term.slug))


TERM_INDEXES = {"section": (urls.SECTION_PREFIX, "Chuyên mục"), "tag": (urls.TAG_PREFIX, "Từ khóa"),
                "author": (urls.AUTHOR_PREFIX, "Tác giả")}


def term_crumbs(kind: str) -> tuple[tuple[str, str], ...]:
    """A section's, tag's or author's list sits below the index of its kind."""
    prefix, title = TERM_INDEXES[kind]
    return ((title, prefix),)


def plan_term_index_pages(site: Site, shared: str) -> Iterator[Page]:
    """`/chuyen-muc/`, `/tu-khoa/`, `/tac-gia/`: every term of a kind with its article count, in
    Vietnamese alphabetical order."""
    counts = {(listing.kind, listing.term.slug): listing.count for listing in site.listings if listing.term}
    for kind, (prefix, title) in TERM_INDEXES.items():
        terms = {"section": site.sections, "tag": site.tags, "author": site.authors}[kind]
        pairs = tuple((term, counts.get((kind, term.slug), 0)) for term in sorted(terms, key=lambda t: vi.sort_key(t.name)))
        yield Page(prefix, urls.output_path(prefix), "terms.html", TermsContext(kind, title, pairs), prefix,
                   fingerprint(shared, kind, pairs))


def plan_documents_page(site: Site, shared: str) -> Iterator[Page]:
    """`/tai-lieu/`: the documents of every published article, newest article first; only when there
    is one. Keyed by the cards that have documents (a card's digest covers its documents)."""
    cards = tuple(article.card for article in site.articles if article.card.attachments)
    if cards:
        context = DocumentsContext(DOCUMENTS_TITLE, tuple((card, card.attachments) for card in cards))
        yield Page(urls.DOCUMENTS_URL, urls.output_path(urls.DOCUMENTS_URL), DOCUMENTS_TEMPLATE, context,
                   urls.DOCUMENTS_URL, fingerprint(shared, "documents", digests(cards)))


HONORS_TEMPLATES = {"roll": "khen_thuong.html", "year": "khen_thuong_nam.html", "recipient": "don_vi.html"}


def plan_honors_pages(roll: HonorsRoll, shared: str) -> Iterator[Page]:
    """The honors roll (`awards.py`): its front page, each year's pages, each recipient's page. A
    context holds only what its page shows, so the context itself is the key."""
    if not roll.enabled:
        return
    years = tuple((year.year, year.url) for year in roll.years)
    front = HonorsContext(roll.title, roll.summaries(), tuple((r.recipient, len(r.entries)) for r in roll.recipients),
                          roll.csv_url, roll.json_url)
    yield Page(roll.url, urls.output_path(roll.url), HONORS_TEMPLATES["roll"], front, roll.url,
               fingerprint(shared, front))
    for year in roll.years:
        for pager in year.pages:
            context = HonorsYearContext(roll.title, roll.url, year.year, year.totals, pager, years)
            yield Page(pager.url, pager.output_path, HONORS_TEMPLATES["year"], context, pager.url,
                       fingerprint(shared, context))
    for record in roll.recipients:
        recipient = record.recipient
        context = RecipientContext(roll.title, roll.url, recipient, record.entries, record.totals)
        yield Page(recipient.url, urls.output_path(recipient.url), HONORS_TEMPLATES["recipient"], context,
                   recipient.url, fingerprint(shared, context))


def plan_extra_pages(site: Site, config: SiteConfig, shared: str) -> Iterator[Page]:
    """The pages a site declares in `site.yaml` (`pages:`), rendered with the whole built site."""
    if not config.pages:
        return
    everything = fingerprint(shared, digests(site.articles), site.tags, site.authors)
    for extra in config.pages:
        context = ExtraContext(extra.title, site.articles, site.sections, site.tags, site.authors, site.archive)
        yield Page(extra.url, urls.output_path(extra.url), extra.template, context, "site.yaml",
                   fingerprint(everything, extra), line=extra.line, in_sitemap=extra.sitemap)


def plan_search_page(config: SiteConfig, shared: str) -> Iterator[Page]:
    """`/tim-kiem/`: the search page (its index is `search.py`'s), unless `search: false`."""
    if config.search:
        yield Page(urls.SEARCH_URL, urls.SEARCH_OUTPUT, SEARCH_TEMPLATE, SearchContext(), urls.SEARCH_URL,
                   fingerprint(shared, "search"))


def plan_alias_pages(site: Site, shared: str) -> Iterator[Page]:
    """A redirect page at each old address (`aliases:`), listed nowhere else. Its articles are cards,
    so the key covers all it can show: the address and its queries, the cards' digests, and the
    blocks every page shows (a theme's `redirect.html` may extend `base.html`)."""
    for alias in site.aliases:
        cards = ([alias.target] if alias.target else []) + [card for _, card in alias.queries]
        about = (alias.path, alias.url, alias.output_path, alias.origin, alias.line, [q for q, _ in alias.queries])
        yield Page(alias.url, alias.output_path, ALIAS_TEMPLATE, AliasContext(alias), alias.origin,
                   fingerprint(shared, "alias", about, digests(cards)), line=alias.line, in_sitemap=False)


def _periods_by_key(years: tuple[Period, ...]) -> dict[tuple[int, ...], Period]:
    found: dict[tuple[int, ...], Period] = {}
    pending = list(years)
    while pending:
        period = pending.pop()
        found[period.key] = period
        pending.extend(period.children)
    return found
