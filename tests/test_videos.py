"""Video files read by the FFmpeg of imageio-ffmpeg: size as shown, duration, codec; the poster frame,
the same bytes every time; captions checked to be WebVTT; a slow or missing FFmpeg is a message."""

from __future__ import annotations

import hashlib

import pytest
from conftest import VTT, clip

from bantin.content import videos
from bantin.content.videos import VideoError, check_captions, container_of, poster_time, probe_video, read_frame


@pytest.fixture
def clip_file(tmp_path):
    def write(**options) -> str:
        path = tmp_path / f"clip-{len(list(tmp_path.iterdir()))}.{options.get('container', 'mp4')}"
        path.write_bytes(clip(**options))
        return path
    return write


def test_a_clip_is_read_for_its_codec_size_and_duration(clip_file):
    path = clip_file()
    info = probe_video(path, "clip.mp4")
    assert (info.codec, info.width, info.height, info.duration) == ("h264", 320, 180, 2.0)
    assert info.digest == hashlib.sha256(path.read_bytes()).digest()


def test_a_phone_clip_filmed_upright_is_as_tall_as_it_is_shown(clip_file):
    info = probe_video(clip_file(rotate=90), "doc.mp4")
    assert (info.width, info.height) == (180, 320)


def test_a_webm_clip_is_read_too(clip_file):
    info = probe_video(clip_file(codec="libvpx-vp9", container="webm"), "clip.webm")
    assert (info.codec, info.width, info.height) == ("vp9", 320, 180)


def test_the_poster_frame_is_the_same_bytes_every_time_and_as_large_as_shown(clip_file):
    path = str(clip_file(rotate=90))
    first = read_frame(path, 0.5, 180, 320)
    assert first.startswith(b"P6\n180 320\n255\n") and len(first) == len(b"P6\n180 320\n255\n") + 180 * 320 * 3
    assert read_frame(path, 0.5, 180, 320) == first
    assert read_frame(path, 0.5, 180, 320) != read_frame(path, 1.5, 180, 320)     # another moment


def test_past_the_end_the_poster_is_the_first_frame(clip_file):
    path = str(clip_file())
    assert read_frame(path, 60.0, 320, 180) == read_frame(path, 0.0, 320, 180)


@pytest.mark.parametrize("duration, at", [(None, 0.0), (2.0, 0.2), (30.0, 3.0), (600.0, 5.0)])
def test_the_poster_is_taken_a_tenth_in_at_most_five_seconds(duration, at):
    assert poster_time(duration) == at


def test_a_file_that_is_no_video_is_unreadable(tmp_path):
    path = tmp_path / "clip.mp4"
    path.write_bytes(b"\0\0\0\x18ftypisom" + bytes(300))
    with pytest.raises(VideoError) as failed:
        probe_video(path, "clip.mp4")
    assert failed.value.msg.key == "video.unreadable"


@pytest.mark.parametrize("head, container", [(b"\0\0\0\x18ftypisom", "mp4"), (b"\x1a\x45\xdf\xa3\x01", "webm"),
                                             (b"RIFF\0\0\0\0AVI ", None), (b"MZ\x90", None)])
def test_the_container_is_told_from_the_first_bytes(head, container):
    assert container_of(head + bytes(50)) == container


def test_ffmpeg_past_its_time_is_stopped_with_a_message(clip_file, monkeypatch):
    monkeypatch.setattr(videos, "PROBE_SECONDS", 0.000_001)
    with pytest.raises(VideoError) as failed:
        probe_video(clip_file(), "clip.mp4")
    assert failed.value.msg.key == "video.too_slow"


def test_without_ffmpeg_the_message_says_how_to_get_it(clip_file, monkeypatch):
    def missing():
        raise RuntimeError("No ffmpeg exe could be found")
    monkeypatch.setattr(videos.imageio_ffmpeg, "get_ffmpeg_exe", missing)
    with pytest.raises(VideoError) as failed:
        probe_video(clip_file(), "clip.mp4")
    assert failed.value.msg.key == "video.no_ffmpeg"
    assert "IMAGEIO_FFMPEG_EXE" in failed.value.msg.render("en")


def test_ffmpeg_runs_with_a_memory_limit(clip_file, monkeypatch):
    monkeypatch.setattr(videos, "MEMORY_LIMIT", 16 * 1024 * 1024)       # too little for FFmpeg to start
    with pytest.raises(VideoError):
        probe_video(clip_file(), "clip.mp4")


@pytest.mark.parametrize("data, reason", [
    (VTT.encode(), None),
    (("\ufeff" + VTT).encode(), None),
    (VTT.replace("\n", "\r\n").encode(), None),
    (b"1\n00:00:00,000 --> 00:00:01,000\nA\n", "video.captions.no_header"),
    (b"WEBVTT\n\n00:00,000 --> 00:01,000\nA\n", "video.captions.no_cue"),
    (b"WEBVTT\n\n", "video.captions.no_cue"),
    (b"WEBVTT\n" + b"x" * (2 * 1024 * 1024), "video.captions.too_large"),
])
def test_captions_are_checked_to_be_webvtt_with_cues(data, reason):
    found = check_captions(data, "phu-de.vtt")
    assert (dict(found.params)["reason"].key if found else None) == reason


def test_captions_not_in_utf8_are_refused():
    assert check_captions("WEBVTT\n\nXin chào".encode("cp1258"), "a.vtt").key == "video.captions_encoding"
