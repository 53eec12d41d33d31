"""Field rules, cross-field rules, completeness and the token parser (no database)."""

from decimal import Decimal

import pytest

from assessments.workloads import fields as spec
from assessments.workloads.validation import (
    completion_percent,
    describe_tokens,
    implied_regulations,
    missing_required,
    parse_tokens,
    validate_workload,
)
from portal.errors import ValidationFailed

COMPLETE = {
    "name": "Support bot",
    "status": "production",
    "use_case": "customer_support",
    "data_categories": ["personal_data"],
    "daily_input_tokens": "10M",
    "daily_output_tokens": "2,000,000",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10M", 10_000_000),
        ("2,000,000", 2_000_000),
        ("1.5k", 1_500),
        ("3 million", 3_000_000),
        ("0", 0),
        (" 250 000 ", 250_000),
        ("2bn", 2_000_000_000),
        (42, 42),
    ],
)
def test_token_volumes_accept_human_input(text, expected):
    assert parse_tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "cannot be negative"),
        ("-1M", "cannot be negative"),
        ("lots", "Enter a number of tokens"),
        ("1.2345k", "whole number"),
        ("10 parsecs", "Enter a number of tokens"),
        (True, "Enter a number of tokens"),
    ],
)
def test_token_volumes_reject_nonsense_in_plain_words(text, message):
    with pytest.raises(ValueError, match=message):
        parse_tokens(text)


def test_the_understood_volume_is_described():
    assert describe_tokens(10_000_000) == "10,000,000 tokens (10 million)"
    assert describe_tokens(1_500) == "1,500 tokens"


def test_a_complete_workload_is_cleaned():
    cleaned = validate_workload(COMPLETE, complete=True)
    assert cleaned["daily_input_tokens"] == 10_000_000
    assert cleaned["daily_output_tokens"] == 2_000_000


def test_a_draft_tolerates_missing_answers_but_not_bad_ones():
    assert validate_workload({"name": "Draft"}) == {"name": "Draft"}
    with pytest.raises(ValidationFailed) as err:
        validate_workload({"name": "Draft", "daily_input_tokens": "-3"})
    assert list(err.value.fields) == ["daily_input_tokens"]
    assert "negative" in err.value.fields["daily_input_tokens"][0]


def test_completing_requires_every_answer_and_names_each_missing_one():
    with pytest.raises(ValidationFailed) as err:
        validate_workload({"name": "Half"}, complete=True)
    assert set(err.value.fields) == {
        "use_case",
        "data_categories",
        "daily_input_tokens",
        "daily_output_tokens",
    }


def test_latency_sensitive_needs_an_sla():
    data = {**COMPLETE, "latency_sensitive": True}
    with pytest.raises(ValidationFailed) as err:
        validate_workload(data, complete=True)
    assert "P99 target" in err.value.fields["p99_latency_sla_ms"][0]
    assert validate_workload({**data, "p99_latency_sla_ms": "1500"}, complete=True)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("status", "retired", "Choose one of"),
        ("data_categories", ["internal", "gossip"], "Unknown choice"),
        ("cached_input_share", "1.5", "at most 1"),
        ("reasoning_multiplier", "0.5", "at least 1"),
        ("expected_growth_12m", "0", "more than 0"),
        ("active_days_per_month", "32", "at most 31"),
        ("p99_latency_sla_ms", "0", "more than 0"),
        ("contracts_with_sovereignty_share", "101", "at most 100"),
        ("current_monthly_spend_usd", "-1", "negative"),
        ("current_monthly_spend_usd", "12.345", "2 decimal places"),
        ("customer_facing", "perhaps", "yes or no"),
        ("current_offering", "not a key", "no spaces"),
        ("colour", "blue", "not a workload question"),
    ],
)
def test_field_rules(field, value, fragment):
    with pytest.raises(ValidationFailed) as err:
        validate_workload({"name": "X", field: value})
    assert fragment in " ".join(err.value.fields[field])


def test_multi_choices_come_back_in_catalog_order_once():
    cleaned = validate_workload({"name": "X", "data_categories": "source_code;public;public"})
    assert cleaned["data_categories"] == ["public", "source_code"]


def test_decimals_are_decimal():
    cleaned = validate_workload({"name": "X", "reasoning_multiplier": "2.5"})
    assert cleaned["reasoning_multiplier"] == Decimal("2.50")


def test_the_name_must_be_unique_when_a_checker_says_so():
    with pytest.raises(ValidationFailed) as err:
        validate_workload({"name": "Taken"}, name_taken=lambda n: n == "Taken")
    assert "already has this name" in err.value.fields["name"][0]


def test_implied_regulations_are_reported_not_added():
    answers = {
        "data_categories": ["personal_data", "health_phi"],
        "data_subject_regions": ["eu_eea"],
        "regulations": [],
    }
    implied = implied_regulations(answers)
    assert [code for code, _ in implied] == ["gdpr", "hipaa"]
    assert all(reason for _, reason in implied)
    assert answers["regulations"] == []
    ticked = {**answers, "regulations": ["gdpr"]}
    assert [code for code, _ in implied_regulations(ticked)] == ["hipaa"]
    assert implied_regulations({"data_categories": ["personal_data"]}) == []


def test_completeness_is_one_list():
    answers = {**spec.defaults(), "name": "X"}
    assert missing_required(answers) == [
        "use_case",
        "data_categories",
        "daily_input_tokens",
        "daily_output_tokens",
    ]
    assert completion_percent(answers) == 33
    full = {**answers, **validate_workload(COMPLETE)}
    assert missing_required(full) == []
    assert completion_percent(full) == 100
    assert missing_required({**full, "latency_sensitive": True}) == ["p99_latency_sla_ms"]
