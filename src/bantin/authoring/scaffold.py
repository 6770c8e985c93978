"""Starting points for editors: `bantin init` writes a new site, `bantin new` a new article.

Neither ever overwrites a file: every file is created with an exclusive open, so an existing one
is kept (init) or refused with a clear message (new). The example site is package data in
`bantin/scaffold/`: a `site.yaml`, one article bundle that shows every front matter field, and
`templates/` and `static/` folders that override the built-in theme by file name.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..config import CONFIG_FILE, SLUG, SiteConfig, is_base_url
from ..content.frontmatter import AttachmentRef, AwardRef, FrontMatter, ImageRef, VideoRef, dump_front_matter, yaml_scalar
from ..core import urls, vi
from ..core.errors import UsageError, did_you_mean
from ..core.messages import Msg, render_message
from .bundles import article_urls, bundle_path, free_slug, section_slug, slug_taken

SCAFFOLD = "scaffold"
GITIGNORE = "/build/\n/.build.*/\n/.bantin-cache/\n"
SEPARATOR = "; "    # between section names, which may contain commas ('Phòng cháy, chữa cháy')


@dataclass(frozen=True, slots=True)
class InitReport:
    site_dir: Path
    created: tuple[str, ...]     # site-relative paths of the files written
    kept: tuple[str, ...]        # files that already existed and were left alone


@dataclass(frozen=True, slots=True)
class NewArticle:
    path: Path                   # the new index.md
    rel: str                     # its site-relative path
    author_known: bool           # False: the author line is a commented placeholder


# ---------------------------------------------------------------------------------------------
# bantin init

def write_new_site(target: Path, *, title: str | None = None, base_url: str | None = None,
                   force: bool = False) -> InitReport:
    """Copy the example site into `target`. Refuses a non-empty folder unless `force`; never overwrites."""
    target = Path(target)
    for folder in (target, *target.parents):
        if folder.exists() and not folder.is_dir():   # 'f/sub' where f is a file
            raise UsageError(Msg.of("init.not_folder", dir=str(folder)))
    if target.is_dir() and not force and any(not p.name.startswith(".") for p in target.iterdir()):
        raise UsageError(Msg.of("init.not_empty", dir=str(target)))
    overrides = _site_overrides(title, base_url)
    files = dict(_scaffold_files(resources.files("bantin").joinpath(SCAFFOLD), ""))
    files[CONFIG_FILE] = _override_lines(files[CONFIG_FILE].decode("utf-8"), overrides).encode("utf-8")
    files[".gitignore"] = GITIGNORE.encode("utf-8")
    created, kept = [], []
    for rel in sorted(files):
        try:
            (created if _create(target / rel, files[rel]) else kept).append(rel)
        except OSError as exc:
            raise UsageError(Msg.of("init.cannot_write", path=str(target / rel),
                                    reason=exc.strerror or str(exc))) from None
    return InitReport(target, tuple(created), tuple(kept))


def _site_overrides(title: str | None, base_url: str | None) -> dict[str, str]:
    overrides = {}
    if title is not None:
        title = clean_text(title, "--title")
        if not title:
            raise UsageError(Msg.of("value.empty", key="--title"))
        overrides["title"] = yaml_scalar(title)
    if base_url is not None:
        base_url = clean_text(base_url, "--base-url").rstrip("/")
        if not is_base_url(base_url):
            raise UsageError(Msg.of("config.base_url", value=base_url))
        overrides["base_url"] = yaml_scalar(base_url)
    return overrides


def _override_lines(text: str, overrides: dict[str, str]) -> str:
    """Replace the value of top-level `key:` lines; comments and every other line stay as they are."""
    for key, value in overrides.items():
        text = re.sub(rf"^{key}:.*$", lambda _m, k=key, v=value: f"{k}: {v}", text, count=1, flags=re.MULTILINE)
    return text


def _scaffold_files(folder: Traversable, prefix: str):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name == "__pycache__":
            continue
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _scaffold_files(entry, rel + "/")
        else:
            yield rel, entry.read_bytes()


def _create(path: Path, data: bytes) -> bool:
    """Write a new file; False (and nothing written) when something is already there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# bantin new

def write_new_article(config: SiteConfig, title: str, *, category: str | None = None,
                      author: str | None = None, slug: str | None = None, now: datetime | None = None,
                      lang: str = "vi", git_name: Callable[[Path], str | None] | None = None) -> NewArticle:
    """Create `content/YYYY/MM/<slug>/index.md` (site time) with the front matter filled in."""
    title = clean_text(title, "TITLE")
    if not title:
        raise UsageError(Msg.of("new.title_empty"))
    if slug is not None:
        slug = clean_text(slug, "--slug")
        if not SLUG.match(slug):
            raise UsageError(Msg.of("new.slug_bad", value=slug, suggestion=vi.slugify(slug, max_length=0) or "bai-viet"))
    final_slug = vi.article_slug(slug, title)
    if not final_slug:
        raise UsageError(Msg.of("new.slug_empty", title=title))
    section_name = _section_name(config, clean_text(category, "--category") if category else None)
    authors = _authors(config, clean_text(author, "--author") if author else None, git_name or git_user_name)

    local = (now or datetime.now(timezone.utc)).astimezone(config.tz).replace(microsecond=0)
    rel = bundle_path(config, local, final_slug)
    taken, section = article_urls(config), section_slug(config, section_name)
    _refuse_taken(config, local, final_slug, taken, section)
    text = render_article_stub(config, title=title, date=local, authors=authors, section=section_name,
                               slug=slug, lang=lang)
    path = config.site_dir / rel
    if not _create(path, text.encode("utf-8")):  # created by someone else in the meantime
        raise UsageError(Msg.of("new.exists", path=rel.rsplit("/", 1)[0],
                                suggestion=free_slug(config, local, final_slug, taken, section)))
    return NewArticle(path, rel, bool(authors))


def _refuse_taken(config: SiteConfig, date: datetime, slug: str, taken: dict[str, str], section: str | None) -> None:
    """A usage error when the article's folder exists, or when its address is another article's
    (`permalink: /{section}/{slug}/` gives one address to two months' folders), with a free slug."""
    folder = bundle_path(config, date, slug).rsplit("/", 1)[0]
    if slug_taken(config, date, slug):
        raise UsageError(Msg.of("new.exists", path=folder, suggestion=free_slug(config, date, slug, taken, section)))
    url = urls.article_url(config.permalink, date, slug, section)
    if url in taken:
        raise UsageError(Msg.of("new.url_taken", url=url, path=taken[url],
                                suggestion=free_slug(config, date, slug, taken, section)))


def clean_text(value: str, what: str) -> str:
    """A command-line value as an editor meant it: NFC, one space between words, no control
    characters (DEL, C1, escape codes: a file holding them would not build). Bytes that were not
    UTF-8 (they reach Python as lone surrogates) are refused with a message."""
    if any("\ud800" <= c <= "\udfff" for c in value):
        raise UsageError(Msg.of("text.not_utf8", what=what))
    value = "".join(c for c in vi.nfc(value) if unicodedata.category(c) != "Cc" or c.isspace())
    return " ".join(value.split())


def render_article_stub(config: SiteConfig, *, title: str, date: datetime, authors: tuple[str, ...],
                        section: str | None, slug: str | None, lang: str) -> str:
    """The text of a new article: filled-in front matter, commented examples, and a body that is one
    placeholder paragraph (an article holding it is never published: `parse.unwritten`)."""
    names = [s.name for s in config.sections]
    choices = SEPARATOR.join(names) if names else render_message(Msg.of("new.no_sections"), lang)
    front = FrontMatter(title=title, date=date, authors=authors, category=section, slug=slug)

    def say(key: str, **params) -> str:
        return render_message(Msg.of(key, **params), lang)
    notes = {key: say(f"new.note.{key}") for key in
             ("title", "date", "author", "slug", "tags", "summary", "draft", "images", "awards", "attachments",
              "videos")}
    notes["category"] = say("new.note.category", choices=choices)
    placeholders = {
        "author": say("new.author_placeholder"),
        "category": names[0] if names else "",
        "slug": vi.article_slug(None, title),
        "tags": tuple(say("new.example.tags").split("; ")),
        "summary": say("new.example.summary"),
        "images": (ImageRef(src="anh-1.jpg", caption=say("new.example.caption"),
                            alt=say("new.example.alt"), line=None),),
        "awards": (EXAMPLE_AWARD,),
        "attachments": (AttachmentRef(src="thong-bao.pdf", title=say("new.example.document")),),
        "videos": (VideoRef(src="video.mp4", caption=say("new.example.video")),),
    }
    return dump_front_matter(front, tz=config.tz, notes=notes, placeholders=placeholders) + \
        say("new.body_placeholder") + "\n"


EXAMPLE_AWARD = AwardRef(types=("Bằng khen", "Giấy khen"), givers=("Chủ tịch UBND tỉnh", "Giám đốc Công an tỉnh"),
                         recipients=("Công an xã Mỹ Lợi",), collectives=3, individuals=12,
                         reason="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc")


def _section_name(config: SiteConfig, category: str | None) -> str | None:
    if category is None or not category.strip():
        return None
    if not config.sections:
        return " ".join(vi.nfc(category).split())
    section = config.match_section(category, loose=True)
    if section is None:
        names = [s.name for s in config.sections]
        raise UsageError(Msg.of("new.category_unknown", value=category,
                                hint=did_you_mean(category, names, key=vi.fold), choices=SEPARATOR.join(names)))
    return section.name


def _authors(config: SiteConfig, author: str | None,
             git_name: Callable[[Path], str | None]) -> tuple[str, ...]:
    if author:
        return (author,)
    if config.author:
        return config.author
    name = git_name(config.site_dir)
    name = clean_text(name, "git user.name") if name else ""
    return (name,) if name else ()


def git_user_name(folder: Path) -> str | None:
    """`git config user.name` as seen from `folder`, or None when git is missing or has no name."""
    try:
        result = subprocess.run(["git", "config", "user.name"], cwd=folder, capture_output=True,
                                text=True, errors="replace", timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


