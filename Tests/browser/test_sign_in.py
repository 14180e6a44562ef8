"""Signing in, by keyboard alone, as every kind of demo account; and a wrong password."""

import pytest

from harness import by, focused, keys, path_of, press, scan, sign_in, tab_to, text_of

# The dashboard heading each role sees (Tests/WebTests/SignInTests.swift).
ROLES = [
    ("admin", "admin@eastmoor.example", "Installation administrator"),
    ("commissioner", "commissioner@eastmoor-cc.example", "Commissioner at Eastmoor County Council"),
    ("evaluator", "evaluator@eastmoor-cc.example", "Evaluator at Eastmoor County Council"),
    ("viewer", "viewer@brackenford-dc.example", "Viewer at Brackenford District Council"),
    ("supplier", "supplier@brackenford-foodbank.example", "Supplier member at Brackenford Foodbank"),
    ("compact-group", "compact@eastmoor-cvs.example", "Compact group member"),
]


@pytest.mark.both_js_modes
@pytest.mark.parametrize("role,email,heading", ROLES, ids=[r[0] for r in ROLES])
def test_sign_in_each_role(driver, product, role, email, heading):
    B = by()
    if role == "admin":
        driver.get(product.url("sign-in"))
        scan(driver, "sign-in-page")
    sign_in(driver, product, email)
    assert path_of(driver) == "/dashboard", f"signing in as {email} landed on {path_of(driver)}"
    assert text_of(driver, "h1") == "Your dashboard"
    headings = [" ".join(h.text.split()) for h in driver.find_elements(B.CSS_SELECTOR, "main h2.govuk-heading-m")]
    assert any(h.startswith(heading) for h in headings), \
        f"no dashboard heading starting {heading!r} for {email}; the h2s are {headings}"
    scan(driver, f"sign-in-{role}-dashboard")


def test_wrong_password_error_summary(driver, product):
    B = by()
    # An account no other test signs in with, so one wrong password cannot lock anyone out.
    sign_in(driver, product, "bids@kestrel-facilities.example", password="not the right password")
    assert path_of(driver).startswith("/sign-in"), path_of(driver)
    assert driver.title.startswith("Error:"), f"the title is {driver.title!r}"
    summary = driver.find_elements(B.CSS_SELECTOR, ".govuk-error-summary")
    assert summary, "no GOV.UK error summary on the page"
    assert "There is a problem" in summary[0].text
    links = summary[0].find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    assert [a.get_dom_attribute("href") for a in links] == ["#email"], \
        [(a.get_dom_attribute("href"), a.text) for a in links]
    assert links[0].text.strip() == (
        "Enter a correct email address and password. "
        "After 5 wrong passwords in a row an account is locked for 15 minutes")
    # The email field says the same next to it, and keeps what was typed.
    email = driver.find_element(B.ID, "email")
    assert email.get_dom_attribute("value") == "bids@kestrel-facilities.example"
    assert "Enter a correct email address and password" in text_of(driver, ".govuk-error-message")
    scan(driver, "wrong-password-error")

    # By keyboard: from the start of the page to the summary's link, ENTER moves focus to the field.
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    assert focused(driver) == email, "following the error summary's link did not move focus to the email field"

