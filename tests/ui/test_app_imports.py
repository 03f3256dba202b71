"""The first frame needs only Textual's shell: the app module imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys


def test_the_app_module_imports_only_the_shell() -> None:
    code = (
        "import sys, syllabus.tui.app\n"
        "heavy = ('pydantic', 'markdown_it', 'syllabus.catalog', 'syllabus.model',"
        " 'syllabus.storage', 'syllabus.tui.screens', 'syllabus.tui.widgets', 'pygments')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
