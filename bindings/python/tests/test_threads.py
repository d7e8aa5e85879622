"""Parsing in several threads at once; one article read from several threads."""
import threading
from concurrent.futures import ThreadPoolExecutor

import libarticle
from samples import FULL, UNICODE

THREADS = 4


def variants():
    out = []
    for i in range(40):
        out.append(FULL.replace("Jane Doe", "Speaker %d" % i) + ("\nMore %d.\n" % i) * i)
        out.append(UNICODE + ("\n“Line %d,” said Zoë.\n" % i) * (i % 5))
    return out


def summary(text):
    a = libarticle.parse(text)
    return (a.to_json(), [b.text for b in a.blocks],
            [(q.start, q.end, q.speaker.text if q.speaker else None) for q in a.quotes])


def test_parse_in_threads():
    texts = variants()
    expected = [summary(t) for t in texts]
    with ThreadPoolExecutor(THREADS) as pool:
        for _ in range(3):
            assert list(pool.map(summary, texts)) == expected


def test_one_article_from_many_threads():
    a = libarticle.parse(UNICODE * 50)
    expected = (a.to_json(), a.html(), [(q.start, q.text) for q in a.quotes])
    a2 = libarticle.parse(UNICODE * 50)  # fresh: html, json and the offset table are lazy
    barrier = threading.Barrier(THREADS)

    def read(_):
        barrier.wait()
        return (a2.to_json(), a2.html(), [(q.start, q.text) for q in a2.quotes])
    with ThreadPoolExecutor(THREADS) as pool:
        assert all(r == expected for r in pool.map(read, range(THREADS)))


def test_parse_releases_the_gil():
    # While one thread is inside article_parse, another keeps running Python code: the
    # longest pause of the spinning main thread stays far below the parse's duration
    # (holding the GIL, the parse would stop it for the whole call).
    import time
    big = ("Some words here, and more words there. " * 20 + "\n\n") * 5000  # ~4 MB
    window = []

    def parse():
        t0 = time.perf_counter()
        libarticle.parse(big)
        window.append((t0, time.perf_counter()))
    t = threading.Thread(target=parse)
    now = time.perf_counter
    stamps = []
    t.start()
    while t.is_alive():
        stamps.append(now())
    t.join()
    start, end = window[0]
    inside = [x for x in stamps if start <= x <= end]
    points = [start] + inside + [end]
    longest = max(b - a for a, b in zip(points, points[1:]))
    assert end - start > 0.02, "parse too quick to tell"
    assert longest < (end - start) / 2, (longest, end - start, len(inside))
