"""libarticle: read an article (YAML front matter + Markdown body) into a typed,
read-only document.

    >>> import libarticle
    >>> a = libarticle.parse('---\\ntitle: Hello\\n---\\n\\n"Hi," she said.\\n')
    >>> a.title, a.quotes[0].text, a.quotes[0].speaker.text
    ('Hello', 'Hi,', 'she')

Spans are character offsets into the str given (byte offsets when bytes were given).
"""
from ._core import (
    ATTRIBUTIONS,
    BLOCK_TYPES,
    DEFAULT_LIMITS,
    MAX_INPUT_SIZE,
    SPEAKER_TYPES,
    WARNING_CODES,
    Article,
    ArticleClosedError,
    ArticleSystemError,
    Block,
    Blocks,
    EncodingError,
    FrontMatterError,
    Image,
    LimitError,
    OptionsError,
    OutOfMemoryError,
    ParseError,
    ParseWarning,
    Quote,
    Quotes,
    ReadError,
    Speaker,
    Stats,
    dependency_versions,
    library_version,
    parse,
    parse_file,
)

#: The version of the C library this module is linked with.
__version__ = library_version()

__all__ = [
    "ATTRIBUTIONS",
    "BLOCK_TYPES",
    "DEFAULT_LIMITS",
    "MAX_INPUT_SIZE",
    "SPEAKER_TYPES",
    "WARNING_CODES",
    "Article",
    "ArticleClosedError",
    "ArticleSystemError",
    "Block",
    "Blocks",
    "EncodingError",
    "FrontMatterError",
    "Image",
    "LimitError",
    "OptionsError",
    "OutOfMemoryError",
    "ParseError",
    "ParseWarning",
    "Quote",
    "Quotes",
    "ReadError",
    "Speaker",
    "Stats",
    "__version__",
    "dependency_versions",
    "library_version",
    "parse",
    "parse_file",
]
