"""Lesson 07 (Voices): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

import numpy as np

from ..models import coding
from ..models import value_weights as pw
from ..quiz import Choice, ChoiceQuestion, NumberQuestion

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
            Choice("That about 70% of people in China opposed the rule, or at least doubted it", False,
                   "That reads a selection as a poll. Five of seven is a share of quotations chosen for a story, "
                   "not of people; nothing in the report is a survey."),
            Choice("That most people supported it, since the critics of any rule are always over-quoted", False,
                   "That swaps one unsupported reading for another. It is a claim about bias that would need its "
                   "own evidence; the report alone cannot tell you."),
            Choice("Little about proportions: the seven are what a reporter chose, not a sample of opinion", True,
                   "Right. Selection tells you which arguments were made, not how many people held each view; and "
                   "with the press and social media strictly regulated, even a random sample of posts would be "
                   "hard to read."),
            Choice("Nothing at all about China, since the quotations in news reports are usually made up", False,
                   "That over-corrects into distrust of everything. The reactions show which arguments were being "
                   "made; they just do not count people."),
        ),
    ),
    ChoiceQuestion(
        "07.3",
        "Why does the course write \"as reported by the Guardian\" for each reaction, rather than \"a Weibo "
        "user said\"?",
        (
            Choice("The posters are unnamed and untraceable: what we can check is that the report carried them",
                   True,
                   "Right. The course can vouch that the report carried them, not who wrote them; so it says "
                   "'as reported by' and paraphrases rather than republishing."),
            Choice("Because Weibo posts may not legally be quoted outside China without the platform's leave", False,
                   "That invents a legal bar. Short attributed quotations are common practice; the issue is that "
                   "nobody can check who wrote these posts."),
            Choice("Because the Guardian's reporting is neutral, so its framing of the posts can be trusted", False,
                   "That takes attribution for endorsement. Saying who carried a quotation does not vouch for the "
                   "report's framing; the lesson shows that framing ('many') and the quotations do not match."),
            Choice("Because the reporter probably wrote the posts, so they are the Guardian's own opinions", False,
                   "That turns 'untraceable' into 'invented'. There is no evidence for it; attribution says only "
                   "what we can check."),
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
            Choice("That the option now ranked first is the objectively best policy at last", False,
                   "That reads a weighted ranking as a verdict. It comes from your weights and the course's "
                   "illustrative scores; change either and it may change."),
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
]


# --- the key numbers the lesson prints ------------------------------------------------------------

def reaction_coding_agreement() -> str:
    """Lesson 07: the reported reactions by the course's codes, and the course vs the illustrative classmate."""
    r = coding.reactions()
    lines = [f"Reactions reported by the Guardian (2 Dec 2019), paraphrased in the dataset: {len(r)}"]
    for d, cats in coding.DIMENSIONS.items():
        counts = r[f"course_{d}"].value_counts()
        lines.append(f"  course's {d} codes: " + ", ".join(f"{c} {int(counts.get(c, 0))}" for c in cats))
    lines.append("The course vs the illustrative classmate:")
    for d, cats in coding.DIMENSIONS.items():
        a, b = coding.course_codes(d), coding.ILLUSTRATIVE_CLASSMATE[d]
        lo, hi = coding.one_change_kappa_range(a, b, cats)
        lines.append(f"  {d:<8} agree on {int(round(coding.observed_agreement(a, b) * len(a)))} of {len(a)}; "
                     f"Cohen's kappa {coding.cohens_kappa(a, b, cats):.2f} "
                     f"(one changed code: {lo:.2f} to {hi:.2f})")
    return "\n".join(lines)


def policy_ranking_equal_weights() -> str:
    """Lesson 07: the illustrative policy options ranked with every value weighted 5, and the nearest flips."""
    weights = np.full(len(pw.VALUES), 5.0)
    totals = pw.weighted_scores(weights)
    lines = ["Illustrative scores, every value weighted 5 (weighted mean out of 10):"]
    for k, i in enumerate(pw.ranking(weights)):
        lines.append(f"  {k + 1}. {totals[i]:.2f}  {pw.OPTIONS[i]}")
    lines.append("Single weight changes that flip the leader (others kept at 5):")
    for f in pw.flip_points(weights):
        lines.append(f"  {f.direction} '{f.value}' to {f.weight:.0f}: {f.new_leader}")
    return "\n".join(lines)
