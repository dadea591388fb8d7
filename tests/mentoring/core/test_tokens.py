"""Signed links: each kind has its own salt and age limit; the clock is passed in."""

import datetime as dt

import pytest
from django.core import signing

from mentoring.core.tokens import TokenInvalid, TokenKind

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
INVITATION = TokenKind(salt="tests.invitation", max_age=dt.timedelta(days=14))
SURVEY = TokenKind(salt="tests.survey", max_age=dt.timedelta(days=14))
JOIN = TokenKind(salt="tests.join", max_age=None)


def test_token_round_trip_gives_the_id_and_when_it_was_signed():
    signed = INVITATION.read(INVITATION.sign(42, now=NOW), now=NOW)

    assert (signed.pk, signed.signed_at, signed.expired) == (42, NOW, False)


def test_token_is_valid_up_to_its_age_limit():
    token = INVITATION.sign(42, now=NOW)

    assert not INVITATION.read(token, now=NOW + dt.timedelta(days=14)).expired
    assert INVITATION.read(token, now=NOW + dt.timedelta(days=14, seconds=1)).expired


def test_token_of_one_kind_is_refused_as_another():
    with pytest.raises(TokenInvalid):
        SURVEY.read(INVITATION.sign(42, now=NOW), now=NOW)


@pytest.mark.parametrize("tampered", ["", "42", "43:1:abc", "not a token at all"])
def test_token_altered_is_refused(tampered):
    with pytest.raises(TokenInvalid):
        INVITATION.read(tampered, now=NOW)


def test_token_with_a_changed_id_is_refused():
    _pk, stamp, signature = INVITATION.sign(42, now=NOW).split(":")

    with pytest.raises(TokenInvalid):
        INVITATION.read(f"43:{stamp}:{signature}", now=NOW)


def test_undated_token_never_expires_by_age():
    signed = JOIN.read(JOIN.sign(7), now=NOW + dt.timedelta(days=3650))

    assert (signed.pk, signed.expired) == (7, False)


def test_dated_token_keeps_the_format_of_links_already_sent():
    # Links e-mailed before this helper were made by a TimestampSigner dated by hand.
    sent = signing.Signer(salt="tests.invitation").sign(f"42:{signing.b62_encode(int(NOW.timestamp()))}")

    assert INVITATION.sign(42, now=NOW) == sent
    assert INVITATION.read(sent, now=NOW).pk == 42


def test_dated_token_of_djangos_timestamp_signer_is_read():
    sent = signing.TimestampSigner(salt="tests.invitation").sign("42")
    now = dt.datetime.now(tz=dt.UTC)

    signed = INVITATION.read(sent, now=now)

    assert signed.pk == 42
    assert not signed.expired
    assert signing.TimestampSigner(salt="tests.invitation").unsign(INVITATION.sign(42, now=now)) == "42"
