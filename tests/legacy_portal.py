"""Old portals written for the import tests, served on 127.0.0.1 by a thread of the test.

Three layouts an office's portal really has, each hand-written in the style of its kind of CMS:
- `aspnet`: an ASP.NET portal, UTF-8, '/tin-tuc/chi-tiet/<id>.aspx', a photo in a two-row table with
  its caption below, "Cập nhật ngày:", the byline in capitals, share buttons, related list, comments.
- `java`: a Java CMS in Windows-1258 (declared in a <meta>), Open Graph and
  `article:published_time`, <figure>/<figcaption>, lists, bold and italics, keywords.
- `wordpress`: a theme with JSON-LD, a BreadcrumbList, a photo and its italic caption in one
  paragraph, a table, and a wrong charset in the HTTP header (ISO-8859-1 for UTF-8 bytes).
Plus what goes wrong: a 404, a login page, a list page, an endless redirect, a page that fails
once (503) before answering, a photo that is missing, and a layout only site.yaml selectors can read.
"""

from __future__ import annotations

import http.server
import io
import threading
import unicodedata
from dataclasses import dataclass, field

from PIL import Image

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: base letters it has, tone marks as combining characters."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


def photo(color: str, size=(320, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


# --- the articles, as their readers see them ------------------------------------------------------

ASPNET = dict(
    title="Tiếp tục đẩy mạnh xây dựng lực lượng Công an xã, thị trấn vững mạnh toàn diện",
    date="27/09/2024 11:41",
    paragraphs=["Sáng ngày 27/9, Công an tỉnh tổ chức Hội nghị sơ kết 2 năm thực hiện Đề án xây dựng lực lượng "
                "Công an xã, thị trấn chính quy.",
                "2 năm qua, Công an tỉnh quán triệt và triển khai đồng bộ nhiều giải pháp, tham mưu cấp ủy, chính "
                "quyền bố trí trụ sở làm việc cho Công an xã."],
    caption="Đồng chí Phạm Thành Ngại - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh phát biểu chỉ đạo hội nghị",
    author="Dương Út", byline="DƯƠNG ÚT", source="ĐTO", category="Xây dựng lực lượng")

JAVA = dict(
    title="Bắt quả tang đối tượng tàng trữ trái phép chất ma túy",
    date="02/10/2024 08:15",
    paragraphs=["Tối 1/10, tổ công tác Phòng Cảnh sát điều tra tội phạm về ma túy phát hiện một đối tượng có biểu "
                "hiện nghi vấn tại khu vực chợ.",
                "Vụ việc đang được cơ quan chức năng điều tra, làm rõ để xử lý theo quy định của pháp luật."],
    caption="Đối tượng cùng tang vật tại cơ quan Công an",
    author="Nguyễn Văn Hùng", source="CAT", category="Phòng chống tội phạm")

WORDPRESS = dict(
    title="Ra quân bảo đảm trật tự an toàn giao thông dịp cuối năm",
    date="15/11/2024 07:30",
    paragraphs=["Sáng 15/11, Phòng Cảnh sát giao thông tổ chức lễ ra quân cao điểm bảo đảm trật tự an toàn giao "
                "thông dịp cuối năm.",
                "Lực lượng tập trung kiểm tra, xử lý các lỗi vi phạm là nguyên nhân trực tiếp gây tai nạn giao thông."],
    caption="Cán bộ, chiến sĩ Phòng Cảnh sát giao thông tại lễ ra quân",
    author="Trần Thị Bình", category="An toàn giao thông")

ODD = dict(
    title="Công an xã Mỹ Lợi ra mắt mô hình tổ tự quản",
    date="03/12/2024 09:00",
    paragraphs=["Sáng 3/12, Công an xã Mỹ Lợi ra mắt mô hình tổ tự quản về an ninh trật tự tại ấp 2.",
                "Mô hình góp phần giữ vững an ninh trật tự ở cơ sở, được Nhân dân đồng tình hưởng ứng."],
    author="Lê Văn Cường")


def aspnet_page(article_id: int = 12345, other_link: str = "/tin-tuc/chi-tiet/777.aspx") -> bytes:
    a = ASPNET
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{a['title']} - Công an tỉnh Đồng Tháp</title>
<script>var _gaq = [];</script></head>
<body><form id="aspnetForm" action="chi-tiet.aspx">
<div id="header"><a href="/"><img src="/images/logo.png" width="40" height="40"></a>
<ul class="menu"><li><a href="/tin-tuc/">Tin tức</a></li><li><a href="/lien-he.aspx">Liên hệ</a></li></ul></div>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc/xdll.aspx">Xây dựng lực lượng</a></div>
<div class="news-detail">
<h1 class="title">{a['title']}</h1>
<span class="date">Cập nhật ngày: {a['date']}:48</span>
<div class="news-content">
<p><strong>{a['source']}</strong> - {a['paragraphs'][0]}</p>
<table class="image" align="center"><tr><td><img src="/Uploads/2024/09/hoi-nghi.jpg" alt="hoi-nghi"></td></tr>
<tr><td><span style="font-size:11px">{a['caption']}</span></td></tr></table>
<p>{a['paragraphs'][1]} Xem thêm bài <a href="{other_link}">trước đó</a>.</p>
<p>Dịp này, Giám đốc Công an tỉnh tặng Giấy khen cho 34 tập thể, 74 cá nhân có thành tích xuất sắc.</p>
<p><img src="/Uploads/khong-co.jpg"></p>
<p style="text-align:right"><strong>{a['byline']}</strong></p>
</div>
<div class="share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
<span class="luot-xem">Lượt xem: 1234</span>
<p><a href="javascript:history.back()">&lt; Trở về trang trước</a></p>
<div class="comment-box"><h3>Gửi bình luận của bạn</h3><textarea></textarea><input type="submit" value="Gửi"></div>
<div class="tin-lien-quan"><h3>Các tin khác</h3><ul>
<li><a href="/tin-tuc/chi-tiet/1.aspx">Tin khác số một về hội nghị</a></li>
<li><a href="/tin-tuc/chi-tiet/2.aspx">Tin khác số hai về hội nghị</a></li></ul></div>
</div></form></body></html>""".encode("utf-8")


def aspnet_other_page() -> bytes:
    """The article the first one links to: imported in the same run, so the link is rewritten."""
    text = aspnet_page().decode("utf-8")
    text = text.replace(ASPNET["title"], "Hội nghị triển khai công tác xây dựng lực lượng năm 2024")
    text = text.replace("27/09/2024", "20/09/2024").replace('href="/tin-tuc/chi-tiet/777.aspx"', 'href="/"')
    return text.encode("utf-8")


def java_page() -> bytes:
    a = JAVA
    text = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="windows-1258">
<title>{a['title']} | Công an tỉnh</title>
<meta property="og:title" content="{a['title']}">
<meta property="article:published_time" content="2024-10-02T08:15:00+07:00">
<meta name="keywords" content="ma túy, Phòng Cảnh sát điều tra tội phạm về ma túy">
</head><body>
<header><nav><a href="/">Trang chủ</a> <a href="/portal/an-ninh">An ninh</a></nav></header>
<div class="path"><a href="/">Trang chủ</a> / <a href="/portal/ptcp">Phòng chống tội phạm</a></div>
<main><article>
<h1>{a['title']}</h1>
<div class="article-body">
<p>{a['source']} - {a['paragraphs'][0]}</p>
<h3>Tang vật thu giữ</h3>
<ul><li>2 gói ni lông chứa ma túy đá;</li><li>1 điện thoại di động.</li></ul>
<figure><img src="img/tang-vat.jpg" alt="Đối tượng và tang vật trên bàn làm việc"><figcaption>{a['caption']}</figcaption></figure>
<p>{a['paragraphs'][1]} Người dân phát hiện vi phạm xin <b>báo ngay</b> cho <i>Công an nơi gần nhất</i>.</p>
<p><b>Tin, ảnh: NGUYỄN VĂN HÙNG</b></p>
</div></article>
<aside class="related"><h3>Tin liên quan</h3><a href="/portal/1">Một</a></aside></main>
<footer>Bản quyền thuộc Công an tỉnh</footer></body></html>"""
    return to_cp1258(text)


def wordpress_page() -> bytes:
    a = WORDPRESS
    return f"""<!doctype html><html lang="vi-VN"><head><meta charset="UTF-8">
<title>{a['title']} &#8211; Công an huyện</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@graph": [{{"@type": "NewsArticle",
"headline": "{a['title']}", "datePublished": "2024-11-15T07:30:00+07:00",
"author": {{"@type": "Person", "name": "{a['author']}"}}}}]}}</script></head>
<body class="single-post"><div id="page">
<ol itemscope itemtype="https://schema.org/BreadcrumbList"><li><a href="/">Trang chủ</a></li>
<li><a href="/chuyen-muc/atgt/">An toàn giao thông</a></li></ol>
<h1 class="entry-title">{a['title']}</h1>
<div class="entry-meta">Đăng ngày 15/11/2024</div>
<div class="entry-content">
<p>{a['paragraphs'][0]}</p>
<p style="text-align:center"><img src="https://cdn.example.invalid/ra-quan.jpg" data-src="/wp-content/uploads/2024/11/ra-quan.jpg" width="600" height="400"><br><em>{a['caption']}</em></p>
<p>{a['paragraphs'][1]}</p>
<table><tr><th>Lỗi vi phạm</th><th>Số trường hợp</th></tr><tr><td>Nồng độ cồn</td><td>12</td></tr></table>
<div class="sharedaddy"><h3>Chia sẻ:</h3><a href="#">Facebook</a></div>
</div>
<div id="comments"><h3>Ý kiến bạn đọc</h3></div>
</div></body></html>""".replace('src="https://cdn.example.invalid/ra-quan.jpg" data-src=', "src=").encode("utf-8")


def odd_page() -> bytes:
    """A layout only selectors read: the text in <br>-separated lines of a span, the date in a cell."""
    a = ODD
    return f"""<html><head><title>Cổng thông tin</title></head><body>
<table><tr><td class="left"><a href="/">Trang chủ</a><br><a href="/a">Giới thiệu</a></td><td>
<span class="tieu-de">{a['title']}</span>
<table><tr><td class="ngay">Ngày: {a['date'].split()[0]} lúc {a['date'].split()[1]}</td></tr></table>
<span id="noi-dung">{a['paragraphs'][0]}<br><br>{a['paragraphs'][1]}</span>
<span class="tac-gia">{a['author']}</span>
<div class="box"><p>Liên kết website: <a href="https://a.example">a</a> <a href="https://b.example">b</a></p>
<p>Thống kê truy cập: 123456 lượt, đang trực tuyến 12, hôm nay 300, hôm qua 250, tuần này 1000.</p></div>
</td></tr></table></body></html>""".encode("utf-8")


def list_page() -> bytes:
    return """<html><head><meta charset="utf-8"><title>Tin tức</title></head><body><div class="list">
<h2><a class="news-title" href="/tin-tuc/chi-tiet/12345.aspx">Một</a></h2>
<h2><a class="news-title" href="/java/bai-2.html">Hai</a></h2>
<p><a href="/lien-he.aspx">Liên hệ</a></p></div></body></html>""".encode("utf-8")


def sitemap(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/tin-tuc/chi-tiet/12345.aspx</loc></url>
<url><loc>{base}/java/bai-2.html</loc></url>
<url><loc>{base}/2024/11/15/ra-quan/</loc></url>
</urlset>""".encode("utf-8")


@dataclass
class Portal:
    """An old portal on 127.0.0.1: `routes` maps a path to (status, content type, bytes, extra headers)."""

    routes: dict = field(default_factory=dict)
    hits: list = field(default_factory=list)          # (path, user agent)
    in_flight: int = 0
    max_in_flight: int = 0
    fail_once: set = field(default_factory=set)

    def __post_init__(self):
        self.lock = threading.Lock()
        portal = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                with portal.lock:
                    portal.in_flight += 1
                    portal.max_in_flight = max(portal.max_in_flight, portal.in_flight)
                    portal.hits.append((self.path, self.headers.get("User-Agent", "")))
                try:
                    import time
                    time.sleep(0.02)                      # long enough for requests to overlap if allowed
                    status, ctype, body, headers = portal.answer(self.path)
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                finally:
                    with portal.lock:
                        portal.in_flight -= 1

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def answer(self, path: str):
        if path in self.fail_once:
            self.fail_once.discard(path)
            return 503, "text/plain", b"busy", {}
        if path in self.routes:
            return self.routes[path]
        return 404, "text/html; charset=utf-8", "<html><body><h1>Không tìm thấy trang</h1></body></html>".encode(), {}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def standard_portal() -> Portal:
    html = "text/html; charset=utf-8"
    portal = Portal()
    portal.routes.update({
        "/tin-tuc/chi-tiet/12345.aspx": (200, html, aspnet_page(), {}),
        "/tin-tuc/chi-tiet/777.aspx": (200, html, aspnet_other_page(), {}),
        "/Uploads/2024/09/hoi-nghi.jpg": (200, "image/jpeg", photo("navy"), {}),
        "/java/bai-2.html": (200, "text/html", java_page(), {}),
        "/java/img/tang-vat.jpg": (200, "image/jpeg", photo("maroon"), {}),
        "/2024/11/15/ra-quan/": (200, "text/html; charset=iso-8859-1", wordpress_page(), {}),
        "/wp-content/uploads/2024/11/ra-quan.jpg": (200, "image/jpeg", photo("green"), {}),
        "/odd.aspx?id=9": (200, html, odd_page(), {}),
        "/tin-tuc/": (200, html, list_page(), {}),
        "/dang-nhap.aspx": (200, html, b'<html><body><h1>\xc4\x90\xc4\x83ng nh\xe1\xba\xadp</h1><form>'
                                       b'<input name="u"><input type="password" name="p"></form></body></html>', {}),
        "/vong-lap": (302, html, b"", {"Location": "/vong-lap"}),
    })
    return portal
