"""The documents and videos of one article (`attachments:`, `videos:`), found in its folder and planned
at parse time, as its photos are: each becomes a model with its URL, size and what the page shows
(`Attachment`, `Video`), or a problem at its line. Every file looked at is a dependency of the
parse memo, so an edited document or clip is read again and nothing else is.

Documents and videos are published at the article's address under a stable, readable name (the
slug of the file's name: 'Thông báo 15.pdf' -> 'thong-bao-15.pdf'), the address a reader cites or
shares; a video's poster is a photo (the editor's `poster:`, else a frame of the clip), with
fingerprinted derivatives like every photo.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import ImageSettings
from ..core import vi
from ..core.errors import Problem, warning
from ..core.messages import Msg
from ..core.models import Attachment, Photo, Track, Video
from .documents import LARGE_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES, DocumentError, published_name, read_document
from .frontmatter import AttachmentRef, ImageRef, VideoRef
from .photos import plan_frame
from .videos import (
    EXTENSIONS,
    LARGE_VIDEO_BYTES,
    MAX_VIDEO_BYTES,
    PLAYABLE,
    SOME_BROWSERS,
    VideoError,
    check_captions,
    container_of,
    poster_time,
    probe_video,
)

Check = Callable[[str, str], "tuple[Path | None, Msg | None]"]


@dataclass
class MediaFinder:
    """Reads and plans the documents and videos of one article. `check(src, kind)` resolves a path
    inside the article's folder (recording it as a dependency); `figure(ref)` makes a photo's figure."""

    path: str                       # the article, for messages
    check: Check
    figure: Callable                # (ImageRef) -> (Figure | None, Msg | None)
    source_of: Callable[[str], str]
    settings: ImageSettings
    article_url: str = ""
    problems: list[Problem] = field(default_factory=list)
    posters: list[Photo] = field(default_factory=list)      # every poster the page publishes
    sources: dict[str, str] = field(default_factory=dict)   # src as written -> published URL
    _names: dict[str, str] = field(default_factory=dict)    # output path -> src that claims it

    def attachments(self, refs: tuple[AttachmentRef, ...]) -> tuple[Attachment, ...]:
        found = []
        for ref in refs:
            try:
                found.append(self._attachment(ref))
            except _Refused as refused:
                self.problems.append(Problem(self.path, ref.line, refused.msg))
        return tuple(found)

    def videos(self, refs: tuple[VideoRef, ...], title: str) -> tuple[Video, ...]:
        found = []
        for ref in refs:
            try:
                found.append(self._video(ref, title))
            except _Refused as refused:
                self.problems.append(Problem(self.path, refused.line or ref.line, refused.msg))
        return tuple(found)

    # -- documents ----------------------------------------------------------------------------

    def _attachment(self, ref: AttachmentRef) -> Attachment:
        full = self._file(ref.src)
        size = full.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise _Refused(Msg.of("attachment.too_large", src=ref.src, size=vi.format_size(size),
                                  limit=vi.format_size(MAX_DOCUMENT_BYTES)))
        data = full.read_bytes()
        try:
            info = read_document(data, ref.src, ref.title)
        except DocumentError as exc:
            raise _Refused(exc.msg) from exc
        url, output = self._claim(ref.src, published_name(ref.src))
        published = len(info.published) if info.published is not None else len(data)
        if published > LARGE_DOCUMENT_BYTES:
            self.problems.append(warning(self.path, ref.line, "warn.attachment_large", src=ref.src,
                                         size=vi.format_size(published), limit=vi.format_size(LARGE_DOCUMENT_BYTES)))
        if info.leftovers:
            self.problems.append(warning(self.path, ref.line, "warn.attachment_metadata", src=ref.src,
                                         fields=", ".join(info.leftovers)))
        return Attachment(source=self.source_of(ref.src), url=url, output=output, title=ref.title, kind=info.kind,
                          label=info.label, mime=info.mime, size=published, pages=info.pages)

    # -- videos ---------------------------------------------------------------------------------

    def _video(self, ref: VideoRef, title: str) -> Video:
        caption = ref.caption
        if not caption:
            self.problems.append(warning(self.path, ref.line, "warn.video_caption_missing", src=ref.src))
            caption = title
        poster = self._poster(ref) if ref.poster else None
        if ref.platform is not None:
            return Video(caption=caption, platform=ref.platform.platform, url=ref.platform.url,
                         embed_url=ref.platform.embed_url, poster=poster)
        ext = posixpath.splitext(ref.src)[1].lower()
        if ext not in EXTENSIONS:
            raise _Refused(Msg.of("video.type", src=ref.src, ext=ext or ref.src))
        full = self._file(ref.src)
        size = full.stat().st_size
        if size > MAX_VIDEO_BYTES:
            raise _Refused(Msg.of("video.too_large", src=ref.src, size=vi.format_size(size),
                                  limit=vi.format_size(MAX_VIDEO_BYTES)))
        with open(full, "rb") as handle:
            container = container_of(handle.read(64))
        if container is None or EXTENSIONS[ext] != f"video/{container}":
            raise _Refused(Msg.of("video.mismatch", src=ref.src, ext=ext))
        try:
            info = probe_video(full, ref.src)
        except VideoError as exc:
            raise _Refused(exc.msg) from exc
        self._check_codec(ref, info.codec)
        if size > LARGE_VIDEO_BYTES:
            self.problems.append(warning(self.path, ref.line, "warn.video_large", src=ref.src,
                                         size=vi.format_size(size), limit=vi.format_size(LARGE_VIDEO_BYTES)))
        url, output = self._claim(ref.src, published_name(ref.src))
        if poster is None:
            poster = self._frame(ref.src, info.digest, info.width, info.height, poster_time(info.duration))
        return Video(caption=caption, platform="", url=url, source=self.source_of(ref.src), output=output,
                     mime=EXTENSIONS[ext], size=size, width=info.width, height=info.height,
                     duration=round(info.duration, 3) if info.duration else None, poster=poster,
                     captions=self._captions(ref) if ref.captions else None)

    def _check_codec(self, ref: VideoRef, codec: str) -> None:
        if codec in SOME_BROWSERS:
            self.problems.append(warning(self.path, ref.line, "warn.video_codec", src=ref.src, codec=codec.upper()))
        elif codec not in PLAYABLE:
            raise _Refused(Msg.of("video.codec", src=ref.src, codec=codec.upper()))

    def _poster(self, ref: VideoRef) -> Photo:
        figure, problem = self.figure(ImageRef(src=ref.poster or "", caption=ref.caption, alt="",
                                               line=ref.lines.get("poster")))
        if problem is not None or figure is None:
            raise _Refused(problem, ref.lines.get("poster"))
        if figure.photo not in self.posters:
            self.posters.append(figure.photo)
        return figure.photo

    def _frame(self, src: str, digest: bytes, width: int, height: int, at: float) -> Photo:
        variants, social = plan_frame(digest, width, height, at, self.settings, self.article_url, src)
        photo = Photo(source=self.source_of(src), url=variants[-1].url, output=variants[-1].output, width=width,
                      height=height, size=0, variants=variants, social=social, frame=at)
        self.posters.append(photo)
        return photo

    def _captions(self, ref: VideoRef) -> Track:
        src, line = ref.captions or "", ref.lines.get("captions")
        if posixpath.splitext(src)[1].lower() != ".vtt":
            raise _Refused(Msg.of("video.captions_type", src=src), line)
        full, problem = self.check(src, "media")
        if full is None:
            raise _Refused(problem, line)
        problem = check_captions(full.read_bytes(), src)
        if problem is not None:
            raise _Refused(problem, line)
        url, output = self._claim(src, published_name(src))
        return Track(source=self.source_of(src), url=url, output=output)

    # -- both -----------------------------------------------------------------------------------

    def _file(self, src: str) -> Path:
        full, problem = self.check(src, "media")
        if full is None:
            raise _Refused(problem)
        return full

    def _claim(self, src: str, name: str) -> tuple[str, str]:
        """The URL and output path of `src` published as `name` (in its folder's slugs), unless another
        file of the article is published there."""
        folder = posixpath.dirname(posixpath.normpath(src))
        parts = [vi.slugify(part) or "tep" for part in folder.split("/") if part] + [name]
        url = self.article_url + "/".join(parts)
        output = url.lstrip("/")
        other = self._names.get(output)
        if other is not None and other != src:
            raise _Refused(Msg.of("media.name_taken", src=src, name=name, other=other))
        self._names[output] = src
        self.sources[src] = url
        return url, output


class _Refused(Exception):
    """A document or video that is not published: the message and, when not the `src:` line, its line."""

    def __init__(self, msg: Msg | None, line: int | None = None) -> None:
        super().__init__(msg.key if msg else "")
        self.msg = msg or Msg.of("media.missing", src="?", folder="?")
        self.line = line


def media_files(article) -> list[tuple[str, str]]:
    """(output path, source) of every document, video file and captions file `article` publishes."""
    found = [(item.output, item.source) for item in article.attachments]
    for video in article.videos:
        if video.source:
            found.append((video.output, video.source))
        if video.captions:
            found.append((video.captions.output, video.captions.source))
    return found
