"""YouTube and Facebook addresses as editors paste them -> the video, its start and the player to load;
every other address refused with its reason."""

from __future__ import annotations

import pytest

from bantin.content.embeds import AddressError, is_address, parse_video_address

ID = "aqz-KE-bpKQ"


@pytest.mark.parametrize("address, start", [
    (f"https://www.youtube.com/watch?v={ID}", 0),
    (f"https://youtube.com/watch?v={ID}&list=PL123&index=2", 0),
    (f"https://m.youtube.com/watch?v={ID}&feature=share", 0),
    (f"http://www.youtube.com/watch?feature=youtu.be&v={ID}", 0),
    (f"https://youtu.be/{ID}", 0),
    (f"https://youtu.be/{ID}?si=AbCdEf&t=90", 90),
    (f"https://www.youtube.com/shorts/{ID}", 0),
    (f"https://www.youtube.com/embed/{ID}?start=75", 75),
    (f"https://www.youtube-nocookie.com/embed/{ID}", 0),
    (f"https://www.youtube.com/live/{ID}?t=1h2m3s", 3723),
    (f"https://www.youtube.com/watch?v={ID}&t=1m30s", 90),
    (f"https://www.youtube.com/watch?v={ID}&t=45s", 45),
    (f"https://www.youtube.com/watch?v={ID}#t=2m", 120),
    (f"  https://www.youtube.com/watch?v={ID}  ", 0),
])
def test_every_youtube_address_shape_names_the_video_and_its_start(address, start):
    video = parse_video_address(address)
    assert (video.platform, video.id, video.start) == ("youtube", ID, start)
    assert video.embed_url.startswith(f"https://www.youtube-nocookie.com/embed/{ID}?autoplay=1")
    assert video.embed_url.endswith(f"&start={start}") if start else "start" not in video.embed_url
    assert video.url == f"https://www.youtube.com/watch?v={ID}" + (f"&t={start}s" if start else "")


@pytest.mark.parametrize("address", [
    "https://www.facebook.com/CongAnTinhDongThap/videos/1234567890123456/",
    "https://www.facebook.com/watch/?v=1234567890123456",
    "https://m.facebook.com/watch/?v=1234567890123456&ref=sharing",
    "https://www.facebook.com/video.php?v=1234567890123456",
    "https://web.facebook.com/reel/1234567890123456",
])
def test_every_facebook_address_shape_names_the_video(address):
    video = parse_video_address(address)
    assert (video.platform, video.id) == ("facebook", "1234567890123456")
    assert video.url == "https://www.facebook.com/watch/?v=1234567890123456"
    assert video.embed_url == ("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com"
                               "%2Fwatch%2F%3Fv%3D1234567890123456&show_text=false&autoplay=true")


@pytest.mark.parametrize("address, reason", [
    ("https://vimeo.com/76979871", "video.reason.host"),
    ("https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ", "video.reason.host"),
    ("https://tiktok.com/@congan/video/1", "video.reason.host"),
    ("ftp://www.youtube.com/watch?v=aqz-KE-bpKQ", "video.reason.form"),
    ("https://www.youtube.com/watch?v=short", "video.reason.youtube_id"),
    ("https://www.youtube.com/@CongAnTinh", "video.reason.not_a_video"),
    ("https://www.youtube.com/playlist?list=PL123", "video.reason.not_a_video"),
    ("https://fb.watch/abcDEF12/", "video.reason.short_link"),
    ("https://www.facebook.com/share/v/1AbCdEf/", "video.reason.short_link"),
    ("https://www.facebook.com/CongAnTinhDongThap/", "video.reason.not_a_video"),
    ("https://www.facebook.com/watch/?v=abc", "video.reason.facebook_id"),
])
def test_other_addresses_are_refused_with_their_reason(address, reason):
    with pytest.raises(AddressError) as refused:
        parse_video_address(address)
    assert refused.value.reason == reason


def test_a_start_time_past_a_day_is_no_start():
    assert parse_video_address(f"https://youtu.be/{ID}?t=99999999").start == 0


@pytest.mark.parametrize("src, expected", [("https://youtu.be/x", True), ("//youtu.be/x", True),
                                           ("clip.mp4", False), ("video/clip.mp4", False), ("c:clip.mp4", False)])
def test_an_address_is_told_from_a_file_name(src, expected):
    assert is_address(src) is expected
