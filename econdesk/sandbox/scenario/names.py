"""Danish people and company names, and the e-mail addresses that go with them."""

from __future__ import annotations

FIRST_NAMES = (
    "Anne", "Kirsten", "Mette", "Hanne", "Helle", "Anna", "Susanne", "Lene", "Maria", "Marianne",
    "Lone", "Camilla", "Pia", "Louise", "Charlotte", "Tina", "Gitte", "Ida", "Emma", "Sofie",
    "Peter", "Michael", "Lars", "Jens", "Thomas", "Henrik", "Søren", "Christian", "Martin",
    "Jan", "Niels", "Anders", "Morten", "Jesper", "Mads", "Rasmus", "Frederik", "Mikkel",
    "Jørgen", "Kasper", "Freja", "Astrid", "Signe", "Karen", "Bo", "Ole", "Steen", "Birgitte",
)  # fmt: skip

LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen",
    "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen",
    "Mikkelsen", "Olesen", "Frederiksen", "Laursen", "Henriksen", "Lund", "Holm", "Schmidt",
    "Eriksen", "Kristiansen", "Nørgaard", "Clausen", "Simonsen", "Svendsen", "Andreasen",
    "Iversen", "Jeppesen", "Vestergaard", "Østergaard", "Dahl", "Bech", "Lauridsen", "Kjær",
)  # fmt: skip

# Company names are built from a stem (a word or a family name), a trade, a town and a form.
COMPANY_WORDS = (
    "Nordlys", "Fjord", "Bølge", "Egetræ", "Kløver", "Havgus", "Lyngbo", "Skovly", "Strand",
    "Bakke", "Solsikke", "Mølle", "Vestkyst", "Lærke", "Ravn", "Birk", "Anker", "Kilde",
)  # fmt: skip
COMPANY_TRADES = (
    "Rådgivning", "Tømrer", "Design", "Revision", "VVS", "Tandklinik", "Bageri", "Fysioterapi",
    "Arkitekter", "Consult", "Regnskab", "Maleri", "Film", "Software", "Ejendomme",
)  # fmt: skip
COMPANY_FORMS = ("ApS", "ApS", "ApS", "A/S", "I/S")

# Names used only by decoy bank lines, never by a customer, so a decoy can never be right.
DECOY_PAYERS = (
    "Kvist & Krone ApS", "Grøn Pedal Cykler", "Ulla Brandt", "Svend Aage Mølgaard",
    "Hedebo Antik", "Nyhavn Kaffebar ApS", "Birte Kragh", "Tårnby Auto I/S",
)  # fmt: skip

SUPPLIERS = (
    ("Kontorcentralen ApS", 800, 6_500), ("Fjordnet Hosting A/S", 1_200, 9_800),
    ("Revisionsfirmaet Holm & Lund", 4_000, 22_000), ("Trykkeriet Vestergaard", 1_500, 12_000),
    ("Postnord Erhverv", 300, 4_200), ("Ravn Marketing ApS", 5_000, 35_000),
    ("Kaffe & Frugt Levering", 400, 1_900), ("Skovly Rengøring", 2_000, 6_000),
)  # fmt: skip

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "&": "og"})


def person_name(first: int, last: int) -> str:
    return f"{FIRST_NAMES[first]} {LAST_NAMES[last]}"


TOWNS = (
    "", "", "", "Aarhus", "Odense", "Aalborg", "Vejle", "Esbjerg", "Roskilde", "Herning", "Køge",
    "Silkeborg", "Horsens", "Kolding", "Randers", "Viborg", "Holstebro", "Næstved",
)  # fmt: skip
COMPANY_CODES = (len(COMPANY_WORDS) + len(LAST_NAMES)) * len(COMPANY_TRADES) * len(TOWNS)


def company_name(code: int) -> str:
    """One of COMPANY_CODES company names, e.g. "Fjord Tømrer Vejle ApS", "Hansen & Søn A/S"."""
    stems = COMPANY_WORDS + LAST_NAMES
    rest, stem = divmod(code % COMPANY_CODES, len(stems))
    town, trade = divmod(rest, len(COMPANY_TRADES))
    form = COMPANY_FORMS[code % len(COMPANY_FORMS)]
    if code % 11 == 3:
        return f"{stems[stem]} & Søn {form}"
    parts = (stems[stem], COMPANY_TRADES[trade], TOWNS[town], form)
    return " ".join(p for p in parts if p)


def slug(text: str) -> str:
    lowered = text.lower().translate(_ASCII)
    return "".join(ch if ch.isalnum() else "-" for ch in lowered).strip("-").replace("--", "-")


_FIRST_SLUGS = tuple(slug(name) for name in FIRST_NAMES)
_LAST_SLUGS = tuple(slug(name) for name in LAST_NAMES)


def email_for(number: int, first: int, last: int, company: int) -> str:
    """A plausible address on reserved example domains (never a real mailbox)."""
    if company >= 0:
        domain = slug(company_name(company)).replace("-aps", "").replace("-a-s", "")
        return f"faktura@{domain}.example.dk"
    local = f"{_FIRST_SLUGS[first]}.{_LAST_SLUGS[last]}"
    return f"{local}{number % 97}@example.dk" if number % 3 else f"{local}@example.dk"
