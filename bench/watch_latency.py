"""How soon the preview knows about a save, and what one full walk costs, on a large archive.

    python3 bench/watch_latency.py --site /tmp/c5k --repeat 20

The archive is not touched: its `content/` is hard-linked into a scratch site (folders made anew, files
shared), beside its own `site.yaml`, `templates/` and `static/`. The bench only adds and removes bundles
of its own there and edits files of its own, never a shared one. It prints:

- the full walk with stamps: the former way (`find_inputs(...).site_files()`, then `os.stat` of each:
  the preview's `load_fingerprint`) and `inputs.list_site_inputs` (stamps from the walk's `DirEntry`);
- how long `Watcher(site)` takes: placing its watches, then the first walk (`Watcher.listing`);
- the latency from `os.rename` of a bundle folder into `content/` (and from an edit, and from an
  `rmtree`) until `Watcher.take()` hands over its path, polling `take()` every 0.5 ms;
- what `stamp_changes` costs for that bundle, against the full walk it replaces;
- the watcher's CPU time while nothing changes, and how long `close()` takes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bantin.inputs import find_inputs, list_site_inputs
from bantin.preview.watch import Watcher, stamp_changes

BUNDLE = "---\ntitle: Bài mới số {i}\ndate: 01/03/2025 08:00\n---\nNội dung bài {i}.\n"


def old_fingerprint(site_dir: Path) -> dict[str, tuple[int, int, int]]:
    """The preview's former full walk: the inventory, then a stat of each file."""
    found = {}
    for rel in find_inputs(site_dir, theme=False).site_files():
        try:
            stat = os.stat(site_dir / rel)
        except OSError:
            continue
        found[rel] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def wait_for(watcher: Watcher, path: str, started: float, limit: float = 5.0) -> float:
    """Seconds from `started` until take() hands over `path` (or says it cannot know: None)."""
    while True:
        taken = watcher.take()
        now = time.perf_counter()
        if taken is None or path in taken:
            return now - started
        if now - started > limit:
            raise SystemExit(f"{path} not seen within {limit} s")
        time.sleep(0.0005)


def quiet(watcher: Watcher, seconds: float = 0.05) -> None:
    time.sleep(seconds)
    watcher.take()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("/tmp/c5k"), help="the archive (left untouched)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--walks", type=int, default=7, help="full walks timed, each way")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bantin-watch-") as scratch:
        site = Path(scratch) / "site"
        outside = Path(scratch) / "outside"
        site.mkdir()
        outside.mkdir()
        shutil.copyfile(args.site / "site.yaml", site / "site.yaml")
        subprocess.run(["cp", "-al", str(args.site / "content"), str(site / "content")], check=True)
        for rel, text in (("templates/base-extra.html", "<p>{{ 1 }}</p>\n"), ("static/css/own.css", "p{}\n")):
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(text, encoding="utf-8")
        month = site / "content" / "2099" / "03"
        month.mkdir(parents=True)

        old_times, new_times = [], []
        for _ in range(args.walks):              # one after the other, so both meet the same load
            seconds, old = timed(lambda: old_fingerprint(site), 1)
            old_times.append(seconds)
            seconds, listing = timed(lambda: list_site_inputs(site), 1)
            new_times.append(seconds)
        old_s, new_s = statistics.median(old_times), statistics.median(new_times)
        assert old == dict(listing.files), "the two walks disagree"
        print(f"inputs: {len(old)} files under {sum(1 for _ in (site / 'content').rglob('*') if _.is_dir())} folders")
        print(f"full walk with stamps, former (find_inputs + os.stat): {ms(old_s)} (median of {args.walks})")
        print(f"full walk with stamps, list_site_inputs:              {ms(new_s)} (median of {args.walks})")

        started = time.perf_counter()
        watcher = Watcher(site)
        print(f"Watcher(site): watches placed, then the first walk (watcher.listing): {ms(time.perf_counter() - started)}")
        assert watcher.listing.files == listing.files
        watcher.take()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        time.sleep(2.0)
        idle = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
        print(f"CPU while nothing changes: {idle * 100:.2f}% of one core (whole process)")

        fingerprint = dict(listing.files)
        renames, deletes, edits, restamps = [], [], [], []
        own = site / "templates/base-extra.html"
        for i in range(args.repeat):
            bundle = outside / f"bai-moi-{i}"
            bundle.mkdir()
            (bundle / "index.md").write_text(BUNDLE.format(i=i), encoding="utf-8")
            (bundle / "anh.jpg").write_bytes(b"\xff\xd8\xff\xd9")
            rel = f"content/2099/03/bai-moi-{i}"
            quiet(watcher)
            started = time.perf_counter()
            os.rename(bundle, site / rel)
            renames.append(wait_for(watcher, rel, started))
            started = time.perf_counter()
            restamp = stamp_changes(site, fingerprint, {rel})
            restamps.append(time.perf_counter() - started)
            assert restamp.changed == (f"{rel}/anh.jpg", f"{rel}/index.md"), restamp.changed
            fingerprint = restamp.fingerprint

            quiet(watcher)
            started = time.perf_counter()
            own.write_text(f"<p>{i}</p>\n", encoding="utf-8")
            edits.append(wait_for(watcher, "templates/base-extra.html", started))

            quiet(watcher)
            started = time.perf_counter()
            shutil.rmtree(site / rel)
            deletes.append(wait_for(watcher, rel, started))
            fingerprint = stamp_changes(site, fingerprint, {rel, "templates/base-extra.html"}).fingerprint
        assert fingerprint == dict(list_site_inputs(site).files), "stamp_changes drifted from the full walk"

        def row(name: str, values: list[float]) -> None:
            ordered = sorted(values)
            print(f"{name}: median {ms(statistics.median(values))}, p90 {ms(ordered[int(len(ordered) * 0.9) - 1])},"
                  f" max {ms(ordered[-1])} (n={len(values)})")

        row("os.rename of a bundle into content/ -> take()", renames)
        row("edit of a template -> take()              ", edits)
        row("rmtree of a bundle -> take()              ", deletes)
        row("stamp_changes for the new bundle          ", restamps)
        started = time.perf_counter()
        watcher.close()
        print(f"close(): {ms(time.perf_counter() - started)}; the thread has ended: {not watcher._thread.is_alive()}")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
