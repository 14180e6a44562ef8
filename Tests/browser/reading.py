"""Reading the product's pages in a journey: headings, buttons, banners, summary lists, tables,
error summaries, in the GOV.UK patterns the product uses."""

import datetime

from harness import by, path_of


def words(element) -> str:
    return " ".join(element.text.split())


def long_date(d: datetime.date) -> str:
    """The product's long form of a date: "1 June 2027"."""
    return f"{d.day} {d:%B %Y}"


def heading(driver, level: str, text: str):
    B = by()
    found = [h for h in driver.find_elements(B.CSS_SELECTOR, f"main {level}") if words(h) == text]
    assert found, f"no <{level}> {text!r} on {path_of(driver)}"
    return found[0]


def button(driver, text: str, within=None):
    B = by()
    scope = within or driver
    found = [b for b in scope.find_elements(B.CSS_SELECTOR, "button") if words(b) == text]
    assert found, f"no button {text!r} on {path_of(driver)}"
    return found[0]


def banner(driver) -> str:
    """The success banner's message ("" if there is none)."""
    found = driver.find_elements(by().CSS_SELECTOR, ".govuk-notification-banner--success .govuk-notification-banner__heading")
    return words(found[0]) if found else ""


def summary_value(driver, key: str, within=None) -> str:
    """The value of the (first) summary list row whose key is `key`."""
    scope = within or driver
    rows = scope.find_elements(by().XPATH, f".//dt[normalize-space()='{key}']/following-sibling::dd[1]")
    assert rows, f"no summary list row {key!r} on {path_of(driver)}"
    return words(rows[0])


def table_rows(driver, caption: str) -> list:
    """The rows of the table with `caption`, each a list of its cells' text."""
    B = by()
    tables = driver.find_elements(B.XPATH, f"//table[caption[normalize-space()='{caption}']]")
    assert tables, f"no table {caption!r} on {path_of(driver)}"
    return [[words(td) for td in tr.find_elements(B.CSS_SELECTOR, "td")]
            for tr in tables[0].find_elements(B.CSS_SELECTOR, "tbody tr")]


def finder_links(driver) -> list:
    """The titles the first column of the page's table links to (a finder's results)."""
    return [words(a) for a in driver.find_elements(by().CSS_SELECTOR, "main table tbody td:first-child a")]


def error_summary(driver):
    summary = driver.find_elements(by().CSS_SELECTOR, ".govuk-error-summary")
    assert summary, f"no GOV.UK error summary on {path_of(driver)}"
    return summary[0]


def error_links(driver) -> list:
    """The error summary's links, as (href, text)."""
    links = error_summary(driver).find_elements(by().CSS_SELECTOR, ".govuk-error-summary__list a")
    return [(a.get_dom_attribute("href"), words(a)) for a in links]
