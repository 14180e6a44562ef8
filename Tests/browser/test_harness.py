"""The checks `scan` relies on find problems when there are some (so a clean run means
something): a page with known faults, no product needed."""

import urllib.parse

from harness import run_axe, reflow_check, unnamed_controls

FAULTY_PAGE = """<!DOCTYPE html><html><head><title>Faulty</title></head><body>
<main>
<h1>Faulty page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#aaa;background:#fff">Low contrast text</p>
<label for="dup">Theme name</label><input id="dup" type="text">
<label for="dup">Measure</label><input id="dup" type="text">
<div style="width:600px">A box wider than a phone</div>
<div style="overflow-x:auto"><table style="width:900px"><tr><td>A wide table that scrolls in its own box</td></tr></table></div>
</main></body></html>"""


def test_scan_finds_known_problems(driver):
    driver.get("data:text/html;charset=utf-8," + urllib.parse.quote(FAULTY_PAGE))

    violations = {v["id"] for v in run_axe(driver)["violations"]}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= violations, violations

    unnamed = unnamed_controls(driver)
    assert [u["id"] for u in unnamed] == ["dup"] and unnamed[0]["sameId"] == 2, unnamed

    reflow = reflow_check(driver)
    assert reflow["scrollWidth"] > 320
    offenders = [o["html"] for o in reflow["offenders"]]
    assert len(offenders) == 1 and "wider than a phone" in offenders[0], offenders
