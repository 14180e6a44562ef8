"""What a visitor who is not signed in reads: the Compact register, the strategy and market
statement, frameworks, the accessibility statement; and printing the market statement."""

from harness import by, follow_link, path_of, print_pdf, scan, text_of


def test_public_reads_compact_and_market_statement(driver, product):
    driver.get(product.url("/"))
    assert text_of(driver, "h1") == "Create and prove social value in public services"
    scan(driver, "public-home")

    follow_link(driver, "See all local Compacts", within="main")
    assert path_of(driver) == "/compacts"
    scan(driver, "public-compacts")

    follow_link(driver, "Eastmoor Compact", within="main")
    compact = path_of(driver)
    assert text_of(driver, "h1") == "Eastmoor Compact"
    scan(driver, "public-compact")

    follow_link(driver, "Social value market statement", within="main")
    assert path_of(driver) == compact + "/market-statement"
    assert "market statement" in text_of(driver, "h1").lower()
    scan(driver, "public-market-statement")

    driver.back()
    follow_link(driver, "Joint social value strategy", within="main")
    assert path_of(driver) == compact + "/strategy"
    assert "strategy" in text_of(driver, "h1").lower()
    scan(driver, "public-strategy")

    follow_link(driver, "Frameworks", within=".govuk-header__navigation")
    assert path_of(driver) == "/frameworks"
    scan(driver, "public-frameworks")

    follow_link(driver, "Eastmoor Social Value Framework", within="main")
    assert text_of(driver, "h1") == "Eastmoor Social Value Framework"
    # A visitor sees adopted versions only: not the Version 2 draft.
    versions = [" ".join(a.text.split()) for a in driver.find_elements(by().CSS_SELECTOR, "main table a")]
    assert versions == ["Version 1"], versions
    scan(driver, "public-framework")

    follow_link(driver, "Version 1", within="main")
    assert text_of(driver, "h1").startswith("Version 1")
    assert "Adopted" in text_of(driver, "h1")
    scan(driver, "public-framework-version-1")


def test_accessibility_statement(driver, product):
    driver.get(product.url("/"))
    follow_link(driver, "Accessibility statement", within="footer")
    assert path_of(driver) == "/accessibility"
    assert text_of(driver, "h1") == "Accessibility statement for Commonweal"
    scan(driver, "accessibility-statement")


def test_market_statement_prints(driver, product):
    driver.get(product.url("/compacts"))
    follow_link(driver, "Eastmoor Compact", within="main")
    follow_link(driver, "Social value market statement", within="main")
    print_pdf(driver, "market-statement-print", ".govuk-header__navigation", ".govuk-skip-link")
