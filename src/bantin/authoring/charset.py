"""The text of a saved or fetched page, whatever charset it declares.

Old portals declare the wrong charset often: a Windows-1258 page that says `iso-8859-1`, a UTF-8
page that says `windows-1252`. Every Latin-1 byte decodes, so a wrong declaration never fails; it
gives mojibake ("Ð«ng", "tiÌ‰nh") and every field read from it (the date label "Ngày đăng" among
them) is lost. So the declaration is a candidate, never an answer:

- strict UTF-8 first: Vietnamese text in a legacy code page is almost never valid UTF-8, so a page
  that decodes is UTF-8 whatever it declares;
- otherwise the declared charset, the `<meta>` one, Windows-1258 and Windows-1252 are each decoded
  and normalised to NFC, and the one that reads most like Vietnamese wins: letters of the Vietnamese
  alphabet count for it, characters Vietnamese never uses (C1 controls, "Ð", "Ã", "Ň", a combining
  mark left over after NFC, U+FFFD) against it; a tie keeps the declared one.

charset-normalizer was tried for this and left out: on a 600-byte Windows-1258 paragraph it answered
cp1250 (measured in bench/RESULTS.md, "charset"); a score that knows the Vietnamese alphabet does not
need a statistical model.
"""

from __future__ import annotations

import re
import unicodedata

from ..core import vi
from ..core.syllables import is_syllable

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_VIETNAMESE = frozenset(vi.nfc(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"))
_FALLBACKS = ("cp1258", "cp1252")
_WORD = re.compile(r"[^\W\d_]+|[\x80-\x9f\ufffd]")


def decode_page(data: bytes, declared: str | None = None) -> str:
    """The page's text, NFC, in the charset that reads as Vietnamese (see the module's docstring)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return vi.nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    meta = _META_CHARSET.search(data[:4096])
    candidates: list[str] = []
    for name in (declared, meta.group(1).decode("ascii", "replace") if meta else None, *_FALLBACKS):
        if name and _codec(name) and _codec(name) not in candidates:
            candidates.append(_codec(name))
    best_text, best_score = "", None
    for name in candidates:
        try:
            text = vi.nfc(data.decode(name))
        except (UnicodeDecodeError, LookupError):
            continue
        score = vietnamese_score(text)
        if best_score is None or score > best_score:
            best_text, best_score = text, score
    if best_score is None:
        return vi.nfc(data.decode("cp1258", errors="replace"))
    return best_text


def _codec(name: str) -> str | None:
    """Python's codec for a declared charset name, or None for a name Python does not know."""
    import codecs
    try:
        return codecs.lookup(name.strip().lower().replace("_", "-")).name
    except LookupError:
        return None


def vietnamese_score(text: str) -> int:
    """How much `text` reads like Vietnamese: each word with Vietnamese marks that can be a syllable
    counts one, each word with a character or a mix of marks Vietnamese never writes counts minus
    two ('dýòng', 'xaÞ', a C1 control, U+FFFD, a combining mark left after NFC)."""
    score = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        marked = any(c in _VIETNAMESE for c in word)
        strange = any(c == "\ufffd" or "\x80" <= c <= "\x9f" or unicodedata.combining(c)
                      or ("\u00c0" <= c <= "\u024f" and c not in _VIETNAMESE) for c in word)
        if strange or (marked and not is_syllable(word)):
            score -= 2
        elif marked:
            score += 1
    return score
