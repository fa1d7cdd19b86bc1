"""Normalization: characters, layouts, encodings, noise; golden files per source."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from generator.diagnostics import GeneratorError
from generator.sources import normalize
from generator.sources.normalize import decode, despace, detect_layout, read_lines
from tests.conftest import FIXTURES, ROOT
from tests.golden import assert_golden

SEED_2024 = ROOT / "source_texts" / "000_40cf7fe3becdb34f.txt"
SEED_2022 = ROOT / "source_texts" / "001_eed1ed42a63fca27.txt"


@pytest.mark.parametrize("raw, clean", [
    ("制 定 支 持 数 字", "制定支持数字"),
    ("“ 两 个 毫 不 动 摇 ”", "“两个毫不动摇”"),
    ("拟安排 7000 亿元。", "拟安排7000亿元。"),
    ("（新华社北京3月 12日电）", "（新华社北京3月12日电）"),
    ("推进中国－东盟自贸区 3.0 版谈判", "推进中国－东盟自贸区3.0版谈判"),
    ("\u3000\u3000现在，我代表国务院，", "现在，我代表国务院，"),
    ("支持 Windows XP 系统", "支持Windows XP系统"),
    ("GDP  growth 5%", "GDP growth 5%"),
    ("市 、数 字 乡 村 。 深 入", "市、数字乡村。深入"),
])
def test_despace_removes_only_layout_whitespace(raw, clean):
    assert despace(raw) == clean


def test_decode_handles_bom_crlf_and_gb18030():
    text = "各位代表：\r\n现在，我代表国务院。\r\n"
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "x.txt") == (
        "各位代表：\n现在，我代表国务院。\n", "utf-8")
    assert decode(text.encode("gb18030"), "x.txt") == ("各位代表：\n现在，我代表国务院。\n", "gb18030")


def test_decode_failure_names_file_line_and_fix():
    data = "各位代表：\n".encode() + b"\x80\x81\xff\xfe\n"
    with pytest.raises(GeneratorError) as info:
        decode(data, "source_texts/bad.txt")
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("source_texts/bad.txt", 2)
    assert "UTF-8" in diagnostic.message and "source.encoding" in diagnostic.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_reads_utf16_by_its_byte_order_mark(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "各位代表：\r\n现在，我代表国务院。\r\n"
    assert decode(bom + text.encode(codec), "x.txt") == ("各位代表：\n现在，我代表国务院。\n", codec)
    assert decode(bom + text.encode(codec), "x.txt", "UTF-16")[0].startswith("各位代表")  # a named family agrees


@pytest.mark.parametrize("data, encoding, line, message", [
    (codecs.BOM_UTF16_LE + "各位代表：".encode("utf-16-le"), "gb18030", 1,
     "starts with a UTF-16 byte-order mark, but its encoding is named as 'gb18030'"),
    (b"abc", "klingon", None, "unknown encoding 'klingon'"),
    # 上 is 0a 4e in UTF-16-LE: its 0x0a byte is no line break, so the error is on line 2, not 3.
    (codecs.BOM_UTF16_LE + "上\n".encode("utf-16-le") + b"\x00\xd8", None, 2, "cannot decode the file as utf-16-le"),
])
def test_decode_refusals_name_the_file(data, encoding, line, message):
    with pytest.raises(GeneratorError) as info:
        decode(data, "x.txt", encoding)
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("x.txt", line) and message in diagnostic.message


def test_layout_detection_on_both_seed_layouts():
    lines_2024, _ = read_lines(SEED_2024.read_bytes(), "seed")
    lines_2022, _ = read_lines(SEED_2022.read_bytes(), "seed")
    assert detect_layout(lines_2024)[0] == "columns"
    assert detect_layout(lines_2022[3:44])[0] == "lines"


def test_noise_lines_are_recognised():
    assert normalize.classify_noise("（新华社北京3月12日电）", before_body=False) == "dateline"
    assert normalize.classify_noise("政府工作报告", before_body=False) == "running-head"
    assert normalize.classify_noise("2024政府工作报告", before_body=True) == "title"
    assert normalize.classify_noise("国务院总理李强", before_body=True) == "speaker"
    assert normalize.classify_noise("国务院总理李强", before_body=False) is None


def _seed_2024():
    lines, _ = read_lines(SEED_2024.read_bytes(), "seed")
    return lines, normalize.normalize(lines)


def test_seed_2024_has_heading_plus_54_paragraphs():
    _, result = _seed_2024()
    assert result.layout == "columns"
    assert result.blocks[0].text == "三、2024年政府工作任务"
    paragraphs = result.blocks[1:]
    assert len(paragraphs) == 54
    assert sum(1 for b in paragraphs if b.text == "各位代表！") == 3
    assert [d.kind for d in result.dropped] == ["dateline", "running-head"]


def test_seed_2024_reproduces_raw_body_exactly():
    """Same characters, same order: only whitespace and the two noise lines go."""
    lines, result = _seed_2024()
    dropped = {d.line for d in result.dropped}
    raw_body = "".join("".join(line.split()) for n, line in enumerate(lines, 1) if n not in dropped)
    assert "".join(b.text for b in result.blocks).replace(" ", "") == raw_body


def test_no_whitespace_between_cjk_in_any_seed_paragraph():
    _, result = _seed_2024()
    for block in result.blocks:
        for i, char in enumerate(block.text):
            if char == " ":
                assert not (normalize.is_wide(block.text[i - 1]) or normalize.is_wide(block.text[i + 1])), block.text


def test_block_line_map_points_at_raw_lines():
    _, result = _seed_2024()
    block = result.blocks[2]  # （一）大力推进… starts on line 11
    assert block.line == 11
    assert block.line_at(0) == 11
    offset = block.text.index("充分发挥")
    assert block.line_at(offset) == 13


def _golden_text(normalized) -> str:
    out = [f"# layout: {normalized.layout} ({normalized.layout_reason})\n"]
    for d in normalized.dropped:
        out.append(f"# dropped {d.line} [{d.kind}]: {d.text}\n")
    for b in normalized.blocks:
        out.append(f"{b.line}-{b.end_line}\t{b.text}\n")
    return "".join(out)


@pytest.mark.parametrize("name, path, first, last", [
    ("seed-000-2024", SEED_2024, 1, None),
    ("seed-001-2022", SEED_2022, 4, 44),
    ("seed-001-2021", SEED_2022, 46, None),
])
def test_golden_seed_normalization(name, path, first, last):
    lines, _ = read_lines(path.read_bytes(), "seed")
    excerpt = lines[first - 1: last]
    result = normalize.normalize(excerpt, first_line=first)
    assert_golden(FIXTURES / "normalize" / f"{name}.txt", _golden_text(result))


def _fingerprint_text(normalized) -> str:
    """Corpus goldens hold fingerprints only: the corpus must not be copied in."""
    out = [f"# layout: {normalized.layout}\n"]
    for d in normalized.dropped:
        out.append(f"# dropped {d.line} [{d.kind}]\n")
    for b in normalized.blocks:
        digest = hashlib.sha256(b.text.encode("utf-8")).hexdigest()[:16]
        out.append(f"{b.line}\t{len(b.text)}\t{digest}\n")
    return "".join(out)


def test_golden_corpus_normalization(corpus):
    for path in corpus:
        lines, _ = read_lines(path.read_bytes(), path.name)
        result = normalize.normalize(lines)
        assert result.layout == "lines"
        assert_golden(FIXTURES / "normalize" / f"corpus-{path.stem}.fingerprint", _fingerprint_text(result))


def test_columns_layout_round_trip_on_corpus(corpus):
    """Set a clean report in newspaper columns; normalizing must give it back."""
    for path in corpus:
        lines, _ = read_lines(path.read_bytes(), path.name)
        clean = normalize.normalize(lines)
        columns = _set_in_columns([b.text for b in clean.blocks])
        again = normalize.normalize(columns)
        assert again.layout == "columns"
        assert [b.text for b in again.blocks] == [b.text for b in clean.blocks]


def _set_in_columns(paragraphs: list[str], column: float = 17) -> list[str]:
    """A crude newspaper typesetter: indent 2, fill each line to ``column`` em, blank lines."""
    out: list[str] = []
    for text in paragraphs:
        room, line = column - 2, ""
        for char in text:
            if normalize.width(line + char) > room:
                out.extend([line, ""])
                room, line = column, ""
            line += char
        out.extend([line, ""])
    return out
