"""startup.building: an import's collector threshold, and the thresholds restored after."""

from __future__ import annotations

import gc
import threading

from syllabus import startup
from syllabus.importer import import_text


def test_an_import_builds_with_the_high_threshold_and_restores_it(monkeypatch) -> None:
    from syllabus.importer import build

    before = gc.get_threshold()
    seen: list[int] = []
    real = build.build_roadmap

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "build_roadmap", watched)
    import_text("# Plan\n\n## Week 1\n\n- [ ] Read [2 hrs]\n")
    assert seen == [max(startup.BUILD_GC_THRESHOLD, before[0])]
    assert gc.get_threshold() == before


def test_overlapping_builds_restore_the_first_thresholds_once_all_end() -> None:
    before = gc.get_threshold()
    first, second = startup.building(), startup.building()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the other one still builds
    assert gc.get_threshold()[0] == startup.BUILD_GC_THRESHOLD
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_a_command_threshold_already_high_is_kept() -> None:
    before = gc.get_threshold()
    gc.set_threshold(200_000, 50, 100)
    try:
        with startup.building():
            assert gc.get_threshold() == (200_000, 50, 100)
        assert gc.get_threshold() == (200_000, 50, 100)
    finally:
        gc.set_threshold(*before)


def test_builds_in_threads_restore_the_thresholds() -> None:
    before = gc.get_threshold()
    errors: list[BaseException] = []

    def build() -> None:
        try:
            import_text("# Plan\n\n- [ ] One\n- [ ] Two\n")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=build) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert gc.get_threshold() == before
