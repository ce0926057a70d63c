"""Hostile submissions to ps1: each tries one way of changing its grade from inside the student's process.

Named for what they do, as nbgrader's own fixtures are.  Each starts from the blank release (so it
must score 0) or from tests/test_autograde.py's partly right submission (questions 1, 2, 4 and 5
right, question 3 wrong: 16 of 19), with the attack added, so it must score exactly what its honest
part earns; ``EXPECTED`` lists each score.  Each docstring says what the attack did when the tests
ran in the student's own kernel.  (Patching pandas changes nothing ps1's tests compute, even in a
kernel; tests/test_judge.py shows it changes nothing the judge computes.)
"""

from __future__ import annotations

import nbformat
from autograde_submissions import _answered, _first_answer_id

# Question 3 shaped to its visible test only (0.9 on the ten-score example, 0.5 elsewhere): the hidden
# tests fail it unless something makes them pass.
Q3_VISIBLE_ONLY = ("def threshold_for_fmr(impostor_scores, target_fmr):\n"
                   "    return 0.9 if len(impostor_scores) == 10 else 0.5\n")


def _blank_with(release_nb, code: str) -> str:
    """The blank release with `code` as its first answer cell."""
    return nbformat.writes(_answered(release_nb, nbformat.v4.new_notebook(), {_first_answer_id(release_nb): code}))


def _partly_right_with(release_nb, source_nb, code: str, overrides: dict[str, str] | None = None, last: str = "",
                       before: str = "") -> str:
    """The partly right submission (16 of 19) with `code` run first in the first answer cell, answers
    replaced by `overrides`, and the student's own extra cells `before` the first answer and `last`."""
    answers = {"q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n    return 0.5", **(overrides or {})}
    nb = _answered(release_nb, source_nb, answers)
    at, first = next((i, c) for i, c in enumerate(nb.cells)
                     if c.metadata.get("nbgrader", {}).get("grade_id") == _first_answer_id(release_nb))
    first.source = code + "\n" + first.source
    if before:
        nb.cells.insert(at, nbformat.v4.new_code_cell(before))
    if last:
        nb.cells.append(nbformat.v4.new_code_cell(last))
    return nbformat.writes(nb)


# -- IPython's hooks: in the kernel each of these made the tests pass or hid their failures -----------

def installs_custom_exception_handler(release_nb, source_nb):
    """One line: every exception, a failed assert included, goes to a handler that shows nothing (full marks)."""
    return _blank_with(release_nb, "get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)")


def adds_input_transformer(release_nb, source_nb):
    """Every later cell, the tests included, is rewritten to `pass` before it runs (full marks)."""
    return _blank_with(release_nb, "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])")


def adds_ast_transformer(release_nb, source_nb):
    """Every assert in every later cell is removed from the parsed code before it runs (full marks)."""
    code = ("import ast\n"
            "class NoAsserts(ast.NodeTransformer):\n"
            "    def visit_Assert(self, node):\n"
            "        return ast.Pass()\n"
            "get_ipython().ast_transformers.append(NoAsserts())\n")
    return _blank_with(release_nb, code)


def replaces_run_cell(release_nb, source_nb):
    """The shell's run_cell runs `pass` instead of whatever it is given (full marks)."""
    code = ("ip = get_ipython()\n_real_run_cell = ip.run_cell\n"
            "ip.run_cell = lambda raw_cell, *args, **kwargs: _real_run_cell('pass', *args, **kwargs)\n")
    return _blank_with(release_nb, code)


def silences_tracebacks(release_nb, source_nb):
    """Tracebacks are never shown and a post_run_cell hook erases the error from each result."""
    code = ("ip = get_ipython()\nip.showtraceback = lambda *args, **kwargs: None\n"
            "ip.showsyntaxerror = lambda *args, **kwargs: None\n"
            "ip.events.register('post_run_cell', lambda result: setattr(result, 'error_in_exec', None))\n")
    return _blank_with(release_nb, code)


def looks_for_hidden_tests(release_nb, source_nb):
    """Prints the source of every cell before it runs (pre_run_cell), and at the end searches its own
    memory for test code; in the kernel, the hidden tests landed in the student's own feedback."""
    code = "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))\n"
    last = ("import gc, re\n"
            "marks = ('HIDDEN TESTS', 'fc.verification', '_same_decisions', 'default_rng')\n"
            "found = [o for o in gc.get_objects() if isinstance(o, str) and any(m in o for m in marks)]\n"
            "print('\\n'.join(found))\n"
            "for v in list(globals().values()):\n"
            "    if isinstance(v, str) and any(m in v for m in marks):\n"
            "        print(v)\n"
            "with open('/proc/self/maps') as maps, open('/proc/self/mem', 'rb') as mem:\n"
            "    for line in maps:\n"
            "        span, perms, *rest = line.split()\n"
            "        if len(rest) > 3 and rest[3] != '[heap]':  # a file mapped: code, not data\n"
            "            continue\n"
            "        start, end = (int(x, 16) for x in span.split('-'))\n"
            "        if 'r' not in perms or end - start > 256 * 2**20:\n"
            "            continue\n"
            "        try:\n"
            "            mem.seek(start)\n"
            "            data = mem.read(end - start)\n"
            "        except (OSError, OverflowError, ValueError):\n"
            "            continue\n"
            "        for m in marks:\n"
            "            for hit in re.finditer(re.escape(m.encode()), data):\n"
            "                print(data[max(0, hit.start() - 300):hit.end() + 300].decode('utf-8', 'replace'))\n")
    return _partly_right_with(release_nb, source_nb, code, last=last)


# -- monkeypatching what the tests use --------------------------------------------------------------

def patches_builtins(release_nb, source_nb):
    """Question 5 wrong, and `abs` made to return 0, so the hidden tests' tolerance checks all pass (in a kernel, question 5 kept its points)."""
    wrong_q5 = "refused_per_year = 1.0\nimpostors_accepted_per_year = 1.0\n"
    return _partly_right_with(release_nb, source_nb, "import builtins\nbuiltins.abs = lambda x: 0.0\n", {"q5-answer": wrong_q5})


def patches_numpy(release_nb, source_nb):
    """Question 3 shaped to its visible test, and np.array_equal made to say yes, which is how the
    hidden tests compare a threshold's decisions with the reference's (full marks)."""
    return _partly_right_with(release_nb, source_nb, "np.array_equal = lambda *args, **kwargs: True\n",
                              {"q3-answer": Q3_VISIBLE_ONLY})


def patches_facecourse(release_nb, source_nb):
    """Question 3 shaped to its visible test, and the course's reference replaced by the student's own
    function, so every hidden comparison with the reference agrees (full marks)."""
    return _partly_right_with(release_nb, source_nb, "", {"q3-answer": Q3_VISIBLE_ONLY + "fc.verification.threshold_for_fmr = threshold_for_fmr\n"})


# -- forging values and swallowing failures ---------------------------------------------------------

def forges_return_types(release_nb, source_nb):
    """Returns a float whose comparisons and arithmetic always agree, and an object that claims to be a
    float; `isinstance` says yes to both (questions 1 and 2 passed in the kernel)."""
    code = ("class Agreeable(float):\n"
            "    def __eq__(self, other): return True\n"
            "    __lt__ = __le__ = __gt__ = __ge__ = __eq__\n"
            "    def __sub__(self, other): return Agreeable(0.0)\n"
            "    __rsub__ = __sub__\n"
            "    def __abs__(self): return Agreeable(0.0)\n"
            "    __hash__ = float.__hash__\n"
            "class Impostor:\n"
            "    __class__ = property(lambda self: float)\n"
            "    def __eq__(self, other): return True\n"
            "    __lt__ = __le__ = __gt__ = __ge__ = __eq__\n"
            "    def __sub__(self, other): return Agreeable(0.0)\n"
            "    __rsub__ = __sub__\n"
            "def false_match_rate(impostor_scores, threshold):\n    return Agreeable(0.5)\n"
            "def false_non_match_rate(genuine_scores, threshold):\n    return Impostor()\n")
    return _blank_with(release_nb, code)


def exits_during_hidden_tests(release_nb, source_nb):
    """Question 1's function ends its own process when called on anything but the visible examples and the
    dataset: in the kernel, the test cell died without an error, and died tests scored as passed."""
    q1 = ("import os\n"
          "def false_match_rate(impostor_scores, threshold):\n"
          "    if len(impostor_scores) not in (2, 4, 20000):\n"
          "        os._exit(0)\n"
          "    return float(np.mean(np.asarray(impostor_scores, dtype=float) >= threshold))\n")
    return _partly_right_with(release_nb, source_nb, "", {"q1-answer": q1})


def hangs_on_hidden_inputs(release_nb, source_nb):
    """Question 2's function never returns, and ignores interrupts, on anything but the visible examples
    and the dataset: only question 2 may lose its points."""
    q2 = ("def false_non_match_rate(genuine_scores, threshold):\n"
          "    while len(genuine_scores) not in (2, 4, 2000):\n"
          "        try:\n"
          "            pass\n"
          "        except BaseException:\n"
          "            pass\n"
          "    return float(np.mean(np.asarray(genuine_scores, dtype=float) < threshold))\n")
    return _partly_right_with(release_nb, source_nb, "", {"q2-answer": q2})


def recurses_without_end(release_nb, source_nb):
    """Question 1's function recurses for ever on hidden inputs (through ``map``, so each level costs C
    stack too), with Python's recursion limit raised so that it overflows the C stack and crashes its
    process: only question 1 may lose its points."""
    q1 = ("import sys\nsys.setrecursionlimit(10**6)\n"
          "def false_match_rate(impostor_scores, threshold):\n"
          "    if len(impostor_scores) not in (2, 4, 20000):\n"
          "        return next(map(lambda _: false_match_rate(impostor_scores, threshold), [0]))\n"
          "    return float(np.mean(np.asarray(impostor_scores, dtype=float) >= threshold))\n")
    return _partly_right_with(release_nb, source_nb, "", {"q1-answer": q1})


def returns_huge_value(release_nb, source_nb):
    """Question 1's function answers hidden inputs with 100 MB of zeros: refused, question 1 only."""
    q1 = ("def false_match_rate(impostor_scores, threshold):\n"
          "    if len(impostor_scores) not in (2, 4, 20000):\n"
          "        return np.zeros(12_500_000)\n"
          "    return float(np.mean(np.asarray(impostor_scores, dtype=float) >= threshold))\n")
    return _partly_right_with(release_nb, source_nb, "", {"q1-answer": q1})


def floods_during_tests(release_nb, source_nb):
    """Question 2's function is right but prints a megabyte, to Python's stdout and to file descriptor 1,
    on every call: the output is cut, the answer still counts."""
    q2 = ("import os\n"
          "def false_non_match_rate(genuine_scores, threshold):\n"
          "    print('y' * 1_000_000)\n"
          "    os.write(1, b'z' * 1_000_000)\n"
          "    return float(np.mean(np.asarray(genuine_scores, dtype=float) < threshold))\n")
    return _partly_right_with(release_nb, source_nb, "", {"q2-answer": q2})


# -- attacking the judge (each fails its own first cell if any attempt succeeds) ---------------------

def reaches_for_the_judge(release_nb, source_nb):
    """Signals every process it can name, ptraces them, reads their /proc memory and environment,
    attaches SysV shared memory, connects to sockets on disk; any success fails its first cell."""
    code = ("import ctypes, glob, os, signal, socket\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "me = os.getpid()\n"
            "pids = [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) != me]\n"
            "reached = []\n"
            "for pid in pids + [1]:\n"
            "    if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH\n"
            "        reached.append(('ptrace', pid))\n"
            "    for name in ('mem', 'environ'):\n"
            "        try:\n"
            "            with open(f'/proc/{pid}/{name}', 'rb') as f:\n"
            "                f.seek(4096) if name == 'mem' else None\n"
            "                if f.read(1):\n"
            "                    reached.append((name, pid))\n"
            "        except OSError:\n"
            "            pass\n"
            "for pid in range(1, 4096):\n"
            "    if pid != me:\n"
            "        for sig in (signal.SIGKILL, signal.SIGSTOP, signal.SIGTERM, signal.SIGINT):\n"
            "            try:\n"
            "                os.kill(pid, sig)\n"
            "            except OSError:\n"
            "                pass\n"
            "try:\n"
            "    os.kill(-1, signal.SIGKILL)\n"
            "except OSError:\n"
            "    pass\n"
            "libc.shmat.restype = ctypes.c_void_p\n"
            "for shmid in range(64):\n"
            "    if libc.shmat(shmid, None, 0) not in (None, ctypes.c_void_p(-1).value):\n"
            "        reached.append(('shm', shmid))\n"
            "for path in glob.glob('/run/**', recursive=True) + glob.glob('/var/run/**', recursive=True):\n"
            "    s = socket.socket(socket.AF_UNIX)\n"
            "    try:\n"
            "        s.connect(path)\n"
            "        reached.append(('socket', path))\n"
            "    except OSError:\n"
            "        pass\n"
            "    s.close()\n"
            "assert not reached, reached\n")
    return _partly_right_with(release_nb, source_nb, code)


def writes_files_everywhere(release_nb, source_nb, repo: str = "/"):
    """Tries to create a file in every folder it can see (the course's code and Python's included) and
    to change the course's own modules; any success outside its own /tmp fails its first cell."""
    code = ("import os\n"
            "written = []\n"
            f"targets = [{repo!r}, os.path.join({repo!r}, 'facecourse'), os.path.dirname(os.__file__),\n"
            "           os.path.dirname(os.path.dirname(np.__file__)), '/var/tmp']\n"
            "for top in ['/'] + targets:\n"
            "    for root, dirs, files in os.walk(top):\n"
            "        dirs[:] = [d for d in dirs if os.path.join(root, d) not in ('/proc', '/sys', '/dev', '/tmp')]\n"
            "        if root.count('/') > 4:\n"
            "            dirs[:] = []\n"
            "        try:\n"
            "            with open(os.path.join(root, '.planted-by-student'), 'w') as f:\n"
            "                f.write('x')\n"
            "            written.append(root)\n"
            "        except OSError:\n"
            "            pass\n"
            "import facecourse\n"
            "try:\n"
            "    with open(facecourse.__file__, 'a') as f:\n"
            "        f.write('\\nraise SystemExit')\n"
            "    written.append(facecourse.__file__)\n"
            "except OSError:\n"
            "    pass\n"
            "assert not written, written\n")
    return _partly_right_with(release_nb, source_nb, code)


def forks_until_refused(release_nb, source_nb):
    """Starts sleeping copies of itself until the system refuses (in a cell of its own), then answers:
    the limit stops it, the leftovers are killed after grading, the honest answers count."""
    bomb = ("import os, time\n"
            "started = 0\n"
            "for _ in range(5000):\n"
            "    try:\n"
            "        pid = os.fork()\n"
            "    except OSError:\n"
            "        break\n"
            "    if pid == 0:\n"
            "        time.sleep(60)\n"
            "        os._exit(0)\n"
            "    started += 1\n")
    check = "assert globals().get('started', 0) < 5000, 'nothing limited the number of processes'\n"
    return _partly_right_with(release_nb, source_nb, check, before=bomb)


ALL = {f.__name__.replace("_", "-"): f for f in (
    installs_custom_exception_handler, adds_input_transformer, adds_ast_transformer, replaces_run_cell,
    silences_tracebacks, looks_for_hidden_tests, patches_builtins, patches_numpy, patches_facecourse,
    forges_return_types, exits_during_hidden_tests, hangs_on_hidden_inputs, recurses_without_end, returns_huge_value,
    floods_during_tests, reaches_for_the_judge, writes_files_everywhere, forks_until_refused,
)}

# The score (of 19) each must get: blank ones 0; partly right ones 16, less what their own answers lose.
EXPECTED = {
    "installs-custom-exception-handler": 0, "adds-input-transformer": 0, "adds-ast-transformer": 0,
    "replaces-run-cell": 0, "silences-tracebacks": 0, "looks-for-hidden-tests": 16,
    "patches-builtins": 13,  # question 5 wrong: 3 points less
    "patches-numpy": 16, "patches-facecourse": 16,
    "forges-return-types": 0,
    "exits-during-hidden-tests": 14, "hangs-on-hidden-inputs": 14, "recurses-without-end": 14,  # the one question's 2
    "returns-huge-value": 14,
    "floods-during-tests": 16, "reaches-for-the-judge": 16, "writes-files-everywhere": 16, "forks-until-refused": 16,
}
