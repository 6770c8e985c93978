"""Documents and videos in built pages: the list under the body, the browser's player with its poster
and captions, the facade of a YouTube or Facebook video, JSON-LD, the video sitemap, and every
mistake reported at its line."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import NOW, VTT, article, build_site_dir, clip, jpeg, make_site, pdf
from external_tools import assert_valid, urlset_schema
from pypdf import PdfReader
from test_documents import docx

from bantin.check import check_site
from bantin.config import load_config
from bantin.core import vi
from bantin.core.errors import BuildFailed

A = "content/2024/09/ra-quan/"
URL = "/2024/09/27/ra-quan-bao-dam-trat-tu-giao-thong/"
YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=1m5s"
FACEBOOK = "https://www.facebook.com/CongAnTinh/videos/1234567890123456/"
FRONT = dict(
    title="Ra quân bảo đảm trật tự giao thông",
    attachments="\n  - src: Thông báo 15.pdf\n    title: Thông báo số 15/TB-CAT\n"
                "  - src: mau-don.docx\n    title: Mẫu đơn đề nghị",
    videos=f"\n  - src: ra-quan.mp4\n    caption: Lực lượng ra quân\n    captions: phu-de.vtt\n"
           f"  - src: {YOUTUBE}\n    caption: Phóng sự\n    poster: phong-su.jpg\n"
           f"  - src: {FACEBOOK}\n    caption: Trực tiếp lễ ra quân",
    body="Sáng 27/9, Công an tỉnh ra quân.\n\nXem [toàn văn thông báo](<Thông báo 15.pdf>).\n",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("media"), {
        A + "index.md": article(**FRONT),
        A + "Thông báo 15.pdf": pdf(2, Author="Nguyễn Văn An", Producer="Microsoft: Print To PDF"),
        A + "mau-don.docx": docx(),
        A + "ra-quan.mp4": clip(),
        A + "phu-de.vtt": VTT,
        A + "phong-su.jpg": jpeg(1280, 720),
        "content/2024/09/doc/index.md": article(title="Clip quay dọc", date="26/09/2024 08:00",
                                                videos="[{src: doc.mp4, caption: Quay dọc}]"),
        "content/2024/09/doc/doc.mp4": clip(rotate=90),
    })
    build_site_dir(site)
    return site


def page(site: Path, url: str = URL) -> str:
    return (site / "build" / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_documents_are_listed_under_the_body_with_type_size_and_pages(built):
    html = page(built)
    out = built / "build" / URL.strip("/")
    size = vi.format_size((out / "thong-bao-15.pdf").stat().st_size)
    assert html.index('<div class="body">') < html.index("Tài liệu đính kèm")
    assert (f'<a href="{URL}thong-bao-15.pdf" type="application/pdf">Thông báo số 15/TB-CAT</a> '
            f'<span class="attachment-meta">(PDF, {size}, 2 trang)</span>') in html
    assert f'<a href="{URL}mau-don.docx"' in html and "(Word, " in html


def test_documents_are_published_at_stable_names_without_their_authors_metadata(built):
    out = built / "build" / URL.strip("/")
    published = PdfReader(out / "thong-bao-15.pdf")
    assert dict(published.metadata) == {"/Title": "Thông báo số 15/TB-CAT"} and len(published.pages) == 2
    with zipfile.ZipFile(out / "mau-don.docx") as package:
        assert "Nguyễn" not in package.read("docProps/core.xml").decode()


def test_a_body_link_to_a_document_leads_to_where_it_is_published(built):
    assert f'<a href="{URL}thong-bao-15.pdf">toàn văn thông báo</a>' in page(built)


def test_a_video_file_plays_in_the_browsers_player_with_poster_size_and_captions(built):
    html = page(built)
    tag = re.search(r"<video [^>]*>", html).group(0)
    assert 'controls preload="none"' in tag and 'width="320" height="180"' in tag
    poster = re.search(r'poster="([^"]+)"', tag).group(1)
    assert re.fullmatch(re.escape(URL) + r"ra-quan\.poster\.320\.[0-9a-f]{8}\.webp", poster)
    assert (built / "build" / poster.lstrip("/")).is_file()
    assert f'<source src="{URL}ra-quan.mp4" type="video/mp4">' in html
    assert f'<track kind="captions" src="{URL}phu-de.vtt" srclang="vi" label="Tiếng Việt" default>' in html
    assert (built / "build" / URL.strip("/") / "ra-quan.mp4").read_bytes() == clip()
    assert "(0:02)" in html


def test_a_portrait_clip_is_sized_as_it_is_shown(built):
    tag = re.search(r"<video [^>]*>", page(built, "/2024/09/26/clip-quay-doc/")).group(0)
    assert 'width="180" height="320"' in tag


def test_a_platform_video_loads_nothing_from_the_platform_until_asked(built):
    html = page(built)
    assert "<iframe" not in html and "ytimg" not in html and "fbcdn" not in html
    facade = re.search(r'<div class="video-facade video-youtube".*?</div>', html, re.S).group(0)
    assert 'data-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&amp;start=65"' in facade
    assert '<a class="video-play" href="https://www.youtube.com/watch?v=aqz-KE-bpKQ&amp;t=65s">' in facade
    assert re.search(r'<img src="' + re.escape(URL) + r'phong-su\.800\.[0-9a-f]{8}\.jpg" srcset=', facade)
    facebook = re.search(r'<div class="video-facade video-facebook".*?</div>', html, re.S).group(0)
    assert "<img" not in facebook and "Xem video trên Facebook" in facebook      # the neutral placeholder
    hosts = set(re.findall(r'(?:src|href|poster|srcset)="https?://([^/"]+)', html))
    assert hosts <= {"www.youtube.com", "www.facebook.com", "congan.example.vn"}, hosts


def test_json_ld_describes_each_video(built):
    html = page(built)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    file, youtube, facebook = data["video"]
    base = "https://congan.example.vn"
    assert file["@type"] == "VideoObject" and file["name"] == "Lực lượng ra quân"
    assert file["contentUrl"] == base + URL + "ra-quan.mp4" and file["duration"] == "PT2S"
    assert file["uploadDate"] == "2024-09-27T11:41:48+07:00" and file["description"]
    assert all(url.startswith(base + URL + "ra-quan.poster.") for url in file["thumbnailUrl"])
    assert youtube["embedUrl"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?start=65"
    assert youtube["thumbnailUrl"][0].startswith(base + URL + "phong-su.")
    assert facebook["embedUrl"].startswith("https://www.facebook.com/plugins/video.php?href=")
    assert "autoplay" not in facebook["embedUrl"] and facebook["thumbnailUrl"][0].startswith(base + "/logo.")


@pytest.mark.external
def test_the_sitemap_lists_the_videos_of_a_page_and_validates(built):
    data = (built / "build/sitemap.xml").read_bytes()
    assert_valid(urlset_schema(), data)
    text = data.decode()
    entry = text[text.index(f"<loc>https://congan.example.vn{URL}</loc>"):]
    entry = entry[:entry.index("</url>")]
    assert entry.count("<video:video>") == 2          # the file and the YouTube video with a poster
    assert f"<video:content_loc>https://congan.example.vn{URL}ra-quan.mp4</video:content_loc>" in entry
    assert "<video:player_loc>https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?start=65</video:player_loc>" in entry
    assert "<video:duration>2</video:duration>" in entry


@pytest.mark.external
def test_the_video_schema_refuses_an_entry_without_its_thumbnail(built):
    text = (built / "build/sitemap.xml").read_text(encoding="utf-8")
    broken = re.sub(r"<video:thumbnail_loc>.*?</video:thumbnail_loc>", "", text, count=1)
    with pytest.raises(AssertionError, match="thumbnail_loc"):
        assert_valid(urlset_schema(), broken.encode())


def test_check_finds_nothing_wrong_and_counts_every_file_used(built):
    assert check_site(load_config(built), now=NOW) == []


def test_the_same_files_build_the_same_bytes(built, tmp_path):
    build_site_dir(built, output=tmp_path / "cold", cache=False)
    tree = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}  # noqa: E731
    assert tree(built / "build") == tree(tmp_path / "cold")


# -- mistakes, each at its line ------------------------------------------------------------------------

def problems_of(tmp_path, front: dict, files: dict) -> list[tuple[int | None, str, str]]:
    site = make_site(tmp_path, {A + "index.md": article(**front), **{A + k: v for k, v in files.items()}})
    return [(p.line, p.msg.key, p.format("en")) for p in check_site(load_config(site), now=NOW)
            if p.path == A + "index.md"]


@pytest.mark.parametrize("front, files, line, key", [
    ({"videos": "\n  - src: https://vimeo.com/76979871\n    caption: Clip"}, {}, 5, "video.address"),
    ({"videos": "\n  - src: https://youtu.be/aqz-KE-bpKQ\n    caption: Clip\n    captions: a.vtt"}, {}, 7,
     "video.captions_platform"),
    ({"attachments": "\n  - src: tb.pdf\n    titel: Thông báo"}, {"tb.pdf": pdf()}, 6, "key.unknown"),
    ({"attachments": "\n  - src: tb.pdf\n    title: Thông báo"}, {}, 5, "media.missing"),
    ({"attachments": "\n  - src: ../tb.pdf\n    title: Thông báo"}, {}, 5, "media.outside"),
    ({"attachments": "\n  - src: tb.pdf\n    title: Thông báo"}, {"tb.pdf": b"MZ\x90\x00" + bytes(64)}, 5,
     "attachment.mismatch"),
    ({"attachments": "\n  - src: https://x.vn/tb.pdf\n    title: Thông báo"}, {}, 5, "attachment.address"),
    ({"attachments": "\n  - src: Thông báo.pdf\n    title: A\n  - src: thong-bao.pdf\n    title: B"},
     {"Thông báo.pdf": pdf(), "thong-bao.pdf": pdf()}, 7, "media.name_taken"),
    ({"videos": "[{src: clip.mov, caption: Clip}]"}, {"clip.mov": b"\0\0\0\x14ftypqt  "}, 4, "video.type"),
    ({"videos": "[{src: clip.mp4, caption: Clip}]"}, {"clip.mp4": clip(codec="libvpx-vp9", container="webm")}, 4,
     "video.mismatch"),
    ({"videos": "[{src: clip.mp4, caption: Clip}]"}, {"clip.mp4": clip(codec="mpeg4")}, 4, "video.codec"),
    ({"videos": "[{src: clip.mp4, caption: Clip}]"}, {"clip.mp4": b"\0\0\0\x18ftypisom" + bytes(200)}, 4,
     "video.unreadable"),
    ({"videos": "\n  - src: clip.mp4\n    caption: Clip\n    captions: phu-de.srt"}, {"clip.mp4": clip()}, 7,
     "video.captions_type"),
    ({"videos": "\n  - src: clip.mp4\n    caption: Clip\n    captions: phu-de.vtt"},
     {"clip.mp4": clip(), "phu-de.vtt": "1\n00:00:00,000 --> 00:00:01,000\nXin chào\n"}, 7, "video.captions_invalid"),
    ({"videos": "\n  - src: clip.mp4\n    caption: Clip\n    poster: khong-co.jpg"}, {"clip.mp4": clip()}, 7,
     "image.missing"),
    ({"videos": "[{src: clip.mp4}]"}, {"clip.mp4": clip()}, 4, "warn.video_caption_missing"),
])
def test_a_mistake_is_reported_at_its_line(tmp_path, front, files, line, key):
    found = problems_of(tmp_path, front, files)
    assert (line, key) in [(where, code) for where, code, _ in found], found


def test_a_webm_clip_plays_too(tmp_path):
    assert problems_of(tmp_path, {"videos": "[{src: clip.webm, caption: Clip}]"},
                       {"clip.webm": clip(codec="libvpx-vp9", container="webm")}) == []


def test_a_large_video_and_a_large_document_are_warned(tmp_path, monkeypatch):
    monkeypatch.setattr("bantin.content.media.LARGE_VIDEO_BYTES", 1000)
    monkeypatch.setattr("bantin.content.media.LARGE_DOCUMENT_BYTES", 100)
    found = problems_of(tmp_path, {"videos": "[{src: clip.mp4, caption: Clip}]",
                                   "attachments": "[{src: tb.pdf, title: Thông báo}]"},
                        {"clip.mp4": clip(), "tb.pdf": pdf()})
    assert {key for _, key, _ in found} == {"warn.video_large", "warn.attachment_large"}


def test_a_document_the_article_does_not_list_is_reported_unused(tmp_path):
    site = make_site(tmp_path, {A + "index.md": article(), A + "quyet-dinh.pdf": pdf()})
    [problem] = check_site(load_config(site), now=NOW)
    assert (problem.path, problem.msg.key) == (A + "quyet-dinh.pdf", "file.unused_media")
    assert "attachments:" in problem.format("en")


def test_a_refused_document_fails_the_build_and_names_it(tmp_path):
    site = make_site(tmp_path, {A + "index.md": article(attachments="[{src: cai-dat.exe, title: Phần mềm}]"),
                                A + "cai-dat.exe": b"MZ"})
    with pytest.raises(BuildFailed) as failed:
        build_site_dir(site)
    [problem] = failed.value.problems
    assert (problem.path, problem.line, problem.msg.key) == (A + "index.md", 4, "attachment.refused")
    assert not (site / "build").exists()


def test_the_documents_page_lists_every_document_newest_article_first(built):
    html = (built / "build/tai-lieu/index.html").read_text(encoding="utf-8")
    assert "<h1>Tài liệu</h1>" in html and f'<a href="{URL}">Ra quân bảo đảm trật tự giao thông</a>' in html
    assert html.index("Thông báo số 15/TB-CAT") < html.index("Mẫu đơn đề nghị")
    assert 'href="/tai-lieu/"' in page(built)
    assert "<loc>https://congan.example.vn/tai-lieu/</loc>" in (built / "build/sitemap.xml").read_text(encoding="utf-8")


def test_a_site_without_documents_has_no_documents_page(tmp_path):
    site = make_site(tmp_path, {A + "index.md": article()})
    build_site_dir(site)
    assert not (site / "build/tai-lieu").exists()
