"""The content model: frozen dataclasses, no I/O. URLs are computed once and stored here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter, is_
from typing import Any

from .award_names import names_giver


class FrozenDict(Mapping):
    """A read-only mapping that pickles (unlike `MappingProxyType`), for worker processes and the cache."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | None = None):
        self._data = dict(data or {})

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"FrozenDict({self._data!r})"

    def __reduce__(self):
        return (FrozenDict, (self._data,))


@dataclass(frozen=True, slots=True)
class Term:
    """A section, tag or author: a name, its slug and the URL of its listing."""

    kind: str          # 'section' | 'tag' | 'author'
    name: str
    slug: str
    url: str


@dataclass(frozen=True, slots=True)
class Variant:
    """A resized version of a photo: its URL and size are known before its bytes exist."""

    url: str                    # site-absolute
    output: str                 # output-relative
    width: int
    height: int
    mime: str                   # 'image/webp', 'image/jpeg'


@dataclass(frozen=True, slots=True)
class Photo:
    """One photo an article publishes, whether listed under `images:` or only used in the body.

    Planned when parsing first reads the file (URL, pixel size, published byte size); its bytes are
    produced at output time from `source`. One record, so a page, a feed and JSON-LD all read the
    same URL and size.
    """

    source: str                 # site-relative file ('content/2024/09/x/hoi-nghi.jpg')
    url: str                    # site-absolute ('/2024/09/27/x/hoi-nghi.jpg')
    output: str                 # output-relative ('2024/09/27/x/hoi-nghi.jpg')
    width: int
    height: int
    size: int                   # bytes as published (location removed)
    clean: tuple[int, int] | None = field(default=None, repr=False)
    # (size, mtime_ns) of the file when parsing found nothing to strip from it (None: strip when
    # publishing); left out of repr, so of digests: touching a photo does not change what lists show
    variants: tuple[Variant, ...] = ()
    social: Variant | None = None           # the 1200x630 crop for og:image / twitter:image
    focus: tuple[float, float] | None = None  # the point the crop keeps in view (front matter `focus:`)
    # documents and video (issue 28): a video's poster made from one of its frames
    frame: float | None = None  # seconds into the video `source`; None for a photo file

    @property
    def derivatives(self) -> tuple[Variant, ...]:
        """Every resized file made from the photo: its srcset variants and fallback, then its social crop."""
        return self.variants + (self.social,) if self.social else self.variants

    @property
    def outputs(self) -> tuple[str, ...]:
        """Every output path the photo claims: its derivatives, then its own URL (often its fallback's)."""
        return tuple(dict.fromkeys([v.output for v in self.derivatives] + [self.output]))

    @property
    def mime(self) -> str:
        return _MIME.get(self.output.rsplit(".", 1)[-1].lower(), "application/octet-stream")


_MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
         "webp": "image/webp", "avif": "image/avif", "svg": "image/svg+xml"}


@dataclass(frozen=True, slots=True)
class Figure:
    """A photo as an article shows it: with its caption and text alternative."""

    src: str                    # as written, relative to the article's folder ('hoi-nghi.jpg')
    caption: str
    alt: str
    photo: Photo
    line: int | None = None     # where it is declared in the front matter

    @property
    def url(self) -> str:
        return self.photo.url

    @property
    def width(self) -> int:
        return self.photo.width

    @property
    def height(self) -> int:
        return self.photo.height


@dataclass(frozen=True, slots=True)
class Award:
    """A commendation: 'Bằng khen, Giấy khen' from givers to named recipients or N collectives and M people."""

    types: tuple[str, ...]
    givers: tuple[str, ...]
    recipients: tuple[str, ...] = ()    # as written: `recipient: A` or `recipients: [A, B]`
    collectives: int | None = None
    individuals: int | None = None
    reason: str | None = None

    @property
    def recipient(self) -> str | None:
        """The first named recipient (themes written before `recipients:` existed read this)."""
        return self.recipients[0] if self.recipients else None

    @property
    def givers_shown(self) -> tuple[str, ...]:
        """The givers a heading names after its types ('Bằng khen của ...'): those the types do not
        name already, so that 'Bằng khen của Thủ tướng Chính phủ' is never followed by 'của Thủ tướng
        Chính phủ' again."""
        return tuple(g for g in self.givers if not any(names_giver(t, g) for t in self.types))


# -- documents and video (issue 28) ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Attachment:
    """A document published with an article (front matter `attachments:`), at the article's address
    under a stable, readable name ('thong-bao-15-tb-cat.pdf'): the address people cite and share."""

    source: str                 # site-relative file ('content/2024/09/x/Thông báo 15.pdf')
    url: str                    # site-absolute ('/2024/09/27/x/thong-bao-15.pdf')
    output: str                 # output-relative
    title: str
    kind: str                   # 'pdf', 'word', 'excel', 'powerpoint', 'opendocument', 'image'
    label: str                  # what readers are told the file is: 'PDF', 'Word', 'Excel', 'ODT', 'JPEG'
    mime: str
    size: int                   # bytes as published (metadata removed)
    pages: int | None = None    # a PDF's page count


@dataclass(frozen=True, slots=True)
class Track:
    """A text track of a video: Vietnamese captions in WebVTT, published beside the article."""

    source: str
    url: str
    output: str


@dataclass(frozen=True, slots=True)
class Video:
    """A video of an article (front matter `videos:`): a file of its folder, played by the browser,
    or a YouTube or Facebook video, shown behind a facade that loads nothing from the platform until
    the reader asks for it."""

    caption: str
    platform: str               # '' for a file, else 'youtube' | 'facebook'
    url: str                    # the file's URL (site-absolute), else the video's address on the platform
    embed_url: str = ""         # the platform's player, loaded on click (privacy-enhanced for YouTube)
    source: str = ""            # site-relative file ('' for a platform's video)
    output: str = ""
    mime: str = ""              # 'video/mp4', 'video/webm'
    size: int = 0               # bytes
    width: int | None = None    # as displayed (rotation applied)
    height: int | None = None
    duration: float | None = None   # seconds, when known
    poster: Photo | None = None     # the editor's `poster:`, else a frame of the file
    captions: Track | None = None

    @property
    def is_file(self) -> bool:
        return not self.platform


@dataclass(frozen=True, slots=True)
class ArticleCard:
    """What a list of articles can show: everything about an article but its body.

    Lists (a section's pages, 'Các tin khác', the latest news, the home page's blocks) receive cards,
    so what a list page can show, and so what its memo key must cover, is decided by this type: a
    template that reaches for a body in a list fails with a message saying how to allow it.
    """

    path: str                   # site-relative source ('content/2024/09/x/index.md')
    title: str
    slug: str
    date: datetime              # aware, as written (site time zone when no offset)
    updated: datetime | None
    authors: tuple[Term, ...]
    source: str                 # dateline prefix ('ĐTO')
    section: Term | None
    tags: tuple[Term, ...]
    summary: str
    draft: bool
    figures: tuple[Figure, ...]
    awards: tuple[Award, ...]
    url: str                    # '/2024/09/27/slug/'
    output_path: str            # '2024/09/27/slug/index.html'
    extra: Mapping[str, Any] = field(default_factory=FrozenDict)
    digest: str = ""            # hash of every other field: what a list showing the card depends on
    # documents and video (issue 28): on the card, so a list (a list of documents) may show them
    attachments: tuple[Attachment, ...] = ()
    videos: tuple[Video, ...] = ()

    @property
    def shown_date(self) -> datetime:
        """The date printed as 'Cập nhật ngày': `updated` when given, else `date` (even when `updated`
        is, by mistake, the earlier one: the editor sees what they wrote)."""
        return self.updated or self.date

    @property
    def modified(self) -> datetime:
        """When the article last changed, for feeds, sitemaps and metadata: the later of the two."""
        return max(self.date, self.updated) if self.updated else self.date

    @property
    def lead_figure(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    @property
    def body_html(self) -> str:
        raise ValueError("lists show article cards, without the body (body_html); "
                             "set 'lists_show_body: true' in site.yaml to show bodies in lists")


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: its card (what lists show) and its body, with the bookkeeping of the build.

    Every field and property of the card reads through (`article.title` is `article.card.title`),
    by the read-only properties defined below the class.
    """

    card: ArticleCard
    body_html: str
    photos: tuple[Photo, ...] = ()      # every photo the page publishes, in order of first use
    links: tuple[str, ...] = ()         # hrefs found in the body, as written, for link checking
    lines: Mapping[str, int] = field(default_factory=FrozenDict)  # front matter key -> line
    digest: str = ""                    # hash of everything the article was made from
    aliases: tuple[str, ...] = ()       # old addresses, each answered by a redirect page (aliases.py)
    source_url: str | None = None       # the page `bantin import` made it from

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


for _name in [f for f in ArticleCard.__dataclass_fields__ if f != "digest"] + \
        ["shown_date", "modified", "lead_figure"]:
    setattr(Article, _name, property(attrgetter(f"card.{_name}"), doc=f"`card.{_name}`"))


@dataclass(frozen=True, slots=True)
class AliasPage:
    """One redirect page at an old address: the old path, its file, and where it sends the reader."""

    path: str                             # the old path as requested from the host ('/tin-tuc/chi-tiet/12345.aspx')
    url: str                              # the same as a site URL, below the base path ('/chi-tiet/12345.aspx'
                                          # under base_url https://x.vn/tin-tuc; the path itself without one)
    output_path: str                      # 'chi-tiet/12345.aspx/index.html' under /tin-tuc
    target: ArticleCard | None            # the article of the alias without a query string: a card, as
                                          # lists show, so the page's key (its cards' digests) covers it all
    queries: tuple[tuple[str, ArticleCard], ...] = ()   # (normalised query, article's card), sorted
    origin: str = ""                      # the source of the first article that claims the path
    line: int | None = None               # its `aliases:` line

    @property
    def query_map(self) -> dict[str, str]:
        return {query: card.url for query, card in self.queries}


@dataclass(frozen=True, slots=True)
class Pager:
    """One page of a paginated list."""

    number: int
    total: int
    items: tuple[ArticleCard | Article, ...]
    url: str
    output_path: str
    prev_url: str | None
    next_url: str | None
    urls: tuple[str, ...]       # every page's URL, for numbered links


@dataclass(frozen=True, slots=True)
class Listing:
    """A list page family: home, a section, a tag, an author, or a year/month/day archive."""

    kind: str                   # 'home' | 'section' | 'tag' | 'author' | 'year' | 'month' | 'day'
    title: str
    url: str
    pages: tuple[Pager, ...]
    term: Term | None = None
    period: tuple[int, ...] = ()        # (2024,), (2024, 9), (2024, 9, 27)
    count: int = 0


@dataclass(frozen=True, slots=True)
class ListingHead:
    """What a page of a list shows of its list: everything but the other pages' articles.

    A list page receives this and its own `Pager`, so what it can show, and so what its memo key must
    cover, is decided by these types (as `ArticleCard` does for bodies): a template that reaches for
    another page's articles fails with a message saying what it can use instead."""

    kind: str
    title: str
    url: str
    term: Term | None
    period: tuple[int, ...]
    count: int

    @classmethod
    def of(cls, listing: Listing) -> "ListingHead":
        return cls(listing.kind, listing.title, listing.url, listing.term, listing.period, listing.count)

    @property
    def pages(self) -> tuple[Pager, ...]:
        raise ValueError("a page of a list shows its own articles ('pager.items'), the number of pages "
                         "('pager.total') and their addresses ('pager.urls'), not the other pages' articles")


@dataclass(frozen=True, slots=True)
class Period:
    """A node of the archive tree with its article count and children."""

    key: tuple[int, ...]
    url: str
    count: int
    children: tuple["Period", ...] = ()


@dataclass(frozen=True, slots=True)
class Site:
    articles: tuple[Article, ...]              # newest first, ties by path
    sections: tuple[Term, ...]                 # menu order
    tags: tuple[Term, ...]
    authors: tuple[Term, ...]
    listings: tuple[Listing, ...]
    archive: tuple[Period, ...]                # years, newest first, with months and days
    related: Mapping[str, tuple[ArticleCard | Article, ...]]  # article url -> 'Các tin khác'
    latest: tuple[ArticleCard | Article, ...]  # site-wide latest, for every page
    by_section: Mapping[str, tuple[ArticleCard | Article, ...]]  # section slug -> latest few (home page)
    now: datetime | None = None                # the build clock: future-dated articles are 'scheduled'
    aliases: tuple[AliasPage, ...] = ()        # redirect pages at the articles' old addresses

    def is_scheduled(self, article: Article | ArticleCard) -> bool:
        return self.now is not None and article.date > self.now


def _reduce_by_fields(self):
    """Pickle a frozen slots dataclass as a constructor call: several times faster to load than the
    field-by-field state dataclasses generate, which matters when the cache holds thousands."""
    return (type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__))


for _model in (Term, Variant, Photo, Figure, Award, ArticleCard, Article, Attachment, Track, Video):
    _model.__reduce__ = _reduce_by_fields


def same_objects(before: Sequence[object], now: Sequence[object]) -> bool:
    """The same objects in the same order. The parse memo gives the same `Article` for the same bytes,
    so what was made from `before` (a list, the honors roll, a whole plan) still stands for `now`."""
    return len(before) == len(now) and all(map(is_, before, now))
