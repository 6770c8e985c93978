"""Help and usage errors speak the language of messages: Vietnamese unless --lang en or BANTIN_LANG=en.

click's own words ("Usage:", "Options:", "No such option") come from the table in clicktext.py, which
answers click's gettext calls for one run; bantin's own help texts come from the catalog.
"""

from __future__ import annotations

import ast
import gettext
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import run_cli

from bantin.clicktext import VI, VI_PLURAL

HELP = {
    "vi": ("Cách dùng: bantin [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]...", "Tùy chọn:", "Hiện hướng dẫn này rồi thoát.",
           "Lệnh:", "Tạo trang web vào thư mục build/ của trang.", "Ví dụ:"),
    "en": ("Usage: bantin [OPTIONS] COMMAND [ARGS]...", "Options:", "Show this message and exit.",
           "Commands:", "Build the site into SITE/build.", "Example:"),
}
BUILD_HELP = {
    "vi": ("Cách dùng: bantin build [TÙY_CHỌN]", "--site THƯ_MỤC", "Thư mục trang web (thư mục có site.yaml)",
           "[mặc định: .]", "--strict", "Có cảnh báo cũng tính là lỗi",
           "Hiện hướng dẫn này rồi thoát."),
    "en": ("Usage: bantin build [OPTIONS]", "--site FOLDER", "Site folder (the one with site.yaml)",
           "[default: .]", "--strict", "Fail on warnings too (for CI).", "Show this message and exit."),
}
USAGE_ERROR = {
    "vi": ("Cách dùng: bantin build [TÙY_CHỌN]", "Xem hướng dẫn: 'bantin build --help'.",
           "Lỗi: Không có tùy chọn '--drafs'. Có phải ý bạn là '--drafts'?"),
    "en": ("Usage: bantin build [OPTIONS]", "Try 'bantin build --help' for help.",
           "Error: No such option '--drafs'. Did you mean '--drafts'?"),
}
# (language expected, arguments before the command, BANTIN_LANG)
WAYS = [("vi", (), ""), ("vi", ("--lang", "vi"), ""), ("en", ("--lang", "en"), ""), ("en", ("--lang=en",), ""),
        ("en", (), "en"), ("vi", ("--lang", "vi"), "en")]


@pytest.mark.parametrize("lang, args, env", WAYS)
def test_main_help(lang, args, env):
    result = run_cli(*args, "--help", env={"BANTIN_LANG": env})
    assert result.exit_code == 0
    for phrase in HELP[lang]:
        assert phrase in result.stdout, (phrase, result.stdout)


@pytest.mark.parametrize("lang, args, env", WAYS)
def test_command_help(lang, args, env):
    result = run_cli(*args, "build", "--help", env={"BANTIN_LANG": env})
    assert result.exit_code == 0
    for phrase in BUILD_HELP[lang]:
        assert phrase in result.stdout, (phrase, result.stdout)


@pytest.mark.parametrize("lang, args, env", WAYS)
def test_usage_error(lang, args, env):
    result = run_cli(*args, "build", "--drafs", env={"BANTIN_LANG": env})
    assert result.exit_code == 2
    for phrase in USAGE_ERROR[lang]:
        assert phrase in result.stderr, (phrase, result.stderr)


def test_help_asked_before_the_language_is_still_in_that_language():
    assert run_cli("--help", "--lang", "en").stdout.startswith("Usage: bantin")


def test_click_gets_its_own_gettext_back_after_a_run():
    run_cli("build", "--help")
    assert click.formatting._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext


@pytest.mark.parametrize("lang, phrases", [
    ("vi", ("Cách dùng: bantin new [TÙY_CHỌN] TIÊU_ĐỀ", "Lỗi: Thiếu đối số 'TIÊU_ĐỀ'.")),
    ("en", ("Usage: bantin new [OPTIONS] TITLE", "Error: Missing argument 'TITLE'.")),
])
def test_a_missing_argument_in_a_real_process(tmp_path, lang, phrases):
    result = subprocess.run([sys.executable, "-m", "bantin", "new"], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path, env={**os.environ, "BANTIN_LANG": lang})
    assert result.returncode == 2
    for phrase in phrases:
        assert phrase in result.stderr


def click_msgids() -> tuple[set[str], set[tuple[str, str]]]:
    """The strings the installed click marks for translation: what `xgettext` would extract."""
    singles, plurals = set(), set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if node.func.id == "_" and texts:
                    singles.add(texts[0])
                elif node.func.id == "ngettext" and len(texts) == 2:
                    plurals.add((texts[0], texts[1]))
    return singles, plurals


NOT_TRANSLATED = {"d", "Choice({choices})"}   # a unit letter in the progress bar; a repr() for programmers


def test_every_string_click_marks_has_a_vietnamese_translation():
    singles, plurals = click_msgids()
    assert singles and plurals
    assert not singles - NOT_TRANSLATED - set(VI), "translate in src/bantin/clicktext.py"
    assert not plurals - set(VI_PLURAL), "translate in src/bantin/clicktext.py"


def test_translations_keep_their_placeholders():
    import string

    def names(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    for english, vietnamese in VI.items():
        assert names(english) == names(vietnamese), english
    for (one, many), vietnamese in VI_PLURAL.items():
        forms = (vietnamese,) if isinstance(vietnamese, str) else vietnamese
        for form in forms:
            assert names(form) <= names(one) | names(many), one
