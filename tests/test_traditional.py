"""Traditional script: the OpenCC setting, every override, a snapshot of all seed text."""

from __future__ import annotations

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.project.project import Project
from generator.sources import traditional
from generator.text.script_conversion import Converter, EditionConverter
from tests.conftest import FIXTURES, ROOT
from tests.golden import assert_golden

SETTINGS_FILE = ROOT / "source_texts" / traditional.SETTINGS_NAME
OVERRIDES = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))["overrides"]


@pytest.fixture(scope="module")
def converter():
    diagnostics = Diagnostics()
    settings = traditional.load_settings(ROOT / "source_texts", ROOT, diagnostics)
    assert not diagnostics, diagnostics
    return EditionConverter(settings)


def test_default_config_is_taiwan_glyphs_without_vocabulary_rewriting(converter):
    assert converter.settings.config == "s2tw"
    # PRC vocabulary stays; only glyphs change.
    assert converter.convert("数据安全法 支持 社区") == "數據安全法 支持 社區"
    assert converter.convert("为群众") == "為群眾"  # not OpenCC's own 爲羣衆


@pytest.mark.parametrize("override", OVERRIDES, ids=[o["simplified"] for o in OVERRIDES])
def test_each_override_is_needed_and_applied(converter, override):
    simplified, traditional = override["simplified"], override["traditional"]
    assert converter.plain(simplified) != traditional, "OpenCC gets this right now: remove the override"
    assert converter.convert(simplified) == traditional
    # Inside running text too, and on every occurrence.
    text = f"我们要{simplified}，{simplified}。"
    converted = converter.convert(text)
    assert converted.count(traditional) == 2 and len(converted) == len(text)


@pytest.mark.parametrize("text, expected", [
    ("参与制造业", "參與製造業"),
    ("确保按时足额发放", "確保按時足額發放"),
    ("新征程新使命", "新征程新使命"),
    ("兜底保障安全网织密扎牢。", "兜底保障安全網織密紮牢。"),  # like 紮實, seven times in the same text
])
def test_errors_named_in_the_issue(converter, text, expected):
    assert converter.convert(text) == expected


def test_s2hk_can_be_chosen(tmp_path):
    (tmp_path / traditional.SETTINGS_NAME).write_text("config: s2hk\n", encoding="utf-8")
    settings = traditional.load_settings(tmp_path, tmp_path, Diagnostics())
    assert EditionConverter(settings).convert("着力") == "着力"


def test_phrase_configs_are_refused(tmp_path):
    (tmp_path / traditional.SETTINGS_NAME).write_text("config: s2twp\n", encoding="utf-8")
    diagnostics = Diagnostics()
    traditional.load_settings(tmp_path, tmp_path, diagnostics)
    (error,) = diagnostics.errors
    assert error.line == 1 and "config" in error.message


def test_unneeded_override_is_a_warning(tmp_path):
    (tmp_path / traditional.SETTINGS_NAME).write_text(
        "overrides:\n  - simplified: 发展\n    traditional: 發展\n    reason: test\n", encoding="utf-8")
    diagnostics = Diagnostics()
    traditional.load_settings(tmp_path, tmp_path, diagnostics, opencc=lambda config: Converter(config).plain)
    (warning,) = diagnostics.warnings
    assert warning.line == 2 and "remove this override" in warning.message


def test_snapshot_of_every_seed_paragraph(converter):
    """Pins the converted text; review the diff when OpenCC or the overrides change."""
    out = []
    for entry in Project(ROOT).load().reports:
        for paragraph in entry.report.paragraphs():
            converted = converter.convert(paragraph.text)
            assert len(converted) == len(paragraph.text)
            out.append(f"{entry.report.year} {paragraph.id}\t{converted}\n")
    assert_golden(FIXTURES / "traditional" / "seed-hant.txt", "".join(out))


def test_longer_correction_wins_over_a_shorter_overlapping_one():
    settings = traditional.Settings(overrides=(
        traditional.Override(simplified="与制", traditional="與制", reason="test"),
        traditional.Override(simplified="参与制造业", traditional="參與製造業", reason="test"),
    ))
    assert EditionConverter(settings).convert("参与制造业") == "參與製造業"
