#!/usr/bin/env python3
"""Write the benchmark corpus: news-like articles with front matter, quotations,
headings, lists, tables and links. Deterministic: the same seed gives the same bytes.

Usage: gen_corpus.py OUTDIR [--count 2000] [--seed 7]

OUTDIR gets small/NNNN.md (the small articles, ~5 KB each), large.md (~5 MB) and
large-10.md / large-20.md (~10 and ~20 MB, for the linearity check).
"""
import argparse
import os
import random

NAMES = ["Maria Alvarez", "John Okafor", "Li Wei", "Sarah Lindqvist", "David Cohen",
         "Amina Yusuf", "Peter Novak", "Grace Kim", "Rahul Mehta", "Elena Petrova",
         "Tom Brennan", "Fatima Haddad", "Lucas Moreau", "Hannah Schultz", "Kwame Mensah"]
TITLES = ["the mayor", "a spokeswoman for the ministry", "the committee chair",
          "a senior economist", "the company's chief executive", "a local teacher",
          "the head of the union", "a police spokesman", "the governor", "a resident"]
ORGS = ["the city council", "the central bank", "the Health Ministry", "the port authority",
        "the university", "the transit agency", "the state legislature", "the court"]
CATEGORIES = ["Politics", "Business", "Science", "Health", "World", "Local", "Sports"]
TAGS = ["budget", "climate", "elections", "housing", "energy", "transport", "schools",
        "courts", "trade", "health", "technology", "water", "labor", "tourism"]
WORDS = ("the a of to in and that for on with as by at from its was is said would will "
         "has have been after over new more than about year years city government people "
         "officials plan report week month percent million billion state public money "
         "price prices workers families residents project proposal vote council meeting "
         "data increase decline record support opposition policy measure law rules agency "
         "board program funding costs tax taxes spending road rail bridge school hospital "
         "water power grid market demand supply growth rate rates inflation jobs wages "
         "survey study analysis statement letter hearing decision review investigation "
         "announced expected reported warned argued noted added called described "
         "earlier later recent local national regional federal major small large early "
         "late first second last next several many most some other").split()
VERBS = ["said", "told reporters", "said in a statement", "wrote", "added", "argued"]


def sentence(r, lo=8, hi=22):
    n = r.randint(lo, hi)
    ws = [r.choice(WORDS) for _ in range(n)]
    if r.random() < 0.3:
        ws[r.randrange(n)] = r.choice(ORGS)
    if r.random() < 0.2:
        ws[r.randrange(n)] = str(r.randint(2, 2024))
    s = " ".join(ws)
    return s[0].upper() + s[1:] + "."


def inline_markup(r, s):
    """Sprinkle emphasis, links and code over a sentence."""
    ws = s.split(" ")
    if len(ws) > 6 and r.random() < 0.25:
        i = r.randrange(len(ws) - 2)
        ws[i] = "*" + ws[i] + "*"
    if len(ws) > 6 and r.random() < 0.2:
        i = r.randrange(len(ws) - 3)
        ws[i] = "[" + ws[i] + " " + ws[i + 1] + "](https://example.org/news/%d)" % r.randint(
            1, 99999)
        del ws[i + 1]
    if len(ws) > 6 and r.random() < 0.1:
        i = r.randrange(len(ws) - 2)
        ws[i] = "**" + ws[i] + "**"
    return " ".join(ws)


def quote_paragraph(r):
    who = r.choice(NAMES)
    role = r.choice(TITLES)
    q = " ".join(sentence(r, 6, 16) for _ in range(r.randint(1, 2)))
    q = q[:-1] + ","
    kind = r.random()
    if kind < 0.35:
        return '"%s" %s, %s, %s. %s' % (q, who, role, r.choice(VERBS), sentence(r))
    if kind < 0.6:
        return "\u201c%s\u201d %s %s." % (q, who, r.choice(VERBS))
    if kind < 0.8:
        return '%s %s: "%s"' % (who, r.choice(["said", "wrote", "told the paper"]),
                                sentence(r, 8, 18))
    return "According to %s, %s \u201c%s\u201d" % (
        who, sentence(r, 5, 10)[:-1].lower(), sentence(r, 6, 12))


def paragraph(r):
    if r.random() < 0.35:
        return quote_paragraph(r)
    return " ".join(inline_markup(r, sentence(r)) for _ in range(r.randint(2, 5)))


def table(r):
    cols = r.randint(3, 4)
    head = ["Item", "2022", "2023", "Change"][:cols]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["--:"] * (cols - 1)) + "|"]
    for _ in range(r.randint(3, 6)):
        cells = [r.choice(WORDS).capitalize()] + [
            "%d.%d" % (r.randint(1, 999), r.randint(0, 9)) for _ in range(cols - 1)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def listing(r):
    ordered = r.random() < 0.4
    items = []
    for i in range(r.randint(3, 6)):
        mark = "%d." % (i + 1) if ordered else "-"
        items.append("%s %s" % (mark, inline_markup(r, sentence(r, 5, 14))))
    return "\n".join(items)


def body_part(r, target):
    """Markdown blocks of about `target` bytes."""
    out, size = [], 0
    while size < target:
        k = r.random()
        if k < 0.08:
            b = "## " + sentence(r, 3, 7)[:-1]
        elif k < 0.14:
            b = listing(r)
        elif k < 0.17:
            b = table(r)
        elif k < 0.21:
            b = "> " + quote_paragraph(r)
        else:
            b = paragraph(r)
        out.append(b)
        size += len(b.encode()) + 2
    return "\n\n".join(out) + "\n"


def front_matter(r, i):
    title = sentence(r, 6, 12)[:-1]
    author = r.choice(NAMES)
    tags = r.sample(TAGS, r.randint(2, 4))
    return "\n".join([
        "---",
        "title: \"%s\"" % title.replace('"', "'"),
        "subhed: %s" % sentence(r, 8, 14)[:-1],
        "author: %s" % author,
        "author-title: %s" % r.choice(["Staff Writer", "Senior Correspondent", "Editor"]),
        "date: 2024-%02d-%02dT%02d:%02d:00Z" % (r.randint(1, 12), r.randint(1, 28),
                                               r.randint(0, 23), r.randint(0, 59)),
        "category: %s" % r.choice(CATEGORIES),
        "layout: post",
        "tags: [%s]" % ", ".join(tags),
        "featured-image:",
        "  path: https://example.org/images/%06d.jpg" % i,
        "  cutline: %s" % sentence(r, 6, 12),
        "  credit: %s" % r.choice(NAMES),
        "---",
        "",
    ])


def article(r, i, body_size):
    return front_matter(r, i) + "\n" + body_part(r, body_size)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    r = random.Random(args.seed)
    small = os.path.join(args.outdir, "small")
    os.makedirs(small, exist_ok=True)
    for i in range(args.count):
        with open(os.path.join(small, "%04d.md" % i), "w", encoding="utf-8") as f:
            f.write(article(r, i, 4400))
    # The large articles share their beginning: the 10 and 20 MB ones extend the 5 MB one,
    # so the per-MB times compare like with like.
    big = front_matter(r, 0) + "\n"
    parts = [body_part(r, 1 << 20) for _ in range(20)]
    for name, mb in (("large.md", 5), ("large-10.md", 10), ("large-20.md", 20)):
        with open(os.path.join(args.outdir, name), "w", encoding="utf-8") as f:
            f.write(big + "\n".join(parts[:mb]))


if __name__ == "__main__":
    main()
