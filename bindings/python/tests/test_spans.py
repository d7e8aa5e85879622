"""Spans: characters into a str, bytes into bytes, with 2-, 3- and 4-byte characters."""
import json

import libarticle
from samples import UNICODE


def spans(a):
    out = [(b.start, b.end) for b in a.blocks]
    for q in a.quotes:
        out.append((q.start, q.end))
        out.extend(q.spans)
        if q.speaker:
            out.append((q.speaker.start, q.speaker.end))
        if q.cue:
            out.append((q.cue_start, q.cue_end))
    out.append(a.front_matter_span)
    return out


def test_str_spans_are_characters():
    a = libarticle.parse(UNICODE)
    assert a.title == "Ünïcödé 🚀"
    q = a.quotes[-1]
    assert q.text == "Ça va très bien, 😀 merci,"
    assert UNICODE[q.start:q.end] == q.text == q.source
    assert UNICODE[q.speaker.start:q.speaker.end] == "Zoë Ångström"
    assert UNICODE[q.cue_start:q.cue_end] == "said"
    para = a.blocks[0]
    assert UNICODE[para.start:para.end] == para.text
    first = a.quotes[0]
    assert UNICODE[first.start:first.end] == "naïve"
    start, end = a.front_matter_span
    assert UNICODE[start:end] == "---\ntitle: Ünïcödé 🚀\n---\n"


def test_bytes_spans_are_bytes():
    data = UNICODE.encode("utf-8")
    a = libarticle.parse(data)
    q = a.quotes[-1]
    assert data[q.start:q.end].decode() == q.text
    assert data[q.speaker.start:q.speaker.end].decode() == "Zoë Ångström"
    assert a.source is data


def test_str_and_bytes_spans_agree():
    data = UNICODE.encode("utf-8")
    chars = spans(libarticle.parse(UNICODE))
    raw = spans(libarticle.parse(data))
    assert len(chars) == len(raw)
    for (cs, ce), (bs, be) in zip(chars, raw):
        assert len(data[:bs].decode()) == cs
        assert len(data[:be].decode()) == ce


def test_json_offsets_stay_bytes():
    # to_json()/to_dict() are the library's JSON: byte offsets whatever the input type.
    data = UNICODE.encode("utf-8")
    d = libarticle.parse(UNICODE).to_dict()
    q = d["quotes"][-1]
    assert data[q["start"]:q["end"]].decode() == q["text"]
    assert json.loads(libarticle.parse(UNICODE).to_json()) == d


def test_warning_offsets_are_characters():
    text = "🚀🚀 “never closed\n"
    w = libarticle.parse(text).warnings
    assert [x.code for x in w] == ["unbalanced_quote"]
    assert text[w[0].offset] == "“"
    assert (w[0].line, w[0].column) == (1, 4)
    wb = libarticle.parse(text.encode()).warnings
    assert wb[0].offset == 9 and (wb[0].line, wb[0].column) == (1, 4)


def test_long_non_ascii_article():
    # Many multi-byte characters before each span: the table is built once and bisected.
    para = "Ça “va”, dit-il — ünïcödé 😀.\n\n"
    text = para * 2000
    a = libarticle.parse(text)
    assert len(a.quotes) == 2000
    for q in a.quotes[::97]:
        assert text[q.start:q.end] == "va"
    last = a.blocks[-1]
    assert text[last.start:last.end] == para.strip()


def test_ascii_offsets_need_no_table():
    a = libarticle.parse('x "a," she said.\n')
    assert a._d.tochar is int  # ASCII: offsets are the same in bytes and characters
    u = libarticle.parse('é "a," she said.\n')
    assert u._d.tochar is not int
    q = u.quotes[0]
    assert (q.start, q.end) == (3, 5)
