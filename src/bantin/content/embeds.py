"""Addresses of videos on YouTube and Facebook -> the video's id and the players a page may load.

Pure string work, no network: an editor pastes whatever the address bar or the share button gave
(`watch?v=`, `youtu.be/`, `shorts/`, `embed/`, `live/`, a mobile host, a `t=` start time), and the
article gets one canonical address (for links and search engines) and the platform's privacy-enhanced
player (`www.youtube-nocookie.com/embed/ID`, Facebook's video plugin), which the theme loads only
when the reader asks for it. An address on any other host, or one whose video cannot be told from
the address alone (a `fb.watch` or `facebook.com/share/` short link, a channel, a playlist), is
refused with the reason, so the article shows what the editor meant or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/"
FACEBOOK_PLAYER = "https://www.facebook.com/plugins/video.php"
# the hosts the theme's players are loaded from: the Content-Security-Policy's frame-src (docs/deploy/)
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://www.facebook.com")

_YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com",
                            "youtube-nocookie.com", "www.youtube-nocookie.com"})
_FACEBOOK_HOSTS = frozenset({"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com",
                             "mbasic.facebook.com"})
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_FACEBOOK_ID = re.compile(r"^[0-9]{5,25}$")
_YOUTUBE_PATHS = ("shorts", "embed", "live", "v", "e")
_TIME = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")
MAX_START = 24 * 3600


@dataclass(frozen=True, slots=True)
class PlatformVideo:
    """A video on a platform: which, its id, where it starts, its address and its player."""

    platform: str           # 'youtube' | 'facebook'
    id: str
    start: int              # seconds (YouTube's `t=`), 0 from the beginning
    url: str                # canonical address, for links and search engines
    embed_url: str          # the privacy-enhanced player, loaded on the reader's click


class AddressError(ValueError):
    """An address that names no video bantin can show; `reason` is a catalog key."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_address(src: str) -> bool:
    """Does `src` look like a web address (rather than a file of the article's folder)?"""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", src.strip())) or src.strip().startswith("//")


def parse_video_address(address: str) -> PlatformVideo:
    """The YouTube or Facebook video an address names. Raises `AddressError` for any other host,
    a malformed address, or one that names no single video."""
    parts = urlsplit(address.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise AddressError("video.reason.form")
    host = parts.hostname.lower()
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        return _youtube(host, parts.path, parse_qs(parts.query), parts.fragment)
    if host in _FACEBOOK_HOSTS:
        return _facebook(parts.path, parse_qs(parts.query))
    if host == "fb.watch" or host.endswith(".facebook.com") and "/share/" in parts.path:
        raise AddressError("video.reason.short_link")
    raise AddressError("video.reason.host")


def _youtube(host: str, path: str, query: dict[str, list[str]], fragment: str) -> PlatformVideo:
    segments = [s for s in path.split("/") if s]
    if host == "youtu.be":
        candidate = segments[0] if segments else ""
    elif segments[:1] == ["watch"]:
        candidate = query.get("v", [""])[0]
    elif len(segments) >= 2 and segments[0] in _YOUTUBE_PATHS:
        candidate = segments[1]
    else:
        raise AddressError("video.reason.not_a_video")
    if not _YOUTUBE_ID.match(candidate):
        raise AddressError("video.reason.youtube_id")
    start = _start_time(query.get("t", query.get("start", [""]))[0]
                        or dict(p.split("=", 1) for p in fragment.split("&") if "=" in p).get("t", ""))
    url = f"https://www.youtube.com/watch?v={candidate}" + (f"&t={start}s" if start else "")
    embed = f"{YOUTUBE_PLAYER}{candidate}?autoplay=1" + (f"&start={start}" if start else "")
    return PlatformVideo("youtube", candidate, start, url, embed)


def _start_time(value: str) -> int:
    """YouTube's `t=`: '90', '90s', '1m30s', '1h2m3s' -> seconds; anything else is no start."""
    found = _TIME.match(value.strip().lower()) if value else None
    if not found or not any(found.groups()):
        return 0
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return total if total <= MAX_START else 0


def _facebook(path: str, query: dict[str, list[str]]) -> PlatformVideo:
    segments = [s for s in path.split("/") if s]
    candidate = ""
    if segments[:1] in (["watch"], ["video.php"]) or segments[-1:] == ["video.php"]:
        candidate = query.get("v", [""])[0]
    elif "videos" in segments[:-1]:
        candidate = segments[segments.index("videos") + 1]
    elif segments[:1] == ["reel"] and len(segments) >= 2:
        candidate = segments[1]
    elif segments[:1] == ["share"]:
        raise AddressError("video.reason.short_link")
    if not candidate:
        raise AddressError("video.reason.not_a_video")
    if not _FACEBOOK_ID.match(candidate):
        raise AddressError("video.reason.facebook_id")
    url = f"https://www.facebook.com/watch/?v={candidate}"
    embed = f"{FACEBOOK_PLAYER}?href={quote(url, safe='')}&show_text=false&autoplay=true"
    return PlatformVideo("facebook", candidate, 0, url, embed)
