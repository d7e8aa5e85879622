/* headline: print an article's headline, byline, image credit and quotes.
 *
 *   headline ARTICLE.md
 *
 * A small tour of the libarticle API: parse a file, read well-known fields, walk the
 * quotes, free the article. */
#include <libarticle.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s ARTICLE.md\n", argv[0]);
        return 2;
    }

    article *a;
    article_error err;
    if (article_parse_file(argv[1], NULL, &a, &err) != ARTICLE_OK) {
        if (err.line)
            fprintf(stderr, "%s:%zu:%zu: error: %s\n", argv[1], err.line, err.column,
                    err.message);
        else
            fprintf(stderr, "%s: error: %s\n", argv[1], err.message);
        return 1;
    }

    /* Strings come with their length; they are also NUL-terminated, so printf works. */
    const char *title = article_title(a, NULL);
    printf("%s\n", title ? title : "(untitled)");

    const char *author = article_author(a, NULL);
    const char *author_title = article_author_title(a, NULL);
    if (author && author_title)
        printf("By %s, %s\n", author, author_title);
    else if (author)
        printf("By %s\n", author);

    const char *credit = article_image_credit(article_featured_image(a), NULL);
    if (credit)
        printf("Image: %s\n", credit);

    size_t n = article_quote_count(a);
    printf("\n%zu quote%s\n", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const article_quote *q = article_quote_at(a, i);
        const article_speaker *who = article_quote_speaker(q);
        printf("\"%s\"\n", article_quote_text(q, NULL));
        printf("    -- %s\n", who ? article_speaker_text(who, NULL) : "(no speaker)");
    }

    /* Everything above belongs to the article and goes away with it. */
    article_free(a);
    return 0;
}
