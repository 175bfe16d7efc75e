"""The language machinery and the catalogs' completeness (every message in three languages)."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from hubwizard import catalogs, i18n
from hubwizard.i18n import _


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("fr", "fr"),
        ("fr-FR", "fr"),
        ("fr_CA.UTF-8", "fr"),
        ("zh-Hans-CN", "zh"),
        ("zh_TW", "zh"),
        ("en-US", "en"),
        ("de:fr:en", "fr"),
        ("de-DE", None),
        ("", None),
        (None, None),
    ],
)
def test_a_locale_tag_resolves_to_a_supported_language(tag, expected):
    assert i18n.resolve(tag) == expected


def test_the_environment_chooses_the_command_lines_language():
    assert i18n.from_environment({"HUBWIZARD_LANG": "zh", "LANG": "fr_FR.UTF-8"}) == "zh"
    assert i18n.from_environment({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.from_environment({"LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}) == "fr"
    assert i18n.from_environment({"LANG": "de_DE.UTF-8"}) == "en"
    with pytest.raises(ValueError, match="HUBWIZARD_LANG"):
        i18n.from_environment({"HUBWIZARD_LANG": "klingon"})


def test_each_session_keeps_its_own_language():
    seen: dict[str, str] = {}

    def session(lang: str) -> None:
        with i18n.using(lang):
            seen[lang] = _("interrupted")

    threads = [threading.Thread(target=session, args=(lang,)) for lang in ("fr", "zh", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"fr": "interrompu", "zh": "已中断", "en": "interrupted"}
    assert i18n.language() == "en"


def test_carry_brings_the_language_into_a_pools_thread():
    with i18n.using("fr"), ThreadPoolExecutor(1) as pool:
        assert pool.submit(lambda: _("interrupted")).result() == "interrupted"
        assert pool.submit(i18n.carry(lambda: _("interrupted"))).result() == "interrompu"


def test_french_plural_rule_treats_zero_and_one_alike():
    with i18n.using("fr"):
        assert i18n.translations("fr").plural(0) == 0
        assert i18n.translations("fr").plural(2) == 1


def test_every_message_has_a_french_and_a_chinese_translation():
    messages = catalogs.extract()
    assert messages, "no message found: is the extraction looking in the right places?"
    found = [problem for lang in ("fr", "zh") for problem in catalogs.problems(lang, messages)]
    assert found == [], (
        "\n".join(found[:40]) + f"\n({len(found)} in all; `python -m hubwizard.catalogs missing fr`)"
    )


def test_every_compiled_catalog_matches_its_source():
    for lang in ("fr", "zh"):
        assert catalogs.stale(lang) == [], (
            "run `python -m hubwizard.catalogs compile` and commit the .mo files"
        )


def test_the_command_line_speaks_the_language_asked_for(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    for words in (["--lang", "fr", "lint", str(missing)], ["lint", "--lang=fr", str(missing)]):
        result = subprocess.run(
            [sys.executable, "-m", "hubwizard", *words], capture_output=True, text=True, check=False
        )
        assert result.returncode == 2, result.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "hubwizard", "--lang", "tlh", "lint", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "--lang tlh" in bad.stderr
    assert "en, fr, zh" in bad.stderr
