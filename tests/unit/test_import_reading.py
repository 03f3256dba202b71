"""Bytes → clean text: whole-document mojibake repair, encodings, control characters."""

from __future__ import annotations

import pytest
from test_import_helpers import SEEDS, need_seeds

from syllabus.importer import ImportProblem, import_bytes
from syllabus.importer.reading import MAX_BYTES, badness, read_text

CLEAN = ["000_00b9bef8320a935e.txt", "001_cf3e3b80d98fd190.txt", "002_308f9619058c4d90.txt"]
BROKEN = ["003_66871e786a47153e.txt", "004_fb1b600ca95d8385.txt"]


@pytest.mark.parametrize("name", CLEAN)
def test_clean_seeds_come_out_byte_for_byte_unchanged(name: str) -> None:
    need_seeds()
    raw = (SEEDS / name).read_bytes()
    assert read_text(raw, name).encode("utf-8") == raw


@pytest.mark.parametrize("name", BROKEN)
def test_mac_roman_mojibake_is_repaired_as_a_whole(name: str) -> None:
    need_seeds()
    raw = (SEEDS / name).read_bytes()
    text = read_text(raw, name)
    assert text == raw.decode("utf-8").encode("mac_roman").decode("utf-8")
    for bad in ("üìÖ", "‚Äì", "‚úÖ", "\uf8ff", "Ô£ø"):
        assert bad not in text
    assert badness(text) == 0


def test_003_and_004_read_as_their_real_text() -> None:
    need_seeds()
    three = read_text((SEEDS / BROKEN[0]).read_bytes())
    four = read_text((SEEDS / BROKEN[1]).read_bytes())
    assert three.startswith("# 🗺️ 6-Month AI/ML Learning Roadmap")
    assert "## 📅 Month 1-2: Foundations (Weeks 1-8)" in three
    assert "### ✅ After Month 2:" in three
    assert "| **Weeks 1–4**<br>Foundations of Python, Math, and Data |" in four
    assert "**In 16 weeks, you’ll be job-ready.**" in four


def test_a_mostly_clean_text_with_one_stray_sequence_is_left_alone() -> None:
    # Not a whole-document round trip: repairing would change correct text.
    text = "Größe – „Anführung“ and a stray ‚Äì here"
    assert read_text(text.encode()) == text


def test_cp1252_mojibake_is_repaired_too() -> None:
    original = "Übung: „Größe“ – 📅 Plan"
    broken = original.encode("utf-8").decode("cp1252", errors="replace")
    assert read_text(broken.encode("utf-8")) == original


def test_bom_and_crlf() -> None:
    assert read_text(b"\xef\xbb\xbf# A\r\n- b\r\n\r\nc\rd") == "# A\n- b\n\nc\nd"


def test_utf16_with_bom() -> None:
    assert read_text("# Größe\n".encode("utf-16")) == "# Größe\n"


def test_latin1_is_decoded() -> None:
    assert read_text("# Übung\n- Größe für Anfänger\n".encode("latin-1")) == (
        "# Übung\n- Größe für Anfänger\n"
    )


def test_control_characters_are_stripped_but_tab_and_newline_kept() -> None:
    text = read_text("\x1b[31mred\x1b[0m\tx\n\x07bell\x9b2J\x7f".encode())
    assert text == "[31mred[0m\tx\nbell2J"


def test_binary_is_refused_in_one_line() -> None:
    with pytest.raises(ImportProblem) as caught:
        read_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "pic.md")
    assert str(caught.value) == "pic.md: binary data, not a Markdown text file"


def test_undecodable_noise_is_refused_in_one_line() -> None:
    noise = bytes(range(0x80, 0xA0)) * 40
    with pytest.raises(ImportProblem) as caught:
        read_text(noise, "noise.md")
    message = str(caught.value)
    assert message.startswith("noise.md: not UTF-8 text") and "\n" not in message


def test_too_large_is_refused() -> None:
    with pytest.raises(ImportProblem, match="too large"):
        read_text(b"a" * (MAX_BYTES + 1), "big.md")


def test_empty_document_is_refused() -> None:
    with pytest.raises(ImportProblem, match="empty"):
        import_bytes(b"  \n\n", "empty.md")
