"""Command line: `bantin build`, ...; problems printed without tracebacks, exit codes 0 / 1 / 2."""

from __future__ import annotations

import errno
import os
import sys
import time
import traceback
from collections.abc import Iterable
from pathlib import Path

import click

from . import __version__, vi
from .check import FORMATS as REPORT_FORMATS
from .build import BuildOptions, build, output_dir
from .config import SiteConfig, load_config
from .errors import BuildFailed, Problem, UsageError
from .messages import Msg, resolve_language
from .progress import NoProgress
from .writer import describe_os_error

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

SITE_OPTION = click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="Site folder (the one with site.yaml).")


class Context:
    """What every command needs: the chosen language."""

    def __init__(self, lang: str | None):
        self.explicit_lang = lang

    def lang(self, config: SiteConfig | None = None) -> str:
        return resolve_language(self.explicit_lang, config.language if config else None)


def say(msg: Msg, lang: str, *, err: bool = False) -> None:
    click.echo(msg.render(lang), err=err)


def report_problems(problems: Iterable[Problem], lang: str) -> None:
    for problem in problems:
        click.echo(problem.format(lang), err=True)


def load_site(ctx: Context, site_dir: Path) -> SiteConfig:
    """The site's config, or exit: 2 when there is no site, 1 when site.yaml has errors."""
    try:
        return load_config(site_dir)
    except UsageError as exc:
        say(exc.msg, ctx.lang(), err=True)
        sys.exit(EXIT_USAGE)
    except BuildFailed as exc:
        report_problems(exc.problems, ctx.lang())
        sys.exit(EXIT_CONTENT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bantin")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of messages (default: BANTIN_LANG, then the site's language, then vi).")
@click.pass_context
def main(click_ctx: click.Context, lang: str | None) -> None:
    """bantin: a static news-site generator for Vietnamese press offices.

    \b
    Example:
      bantin build --strict
    """
    click_ctx.obj = Context(lang)


@main.command("build")
@SITE_OPTION
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: SITE/build).")
@click.option("--drafts", is_flag=True, help="Include articles with draft: true.")
@click.option("--future", is_flag=True, help="Include articles dated in the future.")
@click.option("--strict", is_flag=True, help="Fail on warnings too (for CI).")
@click.option("--base-url", "base_url", metavar="URL", default=None,
              help="Use URL instead of site.yaml's base_url (for preview deployments).")
@click.pass_obj
def build_command(ctx: Context, site_dir: Path, output: Path | None, drafts: bool, future: bool,
                  strict: bool, base_url: str | None) -> None:
    """Build the site into SITE/build.

    \b
    Examples:
      bantin build
      bantin build --site ../congan-dongthap --output /tmp/public --strict
      bantin build --strict --base-url https://preview-42.congan.example.vn
    """
    config = load_site(ctx, site_dir)
    lang = ctx.lang(config)
    progress = TerminalProgress(lang) if TerminalProgress.wanted() else NoProgress()
    options = BuildOptions(output=output, drafts=drafts, future=future, strict=strict, base_url=base_url,
                           progress=progress)
    try:
        try:
            report = run_guarded(lambda: build(config, options), lang)
        finally:
            progress.finish()
    except UsageError as exc:
        say(exc.msg, lang, err=True)
        sys.exit(EXIT_USAGE)
    except BuildFailed as exc:
        report_problems(exc.problems, lang)
        if strict and not exc.errors:
            say(Msg.of("cli.strict"), lang, err=True)
        say(Msg.of("cli.failed", errors=len(exc.errors), warnings=len(exc.warnings),
                   output=str(output_dir(config, options))), lang, err=True)
        sys.exit(EXIT_CONTENT)
    report_problems(report.warnings, lang)
    say(Msg.of("cli.built", pages=vi.format_count(report.pages), articles=vi.format_count(report.articles),
               seconds=f"{report.seconds:.1f}".replace(".", "," if lang == "vi" else ".")), lang)


class TerminalProgress:
    """A one-line progress bar on stderr, shown only once a build has run for `DELAY` seconds."""

    DELAY = 1.5
    WIDTH = 28

    def __init__(self, lang: str, stream=None, clock=time.monotonic):
        self.lang, self.stream, self.clock = lang, stream or sys.stderr, clock
        self.started = clock()
        self.label, self.total, self.done, self.drawn_at, self.shown = "", 0, 0, 0.0, False

    @staticmethod
    def wanted() -> bool:
        """On a terminal, and not in CI: CI logs get the summary line only."""
        return sys.stderr.isatty() and not os.environ.get("CI")

    def stage(self, key: str, total: int) -> None:
        self.label, self.total, self.done = Msg.of(key).render(self.lang), total, 0
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.clock() - self.drawn_at >= 0.1:
            self._draw()

    def _draw(self) -> None:
        now = self.clock()
        if now - self.started < self.DELAY or not self.total:
            return
        filled = min(self.WIDTH, self.WIDTH * self.done // self.total)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                          f"{vi.format_count(min(self.done, self.total))}/{vi.format_count(self.total)}\033[K")
        self.stream.flush()
        self.drawn_at, self.shown = now, True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run_guarded(action, lang: str):
    """Run `action`; an unexpected exception becomes one line (a traceback only with BANTIN_DEBUG=1)."""
    try:
        return action()
    except (BuildFailed, UsageError, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence in front of an editor
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):   # not a bug
            say(describe_os_error(exc), lang, err=True)
            sys.exit(EXIT_CONTENT)
        if os.environ.get("BANTIN_DEBUG"):
            traceback.print_exc()
        say(Msg.of("cli.internal", detail=f"{type(exc).__name__}: {exc}"), lang, err=True)
        sys.exit(EXIT_CONTENT)


@main.command("init")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The site's title (default: an example title to edit in site.yaml).")
@click.option("--base-url", default=None, help="The address the site will have, e.g. https://congan.example.vn.")
@click.option("--force", is_flag=True, help="Write into a non-empty folder; existing files are never overwritten.")
@click.pass_obj
def init_command(ctx: Context, directory: Path, title: str | None, base_url: str | None, force: bool) -> None:
    """Create a new site in DIRECTORY, ready to build: site.yaml, an example article, templates/, static/.

    \b
    Examples:
      bantin init congan-dongthap --title "Công an tỉnh Đồng Tháp" --base-url https://congan.dongthap.gov.vn
      bantin init . --force
    """
    from .scaffold import write_new_site

    lang = ctx.lang()
    try:
        report = run_guarded(lambda: write_new_site(directory, title=title, base_url=base_url, force=force), lang)
    except UsageError as exc:
        say(exc.msg, lang, err=True)
        sys.exit(EXIT_USAGE)
    for rel in report.kept:
        say(Msg.of("init.kept", path=rel), lang, err=True)
    say(Msg.of("init.created", dir=str(directory), files=len(report.created)), lang)


@main.command("new")
@click.argument("title")
@SITE_OPTION
@click.option("--category", default=None, help="Section of the article, one of the sections in site.yaml.")
@click.option("--author", default=None, help="Author (default: site.yaml's author, then git's user.name).")
@click.option("--slug", default=None, help="Last part of the article's address (default: made from the title).")
@click.pass_obj
def new_command(ctx: Context, title: str, site_dir: Path, category: str | None, author: str | None,
                slug: str | None) -> None:
    """Create content/YYYY/MM/<slug>/index.md for a new article, dated now, and print its path.

    \b
    Examples:
      bantin new "Hội nghị sơ kết công tác 6 tháng đầu năm" --category "Xây dựng lực lượng"
      bantin new "Bắt đối tượng trộm cắp tài sản" --author "Nguyễn Văn Hùng" --site ../congan-dongthap
    """
    from .scaffold import write_new_article

    config = load_site(ctx, site_dir)
    lang = ctx.lang(config)
    try:
        created = run_guarded(lambda: write_new_article(config, title, category=category, author=author,
                                                        slug=slug, lang=lang), lang)
    except UsageError as exc:
        say(exc.msg, lang, err=True)
        sys.exit(EXIT_USAGE)
    shown = Path(os.path.relpath(created.path))
    click.echo((created.path if shown.as_posix().startswith("..") else shown).as_posix())
    if not created.author_known:
        say(Msg.of("new.author_unknown"), lang, err=True)
    say(Msg.of("new.created"), lang, err=True)


@main.command("check")
@SITE_OPTION
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (for CI).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="text: one line per problem; json: a list of objects; github: workflow annotations.")
@click.option("--drafts", is_flag=True, help="Check as `build --drafts` would publish.")
@click.option("--future", is_flag=True, help="Check as `build --future` would publish.")
@click.pass_obj
def check_command(ctx: Context, site_dir: Path, strict: bool, fmt: str, drafts: bool, future: bool) -> None:
    """Check the site without writing anything: errors, links that lead nowhere, unused files, warnings.

    \b
    Examples:
      bantin check
      bantin check --site ../congan-dongthap --strict --format github
    """
    from .check import check_site_as_command, count_article_files, render_report
    from .site import Visibility

    lang = ctx.lang()
    articles = 0
    try:
        config = load_config(site_dir)
    except UsageError as exc:
        say(exc.msg, lang, err=True)
        sys.exit(EXIT_USAGE)
    except BuildFailed as exc:
        problems = exc.problems
    else:
        lang = ctx.lang(config)
        problems = run_guarded(lambda: check_site_as_command(config, Visibility(drafts, future)), lang)
        articles = count_article_files(config)
    site_root = Path(site_dir)
    click.echo(render_report(problems, fmt, lang, articles,
                             file_of=lambda rel: _shown_path(site_root, rel)))
    errors = [p for p in problems if p.is_error]
    if strict and problems and not errors:
        say(Msg.of("cli.strict"), lang, err=True)
    sys.exit(EXIT_CONTENT if errors or (strict and problems) else EXIT_OK)


def _shown_path(site_dir: Path, rel: str) -> str:
    """A site-relative path as seen from the current folder (what CI annotations need)."""
    if rel.startswith(("<", "/")):   # the built-in theme, or a page's URL
        return rel
    shown = Path(os.path.relpath(site_dir / rel))
    return (site_dir.resolve() / rel).as_posix() if shown.as_posix().startswith("..") else shown.as_posix()


@main.command("serve")
@SITE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 opens the preview to the whole network).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
@click.pass_obj
def serve_command(ctx: Context, site_dir: Path, host: str, port: int, open_browser: bool) -> None:
    """Preview the site while writing: drafts and scheduled articles shown with a badge, the browser
    reloads on every save, and errors appear in the browser. Nothing is written to SITE/build.

    \b
    Examples:
      bantin serve --open
      bantin serve --site ../congan-dongthap --port 8080
    """
    from .serve import serve_site

    config = load_site(ctx, site_dir)
    lang = ctx.lang(config)
    try:
        run_guarded(lambda: serve_site(config, lang, host=host, port=port, open_browser=open_browser,
                                       echo=click.echo), lang)
    except UsageError as exc:
        say(exc.msg, lang, err=True)
        sys.exit(EXIT_USAGE)
