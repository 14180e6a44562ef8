"""Consultations (docs/consultations.md): a commissioner is asked for the reason a consultation
is shorter than the Compact's minimum (issue journey "a consultation shorter than the minimum
asks for a reason"); a member of the public finds a consultation and answers it (the
consultation part of "a member of the public finds the pipeline and a consultation": there is
no pipeline yet); a VCS supplier member responds for their organisation.

The demo consultations are dated from today (Sources/Storage/DemoConsultations.swift): the
social value strategy and the winter hubs are open, dial-a-ride has closed with its outcome
published, youth services is forthcoming, carers' breaks is a draft."""

import datetime

import pytest

from harness import (activate_and_wait, by, choose_option, choose_radio, date_value, fill, fill_date, follow_link, focused, keys, path_of,
                     press, scan, sign_in, sign_out, tab_to, text_of, tick, type_text)
from reading import (banner, button, error_summary, finder_links, heading, summary_value, table_rows, words)

COMMISSIONER = "commissioner@eastmoor-cc.example"  # Priya, Eastmoor County Council
SUPPLIER = "supplier@brackenford-foodbank.example"  # Sam Supplier, Brackenford Foodbank (a VCSE charity)
CVS_MEMBER = "compact@eastmoor-cvs.example"  # Cath Compact, Eastmoor CVS

STRATEGY = "Eastmoor social value strategy 2026 to 2030"  # open, 12 weeks; VCS, suppliers, the public
WINTER = "Winter respiratory hubs: where should they be?"  # open, 6 weeks with a reason; VCS, the public
TRANSPORT = "Community transport: the future of dial-a-ride"  # closed, outcome published
YOUTH = "Youth services: a new model for Eastmoor"  # forthcoming

MINIMUM = "84 days (12 weeks)"  # the Eastmoor Compact's minimum


def consultation_id(path: str) -> str:
    """`/consultations/<id>/...` -> `<id>`."""
    parts = path.split("?")[0].split("/")
    assert parts[1] == "consultations" and len(parts) > 2, path
    return parts[2]


def search_finder(driver, *, q: str = "", **selects) -> None:
    """On the finder: types `q`, chooses each filter (by its select's id: label), and searches,
    all by keyboard."""
    B = by()
    form = driver.find_element(B.CSS_SELECTOR, "main form[role=search]")
    if q:
        fill(driver, form.find_element(B.ID, "q"), q, replace=True)
    for select_id, label in selects.items():
        choose_option(driver, form.find_element(B.ID, select_id), label)
    tab_to(driver, button(driver, "Search", within=form))
    activate_and_wait(driver)
    assert path_of(driver).startswith("/consultations?"), path_of(driver)


# ---------------------------------------------------------------------------------------------
# 1. A consultation shorter than the minimum asks for a reason


TITLE = "Leisure centre opening hours"
REASON = ("The leisure centre contract ends in March, so the decision has to be made within four weeks. "
          "To make up for the shorter time we are holding two drop-in sessions at the centre.")


@pytest.mark.both_js_modes
def test_short_consultation_asks_for_a_reason(driver, fresh_product):
    B = by()
    sign_in(driver, fresh_product, COMMISSIONER)
    assert path_of(driver) == "/dashboard"
    scan(driver, "short-dashboard")

    follow_link(driver, "Consultations", within=".govuk-header__navigation")
    assert path_of(driver) == "/consultations"
    scan(driver, "short-finder-commissioner")

    follow_link(driver, "Start a consultation", within="main")
    assert path_of(driver) == "/consultations/new"
    assert text_of(driver, "h1") == "Start a consultation"
    scan(driver, "short-new")

    # Keyboard only, from the start of the page. The opening date the form offers is the
    # server's today plus four weeks; the closing date is moved to four weeks after it.
    form = driver.find_element(B.CSS_SELECTOR, "main form[action='/consultations']")
    field = lambda name: form.find_element(B.CSS_SELECTOR, f"[name='{name}']")
    opens = date_value(form, "opensOn")
    closes = opens + datetime.timedelta(days=28)
    audience = lambda code: form.find_element(B.CSS_SELECTOR, f"[name='audience[]'][value='{code}']")
    assert audience("vcs").is_selected() and audience("public").is_selected()
    fill(driver, field("title"), TITLE)
    fill(driver, field("summary"), "We propose to open the leisure centre later on weekdays and earlier at weekends.")
    choose_option(driver, field("subject"), "Service")
    fill_date(driver, "closesOn", closes, within=form)
    assert field("shortPeriodReason").get_property("value") == ""
    tab_to(driver, button(driver, "Save", within=form))
    activate_and_wait(driver)
    questions = path_of(driver)
    cid = consultation_id(questions)
    assert questions == f"/consultations/{cid}/questions", questions
    assert banner(driver) == "The draft has been saved. Add the questions next"
    scan(driver, "short-questions-empty")

    # A single-choice question, required.
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='/consultations/{cid}/questions']")
    field = lambda name: form.find_element(B.CSS_SELECTOR, f"[name='{name}']")
    start = heading(driver, "h2", "Add a question")
    fill(driver, field("text"), "Which opening hours would suit you best?", start=start)
    choose_option(driver, field("kind"), "Single choice")
    fill(driver, field("options"), "Early mornings\nLate evenings\nWeekends")
    tick(driver, field("required"))
    tab_to(driver, button(driver, "Add question", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == questions
    assert banner(driver) == "Question 1 has been added"
    assert words(driver.find_element(B.CSS_SELECTOR, ".govuk-summary-card__title")) == \
        "1. Which opening hours would suit you best?"
    scan(driver, "short-questions-one")

    follow_link(driver, "check and publish", within="main")
    assert path_of(driver) == f"/consultations/{cid}/publish"
    assert text_of(driver, "h1") == "Check and publish"
    assert summary_value(driver, "Period") == (
        f"28 days (4 weeks): shorter than the Eastmoor Compact’s minimum of {MINIMUM}.")
    assert summary_value(driver, "Reason for a shorter period") == "None given yet"
    scan(driver, "short-check")

    # Publishing without a reason is refused, naming the reason field.
    tab_to(driver, button(driver, "Publish as forthcoming"))
    activate_and_wait(driver)
    assert path_of(driver) == f"/consultations/{cid}/publish"
    assert driver.title.startswith("Error:"), driver.title
    summary = error_summary(driver)
    assert words(summary.find_element(B.CSS_SELECTOR, ".govuk-error-summary__title")) == \
        "This consultation cannot be published yet"
    links = summary.find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    assert [words(a) for a in links] == [
        f"This consultation runs for 28 days (4 weeks), shorter than the Eastmoor Compact’s minimum of {MINIMUM}. "
        "Give the reason for the shorter period: it is published on the consultation’s page"], [words(a) for a in links]
    target = links[0].get_dom_attribute("href")
    page, _, fragment = target.partition("#")
    assert page == f"/consultations/{cid}/edit?check=publish" and fragment == "shortPeriodReason", target
    scan(driver, "short-publish-refused")

    # The summary's link, by keyboard, opens the form with focus in the reason field.
    tab_to(driver, links[0])
    activate_and_wait(driver)
    assert path_of(driver) == target, path_of(driver)
    reason = driver.find_element(B.ID, fragment)  # the link's target is the field's id
    assert reason.tag_name == "textarea" and reason.get_dom_attribute("name") == "shortPeriodReason", reason.tag_name
    assert "Reason for a shorter period" in words(driver.find_element(B.CSS_SELECTOR, f"label[for='{fragment}']"))
    assert focused(driver) == reason, "following the error summary's link did not move focus to the reason field"
    # The form shows the same problem beside the field, in GOV.UK's error pattern.
    assert driver.title.startswith("Error:"), driver.title
    assert "Give the reason for the shorter period" in words(driver.find_element(B.ID, "shortPeriodReason-error"))
    scan(driver, "short-edit-for-reason")

    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='/consultations/{cid}']")
    type_text(driver, REASON)
    assert reason.get_property("value") == REASON
    tab_to(driver, button(driver, "Save", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == f"/consultations/{cid}", path_of(driver)
    assert banner(driver) == "The consultation has been saved"
    assert "This is a draft" in text_of(driver, "main")
    scan(driver, "short-draft-with-reason")

    follow_link(driver, "Check and publish", within="main")
    assert summary_value(driver, "Period") == (
        f"28 days (4 weeks): shorter than the Eastmoor Compact’s minimum of {MINIMUM}.")
    assert summary_value(driver, "Reason for a shorter period") == REASON  # its own row: no doubled full stop
    scan(driver, "short-check-again")
    tab_to(driver, button(driver, "Publish as forthcoming"))
    activate_and_wait(driver)
    assert path_of(driver) == f"/consultations/{cid}", path_of(driver)
    assert banner(driver).startswith(f"‘{TITLE}’ has been published"), banner(driver)
    scan(driver, "short-published")

    # Signed out, a visitor finds it and reads the reason.
    sign_out(driver)
    assert path_of(driver) == "/"
    assert banner(driver) == "You have signed out"
    scan(driver, "short-signed-out")
    follow_link(driver, "Consultations", within=".govuk-header__navigation")
    search_finder(driver, q="leisure centre", period="Shorter than the minimum")
    assert finder_links(driver) == [TITLE], finder_links(driver)
    scan(driver, "short-public-finder")
    follow_link(driver, TITLE, within="main table")
    assert path_of(driver) == f"/consultations/{cid}"
    assert text_of(driver, "h1") == TITLE
    box = driver.find_element(B.ID, "short-period-reason")
    assert words(box.find_element(B.CSS_SELECTOR, "h2")) == f"Why this consultation is shorter than {MINIMUM}"
    assert REASON in words(box)
    assert "Forthcoming" in text_of(driver, "main")
    scan(driver, "short-public-page")


# ---------------------------------------------------------------------------------------------
# 2. A member of the public finds a consultation and answers it


def test_public_finds_and_answers_a_consultation(driver, fresh_product):
    B = by()
    driver.get(fresh_product.url("/"))
    home = [words(a) for a in driver.find_elements(
        B.XPATH, "//h2[normalize-space()='Open consultations']/following-sibling::ul[1]//a")]
    assert set(home) == {STRATEGY, WINTER}, home
    scan(driver, "answer-home")

    # The finder, from the header: open consultations the public can answer, about services.
    follow_link(driver, "Consultations", within=".govuk-header__navigation")
    assert path_of(driver) == "/consultations"
    assert set(finder_links(driver)) == {STRATEGY, WINTER, TRANSPORT, YOUTH}, finder_links(driver)
    scan(driver, "answer-finder")
    search_finder(driver, status="Open", subject="Service", audience="The public")
    assert finder_links(driver) == [WINTER], finder_links(driver)
    for name, value in (("status", "open"), ("subject", "service"), ("audience", "public")):
        assert f"{name}={value}" in path_of(driver), path_of(driver)
    scan(driver, "answer-finder-filtered")

    follow_link(driver, WINTER, within="main table")
    consultation = path_of(driver)
    cid = consultation_id(consultation)
    assert text_of(driver, "h1") == WINTER
    closes = summary_value(driver, "Closes").removesuffix(" (UK time)")
    assert "NHS England asks every integrated care board" in text_of(driver, "#short-period-reason")
    scan(driver, "answer-consultation")

    follow_link(driver, "Respond to this consultation", within="main")
    respond = f"/consultations/{cid}/respond"
    assert path_of(driver) == respond
    assert text_of(driver, "h1") == f"Respond: {WINTER}"
    scan(driver, "answer-respond-form")

    # A draft first: name, email and the optional question, keyboard only from the page's start.
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='{respond}']")
    fill(driver, form.find_element(B.ID, "respondentName"), "Jo Public")
    fill(driver, form.find_element(B.ID, "respondentEmail"), "jo@example.org")
    fill(driver, form.find_element(B.ID, "answers-1--value"), "Somewhere near the bus station, please.")
    tab_to(driver, button(driver, "Save as draft", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == respond, path_of(driver)
    assert banner(driver) == f"Your draft has been saved. Send it before {closes}", banner(driver)
    assert "To come back to your draft from another device, keep this link" in text_of(driver, "main")
    assert driver.find_element(B.ID, "respondentName").get_dom_attribute("value") == "Jo Public"
    assert driver.find_element(B.ID, "answers-1--value").get_property("value") == \
        "Somewhere near the bus station, please."
    scan(driver, "answer-draft-saved")

    # Sending without the required question: the summary's link goes to its first radio.
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='{respond}']")
    tab_to(driver, button(driver, "Send response", within=form))
    activate_and_wait(driver)
    assert driver.title.startswith("Error:"), driver.title
    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    assert [(a.get_dom_attribute("href"), words(a)) for a in links] == [
        ("#answers-0--value", "Select an answer to question 1: it is required")], [(a.get_dom_attribute("href"), words(a)) for a in links]
    first = driver.find_element(B.ID, "answers-0--value")  # the form's names are the API's: answers[0][value]
    assert first.get_dom_attribute("type") == "radio" and first.get_dom_attribute("name") == "answers[0][value]"
    scan(driver, "answer-send-refused")
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    assert focused(driver) == first, "following the error summary's link did not move focus to question 1"

    # Answer it and send.
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='{respond}']")
    brackenford = form.find_element(B.CSS_SELECTOR, "input[name='answers[0][value]'][value='Brackenford']")
    choose_radio(driver, brackenford, start=heading(driver, "h1", f"Respond: {WINTER}"))
    tab_to(driver, button(driver, "Send response", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == respond, path_of(driver)
    assert banner(driver) == "Your response has been sent"
    assert text_of(driver, "h1") == "Your response has been sent"
    assert text_of(driver, ".govuk-panel__title") == "Response sent"
    assert "Thank you, Jo Public." in text_of(driver, "main")
    assert summary_value(driver, "1. Which town would be easiest for you to reach?") == "Brackenford"
    assert summary_value(driver, "2. Anything else we should know?") == \
        "Somewhere near the bus station, please."
    scan(driver, "answer-response-sent")

    # A closed consultation: the page says so, and a late attempt to respond is refused.
    follow_link(driver, "Consultations", within=".govuk-breadcrumbs")
    search_finder(driver, status="Closed")
    assert finder_links(driver) == [TRANSPORT], finder_links(driver)
    follow_link(driver, TRANSPORT, within="main table")
    closed = path_of(driver)
    deadline = summary_value(driver, "Closes").removesuffix(" (UK time)")
    assert f"This consultation closed at {deadline}." in text_of(driver, "main")
    assert not [a for a in driver.find_elements(B.CSS_SELECTOR, "main a") if words(a) == "Respond to this consultation"]
    scan(driver, "answer-closed-consultation")

    driver.get(fresh_product.url(closed + "/respond"))  # an old link, kept from while it was open
    assert text_of(driver, "h1") == "You cannot respond now"
    assert f"This consultation closed at {deadline}. Responses can no longer be saved or sent." in text_of(driver, "main")
    assert not driver.find_elements(B.CSS_SELECTOR, "main form"), "the refusal page still offers a form"
    scan(driver, "answer-late-refused")


# ---------------------------------------------------------------------------------------------
# 3. A VCS supplier member responds for their organisation


def test_vcs_member_responds_for_their_organisation(driver, fresh_product):
    B = by()
    # Someone else's response (Eastmoor CVS's to dial-a-ride), to try to open later.
    sign_in(driver, fresh_product, CVS_MEMBER)
    driver.get(fresh_product.url("/responses"))
    rows = table_rows(driver, "Responses you have written")
    assert [r[:2] for r in rows] == [[TRANSPORT, "On behalf of Eastmoor Council for Voluntary Service"]], rows
    others = driver.find_element(B.CSS_SELECTOR, "main table tbody tr a[href^='/responses/']").get_dom_attribute("href")
    scan(driver, "vcs-cvs-responses")
    sign_out(driver)

    sign_in(driver, fresh_product, SUPPLIER)
    assert path_of(driver) == "/dashboard"
    asked = {r[0]: r for r in table_rows(driver, "Open and forthcoming consultations for Brackenford Foodbank")}
    assert set(asked) == {STRATEGY, WINTER, YOUTH}, asked
    # Each link also says, for screen readers, which consultation it is for (WCAG 2.4.4).
    assert asked[STRATEGY][3] == f"Continue draft of your response to ‘{STRATEGY}’", asked
    assert asked[WINTER][3] == f"Start a response to ‘{WINTER}’", asked
    scan(driver, "vcs-dashboard")

    follow_link(driver, STRATEGY, within="main table")
    cid = consultation_id(path_of(driver))
    panel = [words(li) for li in driver.find_elements(
        B.XPATH, "//h2[normalize-space()='Respond']/following-sibling::ul[1]/li")]
    assert panel == ["As yourself: Start", "On behalf of Brackenford Foodbank: Draft saved · Continue"], panel
    scan(driver, "vcs-consultation")

    follow_link(driver, "Continue", within="main .govuk-inset-text")
    respond = f"/consultations/{cid}/respond"
    assert path_of(driver).startswith(respond + "?as="), path_of(driver)
    assert "You are responding on behalf of Brackenford Foodbank." in text_of(driver, "main form")
    q1 = driver.find_element(B.ID, "answers-0--value")
    assert q1.get_property("value") == "Food on the table first; then jobs that pay enough to live on."  # the demo draft
    scan(driver, "vcs-respond-form")

    # Keyboard only, from the page's heading: the draft's answer is kept, the rest answered.
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='{respond}']")
    option = lambda name, value: form.find_element(B.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    choose_radio(driver, option("answers[1][value]", "Thriving local organisations"), start=heading(driver, "h1", f"Respond: {STRATEGY}"))
    tick(driver, form.find_element(B.ID, "answers-2--values"))  # I run or work for a charity or community group
    tick(driver, form.find_element(B.ID, "answers-2--values-2"))  # I volunteer
    choose_radio(driver, option("answers[3][value]", "4"))
    tab_to(driver, button(driver, "Send response", within=form))
    activate_and_wait(driver)
    receipt = path_of(driver)
    assert receipt.startswith("/responses/"), receipt
    assert banner(driver) == "Your response has been sent"
    assert text_of(driver, "h1") == f"Your response: {STRATEGY}"
    assert text_of(driver, ".govuk-panel__title") == "Response sent"
    assert summary_value(driver, "Responding") == "On behalf of Brackenford Foodbank"
    assert summary_value(driver, "2. Which of the five outcomes matters most to you?") == "Thriving local organisations"
    assert summary_value(driver, "3. Which of these describe you?") == \
        "I run or work for a charity or community group; I volunteer"
    assert summary_value(driver, "4. How far do you agree that small contracts should have a lighter touch?") == \
        "4 (1 is ‘Strongly disagree’, 5 is ‘Strongly agree’)"
    scan(driver, "vcs-response-sent")

    # Their own responses, and only theirs.
    follow_link(driver, "Your responses", within=".govuk-breadcrumbs")
    assert path_of(driver) == "/responses"
    rows = table_rows(driver, "Responses you have written")
    assert sorted(r[:2] for r in rows) == sorted([
        [STRATEGY, "On behalf of Brackenford Foodbank"], [TRANSPORT, "On behalf of Brackenford Foodbank"]]), rows
    assert all(r[2].startswith("Sent ") for r in rows), rows
    hrefs = [a.get_dom_attribute("href") for a in driver.find_elements(B.CSS_SELECTOR, "main table a[href^='/responses/']")]
    assert receipt in hrefs and others not in hrefs, hrefs
    scan(driver, "vcs-your-responses")

    driver.get(fresh_product.url(others))
    assert text_of(driver, "h1") == "Page not found", text_of(driver, "h1")
    assert STRATEGY not in text_of(driver, "main") and "Eastmoor Council for Voluntary Service" not in text_of(driver, "main")
    scan(driver, "vcs-others-response-not-found")

    # The consultation's page now says it was sent.
    driver.get(fresh_product.url(f"/consultations/{cid}"))
    panel = [words(li) for li in driver.find_elements(
        B.XPATH, "//h2[normalize-space()='Respond']/following-sibling::ul[1]/li")]
    assert panel[1].startswith("On behalf of Brackenford Foodbank: Sent on ") and panel[1].endswith(" · View"), panel
    scan(driver, "vcs-consultation-after")
