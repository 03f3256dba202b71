"""The interface's message catalogs: extract, update, compile, check, and add a language.

    .venv/bin/python scripts/i18n.py extract   # src/ and argparse's strings → syllabus.pot
    .venv/bin/python scripts/i18n.py update    # the .pot into every .po (new/changed → fuzzy)
    .venv/bin/python scripts/i18n.py compile   # every .po → its .mo, and formats.json (committed)
    .venv/bin/python scripts/i18n.py all       # the three in order
    .venv/bin/python scripts/i18n.py init fr   # a new language: locale/fr/LC_MESSAGES/syllabus.po

Catalogs live in ``src/syllabus/locale/<lang>/LC_MESSAGES/syllabus.{po,mo}``; the
extraction rules are in ``babel.cfg`` at the repository root. A test compiles every
``.po`` in memory with :func:`compile_po` and compares it with the shipped ``.mo``,
so forgetting ``compile`` fails the test run, never a file time.

``compile`` also writes ``locale/<lang>/formats.json``: the CLDR data (month and weekday
names, the date patterns, the number symbols) that ``syllabus.locale.formats`` formats
with, taken from Babel here so that the program never imports Babel at run time. A test
compares it with :func:`formats_data` in the same way.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src"
LOCALE_DIR = SOURCE / "syllabus" / "locale"
DOMAIN = "syllabus"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
MAPPING = REPO / "babel.cfg"
COMMENT_TAGS = ("Translators:",)
WIDTH = 100
HEADER = """\
# The interface of syllabus: messages extracted by scripts/i18n.py.
# Roadmap text is data and never appears here."""


def _method_map() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    from babel.messages.frontend import parse_mapping_cfg

    with MAPPING.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, filename=str(MAPPING))  # type: ignore[no-untyped-call]
    return list(method_map), dict(options_map)


def _in_source(dirpath: str) -> bool:
    """Walk only ``src/`` (not the venv, the tests or the benchmarks)."""
    path = Path(dirpath).resolve()
    return path == REPO or path == SOURCE or SOURCE in path.parents


def _messages() -> Iterable[tuple[str, int, str | tuple[str, ...], list[str], str | None]]:
    """Every marked string of ``src/`` (as ``babel.cfg`` maps it), then argparse's own:
    argparse looks its strings up with ``argparse._``, which ``cli/parser.py`` routes to
    this catalog, so they are translated like ours."""
    method_map, options_map = _method_map()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(REPO),
        method_map,
        options_map,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=_in_source,
    ):
        yield filename, lineno, message, comments, context
    import argparse as stdlib_argparse

    for lineno, message, comments, context in extract_from_file(
        "python", stdlib_argparse.__file__, keywords=DEFAULT_KEYWORDS
    ):
        yield "<python>/argparse.py", lineno, message, comments, context


def template() -> Catalog:
    """The catalog of every message the source marks (no translations)."""
    catalog = Catalog(
        project=DOMAIN,
        version="1",
        header_comment=HEADER,
        msgid_bugs_address="",
        copyright_holder="the syllabus authors",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in _messages():
        catalog.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def catalogs() -> list[Path]:
    """Every language's ``.po`` file."""
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _write_po(path: Path, catalog: Catalog, **options: bool) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=False, omit_header=False, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def extract() -> None:
    _write_po(TEMPLATE, template(), ignore_obsolete=True)
    print(f"wrote {TEMPLATE.relative_to(REPO)}")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update() -> None:
    pot = _read(TEMPLATE)
    for po in catalogs():
        catalog = _read(po, po.parent.parent.name)
        catalog.update(pot, update_header_comment=False)
        _write_po(po, catalog, ignore_obsolete=True)
        print(f"updated {po.relative_to(REPO)}")


def compile_po(po_bytes: bytes, locale: str) -> bytes:
    """The ``.mo`` of a ``.po`` file's bytes (fuzzy entries left out, as gettext does)."""
    catalog = read_po(io.BytesIO(po_bytes), locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for po in catalogs():
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po.read_bytes(), po.parent.parent.name))
        print(f"compiled {mo.relative_to(REPO)}")


FORMATS = "formats.json"
SKELETONS = ("yMMMd", "MMMd", "yMMMEd", "MMMEd", "yMMMM")
"""The date skeletons ``syllabus.locale.formats`` asks for (besides the ``short`` date)."""
NAME_WIDTHS = {
    "months": ("wide", "abbreviated", "narrow"),
    "days": ("wide", "abbreviated", "short", "narrow"),
}
CONTEXTS = ("format", "stand-alone")


def languages() -> list[str]:
    """Every catalog's language (the directory names under ``locale/``)."""
    return [po.parent.parent.name for po in catalogs()]


def formats_data(language: str) -> dict[str, object]:
    """The CLDR data of ``language`` that the interface formats with, as Babel has it:
    names (months January first, weekdays Monday first) per context and width, the
    date patterns of :data:`SKELETONS` and ``short``, the number symbols and the
    percent pattern."""
    from babel.core import Locale
    from babel.dates import match_skeleton

    locale = Locale.parse(language)
    skeletons = locale.datetime_skeletons
    dates = {}
    for skeleton in SKELETONS:
        match = skeleton if skeleton in skeletons else match_skeleton(skeleton, skeletons)
        if match is None:
            raise ValueError(f"{language}: no date pattern for {skeleton}")
        dates[skeleton] = skeletons[match].pattern
    dates["short"] = locale.date_formats["short"].pattern
    first = {"months": 1, "days": 0}
    names = {
        kind: {
            context: {
                width: [getattr(locale, kind)[context][width][i + first[kind]] for i in range(n)]
                for width in widths
            }
            for context in CONTEXTS
        }
        for (kind, widths), n in zip(NAME_WIDTHS.items(), (12, 7), strict=True)
    }
    symbols = locale.number_symbols["latn"]
    return {
        "language": language,
        **names,
        "dates": dates,
        "numbers": {
            "decimal": symbols["decimal"],
            "group": symbols["group"],
            "percent": locale.percent_formats[None].pattern,
        },
    }


def formats_json(language: str) -> str:
    """:func:`formats_data` as the text of ``formats.json``."""
    return json.dumps(formats_data(language), ensure_ascii=False, indent=1) + "\n"


def write_formats() -> None:
    for language in languages():
        path = LOCALE_DIR / language / FORMATS
        path.write_text(formats_json(language), encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")


def init(language: str) -> None:
    """Start a new language from the template; translate it, then ``compile``."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():
        sys.exit(f"{po.relative_to(REPO)} exists already: run `update`")
    catalog = _read(TEMPLATE, language)
    catalog.locale = language  # Babel parses the code itself
    catalog.fuzzy = False
    _write_po(po, catalog)
    print(f"wrote {po.relative_to(REPO)}: translate it, then run `compile`")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["extract", "update", "compile", "all", "init"])
    parser.add_argument("language", nargs="?", help="for init: the new language's code")
    args = parser.parse_args(argv)
    if args.action == "init":
        if not args.language:
            parser.error("init needs a language code, e.g. fr")
        init(args.language)
        return
    if args.action in ("extract", "all"):
        extract()
    if args.action in ("update", "all"):
        update()
    if args.action in ("compile", "all"):
        compile_all()
        write_formats()


if __name__ == "__main__":
    main()
