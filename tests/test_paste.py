"""Bodies the way Word pastes them render as their editor meant, in the built pages; Markdown written
as Markdown renders as before; invisible characters go, and `check` names their lines."""

from __future__ import annotations

import re

import pytest
from conftest import NOW, article, build_site_dir, make_site

from bantin.check import check_site
from bantin.config import load_config
from bantin.content.markdown import MarkdownRenderer
from bantin.content.paste import invisible_lines, normalise_body, remove_invisible

P = "content/2024/09/bai/index.md"
PASTED = (
    "Sáng 27/9, Công an tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.\n"
    "Hội nghị có 200 đại biểu tham dự.\n"
    "Lực lượng tập trung vào:\n"
    "•\tPhân luồng tại cổng trường;\n"
    "•\tTuyên truyền cho học sinh.\n"
    "Kết thúc hội nghị, lãnh đạo tỉnh phát biểu.\n"
    "\n"
    "\tTrong đợt cao điểm, lực lượng chức năng đã xử lý hơn 300 trường hợp vi phạm giao thông.\n"
    "Đơn vị\tSố cán bộ\tSố vụ\n"
    "Phòng CSGT\t120\t45\n"
    "Công an huyện\t80\t|12|\n"
    "Tìm kiếm Đồng\u200bTháp, tỉnh lỵ Cao\u00adLãnh.\n"
)


def built_body(tmp_path, body: str) -> str:
    site = make_site(tmp_path, {P: article(body=body)})
    build_site_dir(site)
    html = (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/index.html").read_text("utf-8")
    return html[html.index('<p><span class="dateline">'):]


def test_a_body_pasted_from_word_renders_as_its_editor_meant(tmp_path):
    html = built_body(tmp_path, PASTED)
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html, re.S)]
    assert paragraphs[:3] == ["ĐTO - Sáng 27/9, Công an tỉnh tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.",
                              "Hội nghị có 200 đại biểu tham dự.", "Lực lượng tập trung vào:"]
    assert re.search(r"<ul>\s*<li>Phân luồng tại cổng trường;</li>\s*<li>Tuyên truyền cho học sinh.</li>\s*</ul>",
                     html)
    assert "<p>Kết thúc hội nghị, lãnh đạo tỉnh phát biểu.</p>" in html
    assert "<p>Trong đợt cao điểm, lực lượng chức năng đã xử lý hơn 300 trường hợp vi phạm giao thông.</p>" in html
    assert "<pre>" not in html and "<code>" not in html                  # a tab never makes a code block
    assert re.search(r"<th>Đơn vị</th>\s*<th>Số cán bộ</th>\s*<th>Số vụ</th>", html)
    assert re.search(r"<td>Công an huyện</td>\s*<td>80</td>\s*<td>\|12\|</td>", html)
    assert "Tìm kiếm ĐồngTháp, tỉnh lỵ CaoLãnh." in html
    assert "\u200b" not in html and "\u00ad" not in html


def test_check_names_each_line_with_invisible_characters(tmp_path):
    body = "Dòng sạch.\n\nĐồng\u200bTháp\u200c.\n\nSoft\u00adhyphen và \ufeffBOM.\n\nGia đình 👨\u200d👩\u200d👧 vẫn giữ.\n"
    site = make_site(tmp_path, {P: article(title="Đồng\u200bTháp ra quân", body=body)})
    problems = check_site(load_config(site), now=NOW)
    assert [(p.line, p.msg.key) for p in problems] == [(2, "warn.invisible"), (7, "warn.invisible"),
                                                       (9, "warn.invisible")]
    assert all(not p.is_error for p in problems)
    build_site_dir(site)
    (page,) = [p.read_text("utf-8") for p in (site / "build/2024/09/27").glob("*/index.html")]
    assert "<h1>ĐồngTháp ra quân</h1>" in page
    assert "Đồng\u200b" not in page and "👨\u200d👩\u200d👧" in page       # an emoji's joiner stays


def test_invisible_lines_are_counted_from_zero_and_once_each():
    assert invisible_lines("a\u200bb\u200b\nc\n\u00add") == [0, 2]
    assert remove_invisible("x\u2060y\ufeffz") == "xyz" and invisible_lines("ascii only") == []


MARKDOWN = [
    "Một đoạn\nviết xuống dòng giữa câu\nvẫn là một đoạn.",
    "- a\n- b\n    - lồng\n\n1. một\n2. hai",
    "> Trích dẫn\n> dòng hai",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "## Tiêu đề nhỏ\nĐoạn sau tiêu đề.",
    "Đoạn có chú thích[^1].\n\n[^1]: Chú thích.\n    Dòng hai của chú thích.",
    "Đoạn.\n{: .lop }",
    "Câu có dấu chấm cuối.  \nDòng ngắt bằng hai dấu cách.",
    "Tiêu đề kiểu setext\n===\n\nĐoạn.",
    "* * *\n\nSau đường kẻ.",
    "- Mục một\n  tiếp tục mục một\n- Mục hai",
    "![Ảnh](a.jpg)\nChú thích ngay dưới ảnh",
    "Đoạn một.\n\n    Đoạn thụt bốn dấu cách sau dòng trống.",
]


@pytest.mark.parametrize("body", MARKDOWN)
def test_markdown_written_as_markdown_means_what_it_meant(body, monkeypatch):
    rewritten = MarkdownRenderer().render(body).html
    monkeypatch.setattr("bantin.content.markdown.normalise_body", lambda text: text)
    before = MarkdownRenderer().render(body).html            # Python-Markdown on the body as written
    if "    Đoạn thụt" in body:                              # the one change: indentation is not code in an article
        assert "<pre>" in before and "<pre>" not in rewritten
        return
    assert rewritten == before


@pytest.mark.parametrize("body, expected", [
    ("Câu một.\nCâu hai.", "Câu một.\n\nCâu hai."),
    ("Câu một.\ncâu hai viết thường.", "Câu một.\ncâu hai viết thường."),
    ("Câu một,\nCâu hai.", "Câu một,\nCâu hai."),
    ("Ông nói: \"Xong.\"\n\"Tốt\", bà đáp.", "Ông nói: \"Xong.\"\n\n\"Tốt\", bà đáp."),
    ("Đoạn.\n1.\tMột\n2)\tHai", "Đoạn.\n\n1. Một\n2. Hai"),
    ("Đoạn:\no\tMục con", "Đoạn:\n\n- Mục con"),
    ("```\n\tmã\nA.\nB.\n```", "```\n\tmã\nA.\nB.\n```"),
    ("a\tb", "a\tb"),
    ("Bảng:\na\tb\nc\td\nSau bảng.", "Bảng:\n\n| a | b |\n| --- | --- |\n| c | d |\n\nSau bảng."),
])
def test_normalise_body_rules(body, expected):
    assert normalise_body(body) == expected


def test_bodies_at_the_size_limit_are_rewritten_in_one_pass():
    """One pass over the lines, no rescans: bodies of 100 000 lines of each shape come back at once."""
    for body in ("Câu.\n" * 100_000, "- a\n    b\n" * 50_000, "a\tb\n" * 100_000, "\tx\n\n" * 100_000):
        out = normalise_body(body)
        assert len(out) < 3 * len(body)
