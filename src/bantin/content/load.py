"""The articles of a site: read every article file, parse what the memo does not know, collect problems.

Parsing one file is `parse.py`'s job; this module orchestrates: the memo (`cache.ParseMemo`), and
worker processes when many files miss it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..config import ParseSettings, SiteConfig
from ..core.errors import Problem, error
from ..core.models import Article
from ..core.progress import NoProgress, Progress
from ..inputs import find_inputs
from .cache import ParseMemo, ParseResult, card_digest, parse_salt, result_digest, source_key
from .parse import ArticleParser, SourceFile
from .workers import parse_in_time, process_pool

PARALLEL_MIN = 150          # fewer files to parse than this: one process is faster than starting workers
CHUNK = 64


def load_source(site_dir: Path, path: str) -> SourceFile:
    with open(f"{site_dir}/{path}", "rb") as handle:
        return SourceFile(path, handle.read())


def load_articles(config: SiteConfig, paths: Iterable[str] | None = None, memo: ParseMemo | None = None,
                  workers: int = 1, progress: Progress = NoProgress(),
                  unparsed: dict[str, tuple[str, ...]] | None = None) -> tuple[list[Article], list[Problem]]:
    """Read and parse the article files `paths` (site-relative, sorted; default: every article of the
    site); memoized by `memo`, misses parsed on `workers` processes. The body links of files that
    gave no article go into `unparsed` (path -> hrefs) when it is given, for `check`."""
    settings = ParseSettings.of(config)
    salt = parse_salt(settings)
    problems: list[Problem] = []
    if paths is None:
        inputs = find_inputs(config.site_dir)
        paths, problems = inputs.articles, list(inputs.problems)
    paths = list(paths)
    results: dict[str, ParseResult] = {}
    misses: list[tuple[str, SourceFile]] = []
    for path in paths:
        recalled = memo.recall(path, salt) if memo else None
        if recalled is not None:
            results[path] = recalled
            continue
        try:
            source = load_source(config.site_dir, path)
        except OSError as exc:
            problems.append(error(path, None, "file.unreadable", reason=exc.strerror or str(exc)))
            continue
        key = source_key(source.data, path, salt)
        if memo:
            memo.note(path, key, salt)
        cached = memo.get(key) if memo else None
        if cached is not None:
            results[path] = cached
        else:
            misses.append((key, source))
    progress.stage("progress.parse", len(misses))
    parsed = parse_sources(settings, config.site_dir, [source for _, source in misses], workers, progress)
    fresh = []
    for (key, source), result in zip(misses, parsed):
        if result.article is not None:
            article = result.article
            card = replace(article.card, digest=card_digest(article.card))
            result = replace(result, article=replace(article, card=card, digest=result_digest(key, result.deps)))
            fresh.append((key, result))
        results[source.path] = result
    if memo and fresh:
        memo.put_many(fresh)
    articles = []
    for path in paths:
        if path in results:
            problems.extend(results[path].problems)
            if results[path].article is not None:
                articles.append(results[path].article)
            elif unparsed is not None and results[path].links:
                unparsed[path] = results[path].links
    return articles, problems


def parse_sources(settings: ParseSettings, site_dir: Path, sources: list[SourceFile], workers: int,
                  progress: Progress = NoProgress()) -> list[ParseResult]:
    """Parse in this process, or in chunks on worker processes when there is enough work for them."""
    results: list[ParseResult] = []
    if workers <= 1 or len(sources) < PARALLEL_MIN:
        parser = ArticleParser(settings, site_dir)
        for source in sources:
            results.append(parse_in_time(parser, source))
            progress.advance()
        return results
    chunks = [sources[i:i + CHUNK] for i in range(0, len(sources), CHUNK)]
    with process_pool(workers, _start_worker, (settings, site_dir)) as pool:
        for chunk in pool.map(_parse_chunk, chunks):
            results.extend(chunk)
            progress.advance(len(chunk))
    return results


_worker_parser: list[ArticleParser] = []   # one parser (one Markdown instance) per worker process


def _start_worker(settings: ParseSettings, site_dir: Path) -> None:
    _worker_parser[:] = [ArticleParser(settings, site_dir)]


def _parse_chunk(sources: list[SourceFile]) -> list[ParseResult]:
    parser = _worker_parser[0]
    return [parse_in_time(parser, source) for source in sources]
