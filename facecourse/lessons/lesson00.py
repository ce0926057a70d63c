"""Lesson 00 (Start here): its check questions and the key numbers it prints.

The key numbers are printed in cells that nbval checks (``# NBVAL_CHECK_OUTPUT``), so a changed
dataset or a broken formula shows up as a failing test, not as a silently different number in
front of students.
"""

from __future__ import annotations

from ..data import load_dataset
from ..quiz import Choice, ChoiceQuestion, NumberQuestion  # noqa: F401

QUESTIONS = [
    ChoiceQuestion(
        "00.1",
        "Which of these statements about the rule is supported by the sources in this lesson?",
        (
            Choice("From 1 December 2019, face matching was required for new registrations at physical sales outlets.",
                   True, "Yes: the MIIT notice set 1 December 2019 for 'portrait comparison' at physical sales channels."),
            Choice("Every existing subscriber had to be face-scanned by 1 December 2019.",
                   False, "Reports at the time said it was unclear whether existing subscribers would ever have to be "
                          "scanned; the notice covered new registrations. Don't fill a gap in the sources with a guess."),
            Choice("The rule was a law passed by the National People's Congress.",
                   False, "It was a notice from the General Office of the Ministry of Industry and Information "
                          "Technology, which said it was implementing the Cybersecurity Law and the Anti-Terrorism Law."),
            Choice("Face scanning at registration was first tried in December 2019.",
                   False, "A May 2018 MIIT notice had already ordered pilots of face matching at registration."),
        ),
    ),
    ChoiceQuestion(
        "00.2",
        "The rewritten copy says the lawsuit was against 'a safari park in Beijing'. Where is the park?",
        (
            Choice("Beijing", False, "That is what the copy says, and it is wrong. The timeline names the court that heard "
                                     "the case: the Fuyang District People's Court, in Hangzhou."),
            Choice("Fuyang District, Hangzhou, Zhejiang", True,
                   "Right: Hangzhou Safari Park (杭州野生动物世界), in Fuyang District, where the case was filed."),
            Choice("Nanjing", False, "Nanjing is where China Pharmaceutical University is — a different case in the "
                                     "same article."),
            Choice("Zhengzhou", False, "Zhengzhou is where the article's photograph of a metro face-payment gate was "
                                       "taken — a different story again."),
        ),
    ),
    ChoiceQuestion(
        "00.3",
        "You meet a striking claim on a website that copies news articles. What is the best first step?",
        (
            Choice("Count how many other sites repeat it.", False,
                   "Copies of copies repeat the same error. Agreement between copies is not evidence."),
            Choice("Find the original report, then the primary source it relies on (a notice, a judgment, a dataset).",
                   True, "Yes. The original tells you who said it; the primary source tells you whether it is so."),
            Choice("Trust it if it gives precise names and dates.", False,
                   "Precision is not accuracy: the copy gives a precise month for the lawsuit, and it is the wrong month."),
            Choice("Ask which side of the debate it supports.", False,
                   "Whether a claim is true does not depend on whom it helps. Check it the same way either way."),
        ),
    ),
]


# --- the key numbers the lesson prints ------------------------------------------------------------

def timeline_counts() -> str:
    ev = load_dataset("events_timeline")
    years = ev["date"].dt.year
    lines = [f"Events in the timeline: {len(ev)} ({years.min()}-{years.max()})"]
    for j, n in ev["jurisdiction"].value_counts().sort_index().items():
        lines.append(f"  {j:<16} {n}")
    return "\n".join(lines)


def rewritten_copy_verdicts() -> str:
    claims = load_dataset("rewritten_copy_claims")
    counts = claims["verdict"].value_counts()
    order = ["accurate", "needs context", "garbled wording", "wrong", "unsupported"]
    return "Claims checked in the rewritten copy: {}\n".format(len(claims)) + "\n".join(
        f"  {v:<16} {int(counts.get(v, 0))}" for v in order
    )
