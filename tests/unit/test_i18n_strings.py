"""Every string literal shown to a person goes through the catalog (``_``, ``ngettext``).

An AST scan of ``src/syllabus``: literals (and the literal parts of f-strings,
``%``/``+``/``.format``/``.join`` expressions) that reach a sink a person reads —
``print``, ``note``, ``notify``, ``sys.stdout/stderr.write``, widgets that show their
first argument (``Label``, ``Static``, ``Button``…), ``Binding`` descriptions,
argparse ``help=``/``description=``, palette hits, ``border_title`` and friends, the
messages of the exceptions the CLI and the app show — and hold a word of prose. A
literal inside ``_()``, ``ngettext()`` or ``N_()`` is wrapped; ids, option names,
glyphs and ``{key} = {value}`` lines hold no word and are not reported.

One test per source file, so the report reads file by file. The scan cannot follow a
string through a variable: a constant used as a message is wrapped where it is
defined (``N_``) or where it is shown (``_``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "syllabus"

WRAPPERS = {"_", "ngettext", "N_", "gettext"}
"""Calls whose literal arguments are translated (or marked for it)."""

PRINTERS = {"print", "note", "notify", "err", "warn", "write"}
"""Calls all of whose positional arguments a person reads (``write`` only on sys.std*)."""

SHOWS_FIRST = {
    "Label",
    "Static",
    "Button",
    "Checkbox",
    "RadioButton",
    "Switch",
    "Link",
    "Option",
    "Selection",
    "Content",
    "Text",
    "from_markup",
    "assemble",
    "Hit",
    "DiscoveryHit",
    "ArgumentTypeError",
}
"""Widgets and rich text whose first argument is shown."""

MESSAGES = {
    "CliError",
    "UsageError",
    "FileProblem",
    "InvalidEntry",
    "ImportProblem",
    "ProgressError",
    "SaveFailed",
    "RoadmapFileError",
    "UnknownId",
    "IdTaken",
    "MigrationMissing",
    "FileDamaged",
    "LockTimeout",
    "FormatError",
    "Invalid",
    "_Damaged",
    "_NewerCopy",
    "_Unreadable",
}
"""Exceptions whose message the command line or the app shows a person (not ``NotPlain``:
``model.validate`` catches it and lets pydantic decide, nobody reads its message)."""

SHOWN_KEYWORDS = {
    "help",
    "description",
    "title",
    "message",
    "label",
    "placeholder",
    "tooltip",
    "prompt",
    "subtitle",
    "epilog",
}
"""Keyword arguments a person reads (``help=`` of argparse and of palette hits…)."""

SHOWN_ATTRIBUTES = {"border_title", "border_subtitle", "tooltip", "sub_title", "TITLE", "SUB_TITLE"}
"""Attributes whose assigned text is shown."""

WORD = re.compile(r"[A-Za-z]?[a-z]+")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sdrf]|`[^`]*`|\$[A-Za-z_]+")
MARKUP = re.compile(r"\[/?[a-z@$#][^\]]*\]")
NOT_PROSE = {"syllabus", "http", "https"}
"""Words that are no language: the product's name, URL schemes."""

STYLE_WORDS = {"bold", "dim", "italic", "underline", "reverse", "strike", "not", "on", "blink"}
"""A literal made only of these (and ``$variables``, colours) is a style, not text."""

ALLOWED: dict[tuple[str, str], str] = {
    ("__main__.py", "syllabus"): "the program's name",
}
"""Reviewed exceptions: (file under src/syllabus, literal) → why it stays as it is."""


def prose(text: str) -> bool:
    """Whether a literal holds a word a person reads (not an id, option, glyph)."""
    if all(t in STYLE_WORDS or t.startswith(("$", "#")) for t in text.split()):
        return False
    text = MARKUP.sub(" ", PLACEHOLDER.sub(" ", text))
    for token in text.split():
        token = token.strip("()[],.:;!?\"'«»…·—–-+/*=<>|")
        if token.lower() in NOT_PROSE:
            continue
        if WORD.fullmatch(token) and len(token) > 1:
            return True
    return False


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literals(node: ast.expr) -> list[tuple[int, str]]:
    """The unwrapped literal text in an expression a person reads."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.lineno, node.value)]
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant)]
        found = [(node.lineno, "{}".join(str(p) for p in parts))]
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                found += _literals(value.value)
        return found
    if isinstance(node, ast.BinOp):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [hit for value in node.values for hit in _literals(value)]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [hit for elt in node.elts for hit in _literals(elt)]
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in WRAPPERS:
            return []
        if name in ("format", "join", "strip", "rstrip", "lstrip", "upper", "capitalize"):
            inner = node.func.value if isinstance(node.func, ast.Attribute) else None
            found = _literals(inner) if inner is not None else []
            return found + [hit for arg in node.args for hit in _literals(arg)]
    return []


def _is_std_stream(func: ast.expr) -> bool:
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Attribute)
        and func.value.attr in ("stdout", "stderr")
    )


def _shown_arguments(call: ast.Call) -> list[ast.expr]:
    name = _name(call.func)
    shown: list[ast.expr] = []
    if name == "write":
        if _is_std_stream(call.func):
            shown += call.args
    elif name in PRINTERS:
        shown += call.args
    elif name in SHOWS_FIRST or name in MESSAGES:
        shown += call.args[:1]
    elif name == "Binding":
        shown += call.args[2:3]
    elif name == "Command":
        shown += call.args[1:2]  # the command table's help line
    shown += [kw.value for kw in call.keywords if kw.arg in SHOWN_KEYWORDS]
    if name == "Binding":
        shown += [kw.value for kw in call.keywords if kw.arg == "description"]
    return shown


def unwrapped(path: Path, relative: str | None = None) -> list[tuple[int, str]]:
    """Every literal in ``path`` shown to a person without going through the catalog."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = relative or path.relative_to(SRC).as_posix()
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        exprs: list[ast.expr] = []
        if isinstance(node, ast.Call):
            exprs = _shown_arguments(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_name(t) in SHOWN_ATTRIBUTES for t in targets):
                exprs = [node.value]
        for expr in exprs:
            for line, text in _literals(expr):
                if prose(text) and (relative, text) not in ALLOWED:
                    found.append((line, text))
    return sorted(set(found))


SOURCES = sorted(p for p in SRC.rglob("*.py") if "locale" not in p.relative_to(SRC).parts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_every_shown_literal_is_wrapped(path: Path) -> None:
    found = unwrapped(path)
    listing = "\n".join(f"  {path.name}:{line}: {text!r}" for line, text in found)
    assert not found, f"{len(found)} literal(s) shown unwrapped:\n{listing}"


@pytest.mark.parametrize(
    ("text", "is_prose"),
    [
        ("no active roadmap", True),
        ("{key} = {value}", False),
        ("--format=json", False),
        ("✓", False),
        ("day_start_hour = {hour}", False),
        ("ID", False),
        ("syllabus: {}", False),
        ("[b]$title[/b] Due", True),
        ("Quit", True),
        ("`syllabus start ID`", False),
        ("bold $text-accent", False),
        ("https://…", False),
    ],
)
def test_prose_tells_words_from_ids(text: str, is_prose: bool) -> None:
    assert prose(text) is is_prose


def test_the_scan_finds_each_kind_of_sink(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    code = """
from syllabus.locale import _
print("Loaded it")
print(_("Loaded it"))
raise UsageError(f"unknown {x}: try again")
Binding("q", "quit", "Quit")
Binding("q", "quit", _("Quit"))
parser.add_argument("--x", help="what it does")
self.notify("Saved" if ok else _("Not saved"))
widget.border_title = "Check in"
sys.stderr.write("oops, it broke\\n")
print(f"{key} = {value}")
"""
    sample.write_text(code)
    texts = [text for _line, text in unwrapped(sample, "sample.py")]
    assert texts == [
        "Loaded it",
        "unknown {}: try again",
        "Quit",
        "what it does",
        "Saved",
        "Check in",
        "oops, it broke\n",
    ]


def _shadows(tree: ast.Module) -> list[int]:
    """Lines where a function binds ``_`` (``_, x = …``, ``for _ in``): there ``_()``
    would call the bound value, not the translation (comprehensions have their own scope)."""
    lines = []
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.withitem)):
            target = node.target if not isinstance(node, ast.withitem) else node.optional_vars
            targets = [target] if target is not None else []
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name) and name.id == "_":
                    lines.append(name.lineno)
    return lines


def _imports_translation(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "syllabus.locale"
        and any(alias.name == "_" for alias in node.names)
        for node in ast.walk(tree)
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_module_that_translates_binds_underscore(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if _imports_translation(tree):
        assert not _shadows(tree), f"`_` bound at lines {_shadows(tree)}: name it `_x`"


def _translated_in_f_strings(tree: ast.Module) -> list[int]:
    """Lines where `_("literal")` (or ngettext / N_) sits inside an f-string: Babel's
    extractor on Python 3.11 does not look inside f-strings, so the message never
    reaches the catalog and stays English."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id in {"_", "ngettext", "N_"}
                and inner.args
                and isinstance(inner.args[0], ast.Constant)
            ):
                lines.append(inner.lineno)
    return lines


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_no_message_is_marked_inside_an_f_string(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not _translated_in_f_strings(tree), (
        f"_() of a literal inside an f-string at lines {_translated_in_f_strings(tree)}: "
        "the extractor never sees it; translate it before the f-string"
    )


def test_the_f_string_scan_finds_a_hidden_message() -> None:
    hidden = ast.parse("x = f\"| {_('Week')} |\"\ny = _('Week')\nz = f'{_(name)}'")
    assert _translated_in_f_strings(hidden) == [1]
