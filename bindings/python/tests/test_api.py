"""Every accessor, on articles written for the purpose."""
import datetime
import math
import pickle

import pytest

import libarticle
from libarticle import Block, Quote, Speaker
from samples import FULL, MINIMAL, UNICODE


@pytest.fixture(scope="module")
def full():
    return libarticle.parse(FULL)


def test_fields(full):
    assert full.title == "Council approves the new bridge"
    assert full.subhed == "Work starts in spring"
    assert full.author == "Jane Reporter"
    assert full.authors == ["Jane Reporter", "Sam Writer"]
    assert full.author_title == "City editor"
    assert full.date == "2024-05-01 14:30:00 +02:00"
    assert full.category == "Local"
    assert full.tags == ["bridges", "council"]
    assert full.layout == "post"
    assert full.permalink == "council-bridge"
    assert full.excerpt == "The vote was 7 to 2."


def test_date_parsed():
    d = libarticle.parse(FULL).date_parsed
    tz = datetime.timezone(datetime.timedelta(hours=2))
    assert d == datetime.datetime(2024, 5, 1, 14, 30, 0, tzinfo=tz)
    assert d.utcoffset() == datetime.timedelta(hours=2)
    assert libarticle.parse("---\ndate: 2024-02-29\n---\n").date_parsed == \
        datetime.date(2024, 2, 29)
    naive = libarticle.parse("---\ndate: 2024-02-29T08:01:02.5\n---\n").date_parsed
    assert naive == datetime.datetime(2024, 2, 29, 8, 1, 2, 500000)
    assert naive.tzinfo is None
    assert libarticle.parse("---\ndate: last week\n---\n").date_parsed is None
    assert libarticle.parse(MINIMAL).date_parsed is None


def test_image(full):
    img = full.image
    assert isinstance(img, libarticle.Image)
    assert img == ("/img/bridge.jpg", "The old bridge", "City archive", "A steel bridge")
    assert img.path == "/img/bridge.jpg" and img.alt == "A steel bridge"
    only_path = libarticle.parse("---\nimage: /a.png\n---\n").image
    assert only_path == libarticle.Image("/a.png", None, None, None)
    assert libarticle.parse(MINIMAL).image is None


def test_metadata(full):
    m = full.metadata
    assert type(m) is dict
    assert list(m)[:4] == ["title", "subhed", "author", "authors"]  # document order
    assert m["author"] == {"name": "Jane Reporter"}
    assert m["authors"] == ["Jane Reporter", {"name": "Sam Writer"}]
    assert m["budget"] == 12.5 and type(m["budget"]) is float
    assert m["votes"] == 7 and type(m["votes"]) is int
    assert m["approved"] is True
    assert m["notes"] is None
    assert m["date"] == "2024-05-01 14:30:00 +02:00"
    assert m["copy"] == m["base"] == {"river": "Elm"}
    assert full.metadata is m  # built once
    assert libarticle.parse(MINIMAL).metadata == {}


def test_metadata_scalars():
    m = libarticle.parse("---\nhex: 0x1F\nneg: -3\nbig: 123456789012345678901234567890\n"
                         "inf: .inf\nnan: .NaN\nno: no\nempty:\nq: '12'\n"
                         "nested: [[1, [2, [3]]], {a: {b: [true, false]}}]\n---\n").metadata
    assert m["hex"] == 31 and m["neg"] == -3
    assert m["big"] == "123456789012345678901234567890"  # beyond int64: kept as text
    assert m["inf"] == math.inf and math.isnan(m["nan"])
    assert m["no"] == "no" and m["empty"] is None and m["q"] == "12"
    assert m["nested"] == [[1, [2, [3]]], {"a": {"b": [True, False]}}]


def test_deep_metadata_needs_no_recursion():
    depth = 3000
    text = "---\nk: " + "[" * depth + "1" + "]" * depth + "\n---\n"
    v = libarticle.parse(text, max_yaml_depth=depth + 1).metadata["k"]
    for _ in range(depth):
        assert len(v) == 1
        v = v[0]
    assert v == 1


def test_front_matter_span(full):
    start, end = full.front_matter_span
    assert start == 0 and FULL[start:end].startswith("---\n")
    assert FULL[start:end].rstrip("\n").endswith("---")
    assert libarticle.parse(MINIMAL).front_matter_span is None


def test_blocks(full):
    blocks = full.blocks
    assert isinstance(blocks, libarticle.Blocks)
    assert len(blocks) == 34
    types = [b.type for b in blocks]
    assert set(types) == set(libarticle.BLOCK_TYPES)
    assert all(isinstance(b, Block) for b in blocks)
    assert blocks[-1].index == 33 and blocks[-34].index == 0
    assert [b.index for b in blocks[2:5]] == [2, 3, 4]
    with pytest.raises(IndexError):
        blocks[34]
    with pytest.raises(IndexError):
        blocks[-35]
    assert blocks[1] == blocks[1] and blocks[1] != blocks[2]
    assert len({blocks[1], blocks[1]}) == 1


def test_block_fields(full):
    b = full.blocks
    h = b[0]
    assert (h.type, h.text, h.level, h.depth, h.parent, h.parent_index) == \
        ("heading", "The vote", 1, 0, None, None)
    assert FULL[h.start:h.end] == "# The vote" == h.source
    p = b[1]
    assert p.text == '"We will finish," Jane Doe said.' and p.level is None
    bullets, numbers, tasks = b[2], b[7], b[12]
    assert (bullets.type, bullets.ordered, bullets.list_start, bullets.tight) == \
        ("list", False, 0, True)
    assert (numbers.ordered, numbers.list_start) == (True, 1)
    assert [c.type for c in bullets.children] == ["item", "item"]
    assert [c.children[0].text for c in bullets.children] == ["first", "second"]
    assert bullets.descendants == 4
    assert bullets.children[0].parent == bullets
    assert bullets.children[0].children[0].depth == 2
    assert [c.task for c in tasks.children] == ["open", "done"]
    assert bullets.children[0].task is None and p.task is None and p.ordered is None
    code = b[17]
    assert (code.type, code.text, code.info) == ("code", 'print("hi")', "python")
    assert b[18].type == "html" and b[18].text == "<div>raw</div>" and b[18].info is None
    assert b[19].type == "thematic_break" and b[19].text == ""
    assert b[20].type == "block_quote" and b[20].children[0].text == "A quoted block."
    table = b[22]
    rows = table.children
    assert [r.header for r in rows] == [True, False]
    assert [c.text for c in rows[0].children] == ["Left", "Middle", "Right"]
    assert [c.align for c in rows[1].children] == ["left", "center", "right"]
    assert table.header is None and rows[0].align is None
    note = b[32]
    assert (note.type, note.label, note.info) == ("footnote_definition", "1", None)
    assert note.children[0].text == "The note."
    # Every block's span lies in its parent's.
    for blk in b:
        assert 0 <= blk.start <= blk.end <= len(FULL)
        if blk.parent is not None:
            assert blk.parent.start <= blk.start <= blk.end <= blk.parent.end
            assert blk.depth == blk.parent.depth + 1
    assert "paragraph" in repr(p)


def test_quote_unambiguous(full):
    quotes = full.quotes
    assert isinstance(quotes, libarticle.Quotes) and len(quotes) == 1
    q = quotes[0]
    assert isinstance(q, Quote)
    assert q.text == "We will finish,"
    assert FULL[q.start:q.end] == "We will finish," == q.source
    assert q.spans == [(q.start, q.end)]
    assert q.block == full.blocks[1] and q.block_index == 1
    assert q.attribution == "direct"
    assert q.cue == "said" and FULL[q.cue_start:q.cue_end] == "said"
    s = q.speaker
    assert isinstance(s, Speaker)
    assert s.text == "Jane Doe" and FULL[s.start:s.end] == "Jane Doe"
    assert s.type in libarticle.SPEAKER_TYPES
    assert s.type == "name"
    assert s.name == "Jane Doe" and FULL[s.name_start:s.name_end] == "Jane Doe"


def test_quote_without_speaker():
    a = libarticle.parse('The sign read "closed" all week.\n')
    q = a.quotes[0]
    assert q.text == "closed"
    assert q.speaker is None and q.cue is None
    assert q.cue_start is None and q.cue_end is None
    assert q.attribution == "none"


QUOTES = """\
Mayor Ann Lee opened the meeting. "We are ready," she said. "The money is there."

"It is too late," said the spokeswoman for the builders.

\u201cA quote over two paragraphs starts here.

\u201cAnd it ends here,\u201d Ann Lee said.
"""


def test_quote_invariants():
    a = libarticle.parse(QUOTES)
    assert len(a.quotes) >= 3
    prev_end = 0
    for q in a.quotes:
        assert q.attribution in libarticle.ATTRIBUTIONS
        assert q.start >= prev_end
        prev_end = q.end
        assert q.spans[0][0] == q.start and q.spans[-1][1] == q.end
        block = q.block
        assert block.start <= q.start and q.spans[0][1] <= block.end
        joined = " ".join(QUOTES[s:e] for s, e in q.spans)
        assert q.text == joined
        s = q.speaker
        if q.attribution == "none":
            assert s is None
        else:
            assert s is not None
            assert QUOTES[s.start:s.end] == s.text
            assert s.type in libarticle.SPEAKER_TYPES
            if s.name is None:
                assert s.name_start is None and s.name_end is None
            else:
                assert QUOTES[s.name_start:s.name_end] == s.name
        if q.cue is not None:
            assert QUOTES[q.cue_start:q.cue_end] == q.cue
        if q.attribution == "direct":
            assert q.cue is not None
    multi = [q for q in a.quotes if len(q.spans) > 1]
    assert multi and multi[0].text.startswith("A quote over two paragraphs starts here.")
    assert "Quote" in repr(a.quotes[0])


def test_no_quotes_option():
    assert len(libarticle.parse(QUOTES, quotes=False).quotes) == 0


def test_stats_and_warnings():
    a = libarticle.parse(FULL)
    assert a.stats == libarticle.Stats(31, 1)
    assert a.stats.words == 31 and a.stats.reading_minutes == 1
    assert a.warnings == []
    text = "---\nfeatured-image:\n  path: /a.png\n  width: 3\n---\n\n\u00e9 \"open\n"
    w = libarticle.parse(text).warnings
    assert [x.code for x in w] == ["unknown_image_key", "unbalanced_quote"]
    assert all(isinstance(x, libarticle.ParseWarning) for x in w)
    assert "width" in w[0].message
    assert text[w[0].offset:].startswith("width")
    assert (w[0].line, w[0].column) == (4, 3)
    assert text[w[1].offset] == '"'
    assert (w[1].line, w[1].column) == (7, 3)
    assert set(libarticle.WARNING_CODES) >= {"unbalanced_quote", "field_type"}
    assert libarticle.parse("").stats == (0, 0)


def test_html():
    a = libarticle.parse("Hi <b>there</b>\n\n<script>x</script>\n")
    assert a.html() == "<p>Hi <!-- raw HTML omitted -->there<!-- raw HTML omitted --></p>\n" \
        "<!-- raw HTML omitted -->\n"
    assert a.html() is a.html()
    unsafe = libarticle.parse("Hi <b>there</b>\n", unsafe_html=True)
    assert unsafe.html() == "<p>Hi <b>there</b></p>\n"


def test_source():
    assert libarticle.parse(MINIMAL).source is MINIMAL
    data = MINIMAL.encode()
    assert libarticle.parse(data).source is data
    assert libarticle.parse(bytearray(data)).source == data
    assert libarticle.parse(memoryview(data)).source == data


def test_parse_file(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(UNICODE, encoding="utf-8")
    for arg in (p, str(p), bytes(p)):
        a = libarticle.parse_file(arg)
        assert a.title == "Ünïcödé 🚀"
        assert a.source == UNICODE
        q = a.quotes[-1]
        assert UNICODE[q.start:q.end] == q.text  # character offsets, as for a str
        assert a.to_json() == libarticle.parse(UNICODE).to_json()
    plain = tmp_path / "b.md"
    plain.write_text(FULL, encoding="utf-8")
    a = libarticle.parse_file(plain, quotes=False, max_blocks=100)
    assert len(a.quotes) == 0 and len(a.blocks) == 34
    with pytest.raises(ValueError):
        libarticle.parse_file("a\0b")


def test_options_validation():
    with pytest.raises(TypeError):
        libarticle.parse("x", max_things=3)
    with pytest.raises(TypeError):
        libarticle.parse("x", max_blocks="3")
    with pytest.raises(TypeError):
        libarticle.parse("x", max_blocks=True)
    with pytest.raises(ValueError):
        libarticle.parse("x", max_blocks=-1)
    with pytest.raises(ValueError):
        libarticle.parse("x", max_blocks=2**64)
    with pytest.raises(TypeError):
        libarticle.parse(3)
    a = libarticle.parse("x", max_blocks=None, max_quotes=0)  # None and 0: the default
    assert len(a.blocks) == 1
    assert libarticle.DEFAULT_LIMITS["max_blocks"] == 1000000
    assert libarticle.MAX_INPUT_SIZE == 128 * 1024 * 1024


def test_pickle():
    a = libarticle.parse(FULL, quotes=False, max_blocks=50)
    b = pickle.loads(pickle.dumps(a))
    assert b.to_json() == a.to_json() and len(b.quotes) == 0
    u = libarticle.parse(UNICODE.encode())
    assert pickle.loads(pickle.dumps(u)).source == UNICODE.encode()
    with pytest.raises(libarticle.LimitError):
        pickle.loads(pickle.dumps(libarticle.parse(FULL, max_blocks=50), 2)).blocks and \
            libarticle.parse(FULL, max_blocks=5)


def test_article_cannot_be_made_directly():
    with pytest.raises(TypeError):
        libarticle.Article()


def test_repr(full):
    assert repr(full).startswith("<Article 'Council approves the new bridge': 34 blocks")
