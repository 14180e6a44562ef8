"""Tender journeys (docs/tenders.md and docs/evaluation.md): a
supplier submits a bid to an open tender and the buyer sees only how many bids there are; then,
on a tender whose deadline has passed, evaluators score and moderate the bids and the
commissioner awards the contract, and a losing bidder reads its feedback.

The demo tenders (Sources/Storage/DemoTenders.swift) are dated from today: "Meals at home 2027 to
2030" is open until 12:00 UK time in 30 days, with no bids; "Home from hospital support" closed two
days ago with three sealed, unopened bids (Brackenford Foodbank, Kestrel Facilities Ltd and
Saltmarsh Community Transport CIC); "Befriending and social contact" was evaluated and awarded
about seven months ago (DemoAward.swift), with monitoring returns since (DemoMonitoring.swift). All weight price 40%, quality 45% (Q1 50%, Q2 30%, Q3 20%, on
a scale of 0 to 5, minimum 40%) and social value 15% (highest monetised value; ECO2, ENV1, SOC1)."""

import csv
import datetime
import http.cookiejar
import io
import json
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest

from harness import (DEMO_PASSWORD, product_binary, _until_new_document, activate_and_wait, by, choose_option, fill, fill_date, follow_link, focused, keys, path_of,
                     press, scan, select_all, sign_in, sign_out, tab_to, text_of, type_text)
from reading import banner, error_links, error_summary, heading, long_date, summary_value, table_rows, words

COMMISSIONER = "commissioner@eastmoor-cc.example"  # Priya Commissioner, Eastmoor County Council
EVALUATOR = "evaluator@eastmoor-cc.example"  # Evan Evaluator, the same council
FOODBANK_MEMBER = "supplier@brackenford-foodbank.example"  # Sam Supplier, a VCS organisation
KESTREL_MEMBER = "bids@kestrel-facilities.example"  # Kim Kestrel, a company
COUNTY = "Eastmoor County Council"
PRIYA, EVAN = "Priya Commissioner", "Evan Evaluator"

MEALS = "Meals at home 2027 to 2030"  # open for bids
HOSPITAL = "Home from hospital support"  # closed, three sealed bids
FOODBANK, KESTREL, SALTMARSH = "Brackenford Foodbank", "Kestrel Facilities Ltd", "Saltmarsh Community Transport CIC"

CRITERIA = [("Q1", "Service delivery", 50), ("Q2", "Staffing and volunteers", 30), ("Q3", "Working with local partners", 20)]
MEASURES = {  # code: (name, unit, proxy per unit)
    "ECO2": ("Apprenticeship weeks on the contract", "weeks", Decimal("226.50")),
    "ENV1": ("Carbon emissions avoided", "tonnes CO2e", Decimal("241.00")),
    "SOC1": ("Staff volunteering hours in the area", "hours", Decimal("12.21")),
}
WEIGHTS = {"price": 40, "quality": 45, "social value": 15}

# The closed tender's bids, as DemoTenders.swift submits them.
DEMO_BIDS = {
    FOODBANK: (Decimal("248000"), {"ECO2": 52, "SOC1": 2400, "ENV1": 3}),
    KESTREL: (Decimal("231500"), {"ECO2": 104, "SOC1": 300, "ENV1": 8}),
    SALTMARSH: (Decimal("255000"), {"ECO2": 26, "SOC1": 3100, "ENV1": 5}),
}

STAMP = r"\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}:\d{2}"  # "25 November 2026 at 10:23:20"


def uk_today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo("Europe/London")).date()


def money(text: str) -> Decimal:
    """"£24,314.50" (or "£24314.50") as a number."""
    return Decimal(text.strip().lstrip("£").replace(",", ""))


def pounds(d: Decimal) -> str:
    """The product's one money format: £241, £226.50, £41,805, £23,809.50 (pence only when
    there are some)."""
    p = d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"£{p:,.0f}" if p == p.to_integral_value() else f"£{p:,.2f}"


def monetised(commitments: dict) -> Decimal:
    return sum((Decimal(q) * MEASURES[code][2] for code, q in commitments.items()), Decimal(0))


def two_places(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def button_named(driver, text: str, within=None):
    """The (first) button whose visible words start with `text` (an inline action's button also
    carries, visually hidden, what it acts on)."""
    scope = within or driver
    found = [b for b in scope.find_elements(by().CSS_SELECTOR, "button") if words(b).startswith(text)]
    assert found, f"no button {text!r} on {path_of(driver)}: {[words(b) for b in scope.find_elements(by().CSS_SELECTOR, 'button')]}"
    return found[0]


def press_button(driver, text: str, within=None, start=None) -> None:
    """Tabs to the button and presses ENTER, then waits for the next page."""
    tab_to(driver, button_named(driver, text, within), start=start)
    activate_and_wait(driver)


def follow_link_starting(driver, text: str, *, within: str = "main") -> None:
    """Follows the first link whose text starts with `text` (a link may carry visually hidden
    context after it)."""
    links = [a for a in driver.find_elements(by().CSS_SELECTOR, f"{within} a") if words(a).startswith(text)]
    assert links, f"no link starting {text!r} inside {within} on {path_of(driver)}"
    before = driver.execute_script("return performance.timeOrigin")
    links[0].click()
    _until_new_document(driver, before, 30)


def table_headers(driver, caption: str) -> list:
    B = by()
    tables = driver.find_elements(B.XPATH, f"//table[caption[normalize-space()='{caption}']]")
    assert tables, f"no table {caption!r} on {path_of(driver)}"
    return [words(th) for th in tables[0].find_elements(B.CSS_SELECTOR, "thead th")]


def captions(driver) -> list:
    return [words(c) for c in driver.find_elements(by().CSS_SELECTOR, "main table caption")]


def main_text(driver) -> str:
    return text_of(driver, "main")


def cookie_header(driver) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


def fetch_as(driver, url: str):
    """GETs `url` with the browser's session cookie: (status, headers, body)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie_header(driver)})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def open_procurement_tender(driver, title: str) -> None:
    """From anywhere, signed in on the buyer's side: Procurements (header) → the procurement →
    its tender."""
    follow_link(driver, "Procurements", within=".govuk-header__navigation")
    assert path_of(driver) == "/procurements"
    follow_link(driver, title, within="main table")
    assert text_of(driver, "h1") == title
    follow_link_starting(driver, "The tender", within="main #tender + ul")
    assert re.fullmatch(r"/tenders/[0-9A-Fa-f-]{36}", path_of(driver)), path_of(driver)
    assert text_of(driver, "h1") == f"Tender: {title}"


# ---------------------------------------------------------------------------------------------
# 1. A supplier submits a bid; the buyer sees only how many


PRICE = "248,500"
RESPONSES = {
    "Q1": "Hot meals cooked each morning in our Brackenford kitchen and delivered by noon, with a chilled meal for the evening.",
    "Q2": "Paid drivers on the real Living Wage, with volunteers trained in safeguarding to carry out the daily wellbeing check.",
    "Q3": "We share concerns with GP surgeries the same day and refer people to the food bank's advice service and local carers' groups.",
}
COMMITMENTS = {"ECO2": "26", "ENV1": "4", "SOC1": "1500"}
PLAN = "A named social value lead reports apprenticeship weeks, volunteer hours and fuel saved each quarter."
STATEMENT = "Our volunteers are local people; every surplus goes back into the food bank's free advice service."


@pytest.mark.both_js_modes
def test_supplier_submits_a_bid_and_the_buyer_sees_only_the_count(driver, fresh_product):
    B = by()
    sign_in(driver, fresh_product, FOODBANK_MEMBER)
    assert path_of(driver) == "/dashboard"
    scan(driver, "bid-dashboard")

    # Open tenders, from the dashboard: only the open demo tender, with its deadline.
    deadline = f"{long_date(uk_today() + datetime.timedelta(days=30))} at 12:00"
    follow_link(driver, "Open tenders you can bid for", within="main")
    assert path_of(driver) == "/tenders"
    assert text_of(driver, "h1") == "Open tenders"
    assert table_rows(driver, "Tenders open for bids") == [[MEALS, COUNTY, "£100,000 to £1 million", deadline]], \
        table_rows(driver, "Tenders open for bids")
    scan(driver, "bid-open-tenders")

    # The tender: what is asked and how it is scored.
    follow_link(driver, MEALS, within="main table")
    tender = path_of(driver)
    assert re.fullmatch(r"/tenders/[0-9A-Fa-f-]{36}", tender), tender
    assert text_of(driver, "h1") == f"Tender: {MEALS}"
    assert text_of(driver, ".govuk-caption-l") == COUNTY
    assert summary_value(driver, "Status") == "Open for bids"
    assert summary_value(driver, "Deadline") == f"{deadline} (UK time)"
    assert summary_value(driver, "Weights") == "Price 40%, quality 45%, social value 15%"
    assert summary_value(driver, "Minimum quality") == "40% of the quality weight"
    assert [r[:2] + r[3:] for r in table_rows(driver, "Quality criteria")] == [[q, n, f"{w}%"] for q, n, w in CRITERIA]
    assert table_rows(driver, "Social value measures (proxies frozen when chosen)") == [
        [code, name, unit, pounds(proxy)] for code, (name, unit, proxy) in sorted(MEASURES.items())]
    assert not driver.find_elements(B.ID, "bid-count"), "a bidder is told how many bids there are"
    scan(driver, "bid-tender")

    # Start the bid: a draft with only the price.
    follow_link(driver, "Write or change your bid", within="main")
    assert path_of(driver) == f"{tender}/bid"
    assert text_of(driver, "h1") == f"Your bid: {MEALS}"
    assert summary_value(driver, "Bidding for") == FOODBANK
    assert summary_value(driver, "Status") == "Not started"
    assert not [b for b in driver.find_elements(B.CSS_SELECTOR, "main button") if words(b).startswith("Submit the bid")], \
        "a bid not yet saved can be submitted"
    # As a VCS organisation, the food bank is offered the statement of its embedded social value.
    assert driver.find_element(B.ID, "embeddedValueStatement").get_property("value") == ""
    scan(driver, "bid-new")

    form = lambda: driver.find_element(B.CSS_SELECTOR, f"main form[action='{tender}/bid']")
    fill(driver, driver.find_element(B.ID, "price"), PRICE)
    press_button(driver, "Save as draft", within=form())
    assert path_of(driver) == f"{tender}/bid"
    assert banner(driver) == "Your draft has been saved. It is not submitted yet"
    assert summary_value(driver, "Status") == "Draft (not submitted)"
    assert driver.find_element(B.ID, "price").get_property("value") == "248500.00"
    scan(driver, "bid-draft")

    # Submitted incomplete: refused, each missing answer named and linked to its field.
    press_button(driver, "Submit the bid")
    assert path_of(driver) == f"{tender}/bid/submit", path_of(driver)
    assert driver.title.startswith(f"Error: Your bid: {MEALS}"), driver.title
    assert words(error_summary(driver).find_element(B.CSS_SELECTOR, ".govuk-error-summary__title")) == "There is a problem"
    assert error_links(driver) == [
        ("#responses-Q1", "Answer Q1: Service delivery"),
        ("#responses-Q2", "Answer Q2: Staffing and volunteers"),
        ("#responses-Q3", "Answer Q3: Working with local partners"),
        ("#commitments-ECO2", "Enter a quantity for ECO2 (0 if you commit to none)"),
        ("#commitments-ENV1", "Enter a quantity for ENV1 (0 if you commit to none)"),
        ("#commitments-SOC1", "Enter a quantity for SOC1 (0 if you commit to none)"),
        ("#deliveryPlan", "Enter the delivery plan for your social value commitments"),
    ], error_links(driver)
    assert words(driver.find_element(B.ID, "responses-Q2-error")) == "Error: Answer Q2: Staffing and volunteers"
    assert driver.find_element(B.ID, "price").get_property("value") == "248500.00"  # the draft is kept
    assert summary_value(driver, "Status") == "Draft (not submitted)"
    scan(driver, "bid-submit-refused")

    # The summary's first link, by keyboard, puts focus in the first answer; the rest by Tab.
    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    assert focused(driver) == driver.find_element(B.ID, "responses-Q1"), \
        "following the error summary's link did not move focus to the Q1 answer"
    type_text(driver, RESPONSES["Q1"])
    for q in ("Q2", "Q3"):
        fill(driver, driver.find_element(B.ID, f"responses-{q}"), RESPONSES[q])
    for code, quantity in COMMITMENTS.items():
        fill(driver, driver.find_element(B.ID, f"commitments-{code}"), quantity)
    fill(driver, driver.find_element(B.ID, "deliveryPlan"), PLAN)
    fill(driver, driver.find_element(B.ID, "embeddedValueStatement"), STATEMENT)
    press_button(driver, "Save as draft", within=form())
    assert banner(driver) == "Your draft has been saved. It is not submitted yet"
    assert not driver.find_elements(B.CSS_SELECTOR, ".govuk-error-summary")
    assert not driver.find_elements(B.ID, "deliverability"), "a deliverability warning for modest commitments"
    scan(driver, "bid-complete-draft")

    # Submitted: the receipt, its time and the SHA-256 of the content.
    press_button(driver, "Submit the bid")
    assert path_of(driver) == f"{tender}/bid"
    receipt = re.fullmatch(rf"Your bid has been submitted at ({STAMP})\. Receipt: SHA-256 ([0-9a-f]{{64}})", banner(driver))
    assert receipt, banner(driver)
    assert summary_value(driver, "Status") == "Submitted"
    assert table_rows(driver, "Your submission receipts") == [[receipt[1], FOODBANK_MEMBER, receipt[2]]], \
        table_rows(driver, "Your submission receipts")
    assert summary_value(driver, "Price") == "£248,500"
    expected_value = monetised(COMMITMENTS)
    assert money(summary_value(driver, "Monetised social value")) == expected_value, summary_value(driver, "Monetised social value")
    assert summary_value(driver, "Delivery plan") == PLAN
    assert summary_value(driver, "Embedded social value (VCS statement)") == STATEMENT
    assert [r[:2] for r in table_rows(driver, "Quality responses")] == [[f"{q} {n}", RESPONSES[q]] for q, n, _ in CRITERIA]
    assert [[r[0], r[1], money(r[2])] for r in table_rows(driver, "Social value commitments")] == [
        [f"{code} {MEASURES[code][0]}", f"{Decimal(COMMITMENTS[code]):.2f} {MEASURES[code][1]}",
         Decimal(COMMITMENTS[code]) * MEASURES[code][2]] for code in sorted(MEASURES)]
    assert not driver.find_elements(B.ID, "price"), "a submitted bid can be changed without withdrawing it"
    scan(driver, "bid-submitted")

    # Withdrawing asks first ("check and confirm"): what it means, a way back, then the button.
    follow_link_starting(driver, "Withdraw the bid")
    assert path_of(driver) == f"{tender}/bid/withdraw", path_of(driver)
    assert text_of(driver, "h1") == "Withdraw your bid"
    assert "A withdrawn bid does not count. To be considered, it must be submitted again before the deadline" in \
        text_of(driver, "#consequence"), text_of(driver, "#consequence")
    back = driver.find_element(B.XPATH, "//main//a[normalize-space()='No, keep the bid submitted']")
    assert back.get_dom_attribute("href") == f"{tender}/bid"
    scan(driver, "bid-withdraw-confirm")
    # Withdrawn, the price changed, submitted again: a second receipt for the new content.
    press_button(driver, "Withdraw the bid")
    assert banner(driver) == "Your bid has been withdrawn. Submit it again before the deadline for it to count"
    assert summary_value(driver, "Status") == "Withdrawn"
    assert len(table_rows(driver, "Your submission receipts")) == 1  # kept
    assert driver.find_element(B.ID, "responses-Q3").get_property("value") == RESPONSES["Q3"]
    scan(driver, "bid-withdrawn")
    fill(driver, driver.find_element(B.ID, "price"), "246000", replace=True)
    press_button(driver, "Save as draft", within=form())
    assert banner(driver) == "Your draft has been saved. It is not submitted yet"
    press_button(driver, "Submit the bid")
    second = re.fullmatch(rf"Your bid has been submitted at ({STAMP})\. Receipt: SHA-256 ([0-9a-f]{{64}})", banner(driver))
    assert second, banner(driver)
    assert second[2] != receipt[2], "a different bid got the same SHA-256"
    assert table_rows(driver, "Your submission receipts") == [
        [receipt[1], FOODBANK_MEMBER, receipt[2]], [second[1], FOODBANK_MEMBER, second[2]]], \
        table_rows(driver, "Your submission receipts")
    assert summary_value(driver, "Status") == "Submitted"
    assert summary_value(driver, "Price") == "£246,000"
    scan(driver, "bid-resubmitted")

    # The commissioner: the number of bids and nothing of them; the bids' page refuses her.
    sign_out(driver)
    sign_in(driver, fresh_product, COMMISSIONER)
    open_procurement_tender(driver, MEALS)
    assert path_of(driver) == tender
    assert summary_value(driver, "Status") == "Open for bids"
    assert text_of(driver, "#bid-count") == "1 bid has been submitted."
    assert f"Bids are sealed until the deadline: {deadline}. Nobody can read them before then." in main_text(driver)
    for secret in (FOODBANK, "£246,000", "246000", RESPONSES["Q1"], PLAN, STATEMENT):
        assert secret not in main_text(driver), f"the sealed bid shows through on the tender page: {secret!r}"
    assert not [a for a in driver.find_elements(B.CSS_SELECTOR, "main a") if words(a) in ("Read the bids", "Evaluation")]
    assert not [b for b in driver.find_elements(B.CSS_SELECTOR, "main button") if words(b).startswith("Open the bids")]
    scan(driver, "bid-buyer-tender")

    driver.get(fresh_product.url(f"{tender}/bids"))
    assert driver.title.startswith("You cannot do this"), driver.title
    assert text_of(driver, "h1") == "You cannot do this"
    assert f"Bids are sealed until the deadline: {deadline}." in main_text(driver)
    assert FOODBANK not in main_text(driver) and RESPONSES["Q1"] not in main_text(driver)
    scan(driver, "bid-buyer-sealed")
    status, _, body = fetch_as(driver, fresh_product.url(f"{tender}/bids"))
    assert status == 403, status
    assert FOODBANK.encode() not in body


# ---------------------------------------------------------------------------------------------
# 2. Evaluators score and moderate, the commissioner awards, a losing bidder reads its feedback


# Each evaluator's scores (Q1, Q2, Q3) and the agreed ones.
PRIYA_SCORES = {FOODBANK: (4, 3, 5), KESTREL: (3, 3, 2), SALTMARSH: (2, 4, 3)}
EVAN_SCORES = {FOODBANK: (4, 4, 4), KESTREL: (2, 3, 3), SALTMARSH: (3, 3, 3)}
AGREED = {FOODBANK: (4, 4, 4), KESTREL: (2, 3, 3), SALTMARSH: (3, 3, 3)}


def rationale(bidder: str, q: str) -> str:
    return f"The panel agreed {q} for {bidder} after discussing the evidence."


def comment(who: str, bidder: str, q: str) -> str:
    return f"{who} on {q} for {bidder}: the response is specific and evidenced."


def expected_ranking() -> list:
    """The ranking the engine should give (calculations.md §2), worked out here: rows of
    [rank, bidder, price points, quality points, social value points, total, "–"]."""
    lowest = min(price for price, _ in DEMO_BIDS.values())
    values = {b: monetised(c) for b, (_, c) in DEMO_BIDS.items()}
    highest = max(values.values())
    lines = []
    for bidder, (price, _) in DEMO_BIDS.items():
        p = WEIGHTS["price"] * lowest / price
        q = WEIGHTS["quality"] * sum(Decimal(s) / 5 * w for s, (_, _, w) in zip(AGREED[bidder], CRITERIA)) / 100
        sv = WEIGHTS["social value"] * values[bidder] / highest
        lines.append((p + q + sv, bidder, p, q, sv))
    lines.sort(reverse=True)
    return [[str(n), b, two_places(p), two_places(q), two_places(sv), two_places(t), "–"]
            for n, (t, b, p, q, sv) in enumerate(lines, start=1)]


def bank_holidays(year: int) -> set:
    """England and Wales bank holidays by rule (no one-off ones are known after 2023)."""
    def easter(y):  # the anonymous Gregorian algorithm
        a, b, c = y % 19, y // 100, y % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * l) // 451
        month, day = divmod(h + l - 7 * m + 114, 31)
        return datetime.date(y, month, day + 1)

    def nth_monday(month, n):
        d = datetime.date(year, month, 1)
        d += datetime.timedelta(days=(7 - d.weekday()) % 7)
        return d + datetime.timedelta(weeks=n)

    def last_monday(month):
        d = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
        return d - datetime.timedelta(days=d.weekday())

    e = easter(year)
    days = {e - datetime.timedelta(days=2), e + datetime.timedelta(days=1), nth_monday(5, 0), last_monday(5), last_monday(8)}
    new_year = datetime.date(year, 1, 1)
    days.add(new_year + datetime.timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    christmas, boxing = datetime.date(year, 12, 25), datetime.date(year, 12, 26)
    if christmas.weekday() == 5:  # Saturday: Monday and Tuesday
        days |= {christmas + datetime.timedelta(days=2), boxing + datetime.timedelta(days=2)}
    elif christmas.weekday() == 6:  # Sunday: Tuesday for Christmas, Monday for Boxing Day
        days |= {christmas + datetime.timedelta(days=2), boxing}
    elif boxing.weekday() == 5:  # Friday and Saturday: Monday for Boxing Day
        days |= {christmas, boxing + datetime.timedelta(days=2)}
    else:
        days |= {christmas, boxing}
    return days


def standstill_end(decision: datetime.date) -> datetime.date:
    """The 8th working day of the period beginning with the award decision (s.51)."""
    d, counted = decision, 0
    while True:
        if d.weekday() < 5 and d not in bank_holidays(d.year):
            counted += 1
            if counted == 8:
                return d
        d += datetime.timedelta(days=1)


def score_every_bid(driver, who: str, scores: dict, journey: str, *, refuse_first: bool = False) -> None:
    """On the evaluation page: each bid in "Bids to score", its three scores and comments, saved.
    With `refuse_first`, the first bid is first given a score above the scale and refused."""
    B = by()
    evaluation = path_of(driver)
    bids = {words(a): a.get_dom_attribute("href") for a in driver.find_elements(
        B.XPATH, "//table[caption[normalize-space()='Bids to score']]//tbody//a")}
    assert set(bids) == set(scores), bids
    for n, (bidder, href) in enumerate(sorted(bids.items())):
        follow_link(driver, bidder, within="main table")
        assert path_of(driver) == href
        assert text_of(driver, "h1") == f"Score the bid from {bidder}"
        assert summary_value(driver, "Price") == f"£{DEMO_BIDS[bidder][0]:,}"
        assert [r[0] for r in table_rows(driver, "Quality responses")] == [f"{q} {name}" for q, name, _ in CRITERIA]
        assert all(driver.find_element(B.ID, f"scores-{q}").get_property("value") == "" for q, _, _ in CRITERIA)
        for other in ("Priya Commissioner on", "Evan Evaluator on"):
            assert other not in main_text(driver), f"another evaluator's comment is shown: {other}"
        if n == 0:
            scan(driver, f"{journey}-score-form")
        first = driver.find_element(B.ID, "scores-Q1")
        if refuse_first and n == 0:
            fill(driver, first, "7")
            press_button(driver, "Save scores")
            assert driver.title.startswith(f"Error: Score the bid from {bidder}"), driver.title
            assert error_links(driver) == [("#scores-Q1", "Enter a score for Q1: Service delivery from 0 to 5")], error_links(driver)
            scan(driver, f"{journey}-score-refused")
            link = error_summary(driver).find_element(B.CSS_SELECTOR, ".govuk-error-summary__list a")
            tab_to(driver, link)
            press(driver, keys().ENTER)
            first = driver.find_element(B.ID, "scores-Q1")
            assert focused(driver) == first, "following the error summary's link did not move focus to the Q1 score"
            select_all(driver)
            type_text(driver, str(scores[bidder][0]))
        else:
            fill(driver, first, str(scores[bidder][0]))
        fill(driver, driver.find_element(B.ID, "comments-Q1"), comment(who, bidder, "Q1"))
        for (q, _, _), score in list(zip(CRITERIA, scores[bidder]))[1:]:
            fill(driver, driver.find_element(B.ID, f"scores-{q}"), str(score))
            fill(driver, driver.find_element(B.ID, f"comments-{q}"), comment(who, bidder, q))
        press_button(driver, "Save scores")
        assert path_of(driver) == evaluation, (path_of(driver), main_text(driver)[:300])
        assert banner(driver) == "Your scores have been saved"
    progress = {r[0]: r[1] for r in table_rows(driver, "Bids to score")}
    assert progress == {b: "3 of 3 scored" for b in scores}, progress


def side_by_side(driver, bidder: str) -> list:
    return table_rows(driver, f"Scores for {bidder}")


@pytest.mark.both_js_modes
def test_evaluators_score_and_moderate_and_the_commissioner_awards(driver, fresh_product):
    B = by()
    journey = "award"
    sign_in(driver, fresh_product, COMMISSIONER)
    scan(driver, f"{journey}-dashboard")

    # The closed tender: three bids, sealed, waiting to be opened.
    open_procurement_tender(driver, HOSPITAL)
    tender = path_of(driver)
    assert summary_value(driver, "Status") == "Closed: bids not yet opened"
    assert text_of(driver, "#bid-count") == "3 bids have been submitted."
    assert all(b not in main_text(driver) for b in DEMO_BIDS)
    scan(driver, f"{journey}-closed-tender")

    # Opening the bids (an audited event): the list, each with its receipt.
    press_button(driver, "Open the bids")
    assert path_of(driver) == f"{tender}/bids"
    assert banner(driver) == "The bids have been opened"
    assert text_of(driver, "h1") == "Bids"
    assert re.search(rf"Opened {STAMP} by {COMMISSIONER}\.", main_text(driver)), main_text(driver)
    opened = {r[0]: r for r in table_rows(driver, "Submitted bids")}
    assert set(opened) == set(DEMO_BIDS), opened
    for bidder, (price, commitments) in DEMO_BIDS.items():
        assert opened[bidder][1] == f"£{price:,}", opened[bidder]
        assert money(opened[bidder][2]) == monetised(commitments), opened[bidder]
        assert re.fullmatch(r"[0-9a-f]{12}", opened[bidder][4]), opened[bidder]
    scan(driver, f"{journey}-bids")

    follow_link(driver, "Tender", within=".govuk-breadcrumbs")
    assert summary_value(driver, "Status") == "Bids opened"
    assert re.fullmatch(rf"{STAMP} by {COMMISSIONER}", summary_value(driver, "Bids opened")), summary_value(driver, "Bids opened")
    follow_link(driver, "Evaluation", within="main")
    evaluation = path_of(driver)
    assert evaluation == f"{tender}/evaluation"
    assert text_of(driver, "h1") == "Evaluation"
    assert "No evaluators have been assigned." in main_text(driver)
    scan(driver, f"{journey}-evaluation-empty")

    # The panel: the evaluator and herself.
    for person in (f"{EVAN} ({EVALUATOR})", f"{PRIYA} ({COMMISSIONER})"):
        choose_option(driver, driver.find_element(B.ID, "userId"), person)
        press_button(driver, "Assign")
        assert banner(driver) == "The evaluator has been assigned"
    assert [r[:2] for r in table_rows(driver, "Evaluation panel")] == [[EVAN, "Not yet submitted"], [PRIYA, "Not yet submitted"]]
    assert not driver.find_elements(B.ID, "userId"), "someone is still offered for the panel"
    assert "You see only your own scores until you submit them." in main_text(driver)
    scan(driver, f"{journey}-panel")

    # Her own scores, each bid; a score above the scale is refused first.
    score_every_bid(driver, PRIYA, PRIYA_SCORES, journey, refuse_first=True)
    assert "Evaluators’ scores" not in main_text(driver)
    scan(driver, f"{journey}-scored")
    press_button(driver, "Submit my scores")
    assert banner(driver) == "Your scores have been submitted"
    panel = {r[0]: r[1] for r in table_rows(driver, "Evaluation panel")}
    assert panel[EVAN] == "Not yet submitted" and re.fullmatch(f"Submitted {STAMP}", panel[PRIYA]), panel
    # Submitted, she sees every score: hers, and none yet from the evaluator.
    heading(driver, "h2", "Evaluators’ scores")
    assert table_headers(driver, f"Scores for {FOODBANK}") == ["Criterion", EVAN, PRIYA, "Spread"]
    assert side_by_side(driver, FOODBANK) == [[f"{q}: {n}", "–", str(s), "0"] for (q, n, _), s in zip(CRITERIA, PRIYA_SCORES[FOODBANK])]
    assert not [a for a in driver.find_elements(B.CSS_SELECTOR, "main a") if words(a) == "Moderate the scores"]
    scan(driver, f"{journey}-submitted-commissioner")

    # The evaluator, before submitting, sees only his own scores: none of hers.
    sign_out(driver)
    sign_in(driver, fresh_product, EVALUATOR)
    follow_link(driver, HOSPITAL, within="main")
    follow_link_starting(driver, "The tender", within="main #tender + ul")
    follow_link(driver, "Evaluation", within="main")
    assert path_of(driver) == evaluation
    panel = {r[0]: r[1] for r in table_rows(driver, "Evaluation panel")}
    assert panel[EVAN] == "Not yet submitted" and panel[PRIYA].startswith("Submitted "), panel
    assert table_headers(driver, "Evaluation panel") == ["Evaluator", "Scores"]  # he cannot change the panel
    assert "You see only your own scores until you submit them." in main_text(driver)
    assert "Evaluators’ scores" not in main_text(driver)
    assert not [c for c in captions(driver) if c.startswith("Scores for ")], captions(driver)
    assert {r[0]: r[1] for r in table_rows(driver, "Bids to score")} == {b: "0 of 3 scored" for b in DEMO_BIDS}
    scan(driver, f"{journey}-evaluator-before")
    driver.get(fresh_product.url(f"{evaluation}/moderation"))
    assert text_of(driver, "h1") == "You cannot do this", "an evaluator reached moderation"
    driver.get(fresh_product.url(evaluation))

    score_every_bid(driver, EVAN, EVAN_SCORES, journey)
    press_button(driver, "Submit my scores")
    assert banner(driver) == "Your scores have been submitted"
    # Submitted, he sees everyone's.
    assert side_by_side(driver, KESTREL) == [
        [f"{q}: {n}", str(e), str(p), str(abs(e - p))] for (q, n, _), e, p in zip(CRITERIA, EVAN_SCORES[KESTREL], PRIYA_SCORES[KESTREL])]
    scan(driver, f"{journey}-evaluator-submitted")

    # Moderation: both evaluators side by side with the spread.
    sign_out(driver)
    sign_in(driver, fresh_product, COMMISSIONER)
    driver.get(fresh_product.url(evaluation))
    assert all(v.startswith("Submitted ") for v in (r[1] for r in table_rows(driver, "Evaluation panel")))
    follow_link(driver, "Moderate the scores", within="main")
    assert path_of(driver) == f"{evaluation}/moderation"
    assert text_of(driver, "h1") == "Moderation"
    for bidder in DEMO_BIDS:
        assert table_headers(driver, f"Scores for {bidder}") == ["Criterion", EVAN, PRIYA, "Spread", "Agreed"]
        assert side_by_side(driver, bidder) == [
            [f"{q}: {n}", str(e), str(p), str(abs(e - p)), "–"]
            for (q, n, _), e, p in zip(CRITERIA, EVAN_SCORES[bidder], PRIYA_SCORES[bidder])], side_by_side(driver, bidder)
    scan(driver, f"{journey}-moderation")

    def moderation_form(bidder, q, name):
        h = heading(driver, "h4", f"{q}: {name}: {bidder}")
        return h, h.find_element(B.XPATH, "./ancestor::form")

    # An agreed score with no rationale is refused; the score typed is kept.
    (q, name, _) = CRITERIA[0]
    h, form = moderation_form(FOODBANK, q, name)
    fill(driver, form.find_element(B.CSS_SELECTOR, "[name='score']"), str(AGREED[FOODBANK][0]), start=h)
    press_button(driver, "Record the agreed score", within=form)
    assert driver.title.startswith(f"Error: Moderation: {HOSPITAL}"), driver.title
    assert [t for _, t in error_links(driver)] == ["Enter the rationale for the agreed score"], error_links(driver)
    h, form = moderation_form(FOODBANK, q, name)
    field = form.find_element(B.CSS_SELECTOR, "[name='rationale']")
    assert "govuk-textarea--error" in field.get_dom_attribute("class")
    described = driver.find_element(B.ID, field.get_dom_attribute("aria-describedby"))
    assert words(described) == "Error: Enter the rationale for the agreed score"
    assert form.find_element(B.CSS_SELECTOR, "[name='score']").get_property("value") == str(AGREED[FOODBANK][0])
    scan(driver, f"{journey}-moderation-refused")
    fill(driver, field, rationale(FOODBANK, q), start=h)
    press_button(driver, "Record the agreed score", within=form)
    assert banner(driver) == "The agreed score has been recorded"

    for bidder in DEMO_BIDS:
        for (q, name, _), score in zip(CRITERIA, AGREED[bidder]):
            if (bidder, q) == (FOODBANK, "Q1"):
                continue
            h, form = moderation_form(bidder, q, name)
            fill(driver, form.find_element(B.CSS_SELECTOR, "[name='score']"), str(score), start=h)
            fill(driver, form.find_element(B.CSS_SELECTOR, "[name='rationale']"), rationale(bidder, q))
            press_button(driver, "Record the agreed score", within=form)
            assert banner(driver) == "The agreed score has been recorded", (bidder, q, main_text(driver)[:300])
    for bidder in DEMO_BIDS:
        assert [r[-1] for r in side_by_side(driver, bidder)] == [str(s) for s in AGREED[bidder]], side_by_side(driver, bidder)
    scan(driver, f"{journey}-moderated")

    # Ranked: the report.
    press_button(driver, "Rank the bids", start=heading(driver, "h2", "Rank the bids"))
    assert path_of(driver) == f"{tender}/report"
    assert banner(driver) == "The bids have been ranked"
    assert text_of(driver, "h1") == f"Evaluation report: {HOSPITAL}"
    ranking = expected_ranking()
    assert "Ranking of the bids" in captions(driver)
    assert table_headers(driver, "Ranking of the bids") == [
        "Rank", "Bidder", "Price", "Monetised social value", "Price points", "Quality points", "Social value points",
        "Total", "Excluded"]
    # The report's ranking shows each bid's price and monetised social value beside its points.
    with_money = table_rows(driver, "Ranking of the bids")
    for row in with_money:
        price, commitments = DEMO_BIDS[row[1]]
        assert row[2] == f"£{price:,}" and money(row[3]) == monetised(commitments), row
    shown = [row[:2] + row[4:] for row in with_money]
    assert shown == ranking, (shown, ranking)
    for row in shown:  # each total is the sum of its sections (to the rounding of each)
        assert abs(sum(Decimal(x) for x in row[2:5]) - Decimal(row[5])) <= Decimal("0.02"), row
    winner, loser, third = ranking[0][1], ranking[-1][1], ranking[1][1]
    assert (winner, loser, third) == (FOODBANK, KESTREL, SALTMARSH), ranking
    assert summary_value(driver, "Recommended") == winner
    assert summary_value(driver, "Award") == "Not yet awarded"
    assert re.fullmatch(rf"{STAMP} by {COMMISSIONER}", summary_value(driver, "Ranked")), summary_value(driver, "Ranked")
    for bidder in DEMO_BIDS:
        assert table_rows(driver, f"Agreed scores: {bidder}") == [
            [f"{q}: {n}", f"{s} of 5", rationale(bidder, q)] for (q, n, _), s in zip(CRITERIA, AGREED[bidder])]
    scan(driver, f"{journey}-report")

    # The downloads the report links to, fetched with her session.
    links = {words(a): a.get_dom_attribute("href") for a in driver.find_elements(B.CSS_SELECTOR, "main p a")}
    assert links.get("Download the report as CSV") == f"{tender}/report.csv", links
    assert links.get("Download the evaluation document (JSON)") == f"{tender}/evaluation-document.json", links
    status, headers, body = fetch_as(driver, fresh_product.url(links["Download the report as CSV"]))
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8", (status, headers["Content-Type"])
    assert headers["Content-Disposition"] == 'attachment; filename="evaluation-report.csv"', headers["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [[r["rank"], r["bidder"], r["price_points"], r["quality_points"], r["social_value_points"], r["total"]] for r in table] == \
        [row[:6] for row in ranking], table
    assert all(r["excluded"] == "no" for r in table)
    assert {r["bidder"]: (r["price"], Decimal(r["social_value_monetised"])) for r in table} == {
        b: (f"{p}.00", monetised(c)) for b, (p, c) in DEMO_BIDS.items()}
    status, headers, body = fetch_as(driver, fresh_product.url(links["Download the evaluation document (JSON)"]))
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8", (status, headers["Content-Type"])
    document = json.loads(body)
    assert document["title"] == HOSPITAL
    assert document["weights"] == {"price": 40, "quality": 45, "socialValue": 15}
    assert {b["bidder"]: b["quality"] for b in document["bids"]} == {
        b: {q: s for (q, _, _), s in zip(CRITERIA, AGREED[b])} for b in DEMO_BIDS}, document["bids"]
    assert {b["bidder"]: Decimal(b["price"]) for b in document["bids"]} == {b: p for b, (p, _) in DEMO_BIDS.items()}
    # Anyone can check it: the product's own `commonweal evaluate` on the downloaded document gives
    # the ranking the report shows.
    rerun = subprocess.run([str(product_binary()), "evaluate", "-"], input=body, capture_output=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert [[str(r["rank"]), r["bidder"], r["price"], r["quality"], r["socialValue"], r["total"]]
            for r in json.loads(rerun.stdout)["ranking"]] == [row[:6] for row in ranking], rerun.stdout.decode()

    # The award: to the top-ranked bid, chosen already.
    follow_link(driver, "Evaluation", within=".govuk-breadcrumbs")
    assert table_rows(driver, "Ranking of the bids") == ranking
    follow_link(driver, "Award the contract", within="main")
    assert path_of(driver) == f"{tender}/award"
    assert text_of(driver, "h1") == "Award the contract"
    chosen = driver.find_element(B.CSS_SELECTOR, "input[name='bidId']:checked")
    assert words(driver.find_element(B.CSS_SELECTOR, f"label[for='{chosen.get_dom_attribute('id')}']")) == \
        f"1. {winner}: {ranking[0][5]} points"
    assert driver.find_element(B.CSS_SELECTOR, "input[name='reportingFrequency']:checked").get_dom_attribute("value") == "quarterly"
    assert "The standstill period (8 working days, England and Wales bank holidays excluded) starts from today’s award decision." in main_text(driver)
    scan(driver, f"{journey}-award-form")
    today = uk_today()
    starts, ends = today + datetime.timedelta(days=60), today + datetime.timedelta(days=60 + 3 * 365)
    fill_date(driver, "startsOn", starts)
    fill_date(driver, "endsOn", ends)
    monitoring = "Quarterly returns of meals, apprenticeship weeks and volunteer hours, checked at the contract review."
    fill(driver, driver.find_element(B.ID, "monitoringPlan"), monitoring, replace=True)
    press_button(driver, "Award the contract", within=driver.find_element(B.CSS_SELECTOR, f"main form[action='{tender}/award']"))
    contract = path_of(driver)
    assert re.fullmatch(r"/contracts/[0-9A-Fa-f-]{36}", contract), (contract, main_text(driver)[:500])
    assert banner(driver) == "The contract has been awarded"
    assert text_of(driver, "h1") == f"Contract: {HOSPITAL}"
    price, commitments = DEMO_BIDS[winner]
    assert summary_value(driver, "Buyer") == COUNTY
    assert summary_value(driver, "Supplier") == winner
    assert summary_value(driver, "Value") == f"£{price:,}"
    assert summary_value(driver, "Starts") == long_date(starts)
    assert summary_value(driver, "Ends") == long_date(ends)
    assert summary_value(driver, "Awarded") == long_date(today)
    assert summary_value(driver, "Standstill ends") == f"{long_date(standstill_end(today))} (8 working days)"
    assert summary_value(driver, "Bid chosen") == "The top-ranked bid"
    assert summary_value(driver, "Monitoring plan") == monitoring
    assert summary_value(driver, "Reporting") == "Quarterly"
    assert [[r[0], r[1], r[2], money(r[3])] for r in table_rows(driver, "Social value commitments")] == [
        [f"{code} {MEASURES[code][0]}", f"{commitments[code]}.00 {MEASURES[code][1]}", pounds(MEASURES[code][2]),
         commitments[code] * MEASURES[code][2]] for code in sorted(MEASURES)]
    scan(driver, f"{journey}-contract")

    follow_link(driver, "Contracts", within=".govuk-breadcrumbs")
    rows = table_rows(driver, "Contracts you buy or supply")
    # Hers, beside the demo's contract awarded about seven months ago (DemoAward.swift).
    assert [r[:4] for r in rows if r[0] == HOSPITAL] == [[HOSPITAL, COUNTY, winner, f"£{price:,}"]], rows
    assert {r[0] for r in rows} == {HOSPITAL, "Befriending and social contact"}, rows
    scan(driver, f"{journey}-contracts")

    # The report and the evaluation record the award; it is not offered again.
    driver.get(fresh_product.url(f"{tender}/report"))
    assert summary_value(driver, "Award") == f"Awarded on {long_date(today)} to {winner}"
    driver.get(fresh_product.url(evaluation))
    assert not [a for a in driver.find_elements(B.CSS_SELECTOR, "main a") if words(a) == "Award the contract"]
    driver.get(fresh_product.url(tender))
    assert summary_value(driver, "Status") == "Awarded"

    # A losing bidder's feedback: its own scores and the winner's, never the third bidder's.
    sign_out(driver)
    sign_in(driver, fresh_product, KESTREL_MEMBER)
    # The award reached Kestrel as a notification (the newest), leading to the feedback.
    follow_link(driver, next(words(a) for a in driver.find_elements(B.CSS_SELECTOR, ".cw-account-nav a")
                             if words(a).startswith("Notifications")), within=".cw-account-nav")
    newest = driver.find_element(B.CSS_SELECTOR, "main .govuk-task-list__item")
    assert f"The contract for “{HOSPITAL}” has been awarded to another bidder. Your feedback is ready" in words(newest), words(newest)
    assert f"the standstill period ends on {long_date(standstill_end(uk_today()))}" in words(newest), words(newest)
    scan(driver, f"{journey}-notifications")
    follow_link(driver, "View", within="main .govuk-task-list__item:first-child")
    assert path_of(driver) == f"{tender}/feedback"
    assert text_of(driver, "h1") == "Feedback on your bid"
    own = next(r for r in ranking if r[1] == loser)
    top = ranking[0]
    assert f"Your bid was not successful. 3 bids were evaluated; yours ranked {own[0]}." in main_text(driver)
    assert table_rows(driver, "Points by section") == [["Your bid"] + [own[0]] + own[2:], ["Winning bid"] + [top[0]] + top[2:]], \
        table_rows(driver, "Points by section")
    assert table_rows(driver, "Agreed scores and the moderation rationale") == [
        [f"{q}: {n}", f"{mine} of 5", rationale(loser, q), f"{theirs} of 5", rationale(winner, q)]
        for (q, n, _), mine, theirs in zip(CRITERIA, AGREED[loser], AGREED[winner])]
    third_line = next(r for r in ranking if r[1] == third)
    assert third not in main_text(driver), "the feedback names another losing bidder"
    assert third_line[5] not in main_text(driver), "the feedback shows another losing bidder's total"
    assert rationale(third, "Q1") not in main_text(driver)
    scan(driver, f"{journey}-feedback")
    # The bids of others stay closed to a bidder.
    status, _, body = fetch_as(driver, fresh_product.url(f"{tender}/bids"))
    assert status == 403 and third.encode() not in body, status


# ---------------------------------------------------------------------------------------------
# Smaller checks: error summaries that lead to their fields, the award page after the award


class Http:
    """A signed-in session over plain HTTP, to set a tender up quickly for a smaller check: it
    posts forms with the CSRF token of the last page it read."""

    def __init__(self, product, email: str):
        self.product = product
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.page = ""
        self.get("/sign-in")
        product.count_sign_in()
        self.post("/sign-in", {"email": email, "password": DEMO_PASSWORD})
        assert "/sign-in" not in self.url, f"{email} could not sign in"

    def _open(self, path: str, data: dict | None):
        body = None
        if data is not None:
            token = re.search(r'name="_csrf" value="([^"]+)"', self.page)
            body = urllib.parse.urlencode({**data, "_csrf": token[1] if token else ""}).encode()
        try:
            with self.opener.open(self.product.url(path), body, timeout=10) as r:
                self.status, self.url, self.page = r.status, r.geturl(), r.read().decode()
        except urllib.error.HTTPError as e:
            self.status, self.url, self.page = e.code, path, e.read().decode()
        return self.page

    def get(self, path: str) -> str:
        return self._open(path, None)

    def post(self, path: str, data: dict) -> str:
        page = self._open(path, data)
        assert self.status == 200, f"POST {path}: {self.status}"
        return page

    def links(self, pattern: str) -> list:
        return re.findall(pattern, self.page)


def closed_tender(http: Http) -> str:
    http.get("/procurements")
    procurement = http.links(rf'href="(/procurements/[^"]+)">{HOSPITAL}')[0]
    http.get(procurement)
    return http.links(r'href="(/tenders/[0-9A-Fa-f-]{36})"')[0]


def open_and_assign(http: Http, tender: str) -> None:
    http.get(tender)
    http.post(f"{tender}/open", {})
    http.get(f"{tender}/evaluation")
    for user in http.links(r'<option value="([0-9A-Fa-f-]{36})"'):
        http.post(f"{tender}/evaluation/evaluators", {"userId": user})


def score_and_submit(http: Http, tender: str, scores: dict) -> None:
    http.get(f"{tender}/evaluation")
    for href, bidder in http.links(r'href="([^"]+/evaluation/bids/[^"]+)">([^<]+)</a>'):
        http.get(href)
        form = {}
        for (q, _, _), s in zip(CRITERIA, scores[bidder]):
            form[f"scores[{q}]"], form[f"comments[{q}]"] = str(s), comment("HTTP", bidder, q)
        http.post(href, form)
    http.post(f"{tender}/evaluation/submit", {})
    assert "Your scores have been submitted" in http.page


def scored_by_the_panel(product) -> tuple:
    """The closed demo tender, opened, with Priya and Evan's scores submitted: (Priya's session, the tender's path)."""
    priya = Http(product, COMMISSIONER)
    tender = closed_tender(priya)
    open_and_assign(priya, tender)
    score_and_submit(priya, tender, PRIYA_SCORES)
    score_and_submit(Http(product, EVALUATOR), tender, EVAN_SCORES)
    return priya, tender


def test_moderation_error_summary_links_to_the_field(driver, fresh_product):
    B = by()
    priya, tender = scored_by_the_panel(fresh_product)

    sign_in(driver, fresh_product, COMMISSIONER)
    driver.get(fresh_product.url(f"{tender}/evaluation/moderation"))
    h = heading(driver, "h4", f"Q1: Service delivery: {FOODBANK}")
    form = h.find_element(B.XPATH, "./ancestor::form")
    fill(driver, form.find_element(B.CSS_SELECTOR, "[name='score']"), "4", start=h)
    press_button(driver, "Record the agreed score", within=form)
    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    assert [words(a) for a in links] == ["Enter the rationale for the agreed score"], "the moderation was not refused as expected"
    tab_to(driver, links[0])
    press(driver, keys().ENTER)
    assert focused(driver).get_dom_attribute("name") == "rationale", (
        f"the error summary's link {links[0].get_dom_attribute('href')} did not move focus to the rationale "
        f"(focus is on {focused(driver).tag_name} {focused(driver).get_dom_attribute('id')})")


def test_evaluation_submit_error_summary_links_lead_somewhere(driver, fresh_product):
    B = by()
    priya = Http(fresh_product, COMMISSIONER)
    tender = closed_tender(priya)
    open_and_assign(priya, tender)

    sign_in(driver, fresh_product, COMMISSIONER)
    driver.get(fresh_product.url(f"{tender}/evaluation"))
    press_button(driver, "Submit my scores")
    links = error_summary(driver).find_elements(B.CSS_SELECTOR, ".govuk-error-summary__list a")
    assert len(links) == 9 and words(links[0]).startswith("Score Q1: Service delivery for "), [words(a) for a in links]
    href = links[0].get_dom_attribute("href")
    if href.startswith("#"):
        assert driver.find_elements(B.ID, href[1:]), f"the error summary's link {href} has no target on {path_of(driver)}"
    else:  # a link to the bid's scoring page would do
        assert "/evaluation/bids/" in href, href


def test_award_page_after_the_award_shows_the_award(driver, fresh_product):
    B = by()
    priya, tender = scored_by_the_panel(fresh_product)
    priya.get(f"{tender}/evaluation/moderation")
    for bid, bidder in dict(priya.links(r'action="[^"]+/moderation/([^"]+)" novalidate>\s*<input[^>]+>\s*<input type="hidden" name="key" value="Q1">\s*<h4[^>]*>Q1: [^:]+: ([^<]+)</h4>')).items():
        for (q, _, _), s in zip(CRITERIA, AGREED[bidder]):
            priya.post(f"{tender}/evaluation/moderation/{bid}", {"key": q, "score": str(s), "rationale": rationale(bidder, q)})
    priya.post(f"{tender}/evaluation/rank", {})
    priya.get(f"{tender}/award")
    top = re.search(r'name="bidId" type="radio" value="([^"]+)" checked', priya.page)
    assert top, "no bid chosen on the award form"
    today = uk_today()
    priya.post(f"{tender}/award", {"bidId": top[1], "startsOn": (today + datetime.timedelta(days=60)).isoformat(),
                                   "endsOn": (today + datetime.timedelta(days=1000)).isoformat(),
                                   "monitoringPlan": "Quarterly returns.", "reportingFrequency": "quarterly"})
    assert "/contracts/" in priya.url, "the award was not made"

    sign_in(driver, fresh_product, COMMISSIONER)
    driver.get(fresh_product.url(f"{tender}/award"))
    assert not driver.find_elements(B.CSS_SELECTOR, f"main form[action='{tender}/award']"), \
        "the award form is still offered after the award"
    assert long_date(standstill_end(today)) in main_text(driver), "the award page does not show the standstill end date"
