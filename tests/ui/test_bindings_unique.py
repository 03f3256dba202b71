"""No key is bound twice on one screen or widget: the second binding would silently
shadow the first (the portfolio and replan were both `P` once)."""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import syllabus.tui


def _classes() -> list[type[DOMNode]]:
    found: dict[str, type[DOMNode]] = {}
    for module in pkgutil.walk_packages(syllabus.tui.__path__, "syllabus.tui."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if (
                isinstance(value, type)
                and issubclass(value, DOMNode)
                and value.__module__ == module.name
                and "BINDINGS" in vars(value)
            ):
                found[f"{module.name}.{value.__name__}"] = value
    return list(found.values())


def _keys(cls: type[DOMNode]) -> list[str]:
    keys = []
    for binding in vars(cls)["BINDINGS"]:
        key = binding.key if isinstance(binding, Binding) else binding[0]
        keys += [k.strip() for k in key.split(",")]
    return keys


CLASSES = _classes()


def test_the_scan_finds_the_main_screen() -> None:
    assert any(cls.__name__ == "MainScreen" for cls in CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_no_key_is_bound_twice(cls: type[DOMNode]) -> None:
    twice = [key for key, n in Counter(_keys(cls)).items() if n > 1]
    assert not twice, f"{cls.__name__} binds {twice} more than once"
