"""Strip scraping debris from web pages, HTML or flattened text, and say why.

``declutter.clean(page)`` removes menus, visit counters, newsletter prompts, comment widgets,
share bars, cookie banners, ads, footers and "Related" teasers from one page and keeps the
article; ``declutter.clean_many(pages, threads=N)`` does it for a stream of pages on N threads,
in order. Both run the Rust library (the same code as the ``declutter`` command) with the GIL
released.

Errors: ``DeclutterError`` and its subclasses ``TooLargeError`` (over ``max_bytes``),
``TooManyNodesError`` (over ``max_nodes``), ``BinaryInputError`` (not text) and
``TimeoutError`` (over ``timeout`` seconds). Wrong argument types raise ``TypeError``, unknown
option values ``ValueError``.
"""

from __future__ import annotations

import collections
import itertools
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Iterator, Optional, Union

from ._declutter import (
    Block,
    BinaryInputError,
    DeclutterError,
    Options,
    Result,
    TimeoutError,
    TooLargeError,
    TooManyNodesError,
    __version__,
    clean_with,
)

__all__ = [
    "clean",
    "clean_many",
    "clean_with",
    "Options",
    "Result",
    "Block",
    "DeclutterError",
    "TooLargeError",
    "TooManyNodesError",
    "BinaryInputError",
    "__version__",
]

Page = Union[str, bytes, bytearray]


def clean(
    data: Page,
    *,
    input: str = "auto",
    format: str = "text",
    title: bool = True,
    url: Optional[str] = None,
    charset: Optional[str] = None,
    max_bytes: Optional[int] = None,
    timeout: Optional[float] = None,
    max_nodes: Optional[int] = None,
    page_type: Optional[str] = None,
    with_metadata: bool = False,
    images: bool = False,
) -> Result:
    """Clean one page and return a :class:`Result`.

    ``data`` is the page: ``bytes`` as fetched (any encoding: a BOM, the ``charset`` given
    here, the page's own declaration, else a guess) or ``str`` (read as the text it is;
    ``charset`` is then ignored). It is an HTML page or text a scraper already flattened (one
    block per line, blank lines between blocks).

    Options, as the CLI's flags:

    - ``input``: ``"auto"`` (markup near the start means HTML), ``"html"`` or ``"text"``.
    - ``format``: what ``Result.text`` holds: ``"text"``, ``"markdown"``, ``"html"`` (a
      minimal document) or ``"json"`` (the CLI's ``--format json``, as ``Result.to_json()``).
    - ``title``: start the output with the headline (``False``: ``--no-title``).
    - ``url``: the page's address; relative links in Markdown and HTML output resolve against
      it, and it stands in for a missing canonical URL.
    - ``charset``: the encoding from outside the page (an HTTP ``Content-Type``); it wins over
      the page's declaration. Bytes input only.
    - ``max_bytes``: refuse larger inputs (bytes; for ``str`` its UTF-8 length) with
      :class:`TooLargeError`.
    - ``timeout``: give up after this many seconds (float) with :class:`TimeoutError`.
    - ``max_nodes``: refuse HTML pages with more nodes with :class:`TooManyNodesError`.
    - ``page_type``: ``None``/``"auto"`` detects it; or ``"article"``, ``"forum"``,
      ``"listing"``, ``"collection"``, ``"product"``, ``"documentation"``, ``"service"``.
    - ``with_metadata``: start text and Markdown output with YAML front matter of the
      metadata, put ``<meta>`` elements in HTML output (``--with-metadata``).
    - ``images``: keep the content's images in Markdown (``![alt](src)``) and HTML output, a
      figure's caption with its image (``--images``).

    Raises :class:`BinaryInputError` for binary data, the errors above for the limits,
    ``TypeError`` when ``data`` is not str, bytes or bytearray, ``ValueError`` for an unknown option
    value. The GIL is released while the page is cleaned.
    """
    options = Options(
        input=input,
        format=format,
        title=title,
        url=url,
        charset=charset,
        max_bytes=max_bytes,
        timeout=timeout,
        max_nodes=max_nodes,
        page_type=page_type,
        with_metadata=with_metadata,
        images=images,
    )
    return clean_with(data, options)


def clean_many(
    pages: Iterable[Page],
    *,
    threads: int = 1,
    window: Optional[int] = None,
    **options,
) -> Iterator[Union[Result, DeclutterError, TypeError]]:
    """Clean a stream of pages on ``threads`` threads; yield the results in input order.

    ``pages`` is any iterable of ``str`` or ``bytes`` (a generator is read as the results are
    consumed, never all at once: at most ``window`` pages, default ``4 * threads``, are in
    flight). ``options`` are those of :func:`clean`; an unknown option, or a value it does not
    take, raises ``TypeError`` or ``ValueError`` at the call, before any page is read.

    A page that cannot be cleaned gives its exception object (a :class:`DeclutterError`, or
    ``TypeError`` for an item that is not str, bytes or bytearray) in its place, and the stream goes on:
    test with ``isinstance(item, Exception)``.
    """
    if not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be an int of at least 1, not {threads!r}")
    try:
        opts = Options(**options)
    except TypeError as error:
        raise TypeError(f"clean_many: {error}") from None
    if window is None:
        window = 4 * threads
    window = max(window, threads)

    return _clean_stream(pages, opts, threads, window)


def _clean_stream(pages: Iterable[Page], opts: Options, threads: int, window: int) -> Iterator:
    """The results of :func:`clean_many`, whose options are checked at the call."""

    def one(page):
        try:
            return clean_with(page, opts)
        except (DeclutterError, TypeError) as error:
            return error

    if threads == 1:
        for page in pages:
            yield one(page)
        return

    it = iter(pages)
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="declutter") as pool:
        pending: collections.deque = collections.deque(
            pool.submit(one, page) for page in itertools.islice(it, window)
        )
        while pending:
            result = pending.popleft().result()
            for page in itertools.islice(it, 1):
                pending.append(pool.submit(one, page))
            yield result
