"""Mobile numbers: understood as people type them, stored in E.164 (+33612345678)."""
from __future__ import annotations

import phonenumbers

# Numbers typed without a country code are French: metropolitan first, then the overseas départements and
# collectivités, which have their own country codes (a Réunion mobile starts 0692 and is +262 692…).
_REGIONS = ("FR", "RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF", "NC", "PF", "WF")
_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _parse(value: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def is_landline(value: str) -> bool:
    """True when ``value`` is a valid number that cannot receive SMS (a fixed line)."""
    number = _parse((value or "").strip(), "FR")
    return number is not None and phonenumbers.number_type(number) not in _MOBILE_TYPES


def to_e164(value: str | None) -> str | None:
    """The mobile number ``value`` in E.164, or None when it is not a valid mobile number."""
    value = (value or "").strip()
    if not value:
        return None
    for region in ((None,) if value.startswith("+") else _REGIONS):
        number = _parse(value, region)
        if number is not None:
            if phonenumbers.number_type(number) not in _MOBILE_TYPES:
                return None
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def display_phone(e164: str | None) -> str:
    """A stored E.164 number as people write it: 06 12 34 56 78 in France, +44 7911 123456 abroad."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, None)
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 33
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, fmt)
