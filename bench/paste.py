"""The cost of reading bodies as pasted from Word (`content/paste.py`) and one-line fields as typed
(`content/fieldlines.py`), against rendering the same bodies, on the benchmark corpus.

    python bench/paste.py --articles 1000

Prints milliseconds for: `normalise_body` over every body, `MarkdownRenderer.render` over every body
(which includes it), and `parse_front_matter` over every front matter; then the time of one body of
each pasted shape at the 500 000-character limit (one pass over its lines).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from bantin.content.frontmatter import parse_front_matter, split_front_matter
from bantin.content.markdown import MarkdownRenderer
from bantin.content.paste import normalise_body

HERE = Path(__file__).resolve().parent


def _corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", HERE / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _ms(function, items) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _corpus().generate(Path(folder), args.articles)
        splits = [split_front_matter(p.read_text(encoding="utf-8"), str(p))[0]
                  for p in sorted(Path(folder).rglob("index.md"))]
    bodies = [s.body for s in splits]
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    renderer = MarkdownRenderer()
    print(f"{len(bodies)} articles, {sum(map(len, bodies)):,} characters of body")
    print(f"normalise_body         {_ms(normalise_body, bodies):8.0f} ms")
    print(f"render (includes it)   {_ms(renderer.render, bodies):8.0f} ms")
    print(f"parse_front_matter     {_ms(lambda s: parse_front_matter(s, 'x.md', tz, (), ('A',)), splits):8.0f} ms")
    for name, line in (("sentences", "Câu một dài, kết thúc ở đây.\n"), ("list", "- mục\n    tiếp\n"),
                       ("tab rows", "ô một\tô hai\n"), ("tab indents", "\tĐoạn thụt.\n\n")):
        body = line * (500_000 // len(line))
        print(f"500 000 chars of {name:12} {_ms(normalise_body, [body]):6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
