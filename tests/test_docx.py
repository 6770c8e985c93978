"""`bantin import FILE.docx`: a Word press release made with python-docx becomes one bundle that
checks and renders all of it; bad Word files get a clear Vietnamese reason, in bounded time, and
leave nothing half-written in content/."""

from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from conftest import NOW, build_site_dir, make_site, run_cli
from docx.shared import Inches
from PIL import Image

from bantin.authoring import docx as word
from bantin.authoring.docx import word_html_to_markdown
from bantin.authoring.importer import ImportOptions, run_import
from bantin.check import check_site
from bantin.config import load_config
from bantin.content.load import load_articles

FAST = ImportOptions(delay=0.0, backoff=0.0)
IMPORTED_AT = datetime(2024, 9, 27, 9, 15, tzinfo=timezone.utc)
TITLE = "Công an tỉnh ra quân bảo đảm trật tự an toàn giao thông mùa khai giảng"
LEAD = ("Sáng 27/9, Công an tỉnh tổ chức lễ ra quân bảo đảm trật tự an toàn giao thông dịp khai giảng năm học "
        "mới tại các trường học trên địa bàn tỉnh.")
CAPTIONS = ("Cảnh sát giao thông hướng dẫn học sinh qua đường tại cổng trường",
            "Lãnh đạo Công an tỉnh trao Giấy khen cho các tập thể")
ALTS = ("Hai cảnh sát giao thông đứng trước cổng trường, học sinh xếp hàng", "Lãnh đạo trao giấy khen trên sân khấu")
TAB_PARAGRAPH = ("Trong đợt cao điểm, lực lượng chức năng đã xử lý hơn 300 trường hợp vi phạm, chủ yếu là không "
                 "đội mũ bảo hiểm và chở quá số người quy định.")


def jpeg(color: str, size: tuple[int, int] = (1200, 800)) -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def picture(document, data: io.BytesIO, alt: str = "") -> None:
    document.add_picture(data, width=Inches(4))
    if alt:
        document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def press_release() -> docx.Document:
    document = docx.Document()
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph().add_run(f"CAT - {LEAD}").bold = True
    picture(document, jpeg("navy"), ALTS[0])
    document.add_paragraph(CAPTIONS[0], style="Caption")
    document.add_heading("Có mặt từ sớm tại các cổng trường", level=1)
    document.add_paragraph("Lực lượng tập trung vào các việc sau:")
    document.add_paragraph("Phân luồng, hướng dẫn phương tiện tại cổng trường.", style="List Number")
    document.add_paragraph("Tuyên truyền Luật Trật tự, an toàn giao thông đường bộ cho học sinh.", style="List Number")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate([("Đơn vị", "Số cán bộ"), ("Phòng Cảnh sát giao thông", "120"),
                                 ("Công an các huyện", "85")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_paragraph().add_run("\t" + TAB_PARAGRAPH)
    picture(document, jpeg("darkred"), ALTS[1])
    document.add_paragraph(CAPTIONS[1])
    paragraph = document.add_paragraph("Thông tin thêm tại ")
    paragraph.add_run("trang của Bộ Công an").italic = True
    document.add_paragraph("NGUYỄN VĂN AN")
    return document


def save(document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def import_one(site: Path, source: Path):
    report = run_import(load_config(site), [str(source)], FAST, now=IMPORTED_AT)
    (outcome,) = report.outcomes
    return outcome


def content_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "content").rglob("*"))


def test_a_word_press_release_becomes_a_bundle_that_checks_and_renders_all_of_it(tmp_path):
    site = make_site(tmp_path, {})
    outcome = import_one(site, save(press_release(), tmp_path / "word" / "thong-cao.docx"))
    assert outcome.status == "imported", outcome
    assert [w.key for w in outcome.warnings] == ["import.warn.word_date"]
    bundle = (site / outcome.path).parent
    assert sorted(p.name for p in bundle.iterdir()) == ["anh-1.jpg", "anh-2.jpg", "index.md"]
    text = (site / outcome.path).read_text(encoding="utf-8")
    assert text.startswith(f"---\ntitle: {TITLE}\ndate: 27/09/2024 16:15:00\nauthor: Nguyễn Văn An\nsource: CAT\n")
    assert f"    caption: {CAPTIONS[0]}\n    alt: {ALTS[0]}\n" in text
    assert f"    caption: {CAPTIONS[1]}\n    alt: {ALTS[1]}\n" in text
    assert f"\n**{LEAD}**\n" in text and f"\n{TAB_PARAGRAPH}\n" in text
    assert not re.search(r"mso|<w:|<o:p|style=|\t", text)              # nothing of Word's markup
    assert check_site(load_config(site), now=NOW) == []
    build_site_dir(site)
    (article,) = load_articles(load_config(site))[0]
    html = (site / "build" / article.output_path).read_text(encoding="utf-8")
    body = html[html.index('<span class="dateline">'):]
    assert f"<h1>{TITLE}</h1>" in html.replace("\n", " ") or f">{TITLE}</h1>" in html
    assert f'<span class="dateline">CAT - </span><strong>{LEAD}</strong>' in body
    assert [re.sub(r"\s+", " ", c) for c in re.findall(r"<figcaption>(.*?)</figcaption>", body)] == list(CAPTIONS)
    assert all(f'alt="{alt}"' in body for alt in ALTS)
    assert "<h2>Có mặt từ sớm tại các cổng trường</h2>" in body
    assert re.search(r"<ol>\s*<li>Phân luồng, hướng dẫn phương tiện tại cổng trường.</li>\s*<li>Tuyên truyền", body)
    assert re.search(r"<th>Đơn vị</th>\s*<th>Số cán bộ</th>", body) and "<td>Phòng Cảnh sát giao thông</td>" in body
    assert f"<p>{TAB_PARAGRAPH}</p>" in body and "<pre>" not in body
    assert "<em>trang của Bộ Công an</em>" in body
    assert "NGUYỄN VĂN AN" in html and "<p>NGUYỄN VĂN AN</p>" not in body      # the byline, not a paragraph


def test_importing_the_same_word_file_again_skips_it(tmp_path):
    site = make_site(tmp_path, {})
    source = save(press_release(), tmp_path / "thong-cao.docx")
    assert import_one(site, source).status == "imported"
    later = run_import(load_config(site), [str(source)], FAST, now=IMPORTED_AT.replace(hour=11))
    (again,) = later.outcomes                  # dated by the import, it is known by its title
    assert again.status == "skipped" and again.reason.key == "import.reason.already"


def test_a_folder_of_word_files_skips_word_lock_files(tmp_path):
    site = make_site(tmp_path, {})
    folder = tmp_path / "thu-muc"
    save(press_release(), folder / "bai-1.docx")
    document = press_release()
    document.paragraphs[0].text = "Một bài khác về an toàn giao thông"
    save(document, folder / "con" / "bai-2.docx")
    (folder / "~$bai-1.docx").write_bytes(b"\x0bNguyen Van A" + b"\0" * 150)   # Word's lock file while it is open
    report = run_import(load_config(site), [str(folder)], FAST, now=IMPORTED_AT)
    assert sorted(o.status for o in report.outcomes) == ["imported", "imported"]


def test_the_title_falls_back_to_heading_1_then_the_first_line_then_the_file_name(tmp_path):
    site = make_site(tmp_path, {})
    document = docx.Document()
    document.add_heading("Tiêu đề bằng Heading 1", level=1)
    document.add_paragraph(LEAD * 2)
    found = word.read_docx(save(document, tmp_path / "a.docx").read_bytes())
    assert found.title == "Tiêu đề bằng Heading 1" and "Heading 1" not in found.body
    document = docx.Document()
    document.add_paragraph("Dòng đầu là tiêu đề")
    document.add_paragraph(LEAD)
    assert word.read_docx(save(document, tmp_path / "b.docx").read_bytes()).title == "Dòng đầu là tiêu đề"
    document = docx.Document()
    document.add_paragraph(f"CAT - {LEAD}")                # a lead with its dateline is no title
    assert word.read_docx(save(document, tmp_path / "c.docx").read_bytes()).title == ""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row in range(2):
        for column in range(2):
            table.cell(row, column).text = f"Ô {row}-{column} " + "chữ " * 20
    outcome = import_one(site, save(document, tmp_path / "Bang_so_lieu_thang-9.docx"))
    assert outcome.status == "imported" and [w.key for w in outcome.warnings][0] == "import.warn.word_title"
    text = (site / outcome.path).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Bang so lieu thang 9\n") and "| Ô 0-0" in text
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []


def corrupt_zip(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def ole(extra: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra + b"\0" * 1024


@pytest.mark.parametrize("name, data, key, phrase", [
    ("cu.doc", ole(b"W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0"), "import.reason.doc_binary",
     "đây là tệp Word kiểu cũ (.doc, Word 97-2003)"),
    ("doi-ten.docx", ole(), "import.reason.doc_binary", "Lưu thành (File > Save As)"),
    ("mat-khau.docx", ole("EncryptedPackage".encode("utf-16-le")), "import.reason.docx_password",
     "tệp Word có mật khẩu"),
    ("rong.docx", b"", "import.reason.docx_corrupt", "không đọc được tệp này như một tệp Word .docx"),
    ("la.docx", b"PK\x03\x04 not really a zip", "import.reason.docx_corrupt", "hãy mở bằng Word, lưu lại"),
])
def test_files_word_cannot_give_are_refused_with_a_reason(tmp_path, name, data, key, phrase):
    site = make_site(tmp_path, {})
    (tmp_path / name).write_bytes(data)
    outcome = import_one(site, tmp_path / name)
    assert outcome.status == "failed" and outcome.reason.key == key
    assert phrase in outcome.reason.render("vi")
    assert content_files(site) == []


def test_a_cut_short_docx_and_a_zip_bomb_are_refused(tmp_path, monkeypatch):
    site = make_site(tmp_path, {})
    outcome = import_one(site, corrupt_zip(save(press_release(), tmp_path / "cut.docx")))
    assert outcome.status == "failed" and outcome.reason.key == "import.reason.docx_corrupt"
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(save(press_release(), tmp_path / "base.docx")) as source, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/media/huge.bin", b"\0" * (word.MAX_UNPACKED + 1))
    outcome = import_one(site, bomb)
    assert outcome.status == "failed" and outcome.reason.key == "import.reason.docx_unpacked"
    monkeypatch.setattr(word, "MAX_BYTES", 1000)
    outcome = import_one(site, tmp_path / "base.docx")
    assert outcome.status == "failed" and outcome.reason.key == "import.reason.docx_too_large"
    assert content_files(site) == []


def test_a_word_drawing_keeps_the_article_and_warns_at_the_picture(tmp_path):
    site = make_site(tmp_path, {})
    path = save(press_release(), tmp_path / "hinh-ve.docx")
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    media = sorted(name for name in parts if name.startswith("word/media/"))
    emf = media[0].rsplit(".", 1)[0] + ".emf"
    parts[emf] = b"\x01\0\0\0" + b"\0" * 36 + b" EMF" + b"\0" * 64
    del parts[media[0]]
    rels = "word/_rels/document.xml.rels"
    parts[rels] = parts[rels].replace(media[0].removeprefix("word/").encode(), emf.removeprefix("word/").encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"<Default Extension=\"xml\"", b"<Default Extension=\"emf\" ContentType=\"image/x-emf\"/><Default Extension=\"xml\"")
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    outcome = import_one(site, path)
    assert outcome.status == "imported"
    (drawing,) = [w for w in outcome.warnings if w.key == "import.warn.word_picture"]
    assert CAPTIONS[0] in drawing.render("vi") and "hình vẽ EMF của Word" in drawing.render("vi")
    assert "Lưu thành ảnh" in drawing.render("vi")
    assert sorted(p.name for p in (site / outcome.path).parent.iterdir()) == ["anh-2.jpg", "index.md"]
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []


def test_two_hundred_photos_are_all_saved_with_their_captions(tmp_path):
    site = make_site(tmp_path, {})
    document = docx.Document()
    document.add_paragraph("Hai trăm ảnh của ngày hội", style="Title")
    document.add_paragraph(LEAD)
    for number in range(200):
        picture(document, jpeg((number, 255 - number, 90), (160, 120)))
        document.add_paragraph(f"Ảnh số {number + 1} của ngày hội", style="Caption")
    outcome = import_one(site, save(document, tmp_path / "anh.docx"))
    assert outcome.status == "imported"
    text = (site / outcome.path).read_text(encoding="utf-8")
    assert text.count("  - src: anh-") == 200 and "caption: Ảnh số 200 của ngày hội" in text
    assert len(list((site / outcome.path).parent.iterdir())) == 201
    assert [p for p in check_site(load_config(site), now=NOW) if p.is_error] == []


def test_a_fifty_megabyte_word_file_is_imported(tmp_path):
    site = make_site(tmp_path, {})
    document = docx.Document()
    document.add_paragraph("Ảnh chụp bằng máy ảnh", style="Title")
    document.add_paragraph(LEAD)
    for number in range(6):                                # random pixels: 9 MB of PNG each
        buffer = io.BytesIO()
        Image.frombytes("RGB", (2000, 1500), random.Random(number).randbytes(2000 * 1500 * 3)).save(
            buffer, "PNG", compress_level=1)
        buffer.seek(0)
        picture(document, buffer)
        document.add_paragraph(f"Ảnh {number + 1}")
    path = save(document, tmp_path / "lon.docx")
    assert path.stat().st_size > 50 * 1024 * 1024
    outcome = import_one(site, path)
    assert outcome.status == "imported"
    assert len(list((site / outcome.path).parent.glob("anh-*.png"))) == 6


def test_import_cli_speaks_vietnamese_for_word_files(tmp_path):
    site = make_site(tmp_path, {})
    save(press_release(), tmp_path / "bai.docx")
    (tmp_path / "cu.doc").write_bytes(ole())
    result = run_cli("import", str(tmp_path / "bai.docx"), str(tmp_path / "cu.doc"), "--site", str(site))
    assert result.exit_code == 1 and "Traceback" not in result.stdout + result.stderr
    assert "đã nhập: " in result.stdout and "văn bản không ghi ngày đăng" in result.stdout
    assert "Tài liệu Word (*.docx)" in result.stderr


def test_pasted_word_html_becomes_the_same_markdown_as_the_import(tmp_path):
    """The desk's paste from Word calls `word_html_to_markdown`; a .docx import gives the same body."""
    found = word.read_docx(save(press_release(), tmp_path / "bai.docx").read_bytes())
    pasted = word_html_to_markdown(found.body)
    assert [p.caption for p in pasted.photos] == list(CAPTIONS) and [p.alt for p in pasted.photos] == list(ALTS)
    site = make_site(tmp_path, {})
    text = (site / import_one(site, tmp_path / "bai.docx").path).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    assert pasted.markdown.replace("**CAT - ", "**") .removesuffix("NGUYỄN VĂN AN\n").rstrip() == body.rstrip()

