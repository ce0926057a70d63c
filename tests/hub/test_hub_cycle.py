"""The whole nbgrader cycle for a class, through a real JupyterHub, as each user (`make test-hub`).

An instructor and three students log in with their Unix passwords; each gets their own server,
running as their own Unix account.  Everything below goes through the proxy, with each user's own
token, to their own server:

instructor: copies ps1 into their course folder, generates and releases it (formgrader API);
students:   list and fetch it (the Assignments tab's API), answer it through the contents API --
            one right, one partly, one blank -- and submit it;
instructor: collects (formgrader), runs `make autograde` (in a kernel on their server, so as their
            Unix account, sandboxed by the course's grader), generates and releases feedback;
students:   fetch their feedback and read it.

Then: every score, and that no student can reach another's work -- not their server, not their
home, not the exchange's submissions or feedback, not the instructor's course folder.
"""

from __future__ import annotations

import json
import re
import time

import nbformat
import pytest

from .conftest import COURSE_ID, REPO, HubUser, wait_for

pytestmark = pytest.mark.slow

ASSIGNMENT = "ps1-error-rates"
SOURCE = REPO / "assignments" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
STUDENTS = ("right", "partly", "blank")
# Autograded points (19 in all): q1 2, q2 2, q3 3, q4 1 + 1, q5 3, q6 4 x 1, q7 3 x 1; q8 is written.
# "partly" answers q1 and q2 right and q3 wrongly, and leaves the rest; "blank" hands in the release untouched.
EXPECTED_CODE_SCORE = {"right": 19.0, "partly": 4.0, "blank": 0.0}
MAX_CODE_SCORE = 19.0
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def _solution(source: str) -> str:
    return re.sub(r"[ \t]*### (BEGIN|END) SOLUTION\n?", "", source)


def answers(kind: str, marker: str) -> dict[str, str]:
    """What each kind of student writes in each answer cell, by nbgrader grade id."""
    src = nbformat.read(SOURCE, 4)
    solutions = {c.metadata["nbgrader"]["grade_id"]: _solution(c.source) for c in src.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    written = f"My answer ({marker}): at the counter the numbers mean people refused and impostors let in."
    if kind == "right":
        return {**solutions, "q8-answer": written}
    if kind == "partly":
        return {"q1-answer": solutions["q1-answer"], "q2-answer": solutions["q2-answer"],
                "q3-answer": "def threshold_for_fmr(impostor_scores, target_fmr):\n    return 0.5\n",
                "q8-answer": written}
    return {}


def hidden_test_lines() -> list[str]:
    src = nbformat.read(SOURCE, 4)
    return [ln.strip() for c in src.cells for block in HIDDEN.findall(c.source)
            for ln in block.splitlines() if len(ln.strip()) > 12]


def _post_ok(user: HubUser, path: str, **kw) -> dict:
    """A formgrader or assignment-list action; these answer 200 with {"success": false} on failure."""
    data = user.ok("POST", path, **kw).json()
    if isinstance(data, dict) and "success" in data:
        assert data["success"], f"{user.name}: {path} failed: {json.dumps(data)[:2000]}"
    return data


def _assignment_status(user: HubUser) -> list[dict]:
    data = user.ok("GET", "assignments", params={"course_id": COURSE_ID}).json()
    assert data["success"], f"{user.name}: assignment list failed: {data}"
    return [a for a in data["value"] if a["assignment_id"] == ASSIGNMENT]


@pytest.fixture(scope="module")
def cycle(hub, accounts):
    try:
        return _cycle(hub, accounts)
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__}: {exc}\n--- the hub's log, last lines ---\n{hub.log_tail(80)}",
                    pytrace=True)


def _cycle(hub, accounts):
    t0 = time.monotonic()
    users = {role: HubUser(hub, acc).login() for role, acc in accounts.items()}
    out = {"users": users, "timings": {}}
    for u in users.values():
        u.request_server()
    for u in users.values():
        wait_for(u.server_ready, 180, f"{u.name}'s server to be ready")
    out["timings"]["logins and 4 servers"] = time.monotonic() - t0
    instructor = users["instructor"]
    students = {k: users[k] for k in STUDENTS}
    course_root = accounts["instructor"].home / "course"

    # Formgrader is the instructor's alone.
    out["formgrader_status"] = {r: u.api("GET", "formgrader/api/assignments").status_code
                                for r, u in users.items()}

    # Instructor: the assignment into their course folder, then generate and release.
    instructor.run(f"""
        import shutil
        shutil.copytree({str(SOURCE.parent)!r}, {str(course_root / 'source' / ASSIGNMENT)!r})
    """)
    _post_ok(instructor, f"formgrader/api/assignment/{ASSIGNMENT}/assign")
    _post_ok(instructor, f"formgrader/api/assignment/{ASSIGNMENT}/release")
    out["timings"]["generate and release"] = time.monotonic() - t0

    # Students: fetch, answer through the contents API, submit.
    out["markers"] = {k: f"answer-marker-{u.name}" for k, u in students.items() if k != "blank"}
    out["listed_before_fetch"], out["status_after_submit"] = {}, {}
    for kind, u in students.items():
        out["listed_before_fetch"][kind] = [a["status"] for a in _assignment_status(u)]
        u.ok("POST", "assignments/fetch", data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
        path = f"api/contents/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
        model = u.ok("GET", path, params={"content": 1, "type": "notebook"}).json()
        nb = model["content"]
        mine = answers(kind, out["markers"].get(kind, ""))
        for cell in nb["cells"]:
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid in mine:
                cell["source"] = mine[gid]
        u.ok("PUT", path, json={"type": "notebook", "format": "json", "content": nb})
        u.ok("POST", "assignments/submit", data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
        out["status_after_submit"][kind] = [a["status"] for a in _assignment_status(u)]
    out["timings"]["fetch, answer, submit"] = time.monotonic() - t0

    # Instructor: collect, `make autograde`, feedback.
    _post_ok(instructor, f"formgrader/api/assignment/{ASSIGNMENT}/collect")
    out["autograde_log"] = instructor.run(f"""
        import subprocess
        r = subprocess.run(["make", "-C", {str(REPO)!r}, "autograde", "ASSIGNMENT={ASSIGNMENT}",
                            "AUTOGRADE_ARGS=--course-root {course_root}"],
                           capture_output=True, text=True, timeout=600)
        print(r.stdout[-6000:], r.stderr[-4000:])
        assert r.returncode == 0, f"make autograde exited with {{r.returncode}}"
    """, timeout=660)
    out["timings"]["collect and make autograde"] = time.monotonic() - t0
    _post_ok(instructor, f"formgrader/api/assignment/{ASSIGNMENT}/generate_feedback")
    _post_ok(instructor, f"formgrader/api/assignment/{ASSIGNMENT}/release_feedback")
    out["submissions"] = {s["student"]: s for s in
                          instructor.ok("GET", f"formgrader/api/submissions/{ASSIGNMENT}").json()}
    out["timings"]["feedback released"] = time.monotonic() - t0

    # Students: fetch feedback, read it.
    out["feedback"] = {}
    for kind, u in students.items():
        u.ok("POST", "assignments/fetch_feedback", data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
        listing = u.ok("GET", f"api/contents/{ASSIGNMENT}/feedback").json()["content"]
        htmls = []
        for stamp in listing:
            for f in u.ok("GET", f"api/contents/{stamp['path']}").json()["content"]:
                if f["name"].endswith(".html"):
                    htmls.append(u.ok("GET", f"api/contents/{f['path']}",
                                      params={"type": "file", "format": "text"}).json()["content"])
        out["feedback"][kind] = htmls
    out["timings"]["feedback fetched"] = time.monotonic() - t0

    # Isolation, tried by each student's own kernel (their Unix account) and with their token.
    inbound = hub.exchange / COURSE_ID / "inbound"
    feedback_out = hub.exchange / COURSE_ID / "feedback"
    out["probes"] = {}
    for kind, u in students.items():
        others = [users[k].account.home for k in users if k != kind]
        probe = u.run(f"""
            import glob, json, os
            results = {{}}
            def attempt(label, fn):
                try:
                    fn()
                    results[label] = "allowed"
                except PermissionError:
                    results[label] = "denied"
                except FileNotFoundError:
                    results[label] = "not found"
            attempt("list inbound", lambda: os.listdir({str(inbound)!r}))
            attempt("list released feedback", lambda: os.listdir({str(feedback_out)!r}))
            results["glob others' submissions"] = [p for p in glob.glob({str(inbound)!r} + "/*")
                                                   if not os.path.basename(p).startswith({u.name + '+'!r})]
            for home in {[str(h) for h in others]!r}:
                attempt("list " + home, lambda: os.listdir(home))
                attempt("read " + home + "/ps1", lambda: open(home + "/{ASSIGNMENT}/{ASSIGNMENT}.ipynb").read())
            attempt("read gradebook", lambda: open({str(course_root / 'gradebook.db')!r}, "rb").read(1))
            attempt("list submitted", lambda: os.listdir({str(course_root / 'submitted')!r}))
            print(json.dumps(results))
        """)
        out["probes"][kind] = json.loads(probe.strip().splitlines()[-1])
    out["cross_server"] = {
        (kind, other): users[other].api("GET", "api/contents", as_user=u).status_code
        for kind, u in students.items() for other in users if other != kind}
    out["cross_hub_api"] = {
        (kind, other): u.hub_api("GET", f"users/{users[other].name}").status_code
        for kind, u in students.items() for other in users if other != kind}
    out["timings"]["isolation probes"] = time.monotonic() - t0
    print("hub cycle timings (s from the first login):",
          {k: round(v, 1) for k, v in out["timings"].items()})
    return out


def test_formgrader_is_on_for_the_instructor_only(cycle):
    assert cycle["formgrader_status"]["instructor"] == 200
    for kind in STUDENTS:
        assert cycle["formgrader_status"][kind] == 404, cycle["formgrader_status"]


def test_each_student_sees_the_release_fetches_and_submits(cycle):
    for kind in STUDENTS:
        assert cycle["listed_before_fetch"][kind] == ["released"], cycle["listed_before_fetch"]
        assert "submitted" in cycle["status_after_submit"][kind], cycle["status_after_submit"]


def test_make_autograde_graded_every_submission(cycle):
    log = cycle["autograde_log"]
    assert "3 graded" in log and "0 not graded" in log, log


def test_every_score(cycle):
    subs = {}
    for kind in STUDENTS:
        name = cycle["users"][kind].name
        assert name in cycle["submissions"], f"no submission for {name}: {list(cycle['submissions'])}"
        subs[kind] = cycle["submissions"][name]
    got = {k: (s["code_score"], s["max_code_score"]) for k, s in subs.items()}
    assert got == {k: (v, MAX_CODE_SCORE) for k, v in EXPECTED_CODE_SCORE.items()}, got
    # The written answer (6 points) waits for a person in formgrader; the blank one has nothing to grade.
    assert subs["right"]["needs_manual_grade"] and subs["partly"]["needs_manual_grade"]


def test_each_student_gets_their_own_feedback_only(cycle):
    markers = cycle["markers"]
    hidden = hidden_test_lines()
    for kind in STUDENTS:
        htmls = cycle["feedback"][kind]
        assert len(htmls) == 1, f"{kind}: expected one feedback file, got {len(htmls)}"
        html = htmls[0]
        score = EXPECTED_CODE_SCORE[kind]
        assert re.search(rf"Score:\s*{score:.1f}\s*/\s*\d+(\.\d+)?", html), f"{kind}: own score not in feedback"
        if kind in markers:
            assert markers[kind] in html, f"{kind}'s feedback does not show their own answer"
        for other, marker in markers.items():
            if other != kind:
                assert marker not in html, f"{kind}'s feedback shows {other}'s answer"
        assert "BEGIN HIDDEN TESTS" not in html
        for line in hidden:
            assert line not in html and line.replace("<", "&lt;") not in html, f"hidden test in feedback: {line}"


def test_no_student_can_reach_another_students_work(cycle):
    for kind, results in cycle["probes"].items():
        assert results["glob others' submissions"] == [], f"{kind} can see: {results}"
        allowed = {k: v for k, v in results.items() if v == "allowed"}
        assert not allowed, f"{kind} could: {allowed}"
        assert results["list inbound"] == "denied" and results["list released feedback"] == "denied", results
    for pair, status in cycle["cross_server"].items():
        assert status == 403, f"{pair[0]}'s token on {pair[1]}'s server: HTTP {status}"
    for pair, status in cycle["cross_hub_api"].items():
        assert status in (403, 404), f"{pair[0]}'s token reading {pair[1]}'s hub record: HTTP {status}"
