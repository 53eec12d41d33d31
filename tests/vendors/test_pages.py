"""Catalog pages: readable by any signed-in user, importing is staff-only."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.portal import UserFactory
from vendors.models import CatalogImport, Offering

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "litellm-prices-sample.json"


def _signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["member_a", "viewer_a", "consultant", "outsider"])
def test_catalog_list_is_readable_by_every_signed_in_user(client, triangle, who):
    response = _signed_in(client, getattr(triangle, who)).get(reverse("catalog"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "DeepSeek V3 (DeepSeek API)" in body
    assert "deepseek/deepseek-v3" in body


def test_anonymous_is_sent_to_sign_in(client, db):
    for url in (
        reverse("catalog"),
        reverse("catalog-offering", args=["deepseek/deepseek-v3"]),
        reverse("catalog-compare"),
        reverse("catalog-import"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_filters_and_search(client, triangle):
    c = _signed_in(client, triangle.member_a)
    body = c.get(reverse("catalog"), {"vendor": "openai"}).content.decode()
    assert "GPT-4o" in body and "DeepSeek V3 (DeepSeek API)" not in body
    body = c.get(reverse("catalog"), {"region": "eu_eea"}).content.decode()
    assert "deepseek.v3.2" in body and "GPT-4o" not in body
    body = c.get(reverse("catalog"), {"certification": "hipaa_baa"}).content.decode()
    assert "Claude Opus 4.5" in body and "DeepSeek V3" not in body
    body = c.get(reverse("catalog"), {"mode": "self_hosted"}).content.decode()
    assert "self-hosted/deepseek-v3" in body and "GPT-4o" not in body
    body = c.get(reverse("catalog"), {"open_weights": "yes"}).content.decode()
    assert "DeepSeek" in body and "GPT-4o" not in body
    body = c.get(reverse("catalog"), {"retired": "yes"}).content.decode()
    assert "Gemini 2.0 Flash" in body and "GPT-4o" not in body
    body = c.get(reverse("catalog"), {"q": "opus"}).content.decode()
    assert "Claude Opus 4.5" in body and "GPT-4o" not in body


def test_catalog_warns_when_prices_are_stale(client, triangle):
    body = _signed_in(client, triangle.member_a).get(reverse("catalog")).content.decode()
    # Only the built-in prices (January 2026) are loaded and the suite runs later.
    assert "Prices may be out of date" in body


def test_no_stale_warning_after_a_fresh_import(client, triangle):
    from vendors.importer import catalog_import_litellm

    catalog_import_litellm(raw=SAMPLE.read_bytes(), file_name="sample.json")
    body = _signed_in(client, triangle.member_a).get(reverse("catalog")).content.decode()
    assert "Prices may be out of date" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/catalog/offerings/deepseek/deepseek-v3/",
        "/catalog/offerings/deepseek%2Fdeepseek-v3/",
    ],
)
def test_offering_page_with_slashes_in_the_key(client, triangle, path):
    response = _signed_in(client, triangle.outsider).get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "671B total" in body
    assert "<svg" in body and "<text" in body and "$0.27" in body
    assert "analyst article" in body
    assert "Italy" in body


def test_offering_page_for_a_key_with_a_colon(client, triangle):
    from vendors.importer import catalog_import_litellm

    catalog_import_litellm(raw=SAMPLE.read_bytes(), file_name="sample.json")
    key = "anthropic.claude-opus-4-5-20251101-v1:0"
    response = _signed_in(client, triangle.member_a).get(reverse("catalog-offering", args=[key]))
    assert response.status_code == 200
    assert key in response.content.decode()


def test_unknown_offering_is_404(client, triangle):
    response = _signed_in(client, triangle.member_a).get("/catalog/offerings/no/such:model/")
    assert response.status_code == 404


def test_self_hosted_page_explains_there_are_no_token_prices(client, triangle):
    body = (
        _signed_in(client, triangle.member_a)
        .get(reverse("catalog-offering", args=["self-hosted/deepseek-v3"]))
        .content.decode()
    )
    assert "8 × NVIDIA A100 80GB" in body and "not tokens" in body


def test_compare_two_to_four(client, triangle):
    c = _signed_in(client, triangle.member_a)
    response = c.get(reverse("catalog-compare"), {"offering": ["gpt-4o", "deepseek/deepseek-v3"]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "GPT-4o" in body and "DeepSeek V3" in body and "0.27" in body
    too_many = ["gpt-4", "gpt-4o", "o1", "o1-pro", "claude-opus-4-5"]
    assert c.get(reverse("catalog-compare"), {"offering": too_many}).status_code == 400
    assert c.get(reverse("catalog-compare"), {"offering": ["gpt-4o"]}).status_code == 400
    unknown = c.get(reverse("catalog-compare"), {"offering": ["gpt-4o", "nope/x"]})
    assert unknown.status_code == 400 and "nope/x" in unknown.content.decode()


def test_import_page_is_staff_only(client, triangle):
    c = _signed_in(client, triangle.consultant)
    assert c.get(reverse("catalog-import")).status_code == 403
    upload = SimpleUploadedFile("p.json", SAMPLE.read_bytes(), "application/json")
    assert c.post(reverse("catalog-import"), {"file": upload}).status_code == 403
    assert not CatalogImport.objects.filter(kind="litellm").exists()


def test_staff_import_upload_and_dry_run(client, db):
    staff = UserFactory(email="staff@firm.example", is_staff=True)
    c = _signed_in(client, staff)
    upload = SimpleUploadedFile("p.json", SAMPLE.read_bytes(), "application/json")
    response = c.post(reverse("catalog-import"), {"file": upload, "dry_run": "on"})
    assert response.status_code == 200 and "Dry run" in response.content.decode()
    assert not Offering.objects.filter(key="gpt-5.2").exists()
    upload = SimpleUploadedFile("p.json", SAMPLE.read_bytes(), "application/json")
    response = c.post(reverse("catalog-import"), {"file": upload})
    assert response.status_code == 200
    assert "mode embedding" in response.content.decode()
    assert Offering.objects.filter(key="gpt-5.2").exists()
    record = CatalogImport.objects.get(kind="litellm")
    assert record.imported_by == staff


def test_staff_import_of_garbage_is_a_form_error(client, db):
    staff = UserFactory(email="staff2@firm.example", is_staff=True)
    upload = SimpleUploadedFile("p.json", b"not json", "application/json")
    response = _signed_in(client, staff).post(reverse("catalog-import"), {"file": upload})
    assert response.status_code == 400
    assert "not a JSON file" in response.content.decode()


def test_admin_editing_is_staff_only(client, triangle):
    offering = Offering.objects.get(key="gpt-4o")
    url = reverse("admin:vendors_offering_change", args=[offering.pk])
    response = _signed_in(client, triangle.consultant).get(url)
    assert response.status_code == 302  # not admin staff: sent to the admin sign-in
    admin = UserFactory(email="admin@firm.example", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:vendors_offeringprice_changelist")).status_code == 200
