"""Command line: `bantin build`, ...; problems printed without tracebacks, exit codes 0 / 1 / 2."""

from __future__ import annotations

import contextlib
import contextvars
import errno
import gettext
import os
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from . import __version__
from .build import BuildOptions, build, output_dir
from .clicktext import click_translation
from .config import SiteConfig, load_config
from .core import vi
from .core.errors import BuildFailed, Problem, UsageError
from .core.messages import Msg, catalog_keys, resolve_language
from .core.progress import NoProgress
from .output.writer import describe_os_error

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
REPORT_FORMATS = ("text", "json", "github")   # check.FORMATS; check's stage is imported when it runs

# --- Help in the language of the run ----------------------------------------------------------
# Help texts and usage placeholders are catalog keys ('help.build', 'meta.folder'), put into words
# when click shows them; click's own words ("Usage:", "Show this message and exit.", "No such
# option") go through gettext, so for one run of `main` its modules get the translation of the
# language chosen by --lang, then BANTIN_LANG, then Vietnamese (help comes before any site.yaml).

_HELP_LANGUAGE: contextvars.ContextVar[str | None] = contextvars.ContextVar("bantin_help_language", default=None)
_CATALOG_KEYS = frozenset(catalog_keys())


def help_language() -> str:
    return _HELP_LANGUAGE.get() or resolve_language(None)


def _words(text):
    """A catalog key put into words in the language of the run; any other text as it is."""
    if isinstance(text, str) and text in _CATALOG_KEYS:
        return Msg.of(text).render(help_language())
    return text


def _lang_argument(args: list[str]) -> str | None:
    """The value of `--lang` among the options before the command name, if given."""
    rest = iter(args)
    for arg in rest:
        if arg == "--lang":
            return next(rest, None)
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--" or not arg.startswith("-"):
            return None
    return None


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """For the duration: help in `lang`, and click's gettext calls answered in `lang`."""
    translation = click_translation(lang)
    patched = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "click" or name.startswith("click.")):
            continue
        for attr, standard, ours in (("_", gettext.gettext, translation.gettext),
                                     ("ngettext", gettext.ngettext, translation.ngettext)):
            if getattr(module, attr, None) is standard:
                setattr(module, attr, ours)
                patched.append((module, attr, standard))
    token = _HELP_LANGUAGE.set(lang)
    try:
        yield
    finally:
        _HELP_LANGUAGE.reset(token)
        for module, attr, standard in patched:
            setattr(module, attr, standard)


class _Said:
    """`help` and `metavar` given as catalog keys, read in the language of the run."""

    @property
    def help(self):
        return _words(self._help_key)

    @help.setter
    def help(self, value):
        self._help_key = value

    @property
    def metavar(self):
        return _words(self._metavar_key)

    @metavar.setter
    def metavar(self, value):
        self._metavar_key = value


class Option(_Said, click.Option):
    pass


class Argument(_Said, click.Argument):
    pass


class Command(_Said, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "meta.options")
        super().__init__(*args, **kwargs)

    @property
    def options_metavar(self):
        return _words(self._options_metavar)

    @options_metavar.setter
    def options_metavar(self, value):
        self._options_metavar = value

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)   # made once and kept: its text is set each time
        if option is not None:
            option.help = _words("help.help")
        return option


class Group(Command, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "meta.command")
        super().__init__(*args, **kwargs)

    @property
    def subcommand_metavar(self):
        return _words(self._subcommand_metavar)

    @subcommand_metavar.setter
    def subcommand_metavar(self, value):
        self._subcommand_metavar = value

    def main(self, args=None, *rest, **kwargs):
        args = list(sys.argv[1:] if args is None else args)
        lang = resolve_language(_lang_argument(args))
        with speaking(lang):
            return super().main(args, *rest, **kwargs)


def _show_version(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(Msg.of("cli.version", version=__version__).render(help_language()))
        ctx.exit()


SITE_OPTION = click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, cls=Option, metavar="meta.folder", help="help.site")


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


@click.group("bantin", cls=Group, help="help.main", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, cls=Option,
              help="help.version")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, cls=Option, help="help.lang")
@click.pass_context
def main(click_ctx: click.Context, lang: str | None) -> None:
    click_ctx.obj = Context(lang)


@main.command("build", help="help.build")
@SITE_OPTION
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None, cls=Option,
              metavar="meta.folder", help="help.build.output")
@click.option("--drafts", is_flag=True, cls=Option, help="help.build.drafts")
@click.option("--future", is_flag=True, cls=Option, help="help.build.future")
@click.option("--strict", is_flag=True, cls=Option, help="help.build.strict")
@click.option("--base-url", "base_url", metavar="URL", default=None, cls=Option, help="help.build.base_url")
@click.pass_obj
def build_command(ctx: Context, site_dir: Path, output: Path | None, drafts: bool, future: bool,
                  strict: bool, base_url: str | None) -> None:
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
    except BuildFailed as exc:
        report_problems(exc.problems, lang)
        if strict and not exc.errors:
            say(Msg.of("cli.strict"), lang, err=True)
        say(Msg.of("cli.failed", errors=len(exc.errors), warnings=len(exc.warnings),
                   output=str(output_dir(config, options))), lang, err=True)
        sys.exit(EXIT_CONTENT)
    report_problems(report.warnings, lang)
    say(Msg.of("cli.built", pages=vi.format_count(report.pages), articles=vi.format_count(report.articles),
               seconds=vi.format_seconds(report.seconds, lang, digits=1)), lang)


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
    """Run `action`; a usage error is its message and exit code 2; an unexpected exception becomes one
    line (a traceback only with BANTIN_DEBUG=1). Content problems (`BuildFailed`) are the caller's."""
    try:
        return action()
    except UsageError as exc:
        say(exc.msg, lang, err=True)
        sys.exit(EXIT_USAGE)
    except (BuildFailed, SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence in front of an editor
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):   # not a bug
            say(describe_os_error(exc), lang, err=True)
            sys.exit(EXIT_CONTENT)
        if os.environ.get("BANTIN_DEBUG"):
            traceback.print_exc()
        say(Msg.of("cli.internal", detail=f"{type(exc).__name__}: {exc}"), lang, err=True)
        sys.exit(EXIT_CONTENT)


@main.command("init", help="help.init")
@click.argument("directory", type=click.Path(path_type=Path), cls=Argument, metavar="meta.folder")
@click.option("--title", default=None, cls=Option, metavar="meta.title", help="help.init.title")
@click.option("--base-url", default=None, cls=Option, metavar="URL", help="help.init.base_url")
@click.option("--force", is_flag=True, cls=Option, help="help.init.force")
@click.pass_obj
def init_command(ctx: Context, directory: Path, title: str | None, base_url: str | None, force: bool) -> None:
    from .authoring.scaffold import write_new_site

    lang = ctx.lang()
    report = run_guarded(lambda: write_new_site(directory, title=title, base_url=base_url, force=force), lang)
    for rel in report.kept:
        say(Msg.of("init.kept", path=rel), lang, err=True)
    say(Msg.of("init.created", dir=str(directory), files=len(report.created)), lang)


@main.command("new", help="help.new")
@click.argument("title", cls=Argument, metavar="meta.title")
@SITE_OPTION
@click.option("--category", default=None, cls=Option, metavar="meta.section", help="help.new.category")
@click.option("--author", default=None, cls=Option, metavar="meta.name", help="help.new.author")
@click.option("--slug", default=None, cls=Option, metavar="meta.slug", help="help.new.slug")
@click.pass_obj
def new_command(ctx: Context, title: str, site_dir: Path, category: str | None, author: str | None,
                slug: str | None) -> None:
    from .authoring.scaffold import write_new_article

    config = load_site(ctx, site_dir)
    lang = ctx.lang(config)
    created = run_guarded(lambda: write_new_article(config, title, category=category, author=author,
                                                    slug=slug, lang=lang), lang)
    shown = Path(os.path.relpath(created.path))
    click.echo((created.path if shown.as_posix().startswith("..") else shown).as_posix())
    if not created.author_known:
        say(Msg.of("new.author_unknown"), lang, err=True)
    say(Msg.of("new.created"), lang, err=True)


@main.command("check", help="help.check")
@SITE_OPTION
@click.option("--strict", is_flag=True, cls=Option, help="help.check.strict")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, cls=Option,
              help="help.check.format")
@click.option("--drafts", is_flag=True, cls=Option, help="help.check.drafts")
@click.option("--future", is_flag=True, cls=Option, help="help.check.future")
@click.pass_obj
def check_command(ctx: Context, site_dir: Path, strict: bool, fmt: str, drafts: bool, future: bool) -> None:
    from .check import check_site_as_command, count_article_files, render_report
    from .site.collect import Visibility

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


@main.command("serve", help="help.serve")
@SITE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, cls=Option, metavar="meta.address",
              help="help.serve.host")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, cls=Option,
              metavar="meta.port", help="help.serve.port")
@click.option("--open", "open_browser", is_flag=True, cls=Option, help="help.serve.open")
@click.pass_obj
def serve_command(ctx: Context, site_dir: Path, host: str, port: int, open_browser: bool) -> None:
    from .preview.server import serve_site

    config = load_site(ctx, site_dir)
    lang = ctx.lang(config)
    run_guarded(lambda: serve_site(config, lang, host=host, port=port, open_browser=open_browser,
                                   echo=click.echo), lang)


@main.command("import", help="help.import")
@click.argument("sources", nargs=-1, required=True, cls=Argument, metavar="meta.sources")
@SITE_OPTION
@click.option("--category", default=None, cls=Option, metavar="meta.section", help="help.import.category")
@click.option("--follow", default=None, cls=Option, metavar="meta.selector", help="help.import.follow")
@click.option("--dry-run", is_flag=True, cls=Option, help="help.import.dry_run")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, cls=Option,
              help="help.import.format")
@click.option("--delay", type=click.FloatRange(0, 60), default=1.0, show_default=True, cls=Option,
              metavar="meta.seconds", help="help.import.delay")
@click.pass_obj
def import_command(ctx: Context, sources: tuple[str, ...], site_dir: Path, category: str | None,
                   follow: str | None, dry_run: bool, fmt: str, delay: float) -> None:
    """`bantin import`: the help is the catalog's `help.import`."""
    from .authoring.importer import ImportOptions, run_import

    config = load_site(ctx, site_dir)
    lang = ctx.lang(config)
    options = ImportOptions(category=category, dry_run=dry_run, follow=follow, delay=delay, lang=lang)
    report = run_guarded(lambda: run_import(config, sources, options), lang)
    if fmt == "json":
        import json

        def entry(outcome):
            return {"source": outcome.source, "status": outcome.status, "path": outcome.path,
                    "reason": outcome.reason.render(lang) if outcome.reason else None,
                    "warnings": [w.render(lang) for w in outcome.warnings]}
        click.echo(json.dumps({"dry_run": dry_run, "imported": report.count("imported"),
                               "skipped": report.count("skipped"), "failed": report.count("failed"),
                               "requests": report.requests,
                               "articles": [entry(o) for o in report.outcomes]}, ensure_ascii=False, indent=2))
    else:
        for outcome in report.outcomes:
            if outcome.status == "imported":
                key = "import.would_import" if dry_run else "import.imported"
                say(Msg.of(key, source=outcome.source, path=outcome.path), lang)
            else:
                say(Msg.of(f"import.{outcome.status}", source=outcome.source, reason=outcome.reason), lang,
                    err=outcome.status == "failed")
            for warning in outcome.warnings:
                say(Msg.of("import.warning", message=warning), lang)
        say(Msg.of("import.summary", imported=vi.format_count(report.count("imported")),
                   skipped=vi.format_count(report.count("skipped")), failed=vi.format_count(report.count("failed")),
                   requests=vi.format_count(report.requests)), lang)
    sys.exit(EXIT_CONTENT if report.count("failed") else EXIT_OK)
