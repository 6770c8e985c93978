"""Models made in memory, for tests of the pure stages (site, page plan) that need no files."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bantin.config import SectionConfig, SiteConfig
from bantin.content.cache import card_digest
from bantin.core import urls, vi
from bantin.core.models import Article, ArticleCard, Term

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SECTIONS = (SectionConfig("An toàn giao thông", "an-toan-giao-thong"),
            SectionConfig("Xây dựng lực lượng", "xay-dung-luc-luong"))


def a_config(**overrides) -> SiteConfig:
    fields = dict(site_dir=Path("/nonexistent"), title="Công an tỉnh Thử nghiệm", base_url="https://congan.example.vn",
                  sections=SECTIONS, author=("Phòng Tham mưu",))
    fields.update(overrides)
    return SiteConfig(**fields)


def a_term(kind: str, name: str) -> Term:
    slug = vi.slugify(name)
    return Term(kind, name, slug, urls.term_url(kind, slug))


def an_article(title: str = "Hội nghị sơ kết", date: datetime = datetime(2024, 9, 27, 8, 30, tzinfo=TZ), *,
               section: str | None = "An toàn giao thông", tags: tuple[str, ...] = (),
               authors: tuple[str, ...] = ("Dương Út",), body: str = "<p>Nội dung.</p>", **card_fields) -> Article:
    slug = vi.slugify(title)
    url = urls.article_url("/{year}/{month}/{day}/{slug}/", date, slug, None)
    card = ArticleCard(
        path=card_fields.pop("path", f"content/{date:%Y/%m}/{slug}/index.md"), title=title, slug=slug, date=date,
        updated=card_fields.pop("updated", None), authors=tuple(a_term("author", a) for a in authors),
        source="ĐTO", section=a_term("section", section) if section else None,
        tags=tuple(a_term("tag", t) for t in tags), summary=card_fields.pop("summary", title), draft=False,
        figures=(), awards=card_fields.pop("awards", ()), url=url, output_path=urls.output_path(url), **card_fields)
    card = replace(card, digest=card_digest(card))
    return Article(card, body, digest=card.digest + vi.slugify(body))
