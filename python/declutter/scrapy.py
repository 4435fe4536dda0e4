"""A Scrapy item pipeline: ``DeclutterPipeline`` cleans one field of every item.

In ``settings.py``::

    ITEM_PIPELINES = {"declutter.scrapy.DeclutterPipeline": 300}
    DECLUTTER_FIELD = "html"          # the item field holding the page (str or bytes)
    DECLUTTER_OUTPUT_FIELD = "text"   # where the cleaned text goes
    DECLUTTER_OPTIONS = {"format": "text", "timeout": 1.0}   # as declutter.clean
    DECLUTTER_METADATA_FIELD = None   # e.g. "metadata": the Result.metadata dict

An item whose page cannot be cleaned is dropped (``DropItem``, with the reason), as is an item
without the field when ``DECLUTTER_DROP_MISSING`` is true (the default: False, the item passes
through unchanged). The item's ``url`` field, when present, is the page's address.
"""

from __future__ import annotations

import declutter


class DeclutterPipeline:
    """Cleans ``item[DECLUTTER_FIELD]`` into ``item[DECLUTTER_OUTPUT_FIELD]``."""

    def __init__(
        self,
        field: str = "html",
        output_field: str = "text",
        options: dict | None = None,
        metadata_field: str | None = None,
        drop_missing: bool = False,
    ):
        self.field = field
        self.output_field = output_field
        self.options = dict(options or {})
        self.metadata_field = metadata_field
        self.drop_missing = drop_missing
        declutter.Options(**self.options)  # a wrong option fails at start-up

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        return cls(
            field=s.get("DECLUTTER_FIELD", "html"),
            output_field=s.get("DECLUTTER_OUTPUT_FIELD", "text"),
            options=s.getdict("DECLUTTER_OPTIONS", {}),
            metadata_field=s.get("DECLUTTER_METADATA_FIELD"),
            drop_missing=s.getbool("DECLUTTER_DROP_MISSING", False),
        )

    def process_item(self, item, spider=None):
        from itemadapter import ItemAdapter
        from scrapy.exceptions import DropItem

        adapter = ItemAdapter(item)
        page = adapter.get(self.field)
        if page is None:
            if self.drop_missing:
                raise DropItem(f"no field {self.field!r}")
            return item
        options = self.options
        url = adapter.get("url")
        if "url" not in options and isinstance(url, str):
            options = dict(options, url=url)
        try:
            result = declutter.clean(page, **options)
        except (declutter.DeclutterError, TypeError) as error:
            raise DropItem(f"declutter: {error}") from error
        adapter[self.output_field] = result.text
        if self.metadata_field:
            adapter[self.metadata_field] = dict(result.metadata)
        return item
