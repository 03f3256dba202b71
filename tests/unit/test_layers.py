"""The domain never reaches for the UI: model, importer, storage, catalog and commands load no
Textual or Rich (checked in a fresh interpreter, as harlequin does)."""

from __future__ import annotations

import subprocess
import sys


def test_the_domain_imports_neither_textual_nor_rich() -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "import syllabus.model, syllabus.importer, syllabus.storage, syllabus.commands\n"
        "import syllabus.catalog, syllabus.cli\n"
        "for package in (syllabus.model, syllabus.importer, syllabus.storage, "
        "syllabus.commands):\n"
        "    for info in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "ui = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(ui[:5], file=sys.stderr)\n"
        "sys.exit(1 if ui else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
