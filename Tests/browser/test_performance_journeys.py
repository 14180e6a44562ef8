"""Contract performance journey (docs/performance.md): the commissioner sees a commitment in the
red on the dashboard, follows it through the indicators to the demo contract and on to its KPIs
and performance, records a breach of the contract decided today, and the KPI assessment it makes
due: first with a KPI left unrated (the error summary names it and leads
to it), then complete. Keyboard only; each page is scanned with axe.

The demo contract "Befriending and social contact" (DemoPerformance.swift) has three KPIs: ECO2
and SOC1 from its commitments, and "Matched people called each week" (95%); a failure to perform
decided 40 days before the demo was loaded, and the assessment that followed it."""

import datetime

from harness import by, choose_radio, fill, fill_date, focused, keys, path_of, press, scan, sign_in, tab_to
from reading import banner, error_links, table_rows, words
from test_tender_journeys import follow_link_starting, press_button

COMMISSIONER = "commissioner@eastmoor-cc.example"
CONTRACT = "Befriending and social contact"
RATINGS = ["Good", "Approaching target", "Inadequate"]  # for the three KPIs, in order


def radio(driver, name: str, label: str):
    B = by()
    for r in driver.find_elements(B.CSS_SELECTOR, "input[type=radio]"):
        if r.get_dom_attribute("name") == name:
            text = driver.find_element(B.CSS_SELECTOR, f"label[for='{r.get_dom_attribute('id')}']")
            if words(text) == label:
                return r
    raise AssertionError(f"no radio {label!r} in {name} on {path_of(driver)}")


def test_commissioner_records_a_breach_and_the_assessment_it_makes_due(driver, product):
    B = by()
    today = datetime.date.today()
    sign_in(driver, product, COMMISSIONER)
    driver.get(product.url("/dashboard"))
    cards = [words(c) for c in driver.find_elements(B.CSS_SELECTOR, "main .cw-card")]
    red = next(c for c in cards if "in the red" in c)
    assert red.startswith("1 commitment in the red"), red
    follow_link_starting(driver, "See the contracts behind")
    assert "code=CW08" in driver.current_url, driver.current_url
    follow_link_starting(driver, CONTRACT, within="main table")
    assert words(driver.find_element(B.TAG_NAME, "h1")) == f"Contract: {CONTRACT}"
    assert words(driver.find_element(B.CSS_SELECTOR, "#performance")) == "KPIs and contract performance"
    follow_link_starting(driver, "KPIs, assessments and failures")
    assert path_of(driver).endswith("/performance")
    kpis = [row[0] for row in table_rows(driver, "KPIs")]
    assert kpis == ["Apprenticeship weeks on the contract", "Staff volunteering hours in the area",
                    "Matched people called each week"], kpis
    scan(driver, "contract-performance")

    # A breach decided today, with a penalty set in the contract.
    follow_link_starting(driver, "Record a breach or failure to perform")
    scan(driver, "performance-failure-form")
    choose_radio(driver, radio(driver, "kind", "Breach of contract"))
    fill(driver, driver.find_element(B.ID, "requirement"), "A monthly lunch group in each village.")
    fill(driver, driver.find_element(B.ID, "whatHappened"), "No lunch group was held in Saltmarsh this month.")
    fill_date(driver, "decidedOn", today)
    choose_radio(driver, radio(driver, "penaltyType", "A penalty set in the contract"))
    fill(driver, driver.find_element(B.ID, "penaltyValue"), "750")
    press_button(driver, "Record it")
    assert "an assessment is now due" in banner(driver)
    register = table_rows(driver, "Breaches and failures to perform")
    assert any("A penalty set in the contract: £750" in row for row in register), register
    due = table_rows(driver, "Assessments due")
    today_text = f"{today.day} {today.strftime('%B %Y')}"
    assert ["After a breach or failure to perform", today_text] in [row[:2] for row in due], due
    assert [row[-1] for row in due if row[1] == today_text] == ["Due"], due

    # The assessment, first with the last KPI unrated.
    follow_link_starting(driver, "Record an assessment")
    scan(driver, "performance-assessment-form")
    assert radio(driver, "due", f"After a breach or failure to perform, due {today_text}").is_selected()
    names = [r.get_dom_attribute("name") for r in driver.find_elements(B.CSS_SELECTOR, "input[type=radio]")]
    groups = list(dict.fromkeys(n for n in names if n.startswith("ratings[")))
    assert len(groups) == 3, groups
    for group, rating in zip(groups[:2], RATINGS[:2]):
        choose_radio(driver, radio(driver, group, rating))
    fill(driver, driver.find_element(B.ID, "narrative"), "The lunch group was missed; visits stayed on time.")
    press_button(driver, "Record the assessment")
    links = error_links(driver)
    assert [text for _, text in links] == ["Select a rating for “Matched people called each week”"], links
    scan(driver, "performance-assessment-errors")
    link = driver.find_element(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    tab_to(driver, link)
    press(driver, keys().ENTER)
    target = groups[2]
    assert focused(driver).get_dom_attribute("name") == target, "the error link did not lead to the unrated KPI"
    choose_radio(driver, radio(driver, target, RATINGS[2]))
    press_button(driver, "Record the assessment")
    assert banner(driver) == "The assessment is recorded"
    ratings = table_rows(driver, f"Ratings: After a breach or failure to perform, due {today_text}, as recorded")
    assert ratings == [["Apprenticeship weeks on the contract", "Good", "–"],
                       ["Staff volunteering hours in the area", "Approaching target", "–"],
                       ["Matched people called each week", "Inadequate", "–"]], ratings
    due = table_rows(driver, "Assessments due")
    assert [row[-1] for row in due if row[0] == "After a breach or failure to perform"] == ["Assessed", "Assessed"], due
