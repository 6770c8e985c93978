"""Files published as they are: the theme's and the site's `static/`, and the photos of article bundles.

Photos go out without their location: GPS and XMP metadata are removed losslessly (`images.py`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from .config import SiteConfig
from .images import strip_location
from .models import Site
from .render import THEME_DIR, Output

BUILTIN_STATIC = THEME_DIR / "static"


def find_static_files(config: SiteConfig) -> dict[str, Path]:
    """Output path -> file, the site's `static/` overriding the built-in theme's by relative path."""
    files: dict[str, Path] = {}
    for root in (BUILTIN_STATIC, config.static_dir):
        if not root.is_dir():
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                full = Path(folder, name)
                if full.is_symlink() and not full.resolve().is_relative_to(root.resolve()):
                    continue
                files[full.relative_to(root).as_posix()] = full
    return dict(sorted(files.items()))


def make_asset_url(static_files: dict[str, Path]):
    """The template helper `asset(path)`: the URL of a static file; an unknown file is a template error."""
    def asset(path: str) -> str:
        key = path.lstrip("/")
        if key not in static_files:
            raise ValueError(f"no file '{key}' in static/ (nor in the built-in theme)")
        return "/" + key
    return asset


def collect_assets(config: SiteConfig, site: Site, static_files: dict[str, Path]) -> Iterator[Output]:
    """Static files, then every bundle photo of the published articles (location stripped)."""
    for rel, path in static_files.items():
        yield Output(rel, path.read_bytes(), f"static/{rel}")
    for article in site.articles:
        for asset in article.assets:
            data = (config.site_dir / asset.source).read_bytes()
            yield Output(asset.output, strip_location(data), article.path)
