"""Id lookup for the CLI and search: exact id, unique prefix, or a clear error."""

from __future__ import annotations

from collections.abc import Iterable

from syllabus.locale import N_, _, ngettext


class UnknownId(LookupError):
    """No id, or more than one, matches what was asked for; the message names the closest."""


def resolve(wanted: str, ids: Iterable[str], what: str = N_("id")) -> str:
    """The id equal to ``wanted``, else the only id starting with it.

    ``what`` names the kind of id in the message: a noun marked with ``N_``, translated here."""
    pool = list(ids)
    if wanted in pool:
        return wanted
    matches = [i for i in pool if i.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(sorted(matches)[:5])
        extra = len(matches) - 5
        more = (
            ngettext(" and {n} more", " and {n} more", extra).format(n=extra) if extra > 0 else ""
        )
        # Translators: {what} is a kind of id ("roadmap", "item"); {ids} lists the matches.
        message = _("{what} {wanted} is ambiguous: {ids}")
        raise UnknownId(message.format(what=_(what), wanted=repr(wanted), ids=shown + more))
    import difflib  # only on the error path; keeps `syllabus list` start-up small

    close = difflib.get_close_matches(wanted, pool, n=3, cutoff=0.5)
    if not close:
        close = [i for i in pool if wanted.lower() in i.lower()][:3]
    if close:
        hint = _("; closest: {ids}").format(ids=", ".join(close))
    elif pool:
        more = ", …" if len(pool) > 5 else ""
        hint = _("; known: {ids}").format(ids=", ".join(sorted(pool)[:5]) + more)
    else:
        hint = ""
    # Translators: {what} is a kind of id ("roadmap", "item"); {hint} names close ones.
    raise UnknownId(
        _("unknown {what} {wanted}{hint}").format(what=_(what), wanted=repr(wanted), hint=hint)
    )
