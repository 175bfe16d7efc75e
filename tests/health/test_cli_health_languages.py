"""``hubwizard audit`` in French and Chinese, against a seeded sandbox: every sentence of the
report is in the language asked for; stage labels and numbers are the portal's."""

from __future__ import annotations

import pytest

from hubwizard import i18n
from hubwizard.cli import main


@pytest.fixture(autouse=True)
def _restore_language(monkeypatch):
    """``main`` sets the process's language: put it back for the tests that follow."""
    monkeypatch.setattr(i18n, "_default", i18n.language())


def test_the_audit_report_speaks_french_and_chinese(capsys):
    assert main(["sandbox", "seed-deals", "--deals", "1200", "--seed", "21"]) == 0
    capsys.readouterr()
    assert main(["audit", "--lang", "fr"]) == 1
    french = capsys.readouterr().out
    assert main(["audit", "--lang", "zh"]) == 1
    chinese = capsys.readouterr().out
    assert main(["audit"]) == 1
    english = capsys.readouterr().out
    assert "manque-t-il une étape entre *" not in french  # the text report drops the stars
    assert "Decision Maker Bought-In contient" in french and "manque-t-il une étape" in french
    assert "Transactions à l'abandon (" in french and "Prévision pondérée des transactions ouvertes" in french
    assert "Test rétrospectif sur" in french and "transactions lues" in french
    assert "Decision Maker Bought-In 占未结交易的" in chinese and "停滞交易（" in chinese
    assert "未结交易的加权预测" in chinese and "回测" in chinese
    for text in (french, chinese):
        assert "is a step missing" not in text and "Stranded deals" not in text and "Backtest" not in text
    assert "is a step missing" in english
