"""Packaging: `pip install .` in the source folder ships every package file and leaves nothing behind.

The source folder is also the demo site, whose output folder is `build/`: a build backend that
stages files in `build/` (setuptools does) makes the next `bantin build` there refuse to run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, article, build_site_dir, make_site

from bantin.core.errors import UsageError


def test_a_wheel_built_in_the_source_folder_ships_the_theme_and_leaves_build_alone(tmp_path):
    source = tmp_path / "bantin"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    before = sorted(p.name for p in source.iterdir())
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                             "--disable-pip-version-check", "-w", str(tmp_path / "dist"), "."],
                            cwd=source, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in source.iterdir()) == before   # no build/, no *.egg-info
    (wheel,) = (tmp_path / "dist").glob("bantin-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    package = source / "src" / "bantin"
    expected = {f"bantin/{p.relative_to(package).as_posix()}" for p in package.rglob("*") if p.is_file()}
    assert expected <= shipped, sorted(expected - shipped)
    assert any(name.startswith("bantin/theme/templates/") for name in expected)
    assert any(name.startswith("bantin/scaffold/content/") for name in expected)


def test_a_foreign_output_folder_is_refused_naming_what_is_foreign(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()})
    (site / "build/lib/bantin").mkdir(parents=True)
    (site / "build/lib/bantin/cli.py").write_text("# left by a packaging tool")
    (site / "build/bdist.linux-x86_64").mkdir()
    with pytest.raises(UsageError) as info:
        build_site_dir(site)
    message = info.value.msg.render("en")
    assert f"output folder '{site / 'build'}' holds files bantin did not make, such as 'bdist.linux-x86_64/'" \
        in message
    assert "Move those files away" in message and "--output" in message
    assert (site / "build/lib/bantin/cli.py").is_file()
