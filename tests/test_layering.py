"""The pipeline's stages are packages, and imports flow one way: a module imports its own package and
the stages below it, never one above. Third-party libraries stay in the one module that owns them.

    core  <-  config  <-  inputs  <-  content  <-  site, authoring  <-  output  <-  build  <-  check, preview  <-  cli
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "bantin"

# the stage of every package and top-level module; a module may import only from stages at or below its own
STAGE = {"core": 0, "clicktext": 0, "config": 1, "inputs": 2, "content": 3, "site": 4, "authoring": 4,
         "output": 5, "build": 6, "check": 7, "preview": 7, "cli": 8, "__main__": 9}
TOP_LEVEL_AT_MOST = 12

OWNERS = {"yaml": {"core.yamldoc"}, "markdown": {"content.markdown"}, "nh3": {"content.markdown"},
          "jinja2": {"output.render"}, "markupsafe": {"output.render"},
          "PIL": {"content.images", "output.derivatives"}, "pillow_heif": {"content.images"},
          "slugify": {"core.vi"}, "livereload": {"preview.server"}, "tornado": {"preview.server"},
          "click": {"cli"}, "httpx": {"authoring.fetch"}, "brotli": {"output.precompress"},
          "lxml": {"authoring.legacy", "content.documents"}, "cssselect": {"authoring.legacy"},
          "markdownify": {"authoring.legacy"}, "mammoth": {"authoring.docx"},
          "pagefind": {"output.search"}, "watchfiles": {"preview.watch"},
          # documents and video (issue 28)
          "pypdf": {"content.documents"}, "olefile": {"content.documents"}, "imageio_ffmpeg": {"content.videos"},
          "webvtt": {"content.videos"}}


def modules() -> Iterator[tuple[str, Path]]:
    """('content.parse', path) for every module of the package but the `__init__` files."""
    for path in sorted(SRC.rglob("*.py")):
        if path.stem != "__init__":
            yield ".".join(path.relative_to(SRC).with_suffix("").parts), path


def imports(name: str, path: Path) -> tuple[set[str], set[str]]:
    """The bantin modules (dotted, from the package root) and the third-party top-level names `path` imports."""
    package = name.split(".")[:-1]
    internal, external = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1]
            if node.module:
                internal.add(".".join(base + node.module.split(".")))
            else:
                internal.update(".".join(base + [alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "bantin":
                internal.add(node.module.removeprefix("bantin").lstrip("."))
            else:
                external.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            external.update(alias.name.split(".")[0] for alias in node.names)
    return {module for module in internal if module and module != "__version__"}, external


def stage_of(module: str) -> str:
    return module.split(".")[0]


def test_the_top_of_the_package_holds_only_the_commands_and_what_every_stage_reads():
    top = [p.stem for p in SRC.glob("*.py") if p.stem != "__init__"]
    assert len(top) <= TOP_LEVEL_AT_MOST, sorted(top)


def test_every_package_and_top_level_module_has_a_stage():
    names = {stage_of(name) for name, _ in modules()}
    assert names <= STAGE.keys(), f"give {names - STAGE.keys()} a stage in tests/test_layering.py"


def test_modules_import_only_their_own_stage_and_the_stages_below():
    for name, path in modules():
        internal, _ = imports(name, path)
        for other in internal:
            assert STAGE[stage_of(other)] <= STAGE[stage_of(name)], f"{name} imports {other}, a later stage"
            if STAGE[stage_of(other)] == STAGE[stage_of(name)]:
                assert stage_of(other) == stage_of(name), f"{name} imports {other}, a stage beside its own"


def test_no_module_imports_itself_back_through_its_package():
    graph = {name: {other for other in imports(name, path)[0] if stage_of(other) == stage_of(name)}
             for name, path in modules()}

    def cycle_from(start: str) -> list[str] | None:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    return trail + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
        return None

    for name in graph:
        assert cycle_from(name) is None, " -> ".join(cycle_from(name))


def test_third_party_libraries_stay_in_their_module():
    for name, path in modules():
        _, external = imports(name, path)
        for library, owners in OWNERS.items():
            if library in external:
                assert name in owners, f"{name} imports {library}; only {owners} may"
