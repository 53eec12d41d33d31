"""Article check: every recomputed figure against a hand computation from the
article's own prices (USD per million tokens: DeepSeek V3 0.27 / 1.10, GPT-4 30 / 60,
Claude Opus 4.5 5 / 25, o1 15 / 60) and its self-hosting lines ($200,000 cluster,
3-year life, 2 FTEs at $400,000 a year, $50,000 a year of infrastructure)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from costing.article_check import (
    CONSISTENT,
    INCONSISTENT,
    NOT_DERIVABLE,
    ArticleFigure,
    article_figures,
    break_even_window,
    classify,
    figure,
    printed_tolerance,
    self_hosted_model,
    verdict_counts,
)
from costing.money import money_str
from costing.series import break_even_month


def recomputed(figure_id: str) -> str:
    value = figure(figure_id).recomputed
    assert value is not None
    return money_str(value)


# Cost Snapshot, 22 business days a month:
# Light 10M in / 2M out:
#   DeepSeek 10 x 0.27 + 2 x 1.10 = 4.90 a day      x 22 = 107.80   (printed 100)
#   GPT-4    10 x 30   + 2 x 60   = 420 a day       x 22 = 9,240    (printed 9,900)
#   Claude   10 x 5    + 2 x 25   = 100 a day       x 22 = 2,200    (printed 1,320)
# Moderate 50M / 10M (5 x Light): 539, 46,200, 11,000 (printed 500, 49,500, 6,600)
# Heavy 200M / 40M (20 x Light): 2,156, 184,800, 44,000 (printed 2,000, 198,000, 26,400)
# Enterprise 1B / 200M (100 x Light): 10,780, 924,000, 220,000 (printed 10,000, 990,000, 132,000)
SNAPSHOT = [
    ("light", "deepseek-v3", "107.80", CONSISTENT),
    ("light", "gpt-4", "9240.00", INCONSISTENT),
    ("light", "claude-opus-4-5", "2200.00", INCONSISTENT),
    ("moderate", "deepseek-v3", "539.00", CONSISTENT),
    ("moderate", "gpt-4", "46200.00", INCONSISTENT),
    ("moderate", "claude-opus-4-5", "11000.00", INCONSISTENT),
    ("heavy", "deepseek-v3", "2156.00", CONSISTENT),
    ("heavy", "gpt-4", "184800.00", INCONSISTENT),
    ("heavy", "claude-opus-4-5", "44000.00", INCONSISTENT),
    ("enterprise", "deepseek-v3", "10780.00", CONSISTENT),
    ("enterprise", "gpt-4", "924000.00", INCONSISTENT),
    ("enterprise", "claude-opus-4-5", "220000.00", INCONSISTENT),
]


@pytest.mark.parametrize(("row", "model", "expected", "verdict"), SNAPSHOT)
def test_cost_snapshot_cells(row, model, expected, verdict):
    f = figure(f"snapshot-{row}-{model}")
    assert recomputed(f.id) == expected
    assert f.verdict == verdict
    assert f.article_section.startswith("Cost Snapshot")


def test_snapshot_rows_are_scaled_copies_of_the_first_row():
    # 49,500 = 9,900 x 5 and 132,000 = 1,320 x 100: the later rows repeat the Light error.
    assert "scaled copies of the first row" in figure("snapshot-moderate-gpt-4").cause
    assert "$9,900.00 x 5" in figure("snapshot-moderate-gpt-4").cause
    assert "$1,320.00 x 100" in figure("snapshot-enterprise-claude-opus-4-5").cause
    # The Light row itself: 9,900 = 99 x 100 and 1,320 = 13.2 x 100 (the DeepSeek cell).
    assert "99 x the DeepSeek cell" in figure("snapshot-light-gpt-4").cause
    assert "13.2 x the DeepSeek cell" in figure("snapshot-light-claude-opus-4-5").cause


def test_snapshot_difference_and_implied_volume():
    f = figure("snapshot-light-gpt-4")
    # 9,900 - 9,240 = 660; 9,900 / 22 = 450 a day = 450 / 420 = 1.0714 x the volume
    assert f.difference == D("660")
    assert "$450.00 a day" in f.explanation
    assert "10.71M in / 2.14M out" in f.explanation
    # Claude: 1,320 - 2,200 = -880; 1,320 / 22 = 60 a day = 0.6 x the volume
    claude = figure("snapshot-light-claude-opus-4-5")
    assert claude.difference == D("-880")
    assert "6M in / 1.2M out" in claude.explanation


def test_daily_examples():
    # GPT-4: 10 x 30 + 2 x 60 = 420 a day (printed 900 = 100 x the printed 9)
    assert recomputed("gpt4-daily-example") == "420.00"
    assert figure("gpt4-daily-example").verdict == INCONSISTENT
    assert "100 x the $9/day" in figure("gpt4-daily-example").cause
    # DeepSeek: 10 x 0.27 + 2 x 1.10 = 4.90 a day (printed 9)
    assert recomputed("deepseek-daily-example") == "4.90"
    assert figure("deepseek-daily-example").verdict == INCONSISTENT
    # GPT-4 over 365 days: 420 x 365 = 153,300 (printed $328K = 900 x 365 rounded)
    assert recomputed("gpt4-year-example") == "153300.00"
    assert figure("gpt4-year-example").verdict == INCONSISTENT
    # Claude: 10 x 5 + 2 x 25 = 100 a day, exactly as printed
    assert recomputed("claude-daily-example") == "100.00"
    assert figure("claude-daily-example").verdict == CONSISTENT
    # o1: 10 x 15 + 40 x 60 = 150 + 2,400 = 2,550 a day, exactly as printed
    assert recomputed("o1-daily-example") == "2550.00"
    assert figure("o1-daily-example").verdict == CONSISTENT


def test_self_hosting_table():
    # cash year 1: 200,000 + 400,000 + 50,000 = 650,000 (printed 716,667 adds 66,667 too)
    f = figure("self-hosting-year-1")
    assert recomputed(f.id) == "650000.00"
    assert f.verdict == INCONSISTENT
    assert money_str(f.difference) == "66667.00"
    assert "hardware counted twice" in f.cause
    # accrual year 1: 200,000 / 3 + 450,000 = 516,666.67, named in the working
    assert "$516,666.67" in f.working
    # 3 years: 200,000 + 3 x 450,000 = 1,550,000 (printed 1,750,000)
    assert recomputed("self-hosting-3-year") == "1550000.00"
    assert figure("self-hosting-3-year").difference == D("200000")
    # GPT-4 heavy: (200 x 30 + 40 x 60) = 8,400 a day x 22 x 12 = 2,217,600 (printed 2,376,000)
    assert recomputed("gpt4-api-year-1") == "2217600.00"
    assert figure("gpt4-api-year-1").verdict == INCONSISTENT
    # 3 x 2,217,600 = 6,652,800 (printed 7,128,000)
    assert recomputed("gpt4-api-3-year") == "6652800.00"
    # 6,652,800 - 1,550,000 = 5,102,800 (printed 5,378,000)
    assert recomputed("self-hosting-3-year-savings") == "5102800.00"
    assert figure("self-hosting-3-year-savings").verdict == INCONSISTENT


def test_break_even_8_to_9_months():
    # cluster: 237,500 in month 1 (200,000 + 33,333.33 + 4,166.67), then 37,500 a month;
    # GPT-4 heavy 184,800 a month: month 1 237,500 > 184,800, month 2 275,000 < 369,600.
    f = figure("break-even-8-9-months")
    assert f.recomputed == D(2)
    assert f.verdict == INCONSISTENT
    assert f.difference == D(6)
    assert not f.is_money


def test_break_even_window_is_what_the_engine_says():
    # 8-9 months needs 200,000 / 9 + 37,500 < spend <= 200,000 / 7 + 37,500
    window = break_even_window(8, 9)
    assert money_str(window.spend_above) == "59722.22"
    assert money_str(window.spend_up_to) == "66071.43"
    cluster = self_hosted_model(D(240_000_000)).monthly_series()
    cent = D("0.01")
    assert break_even_month(cluster, [window.spend_up_to - cent] * 36) == 8
    assert break_even_month(cluster, [window.spend_up_to + cent] * 36) == 7
    assert break_even_month(cluster, [window.spend_above + cent] * 36) == 9
    assert break_even_month(cluster, [window.spend_above - cent] * 36) == 10


def test_break_even_range_without_a_workload_is_not_derivable():
    f = figure("break-even-8-18-months")
    assert f.verdict == NOT_DERIVABLE
    assert f.recomputed is None and f.difference is None
    # Moderate: 46,200 a month against 37,500: 200,000 / 8,700 = 22.99 -> month 23
    assert "Moderate: month 23" in f.working
    assert "Light: not within 36 months" in f.working


def test_scenario_2():
    # the scenario's cluster: $200K CapEx (printed $600K = 200K + 400K of salaries)
    f = figure("scenario-2-capex")
    assert recomputed(f.id) == "200000.00"
    assert f.verdict == INCONSISTENT and f.difference == D("400000")
    # first year: 200,000 + 400,000 = 600,000 (printed 1M counts the 400K twice)
    total = figure("scenario-2-first-year-total")
    assert recomputed(total.id) == "600000.00"
    assert total.verdict == INCONSISTENT
    assert total.tolerance == D(500)


def test_printed_tolerance_reads_round_figures():
    assert printed_tolerance(D(100)) == D(50)
    assert printed_tolerance(D(9_900)) == D(50)
    assert printed_tolerance(D(1_320)) == D(5)
    assert printed_tolerance(D(716_667)) == D("0.5")
    assert printed_tolerance(D("4.90")) == D("0.05")
    assert printed_tolerance(D("0.27")) == D("0.01")


def test_classify():
    assert classify(D(100), None, D("107.80"), D(50)) == CONSISTENT
    assert classify(D(100), None, D("150.01"), D(50)) == INCONSISTENT
    assert classify(D(8), D(9), D(9), D(0)) == CONSISTENT
    assert classify(D(8), D(9), D(10), D(0)) == INCONSISTENT
    assert classify(D(8), D(9), None, D(0)) == NOT_DERIVABLE


def test_every_figure_is_complete_and_frozen():
    figures = article_figures()
    assert len({f.id for f in figures}) == len(figures)
    for f in figures:
        assert isinstance(f, ArticleFigure)
        # the claim ends with the figure as printed (or the printed sum's result)
        assert f.claim.endswith(f.quoted) or f.quoted.endswith(f.claim.split(": ")[-1])
        assert f.article_section and f.formula and f.inputs and f.explanation
        assert (f.cause != "") == (f.verdict == INCONSISTENT)
    with pytest.raises(AttributeError):
        figures[0].verdict = CONSISTENT  # type: ignore[misc]
    counts = verdict_counts(figures)
    assert counts == {CONSISTENT: 6, INCONSISTENT: 19, NOT_DERIVABLE: 1}
