"""Count the pages of a built site by kind, for bantin's and Hugo's output folders side by side.

    python bench/pagecount.py BANTIN_BUILD HUGO_PUBLIC

A fair timing needs both tools to write the same pages. Every output file is classified by its URL
alone (the URL scheme is bantin's, which the Hugo twin copies): articles, the home page and its
`trang/N/` pages, section / tag / author lists and their pages, the three term indexes, year /
month / day archives and their pages, feeds (RSS and Atom), sitemaps and robots.txt, 404, other
HTML (e.g. Hugo's `trang/1/` redirects, or an unexpected index), and assets (photos, CSS; not
pages). Prints a Markdown table and, for each kind whose URL sets differ, a few URLs found in only
one folder. Exit status 1 when a page kind's count differs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

KINDS = (
    "article", "home", "home pages", "section list", "section pages", "tag list", "tag pages",
    "author list", "author pages", "term index", "year archive", "year pages", "month archive",
    "month pages", "day archive", "day pages", "feed", "sitemap", "404", "other HTML", "asset",
)
PAGE_KINDS = tuple(k for k in KINDS if k != "asset")

_TERM = {"chuyen-muc": "section", "tu-khoa": "tag", "tac-gia": "author"}
_PAGED = re.compile(r"^(?P<base>.*?)(?:trang/(?P<n>\d+)/)?$")
_Y, _M, _D = r"\d{4}", r"\d{2}", r"\d{2}"


def classify(rel: str) -> str:
    """The kind of the output file at `rel` (a POSIX path relative to the output folder)."""
    name = rel.rsplit("/", 1)[-1]
    if rel == "404.html":
        return "404"
    if name in ("feed.xml", "atom.xml", "index.xml"):
        return "feed"
    if rel in ("sitemap.xml", "news-sitemap.xml", "robots.txt") or re.fullmatch(r"sitemap-\d+\.xml", rel):
        return "sitemap"
    if name != "index.html":
        return "asset" if not name.endswith(".html") else "other HTML"
    url = rel[: -len("index.html")]             # '' for the home page, 'a/b/' otherwise
    match = _PAGED.match(url)
    base, number = match["base"], match["n"]
    paged = number is not None
    if paged and number == "1":
        return "other HTML"                     # a redirect to the list's first page
    parts = [p for p in base.split("/") if p]
    if not parts:
        return "home pages" if paged else "home"
    if parts[0] in _TERM:
        if len(parts) == 1 and not paged:
            return "term index"
        if len(parts) == 2:
            kind = _TERM[parts[0]]
            return f"{kind} pages" if paged else f"{kind} list"
        return "other HTML"
    if re.fullmatch(_Y, parts[0]):
        shape = [bool(re.fullmatch(p, s)) for p, s in zip((_Y, _M, _D), parts)]
        if len(parts) == 4 and all(shape) and not paged:
            return "article"
        if len(parts) <= 3 and all(shape):
            kind = ("year", "month", "day")[len(parts) - 1]
            return f"{kind} pages" if paged else f"{kind} archive"
    return "other HTML"


def count_pages(folder: Path) -> tuple[Counter, dict[str, set[str]]]:
    """Counts per kind and the relative paths of each kind (hidden files such as `.bantin-output` skipped)."""
    counts: Counter = Counter()
    paths: dict[str, set[str]] = defaultdict(set)
    folder = Path(folder)
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        kind = classify(rel)
        counts[kind] += 1
        paths[kind].add(rel)
    return counts, paths


def render_table(bantin: Path, hugo: Path, examples: int = 3) -> tuple[list[str], bool]:
    """Markdown lines comparing the two folders, and whether every page kind matches."""
    (b_counts, b_paths), (h_counts, h_paths) = count_pages(bantin), count_pages(hugo)
    lines = ["| kind | bantin | hugo | difference |", "|---|---:|---:|---:|"]
    same = True
    for kind in KINDS:
        b, h = b_counts.get(kind, 0), h_counts.get(kind, 0)
        if kind in PAGE_KINDS and b != h:
            same = False
        lines.append(f"| {kind} | {b} | {h} | {h - b:+d} |" if b != h else f"| {kind} | {b} | {h} | |")
    b_pages = sum(b_counts[k] for k in PAGE_KINDS)
    h_pages = sum(h_counts[k] for k in PAGE_KINDS)
    lines.append(f"| **all pages** (not assets) | **{b_pages}** | **{h_pages}** | {h_pages - b_pages:+d} |")
    notes = []
    for kind in PAGE_KINDS:
        only_b = sorted(b_paths[kind] - h_paths[kind])
        only_h = sorted(h_paths[kind] - b_paths[kind])
        if only_b or only_h:
            notes.append(f"- {kind}: {len(only_b)} only in bantin ({', '.join(only_b[:examples])}), "
                         f"{len(only_h)} only in hugo ({', '.join(only_h[:examples])})")
    if notes:
        lines += ["", "URLs found in one folder only:"] + notes
    return lines, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bantin", type=Path, help="bantin's output folder (build/)")
    parser.add_argument("hugo", type=Path, help="Hugo's output folder (public/ or --destination)")
    args = parser.parse_args(argv)
    lines, same = render_table(args.bantin, args.hugo)
    print("\n".join(lines))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
