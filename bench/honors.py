"""What the honors roll costs a build: its stages timed on a generated archive (best of 5).

    python bench/corpus.py --articles 5000 --out /tmp/bantin-bench/5000/site
    PYTHONPATH=src python bench/honors.py /tmp/bantin-bench/5000/site

Prints the time of each stage the roll adds (the roll itself, its pages in the plan, its
downloads, the look-alike check) and the page plan with the roll on and off. No target is
asserted: the figures are for reading beside `bench/RESULTS.md`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from bantin.build import BuildOptions, load
from bantin.config import HonorsConfig, load_config
from bantin.site.awards import build_honors_roll, find_recipient_lookalikes, render_honors_files
from bantin.site.pages import PagePlanner, plan_honors_pages, plan_pages, shared_key


def best(run, times: int = 5) -> float:
    found = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        found.append(time.perf_counter() - started)
    return min(found) * 1000


def article_pages(site, config) -> list:
    """Every article's page, the roll made first (as the plan does when an article has awards)."""
    planner = PagePlanner(site, config)
    planner.roll
    return [planner.article_page(article) for article in site.articles]


def main(site_dir: str) -> None:
    loaded = load(load_config(Path(site_dir)), BuildOptions())
    site, config = loaded.site, loaded.config
    if not config.honors.enabled:           # the timing corpus turns it off (Hugo's twin has no roll)
        config = replace(config, honors=replace(config.honors, enabled=True))
    off = replace(config, honors=HonorsConfig(enabled=False))
    roll = build_honors_roll(site, config)
    shared = shared_key(site)
    files = list(render_honors_files(roll, config))
    print(f"{len(site.articles)} articles, {sum(len(y.entries) for y in roll.years)} awards, {len(roll.years)} years, "
          f"{len(roll.recipients)} recipients; downloads {', '.join(f'{f.path} {len(f.data) // 1024} KiB' for f in files)}")
    for label, run in (
            ("build_honors_roll", lambda: build_honors_roll(site, config)),
            ("plan_honors_pages", lambda: list(plan_honors_pages(roll, shared))),
            ("article pages, with award links", lambda: article_pages(site, config)),
            ("article pages, without", lambda: article_pages(site, off)),
            ("render_honors_files (CSV + JSON)", lambda: list(render_honors_files(roll, config))),
            ("find_recipient_lookalikes", lambda: find_recipient_lookalikes(site, config)),
            ("plan_pages, roll on", lambda: plan_pages(site, config)),
            ("plan_pages, roll off", lambda: plan_pages(site, off))):
        print(f"{label:36} {best(run):8.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
