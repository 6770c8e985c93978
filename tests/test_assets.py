"""Static files: assets fingerprinted by the hash of their bytes, references inside CSS rewritten, files
fetched by name kept as they are, bundle photos never renamed."""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import SITE_YAML, article, build_site_dir, jpeg, make_site

from bantin.output.assets import fingerprint_name, fingerprint_static, make_asset_url


def files(root) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def sha8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def test_theme_assets_are_published_only_under_fingerprinted_names(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article()})
    build_site_dir(site)
    out = site / "build"
    css = [name for name in files(out) if name.startswith("css/")]
    assert sorted(re.sub(r"\.[0-9a-f]{8}\.", ".*.", name) for name in css) == ["css/bantin.*.css", "css/print.*.css"]
    for name in css:
        assert sha8((out / name).read_bytes()) == name.split(".")[-2]
    html = (out / "index.html").read_text(encoding="utf-8")
    for name in css + [n for n in files(out) if n.startswith("favicon.")]:
        assert f'href="/{name}"' in html
    assert not (out / "css/bantin.css").exists() and not (out / "favicon.svg").exists()


def test_a_site_file_overrides_the_theme_and_gets_its_own_hash(tmp_path):
    own = b"body { color: #123456; }\n"
    site = make_site(tmp_path, {"content/a.md": article(), "static/css/bantin.css": own})
    build_site_dir(site)
    assert (site / f"build/css/bantin.{sha8(own)}.css").read_bytes() == own
    assert f'href="/css/bantin.{sha8(own)}.css"' in (site / "build/index.html").read_text(encoding="utf-8")


def test_css_references_are_rewritten_before_the_css_is_hashed(tmp_path):
    bg, font = jpeg(4, 4), b"wOF2 font bytes"
    css = (b'@import "base.css";\n'
           b'.a { background: url(../anh/nen.jpg) }\n'
           b'.b { background: url( "/anh/nen.jpg?v=1#x" ) }\n'
           b"@font-face { src: url('../fonts/chu.woff2') format('woff2') }\n"
           b".c { background: url(data:image/png;base64,AAAA) }\n"
           b".d { background: url(khong-co.png) }\n"
           b".e { background: url(https://cdn.example.vn/x.png) }\n")
    base = b".base { background: url(../anh/nen.jpg) }\n"
    site = make_site(tmp_path, {"content/a.md": article(), "static/css/rieng.css": css, "static/css/base.css": base,
                                "static/anh/nen.jpg": bg, "static/fonts/chu.woff2": font})
    build_site_dir(site)
    out = site / "build"
    base_out = f"base.{sha8(base.replace(b'../anh/nen.jpg', f'../anh/nen.{sha8(bg)}.jpg'.encode()))}.css"
    expected = (f'@import "{base_out}";\n'
                f".a {{ background: url(../anh/nen.{sha8(bg)}.jpg) }}\n"
                f'.b {{ background: url( "/anh/nen.{sha8(bg)}.jpg?v=1#x" ) }}\n'
                f"@font-face {{ src: url('../fonts/chu.{sha8(font)}.woff2') format('woff2') }}\n"
                ".c { background: url(data:image/png;base64,AAAA) }\n"
                ".d { background: url(khong-co.png) }\n"
                ".e { background: url(https://cdn.example.vn/x.png) }\n").encode()
    assert (out / f"css/rieng.{sha8(expected)}.css").read_bytes() == expected
    assert (out / "css" / base_out).is_file()
    assert (out / f"anh/nen.{sha8(bg)}.jpg").read_bytes() == bg
    assert (out / f"fonts/chu.{sha8(font)}.woff2").read_bytes() == font


def test_files_fetched_by_name_keep_it(tmp_path):
    site = make_site(tmp_path, {"content/a.md": article(), "static/robots.txt": "User-agent: *\n",
                                "static/CNAME": "congan.example.vn\n", "static/favicon.ico": b"\0\0\1\0",
                                "static/tai-lieu/quy-che.pdf": b"%PDF-1.4", "static/google1234.html": "x"})
    build_site_dir(site)
    assert {"robots.txt", "CNAME", "favicon.ico", "tai-lieu/quy-che.pdf", "google1234.html"} <= files(site / "build")


def test_bundle_photos_are_not_renamed(tmp_path):
    text = article(images="\n  - {src: anh.jpg, caption: Ảnh}")
    site = make_site(tmp_path, {"content/a/index.md": text, "content/a/anh.jpg": jpeg()}, SITE_YAML + "images: {publish_originals: true}\n")
    build_site_dir(site)
    assert (site / "build/2024/09/27/so-ket-2-nam-xay-dung-luc-luong-cong-an-xa/anh.jpg").is_file()


def test_asset_helper(tmp_path):
    (tmp_path / "app.js").write_bytes(b"console.log(1)")
    static = fingerprint_static({"js/app.js": tmp_path / "app.js"})
    asset = make_asset_url(static)
    assert asset("js/app.js") == asset("/js/app.js") == f"/js/app.{sha8(b'console.log(1)')}.js"
    assert fingerprint_name("js/jquery.min.js", b"x") == f"js/jquery.min.{sha8(b'x')}.js"
    with pytest.raises(ValueError):
        asset("js/khong-co.js")
