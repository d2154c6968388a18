"""Self-test of the reference checker: python3 -m unittest discover -s test/reference"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "txboundary_ref.py")

SECTION_OK = '''"""Transaction boundary: Read-only, no transaction needed."""'''


def d(src: str) -> str:
    return textwrap.dedent(src).lstrip("\n")


class Repo:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="txb-ref-")
        self.home = tempfile.mkdtemp(prefix="txb-home-")
        self.env = dict(os.environ)
        for k in list(self.env):
            if k.startswith("GIT_"):
                del self.env[k]
        self.env.update({"HOME": self.home, "GIT_CONFIG_NOSYSTEM": "1", "XDG_CONFIG_HOME": self.home})
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Ref Test")
        self.git("config", "user.email", "ref@example.invalid")
        self.git("config", "commit.gpgSign", "false")
        self.git("config", "core.autocrlf", "false")

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)

    def git(self, *args, env=None, cwd=None) -> str:
        p = subprocess.run(["git", *args], cwd=cwd or self.dir, env=env or self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise AssertionError(f"git {args} failed: {p.stderr.decode()}")
        return p.stdout.decode("utf-8", "surrogateescape")

    def write(self, path: str, content) -> None:
        full = os.path.join(self.dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with open(full, "wb") as f:
            f.write(data)

    def add(self, *paths) -> None:
        self.git("add", "--", *(paths or ["-A"])) if paths else self.git("add", "-A")

    def stage(self, path: str, content) -> None:
        self.write(path, content)
        self.git("add", "--", path)

    def commit(self, msg="c") -> None:
        self.git("commit", "-q", "--no-verify", "-m", msg)

    def run(self, *args, cwd=None, env=None):
        p = subprocess.run([sys.executable, SCRIPT, *args], cwd=cwd or self.dir, env=env or self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            out = json.loads(p.stdout.decode("ascii"))
        except ValueError:
            raise AssertionError(f"no JSON (rc={p.returncode}): {p.stdout!r} {p.stderr!r}")
        return p.returncode, out


class Base(unittest.TestCase):
    def setUp(self):
        self.repo = Repo()

    def tearDown(self):
        self.repo.close()

    def check(self, *args, **kw):
        return self.repo.run(*args, **kw)

    def codes(self, out):
        return [(v["code"], v["file"], v["line"], v["function"]) for v in out["violations"]]

    def assert_consistent(self, rc, out):
        self.assertEqual(out["summary"]["blocking"], len(out["violations"]))
        self.assertEqual(rc, 1 if out["violations"] else 0)


class TestStatuses(Base):
    def test_first_commit_every_function_checked(self):
        r = self.repo
        r.stage("pkg/svc.py", d(f'''
            def ok():
                {SECTION_OK}

            def missing():
                """No section."""

            class Klass:
                async def method(self):
                    return 1
            '''))
        rc, out = self.check()
        self.assert_consistent(rc, out)
        self.assertEqual(rc, 1)
        self.assertEqual(self.codes(out), [
            ("TXB001", "pkg/svc.py", 4, "missing"),
            ("TXB001", "pkg/svc.py", 8, "Klass.method"),
        ])
        v = out["violations"][1]
        self.assertEqual(v["column"], 15)  # "    async def method": name at char 15
        self.assertEqual(out["violations"][0]["column"], 5)
        self.assertEqual(out["summary"], {"filesChecked": 1, "functionsChecked": 3, "blocking": 2})

    def test_added_file_after_first_commit(self):
        r = self.repo
        r.stage("README", "x\n")
        r.commit()
        r.stage("a.py", "def f():\n    pass\n")
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB001", "a.py", 1, "f")])
        self.assertEqual(rc, 1)

    def test_modified_only_touched_functions(self):
        r = self.repo
        r.stage("m.py", d('''
            def a():
                return 1


            def b():
                return 2


            def c():
                return 3
            '''))
        r.commit()
        r.stage("m.py", d('''
            def a():
                return 1


            def b():
                return 20


            def c():
                return 3
            '''))
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB001", "m.py", 5, "b")])
        self.assertEqual(out["summary"]["functionsChecked"], 1)
        self.assert_consistent(rc, out)

    def test_txb002_lost_section(self):
        r = self.repo
        r.stage("m.py", d(f'''
            def f():
                {SECTION_OK}
                return 1
            '''))
        r.commit()
        r.stage("m.py", 'def f():\n    """Gone."""\n    return 2\n')
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB002", "m.py", 1, "f")])

    def test_txb002_any_old_definition_public_or_not(self):
        r = self.repo
        # HEAD: f defined twice; the first (overload-decorated) one had an EMPTY header
        r.stage("m.py", d('''
            @overload
            def f():
                """Transaction boundary:
                """

            def f():
                return 1
            '''))
        r.commit()
        r.stage("m.py", "def f():\n    return 2\n")
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB002", "m.py", 1, "f")])

    def test_txb002_header_written_with_escape(self):
        r = self.repo
        r.stage("m.py", 'def f():\n    "Transaction boundary\\x3a Read-only."\n    return 1\n')
        r.commit()
        r.stage("m.py", "def f():\n    return 2\n")
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB002", "m.py", 1, "f")])

    def test_txb003_empty_section_variants(self):
        r = self.repo
        r.stage("m.py", d('''
            def blank_next():
                """Doc.

                Transaction boundary:

                More.
                """

            def word_header_next():
                """Doc.

                transaction BOUNDARY:
                Args:
                    x: y
                """

            def at_end():
                """Transaction boundary:"""

            def content_next_line():
                """Doc.

                Transaction boundary:
                    Single operation, automatically atomic.
                """

            def two_headers_one_full():
                """Transaction boundary:

                Transaction boundary: Read-only.
                """

            def trailing_spaces():
                """Transaction boundary:   \t
                """

            def two_words_next():
                """Transaction boundary:
                Steps executed:
                """

            def repeated_empty_headers():
                """Transaction boundary:
                Transaction boundary:
                """

            def empty_then_full_header():
                """Transaction boundary:
                Transaction boundary: Read-only.
                """
            '''))
        rc, out = self.check()
        self.assertEqual([(c, f) for c, _, _, f in self.codes(out)], [
            ("TXB003", "blank_next"),
            ("TXB003", "word_header_next"),
            ("TXB003", "at_end"),
            ("TXB003", "trailing_spaces"),
            ("TXB003", "repeated_empty_headers"),
        ])
        self.assertEqual(out["summary"]["functionsChecked"], 9)

    def test_renamed_compared_with_source(self):
        r = self.repo
        body = d(f'''
            def keep():
                return 1


            def had():
                {SECTION_OK}
                return 2


            def other():
                return 3
            ''')
        r.stage("old/name.py", body)
        r.commit()
        os.mkdir(os.path.join(r.dir, "new"))
        r.git("mv", "old/name.py", "new/name.py")
        r.stage("new/name.py", body.replace(SECTION_OK, '"""Lost it."""'))
        raw = r.git("diff", "--cached", "-M", "--name-status")
        self.assertTrue(raw.startswith("R"), raw)
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB002", "new/name.py", 5, "had")])
        # restricted to the new path, still compared with the old path
        rc, out = self.check("new/name.py")
        self.assertEqual(self.codes(out), [("TXB002", "new/name.py", 5, "had")])
        rc, out = self.check("old")
        self.assertEqual(out["violations"], [])
        self.assertEqual(out["summary"]["filesChecked"], 0)

    def test_pure_rename_checks_nothing(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n")
        r.commit()
        r.git("mv", "a.py", "b.py")
        rc, out = self.check()
        self.assertEqual(rc, 0)
        self.assertEqual(out["summary"], {"filesChecked": 1, "functionsChecked": 0, "blocking": 0})

    def test_copied_file(self):
        r = self.repo
        src = "".join(f"def f{i}():\n    return {i}\n\n\n" for i in range(10))
        r.stage("src.py", src)
        r.commit()
        # source also modified so that -C finds the copy
        r.stage("src.py", src.replace("return 0", "return 100"))
        r.stage("dup.py", src.replace("return 9", "return 900"))
        # default (-M): a copy is an added file, every function counts
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"] if v["file"] == "dup.py"],
                         [f"f{i}" for i in range(10)])
        self.assertEqual([v["function"] for v in out["violations"] if v["file"] == "src.py"], ["f0"])
        # --find-copies: compared with the copy source
        rc, out = self.check("--find-copies")
        self.assertEqual(self.codes(out), [("TXB001", "dup.py", 37, "f9"), ("TXB001", "src.py", 1, "f0")])

    def test_deleted_not_checked(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n")
        r.commit()
        r.git("rm", "-q", "a.py")
        rc, out = self.check()
        self.assertEqual((rc, out["summary"]["filesChecked"]), (0, 0))

    def test_typechange_symlink_to_file(self):
        r = self.repo
        r.write("t.txt", "x\n")
        os.symlink("t.txt", os.path.join(r.dir, "s.py"))
        r.add()
        r.commit()
        os.unlink(os.path.join(r.dir, "s.py"))
        r.stage("s.py", "def f():\n    pass\n")
        self.assertIn("T\ts.py", r.git("diff", "--cached", "--name-status"))
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB001", "s.py", 1, "f")])

    def test_partial_staging_index_wins(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n\n\ndef g():\n    return 1\n")
        r.commit()
        # index: f changed without section; worktree: f gets a section
        r.stage("a.py", "def f():\n    return 2\n\n\ndef g():\n    return 1\n")
        r.write("a.py", f"def f():\n    {SECTION_OK}\n    return 2\n\n\ndef g():\n    return 5\n")
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB001", "a.py", 1, "f")])
        # reverse: the section is staged, the worktree lost it
        r.stage("a.py", f"def f():\n    {SECTION_OK}\n    return 2\n\n\ndef g():\n    return 1\n")
        r.write("a.py", "def f():\n    return 2\n")
        rc, out = self.check()
        self.assertEqual((rc, out["violations"]), (0, []))

    def test_mode_only_change(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n")
        r.commit()
        r.git("update-index", "--chmod=+x", "a.py")
        rc, out = self.check()
        self.assertEqual(out["summary"], {"filesChecked": 1, "functionsChecked": 0, "blocking": 0})


class TestSelection(Base):
    def test_public_private_dunder(self):
        r = self.repo
        r.stage("a.py", d('''
            def pub():
                pass

            def _priv():
                pass

            class K:
                def __init__(self):
                    pass

                def __eq__(self, o):
                    pass

                def _helper(self):
                    pass

                def run(self):
                    pass

                class _Inner:
                    def m(self):
                        pass

            class _Hidden:
                def m(self):
                    pass
            '''))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["pub", "K.run"])
        self.assertEqual(out["summary"]["functionsChecked"], 2)

    def test_dunder_all(self):
        r = self.repo
        r.stage("a.py", d('''
            __all__ = ["old"]
            __all__ = ("f", "K")
            if True:
                __all__ += ["g"]

            def f():
                pass

            def g():
                pass

            def h():
                pass

            class K:
                def m(self):
                    pass

            class L:
                def m(self):
                    pass
            '''))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["f", "g", "K.m"])
        rc, out = self.check("--no-respect-all")
        self.assertEqual([v["function"] for v in out["violations"]], ["f", "g", "h", "K.m", "L.m"])

    def test_dunder_all_non_literal_is_no_restriction(self):
        r = self.repo
        r.stage("a.py", d('''
            __all__: list[str] = ["f"]
            __all__ = __all__ + ["g"]

            def f():
                pass

            def h():
                pass
            '''))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["f", "h"])

    def test_dunder_all_empty_and_annotated(self):
        r = self.repo
        r.stage("a.py", "__all__: tuple = ()\n\ndef f():\n    pass\n")
        rc, out = self.check()
        self.assertEqual((rc, out["summary"]["functionsChecked"]), (0, 0))

    def test_overload_setter_deleter_skipped_getter_checked(self):
        r = self.repo
        r.stage("a.py", d('''
            import typing
            from typing import overload

            @overload
            def f(x: int) -> int: ...

            @typing.overload
            def f(x: str) -> str: ...

            def f(x):
                return x

            class K:
                @property
                def value(self):
                    return 1

                @value.setter
                def value(self, v):
                    pass

                @value.deleter
                def value(self):
                    pass

                @t.overload
                def g(self): ...
            '''))
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB001", "a.py", 10, "f"), ("TXB001", "a.py", 15, "K.value")])
        self.assertEqual(out["summary"]["functionsChecked"], 2)

    def test_transparent_blocks_and_nested(self):
        r = self.repo
        r.stage("a.py", d('''
            import sys
            if sys.version_info >= (3,):
                def a():
                    pass
            else:
                def a():
                    pass
            try:
                import x
            except ImportError:
                def b():
                    pass
            finally:
                pass
            with open(__file__):
                for _ in ():
                    pass
                else:
                    def c():
                        def nested():
                            pass
            match sys.argv:
                case []:
                    class Outer:
                        while False:
                            pass
                        else:
                            class Inner:
                                def method(self):
                                    pass
            '''))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]],
                         ["a", "a", "b", "c", "Outer.Inner.method"])

    def test_test_files_excluded(self):
        r = self.repo
        for p in ["test_a.py", "pkg/b_test.py", "tests/c.py", "x/tests/y/d.py", "pkg/conftest.py",
                  "pkg/test.py", "pkg/testing/e.py", "a.pyi", "notes.txt", "Tests/f.py", "x.PY",
                  ".hidden.py", ".ci/g.py"]:
            r.stage(p, "def f():\n    pass\n")
        rc, out = self.check()
        self.assertEqual(sorted(v["file"] for v in out["violations"]),
                         [".ci/g.py", ".hidden.py", "Tests/f.py", "pkg/test.py", "pkg/testing/e.py"])
        self.assertEqual(out["summary"]["filesChecked"], 5)
        rc, out = self.check("tests/c.py")
        self.assertEqual(out["summary"]["filesChecked"], 0)

    def test_paths_restrict(self):
        r = self.repo
        for p in ["a/x.py", "a/y.py", "ab/z.py", "b/w.py"]:
            r.stage(p, "def f():\n    pass\n")
        rc, out = self.check("a")
        self.assertEqual(sorted(v["file"] for v in out["violations"]), ["a/x.py", "a/y.py"])
        rc, out = self.check("x.py", cwd=os.path.join(r.dir, "a"))
        self.assertEqual([v["file"] for v in out["violations"]], ["a/x.py"])
        rc, out = self.check("../b", cwd=os.path.join(r.dir, "a"))
        self.assertEqual([v["file"] for v in out["violations"]], ["b/w.py"])
        rc, out = self.check(os.path.join(r.dir, "ab", "z.py"))
        self.assertEqual([v["file"] for v in out["violations"]], ["ab/z.py"])
        rc, out = self.check(cwd=os.path.join(r.dir, "a"))
        self.assertEqual(out["summary"]["filesChecked"], 4)
        rc, out = self.check(".")
        self.assertEqual(out["summary"]["filesChecked"], 4)
        rc, out = self.check("/")
        self.assertEqual(rc, 2)
        rc, out = self.check("../..", cwd=os.path.join(r.dir, "a"))
        self.assertEqual(rc, 2)
        rc, out = self.check("nothing/here.py")
        self.assertEqual((rc, out["summary"]["filesChecked"]), (0, 0))

    def test_odd_file_names(self):
        r = self.repo
        names = ["sp ace.py", "new\nline.py", "ünï/cödé.py", "-dash.py", 'q"uote\\.py', "tab\there.py",
                 "--.py", "*.py", ":(top)x.py"]
        for n in names:
            r.write(n, "def f():\n    return 1\n")
        r.add()
        r.commit()
        for n in names:
            r.write(n, "def f():\n    return 2\n")
        r.add()
        rc, out = self.check()
        self.assertEqual(sorted(v["file"] for v in out["violations"]), sorted(names))
        self.assertTrue(all(v["line"] == 1 for v in out["violations"]))
        rc, out = self.check("--", "-dash.py")
        self.assertEqual([v["file"] for v in out["violations"]], ["-dash.py"])
        rc, out = self.check("*.py")
        self.assertEqual([v["file"] for v in out["violations"]], ["*.py"])
        # renames of odd names
        r.git("commit", "-q", "-m", "x")
        r.git("mv", "sp ace.py", "ren amed.py")
        r.git("mv", "new\nline.py", "ünï/new\nname.py")
        rc, out = self.check()
        self.assertEqual((rc, out["summary"]["filesChecked"]), (0, 2))

    def test_hostile_git_config_and_env(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n\n\ndef g():\n    return 1\n")
        r.commit()
        for k, v in [("diff.noprefix", "true"), ("diff.mnemonicPrefix", "true"), ("color.ui", "always"),
                     ("color.diff", "always"), ("diff.renames", "false"), ("diff.external", "false"),
                     ("diff.relative", "true"), ("core.quotePath", "false"), ("diff.algorithm", "patience"),
                     ("diff.context", "10"), ("diff.interHunkContext", "50")]:
            r.git("config", k, v)
        r.stage("a.py", "def f():\n    return 2\n\n\ndef g():\n    return 1\n")
        env = dict(r.env, GIT_DIFF_OPTS="--unified=20", GIT_EXTERNAL_DIFF="false")
        rc, out = self.check(env=env)
        self.assertEqual(self.codes(out), [("TXB001", "a.py", 1, "f")])

    def test_git_index_file_respected(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n")
        r.commit()
        alt = os.path.join(r.dir, ".git", "alt-index")
        shutil.copy(os.path.join(r.dir, ".git", "index"), alt)
        r.write("a.py", "def f():\n    return 2\n")
        env = dict(r.env, GIT_INDEX_FILE=alt)
        r.git("add", "a.py", env=env)
        rc, out = self.check()
        self.assertEqual((rc, out["summary"]["filesChecked"]), (0, 0))
        rc, out = self.check(env=env)
        self.assertEqual(self.codes(out), [("TXB001", "a.py", 1, "f")])

    def test_no_python_staged(self):
        r = self.repo
        r.stage("x.txt", "hi\n")
        rc, out = self.check()
        self.assertEqual((rc, out), (0, {"violations": [], "summary": {
            "filesChecked": 0, "functionsChecked": 0, "blocking": 0}, "errors": []}))


class TestModified(Base):
    def test_span_and_pure_deletions(self):
        r = self.repo
        base = d('''
            import functools


            @functools.cache
            def deco():
                x = 1
                return x


            def after():
                y = 1
                return y
            z = 1
            w = 2
            ''')
        r.stage("a.py", base)
        r.commit()
        # decorator line changed -> span includes it
        r.stage("a.py", base.replace("@functools.cache", "@functools.lru_cache"))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["deco"])
        # removing the line right after def counts
        r.stage("a.py", base.replace("    x = 1\n    return x\n", "    return 1\n"))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["deco"])
        r.stage("a.py", base.replace("def after():\n    y = 1\n", "def after():\n"))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["after"])
        # removing lines after the function's last line does not count
        r.stage("a.py", base.replace("z = 1\n", ""))
        rc, out = self.check()
        self.assertEqual((rc, out["summary"]["functionsChecked"]), (0, 0))
        # blank line added between functions: not inside any span
        r.stage("a.py", base.replace("\n\ndef after", "\n\n\ndef after"))
        rc, out = self.check()
        self.assertEqual((rc, out["summary"]["functionsChecked"]), (0, 0))

    def test_nested_function_change_marks_outer(self):
        r = self.repo
        src = "def outer():\n    def _impl(s):\n        return s\n    return _impl(1)\n"
        r.stage("a.py", src)
        r.commit()
        r.stage("a.py", src.replace("return s", "return s + 1"))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["outer"])

    def test_header_like_content_lines(self):
        r = self.repo
        src = "def f():\n    -- x\n    return 1\n\n\ndef g():\n    return 1\n"
        r.stage("a.py", src)
        r.commit()
        r.stage("a.py", src.replace("    -- x\n", "").replace("    return 1\n\n\ndef g", "    ++ y\n    return 1\n\n\ndef g"))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["f"])

    def test_crlf_file(self):
        r = self.repo
        src = ("def f():\r\n    \"\"\"Doc.\r\n\r\n    Transaction boundary:\r\n    \"\"\"\r\n    return 1\r\n\r\n\r\n"
               "def g():\r\n    \"\"\"Doc.\r\n\r\n    Transaction boundary:\r\n        Read-only.\r\n    \"\"\"\r\n")
        r.stage("a.py", src.encode())
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB003", "a.py", 1, "f")])

    def test_docstring_kinds(self):
        r = self.repo
        r.stage("a.py", d('''
            def fstr():
                f"""Transaction boundary: Read-only {1}."""

            def concat():
                ("Doc.\\n"
                 "Transaction boundary: Read-only.")

            def bytes_doc():
                b"""Transaction boundary: Read-only."""

            def not_first():
                x = 1
                """Transaction boundary: Read-only."""

            def raw():
                r"""Transaction boundary: Read-only \\d."""

            def escaped_newline():
                "Doc.\\n  Transaction boundary: Read-only."
            '''))
        rc, out = self.check()
        self.assertEqual([v["function"] for v in out["violations"]], ["fstr", "bytes_doc", "not_first"])

    def test_custom_section(self):
        r = self.repo
        r.stage("a.py", 'def f():\n    """Session policy: none."""\n\n\ndef g():\n    """Session policy:"""\n')
        rc, out = self.check("--section", "Session Policy")
        self.assertEqual(self.codes(out), [("TXB003", "a.py", 5, "g")])


class TestSuppression(Base):
    def test_noqa_variants(self):
        r = self.repo
        r.stage("a.py", d('''
            def a():  # noqa: TXB001
                pass

            def b():  # noqa
                pass

            def c():  # noqa: TXB002
                pass

            def d():  # NOQA:e501, txb001
                pass

            def e():  # txboundary: ignore
                pass

            @decorator  # noqa: TXB001
            def f():
                pass

            def g(x="# noqa: TXB001"):
                pass

            def h(  # type: ignore  # noqa: TXB003,TXB001
                x,
            ):
                pass

            def i():  # noqa: TXB001
                """Transaction boundary:
                """
            '''))
        rc, out = self.check()
        self.assertEqual([(v["code"], v["function"]) for v in out["violations"]],
                         [("TXB001", "b"), ("TXB001", "c"), ("TXB001", "f"), ("TXB001", "g"), ("TXB003", "i")])
        self.assertEqual(out["summary"]["functionsChecked"], 9)


class TestSyntaxAndEncoding(Base):
    def test_txb000_inside_hunk(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n")
        r.commit()
        r.stage("a.py", "def f():\n    return (1\n")
        rc, out = self.check()
        self.assertEqual(rc, 1)
        self.assertEqual(out["violations"], [
            {"code": "TXB000", "file": "a.py", "line": 2, "column": 12, "function": None}])
        self.assertEqual(out["errors"], [])

    def test_syntax_error_outside_hunk_goes_to_errors(self):
        r = self.repo
        r.stage("a.py", "def f():\n    return 1\n\n\nx = = 2\n")
        r.commit()
        r.stage("a.py", "def f():\n    return 2\n\n\nx = = 2\n")
        rc, out = self.check()
        self.assertEqual((rc, out["violations"]), (0, []))
        self.assertEqual([e["file"] for e in out["errors"]], ["a.py"])
        self.assertEqual(out["summary"], {"filesChecked": 1, "functionsChecked": 0, "blocking": 0})

    def test_syntax_error_in_new_file(self):
        r = self.repo
        r.stage("a.py", "def f(:\n    pass\n")
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB000", "a.py", 1, None)])

    def test_encodings(self):
        r = self.repo
        r.stage("latin.py", b"# -*- coding: latin-1 -*-\ndef f():\n    '''Caf\xe9.'''\n")
        r.stage("bom.py", b"\xef\xbb\xbfdef f():\n    pass\n")
        r.stage("bad.py", b"def f():\n    '''Caf\xe9.'''\n")
        r.stage("nul.py", b"def f():\n    pass\n\x00\n")
        r.stage("cookie.py", b"# coding: no-such-codec\ndef f():\n    pass\n")
        rc, out = self.check()
        self.assertEqual(self.codes(out), [("TXB001", "bom.py", 1, "f"), ("TXB001", "latin.py", 2, "f")])
        self.assertEqual(out["violations"][0]["column"], 5)
        self.assertEqual(sorted(e["file"] for e in out["errors"]), ["bad.py", "cookie.py", "nul.py"])
        self.assertEqual(out["summary"]["filesChecked"], 5)


class TestModes(Base):
    def test_all_mode(self):
        r = self.repo
        r.stage("a.py", f'def f():\n    {SECTION_OK}\n\n\ndef g():\n    pass\n\n\ndef h():\n    """Transaction boundary:"""\n')
        r.stage("tests/t.py", "def f():\n    pass\n")
        r.stage("b.py", "def x(:\n")
        r.commit()
        r.write("c.py", "def untracked():\n    pass\n")
        rc, out = self.check("--all")
        self.assertEqual(self.codes(out), [("TXB001", "a.py", 5, "g"), ("TXB003", "a.py", 9, "h")])
        self.assertEqual([e["file"] for e in out["errors"]], ["b.py"])
        self.assertEqual(out["summary"], {"filesChecked": 2, "functionsChecked": 3, "blocking": 2})
        rc, out = self.check("--all", "b.py")
        self.assertEqual((rc, out["summary"]["filesChecked"]), (0, 1))

    def test_base_mode(self):
        r = self.repo
        r.stage("a.py", f"def f():\n    {SECTION_OK}\n    return 1\n\n\ndef g():\n    return 1\n")
        r.commit()
        r.git("checkout", "-q", "-b", "feature")
        r.stage("a.py", "def f():\n    return 1\n\n\ndef g():\n    return 1\n")
        r.commit()
        r.stage("b.py", "def n():\n    pass\n")
        r.commit()
        r.stage("a.py", "def f():\n    return 1\n\n\ndef g():\n    return 99\n")  # staged only
        rc, out = self.check("--base", "main")
        self.assertEqual(self.codes(out), [("TXB002", "a.py", 1, "f"), ("TXB001", "b.py", 1, "n")])
        rc, out = self.check("--base", "main", "--head", "feature~1")
        self.assertEqual(self.codes(out), [("TXB002", "a.py", 1, "f")])
        rc, out = self.check("--base", "no-such-ref")
        self.assertEqual(rc, 2)
        r.git("checkout", "-q", "--orphan", "lonely")
        r.commit("orphan")
        rc, out = self.check("--base", "main")
        self.assertEqual(rc, 2)

    def test_outside_repo_is_exit_2(self):
        d_ = tempfile.mkdtemp()
        try:
            rc, out = self.repo.run(cwd=d_)
            self.assertEqual(rc, 2)
            self.assertTrue(out["errors"])
        finally:
            shutil.rmtree(d_)

    def test_large_file_is_fast(self):
        r = self.repo
        n = 4000
        src = "".join(f"def f{i}(session):\n    '''Doc.'''\n    return {i}\n\n\n" for i in range(n))
        r.stage("big.py", src)
        for k in range(200):
            r.stage(f"many/m{k}.py", f"def m():\n    return {k}\n")
        r.commit()
        r.stage("big.py", src.replace("return 1234\n", "return -1\n").replace("return 3999\n", "return 0\n"))
        for k in range(200):
            r.write(f"many/m{k}.py", f"def m():\n    return {k + 1}\n")
        r.add()
        t = time.monotonic()
        rc, out = self.check()
        elapsed = time.monotonic() - t
        self.assertEqual(out["summary"], {"filesChecked": 201, "functionsChecked": 202, "blocking": 202})
        self.assertEqual([v["function"] for v in out["violations"] if v["file"] == "big.py"], ["f1234", "f3999"])
        self.assertLess(elapsed, 20)


if __name__ == "__main__":
    unittest.main()
