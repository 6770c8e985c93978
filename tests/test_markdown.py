"""Bodies: the quick paths (inline skipping, sanitizing only what can need it) change no byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from bantin.content.markdown import MarkdownRenderer
from bantin.core.models import Figure, Photo

ROOT = Path(__file__).resolve().parent.parent

SAMPLES = [
    "Sáng ngày 27/9, Công an tỉnh tổ chức hội nghị.\n\nĐoạn hai: 100% xã (thị trấn) đã hoàn thành.",
    "Chữ *nghiêng*, **đậm**, _gạch_, __đậm__, ***cả hai***, và * không phải nhấn mạnh *.",
    "Mã `x = 1`, thoát \\*sao\\*, dòng ngắt  \nsau hai dấu cách, và a\\\nb.",
    "[Liên kết](https://congan.example.vn/tin \"tiêu đề\") và [tương đối](../ra-quan/index.md#a) "
    "và [thư](mailto:a@b.vn) và <https://example.vn> và <a@b.vn>.",
    "[Nguy hiểm](javascript:alert(1)) [Nguy hiểm 2](JaVaScRiPt:alert(1)) [dữ liệu](data:text/html;base64,xx)",
    "[thực thể](&#106;avascript:alert(1)) &amp; &copy; &#8212; a & b",
    "Ảnh ![mô tả](anh.jpg) giữa dòng, và ảnh lạ ![x](javascript:alert(1)).",
    "![](anh.jpg)\n\nẢnh riêng một đoạn.",
    "Đoạn có HTML <b onclick=\"x()\">đậm</b><script>alert(1)</script>.\n\n<div class=\"x\" onmouseover=\"y\">khối</div>",
    "Tiêu đề có thuộc tính {: #muc-1 .lop onclick=\"x()\" }\n\n## Mục {: #id }",
    "Chú thích[^1] và chú thích khác[^a].\n\n[^1]: Ghi chú một.\n[^a]: Ghi chú *hai*.",
    "| Cột | Số |\n|:--|--:|\n| một | 1 |\n| *hai* | 2 |",
    "- mục một\n- mục **hai**\n\n1. thứ nhất\n2. thứ hai\n\n> Trích dẫn _nghiêng_.\n\n---\n\n    khối mã <b>",
    "Tham chiếu [liên kết][1] và [ngắn].\n\n[1]: https://example.vn\n[ngắn]: /chuyen-muc/x/",
]


def corpus_bodies() -> list[str]:
    bodies = [p.read_text(encoding="utf-8").split("---", 2)[2] for p in sorted((ROOT / "content").rglob("*.md"))]
    return bodies


@pytest.mark.parametrize("allow_raw_html", [False, True])
def test_quick_paths_give_the_same_html_as_stock_python_markdown(allow_raw_html):
    quick, stock = MarkdownRenderer(allow_raw_html), MarkdownRenderer(allow_raw_html, quick=False)
    photo = Photo("content/x/anh.jpg", "/2024/09/27/x/anh.jpg", "2024/09/27/x/anh.jpg", 40, 30, 1000)
    figures = (Figure("anh.jpg", "Chú thích", "", photo),)
    for body in SAMPLES + corpus_bodies():
        a = quick.render(body, figures=figures, dateline="ĐTO")
        b = stock.render(body, figures=figures, dateline="ĐTO")
        assert a == b, body


def test_dangerous_markdown_is_always_sanitized():
    html = MarkdownRenderer().render(SAMPLES[4] + "\n\n" + SAMPLES[5] + "\n\n" + SAMPLES[8]).html
    assert "javascript:" not in html.lower() and "data:" not in html and "onclick" not in html
    assert "<script" not in html and "&#106;" not in html
