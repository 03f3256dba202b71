"""The interface's translations: ``_``, ``ngettext`` and ``N_``.

Every string a person reads goes through ``_`` (or ``ngettext`` when it counts
something); ``N_`` only marks a literal for extraction where it must stay a constant
and be translated where it is shown. The catalog (``syllabus.mo`` under
``locale/<lang>/LC_MESSAGES/``) is read on the first call, not at import, so importing
a module that wraps its strings costs nothing. The language is resolved once per
process: the entry point sets it from the ``language`` setting with
:func:`set_language` before the app's modules are imported (their BINDINGS are
translated as classes are built); without that, ``auto`` rules (the environment).

No system locale is involved: gettext's ``.mo`` reader and Babel's CLDR data only,
never the process-wide locale of the C library.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext
    from collections.abc import Mapping

DOMAIN = "syllabus"
LOCALE_DIR = Path(__file__).resolve().parent
DEFAULT = "en"

_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: str | None = None
_translations: gettext.NullTranslations | None = None


def available() -> tuple[str, ...]:
    """The languages with a catalog: English and every ``<lang>/LC_MESSAGES/syllabus.po``
    (adding a language is adding its ``.po`` file and compiling it)."""
    found = {DEFAULT}
    for mo in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"):
        found.add(mo.parent.parent.name)
    return tuple(sorted(found))


def _language_of(value: str) -> str | None:
    """``de_DE.UTF-8`` → ``de``; ``C``/``POSIX`` → English; an empty value → None.

    ``LANGUAGE`` may list several (``de:en``): the first that has a catalog wins."""
    for part in value.split(":"):
        code = part.split(".")[0].split("@")[0].strip()
        if not code:
            continue
        if code in ("C", "POSIX"):
            return DEFAULT
        lang = code.split("_")[0].split("-")[0].lower()
        if lang in available():
            return lang
    return None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``auto``: the first non-empty of LANGUAGE, LC_ALL, LC_MESSAGES, LANG decides
    (gettext's order); ``C`` and ``POSIX`` mean English, and so does a language without
    a catalog."""
    env = os.environ if environ is None else environ
    for name in _ENV_ORDER:
        value = env.get(name, "")
        if value:
            return _language_of(value) or DEFAULT
    return DEFAULT


def resolve(setting: str | None) -> str:
    """The language a setting means: ``de``/``en`` as they are, ``auto`` (or nothing,
    or a language without a catalog) from the environment."""
    if setting and setting != "auto" and setting in available():
        return setting
    return from_environment()


def set_language(setting: str | None) -> str:
    """Fix this process's language from the ``language`` setting, before any string
    is translated; returns the language chosen. A later call replaces it (tests)."""
    global _chosen, _translations
    _chosen = resolve(setting)
    _translations = None
    return _chosen


def current() -> str:
    """The language in use (resolved from the environment if nobody set it)."""
    global _chosen
    if _chosen is None:
        _chosen = from_environment()
    return _chosen


def translations() -> gettext.NullTranslations:
    """The catalog of :func:`current`, read once (the ``.mo`` file opened directly:
    ``gettext.translation`` would import ``locale`` to normalise names we already know)."""
    global _translations
    if _translations is None:
        import gettext

        mo = LOCALE_DIR / current() / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with mo.open("rb") as handle:
                _translations = gettext.GNUTranslations(handle)
        except OSError:
            _translations = gettext.NullTranslations()
    return _translations


def _(message: str) -> str:
    """``message`` in the interface's language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` that fits ``n`` (the language's plural rule)."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it with ``_`` where it is shown."""
    return message
