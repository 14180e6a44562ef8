"""Monitoring journey (docs/monitoring.md): the supplier submits the due monitoring return
of the demo contract with evidence, and the buyer's commissioner verifies it, one line lower with a
note; the contract's delivery table then shows the new verified totals.

The demo contract "Befriending and social contact" (DemoTenders.swift, DemoAward.swift,
DemoMonitoring.swift) reports quarterly and started after its standstill about seven months ago:
period 1 has a verified return (ECO2 4 weeks, SOC1 210 hours, ENV1 0 tonnes) and period 2 ended
about ten days ago and is due. The food bank committed ECO2 52 apprenticeship weeks at £226.50,
SOC1 2,400 volunteering hours at £12.21 and ENV1 3 tonnes CO2e at £241.00."""

import re
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from harness import (activate_and_wait, by, choose_radio, fill, focused, keys, path_of, press, scan, sign_in, sign_out, tab_to,
                     text_of)
from reading import banner, error_links, error_summary, summary_value, table_rows, words
from test_tender_journeys import follow_link_starting, money, press_button

FOODBANK_MEMBER = "supplier@brackenford-foodbank.example"  # Sam Supplier
COMMISSIONER = "commissioner@eastmoor-cc.example"  # Priya Commissioner
CONTRACT = "Befriending and social contact"

MEASURES = {  # code: (name, unit, committed, proxy per unit)
    "ECO2": ("Apprenticeship weeks on the contract", "weeks", Decimal(52), Decimal("226.50")),
    "ENV1": ("Carbon emissions avoided", "tonnes CO2e", Decimal(3), Decimal("241.00")),
    "SOC1": ("Staff volunteering hours in the area", "hours", Decimal(2400), Decimal("12.21")),
}
FIRST_PERIOD = {"ECO2": Decimal(4), "ENV1": Decimal(0), "SOC1": Decimal(210)}  # verified at demo load
CLAIMED = {"ECO2": "6", "ENV1": "1", "SOC1": "320"}  # what Sam claims for period 2
VERIFIED = {"ECO2": Decimal(5), "ENV1": Decimal(1), "SOC1": Decimal(320)}  # Priya verifies ECO2 one week lower
NARRATIVE = "Quarter two: 41 older people matched with volunteers; a second lunch group opened in Saltmarsh."
SHORTFALL = "One apprentice week was induction, not on the contract."
EVIDENCE = "Apprentice timesheets for the quarter"

ROWS_CAPTION = "Social value delivered against each commitment, from verified returns"


def pounds(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def expected_delivery() -> list:
    """Each commitment's row, from this test's own arithmetic:
    ECO2 4 + 5 = 9 of 52 weeks = 17.307…% → 17.3%, 9 × £226.50 = £2,038.50;
    ENV1 0 + 1 = 1 of 3 tonnes = 33.3%, 1 × £241.00 = £241.00;
    SOC1 210 + 320 = 530 of 2,400 hours = 22.083…% → 22.1%, 530 × £12.21 = £6,471.30."""
    rows = []
    for code, (name, unit, committed, proxy) in sorted(MEASURES.items()):
        verified = FIRST_PERIOD[code] + VERIFIED[code]
        percent = (verified / committed * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        rows.append([f"{code} {name}", f"{committed} {unit}", pounds(committed * proxy), f"{verified} {unit}", f"0 {unit}",
                     f"{percent}%", pounds(verified * proxy)])
    return rows


def read_delivery(driver) -> list:
    rows = table_rows(driver, ROWS_CAPTION)
    return [r[:2] + [money(r[2])] + r[3:6] + [money(r[6])] for r in rows[:-1]], rows[-1]


def open_contract(driver) -> str:
    """Contracts (header) → the demo contract."""
    from harness import follow_link
    follow_link(driver, "Contracts", within=".govuk-header__navigation")
    follow_link(driver, CONTRACT, within="main table")
    assert text_of(driver, "h1") == f"Contract: {CONTRACT}"
    return path_of(driver)


@pytest.mark.both_js_modes
def test_supplier_submits_a_return_with_evidence_and_the_commissioner_verifies_it(driver, fresh_product):
    B = by()
    journey = "monitoring"
    sign_in(driver, fresh_product, FOODBANK_MEMBER)
    contract = open_contract(driver)
    # Before: period 1 verified, period 2 due; delivered so far from period 1 only.
    returns = table_rows(driver, "Monitoring returns by reporting period")
    assert [r[2] for r in returns[:3]] == ["Verified", "Due", "Not due yet"], returns
    assert re.fullmatch(r"Period 2: \d{1,2} [A-Z][a-z]{2} \d{4} to \d{1,2} [A-Z][a-z]{2} \d{4}", returns[1][0]), returns[1]
    first, _ = read_delivery(driver)
    assert [r[3] for r in first] == [f"{FIRST_PERIOD[c]} {MEASURES[c][1]}" for c in sorted(MEASURES)], first
    scan(driver, f"{journey}-contract-before")

    # The due return.
    follow_link_starting(driver, "Start the return", within="main table")
    path = path_of(driver)
    assert path == f"{contract}/returns/2", path
    assert text_of(driver, "h1") == "Monitoring return: period 2"
    assert words(driver.find_element(B.CSS_SELECTOR, "#status")) == "Due"
    scan(driver, f"{journey}-return-new")

    form = lambda: driver.find_element(B.CSS_SELECTOR, f"main form[action='{path}']")
    fill(driver, driver.find_element(B.ID, "narrative"), NARRATIVE)
    for code, quantity in CLAIMED.items():
        fill(driver, driver.find_element(B.ID, f"lines-{code}-quantity"), quantity)
    press_button(driver, "Save as draft", within=form())
    assert banner(driver) == "Your return has been saved as a draft. It is not submitted yet"
    assert words(driver.find_element(B.CSS_SELECTOR, "#status")) == "Draft"
    assert summary_value(driver, "What was delivered") == NARRATIVE
    scan(driver, f"{journey}-return-draft")

    # Refused without evidence: the error summary links to the file input.
    press_button(driver, "Submit the return")
    assert path_of(driver) == f"{path}/submit"
    assert driver.title.startswith("Error: Monitoring return: period 2"), driver.title
    assert error_links(driver) == [("#evidence", "Attach at least one piece of evidence")], error_links(driver)
    scan(driver, f"{journey}-return-refused")
    link = error_summary(driver).find_element(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    tab_to(driver, link)
    press(driver, keys().ENTER)
    assert focused(driver) == driver.find_element(B.ID, "evidence"), "the error summary's link did not move focus to the file input"

    # The evidence: a file chosen by path, with a short description.
    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "apprentice-timesheets.csv"
        sheet.write_text("week,apprentice,hours\n1,A,30\n2,A,30\n", encoding="utf-8")
        fill(driver, driver.find_element(B.ID, "description"), EVIDENCE)
        driver.find_element(B.ID, "evidence").send_keys(str(sheet))
        press_button(driver, "Attach the evidence")
    assert banner(driver) == "The evidence has been attached"
    assert table_rows(driver, "Evidence")[0][:2] == [EVIDENCE, "apprentice-timesheets.csv"], table_rows(driver, "Evidence")
    scan(driver, f"{journey}-return-evidence")

    press_button(driver, "Submit the return")
    assert path_of(driver) == path
    assert banner(driver) == "Your return for period 2 has been submitted. The buyer will verify it"
    assert words(driver.find_element(B.CSS_SELECTOR, "#status")) == "Submitted"
    assert not driver.find_elements(B.ID, "narrative"), "a submitted return can still be edited"
    scan(driver, f"{journey}-return-submitted")

    # The commissioner follows the notification.
    sign_out(driver)
    sign_in(driver, fresh_product, COMMISSIONER)
    from harness import follow_link
    follow_link(driver, next(words(a) for a in driver.find_elements(B.CSS_SELECTOR, ".cw-account-nav a")
                             if words(a).startswith("Notifications")), within=".cw-account-nav")
    newest = driver.find_element(B.CSS_SELECTOR, "main .govuk-task-list__item")
    assert f"Monitoring return for period 2 of “{CONTRACT}” is ready to verify." in words(newest), words(newest)
    scan(driver, f"{journey}-notifications")
    follow_link(driver, "View", within="main .govuk-task-list__item:first-child")
    assert path_of(driver) == path
    assert [r[:2] for r in table_rows(driver, "Delivery this period by commitment")] == [
        [f"{c} {MEASURES[c][0]}", f"{CLAIMED[c]} {MEASURES[c][1]}"] for c in sorted(MEASURES)]
    assert driver.find_element(B.ID, "lines-ECO2-quantity").get_property("value") == "6"  # the claim, by default
    scan(driver, f"{journey}-verify")

    verify_form = lambda: driver.find_element(B.CSS_SELECTOR, f"main form[action='{path}/verification']")
    # Lower without a note: refused, linked to the note.
    fill(driver, driver.find_element(B.ID, "lines-ECO2-quantity"), str(VERIFIED["ECO2"]), replace=True)
    choose_radio(driver, driver.find_element(B.ID, "decision"))
    press_button(driver, "Record the decision", within=verify_form())
    assert error_links(driver) == [("#lines-ECO2-note", "Enter why less apprenticeship weeks on the contract is verified than claimed")], \
        error_links(driver)
    assert driver.find_element(B.ID, "lines-ECO2-quantity").get_property("value") == "5"  # kept
    scan(driver, f"{journey}-verify-refused")
    fill(driver, driver.find_element(B.ID, "lines-ECO2-note"), SHORTFALL)
    choose_radio(driver, driver.find_element(B.ID, "decision"))
    press_button(driver, "Record the decision", within=verify_form())
    assert path_of(driver) == contract
    assert banner(driver) == "The return for period 2 has been verified"

    # The delivery table against this test's arithmetic; totals from unrounded parts.
    rows, total = read_delivery(driver)
    assert rows == expected_delivery(), rows
    committed = sum((m[2] * m[3] for m in MEASURES.values()), Decimal(0))  # 11,778.00 + 723.00 + 29,304.00 = 41,805.00
    delivered = sum(((FIRST_PERIOD[c] + VERIFIED[c]) * MEASURES[c][3] for c in MEASURES), Decimal(0))  # 2,038.50 + 241.00 + 6,471.30 = 8,750.80
    assert total[0] == "Total" and money(total[2]) == pounds(committed) and money(total[6]) == pounds(delivered), total
    assert pounds(delivered) == Decimal("8750.80")
    assert [r[2] for r in table_rows(driver, "Monitoring returns by reporting period")[:2]] == ["Verified", "Verified"]
    scan(driver, f"{journey}-contract-after")

    # The verified return, read-only, with the note.
    follow_link_starting(driver, "View the return", within="main table tr:nth-child(2)")
    assert path_of(driver) == path
    assert [r[3:] for r in table_rows(driver, "Delivery this period by commitment")][0] == ["5 weeks", SHORTFALL]
    assert not driver.find_elements(B.ID, "decision"), "a verified return can be decided again"
    scan(driver, f"{journey}-return-verified")


def test_claiming_more_than_committed_needs_the_suppliers_confirmation(driver, fresh_product):
    """Issue 13 §4 (docs/monitoring.md, "Claiming more than committed"): SOC1 committed 2,400 hours,
    210 verified in period 1; claiming 5,000 now makes 5,210 in all, 2,810 over. The return is shown
    again with a warning naming the line and is saved only once the supplier confirms the figures."""
    from harness import tick
    B = by()
    sign_in(driver, fresh_product, FOODBANK_MEMBER)
    contract = open_contract(driver)
    follow_link_starting(driver, "Start the return", within="main table")
    path = path_of(driver)
    assert path == f"{contract}/returns/2", path
    form = lambda: driver.find_element(B.CSS_SELECTOR, f"main form[action='{path}']")
    fill(driver, driver.find_element(B.ID, "narrative"), NARRATIVE)
    over = {"ECO2": "6", "ENV1": "1", "SOC1": "5000"}
    for code, quantity in over.items():
        fill(driver, driver.find_element(B.ID, f"lines-{code}-quantity"), quantity)
    press_button(driver, "Save as draft", within=form())
    committed, earlier, claimed = MEASURES["SOC1"][2], FIRST_PERIOD["SOC1"], Decimal(over["SOC1"])
    total = earlier + claimed  # 5,210
    message = (f"SOC1 {MEASURES['SOC1'][0]}: {total:,} hours delivered in all ({earlier:,} in earlier returns and "
               f"{claimed:,} in this one) against {committed:,} committed, {total - committed:,} over")
    assert message.endswith("5,210 hours delivered in all (210 in earlier returns and 5,000 in this one) against 2,400 committed, 2,810 over")
    assert error_links(driver) == [("#confirmOverCommitment", f"{message}: confirm the figures are right, or correct them")], \
        error_links(driver)
    warning = driver.find_element(B.ID, "over-commitment")
    assert "take delivery past what was committed" in words(warning), words(warning)
    assert [words(li) for li in driver.find_elements(B.CSS_SELECTOR, "#over-commitment + ul li")] == [
        f"{message}: confirm the figures are right, or correct them"]
    assert words(driver.find_element(B.CSS_SELECTOR, "#status")) == "Due"  # nothing was saved
    assert driver.find_element(B.ID, "lines-SOC1-quantity").get_property("value") == "5000"  # kept as typed
    scan(driver, "monitoring-over-commitment")

    # Without the box ticked, saving again is refused again; ticked, the draft is saved.
    press_button(driver, "Save as draft", within=form())
    assert [link for link, _ in error_links(driver)] == ["#confirmOverCommitment"], error_links(driver)
    tick(driver, driver.find_element(B.ID, "confirmOverCommitment"))
    press_button(driver, "Save as draft", within=form())
    assert banner(driver) == "Your return has been saved as a draft. It is not submitted yet"
    assert words(driver.find_element(B.CSS_SELECTOR, "#status")) == "Draft"
    assert summary_value(driver, f"SOC1 {MEASURES['SOC1'][0]}") == "5000 hours", summary_value(driver, f"SOC1 {MEASURES['SOC1'][0]}")
    assert not driver.find_elements(B.ID, "over-commitment")
    scan(driver, "monitoring-over-commitment-confirmed")


def test_supplier_fills_the_return_offline_from_the_csv_template(driver, fresh_product):
    """The period 2 return downloaded as a CSV template, filled in outside the product and
    uploaded (docs/monitoring.md, "Filling a return offline"): first with a quantity that is not a
    number, which the error summary names by line and leads to the file input, then filled
    correctly, which fills the draft in."""
    import csv
    import io
    import urllib.request
    B = by()
    sign_in(driver, fresh_product, FOODBANK_MEMBER)
    open_contract(driver)
    follow_link_starting(driver, "Start the return", within="main table")
    path = path_of(driver)
    link = driver.find_element(B.CSS_SELECTOR, f"main a[href='{path}/template.csv']")
    assert words(link).startswith("Download the return as a CSV template"), words(link)

    # The download, with the browser's own session.
    session = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(fresh_product.url(f"{path}/template.csv"), headers={"Cookie": session})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.read().decode("utf-8-sig"))))
    assert rows[0] == ["section", "key", "name", "unit", "committed", "value"], rows[0]
    assert [r[:2] for r in rows[1:]] == [["narrative", ""]] + [[s, c] for c in sorted(MEASURES) for s in ("quantity", "note")]

    def filled(eco2: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        for row in rows:
            values = {("narrative", ""): NARRATIVE, ("quantity", "ECO2"): eco2, ("quantity", "ENV1"): CLAIMED["ENV1"],
                      ("quantity", "SOC1"): CLAIMED["SOC1"], ("note", "ECO2"): "Two apprentices started"}
            writer.writerow(row[:5] + [values.get((row[0], row[1]), row[5])] if row[0] != "section" else row)
        return out.getvalue()

    def upload(text: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            sheet = Path(folder) / "monitoring-return-period-2.csv"
            sheet.write_text(text, encoding="utf-8")
            driver.find_element(B.ID, "returnFile").send_keys(str(sheet))
            press_button(driver, "Upload the template")

    upload(filled("six"))
    links = error_links(driver)
    assert len(links) == 1 and links[0][0] == "#returnFile" and links[0][1].startswith("line 3, column value: "), links
    scan(driver, "monitoring-template-refused")
    tab_to(driver, error_summary(driver).find_element(B.CSS_SELECTOR, ".govuk-error-summary__list a"))
    press(driver, keys().ENTER)
    assert focused(driver) == driver.find_element(B.ID, "returnFile"), "the error link did not move focus to the file input"

    upload(filled(CLAIMED["ECO2"]))
    assert banner(driver) == "Your return has been filled in from the template and saved as a draft. It is not submitted yet"
    assert words(driver.find_element(B.CSS_SELECTOR, "#status")) == "Draft"
    assert summary_value(driver, "What was delivered") == NARRATIVE
    for code, quantity in CLAIMED.items():
        assert driver.find_element(B.ID, f"lines-{code}-quantity").get_property("value") == quantity, code
    assert driver.find_element(B.ID, "lines-ECO2-note").get_property("value") == "Two apprentices started"
    scan(driver, "monitoring-template-filled")
