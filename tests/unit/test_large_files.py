"""Large and hostile files: the first 50 problems in file order with their places, then one line
counting the rest."""

from __future__ import annotations

import pytest

from hubwizard import configfile
from hubwizard.configfile import MAX_PROBLEMS, ConfigError


def _broken(stages: int) -> str:
    rows = "".join(f"  - {{id: s{n}, label: Stage {n}, probability: lots}}\n" for n in range(stages))
    return f"version: 1\nname: Broken\npipelines:\n- id: sales\n  label: Sales\n  stages:\n{rows}"


def test_a_file_with_many_problems_lists_the_first_50_and_counts_the_rest():
    with pytest.raises(ConfigError) as caught:
        configfile.loads(_broken(200), "big.yaml")
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    listed, rest = problems[:-1], problems[-1]
    assert [p.path for p in listed] == [f"pipelines[0].stages[{n}].probability" for n in range(50)]
    assert [p.line for p in listed] == list(range(7, 57))
    assert all(p.message == "must be a number" for p in listed)
    assert str(rest) == "big.yaml: and 150 more problems; fix the ones above first"


def test_a_file_with_exactly_50_problems_has_no_count_line():
    with pytest.raises(ConfigError) as caught:
        configfile.loads(_broken(50), "big.yaml")
    assert len(caught.value.problems) == 50
    assert "more problem" not in str(caught.value)


def test_lint_prints_the_first_50_findings_and_counts_the_rest(tmp_path, capsys):
    from hubwizard.cli import main

    rows = "".join(f"  - {{id: s{n}, label: Stage {n}, probability: 0.55}}\n" for n in range(80))
    path = tmp_path / "many.yaml"
    path.write_text(
        "version: 1\nname: Many\npipelines:\n- id: sales\n  label: Sales\n  adopt: default\n  stages:\n"
        + rows
        + "  - {id: won, label: Won, probability: 1.0, closed: won}\n"
        + "  - {id: lost, label: Lost, probability: 0.0, closed: lost}\n"
    )
    assert main(["lint", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count(" error HW204 ") == 50
    assert f"{path}: and 110 more findings" in out  # 80 HW204, 1 HW201, 79 HW208 in all
    assert "160 finding(s): 80 error(s), 1 warning(s), 79 info" in out
