"""Every error family and code reachable from Python, with positions in characters."""
import pickle

import pytest

import libarticle
from libarticle import (ArticleSystemError, EncodingError, FrontMatterError, LimitError,
                        OptionsError, OutOfMemoryError, ParseError, ReadError)

EXPANSION = "---\na: &a " + "x" * 100 + "\nb: [" + ", ".join(["*a"] * 20) + "]\n---\n"
BODY = '---\na: [b, [c]]\nimage: {x: 1, y: 2}\n---\n\n> - "a" "b"\n\n"c\n'

CASES = [
    # input, options, class, code, line, column
    (b"\xff", {}, EncodingError, "utf8", 1, 1),
    (b"a\x00b", {}, EncodingError, "nul_byte", 1, 2),
    (b"\xff\xfea\x00", {}, EncodingError, "utf16", 1, 1),
    ("---\ntitle: x\n", {}, FrontMatterError, "front_matter_unterminated", 1, 1),
    ("---\ntitle: [x\n---\n", {}, FrontMatterError, "yaml_syntax", 2, 8),
    ("---\n- a\n---\n", {}, FrontMatterError, "yaml_not_mapping", 2, 1),
    ("---\nt: 1\nt: 2\n---\n", {}, FrontMatterError, "yaml_duplicate_key", 3, 1),
    ("---\na: 1\n--- b\n---\n", {}, FrontMatterError, "yaml_multiple_documents", 3, 1),
    ("---\na: *x\n---\n", {}, FrontMatterError, "yaml_undefined_alias", 2, 4),
    ("---\na: &x [*x]\n---\n", {}, FrontMatterError, "yaml_recursive_alias", 2, None),
    ("---\n? [a]\n: 1\n---\n", {}, FrontMatterError, "yaml_complex_key", 2, None),
    ("---\na: !!int abc\n---\n", {}, FrontMatterError, "yaml_bad_tag_value", 2, None),
    (BODY, {"max_input_size": 3}, LimitError, "limit_input_size", None, None),
    (BODY, {"max_yaml_depth": 1}, LimitError, "limit_yaml_depth", 2, None),
    (BODY, {"max_yaml_nodes": 2}, LimitError, "limit_yaml_nodes", 2, None),
    (BODY, {"max_markdown_depth": 2}, LimitError, "limit_markdown_depth", 6, None),
    (EXPANSION, {"max_input_size": 1000}, LimitError, "limit_yaml_expansion", 3, None),
    (BODY, {"max_front_matter_size": 5}, LimitError, "limit_front_matter_size", 1, 1),
    (BODY, {"max_blocks": 1}, LimitError, "limit_blocks", 6, None),
    (BODY, {"max_quotes": 1}, LimitError, "limit_quotes", 6, None),
    (BODY, {"max_warnings": 1}, LimitError, "limit_warnings", 3, None),
    (BODY, {"max_input_size": libarticle.MAX_INPUT_SIZE + 1}, OptionsError,
     "invalid_options", None, None),
]


@pytest.mark.parametrize("text,opts,cls,code,line,column", CASES,
                         ids=[c[3] for c in CASES])
def test_error(text, opts, cls, code, line, column):
    with pytest.raises(cls) as info:
        libarticle.parse(text, **opts)
    e = info.value
    assert isinstance(e, ParseError)
    assert e.code == code
    assert e.family == {EncodingError: "encoding", FrontMatterError: "front_matter",
                        LimitError: "limit", OptionsError: "system"}[cls]
    assert e.status // 100 == {"encoding": 1, "front_matter": 2, "limit": 3,
                               "system": 0}[e.family]
    assert e.message and "\n" not in e.message and not e.message.endswith(".")
    assert e.line == line
    if column is not None:
        assert e.column == column
    if e.line is None:
        assert e.column is None and e.offset is None
        assert str(e) == e.message
    else:
        assert e.column >= 1 and e.offset is not None
        assert str(e) == "%d:%d: %s" % (e.line, e.column, e.message)
        # The offset and the line/column name the same place.
        src = text if isinstance(text, str) else text.decode("utf-8", "replace")
        before = src[:e.offset]
        assert before.count("\n") + 1 == e.line
        assert len(before) - (before.rfind("\n") + 1) + 1 == e.column
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is cls and copy.code == e.code and str(copy) == str(e)


def test_every_family_has_its_class():
    assert {c.family for c in (EncodingError, FrontMatterError, LimitError,
                               ArticleSystemError)} == {"encoding", "front_matter", "limit",
                                                       "system"}
    assert issubclass(OptionsError, ValueError) and issubclass(OptionsError, ArticleSystemError)
    assert issubclass(ReadError, OSError) and issubclass(ReadError, ArticleSystemError)
    assert issubclass(OutOfMemoryError, MemoryError)


def test_error_offsets_are_characters_in_a_str():
    text = "---\ntitle: \u00e9\u00e9\u00e9\ntitle: again\n---\n"
    with pytest.raises(FrontMatterError) as info:
        libarticle.parse(text)
    e = info.value
    assert (e.line, e.column) == (3, 1)
    assert text[e.offset:].startswith("title: again")
    with pytest.raises(FrontMatterError) as info:
        libarticle.parse(text.encode())
    assert info.value.offset == e.offset + 3  # bytes: three 2-byte characters before


def test_lone_surrogate_is_an_encoding_error():
    text = "\u00e9\u00e9 \ud800 x"
    with pytest.raises(EncodingError) as info:
        libarticle.parse(text)
    e = info.value
    assert e.code == "utf8"
    assert e.offset == 3 and text[e.offset] == "\ud800"
    assert (e.line, e.column) == (1, 4)


def test_read_error(tmp_path):
    missing = tmp_path / "missing.md"
    with pytest.raises(ReadError) as info:
        libarticle.parse_file(missing)
    e = info.value
    assert isinstance(e, OSError) and isinstance(e, ParseError)
    assert e.code == "io" and e.family == "system" and e.path == str(missing)
    assert "No such file" in e.message or "cannot" in e.message
    assert str(e).startswith(str(missing) + ": ")
    with pytest.raises(ReadError):
        libarticle.parse_file(tmp_path)  # a folder
    assert pickle.loads(pickle.dumps(e)).path == str(missing)


def test_parse_file_error_positions(tmp_path):
    p = tmp_path / "dup.md"
    p.write_text("---\nt: \u00fc\u00fc\nt: 2\n---\n", encoding="utf-8")
    with pytest.raises(FrontMatterError) as info:
        libarticle.parse_file(p)
    e = info.value
    assert (e.line, e.column, e.offset) == (3, 1, 10)  # characters, as for a str
    assert str(e) == "%s:3:1: %s" % (p, e.message)


def test_out_of_memory_maps_to_memory_error():
    from libarticle import _core
    from libarticle._native import ffi, lib
    err = ffi.new("article_error *")
    err.code = lib.ARTICLE_ERR_NOMEM
    e = _core._error(lib.ARTICLE_ERR_NOMEM, err)
    assert isinstance(e, OutOfMemoryError) and isinstance(e, MemoryError)
    assert e.code == "nomem" and e.message  # the generic description when none is given
    e = _core._error(lib.ARTICLE_ERR_INVALID_ARGUMENT, err)
    assert isinstance(e, OptionsError)
    e = _core._error(999, err)
    assert type(e) is ArticleSystemError and e.code == "unknown"
