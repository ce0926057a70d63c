"""Check-your-understanding questions for lesson 02: How face verification works."""

from ..quiz import Choice, ChoiceQuestion, NumberQuestion  # noqa: F401

QUESTIONS = [
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
