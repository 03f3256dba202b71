"""Id lookup for the CLI and search: exact id, unique prefix, or a clear error."""

from __future__ import annotations

from collections.abc import Iterable


class UnknownId(LookupError):
    """No id, or more than one, matches what was asked for; the message names the closest."""


def resolve(wanted: str, ids: Iterable[str], what: str = "id") -> str:
    """The id equal to ``wanted``, else the only id starting with it."""
    pool = list(ids)
    if wanted in pool:
        return wanted
    matches = [i for i in pool if i.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(sorted(matches)[:5])
        more = f" and {len(matches) - 5} more" if len(matches) > 5 else ""
        raise UnknownId(f"{what} {wanted!r} is ambiguous: {shown}{more}")
    import difflib  # only on the error path; keeps `syllabus list` start-up small

    close = difflib.get_close_matches(wanted, pool, n=3, cutoff=0.5)
    if not close:
        close = [i for i in pool if wanted.lower() in i.lower()][:3]
    if close:
        hint = f"; closest: {', '.join(close)}"
    elif pool:
        more = ", …" if len(pool) > 5 else ""
        hint = f"; known: {', '.join(sorted(pool)[:5])}{more}"
    else:
        hint = ""
    raise UnknownId(f"unknown {what} {wanted!r}{hint}")
