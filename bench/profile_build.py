"""Where one build's time goes: cProfile of `bantin build` in this process, per stage and per function.

    python3 bench/profile_build.py --site /tmp/bantin-bench/2000-text/site --build cold --workers 1
    python3 bench/profile_build.py --site ... --build warm            # after a build: nothing changed
    python3 bench/profile_build.py --site ... --build edit            # one word of one article changed

`cold` deletes `build/` and `.bantin-cache/` first; `edit` changes one word of the corpus's middle
article (as `run.py` does) and puts it back afterwards. With `--workers 1` parsing, rendering and
encoding run in this process, so the profile sees all of it (a build with workers spreads the same
work over processes the profile cannot see). Prints the wall time of each stage (the functions
`build()` calls, timed by wrapping them), then the top functions by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import pstats
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

STAGES = (   # (module, function): where `build()` finds each stage when it runs it
    ("bantin.build", "load"), ("bantin.build", "find_inputs"), ("bantin.content.load", "load_articles"),
    ("bantin.site.collect", "build_site"), ("bantin.site.pages", "plan_pages"),
    ("bantin.build", "load_checked_theme"), ("bantin.build", "produce_derivatives"),
    ("bantin.output.render", "render_pages"), ("bantin.output.assets", "publish_static"),
    ("bantin.build", "render_site_files"), ("bantin.output.search", "render_search_index"),
    ("bantin.output.feeds", "render_feeds"), ("bantin.output.sitemaps", "render_sitemaps"),
    ("bantin.build", "write_site"), ("bantin.output.derivatives", "prune_photo_memo"))


def timed_stages() -> dict[str, float]:
    """Wrap the stages `build()` calls so each one's wall time is summed (generators: their whole life)."""
    spent: dict[str, float] = {}

    def wrap(module, name: str) -> None:
        original = getattr(module, name)

        @functools.wraps(original)
        def stage(*args, **kwargs):
            started = time.perf_counter()
            result = original(*args, **kwargs)
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
            if hasattr(result, "__next__"):
                return _timed_iter(result, name, spent)
            return result
        setattr(module, name, stage)

    import importlib

    for module, name in STAGES:
        wrap(importlib.import_module(module), name)
    return spent


def _timed_iter(iterator, name, spent):
    """A lazy stage's time: each `next()` on it (time its consumer spends is not in it)."""
    while True:
        tick = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            spent[name] += time.perf_counter() - tick
            return
        spent[name] += time.perf_counter() - tick
        yield item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--build", choices=("cold", "warm", "edit"), default="cold")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--dump", type=Path, default=None, help="also write the raw profile here (pstats)")
    parser.add_argument("--no-profile", action="store_true", help="only the stages' wall times, without cProfile")
    args = parser.parse_args(argv)

    import run
    from bantin import build as build_module
    from bantin.config import load_config

    site = args.site.resolve()
    if args.build == "cold":
        shutil.rmtree(site / "build", ignore_errors=True)
        shutil.rmtree(site / ".bantin-cache", ignore_errors=True)
    edit = None
    if args.build == "edit":
        items = json.loads((site / "_bench" / "corpus.json").read_text(encoding="utf-8"))["items"]
        edit = run.Edit(site / items[len(items) // 2]["path"], site / "_bench" / "profile-edit.orig")
        edit.apply(run.Tokens().next())
    spent = timed_stages()
    profile = cProfile.Profile()
    started = time.perf_counter()
    try:
        config = load_config(site)
        if not args.no_profile:
            profile.enable()
        report = build_module.build(config, build_module.BuildOptions(workers=args.workers))
        profile.disable()
    finally:
        if edit:
            edit.restore()
    wall = time.perf_counter() - started
    print(f"{args.build} build of {report.articles} articles, {report.pages} pages, workers={args.workers}: "
          f"{wall:.2f} s{'' if args.no_profile else ' under cProfile'} (parsed {report.parsed}, "
          f"written {report.written}{', answered from the record' if report.recalled else ''})\n")
    for name, seconds in spent.items():
        print(f"  {name:24} {seconds:7.2f} s")
    print("  (lazy stages are counted while write_site pulls them: write_site includes them)")
    if args.no_profile:
        return 0
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    if args.dump:
        stats.dump_stats(args.dump)
    return 0


if __name__ == "__main__":
    sys.exit(main())
