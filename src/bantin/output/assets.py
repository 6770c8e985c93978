"""Files published as they are: the theme's and the site's `static/`, and the photos of article bundles.

Static assets (CSS, scripts, fonts, images) are fingerprinted: `css/bantin.css` is published only as
`css/bantin.3f9c2a1b.css`, the first 8 hex digits of the SHA-256 of its bytes, so a CDN may cache it
forever; templates reach it through `asset('css/bantin.css')`. `url(...)` references between static
files inside CSS are rewritten to the fingerprinted names before the CSS itself is hashed. Files that
are fetched by their name (`robots.txt`, `favicon.ico`, `CNAME`, documents, ...) keep it.
Photos go out without their location: GPS and XMP metadata are removed losslessly (`images.py`);
they are not fingerprinted (their URL is the article's).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..config import SiteConfig
from ..content.documents import DocumentError, published_bytes
from ..content.images import strip_location
from ..content.media import media_files
from ..core.models import Site
from ..core.outputs import IsCurrent, Output, fingerprint, never_current
from .basepath import rewrite_css
from .derivatives import DerivativeFiles, derivative_outputs

FINGERPRINT_LENGTH = 8
FINGERPRINTED = frozenset({".css", ".js", ".mjs", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif",
                           ".woff", ".woff2", ".ttf", ".otf"})
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass(frozen=True, slots=True)
class StaticFile:
    """A file of `static/`: where it comes from and where it is published (fingerprinted or not)."""

    source: Path
    output: str                 # output-relative: 'css/bantin.3f9c2a1b.css', 'robots.txt'
    data: bytes | None = None   # the bytes to publish, when already read (fingerprinted files)


def is_fingerprinted(rel: str) -> bool:
    return posixpath.splitext(rel)[1].lower() in FINGERPRINTED


def fingerprint_name(rel: str, data: bytes) -> str:
    """'css/bantin.css' -> 'css/bantin.3f9c2a1b.css' (the hash of `data`)."""
    stem, ext = posixpath.splitext(rel)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:FINGERPRINT_LENGTH]}{ext}"


def fingerprint_static(static_files: Mapping[str, Path], base: str = "") -> dict[str, StaticFile]:
    """Relative path -> `StaticFile`, assets under fingerprinted names (CSS after what it references);
    `base` ('/tin-tuc') goes in front of a stylesheet's `url(/...)` before it is hashed."""
    found: dict[str, StaticFile] = {}
    for rel, path in static_files.items():
        if not is_fingerprinted(rel):
            found[rel] = StaticFile(path, rel)
        elif not rel.lower().endswith(".css"):
            data = path.read_bytes()
            found[rel] = StaticFile(path, fingerprint_name(rel, data), data)
    css = {rel: path for rel, path in static_files.items() if rel.lower().endswith(".css")}
    for rel in css:
        _fingerprint_css(rel, css, found, visiting=set(), base=base)
    return dict(sorted(found.items()))


def _fingerprint_css(rel: str, css: Mapping[str, Path], found: dict[str, StaticFile], visiting: set[str],
                     base: str = "") -> None:
    if rel in found:
        return
    visiting.add(rel)
    text = css[rel].read_bytes().decode("utf-8", errors="surrogateescape")

    def rewrite(match: re.Match) -> str:
        quote, ref = (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(4))
        target = _static_target(rel, ref)
        if target in css and target not in found and target not in visiting:
            _fingerprint_css(target, css, found, visiting, base)
        if target is None or target not in found:
            return match.group(0)
        output = found[target].output
        new = "/" + output if ref.startswith("/") else posixpath.relpath(output, posixpath.dirname(rel) or ".")
        suffix = ref[len(ref.split("?")[0].split("#")[0]):]
        return match.group(0).replace(f"{quote}{ref}{quote}", f"{quote}{new}{suffix}{quote}", 1)

    data = rewrite_css(_CSS_URL.sub(rewrite, text).encode("utf-8", errors="surrogateescape"), base)
    visiting.discard(rel)
    found[rel] = StaticFile(css[rel], fingerprint_name(rel, data), data)


def _static_target(css_rel: str, ref: str) -> str | None:
    """The static file a CSS reference points at ('../img/a.png' from 'css/x.css' -> 'img/a.png'), or None."""
    path = ref.split("?")[0].split("#")[0]
    if not path or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", path):
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(css_rel), path)
    normal = posixpath.normpath(joined)
    return None if normal.startswith("..") else normal


def make_asset_url(static_files: Mapping[str, StaticFile]):
    """The template helper `asset(path)`: the (fingerprinted) URL of a static file; an unknown file is a
    template error."""
    def asset(path: str) -> str:
        key = path.lstrip("/")
        if key not in static_files:
            raise ValueError(f"no file '{key}' in static/ (nor in the built-in theme)")
        return "/" + static_files[key].output
    return asset


def publish_static(static_files: Mapping[str, StaticFile]) -> Iterator[Output]:
    """Every static file, under its published (fingerprinted or not) name."""
    for rel, item in static_files.items():
        yield Output(item.output, item.data if item.data is not None else item.source.read_bytes(), f"static/{rel}")


def publish_photos(config: SiteConfig, site: Site, produced: DerivativeFiles,
                   is_current: IsCurrent = never_current) -> Iterator[Output]:
    """Every photo of the published articles, once each: its derivatives (produced before writing, see
    `derivatives.py`), and the photo itself, location removed, only when it has no derivatives (SVG,
    GIF) or `images.publish_originals` is set.

    A photo whose source is unchanged since the last build (same size and mtime) is not read again;
    one that parsing found nothing to strip from is published as it is.
    """
    done: set[str] = set()
    for article in site.articles:
        for photo in article.photos:
            for output in derivative_outputs(photo, produced, is_current, article.path):
                if output.path not in done:
                    done.add(output.path)
                    yield output
            if photo.variants and not config.images.publish_originals or photo.output in done:
                continue
            done.add(photo.output)
            source = f"{config.site_dir}/{photo.source}"
            st = os.stat(source)
            key = fingerprint("photo", __version__, photo.source, st.st_size, st.st_mtime_ns)
            if is_current(photo.output, key):
                yield Output(photo.output, None, article.path, key)
                continue
            with open(source, "rb") as handle:
                data = handle.read()
            if photo.clean == (st.st_size, st.st_mtime_ns):  # parsing saw this very file: nothing to strip
                yield Output(photo.output, data, article.path, key)
            else:
                yield Output(photo.output, strip_location(data), article.path, key)


def publish_media(site: Site, config: SiteConfig, is_current: IsCurrent = never_current) -> Iterator[Output]:
    """The documents, video files and captions of the published articles (documents and video, issue
    28), at their stable names. A document goes out as parsing planned it (its author's metadata
    removed, `documents.py`); videos and captions as they are. A file unchanged since the last build
    (same size and mtime) is not read again."""
    for article in site.articles:
        titles = {item.source: item.title for item in article.attachments}
        for output, source in media_files(article):
            full = f"{config.site_dir}/{source}"
            st = os.stat(full)
            key = fingerprint("media", __version__, source, st.st_size, st.st_mtime_ns, titles.get(source))
            if is_current(output, key):
                yield Output(output, None, article.path, key)
                continue
            with open(full, "rb") as handle:
                data = handle.read()
            if source in titles:
                try:
                    data = published_bytes(data, posixpath.basename(source), titles[source])
                except DocumentError:       # changed since it was parsed: the next build reports it
                    pass
            yield Output(output, data, article.path, key)
