"""Term variants: a new version of every assignment, derived from a term name (``make variant TERM=...``).

Each source notebook in ``assignments/source/`` is the *default* variant.  A term name seeds a
random generator per assignment, which draws that term's synthetic data, thresholds and scenario
facts; the questions, rubrics and points stay the same.  Three kinds of place in a notebook change:

* **variant cells** (``metadata.facecourse.variant_cell``: a name): the whole source is written
  here, e.g. the locked parameters cell at the top of each assignment;
* **markers in markdown**, ``<!--v name-->text<!--/v-->``: the text between them is this term's
  value of ``name`` (a number in a question, a figure in a model answer, a scenario's deciding fact);
* **tagged lines in code**, ``name = value  # variant: key``: the value is this term's (the
  expected answers of hidden tests that are not computed from the data), and practice checks with
  ``"variant": key`` get this term's ``also_accept``.

Rewriting finds these places by name, so it works from any variant to any other, and rewriting a
notebook with its own term changes nothing (a test holds the committed sources to that).  The
derivation is public: anyone with this repository and the term name can rebuild the term's
version, so choose a term name students cannot guess (the instructor guide says how).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
from pathlib import Path

import nbformat
import numpy as np

from ..data import synthetic
from ..models import linkage, verification

REPO = Path(__file__).resolve().parents[2]
DEFAULT_TERM = "default"
ASSIGNMENTS = ("ps1-error-rates", "ps2-demographic-audit", "ps3-consent-proportionality", "ps4-policy-memo")
MARKER = re.compile(r"<!--v (?P<name>[a-z0-9_]+)-->(?P<text>.*?)<!--/v-->", re.S)
TAGGED = re.compile(r"^(?P<lhs>\s*[A-Za-z_][\w\[\]'\", ]*? = ).*?(?P<tag>  # variant: (?P<name>[a-z0-9_]+))$", re.M)


class VariantError(ValueError):
    pass


# -- small formatting helpers: numbers as the questions write them ------------------------------

def one_in(rate: float) -> str:
    """0.001 -> '1 in 1,000'."""
    return f"1 in {round(1 / rate):,}"


def pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f}%"


def people(n: float) -> str:
    """A count of people in words a regulator reads: '4.8 million', '10', '0.4'."""
    if n >= 1e6:
        return f"{n / 1e6:.1f} million"
    if n >= 10:
        return f"{n:,.0f}"
    return f"{n:.1f}"


def _term_rng(term: str, assignment: str) -> np.random.Generator:
    digest = hashlib.sha256(f"{term}\n{assignment}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def check_term(term) -> str:
    if not isinstance(term, str) or not term.strip():
        raise VariantError("a term name is needed, e.g. TERM=2027-spring-<a word of your own>")
    term = term.strip()
    if len(term) > 100 or not re.fullmatch(r"[\w.+-]+", term):
        raise VariantError(f"term names use letters, digits and . _ + - only (at most 100); got {term!r}")
    return term


# -- ps1: error rates at national scale ----------------------------------------------------------

PS1_DEFAULT = {"DATA_SEED": synthetic.MATCH_SCORES_SEED, "GENUINE_LOGIT": (2.0, 0.6), "IMPOSTOR_LOGIT": (-1.0, 0.6),
               "FIXED_THRESHOLD": 0.6, "TARGET_FMR": 0.001, "ASSUMED_REGISTRATIONS_PER_YEAR": 100_000_000,
               "ASSUMED_IMPOSTOR_SHARE": 0.0001, "STATEMENT_ORDER": (2, 5, 0, 3, 1, 4)}
# Question 7's statements, in a fixed logical order; each term shows them under its own letters.
PS1_STATEMENTS = (
    (True, "Raising the threshold above threshold_target would turn away as many genuine customers or more, "
           "and accept no more impostors."),
    (False, "A target of {target} means that about {target} of the people at the counter are impostors."),
    (True, "If the assumed impostor share doubled, impostors_accepted_per_year would double, while "
           "refused_per_year would hardly change."),
    (False, "Refused customers can simply try again, so the refusals counted in question 5 cost almost nothing."),
    (True, "The counts in question 5 rest on assumptions: with a different yearly number of registrations "
           "they would be different."),
    (False, "The rates you computed describe the systems used in Chinese phone shops."),
)


def _ps1_draw(rng) -> dict:
    return {"DATA_SEED": int(rng.integers(10_000_000, 99_999_999)),
            "GENUINE_LOGIT": (round(float(rng.uniform(1.7, 2.3)), 2), round(float(rng.uniform(0.5, 0.7)), 2)),
            "IMPOSTOR_LOGIT": (round(float(rng.uniform(-1.3, -0.7)), 2), round(float(rng.uniform(0.5, 0.7)), 2)),
            "FIXED_THRESHOLD": float(rng.choice([0.55, 0.58, 0.62, 0.65])),
            "TARGET_FMR": float(rng.choice([0.002, 0.0005])),
            "ASSUMED_REGISTRATIONS_PER_YEAR": int(rng.choice([60, 80, 120, 150])) * 1_000_000,
            "ASSUMED_IMPOSTOR_SHARE": float(rng.choice([0.0002, 0.00005])),
            "STATEMENT_ORDER": tuple(int(i) for i in rng.permutation(6))}


def _block(title: str, rows: list[tuple[str, object, str]]) -> str:
    """A parameters cell: ``NAME = value`` lines with their comments lined up."""
    lines = [f"# {title}"]
    for name, value, comment in rows:
        text = f"{value:_}" if isinstance(value, int) and value >= 10_000 and name != "DATA_SEED" else _code(value)
        lines.append(f"{name + ' = ' + text:<40}  # {comment}")
    return "\n".join(lines)


PARAMETERS_TITLE = "This term's numbers (written by `make variant`; the questions refer to them by name)"


def _ps1_cells(p: dict) -> dict[str, str]:
    statements = [f"    {'ABCDEF'[pos]!r}: {PS1_STATEMENTS[i][1].format(target=one_in(p['TARGET_FMR']))!r},"
                  for pos, i in enumerate(p["STATEMENT_ORDER"])]
    return {
        "ps1-parameters": _block(PARAMETERS_TITLE, [
            ("DATA_SEED", p["DATA_SEED"], "the synthetic scores below are drawn with this seed"),
            ("GENUINE_LOGIT", p["GENUINE_LOGIT"], "SYNTHETIC model: mean and sd of the logit of genuine scores"),
            ("IMPOSTOR_LOGIT", p["IMPOSTOR_LOGIT"], "SYNTHETIC model: mean and sd of the logit of impostor scores"),
            ("FIXED_THRESHOLD", p["FIXED_THRESHOLD"], "question 4"),
            ("TARGET_FMR", p["TARGET_FMR"], f"questions 3-8: {one_in(p['TARGET_FMR'])}"),
            ("ASSUMED_REGISTRATIONS_PER_YEAR", p["ASSUMED_REGISTRATIONS_PER_YEAR"], "question 5: an assumption, not data"),
            ("ASSUMED_IMPOSTOR_SHARE", p["ASSUMED_IMPOSTOR_SHARE"],
             f"question 5: an assumption ({one_in(p['ASSUMED_IMPOSTOR_SHARE'])} attempts uses someone else's ID)")]),
        "q7-statements": ("STATEMENTS = {\n" + "\n".join(statements) + "\n}\n"
                          "for letter, statement in STATEMENTS.items():\n    print(f\"{letter}. {statement}\")"),
    }


def _ps1_scores(p: dict):
    scores = synthetic.match_scores(p["GENUINE_LOGIT"], p["IMPOSTOR_LOGIT"], seed=p["DATA_SEED"])
    return (scores.loc[scores["comparison"] == "genuine", "score"].to_numpy(),
            scores.loc[scores["comparison"] == "impostor", "score"].to_numpy())


def _ps1_ok(p: dict) -> bool:
    """A term's system must be like the default's: a few in 100 genuine customers refused at the target."""
    gen, imp = _ps1_scores(p)
    return 0.02 <= verification.false_non_match_rate(gen, verification.threshold_for_fmr(imp, p["TARGET_FMR"])) <= 0.09


def _ps1_values(p: dict) -> dict:
    gen, imp = _ps1_scores(p)
    t = verification.threshold_for_fmr(imp, p["TARGET_FMR"])
    fnmr = verification.false_non_match_rate(gen, t)
    regs, share = p["ASSUMED_REGISTRATIONS_PER_YEAR"], p["ASSUMED_IMPOSTOR_SHARE"]
    attempts = regs * share
    refused, accepted = (regs - attempts) * fnmr, attempts * verification.false_match_rate(imp, t)
    letters = {i: "ABCDEF"[pos] for pos, i in enumerate(p["STATEMENT_ORDER"])}
    pairs = [(letters[2 * k], letters[2 * k + 1]) for k in range(3)]  # (supported, not supported) per tests cell
    return {
        "fixed_threshold": f"{p['FIXED_THRESHOLD']:.2f}", "target": one_in(p["TARGET_FMR"]),
        "target_share": f"{p['TARGET_FMR']:g}", "allowed": f"{math.floor(p['TARGET_FMR'] * len(imp) + 1e-9):,}",
        "registrations": people(regs), "impostor_share": one_in(share),
        "threshold": f"{t:.4f}", "fnmr_target": pct(fnmr), "fnmr_target_per_100": f"{100 * fnmr:.0f}",
        "refused": people(refused), "impostor_attempts": f"{attempts:,.0f}", "accepted": people(accepted),
        "q7_supported": frozenset(a for a, _ in pairs), "q7_pairs": tuple(pairs),
    }


# -- ps2: auditing for demographic differentials ------------------------------------------------

PS2_DEFAULT = {"DATA_SEED": synthetic.GROUP_SCORES_SEED, "GROUP_MODELS": synthetic.GROUP_SCORE_MODELS,
               "GLOBAL_THRESHOLD": 0.72, "TARGET_FMR": 0.001, "TARGET_FNMR": 0.03, "CLAIM_ORDER": (4, 1, 0, 5, 2, 3)}
# Question 4(b): claims about the Gender Shades table, in pairs (supported, not supported).
PS2_CLAIMS = (
    (True, "On the Pilot Parliaments Benchmark, IBM's service gave darker-skinned women the wrong gender label "
           "about a third of the time."),
    (False, "A phone-shop face check built on one of these services would wrongly refuse about a third of "
            "darker-skinned women."),
    (True, "For each service, an overall error rate would have hidden a gap of 20 to 34 percentage points between "
           "darker-skinned women and lighter-skinned men."),
    (False, "Face++ (Megvii's service) was least accurate for darker-skinned men."),
    (True, "Services that were not in the first audit still had large gaps in the follow-up audit "
           "(Actionable Auditing, 2019)."),
    (False, "The gaps in the table are differences in false match rates between groups."),
)


def _ps2_draw(rng) -> dict:
    u = lambda lo, hi: round(float(rng.uniform(lo, hi)), 2)  # noqa: E731
    gen, imp = (u(1.9, 2.1), u(0.55, 0.65)), (u(-1.1, -0.9), u(0.55, 0.65))
    roles = {"baseline": {"genuine": gen, "impostor": imp},
             "impostors score high": {"genuine": gen, "impostor": (round(imp[0] + u(0.3, 0.5), 2), imp[1])},
             "genuine pairs score low": {"genuine": (round(gen[0] - u(0.15, 0.3), 2), round(gen[1] + u(0.04, 0.08), 2)),
                                         "impostor": (round(imp[0] + u(0.05, 0.15), 2), imp[1])}}
    return {"DATA_SEED": int(rng.integers(10_000_000, 99_999_999)),
            "GROUP_MODELS": dict(zip("ABC", (roles[r] for r in rng.permutation(list(roles))))),
            "GLOBAL_THRESHOLD": float(rng.choice([0.68, 0.70, 0.74, 0.76])),
            "TARGET_FMR": float(rng.choice([0.002, 0.0005])), "TARGET_FNMR": float(rng.choice([0.02, 0.04, 0.05])),
            "CLAIM_ORDER": tuple(int(i) for i in rng.permutation(6))}


def _ps2_audit(p: dict) -> dict[str, dict[str, tuple[float, float]]]:
    """(FMR, FNMR) per group under each criterion of question 6."""
    scores = synthetic.group_scores(p["GROUP_MODELS"], seed=p["DATA_SEED"])
    out = {"global": {}, "equal FMR": {}, "equal FNMR": {}}
    for g, sub in scores.groupby("group"):
        imp = sub.loc[sub["comparison"] == "impostor", "score"].to_numpy()
        gen = np.sort(sub.loc[sub["comparison"] == "genuine", "score"].to_numpy())
        t_fnmr = float(gen[int(math.floor(p["TARGET_FNMR"] * len(gen) + 1e-9))])
        for criterion, t in (("global", p["GLOBAL_THRESHOLD"]), ("equal FNMR", t_fnmr),
                             ("equal FMR", verification.threshold_for_fmr(imp, p["TARGET_FMR"]))):
            out[criterion][g] = (verification.false_match_rate(imp, t), verification.false_non_match_rate(gen, t))
    return out


def _ranked(rates: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(rates.items(), key=lambda kv: -kv[1])


def _ps2_ok(p: dict) -> bool:
    """Who pays under each criterion must be clear: the worst group well ahead of the next."""
    audit = _ps2_audit(p)
    leads = [_ranked({g: r[i] for g, r in audit[c].items()}) for c, i in
             (("global", 0), ("global", 1), ("equal FMR", 1), ("equal FNMR", 0))]
    fnmrs = [r[1] for c in audit.values() for r in c.values()]
    return (leads[0][0][0] != leads[1][0][0] and all(r[0][1] >= 1.25 * r[1][1] for r in leads)
            and 0.01 <= min(fnmrs) and max(fnmrs) <= 0.12 and leads[0][0][1] <= 0.02)


def _ps2_cells(p: dict) -> dict[str, str]:
    models = "\n".join(f"    {g!r}: {m!r}," for g, m in p["GROUP_MODELS"].items())
    claims = [f"    {'ABCDEF'[pos]!r}: {PS2_CLAIMS[i][1]!r}," for pos, i in enumerate(p["CLAIM_ORDER"])]
    return {
        "ps2-parameters": _block(PARAMETERS_TITLE, [
            ("DATA_SEED", p["DATA_SEED"], "the synthetic scores below are drawn with this seed"),
            ("GLOBAL_THRESHOLD", p["GLOBAL_THRESHOLD"], "question 2"),
            ("TARGET_FMR", p["TARGET_FMR"], f"question 3: {one_in(p['TARGET_FMR'])}"),
            ("TARGET_FNMR", p["TARGET_FNMR"], f"question 5's equal-FNMR table: {pct(p['TARGET_FNMR'], 0)}")])
        + "\nGROUP_MODELS = {  # SYNTHETIC model: per group, mean and sd of the logit of genuine and impostor scores\n"
        + models + "\n}",
        "q4b-claims": ("CLAIMS = {\n" + "\n".join(claims) + "\n}\n"
                       "for letter, claim in CLAIMS.items():\n    print(f\"{letter}. {claim}\")"),
    }


def _ps2_values(p: dict) -> dict:
    audit = _ps2_audit(p)
    letters = {i: "ABCDEF"[pos] for pos, i in enumerate(p["CLAIM_ORDER"])}
    pairs = [(letters[2 * k], letters[2 * k + 1]) for k in range(3)]
    out = {"global_threshold": f"{p['GLOBAL_THRESHOLD']:.2f}", "target": one_in(p["TARGET_FMR"]),
           "target_fnmr": pct(p["TARGET_FNMR"], 0), "n_impostor": f"{synthetic.N_IMPOSTOR_PER_GROUP:,}",
           "q4b_supported": frozenset(a for a, _ in pairs), "q4b_pairs": tuple(pairs)}
    for key, criterion, i in (("g_fmr", "global", 0), ("g_fnmr", "global", 1), ("e_fnmr", "equal FMR", 1),
                              ("f_fmr", "equal FNMR", 0)):
        ranked = _ranked({g: r[i] for g, r in audit[criterion].items()})
        (worst, w), (best, b) = ranked[0], ranked[-1]
        digits = 2 if i == 0 else 1
        out |= {f"{key}_worst": worst, f"{key}_best": best, f"{key}_worst_rate": pct(w, digits),
                f"{key}_best_rate": pct(b, digits), f"{key}_ratio": f"{w / b:.1f}" if b else "an infinite number of"}
    return out


# -- the registry of assignments -----------------------------------------------------------------

SPECS = {
    "ps1-error-rates": (PS1_DEFAULT, _ps1_draw, _ps1_ok, _ps1_cells, _ps1_values),
    "ps2-demographic-audit": (PS2_DEFAULT, _ps2_draw, _ps2_ok, _ps2_cells, _ps2_values),
}


def parameters(assignment: str, term: str = DEFAULT_TERM) -> dict:
    """This term's parameters for one assignment: the committed defaults for the default term."""
    if assignment not in SPECS:
        raise VariantError(f"no variants for {assignment!r}; the assignments are {', '.join(SPECS)}")
    default, draw, ok, _, _ = SPECS[assignment]
    term = check_term(term)
    if term == DEFAULT_TERM:
        return dict(default)
    rng = _term_rng(term, assignment)
    while True:  # redraw until every drawn parameter differs from the default's
        drawn = draw(rng)
        p = {**default, **drawn}
        if all(drawn[k] != default[k] for k in drawn) and ok(p):
            return p


def render(assignment: str, term: str = DEFAULT_TERM) -> tuple[dict[str, str], dict]:
    """(the source of each variant cell, the value of each marker and tag) for one term."""
    _, _, _, cells, values = SPECS[assignment]
    p = parameters(assignment, term)
    return cells(p), values(p)


def _code(value) -> str:
    """A value as Python source; sets sorted, so that the same value always reads the same."""
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(repr(v) for v in sorted(value)) + "}"
    return repr(value)


def rewrite(nb, assignment: str, term: str = DEFAULT_TERM):
    """Rewrite ``nb`` (an nbformat notebook, changed in place and returned) as the ``term`` version."""
    cells, values = render(assignment, term)
    used = set()

    def text_of(name: str, kind: str):
        if name not in values:
            raise VariantError(f"{assignment}: the notebook has a {kind} {name!r} that variants.py does not know")
        used.add(name)
        return values[name]

    for cell in nb.cells:
        meta = cell.metadata.get("facecourse", {})
        if meta.get("variant_cell"):
            if meta["variant_cell"] not in cells:
                raise VariantError(f"{assignment}: no source for the variant cell {meta['variant_cell']!r}")
            cell.source = cells[meta["variant_cell"]]
            used.add(meta["variant_cell"])
        elif cell.cell_type == "markdown":
            cell.source = MARKER.sub(lambda m: f"<!--v {m['name']}-->{text_of(m['name'], 'marker')}<!--/v-->",
                                     cell.source)
        else:
            cell.source = TAGGED.sub(lambda m: f"{m['lhs']}{_code(text_of(m['name'], 'tag'))}{m['tag']}", cell.source)
        for check in meta.get("practice", {}).get("checks", []):
            if "variant" in check:
                check["also_accept"] = list(text_of(check["variant"], "practice check"))
    missing = set(cells) - used
    if missing:
        raise VariantError(f"{assignment}: variant cells {sorted(missing)} are not in the notebook")
    return nb


def write(term: str, course_root: Path, source_root: Path | None = None, only=None) -> list[Path]:
    """Write the ``term`` version of every assignment (or of those in ``only``) to ``course_root/source/<id>/``."""
    term = check_term(term)
    source_root = Path(source_root or REPO / "assignments" / "source")
    unknown = set(only or ()) - set(SPECS)
    if unknown:
        raise VariantError(f"no variants for {sorted(unknown)}; the assignments are {', '.join(SPECS)}")
    written = []
    for assignment in (a for a in SPECS if only is None or a in only):
        src = source_root / assignment / f"{assignment}.ipynb"
        if not src.exists():
            raise FileNotFoundError(f"no source notebook {src}")
        nb = rewrite(nbformat.read(src, as_version=4), assignment, term)
        out_dir = Path(course_root) / "source" / assignment
        out_dir.mkdir(parents=True, exist_ok=True)
        for extra in src.parent.iterdir():  # files the assignment ships with
            if extra.is_file() and extra.suffix != ".ipynb" and extra.parent != out_dir:
                (out_dir / extra.name).write_bytes(extra.read_bytes())
        nbformat.write(nb, out_dir / src.name)
        written.append(out_dir / src.name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m facecourse.grading.variants",
                                     description="Rewrite the assignments as this term's variant.")
    parser.add_argument("term", help=f"the term's name ({DEFAULT_TERM!r} restores the committed version)")
    parser.add_argument("--course", default=str(REPO / "assignments"), help="nbgrader course root (default: assignments)")
    args = parser.parse_args(argv)
    try:
        paths = write(args.term, Path(args.course), Path(args.course) / "source")
    except (VariantError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {path}")
    print(f"The assignments in {args.course}/source are now the {args.term!r} variant: generate the release as usual "
          f"(nbgrader generate_assignment <id>); `make practice` builds this variant's practice versions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
