"""How well `bantin import` reads copied text: dates, datelines, bylines and award proposals.

    python3 bench/import_accuracy.py                    # the corpus beside this script
    python3 bench/import_accuracy.py CORPUS_DIR -v      # another corpus; -v lists every miss

A corpus folder holds `awards*.yaml` (sentences with the awards a press officer would accept from
them) and `texts/` (pages copied from a browser as `NAME.txt`, or saved as `NAME.html`, each with
`NAME.yaml` beside it: `date`, `source`, `authors`, and optionally `awards`). Every text is read by
`bantin.authoring.legacy` exactly as `bantin import` reads it. Prints precision and recall per field
and the targets of issue 25; asserts nothing (tests/test_import_accuracy.py holds the targets).

Awards are matched by type (as the honors roll compares types: case, spaces, tone style, the
class's spelling and abbreviations do not matter, nor the "của ..." that names the giver); a matched
award's giver and recipients (names and counts) are then checked on their own.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bantin.authoring.award_finder import propose_awards  # noqa: E402
from bantin.authoring.legacy import decode_page, extract_html, extract_text  # noqa: E402
from bantin.core import vi  # noqa: E402
from bantin.core.award_names import recipient_key, type_key  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "import_corpus"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TARGETS = {"dates": 0.95, "datelines": 0.90, "bylines": 0.90, "awards_recall": 0.80, "awards_precision": 0.90,
           "givers": 0.80}


@dataclass
class Tally:
    """Right answers out of the cases that ask for one; `misses` says what went wrong."""

    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Scores:
    dates: Tally = field(default_factory=Tally)
    datelines: Tally = field(default_factory=Tally)
    bylines: Tally = field(default_factory=Tally)
    awards_recall: Tally = field(default_factory=Tally)       # expected awards found
    awards_precision: Tally = field(default_factory=Tally)    # proposals that are expected
    givers: Tally = field(default_factory=Tally)              # found awards with the right giver
    recipients: Tally = field(default_factory=Tally)          # found awards with the right names and counts
    fully_right: Tally = field(default_factory=Tally)         # texts whose proposals are all right
    captions: Tally = field(default_factory=Tally)            # texts with the right number of captions

    def rates(self) -> dict[str, float]:
        return {name: getattr(self, name).rate for name in TARGETS}


def giver_key(giver: str) -> str:
    return type_key("x", giver or "?")


def award_key(award) -> tuple:
    if isinstance(award, dict):
        return (type_key(str(award["type"])).split(" của ")[0],)
    return (type_key(award.types[0]).split(" của ")[0],)


def names_of(award) -> tuple[frozenset, int | None, int | None]:
    if isinstance(award, dict):
        return (frozenset(recipient_key(str(n)) for n in award.get("recipients") or ()),
                award.get("collectives"), award.get("individuals"))
    return frozenset(recipient_key(n) for n in award.recipients), award.collectives, award.individuals


def show(award) -> str:
    if isinstance(award, dict):
        return f"{award['type']} | {award.get('giver')} | {award.get('recipients') or ''} " \
               f"{award.get('collectives') or ''}/{award.get('individuals') or ''}"
    return f"{award.types[0]} | {award.givers[0]} | {list(award.recipients) or ''} " \
           f"{award.collectives or ''}/{award.individuals or ''}"


def score_awards(scores: Scores, where: str, expected: list[dict], found: tuple) -> None:
    """Match proposals to expected awards by type, then check each matched one's giver and names."""
    left = list(found)
    all_right = len(found) == len(expected)
    for want in expected:
        candidates = [f for f in left if award_key(f) == award_key(want)]
        candidates.sort(key=lambda f: (giver_key(f.givers[0]) != giver_key(str(want.get("giver", "?"))),
                                       names_of(f) != names_of(want)))
        got = candidates[0] if candidates else None
        scores.awards_recall.add(got is not None, f"{where}: missed {show(want)}")
        if got is None:
            all_right = False
            continue
        left.remove(got)
        giver_ok = giver_key(got.givers[0]) == giver_key(str(want.get("giver", "?")))
        names_ok = names_of(got) == names_of(want)
        scores.givers.add(giver_ok, f"{where}: giver {got.givers[0]!r}, expected {want.get('giver')!r}")
        scores.recipients.add(names_ok, f"{where}: recipients {show(got)}, expected {show(want)}")
        all_right = all_right and giver_ok and names_ok
    for award in found:
        scores.awards_precision.add(award not in left, f"{where}: proposed {show(award)}")
    scores.fully_right.add(all_right, f"{where}: not all right")


def score_text(scores: Scores, path: Path, expected: dict) -> None:
    data = path.read_bytes()
    page = extract_text(decode_page(data)) if path.suffix == ".txt" else \
        extract_html(decode_page(data), path.resolve().as_uri())
    where = path.name
    if "date" in expected:
        want = vi.parse_datetime(str(expected["date"]), TZ) if expected["date"] else None
        try:
            got: datetime | None = vi.parse_datetime(page.date_text, TZ) if page.date_text else None
        except vi.DateFormatError:
            got = None
        scores.dates.add(got == want, f"{where}: date {page.date_text!r}, expected {expected['date']!r}")
    if "source" in expected:
        scores.datelines.add(page.source == (expected["source"] or None),
                             f"{where}: dateline {page.source!r}, expected {expected['source']!r}")
    if "authors" in expected:
        want_authors = tuple(expected["authors"] or ())
        scores.bylines.add(tuple(page.authors) == want_authors,
                           f"{where}: byline {page.authors!r}, expected {want_authors!r}")
    if "captions" in expected:
        scores.captions.add(len(page.photos) == expected["captions"],
                            f"{where}: {len(page.photos)} captions {[p.caption[:40] for p in page.photos]}, "
                            f"expected {expected['captions']}")
    if "awards" in expected:
        score_awards(scores, where, expected["awards"] or [], page.awards)


def run(corpus: Path) -> Scores:
    scores = Scores()
    for awards_file in sorted(corpus.glob("awards*.yaml")):
        for number, case in enumerate(yaml.safe_load(awards_file.read_text(encoding="utf-8")) or [], 1):
            score_awards(scores, f"{awards_file.name} #{number}", case.get("awards") or [],
                         propose_awards(case["text"]))
    texts = corpus / "texts"
    for path in sorted(texts.glob("*")) if texts.is_dir() else ():
        if path.suffix in (".txt", ".html", ".htm") and path.with_suffix(".yaml").is_file():
            expected = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8")) or {}
            score_text(scores, path, expected)
    return scores


def report(scores: Scores, verbose: bool) -> str:
    lines = ["| field | right | of | rate | target |", "|---|---:|---:|---:|---:|"]
    for name in ("dates", "datelines", "bylines", "captions", "awards_recall", "awards_precision", "givers",
                 "recipients", "fully_right"):
        tally = getattr(scores, name)
        target = f"{TARGETS[name]:.0%}" if name in TARGETS else ""
        lines.append(f"| {name} | {tally.right} | {tally.total} | {tally.rate:.1%} | {target} |")
    if verbose:
        for name in ("dates", "datelines", "bylines", "captions", "awards_recall", "awards_precision", "givers",
                     "recipients"):
            for miss in getattr(scores, name).misses:
                lines.append(f"- {name}: {miss}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    options = parser.parse_args()
    scores = run(options.corpus)
    print(report(scores, options.verbose))
    failed = [name for name, rate in scores.rates().items() if rate < TARGETS[name]]
    print("\ntargets met" if not failed else f"\nbelow target: {', '.join(failed)}")


if __name__ == "__main__":
    main()
