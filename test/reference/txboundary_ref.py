#!/usr/bin/env python3
"""Independent reference implementation of txboundary's rules (docs/rules.md).

Standard library only. Used by the differential tests (compare its JSON with
`txboundary check --format json`) and as a performance peer in benchmarks.

    python3 test/reference/txboundary_ref.py [--section NAME] [--no-respect-all]
        [--all] [--base REF [--head REF]] [--find-copies] [PATH...]

Prints one JSON object on stdout:

    {"violations": [{"code", "file", "line", "column", "function"}...],
     "summary": {"filesChecked", "functionsChecked", "blocking"},
     "errors": [{"file", "reason"}...]}

Exit status: 0 no violation, 1 at least one violation, 2 usage or fatal error
(not a git work tree, unknown ref, git failing). Files that cannot be decoded or
parsed go to "errors" and do not change the exit status by themselves.
See README.md beside this file for the interpretation notes.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import io
import json
import os
import re
import unicodedata
import subprocess
import sys
import tokenize
import warnings

DEFAULT_SECTION = "Transaction boundary"
REGULAR_MODES = ("100644", "100755")
CHECKED_STATUSES = "AMRCT"
# Environment variables that could change what the diff plumbing prints.
SCRUBBED_ENV = ("GIT_DIFF_OPTS", "GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_TRACE")


class FatalError(Exception):
    """Usage or git failure: exit 2."""


# --------------------------------------------------------------------------
# git plumbing
# --------------------------------------------------------------------------

def _git_env() -> dict:
    env = dict(os.environ)
    for key in SCRUBBED_ENV:
        env.pop(key, None)
    return env


_ENV = _git_env()


def git(args: list, stdin: bytes | None = None, check: bool = True) -> bytes:
    """Run git with an argv list (never a shell) in the inherited cwd."""
    proc = subprocess.run(
        ["git", *args],
        input=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_ENV,
    )
    if check and proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip()
        shown = " ".join(a for a in args[:4] if a != "--literal-pathspecs")
        raise FatalError(f"git {shown} failed: {msg}")
    return proc.stdout


def dec(b: bytes) -> str:
    """Decode a git path (bytes) losslessly."""
    return b.decode("utf-8", "surrogateescape")


def enc(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def rev_commit(ref: str) -> str | None:
    out = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "--end-of-options", ref + "^{commit}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_ENV,
    )
    if out.returncode != 0:
        return None
    return out.stdout.decode().strip() or None


def parse_raw_z(out: bytes) -> list:
    """Parse `--raw -z` output of diff-index / diff-tree."""
    toks = out.split(b"\0")
    entries = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if not tok:
            i += 1
            continue
        if not tok.startswith(b":"):
            raise FatalError(f"unexpected raw diff token: {tok[:80]!r}")
        meta = tok[1:].decode("ascii").split(" ")
        old_mode, new_mode, old_sha, new_sha, status = meta[:5]
        letter = status[0]
        if letter in "RC":
            old_path, new_path = dec(toks[i + 1]), dec(toks[i + 2])
            i += 3
        else:
            old_path = new_path = dec(toks[i + 1])
            i += 2
        entries.append(
            {
                "status": letter,
                "old_mode": old_mode,
                "new_mode": new_mode,
                "old_sha": old_sha,
                "new_sha": new_sha,
                "old_path": old_path,
                "path": new_path,
            }
        )
    return entries


_C_ESCAPES = {
    ord("a"): 7, ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("v"): 11,
    ord("f"): 12, ord("r"): 13, ord('"'): 34, ord("\\"): 92,
}


def unquote_git_path(raw: bytes) -> bytes:
    """Undo git's C-style quoting of a path in patch headers (if quoted)."""
    if not raw.startswith(b'"'):
        return raw
    out = bytearray()
    i = 1
    n = len(raw)
    while i < n:
        c = raw[i]
        if c == 34:  # closing quote
            break
        if c == 92 and i + 1 < n:
            nxt = raw[i + 1]
            if 48 <= nxt <= 55:  # octal
                out.append(int(raw[i + 1:i + 4], 8) & 0xFF)
                i += 4
                continue
            out.append(_C_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def _header_path(rest: bytes, prefix: bytes) -> str | None:
    """Path from a `--- a/x` / `+++ b/x` / `rename to x` header remainder."""
    if rest == b"/dev/null":
        return None
    if rest.startswith(b'"'):
        p = unquote_git_path(rest)
    else:
        # git appends a TAB when the (unquoted) name contains a space.
        if rest.endswith(b"\t"):
            rest = rest[:-1]
        p = rest
    if prefix and p.startswith(prefix):
        p = p[len(prefix):]
    return dec(p)


_HUNK_RE = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def parse_patch(out: bytes) -> dict:
    """Parse `-p -U0` output into {new_path: {"old": old_path|None, "kind", "hunks"}}.

    Hunk bodies are consumed by count, so content lines that look like headers
    (e.g. a removed line "-- x" printed as "--- x") are never misread.
    """
    lines = out.split(b"\n")
    result: dict = {}
    i = 0
    n = len(lines)
    cur = None

    def flush(sec):
        # Sections without a new name are deletions, or mode-only changes
        # (no hunks, nothing to record). A type change prints a deletion
        # section followed by a creation section for the same path.
        if sec is not None and sec["new"] is not None and sec["kind"] != "delete":
            result[sec["new"]] = sec

    while i < n:
        line = lines[i]
        if line.startswith(b"diff --git "):
            flush(cur)
            cur = {"old": None, "new": None, "kind": "modify", "hunks": []}
            i += 1
            continue
        if cur is None:
            i += 1
            continue
        if line.startswith(b"@@ "):
            m = _HUNK_RE.match(line)
            if not m:
                raise FatalError(f"cannot parse hunk header {line[:80]!r}")
            b = int(m.group(2)) if m.group(2) is not None else 1
            c = int(m.group(3))
            d = int(m.group(4)) if m.group(4) is not None else 1
            cur["hunks"].append((c, d))
            i += 1
            old_left, new_left = b, d
            while i < n and (old_left > 0 or new_left > 0 or lines[i].startswith(b"\\")):
                body = lines[i]
                if body.startswith(b"-"):
                    old_left -= 1
                elif body.startswith(b"+"):
                    new_left -= 1
                elif body.startswith(b" "):
                    old_left -= 1
                    new_left -= 1
                elif body.startswith(b"\\"):
                    pass
                else:
                    raise FatalError(f"malformed hunk body line {body[:80]!r}")
                i += 1
            continue
        if line.startswith(b"rename from ") or line.startswith(b"copy from "):
            cur["kind"] = "rename" if line.startswith(b"rename") else "copy"
            cur["old"] = _header_path(line.split(b" ", 2)[2], b"")
        elif line.startswith(b"rename to ") or line.startswith(b"copy to "):
            cur["new"] = _header_path(line.split(b" ", 2)[2], b"")
        elif line.startswith(b"new file mode "):
            cur["kind"] = "new"
        elif line.startswith(b"deleted file mode "):
            cur["kind"] = "delete"
        elif line.startswith(b"--- "):
            p = _header_path(line[4:], b"a/")
            if p is not None and cur["old"] is None:
                cur["old"] = p
        elif line.startswith(b"+++ "):
            p = _header_path(line[4:], b"b/")
            if cur["new"] is None:
                cur["new"] = p
        i += 1
    flush(cur)
    return result


def read_blobs(shas: list) -> dict:
    """Read many blobs with ONE `git cat-file --batch` process."""
    uniq = sorted(set(shas))
    if not uniq:
        return {}
    out = git(["cat-file", "--batch"], stdin=("\n".join(uniq) + "\n").encode("ascii"))
    blobs: dict = {}
    pos = 0
    n = len(out)
    while pos < n:
        nl = out.index(b"\n", pos)
        header = out[pos:nl].decode("ascii", "replace").split(" ")
        pos = nl + 1
        if len(header) == 3:
            sha, typ, size = header[0], header[1], int(header[2])
            content = out[pos:pos + size]
            pos += size + 1  # trailing LF
            blobs[sha] = content if typ == "blob" else None
        else:  # "<sha> missing" / "<sha> ambiguous"
            blobs[header[0]] = None
    return blobs


# --------------------------------------------------------------------------
# file selection
# --------------------------------------------------------------------------

def is_default_test_file(path: str) -> bool:
    parts = path.split("/")
    base = parts[-1]
    if base == "conftest.py":
        return True
    if base.startswith("test_") and base.endswith(".py"):
        return True
    if base.endswith("_test.py"):
        return True
    return "tests" in parts[:-1]


def is_candidate_name(path: str) -> bool:
    return path.endswith(".py") and not is_default_test_file(path)


def normalise_user_paths(paths: list, top: str, prefix: str) -> list | None:
    """Positional PATHs -> repo-relative posix prefixes ('' = everything).

    Returns None when no PATH was given (no restriction). A PATH outside the
    work tree is a usage error (exit 2).
    """
    if not paths:
        return None
    tops = {top, os.path.realpath(top)}
    res = []
    for p in paths:
        if os.path.isabs(p):
            ap = os.path.normpath(p)
            cands = [ap, os.path.join(os.path.realpath(os.path.dirname(ap)), os.path.basename(ap))]
            rel = None
            for cand in cands:
                for t in tops:
                    r = os.path.relpath(cand, t)
                    if r != ".." and not r.startswith("../"):
                        rel = r
                        break
                if rel is not None:
                    break
            if rel is None:
                raise FatalError(f"{p} is outside the repository {top}")
        else:
            rel = os.path.normpath(os.path.join(prefix, p))
            if rel == ".." or rel.startswith("../"):
                raise FatalError(f"{p} is outside the repository {top}")
        rel = rel.replace(os.sep, "/")
        if rel == ".":
            rel = ""
        res.append(rel)
    return res


def path_selected(path: str, restrict: list | None) -> bool:
    if restrict is None:
        return True
    for r in restrict:
        if r == "" or path == r or path.startswith(r + "/"):
            return True
    return False


# --------------------------------------------------------------------------
# Python analysis
# --------------------------------------------------------------------------

class SourceError(Exception):
    pass


def decode_source(data: bytes) -> str:
    if b"\0" in data:
        raise SourceError("file contains NUL bytes")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as e:
        raise SourceError(f"cannot determine source encoding: {e}") from None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise SourceError(f"not valid {encoding}: {e}") from None


def parse_source(text: str) -> ast.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def _sub_bodies(st):
    """Bodies of a statement that are transparent (not a scope)."""
    if isinstance(st, (ast.If, ast.For, ast.AsyncFor, ast.While)):
        return [st.body, st.orelse]
    if isinstance(st, (ast.With, ast.AsyncWith)):
        return [st.body]
    try_types = (ast.Try,) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())
    if isinstance(st, try_types):
        return [st.body] + [h.body for h in st.handlers] + [st.orelse, st.finalbody]
    if hasattr(ast, "Match") and isinstance(st, ast.Match):
        return [c.body for c in st.cases]
    return []


def collect_functions(tree: ast.Module) -> list:
    """[(node, qualname, enclosing_class_names)] in source order."""
    res = []

    def visit(stmts, prefix, classes):
        for st in stmts:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
                res.append((st, prefix + st.name, classes))
            elif isinstance(st, ast.ClassDef):
                visit(st.body, prefix + st.name + ".", classes + [st.name])
            else:
                for body in _sub_bodies(st):
                    visit(body, prefix, classes)

    visit(tree.body, "", [])
    return res


_UNKNOWN = object()


def _literal_strs(node):
    if isinstance(node, (ast.List, ast.Tuple)) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return [e.value for e in node.elts]
    return None


def _mentions_all(target) -> bool:
    if isinstance(target, ast.Name):
        return target.id == "__all__"
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_mentions_all(e) for e in target.elts)
    if isinstance(target, ast.Starred):
        return _mentions_all(target.value)
    return False


def _all_method(node):
    """(method, args) for a call `__all__.method(args)`, else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "__all__"
            and not node.keywords):
        return node.func.attr, node.args
    return None


def module_all(tree: ast.Module):
    """None = no __all__; _UNKNOWN = not literal; else list of names."""
    state = [None]

    def assign(value_node):
        lit = _literal_strs(value_node) if value_node is not None else None
        state[0] = list(lit) if lit is not None else _UNKNOWN

    def visit(stmts):
        for st in stmts:
            if isinstance(st, ast.Assign):
                for t in st.targets:
                    if isinstance(t, ast.Name) and t.id == "__all__":
                        assign(st.value)
                    elif _mentions_all(t):
                        state[0] = _UNKNOWN
            elif isinstance(st, ast.AnnAssign):
                if isinstance(st.target, ast.Name) and st.target.id == "__all__" and st.value is not None:
                    assign(st.value)
            elif isinstance(st, ast.AugAssign):
                if isinstance(st.target, ast.Name) and st.target.id == "__all__":
                    lit = _literal_strs(st.value)
                    if not isinstance(st.op, ast.Add) or lit is None:
                        state[0] = _UNKNOWN
                    elif state[0] is None:
                        state[0] = list(lit)
                    elif state[0] is not _UNKNOWN:
                        state[0] = state[0] + lit
            elif isinstance(st, ast.Expr) and _all_method(st.value) is not None:
                method, args = _all_method(st.value)
                if method == "append" and len(args) == 1 and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    lit = [args[0].value]
                elif method == "extend" and len(args) == 1:
                    lit = _literal_strs(args[0])
                else:
                    lit = None
                if lit is None:
                    state[0] = _UNKNOWN
                elif state[0] is None:
                    state[0] = list(lit)
                elif state[0] is not _UNKNOWN:
                    state[0] = state[0] + lit
            elif isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            else:
                for body in _sub_bodies(st):
                    visit(body)

    visit(tree.body)
    return state[0]


def is_skipped(node) -> bool:
    for d in node.decorator_list:
        if isinstance(d, ast.Name) and d.id == "overload":
            return True
        if isinstance(d, ast.Attribute) and d.attr in ("overload", "setter", "deleter"):
            return True
    return False


def is_public(name: str, classes: list, all_names) -> bool:
    if name.startswith("_") or any(c.startswith("_") for c in classes):
        return False
    if isinstance(all_names, list):
        top = classes[0] if classes else name
        if top not in all_names:
            return False
    return True


def _doc_lines(node):
    doc = ast.get_docstring(node, clean=False)
    if doc is None:
        return None
    return doc.replace("\r\n", "\n").split("\n")


def _header_rest(line: str, section: str):
    """Text after `<section>:` if this docstring line is a header, else None."""
    s = line.lstrip()
    k = len(section) + 1
    if s[:k].lower() == (section + ":").lower():
        return s[k:]
    return None


def _is_word_header(line: str) -> bool:
    t = line.strip()
    return t.endswith(":") and t[:-1].isidentifier()


def section_state(node, section: str) -> str:
    """'absent' | 'empty' | 'present'."""
    lines = _doc_lines(node)
    if lines is None:
        return "absent"
    found = False
    for i, line in enumerate(lines):
        rest = _header_rest(line, section)
        if rest is None:
            continue
        found = True
        if rest.strip():
            return "present"
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # "another header": a `Word:` line, or the section header itself again
        if nxt is None or not nxt.strip() or _is_word_header(nxt) or _header_rest(nxt, section) is not None:
            continue
        return "present"
    return "empty" if found else "absent"


def has_header(node, section: str) -> bool:
    lines = _doc_lines(node)
    return lines is not None and any(_header_rest(l, section) is not None for l in lines)


def func_span(node, lines=None):
    """First decorator line (the line of its `@`) through the last body line."""
    if not node.decorator_list:
        return node.lineno, node.end_lineno
    start = node.decorator_list[0].lineno
    # ast places a parenthesised decorator (`@(` / `retry()` / `)`) at its
    # expression; the decorator line is the one holding the `@`.
    while lines is not None and start > 1 and not lines[start - 1].lstrip().startswith("@"):
        start -= 1
    return start, node.end_lineno


_NOQA_RE = re.compile(r"#\s*noqa\s*:\s*([A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)", re.I)
_IGNORE_RE = re.compile(r"#\s*txboundary\s*:\s*ignore\b", re.I)


def comments_by_line(text: str) -> dict:
    res: dict = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                res.setdefault(tok.start[0], []).append(tok.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return res


def suppressed(code: str, comments: list) -> bool:
    for c in comments:
        if _IGNORE_RE.search(c):
            return True
        for m in _NOQA_RE.finditer(c):
            codes = {x.upper() for x in re.split(r"[\s,]+", m.group(1)) if x}
            if code in codes:
                return True
    return False


def name_column(lines: list, node) -> int:
    """1-based character column of the function's name on its def line."""
    line = lines[node.lineno - 1] if node.lineno - 1 < len(lines) else ""
    start = len(line.encode("utf-8", "surrogatepass")[: node.col_offset].decode("utf-8", "ignore"))
    m = _DEF_KW_RE.match(line, start)
    # The source may spell the name in a form Python normalises (NFKC: `ﬁnd` is `find`).
    word = re.match(r"\w+", line[m.end():]) if m else None
    if m and word and unicodedata.normalize("NFKC", word.group(0)) == node.name:
        return m.end() + 1
    return start + 1  # name not on the def line (backslash continuation)


_DEF_KW_RE = re.compile(r"(?:async[ \t\f]+)?def[ \t\f]+")


class Hunks:
    """Added-line intervals and pure-deletion points of the new side."""

    def __init__(self, hunks):
        # git's hunks are disjoint and ordered, so interval ends increase too
        self.added = sorted((c, c + d - 1) for c, d in hunks if d > 0)
        self.starts = [a for a, _ in self.added]
        self.dels = sorted(c for c, d in hunks if d == 0)

    def touches(self, s: int, e: int) -> bool:
        # any added interval [a,b] with a <= e and b >= s
        k = bisect.bisect_right(self.starts, e)
        if k and self.added[k - 1][1] >= s:
            return True
        # pure deletion after new line c counts when s <= c < e
        k = bisect.bisect_left(self.dels, s)
        return k < len(self.dels) and self.dels[k] < e

    def line_changed(self, line: int) -> bool:
        k = bisect.bisect_right(self.starts, line)
        return bool(k) and self.added[k - 1][1] >= line


# --------------------------------------------------------------------------
# checking
# --------------------------------------------------------------------------

def _force(x):
    if callable(x):
        x = x()
    return x


class Result:
    def __init__(self):
        self.violations = []
        self.errors = []
        self.files = 0
        self.functions = 0


def old_header_names(data: bytes | None, section: str) -> set:
    """Qualified names of all module/class-level defs with a header line.

    An old version that cannot be decoded or parsed contributes nothing.
    """
    if data is None:
        return set()
    try:
        text = decode_source(data)
        # cheap pre-filter: without a backslash (escapes, line continuations)
        # a docstring can only contain the header if the source text does
        if "\\" not in text and (section + ":").lower() not in text.lower():
            return set()
        tree = parse_source(text)
    except (SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    return {q for node, q, _ in collect_functions(tree) if has_header(node, section)}


# --------------------------------------------------------------------------
# --unverifiable-blocks: what cannot be verified blocks (README, "When
# txboundary refuses"), judged with CPython's own tokenizer and compiler
# --------------------------------------------------------------------------

_CONTINUES = re.compile(r"(?:else|elif|except|finally)\b")


def top_level_statements(text: str):
    """1-based, inclusive line ranges of the top-level statements, or None
    when the text cannot be cut (an unterminated string or bracket).

    Indented lines are reduced to a one-space indentation first, so that an
    IndentationError or TabError inside a statement does not stop the cut:
    only where each column-0 logical line starts matters here.
    """
    lines = text.split("\n")
    flat = "\n".join(line if not line[:1] in (" ", "\t", "\f") else " " + line.lstrip(" \t\f") for line in lines)
    starts = []
    try:
        at_line_start = True
        after_decorator = False
        for tok in tokenize.generate_tokens(io.StringIO(flat).readline):
            if tok.type in (tokenize.NEWLINE,):
                at_line_start = True
                continue
            if tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
                            tokenize.ENDMARKER, tokenize.ENCODING):
                continue
            if at_line_start and tok.start[1] == 0:
                row = tok.start[0]
                if after_decorator or (_CONTINUES.match(tok.line) and starts):
                    pass
                else:
                    starts.append(row)
                after_decorator = tok.string == "@"
            at_line_start = False
    except (tokenize.TokenError, SyntaxError):
        return None
    last = len(lines) - (1 if text.endswith("\n") else 0)
    return [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else max(s, last)) for i, s in enumerate(starts)]


def compiles(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<case>", "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def keep_only(lines, ranges):
    keep = set()
    for s, e in ranges:
        keep.update(range(s, e + 1))
    return "\n".join(line if i + 1 in keep else "" for i, line in enumerate(lines))


def class_members(lines, s: int, e: int):
    """For the class statement on lines s..e (1-based), the line ranges of
    its head and of each statement of its body, or None when the body
    cannot be cut. Body lines are reduced to one space (a statement of the
    body) or two (anything deeper), so that an indentation error inside a
    member does not stop the cut."""
    body = [line for line in lines[s - 1:e] if line.strip() and not line.lstrip().startswith("#") and line[:1] in (" ", "\t")]
    if not body:
        return None
    indent = body[0][:len(body[0]) - len(body[0].lstrip(" \t\f"))]
    flat = []
    for line in lines[s - 1:e]:
        if line[:1] not in (" ", "\t", "\f"):
            flat.append(line)
        elif line.startswith(indent) and line[len(indent):][:1] not in (" ", "\t", "\f", ""):
            flat.append(" " + line[len(indent):])
        else:
            flat.append("  " + line.lstrip(" \t\f"))
    starts = []
    try:
        at_line_start = True
        after_decorator = False
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(flat) + "\n").readline):
            if tok.type == tokenize.NEWLINE:
                at_line_start = True
                continue
            if tok.type in (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT,
                            tokenize.ENDMARKER, tokenize.ENCODING):
                continue
            if at_line_start and tok.start[1] == 1:
                if not after_decorator and not (_CONTINUES.match(tok.line.lstrip()) and starts):
                    starts.append(s + tok.start[0] - 1)
                after_decorator = tok.string == "@"
            elif at_line_start:
                after_decorator = False
            at_line_start = False
    except (tokenize.TokenError, SyntaxError):
        return None
    if not starts:
        return None
    head = (s, starts[0] - 1)
    return head, [(m, (starts[i + 1] - 1) if i + 1 < len(starts) else e) for i, m in enumerate(starts)]


def class_blocks(lines, s: int, e: int, touched) -> bool:
    """A class statement that does not compile blocks when a member the
    change touches does not compile with the class head, or the head itself
    is touched (docs/rules.md: the statement "or class member" holding a hunk)."""
    if not lines[s - 1 if s - 1 < len(lines) else 0].startswith(("class ", "@")):
        return True
    cut = class_members(lines, s, e)
    if cut is None:
        return True
    head, members = cut
    if head[1] >= head[0] and touched(*head):
        return True
    return any(touched(ms, me) and not compiles(keep_only(lines, [head, (ms, me)]))
               for ms, me in members)


def salvage(res, path: str, text: str, hunks, all_modified: bool):
    """The staged text does not compile. A top-level statement the change
    touches that does not compile alone blocks (TXB000); the functions of
    the statements that do compile are still checked (the tree returned),
    since an error far from the change must not hide them. None: blocked."""
    statements = top_level_statements(text)
    lines = text.split("\n")
    def touched(s, e):
        return all_modified or (hunks is not None and hunks.touches(s, e))

    if statements is None:
        if all_modified or (hunks is not None and (hunks.added or hunks.dels)):
            res.violations.append({"code": "TXB000", "file": path, "line": 1, "column": 1, "function": None})
        return None
    broken = [(s, e) for s, e in statements if not compiles(keep_only(lines, [(s, e)]))]
    blocked = [(s, e) for s, e in broken if touched(s, e) and (all_modified or class_blocks(lines, s, e, touched))]
    for s, _ in blocked:
        res.violations.append({"code": "TXB000", "file": path, "line": s, "column": 1, "function": None})
    for s, e in broken:
        if (s, e) not in blocked:
            res.errors.append({"file": path, "reason": f"syntax error in the statement at line {s}"})
    try:
        return parse_source(keep_only(lines, [r for r in statements if r not in broken]))
    except (SyntaxError, ValueError):
        res.violations.append({"code": "TXB000", "file": path, "line": 1, "column": 1, "function": None})
        return None


def check_file(res: Result, path: str, data: bytes | None, hunks: Hunks | None,
               all_modified: bool, old_names, opts) -> None:
    """hunks None + all_modified: every function; old_names None: --all mode.

    old_names is a set, or a zero-argument callable producing it (parsed lazily,
    only when a function lacks the section).
    """
    res.files += 1
    if data is None:
        res.errors.append({"file": path, "reason": "blob missing from the object store"})
        return
    try:
        text = decode_source(data)
    except SourceError as e:
        if opts.unverifiable_blocks and (all_modified or (hunks is not None and (hunks.added or hunks.dels))):
            res.violations.append({"code": "TXB000", "file": path, "line": 1, "column": 1, "function": None})
        else:
            res.errors.append({"file": path, "reason": str(e)})
        return
    try:
        tree = parse_source(text)
        if opts.unverifiable_blocks and not compiles(text):
            raise SyntaxError("does not compile")
    except SyntaxError as e:
        if opts.unverifiable_blocks:
            tree = salvage(res, path, text, hunks, all_modified)
            if tree is None:
                return
        else:
            _report_syntax_error(res, path, text, e, hunks, all_modified, old_names)
            return
    except (ValueError, RecursionError, MemoryError) as e:
        res.errors.append({"file": path, "reason": f"cannot parse: {type(e).__name__}: {e}"})
        return
    _check_functions(res, path, text, tree, hunks, all_modified, old_names, opts)


def _report_syntax_error(res, path, text, e, hunks, all_modified, old_names):
    lineno = e.lineno or 1
    last = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
    in_hunk = all_modified or (hunks is not None and hunks.line_changed(min(lineno, last)))
    if in_hunk and old_names is not None:
        res.violations.append({
            "code": "TXB000", "file": path, "line": lineno,
            "column": e.offset if e.offset else 1, "function": None,
        })
    else:
        res.errors.append({"file": path, "reason": f"syntax error at line {lineno}: {e.msg}"})


def _check_functions(res, path, text, tree, hunks, all_modified, old_names, opts):
    all_names = module_all(tree) if opts.respect_all else None
    lines = None
    comments = None
    for node, qual, classes in collect_functions(tree):
        if is_skipped(node) or not is_public(node.name, classes, all_names):
            continue
        if not all_modified:
            if lines is None:
                lines = text.split("\n")
            s, e = func_span(node, lines)
            if hunks is None or not hunks.touches(s, e):
                continue
        res.functions += 1
        state = section_state(node, opts.section)
        if state == "present":
            continue
        if state == "empty":
            code = "TXB003"
        elif old_names is not None and qual in _force(old_names):
            code = "TXB002"
        else:
            code = "TXB001"
        if lines is None:
            lines = text.split("\n")
        def_line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
        if "#" in def_line:  # only then can the def line carry a comment
            if comments is None:
                comments = comments_by_line(text)
            if suppressed(code, comments.get(node.lineno, [])):
                continue
        res.violations.append({
            "code": code, "file": path, "line": node.lineno,
            "column": name_column(lines, node), "function": qual,
        })


def diff_common() -> list:
    return ["--no-color", "--no-ext-diff", "--no-relative", "--no-textconv"]


def run_diff_mode(opts, restrict, cdup: str, res: Result) -> None:
    copies = ["-C"] if opts.find_copies else []
    if opts.base is not None:
        base = rev_commit(opts.base)
        if base is None:
            raise FatalError(f"unknown revision for --base: {opts.base}")
        head = rev_commit(opts.head)
        if head is None:
            raise FatalError(f"unknown revision for --head: {opts.head}")
        mb = git(["merge-base", base, head], check=False).decode().strip()
        if not mb:
            raise FatalError(f"no merge base between {opts.base} and {opts.head}")
        diff_cmd = ["diff-tree", "-r"]
        revs = [mb, head]
    else:
        base = rev_commit("HEAD")
        if base is None:
            base = git(["hash-object", "-t", "tree", "/dev/null"]).decode().strip()
        diff_cmd = ["diff-index", "--cached"]
        revs = [base]

    raw = git(["--literal-pathspecs", *diff_cmd, "-z", "-M", *copies, "--raw", "--no-abbrev",
               *diff_common(), *revs, "--"])
    entries = [
        e for e in parse_raw_z(raw)
        if e["status"] in CHECKED_STATUSES
        and e["new_mode"] in REGULAR_MODES
        and is_candidate_name(e["path"])
        and path_selected(e["path"], restrict)
    ]
    if not entries:
        return

    # hunks: only needed for entries that are not treated as wholly new
    need_patch = [e for e in entries if e["status"] not in "AT"]
    patches: dict = {}
    if need_patch:
        base_args = ["--literal-pathspecs", *diff_cmd, "-p", "-U0", "-M", *copies, "--text",
                     "--indent-heuristic", "--src-prefix=a/", "--dst-prefix=b/",
                     *diff_common(), *revs, "--"]
        specs = []
        for e in need_patch:
            specs.append(cdup + e["path"])
            if e["old_path"] != e["path"]:
                specs.append(cdup + e["old_path"])
        specs = sorted(set(specs))
        if sum(len(enc(s)) + 1 for s in specs) < 100_000:
            patches = parse_patch(git(base_args + specs))
            if not all(_patch_agrees(e, patches.get(e["path"])) for e in need_patch):
                patches = None
        else:
            patches = None
        if patches is None:  # pairing changed under the pathspec: diff everything
            patches = parse_patch(git(base_args))

    wanted = [e["new_sha"] for e in entries]
    wanted += [e["old_sha"] for e in need_patch]
    blobs = read_blobs(wanted)

    for e in entries:
        if e["status"] in "AT":
            # A: new file. T: the old side was a symlink/gitlink, not Python
            # source; treated as new (every function modified, no HEAD defs).
            check_file(res, e["path"], blobs.get(e["new_sha"]), None, True, set(), opts)
            continue
        sec = patches.get(e["path"])
        hunks = Hunks(sec["hunks"] if sec else [])
        old_data = blobs.get(e["old_sha"])
        cache: list = []

        def old_names(old_data=old_data, cache=cache):
            if not cache:
                cache.append(old_header_names(old_data, opts.section))
            return cache[0]

        check_file(res, e["path"], blobs.get(e["new_sha"]), hunks, False, old_names, opts)


def _patch_agrees(e, sec) -> bool:
    if sec is None:
        # no section: nothing changed in the content (e.g. mode-only change)
        return e["old_sha"] == e["new_sha"]
    if e["status"] in "RC":
        return sec["kind"] in ("rename", "copy") and sec["old"] == e["old_path"]
    return sec["kind"] == "modify"


def run_all_mode(opts, restrict, cdup: str, res: Result) -> None:
    out = git(["--literal-pathspecs", "ls-files", "-z", "-s", "--full-name", "--", cdup or "."])
    entries = []
    for rec in out.split(b"\0"):
        if not rec:
            continue
        meta, _, path_b = rec.partition(b"\t")
        mode, sha, stage = meta.decode("ascii").split(" ")
        path = dec(path_b)
        if stage != "0" or mode not in REGULAR_MODES:
            continue
        if is_candidate_name(path) and path_selected(path, restrict):
            entries.append((path, sha))
    blobs = read_blobs([sha for _, sha in entries])
    for path, sha in entries:
        check_file(res, path, blobs.get(sha), None, True, None, opts)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="txboundary_ref.py", description="txboundary reference checker")
    p.add_argument("--section", default=DEFAULT_SECTION)
    p.add_argument("--no-respect-all", dest="respect_all", action="store_false")
    p.add_argument("--all", dest="all_mode", action="store_true")
    p.add_argument("--base", default=None)
    p.add_argument("--head", default="HEAD")
    p.add_argument("--find-copies", action="store_true",
                   help="also pass -C to git (copies reported as C, compared with their source)")
    p.add_argument("--unverifiable-blocks", action="store_true",
                   help="a staged change that cannot be verified (undecodable, or a syntax error in a touched statement) blocks with TXB000")
    p.add_argument("paths", nargs="*", metavar="PATH")
    return p


def main(argv=None) -> int:
    opts = build_parser().parse_args(argv)
    if opts.all_mode and opts.base is not None:
        print("txboundary_ref: --all and --base are mutually exclusive", file=sys.stderr)
        return 2
    if not opts.section or "\n" in opts.section:
        print("txboundary_ref: --section must be a non-empty single line", file=sys.stderr)
        return 2
    res = Result()
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_ENV)
        if inside.returncode != 0 or inside.stdout.strip() != b"true":
            raise FatalError("not inside a git work tree")
        info = git(["rev-parse", "--show-toplevel", "--show-cdup", "--show-prefix"]).decode(
            "utf-8", "surrogateescape").split("\n")
        top, cdup, prefix = info[0], info[1], info[2]
        restrict = normalise_user_paths(opts.paths, top, prefix)
        if opts.all_mode:
            run_all_mode(opts, restrict, cdup, res)
        else:
            run_diff_mode(opts, restrict, cdup, res)
    except FatalError as e:
        print(f"txboundary_ref: {e}", file=sys.stderr)
        json.dump({"violations": [], "summary": {"filesChecked": 0, "functionsChecked": 0, "blocking": 0},
                   "errors": [{"file": None, "reason": str(e)}]}, sys.stdout)
        sys.stdout.write("\n")
        return 2

    res.violations.sort(key=lambda v: (v["file"], v["line"], v["code"], v["column"], v["function"] or ""))
    res.errors.sort(key=lambda e: (e["file"] or "", e["reason"]))
    out = {
        "violations": res.violations,
        "summary": {"filesChecked": res.files, "functionsChecked": res.functions,
                    "blocking": len(res.violations)},
        "errors": res.errors,
    }
    # ensure_ascii: undecodable path bytes (surrogate escapes) stay valid JSON
    sys.stdout.write(json.dumps(out, ensure_ascii=True) + "\n")
    return 1 if res.violations else 0


if __name__ == "__main__":
    sys.exit(main())
