"""The preview's page plan, made a page at a time.

At 5 000 articles planning every page and checking their paths takes longer than the rest of a save,
so a save starts the plan (`start`) and the pages are planned as they are needed: the page a browser
asks for at once (an article's or a list's directly, any other by planning on up to it: `plan_to`),
the rest a slice at a time between requests (`plan`). Each planned page whose key differs from the
key of the published file is *stale*: the engine renders it before serving it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from ..core.models import Article, Listing, Pager
from ..core.outputs import fingerprint
from ..output.writer import MemoryFiles
from ..site.pages import Page, PagePlanner

PLAN_STEP = 128          # pages planned between two looks at the clock


@dataclass(frozen=True, slots=True)
class PlanEnd:
    """A plan made to the end: its pages in order, those the site no longer has, how many changed."""

    pages: tuple[Page, ...]
    removed: tuple[str, ...]            # output paths of the pages of the plans before that are gone
    changed: int                        # pages whose key changed (rendered already, or stale)


class LazyPlan:
    """The pages planned so far (output path -> page and its key joined to the theme's) and the stale
    ones; `files` is what is published."""

    def __init__(self, files: MemoryFiles):
        self.files = files
        self.pages: dict[str, tuple[Page, str]] = {}
        self.stale: dict[str, None] = {}               # output paths of pages to render, in plan order
        self._planner: PagePlanner | None = None
        self._pending: Iterator[Page] | None = None    # the plan being made, a page at a time
        self._in_order: list[Page] = []                # what `_pending` gave so far
        self._previous: dict[str, tuple[Page, str]] = {}   # the pages of the plans before, while planning
        self._article_at: dict[str, Article] | None = None
        self._list_at: dict[str, tuple[Listing, Pager]] = {}
        self._changed = 0
        self._theme_key, self._keys, self._keys_next = "", {}, {}   # page key -> key with the theme's

    @property
    def planning(self) -> bool:
        return self._pending is not None

    def start(self, planner: PagePlanner, theme_key: str) -> None:
        """A new plan; the pages of the plan before (and of a plan left unfinished) may be published."""
        if self._pending is not None:
            self._previous.update(self.pages)
        else:
            self._previous = self.pages
        if self._theme_key != theme_key:
            self._theme_key, self._keys = theme_key, {}
        self._planner, self._pending = planner, planner.pages()
        self._in_order, self.pages, self.stale = [], {}, {}
        self._article_at, self._list_at, self._changed, self._keys_next = None, {}, 0, {}

    def plan_to(self, path: str) -> PlanEnd | None:
        """Plan the page at `path`: an article's or a list's directly, any other by planning on until
        it comes (when it can be a page: it ends in '.html' or was a page of the plan before); what
        the plan came to, if that ended it."""
        if self._pending is None or path in self.pages:
            return None
        assert self._planner is not None
        if self._article_at is None:
            site = self._planner.site
            self._article_at = {article.card.output_path: article for article in site.articles}
            self._list_at = {pager.output_path: (listing, pager) for listing in site.listings
                             for pager in listing.pages}
        article = self._article_at.get(path)
        listed = self._list_at.get(path)
        if article is not None:
            self._add(self._planner.article_page(article))
        elif listed is not None:
            self._add(self._planner.listing_page(*listed))
        elif path.endswith(".html") or path in self._previous:
            return self.plan(until=path)
        return None

    def plan(self, until: str | None = None, deadline: float | None = None) -> PlanEnd | None:
        """Plan on until the page at `until` is planned, the clock passes `deadline`, or the end; at the
        end, what the plan came to."""
        assert self._pending is not None
        count = 0
        for page in self._pending:
            self._in_order.append(page)
            self._add(page)
            if page.output_path == until:
                return None
            count += 1
            if deadline is not None and count % PLAN_STEP == 0 and time.monotonic() >= deadline:
                return None
        return self._end()

    def _add(self, page: Page) -> None:
        """A page planned: its key joined to the theme's (as `render.render_pages` makes it; the joined
        keys of the last plan are reused while the theme is the same); stale when the published file
        was made from another key."""
        planned = page.key
        key = self._keys_next.get(planned) or self._keys.get(planned) or fingerprint(self._theme_key, planned)
        self._keys_next[planned] = key
        path = page.output_path
        first = path not in self.pages
        self.pages[path] = (page, key)
        if not self.files.is_current(path, key):
            if first:
                self._changed += 1
            self.stale[path] = None

    def _end(self) -> PlanEnd:
        self._pending, self._planner, self._article_at, self._list_at = None, None, None, {}
        self._keys, self._keys_next = self._keys_next, {}
        removed = tuple(path for path in self._previous if path not in self.pages)
        ended = PlanEnd(tuple(self._in_order), removed, self._changed)
        self._in_order, self._previous = [], {}
        return ended
