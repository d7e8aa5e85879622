"""Lifetime: children keep the article alive, close() frees it, laziness, no growth."""
import gc
import os
import weakref

import pytest

import libarticle
from libarticle import ArticleClosedError, _core
from samples import FULL


def children_of_a_dropped_article():
    a = libarticle.parse(FULL)
    return a.blocks[1], a.quotes[0], a.quotes[0].speaker, a.blocks


def test_children_outlive_the_article_variable():
    block, quote, speaker, blocks = children_of_a_dropped_article()
    gc.collect()
    assert block.text == '"We will finish," Jane Doe said.'
    assert quote.text == "We will finish," and quote.block == block
    assert speaker.text == "Jane Doe"
    assert len(blocks) == 34 and blocks[0].text == "The vote"


def test_freed_when_the_last_object_goes_without_the_cycle_collector():
    gc.disable()
    try:
        a = libarticle.parse(FULL)
        doc = weakref.ref(a._d)
        q = a.quotes[0]
        blocks = list(a.blocks)
        a.metadata, a.html(), q.speaker, [b.children for b in blocks]
        del a
        assert doc() is not None  # the quote and blocks still hold it
        del q, blocks
        assert doc() is None  # no reference cycle: freed at once
        u = libarticle.parse("é " + FULL)
        udoc = weakref.ref(u._d)
        assert u.quotes[0].start > 0  # builds the lazy offset table
        del u
        assert udoc() is None
    finally:
        gc.enable()


def test_close_and_context_manager():
    with libarticle.parse(FULL) as a:
        block = a.blocks[0]
        quote = a.quotes[0]
        speaker = quote.speaker
        blocks = a.blocks
        assert not a.closed
    assert a.closed
    for get in (lambda: a.title, lambda: a.blocks, lambda: a.quotes, lambda: a.metadata,
                lambda: a.html(), lambda: a.to_json(), lambda: a.to_dict(),
                lambda: a.warnings, lambda: a.stats, lambda: a.image, lambda: a.tags,
                lambda: block.text, lambda: block.start, lambda: block.children,
                lambda: block.parent, lambda: quote.text, lambda: quote.speaker,
                lambda: quote.spans, lambda: speaker.name, lambda: speaker.start,
                lambda: blocks[0], lambda: list(blocks), lambda: a.front_matter_span):
        with pytest.raises(ArticleClosedError, match="closed"):
            get()
    assert issubclass(ArticleClosedError, ValueError)
    a.close()  # twice: nothing
    assert "closed" in repr(a) and "closed" in repr(block) and "closed" in repr(quote)
    with pytest.raises(ArticleClosedError):
        with a:
            pass


def test_close_frees_at_once():
    a = libarticle.parse(FULL)
    q = a.quotes[0]
    a.close()
    assert a._d.ptr is None and q._d.ptr is None


def test_only_what_is_asked_for_is_built(monkeypatch):
    made = []
    for cls in (libarticle.Block, libarticle.Quote, libarticle.Speaker):
        orig = cls.__init__

        def counting(self, *args, _orig=orig):
            made.append(type(self).__name__)
            _orig(self, *args)
        monkeypatch.setattr(cls, "__init__", counting)
    for _ in range(200):
        a = libarticle.parse(FULL)
        assert a.title
    assert made == []
    a = libarticle.parse(FULL)
    assert len(a.blocks) == 34 and len(a.quotes) == 1
    assert made == []
    a.blocks[5]
    assert made == ["Block"]
    a.quotes[0].speaker
    assert made == ["Block", "Quote", "Speaker"]


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_no_growth_in_a_parse_loop():
    text = "é " + FULL

    def work(n):
        for _ in range(n):
            a = libarticle.parse(text)
            for b in a.blocks:
                b.text, b.start, b.children
            for q in a.quotes:
                q.text, q.start, q.speaker and q.speaker.name
            a.metadata, a.html(), a.to_dict(), a.warnings
    work(200)  # warm up allocator pools and caches
    gc.collect()
    before = rss_kib()
    work(2000)
    gc.collect()
    grown = rss_kib() - before
    # 2000 articles of ~1 KB leaking would add MBs; allow for allocator noise.
    assert grown < 2048, "RSS grew by %d KiB" % grown


def test_the_doc_holds_no_article():
    # What makes the cycle-free graph: _Doc's slots point at no Python object of ours.
    a = libarticle.parse("é " + FULL)
    a.quotes[0].start
    refs = gc.get_referents(a._d)
    assert not any(isinstance(r, (libarticle.Article, libarticle.Block, libarticle.Quote,
                                  libarticle.Blocks, libarticle.Quotes)) for r in refs)
    assert isinstance(a._d, _core._Doc)
