"""Procurements: a visitor reads the pipeline and a published procurement; a commissioner reads
her body's procurements, the procurement page with its forms, and the form to start one."""

from harness import follow_link, path_of, scan, sign_in, text_of

TRANSPORT = "Community transport 2026 to 2029"


def test_visitor_reads_the_pipeline(driver, product):
    driver.get(product.url("/"))
    follow_link(driver, "Pipeline", within=".govuk-header__navigation")
    assert path_of(driver) == "/pipeline"
    assert text_of(driver, "h1") == "Pipeline of forthcoming opportunities"
    scan(driver, "public-pipeline")

    follow_link(driver, TRANSPORT, within="main")
    assert text_of(driver, "h1") == TRANSPORT
    assert "The Social Value Act applies" in text_of(driver, "#screening-result")
    scan(driver, "public-procurement")


def test_commissioner_reads_procurements(driver, product):
    sign_in(driver, product, "commissioner@eastmoor-cc.example")
    follow_link(driver, "Procurements", within=".govuk-header__navigation")
    assert path_of(driver) == "/procurements"
    scan(driver, "procurements")

    follow_link(driver, TRANSPORT, within="main")
    assert text_of(driver, "h1") == TRANSPORT
    scan(driver, "procurement-owner")

    driver.get(product.url("/procurements/new"))
    assert text_of(driver, "h1") == "Start a procurement"
    scan(driver, "procurement-new")
