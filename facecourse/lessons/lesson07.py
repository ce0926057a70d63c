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
            Choice("Little about proportions: the seven are what a reporter selected, not a sample of opinion", True,
                   "Right. Selection tells you what the story shows, not how many people held each view; and "
                   "debate on Chinese social media is regulated, so even a random sample of posts would be "
                   "hard to read."),
            Choice("That about 70% of people in China opposed the rule", False,
                   "Five of seven is a share of quotations chosen for a story, not of people. Nothing in the "
                   "report is a survey."),
            Choice("That most people supported it, since critics are always over-quoted", False,
                   "That is a claim about bias you would need evidence for; the report alone cannot tell you."),
            Choice("Nothing at all: quotations in news reports are made up", False,
                   "Too far. The reactions show which arguments were being made; they just do not count people."),
        ),
    ),
    ChoiceQuestion(
        "07.3",
        "Why does the course attribute each reaction to the Guardian's report rather than to the person who "
        "posted it?",
        (
            Choice("The posters are unnamed, and the posts could not be traced to named people", True,
                   "Right. The course can vouch that the report carried them, not who wrote them; so it says "
                   "'as reported by' and paraphrases rather than republishing."),
            Choice("Because the Guardian wrote the posts itself", False,
                   "There is no reason to think so. Attribution says what we can check: that the report carried them."),
            Choice("Because Weibo posts are not allowed to be quoted", False,
                   "Short attributed quotations are common practice; the issue is that we cannot check who wrote them."),
            Choice("Because the ministry asked the course to", False,
                   "No. The reason is about evidence: what the course can trace."),
        ),
    ),
    ChoiceQuestion(
        "07.4",
        "The course and the illustrative classmate agree on 5 of 7 stance codes (71%), yet Cohen's kappa is "
        "only 0.46. Why is kappa lower than the raw agreement?",
        (
            Choice("Both coders use 'oppose' for most reactions, so they would often agree by chance; kappa "
                   "subtracts that chance agreement", True,
                   "Right. Chance agreement here is 23/49 ≈ 0.47; kappa counts only agreement beyond it."),
            Choice("Kappa also penalises the reactions both coders left uncoded", False,
                   "All seven were coded. Kappa corrects for chance, not for missing items."),
            Choice("Because kappa is always about two-thirds of the raw agreement", False,
                   "There is no fixed ratio: it depends on how often each coder uses each code."),
            Choice("Because the course's coding is the right answer and the classmate's is wrong", False,
                   "Kappa is symmetric: it measures agreement between two coders, not who is right."),
        ),
    ),
    ChoiceQuestion(
        "07.5",
        "In the value-weighting explorer, lowering one weight from 5 to 3 changes which option ranks first. "
        "What does that tell you?",
        (
            Choice("The ranking is sensitive to that weight: people who agree on the scores can still disagree "
                   "about the policy because they weigh that value differently", True,
                   "Right. A flip point shows where a disagreement is about values rather than facts; the next "
                   "question is whether the scores themselves are right."),
            Choice("That the first-ranked option is objectively best", False,
                   "The ranking comes from your weights and the course's illustrative scores; change either and "
                   "it may change."),
            Choice("That the value is unimportant and can be dropped", False,
                   "The opposite: the ranking depends on it."),
            Choice("That the explorer has a bug", False,
                   "Rankings that flip as weights change are the point: weighting is a choice."),
        ),
    ),
    ChoiceQuestion(
        "07.6",
        "Which of these is among the purposes the ministry (MIIT) itself stated for the rule?",
        (
            Choice("Countering telecom and online fraud and safeguarding citizens' legitimate rights and interests "
                   "in cyberspace", True,
                   "Right. MIIT also said it was implementing the Anti-Terrorism Law and the Cybersecurity Law, "
                   "and the notice bans reselling SIM cards."),
            Choice("Building a database of faces for the police", False,
                   "Critics feared such uses; it is not a purpose the ministry stated. Keep stated aims and feared "
                   "effects apart."),
            Choice("Raising the operators' revenue", False, "The notice says nothing of the kind."),
            Choice("Testing facial recognition software for export", False, "The notice says nothing of the kind."),
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
