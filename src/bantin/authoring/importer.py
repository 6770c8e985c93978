"""`bantin import`: an old portal's articles -> article bundles under `content/`, old links kept.

Sources are article addresses, sitemaps, list pages (`--follow SELECTOR`), saved `.html` files or
folders of them, `.txt` files holding a page's text, and Word files (`.docx`, read by `docx.py`
into the same HTML path, their pictures saved from the document itself). For each article: fetch (politely, through
`fetch.py`), read (`legacy.py`), download its photos, and write `content/YYYY/MM/<slug>/index.md`
through `frontmatter.dump_front_matter`, with `aliases:` (its old path, answered by a redirect page)
and `source_url:` (so a second run skips it). The invariants:

- Nothing is written outside `content/`, and nothing is ever overwritten: a bundle folder is claimed
  with an exclusive `mkdir`; a taken slug gets `-2`, `-3`, ...
- Every source ends in exactly one of imported, skipped (with the reason) or failed (with the
  reason); a photo that cannot be had leaves the article imported with a warning.
- Awards found in the text are written commented out, for an editor to confirm.
- No exception leaves `run_import` but a `UsageError` for bad options.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import threading
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..config import SiteConfig
from ..content.frontmatter import FrontMatter, ImageRef, dump_front_matter, normalise_alias, split_front_matter
from ..content.images import ImageError, read_image_info
from ..core import urls, vi
from ..core.errors import UsageError, did_you_mean
from ..core.messages import Msg, render_message
from ..core.yamldoc import parse_yaml
from .bundles import article_urls, bundle_path, free_slug, section_slug
from .docx import EmbeddedPicture, WordProblem, read_word_file
from .fetch import Fetcher, FetchError
from .legacy import (
    Extracted,
    SelectorProblem,
    Selectors,
    check_selectors,
    decode_page,
    extract_html,
    extract_text,
    find_links,
    parse_sitemap,
)

PAGE_TYPES = ("text/html", "application/xhtml+xml", "")
IMAGE_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "SVG": ".svg"}
FILE_KINDS = (".html", ".htm", ".txt", ".docx", ".doc")
MAX_SITEMAP_PAGES = 50_000
BATCH = 100             # articles read, then written, at a time: a whole archive is never held in memory


@dataclass(frozen=True, slots=True)
class ImportOptions:
    category: str | None = None
    dry_run: bool = False
    follow: str | None = None
    delay: float = 1.0
    timeout: float = 30.0
    attempts: int = 3
    backoff: float = 2.0
    lang: str = "vi"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source."""

    source: str
    status: str                          # 'imported' | 'skipped' | 'failed'
    path: str | None = None              # the bundle's index.md, site-relative
    reason: Msg | None = None            # why skipped or failed
    warnings: tuple[Msg, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportReport:
    outcomes: tuple[Outcome, ...]
    requests: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(slots=True)
class _Article:
    """An article read and planned, not yet written."""

    source: str
    extracted: Extracted
    front: FrontMatter
    slug: str
    base: str                            # where relative photo and link addresses start from
    local_root: Path | None = None       # a saved file's folder: its photos must be inside it
    warnings: list[Msg] = field(default_factory=list)
    path: str = ""
    embedded: Mapping[str, EmbeddedPicture] = field(default_factory=dict)   # a Word file's pictures, by src
    dated_now: bool = False              # no date in the text: imported again, it is known by its title


def run_import(config: SiteConfig, sources: Iterable[str], options: ImportOptions = ImportOptions(), *,
               fetcher: Fetcher | None = None, now: datetime | None = None) -> ImportReport:
    """Import every source; returns what became of each. Raises `UsageError` for bad options only."""
    selectors = config.import_selectors
    try:
        check_selectors(selectors)
        if options.follow:
            check_selectors(Selectors(remove=(options.follow,)))
    except SelectorProblem as exc:
        raise UsageError(Msg.of("import.bad_selector", key=exc.key, selector=exc.selector)) from None
    section = _section(config, options.category) if options.category else None
    own = fetcher is None
    fetcher = fetcher or Fetcher(delay=options.delay, timeout=options.timeout, attempts=options.attempts,
                                 backoff=options.backoff)
    try:
        return _Run(config, options, fetcher, selectors, section, now).run(list(sources))
    finally:
        if own:
            fetcher.close()


class _Run:
    def __init__(self, config: SiteConfig, options: ImportOptions, fetcher: Fetcher, selectors: Selectors,
                 section: str | None, now: datetime | None = None):
        self.config, self.options, self.fetcher, self.selectors, self.section = \
            config, options, fetcher, selectors, section
        self.now = now or datetime.now(config.tz)     # the stand-in date of an article without one
        self.known, self.aliases = imported_sources(config)   # source_url / alias -> index.md already there
        self.outcomes: list[Outcome] = []
        self.claimed: set[str] = set()

    # -- sources -> one entry per article -------------------------------------------------------
    def run(self, sources: list[str]) -> ImportReport:
        entries: list[tuple[str, str]] = []              # (kind, address or path)
        for source in sources:
            entries += self._expand(source)
        seen: set[str] = set()
        unique = []
        for kind, where in entries:
            if where in seen:
                continue
            seen.add(where)
            if kind == "url" and where in self.known:
                self.outcomes.append(Outcome(where, "skipped", self.known[where],
                                             Msg.of("import.reason.already", path=self.known[where])))
            else:
                unique.append((kind, where))
        with ThreadPoolExecutor(max_workers=2) as pool:        # the fetcher lets 2 requests run at once
            for start in range(0, len(unique), BATCH):
                read = list(pool.map(lambda entry: self._read(*entry), unique[start:start + BATCH]))
                articles = [a for a in read if isinstance(a, _Article)]
                self.outcomes += [o for o in read if isinstance(o, Outcome)]
                articles = self._plan_paths(articles)
                self._rewrite_links(articles)
                for article, outcome in zip(articles, pool.map(self._write_safely, articles)):  # photos, 2 at a time
                    self.outcomes.append(outcome)
                    if outcome.status == "imported" and article.front.source_url:
                        self.known[article.front.source_url] = article.path
        order = {where: i for i, (_, where) in enumerate(entries)}
        return ImportReport(tuple(sorted(self.outcomes, key=lambda o: order.get(o.source, -1))),
                            self.fetcher.requests)

    def _expand(self, source: str) -> list[tuple[str, str]]:
        if re.match(r"^https?://", source, re.IGNORECASE):
            if self.options.follow:
                return self._follow(source)
            if urlsplit(source).path.lower().endswith(".xml"):
                return self._sitemap(source, depth=0)
            return [("url", source)]
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FILE_KINDS
                           and not p.name.startswith(("~$", ".")))      # '~$bai.docx': Word's lock file
            if not files:
                self.outcomes.append(Outcome(source, "failed", reason=Msg.of("import.reason.empty_folder")))
            return [("file", str(p)) for p in files]
        if path.is_file():
            if path.suffix.lower() in FILE_KINDS:
                return [("file", str(path))]
            self.outcomes.append(Outcome(source, "failed", reason=Msg.of("import.reason.file_kind")))
            return []
        self.outcomes.append(Outcome(source, "failed", reason=Msg.of("import.reason.missing")))
        return []

    def _get_page(self, url: str) -> tuple[str, str]:
        """(text, final address) of a page, or FetchError."""
        fetched = self.fetcher.get(url)
        if fetched.status >= 400:
            raise FetchError(Msg.of("import.reason.http", status=fetched.status))
        if fetched.content_type not in PAGE_TYPES and not fetched.content_type.startswith("text/"):
            raise FetchError(Msg.of("import.reason.not_html", type=fetched.content_type))
        return decode_page(fetched.data, fetched.charset), fetched.final_url

    def _follow(self, url: str) -> list[tuple[str, str]]:
        try:
            text, final = self._get_page(url)
        except FetchError as exc:
            self.outcomes.append(Outcome(url, "failed", reason=exc.msg))
            return []
        links = find_links(text, final, self.options.follow or "a")
        if not links:
            self.outcomes.append(Outcome(url, "failed", reason=Msg.of("import.reason.no_links",
                                                                       selector=self.options.follow)))
        return [("url", link) for link in links]

    def _sitemap(self, url: str, depth: int) -> list[tuple[str, str]]:
        try:
            fetched = self.fetcher.get(url)
            if fetched.status >= 400:
                raise FetchError(Msg.of("import.reason.http", status=fetched.status))
        except FetchError as exc:
            self.outcomes.append(Outcome(url, "failed", reason=exc.msg))
            return []
        parsed = parse_sitemap(fetched.data)
        if parsed is None:                           # an address ending in .xml that is a page after all
            return [("url", url)]
        pages, children = parsed
        found = [("url", page) for page in pages[:MAX_SITEMAP_PAGES]]
        for child in children if depth == 0 else ():
            found += self._sitemap(child, depth + 1)
        return found

    # -- one article: read it -------------------------------------------------------------------
    def _read(self, kind: str, where: str) -> _Article | Outcome:
        try:
            return self._read_one(kind, where)
        except (FetchError, WordProblem) as exc:
            return Outcome(where, "failed", reason=exc.msg)
        except Exception as exc:  # noqa: BLE001 - one strange page must not stop an archive's import
            return Outcome(where, "failed", reason=Msg.of("import.reason.unexpected",
                                                          detail=f"{type(exc).__name__}: {exc}"))

    def _read_one(self, kind: str, where: str) -> _Article | Outcome:
        local_root, embedded, warnings = None, {}, []
        if kind == "url":
            text, base = self._get_page(where)
            extracted = extract_html(text, base, self.selectors)
            source_url = where
        else:
            path = Path(where)
            if path.suffix.lower() in (".docx", ".doc"):
                return self._read_word(path)
            data = path.read_bytes()
            if path.suffix.lower() == ".txt":
                extracted = extract_text(decode_page(data))
            else:
                extracted = extract_html(decode_page(data), path.resolve().as_uri(), self.selectors)
            local_root = path.resolve().parent
            base = path.resolve().as_uri()
            canonical = extracted.canonical
            source_url = canonical if canonical and urlsplit(canonical).scheme in ("http", "https") else None
            if source_url and source_url in self.known:
                return Outcome(where, "skipped", self.known[source_url],
                               Msg.of("import.reason.already", path=self.known[source_url]))
        return self._plan_article(where, extracted, source_url, base, local_root, embedded, warnings)

    def _plan_article(self, where: str, extracted: Extracted, source_url: str | None, base: str,
                      local_root: Path | None, embedded: Mapping[str, EmbeddedPicture],
                      warnings: list[Msg]) -> _Article | Outcome:
        if extracted.not_article:
            return Outcome(where, "skipped", reason=Msg.of(f"import.reason.{extracted.not_article}"))
        date, undated = article_date(extracted.date_text, self.config, self.now,
                                     text_file=where.lower().endswith(".txt") and "://" not in where)
        if undated is not None:
            warnings.append(undated)
        category = self.section or self._category(extracted.categories, warnings)
        authors = extracted.authors
        if not authors:
            warnings.append(Msg.of("import.warn.no_author" if not self.config.author else "import.warn.default_author"))
        aliases = ()
        if source_url:
            parts = urlsplit(source_url)
            alias, _ = normalise_alias(parts.path + (f"?{parts.query}" if parts.query else ""))
            aliases = (alias,) if alias and alias != "/" else ()
        front = FrontMatter(title=extracted.title, date=date, authors=authors, source=extracted.source,
                            category=category, tags=extracted.tags, draft=undated is not None, aliases=aliases,
                            source_url=source_url)
        slug = vi.article_slug(None, extracted.title) or "bai-viet"
        return _Article(where, extracted, front, slug, base, local_root, warnings, embedded=embedded,
                        dated_now=undated is not None)

    def _read_word(self, path: Path) -> _Article | Outcome:
        """A Word file through the page path (`docx.read_word_file`), dated now when its text has no date."""
        found = read_word_file(path, (self.now or datetime.now(self.config.tz)).astimezone(self.config.tz))
        if found.extracted.not_article:
            return Outcome(str(path), "failed", reason=Msg.of("import.reason.docx_empty"))
        planned = self._plan_article(str(path), found.extracted, None, path.resolve().as_uri(), None,
                                     found.pictures, list(found.warnings))
        if isinstance(planned, _Article):
            planned.dated_now = found.dated_now
        return planned

    def _category(self, crumbs: tuple[str, ...], warnings: list[Msg]) -> str | None:
        for crumb in reversed(crumbs):
            found = _match_section(self.config, crumb)
            if found:
                return found
        if crumbs and self.config.sections:
            names = [s.name for s in self.config.sections]
            warnings.append(Msg.of("import.warn.category", value=crumbs[-1], hint=did_you_mean(crumbs[-1], names)))
        return None

    # -- all articles: paths, links -------------------------------------------------------------
    def _plan_paths(self, articles: list[_Article]) -> list[_Article]:
        """Give each article a free bundle path and address; one already there with the same title and
        date (a text imported before: it has no source_url to know it by) is skipped."""
        planned = []
        taken = article_urls(self.config) if articles else {}     # address -> file, drafts included
        for article in articles:
            existing = bundle_path(self.config, article.front.date, article.slug)
            if article.front.source_url is None and _same_article(self.config.site_dir / existing, article.front,
                                                                  article.dated_now):
                self.outcomes.append(Outcome(article.source, "skipped", existing,
                                             Msg.of("import.reason.already", path=existing)))
                continue
            planned.append(article)
            claim_address(self.config, article, taken, self.claimed, self.aliases)
        return planned

    def _rewrite_links(self, articles: list[_Article]) -> None:
        """Links to articles imported now or before lead to their Markdown file (so to their new page)."""
        targets = dict(self.known)
        targets.update({a.front.source_url: a.path for a in articles if a.front.source_url})
        by_path = {_key(url): path for url, path in targets.items()}
        for article in articles:
            folder = posixpath.dirname(article.path)

            def swap(match: re.Match, article=article, folder=folder) -> str:
                href = match.group(2)
                address = urljoin(article.base, href)
                target = by_path.get(_key(address))
                if target and target != article.path:
                    return f"{match.group(1)}({posixpath.relpath(target, folder)})"
                if urlsplit(href).scheme or href.startswith("#"):
                    return match.group(0)
                if address.startswith(("http://", "https://")):
                    return f"{match.group(1)}({address})"  # the old portal's page, until it is imported too
                return match.group(1)[1:-1]                  # a saved page's link to its own folder: text only
            body = re.sub(r"(\[[^\]]*\])\(([^)\s]+)\)", swap, article.extracted.body)
            article.extracted = replace(article.extracted, body=body)

    # -- one article: write it ------------------------------------------------------------------
    def _write_safely(self, article: _Article) -> Outcome:
        try:
            return self._write(article)
        except Exception as exc:  # noqa: BLE001 - one article's trouble must not lose the others
            return Outcome(article.source, "failed", reason=Msg.of("import.reason.unexpected",
                                                                   detail=f"{type(exc).__name__}: {exc}"))

    def _write(self, article: _Article) -> Outcome:
        """The bundle appears whole or not at all: photos and index.md are written into a hidden folder
        beside it (builds skip hidden names), which is then renamed into place."""
        folder = self.config.site_dir / posixpath.dirname(article.path)
        if not _inside(folder, self.config.content_dir.resolve()):
            return Outcome(article.source, "failed", reason=Msg.of("import.reason.outside", path=article.path))
        if self.options.dry_run:
            return Outcome(article.source, "imported", article.path, warnings=tuple(article.warnings))
        if folder.exists():                                  # never into a folder that exists
            return Outcome(article.source, "failed", reason=Msg.of("import.reason.taken", path=article.path))
        staging = folder.parent / f".bantin-import-{folder.name}-{os.getpid()}-{threading.get_ident()}"
        try:
            staging.mkdir(parents=True)
            text = self._write_bundle(article, staging)
            with open(staging / "index.md", "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.rename(staging, folder)                       # fails if the folder appeared meanwhile
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if folder.exists():
                return Outcome(article.source, "failed", reason=Msg.of("import.reason.taken", path=article.path))
            return Outcome(article.source, "failed", reason=Msg.of("import.reason.write",
                                                                   detail=exc.strerror or str(exc)))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return Outcome(article.source, "imported", article.path, warnings=tuple(article.warnings))

    def _write_bundle(self, article: _Article, folder: Path) -> str:
        """Save the photos into `folder`; the text of index.md."""
        lang = self.options.lang
        images, placeholders = [], {}
        photos = article.extracted.photos
        names: set[str] = set()
        from_text = [p for p in photos if not p.src]
        for number, photo in enumerate(p for p in photos if p.src):
            saved = self._save_photo(photo.src, article, folder, number + 1, names, photo.caption)
            if isinstance(saved, Msg):
                article.warnings.append(saved)
            else:
                images.append(ImageRef(src=saved, caption=photo.caption, alt=photo.alt))
        notes = {}
        if from_text:
            placeholders["images"] = tuple(ImageRef(src=f"anh-{i + 1}.jpg", caption=p.caption)
                                           for i, p in enumerate(from_text))
            notes["images"] = render_message(Msg.of("import.note.images"), lang)
            article.warnings.append(Msg.of("import.warn.photos_from_text", count=len(from_text),
                                           first=from_text[0].caption[:80]))
        if article.extracted.awards:
            placeholders["awards"] = article.extracted.awards
            notes["awards"] = render_message(Msg.of("import.note.awards"), lang)
            article.warnings.append(Msg.of("import.warn.awards", count=len(article.extracted.awards)))
        front = replace(article.front, images=tuple(images))
        return dump_front_matter(front, tz=self.config.tz, notes=notes, placeholders=placeholders) + \
            article.extracted.body

    def _save_photo(self, src: str, article: _Article, folder: Path, number: int, names: set[str],
                    caption: str = "") -> str | Msg:
        address = urljoin(article.base, src)
        embedded = article.embedded.get(src)
        try:
            if embedded is not None:                # a picture inside a Word file
                if embedded.problem:
                    return Msg.of("import.warn.word_picture", src=src, caption=caption or "-",
                                  reason=embedded.problem)
                data = embedded.data
            elif address.startswith("file:"):
                path = Path(unquote(urlsplit(address).path))
                if article.local_root is None or not _inside(path, article.local_root) or not path.is_file():
                    return Msg.of("import.warn.photo", src=src, reason=Msg.of("import.reason.missing"))
                data = path.read_bytes()
            else:
                fetched = self.fetcher.get(address)
                if fetched.status >= 400:
                    raise FetchError(Msg.of("import.reason.http", status=fetched.status))
                data = fetched.data
            info = read_image_info(data)
        except FetchError as exc:
            return Msg.of("import.warn.photo", src=src, reason=exc.msg)
        except ImageError as exc:
            return Msg.of("import.warn.photo", src=src, reason=Msg.of("import.reason.not_image", detail=exc.reason))
        except OSError as exc:
            return Msg.of("import.warn.photo", src=src, reason=Msg.of("import.reason.write",
                                                                        detail=exc.strerror or str(exc)))
        stem = vi.slugify(posixpath.splitext(posixpath.basename(unquote(urlsplit(address).path)))[0]) \
            or f"anh-{number}"
        name = stem[:60] + IMAGE_EXTENSIONS.get(info.format.upper(), ".jpg")
        while name in names:
            name = f"{stem[:56]}-{number}{posixpath.splitext(name)[1]}"
            number += 1
        names.add(name)
        try:
            with open(folder / name, "xb") as handle:
                handle.write(data)
        except OSError as exc:
            return Msg.of("import.warn.photo", src=src, reason=Msg.of("import.reason.write",
                                                                        detail=exc.strerror or str(exc)))
        return name


def article_date(date_text: str | None, config: SiteConfig, now: datetime,
                 text_file: bool) -> tuple[datetime, Msg | None]:
    """The article's date, and None; or, when the page gives no date that can be, the import's
    time with the warning that the article is a draft until an editor dates it (saying how, for a
    text file or for a page)."""
    if date_text:
        try:
            return vi.parse_datetime(date_text, config.tz), None
        except vi.DateFormatError:
            pass
    stand_in = now.astimezone(config.tz).replace(second=0, microsecond=0)
    key = "import.warn.no_date_text" if text_file else "import.warn.no_date_page"
    if date_text:
        key = "import.warn.bad_date"
    return stand_in, Msg.of(key, text=date_text or "", date=vi.format_datetime(stand_in))


def _same_article(path: Path, front: FrontMatter, title_only: bool = False) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    split, _ = split_front_matter(text, "-")
    doc, _ = parse_yaml(split.front, "-") if split else (None, None)
    value = doc.value if doc is not None and isinstance(doc.value, dict) else {}
    return value.get("title") == front.title and (title_only or value.get("date") == vi.format_datetime(front.date))


def _key(url: str) -> str:
    """An address as compared for link rewriting: no fragment, no 'www.', no trailing slash, no scheme."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False


def _match_section(config: SiteConfig, name: str) -> str | None:
    section = config.match_section(name, loose=True)
    return section.name if section else None


def _section(config: SiteConfig, name: str) -> str:
    found = _match_section(config, name) if config.sections else " ".join(vi.nfc(name).split())
    if found is None:
        names = [s.name for s in config.sections]
        raise UsageError(Msg.of("new.category_unknown", value=name, hint=did_you_mean(name, names),
                                choices="; ".join(names)))
    return found


def claim_address(config: SiteConfig, article: _Article, taken: dict[str, str], claimed: set[str],
                  owners: dict[str, str]) -> None:
    """Give `article` the first slug whose folder is free, on disk and in this run (`claimed`), and
    whose address is in no other article's (`taken`, which it joins); `slug:` is written when it is not
    the title's own. Then keep the old addresses it can answer (`kept_aliases`)."""
    date, section = article.front.date, section_slug(config, article.front.category)
    slug = free_slug(config, date, article.slug, taken, section)
    number = 2
    while bundle_path(config, date, slug) in claimed:
        slug = free_slug(config, date, f"{article.slug}-{number}", taken, section)
        number += 1
    article.slug, article.path = slug, bundle_path(config, date, slug)
    claimed.add(article.path)
    new_url = urls.article_url(config.permalink, date, slug, section)
    taken[new_url] = article.path
    if slug != vi.article_slug(None, article.front.title):
        article.front = replace(article.front, slug=slug)
    article.front = replace(article.front, aliases=kept_aliases(config, article, new_url, owners))


def kept_aliases(config: SiteConfig, article: _Article, new_url: str, owners: dict[str, str]) -> tuple[str, ...]:
    """The old addresses a redirect page can answer: not the new page's own, not one another article
    answers already (`owners`, alias -> file: a warning), and inside the site's folder under a sub-path
    (outside, a warning with the web server's redirect to add)."""
    base = urls.base_path(config.base_url)
    kept = []
    for alias in article.front.aliases:
        path, _, query = alias.partition("?")
        below = urls.below_base(path, base)
        if below is None:
            article.warnings.append(Msg.of("import.warn.alias_outside_base", value=alias, base=base,
                                           nginx=urls.nginx_redirect(path, query, base + new_url)))
            continue
        if below == new_url:
            continue
        owner = owners.setdefault(alias, article.path)
        if owner != article.path:            # an old address answers for one article only
            article.warnings.append(Msg.of("import.warn.alias_taken", value=alias, path=owner))
            continue
        kept.append(alias)
    return tuple(kept)


def imported_sources(config: SiteConfig) -> tuple[dict[str, str], dict[str, str]]:
    """(source_url -> index.md, alias -> index.md) over the site's articles: what earlier runs imported,
    and which old addresses are already taken."""
    sources: dict[str, str] = {}
    aliases: dict[str, str] = {}
    if not config.content_dir.is_dir():
        return sources, aliases
    for path in sorted(config.content_dir.rglob("*.md")):
        try:
            head = path.read_bytes()[:65536].decode("utf-8", "replace")
        except OSError:
            continue
        if "source_url:" not in head and "aliases:" not in head:
            continue
        split, _ = split_front_matter(head.replace("\r\n", "\n"), "-")
        doc, _ = parse_yaml(split.front, "-") if split else (None, None)
        data = doc.value if doc is not None and isinstance(doc.value, dict) else {}
        rel = path.relative_to(config.site_dir).as_posix()
        value = data.get("source_url")
        if isinstance(value, str) and value.strip():
            sources.setdefault(value.strip(), rel)
        found = data.get("aliases")
        for alias in [found] if isinstance(found, str) else found if isinstance(found, list) else []:
            normal = normalise_alias(alias)[0] if isinstance(alias, str) else None
            if normal:
                aliases.setdefault(normal, rel)
    return sources, aliases
