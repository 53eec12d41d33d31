from decimal import Decimal as D

from costing.money import percent_text, usd_text


def test_money_and_shares_read_well_in_sentences():
    assert usd_text(D("1357444.039")) == "$1,357,444.04"
    assert usd_text(D("-12.5")) == "-$12.50"
    assert usd_text(D("-0.001")) == "$0.00"
    assert percent_text(D("0.8914")) == "89.14%"
    assert percent_text(D("-1.12855")) == "-112.86%"
