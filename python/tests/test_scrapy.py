"""The Scrapy item pipeline, without network: a Response built here, items cleaned."""

import pytest

pytest.importorskip("scrapy")

from scrapy.exceptions import DropItem  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

from declutter.scrapy import DeclutterPipeline  # noqa: E402
from conftest import FIXTURES  # noqa: E402


def pipeline(**settings):
    crawler = get_crawler(settings_dict=settings)
    return DeclutterPipeline.from_crawler(crawler)


def test_cleans_the_configured_field(cli):
    path = FIXTURES / "html" / "news-consent-newsletter-outbrain.html"
    response = HtmlResponse(url="https://news.example/story", body=path.read_bytes())
    for page in (response.text, response.body):
        item = {"url": response.url, "page": page}
        out = pipeline(DECLUTTER_FIELD="page", DECLUTTER_OUTPUT_FIELD="clean",
                       DECLUTTER_METADATA_FIELD="meta").process_item(item)
        assert out["clean"] == cli(path).decode("utf-8")
        assert out["meta"]["page_type"]
        assert out["page"] is page


def test_options_missing_fields_and_errors():
    p = pipeline(DECLUTTER_OPTIONS={"format": "markdown", "title": False})
    item = {"html": "<h1>Bridge</h1><p>The council agreed on Tuesday to rebuild the old bridge, which has been closed since the spring floods.</p>"}
    assert p.process_item(item)["text"].startswith("The council agreed")
    assert pipeline().process_item({"other": 1}) == {"other": 1}
    with pytest.raises(DropItem):
        pipeline(DECLUTTER_DROP_MISSING=True).process_item({"other": 1})
    with pytest.raises(DropItem):
        pipeline().process_item({"html": bytes(range(256)) * 4})
    with pytest.raises(ValueError):
        pipeline(DECLUTTER_OPTIONS={"format": "pdf"})
