"""Counts the course quotes beside its per-country SIM-registration rows (lesson 01), each with its source.

They are not derived from ``sim_registration_by_country`` (whose rows are only the countries the
sources name); each value is ``(number, source)``.
"""

WORLD_COUNTS = {
    "compulsory_registration": (157, "GSMA, Access to Mobile Services and Proof of Identity 2021, April 2021"),
    "biometric_registration": (17, "Comparitech, January 2020, as reported by Biometric Update"),
    "without_proof_of_identity_billions": (1.0, "GSMA, Access to Mobile Services and Proof of Identity 2021"),
}
