"""The README's table of template variables is the page plan's contexts, field for field."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

from bantin.site import pages

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CONTEXTS = {"article.html": pages.ArticleContext, "index.html": pages.HomeContext, "list.html": pages.ListContext,
            "terms.html": pages.TermsContext, "archive_year.html": pages.ArchiveContext,
            "404.html": pages.NotFoundContext, "a template named in `pages:`": pages.ExtraContext,
            "redirect.html": pages.AliasContext, "search.html": pages.SearchContext, "khen_thuong.html": pages.HonorsContext,
            "khen_thuong_nam.html": pages.HonorsYearContext, "don_vi.html": pages.RecipientContext,
            "tai_lieu.html": pages.DocumentsContext}


THEME_TABLE = README[README.index("| template | variables (besides the globals) |"):]


def row(name: str) -> str:
    for line in THEME_TABLE.splitlines()[2:]:
        if not line.startswith("| "):
            break
        cell = line.split("|")[1]
        if f"`{name}`" in cell or cell.strip() == name:
            return line.split("|")[2]
    raise AssertionError(f"no row for {name} in the README's theme table")


def outside_parentheses(text: str) -> str:
    kept, depth = [], 0
    for char in text:
        depth += char == "("
        if not depth:
            kept.append(char)
        depth -= char == ")" and depth > 0
    return "".join(kept)


def test_every_context_field_is_documented_and_nothing_else():
    for template, context in CONTEXTS.items():
        documented = set(re.findall(r"`(\w+)`", outside_parentheses(row(template))))
        assert {f.name for f in fields(context)} == documented, template


def test_every_planned_template_has_a_context_in_the_table():
    planned = set(pages.LIST_TEMPLATES.values()) | set(pages.ARCHIVE_TEMPLATES.values()) | {"article.html", pages.NOT_FOUND,
                                                                                           "terms.html", pages.ALIAS_TEMPLATE,
                                                                                           pages.SEARCH_TEMPLATE,
                                                                                           pages.DOCUMENTS_TEMPLATE} | \
        set(pages.HONORS_TEMPLATES.values())
    assert planned <= set(CONTEXTS) | {"archive_month.html", "archive_day.html"}
