"""Realistic student submissions, one module per assignment (see tests/test_realistic_submissions.py).

Each module lists SUBMISSIONS: ``base`` ("solution": the instructor's answers; "blank": the released
notebook), ``answers`` (answer cells replaced, by grade id) and ``scores`` (the autograded score every
tests cell must get).  The same submissions are graded on the default variant and on another term's
(``facecourse.grading.variants``), so an answer never types in a number or a letter that changes with
the term: it computes it, names the parameter, or, where a student's mistake is a change to a correct
answer, starts from ``SOLUTION`` — the instructor's answer to that cell in the variant being graded.
"""

SOLUTION = "<<the instructor's answer to this cell>>\n"


def given_answers(spec: dict, solution_answers: dict[str, str]) -> dict[str, str]:
    """The answer cells of one submission, by grade id, with ``SOLUTION`` filled in."""
    given = dict(solution_answers) if spec["base"] == "solution" else {}
    for gid, text in spec["answers"].items():
        given[gid] = text.replace(SOLUTION, solution_answers[gid].rstrip("\n") + "\n") if SOLUTION in text else text
    return given
