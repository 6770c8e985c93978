"""The one catalog of everything bantin says to a person, in Vietnamese and English.

Every message has a key and one template per language. Code never builds user-facing text itself:
it creates a `Msg(key, params)` and the catalog turns it into words when it is printed. A parameter
may itself be a `Msg` (a type name, a did-you-mean hint), translated in the same language.
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

_CATALOG: dict[str, tuple[str, str]] = {
    # severity labels
    "level.error": ("lỗi", "error"),
    "level.warning": ("cảnh báo", "warning"),
    # value kinds, used inside type messages
    "kind.string": ("văn bản", "a string"),
    "kind.string_or_list": ("văn bản hoặc danh sách văn bản", "a string or a list of strings"),
    "kind.integer": ("số nguyên", "an integer"),
    "kind.boolean": ("true hoặc false", "true or false"),
    "kind.mapping": ("bảng khóa: giá trị", "a mapping of key: value"),
    "kind.list": ("danh sách", "a list"),
    "kind.date": ("ngày giờ", "a date"),
    "kind.bool_value": ("giá trị đúng/sai", "a true/false value"),
    "kind.int_value": ("số nguyên", "an integer"),
    "kind.float_value": ("số thập phân", "a number"),
    "kind.null_value": ("giá trị trống", "an empty value"),
    "kind.list_value": ("danh sách", "a list"),
    "kind.mapping_value": ("bảng khóa: giá trị", "a mapping"),
    "kind.string_value": ("văn bản", "a string"),
    # hints
    "hint.did_you_mean": ("; có phải ý bạn là '{suggestion}'?", "; did you mean '{suggestion}'?"),
    "hint.quote": (
        " (YAML đọc `{raw}` thành {found}; hãy đặt trong ngoặc kép: {key}: \"{raw}\")",
        " (YAML reads `{raw}` as {found}; put it in quotes: {key}: \"{raw}\")",
    ),
    "hint.none": ("", ""),
    # files
    "file.empty": ("tệp trống: bài viết cần có phần đầu giữa hai dòng '---', rồi đến nội dung",
                   "empty file: an article needs front matter between '---' lines and a body"),
    "file.not_utf8": (
        "tệp không phải mã UTF-8 (byte 0x{byte} ở cột {column}); hãy lưu lại tệp với mã hóa UTF-8",
        "file is not UTF-8 (byte 0x{byte} at column {column}); save the file as UTF-8",
    ),
    "file.control_char": (
        "dòng này có ký tự điều khiển vô hình {code} ở cột {column} (thường lẫn vào khi sao chép); hãy xóa ký tự đó",
        "this line holds the invisible control character {code} at column {column} (it often comes with "
        "copied text); delete it",
    ),
    "file.unreadable": ("không đọc được tệp: {reason}", "cannot read file: {reason}"),
    "file.outside_site": ("'{path}' là liên kết trỏ ra ngoài thư mục trang web, điều này không được phép; "
                          "hãy chép tệp vào trong thư mục trang",
                          "'{path}' links outside the site folder, which is not allowed"),
    # YAML
    "yaml.syntax": (
        "không đọc được dòng này (từ cột {column}); hãy viết mỗi dòng dạng 'khóa: giá trị', thụt lề bằng dấu "
        "cách cho khớp với các dòng cùng cấp, và đặt giá trị có ký tự đặc biệt trong ngoặc kép",
        "this line cannot be read (from column {column}); write each line as 'key: value', indent with "
        "spaces to match the lines of the same level, and put a value with special characters in double quotes",
    ),
    # YAML mistakes, each with advice that works as written (yamlerrors.py)
    "yaml.quote": (
        "giá trị của '{name}' bị hiểu sai (vì có dấu ':', dấu '#', dấu ngoặc kép giữa chừng, hoặc ký tự đặc "
        "biệt ở đầu); hãy đặt cả giá trị trong ngoặc kép, viết đúng như sau: {fixed}",
        "the value of '{name}' is misread (a ':', a '#', quotes in the middle, or a special first character); "
        "put the whole value in double quotes, written exactly like this: {fixed}",
    ),
    "yaml.indent": (
        "'{name}:' đang thụt lề {found} dấu cách, không khớp với dòng {other} ('{other_name}:'); hãy để đúng "
        "{expected} dấu cách trước '{name}:'",
        "'{name}:' is indented by {found} spaces, which does not match line {other} ('{other_name}:'); put "
        "exactly {expected} spaces before '{name}:'",
    ),
    "yaml.tab": (
        "dòng này thụt lề bằng ký tự tab, mà phần đầu bài chỉ nhận dấu cách; hãy xóa tab và để đúng {expected} "
        "dấu cách trước '{name}:' cho khớp với dòng {other} ('{other_name}:')",
        "this line is indented with a tab, and the front matter takes spaces only; delete the tab and put "
        "exactly {expected} spaces before '{name}:' to match line {other} ('{other_name}:')",
    ),
    "yaml.unclosed": ("dấu {char} mở ở dòng này chưa được đóng; hãy viết đúng như sau: {fixed}",
                      "the {char} opened on this line is never closed; write it exactly like this: {fixed}"),
    "yaml.no_space": ("thiếu dấu cách sau dấu ':'; hãy viết đúng như sau: {fixed}",
                      "a space is missing after the ':'; write it exactly like this: {fixed}"),
    "yaml.no_colon": (
        "dòng này không có dạng 'khóa: giá trị'; nếu đây là nội dung bài, hãy thêm một dòng '---' ngay trên "
        "dòng này để đóng phần đầu; nếu là phần tiếp của dòng trên, hãy nối nó vào cuối dòng trên",
        "this line is not of the form 'key: value'; if it is the article's text, add a '---' line just above "
        "it to close the front matter; if it continues the line above, join it to the end of that line",
    ),
    "yaml.tag": (
        "thẻ YAML '{tag}' không được phép; hãy bỏ thẻ và viết giá trị bình thường",
        "YAML tag '{tag}' is not allowed; remove the tag and write a plain value",
    ),
    "yaml.alias": (
        "không được dùng neo và bí danh YAML (&tên, *tên); hãy viết đầy đủ giá trị",
        "YAML anchors and aliases (&name, *name) are not allowed; write the value out in full",
    ),
    "yaml.duplicate_key": ("khóa '{key}' bị lặp (đã có ở dòng {first})",
                           "key '{key}' appears twice (first at line {first})"),
    "yaml.complex_key": ("khóa phải là chuỗi chữ đơn giản", "keys must be plain strings"),
    "yaml.not_mapping": ("{what} phải là bảng khóa: giá trị (ví dụ 'title: ...'), nhưng đang là {found}",
                         "{what} must be a mapping of key: value (like 'title: ...'), but is {found}"),
    "what.front_matter": ("phần đầu (front matter)", "the front matter"),
    "what.site_yaml": ("site.yaml", "site.yaml"),
    # front matter framing
    "fm.missing": (
        "thiếu phần đầu: tệp phải bắt đầu bằng dòng '---', sau đó là title, date... và một dòng '---'",
        "no front matter: the file must start with a '---' line, then title, date... and a '---' line",
    ),
    "fm.unclosed": (
        "phần đầu mở ở dòng {open} nhưng không có dòng '---' đóng lại",
        "front matter opened at line {open} is never closed with a '---' line",
    ),
    "fm.too_large": ("phần đầu dài {size} byte, vượt giới hạn {limit} byte",
                     "front matter is {size} bytes, over the {limit}-byte limit"),
    # keys and values
    "key.unknown": ("khóa '{key}' không được hỗ trợ{hint}", "unknown key '{key}'{hint}"),
    "key.required": ("thiếu khóa bắt buộc '{key}'", "missing required key '{key}'"),
    "value.type": ("'{key}' phải là {expected}, nhưng đang là {found}{hint}",
                   "'{key}' must be {expected}, but is {found}{hint}"),
    "value.empty": ("'{key}' không được để trống", "'{key}' must not be empty"),
    "award.recipient_twice": ("chỉ ghi một trong hai: '{single}' (một người/đơn vị) hoặc '{key}' (danh sách)",
                              "write only one of '{single}' (one recipient) and '{key}' (a list)"),
    "value.too_large": ("'{key}' quá lớn ({value}); giá trị phải nhỏ hơn {limit}",
                        "'{key}' is too large ({value}); it must be below {limit}"),
    "value.control_char": ("'{key}' có ký tự điều khiển vô hình {code}; hãy xóa ký tự đó",
                           "'{key}' holds the invisible control character {code}; remove it"),
    "value.negative": ("'{key}' không được là số âm, nhưng đang là {value}",
                       "'{key}' must not be negative, but is {value}"),
    "date.format": (
        "ngày '{text}' không hợp lệ (cần dạng 27/09/2024 11:41 hoặc 2024-09-27 11:41)",
        "date '{text}' is not valid (expected a form like 27/09/2024 11:41 or 2024-09-27 11:41)",
    ),
    "date.impossible": (
        "ngày '{text}' không tồn tại (kiểm tra ngày, tháng và giờ; ngày luôn đứng trước tháng)",
        "date '{text}' does not exist (check day, month and time; the day always comes first)",
    ),
    "date.range": ("ngày '{text}' nằm ngoài các năm {first}-{last}; hãy kiểm tra lại năm",
                   "date '{text}' is outside the years {first}-{last}; check the year"),
    # site.yaml
    "config.missing": (
        "không tìm thấy site.yaml trong '{dir}'; hãy chạy trong thư mục trang hoặc dùng --site",
        "no site.yaml in '{dir}'; run inside the site folder or pass --site",
    ),
    "config.timezone": ("múi giờ '{value}' không tồn tại (ví dụ: Asia/Ho_Chi_Minh)",
                        "unknown time zone '{value}' (for example Asia/Ho_Chi_Minh)"),
    "config.language": ("ngôn ngữ '{value}' không được hỗ trợ (chọn: vi, en)",
                        "language '{value}' is not supported (choose: vi, en)"),
    "config.base_url": ("base_url phải bắt đầu bằng http:// hoặc https://, nhưng đang là '{value}'",
                        "base_url must start with http:// or https://, found '{value}'"),
    "config.per_page": ("per_page phải từ 1 đến 500, nhưng đang là {value}",
                        "per_page must be between 1 and 500, found {value}"),
    "config.image_widths": ("images.widths phải là danh sách số nguyên từ 16 đến 8000, nhưng đang là {value}",
                            "images.widths must be a list of integers from 16 to 8000, found {value}"),
    "config.image_format": ("images.formats không hỗ trợ định dạng '{value}'; chỉ dùng: {allowed}",
                            "images.formats does not support '{value}'; use: {allowed}"),
    "config.image_quality": ("images.quality phải từ 1 đến 100, nhưng đang là {value}",
                             "images.quality must be between 1 and 100, found {value}"),
    "config.image_metadata": ("images.keep_metadata không giữ được trường '{value}'; chỉ có: {allowed}",
                              "images.keep_metadata cannot keep '{value}'; only: {allowed}"),
    "config.permalink": (
        "permalink '{value}' không hợp lệ: phải bắt đầu và kết thúc bằng '/', chứa {{slug}}, "
        "và chỉ dùng {{year}} {{month}} {{day}} {{slug}} {{section}}",
        "permalink '{value}' is not valid: it must start and end with '/', contain {{slug}}, "
        "and use only {{year}} {{month}} {{day}} {{slug}} {{section}}",
    ),
    "config.comments_url": ("comments_url phải là địa chỉ http:// hoặc https://, hoặc một đường dẫn bắt đầu bằng "
                            "'/' trên chính trang này, nhưng đang là '{value}'",
                            "comments_url must be an http:// or https:// address, or a path on this site starting "
                            "with '/', found '{value}'"),
    "config.logo_outside": ("logo '{value}' phải là một tệp trong thư mục static/ (không dùng '..' hay địa chỉ web)",
                            "logo '{value}' must be a file inside static/ (no '..' and no web address)"),
    "config.logo_missing": ("không tìm thấy tệp logo '{value}' trong static/", "no logo file '{value}' in static/"),
    "config.too_many_sections": (
        "có {count} chuyên mục, nhiều hơn giới hạn {limit}: mọi trang đều liệt kê mọi chuyên mục trong thanh "
        "menu; hãy gộp bớt chuyên mục, hoặc dùng 'tags' cho các chủ đề nhỏ",
        "{count} sections, over the limit of {limit}: every page lists every section in its menu; merge "
        "some, or use 'tags' for narrower topics",
    ),
    "config.section_duplicate": ("chuyên mục '{name}' bị khai báo hai lần (dòng {first})",
                                 "section '{name}' is declared twice (line {first})"),
    "config.section_slug": ("slug chuyên mục '{value}' không hợp lệ (chỉ dùng chữ thường không dấu, số và '-'); "
                            "gợi ý: '{suggestion}'",
                            "section slug '{value}' is not valid; suggestion: '{suggestion}'"),
    "config.page_url": ("địa chỉ trang '{value}' không hợp lệ: hãy viết dạng '/ten-trang/' (chữ thường không dấu, "
                        "số, '-', bắt đầu và kết thúc bằng '/')",
                        "page URL '{value}' is not valid: write it as '/page-name/' (lowercase letters, digits, '-', "
                        "starting and ending with '/')"),
    "config.page_template": ("tên mẫu trang '{value}' không hợp lệ: hãy ghi tên một tệp .html trong templates/, "
                             "ví dụ 'khen_thuong.html'",
                             "template name '{value}' is not valid: name an .html file in templates/, "
                             "such as 'awards.html'"),
    "config.honors_path": ("địa chỉ bảng vàng khen thưởng '{value}' không hợp lệ: hãy viết dạng '/khen-thuong/' "
                           "(chữ thường không dấu, số, '-', bắt đầu và kết thúc bằng '/', không phải '/')",
                           "honors roll path '{value}' is not valid: write it as '/khen-thuong/' (lowercase letters, "
                           "digits, '-', starting and ending with '/', not '/' itself)"),
    "config.output_foreign": (
        "thư mục đầu ra '{dir}' có tệp không do bantin tạo, ví dụ '{file}'; bantin không ghi vào đó để "
        "khỏi xóa mất tệp của bạn. Hãy chuyển các tệp đó đi (hoặc xóa cả thư mục nếu không cần), "
        "hoặc chọn thư mục khác bằng --output",
        "output folder '{dir}' holds files bantin did not make, such as '{file}'; bantin does not write "
        "there, so as not to delete them. Move those files away (or delete the folder if you do not "
        "need it), or choose another folder with --output",
    ),
    "config.output_inside": (
        "thư mục đầu ra '{dir}' không được chứa thư mục trang hoặc nằm trong content/",
        "output folder '{dir}' must not contain the site folder or sit inside content/",
    ),
    # articles
    "article.author_missing": (
        "thiếu tác giả: hãy thêm dòng 'author: Họ và tên', hoặc khai báo tác giả mặc định 'author:' trong site.yaml",
        "no 'author', and site.yaml gives no default author",
    ),
    "article.category_unknown": ("chuyên mục '{value}' không có trong site.yaml{hint}",
                                 "section '{value}' is not in site.yaml{hint}"),
    "article.slug_empty": (
        "không tạo được đường dẫn từ '{value}'; hãy thêm dòng 'slug:' gồm chữ cái không dấu hoặc số",
        "cannot make a URL slug from '{value}'; add a 'slug:' with letters or digits",
    ),
    "article.slug_long": (
        "đường dẫn 'slug:' dài {length} ký tự, quá giới hạn {limit} ký tự; hãy rút gọn (bantin không tự cắt "
        "đường dẫn bạn đã viết)",
        "'slug:' is {length} characters long, over the {limit}-character limit; shorten it (bantin never cuts "
        "a slug you wrote)",
    ),
    "article.url_duplicate": ("địa chỉ {url} trùng với bài {other}; hãy đổi 'slug:' của một trong hai bài",
                              "URL {url} is also used by {other}; change the 'slug:' of one of them"),
    "article.output_duplicate": ("tệp đầu ra {path} bị tạo hai lần (cũng bởi {other})",
                                 "output file {path} is produced twice (also by {other})"),
    "output.not_a_folder": ("không dùng được '{dir}' làm thư mục đầu ra: '{file}' là một tệp, không phải thư mục",
                            "cannot use '{dir}' as the output folder: '{file}' is a file, not a folder"),
    "output.disk_full": ("ổ đĩa chứa '{dir}' đã đầy; hãy giải phóng dung lượng rồi tạo lại trang (trang cũ giữ nguyên)",
                         "the disk holding '{dir}' is full; free some space and build again (the old site is untouched)"),
    "output.os_error": ("không ghi được vào '{dir}': {reason}", "cannot write to '{dir}': {reason}"),
    "article.too_slow": (
        "đọc bài này mất hơn {seconds} giây; bài nào trong các giới hạn về độ dài, số mức lồng nhau và số ký tự "
        "định dạng đều đọc xong sớm hơn nhiều, kể cả trên máy chậm và bận; có lẽ máy đang quá tải hoặc bantin có "
        "lỗi: hãy chạy lại, nếu vẫn lỗi thì báo lỗi kèm tệp này",
        "reading this article took more than {seconds} {seconds:second|seconds}, far longer than any article within the limits "
        "on length, nesting and formatting characters takes, even on a slow, busy machine; the machine may be "
        "overloaded, or this is a bantin bug: run it again, and if it fails again, report it with this file",
    ),
    "article.too_deep": ("nội dung bài lồng nhau quá sâu để đọc được; hãy bớt các mức danh sách hoặc trích dẫn lồng nhau",
                         "the article nests too deep to be read; use fewer levels of nested lists or quotes"),
    "output.unsafe": ("đường dẫn đầu ra '{path}' ra ngoài thư mục đầu ra; đã từ chối",
                      "output path '{path}' leaves the output folder; refused"),
    "image.missing": ("không tìm thấy ảnh '{src}' (đã tìm trong '{folder}'); hãy kiểm tra tên tệp, kể cả chữ hoa, "
                      "chữ thường và đuôi tệp",
                      "image '{src}' not found (looked in '{folder}')"),
    "image.outside": (
        "ảnh '{src}' phải nằm trong thư mục của bài viết (không dùng '..' hay đường dẫn tuyệt đối)",
        "image '{src}' must be inside the article's folder (no '..' and no absolute path)",
    ),
    "image.truncated": (
        "ảnh '{src}' bị thiếu phần cuối (tệp chép chưa xong hoặc bị hỏng); hãy chép lại ảnh từ máy ảnh "
        "hoặc điện thoại",
        "photo '{src}' is cut short (an unfinished or damaged copy); copy it again from the camera or phone",
    ),
    "image.too_large": (
        "ảnh '{src}' khai báo kích thước {width}×{height} điểm ảnh, quá lớn để xử lý an toàn (tối đa "
        "{limit} triệu điểm ảnh); hãy kiểm tra lại tệp",
        "photo '{src}' claims {width}×{height} pixels, too large to process safely (at most {limit} "
        "million pixels); check the file",
    ),
    "image.heic": (
        "không đọc được ảnh HEIC '{src}' vì thiếu gói pillow-heif; hãy chạy 'pip install pillow-heif', "
        "hoặc trên iPhone chọn Cài đặt > Camera > Định dạng > Tương thích nhất rồi chép lại ảnh dưới dạng JPEG",
        "cannot read HEIC photo '{src}' without the pillow-heif package; run 'pip install pillow-heif', or "
        "on the iPhone choose Settings > Camera > Formats > Most Compatible and copy the photo again as JPEG",
    ),
    "image.damaged": (
        "ảnh '{src}' bị hỏng, không thu nhỏ được ({reason}); hãy chép lại ảnh từ máy ảnh hoặc điện thoại",
        "photo '{src}' is damaged and cannot be resized ({reason}); copy it again from the camera or phone",
    ),
    "image.focus": (
        "'{key}' phải là hai số từ 0 đến 1 (ngang, dọc), ví dụ focus: [0.5, 0.3]; đang là {value}",
        "'{key}' must be two numbers from 0 to 1 (across, down), for example focus: [0.5, 0.3]; found {value}",
    ),
    "image.unreadable": ("không đọc được ảnh '{src}': {reason}", "cannot read image '{src}': {reason}"),
    "image.svg_active": (
        "ảnh SVG có thể chạy mã hoặc tải nội dung từ nơi khác ({what}), nên không được đăng; hãy xuất lại "
        "ảnh dưới dạng PNG hoặc JPEG, hoặc bỏ phần đó khỏi tệp SVG",
        "the SVG could run a script or load content from elsewhere ({what}), so it is not published; export "
        "it again as PNG or JPEG, or remove that part from the SVG",
    ),
    "image.svg_invalid": ("tệp SVG hỏng ở dòng {line} ({reason})", "the SVG is malformed at line {line} ({reason})"),
    "image.markup_not_svg": ("tệp là văn bản HTML/XML, không phải ảnh SVG", "the file is HTML/XML text, not an SVG image"),
    "image.markup_named_photo": (
        "tệp có đuôi '{ext}' nhưng nội dung là văn bản SVG/HTML, không phải ảnh; hãy lưu lại thành ảnh thật "
        "(JPEG, PNG) hoặc đặt đuôi .svg",
        "the file is named '{ext}' but holds SVG/HTML text, not a photo; save it as a real photo (JPEG, PNG) "
        "or name it .svg",
    ),
    "image.svg_not_markup": ("tệp có đuôi .svg nhưng không phải văn bản SVG",
                             "the file is named .svg but does not hold SVG text"),
    "image.svg_too_large": ("kích thước ảnh SVG vượt quá {limit} điểm ảnh", "the SVG is larger than {limit} pixels"),
    "warn.image_damaged": (
        "phần thông tin (EXIF) của ảnh '{src}' bị hỏng và đã được bỏ qua: {detail}; hãy lưu lại ảnh bằng "
        "trình sửa ảnh",
        "the metadata (EXIF) of image '{src}' is damaged and was skipped: {detail}; save the photo again "
        "with a photo editor",
    ),
    "body.too_large": ("nội dung bài dài {size} ký tự, vượt giới hạn {limit} ký tự; hãy chia thành nhiều bài",
                       "the body is {size} characters, over the {limit}-character limit; split it into several articles"),
    "body.too_deep": ("dòng này lồng nhau quá {limit} mức (danh sách, trích dẫn '>' hoặc thụt lề); hãy bớt số mức",
                      "this line nests more than {limit} levels (lists, '>' quotes or indentation); use fewer levels"),
    "body.too_many_openers": (
        "đoạn văn này có hơn {limit} ký tự '{char}'; hãy tách đoạn bằng dòng trống hoặc bỏ bớt ký tự đó",
        "this paragraph has more than {limit} '{char}' characters; split it with blank lines or remove some",
    ),
    # parsing in bounded time: formatting characters counted (markdown.check_limits)
    "body.too_many_marks": (
        "đoạn văn này có hơn {limit} ký tự định dạng ('*', '_', '`', '&', '\\', '[', '<', dòng kết thúc bằng hai "
        "dấu cách); hãy tách đoạn bằng dòng trống",
        "this paragraph has more than {limit} formatting characters ('*', '_', '`', '&', '\\', '[', '<', lines "
        "ending in two spaces); split it with blank lines",
    ),
    "body.too_many_marks_in_body": (
        "đến dòng này, nội dung bài đã có hơn {limit} ký tự định dạng ('*', '_', '`', '&', '\\', '[', '<'); "
        "hãy chia thành nhiều bài",
        "by this line the body has more than {limit} formatting characters ('*', '_', '`', '&', '\\', '[', '<'); "
        "split it into several articles",
    ),
    "body.image_missing": ("ảnh '{src}' chèn trong nội dung không tồn tại; hãy chép ảnh vào cùng thư mục với bài viết", "image '{src}' in the body does not exist"),
    "template.error": ("lỗi trong mẫu giao diện: {detail}", "template error: {detail}"),
    # warnings
    "warn.caption_missing": ("ảnh '{src}' chưa có chú thích 'caption'", "image '{src}' has no 'caption'"),
    "warn.updated_before_date": ("'updated' ({updated}) sớm hơn 'date' ({date})",
                                 "'updated' ({updated}) is earlier than 'date' ({date})"),
    "warn.title_long": ("tiêu đề dài {length} ký tự (nên dưới {limit} ký tự)",
                        "title is {length} characters long (keep it under {limit})"),
    "warn.body_empty": (
        "bài viết chưa có nội dung nên chưa được đăng (build bỏ qua bài này); hãy viết bài sau dòng '---' này",
        "the article has no body yet, so it is not published (build leaves it out); write it after this '---' line",
    ),
    "warn.future_far": ("ngày {date} còn xa hơn {days} ngày trong tương lai; có nhầm năm không?",
                        "date {date} is more than {days} {days:day|days} in the future; is the year right?"),
    "warn.recipient_lookalike": ("người/đơn vị nhận khen thưởng '{name}' chỉ khác '{other}' ở dấu hoặc chữ hoa; "
                                 "có phải ý bạn là '{other}'?",
                                 "award recipient '{name}' differs from '{other}' only by diacritics or case; "
                                 "did you mean '{other}'?"),
    # honors roll: recipients' names (issue 25)
    "warn.recipient_abbreviation": (
        "'{name}' và '{other}' có thể là cùng một đơn vị (chữ viết tắt trùng chữ đầu); bảng khen thưởng đang tách "
        "làm hai trang: hãy ghi thống nhất một cách viết",
        "'{name}' and '{other}' may be the same unit (the abbreviation matches its initials); the honors roll keeps "
        "two pages for them: write one spelling",
    ),
    "warn.recipient_cut": (
        "tên người/đơn vị nhận khen thưởng '{name}' có vẻ bị cắt sai (có '{word}'); hãy chỉ ghi tên, mỗi người "
        "hoặc đơn vị một mục, lý do ghi vào 'reason:'",
        "award recipient '{name}' looks cut in the wrong place (it holds '{word}'); write the name only, one "
        "recipient per item, and the reason in 'reason:'",
    ),
    # Word files and pasted text: bodies, one-line fields, unwritten articles
    "warn.invisible": (
        "dòng này có ký tự vô hình (dấu cách không độ rộng U+200B..U+200D, U+2060, U+FEFF hoặc gạch nối mềm "
        "U+00AD) lẫn vào khi sao chép; trang web bỏ chúng đi, hãy xóa chúng khỏi tệp để tìm kiếm và sửa bài "
        "không bị lẫn",
        "this line holds invisible characters (zero-width U+200B..U+200D, U+2060, U+FEFF or soft hyphen "
        "U+00AD) that came with copied text; the site leaves them out, delete them from the file too",
    ),
    "warn.body_template": (
        "đoạn mẫu do 'bantin new' viết vẫn còn ở đây nên bài chưa được đăng (build bỏ qua bài này); hãy viết "
        "bài thay cho đoạn này",
        "the placeholder paragraph 'bantin new' wrote is still here, so the article is not published (build "
        "leaves it out); write the article in its place",
    ),
    "new.body_placeholder": (
        "Viết nội dung bài ở đây, thay cho đoạn này. Bài chỉ được đăng khi đoạn này đã được thay bằng nội dung.",
        "Write the article here, in place of this paragraph. It is published only once this paragraph is gone.",
    ),
    # editor's toolkit: bantin init, bantin new, bantin check
    "init.not_empty": (
        "thư mục '{dir}' đã có tệp; hãy chọn một thư mục mới, hoặc thêm --force để chỉ tạo các tệp "
        "còn thiếu (không ghi đè tệp nào)",
        "folder '{dir}' is not empty; choose a new folder, or add --force to create only the missing "
        "files (no file is overwritten)",
    ),
    "init.not_folder": ("'{dir}' là một tệp, không phải thư mục; hãy chọn tên thư mục khác",
                        "'{dir}' is a file, not a folder; choose another folder name"),
    "init.kept": ("giữ nguyên tệp đã có: {path}", "kept the existing file: {path}"),
    "init.created": (
        "đã tạo trang web mới trong '{dir}' ({files} tệp; bài mẫu là bản nháp, không được đăng). Các bước "
        "tiếp theo:\n  cd {dir}\n  bantin import bai-viet.docx      (bài viết bằng Word)\n"
        "  bantin new \"Tiêu đề bài viết\"   (hoặc viết bài mới)\n  bantin check\n  bantin build",
        "created a new site in '{dir}' ({files} {files:file|files}; the sample article is a draft, never "
        "published). Next steps:\n  cd {dir}\n  bantin import article.docx      (an article written in Word)\n"
        "  bantin new \"Article title\"      (or write a new one)\n  bantin check\n  bantin build",
    ),
    "new.title_empty": (
        "tiêu đề bài viết không được để trống; ví dụ: bantin new \"Hội nghị sơ kết công tác 6 tháng\"",
        "the article title must not be empty; for example: bantin new \"Mid-year review meeting\"",
    ),
    "new.slug_empty": (
        "không tạo được đường dẫn từ tiêu đề '{title}'; hãy thêm --slug với chữ cái không dấu hoặc số, "
        "ví dụ --slug hoi-nghi-so-ket",
        "cannot make a URL slug from the title '{title}'; add --slug with plain letters or digits, "
        "for example --slug mid-year-review",
    ),
    "new.slug_bad": (
        "đường dẫn --slug '{value}' không hợp lệ (chỉ dùng chữ thường không dấu, số và '-'); gợi ý: '{suggestion}'",
        "--slug '{value}' is not valid (use only lowercase letters, digits and '-'); suggestion: '{suggestion}'",
    ),
    "new.exists": (
        "đã có bài viết '{path}', không ghi đè; hãy đặt tiêu đề khác hoặc chọn đường dẫn khác, "
        "ví dụ --slug {suggestion}",
        "'{path}' already exists and is not overwritten; choose another title or another slug, "
        "for example --slug {suggestion}",
    ),
    # English plurals: the text of a BuildFailed exception (its str, in logs and tracebacks)
    "errors.count": ("{errors} lỗi", "{errors} {errors:error|errors}"),
    # free slugs by address (bundles.free_slug)
    "new.url_taken": (
        "địa chỉ {url} đã là địa chỉ của bài {path}; hãy đặt tiêu đề khác hoặc chọn đường dẫn khác, "
        "ví dụ --slug {suggestion}",
        "the address {url} is already that of {path}; choose another title or another slug, "
        "for example --slug {suggestion}",
    ),
    "new.category_unknown": (
        "chuyên mục '{value}' không có trong site.yaml{hint} (các chuyên mục: {choices})",
        "section '{value}' is not in site.yaml{hint} (sections: {choices})",
    ),
    "new.author_unknown": (
        "chưa biết tác giả: hãy điền dòng 'author:' trong tệp, hoặc dùng --author, "
        "hoặc thêm 'author:' vào site.yaml",
        "no author known: fill in the 'author:' line of the file, or pass --author, "
        "or add 'author:' to site.yaml",
    ),
    "new.created": (
        "đã tạo bài viết mới (đường dẫn tệp ở dòng trên); hãy mở tệp, viết nội dung thay cho đoạn mẫu sau "
        "dòng '---' thứ hai (bài chưa viết không được đăng), rồi chạy: bantin check",
        "created a new article (its file is on the line above); open it, write the text in place of the "
        "paragraph after the second '---' line (an unwritten article is not published), then run: bantin check",
    ),
    "new.no_sections": ("site.yaml chưa khai báo chuyên mục nào", "site.yaml declares no sections"),
    "new.author_placeholder": ("Họ và tên tác giả", "Author's full name"),
    "new.note.title": ("Tiêu đề bài viết; nếu có dấu ':' thì đặt cả tiêu đề trong ngoặc kép.",
                       "The article's title; if it contains ':', put the whole title in double quotes."),
    "new.note.date": (
        "Ngày giờ đăng, ngày trước tháng sau (27/09/2024 08:30). Bài có ngày trong tương lai\n"
        "chỉ được đăng khi tới giờ.",
        "Publication date and time, day before month (27/09/2024 08:30). An article dated in the\n"
        "future is published only when that time comes.",
    ),
    "new.note.author": ("Tác giả: một tên, hoặc danh sách [Tên 1, Tên 2].",
                        "Author: one name, or a list [Name 1, Name 2]."),
    "new.note.category": ("Chuyên mục, một trong: {choices}.", "Section, one of: {choices}."),
    "new.note.tags": ("Từ khóa (không bắt buộc):", "Tags (optional):"),
    "new.note.summary": ("Tóm tắt (không bắt buộc); bỏ trống thì dùng đoạn đầu của bài.",
                         "Summary (optional); without one, the first paragraph is used."),
    "new.note.slug": (
        "Phần cuối của địa chỉ bài (chữ thường không dấu, số và '-'); bỏ trống thì tạo từ tiêu đề.",
        "The last part of the article's address (lowercase letters, digits, '-'); made from the title if absent.",
    ),
    "new.note.draft": ("true: bản nháp, chưa đăng (xem thử bằng bantin build --drafts).",
                       "true: a draft, not published (preview it with bantin build --drafts)."),
    "new.note.images": (
        "Ảnh: chép ảnh vào cùng thư mục với tệp này, rồi bỏ dấu '#' ở đầu các dòng dưới.\n"
        "Ảnh đầu tiên là ảnh đại diện; alt là mô tả ảnh cho người khiếm thị.",
        "Photos: copy them into this file's folder, then remove the '#' at the start of the lines below.\n"
        "The first photo is the lead photo; alt describes the photo for blind readers.",
    ),
    "new.note.awards": ("Khen thưởng (không bắt buộc): bỏ dấu '#' ở đầu các dòng dưới rồi sửa lại.",
                        "Awards (optional): remove the '#' at the start of the lines below, then edit them."),
    "new.example.tags": ("Công an xã; Phong trào thi đua", "Commune police; Emulation movement"),
    "new.example.summary": ("Tóm tắt ngắn nội dung bài viết.", "A short summary of the article."),
    "new.example.caption": ("Chú thích dưới ảnh", "Caption under the photo"),
    "new.example.alt": ("Mô tả ngắn những gì có trong ảnh", "A short description of what the photo shows"),
    # documents and video (issue 28), in a new article
    "new.note.attachments": (
        "Tài liệu đính kèm (PDF, Word, Excel...): chép tệp vào cùng thư mục, rồi bỏ dấu '#' ở các dòng dưới.",
        "Documents (PDF, Word, Excel...): copy the file into this folder, then remove the '#' below.",
    ),
    "new.note.videos": (
        "Video: tệp .mp4 trong cùng thư mục, hoặc địa chỉ YouTube/Facebook; bỏ dấu '#' ở các dòng dưới.",
        "Videos: an .mp4 file in this folder, or a YouTube/Facebook address; remove the '#' below.",
    ),
    "new.example.document": ("Thông báo số .../TB-CAT về việc ...", "Notice no. .../TB-CAT on ..."),
    "new.example.video": ("Chú thích của video", "Caption of the video"),
    "text.not_utf8": (
        "{what} có byte không phải UTF-8 (thường do gõ trong bảng mã cũ như TCVN3 hay VNI); "
        "hãy gõ lại bằng Unicode",
        "{what} holds bytes that are not UTF-8 (often typed in an old encoding such as TCVN3 or VNI); "
        "type it again in Unicode",
    ),
    "init.cannot_write": ("không tạo được '{path}': {reason}", "cannot create '{path}': {reason}"),
    # old addresses (aliases:) and their redirect pages
    "alias.invalid": ("địa chỉ cũ '{value}' không dùng được: {reason}",
                      "old address '{value}' cannot be used: {reason}"),
    "alias.reason.control": ("có ký tự điều khiển", "it holds a control character"),
    "alias.reason.space": ("có dấu cách hoặc dấu '\\'", "it holds a space or a '\\'"),
    "alias.reason.form": (
        "phải bắt đầu bằng '/' (ví dụ /tin-tuc/chi-tiet/12345.aspx) hoặc http:// hay https://",
        "it must start with '/' (like /tin-tuc/chi-tiet/12345.aspx) or with http:// or https://",
    ),
    "alias.reason.escape": ("có mã '%' sai hoặc mã hóa '/', NUL", "it holds a bad '%' escape or an encoded '/' or NUL"),
    "alias.reason.dots": ("có đoạn '.' hoặc '..'", "it holds a '.' or '..' segment"),
    "alias.other_host": (
        "địa chỉ cũ '{value}' thuộc trang {host}, không phải trang này ({site_host}); chỉ chuyển hướng "
        "được địa chỉ trên cùng tên miền, hãy chỉ ghi phần đường dẫn nếu tên miền cũ sẽ trỏ về trang này",
        "old address '{value}' is on {host}, not on this site ({site_host}); only addresses on the same host "
        "can be redirected; write the path alone if the old host will point at this site",
    ),
    "alias.taken": (
        "địa chỉ cũ '{value}' trùng với {other}; mỗi địa chỉ chỉ chuyển hướng được tới một bài",
        "old address '{value}' is also {other}; an address can redirect to one article only",
    ),
    "alias.taken_page": ("một trang của trang web", "a page of the site"),
    "alias.taken_alias": ("địa chỉ cũ của bài {path}", "an old address of {path}"),
    # old addresses of a site under a sub-path (base_url with a path)
    "alias.outside_base": (
        "địa chỉ cũ '{value}' nằm ngoài thư mục của trang ({base}/): thư mục 'build/' được đặt tại {base}/ "
        "nên không tệp nào của nó trả lời được địa chỉ này; hãy nhờ quản trị máy chủ web chuyển hướng, với nginx "
        "là thêm dòng sau vào khối 'server' của tên miền: {nginx}, rồi xóa địa chỉ này khỏi 'aliases:'",
        "old address '{value}' lies outside the site's folder ({base}/): the built folder is deployed at {base}/, "
        "so none of its files can answer it; have the web server redirect it instead (for nginx, add this line to "
        "the host's 'server' block: {nginx}), then remove the address from 'aliases:'",
    ),
    "import.warn.alias_outside_base": (
        "địa chỉ cũ '{value}' nằm ngoài thư mục của trang ({base}/) nên bài mới không có 'aliases:'; hãy nhờ "
        "quản trị máy chủ web chuyển hướng, với nginx là thêm vào khối 'server': {nginx}",
        "the old address '{value}' lies outside the site's folder ({base}/), so the new article has no "
        "'aliases:'; have the web server redirect it (for nginx, in the 'server' block: {nginx})",
    ),
    "source_url.invalid": ("source_url '{value}' phải là địa chỉ http:// hoặc https://",
                           "source_url '{value}' must be an http:// or https:// address"),
    # bantin import
    "import.bad_selector": (
        "bộ chọn CSS '{selector}' của 'import.{key}' (hoặc --follow) không hợp lệ; ví dụ đúng: h1.title, .news-content",
        "CSS selector '{selector}' of 'import.{key}' (or --follow) is not valid; for example: h1.title, .news-content",
    ),
    "import.imported": ("đã nhập: {source} -> {path}", "imported: {source} -> {path}"),
    "import.would_import": ("sẽ nhập (chạy thử): {source} -> {path}", "would import (dry run): {source} -> {path}"),
    "import.skipped": ("bỏ qua: {source}: {reason}", "skipped: {source}: {reason}"),
    "import.failed": ("lỗi: {source}: {reason}", "failed: {source}: {reason}"),
    "import.warning": ("  cảnh báo: {message}", "  warning: {message}"),
    "import.summary": (
        "tổng cộng: {imported} bài đã nhập, {skipped} bỏ qua, {failed} lỗi ({requests} lượt tải). "
        "Hãy xem lại các bài bằng: bantin check",
        "in all: {imported} imported, {skipped} skipped, {failed} failed ({requests} {requests:request|requests}). "
        "Review the articles with: bantin check",
    ),
    "import.reason.not_http": ("'{url}' không phải địa chỉ http:// hay https://", "'{url}' is not an http:// or https:// address"),
    "import.reason.not_html": ("không phải trang web ({type})", "not a web page ({type})"),
    "import.reason.redirects": ("chuyển hướng quá nhiều lần (có thể là vòng lặp)", "too many redirects (a loop?)"),
    "import.reason.network": ("không kết nối được ({detail}), đã thử lại nhiều lần", "cannot connect ({detail}), after several tries"),
    "import.reason.too_large": ("trang lớn hơn {limit} MB, không tải", "larger than {limit} MB, not downloaded"),
    "import.reason.http": ("máy chủ trả lời mã {status}", "the server answered {status}"),
    "import.reason.already": ("đã nhập trước đây, là {path}", "already imported as {path}"),
    "import.reason.empty_folder": ("thư mục không có tệp .docx, .html hay .txt nào",
                                   "the folder holds no .docx, .html or .txt file"),
    "import.reason.file_kind": ("chỉ nhập được tệp Word .docx, tệp .html, .htm hoặc .txt",
                                "only Word .docx, .html, .htm and .txt files can be imported"),
    "import.reason.missing": ("không tìm thấy tệp", "no such file"),
    "import.reason.no_links": ("không có liên kết nào khớp '{selector}' trên trang danh sách",
                               "no link on the list page matches '{selector}'"),
    "import.reason.unexpected": ("lỗi không lường trước khi đọc trang ({detail})", "unexpected problem reading the page ({detail})"),
    "import.reason.login": ("đây là trang đăng nhập, không phải bài viết", "a login page, not an article"),
    "import.reason.no_title": ("trang không có tiêu đề, không phải bài viết", "the page has no title: not an article"),
    "import.reason.empty": ("trang gần như không có nội dung, không phải bài viết", "the page has almost no text: not an article"),
    "import.reason.list": ("đây là trang danh sách bài, không phải một bài viết (dùng --follow để nhập các bài trong đó)",
                           "a list of articles, not an article (use --follow to import the articles it lists)"),
    "import.reason.outside": ("đường dẫn '{path}' ra ngoài thư mục content/; đã từ chối", "'{path}' leaves content/; refused"),
    "import.reason.taken": ("thư mục của '{path}' vừa được tạo bởi việc khác; không ghi đè",
                            "the folder of '{path}' appeared meanwhile; not overwritten"),
    "import.reason.write": ("không ghi được tệp: {detail}", "cannot write the file: {detail}"),
    "import.reason.not_image": ("không phải ảnh ({detail})", "not a photo ({detail})"),
    "import.warn.no_author": ("không tìm thấy tác giả; hãy điền 'author:'", "no author found; fill in 'author:'"),
    "import.warn.default_author": ("không tìm thấy tác giả; dùng tác giả mặc định trong site.yaml",
                                   "no author found; site.yaml's default author is used"),
    "import.warn.category": ("chuyên mục '{value}' của trang cũ không có trong site.yaml{hint}; bài chưa có 'category:'",
                             "the old section '{value}' is not in site.yaml{hint}; the article has no 'category:'"),
    "import.warn.alias_taken": (
        "địa chỉ cũ '{value}' đã chuyển hướng tới bài {path}; bài mới không có 'aliases:'",
        "the old address '{value}' already redirects to {path}; the new article has no 'aliases:'",
    ),
    "import.warn.photo": ("không lấy được ảnh '{src}': {reason}; bài vẫn được nhập",
                          "could not get the photo '{src}': {reason}; the article is imported without it"),
    "import.warn.awards": ("{count} khen thưởng được đề xuất (đã tắt); hãy kiểm tra rồi bỏ dấu '#'",
                           "{count} {count:award|awards} proposed (commented out); check {count:it|them}, then remove the '#'"),
    "import.note.images": (
        "Ảnh của bài cũ (lấy từ văn bản, chưa có tệp): chép ảnh vào thư mục này, điền 'src', rồi bỏ dấu '#'.",
        "Photos of the old article (from its text, no file yet): copy them here, fill in 'src', remove the '#'.",
    ),
    "import.note.awards": (
        "Khen thưởng đề xuất từ nội dung bài, CHƯA được xác nhận: hãy kiểm tra, sửa, rồi bỏ dấu '#'.",
        "Awards proposed from the text, NOT confirmed: check and edit them, then remove the '#'.",
    ),
    # bantin import: dates, captions (issue 25)
    "import.warn.no_date_text": (
        "không tìm thấy ngày đăng: bài được nhập là bản nháp ('draft: true'), tạm ghi ngày {date}. Hãy thêm "
        "dòng 'Ngày đăng: 27/09/2024 11:41' ngay dưới tiêu đề trong tệp .txt rồi nhập lại, hoặc sửa 'date:' "
        "trong bài và xóa dòng 'draft: true'",
        "no publication date found: the article is imported as a draft ('draft: true'), dated {date} for now. "
        "Add a line 'Ngày đăng: 27/09/2024 11:41' under the title in the .txt file and import it again, or set "
        "'date:' in the article and delete the line 'draft: true'",
    ),
    "import.warn.no_date_page": (
        "không tìm thấy ngày đăng: bài được nhập là bản nháp ('draft: true'), tạm ghi ngày {date}. Hãy sửa "
        "'date:' trong bài và xóa dòng 'draft: true'; nếu mọi bài của trang cũ đều thiếu ngày, hãy khai báo bộ "
        "chọn 'date' trong mục 'import:' của site.yaml rồi nhập lại",
        "no publication date found: the article is imported as a draft ('draft: true'), dated {date} for now. "
        "Set 'date:' in the article and delete the line 'draft: true'; if every page of the old site lacks "
        "its date, give a 'date' selector under 'import:' in site.yaml and import again",
    ),
    "import.warn.bad_date": (
        "ngày đăng '{text}' không có thật: bài được nhập là bản nháp ('draft: true'), tạm ghi ngày {date}; "
        "hãy sửa 'date:' trong bài và xóa dòng 'draft: true'",
        "the publication date '{text}' does not exist: the article is imported as a draft ('draft: true'), "
        "dated {date} for now; set 'date:' in the article and delete the line 'draft: true'",
    ),
    "import.warn.photos_from_text": (
        "{count} dòng được hiểu là chú thích ảnh (dòng đầu: '{first}') và chuyển thành mục 'images:' đã tắt; "
        "hãy chép ảnh vào thư mục bài và điền 'src', hoặc chép dòng nào không phải chú thích trả lại nội dung bài",
        "{count} {count:line|lines} read as photo captions (the first: '{first}') became commented 'images:' "
        "entries; copy the photos in and fill in 'src', or move a line that is not a caption back into the body",
    ),
    # Word files (bantin import FILE.docx)
    "import.reason.doc_binary": (
        "đây là tệp Word kiểu cũ (.doc, Word 97-2003), bantin không đọc được; hãy mở tệp bằng Word, chọn "
        "Tệp > Lưu thành (File > Save As), chọn kiểu 'Tài liệu Word (*.docx)', rồi nhập tệp .docx đó",
        "this is an old Word file (.doc, Word 97-2003), which bantin cannot read; open it in Word, choose "
        "File > Save As, pick 'Word Document (*.docx)', then import that .docx file",
    ),
    "import.reason.docx_password": (
        "tệp Word có mật khẩu nên không đọc được; hãy mở bằng Word, vào Tệp > Thông tin > Bảo vệ tài liệu > "
        "Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi nhập lại",
        "the Word file is protected by a password and cannot be read; open it in Word, go to File > Info > "
        "Protect Document > Encrypt with Password, clear the password, save, then import it again",
    ),
    "import.reason.docx_corrupt": (
        "không đọc được tệp này như một tệp Word .docx (tệp hỏng, chép chưa xong, hoặc không phải tệp Word); "
        "hãy mở bằng Word, lưu lại thành .docx rồi nhập lại",
        "this file cannot be read as a Word .docx file (damaged, copied only in part, or not a Word file); "
        "open it in Word, save it again as .docx, then import it again",
    ),
    "import.reason.docx_too_large": (
        "tệp Word nặng {size} MB, vượt giới hạn {limit} MB; hãy nén ảnh trong Word (bấm vào ảnh > Định dạng "
        "ảnh > Nén ảnh) hoặc chia thành nhiều tệp",
        "the Word file is {size} MB, over the {limit} MB limit; compress its pictures in Word (select a "
        "picture > Picture Format > Compress Pictures) or split it into several files",
    ),
    "import.reason.docx_unpacked": (
        "tệp Word khi giải nén lớn hơn {limit} MB (tệp hỏng hoặc bất thường); hãy mở bằng Word, lưu lại rồi "
        "nhập lại",
        "the Word file unpacks to more than {limit} MB (damaged or unusual); open it in Word, save it again, "
        "then import it again",
    ),
    "import.reason.docx_pictures": ("tệp Word có hơn {limit} ảnh; hãy chia thành nhiều bài",
                                    "the Word file holds more than {limit} pictures; split it into several articles"),
    "import.reason.docx_empty": (
        "tệp Word gần như không có nội dung bài (dưới 120 chữ, không có ảnh, hoặc chỉ có liên kết)",
        "the Word file holds almost no article text (under 120 letters and no picture, or only links)",
    ),
    "import.reason.word_drawing": ("đây là hình vẽ {kind} của Word, không chuyển được thành ảnh",
                                   "it is a Word {kind} drawing, which cannot be turned into a photo"),
    "import.reason.word_picture_kind": ("ảnh kiểu '{kind}' không đăng được trên trang web",
                                        "a picture of type '{kind}' cannot be published on a web page"),
    "import.warn.word_picture": (
        "chưa lấy được ảnh '{src}' (chú thích: {caption}): {reason}; trong Word, bấm chuột phải vào ảnh, chọn "
        "'Lưu thành ảnh' (Save as Picture) kiểu PNG, chép tệp vào thư mục bài rồi thêm vào 'images:'; bài vẫn "
        "được nhập",
        "could not take the picture '{src}' (caption: {caption}): {reason}; in Word, right-click the picture, "
        "choose 'Save as Picture' as PNG, copy the file into the article's folder and add it to 'images:'; "
        "the article is imported",
    ),
    "import.warn.word_title": (
        "tệp Word không có dòng tiêu đề; tên tệp '{title}' được dùng làm tiêu đề, hãy sửa 'title:' nếu cần",
        "the Word file has no title line; its file name '{title}' is the title, edit 'title:' if needed",
    ),
    "import.warn.word_date": (
        "văn bản không ghi ngày đăng; 'date:' được đặt là lúc nhập ({date}), hãy sửa nếu cần",
        "the text gives no publication date; 'date:' is the time of the import ({date}), edit it if needed",
    ),
    "link.broken": (
        "liên kết '{href}' không dẫn tới trang nào của trang web (địa chỉ một bài viết có dạng "
        "/2024/09/27/ten-bai/){hint}",
        "link '{href}' leads to no page of the site (an article's address looks like /2024/09/27/its-slug/){hint}",
    ),
    "link.md_missing": (
        "liên kết '{href}' trỏ tới tệp '{target}' nhưng tệp này không tồn tại{hint}",
        "link '{href}' points to the file '{target}', which does not exist{hint}",
    ),
    "link.not_published": (
        "liên kết '{href}' trỏ tới tệp '{target}', nhưng tệp này không được đăng lên trang web (chỉ ảnh "
        "dùng trong bài, tài liệu trong 'attachments:' và video trong 'videos:' mới được đăng); hãy khai báo "
        "tệp ở đó, hoặc chuyển tệp vào static/ và liên kết tới '/{name}'",
        "link '{href}' points to the file '{target}', which is not published (only the photos an article "
        "uses, its 'attachments:' and its 'videos:' are); declare it there, or move the file into static/ "
        "and link to '/{name}'",
    ),
    "file.unused": (
        "tệp này nằm trong thư mục của bài '{article}' nhưng bài không dùng tới (không có trong 'images:' "
        "hay trong nội dung) nên sẽ không được đăng; hãy thêm vào 'images:' hoặc xóa tệp",
        "this file is in the folder of '{article}' but the article never uses it (neither in 'images:' nor "
        "in the body), so it is not published; add it to 'images:' or delete it",
    ),
    "warn.alt_missing": (
        "ảnh '{src}' không có mô tả cho người khiếm thị; hãy viết ![mô tả ảnh]({src}), hoặc khai báo ảnh "
        "trong 'images:' kèm 'caption'",
        "image '{src}' has no description for blind readers; write ![what the photo shows]({src}), or "
        "declare it under 'images:' with a 'caption'",
    ),
    "check.ok": ("không có lỗi: đã kiểm tra {articles} bài viết", "no problems: checked {articles} {articles:article|articles}"),
    "check.summary": ("{errors} lỗi, {warnings} cảnh báo trong {articles} bài viết đã kiểm tra",
                      "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings} in {articles} "
                      "{articles:article|articles} checked"),
    # publishing: feeds, sitemaps, search and social metadata, reproducible builds
    "warn.summary_long": (
        "phần tóm tắt 'summary' dài {length} ký tự; máy tìm kiếm và mạng xã hội chỉ hiện khoảng {limit} "
        "ký tự, phần sau sẽ bị cắt",
        "'summary' is {length} characters long; search engines and social networks show about {limit}, "
        "the rest is cut off",
    ),
    "warn.photo_narrow": (
        "ảnh '{src}' chỉ rộng {width} điểm ảnh, hẹp hơn cột bài viết ({column} điểm ảnh) "
        "nên sẽ bị mờ; hãy dùng ảnh gốc từ máy ảnh hoặc điện thoại",
        "photo '{src}' is only {width} {width:pixel|pixels} wide, narrower than the article column ({column} pixels), "
        "so it will look blurry; use the original file from the camera or phone",
    ),
    "build.source_date_epoch": (
        "SOURCE_DATE_EPOCH phải là số giây kể từ 01/01/1970 (số nguyên), nhưng là '{value}'",
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, but is '{value}'",
    ),
    # search (search.py)
    "search.unavailable": (
        "không chạy được Pagefind để tạo chỉ mục tìm kiếm ({detail}); trang vẫn được tạo nhưng chưa tìm "
        "kiếm được; nếu máy này không hỗ trợ Pagefind, hãy thêm 'search: false' vào site.yaml",
        "cannot run Pagefind to build the search index ({detail}); the site is built without a working "
        "search; if Pagefind does not run on this machine, add 'search: false' to site.yaml",
    ),
    # documents and video (issue 28): attachments:, videos:, and the files they publish
    "attachment.address": (
        "'{key}' phải là tên một tệp trong thư mục của bài, không phải địa chỉ web ('{value}'); hãy tải tệp "
        "về, chép vào thư mục bài rồi ghi tên tệp",
        "'{key}' must name a file in the article's folder, not a web address ('{value}'); download the file, "
        "copy it into the article's folder and write its name",
    ),
    "media.missing": ("không tìm thấy tệp '{src}' (đã tìm trong '{folder}'); hãy kiểm tra tên tệp, kể cả chữ "
                      "hoa, chữ thường và đuôi tệp",
                      "file '{src}' not found (looked in '{folder}'); check the name, its case and its extension"),
    "media.outside": ("tệp '{src}' phải nằm trong thư mục của bài viết (không dùng '..' hay đường dẫn tuyệt đối)",
                      "file '{src}' must be inside the article's folder (no '..' and no absolute path)"),
    "media.name_taken": (
        "tệp '{src}' được đăng với tên '{name}', trùng với tệp '{other}' của bài; hãy đổi tên một trong hai tệp",
        "file '{src}' is published as '{name}', as is '{other}' of this article; rename one of them",
    ),
    "attachment.type": (
        "tài liệu '{src}' có đuôi '{ext}', không thuộc các loại được đăng ({allowed})",
        "document '{src}' is named '{ext}', which is not a kind that is published ({allowed})",
    ),
    "attachment.refused": (
        "không đăng tệp '{src}': {what} có thể gây hại cho máy của người đọc; chỉ đăng được {allowed}",
        "'{src}' is not published: {what} can harm a reader's computer; only {allowed} are published",
    ),
    "attachment.mismatch": (
        "tệp '{src}' có đuôi '{ext}' nhưng nội dung là {found}; hãy mở tệp bằng đúng chương trình rồi lưu lại "
        "thành tài liệu thật, hoặc đặt đúng đuôi tệp",
        "'{src}' is named '{ext}' but holds {found}; open it with the right program and save it as a real "
        "document, or give it the right extension",
    ),
    "attachment.macros": (
        "tài liệu '{src}' có macro (mã chạy được), nên không được đăng; hãy lưu lại thành PDF, hoặc thành "
        ".docx/.xlsx không có macro",
        "document '{src}' holds macros (code that runs), so it is not published; save it as PDF, or as a "
        ".docx/.xlsx without macros",
    ),
    "attachment.password": (
        "tài liệu '{src}' cần mật khẩu để mở nên người đọc không xem được; hãy lưu lại bản không đặt mật khẩu",
        "document '{src}' needs a password to open, so readers cannot read it; save a copy without a password",
    ),
    "attachment.unreadable": ("không đọc được tài liệu '{src}' ({reason}); hãy mở tệp rồi lưu lại, hoặc xuất lại thành PDF",
                              "cannot read document '{src}' ({reason}); open it and save it again, or export it as PDF"),
    "attachment.too_large": (
        "tài liệu '{src}' nặng {size}, quá giới hạn {limit}; hãy nén lại (in ra PDF với chất lượng thấp hơn) "
        "hoặc chia thành nhiều tệp",
        "document '{src}' is {size}, over the {limit} limit; make it smaller (print to PDF at a lower "
        "quality) or split it into several files",
    ),
    "warn.attachment_large": (
        "tài liệu '{src}' nặng {size}: người đọc dùng điện thoại phải tải lâu và tốn tiền; tài liệu quét nên "
        "dưới {limit} (quét 150-200 dpi, đen trắng)",
        "document '{src}' is {size}: slow and costly to download on a phone; keep a scanned document under "
        "{limit} (150-200 dpi, black and white)",
    ),
    "warn.attachment_metadata": (
        "tài liệu '{src}' còn ghi thông tin về người hoặc máy đã soạn ({fields}) mà bantin không xóa được với "
        "loại tệp này; hãy lưu lại thành PDF hoặc .docx, hoặc xóa thông tin đó trong Word (Tệp > Thông tin > "
        "Kiểm tra tài liệu)",
        "document '{src}' still names the person or computer that made it ({fields}), which bantin cannot "
        "remove from this kind of file; save it as PDF or .docx, or remove it in Word (File > Info > "
        "Inspect Document)",
    ),
    "attachment.what.macros": ("tài liệu có macro", "a document with macros"),
    "attachment.what.program": ("chương trình chạy được", "a program"),
    "attachment.what.web_page": ("trang web (tệp HTML)", "a web page (HTML)"),
    "attachment.what.archive": ("tệp nén (ZIP, RAR...)", "an archive (ZIP, RAR...)"),
    "attachment.what.unknown": ("dữ liệu không rõ loại", "data of no known kind"),
    "attachment.what.pdf": ("một tệp PDF", "a PDF"),
    "attachment.what.ooxml": ("một tài liệu Office loại khác (Word, Excel hay PowerPoint)",
                              "another kind of Office document (Word, Excel or PowerPoint)"),
    "attachment.what.odf": ("một tài liệu OpenDocument loại khác", "another kind of OpenDocument file"),
    "attachment.what.ole": ("một tài liệu Office cũ loại khác (.doc, .xls, .ppt)",
                            "another kind of old Office document (.doc, .xls, .ppt)"),
    "attachment.what.image": ("một ảnh", "an image"),
    "attachment.what.markup": ("văn bản HTML/XML", "HTML/XML text"),
    "video.address": ("'{key}': không hiển thị được video '{value}': {reason}",
                      "'{key}': cannot show the video '{value}': {reason}"),
    "video.reason.form": ("địa chỉ phải bắt đầu bằng https://", "an address starts with https://"),
    "video.reason.host": (
        "chỉ nhận video trên YouTube hoặc Facebook; video khác hãy tải về và chép tệp .mp4 vào thư mục bài",
        "only YouTube and Facebook videos are shown; download any other video and copy the .mp4 file "
        "into the article's folder",
    ),
    "video.reason.short_link": (
        "đây là liên kết rút gọn; hãy mở liên kết trong trình duyệt rồi chép địa chỉ đầy đủ của video "
        "(facebook.com/.../videos/...)",
        "this is a short link; open it in a browser and copy the video's full address "
        "(facebook.com/.../videos/...)",
    ),
    "video.reason.not_a_video": (
        "địa chỉ này không trỏ tới một video (có thể là kênh, trang hay danh sách phát); hãy mở video rồi chép "
        "địa chỉ của nó",
        "this address names no single video (a channel, a page or a playlist); open the video and copy its address",
    ),
    "video.reason.youtube_id": ("mã video YouTube phải gồm 11 ký tự", "a YouTube video id has 11 characters"),
    "video.reason.facebook_id": ("không thấy mã số video Facebook trong địa chỉ",
                                 "the address holds no Facebook video number"),
    "video.captions_platform": (
        "'{key}': phụ đề chỉ dùng cho tệp video trong thư mục bài; video YouTube, Facebook hãy thêm phụ đề "
        "ngay trên nền tảng đó",
        "'{key}': captions go with a video file of the article's folder; add captions to a YouTube or "
        "Facebook video on the platform itself",
    ),
    "video.type": (
        "video '{src}' có đuôi '{ext}' mà trình duyệt không phát được; hãy xuất lại thành MP4 (H.264), ví dụ "
        "bằng HandBrake hoặc phần mềm dựng phim",
        "video '{src}' is named '{ext}', which browsers do not play; export it as MP4 (H.264), with HandBrake "
        "or a video editor",
    ),
    "video.mismatch": ("tệp '{src}' có đuôi '{ext}' nhưng không phải video {ext}; hãy xuất lại thành MP4 (H.264)",
                       "'{src}' is named '{ext}' but is not a {ext} video; export it again as MP4 (H.264)"),
    "video.codec": (
        "video '{src}' được mã hóa bằng {codec}, trình duyệt không phát được; hãy xuất lại thành MP4 (H.264)",
        "video '{src}' is encoded as {codec}, which browsers cannot play; export it again as MP4 (H.264)",
    ),
    "warn.video_codec": (
        "video '{src}' được mã hóa bằng {codec} (HEVC, mặc định của iPhone), một số trình duyệt và điện thoại "
        "không phát được; nên xuất lại thành MP4 (H.264) hoặc trên iPhone chọn Cài đặt > Camera > Định dạng > "
        "Tương thích nhất",
        "video '{src}' is encoded as {codec} (HEVC, the iPhone's default), which some browsers and phones "
        "cannot play; export it as MP4 (H.264), or on the iPhone choose Settings > Camera > Formats > Most "
        "Compatible",
    ),
    "video.unreadable": ("không đọc được video '{src}' ({reason}); hãy chép lại tệp hoặc xuất lại thành MP4",
                         "cannot read video '{src}' ({reason}); copy the file again or export it as MP4"),
    "video.too_slow": ("đọc video '{src}' mất hơn {seconds} giây nên đã dừng; có lẽ tệp bị hỏng",
                       "reading video '{src}' took more than {seconds} {seconds:second|seconds} and was stopped; "
                       "the file is probably damaged"),
    "video.no_ffmpeg": (
        "không chạy được FFmpeg để đọc video; hãy cài lại bantin (pip install bantin) để có gói imageio-ffmpeg, "
        "hoặc đặt biến môi trường IMAGEIO_FFMPEG_EXE là đường dẫn tới ffmpeg",
        "cannot run FFmpeg to read videos; install bantin again (pip install bantin) to get imageio-ffmpeg, or "
        "set IMAGEIO_FFMPEG_EXE to the path of an ffmpeg",
    ),
    "video.too_large": (
        "video '{src}' nặng {size}, quá giới hạn {limit}; hãy cắt ngắn, xuất lại ở 720p, hoặc đăng lên "
        "YouTube rồi ghi địa chỉ video",
        "video '{src}' is {size}, over the {limit} limit; shorten it, export it at 720p, or publish it on "
        "YouTube and give its address",
    ),
    "warn.video_large": (
        "video '{src}' nặng {size}, trên {limit}: người đọc xem bằng dữ liệu di động phải tải lâu và tốn tiền, "
        "và nhiều kho git không nhận tệp lớn; hãy xuất lại ở 720p hoặc đăng lên YouTube",
        "video '{src}' is {size}, over {limit}: slow and costly for readers on mobile data, and many git "
        "hosts refuse large files; export it at 720p or publish it on YouTube",
    ),
    "warn.video_caption_missing": (
        "video '{src}' chưa có chú thích 'caption' (tên của video cho người đọc và máy tìm kiếm); tạm dùng "
        "tiêu đề bài",
        "video '{src}' has no 'caption' (its name for readers and search engines); the article's title is used",
    ),
    "video.captions_type": (
        "phụ đề '{src}' phải là tệp WebVTT (.vtt); tệp .srt có thể đổi sang .vtt bằng Subtitle Edit hoặc "
        "trang chuyển đổi phụ đề",
        "captions '{src}' must be a WebVTT file (.vtt); a .srt file converts to .vtt with Subtitle Edit or "
        "a caption converter",
    ),
    "video.captions_encoding": ("phụ đề '{src}' phải lưu bằng mã UTF-8", "captions '{src}' must be saved as UTF-8"),
    "video.captions_invalid": (
        "phụ đề '{src}' không phải tệp WebVTT hợp lệ ({reason}): dòng đầu phải là WEBVTT, mỗi câu có dòng "
        "thời gian dạng 00:00:01.000 --> 00:00:04.000",
        "captions '{src}' are not valid WebVTT ({reason}): the first line is WEBVTT, and each cue has a "
        "timing line like 00:00:01.000 --> 00:00:04.000",
    ),
    "video.captions.no_header": ("thiếu dòng WEBVTT ở đầu tệp", "no WEBVTT line at the top"),
    "video.captions.no_cue": ("không có câu phụ đề nào", "no cue"),
    "video.captions.too_large": ("tệp trên 2 MB", "over 2 MB"),
    "file.unused_media": (
        "tệp này nằm trong thư mục của bài '{article}' nhưng bài không dùng tới nên sẽ không được đăng; "
        "tài liệu hãy khai báo trong 'attachments:', video trong 'videos:', hoặc xóa tệp",
        "this file is in the folder of '{article}' but the article never uses it, so it is not published; "
        "declare a document under 'attachments:', a video under 'videos:', or delete it",
    ),
    # live preview (bantin serve)
    "serve.built_first": (
        "đã tạo {pages} trang từ {articles} bài viết (gồm bản nháp và bài hẹn giờ) trong {seconds} giây",
        "built {pages} {pages:page|pages} from {articles} {articles:article|articles} (drafts and scheduled "
        "included) in {seconds} s",
    ),
    "serve.started": ("đang xem trước tại {url} (tự tải lại khi lưu tệp); nhấn Ctrl-C để dừng",
                      "previewing at {url} (reloads on every save); press Ctrl-C to stop"),
    "serve.rebuilt": ("{change}: viết lại {written} tệp trong {seconds} giây{warnings}",
                      "{change}: {written} {written:file|files} rewritten in {seconds} s{warnings}"),
    "serve.updated": ("{change}: cập nhật trong {seconds} giây ({pages} trang thay đổi, trang nào mở ra cũng đã mới){warnings}",
                      "{change}: updated in {seconds} s ({pages} {pages:page|pages} changed, each one new when opened){warnings}"),
    "serve.warnings": ("; {count} cảnh báo", "; {count} {count:warning|warnings}"),
    "serve.failed": ("{change}: {errors} lỗi, trình duyệt đang hiện trang báo lỗi ({seconds} giây)",
                     "{change}: {errors} {errors:error|errors}, shown in the browser ({seconds} s)"),
    "serve.change_one": ("{path}", "{path}"),
    "serve.change_many": ("{path} và {more} tệp khác", "{path} and {more} more {more:file|files}"),
    "serve.change_none": ("không có thay đổi", "no change"),
    "serve.change_later": ("khi làm lại các trang", "while rendering the pages"),
    "serve.change_start": ("lần tạo đầu tiên", "first build"),
    "serve.stopped": ("đã dừng xem trước", "preview stopped"),
    "serve.port_in_use": ("cổng {port} đang được dùng; hãy chọn cổng khác bằng --port (ví dụ --port {other})",
                          "port {port} is already in use; choose another with --port (e.g. --port {other})"),
    "serve.cannot_listen": ("không mở được {host}:{port} ({reason}); hãy kiểm tra --host và --port",
                            "cannot listen on {host}:{port} ({reason}); check --host and --port"),
    "serve.forbidden": ("đường dẫn ra ngoài thư mục trang; đã từ chối", "path leaves the site folder; refused"),
    "serve.wrong_host": ("máy chủ xem trước chỉ trả lời địa chỉ của chính nó (127.0.0.1, localhost); đã từ chối",
                         "the preview server answers only its own address (127.0.0.1, localhost); refused"),
    "serve.not_found": ("không có trang này", "no such page"),
    "serve.error_title": ("Lỗi khi tạo trang", "The site could not be built"),
    "serve.error_intro": (
        "Trang chưa được tạo lại vì {count} lỗi dưới đây. Hãy sửa tệp và lưu lại: trang này sẽ tự tải lại.",
        "The site was not rebuilt because of the {count} {count:problem|problems} below. Fix the file and save: "
        "this page reloads by itself.",
    ),
    # progress bar (a terminal only, for builds that take more than a moment)
    "progress.parse": ("đọc bài viết", "reading articles"),
    "progress.write": ("tạo trang", "writing pages"),
    # command-line help (bantin --help, bantin build --help...); '\b' keeps click from rewrapping a block
    "help.main": (
        "bantin: tạo trang tin tức tĩnh cho cơ quan báo chí, tuyên truyền.\n\n\b\nVí dụ:\n  bantin build --strict",
        "bantin: a static news-site generator for Vietnamese press offices.\n\n\b\nExample:\n"
        "  bantin build --strict",
    ),
    "help.lang": ("Ngôn ngữ của thông báo (mặc định: BANTIN_LANG, rồi ngôn ngữ của trang, rồi vi).",
                  "Language of messages (default: BANTIN_LANG, then the site's language, then vi)."),
    "help.version": ("Hiện phiên bản rồi thoát.", "Show the version and exit."),
    "help.help": ("Hiện hướng dẫn này rồi thoát.", "Show this message and exit."),
    "help.site": ("Thư mục trang web (thư mục có site.yaml).", "Site folder (the one with site.yaml)."),
    "help.build": (
        "Tạo trang web vào thư mục build/ của trang.\n\n\b\nVí dụ:\n  bantin build\n"
        "  bantin build --site ../congan-dongthap --output /tmp/public --strict\n"
        "  bantin build --strict --base-url https://preview-42.congan.example.vn",
        "Build the site into SITE/build.\n\n\b\nExamples:\n  bantin build\n"
        "  bantin build --site ../congan-dongthap --output /tmp/public --strict\n"
        "  bantin build --strict --base-url https://preview-42.congan.example.vn",
    ),
    "help.build.output": ("Thư mục đầu ra (mặc định: build/ trong thư mục trang).",
                          "Output folder (default: SITE/build)."),
    "help.build.drafts": ("Đăng cả các bài có draft: true.", "Include articles with draft: true."),
    "help.build.future": ("Đăng cả các bài có ngày trong tương lai.", "Include articles dated in the future."),
    "help.build.strict": ("Có cảnh báo cũng tính là lỗi (dùng cho CI).", "Fail on warnings too (for CI)."),
    "help.build.base_url": ("Dùng URL thay cho base_url của site.yaml (để xem thử trước khi đăng).",
                            "Use URL instead of site.yaml's base_url (for preview deployments)."),
    "help.init": (
        "Tạo trang web mới trong THƯ_MỤC, tạo được ngay: site.yaml, một bài viết mẫu, templates/, static/."
        "\n\n\b\nVí dụ:\n"
        "  bantin init congan-dongthap --title \"Công an tỉnh Đồng Tháp\" --base-url https://congan.dongthap.gov.vn\n"
        "  bantin init . --force",
        "Create a new site in FOLDER, ready to build: site.yaml, an example article, templates/, static/."
        "\n\n\b\nExamples:\n"
        "  bantin init congan-dongthap --title \"Công an tỉnh Đồng Tháp\" --base-url https://congan.dongthap.gov.vn\n"
        "  bantin init . --force",
    ),
    "help.init.title": ("Tên trang web (mặc định: một tên mẫu, sửa lại trong site.yaml).",
                        "The site's title (default: an example title to edit in site.yaml)."),
    "help.init.base_url": ("Địa chỉ của trang web, ví dụ https://congan.example.vn.",
                           "The address the site will have, e.g. https://congan.example.vn."),
    "help.init.force": ("Tạo trong thư mục đã có tệp; không ghi đè tệp nào.",
                        "Write into a non-empty folder; existing files are never overwritten."),
    "help.new": (
        "Tạo content/YYYY/MM/<slug>/index.md cho một bài viết mới, ghi ngày giờ hiện tại, rồi in đường dẫn tệp."
        "\n\n\b\nVí dụ:\n"
        "  bantin new \"Hội nghị sơ kết công tác 6 tháng đầu năm\" --category \"Xây dựng lực lượng\"\n"
        "  bantin new \"Bắt đối tượng trộm cắp tài sản\" --author \"Nguyễn Văn Hùng\" --site ../congan-dongthap",
        "Create content/YYYY/MM/<slug>/index.md for a new article, dated now, and print its path."
        "\n\n\b\nExamples:\n"
        "  bantin new \"Hội nghị sơ kết công tác 6 tháng đầu năm\" --category \"Xây dựng lực lượng\"\n"
        "  bantin new \"Bắt đối tượng trộm cắp tài sản\" --author \"Nguyễn Văn Hùng\" --site ../congan-dongthap",
    ),
    "help.new.category": ("Chuyên mục của bài, một trong các chuyên mục của site.yaml.",
                          "Section of the article, one of the sections in site.yaml."),
    "help.new.author": ("Tác giả (mặc định: author của site.yaml, rồi user.name của git).",
                        "Author (default: site.yaml's author, then git's user.name)."),
    "help.new.slug": ("Phần cuối của địa chỉ bài (mặc định: tạo từ tiêu đề).",
                      "Last part of the article's address (default: made from the title)."),
    "help.check": (
        "Kiểm tra trang mà không ghi gì: lỗi, liên kết không dẫn tới đâu, tệp không dùng tới, cảnh báo."
        "\n\n\b\nVí dụ:\n  bantin check\n  bantin check --site ../congan-dongthap --strict --format github",
        "Check the site without writing anything: errors, links that lead nowhere, unused files, warnings."
        "\n\n\b\nExamples:\n  bantin check\n  bantin check --site ../congan-dongthap --strict --format github",
    ),
    "help.check.strict": ("Có cảnh báo cũng thoát với mã 1 (dùng cho CI).", "Exit 1 on warnings too (for CI)."),
    "help.check.format": ("text: mỗi vấn đề một dòng; json: danh sách đối tượng; github: chú thích cho workflow.",
                          "text: one line per problem; json: a list of objects; github: workflow annotations."),
    "help.check.drafts": ("Kiểm tra như khi đăng bằng `build --drafts`.", "Check as `build --drafts` would publish."),
    "help.check.future": ("Kiểm tra như khi đăng bằng `build --future`.", "Check as `build --future` would publish."),
    "help.serve": (
        "Xem trước trang trong khi viết: bản nháp và bài hẹn giờ có nhãn riêng, trình duyệt tự tải lại mỗi "
        "lần lưu tệp, lỗi hiện ngay trong trình duyệt. Không ghi gì vào build/."
        "\n\n\b\nVí dụ:\n  bantin serve --open\n  bantin serve --site ../congan-dongthap --port 8080",
        "Preview the site while writing: drafts and scheduled articles shown with a badge, the browser "
        "reloads on every save, and errors appear in the browser. Nothing is written to SITE/build."
        "\n\n\b\nExamples:\n  bantin serve --open\n  bantin serve --site ../congan-dongthap --port 8080",
    ),
    "help.serve.host": ("Địa chỉ lắng nghe (0.0.0.0 mở bản xem trước cho cả mạng).",
                        "Address to listen on (0.0.0.0 opens the preview to the whole network)."),
    "help.serve.port": ("Cổng lắng nghe.", "Port to listen on."),
    "help.serve.open": ("Mở bản xem trước trong trình duyệt.", "Open the preview in the web browser."),
    # placeholders in usage lines
    "help.import": (
        "Chuyển bài từ cổng thông tin cũ: mỗi bài thành content/YYYY/MM/<slug>/index.md cùng ảnh của bài, và địa "
        "chỉ cũ vẫn dùng được. NGUỒN là địa chỉ một bài, một sitemap.xml, một trang danh sách (với --follow), "
        "một tệp .html đã lưu hoặc một thư mục các tệp đó, hoặc một tệp .txt chép chữ của trang. Không ghi đè "
        "tệp nào; chạy lại thì bỏ qua bài đã chuyển."
        "\n\n\b\nVí dụ:\n  bantin import https://congan.example.gov.vn/sitemap.xml\n"
        "  bantin import https://congan.example.gov.vn/tin-tuc/ --follow 'a.news-title' --dry-run\n"
        "  bantin import bai-cu.txt --category \"Xây dựng lực lượng\"",
        "Bring articles from an old portal: each becomes content/YYYY/MM/<slug>/index.md with its photos, and its "
        "old address keeps working. A SOURCE is an article URL, a sitemap.xml URL, a list page URL (with "
        "--follow), a saved .html file or a folder of them, or a .txt file of a page's text. Nothing is "
        "overwritten; a second run skips what is already imported."
        "\n\n\b\nExamples:\n  bantin import https://congan.example.gov.vn/sitemap.xml\n"
        "  bantin import https://congan.example.gov.vn/tin-tuc/ --follow 'a.news-title' --dry-run\n"
        "  bantin import old-article.txt --category \"Xây dựng lực lượng\"",
    ),
    "help.import.category": ("Chuyên mục cho mọi bài chuyển sang (mặc định: theo đường dẫn trên trang cũ).",
                             "Section for every imported article (default: from the breadcrumb)."),
    "help.import.follow": ("NGUỒN là trang danh sách: chuyển các bài mà liên kết khớp BỘ_CHỌN dẫn tới.",
                           "SOURCE is a list page: import the articles its links matching SELECTOR lead to."),
    "help.import.dry_run": ("Đọc hết, không ghi gì: cho xem những bài sẽ được chuyển.",
                            "Read everything, write nothing: show what would be imported."),
    "help.import.format": ("text: mỗi bài một dòng và một dòng tổng kết; json: một đối tượng cho chương trình.",
                           "text: one line per article and a summary; json: one object for scripts."),
    "help.import.delay": ("Số giây giữa hai lần hỏi cổng thông tin cũ.",
                          "Seconds between two requests to the old portal."),
    "meta.options": ("[TÙY_CHỌN]", "[OPTIONS]"),
    "meta.sources": ("NGUỒN...", "SOURCE..."),
    "meta.selector": ("BỘ_CHỌN", "SELECTOR"),
    "meta.seconds": ("GIÂY", "SECONDS"),
    "meta.command": ("LỆNH [ĐỐI_SỐ]...", "COMMAND [ARGS]..."),
    "meta.folder": ("THƯ_MỤC", "FOLDER"),
    "meta.title": ("TIÊU_ĐỀ", "TITLE"),
    "meta.name": ("TÊN", "NAME"),
    "meta.section": ("CHUYÊN_MỤC", "SECTION"),
    "meta.slug": ("ĐƯỜNG_DẪN", "SLUG"),
    "meta.address": ("ĐỊA_CHỈ", "ADDRESS"),
    "meta.port": ("CỔNG", "PORT"),
    "cli.version": ("bantin, phiên bản {version}", "bantin, version {version}"),
    # command output
    "cli.built": ("đã tạo {pages} trang từ {articles} bài viết trong {seconds} giây",
                  "built {pages} {pages:page|pages} from {articles} {articles:article|articles} in {seconds} s"),
    "cli.failed": ("không tạo được trang: {errors} lỗi, {warnings} cảnh báo; thư mục '{output}' giữ nguyên",
                   "build failed: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}; "
                   "'{output}' left unchanged"),
    "cli.strict": ("--strict: cảnh báo được tính là lỗi", "--strict: warnings count as errors"),
    "cli.internal": (
        "lỗi nội bộ của bantin: {detail}. Chạy lại với BANTIN_DEBUG=1 để xem chi tiết và báo lỗi",
        "internal bantin error: {detail}. Run again with BANTIN_DEBUG=1 for details and report it",
    ),
}


@dataclass(frozen=True, slots=True)
class Msg:
    """A message not yet put into words: a catalog key and its parameters."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> "Msg":
        if key not in _CATALOG:
            raise KeyError(f"no message {key!r} in the catalog")
        return cls(key, tuple(sorted(params.items())))

    def render(self, lang: str) -> str:
        return render_message(self, lang)


class _Formatter(string.Formatter):
    """`str.format`, plus English plurals: `{errors} {errors:error|errors}` gives '1 error', '2 errors'.

    A format spec with a '|' picks the singular when the count is exactly 1 (a number, or a number
    written with spaces between thousands, '1 234'), the plural otherwise. Vietnamese has no plural
    forms, so its templates never need one."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            singular, plural = format_spec.split("|", 1)
            return singular if _count(value) == 1 else plural
        return super().format_field(value, format_spec)


def _count(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    digits = str(value).replace(" ", "").replace("\u00a0", "")
    return int(digits) if digits.isdigit() else None


_FORMATTER = _Formatter()


def render_message(msg: Msg, lang: str) -> str:
    """Put `msg` into words in `lang` ('vi' or 'en'); nested `Msg` parameters are rendered too."""
    vi_text, en_text = _CATALOG[msg.key]
    template = en_text if lang == "en" else vi_text
    values = {name: render_message(value, lang) if isinstance(value, Msg) else _printable(value)
              for name, value in msg.params}
    return _FORMATTER.vformat(template, (), values)


def _printable(value: Any) -> Any:
    """An integer too long for Python to print (over 4 300 digits) is shown by its size."""
    if isinstance(value, int) and value.bit_length() > 10_000:
        return f"{'-' if value < 0 else ''}10^{int(value.bit_length() * 0.30103)}"
    return value


def catalog_keys() -> tuple[str, ...]:
    return tuple(_CATALOG)


def resolve_language(explicit: str | None, site_language: str | None = None) -> str:
    """The language to speak: `--lang`, then `BANTIN_LANG`, then the site's language, then Vietnamese."""
    for candidate in (explicit, os.environ.get("BANTIN_LANG"), site_language):
        if candidate:
            code = candidate.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE
