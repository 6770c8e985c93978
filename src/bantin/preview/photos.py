"""The preview's photos: a save does not encode them; their derivatives are *due*.

A new article's three photos take a good part of a second to encode, and the browser waits for none
of them: the derivative a page asks for is encoded alone when it is requested (one target decodes a
JPEG at a fraction of its size), the rest an article at a time between requests, on the build's
worker processes when there are many. A photo that can not be decoded stays due, and the save fails
with its place (`BuildFailed`), so saving the same bytes again can not hide the error.
"""

from __future__ import annotations

import shutil
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..build import BuildOptions
from ..config import SiteConfig
from ..core.errors import BuildFailed
from ..core.models import Article, Photo, Site
from ..core.outputs import IsCurrent, Output
from ..output.assets import publish_photos
from ..output.derivatives import DerivativeFiles, derivative_key, memo_dir, produce_photos


class DuePhotos:
    """Every derivative known this session (`produced`), and the articles whose photos are not yet
    published."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.produced = DerivativeFiles()
        self.photos_of: dict[str, tuple[Photo, ...]] = {}   # article path -> its photos, published or due
        self.due: dict[str, Article] = {}
        self._due_at: dict[str, tuple[str, Photo]] | None = None   # output path -> (article path, photo)
        self._folder: str | None = None                    # the memo of a preview without cache

    def note_save(self, articles: Sequence[Article]) -> None:
        """The site of a save: articles whose photos changed (new objects) are due, with those still due."""
        changed = [a for a in articles if self.photos_of.get(a.path) is not a.photos]
        due = {article.path: article for article in changed if article.photos}
        if self.due:
            due = {a.path: a for a in articles if a.path in self.due} | due
        self.due, self._due_at = due, None
        if len(self.photos_of) == len(articles) - len(changed):
            self.photos_of.update((a.path, a.photos) for a in changed)
        else:                                   # articles went: forget theirs
            self.photos_of = {a.path: a.photos for a in articles}

    def outputs_at(self, path: str, config: SiteConfig, site: Site, is_current: IsCurrent) -> list[Output]:
        """The file at `path` if it is a due photo's, made now (a derivative alone, or the photo as it is:
        an SVG, a GIF, an original); empty when it is not."""
        if not self.due:
            return []
        if self._due_at is None:
            self._due_at = {output: (article.path, photo) for article in self.due.values()
                            for photo in article.photos for output in photo.outputs}
        found = self._due_at.get(path)
        if found is None:
            return []
        article, photo = self.due[found[0]], found[1]
        if path not in {variant.output for variant in photo.derivatives}:
            return self.outputs_of([article], config, site, is_current)
        self._produce([article], config, only=(path,))
        return [Output(path, None, article.path, derivative_key(path), file=self.produced.files[path])]

    def outputs_of(self, articles: list[Article], config: SiteConfig, site: Site,
                   is_current: IsCurrent) -> list[Output]:
        """Every photo file of the due `articles`, made now; they are not due any more."""
        self._produce(articles, config)
        for article in articles:
            del self.due[article.path]
        self._due_at = None
        return list(publish_photos(config, replace(site, articles=tuple(articles)), self.produced, is_current))

    def next_outputs(self, config: SiteConfig, site: Site, is_current: IsCurrent) -> Iterator[Output]:
        """The photo files of the next due article."""
        return iter(self.outputs_of([next(iter(self.due.values()))], config, site, is_current))

    def _produce(self, articles: list[Article], config: SiteConfig, only: tuple[str, ...] | None = None) -> None:
        if not self.options.cache and self._folder is None:    # one folder for the session
            self._folder = memo_dir(config, cache=False)
            weakref.finalize(self, shutil.rmtree, self._folder, True)
        produced, problems = produce_photos(config, articles, self.options.workers if len(articles) > 1 else 1,
                                            self.options.cache, only=only, folder=self._folder)
        if problems:
            raise BuildFailed(problems)
        self.produced.files.update(produced.files)
        self.produced.sizes.update(produced.sizes)
