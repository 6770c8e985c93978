"""Why `bantin import` guesses a page's charset itself: its score against charset-normalizer.

    python3 bench/charset_choice.py

Every text of bench/import_corpus/texts/ is encoded as Windows-1258 (tone marks as combining
characters, the way old Vietnamese portals wrote it) and as UTF-8, wrapped in a page that declares a
wrong charset (iso-8859-1, windows-1252) or none, and decoded by `authoring.charset.decode_page` and,
when it is installed, by charset-normalizer (`from_bytes(...).best()`). A decode is right when it
gives back the text, NFC. Prints the counts and the time; asserts nothing.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from legacy_portal import to_cp1258  # noqa: E402

from bantin.authoring.charset import decode_page  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "import_corpus" / "texts"


def samples() -> list[tuple[str, bytes, str | None, str]]:
    """(label, page bytes, declared charset, the text it holds)."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8").replace("\r\n", "\n"))
        for encoding, encode in (("cp1258", to_cp1258), ("utf-8", lambda t: t.encode("utf-8"))):
            for declared in ("iso-8859-1", "windows-1252", None):
                head = f"<html><head><meta charset='{declared}'>" if declared else "<html><head>"
                page = head.encode("ascii") + b"</head><body><pre>" + encode(text) + b"</pre></body></html>"
                found.append((f"{encoding} declared {declared}", page, declared, text))
    return found


def main() -> None:
    cases = samples()
    try:
        import charset_normalizer
    except ImportError:
        charset_normalizer = None
    rows = [("bantin decode_page", lambda data, declared: decode_page(data, declared))]
    if charset_normalizer is not None:
        def normalizer(data: bytes, declared: str | None) -> str:
            best = charset_normalizer.from_bytes(data).best()
            return unicodedata.normalize("NFC", str(best)) if best is not None else ""
        rows.append((f"charset-normalizer {charset_normalizer.__version__}", normalizer))
    print(f"{len(cases)} pages (the {len(cases) // 6} texts of the corpus, 2 encodings x 3 declarations)\n")
    print("| decoder | right | of | Windows-1258 right | time |")
    print("|---|---:|---:|---:|---:|")
    for name, decode in rows:
        start = time.perf_counter()
        right = [text in decode(data, declared) for _, data, declared, text in cases]
        spent = time.perf_counter() - start
        legacy = sum(ok for ok, case in zip(right, cases) if case[0].startswith("cp1258"))
        print(f"| {name} | {sum(right)} | {len(cases)} | {legacy} of {len(cases) // 2} | {spent:.2f} s |")


if __name__ == "__main__":
    main()
