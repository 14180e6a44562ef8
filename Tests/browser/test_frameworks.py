"""Frameworks as a Compact group member: adopting a framework version (issue journey "a Compact
group adopts a framework version"), and a value set import with a bad value."""

import pytest

from harness import (activate_and_wait, by, choose_option, date_value, fill, fill_date, follow_link, keys, path_of, press,
                     scan, sign_in, tab_to, text_of)
from reading import (button, heading)

GROUP_MEMBER = "compact@eastmoor-cvs.example"  # Eastmoor CVS's seat on the Eastmoor Compact group
FRAMEWORK = "Eastmoor Social Value Framework"


def versions_table(driver) -> dict:
    """{"Version 2": "Adopted", ...} from a framework page's Versions table."""
    B = by()
    table = driver.find_element(B.XPATH, "//table[caption[normalize-space()='Versions']]")
    rows = {}
    for tr in table.find_elements(B.CSS_SELECTOR, "tbody tr"):
        cells = [" ".join(td.text.split()) for td in tr.find_elements(B.CSS_SELECTOR, "td")]
        rows[cells[0]] = cells[1]
    return rows


def open_framework(driver):
    follow_link(driver, "Frameworks", within=".govuk-header__navigation")
    follow_link(driver, FRAMEWORK, within="main")
    assert text_of(driver, "h1") == FRAMEWORK


@pytest.mark.both_js_modes
def test_compact_group_adopts_framework_version(driver, fresh_product):
    B, K = by(), keys()
    sign_in(driver, fresh_product, GROUP_MEMBER)
    assert path_of(driver) == "/dashboard"

    follow_link(driver, "Frameworks", within=".govuk-header__navigation")
    scan(driver, "adopt-frameworks")
    follow_link(driver, FRAMEWORK, within="main")
    assert versions_table(driver) == {"Version 2": "Draft", "Version 1": "Adopted"}
    scan(driver, "adopt-framework-before")

    follow_link(driver, "Version 2", within="main")
    version_2 = path_of(driver)
    assert text_of(driver, "h1") == "Version 2 Draft"
    scan(driver, "adopt-version-2-draft")

    # Add a measure, by keyboard, from the form's heading.
    form = driver.find_element(B.CSS_SELECTOR, "main form[action$='/measures']")
    field = lambda name: form.find_element(B.CSS_SELECTOR, f"[name='{name}']")
    choose_option(driver, field("outcomeId"), "Social well-being: Stronger communities",
                  start=heading(driver, "h3", "Add a measure"))
    fill(driver, field("code"), "SOC3")
    fill(driver, field("name"), "Local people volunteering on the contract")
    fill(driver, field("description"), "Hours given by residents who volunteer alongside the service")
    fill(driver, field("unit"), "hours")
    choose_option(driver, field("valuation"), "Record only")
    fill(driver, field("evidence"), "Volunteer timesheets signed by the organisation")
    tab_to(driver, button(driver, "Add measure", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == version_2
    assert "The measure has been added" in text_of(driver, "main")
    codes = [" ".join(c.text.split()) for c in driver.find_elements(B.CSS_SELECTOR, "main table td:first-child strong")]
    assert "SOC3" in codes, codes
    scan(driver, "adopt-measure-added")

    # Send out for consultation: the button just before the "Adopt Version 2" heading.
    tab_to(driver, button(driver, "Send out for consultation"),
           start=heading(driver, "h3", "Adopt Version 2"), backwards=True)
    activate_and_wait(driver)
    assert text_of(driver, "h1") == "Version 2 Out for consultation"
    scan(driver, "adopt-out-for-consultation")

    # Adopt: the date, two public bodies, the button; keyboard only.
    adopt_form = button(driver, "Adopt").find_element(B.XPATH, "./ancestor::form")
    today = date_value(adopt_form, "adoptedOn")  # the server's today
    fill_date(driver, "adoptedOn", today, within=adopt_form, start=heading(driver, "h3", "Adopt Version 2"))
    for box in ("adoptedBy", "adoptedBy-2"):
        checkbox = adopt_form.find_element(B.ID, box)
        tab_to(driver, checkbox)
        press(driver, K.SPACE)
        assert checkbox.is_selected(), f"SPACE did not tick {box}"
    bodies = [adopt_form.find_element(B.CSS_SELECTOR, f"label[for='{b}']").text.strip() for b in ("adoptedBy", "adoptedBy-2")]
    tab_to(driver, button(driver, "Adopt", within=adopt_form))
    activate_and_wait(driver)
    assert path_of(driver) == version_2
    assert text_of(driver, "h1") == "Version 2 Adopted", text_of(driver, "main")[:500]
    adopted_row = driver.find_element(B.XPATH, "//dt[normalize-space()='Adopted']/following-sibling::dd[1]")
    assert all(b in adopted_row.text for b in bodies), f"adopted by {adopted_row.text!r}, expected {bodies}"
    scan(driver, "adopt-version-2-adopted")

    follow_link(driver, FRAMEWORK, within=".govuk-breadcrumbs")
    assert versions_table(driver) == {"Version 2": "Adopted", "Version 1": "Superseded"}
    scan(driver, "adopt-framework-after")


BAD_CSV = (
    "measure_code,value_per_unit,currency,base_year,source,licence,notes\n"
    "ECO1,twelve pounds,GBP,2025,Browser test source,Open Government Licence v3.0,\n"
)


def test_value_set_import_errors(driver, product):
    B = by()
    sign_in(driver, product, GROUP_MEMBER)
    open_framework(driver)
    follow_link(driver, "Version 1", within="main")
    follow_link(driver, "Add a value set", within="main")
    assert text_of(driver, "h1") == "Add a value set"
    scan(driver, "value-set-new")

    # Keyboard only, from the start of the page.
    fill(driver, driver.find_element(B.ID, "name"), "Browser test values")
    csv = driver.find_element(B.ID, "csvText")
    fill(driver, csv, BAD_CSV)
    assert csv.get_property("value").replace("\r\n", "\n") == BAD_CSV, repr(csv.get_property("value"))
    tab_to(driver, button(driver, "Import value set"))
    activate_and_wait(driver)

    assert driver.title.startswith("Error:"), driver.title
    summary = driver.find_elements(B.CSS_SELECTOR, ".govuk-error-summary")
    assert summary, f"no error summary on {path_of(driver)}"
    items = [" ".join(li.text.split()) for li in summary[0].find_elements(B.CSS_SELECTOR, "li")]
    assert any("line 2, column value_per_unit" in i for i in items), items
    assert driver.find_element(B.ID, "name").get_dom_attribute("value") == "Browser test values"
    scan(driver, "value-set-import-errors")
