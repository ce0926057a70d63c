"""The check-your-understanding questions, by lesson.  Ids are "<lesson>.<n>".

Every fact a question relies on is taught, with its source, in the lesson
that asks it.  Feedback explains; it never only says "wrong".
"""

from __future__ import annotations

from .quiz import Choice, ChoiceQuestion, NumberQuestion

_QUESTIONS = [
    # -- 00 Start here ---------------------------------------------------------------
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
    # -- 02 Face verification ----------------------------------------------------------
    ChoiceQuestion(
        "02.1",
        "At the phone-shop counter, what kind of comparison does the face check make?",
        (
            Choice("1:1 verification — the customer's face against the one ID they present", True,
                   "Right: one face, one claimed identity."),
            Choice("1:N identification — the customer's face against everyone in a database", False,
                   "That is what the concert cameras did. The counter check answers a narrower question: is this the "
                   "person on this ID?"),
            Choice("Gender classification", False,
                   "Classifying a face's gender is a different task altogether (lesson 03 meets it in Gender Shades)."),
        ),
    ),
    ChoiceQuestion(
        "02.2",
        "You raise the threshold. What happens to the two error rates?",
        (
            Choice("FMR goes down and FNMR goes up", True,
                   "Yes: fewer impostors reach a stricter threshold, and more genuine customers fall short of it."),
            Choice("Both go down", False, "Then every system would use the highest threshold. Try it in the explorer: "
                                          "watch the blue area grow as the orange one shrinks."),
            Choice("FMR goes up and FNMR goes down", False,
                   "That is what lowering the threshold does. A stricter threshold lets fewer comparisons count as a match."),
            Choice("Neither changes; only the scores matter", False,
                   "The scores are fixed by the algorithm and the photos, but the decision depends on where the "
                   "threshold cuts them."),
        ),
    ),
    NumberQuestion(
        "02.3",
        "A system has a false non-match rate of 0.5%. In a year it checks 40 million genuine customers. "
        "How many of them does it refuse at the first attempt? (Type a number.)",
        answer=200_000,
        rel_tolerance=0.02,
        feedback_right="Right: 0.005 × 40,000,000 = 200,000 people, each turned away once.",
        feedback_wrong="Convert the percentage to a proportion first (0.5% = 0.005), then multiply by the number of "
                       "genuine customers.",
    ),
    ChoiceQuestion(
        "02.4",
        "A 1:N search compares one face with a gallery of 1 billion people, at a false match rate of 1 in 10 million "
        "per comparison. About how many false candidates does one search produce?",
        (
            Choice("about 0.1", False, "Multiply, don't divide: 1,000,000,000 × 0.0000001."),
            Choice("about 1", False, "Check the powers of ten: 10⁹ × 10⁻⁷."),
            Choice("about 100", True, "Yes: 10⁹ × 10⁻⁷ = 100 false candidates for every face searched."),
            Choice("about 10 million", False, "That would need a false match rate of 1 in 100."),
        ),
    ),
]

QUESTIONS = {q.id: q for q in _QUESTIONS}
if len(QUESTIONS) != len(_QUESTIONS):
    raise RuntimeError("duplicate question id in facecourse.questions")
