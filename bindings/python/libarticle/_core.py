"""The binding proper: parse(), Article and its records, errors.

Object graph: every Python object reached from an article (Block, Quote, Speaker and the
sequences) holds a reference to one `_Doc`, which owns the C article through ffi.gc().
Nothing points back from the _Doc, so there are no reference cycles: dropping the last
object frees the C article at once, without waiting for the cycle collector, and
Article.close() frees it deterministically (every accessor then raises ArticleClosedError).
"""
import datetime as _dt
import json as _json
import os as _os
from bisect import bisect_left as _bisect_left
from collections.abc import Sequence as _Sequence
from typing import NamedTuple as _NamedTuple
from typing import Optional as _Optional
from weakref import ref as _weakref

from ._native import ffi as _ffi
from ._native import lib as _lib

_NULL = _ffi.NULL
_cstr = _ffi.string
_NO_INDEX = _lib.ARTICLE_NO_INDEX


def _text(p):
    return _cstr(p).decode("utf-8") if p else None


def _static_names(fn, values):
    return {v: _cstr(fn(v)).decode("ascii") for v in values if fn(v)}


_BLOCK_TYPES = _static_names(_lib.article_block_type_name, range(1, 64))
_SPEAKER_TYPES = _static_names(_lib.article_speaker_type_name, range(1, 64))
_WARNING_NAMES = _static_names(_lib.article_warning_name, range(1, 256))
_ATTRIBUTIONS = {
    _lib.ARTICLE_ATTRIBUTION_NONE: "none",
    _lib.ARTICLE_ATTRIBUTION_DIRECT: "direct",
    _lib.ARTICLE_ATTRIBUTION_INHERITED: "inherited",
}
_TASKS = {_lib.ARTICLE_TASK_NONE: None, _lib.ARTICLE_TASK_OPEN: "open",
          _lib.ARTICLE_TASK_DONE: "done"}
_ALIGNS = {_lib.ARTICLE_ALIGN_NONE: None, _lib.ARTICLE_ALIGN_LEFT: "left",
           _lib.ARTICLE_ALIGN_CENTER: "center", _lib.ARTICLE_ALIGN_RIGHT: "right"}
_HEADING = _lib.ARTICLE_BLOCK_HEADING
_LIST = _lib.ARTICLE_BLOCK_LIST
_CODE = _lib.ARTICLE_BLOCK_CODE
_FOOTNOTE = _lib.ARTICLE_BLOCK_FOOTNOTE_DEFINITION
_ROW = _lib.ARTICLE_BLOCK_TABLE_ROW

#: Block type names, in the order of the C enum.
BLOCK_TYPES = tuple(_BLOCK_TYPES[k] for k in sorted(_BLOCK_TYPES))
#: Speaker type names.
SPEAKER_TYPES = tuple(_SPEAKER_TYPES[k] for k in sorted(_SPEAKER_TYPES))
#: Attribution kinds.
ATTRIBUTIONS = tuple(_ATTRIBUTIONS[k] for k in sorted(_ATTRIBUTIONS))
#: Warning codes.
WARNING_CODES = tuple(_WARNING_NAMES[k] for k in sorted(_WARNING_NAMES))


# ---- errors ------------------------------------------------------------------------------

class ParseError(Exception):
    """The article could not be read.

    code: the stable identifier of the cause, e.g. "yaml_duplicate_key" (as in the CLI's
    JSON); status: its number (article_status); family: "system", "encoding",
    "front_matter" or "limit"; message: one line without position; line, column (1-based,
    column in characters) and offset (characters into the str given, bytes into bytes) of
    the cause, or None when it has no position; path: the file for parse_file().
    """

    family: _Optional[str] = None

    def __init__(self, message, *, code="unknown", status=-1, line=None, column=None,
                 offset=None, path=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.line = line
        self.column = column
        self.offset = offset
        self.path = path

    def __str__(self):
        where = ""
        if self.path is not None:
            where = "%s:" % (self.path,)
        if self.line is not None:
            where += "%d:%d:" % (self.line, self.column)
        return "%s %s" % (where, self.message) if where else self.message

    def __reduce__(self):
        return (_rebuild_error, (type(self), self.message, self.__dict__.copy()))


def _rebuild_error(cls, message, state):
    e = cls.__new__(cls)
    Exception.__init__(e, message)
    e.__dict__.update(state)
    return e


class ArticleSystemError(ParseError):
    """The environment failed, not the article: memory, the file, the options."""
    family = "system"


class OptionsError(ArticleSystemError, ValueError):
    """Options the library refuses (a limit out of range)."""


class ReadError(ArticleSystemError, OSError):
    """parse_file() could not read the file; the message has the system's reason."""


class OutOfMemoryError(ArticleSystemError, MemoryError):
    """The library ran out of memory."""


class EncodingError(ParseError):
    """The input is not UTF-8 text (invalid sequence, NUL byte, UTF-16/32)."""
    family = "encoding"


class FrontMatterError(ParseError):
    """The YAML front matter is unterminated or invalid."""
    family = "front_matter"


class LimitError(ParseError):
    """The article exceeds one of the limits given to parse()."""
    family = "limit"


class ArticleClosedError(ValueError):
    """An accessor was used after Article.close()."""


_FAMILIES = {
    _lib.ARTICLE_FAMILY_SYSTEM: ArticleSystemError,
    _lib.ARTICLE_FAMILY_ENCODING: EncodingError,
    _lib.ARTICLE_FAMILY_FRONT_MATTER: FrontMatterError,
    _lib.ARTICLE_FAMILY_LIMIT: LimitError,
}
_SYSTEM_CLASSES = {
    _lib.ARTICLE_ERR_NOMEM: OutOfMemoryError,
    _lib.ARTICLE_ERR_IO: ReadError,
    _lib.ARTICLE_ERR_INVALID_OPTIONS: OptionsError,
    _lib.ARTICLE_ERR_INVALID_ARGUMENT: OptionsError,
}


def _error(status, err, data=None, path=None):
    cls = _SYSTEM_CLASSES.get(status) or _FAMILIES.get(
        _lib.article_status_family_of(status), ArticleSystemError)
    message = _cstr(err.message).decode("utf-8", "replace")
    if not message:
        message = _cstr(_lib.article_status_describe(status)).decode("utf-8")
    line = column = offset = None
    if err.line:
        line, column, offset = err.line, err.column, err.offset
        if data is not None:
            offset = _char_converter(data, len(data))(offset)
    return cls(message, code=_cstr(_lib.article_status_name(status)).decode("ascii"),
               status=int(status), line=line, column=column, offset=offset, path=path)


# ---- options -----------------------------------------------------------------------------

#: Default values of the limits parse() takes.
DEFAULT_LIMITS = {
    "max_input_size": _lib.ARTICLE_DEFAULT_MAX_INPUT_SIZE,
    "max_yaml_depth": _lib.ARTICLE_DEFAULT_MAX_YAML_DEPTH,
    "max_yaml_nodes": _lib.ARTICLE_DEFAULT_MAX_YAML_NODES,
    "max_markdown_depth": _lib.ARTICLE_DEFAULT_MAX_MARKDOWN_DEPTH,
    "max_front_matter_size": _lib.ARTICLE_DEFAULT_MAX_FRONT_MATTER_SIZE,
    "max_blocks": _lib.ARTICLE_DEFAULT_MAX_BLOCKS,
    "max_quotes": _lib.ARTICLE_DEFAULT_MAX_QUOTES,
    "max_warnings": _lib.ARTICLE_DEFAULT_MAX_WARNINGS,
}
#: The largest max_input_size the library accepts.
MAX_INPUT_SIZE = _lib.ARTICLE_MAX_INPUT_SIZE


def _options(unsafe_html, quotes, limits):
    """An article_options for the arguments, or NULL when they are all defaults."""
    if not unsafe_html and quotes and not limits:
        return _NULL
    opts = _ffi.new("article_options *")
    _lib.article_options_init(opts, _lib.ARTICLE_OPTIONS_VERSION)
    if unsafe_html:
        opts.flags |= _lib.ARTICLE_OPT_UNSAFE_HTML
    if not quotes:
        opts.flags |= _lib.ARTICLE_OPT_NO_QUOTES
    for name, value in limits.items():
        if name not in DEFAULT_LIMITS:
            raise TypeError("parse() got an unexpected keyword argument %r" % name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("%s must be an int, not %s" % (name, type(value).__name__))
        if value < 0:
            raise ValueError("%s must not be negative" % name)
        try:
            setattr(opts, name, value)
        except OverflowError:
            raise ValueError("%s is too large: %d" % (name, value)) from None
    return opts


# ---- offsets -----------------------------------------------------------------------------

def _multibyte_table(ptr, n):
    """(starts, extra, k): where the k multi-byte characters of the n UTF-8 bytes at ptr
    start, and the bytes beyond one per character used up to each (cffi arrays)."""
    k = _lib._py_multibyte_count(ptr, n)
    if k == 0:
        return (_NULL, _NULL, 0)
    starts = _ffi.new("uint32_t[]", k)
    extra = _ffi.new("uint32_t[]", k)
    _lib._py_multibyte_fill(ptr, n, starts, extra)
    return (starts, extra, k)


def _converter(table):
    """A function from byte offsets to character offsets by the table."""
    starts, extra, k = table
    if k == 0:
        return int
    starts = memoryview(_ffi.buffer(starts)).cast("I")
    extra = memoryview(_ffi.buffer(extra)).cast("I")

    def convert(offset):
        i = _bisect_left(starts, offset)
        return offset - extra[i - 1] if i else offset
    return convert


def _char_converter(ptr, n):
    return _converter(_multibyte_table(ptr, n))


_NO_TABLE = (_NULL, _NULL, 0)


def _lazy_converter(ref):
    # Builds the byte -> character table on the first span asked for, once. Holds the
    # _Doc weakly: a bound method would make a reference cycle.
    def first(offset):
        doc = ref()
        _mb(doc)
        return doc.tochar(offset)
    return first


def _mb(doc):
    """The doc's multi-byte table (built on first use); sets doc.tochar to match."""
    t = doc.mb
    if t is None:
        n = _ffi.new("size_t *")
        src = _lib.article_source(doc.live(), n)
        t = doc.mb = _multibyte_table(src, n[0])
        doc.tochar = _converter(t)
    return t


class _Doc:
    """Owns the C article; shared by the Article and every object reached from it."""
    __slots__ = ("ptr", "chars", "tochar", "mb", "source", "tabs", "__weakref__")

    def __init__(self, ptr, source, chars, ascii_only):
        self.ptr = ptr
        self.source = source        # what was given (str or bytes), or None (from a file)
        self.chars = chars          # spans in characters (str input) or bytes
        self.tabs = [None, None]    # the packed tables, _B and _Q, once filled
        if ascii_only or not chars:
            self.mb = _NO_TABLE
            self.tochar = int
        else:
            self.mb = None
            self.tochar = _lazy_converter(_weakref(self))

    def live(self):
        p = self.ptr
        if p is None:
            raise ArticleClosedError("the article is closed")
        return p

    def close(self):
        p = self.ptr
        if p is not None:
            self.ptr = None
            self.tochar = int
            self.tabs = [None, None]
            _ffi.release(p)


def _closed():
    raise ArticleClosedError("the article is closed")


# The packed tables (_Doc.tabs): _B the blocks', _Q the quotes'. Numbers per block and per
# quote in them; the positions used below follow the _PY_B_* and _PY_Q_* enums in
# build_ffi.py.
_B, _Q = 0, 1
_BF = _lib._PY_BLOCK_FIELDS
_QF = _lib._PY_QUOTE_FIELDS


def _blocks_table(d):
    """Every block's numbers (a flat list, _BF per block; spans in characters) and all
    their texts as one str: filled by one C call, decoded once."""
    a = d.live()
    st, ex, k = d.mb or _mb(d)
    n = _lib.article_block_count(a)
    out = _ffi.new("size_t[]", n * _BF or 1)
    size = _lib._py_blocks_text_size(a)
    text = _ffi.new("char[]", size or 1)
    _lib._py_blocks_fill(a, st, ex, k, out, text)
    t = d.tabs[_B] = (_ffi.unpack(out, n * _BF), _ffi.unpack(text, size).decode("utf-8"))
    return t


def _quotes_table(d):
    a = d.live()
    st, ex, k = d.mb or _mb(d)
    n = _lib.article_quote_count(a)
    out = _ffi.new("size_t[]", n * _QF or 1)
    size = _lib._py_quotes_text_size(a)
    text = _ffi.new("char[]", size or 1)
    _lib._py_quotes_fill(a, st, ex, k, out, text)
    t = d.tabs[_Q] = (_ffi.unpack(out, n * _QF), _ffi.unpack(text, size).decode("utf-8"))
    return t


_FILLS = (_blocks_table, _quotes_table)


def _table(d, tab):
    """The packed table tab of the doc, filled on first use."""
    if d.ptr is None:
        _closed()
    return d.tabs[tab] or _FILLS[tab](d)


# ---- records -----------------------------------------------------------------------------

class Image(_NamedTuple):
    """The featured image; each part is None when the front matter does not give it."""
    path: _Optional[str]
    cutline: _Optional[str]
    credit: _Optional[str]
    alt: _Optional[str]


class Stats(_NamedTuple):
    words: int
    reading_minutes: int


class ParseWarning(_NamedTuple):
    """A problem that did not stop the parse. offset, line, column as for spans."""
    code: str
    message: str
    offset: int
    line: int
    column: int


# Attributes read from the packed tables. A record keeps in _i where its numbers start
# (its index times _BF or _QF); the factories below make the getter of one attribute for
# each shape of field. A getter makes no call beyond the table's first fill, since this
# binding's speed is mostly that of these attributes; nor does it test for a closed
# article: close() empties d.tabs, and the fill then raises ArticleClosedError.

def _number(tab, k):
    """The number at position k."""
    def get(self) -> int:
        d = self._d
        return (d.tabs[tab] or _FILLS[tab](d))[0][self._i + k]
    return get


def _index(tab, k):
    """The number at position k, or None for ARTICLE_NO_INDEX."""
    def get(self):
        d = self._d
        n = (d.tabs[tab] or _FILLS[tab](d))[0][self._i + k]
        return None if n == _NO_INDEX else n
    return get


def _string(tab, k):
    """The table's text from the offset at position k to the one at k + 1."""
    def get(self) -> str:
        d = self._d
        v, text = d.tabs[tab] or _FILLS[tab](d)
        i = self._i + k
        return text[v[i]:v[i + 1]]
    return get


_STRICT = object()


def _lookup(tab, k, names, default=_STRICT):
    """names[number at position k]; with a default, names.get(number, default)."""
    if default is _STRICT:
        def get(self) -> str:
            d = self._d
            return names[(d.tabs[tab] or _FILLS[tab](d))[0][self._i + k]]
    else:
        def get(self) -> str:
            d = self._d
            return names.get((d.tabs[tab] or _FILLS[tab](d))[0][self._i + k], default)
    return get


# A quote's flags, at _Q_FLAGS among its numbers: it has a speaker, the speaker has a
# name, it has a cue.
_Q_FLAGS = 4
_HAS_SPEAKER, _HAS_NAME, _HAS_CUE = 1, 2, 4


def _flagged_number(k, flag):
    """A quote's number at position k when its flags have flag, else None."""
    def get(self):
        d = self._d
        v = (d.tabs[_Q] or _quotes_table(d))[0]
        i = self._i
        return v[i + k] if v[i + _Q_FLAGS] & flag else None
    return get


def _flagged_string(k, flag):
    """A quote's text from the offsets at k and k + 1 when its flags have flag, else None."""
    def get(self):
        d = self._d
        v, text = d.tabs[_Q] or _quotes_table(d)
        i = self._i
        j = i + k
        return text[v[j]:v[j + 1]] if v[i + _Q_FLAGS] & flag else None
    return get


def _table_properties(cls, fields):
    """Adds to cls a property per (name, getter, docstring) in fields."""
    for name, get, doc in fields:
        # A code object of its own: tracebacks name the attribute, and the interpreter's
        # inline caches (Python >= 3.11) see one record class per getter.
        get.__code__ = get.__code__.replace(co_name=name)
        get.__name__ = name
        get.__qualname__ = "%s.%s" % (cls.__qualname__, name)
        setattr(cls, name, property(get, doc=doc))


def _block_info(p):
    return _text(_lib.article_block_info(p, _NULL))


def _typed(fn, only=None, conv=None, doc=None):
    """A type-specific block attribute, asked of the library each time: fn(block), through
    conv when given, for blocks of type `only` (any type when None), else None."""
    def block_attribute(self):
        p = self._ptr()
        if only is not None and _lib.article_block_get_type(p) != only:
            return None
        return fn(p) if conv is None else conv(fn(p))
    return property(block_attribute, doc=doc)


def _record_source(self):
    return _slice_source(self._d, self.start, self.end)


class Block:
    """One block of the body (blocks are flattened in document order, parents first).

    The common attributes (type, text, start, end, depth, parent, children) come from a
    table of every block built on the first such access; the type-specific ones ask the
    library each time.
    """
    __slots__ = ("_d", "index", "_i")

    def __init__(self, doc, index):
        self._d = doc
        self.index = index
        self._i = index * _BF

    def _ptr(self):
        d = self._d
        return _lib.article_block_at(d.live(), self.index)

    # type, text, start, end, depth, parent_index, descendants: from the table, below.
    level = _typed(_lib.article_block_level, _HEADING, None,
                   "Heading level 1-6; None for other blocks.")
    ordered = _typed(_lib.article_block_list_ordered, _LIST, bool)
    list_start = _typed(_lib.article_block_list_start, _LIST)
    tight = _typed(_lib.article_block_list_tight, _LIST, bool)
    task = _typed(_lib.article_block_task, None, _TASKS.get,
                  '"open", "done", or None (not a task item, or not an item).')
    info = _typed(_block_info, _CODE, None,
                  'Code blocks: the info string ("" when none). None for other blocks.')
    label = _typed(_block_info, _FOOTNOTE, None,
                   "Footnote definitions: the label. None for other blocks.")
    align = _typed(_lib.article_block_align, None, _ALIGNS.get,
                   'Table cells: "left", "center", "right" or None.')
    header = _typed(_lib.article_block_header, _ROW, bool,
                    "Table rows: True for the header row. None for other blocks.")
    source = property(_record_source,
                      doc="The block as written in the input (str or bytes, like the input).")

    @property
    def parent(self):
        i = _table(self._d, _B)[0][self._i + 1]
        return None if i == _NO_INDEX else Block(self._d, i)

    @property
    def children(self):
        """The blocks directly inside this one, in order."""
        v = _table(self._d, _B)[0]
        doc = self._d
        out = []
        i = self.index + 1
        last = self.index + v[self._i + 3]
        while i <= last:
            out.append(Block(doc, i))
            i += v[i * _BF + 3] + 1
        return out

    def __eq__(self, other):
        return isinstance(other, Block) and other._d is self._d and other.index == self.index

    def __hash__(self):
        return hash((id(self._d), self.index))

    def __repr__(self):
        if self._d.ptr is None:
            return "<Block %d (closed)>" % self.index
        text = self.text
        if len(text) > 40:
            text = text[:37] + "..."
        return "<Block %d %s %r>" % (self.index, self.type, text)


# Positions: the _PY_B_* enum in build_ffi.py.
_table_properties(Block, [
    ("type", _lookup(_B, 0, _BLOCK_TYPES),
     """"paragraph", "heading", "block_quote", "list", "item", "code", "html",
        "thematic_break", "table", "table_row", "table_cell", "footnote_definition"."""),
    ("text", _string(_B, 6),
     """Plain text of paragraphs, headings, cells; literal content of code and HTML;
        "" for containers."""),
    ("start", _number(_B, 4), None),
    ("end", _number(_B, 5), None),
    ("depth", _number(_B, 2), None),
    ("parent_index", _index(_B, 1), None),
    ("descendants", _number(_B, 3),
     "Number of blocks inside this one: its subtree is blocks[index+1 : index+1+n]."),
])


class Speaker:
    """Who said a quotation: the phrase as written, its kind and the name it refers to."""
    __slots__ = ("_d", "_i")

    def __init__(self, doc, quote_index):
        self._d = doc
        self._i = quote_index * _QF

    # text, type, name, start, end, name_start, name_end: from the table, below.

    def __repr__(self):
        if self._d.ptr is None:
            return "<Speaker (closed)>"
        return "<Speaker %r %s name=%r>" % (self.text, self.type, self.name)


class Quote:
    """A direct quotation and its attribution."""
    __slots__ = ("_d", "index", "_i")

    def __init__(self, doc, index):
        self._d = doc
        self.index = index
        self._i = index * _QF

    # text, start, end, block_index, attribution, cue, cue_start, cue_end: from the table,
    # below.
    source = property(_record_source,
                      doc="The quotation as written in the input, from start to end.")

    @property
    def spans(self):
        """One (start, end) per paragraph the quotation covers."""
        d = self._d
        p = _lib.article_quote_at(d.live(), self.index)
        tochar = d.tochar
        return [(tochar(_lib.article_quote_span_start(p, i)),
                 tochar(_lib.article_quote_span_end(p, i)))
                for i in range(_lib.article_quote_span_count(p))]

    @property
    def block(self) -> Block:
        """The block holding the quotation (its first one when it spans several)."""
        return Block(self._d, _table(self._d, _Q)[0][self._i])

    @property
    def speaker(self):
        d = self._d
        v = (d.tabs[_Q] or _quotes_table(d))[0]
        return Speaker(d, self.index) if v[self._i + _Q_FLAGS] & _HAS_SPEAKER else None

    def __eq__(self, other):
        return isinstance(other, Quote) and other._d is self._d and other.index == self.index

    def __hash__(self):
        return hash((id(self._d), self.index))

    def __repr__(self):
        if self._d.ptr is None:
            return "<Quote %d (closed)>" % self.index
        s = self.speaker
        return "<Quote %d %r speaker=%r>" % (self.index, self.text, s.text if s else None)


# Positions: the _PY_Q_* enum in build_ffi.py.
_table_properties(Speaker, [
    ("text", _string(_Q, 14), 'As written: "Sen. Jane Doe", "she", "the spokeswoman".'),
    ("type", _lookup(_Q, 7, _SPEAKER_TYPES, None), '"name", "pronoun" or "description".'),
    ("name", _flagged_string(16, _HAS_NAME),
     'The named speaker referred to ("Jane Doe"), or None when there is none.'),
    ("start", _number(_Q, 5), None),
    ("end", _number(_Q, 6), None),
    ("name_start", _flagged_number(8, _HAS_NAME), None),
    ("name_end", _flagged_number(9, _HAS_NAME), None),
])
_table_properties(Quote, [
    ("text", _string(_Q, 12),
     "The words inside the marks (parts over several paragraphs joined by a space)."),
    ("start", _number(_Q, 1), "From the first character inside the opening mark..."),
    ("end", _number(_Q, 2), "...to just after the last character before the closing mark."),
    ("block_index", _number(_Q, 0), None),
    ("attribution", _lookup(_Q, 3, _ATTRIBUTIONS, "none"),
     '"direct", "inherited" (the previous quotation\'s speaker) or "none".'),
    ("cue", _flagged_string(18, _HAS_CUE),
     'The attributing verb or phrase ("said", "according to"), or None.'),
    ("cue_start", _flagged_number(10, _HAS_CUE), None),
    ("cue_end", _flagged_number(11, _HAS_CUE), None),
])


class _Records(_Sequence):
    """A read-only sequence whose items are made on demand."""
    __slots__ = ("_d", "_n")
    _at = None

    def __init__(self, doc, n):
        self._d = doc
        self._n = n

    def __len__(self):
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        n = self._n
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("index out of range")
        return self._make(i)

    def __iter__(self):
        make = self._make
        for i in range(self._n):
            yield make(i)

    def __repr__(self):
        return "<%s of %d>" % (type(self).__name__, self._n)


class Blocks(_Records):
    __slots__ = ()

    def _make(self, i):
        d = self._d
        if d.ptr is None:
            _closed()
        return Block(d, i)


class Quotes(_Records):
    __slots__ = ()

    def _make(self, i):
        d = self._d
        if d.ptr is None:
            _closed()
        return Quote(d, i)


def _slice_source(doc, start, end):
    src = doc.source
    if src is None:
        n = _ffi.new("size_t *")
        p = _lib.article_source(doc.live(), n)
        raw = _ffi.unpack(p, n[0])
        src = doc.source = raw.decode("utf-8") if doc.chars else raw
    return src[start:end]


# ---- metadata ----------------------------------------------------------------------------

_V_BOOL = _lib.ARTICLE_VALUE_BOOL
_V_INT = _lib.ARTICLE_VALUE_INT
_V_FLOAT = _lib.ARTICLE_VALUE_FLOAT
_V_STRING = _lib.ARTICLE_VALUE_STRING
_V_SEQUENCE = _lib.ARTICLE_VALUE_SEQUENCE
_V_MAPPING = _lib.ARTICLE_VALUE_MAPPING


_TWO64 = 1 << 64
_INT64_MAX = (1 << 63) - 1


def _convert(v):
    """The value tree as plain Python data. One C call flattens it (pre-order, keys before
    their values, strings in one text); the tree is rebuilt here without recursion, since
    its depth is the caller's max_yaml_depth."""
    sizes = _ffi.new("size_t[2]")
    if not _lib._py_meta_walk(v, _NULL, _NULL, _NULL, sizes):
        raise MemoryError("libarticle: cannot read the metadata")
    n, size = sizes[0], sizes[1]
    out = _ffi.new("size_t[]", 3 * n)
    nums = _ffi.new("double[]", n)
    text = _ffi.new("char[]", size or 1)
    if not _lib._py_meta_walk(v, out, nums, text, sizes):
        raise MemoryError("libarticle: cannot read the metadata")
    tab = _ffi.unpack(out, 3 * n)
    text = _ffi.unpack(text, size).decode("utf-8")
    root = None
    stack = []
    top = None
    key = None
    i = 0
    while True:
        if stack:
            top = stack[-1]
            if top[1] == 0:
                stack.pop()
                if not stack:
                    break
                continue
            top[1] -= 1
            if top[2]:
                j = 3 * i
                key = text[tab[j + 1]:tab[j + 2]]
                i += 1
        j = 3 * i
        t = tab[j]
        count = 0
        if t == _V_STRING:
            value = text[tab[j + 1]:tab[j + 2]]
        elif t == _V_MAPPING:
            value = {}
            count = tab[j + 1]
        elif t == _V_SEQUENCE:
            value = []
            count = tab[j + 1]
        elif t == _V_INT:
            value = tab[j + 1]
            if value > _INT64_MAX:
                value -= _TWO64
        elif t == _V_FLOAT:
            value = nums[i]
        elif t == _V_BOOL:
            value = tab[j + 1] != 0
        else:
            value = None
        i += 1
        if not stack:
            root = value
        elif top[2]:
            top[0][key] = value
        else:
            top[0].append(value)
        if count:
            stack.append([value, count, t == _V_MAPPING])
        elif not stack:
            break
    return root


# ---- the article -------------------------------------------------------------------------

def _field(code, doc=None):
    def field(self):
        return _text(_lib.article_field_string(self._d.live(), code, _NULL))
    return property(field, doc=doc)


def _string_list(count, at, doc=None):
    """A list read by index: the strings at(article, i) for i < count(article)."""
    def string_list(self):
        a = self._d.live()
        return [_cstr(at(a, i, _NULL)).decode("utf-8") for i in range(count(a))]
    return property(string_list, doc=doc)


class Article:
    """A parsed article. Read-only; accessors are computed on first use.

    Spans (start, end, offset) are character offsets into the str given to parse() (and
    parse_file()), or byte offsets when bytes were given; `end` is exclusive, so
    `article.source[q.start:q.end]` is a quotation as written. to_json() and to_dict() are
    the library's JSON, whose offsets are always bytes.
    """
    __slots__ = ("_d", "_options", "_blocks", "_quotes", "_metadata", "_html",
                 "__weakref__")
    _d: _Doc
    _options: dict
    _blocks: _Optional["Blocks"]
    _quotes: _Optional["Quotes"]
    _metadata: _Optional[dict]
    _html: _Optional[str]

    def __init__(self):
        raise TypeError("use libarticle.parse() or libarticle.parse_file()")

    @classmethod
    def _new(cls, doc, options):
        self = object.__new__(cls)
        self._d = doc
        self._options = options
        self._blocks = self._quotes = self._metadata = self._html = None
        return self

    # lifetime
    def close(self):
        """Free the C article now. Objects reached from it raise ArticleClosedError
        afterwards. Calling close() again does nothing."""
        self._d.close()
        self._blocks = self._quotes = self._metadata = self._html = None

    @property
    def closed(self) -> bool:
        return self._d.ptr is None

    def __enter__(self):
        self._d.live()
        return self

    def __exit__(self, *exc):
        self.close()

    def __reduce__(self):
        # Pickled as its source and options: unpickling parses again.
        return (_unpickle, (self.source, self._options))

    # fields: title, subhed, author, ... are added after the class, one per article_field.
    authors = _string_list(_lib.article_author_count, _lib.article_author_at)
    tags = _string_list(_lib.article_tag_count, _lib.article_tag_at)

    @property
    def date_parsed(self):
        """The date as a datetime.date (no time given) or datetime.datetime (aware when
        the date has a zone offset); None when there is no date, it is no timestamp, or
        Python's datetime cannot hold it (a leap second, say)."""
        d = _lib.article_date_parsed(self._d.live())
        if not d:
            return None
        try:
            if not d.has_time:
                return _dt.date(d.year, d.month, d.day)
            tz = None
            if d.has_offset:
                tz = _dt.timezone(_dt.timedelta(minutes=d.offset_minutes))
            return _dt.datetime(d.year, d.month, d.day, d.hour, d.minute, d.second,
                                d.nanosecond // 1000, tzinfo=tz)
        except ValueError:
            return None

    @property
    def image(self):
        img = _lib.article_featured_image(self._d.live())
        if not img:
            return None
        return Image(_text(_lib.article_image_path(img, _NULL)),
                     _text(_lib.article_image_cutline(img, _NULL)),
                     _text(_lib.article_image_credit(img, _NULL)),
                     _text(_lib.article_image_alt(img, _NULL)))

    @property
    def metadata(self):
        """The whole front matter as plain dicts, lists and scalars, in document order
        ({} when there is none). Built once and cached: copy it before changing it."""
        m = self._metadata
        if m is None:
            m = self._metadata = _convert(_lib.article_metadata(self._d.live()))
        return m

    @property
    def front_matter_span(self):
        """(start, end) of the front matter block, delimiters included; None when the
        article has none."""
        a = self._d.live()
        se = _ffi.new("size_t[2]")
        if not _lib.article_front_matter(a, se, se + 1):
            return None
        return (self._d.tochar(se[0]), self._d.tochar(se[1]))

    # body
    @property
    def blocks(self) -> Blocks:
        b = self._blocks
        if b is None:
            b = self._blocks = Blocks(self._d, _lib.article_block_count(self._d.live()))
        self._d.live()
        return b

    @property
    def quotes(self) -> Quotes:
        q = self._quotes
        if q is None:
            q = self._quotes = Quotes(self._d, _lib.article_quote_count(self._d.live()))
        self._d.live()
        return q

    @property
    def stats(self) -> Stats:
        a = self._d.live()
        return Stats(_lib.article_word_count(a), _lib.article_reading_minutes(a))

    @property
    def warnings(self):
        a = self._d.live()
        out = []
        lc = _ffi.new("size_t[2]")
        for i in range(_lib.article_warning_count(a)):
            w = _lib.article_warning_at(a, i)
            off = _lib.article_warning_offset(w)
            _lib.article_locate(a, off, lc, lc + 1)
            out.append(ParseWarning(
                _WARNING_NAMES.get(_lib.article_warning_get_code(w), "unknown"),
                _cstr(_lib.article_warning_message(w, _NULL)).decode("utf-8"),
                self._d.tochar(off), lc[0], lc[1]))
        return out

    @property
    def source(self):
        """The input as given (str or bytes); text read by parse_file() as str."""
        d = self._d
        if d.source is None:
            _slice_source(d, 0, 0)
        return d.source

    def html(self) -> str:
        """The body as HTML (raw HTML replaced by a comment unless unsafe_html)."""
        h = self._html
        if h is None:
            p = _lib.article_html(self._d.live(), _NULL)
            if not p:
                raise MemoryError("libarticle: cannot render the article as HTML")
            h = self._html = _cstr(p).decode("utf-8")
        self._d.live()
        return h

    def to_json(self, pretty: bool = True) -> str:
        """The article as the library's JSON (docs/json.md): exactly what the `article`
        command prints (indented; pretty=False gives the compact form of --jsonl,
        without its "file" key)."""
        flags = _lib.ARTICLE_JSON_PRETTY if pretty else _lib.ARTICLE_JSON_DEFAULT
        p = _lib.article_json(self._d.live(), flags, _NULL)
        if not p:
            raise MemoryError("libarticle: cannot render the article as JSON")
        return _cstr(p).decode("utf-8")

    def to_dict(self) -> dict:
        """json.loads(to_json()): the JSON object as Python data (byte offsets)."""
        return _json.loads(self.to_json(False))

    def __repr__(self):
        if self._d.ptr is None:
            return "<Article (closed)>"
        return "<Article %r: %d blocks, %d quotes>" % (
            self.title, len(self.blocks), len(self.quotes))


# One property per well-known field of the header's article_field enum, named after it
# (ARTICLE_FIELD_AUTHOR_TITLE: author_title): the field's text, or None when absent.
_FIELD_DOCS = {"date": "The date as written, or None."}
for _code, _enum in sorted(_ffi.typeof("article_field").elements.items()):
    _name = _enum[len("ARTICLE_FIELD_"):].lower()
    if _name in vars(Article):
        raise ImportError("libarticle: %s would hide Article.%s" % (_enum, _name))
    setattr(Article, _name, _field(_code, _FIELD_DOCS.get(_name)))
del _code, _enum, _name


def _unpickle(source, options):
    return parse(source, **options)


# ---- parsing -----------------------------------------------------------------------------

def parse(text, *, unsafe_html=False, quotes=True, **limits) -> Article:
    """Parse an article given as str (spans in characters) or bytes-like (spans in bytes).

    Keyword arguments: unsafe_html (html() passes raw HTML through: trusted input only),
    quotes (False: do not look for quotations), and the limits max_input_size,
    max_yaml_depth, max_yaml_nodes, max_markdown_depth, max_front_matter_size, max_blocks,
    max_quotes, max_warnings (None or 0: the default). Raises a ParseError subclass.
    """
    opts = _options(unsafe_html, quotes, limits)
    if isinstance(text, str):
        chars = True
        ascii_only = text.isascii()
        # Lone surrogates go through so that the library reports them as invalid UTF-8,
        # with their position.
        data = text.encode("utf-8", "surrogatepass")
        buf = data
    elif isinstance(text, bytes):
        chars = ascii_only = False
        data = buf = text
    elif isinstance(text, (bytearray, memoryview)):
        chars = ascii_only = False
        data = bytes(text)
        buf = data
    else:
        raise TypeError("parse() takes str or bytes, not %s" % type(text).__name__)
    out = _ffi.new("article **")
    err = _ffi.new("article_error *")
    status = _lib.article_parse(buf, len(data), opts, out, err)
    if status != _lib.ARTICLE_OK:
        raise _error(status, err, data if chars and not ascii_only else None)
    ptr = _ffi.gc(out[0], _lib.article_free, len(data))
    doc = _Doc(ptr, text if isinstance(text, (str, bytes)) else data, chars, ascii_only)
    return Article._new(doc, _saved_options(unsafe_html, quotes, limits))


def parse_file(path, *, unsafe_html=False, quotes=True, **limits) -> Article:
    """Parse the file at path (str, bytes or os.PathLike). The text is UTF-8; spans are
    character offsets into it, as for parse() given a str. Raises ReadError (an OSError)
    when the file cannot be read, or another ParseError."""
    opts = _options(unsafe_html, quotes, limits)
    fspath = _os.fspath(path)
    bpath = _os.fsencode(fspath)
    if b"\0" in bpath:
        raise ValueError("embedded NUL byte in path")
    out = _ffi.new("article **")
    err = _ffi.new("article_error *")
    status = _lib.article_parse_file(bpath, opts, out, err)
    if status != _lib.ARTICLE_OK:
        data = None
        if err.line:
            try:
                with open(fspath, "rb") as f:
                    data = f.read()
            except OSError:
                data = None
        raise _error(status, err, data, path=fspath)
    n = _ffi.new("size_t *")
    src = _lib.article_source(out[0], n)
    ascii_only = _lib._py_multibyte_count(src, n[0]) == 0
    ptr = _ffi.gc(out[0], _lib.article_free, n[0])
    doc = _Doc(ptr, None, True, ascii_only)
    return Article._new(doc, _saved_options(unsafe_html, quotes, limits))


def _saved_options(unsafe_html, quotes, limits):
    opts = dict(limits)
    if unsafe_html:
        opts["unsafe_html"] = True
    if not quotes:
        opts["quotes"] = False
    return opts


# ---- versions ----------------------------------------------------------------------------

def library_version() -> str:
    """The version of the C library loaded, e.g. "1.1.0"."""
    return _cstr(_lib.article_version()).decode("ascii")


def dependency_versions() -> dict:
    """{"cmark-gfm": ..., "libyaml": ...} as the library was built with them."""
    out = {}
    for name in ("cmark-gfm", "libyaml"):
        v = _lib.article_dependency_version(name.encode())
        out[name] = _cstr(v).decode("ascii") if v else None
    return out
