"""Lesson 07 (Voices): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import html
import textwrap
from fractions import Fraction

import numpy as np

from ..models import coding
from ..models import value_weights as pw
from ..quiz import Choice, ChoiceQuestion, NumberQuestion, Prediction

QUESTIONS = [
    NumberQuestion(
        "07.1",
        "Two coders code 10 reactions as <i>support</i> or <i>oppose</i>. Each codes 5 as support and 5 as oppose, "
        "and they agree on 8 of the 10. What is Cohen's kappa? (Give a number between -1 and 1, e.g. 0.25.)",
        0.6, 0.02,
        "Right: observed agreement is 8/10 = 0.8; chance agreement is 0.5 × 0.5 + 0.5 × 0.5 = 0.5; "
        "kappa = (0.8 − 0.5) / (1 − 0.5) = 0.6.",
        "Work it in three steps: the share they agree on; the agreement expected by chance (for each code, "
        "multiply the two coders' shares, then add); then (observed − chance) / (1 − chance).",
    ),
    ChoiceQuestion(
        "07.2",
        "The Guardian's report of 2 December 2019 carried two supportive reactions and five doubtful or critical ones. "
        "What can you conclude about opinion in China?",
        (
            Choice("That opinion was divided, since the report quoted supporters as well as critics", False,
                   "That reads a balanced selection as a divided public. A reporter can quote both sides of any "
                   "question; the seven show which arguments were made, not how opinion was split."),
            Choice("That most users supported it, since the report itself says that 'many' Weibo users backed it",
                   False,
                   "That takes a reporter's word for a count. The report gave no number for 'many', and on the "
                   "course's coding two of the seven support the rule: neither measures opinion."),
            Choice("Little about proportions: the seven are what a reporter chose, not a sample of opinion", True,
                   "Right. Selection tells you which arguments were made, not how many people held each view; and "
                   "with the press and social media strictly regulated, even a random sample of posts would be "
                   "hard to read."),
            Choice("That critics outnumbered supporters on Weibo, though perhaps not in China as a whole", False,
                   "That treats the seven as a sample of one platform. They are a selection made for a story, not a "
                   "sample of Weibo users, and not all of them come from Weibo: one is from human rights advocates."),
        ),
    ),
    ChoiceQuestion(
        "07.3",
        "An English news report quotes \"a Weibo user\". The report names no one, and you cannot find the post. "
        "How should your essay cite the quotation?",
        (
            Choice("As \"a Chinese citizen said\", since the report places the post on a Chinese platform", False,
                   "That turns an untraceable post into a known person. Nobody can check who wrote it, where they "
                   "live or whether they are who the report suggests; only the report's carrying it can be checked."),
            Choice("As words the report carried (\"as reported by\" the paper): that much you can check", True,
                   "Right. You can check that the report carried the words, not who wrote them or how typical the "
                   "writer is; so attribute them to the report, as the course does for the Guardian's seven."),
            Choice("In your own words, without quotation marks, so that no source needs to be named", False,
                   "That takes paraphrase for a way round attribution. A paraphrase still reports someone's words: "
                   "say whose, and here that is the report's, since the poster cannot be traced."),
            Choice("As the newspaper's own opinion, since the reporter chose the post and may have written it", False,
                   "That takes the carrier for the author. Choosing a quotation is not writing it, and nothing "
                   "suggests the report invented it; attribution says only what you can check."),
        ),
    ),
    ChoiceQuestion(
        "07.4",
        "The course and the illustrative classmate agree on 5 of 7 stance codes (71%), yet Cohen's kappa is "
        "only 0.46. Why is kappa lower than the raw agreement?",
        (
            Choice("Kappa also penalises the reactions that either coder left without a code", False,
                   "That mistakes what kappa corrects for. All seven were coded; kappa corrects for chance, not for "
                   "missing items."),
            Choice("Kappa is always about two-thirds of the raw agreement, whatever the codes", False,
                   "That treats kappa as a fixed discount. There is no fixed ratio: it depends on how often each "
                   "coder uses each code."),
            Choice("Because the course's coding is right and the classmate's, where they differ, is wrong", False,
                   "That reads agreement as correctness. Kappa is symmetric: it measures agreement between two "
                   "coders, not who is right."),
            Choice("Both use 'oppose' for most reactions, so they would often agree by chance", True,
                   "Right. Kappa subtracts the agreement expected by chance, here 23/49 ≈ 0.47, and counts only "
                   "agreement beyond it."),
        ),
    ),
    ChoiceQuestion(
        "07.5",
        "In the value-weighting explorer, lowering one weight from 5 to 3 changes which option ranks first. "
        "What does that tell you?",
        (
            Choice("The ranking turns on that weight: people who agree on the scores can still disagree", True,
                   "Right. A flip point shows where a disagreement is about values rather than facts; the next "
                   "question is whether the scores themselves are right."),
            Choice("That the course's scores on that value are probably wrong, and need to be measured again", False,
                   "That mixes up weights with scores. The scores did not change, only how much that value counts, "
                   "so the flip shows a disagreement about values, not an error in the facts."),
            Choice("That the value is unimportant and could be dropped from the comparison", False,
                   "That runs the lesson backwards: the ranking depends on that value, so dropping it would "
                   "decide the question without saying so."),
            Choice("That the explorer is unreliable, since a sound ranking would not flip so easily", False,
                   "That takes sensitivity for a fault. Rankings that flip as weights change are the point: "
                   "weighting values is a choice, not a measurement."),
        ),
    ),
    ChoiceQuestion(
        "07.6",
        "A classmate writes: \"The rule's purpose was to build a police database of faces.\" How do this "
        "lesson's sources suggest rewriting it?",
        (
            Choice("Keep it: the human rights advocates quoted in the report said as much, so it is sourced", False,
                   "That treats a quoted view as an established fact. The advocates' alarm is sourced as their "
                   "view; a sentence about the rule's purpose needs evidence of purpose."),
            Choice("As a fear some critics voiced, attributed to them, beside MIIT's stated aims", True,
                   "Right. Keep stated aims (fighting fraud, citizens' rights in cyberspace) and feared effects "
                   "apart, and attribute each; whether either describes what the rule does is a question for "
                   "evidence."),
            Choice("Replace it with \"the rule's purpose was to fight fraud\", since the ministry said so", False,
                   "That takes a stated aim for an established effect. What MIIT said is a matter of record; "
                   "what the rule does needs evidence, which the course did not find in public."),
            Choice("Delete it: since neither purpose can be proved, the course should mention neither", False,
                   "That mistakes uncertainty for silence. Both the stated aims and the critics' fears are part "
                   "of the record: report each as what it is."),
        ),
    ),
    ChoiceQuestion(
        "07.7",
        "A classmate says: \"If the face match prevents more fraud than the harm it does through refusals and "
        "leaks, the rule is right.\" What would a deontologist most likely reply?",
        (
            Choice("That the fraud estimate is too high, so on honest numbers the sums come out the other way round",
                   False,
                   "That treats every moral disagreement as a dispute about numbers. Arguing over the estimate "
                   "accepts that the balance of outcomes decides, which is the consequentialist's ground."),
            Choice("That the rule is right because the state made it, and a citizen's first duty is to obey", False,
                   "That mistakes deontology for obedience to authority. Rights and duties can weigh against a "
                   "state's rule as well as for it: one deontologist in the lesson asks whether a person may refuse."),
            Choice("That harmony between the state and the people matters more than the amount of fraud", False,
                   "That mixes up the frameworks: roles, relationships and harmony are the Confucian account in "
                   "the lesson, and that account, too, can defend the rule as care for people exposed to fraud."),
            Choice("That outcomes are not the whole question: some acts are wrong, or required, whatever the sums",
                   True,
                   "Right. Compelling a face as the price of a service may be wrong, and failing the fraud victim "
                   "may break a duty, whatever the sums say: rights and duties limit what a balance can justify."),
        ),
    ),
]

PREDICTIONS = [
    Prediction(
        "07.p1",
        "Before you code: the course and an illustrative classmate give the same stance to <b>5 of the 7</b> "
        "reactions (71%). What do you guess their Cohen's kappa on stance is?",
        next_step="Now code the seven reactions in the explorer below and work through its four tasks; task 3 "
                  "and the worked numbers after the tasks show how close your guess was.",
        choices=("about 0.7", "about 0.5", "about 0.3", "about 0.1"),
    ),
    Prediction(
        "07.p2",
        "The explorer below starts with every value at the same weight, 5. With those weights, which option do "
        "you guess ranks first on the course's illustrative scores?",
        next_step="Now look at the bars, then work through the four tasks; the worked numbers after them rank "
                  "the options under the tasks' weights.",
        choices=("face match at the counter (the 2019 rule)", "ID card check only",
                 "ID check + number look-up + no resale", "face match + safeguards",
                 "no registration for prepaid SIMs"),
    ),
]


# --- what the lesson shows, and the worked numbers behind its reveals ---------------------------------

class Listing:
    """Text a lesson shows in a cell: an HTML rendering for the lab and the site, the same text in plain form."""

    def __init__(self, text: str, html_text: str):
        self.text, self._html = text, html_text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return self._html


def codebook() -> Listing:
    """Lesson 07: the codebook, as a table (what each stance and concern code means)."""
    left = ' style="text-align:left"'  # the lab right-aligns output tables; this one is read as text
    rows, lines = [], []
    for dimension, codes in coding.CODEBOOK.items():
        lines.append(f"{dimension}:")
        for code, meaning in codes.items():
            lines.append(f"  {code}: {meaning}")
            rows.append(f"<tr><td{left}>{html.escape(dimension)}</td><td{left}><b>{html.escape(code)}</b></td>"
                        f"<td{left}>{html.escape(meaning)}</td></tr>")
    head = "".join(f"<th{left}>{h}</th>" for h in ("dimension", "code", "use it when"))
    table = f"<table><thead><tr>{head}</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    return Listing("\n".join(lines), table)


def voices_to_code() -> Listing:
    """Lesson 07: reactions 8-11 from Chinese sources, to code on paper: who spoke, what they said and where it
    was reported, but not the course's codes."""
    r = coding.reactions("chinese-sources")
    lines, items = [], []
    for row in r.itertuples():
        lines += [f"{row.reaction_id}. {row.speaker}: {row.paraphrase}",
                  f"   Source: {row.source}, {row.source_url}"]
        link = html.escape(row.source_url)
        items.append(f"<p><b>{row.reaction_id}. {html.escape(row.speaker)}:</b> {html.escape(row.paraphrase)}<br>"
                     f"<small>Source: {html.escape(row.source)}, <a href=\"{link}\">{link}</a></small></p>")
    return Listing("\n".join(lines), "".join(items))


def _chance_agreement(a, b, categories) -> Fraction:
    m = coding.agreement_matrix(a, b, categories)
    return Fraction(int(m.sum(axis=1) @ m.sum(axis=0)), int(m.sum()) ** 2)


def reaction_coding_worked_numbers() -> str:
    """Lesson 07, after the coding tasks: the course's codes for all eleven reactions (with its reasons for
    8-11, which the explorer does not show), and the course vs the illustrative classmate, chance worked out."""
    guardian, chinese = coding.reactions(), coding.reactions("chinese-sources")
    lines = ["The course's codes (stance · concern), open to dispute. Its reasons for 1-7 are in the",
             "explorer's table once you press Compare my coding; for 8-11 they follow each code."]
    for r in guardian.itertuples():
        lines.append(f"  {r.reaction_id:>2}. {r.course_stance} · {r.course_concern}")
    for r in chinese.itertuples():
        lines.append(f"  {r.reaction_id:>2}. {r.course_stance} · {r.course_concern}")
        lines += textwrap.wrap(r.coding_note, 96, initial_indent=" " * 6, subsequent_indent=" " * 6)
    lines.append(f"Reactions 1-{len(guardian)} (the Guardian's) by the course's codes:")
    for d, cats in coding.DIMENSIONS.items():
        counts = guardian[f"course_{d}"].value_counts()
        lines += textwrap.wrap(f"{d}: " + ", ".join(f"{c} {int(counts.get(c, 0))}" for c in cats), 90,
                               initial_indent="  ", subsequent_indent=" " * 6)
    lines.append("The course vs the illustrative classmate, reactions 1-7:")
    for d, cats in coding.DIMENSIONS.items():
        a, b = coding.course_codes(d), coding.ILLUSTRATIVE_CLASSMATE[d]
        chance = _chance_agreement(a, b, cats)
        lo, hi = coding.one_change_kappa_range(a, b, cats)
        lines.append(f"  {d:<8} agree on {int(round(coding.observed_agreement(a, b) * len(a)))} of {len(a)}; "
                     f"Cohen's kappa {coding.cohens_kappa(a, b, cats):.2f} "
                     f"(chance agreement {chance.numerator}/{chance.denominator} = {float(chance):.2f})")
        lines.append(f"           change one of the classmate's codes, and kappa moves to anywhere from "
                     f"{lo:.2f} to {hi:.2f}")
    return "\n".join(lines)


# Weights for the weighting tasks' worked numbers, in pw.VALUES order (one reading of each; students set their own).
TASK_WEIGHTS = {
    "Every value at 5": (5, 5, 5, 5, 5, 5, 5),
    "Task 1, one reading of the ministry's aims: the first three values at 10, the rest at 5": (10, 10, 10, 5, 5, 5, 5),
    "Task 1, the user whose number was sold: privacy and data security at 10, the rest at 5": (5, 5, 5, 10, 10, 5, 5),
    "Task 3: privacy at 10, data security and freedom from monitoring at 0, the rest at 5": (5, 5, 5, 10, 0, 0, 5),
    "Each side the same total weight: the first three values at 4, the other four at 3": (4, 4, 4, 3, 3, 3, 3),
}


def value_weighting_worked_numbers() -> str:
    """Lesson 07, after the weighting tasks: the illustrative options ranked under the tasks' weights,
    and the single weight changes that flip the leader when every value weighs 5."""
    lines = ["Illustrative scores (the course's judgements), weighted mean out of 10, best first:"]
    for label, weights in TASK_WEIGHTS.items():
        totals = pw.weighted_scores(weights)
        lines.append(f"{label}:")
        for k, i in enumerate(pw.ranking(weights)):
            lines.append(f"  {k + 1}. {totals[i]:.2f}  {pw.OPTIONS[i]}")
    lines.append("With every value at 5, the single weight changes that flip the leader (the others kept at 5):")
    for f in pw.flip_points(np.full(len(pw.VALUES), 5.0)):
        short = f.new_leader.split(" (")[0]  # the option's name without its explanation in brackets
        lines.append(f"  {f.direction} '{f.value}' to {f.weight:.0f}: {short} leads")
    return "\n".join(lines)
