"""make variant: a term's version of every assignment, derived from the term's name.

The committed sources are the default variant; another term changes the synthetic data, the
thresholds and the scenario facts (and so every expected number), never a question, a rubric or a
point.  Grading the variants is tested in test_realistic_submissions.py and test_practice.py.
"""

import subprocess
import sys

import nbformat
import pytest
from conftest import ASSIGNMENTS, REPO

from facecourse.data import synthetic
from facecourse.grading import variants
from facecourse.models import linkage, verification

OTHER_TERM = "ci-other-term"
NAMES = [p.name for p in ASSIGNMENTS]


def _committed(name):
    return nbformat.read(REPO / "assignments" / "source" / name / f"{name}.ipynb", 4)


def _as(name, term, nb=None):
    return variants.rewrite(nbformat.from_dict(nbformat.from_dict(nb or _committed(name))), name, term)


def _fixed_parts(cell) -> str:
    """What must not change between terms: a cell without its variant cell source, markers or tagged lines."""
    if cell.metadata.get("facecourse", {}).get("variant_cell"):
        return ""
    text = variants.MARKER.sub(lambda m: f"<!--v {m['name']}-->", cell.source)
    return variants.TAGGED.sub(lambda m: f"{m['lhs']}{m['tag']}", text)


def test_every_assignment_has_variants():
    assert sorted(variants.SPECS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_committed_sources_are_the_default_variant(name):
    assert nbformat.writes(_as(name, variants.DEFAULT_TERM)) == nbformat.writes(_committed(name)), \
        f"{name}: a marker, tag or variant cell differs from what variants.py computes for the default term"


@pytest.mark.parametrize("name", NAMES)
def test_another_term_changes_the_numbers_but_no_question_rubric_or_point(name):
    default, other = _committed(name), _as(name, OTHER_TERM)
    assert [c.id for c in other.cells] == [c.id for c in default.cells]
    for a, b in zip(default.cells, other.cells):
        assert a.cell_type == b.cell_type and a.metadata.get("nbgrader") == b.metadata.get("nbgrader")
        assert a.metadata.get("facecourse", {}).get("rubric") == b.metadata.get("facecourse", {}).get("rubric")
        assert a.metadata.get("facecourse", {}).get("kind") == b.metadata.get("facecourse", {}).get("kind")
        assert _fixed_parts(a) == _fixed_parts(b), f"{name} {a.id}: text outside the variant places changed"
    changed = [a.id for a, b in zip(default.cells, other.cells) if a.source != b.source]
    parameters = [c.id for c in default.cells if c.metadata.get("facecourse", {}).get("variant_cell")]
    assert set(parameters) <= set(changed), f"{name}: a variant cell is the same in both terms"
    assert any(c.metadata.get("nbgrader", {}).get("grade") for c in default.cells if c.id in changed) or name.startswith("ps3"), \
        f"{name}: no model answer or hidden test follows the term"


def _expected_numbers(term) -> list[float]:
    """The numbers the hidden tests of ps1, ps2 and ps4 expect (computed from this term's data)."""
    p1, p2, p4 = (variants.parameters(n, term) for n in ("ps1-error-rates", "ps2-demographic-audit", "ps4-policy-memo"))
    scores = synthetic.match_scores(p1["GENUINE_LOGIT"], p1["IMPOSTOR_LOGIT"], seed=p1["DATA_SEED"])
    gen, imp = (scores.loc[scores["comparison"] == k, "score"].to_numpy() for k in ("genuine", "impostor"))
    t = verification.threshold_for_fmr(imp, p1["TARGET_FMR"])
    out = [verification.false_match_rate(imp, p1["FIXED_THRESHOLD"]), verification.false_non_match_rate(gen, p1["FIXED_THRESHOLD"]),
           t, verification.false_non_match_rate(gen, t)]
    out += [r for criterion in variants.ps2._audit(p2).values() for pair in criterion.values() for r in pair]
    registry, log = synthetic.town(**p4["TOWN"])
    steps = [list(variants.ps4.ATTRIBUTES[: i + 1]) for i in range(len(variants.ps4.ATTRIBUTES))]
    out += [linkage.share_unique(registry, cols) for cols in steps[2:]] + [linkage.k_anonymity(registry, steps[0]).k]
    join = linkage.join_counts(registry, log, p4["LINK_ON"])
    return out + [join.linked_to_one, join.trips_linked_to_one]


def test_another_term_changes_every_expected_number():
    same = [i for i, (a, b) in enumerate(zip(_expected_numbers(variants.DEFAULT_TERM), _expected_numbers(OTHER_TERM)))
            if a == b]
    assert not same, f"expected numbers {same} are the same in both terms"


def test_ps3s_deciding_facts_and_their_answers_follow_the_term():
    seen = {(variants.parameters("ps3-consent-proportionality", t)["TOILET"],
             variants.parameters("ps3-consent-proportionality", t)["KINDERGARTEN"]) for t in ("a", "b", "c", "d", "e", "f")}
    assert len(seen) > 1, "every term draws the same deciding facts"
    for fact, consent, alternative, deciding in variants.ps3.TOILET.values():
        assert consent and alternative and deciding and fact.endswith(".")
    _, values = variants.render("ps3-consent-proportionality", OTHER_TERM)
    assert values["toilet_solution"]["alternative"] in values["toilet_alternative"]


@pytest.mark.parametrize("name", NAMES)
def test_a_term_always_gives_the_same_version_and_rewriting_goes_both_ways(name):
    once, twice = _as(name, OTHER_TERM), _as(name, OTHER_TERM)
    assert nbformat.writes(once) == nbformat.writes(twice)
    assert nbformat.writes(_as(name, variants.DEFAULT_TERM, once)) == nbformat.writes(_committed(name))
    assert nbformat.writes(_as(name, OTHER_TERM, _as(name, "2030-autumn-x"))) == nbformat.writes(once)


def test_a_terms_numbers_do_not_depend_on_the_machine():
    # An instructor who rebuilds a term later (a resit, a regrade) must get the same version.
    p = variants.parameters("ps1-error-rates", OTHER_TERM)
    assert (p["DATA_SEED"], p["FIXED_THRESHOLD"], p["TARGET_FMR"]) == (27410085, 0.55, 0.002)
    _, values = variants.render("ps4-policy-memo", OTHER_TERM)
    assert values["accounts_linked"] == "3,236"


@pytest.mark.parametrize("term", ["", "   ", "two words", "x" * 101, "semi;colon"])
def test_a_bad_term_name_says_what_is_allowed(term):
    with pytest.raises(variants.VariantError, match="term name|letters, digits"):
        variants.parameters("ps1-error-rates", term)


def test_make_variant_rewrites_the_course_and_restores_the_default(tmp_path):
    source = tmp_path / "source"
    for name in NAMES:
        (source / name).mkdir(parents=True)
        (source / name / f"{name}.ipynb").write_text(nbformat.writes(_committed(name)) + "\n")
    run = [sys.executable, "-m", "facecourse.grading.variants", "--course", str(tmp_path)]
    done = subprocess.run([*run, OTHER_TERM], capture_output=True, text=True, check=True)
    assert done.stdout.count("wrote ") == len(NAMES) and "generate the release" in done.stdout
    for name in NAMES:
        written = nbformat.read(source / name / f"{name}.ipynb", 4)
        assert nbformat.writes(written) == nbformat.writes(_as(name, OTHER_TERM))
    subprocess.run([*run, variants.DEFAULT_TERM], capture_output=True, text=True, check=True)
    for name in NAMES:
        assert (source / name / f"{name}.ipynb").read_text() == nbformat.writes(_committed(name)) + "\n"
    bad = subprocess.run([*run, "no spaces please"], capture_output=True, text=True)
    assert bad.returncode == 2 and "letters, digits" in bad.stderr


def test_an_unknown_marker_in_a_notebook_is_reported():
    nb = _committed("ps1-error-rates")
    nb.cells[0].source += " <!--v no_such_number-->1<!--/v-->"
    with pytest.raises(variants.VariantError, match="no_such_number"):
        variants.rewrite(nb, "ps1-error-rates", OTHER_TERM)
