"""Tasks find their people (issue 13 §2; docs/evaluation.md, docs/tenders.md): on the demo's
closed tender "Home from hospital support" (three sealed bids, deadline two days ago), the
commissioner's dashboard asks her to open the bids; she opens them and adds the evaluator to the
panel; the evaluator is notified, sees "Score these bids" on his dashboard and follows it to the
scoring page."""

import re

from harness import activate_and_wait, by, choose_option, follow_link, path_of, scan, sign_in, sign_out, tab_to, text_of
from reading import banner, table_rows, words

COMMISSIONER = "commissioner@eastmoor-cc.example"  # Priya Commissioner, Eastmoor County Council
EVALUATOR = "evaluator@eastmoor-cc.example"  # Evan Evaluator, the same council
EVAN = "Evan Evaluator"
HOSPITAL = "Home from hospital support"  # closed, three sealed bids


def tasks(driver, list_id: str) -> list:
    """The task list under the heading `list_id`: (link words, hint, status) for each task."""
    B = by()
    found = driver.find_elements(B.CSS_SELECTOR, f"ul.govuk-task-list[aria-labelledby='{list_id}'] li")
    return [
        (words(li.find_element(B.CSS_SELECTOR, "a")), words(li.find_element(B.CSS_SELECTOR, ".govuk-task-list__hint")),
         words(li.find_element(B.CSS_SELECTOR, ".govuk-task-list__status")))
        for li in found
    ]


def follow_task(driver, list_id: str, name: str) -> None:
    """Tabs to the task's link and presses ENTER."""
    B = by()
    links = [a for a in driver.find_elements(B.CSS_SELECTOR, f"ul.govuk-task-list[aria-labelledby='{list_id}'] a")
             if words(a).startswith(name)]
    assert links, f"no task {name!r} in #{list_id} on {path_of(driver)}"
    tab_to(driver, links[0])
    activate_and_wait(driver)


def press_button(driver, text: str) -> None:
    B = by()
    found = [b for b in driver.find_elements(B.CSS_SELECTOR, "main button") if words(b).startswith(text)]
    assert found, f"no button {text!r} on {path_of(driver)}"
    tab_to(driver, found[0])
    activate_and_wait(driver)


def go_to_dashboard(driver) -> None:
    follow_link(driver, "Dashboard", within=".govuk-header__navigation")
    assert path_of(driver) == "/dashboard"


def test_an_evaluator_added_to_a_panel_is_told_and_follows_the_task_to_the_scoring_page(driver, fresh_product):
    B = by()
    journey = "tasks"
    sign_in(driver, fresh_product, COMMISSIONER)
    go_to_dashboard(driver)
    open_tasks = tasks(driver, "tender-tasks")
    assert [t[0].startswith("Closed: open the bids") for t in open_tasks] == [True], open_tasks
    assert HOSPITAL in open_tasks[0][1] and open_tasks[0][2] == "To do", open_tasks
    assert "Tender open" not in [words(t) for t in driver.find_elements(B.CSS_SELECTOR, "main li .govuk-tag")
                                 if HOSPITAL in words(t.find_element(B.XPATH, ".."))]
    scan(driver, f"{journey}-commissioner-dashboard")

    follow_task(driver, "tender-tasks", "Closed: open the bids")
    tender = path_of(driver)
    assert re.fullmatch(r"/tenders/[0-9A-Fa-f-]{36}", tender), tender
    assert text_of(driver, "h1") == f"Tender: {HOSPITAL}"
    press_button(driver, "Open the bids")
    assert banner(driver) == "The bids have been opened"
    follow_link(driver, "Tender", within=".govuk-breadcrumbs")
    follow_link(driver, "Evaluation", within="main")
    evaluation = path_of(driver)
    assert evaluation == f"{tender}/evaluation"
    choose_option(driver, driver.find_element(B.ID, "userId"), f"{EVAN} ({EVALUATOR})")
    press_button(driver, "Assign")
    assert banner(driver) == "The evaluator has been assigned"
    assert [r[:2] for r in table_rows(driver, "Evaluation panel")] == [[EVAN, "Not yet submitted"]]
    go_to_dashboard(driver)
    assert tasks(driver, "tender-tasks") == [], "the opened tender is still a task"
    assert not [t for t in tasks(driver, "evaluation-tasks") if t[0].startswith("Score these bids")]
    sign_out(driver)

    # The evaluator: told in the header and on the notifications page.
    sign_in(driver, fresh_product, EVALUATOR)
    nav = [words(a) for a in driver.find_elements(B.CSS_SELECTOR, ".cw-account-nav a")]
    notifications = next(n for n in nav if n.startswith("Notifications"))
    assert re.search(r"\b1\b", notifications), nav
    follow_link(driver, notifications, within=".cw-account-nav")
    assert path_of(driver) == "/notifications"
    item = driver.find_element(
        B.XPATH, f"//main//li[contains(normalize-space(), 'You have been added to the evaluation panel for “{HOSPITAL}”')]")
    assert words(item).startswith("New "), words(item)
    assert item.find_element(B.CSS_SELECTOR, "a").get_attribute("href").endswith(evaluation)
    scan(driver, f"{journey}-evaluator-notifications")

    # The task on the dashboard leads to the scoring page.
    go_to_dashboard(driver)
    score = tasks(driver, "evaluation-tasks")
    assert [t[0].startswith("Score these bids") for t in score] == [True], score
    assert HOSPITAL in score[0][1] and score[0][2] == "To do", score
    scan(driver, f"{journey}-evaluator-dashboard")
    follow_task(driver, "evaluation-tasks", "Score these bids")
    assert path_of(driver) == evaluation
    assert text_of(driver, "h1") == "Evaluation"
    to_score = [words(a) for a in driver.find_elements(B.XPATH, "//table[caption[normalize-space()='Bids to score']]//tbody//a")]
    assert sorted(to_score) == ["Brackenford Foodbank", "Kestrel Facilities Ltd", "Saltmarsh Community Transport CIC"], to_score
    scan(driver, f"{journey}-evaluator-scoring")
    sign_out(driver)
