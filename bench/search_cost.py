"""The cost of the search index alone on a bantin site: time to make the records, time in Pagefind,
and the size of the files it publishes. Run by `bench/run.py --search`; usable alone:

    python3 bench/search_cost.py --site /tmp/bantin-bench/1000/site --repeat 3

Prints one JSON object: median seconds for `records` (text of every article, folded copy) and
`pagefind` (indexing and the canonical order, in memory), the published `files` and `bytes`, and
the `articles` count.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path


def measure(site_dir: Path, repeat: int) -> dict:
    from bantin.config import load_config
    from bantin.content import load_articles
    from bantin.search import build_index, search_record
    from bantin.site import Visibility, build_site

    config = load_config(site_dir)
    articles, _ = load_articles(config, None, workers=1)
    site, _ = build_site(config, articles, datetime.now(timezone.utc), Visibility(False, False))
    record_times, index_times = [], []
    files: dict[str, bytes] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        records = [search_record(article, config) for article in site.articles]
        record_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        files = build_index(records)
        index_times.append(time.perf_counter() - started)
    return {"articles": len(site.articles), "records": statistics.median(record_times),
            "pagefind": statistics.median(index_times), "files": len(files),
            "bytes": sum(len(data) for data in files.values()),
            "fragments_bytes": sum(len(d) for p, d in files.items() if p.startswith("fragment/")),
            "index_bytes": sum(len(d) for p, d in files.items() if p.startswith("index/"))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.site, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
