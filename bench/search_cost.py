"""The cost of the search index alone on a bantin site: time to make the records, time in Pagefind,
and the size of the files it publishes. Run by `bench/run.py --search`; usable alone:

    python3 bench/search_cost.py --site /tmp/bantin-bench/1000/site --repeat 3

Prints one JSON object: median seconds for `build` (every year's records and index, as a cold build
makes them: `workers` years at once), `records` (text of every article, folded copy) and
`pagefind` (indexing and the canonical order, in memory) summed over the year indexes one after
the other, `one_year`
(the median year: what an edit costs), the published `files` and `bytes`, and the `articles` count.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path


def measure(site_dir: Path, repeat: int) -> dict:
    from bantin.config import load_config
    from bantin.content.load import load_articles
    from bantin.output.search import _Pool, _records, build_index, search_record, search_shards
    from bantin.site.collect import Visibility, build_site

    config = load_config(site_dir)
    articles, _ = load_articles(config, None, workers=1)
    site, _ = build_site(config, articles, datetime.now(timezone.utc), Visibility(False, False))
    record_times, index_times, year_times, together = [], [], [], []
    files: dict[str, bytes] = {}
    shards = search_shards(site)
    workers = os.cpu_count() or 1
    for _ in range(repeat):                    # what a cold build does: the years side by side
        started = time.perf_counter()
        pool = _Pool([(year, articles) for year, articles in shards], workers)
        for year, articles in shards:
            pool.files(year, functools.partial(_records, articles))
        together.append(time.perf_counter() - started)
    for _ in range(repeat):
        files, records_s, index_s, years_s = {}, 0.0, 0.0, []
        for year, articles in shards:          # what a cold build does, one year's index after another
            started = time.perf_counter()
            records = [search_record(article) for article in articles]
            middle = time.perf_counter()
            files.update({f"{year}/{path}": data for path, data in build_index(records).items()})
            records_s, index_s = records_s + middle - started, index_s + time.perf_counter() - middle
            years_s.append(time.perf_counter() - started)
        record_times.append(records_s)
        index_times.append(index_s)
        year_times.append(statistics.median(years_s) if years_s else 0.0)
    return {"articles": len(site.articles), "years": len(shards), "build": statistics.median(together),
            "workers": workers, "records": statistics.median(record_times),
            "pagefind": statistics.median(index_times), "one_year": statistics.median(year_times),
            "files": len(files),
            "bytes": sum(len(data) for data in files.values()),
            "fragments_bytes": sum(len(d) for p, d in files.items() if "/fragment/" in p),
            "index_bytes": sum(len(d) for p, d in files.items() if "/index/" in p)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.site, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
