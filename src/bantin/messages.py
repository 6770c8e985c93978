"""The one catalog of everything bantin says to a person, in Vietnamese and English.

Every message has a key and one template per language. Code never builds user-facing text itself:
it creates a `Msg(key, params)` and the catalog turns it into words when it is printed. A parameter
may itself be a `Msg` (a type name, a did-you-mean hint), translated in the same language.
"""

from __future__ import annotations

import os
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
    "file.unreadable": ("không đọc được tệp: {reason}", "cannot read file: {reason}"),
    "file.outside_site": ("'{path}' là liên kết trỏ ra ngoài thư mục trang web, điều này không được phép; "
                          "hãy chép tệp vào trong thư mục trang",
                          "'{path}' links outside the site folder, which is not allowed"),
    # YAML
    "yaml.syntax": ("lỗi cú pháp YAML: {problem}", "YAML syntax error: {problem}"),
    "yaml.colon": (
        "dấu ':' không được dùng ở đây; nếu giá trị có dấu ':', hãy đặt cả giá trị trong ngoặc kép",
        "a ':' is not allowed here; if the value contains ': ', put the whole value in quotes",
    ),
    "yaml.tab": ("YAML không cho phép ký tự tab để thụt lề; hãy dùng dấu cách",
                 "YAML does not allow tab characters for indentation; use spaces"),
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
    "config.output_foreign": (
        "thư mục đầu ra '{dir}' có tệp không do bantin tạo; hãy chọn thư mục khác hoặc xóa nó",
        "output folder '{dir}' holds files bantin did not make; choose another folder or remove it",
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
    "article.url_duplicate": ("địa chỉ {url} trùng với bài {other}; hãy đổi 'slug:' của một trong hai bài",
                              "URL {url} is also used by {other}; change the 'slug:' of one of them"),
    "article.output_duplicate": ("tệp đầu ra {path} bị tạo hai lần (cũng bởi {other})",
                                 "output file {path} is produced twice (also by {other})"),
    "output.unsafe": ("đường dẫn đầu ra '{path}' ra ngoài thư mục đầu ra; đã từ chối",
                      "output path '{path}' leaves the output folder; refused"),
    "image.missing": ("không tìm thấy ảnh '{src}' (đã tìm trong '{folder}'); hãy kiểm tra tên tệp, kể cả chữ hoa, "
                      "chữ thường và đuôi tệp",
                      "image '{src}' not found (looked in '{folder}')"),
    "image.outside": (
        "ảnh '{src}' phải nằm trong thư mục của bài viết (không dùng '..' hay đường dẫn tuyệt đối)",
        "image '{src}' must be inside the article's folder (no '..' and no absolute path)",
    ),
    "image.not_photo": (
        "tệp '{src}' không phải là ảnh: tên tệp có đuôi .{ext} nhưng nội dung là {found}; hãy lưu lại ảnh "
        "dưới dạng JPEG hoặc PNG",
        "'{src}' is not a photo: its name ends in .{ext} but it holds {found}; save the picture again as "
        "JPEG or PNG",
    ),
    "image.svg_unsafe": (
        "ảnh SVG '{src}' chứa mã chạy được ({what}), không được đăng; hãy xuất lại thành PNG hoặc xóa mã đó",
        "SVG image '{src}' contains code ({what}) and is not published; export it as PNG or remove the code",
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
    "body.image_missing": ("ảnh '{src}' chèn trong nội dung không tồn tại; hãy chép ảnh vào cùng thư mục với bài viết", "image '{src}' in the body does not exist"),
    "template.error": ("lỗi trong mẫu giao diện: {detail}", "template error: {detail}"),
    # warnings
    "warn.caption_missing": ("ảnh '{src}' chưa có chú thích 'caption'", "image '{src}' has no 'caption'"),
    "warn.updated_before_date": ("'updated' ({updated}) sớm hơn 'date' ({date})",
                                 "'updated' ({updated}) is earlier than 'date' ({date})"),
    "warn.title_long": ("tiêu đề dài {length} ký tự (nên dưới {limit} ký tự)",
                        "title is {length} characters long (keep it under {limit})"),
    "warn.body_empty": ("bài viết chưa có nội dung (hãy viết bài sau dòng '---' thứ hai)", "the article has no body"),
    "warn.future_far": ("ngày {date} còn xa hơn {days} ngày trong tương lai; có nhầm năm không?",
                        "date {date} is more than {days} days in the future; is the year right?"),
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
        "đã tạo trang web mới trong '{dir}' ({files} tệp). Các bước tiếp theo:\n"
        "  cd {dir}\n  bantin new \"Tiêu đề bài viết\"\n  bantin check\n  bantin build",
        "created a new site in '{dir}' ({files} files). Next steps:\n"
        "  cd {dir}\n  bantin new \"Article title\"\n  bantin check\n  bantin build",
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
        "đã tạo bài viết mới (đường dẫn tệp ở dòng trên); hãy mở tệp, viết nội dung sau dòng '---' "
        "thứ hai, rồi chạy: bantin check",
        "created a new article (its file is on the line above); open it, write the text after the second "
        "'---' line, then run: bantin check",
    ),
    "new.no_sections": ("site.yaml chưa khai báo chuyên mục nào", "site.yaml declares no sections"),
    "new.author_placeholder": ("Họ và tên tác giả", "Author's full name"),
    "new.article": (
        "---\n"
        "# Tiêu đề bài viết; nếu có dấu ':' thì đặt cả tiêu đề trong ngoặc kép.\n"
        "title: {title}\n"
        "# Ngày giờ đăng, ngày trước tháng sau (27/09/2024 08:30). Bài có ngày trong tương lai\n"
        "# chỉ được đăng khi tới giờ.\n"
        "date: {date}\n"
        "# Tác giả: một tên, hoặc danh sách [Tên 1, Tên 2].\n"
        "{author_mark}author: {author}\n"
        "# Chuyên mục, một trong: {choices}.\n"
        "{category_mark}category: {category}\n"
        "# Phần cuối của địa chỉ bài (chữ thường không dấu, số và '-'); bỏ trống thì tạo từ tiêu đề.\n"
        "{slug_mark}slug: {slug}\n"
        "# Từ khóa (không bắt buộc):\n"
        "# tags: [Công an xã, Phong trào thi đua]\n"
        "# Tóm tắt (không bắt buộc); bỏ trống thì dùng đoạn đầu của bài.\n"
        "# summary: Tóm tắt ngắn nội dung bài viết.\n"
        "# true: bản nháp, chưa đăng (xem thử bằng bantin build --drafts).\n"
        "draft: false\n"
        "# Ảnh: chép ảnh vào cùng thư mục với tệp này, rồi bỏ dấu '#' ở đầu các dòng dưới.\n"
        "# Ảnh đầu tiên là ảnh đại diện; alt là mô tả ảnh cho người khiếm thị.\n"
        "# images:\n"
        "#   - src: anh-1.jpg\n"
        "#     caption: Chú thích dưới ảnh\n"
        "#     alt: Mô tả ngắn những gì có trong ảnh\n"
        "# Khen thưởng (không bắt buộc): bỏ dấu '#' ở đầu các dòng dưới rồi sửa lại.\n"
        "# awards:\n"
        "#   - type: [Bằng khen, Giấy khen]\n"
        "#     giver: [Chủ tịch UBND tỉnh, Giám đốc Công an tỉnh]\n"
        "#     recipient: Công an xã Mỹ Lợi\n"
        "#     collectives: 3\n"
        "#     individuals: 12\n"
        "#     reason: Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc\n"
        "---\n",
        "---\n"
        "# The article's title; if it contains ':', put the whole title in double quotes.\n"
        "title: {title}\n"
        "# Publication date and time, day before month (27/09/2024 08:30). An article dated in the\n"
        "# future is published only when that time comes.\n"
        "date: {date}\n"
        "# Author: one name, or a list [Name 1, Name 2].\n"
        "{author_mark}author: {author}\n"
        "# Section, one of: {choices}.\n"
        "{category_mark}category: {category}\n"
        "# The last part of the article's address (lowercase letters, digits, '-'); made from the title if absent.\n"
        "{slug_mark}slug: {slug}\n"
        "# Tags (optional):\n"
        "# tags: [Công an xã, Phong trào thi đua]\n"
        "# Summary (optional); without one, the first paragraph is used.\n"
        "# summary: A short summary of the article.\n"
        "# true: a draft, not published (preview it with bantin build --drafts).\n"
        "draft: false\n"
        "# Photos: copy them into this file's folder, then remove the '#' at the start of the lines below.\n"
        "# The first photo is the lead photo; alt describes the photo for blind readers.\n"
        "# images:\n"
        "#   - src: photo-1.jpg\n"
        "#     caption: Caption under the photo\n"
        "#     alt: A short description of what the photo shows\n"
        "# Awards (optional): remove the '#' at the start of the lines below, then edit them.\n"
        "# awards:\n"
        "#   - type: [Bằng khen, Giấy khen]\n"
        "#     giver: [Chủ tịch UBND tỉnh, Giám đốc Công an tỉnh]\n"
        "#     recipient: Công an xã Mỹ Lợi\n"
        "#     collectives: 3\n"
        "#     individuals: 12\n"
        "#     reason: Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc\n"
        "---\n",
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
        "dùng trong bài mới được đăng); hãy chuyển tệp vào static/ và liên kết tới '/{name}'",
        "link '{href}' points to the file '{target}', which is not published (only the photos an article "
        "uses are); move the file into static/ and link to '/{name}'",
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
    "check.ok": ("không có lỗi: đã kiểm tra {articles} bài viết", "no problems: checked {articles} articles"),
    "check.summary": ("{errors} lỗi, {warnings} cảnh báo trong {articles} bài viết đã kiểm tra",
                      "{errors} errors, {warnings} warnings in {articles} articles checked"),
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
        "photo '{src}' is only {width} pixels wide, narrower than the article column ({column} pixels), "
        "so it will look blurry; use the original file from the camera or phone",
    ),
    "build.source_date_epoch": (
        "SOURCE_DATE_EPOCH phải là số giây kể từ 01/01/1970 (số nguyên), nhưng là '{value}'",
        "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, but is '{value}'",
    ),
    # live preview (bantin serve)
    "serve.built_first": (
        "đã tạo {pages} trang từ {articles} bài viết (gồm bản nháp và bài hẹn giờ) trong {seconds} giây",
        "built {pages} pages from {articles} articles (drafts and scheduled included) in {seconds} s",
    ),
    "serve.started": ("đang xem trước tại {url} (tự tải lại khi lưu tệp); nhấn Ctrl-C để dừng",
                      "previewing at {url} (reloads on every save); press Ctrl-C to stop"),
    "serve.rebuilt": ("{change}: viết lại {written} tệp trong {seconds} giây{warnings}",
                      "{change}: {written} files rewritten in {seconds} s{warnings}"),
    "serve.warnings": ("; {count} cảnh báo", "; {count} warnings"),
    "serve.failed": ("{change}: {errors} lỗi, trình duyệt đang hiện trang báo lỗi ({seconds} giây)",
                     "{change}: {errors} errors, shown in the browser ({seconds} s)"),
    "serve.change_one": ("{path}", "{path}"),
    "serve.change_many": ("{path} và {more} tệp khác", "{path} and {more} more"),
    "serve.change_none": ("không có thay đổi", "no change"),
    "serve.change_start": ("lần tạo đầu tiên", "first build"),
    "serve.stopped": ("đã dừng xem trước", "preview stopped"),
    "serve.port_in_use": ("cổng {port} đang được dùng; hãy chọn cổng khác bằng --port (ví dụ --port {other})",
                          "port {port} is already in use; choose another with --port (e.g. --port {other})"),
    "serve.cannot_listen": ("không mở được {host}:{port} ({reason}); hãy kiểm tra --host và --port",
                            "cannot listen on {host}:{port} ({reason}); check --host and --port"),
    "serve.forbidden": ("đường dẫn ra ngoài thư mục trang; đã từ chối", "path leaves the site folder; refused"),
    "serve.not_found": ("không có trang này", "no such page"),
    "serve.error_title": ("Lỗi khi tạo trang", "The site could not be built"),
    "serve.error_intro": (
        "Trang chưa được tạo lại vì {count} lỗi dưới đây. Hãy sửa tệp và lưu lại: trang này sẽ tự tải lại.",
        "The site was not rebuilt because of the {count} problems below. Fix the file and save: "
        "this page reloads by itself.",
    ),
    # progress bar (a terminal only, for builds that take more than a moment)
    "progress.parse": ("đọc bài viết", "reading articles"),
    "progress.write": ("tạo trang", "writing pages"),
    # command output
    "cli.built": ("đã tạo {pages} trang từ {articles} bài viết trong {seconds} giây",
                  "built {pages} pages from {articles} articles in {seconds} s"),
    "cli.failed": ("không tạo được trang: {errors} lỗi, {warnings} cảnh báo; thư mục '{output}' giữ nguyên",
                   "build failed: {errors} errors, {warnings} warnings; '{output}' left unchanged"),
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


def render_message(msg: Msg, lang: str) -> str:
    """Put `msg` into words in `lang` ('vi' or 'en'); nested `Msg` parameters are rendered too."""
    vi_text, en_text = _CATALOG[msg.key]
    template = en_text if lang == "en" else vi_text
    values = {name: render_message(value, lang) if isinstance(value, Msg) else value
              for name, value in msg.params}
    return template.format(**values)


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
