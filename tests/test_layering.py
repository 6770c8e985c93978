"""Each module imports only modules above it in the design order; third-party libraries stay in one place."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "bantin"

ORDER = ["messages", "clicktext", "errors", "progress", "outputs", "vi", "yamldoc", "config", "inputs", "models",
         "urls", "bundles", "images", "frontmatter", "markdown", "cache", "workers", "derivatives", "parse", "content", "aliases", "site",
         "awards", "pages", "basepath", "render", "assets", "writer", "precompress", "feeds", "sitemaps", "seo", "search", "build", "check", "scaffold", "fetch",
         "legacy", "importer", "preview", "watch", "serve", "cli", "__main__"]

OWNERS = {"yaml": {"yamldoc"}, "markdown": {"markdown"}, "nh3": {"markdown"}, "jinja2": {"render"},
          "markupsafe": {"render"}, "PIL": {"images", "derivatives"}, "pillow_heif": {"derivatives"}, "slugify": {"vi"}, "livereload": {"serve"},
          "tornado": {"serve"}, "click": {"cli"}, "httpx": {"fetch"}, "brotli": {"precompress"},
          "lxml": {"legacy"}, "cssselect": {"legacy"}, "markdownify": {"legacy"}, "pagefind": {"search"},
          "watchfiles": {"watch"}}


def imports(path: Path) -> tuple[set[str], set[str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    internal, external = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.module:
                    internal.add(node.module.split(".")[0])
                else:
                    internal.update(alias.name for alias in node.names)
            elif node.module:
                external.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            external.update(alias.name.split(".")[0] for alias in node.names)
    return internal, external


def test_every_module_has_a_place_in_the_order():
    modules = {p.stem for p in SRC.glob("*.py")} - {"__init__"}
    assert modules <= set(ORDER), f"add {modules - set(ORDER)} to ORDER in tests/test_layering.py"


def test_modules_import_only_modules_above_them():
    for path in SRC.glob("*.py"):
        if path.stem == "__init__":
            continue
        internal, _ = imports(path)
        for name in internal - {"__init__"}:
            if name in ORDER:
                assert ORDER.index(name) < ORDER.index(path.stem), f"{path.stem} imports {name}, which is below it"


def test_third_party_libraries_stay_in_their_module():
    for path in SRC.glob("*.py"):
        _, external = imports(path)
        for library, owners in OWNERS.items():
            if library in external:
                assert path.stem in owners, f"{path.stem} imports {library}; only {owners} may"
