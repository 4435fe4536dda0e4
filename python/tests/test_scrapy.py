"""The Scrapy item pipeline, without network: a Response built here, items cleaned."""

import pytest

pytest.importorskip("scrapy")

from scrapy.exceptions import DropItem  # noqa: E402
from scrapy.http import HtmlResponse  # noqa: E402
from scrapy.utils.test import get_crawler  # noqa: E402

import declutter  # noqa: E402
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


def test_runs_in_scrapys_pipeline_manager_without_deprecation_warnings():
    import asyncio
    import warnings

    from scrapy import Spider
    from scrapy.pipelines import ItemPipelineManager

    if not hasattr(ItemPipelineManager, "process_item_async"):
        pytest.skip("Scrapy before 2.13")

    class PageSpider(Spider):
        name = "pages"

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        crawler = get_crawler(PageSpider, settings_dict={
            "ITEM_PIPELINES": {"declutter.scrapy.DeclutterPipeline": 300}})
        crawler.spider = crawler._create_spider()
        manager = ItemPipelineManager.from_crawler(crawler)
        page = (FIXTURES / "html" / "recipe-blog.html").read_bytes()
        item = asyncio.run(manager.process_item_async({"html": page}))
    assert item["text"] == declutter.clean(page).text
