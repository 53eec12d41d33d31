"""Importing LiteLLM's price file: the sample, hand-made malformed files, idempotency."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from portal.errors import ValidationFailed
from vendors.importer import catalog_import_litellm
from vendors.litellm import parse_document, per_million, regions_of
from vendors.models import CatalogImport, Offering, OfferingPrice
from vendors.selectors import offering_facts

SAMPLE = Path(__file__).parent / "data" / "litellm-prices-sample.json"
D1, D2 = date(2026, 3, 1), date(2026, 4, 1)


def _import(data, when=D1, **kw):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return catalog_import_litellm(raw=raw, file_name="prices.json", effective_from=when, **kw)


def _entry(**overrides):
    base = {
        "litellm_provider": "openai",
        "mode": "chat",
        "input_cost_per_token": 1e-06,
        "output_cost_per_token": 2e-06,
        "max_input_tokens": 1000,
    }
    base.update(overrides)
    return base


def test_per_million_is_exact_decimal():
    assert per_million(2.5e-06, key="k", name="n") == Decimal("2.5")
    assert per_million(Decimal("1.45e-07"), key="k", name="n") == Decimal("0.145")
    assert per_million(3e-05, key="k", name="n") == Decimal("30")


def test_regions_from_keys():
    assert regions_of("bedrock/eu-north-1/deepseek.v3.2", "bedrock", None) == ("eu_eea",)
    assert regions_of("bedrock/us-east-1/deepseek.v3.2", "bedrock", None) == ("us",)
    assert regions_of("bedrock/eu-west-2/meta.llama3", "bedrock", None) == ("uk",)
    assert regions_of("eu.anthropic.claude-opus-4-6-v1", "bedrock_converse", None) == ("eu_eea",)
    assert regions_of("azure/eu/gpt-4o", "azure", None) == ("eu_eea",)
    assert regions_of("deepseek/deepseek-chat", "deepseek", None) == ("cn",)
    assert regions_of("vertex_ai/x", "vertex_ai", ["global", "us-central1"]) == ("us",)
    assert regions_of("gpt-5.2", "openai", None) == ()


@pytest.mark.django_db
def test_sample_imports_chat_and_skips_the_rest_by_reason():
    summary = _import(SAMPLE.read_bytes())
    assert summary.entries == 35
    assert summary.skipped == {
        "sample_spec": 1,
        "alias": 2,
        "mode embedding": 2,
        "mode image_generation": 2,
        "mode audio_transcription": 1,
    }
    assert summary.errors == []
    assert summary.imported == 27
    assert not Offering.objects.filter(key__startswith="amazon.titan").exists()
    facts = offering_facts(
        ["bedrock/eu-north-1/deepseek.v3.2", "o1-pro", "azure_ai/deepseek-v4-flash", "gpt-4"],
        as_of=D1,
    )
    eu = facts["bedrock/eu-north-1/deepseek.v3.2"]
    assert (eu["input_per_mtok"], eu["output_per_mtok"]) == ("0.74", "2.22")
    assert (eu["batch_input_per_mtok"], eu["batch_output_per_mtok"]) == ("0.37", "1.11")
    assert eu["storage_jurisdictions"] == ["eu_eea"]
    assert facts["o1-pro"]["supports_streaming"] is False
    assert facts["gpt-4"]["retirement_date"] == "2026-10-23"
    assert facts["gpt-4"]["successor_key"] == "gpt-5.6-sol"
    flash = facts["azure_ai/deepseek-v4-flash"]
    assert flash["vendor"] == "DeepSeek" and flash["weights_origin_country"] == "cn"
    assert flash["host_provider"] == "Microsoft Azure AI Foundry"
    record = CatalogImport.objects.get(pk=summary.record_id)
    assert record.created == summary.created and record.prices_as_of == D1


@pytest.mark.django_db
def test_curated_facts_win_over_the_file():
    _import(SAMPLE.read_bytes())
    v3 = offering_facts(["deepseek/deepseek-v3"], as_of=D1)["deepseek/deepseek-v3"]
    assert v3["context_window"] == 128000  # the article's figure; the file says 65536
    assert v3["storage_jurisdictions"] == ["cn"]
    assert v3["cached_input_per_mtok"] == "0.07"  # the file adds the cache price as new history


@pytest.mark.django_db
def test_reimport_of_an_unchanged_file_creates_nothing():
    _import(SAMPLE.read_bytes(), when=D1)
    offerings, prices = Offering.objects.count(), OfferingPrice.objects.count()
    again = _import(SAMPLE.read_bytes(), when=D2)
    assert (again.created, again.updated, again.prices_added) == (0, 0, 0)
    assert again.unchanged == 27
    assert (Offering.objects.count(), OfferingPrice.objects.count()) == (offerings, prices)


@pytest.mark.django_db
def test_one_changed_price_adds_one_history_row_and_as_of_answers_both():
    data = json.loads(SAMPLE.read_text())
    _import(data, when=D1)
    prices = OfferingPrice.objects.count()
    data["deepseek/deepseek-chat"]["output_cost_per_token"] = 5e-07
    summary = _import(data, when=D2)
    assert (summary.updated, summary.prices_added, summary.created) == (1, 1, 0)
    assert OfferingPrice.objects.count() == prices + 1
    before = offering_facts(["deepseek/deepseek-chat"], as_of=date(2026, 3, 31))
    after = offering_facts(["deepseek/deepseek-chat"], as_of=D2)
    assert before["deepseek/deepseek-chat"]["output_per_mtok"] == "0.42"
    assert after["deepseek/deepseek-chat"]["output_per_mtok"] == "0.50"
    closed = OfferingPrice.objects.get(offering__key="deepseek/deepseek-chat", effective_from=D1)
    assert closed.effective_to == D2


@pytest.mark.django_db
def test_same_day_change_still_adds_exactly_one_row():
    data = {"acme-model": _entry()}
    _import(data, when=D1)
    data["acme-model"]["input_cost_per_token"] = 3e-06
    _import(data, when=D1)
    rows = list(OfferingPrice.objects.filter(offering__key="acme-model").order_by("pk"))
    assert len(rows) == 2
    facts = offering_facts(["acme-model"], as_of=D1)["acme-model"]
    assert facts["input_per_mtok"] == "3.00"


@pytest.mark.django_db
def test_as_of_before_and_after_an_import_of_a_builtin_offering():
    data = {"gpt-4o": _entry(input_cost_per_token=5e-06, output_cost_per_token=1.5e-05)}
    _import(data, when=D2)
    before = offering_facts(["gpt-4o"], as_of=date(2026, 2, 1))["gpt-4o"]
    after = offering_facts(["gpt-4o"], as_of=D2)["gpt-4o"]
    assert (before["input_per_mtok"], before["price_effective_from"]) == ("2.50", "2026-01-23")
    assert (after["input_per_mtok"], after["output_per_mtok"]) == ("5.00", "15.00")


@pytest.mark.django_db
def test_malformed_entries_are_named_and_the_rest_imports():
    data = {
        "good/model": _entry(),
        "bad/string-price": _entry(input_cost_per_token="0.000001"),
        "bad/negative": _entry(output_cost_per_token=-1e-06),
        "bad/no-provider": {"mode": "chat", "input_cost_per_token": 1e-06},
        "bad/no-mode": {"litellm_provider": "openai", "input_cost_per_token": 1e-06},
        "bad/bool-price": _entry(input_cost_per_token=True),
        "bad/tokens": _entry(max_input_tokens="lots"),
        "bad/date": _entry(deprecation_date="next spring"),
        "bad/not-an-object": [1, 2],
        "bad/half-priced": _entry(output_cost_per_token=None),
        "embed/me": {"litellm_provider": "openai", "mode": "embedding"},
    }
    summary = _import(data)
    assert summary.created == 1
    bad = {e["key"]: e["message"] for e in summary.errors}
    assert set(bad) == {k for k in data if k.startswith("bad/")}
    assert "number" in bad["bad/string-price"]
    assert "negative" in bad["bad/negative"]
    assert "litellm_provider" in bad["bad/no-provider"]
    assert summary.skipped["malformed"] == 9 and summary.skipped["mode embedding"] == 1
    assert Offering.objects.filter(key="good/model").exists()
    assert not Offering.objects.filter(key__startswith="bad/").exists()


@pytest.mark.django_db
def test_nothing_importable_is_an_error_and_changes_nothing():
    before = CatalogImport.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        _import({"bad/negative": _entry(input_cost_per_token=-1)})
    assert "bad/negative" in " ".join(exc.value.fields["file"])
    with pytest.raises(ValidationFailed):
        _import(b"{not json")
    with pytest.raises(ValidationFailed):
        _import(b"[1, 2, 3]")
    assert CatalogImport.objects.count() == before


@pytest.mark.django_db
def test_dry_run_saves_nothing():
    offerings = Offering.objects.count()
    summary = _import(SAMPLE.read_bytes(), dry_run=True)
    assert summary.created > 0 and summary.record_id is None
    assert Offering.objects.count() == offerings
    assert not CatalogImport.objects.filter(kind="litellm").exists()


@pytest.mark.django_db
def test_command_prints_summary_and_exits_non_zero_only_when_nothing_imports(tmp_path):
    out = StringIO()
    call_command("import_litellm_prices", str(SAMPLE), "--effective-from", "2026-03-01", stdout=out)
    text = out.getvalue()
    assert "created" in text and "mode embedding: 2" in text
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"x": {"mode": "chat"}, "sample_spec": {}}))
    with pytest.raises(CommandError, match="x: litellm_provider is missing"):
        call_command("import_litellm_prices", str(bad), stdout=StringIO())
    partly = tmp_path / "partly.json"
    partly.write_text(json.dumps({"x": {"mode": "chat"}, "y/ok": _entry()}))
    out = StringIO()
    call_command("import_litellm_prices", str(partly), stdout=out)
    assert "malformed x" in out.getvalue()


def test_parse_document_counts_everything():
    result = parse_document({"sample_spec": {}, "a": _entry(), "b": {"mode": "rerank"}})
    assert result.total == 3 and len(result.entries) == 1
    assert result.skipped == {"sample_spec": 1, "mode rerank": 1}


@pytest.mark.django_db
def test_load_catalog_twice_leaves_the_same_rows():
    from vendors.models import OfferingCertification, OfferingRegion, OfferingSource, Restriction

    def snapshot():
        return [
            sorted(m.objects.values_list("pk", flat=True))
            for m in (Offering, OfferingPrice, OfferingRegion, OfferingCertification,
                      Restriction, OfferingSource, CatalogImport)
        ]  # fmt: skip

    call_command("load_catalog", stdout=StringIO())
    first = snapshot()
    out = StringIO()
    call_command("load_catalog", stdout=out)
    assert snapshot() == first
    assert "0 created, 0 updated, 16 unchanged" in out.getvalue()
