"""Nothing syllabus reads can hold code: no pickle, marshal or shelve anywhere in src/."""

from __future__ import annotations

import ast
from pathlib import Path

import syllabus

FORBIDDEN = {"pickle", "marshal", "shelve", "copyreg", "dill", "cloudpickle"}


def test_no_module_that_loads_code_from_data_is_imported() -> None:
    found = []
    for path in sorted(Path(syllabus.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert found == []
