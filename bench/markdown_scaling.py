"""How parsing time grows with the size of a body, for the inputs that made Python-Markdown superlinear.

    python bench/markdown_scaling.py                  # every family
    python bench/markdown_scaling.py links code       # some of them
    python bench/markdown_scaling.py --src /old/src   # another version of bantin

Each family is a body made of one unit repeated n times, in one paragraph and then in paragraphs of
500 units, rendered by bantin's `MarkdownRenderer` at n, 2n, 4n, 8n up to the body limits.
Prints the CPU seconds of each size (process time: a busy machine changes it less than the wall
clock) and the growth from one size to the next: about 2 is linear, 4 quadratic. A size past a
limit of `check_limits` prints the message key instead: the body is refused before parsing. The
last column is the largest body of the family that is accepted, in CPU seconds: the worst case a
`ARTICLE_SECONDS` guard has to stay far above.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PAD = "Nội dung văn bản thường, không có ký tự định dạng nào. " * 8000   # ~440 000 characters

UNITS = {
    "links": "Xem [văn bản](/a/) số 1. ",
    "links with titles": 'Xem [a](/a/ "tiêu đề") x. ',
    "images": "![ảnh](a.png) x ",
    "reference links": "[a][b] x ",
    "unclosed '[a]('": "[a](" + "x" * 40 + " ",
    "unclosed '['": "[" + "x" * 40 + " ",
    "'[' alone": "[",
    "code spans": "`a` ",
    "unmatched backtick runs": "`` a ` ",
    "emphasis": "*a* ",
    "unpaired '*'": "*a ",
    "underscores": "_a_ ",
    "entities": "&amp; ",
    "escapes": "\\* ",
    "line breaks": "a  \n",
    "autolinks": "<https://a.vn> ",
}
BLOCKS = {                              # bodies whose blocks are already many
    "list items": lambda n: "- mục **đậm**\n" * n,
    "table rows": lambda n: "| x | y |\n|---|---|\n" + "| a | **b** |\n" * n,
    "paragraphs": lambda n: "Đoạn *văn*.\n\n" * n,
}
PER_PARAGRAPH = 500


def families() -> dict:
    found = {}
    for name, unit in UNITS.items():
        found[f"{name}, one paragraph"] = lambda n, unit=unit: unit * n
        found[f"{name}, {PER_PARAGRAPH} a paragraph"] = \
            lambda n, unit=unit: (unit * PER_PARAGRAPH + "\n\n") * max(1, n // PER_PARAGRAPH)
    return {**found, **BLOCKS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("families", nargs="*", help="names (or the start of names) of families to run")
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent / "src")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    from bantin.content.markdown import BodyLimit, MarkdownRenderer

    renderer = MarkdownRenderer()
    every = families()
    chosen = [name for name in every if not args.families or any(name.startswith(f) for f in args.families)]
    for name in chosen:
        row, n, previous, worst = [], 1000, None, 0.0
        while n <= 1_000_000:
            body = every[name](n)
            if len(body) > 500_000:
                break
            started = time.process_time()
            try:
                renderer.render(body)
            except BodyLimit as limit:
                row.append(f"{n}: {limit.key}")
                break
            seconds = time.process_time() - started
            worst = max(worst, seconds)
            growth = f" x{seconds / previous:.1f}" if previous and previous > 0.005 else ""
            row.append(f"{n}: {seconds:.2f}s{growth}")
            previous, n = seconds, n * 2
        print(f"{name:42} {'  '.join(row)}  | worst {worst:.2f}s", flush=True)
    padded = UNITS["entities"] * 5_000 + PAD
    started = time.process_time()
    renderer.render(padded)
    print(f"{'5 000 entities, then 440 000 characters':42} {time.process_time() - started:.2f}s (one paragraph)")


if __name__ == "__main__":
    main()
