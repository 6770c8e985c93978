"""click's own words in Vietnamese: "Usage:", "Options", "Show this message and exit.", its errors.

click marks what it says with gettext (`_("Usage:")`, `ngettext(...)`), keyed by its English text.
This table answers those keys; `cli.py` hands it to click for one run of a command, in the language
the run speaks. Everything bantin says itself is in the catalog of `messages.py` instead.

Why a table here and not a gettext catalog (.po/.mo): the language is chosen per run (--lang,
BANTIN_LANG), not by the locale that gettext's global functions read from the environment; a
compiled .mo would have to be built at packaging time or committed as a binary beside its source;
and the keys are click's, so a test (tests/test_cli_language.py) checks this table against the
strings the installed click marks, which is what `msgmerge` would tell a translator.
"""

from __future__ import annotations

import gettext

VI: dict[str, str] = {
    # help pages
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "required": "bắt buộc",
    "deprecated": "không còn dùng",
    "(dynamic)": "(tính khi chạy)",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    # usage errors
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "No such option: {name}": "Không có tùy chọn {name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such command '{name}'.": "Không có lệnh '{name}'.",
    "Missing command.": "Thiếu tên lệnh.",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Đối số {name!r} cần {nargs} giá trị.",
    "Invalid start character for option ({option})": "Ký tự đầu của tùy chọn không hợp lệ ({option})",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị đúng/sai. Các giá trị được nhận: {states}",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "unknown error": "lỗi không xác định",
    "Aborted!": "Đã dừng!",
    # prompts
    "Do you want to continue?": "Bạn có muốn tiếp tục không?",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai giá trị đã nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục...",
    "{editor}: Editing failed": "{editor}: sửa không thành công",
    "{editor}: Editing failed: {e}": "{editor}: sửa không thành công: {e}",
    # mistakes in a program's own use of click: never seen by an editor, translated all the same
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "DeprecationWarning: lệnh {name!r} không còn dùng.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "DeprecationWarning: {param_type} {name!r} không còn dùng.{extra_message}",
    "Could not determine name for option with declarations {decls!r}":
        "Không xác định được tên của tùy chọn khai báo {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?":
        "Không khai báo tùy chọn nào nhưng lại có tên ({name}). Có phải ý bạn là khai báo một đối số? "
        "Hay là '--{name}'?",
    "Name '{name}' defined twice": "Tên '{name}' được khai báo hai lần",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Tùy chọn đúng/sai {decl!r} không được dùng cùng một cờ cho true và false.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Mỗi đối số chỉ có đúng một khai báo, nhưng có {length}: {decls}.",
    "Unknown color {colour!r}": "Không biết màu {colour!r}",
    "Windows error: {error}": "Lỗi Windows: {error}",
    "Unknown standard stream '{name}'": "Không biết luồng chuẩn '{name}'",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Tự hoàn thành lệnh không hỗ trợ Bash cũ hơn 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Không nhận ra phiên bản Bash, không hỗ trợ tự hoàn thành lệnh.",
}

# ngettext(singular, plural, n): Vietnamese has one form of a word for every count, but a sentence
# about one thing may still differ from one about several ("là 'build'" / "là một trong: ...").
VI_PLURAL: dict[tuple[str, str], str | tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        "Thừa đối số không dùng tới ({args})",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Có phải ý bạn là {possibility}?", "(Có phải ý bạn là một trong: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Tùy chọn {name!r} cần một giá trị.", "Tùy chọn {name!r} cần {nargs} giá trị."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "Cần {nargs} giá trị nhưng có {len}.",
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} không phải là {choice}.", "{value!r} không phải là một trong: {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("{value!r} không khớp định dạng {format}.", "{value!r} không khớp định dạng nào trong: {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        "Cần {len_type} giá trị, nhưng có {len_value}.",
}


class _Vietnamese(gettext.NullTranslations):
    """click's English keys answered from the tables above; a key not there stays in English."""

    def gettext(self, message: str) -> str:
        return VI.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        text = VI_PLURAL.get((msgid1, msgid2), (msgid1, msgid2))
        return text if isinstance(text, str) else text[0] if n == 1 else text[1]


def click_translation(lang: str) -> gettext.NullTranslations:
    """What click's `_` and `ngettext` should answer in `lang` ('vi' or 'en')."""
    return _Vietnamese() if lang == "vi" else gettext.NullTranslations()
