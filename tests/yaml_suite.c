/* Conformance of the front matter loader against the YAML test suite (a flattened copy:
 * one folder per case holding in.yaml, and in.json for valid cases or an empty `error`
 * file for invalid ones). Each in.yaml is parsed as the front matter of an article.
 *
 * Every case gets an outcome: for a valid case "exact" (its mapping equals in.json),
 * "differs", "unchecked" (no single in.json document to compare with), "skipped" (a
 * line of it reads --- or ..., which would end the front matter) or the error name of
 * its refusal (e.g. "yaml_not_mapping"); for an error case "rejected", "accepted" or
 * "skipped". The expected-results file lists every case whose outcome is not the ideal
 * one (exact, rejected), with the reason; the run fails when any outcome differs from
 * that file, in either direction. Prints the figures. Exit code 77 (skipped) when the
 * suite folder is missing.
 *
 * Usage: yaml_suite [FOLDER [EXPECTED]] [--write]; --write prints the outcomes in the
 * expected file's format instead of comparing. The environment variables
 * ARTICLE_YAML_SUITE and ARTICLE_YAML_SUITE_EXPECTED override the paths. */
#include "json_value.h"
#include "libarticle.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SKIPPED 77
#define MAX_LISTED 400

/* ---- files ------------------------------------------------------------------------------- */

static char *read_file(const char *dir, const char *id, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", dir, id, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

static bool exists(const char *dir, const char *id, const char *name) {
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s/%s", dir, id, name);
    return stat(path, &st) == 0;
}

/* Whether a line of the text reads `---` or `...` (with trailing blanks): as front matter
 * it would end the block early. */
static bool has_delimiter_line(const char *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && s[e] != '\n' && s[e] != '\r')
            e++;
        if (e - i >= 3 && (s[i] == '-' || s[i] == '.') && s[i + 1] == s[i] &&
            s[i + 2] == s[i]) {
            size_t k = i + 3;
            while (k < e && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (k == e)
                return true;
        }
        i = e;
        if (i < len && s[i] == '\r')
            i++;
        if (i < len && s[i] == '\n')
            i++;
    }
    return false;
}

/* ---- in.json against the metadata ------------------------------------------------------ */

/* Whether the value read from in.json equals the loaded one; numbers compare as doubles. */
static bool equals(const json_value *j, const article_value *v) {
    article_value_type t = article_value_get_type(v);
    switch (j->type) {
    case JSON_OBJECT:
    case JSON_ARRAY: {
        bool map = j->type == JSON_OBJECT;
        if (t != (map ? ARTICLE_VALUE_MAPPING : ARTICLE_VALUE_SEQUENCE) ||
            article_value_count(v) != j->count)
            return false;
        for (size_t i = 0; i < j->count; i++) {
            const json_value *m = &j->items[i];
            const article_value *item =
                map ? article_value_getn(v, m->key, m->key_length) : article_value_at(v, i);
            if (!item || !equals(m, item))
                return false;
        }
        return true;
    }
    case JSON_STRING: {
        if (t != ARTICLE_VALUE_STRING)
            return false;
        size_t vlen;
        const char *vs = article_value_string(v, &vlen);
        return vlen == j->length && memcmp(vs, j->string, vlen) == 0;
    }
    case JSON_BOOL:
        return t == ARTICLE_VALUE_BOOL && (article_value_bool(v) != 0) == j->boolean;
    case JSON_NULL:
        return t == ARTICLE_VALUE_NULL;
    case JSON_NUMBER:
        return (t == ARTICLE_VALUE_INT || t == ARTICLE_VALUE_FLOAT) &&
               article_value_float(v) == j->number;
    }
    return false;
}

/* ---- the run ------------------------------------------------------------------------------ */

typedef struct tally {
    size_t n;
    char ids[MAX_LISTED][32];
} tally;

static void note(tally *t, const char *id) {
    if (t->n < MAX_LISTED)
        snprintf(t->ids[t->n], sizeof t->ids[0], "%s", id);
    t->n++;
}

static void list(const char *label, const tally *t) {
    printf("  %-44s %4zu", label, t->n);
    size_t shown = t->n < MAX_LISTED ? t->n : MAX_LISTED;
    for (size_t i = 0; i < shown && i < 12; i++)
        printf("%s%s", i ? " " : "  ", t->ids[i]);
    if (t->n > 12)
        printf(" ...");
    printf("\n");
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the expected-results file ---------------------------------------------------------- */

typedef struct expected {
    char id[32];
    char outcome[40];
    bool seen;
} expected;

/* Lines "ID OUTCOME  # reason"; blank lines and lines starting with '#' are comments. */
static expected *read_expected(const char *path, size_t *count) {
    *count = 0;
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f)
        return NULL;
    size_t cap = 64;
    expected *e = malloc(cap * sizeof *e);
    char line[1024];
    while (e && fgets(line, sizeof line, f)) {
        char id[32], outcome[40];
        if (line[0] == '#' || sscanf(line, "%31s %39s", id, outcome) != 2)
            continue;
        if (*count == cap) {
            cap *= 2;
            expected *n = realloc(e, cap * sizeof *e);
            if (!n) {
                free(e);
                e = NULL;
                break;
            }
            e = n;
        }
        snprintf(e[*count].id, sizeof e[0].id, "%s", id);
        snprintf(e[*count].outcome, sizeof e[0].outcome, "%s", outcome);
        e[*count].seen = false;
        (*count)++;
    }
    fclose(f);
    return e;
}

static const char *reason_for(const char *outcome) {
    if (strcmp(outcome, "skipped") == 0)
        return "a line reads --- or ...: cannot be front matter";
    if (strcmp(outcome, "accepted") == 0)
        return "libyaml 0.2.5 accepts it";
    if (strcmp(outcome, "yaml_not_mapping") == 0)
        return "top level is not a mapping: front matter must be one";
    if (strcmp(outcome, "yaml_complex_key") == 0)
        return "a key that is a collection: metadata keys are strings";
    if (strcmp(outcome, "yaml_multiple_documents") == 0)
        return "more than one document";
    if (strcmp(outcome, "yaml_syntax") == 0)
        return "libyaml 0.2.5 rejects valid YAML";
    if (strcmp(outcome, "unchecked") == 0)
        return "no single in.json document to compare with";
    if (strcmp(outcome, "differs") == 0)
        return "libyaml 0.2.5 reads it differently";
    return "refused";
}

int main(int argc, char **argv) {
    bool write = false;
    const char *args[2] = {NULL, NULL};
    int nargs = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0)
            write = true;
        else if (nargs < 2)
            args[nargs++] = argv[i];
    }
    const char *dir = getenv("ARTICLE_YAML_SUITE");
    if (!dir || !*dir)
        dir = args[0];
    const char *exp_path = getenv("ARTICLE_YAML_SUITE_EXPECTED");
    if (!exp_path || !*exp_path)
        exp_path = args[1];
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        printf("yaml_suite: no test suite folder (%s); skipped\n", dir ? dir : "none given");
        return SKIPPED;
    }
    size_t nexp = 0;
    expected *exp = NULL;
    if (!write) {
        exp = read_expected(exp_path, &nexp);
        if (!exp) {
            printf("yaml_suite: cannot read the expected results (%s)\n",
                   exp_path ? exp_path : "none given");
            closedir(d);
            return 1;
        }
    }
    char **ids = NULL;
    size_t nids = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || !exists(dir, de->d_name, "in.yaml"))
            continue;
        if (nids == cap) {
            cap = cap ? cap * 2 : 512;
            char **n = realloc(ids, cap * sizeof *ids);
            if (!n)
                return 1;
            ids = n;
        }
        ids[nids++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(ids, nids, sizeof *ids, by_name);

    static tally valid, valid_skipped, loaded, not_mapping, other_err, compared, equal,
        different, invalid, invalid_skipped, rejected, accepted;
    size_t by_code[400] = {0};
    size_t mismatches = 0;
    if (write)
        printf("# yaml-test-suite cases whose outcome as front matter is not the ideal one\n"
               "# (exact for valid cases, rejected for error cases). Written by\n"
               "# `yaml_suite FOLDER --write`, then the reasons of single cases filled in by "
               "hand.\n# Outcomes: skipped (a line reads --- or ..., which ends a front matter "
               "block), an error\n# name (the case was refused), differs, unchecked (no "
               "single in.json document), accepted.\n");
    for (size_t i = 0; i < nids; i++) {
        const char *id = ids[i];
        size_t ylen;
        char *yaml = read_file(dir, id, "in.yaml", &ylen);
        if (!yaml)
            continue;
        bool must_fail = exists(dir, id, "error");
        note(must_fail ? &invalid : &valid, id);
        const char *outcome;
        if (has_delimiter_line(yaml, ylen)) {
            note(must_fail ? &invalid_skipped : &valid_skipped, id);
            free(yaml);
            outcome = "skipped";
            goto judge;
        }
        size_t tlen = 4 + ylen + 1 + 4;
        char *text = malloc(tlen + 1);
        if (!text)
            return 1;
        memcpy(text, "---\n", 4);
        memcpy(text + 4, yaml, ylen);
        size_t n = 4 + ylen;
        if (ylen && yaml[ylen - 1] != '\n' && yaml[ylen - 1] != '\r')
            text[n++] = '\n';
        memcpy(text + n, "---\n", 4);
        n += 4;
        free(yaml);

        article *a = NULL;
        article_error err;
        article_status st = article_parse(text, n, NULL, &a, &err);
        outcome = "unchecked";
        if (must_fail) {
            note(st != ARTICLE_OK ? &rejected : &accepted, id);
            outcome = st != ARTICLE_OK ? "rejected" : "accepted";
        } else if (st == ARTICLE_OK) {
            note(&loaded, id);
            size_t jlen;
            char *js = read_file(dir, id, "in.json", &jlen);
            /* NULL also for more than one document */
            json_value *doc = js ? json_parse(js, jlen) : NULL;
            if (doc && doc->type == JSON_OBJECT) {
                bool eq = equals(doc, article_metadata(a));
                note(&compared, id);
                note(eq ? &equal : &different, id);
                outcome = eq ? "exact" : "differs";
            }
            json_free(doc);
            free(js);
        } else {
            if ((unsigned)st < sizeof by_code / sizeof by_code[0])
                by_code[st]++;
            note(st == ARTICLE_ERR_YAML_NOT_MAPPING ? &not_mapping : &other_err, id);
            outcome = article_status_name(st);
        }
        article_free(a);
        free(text);
    judge:;
        bool ideal = strcmp(outcome, must_fail ? "rejected" : "exact") == 0;
        if (write) {
            if (!ideal)
                printf("%-10s %-26s # %s\n", id, outcome, reason_for(outcome));
            continue;
        }
        const char *want = must_fail ? "rejected" : "exact";
        for (size_t k = 0; k < nexp; k++)
            if (strcmp(exp[k].id, id) == 0) {
                want = exp[k].outcome;
                exp[k].seen = true;
                break;
            }
        if (strcmp(want, outcome) != 0) {
            printf("yaml_suite: %s: %s, expected %s\n", id, outcome, want);
            mismatches++;
        }
    }
    for (size_t k = 0; k < nexp; k++)
        if (!exp[k].seen) {
            printf("yaml_suite: %s is listed in the expected results but not in the suite\n",
                   exp[k].id);
            mismatches++;
        }
    if (write)
        goto done;

    printf("yaml-test-suite in %s: %zu cases, each in.yaml read as front matter\n", dir, nids);
    printf("valid cases\n");
    list("all", &valid);
    list("skipped: a line reads --- or ...", &valid_skipped);
    list("loaded", &loaded);
    list("rejected: top level is not a mapping", &not_mapping);
    list("rejected otherwise", &other_err);
    for (size_t c = 0; c < sizeof by_code / sizeof by_code[0]; c++)
        if (by_code[c] && c != ARTICLE_ERR_YAML_NOT_MAPPING)
            printf("    %-42s %4zu\n", article_status_name((article_status)c), by_code[c]);
    list("loaded mappings with one in.json document", &compared);
    list("equal to in.json", &equal);
    list("different from in.json", &different);
    printf("error cases\n");
    list("all", &invalid);
    list("skipped: a line reads --- or ...", &invalid_skipped);
    list("rejected", &rejected);
    list("accepted", &accepted);
    printf("outcomes different from %s: %zu\n", exp_path, mismatches);
done:
    for (size_t i = 0; i < nids; i++)
        free(ids[i]);
    free(ids);
    free(exp);
    return mismatches ? 1 : 0;
}
