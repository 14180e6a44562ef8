"""The GOV.UK date input (issue 13 §5): a Compact group member adds a signatory with a date in
the future, is shown the problem linked to the day field with what was typed kept, and corrects
it, keyboard only."""

import datetime

from harness import (activate_and_wait, by, choose_option, date_value, fill_date, focused, follow_link, keys,
                     path_of, press, scan, sign_in, tab_to, text_of)
from reading import banner, button, error_links, table_rows, words

GROUP_MEMBER = "compact@eastmoor-cvs.example"  # Eastmoor CVS's seat on the Eastmoor Compact group
ORGANISATION = "Kestrel Facilities Ltd"  # has not signed the demo Compact


def test_a_signatory_date_in_the_future_is_refused_then_corrected(driver, fresh_product):
    B = by()
    sign_in(driver, fresh_product, GROUP_MEMBER)
    driver.get(fresh_product.url("/compacts"))
    follow_link(driver, "Eastmoor Compact", within="main")
    follow_link(driver, "Manage signatories", within="main")
    assert text_of(driver, "h1") == "Signatories"
    form = driver.find_element(B.CSS_SELECTOR, "main form[action$='/signatories']")
    assert text_of(driver, "main form[action$='/signatories'] fieldset legend") == "Date signed"
    assert "For example, 27 3 2026" in form.find_element(B.ID, "signedOn-hint").text
    scan(driver, "date-input-signatories")

    choose_option(driver, form.find_element(B.ID, "organisationId"), ORGANISATION)
    fill_date(driver, "signedOn", "2030-01-01", within=form)
    tab_to(driver, button(driver, "Add signatory", within=form))
    activate_and_wait(driver)

    assert driver.title.startswith("Error: "), driver.title
    assert error_links(driver) == [("#signedOn-day", "The date signed must be today or in the past")], error_links(driver)
    form = driver.find_element(B.CSS_SELECTOR, "main form[action$='/signatories']")
    assert date_value(form, "signedOn") == datetime.date(2030, 1, 1)
    assert "Error: The date signed must be today or in the past" == words(form.find_element(B.ID, "signedOn-error"))
    for part in ("day", "month", "year"):
        assert "govuk-input--error" in form.find_element(B.ID, f"signedOn-{part}").get_dom_attribute("class")
    scan(driver, "date-input-signatories-error")

    # The summary's link puts focus in the day field; the date is corrected from there.
    link = driver.find_element(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    tab_to(driver, link)
    press(driver, keys().ENTER)
    assert focused(driver) == form.find_element(B.ID, "signedOn-day"), "the error link did not move focus to the day"
    signed = datetime.date.today() - datetime.timedelta(days=10)
    fill_date(driver, "signedOn", signed, within=form)
    tab_to(driver, button(driver, "Add signatory", within=form))
    activate_and_wait(driver)

    assert path_of(driver).endswith("/signatories"), path_of(driver)
    assert banner(driver) == "The signatory has been added"
    rows = [r for r in table_rows(driver, "Organisations that have signed") if r[0] == ORGANISATION]
    assert rows and rows[0][1] == f"{signed.day} {signed.strftime('%B')} {signed.year}", rows
