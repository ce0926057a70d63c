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
import re
import sys
from pathlib import Path

import nbformat
import numpy as np

from . import ps1, ps2, ps3, ps4
from .text import code

REPO = Path(__file__).resolve().parents[3]
DEFAULT_TERM = "default"
MARKER = re.compile(r"<!--v (?P<name>[a-z0-9_]+)-->(?P<text>.*?)<!--/v-->", re.S)
TAGGED = re.compile(r"^(?P<lhs>\s*[A-Za-z_][\w\[\]'\", -]*? = ).*?(?P<tag>  # variant: (?P<name>[a-z0-9_]+))$", re.M)


class VariantError(ValueError):
    pass


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


# -- the registry of assignments -----------------------------------------------------------------

# Each module: DEFAULT (the committed parameters), draw(rng) (a term's), ok(p) (is a draw like the default in
# what the questions rely on), cells(p) (the variant cells' sources) and values(p) (markers and tags).
SPECS = {"ps1-error-rates": ps1, "ps2-demographic-audit": ps2, "ps3-consent-proportionality": ps3,
         "ps4-policy-memo": ps4}


def parameters(assignment: str, term: str = DEFAULT_TERM) -> dict:
    """This term's parameters for one assignment: the committed defaults for the default term."""
    if assignment not in SPECS:
        raise VariantError(f"no variants for {assignment!r}; the assignments are {', '.join(SPECS)}")
    spec = SPECS[assignment]
    default, draw, ok = spec.DEFAULT, spec.draw, spec.ok
    term = check_term(term)
    if term == DEFAULT_TERM:
        return dict(default)
    rng = _term_rng(term, assignment)
    while True:  # redraw until every drawn number differs from the default's (facts may repeat)
        drawn = draw(rng)
        p = {**default, **drawn}
        if all(drawn[k] != default[k] for k in getattr(spec, "MUST_DIFFER", drawn)) and ok(p):
            return p


def render(assignment: str, term: str = DEFAULT_TERM) -> tuple[dict[str, str], dict]:
    """(the source of each variant cell, the value of each marker and tag) for one term."""
    p = parameters(assignment, term)
    return SPECS[assignment].cells(p), SPECS[assignment].values(p)


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
            cell.source = TAGGED.sub(lambda m: f"{m['lhs']}{code(text_of(m['name'], 'tag'))}{m['tag']}", cell.source)
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

