"""The command line in French and Chinese: ``--lang`` and ``HUBWIZARD_LANG`` choose the language
of every finding, hint and summary line; places (file:line:col, paths, rule codes) stay as they are."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from hubwizard import i18n
from hubwizard.cli import main

FINDINGS = """\
version: 1
name: Sales
portal: {tier: professional}
pipelines:
  - id: sales
    label: Sales
    stages:
      - {id: contact, label: Contact made, probability: 0.1}
      - {id: relance, label: Relance client, probability: 0.35}
      - {id: quote, label: Quote sent, probability: 0.2}
      - {id: won, label: Won, probability: 0.9, closed: won}
"""
"""Two errors (HW204, HW205) and four warnings (HW104, HW106, HW202, HW203)."""

FINDING_LINE = re.compile(
    r"^(?P<place>\S+:\d+:\d+ \S+:) (?P<severity>\S+) (?P<code>HW\d{3}) (?P<message>.+)$"
)
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _restore_language(monkeypatch):
    """``main`` sets the process's language: put it back for the tests that follow."""
    monkeypatch.setattr(i18n, "_default", i18n.language())


@pytest.fixture
def setup_file(tmp_path):
    path = tmp_path / "sales.yaml"
    path.write_text(FINDINGS, encoding="utf-8")
    return str(path)


def _lines(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def _findings(lines: list[str]) -> dict[str, re.Match[str]]:
    return {m["code"]: m for m in map(FINDING_LINE.match, lines) if m}


def test_lint_in_french_speaks_french_in_every_finding(capsys, setup_file):
    code, english, _ = _lines(capsys, "lint", setup_file)
    code_fr, french, _ = _lines(capsys, "lint", "--lang", "fr", setup_file)
    assert code == code_fr == 1
    en, fr = _findings(english), _findings(french)
    assert set(fr) == set(en) == {"HW204", "HW205", "HW104", "HW106", "HW202", "HW203"}
    for rule, found in fr.items():
        assert found["place"] == en[rule]["place"]  # file:line:col and path unchanged
        assert found["message"] != en[rule]["message"]
    assert fr["HW204"]["severity"] == "erreur" and fr["HW202"]["severity"] == "avertissement"
    assert "La phase 'Relance client' du pipeline 'Sales' est une relance" in fr["HW202"]["message"]
    assert "probabilité de conclusion" in fr["HW203"]["message"]
    hints = [line for line in french if line.startswith("    ")]
    assert len(hints) == 6 and all(line.startswith("    conseil : ") for line in hints)
    assert french[-1].endswith("6 constat(s) : 2 erreur(s), 4 avertissement(s), 0 info(s) ; échec")


def test_lint_with_hubwizard_lang_zh_speaks_chinese(setup_file):
    environment = {**os.environ, "HUBWIZARD_LANG": "zh"}
    result = subprocess.run(
        [sys.executable, "-m", "hubwizard", "lint", setup_file],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    findings = _findings(lines)
    assert set(findings) == {"HW204", "HW205", "HW104", "HW106", "HW202", "HW203"}
    for found in findings.values():
        assert HAN.search(found["message"]), found["message"]
        assert found["severity"] in ("错误", "警告")
    assert all(HAN.search(line) for line in lines if line.startswith("    "))
    assert "交易管道 'Sales' 没有丢单阶段。" in findings["HW104"]["message"]
    assert lines[-1].endswith("未通过")


def test_lint_json_keeps_machine_values_and_carries_the_translated_words(capsys, setup_file):
    import json

    main(["lint", "--lang", "fr", "--format", "json", setup_file])
    data = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in data["findings"]} == {"error", "warning"}
    assert set(data["summary"]) >= {"error", "warning", "info", "total"}
    assert any("phase" in f["message"] for f in data["findings"])


def test_validate_in_french_keeps_file_line_and_column(capsys, setup_file):
    code = main(["--lang", "fr", "validate", setup_file])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        f"{setup_file}:9:59 pipelines[0].stages[1].probability: erreur HW204 La phase 'Relance client'" in err
    )
    assert f"{setup_file}:11:44 pipelines[0].stages[3].probability: erreur HW205" in err
    assert err.rstrip().endswith(f"{setup_file} : non valide, 2 erreur(s)")


def test_new_from_a_template_in_french_and_chinese_keeps_internal_names(capsys, tmp_path):
    english, french, chinese = (tmp_path / f"{lang}.yaml" for lang in ("en", "fr", "zh"))
    assert main(["new", "Acme", "-t", "b2b-sales", "-o", str(english)]) == 0
    assert main(["new", "Acme", "-t", "b2b-sales", "--lang", "fr", "-o", str(french)]) == 0
    out = capsys.readouterr().out
    assert "pipeline Transaction 'Ventes' avec 6 phases" in out
    assert main(["new", "Acme", "-t", "b2b-sales", "--lang", "zh", "-o", str(chinese)]) == 0
    en, fr, zh = (yaml.safe_load(path.read_text("utf-8")) for path in (english, french, chinese))
    stages = {lang: data["pipelines"][0]["stages"] for lang, data in (("en", en), ("fr", fr), ("zh", zh))}
    assert [s["label"] for s in stages["fr"]][:4] == [
        "Contact établi",
        "Démo envoyée",
        "Devis envoyé",
        "Devis signé reçu",
    ]
    assert [s["label"] for s in stages["zh"]][-2:] == ["已赢单", "已输单"]
    assert (
        [s["id"] for s in stages["fr"]] == [s["id"] for s in stages["en"]] == [s["id"] for s in stages["zh"]]
    )
    assert fr["property_groups"][0]["name"] == en["property_groups"][0]["name"] == "product_details"
    assert fr["property_groups"][0]["label"] == "Détails du produit"
    assert fr["workflows"][0]["name"] == "Relance du devis après 15 jours"
    options = fr["property_groups"][0]["properties"][0]["options"]
    assert {"label": "Logiciel", "value": "Software"} in options
    for path in (french, chinese):  # the file lints as cleanly as the English one
        assert main(["lint", "--strict", str(path)]) == 0


def test_config_file_errors_in_french_and_chinese_keep_their_place(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("pipelines: [\n  {id: x\n", encoding="utf-8")
    assert main(["--lang", "fr", "validate", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:3:1: erreur de syntaxe YAML" in err
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("version: 1\nname: x\npipelines: 3\nstatus: draft\n", encoding="utf-8")
    assert main(["--lang", "fr", "lint", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert f"{wrong}:3:12 pipelines: doit être une liste" in err
    assert f"{wrong}:4:1 status: clé inconnue 'status'" in err
    assert main(["--lang", "zh", "validate", str(tmp_path / "nowhere.yaml")]) == 2
    assert "文件不存在" in capsys.readouterr().err


def _journey(capsys, tmp_path, lang: str) -> tuple[list[str], str]:
    """``new``, ``plan``, ``apply``, ``undo --list`` and ``undo`` on the embedded sandbox in
    ``lang``: every line printed (stdout and stderr), and the apply's output."""
    path = tmp_path / "acme.yaml"
    printed: list[str] = []
    applied = ""
    for argv in (
        ["new", "Acme", "-t", "b2b-sales", "-o", str(path)],
        ["plan", str(path)],
        ["apply", str(path), "--yes"],
        ["undo", "--list"],
        ["undo", "--yes"],
    ):
        code = main([*argv, "--lang", lang] if argv[0] != "undo" else ["--lang", lang, *argv])
        out, err = capsys.readouterr()
        assert code == 0, (argv, err)
        printed += (out + err).splitlines()
        if argv[0] == "apply":
            applied = out
    return printed, applied


@pytest.mark.parametrize("lang", ["fr", "zh"])
def test_plan_apply_and_undo_print_no_english_message(capsys, tmp_path, lang):
    """The stage moves, the archive after them, the batched properties, the progress and the
    undo's report are all in the chosen language: no English message of any catalog shows."""
    from hubwizard import catalogs

    printed, applied = _journey(capsys, tmp_path, lang)
    assert catalogs.english_in(printed, lang) == []
    move = i18n.translations(lang).gettext("Move {records} of '{pipeline}' to the stages that replace theirs")
    assert move.split("{")[0].strip() in applied  # the move was planned and applied, in words


def test_the_english_run_is_found_english(capsys, tmp_path):
    """The check above can fail: the same commands in English print the catalogs' messages."""
    from hubwizard import catalogs

    printed, _ = _journey(capsys, tmp_path, "en")
    found = " ".join(catalogs.english_in(printed, "fr"))
    assert "to the stages that replace theirs" in found and "The portal now matches the config" in found
