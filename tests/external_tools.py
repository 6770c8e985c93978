"""Validators nobody on the project wrote, found where `tools/test` installs them (the README's test
command, which `.ci/run` runs).

npm packages (`vnu-jar`, the W3C Nu HTML checker; `sitemap`, which ships the sitemaps.org XSD) live in
`$BANTIN_NODE_MODULES`, by default `~/.cache/bantin-ci/node_modules`. A missing tool skips the test with
the command that installs it; under CI (the `CI` variable set) it fails the test instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SITEMAP_XSD_URL = "https://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd"
INSTALL = 'bash tools/test installs them (npm install --prefix "$HOME/.cache/bantin-ci" vnu-jar@26 sitemap@9 lighthouse@12.2.3)'


def missing(reason: str) -> None:
    """Skip locally, fail in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is a failure)")
    pytest.skip(reason)


def node_modules() -> Path:
    return Path(os.environ.get("BANTIN_NODE_MODULES") or Path.home() / ".cache/bantin-ci/node_modules")


def vnu_jar() -> Path:
    jar = node_modules() / "vnu-jar/build/dist/vnu.jar"
    if not jar.is_file():
        missing(f"the W3C Nu HTML checker is not installed at {jar}; {INSTALL}")
    if shutil.which("java") is None:
        missing("java is not installed (apt-get install default-jre-headless); the Nu HTML checker needs it")
    return jar


def sitemap_xsd() -> Path:
    xsd = node_modules() / "sitemap/schema/sitemap.xsd"
    if not xsd.is_file():
        missing(f"the sitemaps.org schema of npm `sitemap` is not at {xsd}; {INSTALL}")
    return xsd


def load_schema(path: Path):
    """An lxml XMLSchema; the sitemaps.org schema URL resolves to the local npm copy, nothing is fetched."""
    from lxml import etree

    local = sitemap_xsd()

    class LocalSchemas(etree.Resolver):
        def resolve(self, url, public_id, context):
            if url == SITEMAP_XSD_URL:
                return self.resolve_filename(str(local), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(path), parser))


def urlset_schema():
    """sitemap.xml: the sitemaps.org schema with Google's video extension (an article's videos)."""
    return load_schema(SCHEMAS / "sitemap-wrapper.xsd")


def news_schema():
    return load_schema(SCHEMAS / "news-sitemap-wrapper.xsd")


def index_schema():
    return load_schema(SCHEMAS / "siteindex.xsd")


def assert_valid(schema, data: bytes) -> None:
    from lxml import etree

    document = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    if not schema.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
        raise AssertionError(f"XSD validation failed:\n{errors}")
