"""Check-your-understanding questions for lesson 01: Real-name registration."""

from ..quiz import Choice, ChoiceQuestion, NumberQuestion

QUESTIONS = [
    ChoiceQuestion(
        "01.1",
        "Which of these did the MIIT notice announced on 27 September 2019 require from 1 December 2019?",
        (
            Choice("Face matching against the ID for new registrations at operators' physical sales outlets", True,
                   "Right: \"portrait comparison\" at physical sales channels, with the number connected only once "
                   "the face matches the ID."),
            Choice("A face scan of every existing subscriber", False,
                   "The reporting said it was unclear whether existing subscribers would ever have to be scanned; "
                   "the rule as reported covered new registrations at physical outlets."),
            Choice("A ban on holding more than one SIM card", False,
                   "The notice banned reselling or passing on SIM cards (through contract terms), not holding "
                   "several. MIIT itself mentions demand for a \"second card slot\"."),
            Choice("Real-name registration for the first time", False,
                   "Real-name registration came earlier: by MIIT's account all phone users were registered by "
                   "2016. The 2019 notice added the face check on top."),
        ),
    ),
    NumberQuestion(
        "01.2",
        "At the end of 2023 MIIT counted 1,727 million mobile subscriptions and said that was 122.5 per 100 people. "
        "What population, in millions, does MIIT's own figure imply? (Type a number.)",
        answer=1727 / 1.225,
        rel_tolerance=0.005,
        feedback_right="Right: 1,727 ÷ 1.225 ≈ 1,410 million people. Comparing this with other population counts is "
                       "one way to see which denominator a statistic used.",
        feedback_wrong="\"Per 100 people\" means subscriptions ÷ population × 100. Rearrange it for the population: "
                       "divide the subscriptions by the per-100 figure, then multiply by 100.",
    ),
    ChoiceQuestion(
        "01.3",
        "In 2019 China had about 114 mobile subscriptions per 100 people. What can you conclude?",
        (
            Choice("Nothing precise about how many people have a phone: one person can hold several subscriptions",
                   True,
                   "Right: subscriptions count lines, not people. Without a figure for subscriptions per user (no "
                   "source in the course gives one) the number of people with a phone is unknown; some people may "
                   "have none."),
            Choice("Everyone in China has at least one phone number", False,
                   "114 per 100 is an average over lines. Set the assumption slider in the explorer to 1.3: the "
                   "same subscriptions then mean only about 88% of people have a number."),
            Choice("The population figure must be wrong", False,
                   "Both figures come from official statistics, and they count different things: lines and people. "
                   "More lines than people is normal where many carry two SIMs."),
            Choice("About 14% of people use a phone for work", False,
                   "Nothing in the statistic says why anyone holds a second subscription; that reading adds a "
                   "story the numbers do not contain."),
        ),
    ),
    ChoiceQuestion(
        "01.4",
        "Which statement is supported by the sources this lesson uses?",
        (
            Choice("The GSMA counted 157 countries with compulsory SIM registration in 2021, and names the Czech "
                   "Republic, the UK and the USA as having decided against mandating it for prepaid SIMs", True,
                   "Right: both come from the GSMA (its 2021 report and its Mobile Policy Handbook)."),
            Choice("China is the only country that checks faces at SIM registration", False,
                   "Comparitech's January 2020 summary says face scans were also mandatory in Singapore, and that "
                   "Nigeria requires fingerprints and a facial image."),
            Choice("The GSMA counted 17 countries with biometric SIM registration", False,
                   "17 is Comparitech's count (January 2020). The course found no GSMA count of biometric countries; "
                   "keep track of who counted what."),
            Choice("Most countries in the world have no SIM registration", False,
                   "The reverse: the GSMA counted 157 countries with compulsory registration. The course's dataset "
                   "shows few such countries only because its sources name few of them."),
        ),
    ),
    ChoiceQuestion(
        "01.5",
        "MIIT said the rule would help fight telecom and online fraud. Which evidence would best test that claim?",
        (
            Choice("Fraud cases linked to numbers registered in someone else's name, before and after December 2019, "
                   "compared with the trend and with other kinds of fraud", True,
                   "Yes: the aim is about fraud, so the evidence must be about fraud, with a baseline and a comparison "
                   "that separates the rule's effect from everything else that changed."),
            Choice("The number of faces scanned at sales outlets", False,
                   "That measures how much the rule was applied, not whether it worked. A rule can be applied "
                   "everywhere and still miss its aim."),
            Choice("The fall in subscriptions in 2020", False,
                   "Many things changed in 2020, and MIIT already pointed to saturated \"second card slot\" demand "
                   "in 2019. A fall in lines is not a fall in fraud."),
            Choice("Surveys showing that most people support the rule", False,
                   "Support matters for legitimacy, but it is evidence about opinion, not about whether fraud fell."),
        ),
    ),
]
