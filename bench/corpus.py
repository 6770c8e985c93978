"""A deterministic generator of Vietnamese provincial-police press-release archives, as a bantin site.

    python bench/corpus.py --articles 5000 --out /tmp/bantin-bench/5000/site

Writes `site.yaml` (8 sections, per_page 20, a default author) and one bundle per article,
`content/YYYY/MM/<slug>/index.md`, with 400 to 900 words of body (headings, lists, sometimes a
table), one to three photos in the bundle (listed under `images:` with captions), awards in about
30% of articles, 40 tags, 30 authors, dates spread over ten years (2016 to 2025, site time).

The same `--articles` and `--seed` always give byte-identical files. Photos are a handful of small
JPEGs generated once (with Pillow, some with camera and GPS EXIF data, as real ones have) into
`_bench/photos/` and hard-linked into the bundles (copied where hard links are not possible).
`_bench/corpus.json` lists every article (path, URL, word count) for the benchmark runner.

`--camera-photos` gives every article three camera-sized photos instead (4000x3000 JPEGs of 2 to 3 MB,
half of them turned by EXIF orientation 6, with GPS and an sRGB ICC profile), from six generated once
and hard-linked, so both tools read the very same files. Each tool encodes every article's photos
itself (bantin's memo is keyed by the output path, as Hugo's resources are by page).

`--no-photos` writes the same articles without their photos (no `images:`, no image lines in the
body): the engine measured alone, since encoding photos dominates any cold build that has them and
is compared on its own (`bench/photos.py`, against sharp).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 20240927
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 31)
MIN_WORDS, MAX_WORDS = 400, 900
AWARD_SHARE = 0.30
PHOTO_COUNT = 8
PHOTO_SIZE = (480, 320)
SITE_TITLE = "Công an tỉnh Phú Điền"
DEFAULT_AUTHOR = "Phòng Tham mưu"
SOURCE = "PĐO"

SECTIONS = (
    ("Xây dựng lực lượng", "xay-dung-luc-luong"),
    ("An ninh trật tự", "an-ninh-trat-tu"),
    ("Phòng chống tội phạm", "phong-chong-toi-pham"),
    ("An toàn giao thông", "an-toan-giao-thong"),
    ("Phòng cháy chữa cháy", "phong-chay-chua-chay"),
    ("Cải cách hành chính", "cai-cach-hanh-chinh"),
    ("Phong trào thi đua", "phong-trao-thi-dua"),
    ("Công an với Nhân dân", "cong-an-voi-nhan-dan"),
)

TAGS = (
    "Công an xã", "Ma túy", "Lừa đảo qua mạng", "Tín dụng đen", "Đánh bạc", "Trộm cắp tài sản",
    "Tai nạn giao thông", "Nồng độ cồn", "Đua xe trái phép", "Mũ bảo hiểm", "Đường thủy nội địa",
    "Phòng cháy chữa cháy", "Cứu nạn cứu hộ", "Đuối nước", "Căn cước", "Định danh điện tử",
    "Đề án 06", "Dịch vụ công trực tuyến", "Cư trú", "Xuất nhập cảnh", "Phong trào thi đua",
    "Toàn dân bảo vệ an ninh Tổ quốc", "Thanh niên", "Công đoàn", "Phụ nữ Công an", "Khen thưởng",
    "Điển hình tiên tiến", "Học tập và làm theo lời Bác", "Tết Nguyên đán", "Truy nã",
    "Buôn lậu", "Hàng giả", "Môi trường", "An ninh mạng", "Tổ tự quản", "Camera an ninh",
    "Dân vận", "Nhân đạo từ thiện", "Hội nghị", "Kỷ niệm ngày truyền thống",
)

AUTHORS = (
    "Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Hoàng Phúc", "Võ Thị Ngọc Lan", "Huỳnh Thanh Tùng",
    "Phạm Minh Đức", "Đặng Thị Mỹ Linh", "Bùi Quốc Khánh", "Ngô Thanh Tâm", "Dương Văn Lợi",
    "Lý Thị Bích Trâm", "Trương Công Danh", "Phan Thị Kim Ngân", "Hồ Văn Thắng", "Đỗ Ngọc Ánh",
    "Mai Xuân Trường", "Châu Thị Diễm My", "Lâm Quốc Việt", "Tô Thị Hồng Nhung", "Đinh Văn Tài",
    "Kiều Thị Phương Thảo", "Cao Minh Luân", "Vương Thị Yến", "Thái Bảo Long", "La Thị Cẩm Tú",
    "Quách Văn Nghĩa", "Tạ Thị Thanh Xuân", "Lưu Hoàng Nam", "Từ Thị Ngọc Hân", "Ông Văn Đạt",
)

DISTRICTS = (
    "huyện Tân Mỹ", "huyện Phú Điền", "huyện Long Thạnh", "huyện Hòa An", "huyện Tháp Mười",
    "thành phố Sa Giang", "huyện Châu Thành", "huyện Thanh Bình", "thị xã Hồng Phú", "huyện Lai Vung",
    "huyện Tam Nông", "thành phố Cao Lãnh",
)
COMMUNES = (
    "xã Mỹ Lợi Đông", "xã Bình An Thượng", "xã Tân Hòa", "xã Long Hưng A", "phường 1", "phường 3",
    "phường An Lạc", "xã Phú Thuận B", "xã Hòa Tân", "thị trấn Mỹ An", "xã Thường Phước", "xã An Nhơn",
    "xã Tân Khánh Trung", "xã Mỹ Xương", "phường Mỹ Phú", "xã Định Yên", "xã Phong Hòa", "thị trấn Lấp Vò",
)
UNITS = (
    "Phòng Cảnh sát hình sự", "Phòng Cảnh sát giao thông", "Phòng Cảnh sát điều tra tội phạm về ma túy",
    "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng Tham mưu",
    "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Phòng Tổ chức cán bộ",
    "Phòng Công tác đảng và công tác chính trị", "Phòng Cảnh sát kinh tế", "Phòng Cảnh sát cơ động",
    "Phòng Quản lý xuất nhập cảnh", "Phòng Cảnh sát điều tra tội phạm về trật tự xã hội",
)
RANKS = ("Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy")
LEADERS = (
    "Lê Minh Khang", "Trần Quốc Bảo", "Nguyễn Thị Mỹ Dung", "Phạm Hữu Nghĩa", "Võ Thành Công",
    "Huỳnh Văn Sang", "Đoàn Minh Hiếu", "Nguyễn Hoàng Vũ", "Trần Văn Bé", "Lê Thị Ngọc Diệp",
)
POSITIONS = (
    "Giám đốc Công an tỉnh", "Phó Giám đốc Công an tỉnh", "Trưởng {unit}", "Trưởng Công an {district}",
    "Phó Trưởng {unit}", "Phó Trưởng Công an {district}",
)
SUSPECT_FAMILY = ("Nguyễn Văn", "Trần Minh", "Lê Hoàng", "Phạm Thị", "Võ Văn", "Huỳnh Ngọc", "Đặng Quốc",
                  "Bùi Thanh", "Dương Thị", "Lâm Văn")
CITIZENS = ("Phạm Văn Bền", "Trương Văn Sáu", "Nguyễn Thị Hoa", "Lê Văn Tám", "Võ Thị Mười",
            "Trần Văn Út", "Huỳnh Thị Lệ", "Đỗ Văn Năm")

# --- the phrase bank ------------------------------------------------------------------------------
# Placeholders: {district} {commune} {unit} {officer} {leader} {day} {month} {year} {prev_year}
# {n} (2-30) {m} (31-400) {big} (1.000-9.000) {pct} {money} {suspect} {citizen} {hours}

TITLES = {
    "xay-dung-luc-luong": (
        "Công an tỉnh tổng kết công tác xây dựng lực lượng năm {year}",
        "Sơ kết {n} năm xây dựng lực lượng Công an xã chính quy tại {district}",
        "Khai giảng lớp bồi dưỡng nghiệp vụ cho {m} cán bộ Công an cơ sở",
        "Công an {district} tổ chức hội nghị cán bộ, chiến sĩ năm {year}",
        "Bế mạc hội thao nghiệp vụ Công an tỉnh năm {year} với {m} vận động viên",
        "Trao quyết định điều động, bổ nhiệm lãnh đạo {unit}",
        "Đoàn Thanh niên Công an tỉnh ra quân chiến dịch tình nguyện hè {year}",
        "Tập huấn kỹ năng quân sự, võ thuật cho Công an {commune}",
    ),
    "an-ninh-trat-tu": (
        "Bảo đảm tuyệt đối an ninh trật tự dịp Tết Nguyên đán {year} tại {district}",
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại {commune}, {district}",
        "Ra mắt mô hình tổ tự quản an ninh trật tự tại {commune}",
        "Công an {district} tăng cường tuần tra, kiểm soát địa bàn trọng điểm",
        "Ký kết quy chế phối hợp bảo đảm an ninh trật tự khu dân cư {commune}",
        "Lắp đặt {m} camera an ninh tại {commune}, {district}",
        "Bảo vệ an toàn kỳ thi tốt nghiệp trung học phổ thông năm {year}",
        "Công an tỉnh triển khai cao điểm tấn công trấn áp tội phạm tháng {month}/{year}",
    ),
    "phong-chong-toi-pham": (
        "Triệt phá đường dây mua bán trái phép chất ma túy, bắt giữ {n} đối tượng",
        "Bắt quả tang {n} đối tượng đánh bạc tại {commune}, {district}",
        "Khởi tố vụ lừa đảo chiếm đoạt {money} qua mạng xã hội",
        "Truy bắt thành công đối tượng truy nã đặc biệt nguy hiểm lẩn trốn tại {district}",
        "Phá chuyên án cho vay nặng lãi với tổng số tiền giao dịch {money}",
        "Công an {district} làm rõ vụ trộm cắp {n} xe mô tô",
        "Thu giữ {big} bao thuốc lá ngoại nhập lậu tại {commune}",
        "Cảnh báo thủ đoạn giả danh cơ quan Công an gọi điện lừa đảo",
    ),
    "an-toan-giao-thong": (
        "Xử lý {big} trường hợp vi phạm nồng độ cồn trong tháng {month}/{year}",
        "Tai nạn giao thông trên địa bàn tỉnh giảm trên cả 3 tiêu chí trong năm {year}",
        "Ra quân tổng kiểm soát phương tiện giao thông đường thủy tại {district}",
        "Cảnh sát giao thông đưa thí sinh lạc đường đến điểm thi kịp giờ",
        "Tuyên truyền an toàn giao thông cho {m} học sinh {district}",
        "Giải tán nhóm thanh thiếu niên tụ tập đua xe trái phép tại {commune}",
        "Công an {district} trao tặng {m} mũ bảo hiểm cho học sinh tiểu học",
        "Bảo đảm trật tự an toàn giao thông dịp nghỉ lễ 30/4 và 1/5 năm {year}",
    ),
    "phong-chay-chua-chay": (
        "Diễn tập phương án chữa cháy và cứu nạn, cứu hộ tại {commune}, {district}",
        "Kịp thời dập tắt đám cháy tại cơ sở sản xuất ở {commune}",
        "Hội thi nghiệp vụ chữa cháy và cứu nạn, cứu hộ tổ liên gia an toàn năm {year}",
        "Cứu {n} người mắc kẹt trong vụ cháy nhà dân tại {district}",
        "Kiểm tra an toàn phòng cháy chữa cháy tại {m} cơ sở kinh doanh karaoke",
        "Tìm kiếm thi thể nạn nhân đuối nước trên sông tại {district}",
        "Ra mắt mô hình điểm chữa cháy công cộng tại {commune}",
        "Tập huấn kỹ năng thoát nạn khi có cháy cho {m} người dân {district}",
    ),
    "cai-cach-hanh-chinh": (
        "Đẩy nhanh tiến độ cấp căn cước cho người dân {district}",
        "Công an tỉnh làm việc ngoài giờ cấp căn cước cho học sinh dịp hè {year}",
        "Kích hoạt {big} tài khoản định danh điện tử trong tháng {month}/{year}",
        "Triển khai Đề án 06 tại {district}: nhiều kết quả tích cực",
        "Tiếp nhận {big} hồ sơ dịch vụ công trực tuyến lĩnh vực cư trú",
        "Công an {commune} đến tận nhà thu nhận hồ sơ căn cước cho người già yếu",
        "Cấp hộ chiếu phổ thông qua dịch vụ công trực tuyến toàn trình tại tỉnh",
        "Hội nghị đánh giá công tác cải cách hành chính Công an tỉnh năm {year}",
    ),
    "phong-trao-thi-dua": (
        "Đại hội thi đua Vì an ninh Tổ quốc Công an tỉnh lần thứ {n}",
        "Khen thưởng đột xuất Ban chuyên án triệt xóa đường dây đánh bạc",
        "Trao Bằng khen của Bộ trưởng Bộ Công an cho {n} tập thể, cá nhân",
        "Tuyên dương {m} gương người tốt, việc tốt năm {year}",
        "Đón nhận Cờ thi đua của Chính phủ năm {year}",
        "Phát động đợt thi đua cao điểm chào mừng ngày truyền thống Công an nhân dân",
        "Khen thưởng người dân dũng cảm bắt giữ đối tượng cướp giật tại {commune}",
        "Tổng kết phong trào thi đua Vì an ninh Tổ quốc năm {year} tại {district}",
    ),
    "cong-an-voi-nhan-dan": (
        "Trao tặng {m} phần quà cho hộ nghèo {district} dịp Tết Nguyên đán {year}",
        "Khánh thành cầu giao thông nông thôn do Công an tỉnh hỗ trợ xây dựng tại {commune}",
        "Bàn giao nhà tình nghĩa cho gia đình chính sách tại {commune}",
        "Công an tỉnh tổ chức hiến máu tình nguyện với {m} đơn vị máu",
        "Lớp dạy bơi miễn phí cho {m} học sinh {district}",
        "Trả lại tài sản đánh rơi trị giá {money} cho người dân",
        "Phụ nữ Công an tỉnh chung tay xây dựng nông thôn mới tại {commune}",
        "Hỗ trợ người dân khắc phục hậu quả mưa lũ tại {district}",
    ),
}

LEADS = {
    "xay-dung-luc-luong": (
        "Sáng {day}/{month}, Công an tỉnh tổ chức hội nghị {event} năm {year}. {officer} chủ trì hội nghị; dự có lãnh đạo các phòng nghiệp vụ, Công an các huyện, thị xã, thành phố cùng đông đảo cán bộ, chiến sĩ.",
        "Ngày {day}/{month}, tại hội trường Công an tỉnh, {unit} phối hợp với Trường Chính trị tỉnh khai giảng lớp bồi dưỡng nghiệp vụ dành cho {m} cán bộ, chiến sĩ Công an cơ sở.",
    ),
    "an-ninh-trat-tu": (
        "Sáng {day}/{month}, Công an {district} phối hợp với UBND {commune} tổ chức {event} năm {year}, thu hút đông đảo cán bộ, đảng viên và người dân địa phương tham dự.",
        "Ngày {day}/{month}, Công an tỉnh cho biết, trong đợt cao điểm vừa qua, lực lượng Công an toàn tỉnh đã tăng cường tuần tra, kiểm soát, giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn.",
    ),
    "phong-chong-toi-pham": (
        "Ngày {day}/{month}, {unit} Công an tỉnh cho biết, đơn vị vừa chủ trì, phối hợp với Công an {district} triệt phá thành công một vụ án, bắt giữ {n} đối tượng và thu giữ nhiều tang vật liên quan.",
        "Chiều {day}/{month}, Cơ quan Cảnh sát điều tra Công an {district} đã ra quyết định khởi tố vụ án, khởi tố bị can đối với {suspect} để điều tra hành vi vi phạm pháp luật.",
    ),
    "an-toan-giao-thong": (
        "Ngày {day}/{month}, {unit} Công an tỉnh cho biết, từ đầu tháng đến nay, các tổ công tác đã kiểm tra hơn {big} phương tiện, phát hiện và lập biên bản xử lý {m} trường hợp vi phạm trật tự an toàn giao thông.",
        "Sáng {day}/{month}, Ban An toàn giao thông tỉnh phối hợp với Công an tỉnh tổ chức {event}, với sự tham gia của {m} cán bộ, chiến sĩ, đoàn viên thanh niên và học sinh trên địa bàn {district}.",
    ),
    "phong-chay-chua-chay": (
        "Sáng {day}/{month}, {unit} Công an tỉnh phối hợp với UBND {district} tổ chức {event} với sự tham gia của gần {m} cán bộ, chiến sĩ và lực lượng dân phòng, tổ liên gia an toàn phòng cháy chữa cháy.",
        "Khoảng {hours} giờ ngày {day}/{month}, tại {commune}, {district} đã xảy ra một vụ cháy; nhận tin báo qua số điện thoại 114, {unit} đã điều động {n} xe chữa cháy cùng hàng chục cán bộ, chiến sĩ đến hiện trường.",
    ),
    "cai-cach-hanh-chinh": (
        "Ngày {day}/{month}, Công an tỉnh cho biết, thực hiện Đề án 06 của Chính phủ, từ đầu năm {year} đến nay lực lượng Công an toàn tỉnh đã thu nhận {big} hồ sơ cấp căn cước và kích hoạt {big} tài khoản định danh điện tử mức độ 2.",
        "Những ngày đầu tháng {month}, tại trụ sở Công an {commune}, {district}, không khí làm việc luôn khẩn trương khi cán bộ, chiến sĩ làm việc cả ngoài giờ hành chính để phục vụ người dân đến làm thủ tục.",
    ),
    "phong-trao-thi-dua": (
        "Sáng {day}/{month}, Công an tỉnh long trọng tổ chức {event} năm {year}. Đây là dịp để nhìn lại kết quả phong trào thi đua Vì an ninh Tổ quốc, tôn vinh các tập thể, cá nhân điển hình tiên tiến.",
        "Ngày {day}/{month}, {officer} đã đến thăm, chúc mừng và trao thưởng cho các tập thể, cá nhân có thành tích xuất sắc trong thực hiện nhiệm vụ bảo đảm an ninh trật tự trên địa bàn {district}.",
    ),
    "cong-an-voi-nhan-dan": (
        "Sáng {day}/{month}, Công an tỉnh phối hợp với UBND {district} tổ chức {event}, trao tặng {m} phần quà cho các hộ gia đình có hoàn cảnh khó khăn, gia đình chính sách trên địa bàn.",
        "Ngày {day}/{month}, đoàn công tác Công an tỉnh do {officer} làm trưởng đoàn đã đến {commune}, {district} thăm hỏi, động viên và trao quà cho Nhân dân địa phương.",
    ),
}

EVENTS = {
    "xay-dung-luc-luong": ("tổng kết công tác xây dựng lực lượng", "sơ kết công tác tổ chức cán bộ",
                           "triển khai nhiệm vụ công tác chính trị tư tưởng"),
    "an-ninh-trat-tu": ("Ngày hội toàn dân bảo vệ an ninh Tổ quốc", "hội nghị ra mắt mô hình tự quản",
                        "lễ ký kết quy chế phối hợp"),
    "phong-chong-toi-pham": ("hội nghị triển khai cao điểm tấn công tội phạm",),
    "an-toan-giao-thong": ("lễ ra quân bảo đảm trật tự an toàn giao thông", "chương trình tuyên truyền Luật Giao thông"),
    "phong-chay-chua-chay": ("diễn tập phương án chữa cháy và cứu nạn, cứu hộ", "hội thi nghiệp vụ chữa cháy"),
    "cai-cach-hanh-chinh": ("hội nghị đánh giá kết quả Đề án 06",),
    "phong-trao-thi-dua": ("Đại hội thi đua Vì an ninh Tổ quốc", "lễ tổng kết phong trào thi đua"),
    "cong-an-voi-nhan-dan": ("chương trình Xuân ấm tình thân", "chương trình Công an tỉnh vì Nhân dân phục vụ"),
}

HEADINGS = {
    "xay-dung-luc-luong": ("Lực lượng bám cơ sở, gần dân", "Chú trọng công tác đào tạo, bồi dưỡng",
                           "Kiện toàn tổ chức bộ máy", "Xây dựng đội ngũ trong sạch, vững mạnh",
                           "Nâng cao chất lượng công tác chính trị tư tưởng"),
    "an-ninh-trat-tu": ("Không để bị động, bất ngờ", "Phát huy sức mạnh của quần chúng",
                        "Những con số biết nói", "Giữ bình yên cho từng khu dân cư", "Ngày hội của Nhân dân"),
    "phong-chong-toi-pham": ("Theo dõi từ những dấu hiệu nhỏ", "Bắt quả tang khi đang giao nhận",
                             "Thủ đoạn ngày càng tinh vi", "Mở rộng điều tra vụ án",
                             "Khuyến cáo người dân nâng cao cảnh giác"),
    "an-toan-giao-thong": ("Xử lý nghiêm, không có vùng cấm", "Tuyên truyền từ trường học",
                           "Kéo giảm tai nạn giao thông", "Tuần tra trên các tuyến trọng điểm",
                           "Đã uống rượu bia, không lái xe"),
    "phong-chay-chua-chay": ("Phương án sát với thực tế", "Chữa cháy tại chỗ là then chốt",
                             "Nhiều nguy cơ tiềm ẩn", "Kịp thời có mặt tại hiện trường",
                             "Kỹ năng thoát nạn cho người dân"),
    "cai-cach-hanh-chinh": ("Lấy người dân làm trung tâm", "Làm việc cả ngày nghỉ",
                            "Số hóa dữ liệu dân cư", "Thủ tục gọn, thời gian ngắn",
                            "Tiện ích từ định danh điện tử"),
    "phong-trao-thi-dua": ("Thi đua gắn với nhiệm vụ chính trị", "Nhiều điển hình tiên tiến",
                           "Khen thưởng kịp thời, đúng người, đúng việc", "Lan tỏa những việc làm đẹp",
                           "Tiếp tục phát động đợt thi đua mới"),
    "cong-an-voi-nhan-dan": ("Ấm lòng người dân vùng sâu", "Nghĩa tình quân dân",
                             "Vì Nhân dân phục vụ", "Những việc làm thiết thực",
                             "Chung tay xây dựng nông thôn mới"),
}
GENERIC_HEADINGS = ("Kết quả nổi bật", "Nhiệm vụ thời gian tới", "Phối hợp chặt chẽ với các lực lượng",
                    "Ý kiến chỉ đạo", "Bài học kinh nghiệm")

SENTENCES = {
    "xay-dung-luc-luong": (
        "Theo báo cáo tại hội nghị, sau {n} năm triển khai, 100% xã, thị trấn trong tỉnh đã được bố trí Công an chính quy với tổng số hơn {big} cán bộ, chiến sĩ.",
        "Nhiều địa phương đã bố trí được trụ sở làm việc độc lập, khang trang, có nơi tiếp dân và bộ phận một cửa thuận tiện cho người dân đến liên hệ công tác.",
        "Công tác tuyển chọn công dân thực hiện nghĩa vụ tham gia Công an nhân dân được thực hiện chặt chẽ, công khai, đúng quy trình, bảo đảm chất lượng đầu vào.",
        "Trong năm, Công an tỉnh đã cử {m} lượt cán bộ tham gia các lớp đào tạo, bồi dưỡng về lý luận chính trị, chuyên môn nghiệp vụ, ngoại ngữ và tin học.",
        "Lực lượng Công an xã đã chủ động nắm tình hình, tham mưu cấp ủy, chính quyền giải quyết kịp thời nhiều vụ việc phức tạp ngay từ cơ sở, không để phát sinh điểm nóng.",
        "Công tác kiểm tra, giám sát việc chấp hành điều lệnh, quy trình công tác được duy trì thường xuyên, qua đó chấn chỉnh kịp thời những thiếu sót trong thực thi nhiệm vụ.",
        "Phong trào rèn luyện thể lực, tập luyện võ thuật, bắn súng được duy trì sôi nổi, góp phần nâng cao khả năng sẵn sàng chiến đấu của cán bộ, chiến sĩ.",
        "Đời sống vật chất, tinh thần của cán bộ, chiến sĩ được quan tâm chăm lo, tạo động lực để mỗi người yên tâm công tác, gắn bó lâu dài với cơ sở.",
        "Tỷ lệ cán bộ, chiến sĩ Công an xã có trình độ đại học trở lên đã tăng lên {pct}%, đáp ứng yêu cầu nhiệm vụ trong tình hình mới.",
        "Công an tỉnh đã rà soát, sắp xếp lại tổ chức bộ máy theo hướng tinh, gọn, mạnh, giảm đầu mối trung gian, tăng cường lực lượng cho cơ sở.",
    ),
    "an-ninh-trat-tu": (
        "Người dân đã cung cấp cho Công an xã {m} tin báo có giá trị, giúp phát hiện, xử lý {n} vụ việc vi phạm pháp luật.",
        "100% ấp, khóm duy trì hiệu quả mô hình Camera an ninh và Tổ tự quản an ninh trật tự với {m} camera được người dân tự nguyện đóng góp kinh phí lắp đặt.",
        "Tình hình an ninh trật tự trên địa bàn ổn định; tội phạm trộm cắp tài sản giảm {pct}% so với cùng kỳ năm trước, không phát sinh tụ điểm phức tạp về ma túy, cờ bạc.",
        "Lực lượng Công an đã tổ chức {m} lượt tuần tra, kiểm soát vào ban đêm tại các khu vực giáp ranh, bến đò, khu nhà trọ và các tuyến đường liên xã.",
        "Các tổ hòa giải ở cơ sở đã hòa giải thành công {n} vụ mâu thuẫn trong Nhân dân, không để phát sinh thành vụ việc hình sự.",
        "Công tác quản lý cư trú, quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và các ngành nghề kinh doanh có điều kiện về an ninh trật tự được siết chặt.",
        "Phong trào toàn dân bảo vệ an ninh Tổ quốc ngày càng đi vào chiều sâu, trở thành nét đẹp trong đời sống của người dân {district}.",
        "Nhiều mô hình mới, cách làm hay như Ấp không có tội phạm, Dòng họ bình yên, Bến đò an toàn được nhân rộng trên toàn huyện.",
        "Các lực lượng đã phối hợp chặt chẽ, triển khai đồng bộ các phương án bảo vệ, bảo đảm tuyệt đối an toàn cho các sự kiện chính trị, văn hóa diễn ra trên địa bàn.",
        "Khu dân cư nào cũng có người canh chừng, thấy người lạ, việc lạ là báo ngay cho Công an xã để kịp thời kiểm tra, xử lý.",
    ),
    "phong-chong-toi-pham": (
        "Qua công tác nắm tình hình, lực lượng trinh sát phát hiện tại {commune} xuất hiện tình trạng một số đối tượng tụ tập có biểu hiện nghi vấn hoạt động phạm tội.",
        "Sau gần {n} tháng điều tra, Ban chuyên án làm rõ đường dây do {suspect} cầm đầu, với nhiều đối tượng tham gia ở các tỉnh lân cận.",
        "Để đối phó với cơ quan chức năng, các đối tượng liên lạc qua ứng dụng mạng xã hội, thường xuyên thay đổi địa điểm và phương thức giao nhận.",
        "Khoảng {hours} giờ, khi các đối tượng đang giao nhận tang vật tại một bãi đất trống ven tỉnh lộ, Ban chuyên án bất ngờ ập vào bắt quả tang.",
        "Cùng thời điểm, các mũi công tác đồng loạt khám xét khẩn cấp chỗ ở của các đối tượng liên quan, bắt giữ thêm {n} người và thu giữ nhiều tài liệu, tang vật.",
        "Tại cơ quan Công an, bước đầu các đối tượng đã khai nhận toàn bộ hành vi phạm tội như nêu trên.",
        "Thủ đoạn của các đối tượng là giả danh cán bộ cơ quan chức năng, gọi điện yêu cầu bị hại chuyển tiền vào tài khoản để phục vụ điều tra.",
        "Từ đầu năm đến nay, lực lượng Công an toàn tỉnh đã phát hiện, bắt giữ {m} vụ với {m} đối tượng phạm tội về ma túy, tăng {pct}% so với cùng kỳ.",
        "Cơ quan Cảnh sát điều tra đã khởi tố vụ án, khởi tố bị can, tạm giam các đối tượng để tiếp tục điều tra, mở rộng vụ án theo quy định của pháp luật.",
        "Công an tỉnh đề nghị người dân tiếp tục cung cấp thông tin về các đối tượng nghi vấn cho Công an xã nơi cư trú hoặc qua số điện thoại 113.",
        "Tổng số tiền giao dịch của đường dây lên đến {money}, trong đó các đối tượng hưởng lợi bất chính hàng trăm triệu đồng.",
        "Đây là chuyên án có số lượng tang vật lớn nhất trên địa bàn tỉnh từ đầu năm đến nay.",
    ),
    "an-toan-giao-thong": (
        "Các tổ công tác đã kiểm tra nồng độ cồn đối với {big} lượt người điều khiển phương tiện, phát hiện {m} trường hợp vi phạm, tạm giữ {m} phương tiện.",
        "So với cùng kỳ năm trước, tai nạn giao thông giảm {n} vụ, giảm {n} người chết và giảm {n} người bị thương.",
        "Các lỗi vi phạm chủ yếu là điều khiển xe khi trong máu hoặc hơi thở có nồng độ cồn, chạy quá tốc độ quy định, không đội mũ bảo hiểm và chở quá số người quy định.",
        "Lực lượng Cảnh sát giao thông bố trí các tổ tuần tra, kiểm soát xuyên suốt trên quốc lộ, tỉnh lộ và các tuyến đường thủy trọng điểm, kể cả vào ban đêm.",
        "Nhiều phụ huynh bày tỏ đồng tình khi lực lượng chức năng xử lý nghiêm các trường hợp học sinh chưa đủ tuổi điều khiển xe mô tô đến trường.",
        "Thông qua hệ thống camera giám sát, Phòng Cảnh sát giao thông đã gửi {m} thông báo phạt nguội đến chủ phương tiện vi phạm.",
        "Công tác tuyên truyền được đổi mới theo hướng trực quan, sinh động, gắn với các tình huống thực tế mà người tham gia giao thông thường gặp.",
        "Trên các tuyến đường thủy, lực lượng chức năng đã kiểm tra {m} phương tiện, nhắc nhở chủ phương tiện trang bị đầy đủ áo phao, phao cứu sinh.",
        "Tỉnh hiện có hơn {big} km đường giao thông, nhiều tuyến đường nhỏ hẹp, đông dân cư, tiềm ẩn nguy cơ xảy ra tai nạn.",
        "Tổ công tác đã kịp thời sử dụng xe chuyên dụng đưa thí sinh đến điểm thi trước giờ làm bài, được phụ huynh và nhà trường cảm ơn.",
    ),
    "phong-chay-chua-chay": (
        "Giả định đám cháy xảy ra tại khu vực kho hàng, lửa nhanh chóng lan rộng, khói độc bao trùm khiến {n} người mắc kẹt trên tầng cao.",
        "Ngay khi nhận tin báo, lực lượng chữa cháy tại chỗ đã sử dụng bình chữa cháy, vòi nước để khống chế đám cháy, đồng thời hướng dẫn mọi người thoát nạn.",
        "Sau khoảng {n} phút, đám cháy được dập tắt hoàn toàn, không để lan sang các nhà lân cận; rất may không có thiệt hại về người.",
        "Qua kiểm tra, lực lượng chức năng phát hiện nhiều cơ sở chưa trang bị đầy đủ phương tiện chữa cháy, lối thoát nạn bị che chắn, hệ thống điện không bảo đảm an toàn.",
        "Từ đầu năm đến nay, trên địa bàn tỉnh xảy ra {n} vụ cháy, thiệt hại tài sản ước tính {money}, giảm {pct}% so với cùng kỳ.",
        "Mô hình Tổ liên gia an toàn phòng cháy chữa cháy và Điểm chữa cháy công cộng đã được nhân rộng tại {m} khu dân cư trên toàn tỉnh.",
        "Lực lượng cứu nạn, cứu hộ đã sử dụng thiết bị lặn chuyên dụng, xuồng máy để tìm kiếm trên đoạn sông dài khoảng {n} km.",
        "Người dân được hướng dẫn cách sử dụng bình chữa cháy, cách thoát nạn qua lối thoát hiểm và cách xử lý khi có sự cố về điện.",
        "Nguyên nhân vụ cháy ban đầu được xác định do chập điện; hiện cơ quan chức năng đang tiếp tục làm rõ.",
        "Buổi diễn tập diễn ra an toàn, đúng kịch bản, thể hiện khả năng phối hợp nhịp nhàng giữa lực lượng chuyên nghiệp và lực lượng tại chỗ.",
    ),
    "cai-cach-hanh-chinh": (
        "Công an các xã, phường, thị trấn đã bố trí cán bộ làm việc cả ngoài giờ hành chính, ngày nghỉ để thu nhận hồ sơ cấp căn cước cho người dân.",
        "Với người cao tuổi, người bệnh nặng, người khuyết tật, tổ công tác đã đến tận nhà để thu nhận hồ sơ, tạo thuận lợi tối đa cho người dân.",
        "Toàn tỉnh đã tiếp nhận {big} hồ sơ dịch vụ công trực tuyến, trong đó tỷ lệ hồ sơ giải quyết đúng hạn đạt {pct}%.",
        "Ứng dụng định danh điện tử giúp người dân thay thế nhiều loại giấy tờ khi làm thủ tục hành chính, khám chữa bệnh và thực hiện các giao dịch ngân hàng.",
        "Dữ liệu dân cư được làm sạch, cập nhật thường xuyên, bảo đảm đúng, đủ, sạch, sống, làm nền tảng cho chuyển đổi số của tỉnh.",
        "Thời gian giải quyết thủ tục đăng ký thường trú đã rút ngắn còn {n} ngày làm việc, người dân không phải đi lại nhiều lần.",
        "Công an tỉnh phối hợp với ngành giáo dục tổ chức thu nhận hồ sơ căn cước ngay tại trường học cho học sinh đủ 14 tuổi.",
        "Nhiều người dân bày tỏ sự hài lòng khi thủ tục được giải quyết nhanh chóng, cán bộ tiếp dân niềm nở, hướng dẫn tận tình.",
        "Từ đầu năm, Phòng Quản lý xuất nhập cảnh đã cấp {big} hộ chiếu, trong đó hơn {pct}% hồ sơ được nộp qua cổng dịch vụ công.",
        "Công an tỉnh tiếp tục rà soát, đề xuất cắt giảm các thủ tục hành chính không cần thiết, đơn giản hóa giấy tờ công dân.",
    ),
    "phong-trao-thi-dua": (
        "Phong trào thi đua Vì an ninh Tổ quốc được triển khai sâu rộng, gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Trong giai đoạn vừa qua, Công an tỉnh có {m} tập thể và {m} cá nhân được các cấp khen thưởng về thành tích trong phong trào thi đua.",
        "Nhiều tập thể, cá nhân đã dũng cảm, mưu trí trong đấu tranh phòng, chống tội phạm, trở thành tấm gương sáng để cán bộ, chiến sĩ học tập.",
        "Công tác khen thưởng được thực hiện kịp thời, đúng người, đúng việc, tạo động lực thi đua sôi nổi trong toàn lực lượng.",
        "Đại hội đã biểu dương {n} điển hình tiên tiến tiêu biểu, đại diện cho các lĩnh vực công tác của lực lượng Công an tỉnh.",
        "Những tấm gương người tốt, việc tốt được tuyên truyền rộng rãi trên các phương tiện thông tin đại chúng, lan tỏa tinh thần tích cực trong xã hội.",
        "Phong trào thi đua đã góp phần quan trọng vào việc hoàn thành toàn diện các chỉ tiêu, nhiệm vụ công tác Công an năm {year}.",
        "Các đơn vị đã đăng ký giao ước thi đua với những chỉ tiêu cụ thể, sát với chức năng, nhiệm vụ được giao.",
        "Dịp này, lãnh đạo Công an tỉnh phát động đợt thi đua cao điểm, kêu gọi toàn lực lượng nỗ lực vượt qua khó khăn, hoàn thành xuất sắc nhiệm vụ.",
        "Nhiều người dân đã dũng cảm tham gia bắt giữ đối tượng phạm tội, cung cấp thông tin giúp cơ quan Công an phá nhanh các vụ án.",
    ),
    "cong-an-voi-nhan-dan": (
        "Mỗi phần quà gồm tiền mặt và các nhu yếu phẩm thiết yếu, với tổng trị giá {money}, do cán bộ, chiến sĩ Công an tỉnh đóng góp.",
        "Công trình có tổng kinh phí {money}, được xây dựng trong {n} tháng, giúp hàng trăm hộ dân thuận tiện đi lại và vận chuyển nông sản.",
        "Đoàn viên thanh niên Công an tỉnh cùng người dân bê tông hóa tuyến đường nông thôn dài {m} m, lắp đặt {m} bóng đèn chiếu sáng.",
        "Hoạt động thể hiện tinh thần tương thân tương ái, nghĩa tình quân dân, góp phần củng cố niềm tin của Nhân dân đối với lực lượng Công an.",
        "Trong mùa mưa lũ, cán bộ, chiến sĩ đã giúp người dân di dời tài sản, gia cố nhà cửa, đê bao, bảo đảm an toàn tính mạng cho bà con.",
        "Lớp học bơi được tổ chức trong {n} ngày, các em được hướng dẫn kỹ năng nổi, bơi cơ bản và cách xử lý khi gặp nạn dưới nước.",
        "Ngôi nhà tình nghĩa có diện tích {m} m², được xây dựng kiên cố, khang trang, giúp gia đình ổn định cuộc sống.",
        "Nhận lại tài sản, người dân không giấu được xúc động và gửi lời cảm ơn chân thành đến cán bộ, chiến sĩ Công an.",
        "Buổi hiến máu đã thu nhận {m} đơn vị máu, góp phần bổ sung nguồn máu dự trữ cho các bệnh viện trên địa bàn tỉnh.",
        "Những việc làm thiết thực ấy đã góp phần lan tỏa hình ảnh đẹp của người chiến sĩ Công an nhân dân vì Nhân dân phục vụ.",
    ),
}

GENERIC_SENTENCES = (
    "Phát biểu chỉ đạo, {officer} ghi nhận, biểu dương những kết quả mà các đơn vị đã đạt được trong thời gian qua.",
    "Bên cạnh kết quả đạt được, hội nghị cũng chỉ ra một số tồn tại, hạn chế cần khắc phục trong thời gian tới.",
    "Lãnh đạo Công an tỉnh yêu cầu các đơn vị tiếp tục nâng cao tinh thần trách nhiệm, chủ động nắm chắc tình hình, không để bị động, bất ngờ trong mọi tình huống.",
    "Công an tỉnh đã phối hợp chặt chẽ với các sở, ngành, địa phương trong triển khai nhiệm vụ, tạo sự đồng thuận cao trong Nhân dân.",
    "Thời gian tới, Công an tỉnh tiếp tục đẩy mạnh ứng dụng khoa học công nghệ, chuyển đổi số trong các mặt công tác.",
    "Các đơn vị được yêu cầu tổ chức rút kinh nghiệm, xây dựng kế hoạch cụ thể, phân công rõ người, rõ việc, rõ trách nhiệm.",
    "Kết quả này có sự đóng góp quan trọng của cấp ủy, chính quyền địa phương và sự ủng hộ, giúp đỡ của đông đảo quần chúng Nhân dân.",
    "Ông {citizen}, người dân {commune}, chia sẻ: Nhờ lực lượng Công an bám sát địa bàn mà bà con yên tâm làm ăn, xóm ấp ngày càng bình yên.",
    "Tổng kết đợt cao điểm, các lực lượng đã huy động {m} lượt cán bộ, chiến sĩ tham gia, thực hiện {m} buổi tuyên truyền tại khu dân cư.",
    "Đây là hoạt động thiết thực chào mừng kỷ niệm ngày truyền thống lực lượng Công an nhân dân và Ngày hội toàn dân bảo vệ an ninh Tổ quốc.",
    "Hội nghị cũng đã thảo luận, thống nhất nhiều giải pháp trọng tâm nhằm thực hiện thắng lợi các chỉ tiêu, nhiệm vụ đề ra cho năm {year}.",
    "Công an tỉnh khuyến cáo người dân nâng cao ý thức cảnh giác, chủ động phòng ngừa và kịp thời thông báo cho cơ quan Công an khi phát hiện dấu hiệu vi phạm.",
    "Cán bộ, chiến sĩ đã thực hiện nghiêm điều lệnh, văn hóa ứng xử, tác phong làm việc chuẩn mực, tạo thiện cảm với người dân.",
    "Qua đó, nhận thức của người dân về vai trò của lực lượng Công an trong bảo đảm an ninh trật tự ở cơ sở ngày càng được nâng lên.",
    "So với năm {prev_year}, hầu hết các chỉ tiêu đều tăng, nhiều chỉ tiêu vượt kế hoạch Bộ Công an giao.",
    "Theo {officer}, kết quả trên là nền tảng quan trọng để đơn vị tiếp tục thực hiện tốt nhiệm vụ được giao trong giai đoạn tới.",
)

LIST_ITEMS = {
    "xay-dung-luc-luong": (
        "Rà soát, kiện toàn tổ chức bộ máy theo hướng tinh, gọn, mạnh",
        "Đào tạo, bồi dưỡng nâng cao trình độ chuyên môn cho {m} cán bộ",
        "Luân chuyển, điều động cán bộ về công tác tại Công an xã",
        "Duy trì chế độ huấn luyện điều lệnh, võ thuật, bắn súng",
        "Kiểm tra việc chấp hành điều lệnh, quy trình công tác",
        "Chăm lo đời sống vật chất, tinh thần cho cán bộ, chiến sĩ",
    ),
    "an-ninh-trat-tu": (
        "Duy trì {m} tổ tự quản an ninh trật tự tại các khu dân cư",
        "Lắp đặt {m} camera an ninh ở các tuyến đường, ngã ba, ngã tư",
        "Tổ chức {m} buổi tuyên truyền pháp luật cho người dân",
        "Hội thi Tổ tự quản giỏi giữa các ấp với phần thi xử lý tình huống",
        "Gian trưng bày hình ảnh về thủ đoạn lừa đảo qua mạng",
        "Tuần tra, kiểm soát vào ban đêm tại các khu vực giáp ranh",
    ),
    "phong-chong-toi-pham": (
        "{n} kg ma túy tổng hợp các loại",
        "{m} viên nén nghi là thuốc lắc",
        "{n} điện thoại di động, cân điện tử và dụng cụ phân chia",
        "{n} xe mô tô cùng hơn {money} tiền mặt",
        "Nhiều sổ sách, giấy tờ ghi chép liên quan",
        "{n} tài khoản ngân hàng dùng để nhận tiền",
    ),
    "an-toan-giao-thong": (
        "Vi phạm nồng độ cồn: {m} trường hợp",
        "Chạy quá tốc độ quy định: {m} trường hợp",
        "Không đội mũ bảo hiểm: {m} trường hợp",
        "Chở quá số người quy định: {n} trường hợp",
        "Không có giấy phép lái xe: {m} trường hợp",
        "Tạm giữ {m} phương tiện các loại",
    ),
    "phong-chay-chua-chay": (
        "Kiểm tra {m} cơ sở thuộc diện quản lý về phòng cháy chữa cháy",
        "Hướng dẫn {m} hộ gia đình trang bị bình chữa cháy",
        "Xây dựng {n} điểm chữa cháy công cộng",
        "Tổ chức {n} cuộc diễn tập phương án chữa cháy",
        "Tuyên truyền kỹ năng thoát nạn cho {m} học sinh",
        "Xử phạt {n} cơ sở vi phạm quy định về phòng cháy chữa cháy",
    ),
    "cai-cach-hanh-chinh": (
        "Thu nhận {big} hồ sơ cấp căn cước",
        "Kích hoạt {big} tài khoản định danh điện tử mức độ 2",
        "Giải quyết {big} hồ sơ đăng ký cư trú trực tuyến",
        "Tích hợp thông tin bảo hiểm y tế, giấy phép lái xe vào ứng dụng",
        "Bố trí làm việc ngoài giờ, ngày thứ Bảy, Chủ nhật",
        "Thu nhận hồ sơ lưu động tại trường học, khu công nghiệp",
    ),
    "phong-trao-thi-dua": (
        "Cờ thi đua của Bộ Công an cho {n} tập thể",
        "Bằng khen của Bộ trưởng Bộ Công an cho {n} tập thể, {m} cá nhân",
        "Bằng khen của Chủ tịch UBND tỉnh cho {n} tập thể, {m} cá nhân",
        "Giấy khen của Giám đốc Công an tỉnh cho {m} lượt tập thể, cá nhân",
        "Danh hiệu Chiến sĩ thi đua cơ sở cho {m} cá nhân",
        "Tuyên dương {n} gương người tốt, việc tốt",
    ),
    "cong-an-voi-nhan-dan": (
        "Trao {m} phần quà cho hộ nghèo, hộ cận nghèo",
        "Tặng {m} suất học bổng cho học sinh nghèo vượt khó",
        "Khám bệnh, cấp thuốc miễn phí cho {m} người dân",
        "Bê tông hóa {n} tuyến đường nông thôn",
        "Xây dựng {n} căn nhà tình nghĩa, nhà đồng đội",
        "Tặng {m} áo phao cho học sinh vùng sông nước",
    ),
}

QUOTES = (
    "Giữ bình yên cho xóm ấp đâu phải việc riêng của Công an. Nhà nào cũng có người canh chừng, thấy lạ là báo liền, kẻ gian tự khắc không dám vô.",
    "Mỗi cán bộ, chiến sĩ phải thực sự là chỗ dựa tin cậy của Nhân dân, nói đi đôi với làm, không để người dân phải chờ đợi, đi lại nhiều lần.",
    "Chúng tôi xác định phòng ngừa là chính, nhưng đã phát hiện vi phạm thì xử lý nghiêm, không có vùng cấm, không có ngoại lệ.",
    "Con đường này bà con mong lâu rồi, mùa mưa lầy lội, xe chở lúa không vô được. Mấy cháu Công an về làm chung với dân, ai cũng mừng.",
    "Thành tích hôm nay là kết quả của cả một tập thể đoàn kết, dám nghĩ, dám làm, dám chịu trách nhiệm vì bình yên của Nhân dân.",
    "Làm căn cước ngay tại nhà, tôi không phải nhờ con cháu chở đi xa nữa, cán bộ Công an rất tận tình.",
)

TABLES = {
    "an-toan-giao-thong": ("| Chỉ tiêu | Năm {prev_year} | Năm {year} |\n|---|---:|---:|\n| Số vụ tai nạn | {m} | {m} |\n"
                           "| Số người chết | {n} | {n} |\n| Số người bị thương | {m} | {m} |\n| Trường hợp vi phạm nồng độ cồn | {big} | {big} |"),
    "phong-chong-toi-pham": ("| Loại tội phạm | Số vụ | Số đối tượng |\n|---|---:|---:|\n| Ma túy | {m} | {m} |\n"
                             "| Trộm cắp tài sản | {m} | {m} |\n| Lừa đảo chiếm đoạt tài sản | {n} | {n} |\n| Đánh bạc | {n} | {m} |"),
    "cai-cach-hanh-chinh": ("| Nội dung | Kết quả | Tỷ lệ |\n|---|---:|---:|\n| Hồ sơ căn cước đã thu nhận | {big} | {pct}% |\n"
                            "| Tài khoản định danh điện tử | {big} | {pct}% |\n| Hồ sơ dịch vụ công trực tuyến | {big} | {pct}% |"),
    "phong-trao-thi-dua": ("| Hình thức khen thưởng | Tập thể | Cá nhân |\n|---|---:|---:|\n| Bằng khen Bộ Công an | {n} | {n} |\n"
                           "| Bằng khen UBND tỉnh | {n} | {m} |\n| Giấy khen Giám đốc Công an tỉnh | {m} | {m} |"),
}
GENERIC_TABLE = ("| Đơn vị | Số buổi tuyên truyền | Số lượt người tham dự |\n|---|---:|---:|\n| Công an {district} | {n} | {big} |\n"
                 "| Công an {district} | {n} | {big} |\n| Các phòng nghiệp vụ | {n} | {m} |")

PHOTOS = (("hoi-nghi", "Quang cảnh hội nghị"), ("quang-canh", "Quang cảnh buổi lễ"),
          ("trao-khen", "Lãnh đạo Công an tỉnh trao khen thưởng"), ("tuan-tra", "Tổ công tác tuần tra ban đêm"),
          ("hien-truong", "Lực lượng chức năng tại hiện trường"), ("tang-vat", "Tang vật thu giữ"),
          ("dien-tap", "Buổi diễn tập chữa cháy"), ("tuyen-truyen", "Cán bộ tuyên truyền cho người dân"),
          ("trao-qua", "Trao quà cho người dân"), ("lam-can-cuoc", "Người dân làm thủ tục cấp căn cước"),
          ("ra-quan", "Lễ ra quân"), ("chup-anh-luu-niem", "Các đại biểu chụp ảnh lưu niệm"))
CAPTIONS = (
    "Quang cảnh {event} tại {district}, sáng {day}/{month}",
    "{officer} phát biểu chỉ đạo tại buổi lễ",
    "Lãnh đạo Công an tỉnh trao khen thưởng cho các tập thể, cá nhân có thành tích xuất sắc",
    "Cán bộ, chiến sĩ Công an {commune} tuần tra, kiểm soát trên tuyến đường liên ấp vào ban đêm",
    "Lực lượng chức năng làm việc tại hiện trường, ngày {day}/{month}",
    "Đông đảo người dân {commune} tham dự chương trình",
    "Các đại biểu chụp ảnh lưu niệm cùng cán bộ, chiến sĩ",
)
AWARD_TYPES = ("Bằng khen", "Giấy khen", "Cờ thi đua", "Huân chương Bảo vệ Tổ quốc hạng Ba",
               "Danh hiệu Chiến sĩ thi đua cơ sở")
AWARD_GIVERS = ("Bộ trưởng Bộ Công an", "Chủ tịch UBND tỉnh", "Giám đốc Công an tỉnh", "Chủ tịch nước")
AWARD_REASONS = (
    "Có thành tích xuất sắc trong đấu tranh phòng, chống tội phạm",
    "Có thành tích xuất sắc trong phong trào thi đua Vì an ninh Tổ quốc năm {year}",
    "Đã có thành tích xuất sắc trong xây dựng lực lượng Công an xã chính quy",
    "Có thành tích trong thực hiện Đề án 06 của Chính phủ",
    "Dũng cảm tham gia bắt giữ đối tượng phạm tội",
)


# --- helpers ---------------------------------------------------------------------------------------

_WORD = re.compile(r"\w", re.UNICODE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def count_words(markdown: str) -> int:
    """Words of a Markdown body: whitespace-separated tokens with a letter or digit; images, `#`, `-`
    and table rules are markup, not words."""
    return sum(1 for token in _IMAGE.sub(" ", markdown).split() if _WORD.search(token))


def slugify(text: str, limit: int = 70) -> str:
    """ASCII slug of a Vietnamese title: no tone marks, 'đ' -> 'd', at most `limit` chars at a word end."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "bai-viet"


def yaml_str(text: str) -> str:
    """A YAML scalar for `text`: plain when safe, double-quoted otherwise."""
    if re.fullmatch(r"[^\s\"'#:{}\[\],&*!|>%@`?-][^\"#:{}\[\],]*", text) and not text.endswith(" "):
        return text
    return json.dumps(text, ensure_ascii=False)


def vn_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class _Slots(dict):
    """Template slots: fixed per article (district, date, officer...) or drawn fresh at each use."""

    def __init__(self, rng: random.Random, fixed: dict[str, str]):
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        r = self.rng
        if key == "n":
            return str(r.randint(2, 30))
        if key == "m":
            return str(r.randint(31, 400))
        if key == "big":
            return vn_number(r.randint(1000, 9000))
        if key == "pct":
            return str(r.randint(5, 98))
        if key == "hours":
            return str(r.randint(1, 23))
        if key == "money":
            return r.choice((f"{r.randint(2, 900)} triệu đồng", f"hơn {r.randint(1, 300)} tỷ đồng"))
        if key == "suspect":
            return (f"{r.choice(SUSPECT_FAMILY)} {chr(r.randint(0, 20) + ord('A'))}. "
                    f"(SN {r.randint(1965, 2004)}, ngụ {r.choice(COMMUNES)})")
        if key == "citizen":
            return r.choice(CITIZENS)
        if key == "commune":
            return r.choice(COMMUNES)
        raise KeyError(key)


def _fill(template: str, slots: _Slots) -> str:
    return template.format_map(slots)


def _officer(rng: random.Random, unit: str, district: str) -> str:
    position = rng.choice(POSITIONS).format(unit=unit, district=district)
    return f"{rng.choice(RANKS)} {rng.choice(LEADERS)}, {position}"


# --- one article -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Photo:
    name: str          # file name in the bundle
    pool: int          # which generated JPEG
    caption: str
    alt: str


@dataclass(frozen=True)
class Article:
    path: str          # 'content/2024/09/<slug>/index.md'
    url: str           # '/2024/09/27/<slug>/'
    title: str
    slug: str
    when: datetime     # site time, naive
    section: str
    tags: tuple[str, ...]
    authors: tuple[str, ...]
    photos: tuple[Photo, ...]
    awards: tuple[dict, ...]
    body: str

    @property
    def words(self) -> int:
        return count_words(self.body)


def _timestamps(rng: random.Random, count: int) -> list[datetime]:
    days = (LAST_DAY - FIRST_DAY).days + 1
    found = []
    for _ in range(count):
        day = FIRST_DAY + timedelta(days=rng.randrange(days))
        found.append(datetime(day.year, day.month, day.day, rng.randint(6, 21), rng.randrange(0, 60, 5)))
    return sorted(found)


def _body(rng: random.Random, key: str, slots: _Slots, photos: tuple[Photo, ...]) -> str:
    """Lead, then `## ` parts of paragraphs, lists, a quote, sometimes a table; 400 to 900 words."""
    target = rng.randint(MIN_WORDS, MAX_WORDS - 60)
    pool = list(SENTENCES[key]) + list(GENERIC_SENTENCES)
    rng.shuffle(pool)
    headings = list(HEADINGS[key]) + list(GENERIC_HEADINGS)
    rng.shuffle(headings)
    blocks = [_fill(rng.choice(LEADS[key]), slots)]
    words = count_words(blocks[0])
    inline_photos = list(photos[1:])     # the first photo is shown after the lead (not referenced)
    extras = ["list", "quote"] + (["table"] if rng.random() < 0.25 else [])
    rng.shuffle(extras)

    def add(block: str) -> bool:
        nonlocal words
        size = count_words(block)
        if words + size > MAX_WORDS:
            return False
        blocks.append(block)
        words += size
        return True

    sentence_index = 0

    def paragraph(sentences: int) -> str:
        nonlocal sentence_index
        chosen = []
        for _ in range(sentences):
            chosen.append(_fill(pool[sentence_index % len(pool)], slots))
            sentence_index += 1
        return " ".join(chosen)

    add(paragraph(rng.randint(2, 3)))
    while words < target:
        kind = extras.pop() if extras and rng.random() < 0.5 else "paragraph"
        if kind == "list":
            items = [_fill(item, slots) for item in rng.sample(LIST_ITEMS[key], rng.randint(3, 5))]
            block = "\n".join(f"- {item};" for item in items[:-1]) + f"\n- {items[-1]}."
        elif kind == "quote":
            block = f"{slots['officer']} nhấn mạnh: \"{rng.choice(QUOTES)}\""
        elif kind == "table":
            block = _fill(TABLES.get(key, GENERIC_TABLE), slots)
        else:
            block = paragraph(rng.randint(1, 3))
            if headings and rng.random() < 0.45:
                block = f"## {headings.pop()}\n\n{block}"
        if not add(block):
            break                      # no room for this block: the body is long enough (> 600 words)
        if kind == "paragraph" and inline_photos and rng.random() < 0.4:
            blocks.append(f"![]({inline_photos.pop(0).name})")
    return "\n\n".join(blocks) + "\n"


def make_article(rng: random.Random, when: datetime, taken: set[str]) -> Article:
    """One press release; `taken` holds the bundle folders already used (for unique slugs)."""
    section_name, key = rng.choice(SECTIONS)
    district = rng.choice(DISTRICTS)
    unit = rng.choice(UNITS)
    slots = _Slots(rng, {
        "district": district, "unit": unit, "officer": _officer(rng, unit, district),
        "day": str(when.day), "month": str(when.month), "year": str(when.year),
        "prev_year": str(when.year - 1), "event": rng.choice(EVENTS[key]),
    })
    title = _fill(rng.choice(TITLES[key]), slots)
    base = slugify(title)
    slug, number = base, 1
    while f"{when:%Y/%m}/{slug}" in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(f"{when:%Y/%m}/{slug}")

    photos = []
    for name, alt in rng.sample(PHOTOS, rng.choice((1, 1, 2, 2, 2, 3))):
        caption = _fill(rng.choice(CAPTIONS), slots)
        photos.append(Photo(name + ".jpg", rng.randrange(PHOTO_COUNT), caption, alt if rng.random() < 0.5 else ""))
    awards = []
    if rng.random() < AWARD_SHARE or key == "phong-trao-thi-dua":
        for _ in range(rng.choice((1, 1, 2))):
            award = {"type": rng.sample(AWARD_TYPES, rng.choice((1, 1, 2))),
                     "giver": rng.sample(AWARD_GIVERS, rng.choice((1, 1, 2)))}
            if rng.random() < 0.5:
                award["recipient"] = f"{rng.choice(UNITS)} Công an tỉnh"
                award["reason"] = _fill(rng.choice(AWARD_REASONS), slots)
            else:
                award["collectives"] = rng.randint(1, 40)
                award["individuals"] = rng.randint(1, 90)
            awards.append(award)
    tags = tuple(rng.sample(TAGS, rng.choice((1, 2, 3, 3, 4))))
    authors = (rng.choice(AUTHORS),) if rng.random() < 0.9 else tuple(rng.sample(AUTHORS, 2))
    body = _body(rng, key, slots, tuple(photos))
    return Article(path=f"content/{when:%Y/%m}/{slug}/index.md", url=f"/{when:%Y/%m/%d}/{slug}/",
                   title=title, slug=slug, when=when, section=section_name, tags=tags, authors=authors,
                   photos=tuple(photos), awards=tuple(awards), body=body)


def render_article(article: Article) -> str:
    """The bantin source file: YAML front matter as an editor writes it, then the Markdown body."""
    lines = ["---", f"title: {yaml_str(article.title)}", f"date: {article.when:%d/%m/%Y %H:%M}",
             f"slug: {article.slug}"]
    if len(article.authors) == 1:
        lines.append(f"author: {yaml_str(article.authors[0])}")
    else:
        lines.append("author: [" + ", ".join(yaml_str(a) for a in article.authors) + "]")
    lines.append(f"category: {yaml_str(article.section)}")
    lines.append("tags: [" + ", ".join(yaml_str(t) for t in article.tags) + "]")
    if article.photos:
        lines.append("images:")
    for photo in article.photos:
        lines.append(f"  - src: {photo.name}")
        lines.append(f"    caption: {yaml_str(photo.caption)}")
        if photo.alt:
            lines.append(f"    alt: {yaml_str(photo.alt)}")
    if article.awards:
        lines.append("awards:")
        for award in article.awards:
            prefix = "  - "
            for key, value in award.items():
                if isinstance(value, list):
                    text = yaml_str(value[0]) if len(value) == 1 else "[" + ", ".join(map(yaml_str, value)) + "]"
                else:
                    text = str(value) if isinstance(value, int) else yaml_str(value)
                lines.append(f"{prefix}{key}: {text}")
                prefix = "    "
    lines.append("---")
    return "\n".join(lines) + "\n" + article.body


# --- the site --------------------------------------------------------------------------------------

def render_site_yaml() -> str:
    lines = [f"title: {SITE_TITLE}", "base_url: https://congan.example.vn",
             "description: Trang thông tin điện tử của Công an tỉnh Phú Điền",
             f"source: {SOURCE}", f"author: {DEFAULT_AUTHOR}", "per_page: 20",
             # The Hugo twin builds the same pages; the honors roll and search have no twin there, and
             # are measured on their own (bench/honors.py, `run.py --search`).
             "honors: {enabled: false}", "search: false", "sections:"]
    lines += [f"  - {{name: {name}, slug: {slug}}}" for name, slug in SECTIONS]
    return "\n".join(lines) + "\n"


def make_photos(rng: random.Random) -> list[bytes]:
    """A handful of small JPEG 'photos' (shapes on a gradient); half carry camera and GPS EXIF data."""
    from PIL import Image, ImageDraw

    photos = []
    width, height = PHOTO_SIZE
    for index in range(PHOTO_COUNT):
        top = tuple(rng.randrange(40, 200) for _ in range(3))
        bottom = tuple(rng.randrange(0, 120) for _ in range(3))
        image = Image.new("RGB", PHOTO_SIZE)
        draw = ImageDraw.Draw(image)
        for y in range(height):
            t = y / height
            draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
        for _ in range(18):
            x, y = rng.randrange(width), rng.randrange(height // 3, height)
            w = rng.randrange(12, 40)
            h = w + rng.randrange(20, 60)
            color = tuple(rng.randrange(256) for _ in range(3))
            draw.ellipse([x, y - h, x + w, y - h + w], fill=color)
            draw.rectangle([x, y - h + w, x + w, y], fill=color)
        exif = Image.Exif()
        exif[0x010F] = "Canon"
        exif[0x0110] = "Canon EOS 80D"
        exif[0x0132] = "2024:09:27 09:15:00"
        if index % 2 == 0:
            gps = exif.get_ifd(0x8825)
            gps[1], gps[2] = "N", (10.0, 27.0, float(index))
            gps[3], gps[4] = "E", (105.0, 38.0, float(index))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80, exif=exif)
        photos.append(buffer.getvalue())
    return photos


CAMERA_SIZE = (4000, 3000)
CAMERA_COUNT = 6
CAMERA_PHOTOS = 3


def make_camera_photos(rng: random.Random) -> list[bytes]:
    """Camera-sized JPEGs: the small scenes scaled up, with sensor-like noise, EXIF (orientation 6 on
    every other one, GPS), and an sRGB ICC profile."""
    from PIL import Image, ImageChops, ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc = icc[:24] + bytes(12) + icc[36:]          # no creation time: the same bytes every run
    photos = []
    for index, small in enumerate(make_photos(rng)[:CAMERA_COUNT]):
        scene = Image.open(io.BytesIO(small)).convert("RGB").resize(CAMERA_SIZE, Image.BICUBIC)
        grain = Image.frombytes("L", (CAMERA_SIZE[0] // 2, CAMERA_SIZE[1] // 2),
                                rng.randbytes(CAMERA_SIZE[0] // 2 * (CAMERA_SIZE[1] // 2)))
        grain = grain.resize(CAMERA_SIZE, Image.NEAREST).point(lambda v: 118 + v // 24).convert("RGB")
        image = ImageChops.add(scene, grain, scale=1.0, offset=-128)
        exif = Image.Exif()
        exif[0x010F], exif[0x0110], exif[0x0132] = "Canon", "Canon EOS 80D", "2024:09:27 09:15:00"
        exif[0x0112] = 6 if index % 2 == 0 else 1
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2], gps[3], gps[4] = "N", (10.0, 27.0, float(index)), "E", (105.0, 38.0, float(index))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=92, exif=exif, icc_profile=icc)
        photos.append(buffer.getvalue())
    return photos


def _place(source: Path, target: Path) -> None:
    """Hard-link `source` to `target`, or copy it when the file system refuses."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def generate(out: Path, articles: int, seed: int = SEED, camera: bool = False, photos: bool = True) -> list[Article]:
    """Write the whole site into `out` (which must not hold a previous corpus's content); `camera`: three
    camera-sized photos per article; `photos` False: the same articles without any photo."""
    out = Path(out)
    if (out / "content").exists():
        raise SystemExit(f"{out}/content already exists; choose an empty folder")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text(render_site_yaml(), encoding="utf-8")
    pool_dir = out / "_bench" / "photos"
    pool_dir.mkdir(parents=True, exist_ok=True)
    pool = []
    photo_rng = random.Random(seed + 1)
    for index, data in enumerate(make_camera_photos(photo_rng) if camera else make_photos(photo_rng)):
        path = pool_dir / f"photo-{index}.jpg"
        path.write_bytes(data)
        pool.append(path)

    taken: set[str] = set()
    made = []
    for when in _timestamps(rng, articles):
        article = make_article(rng, when, taken)
        if camera:
            article = with_camera_photos(article, len(made))
        elif not photos:
            article = without_photos(article)
        folder = out / article.path.rsplit("/", 1)[0]
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(render_article(article), encoding="utf-8")
        for photo in article.photos:
            _place(pool[photo.pool], folder / photo.name)
        made.append(article)
    manifest = [{"path": a.path, "url": a.url, "words": a.words} for a in made]
    (out / "_bench" / "corpus.json").write_text(
        json.dumps({"articles": articles, "seed": seed, "items": manifest}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8")
    return made


def without_photos(article: Article) -> Article:
    """The same article with no photo: none listed, the body's image lines taken out."""
    body = re.sub(r"\n\n!\[[^\]]*\]\([^)]*\)(?=\n)", "", article.body)
    return replace(article, photos=(), body=body)


def with_camera_photos(article: Article, number: int) -> Article:
    """The article with exactly three photos from the camera pool (extra ones are listed under
    `images:` only, so the body stays as generated)."""
    photos = list(article.photos[:CAMERA_PHOTOS])
    used = {p.name for p in photos}
    for name, _ in PHOTOS:
        if len(photos) == CAMERA_PHOTOS:
            break
        if name + ".jpg" not in used:
            photos.append(Photo(name + ".jpg", 0, photos[0].caption if photos else name, ""))
    photos = [replace(p, pool=(number * CAMERA_PHOTOS + i) % CAMERA_COUNT) for i, p in enumerate(photos)]
    return replace(article, photos=tuple(photos))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="an empty (or new) folder for the site")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    parser.add_argument("--camera-photos", action="store_true",
                        help="three camera-sized photos (4000x3000) per article")
    parser.add_argument("--no-photos", action="store_true", help="the same articles without photos")
    args = parser.parse_args(argv)
    made = generate(args.out, args.articles, args.seed, camera=args.camera_photos, photos=not args.no_photos)
    words = [a.words for a in made]
    print(f"{len(made)} articles in {args.out} ({min(words)} to {max(words)} words, "
          f"{sum(words) // max(1, len(words))} on average)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
