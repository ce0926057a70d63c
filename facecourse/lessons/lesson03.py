"""Check-your-understanding questions for lesson 03: Who gets misrecognised?"""

from ..quiz import Choice, ChoiceQuestion, NumberQuestion

QUESTIONS = [
    ChoiceQuestion(
        "03.1",
        "Gender Shades found error rates of up to 34.7% for darker-skinned women. What task were those errors in?",
        (
            Choice("Gender classification: labelling one face photo as female or male", True,
                   "Right. No two faces were compared, so these are not face-matching error rates — but they showed "
                   "that one commercial service can be far less accurate for some people than for others."),
            Choice("1:1 verification: matching a face to the photo on an ID card", False,
                   "That is the check at the phone-shop counter, and NIST's report (not Gender Shades) measured it. "
                   "Gender Shades asked the services one question about one photo: which gender?"),
            Choice("1:N identification: searching a face against a police database", False,
                   "Gender Shades did no searching at all. Its benchmark was 1,270 photos of parliamentarians, each "
                   "given a gender label by the service."),
            Choice("Detecting whether a face is present in a photo", False,
                   "The services were given photos that contained a face; the errors counted are wrong gender labels."),
        ),
    ),
    ChoiceQuestion(
        "03.2",
        "News reports said NIST found false positive rates 10 to 100 times higher for some groups. Which reading is "
        "closest to what the report found?",
        (
            Choice("Every face recognition algorithm is 10 to 100 times worse for those groups", False,
                   "NIST stressed that differentials are algorithm-specific: many algorithms developed in Asia showed "
                   "no such dramatic gap between Asian and white faces, and one summary says the differential was "
                   "reversed for some algorithms developed in China."),
            Choice("The differential was often between 10 and 100 times, depending on the algorithm; some algorithms "
                   "had much smaller or even reversed differentials", True,
                   "Yes. '10 to 100' is a range across algorithms, for one-to-one false positives. To say anything "
                   "about a particular system you need that system's own test results."),
            Choice("Faces of those groups are harder to recognise, whatever the algorithm", False,
                   "If that were so, differentials would not vary so much between algorithms or reverse for some. "
                   "The variation between algorithms shows that the algorithm matters, not only the faces."),
            Choice("The figure comes from Gender Shades", False,
                   "Gender Shades measured gender classification; the 10-to-100 range is NIST's, from one-to-one "
                   "face matching."),
        ),
    ),
    NumberQuestion(
        "03.3",
        "At one global threshold, group A's false match rate is 2 in a million and group B's is 1 in 10,000. "
        "What is the worst/best ratio of the two false match rates? (Type a number.)",
        answer=50,
        rel_tolerance=0.02,
        feedback_right="Right: 0.0001 / 0.000002 = 50. Group B's ID holders are 50 times as likely to be "
                       "successfully impersonated by a random impostor of their group.",
        feedback_wrong="Write both rates as decimals first (2 in a million = 0.000002), then divide the larger "
                       "by the smaller.",
    ),
    ChoiceQuestion(
        "03.4",
        "A regulator demands the same false match rate for every group, and the operator sets a threshold per group "
        "to achieve it. In the explorer, what happens to the false non-match rates?",
        (
            Choice("They become equal too", False,
                   "Try it: switch to 'per-group: equal FMR'. The operating points line up vertically on the DET plot, "
                   "but not horizontally — the curves differ, so one threshold per group cannot put every group at the "
                   "same point on both axes."),
            Choice("They differ: the group whose impostors score high gets a stricter threshold and so more refusals", True,
                   "Yes. Equal FMR moves group B's disadvantage from impersonation risk to refusals at the counter. "
                   "With one threshold per group you can equalise one error rate, not in general both."),
            Choice("They all fall, because the system is now fair", False,
                   "The thresholds for groups B and C go up, so more of their genuine customers fall below them: "
                   "total refusals rise."),
        ),
    ),
    ChoiceQuestion(
        "03.5",
        "At the phone-shop counter, who bears the cost of a false match?",
        (
            Choice("The customer who was wrongly refused", False,
                   "That is the cost of a false non-match: a genuine customer turned away."),
            Choice("The person whose ID card was used: a number is registered in their name", True,
                   "Right. The impostor gains; the victim is someone who was not at the counter at all — which is why "
                   "a higher FMR for one group puts that group's ID holders at greater risk."),
            Choice("Nobody: the impostor is caught later anyway", False,
                   "Nothing in the sources says so. The reason for the check is that a number registered in someone "
                   "else's name can be used for fraud."),
            Choice("Only the operator, which loses a sale", False,
                   "A false match is a sale the operator makes; the harm falls on the person impersonated."),
        ),
    ),
    ChoiceQuestion(
        "03.6",
        "Why are the explorer's groups called A, B and C instead of real demographic groups?",
        (
            Choice("Because their score parameters are invented, and a real label would turn them into a claim about "
                   "real people that no source supports", True,
                   "Yes — and because NIST found differentials depend on the algorithm, there is no single real "
                   "ordering of groups to copy."),
            Choice("Because demographic differentials do not exist in real systems", False,
                   "NIST found them in most of the algorithms it tested. The explorer shows the mechanics; the "
                   "evidence about real systems is in the NIST findings."),
            Choice("To make the explorer run faster", False,
                   "Names cost nothing to compute. The reason is about what the numbers can honestly claim."),
        ),
    ),
]
