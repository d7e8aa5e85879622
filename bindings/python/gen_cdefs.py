#!/usr/bin/env python3
"""Turn include/libarticle.h into cffi declarations (the text given to FFI.cdef()).

The header is read as a C compiler that is neither C++ nor Windows nor GCC would read it
(so ARTICLE_EXTERN is plain `extern`), without expanding any #include. Out come:

- the enums, structs, typedefs and function declarations, comments and `extern` removed;
- `#define NAME 123` for macros that are a plain integer, `#define NAME ...` for integer
  expressions (cffi's API mode takes their value from the compiler), and
  `static const char *const NAME;` for string macros.

Macros that are neither (ARTICLE_OPTIONS_INIT's brace initializer, the include guard,
ARTICLE_EXTERN itself) are left out. The output is deterministic: a test regenerates it and
compares it with what the installed module was built from.

Usage: gen_cdefs.py [HEADER] [-o OUT]
"""
import argparse
import os
import re
import sys

HEADER_NAME = "libarticle.h"

_TOKEN = re.compile(
    r'"(?:\\.|[^"\\])*"'          # string literal
    r"|'(?:\\.|[^'\\])*'"         # character literal
    r"|/\*.*?\*/"                 # block comment
    r"|//[^\n]*",                 # line comment
    re.S)
_INT_LITERAL = re.compile(r"^\(?\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\s*\)?$")
_INT_EXPR_TOKEN = re.compile(
    r"\s+|\((?:size_t|unsigned int|unsigned|int|long)\)|0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*"
    r"|<<|>>|[-+*/%|&^~()]|[A-Za-z_]\w*")
_DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?\s*(.*)$")
_DIRECTIVE = re.compile(r"^\s*#\s*(\w+)\s*(.*)$")


class HeaderError(Exception):
    pass


def _strip_comments(text):
    def repl(m):
        s = m.group(0)
        if s.startswith("/*"):
            return " " if "\n" not in s else "\n" * s.count("\n")
        if s.startswith("//"):
            return ""
        return s
    return _TOKEN.sub(repl, text)


def _logical_lines(text):
    """Lines with backslash continuations joined."""
    out, cur = [], ""
    for line in text.split("\n"):
        if line.endswith("\\"):
            cur += line[:-1] + " "
            continue
        out.append(cur + line)
        cur = ""
    if cur:
        out.append(cur)
    return out


def _eval_condition(expr, macros):
    """Evaluates an #if expression: defined(), !, &&, ||, comparisons, integers."""
    expr = re.sub(r"defined\s*\(\s*(\w+)\s*\)|defined\s+(\w+)",
                  lambda m: "1" if (m.group(1) or m.group(2)) in macros else "0", expr)
    py = []
    for tok in re.findall(r"&&|\|\||==|!=|>=|<=|[<>()!]|\d+|\w+|\S", expr):
        if tok == "&&":
            py.append(" and ")
        elif tok == "||":
            py.append(" or ")
        elif tok == "!":
            py.append(" not ")
        elif tok.isdigit() or tok in ("==", "!=", ">=", "<=", "<", ">", "(", ")"):
            py.append(tok)
        elif re.fullmatch(r"[A-Za-z_]\w*", tok):
            value = macros.get(tok, "0").strip()
            py.append(value if re.fullmatch(r"\d+", value) else "0")
        else:
            raise HeaderError("unsupported token %r in #if %s" % (tok, expr))
    return bool(eval("".join(py), {"__builtins__": {}}, {}))  # noqa: S307 - digits only


def _is_int_expr(value, int_macros):
    pos = 0
    saw_operand = False
    while pos < len(value):
        m = _INT_EXPR_TOKEN.match(value, pos)
        if not m:
            return False
        tok = m.group(0)
        if re.fullmatch(r"[A-Za-z_]\w*", tok):
            if tok not in int_macros:
                return False
            saw_operand = True
        elif tok[0].isdigit():
            saw_operand = True
        pos = m.end()
    return saw_operand


def generate(header_text):
    """Returns the cdef text for the header's contents."""
    lines = _logical_lines(_strip_comments(header_text))
    macros = {}        # every active object-like macro, name -> replacement text
    int_macros = set()
    decl_macros = {}   # macros that stand for declaration keywords (ARTICLE_EXTERN)
    consts = []        # cdef lines for constants, in header order
    decls = []         # declaration text, in header order
    stack = []         # per open #if: [this branch active, some branch taken, parent active]
    active = True
    for line in lines:
        d = _DIRECTIVE.match(line)
        if d:
            name, rest = d.group(1), d.group(2).strip()
            if name in ("if", "ifdef", "ifndef"):
                if name == "ifdef":
                    cond = rest in macros
                elif name == "ifndef":
                    cond = rest not in macros
                else:
                    cond = active and _eval_condition(rest, macros)
                stack.append([active and cond, active and cond, active])
            elif name == "elif":
                if not stack:
                    raise HeaderError("#elif without #if")
                top = stack[-1]
                cond = top[2] and not top[1] and _eval_condition(rest, macros)
                top[0] = cond
                top[1] = top[1] or cond
            elif name == "else":
                if not stack:
                    raise HeaderError("#else without #if")
                top = stack[-1]
                top[0] = top[2] and not top[1]
                top[1] = True
            elif name == "endif":
                if not stack:
                    raise HeaderError("#endif without #if")
                stack.pop()
            elif name == "define" and active:
                m = _DEFINE.match(line)
                mname, params, value = m.group(1), m.group(2), m.group(3).strip()
                if params is not None:
                    continue  # function-like: nothing cffi can use
                macros[mname] = value
                if not value or "{" in value:
                    continue
                lit = _INT_LITERAL.match(value)
                if lit:
                    int_macros.add(mname)
                    consts.append("#define %s %d" % (mname, int(lit.group(1), 0)))
                elif re.fullmatch(r'"(?:\\.|[^"\\])*"', value):
                    consts.append("static const char *const %s;" % mname)
                elif _is_int_expr(value, int_macros):
                    int_macros.add(mname)
                    consts.append("#define %s ..." % mname)
                else:
                    decl_macros[mname] = value
            elif name == "undef" and active:
                macros.pop(rest, None)
            elif name in ("include", "pragma", "error", "warning", "line", "define", "undef"):
                pass
            else:
                raise HeaderError("unsupported directive #%s" % name)
            active = stack[-1][0] if stack else True
            continue
        if active:
            decls.append(line)
    if stack:
        raise HeaderError("unterminated #if")

    body = "\n".join(decls)
    for mname, value in decl_macros.items():
        body = re.sub(r"\b%s\b" % re.escape(mname), value, body)
    body = re.sub(r"\bextern\b\s*", "", body)
    # One declaration per statement, whitespace normalised, so that reformatting the
    # header does not change the output.
    out = []
    for stmt in _statements(body):
        out.append(_format_statement(stmt))
    return ("/* Generated from %s by gen_cdefs.py: do not edit. */\n" % HEADER_NAME
            + "\n".join(consts) + "\n\n" + "\n".join(out) + "\n")


def _statements(body):
    """Splits at top-level semicolons (braces kept inside their statement)."""
    depth, cur = 0, []
    for ch in body:
        cur.append(ch)
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == ";" and depth == 0:
            stmt = "".join(cur).strip()
            cur = []
            if stmt != ";":
                yield stmt
    rest = "".join(cur).strip()
    if rest:
        raise HeaderError("text after the last declaration: %r" % rest[:60])


def _squash(s):
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*([(),;\[\]])\s*", r"\1", s)
    s = s.replace(",", ", ")
    s = re.sub(r"\)(?=[A-Za-z_])", ") ", s)
    s = re.sub(r"\s*(\*+)\s*", r" \1", s).replace("( *", "(*")
    s = re.sub(r"(?<=\w)\(\*", " (*", s)
    return s


def _format_statement(stmt):
    if "{" not in stmt:
        return _squash(stmt)
    head, _, rest = stmt.partition("{")
    inner, _, tail = rest.rpartition("}")
    head = _squash(head)
    tail = _squash(tail)
    if head.startswith("typedef enum") or head.startswith("enum"):
        items = [_squash(x) for x in inner.split(",") if x.strip()]
        members = ["    %s," % x for x in items]
    else:
        members = ["    %s;" % _squash(x) for x in inner.split(";") if x.strip()]
    return "%s {\n%s\n}%s" % (head, "\n".join(members), (" " + tail) if tail != ";" else ";")


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "include", HEADER_NAME)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("header", nargs="?", default=default)
    ap.add_argument("-o", "--output", help="write here instead of standard output")
    args = ap.parse_args(argv)
    with open(args.header, encoding="utf-8") as f:
        text = generate(f.read())
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
