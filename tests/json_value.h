/* A small JSON reader for the test programs that read the external suites' JSON files
 * (yaml_suite, pathological): the whole document as a tree of values. */
#ifndef ARTICLE_JSON_VALUE_H
#define ARTICLE_JSON_VALUE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum json_type {
    JSON_NULL,
    JSON_BOOL,
    JSON_NUMBER,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_type;

typedef struct json_value json_value;
struct json_value {
    json_type type;
    bool boolean;      /* JSON_BOOL */
    double number;     /* JSON_NUMBER */
    char *string;      /* JSON_STRING: decoded, NUL-terminated, may hold NUL bytes */
    size_t length;     /* its length in bytes */
    char *key;         /* a member of a JSON_OBJECT: its decoded name; NULL otherwise */
    size_t key_length; /* its length in bytes */
    json_value *items; /* JSON_ARRAY, JSON_OBJECT: the elements or members, in order */
    size_t count;
};

/* Values nested deeper than this are refused (it bounds the recursion). */
#define JSON_MAX_DEPTH 200

/* One document, a value with only white space around it, from text[0, len); text[len]
 * must be a NUL byte (numbers are read with strtod). Lenient where the suites need nothing
 * stricter: numbers are whatever strtod reads, an unknown escape stands for its character.
 * NULL when the text is not such a document or memory runs out. Free with json_free(). */
json_value *json_parse(const char *text, size_t len);
void json_free(json_value *v);

/* The first member of an object with this name; NULL when there is none or o is no object. */
const json_value *json_get(const json_value *o, const char *key);
/* That member's string, or NULL when it is missing or not a string. */
const char *json_get_string(const json_value *o, const char *key);

#endif
