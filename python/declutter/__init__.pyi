"""Type stubs of the declutter package (the native module's classes re-exported)."""

from typing import Iterable, Iterator, List, Literal, Optional, Union

__version__: str

Page = Union[str, bytes, bytearray]
InputName = Literal["auto", "html", "text"]
FormatName = Literal["text", "markdown", "html", "json"]
PageTypeName = Literal[
    "auto", "article", "forum", "listing", "collection", "product", "documentation", "service"
]

class DeclutterError(Exception):
    """A page could not be cleaned. Base class of the errors below."""

class TooLargeError(DeclutterError):
    """The input is larger than ``max_bytes``."""

class TooManyNodesError(DeclutterError):
    """The HTML page has more nodes than ``max_nodes``."""

class BinaryInputError(DeclutterError):
    """The input is binary data, not HTML or text."""

class TimeoutError(DeclutterError):
    """Cleaning took longer than ``timeout`` seconds."""

class Options:
    """Options of :func:`clean`, read and checked once (``ValueError`` for an unknown value)."""

    def __init__(
        self,
        *,
        input: InputName = "auto",
        format: FormatName = "text",
        title: bool = True,
        url: Optional[str] = None,
        charset: Optional[str] = None,
        max_bytes: Optional[int] = None,
        timeout: Optional[float] = None,
        max_nodes: Optional[int] = None,
        page_type: Optional[PageTypeName] = None,
        with_metadata: bool = False,
        images: bool = False,
    ) -> None: ...

class Block:
    """One block of the page with the classifier's verdict."""

    text: str
    kind: Literal["heading", "paragraph", "list_item", "quote", "code", "table"]
    verdict: Literal["title", "content", "removed"]
    category: Optional[
        Literal[
            "navigation", "counter", "newsletter", "comments", "related", "share", "cookie",
            "advertisement", "legal", "paywall", "other",
        ]
    ]
    """The debris category of a removed block, else None."""
    reason: Optional[str]
    """Why a removed block was removed, else None."""
    level: Optional[int]
    """A heading's level, 1-6."""
    depth: Optional[int]
    """A list item's nesting depth, 0 at the top."""
    ordered: Optional[bool]
    """Whether a list item's list is numbered."""
    rows: Optional[List[List[str]]]
    """A table's cell texts, row by row."""
    def to_dict(self) -> dict: ...

class Result:
    """The result of cleaning one page."""

    text: str
    """The cleaned page in the format asked for (the CLI's output)."""
    title: Optional[str]
    input: Literal["html", "text"]
    encoding: str
    language: Optional[str]
    """ISO 639-1 code of the language the text's stop words show."""
    declared_language: Optional[str]
    author: Optional[str]
    date: Optional[str]
    """ISO 8601: ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS+HH:MM``."""
    url: Optional[str]
    site_name: Optional[str]
    description: Optional[str]
    image: Optional[str]
    categories: List[str]
    tags: List[str]
    page_type: Literal[
        "article", "forum", "listing", "collection", "product", "documentation", "service"
    ]
    page_type_evidence: List[str]
    warnings: List[str]
    blocks: List[Block]
    """Every block in page order (built on each access: keep the list)."""
    body_text: str
    """The kept text without the headline, plain text whatever the format."""
    metadata: dict
    """The CLI's JSONL ``metadata`` object: present fields only."""
    def to_json(self) -> str:
        """The CLI's ``--format json`` output (pretty-printed, final line break)."""
    def explain(self) -> str:
        """The CLI's ``--explain`` report: page type, evidence, every removed block and why."""

def clean_with(data: Page, options: Options) -> Result:
    """:func:`clean` with options read once by :class:`Options`."""

def clean(
    data: Page,
    *,
    input: InputName = "auto",
    format: FormatName = "text",
    title: bool = True,
    url: Optional[str] = None,
    charset: Optional[str] = None,
    max_bytes: Optional[int] = None,
    timeout: Optional[float] = None,
    max_nodes: Optional[int] = None,
    page_type: Optional[PageTypeName] = None,
    with_metadata: bool = False,
    images: bool = False,
) -> Result:
    """Clean one page. Raises DeclutterError (or a subclass), TypeError, ValueError."""

def clean_many(
    pages: Iterable[Page],
    *,
    threads: int = 1,
    window: Optional[int] = None,
    input: InputName = "auto",
    format: FormatName = "text",
    title: bool = True,
    url: Optional[str] = None,
    charset: Optional[str] = None,
    max_bytes: Optional[int] = None,
    timeout: Optional[float] = None,
    max_nodes: Optional[int] = None,
    page_type: Optional[PageTypeName] = None,
    with_metadata: bool = False,
    images: bool = False,
) -> Iterator[Union[Result, DeclutterError, TypeError]]:
    """Clean pages on ``threads`` threads, results in input order, errors in place."""
