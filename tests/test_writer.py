"""The output folder is the whole old site or the whole new site at every instant, whatever kills the
build; leftovers of a killed run are cleaned by the next; an output folder that is a mount point is
built into, each of its entries swapped in at once, and left as it was by a failed build."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SITE_YAML, alive, article, big_site, build_site_dir, children_of, make_site, run_cli

from bantin.core.errors import UsageError
from bantin.output import swap, writer
from bantin.output.render import Output
from bantin.output.swap import MARKER
from bantin.output.writer import write_site

EPOCH = "1767225600"   # 2026-01-01: the news sitemap depends on the clock


def read_tree(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = path.read_bytes() if path.is_file() else b"<dir>"
    return found


def leftovers(parent: Path, name: str = "build") -> list[str]:
    swap.wait_for_cleanup()
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(f".{name}."))


# --- the swap, in process ---------------------------------------------------------------------

def test_unchanged_files_keep_their_inode_and_mtime_and_stale_ones_go(tmp_path):
    out = tmp_path / "build"
    write_site([Output("a.html", b"A", "a"), Output("b/index.html", b"B", "b"), Output("c.txt", b"C", "c")], out)
    before = {name: os.stat(out / name) for name in ("a.html", "b/index.html")}
    report = write_site([Output("a.html", b"A", "a"), Output("b/index.html", b"B2", "b")], out)
    assert read_tree(out) == {MARKER: swap.MARKER_TEXT, "a.html": b"A", "b": b"<dir>", "b/index.html": b"B2"}
    assert (report.written, report.removed) == (1, 1)
    after = os.stat(out / "a.html")
    assert (after.st_ino, after.st_mtime_ns) == (before["a.html"].st_ino, before["a.html"].st_mtime_ns)
    assert os.stat(out / "b/index.html").st_ino != before["b/index.html"].st_ino
    assert leftovers(tmp_path) == []


def test_a_build_where_nothing_changed_touches_nothing(tmp_path):
    out = tmp_path / "build"
    outputs = [Output("a.html", b"A", "a"), Output("b/index.html", b"B", "b")]
    write_site(outputs, out)
    folder = os.stat(out).st_ino
    report = write_site(outputs, out)
    assert (report.written, report.removed) == (0, 0)
    assert os.stat(out).st_ino == folder      # not even swapped


def test_without_the_exchange_two_renames_are_used_and_a_kill_between_them_is_repaired(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_site([Output("a.html", b"old", "a")], out)
    monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    write_site([Output("a.html", b"new", "a")], out)
    assert read_tree(out)["a.html"] == b"new" and leftovers(tmp_path) == []
    # a run killed between the two renames: no build/, its old tree beside it under a dead pid
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    os.rename(out, tmp_path / f".build.old-{dead}")
    shutil.copytree(tmp_path / f".build.old-{dead}", tmp_path / f".build.staging-{dead}")
    swap.clean_leftovers(out.absolute())
    assert read_tree(out)["a.html"] == b"new" and leftovers(tmp_path) == []


def test_leftovers_of_live_processes_are_kept(tmp_path):
    out = tmp_path / "build"
    write_site([Output("a.html", b"A", "a")], out)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f".build.staging-{live.pid}").mkdir()
        write_site([Output("a.html", b"B", "a")], out)
        assert leftovers(tmp_path) == [f".build.staging-{live.pid}"]
    finally:
        live.kill()
        live.wait()
    write_site([Output("a.html", b"C", "a")], out)
    assert leftovers(tmp_path) == []


def test_an_output_folder_below_a_file_is_a_message(tmp_path):
    site = make_site(tmp_path, {"content/a/index.md": article()})
    result = run_cli("--lang", "en", "build", "--site", str(site), "--output", str(site / "site.yaml" / "x"))
    assert result.exit_code == 2, result.output
    assert "is a file, not a folder" in result.stderr and "internal" not in result.stderr


def fake_mount(monkeypatch, folder: Path) -> None:
    """`folder` taken for a mount point: the writer's path for one, on any machine and without root
    (renaming it would still work here; test_a_real_mount_point_... checks a real one)."""
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: str(p) == str(folder) or real(p))


def inside_leftovers(folder: Path) -> list[str]:
    swap.wait_for_cleanup()
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".bantin-") and p.name != MARKER)


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "renames"])
def test_an_output_folder_that_is_a_mount_point_is_built_into(tmp_path, monkeypatch, exchange):
    if not exchange:            # a file system (or a system) without RENAME_EXCHANGE
        monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    site = make_site(tmp_path, {"content/a/index.md": article(), "content/b/index.md": article(title="Bài B")})
    public = tmp_path / "public"
    (public / "lost+found").mkdir(parents=True)             # what mkfs leaves at the root of a volume
    fake_mount(monkeypatch, public)
    options = ("--lang", "en", "build", "--site", str(site), "--output", str(public))
    result = run_cli(*options)
    assert result.exit_code == 0, result.stderr
    swap.wait_for_cleanup()                 # the old tree is deleted by a thread
    first = read_tree(public)
    assert "index.html" in first and MARKER in first and "lost+found" in first
    assert inside_leftovers(public) == [] and leftovers(tmp_path, "public") == []
    css = next(public.glob("css/*.css"))
    inode = css.stat().st_ino
    (site / "content/b/index.md").unlink()
    (site / "site.yaml").write_text(SITE_YAML.replace("Thử nghiệm", "Mới"), encoding="utf-8")
    assert run_cli(*options).exit_code == 0
    swap.wait_for_cleanup()
    second = read_tree(public)
    assert "Công an tỉnh Mới" in second["index.html"].decode("utf-8") and "lost+found" in second
    assert not any(path.startswith("2024/09/27/bai-b") for path in second)     # what the site no longer has goes
    assert css.stat().st_ino == inode and inside_leftovers(public) == []     # unchanged: not rewritten
    (site / "content/c.md").write_text("---\ntitle: [hỏng\n---\n", encoding="utf-8")
    assert run_cli(*options).exit_code == 1
    assert read_tree(public) == second and inside_leftovers(public) == []     # a failed build: as it was


def test_a_killed_build_s_staging_inside_a_mount_point_is_cleaned_and_not_foreign(tmp_path, monkeypatch):
    site = make_site(tmp_path, {"content/a/index.md": article()})
    public = tmp_path / "public"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    (public / f".bantin-staging-{gone.pid}" / "2024").mkdir(parents=True)    # a first build killed while staging
    fake_mount(monkeypatch, public)
    result = run_cli("--lang", "en", "build", "--site", str(site), "--output", str(public))
    assert result.exit_code == 0, result.stderr
    assert inside_leftovers(public) == [] and (public / "index.html").is_file()


def can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None and sys.platform.startswith("linux")


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB tmpfs (root only): a real full disk."""
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root on Linux")
    folder = tmp_path / "disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)]).returncode:
        pytest.skip("this machine does not let tests mount a tmpfs")
    yield folder
    subprocess.run(["umount", "-l", str(folder)])


MOUNTED_SCENARIO = r"""
import os, subprocess, sys
site, mount = sys.argv[1], sys.argv[2]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount], check=True)
os.mkdir(os.path.join(mount, "lost+found"))

def build():
    return subprocess.run([sys.executable, "-m", "bantin", "--lang", "en", "build", "--site", site, "--output", mount],
                          capture_output=True, text=True)

def tree():
    found = {}
    for folder, dirs, files in os.walk(mount):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                found[os.path.relpath(os.path.join(folder, name), mount)] = handle.read()
    return found

def check(ok, what):
    if not ok:
        print("FAILED:", what)
        sys.exit(1)

result = build()
check(result.returncode == 0, "first build: " + result.stderr)
first = tree()
check("index.html" in first and os.path.isdir(os.path.join(mount, "lost+found")), "first tree")
with open(os.path.join(site, "site.yaml"), encoding="utf-8") as f:
    yaml = f.read()
with open(os.path.join(site, "site.yaml"), "w", encoding="utf-8") as f:
    f.write(yaml.replace("Thử nghiệm", "Mới"))
result = build()
check(result.returncode == 0, "second build: " + result.stderr)
second = tree()
check("Mới".encode() in second["index.html"] and second != first, "second tree")
with open(os.path.join(site, "content", "hong.md"), "w", encoding="utf-8") as f:
    f.write("---\ntitle: [hỏng\n---\n")
result = build()
check(result.returncode == 1 and tree() == second, "a failed build changed the folder")
os.unlink(os.path.join(site, "content", "hong.md"))
os.makedirs(os.path.join(site, "static"), exist_ok=True)
with open(os.path.join(site, "static", "so-lieu.bin"), "wb") as f:
    f.write(os.urandom(5_000_000))                                   # does not fit
result = build()
check(result.returncode == 2 and "is full" in result.stderr, "full disk: " + result.stderr)
check(tree() == second, "a full disk changed the folder")
check(sorted(n for n in os.listdir(mount) if n.startswith(".bantin-") and n != ".bantin-output") == [],
      "leftovers: " + str(os.listdir(mount)))
print("ok")
"""


def test_a_real_mount_point_is_built_into_and_a_failed_build_leaves_it_as_it_was(tmp_path):
    """A tmpfs mounted at the output folder, in a mount namespace of its own (`unshare`: as root, or
    as any user where user namespaces are allowed): build, rebuild, a build with an error, a build
    that fills the disk."""
    site = make_site(tmp_path, {"content/a/index.md": article(), "content/b/index.md": article(title="Bài B")})
    mount = tmp_path / "volume"
    mount.mkdir()
    namespace = ["unshare", "--mount", "--propagation", "private"] if os.geteuid() == 0 else \
        ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None or \
            subprocess.run(namespace + ["true"], capture_output=True).returncode:
        if os.environ.get("CI"):
            pytest.fail("CI must be able to mount a tmpfs in a mount namespace (unshare, as root)")
        pytest.skip("this machine lets no test mount a file system (needs root or user namespaces, and unshare)")
    result = subprocess.run(namespace + [sys.executable, "-c", MOUNTED_SCENARIO, str(site), str(mount)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stdout + result.stderr


def test_a_full_disk_says_so_and_keeps_the_old_site(tmp_path, tiny_disk):
    site = make_site(tmp_path, {"content/a/index.md": article()})
    out = tiny_disk / "site"
    assert run_cli("build", "--site", str(site), "--output", str(out)).exit_code == 0
    published = read_tree(out)
    (site / "static").mkdir()
    (site / "static" / "so-lieu.bin").write_bytes(random.Random(3).randbytes(3_000_000))   # does not fit
    result = run_cli("--lang", "en", "build", "--site", str(site), "--output", str(out))
    assert result.exit_code == 2, result.output
    assert f"the disk holding '{out}' is full" in result.stderr and "internal" not in result.stderr
    assert read_tree(out) == published
    assert leftovers(tiny_disk, "site") == []


def test_a_full_disk_injected_anywhere_in_writing_is_a_message(tmp_path, monkeypatch):
    out = tmp_path / "build"
    write_site([Output("a.html", b"A", "a")], out)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(writer.os, "makedirs", full)
    with pytest.raises(UsageError) as raised:
        write_site([Output("b/a.html", b"B", "a")], out)
    assert raised.value.msg.render("en") == f"the disk holding '{out.absolute()}' is full; free some space and " \
                                            "build again (the old site is untouched)"
    assert read_tree(out)["a.html"] == b"A" and leftovers(tmp_path) == []


def test_the_manifest_stays_true_after_a_swap(tmp_path):
    site = make_site(tmp_path, {"content/a/index.md": article(), "content/b/index.md": article(title="Bài B")})
    build_site_dir(site)
    (site / "site.yaml").write_text(SITE_YAML.replace("Thử nghiệm", "Mới"), encoding="utf-8")
    first = build_site_dir(site)
    assert first.written > 0
    again = build_site_dir(site)
    assert (again.written, again.removed) == (0, 0)


# --- kill -9, for real ------------------------------------------------------------------------

def _start_build(site: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bantin", "build", "--site", str(site)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(predicate, process: subprocess.Popen, limit: float = 60.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if predicate():
            return True
        time.sleep(0.0005)
    return False


@pytest.mark.slow
def test_kill_9_during_the_swap_leaves_the_old_or_the_new_site(tmp_path):
    """A 400-article site whose title changes (every page changes) is built and killed with SIGKILL at a
    random moment, mostly once its staging folder exists (the swap), sometimes anywhere; after every
    kill `build/` is exactly one of the two trees, no worker survives, and the next run cleans up."""
    budget = float(os.environ.get("BANTIN_KILL_SECONDS", "15"))
    site = big_site(tmp_path)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "BANTIN_LANG": ""}
    titles = [SITE_YAML, SITE_YAML.replace("Thử nghiệm", "Thử nghiệm mới")]
    trees = []
    for i, text in enumerate(titles):
        (site / "site.yaml").write_text(text, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "bantin", "build", "--site", str(site), "--output",
                        str(tmp_path / f"ref{i}")], env=env, check=True, capture_output=True)
        trees.append(read_tree(tmp_path / f"ref{i}"))
    assert trees[0] != trees[1]
    (site / "site.yaml").write_text(titles[0], encoding="utf-8")
    subprocess.run([sys.executable, "-m", "bantin", "build", "--site", str(site)], env=env, check=True)
    state, rng, kills, in_swap = 0, random.Random(17), 0, 0
    started = time.monotonic()
    while time.monotonic() - started < budget or kills < 3:
        state = 1 - state                                  # build the other site
        (site / "site.yaml").write_text(titles[state], encoding="utf-8")
        process = _start_build(site, env)
        if rng.random() < 0.75:                            # at the swap
            staged = _wait_for(lambda: any(".staging-" in n for n in leftovers(site)), process)
            time.sleep(rng.uniform(0, 0.25))
            in_swap += staged
        else:                                              # anywhere
            time.sleep(rng.uniform(0.2, 3.0))
        workers = children_of(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not any(alive(pid) for pid in workers), "a worker outlived its killed parent"
        published = read_tree(site / "build")
        assert published in trees, f"kill {kills}: build/ is neither the old nor the new site"
        state = trees.index(published)
    assert in_swap >= 2
    (site / "site.yaml").write_text(titles[1 - state], encoding="utf-8")
    subprocess.run([sys.executable, "-m", "bantin", "build", "--site", str(site)], env=env, check=True)
    assert read_tree(site / "build") == trees[1 - state]
    assert leftovers(site) == []
    again = build_site_dir(site)                           # the manifest matches what is published
    assert (again.written, again.removed) == (0, 0) and read_tree(site / "build") == trees[1 - state]
    print(f"\n{kills} kills, {in_swap} during the swap, in {time.monotonic() - started:.1f} s")
