"""The content model: frozen dataclasses, no I/O. URLs are computed once and stored here."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


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
class Figure:
    """A photo of an article: where it is, its caption and size."""

    src: str                    # as written, relative to the article's folder ('hoi-nghi.jpg')
    caption: str
    alt: str
    url: str                    # site-absolute ('/2024/09/27/slug/hoi-nghi.jpg')
    width: int | None = None
    height: int | None = None
    line: int | None = None     # where it is declared in the front matter


@dataclass(frozen=True, slots=True)
class Award:
    """A commendation: 'Bằng khen, Giấy khen' from givers to a recipient or N collectives and M people."""

    types: tuple[str, ...]
    givers: tuple[str, ...]
    recipient: str | None = None
    collectives: int | None = None
    individuals: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Asset:
    """A file published beside an article page (a photo of its bundle)."""

    source: str                 # site-relative path of the file
    output: str                 # output-relative path
    clean: tuple[int, int] | None = None  # (size, mtime_ns) of the file when parsing found nothing
                                          # to strip from it; None: strip when publishing


@dataclass(frozen=True, slots=True)
class Article:
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
    body_html: str
    url: str                    # '/2024/09/27/slug/'
    output_path: str            # '2024/09/27/slug/index.html'
    assets: tuple[Asset, ...] = ()
    links: tuple[str, ...] = ()  # hrefs found in the body, for link checking
    extra: Mapping[str, Any] = field(default_factory=FrozenDict)
    lines: Mapping[str, int] = field(default_factory=FrozenDict)
    digest: str = ""            # hash of everything the article was made from (source, photos, config)
    summary_digest: str = ""    # hash of everything but the body: what lists of articles can show
    aliases: tuple[str, ...] = ()   # old addresses, each answered by a redirect page (aliases.py)
    source_url: str | None = None   # the page `bantin import` made it from

    @property
    def shown_date(self) -> datetime:
        """The date printed as 'Cập nhật ngày': `updated` when given, else `date`."""
        return self.updated or self.date

    @property
    def lead_figure(self) -> Figure | None:
        return self.figures[0] if self.figures else None

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True, slots=True)
class Pager:
    """One page of a paginated list."""

    number: int
    total: int
    items: tuple[Article, ...]
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
    related: Mapping[str, tuple[Article, ...]]  # article url -> 'Các tin khác'
    latest: tuple[Article, ...]                # site-wide latest, for every page
    by_section: Mapping[str, tuple[Article, ...]]  # section slug -> latest few, for the home page
    now: datetime | None = None                # the build clock: future-dated articles are 'scheduled'

    def is_scheduled(self, article: Article) -> bool:
        return self.now is not None and article.date > self.now


def _reduce_by_fields(self):
    """Pickle a frozen slots dataclass as a constructor call: several times faster to load than the
    field-by-field state dataclasses generate, which matters when the cache holds thousands."""
    return (type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__))


for _model in (Term, Figure, Award, Asset, Article):
    _model.__reduce__ = _reduce_by_fields
