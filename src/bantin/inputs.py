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

The same walk, for a watcher: `list_site_inputs` gives the site's own input files with their stamps
(from the walk's `os.DirEntry`, no second pass), `list_inputs_under` only those below one path (a bundle
folder that just appeared), by the same rules.
"""

from __future__ import annotations

import hashlib
import os
import stat
from bisect import bisect_left, insort
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from .config import CONFIG_FILE
from .core.errors import Problem, error

THEME_DIR = Path(__file__).parent / "theme"
BUILTIN_TEMPLATES = THEME_DIR / "templates"
BUILTIN_STATIC = THEME_DIR / "static"
BUILTIN_LABEL = "<bantin>/theme/templates"
UNPUBLISHED = frozenset({"readme.md", "readme.txt"})   # notes about static/ itself, at its top
CONTENT, TEMPLATES, STATIC = "content", "templates", "static"
ROOTS = (CONTENT, TEMPLATES, STATIC)    # the site's folders of inputs; with site.yaml, all a site is made of
Stamp = tuple[int, int, int]            # (st_mtime_ns, st_size, st_ino): a file changed when its stamp did


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


@dataclass(frozen=True, slots=True)
class StampedFiles:
    """The site's own input files with their stamps, from one walk: what a watcher compares."""

    files: Mapping[str, Stamp]      # site-relative input path -> stamp
    links: Mapping[str, str]        # each link followed: site-relative path -> site-relative real target
    problems: tuple[Problem, ...] = ()


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


def with_content(inputs: Inputs, before: frozenset[str], after: frozenset[str]) -> Inputs | None:
    """`inputs` (what `find_inputs` gave when the site's files were `before`) once only files under
    `content/` came or went, so that they are `after` (both as `Inputs.site_files()` lists them); what
    `find_inputs` would give now, without walking the archive. None when other files came or went.

    The folders that appeared are walked (for links in them that lead out of the site); a problem of
    the earlier walk stays while its link does. The sorted lists are patched, not sorted again: a
    new or deleted article costs a few bisections, not a pass over the archive's 15 000 files."""
    added, removed = after - before, before - after
    if any(not path.startswith(CONTENT + "/") for path in chain(added, removed)):
        return None
    articles, content_files = list(inputs.articles), list(inputs.content_files)
    for path in removed:
        listed = articles if path.endswith(".md") else content_files
        at = bisect_left(listed, path)
        if at < len(listed) and listed[at] == path:
            del listed[at]

    def existed(folder: str) -> bool:           # did a file of `before` lie under `folder`?
        prefix = folder + "/"
        for listed in (inputs.articles, inputs.content_files):
            at = bisect_left(listed, prefix)
            if at < len(listed) and listed[at].startswith(prefix):
                return True
        return False

    fresh: set[str] = set()
    for path in sorted(added):
        insort(articles if path.endswith(".md") else content_files, path)
        folder = path.rsplit("/", 1)[0]
        if existed(folder):
            continue
        while "/" in folder and not existed(folder.rsplit("/", 1)[0]):
            folder = folder.rsplit("/", 1)[0]
        fresh.add(folder)                       # the outermost folder that is new
    site_dir = inputs.site_dir
    problems = [p for p in inputs.problems if os.path.lexists(site_dir / p.path)]
    for folder in sorted(fresh):
        problems += [p for p in list_inputs_under(site_dir, folder).problems if p not in problems]
    return Inputs(site_dir=site_dir, articles=tuple(articles), content_files=tuple(content_files),
                  templates=inputs.templates, static=inputs.static, problems=tuple(problems))


# --- the same inputs with their stamps, for a watcher ----------------------------------------

def list_site_inputs(site_dir: Path) -> StampedFiles:
    """The site's own input files (`find_inputs(site_dir, theme=False).site_files()`) with their stamps,
    from one walk: each stamp is the file's `os.DirEntry.stat()` (a link's is its target's), and a file
    gone before it was stamped is left out, so this is what stat'ing each of `site_files()` gives."""
    return list_inputs_under(site_dir, "")


def list_inputs_under(site_dir: Path, rel: str) -> StampedFiles:
    """The inputs at or below the site-relative `rel` (a folder or a file; '' is the whole site) with
    their stamps: exactly what `list_site_inputs` lists there, without walking the rest of the site. A
    watcher told that `content/2025/03/bai-moi` appeared or vanished turns it into files this way.

    One difference cannot be helped: when two links in one root lead to the same folder, the full walk
    follows only the first it meets, and a listing below the second follows that one."""
    walk = _Walk(site_dir.resolve())
    found: dict[str, Stamp] = {}
    parts = [part for part in rel.replace(os.sep, "/").split("/") if part not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"not a path inside the site: {rel!r}")
    if not parts or parts == [CONFIG_FILE]:
        try:
            found[CONFIG_FILE] = _stamp(os.stat(site_dir / CONFIG_FILE))
        except OSError:
            pass
    if not parts:
        for root in ROOTS:
            walk.stamp(walk.entries(str(site_dir / root), "", root, _skipped(root), set()), root, found)
    elif parts[0] in ROOTS:
        walk.stamp_under(str(site_dir), parts, found)
    return StampedFiles(found, dict(walk.links), tuple(walk.problems))


def may_be_input(rel: str) -> bool:
    """Whether the site-relative path `rel` can be an input, or a folder holding some, by its name alone
    (`site.yaml`, or under a root with no hidden name, nor a '_' name under `content/`): a watcher drops
    the others (`build/`, `.bantin-cache/`, an editor's `.index.md.swp`) without looking at the disk."""
    parts = rel.split("/")
    if parts == [CONFIG_FILE]:
        return True
    if parts[0] not in ROOTS:
        return False
    skipped = _skipped(parts[0])
    return not any(part.startswith(skipped) for part in parts[1:])


def _skipped(root: str) -> tuple[str, ...]:
    return (".", "_") if root == CONTENT else (".",)


def _stamp(status: os.stat_result) -> Stamp:
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def _by_name(entry: os.DirEntry) -> str:
    return entry.name


class _Walk:
    """The one folder walk: hidden names skipped, links followed only inside `inside`. Strings, not
    `Path`s, while walking: a large archive has tens of thousands of entries."""

    def __init__(self, inside: Path):
        self.inside = inside
        self.problems: list[Problem] = []
        self.links: dict[str, str] = {}     # each link followed: path -> site-relative real target

    def files(self, root: Path, label: str, *, skip_prefixes: tuple[str, ...] = (".",),
              relative: bool = False) -> list[tuple[str, str]]:
        """(path, file) of every file below `root`: path is `label/rel` (or `rel` when `relative`)."""
        prefix = "" if relative or not label else f"{label}/"
        return [(prefix + rel, entry.path) for rel, entry in self.entries(str(root), "", label, skip_prefixes, set())]

    def entries(self, folder: str, rel_dir: str, label: str, skip_prefixes: tuple[str, ...],
                seen: set[Path]) -> Iterator[tuple[str, os.DirEntry]]:
        """(rel, entry) of every file below `folder`, whose path below the root is `rel_dir`; `seen`
        holds the folders already reached through a link (each is walked once: no loops)."""
        pending = [(folder, rel_dir)]
        while pending:
            folder, rel_dir = pending.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=_by_name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith(skip_prefixes):
                    continue
                rel = f"{rel_dir}{entry.name}"
                try:
                    if entry.is_symlink():
                        target = self.follow(entry.path, label, rel)
                        if target is None:
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
                yield rel, entry

    def follow(self, path: str, label: str, rel: str, *, note: bool = True) -> Path | None:
        """Where the link at `path` leads, or None when that is outside the site (then a problem says
        so). `note`: record the link (and the problem) as met by this walk."""
        target = Path(path).resolve()
        shown = f"{label}/{rel}" if label else rel
        if not target.is_relative_to(self.inside):
            if label and note:
                self.problems.append(error(shown, None, "file.outside_site", path=shown))
            return None
        if note:
            self.links[shown] = target.relative_to(self.inside).as_posix()
        return target

    def stamp(self, found: Iterator[tuple[str, os.DirEntry]], root: str, into: dict[str, Stamp]) -> None:
        """Stamp the files of the walk of `root` into `into`, by site-relative path."""
        for rel, entry in found:
            if root == STATIC and "/" not in rel and rel.lower() in UNPUBLISHED:
                continue
            try:
                into[f"{root}/{rel}"] = _stamp(entry.stat())
            except OSError:
                continue        # gone, or a link to nothing

    def stamp_under(self, site_dir: str, parts: list[str], into: dict[str, Stamp]) -> None:
        """Stamp the inputs at or below root/parts[1]/...: its folders are checked one by one as the
        full walk would meet them (names, links), then what is there is walked or stamped."""
        root, names = parts[0], parts[1:]
        skipped = _skipped(root)
        if any(name.startswith(skipped) for name in names):
            return
        if root == STATIC and len(names) == 1 and names[0].lower() in UNPUBLISHED \
                and not os.path.isdir(os.path.join(site_dir, *parts)):
            return
        seen: set[Path] = set()
        path = os.path.join(site_dir, root)         # a root itself is walked whatever it is, as in the full walk
        for depth, name in enumerate(names, 1):
            path = os.path.join(path, name)
            rel, last = "/".join(names[:depth]), depth == len(names)
            try:
                mode = os.lstat(path).st_mode
                if stat.S_ISLNK(mode):
                    target = self.follow(path, root, rel, note=last)
                    if target is None:
                        return
                    if target.is_dir():
                        if target in seen:
                            return          # a link back to a folder above: the full walk stops there too
                        seen.add(target)
                        continue
                elif stat.S_ISDIR(mode):
                    continue
                elif not stat.S_ISREG(mode):
                    return
                if last:                    # a file, or a link to one
                    into[f"{root}/{rel}"] = _stamp(os.stat(path))
            except OSError:
                pass
            return
        self.stamp(self.entries(path, "/".join(names) + "/" if names else "", root, skipped, seen), root, into)
