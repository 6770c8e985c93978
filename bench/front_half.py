"""What the preview's front half costs on every save: the site, the page plan and the output check,
timed on a generated archive with the parsed articles in memory (best of 15, CPU time).

    python bench/corpus.py --articles 5000 --out /tmp/bantin-bench/5000/site
    PYTHONPATH=src python bench/front_half.py /tmp/bantin-bench/5000/site

No target is asserted: the figures are for reading beside `bench/RESULTS.md`. A full garbage
collection of the heap the articles make (one every few saves) is left out of the best time; it
prints apart.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

from bantin.build import BuildOptions, find_output_problems, load, load_theme
from bantin.config import load_config
from bantin.content.cache import MemoryMemo, ParseCache
from bantin.site.collect import Visibility, build_site
from bantin.site.pages import plan_pages


def best(run, times: int = 15) -> float:
    found = []
    for _ in range(times):
        started = time.process_time()
        run()
        found.append(time.process_time() - started)
    return min(found) * 1000


def main(site_dir: str) -> None:
    config = load_config(Path(site_dir))
    memo = MemoryMemo(config.site_dir, ParseCache(config.site_dir))
    options = BuildOptions(drafts=True, future=True)
    loaded = load(config, options, memo)
    theme = load_theme(loaded.config, loaded.inputs, loaded.site)
    site = loaded.site
    print(f"{len(loaded.articles)} articles, {len(loaded.pages)} pages, "
          f"{sum(len(a.photos) for a in site.articles)} photos")
    for label, run in (
            ("build_site", lambda: build_site(loaded.config, loaded.articles, loaded.now, Visibility(True, True))),
            ("plan_pages", lambda: plan_pages(site, loaded.config)),
            ("find_output_problems", lambda: find_output_problems(loaded, theme))):
        print(f"{label:24} {best(run):8.1f} ms")
    started = time.process_time()
    gc.collect()
    print(f"{'a full gc.collect()':24} {(time.process_time() - started) * 1000:8.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
