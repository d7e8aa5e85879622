/* Word lists for finding who said a quotation: speech verbs, titles and abbreviations,
 * pronouns and the small function words that bound a speaker's name. */
#ifndef LIBARTICLE_LEXICON_H
#define LIBARTICLE_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Classes of a word; one word may belong to several. */
enum {
    ART_LEX_CUE = 1u << 0,          /* a verb of speech, any form: said, says, told, wrote */
    ART_LEX_ABBREV = 1u << 1,       /* its period ends no sentence: Sen., Dr., Jr., Jan. */
    ART_LEX_TITLE = 1u << 2,        /* a title written before a name: senator, chair */
    ART_LEX_PRONOUN = 1u << 3,      /* a pronoun that can be a speaker: he, she, they */
    ART_LEX_DETERMINER = 1u << 4,   /* the, a, his: a noun follows, so no verb does */
    ART_LEX_BREAKER = 1u << 5,      /* never inside a speaker's name: is, that, because */
    ART_LEX_ADVERB = 1u << 6,       /* may stand between speaker and verb: also, has */
    ART_LEX_OPENER = 1u << 7,       /* opens a clause before the speaker: but, however */
    ART_LEX_PREPOSITION = 1u << 8,  /* in, at, of: starts a phrase that names no speaker */
    ART_LEX_ELISION = 1u << 9,      /* after ‘ it marks dropped letters, not a quote: em */
    ART_LEX_INVERTS = 1u << 10,     /* a verb of speech put before its subject: said X */
    ART_LEX_LISTENER = 1u << 11,    /* a verb of speech whose listener may follow: told X */
    ART_LEX_TIME = 1u << 12,        /* a word of time after a verb: said Monday, said later */
    ART_LEX_GROUP = 1u << 13,       /* a bare lower-case noun that can speak: police */
    ART_LEX_SUBORDINATOR = 1u << 14, /* opens a clause of time or manner: when, while */
    ART_LEX_OBJECT = 1u << 15,      /* an object pronoun: him, them */
    ART_LEX_REPORT = 1u << 16,      /* reports speech when a quotation follows it in the
                                     * sentence: called it "…", saying "…" */
    ART_LEX_PERSON = 1u << 17,      /* a noun for a person: aide, official, lawyer */
    ART_LEX_AFTER = 1u << 18,       /* a verb of speech only after the quotation, as a
                                     * noun or naming verb elsewhere: "…," the sign read */
    ART_LEX_ALONE = 1u << 19,       /* a determiner that can stand for its noun: another */
    ART_LEX_UNSAID = 1u << 20,      /* before "to", leaves what follows unsaid: wanted */
    ART_LEX_BACK = 1u << 21,        /* reports speech with "back": shot back, fired back */
    ART_LEX_OUT = 1u << 22          /* reports speech with "out": pointed out */
};

/* The classes of a word (ASCII letters compared without case; other bytes never match),
 * 0 when it is in no list. No allocation. */
unsigned art_lex_lookup(const char *word, size_t len);

/* Whether the table is sorted, lower-case and free of duplicates, and the slot table of
 * its hash is up to date; for the tests. */
bool art_lex_check(void);
/* Print the slot table for the word list as it is, to paste into lexicon.c. */
void art_lex_print_slots(FILE *out);

#endif
