"""The honors roll: every award of the published articles, by year (newest first) and by recipient.

`build_honors_roll(site, config)` is pure: it reads the articles the site publishes (drafts too in a
preview, marked) and returns frozen records that the page plan (`pages.plan_honors_pages`) and the
downloads (`render_honors_files`: `khen-thuong.csv`, `khen-thuong.json`) share, so a page and a
spreadsheet can never disagree. Invariants:

- an award belongs to the year of its article's date (site time, as written);
- within a year, entries follow the rank of their highest type (`RANKS`), then the newest article,
  then the source path and the award's position in it: the order is total, so output is stable;
- one recipient page per identity (`award_names.recipient_key`): NFC, spaces, case and the place of
  a tone mark folded, ranks and honorifics set apart, police abbreviations written out ("Phòng
  CSHS" and "Phòng Cảnh sát hình sự", "Trung tá" and "Thượng tá Nguyễn Văn Hải" are one page, named
  by its written-out spelling of the newest article). Names that still differ by diacritics are
  different identities (Vietnamese words differ by them) and get different URLs;
  `find_recipient_problems` warns about them, about abbreviations that may name the same unit, and
  about names a bad proposal left behind ("Công an xã A và", "... có thành tích");
- a year's (or a recipient's) collectives and individuals count each award once: the number written
  (`collectives:`, `individuals:`) or the units and people it names, whichever is more;
- a recipient's URL depends on the names of the roll only when two identities share a slug, and
  an article page's key hashes the URLs it links to (`ArticleHonors`), so it stays exact.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from ..config import SiteConfig
from ..core import urls, vi
from ..core.award_names import acronym_key, expand_abbreviations, looks_like_person, recipient_key, type_key
from ..core.errors import Problem, warning
from ..core.models import Article, Award, FrozenDict, Site, same_objects
from ..core.outputs import Output

INDEX_ENTRIES_PER_YEAR = 5      # the roll's front page shows the highest awards of each year

# The rank of an award type, highest first, following the Law on Emulation and Commendation 2022
# (Luật Thi đua, khen thưởng số 06/2022/QH15): orders (Huân chương, in the law's own order), medals
# (Huy chương), State honorary titles and prizes, emulation titles (Chiến sĩ thi đua, Cờ thi đua,
# Tập thể lao động xuất sắc...), commemorative medals, certificates of merit (Bằng khen: the Prime
# Minister's before a ministry's or province's), then Giấy khen.
#
# How a type is matched: as the law names it (`award_names.type_key`: case, spaces, "danh hiệu", the
# class written Nhất/I/1, a flag's "xuất sắc", "của Thủ tướng Chính phủ" or "của Chính phủ" do not
# matter, and a type that names no authority takes its giver: "Bằng khen" from the Prime Minister
# is "bằng khen của chính phủ"); the LONGEST prefix in this table wins, and within an order the class
# follows (hạng Nhất, Nhì, Ba). Prefixes on one row share a rank. A type that matches no prefix ranks
# after every row, in Vietnamese alphabetical order (`vi.sort_key`).
RANKS: tuple[tuple[str, ...], ...] = (
    ("huân chương sao vàng",),
    ("huân chương hồ chí minh",),
    ("huân chương độc lập",),
    ("huân chương quân công",),
    ("huân chương lao động",),
    ("huân chương chiến công",),
    ("huân chương bảo vệ tổ quốc",),
    ("huân chương dũng cảm",),
    ("huân chương hữu nghị",),
    ("huân chương",),
    ("huy chương quân kỳ quyết thắng",),
    ("huy chương vì an ninh tổ quốc",),
    ("huy chương chiến sĩ vẻ vang",),
    ("huy chương hữu nghị",),
    ("huy chương",),
    ("bà mẹ việt nam anh hùng",),
    ("anh hùng lực lượng vũ trang nhân dân",),
    ("anh hùng lao động",),
    ("anh hùng",),
    ("giải thưởng hồ chí minh",),
    ("giải thưởng nhà nước",),
    ("chiến sĩ thi đua toàn quốc",),
    ("chiến sĩ thi đua cấp bộ", "chiến sĩ thi đua cấp tỉnh", "chiến sĩ thi đua bộ", "chiến sĩ thi đua tỉnh",
     "chiến sĩ thi đua công an nhân dân"),
    ("chiến sĩ thi đua cơ sở",),
    ("chiến sĩ thi đua",),
    ("cờ thi đua của chính phủ", "cờ thi đua chính phủ"),
    ("cờ thi đua của bộ", "cờ thi đua của ủy ban nhân dân tỉnh", "cờ thi đua cấp bộ", "cờ thi đua cấp tỉnh",
     "cờ thi đua"),
    ("tập thể lao động xuất sắc", "đơn vị quyết thắng"),
    ("tập thể lao động tiên tiến", "đơn vị tiên tiến"),
    ("lao động tiên tiến", "chiến sĩ tiên tiến"),
    ("kỷ niệm chương",),
    ("bằng khen của chính phủ", "bằng khen chính phủ"),
    ("bằng khen",),
    ("giấy khen",),
)
_CLASSES = (("hạng nhất", 1), ("hạng nhì", 2), ("hạng ba", 3))     # as type_key writes every spelling


def _normal(text: str) -> str:
    """NFC with runs of whitespace collapsed: how a name or type is written, once read."""
    return " ".join(vi.nfc(text).split())


@functools.lru_cache(maxsize=4096)
def identity(text: str) -> str:
    """The one identity of an award type as written in totals: NFC, spaces and case folded."""
    return _normal(text).casefold()


_PREFIXES = sorted(((prefix, rank) for rank, row in enumerate(RANKS) for prefix in row),
                   key=lambda pair: -len(pair[0]))


@functools.lru_cache(maxsize=4096)
def rank_of(award_type: str, giver: str = "") -> tuple:
    """A sort key for one award type given by `giver`: (row in RANKS, class, Vietnamese collation for
    unknown types)."""
    folded = type_key(award_type, giver)
    for prefix, rank in _PREFIXES:
        if folded.startswith(prefix):
            rest = folded[len(prefix):]
            grade = next((n for name, n in _CLASSES if name in rest), 0)
            return (rank, grade, ())
    return (len(RANKS), 0, vi.sort_key(_normal(award_type)))


@dataclass(frozen=True, slots=True)
class Recipient:
    """A unit or person named as a recipient, with its page."""

    name: str                   # the spelling used most, NFC
    slug: str
    url: str                    # '/khen-thuong/don-vi/phong-tham-muu-cong-an-tinh/'


@dataclass(frozen=True, slots=True)
class AwardSource:
    """The article an award was published in, as the roll shows it."""

    title: str
    url: str
    date: datetime
    draft: bool


@dataclass(frozen=True, slots=True)
class HonorEntry:
    """One award of one article, with its recipients linked."""

    award: Award
    recipients: tuple[Recipient, ...]   # `award.recipients` in the same order, with their pages
    article: AwardSource
    year: int
    year_url: str


@dataclass(frozen=True, slots=True)
class HonorsTotals:
    """What a year (or a recipient) received: awards by type, and how many were commended."""

    awards: int                                 # entries
    by_type: tuple[tuple[str, int], ...]        # (type, awards of that type), by rank
    collectives: int                            # sum of `collectives:`
    individuals: int                            # sum of `individuals:`
    named: int                                  # named recipients (one per award and name)


@dataclass(frozen=True, slots=True)
class HonorsPager:
    """One page of a year's entries (the fields of `models.Pager`, so the pagination partial fits)."""

    number: int
    total: int
    items: tuple[HonorEntry, ...]
    url: str
    output_path: str
    prev_url: str | None
    next_url: str | None
    urls: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HonorsYear:
    year: int
    url: str                    # '/khen-thuong/2024/'
    entries: tuple[HonorEntry, ...]
    totals: HonorsTotals
    pages: tuple[HonorsPager, ...]


@dataclass(frozen=True, slots=True)
class YearSummary:
    """A year as the roll's front page shows it: totals and its highest awards."""

    year: int
    url: str
    totals: HonorsTotals
    top: tuple[HonorEntry, ...]


@dataclass(frozen=True, slots=True)
class RecipientRecord:
    recipient: Recipient
    entries: tuple[HonorEntry, ...]     # newest year first, by rank within a year
    totals: HonorsTotals


@dataclass(frozen=True, slots=True)
class ArticleHonors:
    """What an article's awards box links to: the roll, the year's page and each recipient's page."""

    roll_url: str
    year_url: str
    recipients: FrozenDict              # name as written -> recipient page URL

    def recipient_url(self, name: str) -> str:
        return self.recipients[name]


@dataclass(frozen=True, slots=True)
class HonorsRoll:
    enabled: bool
    title: str
    url: str                            # '/khen-thuong/'
    csv_url: str
    json_url: str
    years: tuple[HonorsYear, ...]       # newest first
    recipients: tuple[RecipientRecord, ...]   # Vietnamese alphabetical order
    by_identity: FrozenDict             # recipient_key(name) -> Recipient

    def summaries(self) -> tuple[YearSummary, ...]:
        return tuple(YearSummary(y.year, y.url, y.totals, y.entries[:INDEX_ENTRIES_PER_YEAR]) for y in self.years)


def article_links(roll_url: str, by_identity: Mapping[str, Recipient], article: Article) -> ArticleHonors | None:
    """What the awards box of `article` links to, from the roll's recipients (`_recipients`)."""
    if not article.awards:
        return None
    names = {name: by_identity[recipient_key(name)].url for award in article.awards for name in award.recipients}
    return ArticleHonors(roll_url, urls.honors_year(roll_url, article.date.year), FrozenDict(names))


class HonorsMemo:
    """The last honors roll made, so that one build makes it once (its pages in the plan, its CSV and
    JSON with the other files) and the preview keeps it between saves: the same settings and the same
    articles with awards (the same objects: the parse memo gives the same object for the same bytes)
    give the same roll."""

    def __init__(self) -> None:
        self._last: tuple[SiteConfig, tuple[Article, ...], HonorsRoll] | None = None
        self._links: tuple[str, tuple[Article, ...], FrozenDict] | None = None

    def roll(self, site: Site, config: SiteConfig) -> HonorsRoll:
        """`build_honors_roll(site, config)`, made again only when what it reads changed."""
        with_awards = _with_awards(site)
        last = self._last
        if last is not None and last[0] == config and same_objects(last[1], with_awards):
            return last[2]
        roll = build_honors_roll(site, config)
        self._last = (config, with_awards, roll)
        return roll

    def recipients(self, site: Site, config: SiteConfig) -> Mapping[str, Recipient]:
        """The roll's `by_identity` without the rest of the roll: what an article's awards box links
        to. A save of an article with awards asks for its page before anything else, and this is a
        small part of the whole roll's cost."""
        with_awards = _with_awards(site)
        last, base = self._last, config.honors.path
        if last is not None and last[0] == config and same_objects(last[1], with_awards):
            return last[2].by_identity
        links = self._links
        if links is None or links[0] != base or not same_objects(links[1], with_awards):
            self._links = links = (base, with_awards, FrozenDict(_recipients(with_awards, base)))
        return links[2]


def _with_awards(site: Site) -> tuple[Article, ...]:
    return tuple(article for article in site.articles if article.awards)


def build_honors_roll(site: Site, config: SiteConfig) -> HonorsRoll:
    """The roll of `site.articles`: years newest first, entries by rank, recipients with their pages."""
    honors = config.honors
    base = honors.path
    empty = HonorsRoll(honors.enabled, honors.title, base, base + urls.HONORS_CSV_NAME, base + urls.HONORS_JSON_NAME, (), (), FrozenDict())
    if not honors.enabled:
        return empty
    with_awards = [a for a in site.articles if a.awards]
    recipients = _recipients(with_awards, base)
    ordered: list[tuple[tuple, HonorEntry]] = []
    for article in with_awards:
        source = AwardSource(article.title, article.url, article.date, article.draft)
        year = article.date.year
        for index, award in enumerate(article.awards):
            named = tuple(dict.fromkeys(recipients[recipient_key(n)] for n in award.recipients))
            entry = HonorEntry(award, named, source, year,
                               urls.honors_year(base, year))
            giver = award.givers[0] if award.givers else ""
            best = min((rank_of(t, giver) for t in award.types), default=(len(RANKS) + 1, 0, ()))
            ordered.append(((-year, best, -article.date.timestamp(), article.path, index), entry))
    ordered.sort(key=lambda pair: pair[0])
    entries = [entry for _, entry in ordered]

    by_year: dict[int, list[HonorEntry]] = defaultdict(list)
    for entry in entries:
        by_year[entry.year].append(entry)
    years = tuple(HonorsYear(year, urls.honors_year(base, year), tuple(items), totals_of(items),
                             paginate_entries(items, urls.honors_year(base, year), config.per_page))
                  for year, items in by_year.items())    # already newest first

    by_recipient: dict[str, list[HonorEntry]] = defaultdict(list)
    for entry in entries:
        for recipient in dict.fromkeys(entry.recipients):
            by_recipient[recipient.url].append(entry)
    records = tuple(RecipientRecord(r, tuple(by_recipient[r.url]), totals_of(by_recipient[r.url]))
                    for r in sorted(set(recipients.values()), key=lambda r: (vi.sort_key(r.name), r.url)))
    return HonorsRoll(True, honors.title, base, empty.csv_url, empty.json_url, years, records, FrozenDict(recipients))


def totals_of(entries: Iterable[HonorEntry]) -> HonorsTotals:
    """Sums over entries: an award with two types counts once for each type."""
    entries = list(entries)
    counts: Counter = Counter()
    spelling: dict[str, str] = {}
    for entry in entries:
        for award_type in dict.fromkeys(identity(t) for t in entry.award.types):
            counts[award_type] += 1
        for t in entry.award.types:
            spelling.setdefault(identity(t), _normal(t))
    by_type = tuple((spelling[key], counts[key]) for key in sorted(counts, key=lambda k: (rank_of(spelling[k]), k)))
    counted = [counted_recipients(e.award) for e in entries]
    return HonorsTotals(len(entries), by_type, sum(c for c, _ in counted), sum(i for _, i in counted),
                        sum(len(e.recipients) for e in entries))


def counted_recipients(award: Award) -> tuple[int, int]:
    """(collectives, individuals) an award commends: the number written or the units and people it
    names, whichever is more (a count and the names of some of them are not added up)."""
    people = sum(1 for name in dict.fromkeys(award.recipients) if looks_like_person(name))
    units = len(dict.fromkeys(award.recipients)) - people
    return max(award.collectives or 0, units), max(award.individuals or 0, people)


def paginate_entries(items: list[HonorEntry], first_url: str, per_page: int) -> tuple[HonorsPager, ...]:
    """'/khen-thuong/2024/', '/khen-thuong/2024/trang/2/', ... like every other list of the site."""
    total = max(1, -(-len(items) // per_page))
    page_urls = tuple(urls.page_url(first_url, n) for n in range(1, total + 1))
    return tuple(
        HonorsPager(n, total, tuple(items[(n - 1) * per_page:n * per_page]), page_urls[n - 1],
                    urls.output_path(page_urls[n - 1]), page_urls[n - 2] if n > 1 else None,
                    page_urls[n] if n < total else None, page_urls)
        for n in range(1, total + 1))


def _recipients(articles: Iterable[Article], base: str) -> dict[str, Recipient]:
    """recipient_key -> Recipient: named by its written-out spelling of the newest article (a person's
    rank now, a unit's full name), then the spelling used most, then Vietnamese order; its slug comes
    from the identity, so that a promotion or an abbreviation never moves its page."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    newest: dict[tuple[str, str], datetime] = {}
    first_named: dict[str, datetime] = {}
    for article in articles:
        for award in article.awards:
            for name in award.recipients:
                key, written = recipient_key(name), _normal(name)
                spellings[key][written] += 1
                newest[key, written] = max(newest.get((key, written), article.date), article.date)
                first_named[key] = min(first_named.get(key, article.date), article.date)

    def preference(key: str, written: str, uses: int) -> tuple:
        abbreviated = expand_abbreviations(written) != written
        return (abbreviated, -newest[key, written].timestamp(), -uses, vi.sort_key(written))
    names = {key: min(counts.items(), key=lambda kv: preference(key, *kv))[0] for key, counts in spellings.items()}
    natural = {key: vi.slugify(key) or urls.HONORS_RECIPIENT_SEGMENT for key in names}
    # The name first commended keeps its slug, so a look-alike written later never moves a page
    # readers already know; ties in Vietnamese order.
    order = sorted(names, key=lambda key: (first_named[key], vi.sort_key(names[key]), key))
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for key in order:
        if natural[key] not in taken:
            slugs[key] = natural[key]
            taken.add(natural[key])
    reserved = set(natural.values())
    for key in order:                       # a look-alike gets '-2', '-3'... never another's slug
        if key in slugs:
            continue
        n = 2
        while f"{natural[key]}-{n}" in taken or f"{natural[key]}-{n}" in reserved:
            n += 1
        slugs[key] = f"{natural[key]}-{n}"
        taken.add(slugs[key])
    return {key: Recipient(names[key], slugs[key], urls.honors_recipient(base, slugs[key])) for key in names}


_fold = functools.lru_cache(maxsize=4096)(vi.fold)


def find_recipient_problems(site: Site, config: SiteConfig) -> list[Problem]:
    """Warnings about recipients' names: look-alikes, abbreviations that may be one unit, and names a
    bad proposal left behind (`find_recipient_lookalikes`, `find_unsure_abbreviations`,
    `find_cut_names`)."""
    if not config.honors.enabled:
        return []
    return find_recipient_lookalikes(site, config) + find_unsure_abbreviations(site) + find_cut_names(site)


def find_recipient_lookalikes(site: Site, config: SiteConfig) -> list[Problem]:
    """A warning on each award naming a recipient in a spelling that differs from a more used one
    only by diacritics or case ('Phòng Tham Mưu' beside 'Phòng Tham mưu'), with a did-you-mean."""
    if not config.honors.enabled:
        return []
    uses: dict[str, Counter] = defaultdict(Counter)
    for article in site.articles:
        for award in article.awards:
            for name in award.recipients:
                uses[_fold(name)][_normal(name)] += 1
    preferred = {}
    for folded, counts in uses.items():
        if len(counts) > 1:
            preferred[folded] = sorted(counts.items(), key=lambda kv: (-kv[1], vi.sort_key(kv[0])))[0][0]
    problems = []
    for article in site.articles:
        names = dict.fromkeys(_normal(n) for award in article.awards for n in award.recipients)
        for name in names:
            other = preferred.get(_fold(name))
            if other is not None and other != name:
                problems.append(warning(article.path, article.line_of("awards"), "warn.recipient_lookalike",
                                        name=name, other=other))
    return problems


def find_unsure_abbreviations(site: Site) -> list[Problem]:
    """A warning where a name with an abbreviation bantin does not know has the initials of another
    recipient ('Phòng PCCC&CNCH Số 2' beside 'Phòng Cảnh sát ...'): they may be one unit, and the roll
    keeps two pages until one spelling is used."""
    keys: dict[str, set[str]] = defaultdict(set)
    spelled: dict[str, str] = {}
    for article in site.articles:
        for award in article.awards:
            for name in award.recipients:
                key = recipient_key(name)
                keys[acronym_key(name)].add(key)
                spelled.setdefault(key, _normal(name))
    problems = []
    for article in site.articles:
        for name in dict.fromkeys(_normal(n) for award in article.awards for n in award.recipients):
            if not _has_capitals_word(name):
                continue
            others = sorted(spelled[k] for k in keys[acronym_key(name)] if k != recipient_key(name))
            if others:
                problems.append(warning(article.path, article.line_of("awards"), "warn.recipient_abbreviation",
                                        name=name, other=others[0]))
    return problems


def _has_capitals_word(name: str) -> bool:
    return any(vi.upper(word) == word and sum(c.isalpha() for c in word) >= 2 for word in name.split())


_CUT_ENDINGS = ("và", "là", "trong", "của", "cho", "với", "về", "vì", "do", "các", "những", "đã", "được", "tại",
                "cùng", "hoặc", "có", "gồm")


def find_cut_names(site: Site) -> list[Problem]:
    """A warning on a recipient's name that ends in a word no name ends in ('Công an xã A và') or that
    holds the reason ('... có thành tích xuất sắc'): what a wrong proposal leaves when it is accepted."""
    problems = []
    for article in site.articles:
        for name in dict.fromkeys(_normal(n) for award in article.awards for n in award.recipients):
            words = name.casefold().rstrip(" ,.;:").split()
            last = words[-1] if words else ""
            if last in _CUT_ENDINGS or "thành tích" in name.casefold():
                problems.append(warning(article.path, article.line_of("awards"), "warn.recipient_cut",
                                        name=name, word=last if last in _CUT_ENDINGS else "thành tích"))
    return problems


# ---------------------------------------------------------------------------------------------
# Downloads

CSV_COLUMNS = ("STT", "Năm", "Ngày", "Hình thức khen thưởng", "Cấp khen", "Đơn vị, cá nhân được khen",
               "Số tập thể", "Số cá nhân", "Lý do", "Bài viết", "Địa chỉ bài viết", "Bản nháp")


def render_honors_files(roll: HonorsRoll, config: SiteConfig) -> Iterator[Output]:
    """`khen-thuong.csv` and `khen-thuong.json` beside the roll's pages (none when the roll is off)."""
    if not roll.enabled:
        return
    yield Output(roll.csv_url.lstrip("/"), render_honors_csv(roll, config), roll.csv_url)
    yield Output(roll.json_url.lstrip("/"), render_honors_json(roll, config), roll.json_url)


def honors_file_paths(config: SiteConfig) -> tuple[str, ...]:
    """Output paths of the downloads, known from the config alone (for collisions and `check`)."""
    if not config.honors.enabled:
        return ()
    return tuple((config.honors.path + name).lstrip("/") for name in (urls.HONORS_CSV_NAME, urls.HONORS_JSON_NAME))


def render_honors_csv(roll: HonorsRoll, config: SiteConfig) -> bytes:
    """UTF-8 with a BOM (spreadsheet software then reads Vietnamese right), CRLF rows, one row per
    award and named recipient (one row for an award naming nobody). `STT` numbers the award, so rows
    of one award share it; its counts of collectives and individuals (`counted_recipients`: the
    number written, or the units and people it names) are on its first row only, so a column's sum
    is the year's total."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    number = 0
    for year in roll.years:
        for entry in year.entries:
            number += 1
            award = entry.award
            names = [r.name for r in entry.recipients] or [""]
            collectives, individuals = counted_recipients(award)
            for i, name in enumerate(names):
                first = i == 0
                writer.writerow((number, year.year, vi.format_date(entry.article.date), "; ".join(award.types),
                                 "; ".join(award.givers), name,
                                 collectives if first and collectives else "",
                                 individuals if first and individuals else "",
                                 award.reason or "", entry.article.title, config.absolute(entry.article.url),
                                 "x" if entry.article.draft else ""))
    return buffer.getvalue().encode("utf-8-sig")


def render_honors_json(roll: HonorsRoll, config: SiteConfig) -> bytes:
    absolute = config.absolute

    def totals(t: HonorsTotals) -> dict:
        return {"awards": t.awards, "by_type": [{"type": k, "count": n} for k, n in t.by_type],
                "collectives": t.collectives, "individuals": t.individuals, "named_recipients": t.named}

    data = {
        "title": roll.title,
        "url": absolute(roll.url),
        "years": [{
            "year": year.year,
            "url": absolute(year.url),
            "totals": totals(year.totals),
            "awards": [{
                "types": list(e.award.types),
                "givers": list(e.award.givers),
                "recipients": [{"name": r.name, "url": absolute(r.url)} for r in e.recipients],
                "collectives": counted_recipients(e.award)[0],
                "individuals": counted_recipients(e.award)[1],
                "reason": e.award.reason,
                "article": {"title": e.article.title, "url": absolute(e.article.url),
                            "date": e.article.date.isoformat()},
                "draft": e.article.draft,
            } for e in year.entries],
        } for year in roll.years],
        "recipients": [{"name": r.recipient.name, "url": absolute(r.recipient.url), "awards": r.totals.awards}
                       for r in roll.recipients],
    }
    # Compact: with `indent`, json falls back to its pure-Python encoder, many times slower.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
