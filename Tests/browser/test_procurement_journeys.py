"""Procurement journeys (docs/procurements.md): a commissioner starts a procurement, sees it
screened under the Public Services (Social Value) Act 2012 and records and signs off the
consideration the Act asks for (issue journey "a commissioner screens a procurement and records
the consideration"), then amends it beside the original (issue 13 §1); a member of the public finds the pipeline and a consultation (the finding
part of "a member of the public finds the pipeline and a consultation": answering one is in
test_consultations.py); and the pipeline's CSV and Atom feed carry what the page shows.

The demo procurements are dated from today (Sources/Storage/DemoProcurements.swift): community
transport (services, £480,000) is in the pipeline with its consideration recorded; carers'
breaks (light-touch services, £350,000) is in the pipeline without one; the ICB's furniture
call-off is not in the pipeline."""

import csv
import datetime
import io
import urllib.request
import xml.etree.ElementTree as ElementTree

import pytest

from harness import (activate_and_wait, select_all, by, choose_option, choose_radio, date_value, fill, fill_date, follow_link, focused, keys, path_of,
                     press, scan, sign_in, tab_to, text_of, tick, type_text)
from reading import (banner, button, error_links, error_summary, finder_links, heading, long_date, summary_value, table_rows, words)

COMMISSIONER = "commissioner@eastmoor-cc.example"  # Priya Commissioner, Eastmoor County Council
COUNTY = "Eastmoor County Council"
COMPACT = "Eastmoor Compact"

TRANSPORT = "Community transport 2026 to 2029"  # in the pipeline, consideration recorded
CARERS = "Carers’ breaks service"  # in the pipeline, light-touch, below its threshold
FURNITURE = "Office furniture call-off"  # not in the pipeline

STRATEGY = "Eastmoor social value strategy 2026 to 2030"  # open
WINTER = "Winter respiratory hubs: where should they be?"  # open
YOUTH = "Youth services: a new model for Eastmoor"  # forthcoming

# The sub-central threshold for services under the Procurement Act 2023 from 1 January 2026
# (Sources/Storage/Resources/thresholds/thresholds.csv), as the screening shows it.
SUB_CENTRAL_THRESHOLD = "£207,720 (VAT included)"


def selected_label(select) -> str:
    return words(select.find_element(by().CSS_SELECTOR, "option:checked"))


def checkbox_labelled(form, label: str):
    """The checkbox whose <label> reads `label` (the outcome and measure boxes are named by id)."""
    B = by()
    labels = [lab for lab in form.find_elements(B.CSS_SELECTOR, "label.govuk-checkboxes__label") if words(lab) == label]
    assert labels, f"no checkbox labelled {label!r}"
    return form.find_element(B.ID, labels[0].get_dom_attribute("for"))


def list_items(element, css: str) -> list:
    return [words(li) for li in element.find_elements(by().CSS_SELECTOR, css)]


def search(driver, path: str, *, q: str | None = None, **selects) -> None:
    """On a finder (`path` is /pipeline or /consultations): types `q` (replacing what is there),
    chooses each filter (by its select's id: label), and searches, all by keyboard."""
    B = by()
    form = driver.find_element(B.CSS_SELECTOR, f"main form[role=search][action='{path}']")
    if q is not None:
        fill(driver, form.find_element(B.ID, "q"), q, replace=True)
    for select_id, label in selects.items():
        choose_option(driver, form.find_element(B.ID, select_id), label)
    tab_to(driver, button(driver, "Search", within=form))
    activate_and_wait(driver)
    assert path_of(driver).startswith(path + "?"), path_of(driver)


# ---------------------------------------------------------------------------------------------
# 1. A commissioner screens a procurement and records the consideration


TITLE = "Home library service 2027 to 2030"
DESCRIPTION = "Books, audiobooks and a weekly visit for housebound readers across Eastmoor, run with volunteers."
WELLBEING = ("Housebound readers keep in touch with their library and their neighbours; volunteers gain skills; "
             "local VCSE groups are paid to run the visits.")
SECURING = "Lots by district sized for local charities, social value weighted at 25% and a condition to recruit volunteers locally."
WEIGHTING_REASON = "Loneliness is the county's first public health priority, so the Compact group agreed a higher weighting."
CONSULT_REASON = "We will ask readers and the Eastmoor Compact's VCS forum before the tender, for twelve weeks."
AMEND_REASON = "The supplier day showed 20% is the most small providers can evidence, the top of the Compact's range."
PLAN = "A quarterly return of visits, volunteer hours and local spend, checked at the contract review meeting."
OUTCOMES = ["More local people in good work", "A thriving local economy and voluntary sector"]
MEASURE = "ECO3 Spend with local VCSE organisations and SMEs"


@pytest.mark.both_js_modes
def test_commissioner_screens_a_procurement_and_records_the_consideration(driver, fresh_product):
    B = by()
    sign_in(driver, fresh_product, COMMISSIONER)
    assert path_of(driver) == "/dashboard"
    scan(driver, "screen-dashboard")

    follow_link(driver, "Procurements", within=".govuk-header__navigation")
    assert path_of(driver) == "/procurements"
    before = {r[0]: r for r in table_rows(driver, "Your bodies’ procurements")}
    # Her council's procurements (the demo tenders' among them); the ICB's call-off is not hers.
    assert {TRANSPORT, CARERS} <= set(before) and FURNITURE not in before, before
    assert before[TRANSPORT][3:] == ["Applies", "Recorded"], before
    scan(driver, "screen-procurements")

    follow_link(driver, "Start a procurement", within="main")
    assert path_of(driver) == "/procurements/new"
    assert text_of(driver, "h1") == "Start a procurement"
    scan(driver, "screen-new")

    # Keyboard only, from the start of the page. Her one body and its one Compact are chosen
    # already. The title is left out and the value is negative: both are refused.
    today = datetime.date.today()
    opens, closes = today + datetime.timedelta(days=120), today + datetime.timedelta(days=155)
    form = driver.find_element(B.CSS_SELECTOR, "main form[action='/procurements']")
    field = lambda name: form.find_element(B.CSS_SELECTOR, f"[name='{name}']")
    assert selected_label(field("ownerId")) == COUNTY
    assert selected_label(field("compactId")) == COMPACT
    fill(driver, field("description"), DESCRIPTION)
    choose_radio(driver, form.find_element(B.CSS_SELECTOR, "input[name='kind'][value='services']"))
    fill(driver, field("value"), "-750000")
    assert form.find_element(B.CSS_SELECTOR, "input[name='valueIncludesVAT'][value='yes']").is_selected()
    fill(driver, field("lots"), "North Eastmoor\nSouth Eastmoor")
    fill_date(driver, "tenderOpensOn", opens, within=form)
    fill_date(driver, "tenderClosesOn", closes, within=form)
    tab_to(driver, button(driver, "Save and screen", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == "/procurements", path_of(driver)
    assert driver.title.startswith("Error: Start a procurement"), driver.title
    assert words(error_summary(driver).find_element(B.CSS_SELECTOR, ".govuk-error-summary__title")) == "There is a problem"
    assert error_links(driver) == [
        ("#title", "Enter a title"),
        ("#value", "Enter the estimated value in pounds, like 250000 or 250,000.00"),
    ], error_links(driver)
    # Each problem is also beside its field, and what was typed is kept.
    assert words(driver.find_element(B.ID, "title-error")) == "Error: Enter a title"
    assert "Enter the estimated value in pounds" in words(driver.find_element(B.ID, "value-error"))
    form = driver.find_element(B.CSS_SELECTOR, "main form[action='/procurements']")
    assert field("description").get_property("value") == DESCRIPTION
    assert field("value").get_property("value") == "-750000"
    assert form.find_element(B.CSS_SELECTOR, "input[name='kind'][value='services']").is_selected()
    assert date_value(form, "tenderOpensOn") == opens
    scan(driver, "screen-new-refused")

    # The summary's first link, by keyboard, puts focus in the title field.
    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    title = driver.find_element(B.ID, "title")
    assert focused(driver) == title, "following the error summary's link did not move focus to the title field"
    type_text(driver, TITLE)
    fill(driver, field("value"), "750000", replace=True)
    tab_to(driver, button(driver, "Save and screen", within=form))
    activate_and_wait(driver)
    procurement = path_of(driver)
    assert procurement.startswith("/procurements/") and procurement != "/procurements/new", procurement
    pid = procurement.split("/")[2]
    assert banner(driver) == "The procurement has been saved and screened"
    assert text_of(driver, "h1") == TITLE
    assert text_of(driver, ".govuk-caption-l") == COUNTY
    assert summary_value(driver, "Status") == "Planning"
    assert summary_value(driver, "What it buys") == "Services"
    assert summary_value(driver, "Value") == "£750,000 (including VAT)"  # her own: the exact figure
    assert summary_value(driver, "Lots") == "North Eastmoor; South Eastmoor"
    assert summary_value(driver, "Tender opening date") == long_date(opens)
    assert summary_value(driver, "Tender deadline") == long_date(closes)
    assert summary_value(driver, "Pipeline notice") == "Not in the pipeline"

    # The screening: a services contract above the sub-central threshold, so the Act applies
    # and names the three things to consider.
    screening = driver.find_element(B.ID, "screening-result")
    assert words(screening.find_element(B.CSS_SELECTOR, "p")) == "The Social Value Act applies."
    assert summary_value(driver, "Rules in force", within=screening) == "Procurement Act 2023"
    assert summary_value(driver, "Threshold", within=screening) == SUB_CENTRAL_THRESHOLD
    lists = screening.find_elements(B.CSS_SELECTOR, "ul")
    assert list_items(lists[0], "li") == [
        "services contract", "value 750000.00 is at or above the threshold 207720.00 (VAT included)"], list_items(lists[0], "li")
    must = list_items(lists[1], "li")
    assert [m.split(" ")[0] for m in must] == ["s.1(3)(a)", "s.1(3)(b)", "s.1(7)"], must
    assert "Not recorded yet. It is required before the tender opens." in text_of(driver, "main")
    assert text_of(driver, "#proportionality").startswith(
        f"For a contract of this value, the {COMPACT} suggests a social value weighting of 10% to 20% and monitoring quarterly."), \
        text_of(driver, "#proportionality")
    scan(driver, "screen-screened")

    # The consideration is a summary card on the page; its form is a page of its own (issue 13
    # §5), reached from the card by keyboard. A weighting above the suggestion and, at first, no
    # reason for it.
    assert not driver.find_elements(B.CSS_SELECTOR, f"main form[action='/procurements/{pid}/consideration']")
    tab_to(driver, driver.find_element(B.CSS_SELECTOR, f"#consideration a[href='/procurements/{pid}/consideration']"))
    activate_and_wait(driver, keys().ENTER)
    assert path_of(driver) == f"/procurements/{pid}/consideration", path_of(driver)
    assert text_of(driver, "#proportionality").startswith(
        f"For a contract of this value, the {COMPACT} suggests a social value weighting of 10% to 20%"), \
        text_of(driver, "#proportionality")
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='/procurements/{pid}/consideration']")
    field = lambda name: form.find_element(B.CSS_SELECTOR, f"[name='{name}']")
    fill(driver, field("wellbeing"), WELLBEING, start=heading(driver, "h1", "Record the consideration"))
    for outcome in OUTCOMES:
        tick(driver, checkbox_labelled(form, outcome))
    fill(driver, field("securing"), SECURING)
    fill(driver, field("weightingPercent"), "25")
    tick(driver, checkbox_labelled(form, MEASURE))
    fill(driver, field("smeVcsSteps"), "Two lots by district; a meet-the-buyer event")
    choose_radio(driver, form.find_element(B.CSS_SELECTOR, "input[name='consult'][value='yes']"))
    fill(driver, field("consultReason"), CONSULT_REASON)
    assert selected_label(field("monitoring")) == "Quarterly"  # the suggestion, chosen already
    fill(driver, field("monitoringPlan"), PLAN)
    tab_to(driver, button(driver, "Sign off the consideration", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == f"/procurements/{pid}/consideration", path_of(driver)
    assert driver.title.startswith(f"Error: Record the consideration: {TITLE}"), driver.title
    assert error_links(driver) == [
        ("#weightingReason", "Give a reason for a weighting outside the suggested 10% to 20%")], error_links(driver)
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='/procurements/{pid}/consideration']")
    assert field("wellbeing").get_property("value") == WELLBEING
    assert all(checkbox_labelled(form, o).is_selected() for o in OUTCOMES + [MEASURE])
    assert form.find_element(B.CSS_SELECTOR, "input[name='consult'][value='yes']").is_selected()
    scan(driver, "screen-consideration-refused")

    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    assert focused(driver) == field("weightingReason"), \
        "following the error summary's link did not move focus to the weighting reason"
    type_text(driver, WEIGHTING_REASON)
    tab_to(driver, button(driver, "Sign off the consideration", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == f"/procurements/{pid}/consideration", path_of(driver)  # the consideration in full
    assert banner(driver) == "The consideration has been signed off"
    assert summary_value(driver, "Signed off by").startswith("Priya Commissioner on "), summary_value(driver, "Signed off by")
    assert summary_value(driver, "How it might improve well-being in the area (s.1(3)(a))") == WELLBEING
    assert summary_value(driver, "Framework outcomes") == "; ".join(OUTCOMES)
    assert summary_value(driver, "How the process will secure it (s.1(3)(b))") == SECURING
    assert summary_value(driver, "Social value weighting") == f"25%. Reason: {WEIGHTING_REASON}"
    assert summary_value(driver, "Measures for the tender") == MEASURE
    assert summary_value(driver, "Contract conditions") == "None"
    assert summary_value(driver, "Whether to consult (s.1(7))") == f"Yes. {CONSULT_REASON}"
    assert summary_value(driver, "Monitoring") == "Quarterly"
    assert summary_value(driver, "Monitoring plan") == PLAN
    assert "Not recorded yet" not in text_of(driver, "main")
    assert summary_value(driver, "Timeliness") == "Recorded before the procurement started"
    scan(driver, "screen-signed-off")

    # Signed off, it is never recorded again: the form has gone, and a change is an amendment,
    # with its reason, beside the original (docs/procurements.md, "Amending the consideration").
    assert not driver.find_elements(B.CSS_SELECTOR, f"main form[action='/procurements/{pid}/consideration']")
    tab_to(driver, driver.find_element(B.CSS_SELECTOR, f"main a[href='/procurements/{pid}/consideration/amend']"))
    activate_and_wait(driver, keys().ENTER)
    assert path_of(driver) == f"/procurements/{pid}/consideration/amend", path_of(driver)
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='/procurements/{pid}/consideration/amend']")
    field = lambda name: form.find_element(B.CSS_SELECTOR, f"[name='{name}']")
    assert field("weightingPercent").get_property("value") == "25"  # filled in from the version in force
    assert field("wellbeing").get_property("value") == WELLBEING
    fill(driver, field("weightingPercent"), "20", replace=True)
    tab_to(driver, button(driver, "Sign off the amendment", within=form))
    activate_and_wait(driver)
    assert error_links(driver) == [("#reason", "Enter why the consideration is amended")], error_links(driver)
    scan(driver, "screen-amendment-refused")
    form = driver.find_element(B.CSS_SELECTOR, f"main form[action='/procurements/{pid}/consideration/amend']")
    assert field("weightingPercent").get_property("value") == "20"
    fill(driver, field("reason"), AMEND_REASON)
    tab_to(driver, button(driver, "Sign off the amendment", within=form))
    activate_and_wait(driver)
    assert path_of(driver) == f"/procurements/{pid}/consideration", path_of(driver)
    assert banner(driver) == "The consideration has been amended: version 2 is in force"
    heading(driver, "h2", "The original consideration (version 1)")
    assert summary_value(driver, "Social value weighting") == f"25%. Reason: {WEIGHTING_REASON}"  # the original
    assert summary_value(driver, "Timeliness") == "Recorded before the procurement started"
    amendment = driver.find_element(B.CSS_SELECTOR, "#amendment-2")
    assert summary_value(driver, "Reason", within=amendment) == AMEND_REASON
    assert summary_value(driver, "What changed", within=amendment) == "The social value weighting, from 25% to 20%"
    assert summary_value(driver, "Signed off by", within=amendment).startswith("Priya Commissioner on ")
    scan(driver, "screen-amended")

    # The procurement's summary shows the version in force on its card.
    follow_link(driver, TITLE, within=".govuk-breadcrumbs")
    assert path_of(driver) == procurement, path_of(driver)
    card = driver.find_element(B.ID, "consideration")
    assert summary_value(driver, "Social value weighting", within=card) == "20%"
    assert summary_value(driver, "Amendments", within=card).startswith("1 amendment; version 2 is in force, signed off by Priya Commissioner on ")
    scan(driver, "screen-summary-card")

    # Her list now shows it: the Act applies and the consideration is recorded.
    follow_link(driver, "Procurements", within=".govuk-breadcrumbs")
    assert path_of(driver) == "/procurements"
    after = {r[0]: r for r in table_rows(driver, "Your bodies’ procurements")}
    assert after[TITLE] == [TITLE, COUNTY, "Planning", "Applies", "Recorded"], after
    scan(driver, "screen-procurements-after")


# ---------------------------------------------------------------------------------------------
# 2. A member of the public finds the pipeline and a consultation


@pytest.mark.both_js_modes
def test_public_finds_the_pipeline_and_a_consultation(driver, product):
    B = by()
    driver.get(product.url("/"))
    assert text_of(driver, "h1") == "Create and prove social value in public services"
    assert [words(a) for a in driver.find_elements(B.CSS_SELECTOR, ".govuk-header a") if words(a) == "Sign in"]
    scan(driver, "find-home")

    # The pipeline, from the header: both forthcoming opportunities, the call-off is not there.
    follow_link(driver, "Pipeline", within=".govuk-header__navigation")
    assert path_of(driver) == "/pipeline"
    assert text_of(driver, "h1") == "Pipeline of forthcoming opportunities"
    rows = {r[0]: r for r in table_rows(driver, "Forthcoming opportunities")}
    assert set(rows) == {TRANSPORT, CARERS}, rows
    assert rows[TRANSPORT][1:2] + rows[TRANSPORT][3:] == [
        COUNTY, "£100,000 to £1 million", "More local people in good work; A thriving local economy and voluntary sector"], rows
    assert rows[CARERS][4] == "Not set yet", rows
    assert "2 opportunities." in text_of(driver, "main")
    scan(driver, "find-pipeline")

    # Narrowed by words, value band and what it buys.
    search(driver, "/pipeline", q="carers", value="£100,000 to £1 million", kind="Services")
    for part in ("q=carers", "value=100k-1m", "kind=services"):
        assert part in path_of(driver), path_of(driver)
    assert finder_links(driver) == [CARERS], finder_links(driver)
    assert "1 opportunity." in text_of(driver, "main")
    form = driver.find_element(B.CSS_SELECTOR, "main form[role=search]")
    assert form.find_element(B.ID, "q").get_property("value") == "carers"
    assert selected_label(form.find_element(B.ID, "value")) == "£100,000 to £1 million"
    assert selected_label(form.find_element(B.ID, "kind")) == "Services"
    tender = rows[CARERS][2]
    scan(driver, "find-pipeline-carers")

    follow_link(driver, CARERS, within="main table")
    assert path_of(driver).startswith("/procurements/"), path_of(driver)
    assert text_of(driver, "h1") == CARERS
    assert text_of(driver, ".govuk-caption-l") == COUNTY
    assert summary_value(driver, "Status") == "Planning"
    assert summary_value(driver, "What it buys") == "Services, light-touch services"
    assert summary_value(driver, "Value") == "£100,000 to £1 million"  # the public sees the band only
    assert summary_value(driver, "Tender opening date") == tender
    assert summary_value(driver, "Pipeline notice").startswith("Published "), summary_value(driver, "Pipeline notice")
    screening = driver.find_element(B.ID, "screening-result")
    assert words(screening.find_element(B.CSS_SELECTOR, "p")) == \
        "The Social Value Act does not apply. Consider social value anyway as good practice."
    assert "light-touch services (social, health, education and similar): the light-touch threshold applies" in words(screening)
    assert "Not recorded yet. It is required before the tender opens." in text_of(driver, "main")
    assert not driver.find_elements(B.CSS_SELECTOR, "main form"), "a visitor is offered a form on a procurement"
    scan(driver, "find-procurement")

    # Back to the pipeline, narrowed by the expected tender date, entered as day, month and year
    # (the GOV.UK date input): a date that does not exist is refused, and the error summary's
    # link puts focus in the day field to correct it.
    follow_link(driver, "Pipeline", within=".govuk-breadcrumbs")
    assert path_of(driver) == "/pipeline"
    form = driver.find_element(B.CSS_SELECTOR, "main form[role=search]")
    fill(driver, form.find_element(B.ID, "to-day"), "31")
    fill(driver, form.find_element(B.ID, "to-month"), "2")
    fill(driver, form.find_element(B.ID, "to-year"), "2027")
    search(driver, "/pipeline")
    assert driver.title.startswith("Error: Pipeline of forthcoming opportunities"), driver.title
    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    assert [(a.get_dom_attribute("href"), words(a)) for a in links] == [
        ("#to-day", "The latest expected tender date must be a real date")], \
        [(a.get_dom_attribute("href"), words(a)) for a in links]
    scan(driver, "find-pipeline-bad-date")
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    form = driver.find_element(B.CSS_SELECTOR, "main form[role=search]")
    by_day = form.find_element(B.ID, "to-day")
    assert focused(driver) == by_day, "following the error summary's link did not move focus to the day field"
    assert [form.find_element(B.ID, f"to-{p}").get_property("value") for p in ("day", "month", "year")] == ["31", "2", "2027"]
    # Transport's tender opens in 70 days, carers' breaks in 120 (DemoProcurements.swift).
    fill_date(driver, "to", datetime.date.today() + datetime.timedelta(days=100), within=form)
    search(driver, "/pipeline")
    assert not driver.find_elements(B.CSS_SELECTOR, ".govuk-error-summary"), (path_of(driver), text_of(driver, ".govuk-error-summary"))
    assert finder_links(driver) == [TRANSPORT], finder_links(driver)
    scan(driver, "find-pipeline-by-date")

    # The date kept, narrowed further: Eastmoor's opportunity under the theme, none from the
    # ICB (its furniture call-off is not in the pipeline).
    search(driver, "/pipeline", ownerId=COUNTY, theme="Economic well-being")
    assert "theme=Economic+well-being" in path_of(driver) and "to%5Bday%5D=" in path_of(driver), path_of(driver)
    assert finder_links(driver) == [TRANSPORT], finder_links(driver)
    search(driver, "/pipeline", ownerId="NHS Eastmoor Integrated Care Board")
    assert finder_links(driver) == [], finder_links(driver)
    assert "0 opportunities. " in text_of(driver, "main") and "No forthcoming opportunities match." in text_of(driver, "main")
    scan(driver, "find-pipeline-none")

    # Consultations, from the home page's own link: the open ones, then a forthcoming one.
    follow_link(driver, "Commonweal", within=".govuk-header")
    assert path_of(driver) == "/"
    follow_link(driver, "Find consultations", within="main")
    assert path_of(driver) == "/consultations?status=open"
    assert text_of(driver, "h1") == "Consultations"
    form = driver.find_element(B.CSS_SELECTOR, "main form[role=search]")
    assert selected_label(form.find_element(B.ID, "status")) == "Open"
    assert set(finder_links(driver)) == {STRATEGY, WINTER}, finder_links(driver)
    scan(driver, "find-consultations-open")

    search(driver, "/consultations", q="youth", status="Forthcoming", body=COUNTY)
    assert finder_links(driver) == [YOUTH], finder_links(driver)
    scan(driver, "find-consultations-youth")

    follow_link(driver, YOUTH, within="main table")
    assert path_of(driver).startswith("/consultations/"), path_of(driver)
    assert text_of(driver, "h1") == YOUTH
    tags = list_items(driver.find_element(B.CSS_SELECTOR, "main"), "p .govuk-tag")
    assert tags[0] == "Forthcoming", tags
    opens = summary_value(driver, "Opens")
    assert f"This consultation opens on {opens}. You can read it now and respond from then." in text_of(driver, "main")
    assert summary_value(driver, "Run by") == COUNTY
    assert summary_value(driver, "Who can respond") == "VCS organisations and the public"
    assert not [a for a in driver.find_elements(B.CSS_SELECTOR, "main a") if words(a) == "Respond to this consultation"]
    scan(driver, "find-consultation")


# ---------------------------------------------------------------------------------------------
# 3. The pipeline's CSV and Atom feed


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.headers, r.read()


def test_pipeline_csv_and_atom_carry_what_the_page_shows(driver, product):
    B = by()
    driver.get(product.url("/pipeline"))
    search(driver, "/pipeline", q="carers")
    assert finder_links(driver) == [CARERS], finder_links(driver)
    seen = driver.find_element(B.CSS_SELECTOR, "main table tbody td:first-child a").get_dom_attribute("href")
    tender = table_rows(driver, "Forthcoming opportunities")[0][2]
    scan(driver, "feeds-pipeline")
    links = {words(a): a.get_dom_attribute("href") for a in driver.find_elements(B.CSS_SELECTOR, "main p a")}
    # The link text carries, for screen readers, what it downloads (WCAG 2.4.4).
    assert links["Download as CSV (the pipeline)"] == "/pipeline.csv?" + path_of(driver).split("?", 1)[1], links
    assert links["Atom feed of the pipeline"] == "/pipeline.atom", links

    # The CSV the page links to: the same search, one row, the procurement seen.
    status, headers, body = fetch(product.url(links["Download as CSV (the pipeline)"]))
    assert status == 200
    assert headers["Content-Type"] == "text/csv; charset=utf-8", headers["Content-Type"]
    assert headers["Content-Disposition"] == 'attachment; filename="pipeline.csv"', headers["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf"), body[:10]  # the byte order mark spreadsheets want
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert table[0] == ["id", "title", "public_body", "compact", "kind", "value_band", "expected_tender_date",
                        "pipeline_published_on", "status", "themes", "outcomes_sought", "url"], table[0]
    assert len(table) == 2, table
    row = dict(zip(table[0], table[1]))
    assert row["title"] == CARERS and row["url"] == seen and seen.endswith(row["id"]), row
    assert (row["public_body"], row["compact"], row["kind"], row["value_band"], row["status"]) == (
        COUNTY, COMPACT, "services", "£100,000 to £1 million", "planning"), row
    assert long_date(datetime.date.fromisoformat(row["expected_tender_date"])) == tender, (row, tender)

    # The Atom feed: the whole pipeline, each entry linking to its page.
    status, headers, body = fetch(product.url(links["Atom feed of the pipeline"]))
    assert status == 200
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8", headers["Content-Type"]
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring(body)
    assert feed.tag == f"{atom}feed"
    assert feed.findtext(f"{atom}title") == "Commonweal pipeline of forthcoming opportunities"
    entries = {e.findtext(f"{atom}title"): e for e in feed.findall(f"{atom}entry")}
    assert set(entries) == {TRANSPORT, CARERS}, set(entries)
    carers = entries[CARERS]
    assert carers.find(f"{atom}link").get("href") == product.url(seen), carers.find(f"{atom}link").get("href")
    assert carers.findtext(f"{atom}id") == f"urn:uuid:{row['id'].lower()}"
    assert carers.findtext(f"{atom}author/{atom}name") == COUNTY
    assert f"Expected tender date: {row['expected_tender_date']}. Value: £100,000 to £1 million." in carers.findtext(f"{atom}summary")
    assert FURNITURE not in body.decode("utf-8")


# ---------------------------------------------------------------------------------------------
# Each page shows one error summary (the layout's), not a second one from its content.


def error_summaries(driver) -> int:
    return len(driver.find_elements(by().CSS_SELECTOR, ".govuk-error-summary"))


def test_pipeline_shows_its_error_summary_once(driver, product):
    driver.get(product.url("/pipeline?to%5Bday%5D=31&to%5Bmonth%5D=2&to%5Byear%5D=2027"))
    if not driver.title.startswith("Error:"):
        pytest.fail(f"the pipeline did not refuse the date: {driver.title}")
    assert error_summaries(driver) == 1


def test_procurement_forms_show_their_error_summary_once(driver, fresh_product):
    B = by()
    sign_in(driver, fresh_product, COMMISSIONER)
    counts = {}
    # The procurement form, sent empty.
    driver.get(fresh_product.url("/procurements/new"))
    form = driver.find_element(B.CSS_SELECTOR, "main form[action='/procurements']")
    tab_to(driver, button(driver, "Save and screen", within=form))
    activate_and_wait(driver)
    counts[path_of(driver)] = error_summaries(driver)
    # The consideration form of a demo procurement, sent empty.
    driver.get(fresh_product.url("/procurements"))
    follow_link(driver, CARERS, within="main table")
    tab_to(driver, driver.find_element(B.CSS_SELECTOR, "#consideration a[href$='/consideration']"))
    activate_and_wait(driver, keys().ENTER)
    form = driver.find_element(B.CSS_SELECTOR, "main form[action$='/consideration']")
    tab_to(driver, button(driver, "Sign off the consideration", within=form))
    activate_and_wait(driver)
    counts[path_of(driver).split("/")[-1]] = error_summaries(driver)
    if not driver.title.startswith("Error:") or set(counts) != {"/procurements", "consideration"}:
        pytest.fail(f"the forms were not refused as expected: {driver.title} {counts}")
    assert counts == {"/procurements": 1, "consideration": 1}
