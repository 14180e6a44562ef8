"""Helpers for the real-browser tests: the product process, the browser, keyboard-only form
filling, and `scan` (axe-core, squeezed text, a screenshot, and a 320 CSS px reflow check).

Selenium is imported lazily so that a machine without it collects the tests and skips them
(or fails them under CI=true) with a clear reason instead of an import error.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Where Debian's `chromium` and `chromium-driver` packages put the browser and its driver.
CHROMIUM = os.environ.get("COMMONWEAL_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMEDRIVER = os.environ.get("COMMONWEAL_CHROMEDRIVER", "/usr/bin/chromedriver")

# The password every demo account gets (COMMONWEAL_DEMO_PASSWORD; at least 12 characters).
DEMO_PASSWORD = "browser-tests-demo-password"

# axe-core tags: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# The product refuses more than this many sign-in attempts from one address in 5 minutes.
SIGN_IN_LIMIT = 20

SCREENSHOTS = Path(os.environ.get("COMMONWEAL_SCREENSHOTS") or REPO / "test-artifacts" / "screenshots")

# Before Selenium is imported: Selenium Manager must not try to reach the network to look for
# browsers or drivers (the paths above are given to it).
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")


# ---------------------------------------------------------------------------------------------
# Prerequisites


def axe_source_path() -> Path | None:
    """axe.min.js (axe-core 4.x) as shipped inside the `axe-playwright-python` package.

    Found without importing the package, which would import Playwright (installed --no-deps).
    """
    override = os.environ.get("COMMONWEAL_AXE_JS")
    if override:
        return Path(override) if Path(override).is_file() else None
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "axe.min.js"
        if candidate.is_file():
            return candidate
    return None


def missing_prerequisites() -> list[str]:
    """What is missing to drive a real browser, each with how to install it."""
    missing = []
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not (os.path.isfile(CHROMEDRIVER) and os.access(CHROMEDRIVER, os.X_OK)):
        missing.append(f"chromedriver at {CHROMEDRIVER} (apt-get install chromium-driver)")
    if importlib.util.find_spec("selenium") is None:
        missing.append("the Python package selenium (pip install selenium)")
    if axe_source_path() is None:
        missing.append("axe-core's axe.min.js (pip install --no-deps axe-playwright-python)")
    return missing


def product_binary() -> Path:
    return Path(os.environ.get("COMMONWEAL_BIN") or REPO / ".build" / "debug" / "commonweal")


# ---------------------------------------------------------------------------------------------
# The product


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Product:
    """`commonweal serve --demo` on a free port with a fresh SQLite data directory.

    Options of `start` for the system tests: `demo=False` loads nothing (a data directory that
    already has its data); `reuse_data_dir=True` serves the data directory already set (say,
    after a `kill -9`, or one on a small disk) instead of a new one; `database_url` (given to the
    constructor) serves PostgreSQL instead of SQLite."""

    def __init__(self, binary: Path, name: str = "product", database_url: str | None = None):
        self.binary = binary
        self.name = name
        self.database_url = database_url
        self.process: subprocess.Popen | None = None
        self.data_dir: Path | None = None
        self.base_url = ""
        self.sign_in_attempts = 0
        self._log = None

    def start(self, timeout: float = 60.0, demo: bool = True, reuse_data_dir: bool = False) -> "Product":
        if not (self.binary.is_file() and os.access(self.binary, os.X_OK)):
            raise RuntimeError(
                f"the product binary {self.binary} does not exist: build it with "
                "`swift build --product commonweal`, or set COMMONWEAL_BIN")
        reuse = reuse_data_dir and self.data_dir is not None
        last_error = ""
        for _ in range(3):  # another process may take the free port before the server binds it
            if not reuse:
                self.data_dir = Path(tempfile.mkdtemp(prefix=f"commonweal-browser-{self.name}-"))
            port = free_port()
            env = dict(os.environ)
            env.pop("DATABASE_URL", None)  # embedded SQLite, unless `database_url`
            env.pop("COMMONWEAL_DATA_DIR", None)
            env.update(
                COMMONWEAL_BCRYPT_COST="4", COMMONWEAL_DEMO_PASSWORD=DEMO_PASSWORD,
                # where the browser reaches the product: absolute links (the Atom feed) are built on it
                COMMONWEAL_PUBLIC_URL=f"http://127.0.0.1:{port}")
            if self.database_url:
                env["DATABASE_URL"] = self.database_url
            self._log = open(self.data_dir / "serve.log", "a+b" if reuse else "w+b")
            args = [str(self.binary), "serve", "--port", str(port), "--data-dir", str(self.data_dir)]
            self.process = subprocess.Popen(
                args + (["--demo"] if demo else []), cwd=self.data_dir, env=env, stdin=subprocess.DEVNULL,
                stdout=self._log, stderr=subprocess.STDOUT)
            self.base_url = f"http://127.0.0.1:{port}/"
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(self.base_url + "healthz", timeout=2) as r:
                        if r.status == 200:
                            return self
                except (urllib.error.URLError, ConnectionError, OSError):
                    pass
                time.sleep(0.1)
            last_error = self.log_text()
            exited = self.process.poll() is not None
            if reuse:
                self._end_process()  # the data directory stays: it is the one to serve
            else:
                self.stop()
            if not exited:
                raise RuntimeError(f"GET /healthz did not answer 200 within {timeout:.0f} s:\n{last_error}")
            if "in use" not in last_error.lower():
                raise RuntimeError(f"`commonweal serve` exited with {self.process.returncode}:\n{last_error}")
        raise RuntimeError(f"`commonweal serve` could not bind a free port:\n{last_error}")

    def log_text(self) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-4000:]

    def _end_process(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self) -> None:
        self._end_process()
        if self.data_dir is not None and not os.environ.get("COMMONWEAL_KEEP_DATA"):
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    def count_sign_in(self) -> None:
        self.sign_in_attempts += 1
        assert self.sign_in_attempts <= SIGN_IN_LIMIT, (
            f"test harness: more than {SIGN_IN_LIMIT} sign-in attempts against one server would hit the "
            "product's rate limit (20 per address in 5 minutes); use the `fresh_product` fixture for "
            "the new test")


# ---------------------------------------------------------------------------------------------
# The browser


def new_driver(javascript: bool):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=en-GB", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_window_size(1280, 900)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(120)
        # Check the JavaScript setting took effect: a page script sets the title only if it runs.
        driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
        actual = driver.title
        expected = "on" if javascript else "off"
        assert actual == expected, f"JavaScript should be {expected} in this browser, but a page script ran={actual == 'on'}"
    except BaseException:
        driver.quit()
        raise
    driver.commonweal_javascript = javascript
    driver.commonweal_findings = []
    driver.commonweal_journey_suffix = "" if javascript else "-nojs"
    return driver


def by():
    from selenium.webdriver.common.by import By
    return By


def keys():
    from selenium.webdriver.common.keys import Keys
    return Keys


def wait(driver, timeout: float = 30):
    """A WebDriverWait that rides out the driver's transient errors while a page is replaced
    (such as "Node with given id does not belong to the document")."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout, poll_frequency=0.05, ignored_exceptions=(WebDriverException,))


def path_of(driver) -> str:
    """The current URL's path and query."""
    url = driver.current_url
    return re.sub(r"^https?://[^/]+", "", url)


def describe(element) -> str:
    tag = element.tag_name
    ident = element.get_dom_attribute("id")
    name = element.get_dom_attribute("name")
    text = (element.text or element.get_dom_attribute("value") or "").strip().replace("\n", " ")[:50]
    return f"<{tag}{' id=' + ident if ident else ''}{' name=' + name if name else ''}> {text!r}"


# ---------------------------------------------------------------------------------------------
# Keyboard only


def press(driver, *key_presses) -> None:
    """Keys to whatever has focus, as a person at a keyboard would type them."""
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(driver).send_keys(*key_presses).perform()


def select_all(driver) -> None:
    """Ctrl+A in the focused field, Ctrl held down while A is pressed."""
    from selenium.webdriver.common.action_chains import ActionChains
    K = keys()
    ActionChains(driver).key_down(K.CONTROL).send_keys("a").key_up(K.CONTROL).perform()


def type_text(driver, text: str) -> None:
    press(driver, text)


def focused(driver):
    return driver.switch_to.active_element


def set_focus_start(driver, element) -> None:
    """Makes `element` (say, a heading) the point the next Tab moves on from, by clicking it:
    browsers start sequential focus navigation from where a person last clicked."""
    from selenium.webdriver.common.action_chains import ActionChains
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    ActionChains(driver).move_to_element(element).click().perform()


def tab_to(driver, target, *, start=None, backwards: bool = False, limit: int = 300) -> int:
    """Presses Tab (Shift+Tab if `backwards`) until `target` has focus; returns how many presses.

    From where focus is (the start of the page after a navigation), or from `start`."""
    K = keys()
    if start is not None:
        set_focus_start(driver, start)
    key = (K.SHIFT, K.TAB) if backwards else (K.TAB,)
    seen = []
    for n in range(1, limit + 1):
        press(driver, *key)
        now = focused(driver)
        if now == target:
            return n
        if len(seen) < 400:
            seen.append(now)
    trail = ", ".join(describe(e) for e in seen[-8:])
    raise AssertionError(f"{describe(target)} on {path_of(driver)} was not reached by {limit} "
                         f"{'Shift+Tab' if backwards else 'Tab'} presses; the last reached: {trail}")


def fill(driver, target, text: str, *, start=None, replace: bool = False) -> None:
    """Tabs to a field and types into it (select-all first if `replace`)."""
    K = keys()
    tab_to(driver, target, start=start)
    if replace:
        select_all(driver)
        press(driver, K.BACKSPACE)
    type_text(driver, text)


def fill_date(driver, name: str, date, *, within=None, start=None, replace: bool = True) -> None:
    """Types a date into a GOV.UK date input (`name[day]`, `name[month]`, `name[year]`), keyboard
    only, as a person would: `date` is a `datetime.date` or ISO text ("2026-03-27"), typed as
    27, 3 and 2026. `within` is the form (or the page); `start` as for `fill`."""
    import datetime
    d = date if isinstance(date, datetime.date) else datetime.date.fromisoformat(date)
    scope = within if within is not None else driver
    for part, value in (("day", d.day), ("month", d.month), ("year", d.year)):
        field = scope.find_element(by().CSS_SELECTOR, f"input[name='{name}[{part}]']")
        if start is None and focused(driver) == field:  # already there (an error summary's link)
            if replace:
                select_all(driver)
                press(driver, keys().BACKSPACE)
            type_text(driver, str(value))
        else:
            fill(driver, field, str(value), start=start if part == "day" else None, replace=replace)


def date_value(scope, name: str):
    """The date a GOV.UK date input holds, as a `datetime.date` (None unless all three parts
    make a real date)."""
    import datetime
    parts = [scope.find_element(by().CSS_SELECTOR, f"input[name='{name}[{p}]']").get_property("value")
             for p in ("day", "month", "year")]
    try:
        return datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def choose_option(driver, select, label: str, *, start=None) -> None:
    """Tabs to a <select> and presses Down until the option with `label` is selected."""
    K = keys()
    tab_to(driver, select, start=start)
    options = [o.text.strip() for o in select.find_elements(by().TAG_NAME, "option")]
    assert label in options, f"no option {label!r} in {describe(select)}: {options}"
    for _ in range(len(options) + 1):
        chosen = select.find_element(by().CSS_SELECTOR, "option:checked").text.strip()
        if chosen == label:
            return
        press(driver, K.DOWN)
    raise AssertionError(f"could not choose {label!r} in {describe(select)} with the Down key")


def choose_radio(driver, radio, *, start=None) -> None:
    """Tabs into `radio`'s group (focus lands on its checked radio, or the first) and moves to
    `radio` with the Down arrow, which checks it; SPACE checks a radio focus lands on unchecked."""
    K = keys()
    name = radio.get_dom_attribute("name")
    group = [r for r in driver.find_elements(by().CSS_SELECTOR, "input[type=radio]")
             if r.get_dom_attribute("name") == name]
    assert radio in group, f"{describe(radio)} is not in its own group"
    entry = next((r for r in group if r.is_selected()), group[0])
    tab_to(driver, entry, start=start)
    for _ in range(len(group) + 1):
        if focused(driver) == radio:
            if not radio.is_selected():
                press(driver, K.SPACE)
            break
        press(driver, K.DOWN)
    assert radio.is_selected(), f"could not choose {describe(radio)} with the arrow keys and SPACE"


def tick(driver, checkbox, *, start=None) -> None:
    """Tabs to a checkbox and presses SPACE if it is not ticked yet."""
    tab_to(driver, checkbox, start=start)
    if not checkbox.is_selected():
        press(driver, keys().SPACE)
    assert checkbox.is_selected(), f"SPACE did not tick {describe(checkbox)}"


_DOCUMENT = "return performance.timeOrigin"


def _until_new_document(driver, before, timeout: float) -> None:
    """Waits until the document that was showing (`performance.timeOrigin` = `before`) has been
    replaced by another and that one has loaded."""
    wait(driver, timeout).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && performance.timeOrigin !== arguments[0]", before))


def activate_and_wait(driver, key=None, timeout: float = 30) -> None:
    """Presses ENTER (or `key`) on the focused button or link and waits for the next page."""
    before = driver.execute_script(_DOCUMENT)
    press(driver, key or keys().ENTER)
    _until_new_document(driver, before, timeout)


def follow_link(driver, text: str, *, within: str = "body") -> None:
    """Follows the link whose text is exactly `text` (the first one inside `within`)."""
    links = [a for a in driver.find_elements(by().CSS_SELECTOR, f"{within} a")
             if " ".join(a.text.split()) == text]
    assert links, f"no link {text!r} inside {within} on {path_of(driver)}"
    before = driver.execute_script(_DOCUMENT)
    links[0].click()
    _until_new_document(driver, before, 30)


def sign_in(driver, product: Product, email: str, password: str = DEMO_PASSWORD) -> None:
    """Signs in by keyboard alone: Tab from the start of the sign-in page to each field, type,
    Tab to the button, ENTER."""
    B = by()
    driver.get(product.url("sign-in"))
    fill(driver, driver.find_element(B.ID, "email"), email)
    fill(driver, driver.find_element(B.ID, "password"), password)
    button = driver.find_element(B.CSS_SELECTOR, "main form button[type=submit]")
    assert button.text.strip() == "Sign in", describe(button)
    tab_to(driver, button)
    product.count_sign_in()
    activate_and_wait(driver)


def sign_out(driver) -> None:
    """Signs out by keyboard: Tab from the header's service name to its Sign out button, ENTER."""
    B = by()
    button = driver.find_element(B.CSS_SELECTOR, "header form[action='/sign-out'] button")
    assert button.text.strip() == "Sign out", describe(button)
    tab_to(driver, button, start=driver.find_element(B.CSS_SELECTOR, ".govuk-header__service-name"))
    activate_and_wait(driver)


def text_of(driver, css: str) -> str:
    return " ".join(driver.find_element(by().CSS_SELECTOR, css).text.split())


# ---------------------------------------------------------------------------------------------
# scan: axe-core, a screenshot, reflow at 320 CSS px

_AXE_SOURCE: str | None = None

_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations', 'incomplete']})
  .then(r => {
    const slim = list => list.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      tags: v.tags.filter(t => t.startsWith('wcag')),
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))}));
    done({violations: slim(r.violations), incomplete: slim(r.incomplete), version: axe.version});
  })
  .catch(e => done({error: String(e && e.stack || e)}));
"""

_REFLOW = """
const limit = arguments[0];
const doc = document.documentElement;
const result = {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, offenders: []};
if (doc.scrollWidth <= limit) return result;
function describe(el) {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
    let s = e.tagName.toLowerCase();
    if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
    const cls = Array.from(e.classList).slice(0, 2);
    if (cls.length) s += '.' + cls.join('.');
    parts.unshift(s);
  }
  return parts.join(' > ');
}
function clippedByAncestor(el) {
  for (let p = el.parentElement; p && p !== document.body && p !== doc; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true;
  }
  return false;
}
const wide = [];
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.right <= limit + 0.5) continue;
  if (clippedByAncestor(el)) continue;
  wide.push(el);
}
// Report the innermost ones: an element none of whose descendants is also too wide.
const leaves = wide.filter(el => !wide.some(o => o !== el && el.contains(o)));
leaves.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
result.offenders = leaves.slice(0, 8).map(el => ({
  selector: describe(el), right: Math.round(el.getBoundingClientRect().right),
  width: Math.round(el.getBoundingClientRect().width), html: el.outerHTML.slice(0, 240)}));
return result;
"""


_CONTROLS = """
const opened = [];
document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; opened.push(d); });
const controls = Array.from(document.querySelectorAll('input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea'))
  .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden');
return [controls, opened];
"""

_CONTROL_INFO = """
const el = arguments[0];
const parts = [];
for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
  let s = e.tagName.toLowerCase();
  if (e.getAttribute('action')) s += `[action$="${e.getAttribute('action').split('/').slice(-1)[0]}"]`;
  else if (e.id) s += '#' + e.id;
  else if (e.getAttribute('name')) s += `[name="${e.getAttribute('name')}"]`;
  parts.unshift(s);
}
const details = el.closest('details');
const summary = details && details.querySelector('summary');
const inside = summary ? ` (inside <details> "${summary.textContent.trim()}")` : '';
const id = el.id;
const sameId = id ? document.querySelectorAll('[id="' + CSS.escape(id) + '"]').length : 0;
const labels = id ? document.querySelectorAll('label[for="' + CSS.escape(id) + '"]').length : 0;
return {path: parts.join(' > ') + inside, html: el.outerHTML.slice(0, 240), id: id, sameId: sameId, labelsFor: labels};
"""


_SQUEEZED = """
const limit = arguments[0];
const selector = 'label, legend, button, summary, .govuk-button, .govuk-tag, th, .govuk-summary-list__key';
const hidden = '.govuk-visually-hidden, [hidden], [aria-hidden=true]';
function describe(el) {
  const parts = [];
  for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
    let s = e.tagName.toLowerCase();
    if (e.id) { s += '#' + e.id; parts.unshift(s); break; }
    const cls = Array.from(e.classList).slice(0, 2);
    if (cls.length) s += '.' + cls.join('.');
    if (e.getAttribute('for')) s += `[for="${e.getAttribute('for')}"]`;
    parts.unshift(s);
  }
  return parts.join(' > ');
}
// Text for screen readers only: in a box of 1 px or less (the visually hidden pattern).
function visuallyHidden(from, to) {
  for (let e = from; e; e = e.parentElement) {
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return true;
    if (e === to) return false;
  }
  return false;
}
const found = [];
const flagged = new Set();
const done = new Set();
for (const el of document.querySelectorAll(selector)) {
  if (done.has(el) || el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(hidden) || visuallyHidden(node.parentElement, el)) continue;
    // A word: what lies between spaces, hyphens, dashes and slashes, where a line may break.
    const words = /[^\\s\\-\\u2010-\\u2014\\/]+/g;
    for (let m = words.exec(node.data); m; m = words.exec(node.data)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
      const lines = new Set(rects.map(r => Math.round(r.top))).size;
      if (lines < 2) continue;
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      if (width > limit) continue;  // a word too long for any line may break
      const box = el.getBoundingClientRect();
      flagged.add(el);
      found.push({selector: describe(el), word: m[0], lines: lines, wordWidth: Math.round(width),
        width: Math.round(box.width), height: Math.round(box.height),
        text: el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 80)});
      if (found.length >= 12) return found;
    }
  }
  el.querySelectorAll(selector).forEach(inner => done.add(inner));
}
// A radio's or checkbox's label beside others on one line (its item narrower than the row) has
// room to be as wide as its text: it must not wrap at all.
for (const label of document.querySelectorAll('.govuk-radios__label, .govuk-checkboxes__label')) {
  const item = label.parentElement, row = item && item.parentElement;
  if (!row || flagged.has(label) || label.getClientRects().length === 0) continue;
  if (item.getBoundingClientRect().width >= row.getBoundingClientRect().width - 1) continue;
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute; visibility:hidden; white-space:nowrap; width:auto; max-width:none';
  probe.innerHTML = label.innerHTML;
  label.appendChild(probe);
  const natural = probe.getBoundingClientRect().width;
  probe.remove();
  const style = getComputedStyle(label);
  const content = label.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  if (content + 1 >= natural) continue;
  const box = label.getBoundingClientRect();
  found.push({selector: describe(label), word: label.textContent.trim().replace(/\\s+/g, ' ').slice(0, 80),
    lines: Math.round(box.height / parseFloat(style.lineHeight || 20)) || 0, wordWidth: Math.round(natural),
    width: Math.round(box.width), height: Math.round(box.height), text: 'an inline option wrapped in a box narrower than its text'});
  if (found.length >= 12) return found;
}
return found;
"""


def squeezed_text(driver, longest_word: int = 240) -> list:
    """Labels, legends, buttons, summaries, tags, table and summary-list headers whose words are
    broken across lines though they would fit on one (narrower than `longest_word` CSS px): text
    squeezed into a box too narrow for it, as inline radios once printed 'Y', 'e', 's' one per
    line. `overflow-wrap: break-word` hides this from a scrollWidth check: nothing overflows.
    Also a radio's or checkbox's label set inline (its item narrower than its row) whose box is
    narrower than its text on one line, as 'includes VAT' was wrapped onto two."""
    return driver.execute_script(_SQUEEZED, longest_word)


def menu_rows(driver) -> int:
    """How many lines the header's menu items take (by their distinct tops); 0 without a menu."""
    return driver.execute_script(
        "return new Set([...document.querySelectorAll('.govuk-header__navigation-item')]"
        ".filter(li => li.closest('nav[aria-label=Menu]'))"
        ".map(li => Math.round(li.getBoundingClientRect().top))).size")


def format_squeezed(page: str, width: int, squeezed: list) -> str:
    lines = [f"squeezed text on {page} at {width} CSS px: {len(squeezed)} word(s) broken across lines "
             "although each would fit on one:"]
    for s in squeezed:
        lines.append(f"      {s['selector']} ({s['width']}x{s['height']} px): {s['word']!r} "
                     f"({s['wordWidth']} px wide) on {s['lines']} lines, in {s['text']!r}")
    return "\n".join(lines)


def unnamed_controls(driver) -> list:
    """Form fields (with every <details> opened) that have no accessible name in
    Chromium's own accessibility tree, as a screen reader gets it (WCAG 1.3.1, 3.3.2, 4.1.2).

    axe-core reports a label that points at a duplicated id only as "needs review"; the
    browser's computed name shows whether the field really has no label. (Buttons are left to
    axe's button-name rule: their names come from their own text.)"""
    controls, opened = driver.execute_script(_CONTROLS)
    try:
        unnamed = [c for c in controls if not (c.accessible_name or "").strip()]
        return [driver.execute_script(_CONTROL_INFO, c) for c in unnamed]
    finally:
        driver.execute_script("arguments[0].forEach(d => { d.open = false; })", opened)


def reflow_check(driver, width: int = 320, screenshot: Path | None = None) -> dict:
    """The page's width with the viewport `width` CSS px wide, and the widest elements if it
    is wider (elements inside a scrolling box, such as a wide table's wrapper, do not count)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    try:
        result = driver.execute_script(_REFLOW, width)
        result["squeezed"] = squeezed_text(driver)
        if screenshot is not None:
            screenshot.write_bytes(_full_page_png(driver))
        return result
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def needs_review_summary() -> list[str]:
    """axe-core's "needs review" (incomplete) results of this run, one line per rule."""
    path = SCREENSHOTS / "scan-results.jsonl"
    if not path.exists():
        return []
    rules: dict[str, set] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for item in record.get("incomplete") or []:
            rules.setdefault(f"[{item['id']}] {item['help']}", set()).add(record["page"])
    return [f"{rule}: {len(pages)} page(s), e.g. {sorted(pages)[0]}" for rule, pages in sorted(rules.items())]


def _axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        path = axe_source_path()
        assert path is not None, "axe.min.js not found"
        _AXE_SOURCE = path.read_text(encoding="utf-8")
    return _AXE_SOURCE


def run_axe(driver) -> dict:
    """Injects axe-core (WebDriver scripts are not subject to the page's CSP) and runs it."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(_axe_source())
    result = driver.execute_async_script(_AXE_RUN, AXE_TAGS)
    assert "error" not in result, f"axe.run failed on {path_of(driver)}: {result['error']}"
    return result


def format_axe(page: str, violations: list) -> str:
    lines = [f"axe-core violations on {page}:"]
    for v in violations:
        lines.append(f"  [{v['id']}] impact={v['impact']} {' '.join(v['tags'])}: {v['help']}")
        lines.append(f"      {v['helpUrl']}")
        for n in v["nodes"]:
            lines.append(f"      target: {', '.join(' '.join(t) if isinstance(t, list) else t for t in n['target'])}")
            lines.append(f"      html:   {' '.join(n['html'].split())[:400]}")
            if n.get("summary"):
                for s in n["summary"].splitlines():
                    lines.append(f"              {s.strip()}")
    return "\n".join(lines)


def _full_page_png(driver) -> bytes:
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width = max(1, min(int(size["width"]), 4000))
    height = max(1, min(int(size["height"]), 16000))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def reset_report() -> None:
    (SCREENSHOTS / "scan-results.jsonl").unlink(missing_ok=True)


def _append_report(record: dict) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with open(SCREENSHOTS / "scan-results.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")


def print_pdf(driver, name: str, *hidden_when_printed: str) -> Path:
    """Prints the current page to an A4 PDF in SCREENSHOTS as `<name>.pdf`, with the print style
    sheet: checks first that each of `hidden_when_printed` (CSS selectors) is not displayed in
    print, and that the first of them is displayed on screen. Returns the file's path; fails if it
    is not a PDF of some size."""
    def display(selector: str) -> str:
        return driver.execute_script(
            f"return getComputedStyle(document.querySelector({json.dumps(selector)})).display")

    assert display(hidden_when_printed[0]) != "none", f"{hidden_when_printed[0]} is hidden on screen"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        for selector in hidden_when_printed:
            assert display(selector) == "none", f"{selector} still shows when printed"
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {
            "printBackground": False, "preferCSSPageSize": True,
            "paperWidth": 8.27, "paperHeight": 11.69,  # A4, in inches
            "marginTop": 0.4, "marginBottom": 0.4, "marginLeft": 0.4, "marginRight": 0.4})
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    data = base64.b64decode(pdf["data"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    out = SCREENSHOTS / f"{name}.pdf"
    out.write_bytes(data)
    assert data.startswith(b"%PDF-") and len(data) > 5000, f"{out} is {len(data)} bytes"
    return out


def scan(driver, name: str) -> None:
    """Checks the current page: (a) axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, no
    violations, and every form field has an accessible name (JavaScript runs only;
    axe needs it); no label, legend, button or header has a word squeezed onto several lines
    (`squeezed_text`, at 1280 and at 320 CSS px, with or without JavaScript: WebDriver's own
    scripts run either way); the header's menu fits one line at 1280 px (`menu_rows`); (b) a full-page screenshot
    `<journey>-<step>.png` (`-nojs` added without JavaScript); (c) reflow: at 320 CSS px wide nothing scrolls sideways.

    `name` is "<journey>-<step>". A problem is recorded and the journey goes on, so one run
    reports every page; the test then fails, listing them all (see conftest.py)."""
    file_stem = _slug(name) + driver.commonweal_journey_suffix
    page = path_of(driver)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    record = {"page": page, "scan": file_stem, "javascript": driver.commonweal_javascript}
    started = time.monotonic()

    # (a) axe-core
    if driver.commonweal_javascript:
        result = run_axe(driver)
        record.update(axe=result["version"], violations=result["violations"], incomplete=result["incomplete"])
        if result["violations"]:
            problems.append(format_axe(page, result["violations"]))

        # Fields with no accessible name in the browser's accessibility tree.
        unnamed = unnamed_controls(driver)
        record["unnamed_controls"] = unnamed
        if unnamed:
            lines = [f"accessible names on {page}: {len(unnamed)} form field(s) have no accessible "
                     "name in Chromium's accessibility tree (WCAG 1.3.1, 3.3.2, 4.1.2; <details> opened):"]
            for u in unnamed:
                lines.append(f"      {u['path']}")
                lines.append(f"          {' '.join(u['html'].split())}")
                if u["id"] and u["sameId"] > 1:
                    lines.append(f"          id=\"{u['id']}\" is used by {u['sameId']} elements, so its "
                                 f"{u['labelsFor']} <label for=\"{u['id']}\"> all label the first one")
            problems.append("\n".join(lines))

    # Squeezed text at 1280 px (and at 320 px with the reflow check, below).
    squeezed = squeezed_text(driver)
    record["squeezed"] = squeezed
    if squeezed:
        problems.append(format_squeezed(page, 1280, squeezed))

    # The header's menu on one line at 1280 px (issue 13 §7).
    rows = menu_rows(driver)
    record["menu_rows"] = rows
    if rows > 1:
        problems.append(f"header menu on {page}: at 1280 CSS px its items take {rows} lines, not one")

    # (b) screenshot at 1280 px
    (SCREENSHOTS / f"{file_stem}.png").write_bytes(_full_page_png(driver))

    # (c) reflow at 320 CSS px (WCAG 1.4.10)
    reflow = reflow_check(driver, screenshot=SCREENSHOTS / f"{file_stem}-320px.png")
    record["reflow"] = reflow
    if reflow["scrollWidth"] > 320:
        lines = [f"reflow on {page}: at 320 CSS px the page is {reflow['scrollWidth']} px wide "
                 "(WCAG 1.4.10); the widest elements:"]
        for o in reflow["offenders"]:
            lines.append(f"      {o['selector']} (right edge {o['right']} px, {o['width']} px wide)")
            lines.append(f"          {' '.join(o['html'].split())}")
        problems.append("\n".join(lines))

    if reflow["squeezed"]:
        problems.append(format_squeezed(page, 320, reflow["squeezed"]))

    record["problems"] = len(problems)
    record["seconds"] = round(time.monotonic() - started, 2)
    _append_report(record)
    driver.commonweal_findings.extend(f"[{file_stem}] {p}" for p in problems)
