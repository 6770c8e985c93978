"""`site.yaml` -> `SiteConfig`: a frozen, validated description of the site; every problem at once."""

from __future__ import annotations

import posixpath
import re
import zoneinfo
from dataclasses import dataclass, field, fields
from pathlib import Path

from .core import vi
from .core.decode import decode_text
from .core.errors import BuildFailed, UsageError, error
from .core.messages import Msg
from .core.yamldoc import FieldReader, kind_of, parse_yaml

CONFIG_FILE = "site.yaml"
MAX_SECTIONS = 100      # every page lists every section in its menu; beyond this no reader finds one
_THEME_STATIC = Path(__file__).parent / "theme" / "static"
_HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
_SITE_PATH = re.compile(r"^/(?![/\\])[^\s]*$")      # '/gop-y/' on the site's own host; not '//host'

_PERMALINK_FIELDS = {"year", "month", "day", "slug", "section"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")         # a slug an editor may write (config, `bantin new`)
_BASE_URL = re.compile(r"^https?://[^\s/]+")
_PAGE_URL = re.compile(r"^/(?:[a-z0-9][a-z0-9._-]*/)*$")
_TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(?:html|xml|txt)$")


@dataclass(frozen=True, slots=True)
class SectionConfig:
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class ExtraPage:
    """A page a site adds in `site.yaml` (`pages:`), rendered from its own template with the built site."""

    url: str                            # '/khen-thuong/'
    template: str                       # 'khen_thuong.html', in the site's templates/
    title: str = ""
    sitemap: bool = True
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ImportSelectors:
    """CSS selectors for `bantin import`, for an old portal whose layout the heuristics miss
    (`import: {title: "h1.title", date: ".date", body: ".news-content"}`); None: guess."""

    title: str | None = None
    date: str | None = None
    body: str | None = None
    author: str | None = None
    category: str | None = None         # the breadcrumb's links
    tags: str | None = None
    remove: tuple[str, ...] = ()        # boilerplate inside the body: share buttons, related lists...


IMPORT_KEYS = tuple(ImportSelectors.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class HonorsConfig:
    """The honors roll (`honors:` in site.yaml): every award of the published articles, by year and recipient."""

    enabled: bool = True
    title: str = "Khen thưởng"
    path: str = "/khen-thuong/"         # the roll's URL; year and recipient pages sit below it


@dataclass(frozen=True, slots=True)
class ImageSettings:
    """`images:` in site.yaml: the resized versions every photo is published as."""

    widths: tuple[int, ...] = (160, 240, 320, 480, 640, 800, 1200, 1600)  # never upscaled
    formats: tuple[str, ...] = ("webp",)        # the srcset's format(s); a JPEG/PNG fallback always
    fallback_width: int = 800                   # width of the JPEG (PNG for transparency) fallback
    quality: int = 75
    keep_metadata: tuple[str, ...] = ()         # 'copyright', 'artist'; GPS and the rest never
    publish_originals: bool = False             # also publish the photo as the editor left it

    @property
    def key(self) -> tuple:
        """What the bytes of a derivative depend on (besides its source, width and format)."""
        return (self.quality, self.keep_metadata)


IMAGE_FORMATS = ("webp", "avif")
IMAGE_METADATA = ("copyright", "artist")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    site_dir: Path
    title: str
    base_url: str                       # no trailing slash: 'https://congan.example.vn'
    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    source: str = ""                    # default dateline, e.g. 'ĐTO'
    author: tuple[str, ...] = ()        # default author(s) for articles without one
    description: str = ""
    sections: tuple[SectionConfig, ...] = ()
    per_page: int = 20
    permalink: str = "/{year}/{month}/{day}/{slug}/"
    comments_url: str | None = None
    precompress: bool = False           # .gz and .br beside each text file (precompress.py)
    allow_raw_html: bool = False
    logo: str | None = None             # a file under static/, for the header and publisher data
    lists_show_body: bool = False       # lists receive whole articles (with `body_html`), not cards
    pages: tuple[ExtraPage, ...] = ()
    import_selectors: ImportSelectors = field(default=ImportSelectors(), metadata={"key": "import"})
    honors: HonorsConfig = HonorsConfig()
    search: bool = True                 # the search page /tim-kiem/ and its Pagefind index
    images: ImageSettings = ImageSettings()

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def content_dir(self) -> Path:
        return self.site_dir / "content"

    @property
    def templates_dir(self) -> Path:
        return self.site_dir / "templates"

    def absolute(self, url: str) -> str:
        """'/2024/09/27/x/' -> 'https://congan.example.vn/2024/09/27/x/': the one way a site URL becomes absolute."""
        return self.base_url + url

    def section_named(self, name: str) -> SectionConfig | None:
        return find_section(self.sections, name)

    def match_section(self, name: str, *, loose: bool = False) -> SectionConfig | None:
        """The section `name` means: by name (any case) or slug, and with `loose` also typed without
        accents ('an toan giao thong') when exactly one section matches so (`bantin new`, `import`)."""
        section = find_section(self.sections, name)
        if section is None and loose:
            folded = [s for s in self.sections if vi.fold(s.name) == vi.fold(name)]
            section = folded[0] if len(folded) == 1 else None
        return section


def find_section(sections: tuple[SectionConfig, ...], name: str) -> SectionConfig | None:
    """The section an article names, by its name (any case) or its slug."""
    wanted = vi.nfc(name).strip().casefold()
    for section in sections:
        if section.name.casefold() == wanted or section.slug == wanted:
            return section
    return None


@dataclass(frozen=True, slots=True)
class ParseSettings:
    """Exactly what parsing an article reads from `site.yaml`, each field named as in `SiteConfig`.

    The parser receives only this, and the parse memo's salt is its fingerprint: a setting that
    parsing reads cannot be forgotten in the salt, because the parser cannot read anything else.
    """

    timezone: str = "Asia/Ho_Chi_Minh"
    source: str = ""
    author: tuple[str, ...] = ()
    sections: tuple[SectionConfig, ...] = ()
    permalink: str = "/{year}/{month}/{day}/{slug}/"
    allow_raw_html: bool = False
    images: ImageSettings = ImageSettings()

    @classmethod
    def of(cls, config: SiteConfig) -> "ParseSettings":
        return cls(**{name: getattr(config, name) for name in cls.__dataclass_fields__})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def section_named(self, name: str) -> SectionConfig | None:
        return find_section(self.sections, name)


KEYS = tuple(f.metadata.get("key", f.name) for f in fields(SiteConfig) if f.name != "site_dir")


def is_base_url(value: str) -> bool:
    """Is `value` a site address bantin can publish under: http(s), a host, no white space?"""
    return bool(_BASE_URL.match(value)) and not any(c.isspace() for c in value)


def load_config(site_dir: Path) -> SiteConfig:
    """Read and validate `site_dir/site.yaml`. Raises `UsageError` or `BuildFailed`."""
    site_dir = Path(site_dir).resolve()
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        raise UsageError(Msg.of("config.missing", dir=str(site_dir)))
    text, problems = decode_text(path.read_bytes(), CONFIG_FILE)
    if text is None:
        raise BuildFailed(problems)
    return parse_config(text, site_dir)


def parse_config(text: str, site_dir: Path) -> SiteConfig:
    doc, problems = parse_yaml(text, CONFIG_FILE)
    if doc is None:
        raise BuildFailed(problems)
    if not isinstance(doc.value, dict):
        raise BuildFailed([error(CONFIG_FILE, 1, "yaml.not_mapping", what=Msg.of("what.site_yaml"),
                                 found=kind_of(doc.value))])
    r = FieldReader(doc, CONFIG_FILE, problems)
    r.reject_unknown(KEYS)
    defaults = SiteConfig(site_dir=site_dir, title="", base_url="")

    title = r.string("title", required=True) or ""
    base_url = (r.string("base_url", required=True) or "").rstrip("/")
    if base_url and not is_base_url(base_url):
        r.fail("base_url", "config.base_url", value=base_url)
    language = r.string("language", default=defaults.language)
    if language not in ("vi", "en"):
        r.fail("language", "config.language", value=language)
    timezone = r.string("timezone", default=defaults.timezone)
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        r.fail("timezone", "config.timezone", value=timezone)
        timezone = defaults.timezone
    per_page = r.integer("per_page", default=defaults.per_page)
    if not 1 <= per_page <= 500:
        r.fail("per_page", "config.per_page", value=per_page)
    permalink = r.string("permalink", default=defaults.permalink)
    if not _valid_permalink(permalink):
        r.fail("permalink", "config.permalink", value=permalink)

    config = SiteConfig(
        site_dir=site_dir,
        title=title,
        base_url=base_url,
        language=language,
        timezone=timezone,
        source=r.string("source", default="", allow_empty=True),
        author=r.strings("author"),
        description=r.string("description", default="", allow_empty=True),
        sections=_read_sections(r),
        per_page=per_page,
        permalink=permalink,
        comments_url=_read_comments_url(r),
        precompress=r.boolean("precompress", default=False),
        allow_raw_html=r.boolean("allow_raw_html"),
        logo=_read_logo(r, site_dir),
        lists_show_body=r.boolean("lists_show_body"),
        pages=_read_pages(r),
        import_selectors=_read_import(r),
        honors=_read_honors(r),
        search=r.boolean("search", default=True),
        images=_read_images(r),
    )
    if problems:
        raise BuildFailed(problems)
    return config


def _valid_permalink(permalink: str) -> bool:
    fields = set(re.findall(r"{(\w*)}", permalink))
    return (permalink.startswith("/") and permalink.endswith("/") and "slug" in fields
            and fields <= _PERMALINK_FIELDS and ".." not in permalink and "//" not in permalink)


def _read_images(r: FieldReader) -> ImageSettings:
    """`images: {widths, formats, fallback_width, quality, keep_metadata, publish_originals}`."""
    defaults = ImageSettings()
    if "images" not in r.data or r.data["images"] is None:
        return defaults
    if not isinstance(r.data["images"], dict):
        r.mapping("images")
        return defaults
    item = FieldReader(r.doc, r.file, r.problems, r.path + ("images",), "images.")
    item.reject_unknown(ImageSettings.__dataclass_fields__)
    widths = defaults.widths
    if "widths" in item.data:
        raw = item.data["widths"]
        if not isinstance(raw, list) or not raw or not all(
                isinstance(w, int) and not isinstance(w, bool) and 16 <= w <= 8000 for w in raw):
            item.fail("widths", "config.image_widths", value=raw)
        else:
            widths = tuple(sorted(set(raw)))
    formats = item.strings("formats") or defaults.formats
    for name in formats:
        if name not in IMAGE_FORMATS:
            item.fail("formats", "config.image_format", value=name, allowed=", ".join(IMAGE_FORMATS))
            formats = defaults.formats
    quality = item.integer("quality", default=defaults.quality)
    if not 1 <= quality <= 100:
        item.fail("quality", "config.image_quality", value=quality)
        quality = defaults.quality
    keep = item.strings("keep_metadata")
    for name in keep:
        if name not in IMAGE_METADATA:
            item.fail("keep_metadata", "config.image_metadata", value=name, allowed=", ".join(IMAGE_METADATA))
            keep = ()
    fallback = item.integer("fallback_width", default=defaults.fallback_width, minimum=16)
    return ImageSettings(widths=widths, formats=tuple(dict.fromkeys(formats)), fallback_width=fallback,
                         quality=quality, keep_metadata=tuple(sorted(set(keep))),
                         publish_originals=item.boolean("publish_originals"))


def _read_pages(r: FieldReader) -> tuple[ExtraPage, ...]:
    pages: list[ExtraPage] = []
    for item in r.items("pages"):
        item.reject_unknown(("url", "template", "title", "sitemap"))
        url = item.string("url", required=True)
        template = item.string("template", required=True)
        if url is None or template is None:
            continue
        if not _PAGE_URL.match(url) or ".." in url.split("/"):
            item.fail("url", "config.page_url", value=url)
            continue
        if not _TEMPLATE_NAME.match(template) or ".." in template.split("/"):
            item.fail("template", "config.page_template", value=template)
            continue
        pages.append(ExtraPage(url, template, item.string("title", default="", allow_empty=True),
                               item.boolean("sitemap", default=True), line=item.line("url")))
    return tuple(pages)


def _read_honors(r: FieldReader) -> HonorsConfig:
    if "honors" not in r.data or r.data["honors"] is None:
        return HonorsConfig()
    r.mapping("honors")     # a type error for anything but a mapping
    if not isinstance(r.data["honors"], dict):
        return HonorsConfig()
    item = FieldReader(r.doc, r.file, r.problems, r.path + ("honors",), "honors.")
    item.reject_unknown(HonorsConfig.__dataclass_fields__)
    defaults = HonorsConfig()
    path = item.string("path", default=defaults.path) or defaults.path
    if path == "/" or not _PAGE_URL.match(path) or ".." in path.split("/"):
        item.fail("path", "config.honors_path", value=path)
        path = defaults.path
    return HonorsConfig(enabled=item.boolean("enabled", default=True),
                        title=item.string("title", default=defaults.title) or defaults.title, path=path)


def _read_comments_url(r: FieldReader) -> str | None:
    """The comment form's action: an http(s) address, or a path on the site's own host ('/gop-y/'); never
    a `javascript:` one, which would run on submit."""
    url = r.string("comments_url")
    if url is not None and not (_HTTP_URL.match(url) or _SITE_PATH.match(url)):
        r.fail("comments_url", "config.comments_url", value=url)
        return None
    return url


def _read_logo(r: FieldReader, site_dir: Path) -> str | None:
    """A file of the site's `static/` (or the theme's), reported here rather than where a template uses it."""
    logo = r.string("logo")
    if logo is None:
        return None
    rel = logo.lstrip("/")
    normal = posixpath.normpath(rel) if rel else "."
    if "\\" in rel or normal == "." or normal.startswith("..") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", rel):
        r.fail("logo", "config.logo_outside", value=logo)
        return None
    if not any((root / normal).is_file() for root in (site_dir / "static", _THEME_STATIC)):
        r.fail("logo", "config.logo_missing", value=logo)
        return None
    return logo


def _read_sections(r: FieldReader) -> tuple[SectionConfig, ...]:
    if isinstance(r.data.get("sections"), list) and len(r.data["sections"]) > MAX_SECTIONS:
        r.fail("sections", "config.too_many_sections", count=len(r.data["sections"]), limit=MAX_SECTIONS)
        return ()
    sections: list[SectionConfig] = []
    first_line: dict[str, int | None] = {}
    for item in r.items("sections"):
        item.reject_unknown(("name", "slug"))
        name = item.string("name", required=True)
        if not name:
            continue
        slug = item.string("slug") or vi.slugify(name)
        if not SLUG.match(slug):
            item.fail("slug", "config.section_slug", value=slug, suggestion=vi.slugify(slug) or "tin-tuc")
            continue
        for key in (name.casefold(), slug):
            if key in first_line:
                item.fail("name", "config.section_duplicate", name=name, first=first_line[key])
                break
        else:
            first_line[name.casefold()] = first_line[slug] = item.line("name")
            sections.append(SectionConfig(name=name, slug=slug))
    return tuple(sections)


def _read_import(r: FieldReader) -> ImportSelectors:
    if not r.mapping("import"):
        return ImportSelectors()
    item = FieldReader(r.doc, r.file, r.problems, ("import",), "import.")
    item.reject_unknown(IMPORT_KEYS)
    return ImportSelectors(**{key: item.string(key) for key in IMPORT_KEYS if key != "remove"},
                           remove=item.strings("remove"))
