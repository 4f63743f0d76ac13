"""Validators that confirm a pattern match: named in a rule as ``match.validator``.

Each takes the matched text and returns True when it really is what the rule looks for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType

_PERSONAL_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.PERSONAL_NUMBER,
    PhoneNumberType.VOIP,
}


@lru_cache(maxsize=4096)  # an archive repeats its owner's number; parsing one costs ~0.2 ms
def uk_personal_phone(text: str) -> bool:
    """A UK mobile or landline number (not a freephone, helpline or premium number).

    Numbers that phonenumbers cannot confirm as allocated (a typo, a new range, Ofcom's drama range) still
    count when they have the shape of a mobile (07...) or geographic (01/02...) number: a number one
    digit off is still a number someone may ring.
    """
    try:
        number = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return False
    if number.country_code != 44 or not phonenumbers.is_possible_number(number):
        return False
    if phonenumbers.is_valid_number(number):
        return phonenumbers.number_type(number) in _PERSONAL_TYPES
    national = str(number.national_number)
    return len(national) == 10 and (national[0] in "12" or (national[0] == "7" and national[1] != "0"))


def nhs_number(text: str) -> bool:
    """A 10-digit NHS (or CHI) number whose check digit is right (modulus 11)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) != 10 or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def vehicle_registration(text: str) -> bool:
    """A current-style UK number plate (AB12 CDE) whose age identifier has been issued."""
    compact = text.replace(" ", "").upper()
    if len(compact) != 7:
        return False
    age = int(compact[2:4])
    now = datetime.now(UTC)
    newest = now.year % 100 + (50 if now.month >= 9 else 0)
    issued = 2 <= age <= min(now.year % 100, 49) or 51 <= age <= max(newest, 51)
    return issued and compact[0] not in "IQZ" and not set(compact[4:]) & set("IQ")


# The mailboxes of an organisation, published so the public can write to them: not anyone's personal details.
_ROLE_MAILBOXES = frozenset(
    "info enquiries enquiry hello contact admin office reception bookings booking support help team duty "
    "referrals referral safeguarding press media news sales jobs careers recruitment hr noreply no-reply "
    "feedback complaints accounts general events volunteer volunteers membership webmaster".split()
)


def personal_email(text: str) -> bool:
    """An email address that is not an organisation's role mailbox (info@, referrals@, enquiries@...)."""
    local = text.split("@", 1)[0].lower()
    return local not in _ROLE_MAILBOXES


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "personal_email": personal_email,
    "uk_personal_phone": uk_personal_phone,
    "nhs_number": nhs_number,
    "vehicle_registration": vehicle_registration,
}
