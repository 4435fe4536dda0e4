"""A datatrove extraction step: ``Declutter``, in place of ``Trafilatura``.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from declutter.datatrove import Declutter

    LocalPipelineExecutor(
        pipeline=[WarcReader("crawl/"), Declutter(), JsonlWriter("clean/")],
        tasks=4,
    ).run()

Each document's ``text`` (the page, as the reader decoded it) becomes the cleaned text; a
document with nothing left, or one the library refuses, is dropped (counted as ``dropped`` or
``clean_error`` in the step's stats), as datatrove's extractors do.
"""

from __future__ import annotations

from typing import Optional

import declutter
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

#: Result attributes copied into ``doc.metadata`` (when the page states them, and the
#: document has no such key yet).
METADATA_FIELDS = (
    "title",
    "author",
    "date",
    "site_name",
    "description",
    "language",
    "page_type",
)


class Declutter(BaseExtractor):
    """Cleans each document's HTML (or flattened text) with declutter.

    Args:
        timeout: seconds per document (float); a slower page is dropped (stat ``timeout``).
            Enforced inside the library, so no sandbox process is needed: documents are
            cleaned in this process, ``threads`` at a time.
        format: ``"text"`` (default), ``"markdown"``, ``"html"`` or ``"json"``.
        title: start the text with the headline (as the CLI does by default).
        input: ``"auto"``, ``"html"`` or ``"text"``.
        threads: pages cleaned at once in this task (the GIL is released while cleaning).
        metadata: copy title, author, date, site name, description, language and page type
            into ``doc.metadata`` (never overwriting a key the reader set, such as the WARC
            ``date``; the page's own date then goes in as ``published``).
        max_bytes, max_nodes, page_type, with_metadata, images: as in :func:`declutter.clean`.

    The document's ``metadata["url"]`` (the WARC target URI) is the page's address, as the
    CLI's ``--warc`` takes it.
    """

    name = "🧹 Declutter"
    _requires_dependencies = []

    def __init__(
        self,
        timeout: float = 1.0,
        *,
        format: str = "text",
        title: bool = True,
        input: str = "auto",
        threads: int = 1,
        metadata: bool = True,
        max_bytes: Optional[int] = None,
        max_nodes: Optional[int] = None,
        page_type: Optional[str] = None,
        with_metadata: bool = False,
        images: bool = False,
    ):
        super().__init__(timeout)
        self.threads = threads
        self.metadata = metadata
        self.options = dict(
            format=format,
            title=title,
            input=input,
            timeout=timeout,
            max_bytes=max_bytes,
            max_nodes=max_nodes,
            page_type=page_type,
            with_metadata=with_metadata,
            images=images,
        )
        # Checked now, so a wrong option fails when the pipeline is built.
        declutter.Options(**self.options)

    def extract(self, text: str) -> str:
        """The cleaned text of one page (str in, str out), as ``BaseExtractor`` defines it."""
        return declutter.clean(text, **self.options).text

    def _options_for(self, doc) -> "declutter.Options":
        url = doc.metadata.get("url") if doc.metadata else None
        return declutter.Options(url=url if isinstance(url, str) else None, **self.options)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Cleans the documents in order, ``threads`` at a time, in this process."""
        from concurrent.futures import ThreadPoolExecutor
        import collections
        import itertools

        def one(doc):
            try:
                return doc, declutter.clean_with(doc.text, self._options_for(doc))
            except Exception as error:  # DeclutterError, or a text that is not str
                return doc, error

        def results():
            docs = iter(data)
            if self.threads <= 1:
                for doc in docs:
                    yield one(doc)
                return
            window = 4 * self.threads
            with ThreadPoolExecutor(max_workers=self.threads) as pool:
                pending = collections.deque(pool.submit(one, d) for d in itertools.islice(docs, window))
                while pending:
                    done = pending.popleft().result()
                    for doc in itertools.islice(docs, 1):
                        pending.append(pool.submit(one, doc))
                    yield done

        for doc, result in results():
            self.stat_update(StatHints.total)
            if isinstance(result, declutter.TimeoutError):
                self.stat_update("timeout")
                logger.warning(f"⏰ Timeout while cleaning {doc.id}: {result}. Skipping record.")
                continue
            if isinstance(result, Exception):
                self.stat_update("clean_error")
                if not self._warned_error:
                    logger.warning(
                        f'❌ Error "{result}" while cleaning record text. Skipping record. '
                        f"This message will only appear once."
                    )
                    self._warned_error = True
                continue
            self.stat_update("extracted")
            doc.text = result.text
            if self.metadata:
                for field in METADATA_FIELDS:
                    value = getattr(result, field)
                    key = "published" if field == "date" else field
                    if value and key not in doc.metadata:
                        doc.metadata[key] = value
            if doc.text:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)
