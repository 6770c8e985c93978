"""Whether a word can be a Vietnamese syllable: an initial consonant (or none), one to three vowels
with at most one tone mark, and one of the finals Vietnamese allows.

Two readers need it: the charset guess (a page decoded in the wrong code page is full of words no
Vietnamese writes: "dýòng", "xaÞ") and the byline reader (an agency code in capitals such as
"ĐTO", "QNO" or "TTXVN" is not a syllable, a name such as "HÂN" is).
"""

from __future__ import annotations

import functools
import unicodedata

_INITIALS = ("ngh", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "p", "ph",
             "qu", "r", "s", "t", "th", "tr", "v", "x", "")
_FINALS = ("", "c", "ch", "m", "n", "ng", "nh", "p", "t")
_VOWELS = "aăâeêioôơuưy"
_NUCLEI = frozenset("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy "
                    "ưa ưi ươ ưu yê iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu".split())
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_INITIALS_LONGEST_FIRST = tuple(sorted(_INITIALS, key=len, reverse=True))


@functools.lru_cache(maxsize=16384)
def is_syllable(word: str) -> bool:
    """'Hân', 'ĐƯỜNG', 'nghiêng' are syllables; 'ĐTO', 'QNO', 'dýòng', 'xaÞ' are not."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    if sum(1 for c in decomposed if c in _TONES) > 1 or any(a.islower() and b.isupper() for a, b in zip(word, word[1:])):
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if not base or not all(c.isalpha() for c in base):
        return False
    for initial in _INITIALS_LONGEST_FIRST:
        if base.startswith(initial):
            rest = base[len(initial):]
            nucleus = len(rest) - len(rest.lstrip(_VOWELS))
            if rest[:nucleus] in _NUCLEI and rest[nucleus:] in _FINALS:
                return True
    return False
