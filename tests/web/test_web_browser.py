"""The reviewer flow in a real browser (Playwright driving Debian's /usr/bin/chromium):
sign in, screen an example order, open its case, release it, approve the release as a second
reviewer, and find the decision in the audit log. Screenshots go to the test's tmp folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "orders" / "02_gnss_uae_forwarder.json"


@pytest.fixture(scope="module")
def browser_page() -> object:
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is required under CI=true (make browser installs it)")
        pytest.skip("no /usr/bin/chromium (run `make browser`)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.set_default_timeout(20_000)
        yield page
        browser.close()


def _sign_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/ui/")
    expect(page).to_have_url(f"{base}/ui/login?next=/ui/")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", "correct horse")
    page.click("button:has-text('Sign in')")
    expect(page.locator(".who .user")).to_contain_text(name)


def _sign_out(page: Page) -> None:
    page.click("button:has-text('Sign out')")
    expect(page.locator("h1")).to_have_text("Sign in")


def test_screen_decide_four_eyes_and_audit(live_server: str, browser_page: Page, tmp_path: Path) -> None:
    page, base = browser_page, live_server
    _sign_in(page, base, "rita")
    page.screenshot(path=str(tmp_path / "1-dashboard.png"))

    page.click("nav >> text=Screen")
    page.set_input_files("input[name=order_file]", str(EXAMPLE))
    page.click("button:has-text('Screen order')")
    expect(page.locator("#case-status")).to_have_text("open")
    case_url = page.url
    assert "/ui/cases/" in case_url
    expect(page.locator(".decision .verdict")).to_have_text("REVIEW")
    expect(page.locator(".finding").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "2-case.png"), full_page=True)

    page.check("input[name=action][value=release]")
    page.fill("textarea[name=rationale]", "GNSS modules for marine navigation; end-user statement on file.")
    page.click("button:has-text('Record decision')")
    expect(page.locator("#case-status")).to_have_text("pending second review")
    expect(page.locator(".alert.info")).to_contain_text("rita released this case")

    # The same reviewer cannot approve her own release.
    page.check("input[name=action][value=release]")
    page.fill("textarea[name=rationale]", "approving my own release")
    page.click("button:has-text('Record decision')")
    expect(page.locator(".alert.bad")).to_contain_text("different reviewer")
    page.screenshot(path=str(tmp_path / "2b-four-eyes.png"))
    page.goto(case_url)
    _sign_out(page)

    _sign_in(page, base, "rob")
    page.goto(case_url)
    page.check("input[name=action][value=release]")
    page.fill("textarea[name=rationale]", "Second review: agree, the statement covers the quantity.")
    page.click("button:has-text('Record decision')")
    expect(page.locator("#case-status")).to_have_text("released")
    expect(page.locator(".timeline")).to_contain_text("rob")
    page.screenshot(path=str(tmp_path / "3-released.png"), full_page=True)

    page.click("text=Audit entries of this case")
    expect(page.locator("#audit-verify")).to_contain_text("Hash chain verified")
    rows = page.locator("table.audit tbody tr")
    expect(rows.first).to_contain_text("rob")
    expect(rows.first).to_contain_text("case.")
    page.screenshot(path=str(tmp_path / "4-audit.png"), full_page=True)

    page.click("nav >> text=Review queue")
    page.check("input[name=status][value=released]")
    page.click("button:has-text('Filter')")
    expect(page.locator("table.list tbody")).to_contain_text(case_url.rsplit("/", 1)[1])
