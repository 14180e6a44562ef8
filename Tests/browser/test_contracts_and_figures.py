"""The public register of awarded contracts, for a visitor (no sign-in), and the figures a
commissioner's and a supplier's dashboards lead with (docs/contracts.md, docs/dashboard.md)."""

from datetime import date

from harness import (activate_and_wait, by, choose_option, describe, follow_link, keys, path_of, press, print_pdf,
                     scan, sign_in, tab_to, text_of, wait)


def test_visitor_finds_awarded_contracts(driver, product):
    driver.get(product.url("/"))
    follow_link(driver, "See the contracts public bodies have awarded", within="main")
    assert path_of(driver) == "/awarded-contracts"
    assert text_of(driver, "h1") == "Awarded contracts"
    assert "Befriending and social contact" in text_of(driver, "main table")
    scan(driver, "contracts-register")

    follow_link(driver, "Befriending and social contact", within="main")
    assert text_of(driver, "h1") == "Befriending and social contact"
    table = text_of(driver, "main table")
    assert "£41,805" in table and "£3,470.10" in table
    scan(driver, "contracts-register-detail")
    assert "/sign-in" not in path_of(driver)

    # The supplier's public impact profile, from its name (docs/profiles.md).
    follow_link(driver, "Brackenford Foodbank", within="main")
    assert path_of(driver).endswith("/profile")
    assert text_of(driver, "h1") == "Brackenford Foodbank"
    main = text_of(driver, "main")
    assert "£3,470.10 of social value verified to date" in main
    assert "Our volunteers are local people who know the families they help." in main
    assert "has not published any social return on investment (SROI) analyses yet" in main
    scan(driver, "public-profile")


def test_commissioner_and_supplier_dashboards_lead_with_figures(driver, product):
    sign_in(driver, product, "commissioner@eastmoor-cc.example")
    driver.get(product.url("/dashboard"))
    headings = [h.text for h in driver.find_elements(by().CSS_SELECTOR, "main h2")]
    assert "Figures for Eastmoor County Council" in headings, headings
    assert "£3,470.10" in text_of(driver, "main .cw-card-grid")
    scan(driver, "figures-commissioner-dashboard")


def test_commissioner_filters_the_indicators_and_reads_a_rule(driver, product):
    """From the dashboard to the body's indicators by keyboard, filtered to one indicator, then
    that indicator's rule (docs/indicators.md "Pages")."""
    B = by()
    sign_in(driver, product, "commissioner@eastmoor-cc.example")
    driver.get(product.url("/dashboard"))
    link = driver.find_element(B.CSS_SELECTOR, "main a[href^='/indicators?body=']:not([href*='code='])")
    tab_to(driver, link)
    activate_and_wait(driver)
    assert path_of(driver).startswith("/indicators?body="), path_of(driver)
    assert text_of(driver, "h1") == "Indicators"
    scan(driver, "indicators")

    choose_option(driver, driver.find_element(B.ID, "code"), "CW07: Monitoring returns overdue")
    button = driver.find_element(B.CSS_SELECTOR, "main form button[type=submit]")
    assert button.text.strip() == "Show the flags", describe(button)
    tab_to(driver, button)
    activate_and_wait(driver)
    assert "code=CW07" in driver.current_url, driver.current_url
    tables = driver.find_elements(B.CSS_SELECTOR, "main table")  # the counts, then the flags if any
    rows = tables[1].find_elements(B.CSS_SELECTOR, "tbody tr") if len(tables) > 1 else []
    assert all(r.find_element(B.TAG_NAME, "td").text.strip() == "CW07" for r in rows)

    follow_link(driver, "CW07", within="main table")
    assert path_of(driver) == "/indicators/rules#CW07", path_of(driver)
    assert text_of(driver, "#CW07") == "CW07: Monitoring returns overdue"
    scan(driver, "indicator-rules")


def test_commissioner_opens_the_act_report_follows_a_figure_and_prints_it(driver, product):
    """The issue 16 journey (docs/reports.md): from the dashboard to the body's Social Value Act
    report, the financial year chosen by keyboard, a figure followed to the records behind it,
    and the report printed without its menus and form."""
    B = by()
    sign_in(driver, product, "commissioner@eastmoor-cc.example")
    driver.get(product.url("/dashboard"))
    link = driver.find_element(B.CSS_SELECTOR, "main a[href^='/reports/act?body=']")
    tab_to(driver, link)
    activate_and_wait(driver)
    assert path_of(driver).startswith("/reports/act?body="), path_of(driver)

    today = date.today()
    start = today.year if today.month >= 4 else today.year - 1
    year = f"{start}/{(start + 1) % 100:02d}"
    choose_option(driver, driver.find_element(B.ID, "year"), year)
    button = driver.find_element(B.CSS_SELECTOR, "main form button[type=submit]")
    assert button.text.strip() == "Show the report", describe(button)
    tab_to(driver, button)
    activate_and_wait(driver)
    assert f"year={start}" in driver.current_url, driver.current_url
    assert f"Eastmoor County Council: {year}" in [h.text for h in driver.find_elements(B.CSS_SELECTOR, "main h2")]
    scan(driver, "act-report")

    # A figure links to its records on the same page.
    figure = driver.find_element(B.CSS_SELECTOR, "main table a[href='#started']")
    assert figure.text.strip() == "Procurements started", describe(figure)
    tab_to(driver, figure)
    press(driver, keys().ENTER)
    wait(driver).until(lambda d: d.execute_script("return location.hash") == "#started")
    assert text_of(driver, "#started") == "Procurements started"

    print_pdf(driver, "act-report-print", "main form.cw-search")
