"""tools/test, the README's test command and CI's: installs only what is missing, then runs the suite.

It runs here against stand-ins for apt-get, npm, node, java and python3 (a PATH holding only them and
the few coreutils the script uses), so each machine it meets can be played out: Node.js from
NodeSource with its own npm (Debian's npm package conflicts with it), Node.js without npm, no
Node.js at all, a second run with everything in place, and a pytest that collected nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

STAND_IN = """#!/bin/bash
echo "{name} $*" >> "$CALLS"
{body}
"""
APT_GET = """if [ "$1" = install ]; then for p in "$@"; do if [ "$p" = npm ]; then
  printf '#!/bin/bash\\necho "npm $*" >> "$CALLS"\\n' > "$(dirname "$0")/npm"; chmod +x "$(dirname "$0")/npm"
fi; done; fi"""
PYTHON = """if [ "$1" = "-" ]; then cat >/dev/null; exit "${PY_CHECK:-0}"; fi
if [ "$2" = "pytest" ]; then exit "${PYTEST_RC:-0}"; fi
exit 0"""


def play(tmp_path: Path, *, tools: set[str], validators: bool = False, py_check: int = 0,
         pytest_rc: int = 0) -> tuple[subprocess.CompletedProcess, list[str]]:
    repo = tmp_path / "repo"
    (repo / "tools").mkdir(parents=True)
    shutil.copy(ROOT / "tools/test", repo / "tools/test")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sed", "grep", "head", "dirname", "id", "cat", "chmod"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    for name in {"apt-get", "python3", "sudo"} | tools:
        body = {"python3": PYTHON, "sudo": 'exec "$@"', "apt-get": APT_GET}.get(name, "exit 0")
        (bin_dir / name).write_text(STAND_IN.format(name=name, body=body))
        (bin_dir / name).chmod(0o755)
    modules = tmp_path / "cache/node_modules"
    if validators:
        for rel, text in (("vnu-jar", '{"name": "vnu-jar", "version": "26.9.27", "engines": {"node": ">=18"}}'),
                          ("sitemap", '{\n  "name": "sitemap",\n  "version": "9.0.1"\n}\n'),
                          ("lighthouse", '{\n  "name": "lighthouse",\n  "version": "12.2.3"\n}\n')):
            (modules / rel).mkdir(parents=True)
            (modules / rel / "package.json").write_text(text)
        (modules / "vnu-jar/build/dist").mkdir(parents=True)
        (modules / "vnu-jar/build/dist/vnu.jar").write_bytes(b"")
        (modules / "sitemap/schema").mkdir(parents=True)
        (modules / "sitemap/schema/sitemap.xsd").write_text("")
    calls = tmp_path / "calls"
    calls.touch()
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "CALLS": str(calls), "BANTIN_NODE_MODULES": str(modules),
           "PY_CHECK": str(py_check), "PYTEST_RC": str(pytest_rc)}
    result = subprocess.run(["/bin/bash", str(repo / "tools/test")], capture_output=True, text=True, env=env,
                            timeout=60)
    return result, calls.read_text().splitlines()


def apt_installs(calls: list[str]) -> list[str]:
    return [word for call in calls if call.startswith("apt-get install") for word in call.split()[2:]
            if not word.startswith("-")]


def test_node_from_elsewhere_with_its_own_npm_gets_no_debian_npm(tmp_path):
    result, calls = play(tmp_path, tools={"node", "npm", "java"}, py_check=1)
    assert result.returncode == 0, result.stderr
    assert "npm" not in apt_installs(calls)
    assert any(c.startswith("npm install") and "vnu-jar@26 sitemap@9" in c for c in calls)
    assert any(c.startswith("python3 -m pip install") and '-e .[test]' in c for c in calls)
    assert calls[-1] == "python3 -m pytest -q"


def test_node_without_npm_stops_with_what_to_do(tmp_path):
    result, calls = play(tmp_path, tools={"node", "java"})
    assert result.returncode == 1
    assert "npm is not" in result.stderr and "Install npm the way that Node.js was installed" in result.stderr
    assert "npm" not in apt_installs(calls)
    assert not any(c.startswith("python3 -m pytest") for c in calls)


def test_a_machine_without_node_gets_debian_npm_and_java(tmp_path):
    result, calls = play(tmp_path, tools=set())
    assert result.returncode == 0, result.stderr
    assert {"npm", "default-jre-headless"} <= set(apt_installs(calls))
    assert "apt-get update -qq" in calls


def test_a_second_run_installs_nothing(tmp_path):
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("the script would install Chromium first")
    result, calls = play(tmp_path, tools={"node", "npm", "java"}, validators=True)
    assert result.returncode == 0, result.stderr
    assert [c for c in calls if c != "python3 -"] == ["python3 -m pytest -q"]


def test_a_run_that_collected_no_test_fails(tmp_path):
    result, _ = play(tmp_path, tools={"node", "npm", "java"}, validators=True, pytest_rc=5)
    assert result.returncode == 1 and "no test" in result.stderr


def test_a_failing_suite_fails(tmp_path):
    result, _ = play(tmp_path, tools={"node", "npm", "java"}, validators=True, pytest_rc=1)
    assert result.returncode == 1


def test_the_readme_and_ci_run_that_script():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0].strip() for block in readme.split("```sh\n")[1:3]]
    assert blocks[1] == "bash tools/test"
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line and not line.startswith("#")]
    assert ci[-1] == "exec bash tools/test"
    assert os.access(ROOT / "tools/test", os.X_OK)
