"""The inputs of a build, found by one walk with one set of rules (MkDocs' `Files` inventory).

Build, check and serve all read this inventory, so they can never disagree about what a site is
made of: the articles (`content/**.md`), the other files of their folders (photos), the templates
(the site's `templates/` over the built-in theme's) and the static files (the site's `static/`
over the theme's), plus `site.yaml`.

The rules, the same in every folder:
- names starting with '.' are not inputs (editor swap files, `.git`, `.DS_Store`);
- under `content/`, names starting with '_' are not inputs either (notes, drafts kept aside);
- a `README.md`/`README.txt` at the top of `static/` documents the folder and is not published;
- a symbolic link is followed only when it leads to somewhere inside the site folder; one that
  leads out is reported (`file.outside_site`) and left out, so nothing vanishes silently.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_FILE
from .errors import Problem, error

THEME_DIR = Path(__file__).parent / "theme"
BUILTIN_TEMPLATES = THEME_DIR / "templates"
BUILTIN_STATIC = THEME_DIR / "static"
BUILTIN_LABEL = "<bantin>/theme/templates"
UNPUBLISHED = frozenset({"readme.md", "readme.txt"})   # notes about static/ itself, at its top
CONTENT, TEMPLATES, STATIC = "content", "templates", "static"


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a build reads, by site-relative path (theme files by their path in the theme)."""

    site_dir: Path
    articles: tuple[str, ...]                   # 'content/2024/09/x/index.md', sorted
    content_files: tuple[str, ...]              # every other file under content/ (photos), sorted
    templates: tuple[tuple[str, Path], ...]     # (template name, file): the site's, then the theme's
    static: Mapping[str, Path]                  # static-relative path -> file, the site's over the theme's
    problems: tuple[Problem, ...] = ()

    def site_files(self) -> Iterator[str]:
        """The site's own input files, site-relative: what an editor can change."""
        yield CONFIG_FILE
        yield from self.articles
        yield from self.content_files
        for path in [path for _, path in self.templates] + list(self.static.values()):
            if path.is_relative_to(self.site_dir):
                yield path.relative_to(self.site_dir).as_posix()

    def templates_fingerprint(self) -> str:
        """A hash of every template the environment can load (names and bytes)."""
        digest = hashlib.blake2b(digest_size=16)
        for name, path in self.templates:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""
            digest.update(name.encode("utf-8") + b"\0" + data + b"\0")
        return digest.hexdigest()


def find_inputs(site_dir: Path, *, theme: bool = True) -> Inputs:
    """Walk the site once (it needs no config, so a preview can watch a site whose site.yaml is broken);
    `theme=False` leaves out the built-in theme's files (what a watcher of the site's own files wants)."""
    walk = _Walk(site_dir.resolve())
    content = walk.files(site_dir / CONTENT, CONTENT, skip_prefixes=(".", "_"))
    templates = [(name, Path(path)) for name, path in walk.files(site_dir / TEMPLATES, TEMPLATES, relative=True)]
    if theme:
        templates += [(name, Path(path)) for name, path in _Walk(THEME_DIR.resolve()).files(BUILTIN_TEMPLATES, "",
                                                                                               relative=True)]
    static: dict[str, Path] = {}
    roots = ((BUILTIN_STATIC, _Walk(THEME_DIR.resolve()), ""),) if theme else ()
    for root, walker, label in roots + ((site_dir / STATIC, walk, STATIC),):
        for name, path in walker.files(root, label, relative=True):
            if "/" in name or name.lower() not in UNPUBLISHED:
                static[name] = Path(path)
    articles = tuple(sorted(rel for rel, _ in content if rel.endswith(".md")))
    others = tuple(sorted(rel for rel, _ in content if not rel.endswith(".md")))
    return Inputs(site_dir=site_dir, articles=articles, content_files=others,
                  templates=tuple(sorted(templates, key=lambda item: item[0])),
                  static=dict(sorted(static.items())), problems=tuple(walk.problems))


class _Walk:
    """The one folder walk: hidden names skipped, links followed only inside `inside`. Strings, not
    `Path`s, while walking: a large archive has tens of thousands of entries."""

    def __init__(self, inside: Path):
        self.inside = inside
        self.problems: list[Problem] = []

    def files(self, root: Path, label: str, *, skip_prefixes: tuple[str, ...] = (".",),
              relative: bool = False) -> list[tuple[str, str]]:
        """(path, file) of every file below `root`: path is `label/rel` (or `rel` when `relative`)."""
        found: list[tuple[str, str]] = []
        seen: set[Path] = set()
        pending = [(str(root), "")]
        while pending:
            folder, rel_dir = pending.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(skip_prefixes):
                    continue
                rel = f"{rel_dir}{entry.name}"
                try:
                    if entry.is_symlink():
                        target = Path(entry.path).resolve()
                        if not target.is_relative_to(self.inside):
                            if label:
                                shown = f"{label}/{rel}"
                                self.problems.append(error(shown, None, "file.outside_site", path=shown))
                            continue
                        if target.is_dir():
                            if target not in seen:
                                seen.add(target)
                                pending.append((entry.path, rel + "/"))
                            continue
                        # a link to a file (or to nothing: reading it says so) is an input
                    elif entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, rel + "/"))
                        continue
                    elif not entry.is_file(follow_symlinks=False):
                        continue        # a socket, a pipe
                except OSError:
                    continue        # gone while we looked
                found.append((rel if relative or not label else f"{label}/{rel}", entry.path))
        return found
