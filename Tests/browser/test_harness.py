"""The checks `scan` relies on find problems when there are some (so a clean run means
something): a page with known faults, no product needed."""

import urllib.parse

from harness import run_axe, reflow_check, squeezed_text, unnamed_controls

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


# Inline radios as the stylesheet once drew them: the item as wide as its content, the label's
# max-width 74px less than the item though its padding already counted inside it (border-box),
# so 'Yes' broke one letter per line and 'includes VAT' onto two. A hash too long for its box may break; hidden text is skipped.
SQUEEZED_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Squeezed</title><style>
* { box-sizing: border-box; } body { overflow-wrap: break-word; font: 19px Arial, sans-serif; }
.row { display: flex; flex-wrap: wrap; } .item { display: flex; flex-wrap: wrap; margin-right: 20px; }
.item input { width: 44px; height: 44px; margin: 0; }
.item label { max-width: calc(100% - 74px); padding: 5px 15px; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style></head><body><main><h1>Squeezed</h1><fieldset><legend>Will you consult?</legend><div class="row">
<div class="item"><input id="yes" type="radio" name="c"><label for="yes">Yes</label></div>
<div class="item"><input id="no" type="radio" name="c"><label for="no">No</label></div></div></fieldset>
<fieldset><legend>The estimated value</legend><div class="row">
<div class="item govuk-radios__item"><input id="vat" type="radio" name="v"><label class="govuk-radios__label" for="vat">includes VAT</label></div>
</div></fieldset>
<div style="width:120px"><label for="h">Hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08</label>
<input id="h"></div>
<button>Save <span class="hidden">the answer to the question about consulting</span></button>
</main></body></html>"""


def test_squeezed_text_finds_a_label_broken_letter_by_letter(driver):
    driver.get("data:text/html;charset=utf-8," + urllib.parse.quote(SQUEEZED_PAGE))

    squeezed = squeezed_text(driver)
    assert [s["word"] for s in squeezed] == ["Yes", "No", "includes VAT"], squeezed
    assert squeezed[0]["selector"].endswith('div.item > label[for="yes"]'), squeezed
    assert squeezed[1]["selector"].endswith('div.item > label[for="no"]'), squeezed
    assert squeezed[2]["selector"].endswith('label.govuk-radios__label[for="vat"]'), squeezed
    assert squeezed[0]["lines"] == 3, squeezed
