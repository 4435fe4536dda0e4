"""The native module; everything is re-exported by ``declutter`` (see ``__init__.pyi``)."""

from . import (
    BinaryInputError as BinaryInputError,
    Block as Block,
    DeclutterError as DeclutterError,
    Options as Options,
    Result as Result,
    TimeoutError as TimeoutError,
    TooLargeError as TooLargeError,
    TooManyNodesError as TooManyNodesError,
    __version__ as __version__,
    clean_with as clean_with,
)
