"""The page the preview shows instead of the site while the last save failed: every problem with the
offending lines of its file. A page of its own (no site template: they may be what is broken), with a
`<head>` for the reload script."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..core import vi
from ..core.errors import Problem
from ..core.messages import Msg
from ..inputs import BUILTIN_LABEL, BUILTIN_TEMPLATES

EXCERPT_CONTEXT = 2          # lines shown around the offending line
EXCERPT_MAX_BYTES = 4_000_000


@dataclass(frozen=True, slots=True)
class Failure:
    """Why the last save produced no site: problems with a place, and notes without one."""

    problems: tuple[Problem, ...] = ()
    notes: tuple[Msg, ...] = ()

    @property
    def count(self) -> int:
        return sum(p.is_error for p in self.problems) + len(self.notes)


ERROR_STYLE = """
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#fdf3f2;color:#1d1d1d}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .5rem;color:#a3160e;font-size:1.6rem}
.problem{background:#fff;border:1px solid #e8c4c0;border-left:6px solid #c0392b;border-radius:4px;margin:1rem 0;padding:.75rem 1rem}
.problem.warning{border-left-color:#d68910}
.where{font:600 15px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
pre.excerpt{margin:.6rem 0 0;padding:.5rem 0;background:#f7f7f7;border-radius:3px;overflow-x:auto;font:14px/1.45 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
pre.excerpt span{display:block;padding:0 .75rem;white-space:pre-wrap}
pre.excerpt span.bad{background:#fde2df;font-weight:700}
pre.excerpt b{display:inline-block;min-width:3.5em;color:#888;font-weight:400;user-select:none}
"""


def render_error_page(failure: Failure, site_dir: Path, lang: str) -> bytes:
    """A complete page of its own (no site template: they may be what is broken) with every problem,
    the offending lines of each file, and a `<head>` for the reload script."""
    blocks = []
    for note in failure.notes:
        blocks.append(f'<section class="problem"><p class="where">{html.escape(note.render(lang))}</p></section>')
    for problem in failure.problems:
        excerpt = read_excerpt(site_dir, problem.path, problem.line)
        lines = "".join(f'<span class="{"bad" if number == problem.line else "ok"}"><b>{number}</b>'
                        f'{html.escape(text)}</span>' for number, text in excerpt)
        blocks.append(f'<section class="problem {problem.severity}">'
                      f'<p class="where">{html.escape(problem.format(lang))}</p>'
                      + (f'<pre class="excerpt">{lines}</pre>' if lines else "") + "</section>")
    title = html.escape(Msg.of("serve.error_title").render(lang))
    intro = html.escape(Msg.of("serve.error_intro", count=vi.format_count(failure.count)).render(lang))
    page = (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{title}</title>\n<style>{ERROR_STYLE}</style>\n</head>\n'
            f'<body>\n<main id="bantin-build-error">\n<h1>{title}</h1>\n<p>{intro}</p>\n'
            + "\n".join(blocks) + "\n</main>\n</body>\n</html>\n")
    return page.encode("utf-8")


def read_excerpt(site_dir: Path, path: str, line: int | None) -> list[tuple[int, str]]:
    """Numbered lines around `line` of a site file (or a built-in template); empty when unreadable."""
    if not line or line < 1:
        return []
    if path.startswith(BUILTIN_LABEL + "/"):
        root, rel = BUILTIN_TEMPLATES, path[len(BUILTIN_LABEL) + 1:]
    else:
        root, rel = site_dir, path
    try:
        root = root.resolve()
        full = (root / rel).resolve()
        if not full.is_relative_to(root) or not full.is_file() or full.stat().st_size > EXCERPT_MAX_BYTES:
            return []
        text = full.read_bytes().decode("utf-8-sig", "replace")
    except OSError:
        return []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first, last = max(1, line - EXCERPT_CONTEXT), min(len(lines), line + EXCERPT_CONTEXT)
    return [(number, lines[number - 1]) for number in range(first, last + 1)]


