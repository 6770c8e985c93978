"""Where parsing one article goes, and what other Markdown parsers would cost on the same bodies.

    python3 bench/markdown_parsers.py --site /tmp/bantin-bench/2000-text/site [--repeat 3]

Reads every article of a corpus (`corpus.py`), then times, in this process, on one core:
- bantin's whole parse of each file (`ArticleParser.parse`: front matter, Markdown, figures,
  sanitizing, links, warnings) and its parts: the front matter alone, and the body through bantin's
  Markdown converter (`content.markdown`, Python-Markdown with its extensions, then nh3);
- the same bodies through stock Python-Markdown with bantin's extensions (tables, footnotes,
  attribute lists) and nothing after, markdown-it-py (CommonMark with tables) and mistune 3 (with
  its table plugin), each only when installed.

The alternatives produce HTML, not bantin's figures, lead paragraph or sanitized output: their time is
what the Markdown step alone would cost with them, the ceiling of what swapping the parser could save.
Prints a Markdown table: total seconds (median of `--repeat`), milliseconds per article, and the
share of bantin's whole parse.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path


def timed(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from bantin.config import ParseSettings, load_config
    from bantin.content.frontmatter import split_front_matter
    from bantin.content.markdown import MarkdownRenderer
    from bantin.content.parse import ArticleParser, SourceFile
    from bantin.inputs import find_inputs

    site = args.site.resolve()
    config = load_config(site)
    paths = find_inputs(site).articles
    sources = [SourceFile(path, (site / path).read_bytes()) for path in paths]
    texts = [source.data.decode("utf-8") for source in sources]
    bodies = [split_front_matter(text, path)[0].body for text, path in zip(texts, paths)]
    settings = ParseSettings.of(config)
    article_parser = ArticleParser(settings, site)
    renderer = MarkdownRenderer()
    rows: list[tuple[str, float]] = [
        ("bantin: whole parse of each file", timed(args.repeat, lambda: [article_parser.parse(s) for s in sources])),
        ("bantin: front matter split from the body (no YAML)",
         timed(args.repeat, lambda: [split_front_matter(t, p) for t, p in zip(texts, paths)])),
        ("bantin: body through content.markdown (Python-Markdown + nh3)",
         timed(args.repeat, lambda: [renderer.render(b) for b in bodies])),
    ]
    import markdown
    plain = markdown.Markdown(extensions=["tables", "footnotes", "attr_list"], output_format="html")
    rows.append((f"Python-Markdown {markdown.__version__}, bantin's extensions, nothing after",
                 timed(args.repeat, lambda: [plain.reset().convert(b) for b in bodies])))
    try:
        from markdown_it import MarkdownIt, __version__ as mdit_version
        md = MarkdownIt("commonmark").enable("table")
        rows.append((f"markdown-it-py {mdit_version}, CommonMark + tables", timed(args.repeat, lambda: [md.render(b) for b in bodies])))
    except ImportError:
        rows.append(("markdown-it-py: not installed", 0.0))
    try:
        import mistune
        mist = mistune.create_markdown(plugins=["table"])
        rows.append((f"mistune {mistune.__version__}, with tables", timed(args.repeat, lambda: [mist(b) for b in bodies])))
    except ImportError:
        rows.append(("mistune: not installed", 0.0))
    whole = rows[0][1]
    print(f"{len(sources)} articles from {site}, medians of {args.repeat}, one core, in-process.\n")
    print("| what | total (s) | ms per article | ÷ bantin's whole parse |")
    print("|---|---:|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {1000 * seconds / len(sources):.2f} | {seconds / whole:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
