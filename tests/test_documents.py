"""Documents told from their bytes, refused when they could act on a reader's computer, and published
without what names their author's machine, the same bytes every time."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import jpeg, pdf
from pypdf import PdfReader, PdfWriter

from bantin.content.documents import DocumentError, published_bytes, published_name, read_document, sniff_family

TITLE = "Thông báo số 15/TB-CAT về phân luồng giao thông"

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>')
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
        'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:creator>Nguyễn Văn An</dc:creator><cp:lastModifiedBy>NVA-PC</cp:lastModifiedBy>'
        '<dc:title>TB 15</dc:title></cp:coreProperties>')
APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
       'officeDocument/2006/extended-properties"><Template>C:\\Users\\nva\\AppData\\Roaming\\Microsoft\\Templates\\'
       'CAT.dotm</Template><Application>Microsoft Office Word</Application><Company>Phong PC08</Company>'
       '<Pages>1</Pages></Properties>')
BODY = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


def docx(main: str = WORD_MAIN, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES.format(main=main))
        package.writestr("word/document.xml", BODY)
        package.writestr("docProps/core.xml", CORE)
        package.writestr("docProps/app.xml", APP)
        package.writestr("docProps/custom.xml", '<Properties><property name="MSIP_Label">nva@congan.vn</property></Properties>')
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return out.getvalue()


def odt(extra: dict[str, bytes] | None = None, kind: str = "application/vnd.oasis.opendocument.text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype", (2024, 9, 27, 0, 0, 0)), kind)
        package.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
        package.writestr("meta.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>Trần Thị Bình'
            '</meta:initial-creator><dc:creator>Trần Thị Bình</dc:creator><meta:printed-by>PC-PHONG-PA03'
            '</meta:printed-by><meta:generator>LibreOffice/7.4</meta:generator><dc:title>x</dc:title>'
            '</office:meta></office:document-meta>'), zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return out.getvalue()


# -- PDF ---------------------------------------------------------------------------------------------

def test_a_pdf_loses_its_author_keeps_its_pages_and_takes_the_articles_title():
    data = pdf(3, Author="Nguyễn Văn An", Creator="Microsoft Word", Producer="Microsoft: Print To PDF",
               Title="Microsoft Word - C:\\Users\\nva\\TB 15.docx")
    info = read_document(data, "tb.pdf", TITLE)
    assert (info.kind, info.label, info.mime, info.pages, info.leftovers) == ("pdf", "PDF", "application/pdf", 3, ())
    published = PdfReader(io.BytesIO(info.published))
    assert dict(published.metadata) == {"/Title": TITLE}
    assert len(published.pages) == 3 and "/Metadata" not in published.trailer["/Root"]
    assert b"Nguy" not in info.published and b"Users" not in info.published


def test_a_pdfs_xmp_metadata_is_removed_too():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1))))
    writer.xmp_metadata = None
    from pypdf.generic import NameObject, StreamObject
    xmp = StreamObject()
    xmp.set_data(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Nguyen Van An</dc:creator></x:xmpmeta>')
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    info = read_document(out.getvalue(), "tb.pdf", TITLE)
    assert b"Nguyen Van An" not in info.published


def test_the_same_pdf_gives_the_same_bytes():
    data = pdf(2, Author="Nguyễn Văn An")
    assert published_bytes(data, "tb.pdf", TITLE) == published_bytes(data, "tb.pdf", TITLE)


def test_a_pdf_without_metadata_is_published_as_it_is():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    assert read_document(out.getvalue(), "tb.pdf", TITLE).published is None


def test_a_signed_pdf_is_published_as_it_is():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1, Author="Ban Giám đốc"))))
    from pypdf.generic import DictionaryObject, NameObject, NumberObject
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/SigFlags"): NumberObject(3)})
    out = io.BytesIO()
    writer.write(out)
    info = read_document(out.getvalue(), "qd.pdf", TITLE)
    assert info.published is None and info.leftovers == () and info.pages == 1


def test_a_pdf_that_needs_a_password_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(1))))
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DocumentError) as refused:
        read_document(out.getvalue(), "tb.pdf", TITLE)
    assert refused.value.msg.key == "attachment.password"


def test_an_encrypted_pdf_that_opens_freely_is_published_as_it_is_and_its_author_named():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(2, Author="Nguyễn Văn An"))))
    writer.encrypt(user_password="", owner_password="chu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    info = read_document(out.getvalue(), "tb.pdf", TITLE)
    assert info.published is None and info.pages == 2 and "Author" in info.leftovers


def test_a_damaged_pdf_is_unreadable():
    with pytest.raises(DocumentError) as refused:
        read_document(b"%PDF-1.7\n" + b"\x00" * 200, "tb.pdf", TITLE)
    assert refused.value.msg.key == "attachment.unreadable"


# -- what the bytes are, whatever the name says --------------------------------------------------------

@pytest.mark.parametrize("data, name, key, found", [
    (b"MZ\x90\x00" + b"\x00" * 100, "thong-bao.pdf", "attachment.mismatch", "program"),
    (b"\x7fELF" + b"\x00" * 100, "mau-don.docx", "attachment.mismatch", "program"),
    (b"<!DOCTYPE html><html><script>alert(1)</script>", "thong-bao.pdf", "attachment.mismatch", "web_page"),
    (b"Rar!\x1a\x07\x00" + b"\x00" * 50, "bao-cao.xlsx", "attachment.mismatch", "archive"),
    (None, "bao-cao.xlsx", "attachment.mismatch", "ooxml"),       # a Word file named .xlsx
    (b"random bytes", "anh.jpg", "attachment.mismatch", "unknown"),
    (b"MZ", "cai-dat.exe", "attachment.refused", "program"),
    (b"<html></html>", "trang.html", "attachment.refused", "web_page"),
    (b"PK\x03\x04", "tai-lieu.zip", "attachment.refused", "archive"),
    (None, "mau-don.docm", "attachment.refused", "macros"),
    (b"abc", "ghi-chu.txt", "attachment.type", None),
])
def test_what_could_act_on_a_readers_computer_is_refused_by_its_bytes_or_name(data, name, key, found):
    with pytest.raises(DocumentError) as refused:
        read_document(docx() if data is None else data, name, TITLE)
    assert refused.value.msg.key == key
    params = dict(refused.value.msg.params)
    if found:
        assert params.get("found", params.get("what")).key == f"attachment.what.{found}"


def test_a_zip_of_other_files_is_an_archive():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("setup.exe", b"MZ")
    assert sniff_family(out.getvalue()) == "archive"


# -- Office Open XML and OpenDocument --------------------------------------------------------------------

def test_a_word_file_loses_its_author_company_and_template_and_keeps_every_other_part():
    data = docx()
    info = read_document(data, "mau-don.docx", TITLE)
    assert (info.kind, info.label) == ("word", "Word")
    with zipfile.ZipFile(io.BytesIO(info.published)) as package, zipfile.ZipFile(io.BytesIO(data)) as original:
        assert package.namelist() == original.namelist()
        core = package.read("docProps/core.xml").decode()
        app = package.read("docProps/app.xml").decode()
        assert "Nguyễn" not in core and "NVA-PC" not in core and f"<dc:title>{TITLE}</dc:title>" in core
        assert "Company" not in app and "Template" not in app and "<Application>Microsoft Office Word" in app
        assert "MSIP" not in package.read("docProps/custom.xml").decode()
        assert package.read("word/document.xml") == original.read("word/document.xml")
    assert published_bytes(data, "mau-don.docx", TITLE) == info.published


def test_an_office_file_with_macros_is_refused_whatever_its_name():
    with pytest.raises(DocumentError) as refused:
        read_document(docx(extra={"word/vbaProject.bin": b"\xd0\xcf"}), "mau-don.docx", TITLE)
    assert refused.value.msg.key == "attachment.macros"
    macro_main = "application/vnd.ms-word.document.macroEnabled.main+xml"
    with pytest.raises(DocumentError) as refused:
        read_document(docx(main=macro_main), "mau-don.docx", TITLE)
    assert refused.value.msg.key == "attachment.macros"


def test_an_opendocument_loses_its_creator_and_printer_and_keeps_mimetype_first_and_stored():
    info = read_document(odt(), "bao-cao.odt", TITLE)
    assert (info.kind, info.label) == ("opendocument", "ODT")
    with zipfile.ZipFile(io.BytesIO(info.published)) as package:
        first = package.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        meta = package.read("meta.xml").decode()
        assert "Bình" not in meta and "PC-PHONG" not in meta and "LibreOffice" in meta and TITLE in meta


def test_an_opendocument_with_macros_or_a_password_is_refused():
    with pytest.raises(DocumentError) as refused:
        read_document(odt({"Basic/Standard/Module1.xml": b"<x/>"}), "bao-cao.odt", TITLE)
    assert refused.value.msg.key == "attachment.macros"
    with pytest.raises(DocumentError) as refused:
        read_document(odt({"META-INF/manifest.xml": b"<manifest:encryption-data/>"}), "bao-cao.odt", TITLE)
    assert refused.value.msg.key == "attachment.password"


def test_a_spreadsheet_named_as_text_is_a_mismatch():
    with pytest.raises(DocumentError) as refused:
        read_document(odt(kind="application/vnd.oasis.opendocument.spreadsheet"), "bao-cao.odt", TITLE)
    assert refused.value.msg.key == "attachment.mismatch"


def test_a_damaged_old_office_file_is_unreadable():
    with pytest.raises(DocumentError) as refused:
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "cong-van.doc", TITLE)
    assert refused.value.msg.key == "attachment.unreadable"


# -- images and names -----------------------------------------------------------------------------------

def test_an_image_document_is_published_as_it_is_when_it_has_no_location():
    info = read_document(jpeg(), "so-do.jpg", TITLE)
    assert (info.kind, info.label, info.published) == ("image", "JPEG", None)


def test_an_svg_that_runs_a_script_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>'
    with pytest.raises(DocumentError) as refused:
        read_document(svg, "so-do.svg", TITLE)
    assert refused.value.msg.key == "attachment.unreadable"


@pytest.mark.parametrize("src, name", [("Thông báo 15-TB.PDF", "thong-bao-15-tb.pdf"),
                                        ("thong-bao-15-tb-cat.pdf", "thong-bao-15-tb-cat.pdf"),
                                        ("Đơn đề nghị (mẫu 01).docx", "don-de-nghi-mau-01.docx"),
                                        ("tai-lieu/。.pdf", "tai-lieu.pdf")])
def test_a_document_is_published_under_the_slug_of_its_name(src, name):
    assert published_name(src) == name
