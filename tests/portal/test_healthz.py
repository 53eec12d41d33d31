import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(REDIS_URL=None)
def test_health_reports_database_and_in_process_tasks(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["status"] == "ok"


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_unreachable_broker_is_503(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"].startswith("unreachable")


def test_sign_in_page_renders(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_password_reset_sends_mail(client, triangle, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": triangle.member_a.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert triangle.member_a.email in mailoutbox[0].to
