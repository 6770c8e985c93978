"""Headlines and other one-line fields as typed; every YAML mistake an editor meets is said in
Vietnamese at its line, and its advice, applied literally, makes the article build."""

from __future__ import annotations

import html
import re

import pytest
from conftest import NOW, build_site_dir, make_site
from hypothesis import given, settings
from hypothesis import strategies as st

from bantin.check import check_site
from bantin.config import load_config
from bantin.content.frontmatter import parse_front_matter, split_front_matter

P = "content/2024/09/bai/index.md"
BODY = "Sáng ngày 27/9, Công an tỉnh tổ chức hội nghị.\n"

HEADLINES = [
    '"Lá chắn thép" nơi biên giới',
    "[Clip] Cảnh sát giao thông đội mưa phân luồng",
    "- Tin nóng: cháy chợ Cao Lãnh",
    "@ Công an tỉnh: cảnh báo lừa đảo qua mạng",
    "*Khẩn* Truy tìm đối tượng cướp tiệm vàng",
    "Chuyên án #QT1225 triệt phá đường dây đánh bạc",
    "a: b",
    "Bộ trưởng nói 'sẽ xử lý nghiêm' các vi phạm",
    "'Toàn dân bảo vệ an ninh Tổ quốc' ở xã Mỹ Hiệp",
    "2024",
    "yes",
    "Cảnh báo: %lãi suất% & 'tín dụng đen' | {mới}",
    "`Mã độc` đánh cắp tài khoản ngân hàng",
]


def build_one(tmp_path, front: str, body: str = BODY):
    site = make_site(tmp_path, {P: f"---\n{front}\n---\n{body}"})
    build_site_dir(site)
    (page,) = (site / "build/2024/09/27").glob("*/index.html")
    return site, page.read_text(encoding="utf-8")


@pytest.mark.parametrize("headline", HEADLINES)
def test_a_headline_builds_with_its_title_exactly_as_typed(tmp_path, headline):
    site, page = build_one(tmp_path, f"title: {headline}\ndate: 27/09/2024 11:41")
    assert [html.unescape(h) for h in re.findall(r"<h1>(.*?)</h1>", page)] == [headline]
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []


def test_summary_source_and_author_lines_are_text_as_typed(tmp_path):
    front = ("title: Hội nghị\ndate: 27/09/2024 11:41\nsummary: Tóm tắt: hội nghị #1 của năm\n"
             "source: ĐTO #2\nauthor: Phòng Tham mưu #PV")
    site, page = build_one(tmp_path, front)
    assert 'content="Tóm tắt: hội nghị #1 của năm"' in page and "ĐTO #2 - " in page
    assert "PHÒNG THAM MƯU #PV" in page


def test_tags_and_authors_written_with_commas_are_lists(tmp_path):
    front = ("title: Hội nghị\ndate: 27/09/2024 11:41\ntags: Công an xã, Phong trào thi đua\n"
             "author: Nguyễn Văn An, Trần Thị Bình")
    site, page = build_one(tmp_path, front)
    assert (site / "build/tu-khoa/cong-an-xa/index.html").is_file()
    assert (site / "build/tu-khoa/phong-trao-thi-dua/index.html").is_file()
    assert (site / "build/tac-gia/nguyen-van-an/index.html").is_file()
    assert (site / "build/tac-gia/tran-thi-binh/index.html").is_file()


@pytest.mark.parametrize("front", [
    "tags: [Công an xã, Phong trào]", "tags:\n  - Công an xã\n  - Phong trào", "author: [Nguyễn Văn An]",
    'author: "Nguyễn, Văn An"', "title: \"Hội nghị: tổng kết\"", "title: 'It''s'",
])
def test_yaml_written_as_yaml_still_means_what_it_says(front):
    text = f"---\ntitle: T\ndate: 27/09/2024\n{front}\n---\n{BODY}".replace("title: T\n", "", front.startswith("title"))
    split, _ = split_front_matter(text, P)
    parsed, problems = parse_front_matter(split, P, load_tz(), (), ("A",))
    assert parsed is not None, problems
    expected = {"tags: [Công an xã, Phong trào]": ("tags", ("Công an xã", "Phong trào")),
                "tags:\n  - Công an xã\n  - Phong trào": ("tags", ("Công an xã", "Phong trào")),
                "author: [Nguyễn Văn An]": ("authors", ("Nguyễn Văn An",)),
                'author: "Nguyễn, Văn An"': ("authors", ("Nguyễn, Văn An",)),
                'title: "Hội nghị: tổng kết"': ("title", "Hội nghị: tổng kết"),
                "title: 'It''s'": ("title", "It's")}[front]
    assert getattr(parsed, expected[0]) == expected[1]


def load_tz():
    from zoneinfo import ZoneInfo
    return ZoneInfo("Asia/Ho_Chi_Minh")


# --- mistakes: each message at its line, in Vietnamese, with advice that works -----------------

AWARD = "awards:\n  - type: Giấy khen\n    giver: Giám đốc Công an tỉnh\n"
MISTAKES = [
    ("recipient one space too far", AWARD + "     recipient: Đội Cảnh sát giao thông\n", 7, "yaml.indent"),
    ("recipient one space short", AWARD + "   recipient: Đội Cảnh sát giao thông\n", 7, "yaml.indent"),
    ("a tab before a key", AWARD + "\trecipient: Đội Cảnh sát giao thông\n", 7, "yaml.tab"),
    ("a tab before a list item", "awards:\n\t- type: Giấy khen\n\t  giver: Giám đốc\n", 5, "yaml.tab"),
    ("quoted then more", AWARD + '    reason: "Xuất sắc" trong phong trào thi đua\n', 7, "yaml.quote"),
    ("a colon in a value", AWARD + "    reason: Thành tích: xuất sắc\n", 7, "yaml.quote"),
    ("an at sign first", AWARD + "    reason: @ Cao điểm tháng 9\n", 7, "yaml.quote"),
    ("stars first", AWARD + "    reason: *Khẩn* truy bắt\n", 7, "yaml.quote"),
    ("a dash first", AWARD + "    reason: - xuất sắc\n", 7, "yaml.quote"),
    ("a bracket first", AWARD + "    reason: [Clip] xuất sắc\n", 7, "yaml.quote"),
    ("a backtick first", AWARD + "    reason: `xuất sắc`\n", 7, "yaml.quote"),
    ("an unclosed quote", AWARD + '    reason: "Xuất sắc trong phong trào\n    recipient: Đội 1\n', 7, "yaml.unclosed"),
    ("an unclosed list", AWARD.replace("giver: Giám đốc Công an tỉnh", "giver: [UBND tỉnh, Giám đốc")
     + "    recipient: Đội 1\n", 6, "yaml.unclosed"),
    ("no space after a colon", "category:An toàn giao thông\n", 4, "yaml.no_space"),
    ("the body before the closing line", "Sáng ngày 27/9, Công an tỉnh tổ chức hội nghị.\n", 4, "yaml.no_colon"),
]


def apply_advice(text: str, problem) -> str:
    """Do what the message says, literally."""
    lines = text.split("\n")
    index, params = problem.line - 1, dict(problem.msg.params)
    indent = lines[index][:len(lines[index]) - len(lines[index].lstrip(" \t"))]
    if problem.msg.key in ("yaml.quote", "yaml.unclosed", "yaml.no_space"):
        assert params["fixed"] in problem.msg.render("vi")
        lines[index] = indent + params["fixed"]
    elif problem.msg.key in ("yaml.indent", "yaml.tab"):
        assert f"để đúng {params['expected']} dấu cách" in problem.msg.render("vi")
        lines[index] = " " * params["expected"] + lines[index].lstrip(" \t")
    elif problem.msg.key == "yaml.no_colon":
        assert "hãy thêm một dòng '---' ngay trên dòng này" in problem.msg.render("vi")
        lines.insert(index, "---")
    return "\n".join(lines)


PYYAML_WORDS = re.compile(r"expected|found|while|scanning|parsing|mapping|block|token|character|indicator|"
                          r"stream|scalar|simple key|not allowed", re.IGNORECASE)


@pytest.mark.parametrize("name, mistake, line, key", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_yaml_mistake_is_said_at_its_line_and_its_advice_works(tmp_path, name, mistake, line, key):
    text = f"---\ntitle: Hội nghị\ndate: 27/09/2024 11:41\n{mistake}---\n{BODY}"
    site = make_site(tmp_path, {P: text})
    for attempt in range(4):                      # a mistake on each of two lines takes two rounds
        problems = [p for p in check_site(load_config(site), now=NOW) if p.is_error]
        if not problems:
            break
        (problem,) = problems
        if attempt == 0:
            assert (problem.line, problem.msg.key) == (line, key), problem.format("vi")
        assert problem.msg.key.startswith("yaml."), problem.format("vi")
        assert not PYYAML_WORDS.search(problem.msg.render("vi")), problem.format("vi")
        text = apply_advice(text, problem)
        (site / P).write_text(text, encoding="utf-8")
    assert problems == [] and 1 <= attempt <= 2, text
    build_site_dir(site)


FRAGMENTS = st.sampled_from(["title", "tags", "reason", "giver", ":", ": ", "  ", "\t", "- ", "-", "\"", "'", "[",
                             "]", "{", "}", ",", "#", " #", "&a", "*a", "!", "@", "`", "|", ">", "%", "?", "Hội nghị",
                             "Công an", "2024", "\n", "\n  ", "\n    ", "\n- "])


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=24))
def test_no_english_parser_words_ever_reach_the_editor(pieces):
    front = "title: A\ndate: 27/09/2024\n" + "".join(pieces) + "\n"
    split, _ = split_front_matter(f"---\n{front}---\n{BODY}", P)
    _, problems = parse_front_matter(split, P, load_tz(), (), ("A",))
    for problem in problems:
        assert not PYYAML_WORDS.search(problem.msg.render("vi")), problem.format("vi")
        assert 2 <= problem.line <= front.count("\n") + 1
