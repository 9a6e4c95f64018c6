"""embed.js on a course page: when the frame never says it is ready (framing refused, the default), the page shows
a notice in its own language instead of an empty grey frame. The page's clock is driven, so nothing sleeps."""
import pytest

from regiewijzer.service import create_app
from regiewijzer.service.texts import texts

from .conftest import serving
from .test_embed_training import host_page, received

pytestmark = pytest.mark.slow        # a real browser


@pytest.fixture(scope="module")
def refusing_url():
    """A Regiewijzer with the default configuration: no site may frame it."""
    with serving(create_app({"TESTING": True, "RATE_LIMIT": "0"})) as url:
        yield url


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_refused_frame_becomes_a_notice_in_the_pages_language(refusing_url, host_server, page, lang):
    page.clock.install()
    tag = f'<script src="{refusing_url}/embed.js" data-lang="{lang}" data-case="case_genk_instapje"></script>'
    page.goto(host_page(host_server, f"refused-{lang}", tag))
    assert page.locator(".regiewijzer-unavailable").count() == 0
    page.clock.fast_forward(6000)
    notice = page.get_by_role("status")
    notice.wait_for()
    words = texts(lang)
    assert notice.get_attribute("lang") == lang
    assert notice.inner_text().split("\n\n") == [words["embed_unavailable"], words["embed_open"], words["embed_admin"]]
    link = notice.get_by_role("link", name=words["embed_open"])
    assert link.get_attribute("href") == f"{refusing_url}/training/case_genk_instapje?lang={lang}"
    assert not page.locator("iframe").is_visible()


def test_a_frame_that_says_it_is_ready_gets_no_notice(base_url, host_server, page):
    page.clock.install()
    tag = f'<script src="{base_url}/embed.js" data-lang="nl"></script>'
    page.goto(host_page(host_server, "allowed", tag))
    received(page, "regiewijzer:ready")
    page.clock.fast_forward(6000)
    assert page.locator(".regiewijzer-unavailable").count() == 0 and page.locator("iframe").is_visible()
