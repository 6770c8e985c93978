"""The message catalog: complete in both languages, and every message an editor can trigger, triggered.

The table `PROBLEMS` holds one minimal site per error or warning; each runs through `bantin check`
(the same validation as `build`) in Vietnamese and in English, and the message is looked up by its
catalog key. `COMMANDS` does the same for what the commands themselves say (usage errors, summaries).
A new message key must get a row here, or a reason in `NOT_TRIGGERED`.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import socket
import string
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import SITE_YAML, article, clip, jpeg, jpeg_with_damaged_exif, make_site, pdf, run_cli
from test_documents import docx, odt

from bantin.core.messages import _CATALOG, Msg, catalog_keys

P = "content/2024/09/bai/index.md"
BUNDLE = "content/2024/09/bai/"
NO_AUTHOR_YAML = "title: Công an tỉnh\nbase_url: https://congan.example.vn\n"

# Keys with no row below, and why.
NOT_TRIGGERED = {
    "alias.reason.control": "the YAML reader refuses a control character in any value first (value.control_char); "
                            "normalise_alias keeps the check for the addresses bantin import reads from pages",
    "hint.none": "the empty hint: renders as nothing by design",
    "progress.parse": "a progress-bar label, shown on a terminal only; tests/test_build.py checks the bar",
    "progress.write": "a progress-bar label, as above",
    "new.author_placeholder": "part of a new article's text; tests/test_scaffold.py checks it in both languages",
    "new.no_sections": "part of a new article's text, as above",
    "new.body_placeholder": "the body of a new article, as above; warn.body_template is triggered by it",
    **{f"new.note.{key}": "a comment of a new article's text, as above" for key in
       ("title", "date", "author", "category", "tags", "summary", "slug", "draft", "images", "awards", "attachments",
        "videos")},
    **{f"new.example.{key}": "an example of a new article's text, as above" for key in
       ("tags", "summary", "caption", "alt", "document", "video")},
    "init.cannot_write": "an OS refusal (a read-only disk); tests/test_scaffold.py fakes one",
    "image.heic": "only without pillow-heif, which is a dependency; tests/test_derivatives.py checks the text",
    "image.damaged": "raised when build decodes a photo (check does not encode); tests/test_derivatives.py",
    "cli.internal": "only on a bug; triggered by test_an_internal_error_is_one_line_in_both_languages",
    "output.disk_full": "needs a full disk; tests/test_writer.py fills a tiny tmpfs (root) or injects ENOSPC",
    "output.os_error": "needs a failing file system; the same code path as output.disk_full",
    "article.too_slow": "needs a parse slower than the limit; tests/test_workers.py slows one down",
    "article.too_deep": "a last resort behind markdown.py's depth limits; tests/test_workers.py",
    "errors.count": "the text of a BuildFailed exception; test_a_failed_build_with_one_error_says_so",
    # documents and video (issue 28)
    "attachment.too_large": "needs a 200 MB file; tests/test_media_build.py lowers the limit",
    "video.too_large": "needs a 512 MB file; tests/test_media_build.py lowers the limit",
    "warn.attachment_large": "needs a 20 MB file; tests/test_media_build.py lowers the threshold",
    "warn.video_large": "needs a 50 MB file; tests/test_media_build.py lowers the threshold",
    "video.too_slow": "needs FFmpeg slower than its limit; tests/test_videos.py lowers the limit",
    "video.no_ffmpeg": "needs a machine without FFmpeg; tests/test_videos.py takes it away",
    "video.captions.too_large": "needs a 2 MB captions file; tests/test_videos.py checks the text",
    "attachment.what.ole": "an old Office file of another kind needs Office to make; tests/test_documents.py",
}
SERVE_KEYS = "dev-server status lines and pages, exercised by tests/test_serve.py"
IMPORT_KEYS = "what bantin import reports, exercised against a local portal by tests/test_import.py"


def locked_pdf(password: str) -> bytes:
    """A PDF encrypted with `password` to open ('' opens freely), its author named."""
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1, Author="Nguyễn Văn An"))))
    writer.encrypt(user_password=password, owner_password="chu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def noise_png(side: int = 700) -> bytes:
    """A PNG over 1 MB: random pixels do not compress."""
    from PIL import Image
    buf = io.BytesIO()
    Image.frombytes("RGB", (side, side), random.Random(5).randbytes(side * side * 3)).save(buf, "PNG")
    return buf.getvalue()


def png_bomb(side: int = 30000) -> bytes:
    """A PNG header claiming side x side pixels (a decompression bomb), with no pixels behind it."""
    import struct
    import zlib
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    chunk = lambda kind, body: (struct.pack(">I", len(body)) + kind + body  # noqa: E731
                                + struct.pack(">I", zlib.crc32(kind + body)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@dataclass(frozen=True)
class Symlink:
    target: str          # relative to the link's folder; '{outside}' is a file outside the site


@dataclass(frozen=True)
class Case:
    key: str
    files: dict
    vi: str
    en: str
    where: str | None = None                  # 'path:line' the problem must name
    also: tuple[str, ...] = ()                # fragment keys rendered inside the message
    site_yaml: str = SITE_YAML
    options: tuple[str, ...] = ()


def fm(front: str, body: str = "Nội dung bài.\n") -> str:
    return f"---\n{front}---\n{body}"


PROBLEMS = [
    # files
    Case("file.empty", {P: ""}, "tệp trống: bài viết cần có phần đầu", "empty file: an article needs front matter",
         f"{P}:1"),
    Case("file.not_utf8", {P: b"---\ntitle: Caf\xe9\n---\n"}, "tệp không phải mã UTF-8 (byte 0xE9 ở cột 11)",
         "file is not UTF-8 (byte 0xE9 at column 11)", f"{P}:2"),
    Case("file.unreadable", {P: Symlink("khong-co.md")}, "không đọc được tệp", "cannot read file", P),
    Case("file.outside_site", {P: Symlink("{outside}")}, "là liên kết trỏ ra ngoài thư mục trang web",
         "links outside the site folder", P),
    # YAML
    Case("yaml.syntax", {P: fm("title: A\ndate: 27/09/2024\n]\n")}, "không đọc được dòng này (từ cột 1)",
         "this line cannot be read (from column 1)", f"{P}:4"),
    Case("yaml.quote", {P: fm("title: A\ndate: 27/09/2024\ncategory: Hội nghị: tổng kết\n")},
         "hãy đặt cả giá trị trong ngoặc kép, viết đúng như sau: category: \"Hội nghị: tổng kết\"",
         "put the whole value in double quotes", f"{P}:4"),
    Case("yaml.indent", {P: fm("title: A\ndate: 27/09/2024\nawards:\n  - type: Giấy khen\n    giver: UBND\n"
                                "     recipient: Đội 1\n")},
         "'recipient:' đang thụt lề 5 dấu cách, không khớp với dòng 6 ('giver:'); hãy để đúng 4 dấu cách",
         "'recipient:' is indented by 5 spaces, which does not match line 6 ('giver:')", f"{P}:7"),
    Case("yaml.tab", {P: fm("title: A\n\tdate: 27/09/2024\n")}, "dòng này thụt lề bằng ký tự tab",
         "this line is indented with a tab", f"{P}:3"),
    Case("yaml.unclosed", {P: fm("title: A\ndate: 27/09/2024\ncategory: \"Giao thông\nslug: a\n")},
         "dấu \" mở ở dòng này chưa được đóng; hãy viết đúng như sau: category: \"Giao thông\"",
         "the \" opened on this line is never closed", f"{P}:4"),
    Case("yaml.no_space", {P: fm("title: A\ndate:27/09/2024\n")}, "thiếu dấu cách sau dấu ':'; hãy viết đúng như "
         "sau: date: 27/09/2024", "a space is missing after the ':'", f"{P}:3"),
    Case("yaml.no_colon", {P: fm("title: A\ndate: 27/09/2024\nSáng nay, hội nghị\n")},
         "dòng này không có dạng 'khóa: giá trị'", "this line is not of the form 'key: value'", f"{P}:4"),
    Case("yaml.tag", {P: fm("title: A\ncategory: !!python/name:os.system A\ndate: 27/09/2024\n")},
         "thẻ YAML '!!python/name:os.system' không được phép", "YAML tag '!!python/name:os.system' is not allowed",
         f"{P}:3"),
    Case("yaml.alias", {P: fm("title: A\ncategory: &t A\nslug: *t\ndate: 27/09/2024\n")}, "neo và bí danh YAML",
         "anchors and aliases", f"{P}:4"),
    Case("yaml.duplicate_key", {P: fm("title: A\ndate: 27/09/2024\ntitle: B\n")},
         "khóa 'title' bị lặp (đã có ở dòng 2)", "key 'title' appears twice (first at line 2)", f"{P}:4"),
    Case("yaml.complex_key", {P: fm("title: A\ndate: 27/09/2024\n[a, b]: c\n")}, "khóa phải là chuỗi chữ đơn giản",
         "keys must be plain strings", f"{P}:4"),
    Case("yaml.not_mapping", {P: fm("- a\n- b\n")}, "phần đầu (front matter) phải là bảng khóa: giá trị",
         "the front matter must be a mapping of key: value", f"{P}:2", ("what.front_matter", "kind.list_value")),
    Case("yaml.not_mapping", {}, "site.yaml phải là bảng khóa: giá trị (ví dụ 'title: ...'), nhưng đang là",
         "site.yaml must be a mapping", "site.yaml:1", ("what.site_yaml",), site_yaml="- a\n- b\n"),
    # front matter framing
    Case("fm.missing", {P: "Chỉ có nội dung\n"}, "thiếu phần đầu: tệp phải bắt đầu bằng dòng '---'",
         "no front matter", f"{P}:1"),
    Case("fm.unclosed", {P: "---\ntitle: A\ndate: 27/09/2024\nNội dung\n"},
         "phần đầu mở ở dòng 1 nhưng không có dòng '---' đóng lại", "never closed with a '---' line", f"{P}:1"),
    Case("fm.too_large", {P: fm("title: A\ndate: 27/09/2024\nsummary: " + "x" * 70_000 + "\n")},
         "vượt giới hạn 65536 byte", "over the 65536-byte limit", f"{P}:1"),
    # keys and values
    Case("key.unknown", {P: article(catgory="An toàn giao thông")},
         "khóa 'catgory' không được hỗ trợ; có phải ý bạn là 'category'?",
         "unknown key 'catgory'; did you mean 'category'?", f"{P}:4", ("hint.did_you_mean",)),
    Case("key.required", {P: fm("title: A\n")}, "thiếu khóa bắt buộc 'date'", "missing required key 'date'", f"{P}:2"),
    Case("value.type", {P: article(category="no")},
         "'category' phải là văn bản, nhưng đang là giá trị đúng/sai (YAML đọc `no` thành giá trị đúng/sai; "
         "hãy đặt trong ngoặc kép: category: \"no\")",
         "'category' must be a string, but is a true/false value (YAML reads `no` as a true/false value; "
         "put it in quotes: category: \"no\")", f"{P}:4", ("kind.string", "kind.bool_value", "hint.quote")),
    Case("value.type", {P: article(draft="maybe")}, "'draft' phải là true hoặc false, nhưng đang là văn bản",
         "'draft' must be true or false, but is a string", f"{P}:4", ("kind.boolean", "kind.string_value")),
    Case("value.type", {P: article(images="hoi-nghi.jpg")}, "'images' phải là danh sách, nhưng đang là văn bản",
         "'images' must be a list, but is a string", f"{P}:4", ("kind.list",)),
    Case("value.type", {P: article(awards="[{type: Bằng khen, giver: UBND, individuals: nhiều}]")},
         "'awards[1].individuals' phải là số nguyên", "'awards[1].individuals' must be an integer", f"{P}:4",
         ("kind.integer",)),
    Case("value.type", {P: article(extra="3")}, "'extra' phải là bảng khóa: giá trị, nhưng đang là số nguyên",
         "'extra' must be a mapping of key: value, but is an integer", f"{P}:4", ("kind.mapping", "kind.int_value")),
    Case("value.type", {P: article(tags="{a: b}")},
         "'tags' phải là văn bản hoặc danh sách văn bản, nhưng đang là bảng khóa: giá trị",
         "'tags' must be a string or a list of strings, but is a mapping", f"{P}:4",
         ("kind.string_or_list", "kind.mapping_value")),
    Case("value.type", {P: fm("title: A\ndate: [27/09/2024]\n")}, "'date' phải là ngày giờ, nhưng đang là danh sách",
         "'date' must be a date, but is a list", f"{P}:3", ("kind.date", "kind.list_value")),
    Case("value.type", {P: article(slug="1.5")}, "'slug' phải là văn bản, nhưng đang là số thập phân",
         "'slug' must be a string, but is a number", f"{P}:4", ("kind.float_value",)),
    Case("value.type", {P: article(summary="")}, "'summary' phải là văn bản, nhưng đang là giá trị trống",
         "'summary' must be a string, but is an empty value", f"{P}:4", ("kind.null_value",)),
    Case("value.empty", {P: article(summary='""')}, "'summary' không được để trống", "'summary' must not be empty",
         f"{P}:4"),
    Case("value.negative", {P: article(awards="[{type: Bằng khen, giver: UBND, collectives: -3}]")},
         "'awards[1].collectives' không được là số âm, nhưng đang là -3",
         "'awards[1].collectives' must not be negative, but is -3", f"{P}:4"),
    Case("date.format", {P: article(date="hôm qua")},
         "ngày 'hôm qua' không hợp lệ (cần dạng 27/09/2024 11:41 hoặc 2024-09-27 11:41)",
         "date 'hôm qua' is not valid", f"{P}:3"),
    Case("date.impossible", {P: article(date="31/02/2024")}, "ngày '31/02/2024' không tồn tại (kiểm tra ngày, tháng",
         "date '31/02/2024' does not exist", f"{P}:3"),
    Case("date.range", {P: article(date="0001-01-01T00:00:00+12:00")},
         "ngày '0001-01-01T00:00:00+12:00' nằm ngoài các năm 1900-2999", "is outside the years 1900-2999", f"{P}:3"),
    Case("value.too_large", {P: article(awards="[{type: Bằng khen, giver: UBND, individuals: -1" + ":00" * 3000 + "}]")},
         "'awards[1].individuals' quá lớn (-1:00:00", "'awards[1].individuals' is too large (-1:00:00", f"{P}:4"),
    Case("value.control_char", {P: article(summary='"Tóm\\etắt"')}, "'summary' có ký tự điều khiển vô hình U+001B",
         "'summary' holds the invisible control character U+001B", f"{P}:4"),
    Case("file.control_char", {P: article(body="Dòng một.\n\nDòng\x00 hai.\n")},
         "dòng này có ký tự điều khiển vô hình U+0000 ở cột 5", "the invisible control character U+0000 at column 5",
         f"{P}:7"),
    Case("file.control_char", {}, "dòng này có ký tự điều khiển vô hình U+007F ở cột 10",
         "the invisible control character U+007F at column 10", "site.yaml:3",
         site_yaml=NO_AUTHOR_YAML + "source: A\x7fB\n"),
    Case("body.too_large", {P: article(body="Chữ. " * 110_000)}, "nội dung bài dài 550000 ký tự, vượt giới hạn",
         "the body is 550000 characters, over the 500000-character limit", f"{P}:5"),
    Case("body.too_deep", {P: article(body="Dẫn đầu.\n\n" + "\n".join("    " * i + "- x" for i in range(40)))},
         "dòng này lồng nhau quá 32 mức", "this line nests more than 32 levels", f"{P}:40"),
    Case("body.too_many_openers", {P: article(body="Dẫn đầu.\n\n" + "[" * 1001 + "\n")},
         "đoạn văn này có hơn 1000 ký tự '['", "this paragraph has more than 1000 '[' characters", f"{P}:7"),
    Case("body.too_many_marks", {P: article(body="Dẫn đầu.\n\n" + "*a* " * 10_001 + "\n")},
         "đoạn văn này có hơn 20000 ký tự định dạng", "this paragraph has more than 20000 formatting characters",
         f"{P}:7"),
    Case("body.too_many_marks_in_body", {P: article(body="Dẫn đầu.\n\n" + "_a_\n\n" * 25_001)},
         "nội dung bài đã có hơn 50000 ký tự định dạng", "the body has more than 50000 formatting characters",
         f"{P}:50007"),
    # site.yaml
    Case("config.comments_url", {}, "comments_url phải là địa chỉ http:// hoặc https://, hoặc một đường dẫn bắt đầu "
         "bằng '/' trên chính trang này, nhưng đang là 'javascript:alert(6)'",
         "comments_url must be an http:// or https:// address", "site.yaml:3",
         site_yaml=NO_AUTHOR_YAML + "comments_url: javascript:alert(6)\n"),
    Case("config.logo_outside", {}, "logo '../../../etc/passwd' phải là một tệp trong thư mục static/",
         "logo '../../../etc/passwd' must be a file inside static/", "site.yaml:3",
         site_yaml=NO_AUTHOR_YAML + "logo: ../../../etc/passwd\n"),
    Case("config.logo_missing", {}, "không tìm thấy tệp logo 'img/logo.png' trong static/",
         "no logo file 'img/logo.png' in static/", "site.yaml:3", site_yaml=NO_AUTHOR_YAML + "logo: img/logo.png\n"),
    Case("config.too_many_sections", {}, "có 101 chuyên mục, nhiều hơn giới hạn 100", "101 sections, over the limit of 100",
         "site.yaml:3", site_yaml=NO_AUTHOR_YAML + "sections:\n" + "".join(f"  - name: Mục {i}\n" for i in range(101))),
    Case("config.timezone", {}, "múi giờ 'Asia/Sai_Gon' không tồn tại", "unknown time zone 'Asia/Sai_Gon'",
         "site.yaml:3", site_yaml=NO_AUTHOR_YAML + "timezone: Asia/Sai_Gon\n"),
    Case("config.language", {}, "ngôn ngữ 'fr' không được hỗ trợ (chọn: vi, en)", "language 'fr' is not supported",
         "site.yaml:3", site_yaml=NO_AUTHOR_YAML + "language: fr\n"),
    Case("config.base_url", {}, "base_url phải bắt đầu bằng http:// hoặc https://, nhưng đang là 'congan.vn'",
         "base_url must start with http:// or https://, found 'congan.vn'", "site.yaml:2",
         site_yaml="title: T\nbase_url: congan.vn\n"),
    Case("config.per_page", {}, "per_page phải từ 1 đến 500, nhưng đang là 0", "per_page must be between 1 and 500",
         "site.yaml:3", site_yaml=NO_AUTHOR_YAML + "per_page: 0\n"),
    Case("config.permalink", {}, "permalink '/{year}/{title}/' không hợp lệ: phải bắt đầu và kết thúc bằng '/'",
         "permalink '/{year}/{title}/' is not valid", "site.yaml:3",
         site_yaml=NO_AUTHOR_YAML + "permalink: /{year}/{title}/\n"),
    Case("config.section_duplicate", {}, "chuyên mục 'Giao thông' bị khai báo hai lần (dòng 4)",
         "section 'Giao thông' is declared twice (line 4)", "site.yaml:5",
         site_yaml=NO_AUTHOR_YAML + "sections:\n  - name: Giao thông\n  - name: Giao thông\n"),
    Case("config.section_slug", {}, "slug chuyên mục 'Giao Thông' không hợp lệ (chỉ dùng chữ thường không dấu, số "
         "và '-'); gợi ý: 'giao-thong'", "section slug 'Giao Thông' is not valid; suggestion: 'giao-thong'",
         "site.yaml:5", site_yaml=NO_AUTHOR_YAML + "sections:\n  - name: Giao thông\n    slug: Giao Thông\n"),
    Case("config.page_url", {}, "địa chỉ trang '/Khen thuong/' không hợp lệ", "page URL '/Khen thuong/' is not valid",
         "site.yaml:4", site_yaml=NO_AUTHOR_YAML + "pages:\n  - url: /Khen thuong/\n    template: khen.html\n"),
    Case("config.honors_path", {}, "địa chỉ bảng vàng khen thưởng '/' không hợp lệ",
         "honors roll path '/' is not valid", "site.yaml:4", site_yaml=NO_AUTHOR_YAML + "honors:\n  path: /\n"),
    Case("award.recipient_twice", {P: article(awards="[{type: Bằng khen, giver: UBND, recipient: A, recipients: [B]}]")},
         "chỉ ghi một trong hai: 'awards[1].recipient' (một người/đơn vị) hoặc 'awards[1].recipients'",
         "write only one of 'awards[1].recipient' (one recipient) and 'awards[1].recipients'", f"{P}:4"),
    Case("warn.recipient_cut", {P: article(awards="[{type: Bằng khen, giver: UBND, recipient: Công an xã A và}]")},
         "tên người/đơn vị nhận khen thưởng 'Công an xã A và' có vẻ bị cắt sai (có 'và')",
         "award recipient 'Công an xã A và' looks cut in the wrong place (it holds 'và')", f"{P}:4"),
    Case("warn.recipient_abbreviation",
         {P: article(awards="[{type: Bằng khen, giver: UBND, recipient: Đội CSĐTTPMT}]"),
          "content/2024/09/b/index.md": article(title="Bài B", awards="[{type: Giấy khen, giver: UBND, "
                                                                    "recipient: Đội Cảnh sát điều tra tội phạm ma túy}]")},
         "'Đội CSĐTTPMT' và 'Đội Cảnh sát điều tra tội phạm ma túy' có thể là cùng một đơn vị",
         "'Đội CSĐTTPMT' and 'Đội Cảnh sát điều tra tội phạm ma túy' may be the same unit", f"{P}:4"),
    Case("warn.recipient_lookalike",
         {P: article(awards="[{type: Bằng khen, giver: UBND, recipient: Phòng Tham Mưu}]"),
          "content/2024/09/b/index.md": article(title="Bài B", awards="[{type: Giấy khen, giver: UBND, recipient: Phòng Tham mưu}]"),
          "content/2024/09/c/index.md": article(title="Bài C", awards="[{type: Giấy khen, giver: UBND, recipient: Phòng Tham mưu}]")},
         "người/đơn vị nhận khen thưởng 'Phòng Tham Mưu' chỉ khác 'Phòng Tham mưu' ở dấu hoặc chữ hoa; có phải ý bạn là "
         "'Phòng Tham mưu'?", "award recipient 'Phòng Tham Mưu' differs from 'Phòng Tham mưu' only by diacritics or case",
         f"{P}:4"),
    Case("config.page_template", {}, "tên mẫu trang '../x.html' không hợp lệ", "template name '../x.html' is not valid",
         "site.yaml:5", site_yaml=NO_AUTHOR_YAML + "pages:\n  - url: /khen/\n    template: ../x.html\n"),
    # articles
    Case("article.author_missing", {P: article()}, "thiếu tác giả: hãy thêm dòng 'author: Họ và tên'",
         "no 'author', and site.yaml gives no default author", f"{P}:2", site_yaml=NO_AUTHOR_YAML),
    Case("article.category_unknown", {P: article(category="Giao thông")},
         "chuyên mục 'Giao thông' không có trong site.yaml; có phải ý bạn là 'An toàn giao thông'?",
         "section 'Giao thông' is not in site.yaml", f"{P}:4"),
    Case("article.slug_empty", {P: article(title='"!!!"')},
         "không tạo được đường dẫn từ '!!!'; hãy thêm dòng 'slug:'", "cannot make a URL slug from '!!!'", f"{P}:2"),
    Case("article.slug_long", {P: article(slug="a" * 201)}, "đường dẫn 'slug:' dài 201 ký tự, quá giới hạn 200",
         "'slug:' is 201 characters long, over the 200-character limit", f"{P}:4"),
    Case("article.url_duplicate", {P: article(), "content/2024/09/bai-2/index.md": article()},
         "địa chỉ /2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/ trùng với bài content/2024/09/bai-2/index.md",
         "is also used by content/2024/09/bai-2/index.md", f"{P}:2"),
    Case("article.output_duplicate", {P: article('"2024"')}, "tệp đầu ra 2024/index.html bị tạo hai lần",
         "output file 2024/index.html is produced twice", None,
         site_yaml=NO_AUTHOR_YAML + "author: A\npermalink: /{slug}/\n"),
    Case("output.unsafe", {P: article(), "static/a:b.txt": "x"}, "đường dẫn đầu ra 'a:b.txt' ra ngoài thư mục đầu ra",
         "output path 'a:b.txt' leaves the output folder", "static/a:b.txt"),
    Case("image.missing", {P: article(images="[{src: khong-co.jpg, caption: C}]")},
         "không tìm thấy ảnh 'khong-co.jpg' (đã tìm trong 'content/2024/09/bai')",
         "image 'khong-co.jpg' not found (looked in 'content/2024/09/bai')", f"{P}:4"),
    Case("alias.invalid", {P: article(aliases="[tin/1.aspx]")}, "địa chỉ cũ 'tin/1.aspx' không dùng được: phải bắt đầu bằng '/'",
         "old address 'tin/1.aspx' cannot be used: it must start with '/'", f"{P}:4", ("alias.reason.form",)),
    Case("alias.invalid", {P: article(aliases='["/a b"]')}, "có dấu cách", "it holds a space", f"{P}:4", ("alias.reason.space",)),
    Case("alias.invalid", {P: article(aliases="[/a%zz]")}, "có mã '%' sai", "a bad '%' escape", f"{P}:4", ("alias.reason.escape",)),
    Case("alias.invalid", {P: article(aliases="[/a/../b]")}, "có đoạn '.' hoặc '..'", "a '.' or '..' segment",
         f"{P}:4"),
    Case("alias.other_host", {P: article(aliases="[https://cu.example.vn/tin/1.aspx]")},
         "thuộc trang cu.example.vn, không phải trang này (congan.example.vn)",
         "is on cu.example.vn, not on this site (congan.example.vn)", f"{P}:4", ("alias.reason.dots",)),
    Case("alias.outside_base", {P: article(aliases="['/Default.aspx?tabid=7']")},
         "địa chỉ cũ '/Default.aspx?tabid=7' nằm ngoài thư mục của trang (/tin-tuc/)",
         "old address '/Default.aspx?tabid=7' lies outside the site's folder (/tin-tuc/)", f"{P}:4",
         site_yaml=SITE_YAML.replace("https://congan.example.vn", "https://congan.example.vn/tin-tuc")),
    Case("alias.taken", {P: article(aliases="[/2024/]")}, "địa chỉ cũ '/2024/' trùng với một trang của trang web",
         "old address '/2024/' is also a page of the site", f"{P}:4", ("alias.taken_page",)),
    Case("alias.taken", {P: article(aliases="[/tin/1.aspx]"),
                               BUNDLE.replace("bai", "bai-khac") + "index.md": article(title="Khác", aliases="[/tin/1.aspx]")},
         "trùng với địa chỉ cũ của bài content/2024/09/bai-khac/index.md",
         "is also an old address of content/2024/09/bai-khac/index.md", f"{P}:4", ("alias.taken_alias",)),
    Case("source_url.invalid", {P: article(source_url="ftp://cu.example.vn/1")},
         "source_url 'ftp://cu.example.vn/1' phải là địa chỉ http:// hoặc https://",
         "source_url 'ftp://cu.example.vn/1' must be an http:// or https:// address", f"{P}:4"),
    Case("image.outside", {P: article(images="[{src: ../anh.jpg, caption: C}]"), "content/2024/09/anh.jpg": jpeg()},
         "ảnh '../anh.jpg' phải nằm trong thư mục của bài viết", "image '../anh.jpg' must be inside the article's folder",
         f"{P}:4"),
    Case("image.unreadable", {P: article(images="[{src: hong.jpg, caption: C}]"), BUNDLE + "hong.jpg": b"not a photo"},
         "không đọc được ảnh 'hong.jpg'", "cannot read image 'hong.jpg'", f"{P}:4"),
    Case("image.unreadable", {P: article(images="[{src: a.svg, caption: C}]"), BUNDLE + "a.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>'},
         "ảnh SVG có thể chạy mã hoặc tải nội dung từ nơi khác (<script>)",
         "the SVG could run a script or load content from elsewhere (<script>)", f"{P}:4", ("image.svg_active",)),
    Case("image.unreadable", {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>'},
         "tệp có đuôi '.jpg' nhưng nội dung là văn bản SVG/HTML", "the file is named '.jpg' but holds SVG/HTML text",
         f"{P}:4", ("image.markup_named_photo",)),
    Case("image.unreadable", {P: article(images="[{src: a.svg, caption: C}]"), BUNDLE + "a.svg": b"<svg " * 10},
         "tệp SVG hỏng ở dòng 1", "the SVG is malformed at line 1", f"{P}:4", ("image.svg_invalid",)),
    Case("image.unreadable", {P: article(images="[{src: a.svg, caption: C}]"), BUNDLE + "a.svg": b"<html></html>"},
         "tệp là văn bản HTML/XML, không phải ảnh SVG", "the file is HTML/XML text, not an SVG image", f"{P}:4",
         ("image.markup_not_svg",)),
    Case("image.unreadable", {P: article(images="[{src: a.svg, caption: C}]"), BUNDLE + "a.svg": jpeg},
         "tệp có đuôi .svg nhưng không phải văn bản SVG", "the file is named .svg but does not hold SVG text",
         f"{P}:4", ("image.svg_not_markup",)),
    Case("image.unreadable", {P: article(images="[{src: a.svg, caption: C}]"),
                              BUNDLE + "a.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="200000" height="9"/>'},
         "kích thước ảnh SVG vượt quá 100000 điểm ảnh", "the SVG is larger than 100000 pixels", f"{P}:4",
         ("image.svg_too_large",)),
    Case("warn.image_damaged", {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": jpeg_with_damaged_exif},
         "phần thông tin (EXIF) của ảnh 'a.jpg' bị hỏng và đã được bỏ qua: Tag data larger than file",
         "the metadata (EXIF) of image 'a.jpg' is damaged and was skipped", f"{P}:4"),
    Case("image.truncated", {P: article(images="[{src: dut.jpg, caption: C}]"),
                             BUNDLE + "dut.jpg": lambda: jpeg(400, 300)[:-400]},
         "ảnh 'dut.jpg' bị thiếu phần cuối", "photo 'dut.jpg' is cut short", f"{P}:4"),
    Case("image.too_large", {P: article(images="[{src: bom.png, caption: C}]"), BUNDLE + "bom.png": lambda: png_bomb()},
         "ảnh 'bom.png' khai báo kích thước 30000×30000 điểm ảnh", "photo 'bom.png' claims 30000×30000 pixels",
         f"{P}:4"),
    Case("image.focus", {P: article(images="[{src: a.jpg, caption: C, focus: [2, 0]}]"), BUNDLE + "a.jpg": jpeg()},
         "'images[1].focus' phải là hai số từ 0 đến 1", "'images[1].focus' must be two numbers from 0 to 1", f"{P}:4"),
    Case("config.image_widths", {}, "images.widths phải là danh sách số nguyên từ 16 đến 8000",
         "images.widths must be a list of integers from 16 to 8000", "site.yaml:4",
         site_yaml=NO_AUTHOR_YAML + "images:\n  widths: [0, 300]\n"),
    Case("config.image_format", {}, "images.formats không hỗ trợ định dạng 'gif'", "images.formats does not support 'gif'",
         "site.yaml:4", site_yaml=NO_AUTHOR_YAML + "images:\n  formats: [gif]\n"),
    Case("config.image_quality", {}, "images.quality phải từ 1 đến 100, nhưng đang là 0",
         "images.quality must be between 1 and 100, found 0", "site.yaml:4",
         site_yaml=NO_AUTHOR_YAML + "images:\n  quality: 0\n"),
    Case("config.image_metadata", {}, "images.keep_metadata không giữ được trường 'gps'",
         "images.keep_metadata cannot keep 'gps'", "site.yaml:4",
         site_yaml=NO_AUTHOR_YAML + "images:\n  keep_metadata: [gps]\n"),
    Case("body.image_missing", {P: article(body="Dẫn đầu.\n\n![](khong-co.jpg)\n")},
         "ảnh 'khong-co.jpg' chèn trong nội dung không tồn tại", "image 'khong-co.jpg' in the body does not exist",
         f"{P}:7"),
    Case("template.error", {P: article(), "templates/article.html": "<html>\n{{ article.nope }}\n</html>\n"},
         "lỗi trong mẫu giao diện:", "template error:", "templates/article.html:2"),
    # warnings
    Case("warn.caption_missing", {P: article(images="[{src: a.jpg}]"), BUNDLE + "a.jpg": jpeg()},
         "ảnh 'a.jpg' chưa có chú thích 'caption'", "image 'a.jpg' has no 'caption'", f"{P}:4"),
    Case("warn.updated_before_date", {P: article(updated="26/09/2024")},
         "'updated' (26/09/2024 00:00:00) sớm hơn 'date' (27/09/2024 11:41:48)",
         "'updated' (26/09/2024 00:00:00) is earlier than 'date'", f"{P}:4"),
    Case("warn.title_long", {P: article("Hội nghị " * 20)}, "tiêu đề dài 179 ký tự (nên dưới 150 ký tự)",
         "title is 179 characters long (keep it under 150)", f"{P}:2"),
    Case("warn.body_empty", {P: article(body="")}, "bài viết chưa có nội dung nên chưa được đăng",
         "the article has no body yet, so it is not published", f"{P}:4"),
    Case("warn.body_template", {P: article(body="Viết nội dung bài ở đây, thay cho đoạn này. Bài chỉ được đăng khi "
                                                "đoạn này đã được thay bằng nội dung.\n")},
         "đoạn mẫu do 'bantin new' viết vẫn còn ở đây nên bài chưa được đăng",
         "the placeholder paragraph 'bantin new' wrote is still here", f"{P}:5"),
    Case("warn.invisible", {P: article(body="Dòng một.\n\nĐồng\u200bTháp, soft\u00adhyphen.\n")},
         "dòng này có ký tự vô hình", "this line holds invisible characters", f"{P}:7"),
    Case("warn.future_far", {P: article(date="27/09/2099")}, "ngày 27/09/2099 còn xa hơn 366 ngày trong tương lai",
         "date 27/09/2099 is more than 366 days in the future", f"{P}:3"),
    Case("warn.summary_long", {P: article(summary="Tóm tắt " * 30)}, "phần tóm tắt 'summary' dài",
         "'summary' is 239 characters long", f"{P}:4"),
    # what only check sees
    Case("warn.photo_narrow", {P: article(images="[{src: a.jpg, caption: C}]"), BUNDLE + "a.jpg": lambda: jpeg(64, 48)},
         "ảnh 'a.jpg' chỉ rộng 64 điểm ảnh, hẹp hơn cột bài viết (768 điểm ảnh)",
         "photo 'a.jpg' is only 64 pixels wide, narrower than the article column (768 pixels)", f"{P}:4"),
    Case("link.broken", {P: article(body="Xem [bài cũ](/2020/01/01/khong-co/).\n")},
         "liên kết '/2020/01/01/khong-co/' không dẫn tới trang nào của trang web",
         "link '/2020/01/01/khong-co/' leads to no page of the site", f"{P}:5"),
    Case("link.md_missing", {P: article(body="Xem [bài cũ](../bai-cu/index.md).\n")},
         "liên kết '../bai-cu/index.md' trỏ tới tệp 'content/2024/09/bai-cu/index.md' nhưng tệp này không tồn tại",
         "link '../bai-cu/index.md' points to the file 'content/2024/09/bai-cu/index.md', which does not exist",
         f"{P}:5"),
    Case("link.not_published", {P: article(body="Tải [kế hoạch](ke-hoach.pdf).\n"), BUNDLE + "ke-hoach.pdf": b"%PDF"},
         "nhưng tệp này không được đăng lên trang web", "which is not published", f"{P}:5"),
    Case("file.unused", {P: article(), BUNDLE + "thua.jpg": jpeg()},
         "tệp này nằm trong thư mục của bài", "this file is in the folder of", BUNDLE + "thua.jpg"),
    Case("warn.alt_missing", {P: article(body="Dẫn đầu.\n\n![](anh.jpg)\n"), BUNDLE + "anh.jpg": jpeg()},
         "ảnh 'anh.jpg' không có mô tả cho người khiếm thị", "image 'anh.jpg' has no description for blind readers",
         f"{P}:7"),
    # documents and video (issue 28)
    Case("attachment.address", {P: article(attachments="[{src: 'https://x.vn/tb.pdf', title: T}]")},
         "'attachments[1].src' phải là tên một tệp trong thư mục của bài", "'attachments[1].src' must name a file",
         f"{P}:4"),
    Case("media.missing", {P: article(attachments="[{src: tb.pdf, title: T}]")}, "không tìm thấy tệp 'tb.pdf'",
         "file 'tb.pdf' not found", f"{P}:4"),
    Case("media.outside", {P: article(attachments="[{src: ../tb.pdf, title: T}]")},
         "tệp '../tb.pdf' phải nằm trong thư mục của bài viết", "file '../tb.pdf' must be inside the article's folder",
         f"{P}:4"),
    Case("media.name_taken", {P: article(attachments="[{src: Thông báo.pdf, title: A}, {src: thong-bao.pdf, title: B}]"),
                              BUNDLE + "Thông báo.pdf": lambda: pdf(), BUNDLE + "thong-bao.pdf": lambda: pdf()},
         "tệp 'thong-bao.pdf' được đăng với tên 'thong-bao.pdf', trùng với tệp 'Thông báo.pdf'",
         "file 'thong-bao.pdf' is published as 'thong-bao.pdf', as is 'Thông báo.pdf'", f"{P}:4"),
    Case("attachment.type", {P: article(attachments="[{src: ghi-chu.txt, title: T}]"), BUNDLE + "ghi-chu.txt": "x"},
         "tài liệu 'ghi-chu.txt' có đuôi '.txt', không thuộc các loại được đăng",
         "document 'ghi-chu.txt' is named '.txt', which is not a kind that is published", f"{P}:4"),
    Case("attachment.refused", {P: article(attachments="[{src: cai-dat.exe, title: T}]"), BUNDLE + "cai-dat.exe": b"MZ"},
         "không đăng tệp 'cai-dat.exe': chương trình chạy được có thể gây hại cho máy của người đọc",
         "'cai-dat.exe' is not published: a program can harm a reader's computer", f"{P}:4", ("attachment.what.program",)),
    Case("attachment.refused", {P: article(attachments="[{src: mau.docm, title: T}]"), BUNDLE + "mau.docm": b"PK"},
         "tài liệu có macro có thể gây hại", "a document with macros can harm", f"{P}:4", ("attachment.what.macros",)),
    Case("attachment.refused", {P: article(attachments="[{src: trang.html, title: T}]"), BUNDLE + "trang.html": "<p>"},
         "trang web (tệp HTML) có thể gây hại", "a web page (HTML) can harm", f"{P}:4", ("attachment.what.web_page",)),
    Case("attachment.refused", {P: article(attachments="[{src: goi.zip, title: T}]"), BUNDLE + "goi.zip": b"PK"},
         "tệp nén (ZIP, RAR...) có thể gây hại", "an archive (ZIP, RAR...) can harm", f"{P}:4", ("attachment.what.archive",)),
    Case("attachment.mismatch", {P: article(attachments="[{src: tb.pdf, title: T}]"), BUNDLE + "tb.pdf": b"\x7fELF" + bytes(60)},
         "tệp 'tb.pdf' có đuôi '.pdf' nhưng nội dung là chương trình chạy được",
         "'tb.pdf' is named '.pdf' but holds a program", f"{P}:4"),
    Case("attachment.mismatch", {P: article(attachments="[{src: tb.docx, title: T}]"), BUNDLE + "tb.docx": lambda: pdf()},
         "nội dung là một tệp PDF", "holds a PDF", f"{P}:4", ("attachment.what.pdf",)),
    Case("attachment.mismatch", {P: article(attachments="[{src: so-do.png, title: T}]"), BUNDLE + "so-do.png": b"\x00\x01xyz"},
         "nội dung là dữ liệu không rõ loại", "holds data of no known kind", f"{P}:4", ("attachment.what.unknown",)),
    Case("attachment.mismatch", {P: article(attachments="[{src: tb.pdf, title: T}]"), BUNDLE + "tb.pdf": lambda: jpeg()},
         "nội dung là một ảnh", "holds an image", f"{P}:4", ("attachment.what.image",)),
    Case("attachment.mismatch", {P: article(attachments="[{src: bao-cao.xlsx, title: T}]"), BUNDLE + "bao-cao.xlsx": lambda: docx()},
         "một tài liệu Office loại khác", "another kind of Office document", f"{P}:4", ("attachment.what.ooxml",)),
    Case("attachment.mismatch", {P: article(attachments="[{src: bao-cao.ods, title: T}]"), BUNDLE + "bao-cao.ods": lambda: odt()},
         "một tài liệu OpenDocument loại khác", "another kind of OpenDocument file", f"{P}:4", ("attachment.what.odf",)),
    Case("attachment.mismatch", {P: article(attachments="[{src: so-do.pdf, title: T}]"),
                                 BUNDLE + "so-do.pdf": '<svg xmlns="http://www.w3.org/2000/svg"/>'},
         "nội dung là văn bản HTML/XML", "holds HTML/XML text", f"{P}:4", ("attachment.what.markup",)),
    Case("attachment.macros", {P: article(attachments="[{src: mau.docx, title: T}]"),
                               BUNDLE + "mau.docx": lambda: docx(extra={"word/vbaProject.bin": b"\xd0\xcf"})},
         "tài liệu 'mau.docx' có macro (mã chạy được), nên không được đăng", "document 'mau.docx' holds macros", f"{P}:4"),
    Case("attachment.password", {P: article(attachments="[{src: tb.pdf, title: T}]"), BUNDLE + "tb.pdf": lambda: locked_pdf("khoa")},
         "tài liệu 'tb.pdf' cần mật khẩu để mở", "document 'tb.pdf' needs a password to open", f"{P}:4"),
    Case("attachment.unreadable", {P: article(attachments="[{src: tb.pdf, title: T}]"), BUNDLE + "tb.pdf": b"%PDF-1.7\n" + bytes(99)},
         "không đọc được tài liệu 'tb.pdf'", "cannot read document 'tb.pdf'", f"{P}:4"),
    Case("warn.attachment_metadata", {P: article(attachments="[{src: tb.pdf, title: T}]"), BUNDLE + "tb.pdf": lambda: locked_pdf("")},
         "tài liệu 'tb.pdf' còn ghi thông tin về người hoặc máy đã soạn (Author",
         "document 'tb.pdf' still names the person or computer that made it (Author", f"{P}:4"),
    Case("video.address", {P: article(videos="[{src: 'https://vimeo.com/1', caption: C}]")},
         "'videos[1].src': không hiển thị được video 'https://vimeo.com/1': chỉ nhận video trên YouTube hoặc Facebook",
         "'videos[1].src': cannot show the video 'https://vimeo.com/1': only YouTube and Facebook videos", f"{P}:4",
         ("video.reason.host",)),
    Case("video.address", {P: article(videos="[{src: 'ftp://youtube.com/x', caption: C}]")}, "phải bắt đầu bằng https://",
         "starts with https://", f"{P}:4", ("video.reason.form",)),
    Case("video.address", {P: article(videos="[{src: 'https://fb.watch/ab/', caption: C}]")}, "liên kết rút gọn",
         "a short link", f"{P}:4", ("video.reason.short_link",)),
    Case("video.address", {P: article(videos="[{src: 'https://www.youtube.com/@kenh', caption: C}]")},
         "không trỏ tới một video", "names no single video", f"{P}:4", ("video.reason.not_a_video",)),
    Case("video.address", {P: article(videos="[{src: 'https://youtu.be/ngan', caption: C}]")}, "gồm 11 ký tự",
         "has 11 characters", f"{P}:4", ("video.reason.youtube_id",)),
    Case("video.address", {P: article(videos="[{src: 'https://www.facebook.com/watch/?v=x', caption: C}]")},
         "không thấy mã số video Facebook", "no Facebook video number", f"{P}:4", ("video.reason.facebook_id",)),
    Case("video.captions_platform", {P: article(videos="[{src: 'https://youtu.be/aqz-KE-bpKQ', caption: C, captions: a.vtt}]")},
         "'videos[1].captions': phụ đề chỉ dùng cho tệp video", "'videos[1].captions': captions go with a video file", f"{P}:4"),
    Case("video.type", {P: article(videos="[{src: clip.avi, caption: C}]"), BUNDLE + "clip.avi": b"RIFF"},
         "video 'clip.avi' có đuôi '.avi' mà trình duyệt không phát được", "video 'clip.avi' is named '.avi'", f"{P}:4"),
    Case("video.mismatch", {P: article(videos="[{src: clip.mp4, caption: C}]"), BUNDLE + "clip.mp4": b"MZ" + bytes(99)},
         "tệp 'clip.mp4' có đuôi '.mp4' nhưng không phải video .mp4", "'clip.mp4' is named '.mp4' but is not a .mp4 video",
         f"{P}:4"),
    Case("video.codec", {P: article(videos="[{src: clip.mp4, caption: C}]"), BUNDLE + "clip.mp4": lambda: clip(codec="mpeg4")},
         "video 'clip.mp4' được mã hóa bằng MPEG4, trình duyệt không phát được",
         "video 'clip.mp4' is encoded as MPEG4, which browsers cannot play", f"{P}:4"),
    Case("warn.video_codec", {P: article(videos="[{src: clip.mp4, caption: C}]"),
                              BUNDLE + "clip.mp4": lambda: clip(codec="libx265")},
         "video 'clip.mp4' được mã hóa bằng HEVC", "video 'clip.mp4' is encoded as HEVC", f"{P}:4"),
    Case("video.unreadable", {P: article(videos="[{src: clip.mp4, caption: C}]"),
                              BUNDLE + "clip.mp4": b"\0\0\0\x18ftypisom" + bytes(200)},
         "không đọc được video 'clip.mp4'", "cannot read video 'clip.mp4'", f"{P}:4"),
    Case("warn.video_caption_missing", {P: article(videos="[{src: clip.mp4}]"), BUNDLE + "clip.mp4": lambda: clip()},
         "video 'clip.mp4' chưa có chú thích 'caption'", "video 'clip.mp4' has no 'caption'", f"{P}:4"),
    Case("video.captions_type", {P: article(videos="[{src: clip.mp4, caption: C, captions: a.srt}]"),
                                 BUNDLE + "clip.mp4": lambda: clip()},
         "phụ đề 'a.srt' phải là tệp WebVTT (.vtt)", "captions 'a.srt' must be a WebVTT file (.vtt)", f"{P}:4"),
    Case("video.captions_encoding", {P: article(videos="[{src: clip.mp4, caption: C, captions: a.vtt}]"),
                                     BUNDLE + "clip.mp4": lambda: clip(), BUNDLE + "a.vtt": "WEBVTT\n\nXin chào".encode("cp1258")},
         "phụ đề 'a.vtt' phải lưu bằng mã UTF-8", "captions 'a.vtt' must be saved as UTF-8", f"{P}:4"),
    Case("video.captions_invalid", {P: article(videos="[{src: clip.mp4, caption: C, captions: a.vtt}]"),
                                    BUNDLE + "clip.mp4": lambda: clip(), BUNDLE + "a.vtt": "1\n00:00:00,000 --> 00:00:01,000\nA\n"},
         "phụ đề 'a.vtt' không phải tệp WebVTT hợp lệ (thiếu dòng WEBVTT ở đầu tệp)",
         "captions 'a.vtt' are not valid WebVTT (no WEBVTT line at the top)", f"{P}:4", ("video.captions.no_header",)),
    Case("video.captions_invalid", {P: article(videos="[{src: clip.mp4, caption: C, captions: a.vtt}]"),
                                    BUNDLE + "clip.mp4": lambda: clip(), BUNDLE + "a.vtt": "WEBVTT\n\n00:00,000 --> 00:01,000\nA\n"},
         "(không có câu phụ đề nào)", "(no cue)", f"{P}:4", ("video.captions.no_cue",)),
    Case("file.unused_media", {P: article(), BUNDLE + "quyet-dinh.pdf": lambda: pdf()},
         "tệp này nằm trong thư mục của bài 'content/2024/09/bai/index.md' nhưng bài không dùng tới",
         "declare a document under 'attachments:', a video under 'videos:'", BUNDLE + "quyet-dinh.pdf"),
]


def write_case(tmp_path: Path, case: Case) -> Path:
    plain = {rel: (data() if callable(data) else data) for rel, data in case.files.items()
             if not isinstance(data, Symlink)}
    site = make_site(tmp_path, plain, case.site_yaml)
    for rel, data in case.files.items():
        if isinstance(data, Symlink):
            link = site / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            target = data.target
            if target == "{outside}":
                (tmp_path / "ngoai.md").write_text(article(), encoding="utf-8")
                target = str(tmp_path / "ngoai.md")
            os.symlink(target, link)
    return site


@pytest.mark.parametrize("case", PROBLEMS, ids=lambda c: c.key)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_problem_is_reported_in_both_languages(tmp_path, case, lang):
    site = write_case(tmp_path, case)
    result = run_cli("--lang", lang, "check", "--site", str(site), "--format", "json", *case.options)
    found = [p for p in json.loads(result.stdout) if p["code"] == case.key]
    assert found, result.stdout
    expected = case.vi if lang == "vi" else case.en
    matching = [p for p in found if expected in p["message"]]
    assert matching, f"{expected!r} not in {[p['message'] for p in found]}"
    if case.where:
        path, _, line = case.where.rpartition(":")
        if not line.isdigit():
            path, line = case.where, ""
        assert (matching[0]["path"], matching[0]["line"]) == (path, int(line) if line else None)
    level = "lỗi" if lang == "vi" else "error"
    if matching[0]["severity"] == "warning":
        level = "cảnh báo" if lang == "vi" else "warning"
    text = run_cli("--lang", lang, "check", "--site", str(site), *case.options).stdout
    where = f"{matching[0]['path']}:{matching[0]['line']}" if matching[0]["line"] else matching[0]["path"]
    assert f"{where}: {level}: {matching[0]['message']}" in text.splitlines()


@dataclass(frozen=True)
class Command:
    keys: tuple[str, ...]
    args: tuple[str, ...]           # '{site}' is the site folder, '{tmp}' the test's folder
    vi: str
    en: str
    exit_code: int
    files: dict = field(default_factory=lambda: {P: article()})
    site_yaml: str = SITE_YAML
    env: tuple[tuple[str, str], ...] = ()
    setup: str = ""                 # a named preparation, see `prepare`


COMMANDS = [
    Command(("config.missing",), ("check", "--site", "{tmp}/khong-co"), "không tìm thấy site.yaml trong",
            "no site.yaml in", 2),
    Command(("config.output_foreign",), ("build", "--site", "{site}", "--output", "{tmp}/la"),
            "có tệp không do bantin tạo, ví dụ 'cua-toi.txt'",
            "holds files bantin did not make, such as 'cua-toi.txt'", 2, setup="foreign"),
    Command(("config.output_inside",), ("build", "--site", "{site}", "--output", "{site}/content/ra"),
            "không được chứa thư mục trang hoặc nằm trong content/", "must not contain the site folder", 2),
    Command(("output.not_a_folder",), ("build", "--site", "{site}", "--output", "{site}/site.yaml/x"),
            "là một tệp, không phải thư mục", "is a file, not a folder", 2),
    Command(("build.source_date_epoch",), ("build", "--site", "{site}"), "SOURCE_DATE_EPOCH phải là số giây",
            "SOURCE_DATE_EPOCH must be a whole number", 2, env=(("SOURCE_DATE_EPOCH", "hôm qua"),)),
    Command(("cli.built",), ("build", "--site", "{site}"), "đã tạo", "built", 0),
    Command(("search.unavailable",), ("build", "--site", "{site}", "--strict"), "không chạy được Pagefind",
            "cannot run Pagefind", 1, env=(("PAGEFIND_BINARY_PATH", "/khong-co/pagefind"),)),
    Command(("cli.failed", "level.error"), ("build", "--site", "{site}"),
            "lỗi: ngày '31/02/2024' không tồn tại", "error: date '31/02/2024' does not exist", 1,
            files={P: article(date="31/02/2024")}),
    Command(("cli.failed",), ("build", "--site", "{site}"), "không tạo được trang: 1 lỗi, 0 cảnh báo",
            "build failed: 1 error, 0 warnings", 1, files={P: article(date="31/02/2024")}),
    Command(("cli.strict", "level.warning"), ("build", "--site", "{site}", "--strict"),
            "--strict: cảnh báo được tính là lỗi", "--strict: warnings count as errors", 1,
            files={P: article(body="")}),
    Command(("help.main", "help.lang", "help.version", "help.help", "meta.options", "meta.command"), ("--help",),
            "bantin: tạo trang tin tức tĩnh", "bantin: a static news-site generator", 0),
    Command(("help.build", "help.site", "help.build.output", "help.build.drafts", "help.build.future",
             "help.build.strict", "help.build.base_url", "meta.folder"), ("build", "--help"),
            "Tạo trang web vào thư mục build/ của trang", "Build the site into SITE/build", 0),
    Command(("help.init", "help.init.title", "help.init.base_url", "help.init.force", "meta.title"),
            ("init", "--help"), "Tạo trang web mới trong THƯ_MỤC", "Create a new site in FOLDER", 0),
    Command(("help.new", "help.new.category", "help.new.author", "help.new.slug", "meta.section", "meta.name",
             "meta.slug"), ("new", "--help"), "--category CHUYÊN_MỤC  Chuyên mục của bài",
            "--category SECTION  Section of the article", 0),
    Command(("help.check", "help.check.strict", "help.check.format", "help.check.drafts", "help.check.future"),
            ("check", "--help"), "Kiểm tra trang mà không ghi gì", "Check the site without writing anything", 0),
    Command(("help.serve", "help.serve.host", "help.serve.port", "help.serve.open", "meta.address", "meta.port"),
            ("serve", "--help"), "--port CỔNG", "--port PORT", 0),
    Command(("help.import", "help.import.category", "help.import.follow", "help.import.dry_run", "help.import.format",
             "help.import.delay", "meta.sources", "meta.selector", "meta.seconds"),
            ("import", "--help"), "--follow BỘ_CHỌN", "--follow SELECTOR", 0),
    Command(("cli.version",), ("--version",), "bantin, phiên bản 0.1.0", "bantin, version 0.1.0", 0),
    Command(("check.ok",), ("check", "--site", "{site}"), "không có lỗi: đã kiểm tra 1 bài viết",
            "no problems: checked 1 article", 0),
    Command(("check.summary",), ("check", "--site", "{site}"), "0 lỗi, 1 cảnh báo trong 1 bài viết đã kiểm tra",
            "0 errors, 1 warning in 1 article checked", 0, files={P: article(body="")}),
    Command(("init.created",), ("init", "{tmp}/moi"), "đã tạo trang web mới trong", "created a new site in", 0),
    Command(("init.not_empty",), ("init", "{site}"), "đã có tệp; hãy chọn một thư mục mới, hoặc thêm --force",
            "is not empty; choose a new folder, or add --force", 2),
    Command(("init.kept",), ("init", "{site}", "--force"), "giữ nguyên tệp đã có: site.yaml",
            "kept the existing file: site.yaml", 0),
    Command(("init.not_folder",), ("init", "{site}/site.yaml"), "là một tệp, không phải thư mục",
            "is a file, not a folder", 2),
    Command(("text.not_utf8",), ("new", "B\udcffi m\udcf3i", "--site", "{site}"), "có byte không phải UTF-8",
            "holds bytes that are not UTF-8", 2),
    Command(("new.created",), ("new", "Bài mới", "--site", "{site}"), "đã tạo bài viết mới",
            "created a new article", 0),
    Command(("new.title_empty",), ("new", " ", "--site", "{site}"), "tiêu đề bài viết không được để trống",
            "the article title must not be empty", 2),
    Command(("new.slug_empty",), ("new", "!!!", "--site", "{site}"), "không tạo được đường dẫn từ tiêu đề '!!!'",
            "cannot make a URL slug from the title '!!!'", 2),
    Command(("new.slug_bad",), ("new", "Bài mới", "--slug", "Bài Mới", "--site", "{site}"),
            "đường dẫn --slug 'Bài Mới' không hợp lệ", "--slug 'Bài Mới' is not valid", 2),
    Command(("new.exists",), ("new", "Bài mới", "--site", "{site}"), "không ghi đè; hãy đặt tiêu đề khác",
            "already exists and is not overwritten", 2, setup="taken"),
    Command(("new.url_taken",), ("new", "Bài mới", "--category", "An toàn giao thông", "--site", "{site}"),
            "địa chỉ /an-toan-giao-thong/bai-moi/ đã là địa chỉ của bài content/2020/01/bai-moi/index.md",
            "the address /an-toan-giao-thong/bai-moi/ is already that of content/2020/01/bai-moi/index.md", 2,
            files={"content/2020/01/bai-moi/index.md": article(title="Bài mới", category="An toàn giao thông")},
            site_yaml=SITE_YAML + "permalink: /{section}/{slug}/\n"),
    Command(("new.category_unknown", "hint.did_you_mean"),
            ("new", "Bài mới", "--category", "Giao thong", "--site", "{site}"),
            "chuyên mục 'Giao thong' không có trong site.yaml; có phải ý bạn là 'An toàn giao thông'?",
            "section 'Giao thong' is not in site.yaml; did you mean 'An toàn giao thông'?", 2),
    Command(("new.author_unknown",), ("new", "Bài mới", "--site", "{site}"), "chưa biết tác giả",
            "no author known", 0, site_yaml=NO_AUTHOR_YAML, env=(("GIT_CONFIG_GLOBAL", os.devnull),
                                                                 ("GIT_CONFIG_NOSYSTEM", "1"))),
]


def prepare(tmp_path: Path, site: Path, setup: str) -> None:
    if setup == "foreign":
        (tmp_path / "la").mkdir()
        (tmp_path / "la" / "cua-toi.txt").write_text("x")
    elif setup == "taken":
        run_cli("new", "Bài mới", "--site", str(site))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.keys[0])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_command_message_in_both_languages(tmp_path, command, lang, monkeypatch):
    site = make_site(tmp_path, command.files, command.site_yaml)
    prepare(tmp_path, site, command.setup)
    for name, value in command.env:
        monkeypatch.setenv(name, value)
    args = [a.replace("{site}", str(site)).replace("{tmp}", str(tmp_path)) for a in command.args]
    result = run_cli("--lang", lang, *args, env={"BANTIN_LANG": "", **dict(command.env)})
    assert result.exit_code == command.exit_code, result.stdout + result.stderr
    expected = command.vi if lang == "vi" else command.en
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("lang, phrase", [("vi", "lỗi nội bộ của bantin: RuntimeError: hỏng"),
                                          ("en", "internal bantin error: RuntimeError: hỏng")])
def test_an_internal_error_is_one_line_in_both_languages(tmp_path, monkeypatch, lang, phrase):
    import bantin.check

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(bantin.check, "check_site_as_command", broken)
    result = run_cli("--lang", lang, "check", "--site", str(make_site(tmp_path, {})))
    assert result.exit_code == 1
    assert phrase in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("lang, phrase", [("vi", "cổng {port} đang được dùng; hãy chọn cổng khác bằng --port"),
                                          ("en", "port {port} is already in use; choose another with --port")])
def test_a_busy_port_in_both_languages(tmp_path, lang, phrase):
    site = make_site(tmp_path, {P: article()})
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "bantin", "--lang", lang, "serve", "--site", str(site),
                                 "--port", str(port)], capture_output=True, text=True, timeout=60,
                                env={**os.environ, "BANTIN_LANG": ""})
    assert result.returncode == 2
    assert phrase.format(port=port) in result.stderr


# --- the catalog itself ---------------------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", catalog_keys())
def test_every_key_renders_in_both_languages(key):
    vi_text, en_text = _CATALOG[key]
    assert placeholders(vi_text) == placeholders(en_text), key
    params = {name: f"<{name}>" for name in placeholders(vi_text)}
    for lang in ("vi", "en"):
        rendered = Msg.of(key, **params).render(lang)
        assert rendered.strip() or key == "hint.none", (key, lang)
        assert "{" not in rendered.replace("{{", "") or key in ("config.permalink", "new.article"), (key, lang)
    if key != "hint.none":
        assert vi_text != en_text or key in ("what.site_yaml", "serve.change_one"), \
            f"{key}: the Vietnamese text is not translated"


@pytest.mark.parametrize("count, vi_text, en_text", [
    (1, "không tạo được trang: 1 lỗi, 1 cảnh báo", "build failed: 1 error, 1 warning;"),
    (2, "không tạo được trang: 2 lỗi, 2 cảnh báo", "build failed: 2 errors, 2 warnings;"),
    (0, "không tạo được trang: 0 lỗi, 0 cảnh báo", "build failed: 0 errors, 0 warnings;"),
    ("1 001", "không tạo được trang: 1 001 lỗi, 1 001 cảnh báo", "build failed: 1 001 errors, 1 001 warnings;"),
])
def test_english_counts_agree_with_their_nouns(count, vi_text, en_text):
    msg = Msg.of("cli.failed", errors=count, warnings=count, output="build")
    assert msg.render("vi").startswith(vi_text) and msg.render("en").startswith(en_text)


def test_every_english_count_of_things_has_its_singular():
    """'1 errors' reads wrong: a count of errors, warnings, articles... picks its noun by the number."""
    nouns = "errors|warnings|articles|pages|files|problems"
    for key in catalog_keys():
        assert not re.search(rf"\{{\w+\}} (more )?({nouns})\b", _CATALOG[key][1]), key


def test_the_vietnamese_texts_are_vietnamese():
    """A Vietnamese text with no Vietnamese letter is probably an English text left in place."""
    marks = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
    plain = {"hint.none", "what.site_yaml", "level.error", "kind.boolean", "serve.change_one", "serve.change_many"}
    for key in catalog_keys():
        if key not in plain:
            assert marks.search(_CATALOG[key][0]), key


def test_every_message_has_a_row_or_a_reason():
    covered = {c.key for c in PROBLEMS} | {k for c in PROBLEMS for k in c.also} | \
        {k for c in COMMANDS for k in c.keys} | {"serve.port_in_use"}
    missing = [k for k in catalog_keys()
               if k not in covered and k not in NOT_TRIGGERED and not k.startswith(("serve.", "import."))]
    assert not missing, f"add a row to PROBLEMS or COMMANDS in tests/test_messages.py for: {missing}"
    assert not covered & set(NOT_TRIGGERED)
    assert all(k in catalog_keys() for k in covered | set(NOT_TRIGGERED))


# Keys whose numbers are never 1 (a limit, or a count past one), or whose '1' is no count.
NEVER_ONE = {key: "a limit of bantin's, or a count past it" for key in (
    "config.too_many_sections", "article.slug_long", "fm.too_large", "body.too_large", "body.too_deep",
    "body.too_many_marks", "body.too_many_marks_in_body", "warn.title_long", "warn.summary_long",
    "image.too_large", "image.svg_too_large", "warn.photo_narrow")} | {
    "text.not_utf8": "'{what} holds bytes': no count", "help.check.strict": "'Exit 1 on warnings': an exit code"}


def test_english_says_1_error_not_1_errors():
    """Every English message rendered with each of its numbers at 1 reads in the singular."""
    plural = re.compile(r"\b1 (?:[a-z]+ )?(?:errors|warnings|pages|articles|files|requests|awards|captions|seconds|"
                        r"days|pixels|problems|sections|characters|levels|bytes|entries|photos|links|more files)\b")
    for key in catalog_keys():
        if key in NEVER_ONE:
            continue
        names = {name for _, name, _, _ in string.Formatter().parse(_CATALOG[key][1]) if name}
        text = Msg.of(key, **{name: 1 for name in names}).render("en")
        assert not plural.search(text), (key, text)


def test_a_failed_build_with_one_error_says_so():
    from bantin.core.errors import BuildFailed, error
    assert str(BuildFailed([error("a.md", 1, "errors.count", errors=1)])) == "1 error"
    assert str(BuildFailed([error("a.md", 1, "errors.count", errors=1)] * 2)) == "2 errors"
