import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_and_see_the_dashboard(page, sign_in, sign_out, triangle):
    sign_in(triangle.member_a.email, triangle.password)
    assert page.get_by_role("heading", name="Your organizations").is_visible()
    page.get_by_role("link", name="Acme Analytics").click()
    page.wait_for_url("**/orgs/acme/")
    assert page.get_by_role("heading", name="Acme Analytics").is_visible()
    assert "Globex" not in page.content().split("<main")[1]
    sign_out()


def test_wrong_password_shows_an_error(page, triangle):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(triangle.member_a.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
