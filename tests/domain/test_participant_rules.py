"""Participant field checks: one sentence naming the field; under 18 is a warning, not a refusal."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.domain.participant_rules import (
    ParticipantFields,
    age_on,
    check_participant,
    flag_labels,
    parse_date,
    search_key,
    validate_participant,
)
from facilitator.errors import FieldError, UserError

TODAY = date(2026, 3, 12)


def _person(**changes) -> ParticipantFields:  # type: ignore[no-untyped-def]
    base = dict(legal_first_name="Ana", legal_last_name="Ruiz", date_of_birth=date(1985, 4, 2))
    return ParticipantFields(**{**base, **changes})


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"legal_first_name": "  "}, "legal_first_name", "legal first name is required"),
    ({"legal_last_name": ""}, "legal_last_name", "legal last name is required"),
    ({"date_of_birth": date(2026, 3, 13)}, "date_of_birth", "is in the future"),
    ({"date_of_birth": date(1890, 1, 1)}, "date_of_birth", "over 120"),
    ({"email": "ana@"}, "email", "should look like name@example.org"),
    ({"email": "ana ruiz@example.org"}, "email", "should look like"),
    ({"phone": "12345"}, "phone", "7 to 15 digits"),
    ({"phone": "call me"}, "phone", "7 to 15 digits"),
    ({"emergency_contact_phone": "+1 303 555 0100 0100 0100"}, "emergency_contact_phone", "emergency contact's"),
    ({"preferred_language": "fr"}, "preferred_language", "en (English) or es (Spanish)"),
    ({"status": "gone"}, "status", "must be one of active"),
    ({"legal_first_name": "A" * 81}, "legal_first_name", "at most 80 characters"),
    ({"legal_first_name": "Ana\nMaria"}, "legal_first_name", "on one line"),
    ({"consent_date": date(2027, 1, 1)}, "consent_date", "is in the future"),
    ({"consent_date": date(1980, 1, 1)}, "consent_date", "before the date of birth"),
])
def test_each_bad_value_is_refused_at_its_field(changes, field, words):
    with pytest.raises(FieldError) as raised:
        validate_participant(_person(**changes), TODAY)
    assert raised.value.field == field
    assert words in str(raised.value)
    assert isinstance(raised.value, UserError)
    assert str(raised.value).endswith(".") and str(raised.value)[0].isupper()


def test_under_18_is_a_warning_and_the_record_can_still_be_saved():
    cleaned, problems = validate_participant(_person(date_of_birth=date(2010, 1, 1)), TODAY)
    assert cleaned.legal_first_name == "Ana"
    [warning] = problems
    assert warning.warning and warning.field == "date_of_birth"
    assert "adult service" in warning.message and "age 16" in warning.message


def test_good_values_pass_and_are_trimmed():
    cleaned, problems = validate_participant(_person(
        legal_first_name=" Ana ", email=" Ana.Ruiz@Example.org ", phone="(303) 555-0101",
        emergency_contact_phone="+1 303.555.0102 ext. 12"), TODAY)
    assert problems == ()
    assert cleaned.legal_first_name == "Ana" and cleaned.email == "ana.ruiz@example.org"


def test_every_problem_is_listed_in_field_order_for_the_csv_report():
    problems = check_participant(_person(legal_first_name="", email="x", phone="1"), TODAY)
    assert [p.field for p in problems] == ["legal_first_name", "email", "phone"]


def test_dates_parse_as_iso_only():
    assert parse_date("1984-07-21", "date_of_birth") == date(1984, 7, 21)
    assert parse_date("  ", "date_of_birth") is None
    for bad in ("21/07/1984", "1984-13-01", "1984-7-1", "yesterday"):
        with pytest.raises(FieldError, match="YYYY-MM-DD"):
            parse_date(bad, "consent_date")


def test_ages_flags_and_search_keys():
    assert age_on(date(2000, 3, 12), TODAY) == 26
    assert age_on(date(2000, 3, 13), TODAY) == 25
    assert flag_labels(_person(flag_hypertension=True, flag_pregnancy=True)) == ("Hypertension", "Pregnancy")
    assert flag_labels(_person()) == ()
    assert "zoe" in search_key("Zoë", "Abernathy")
    assert search_key("SIOBHÁN") == "siobhan"
