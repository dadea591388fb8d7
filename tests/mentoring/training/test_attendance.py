"""Attendance on course occasions: course days, marking hours, the participant's confirmation,
the enrolment audit rows, and the course staff's pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from mentoring.models import Enrolment, EnrolmentStatus
from mentoring.models.training import Attendance, EnrolmentChange, EnrolmentEvent
from mentoring.training import selectors as training_selectors
from mentoring.training import services
from portal import roles
from tests import factories
from tests.training_factories import TrainingOccasionFactory, training_index, training_offer

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 3, 2)


def in_swedish(msgid: str) -> str:
    """What the pages, at the site's default language, say for `msgid`."""
    with translation.override("sv"):
        return gettext(msgid)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def offer(site_tree):
    return training_offer(training_index(site_tree.home), title="Robotprogrammering")


@pytest.fixture
def occasion(offer):
    """Monday to Wednesday, 2 to 4 March 2026, three places."""
    return TrainingOccasionFactory(
        page=offer, starts_on=MONDAY, ends_on=MONDAY + dt.timedelta(days=2), places=3
    )


@pytest.fixture
def leader(db):
    return factories.user_with_role(roles.COURSE_LEADERS, email="leader@example.org", first_name="Lena")


@pytest.fixture
def coordinator(db):
    return factories.user_with_role(roles.COORDINATORS, email="coord@example.org")


def enrol(occasion, n, *, before=MONDAY):
    """`n` people enrolled in `occasion` a month before `before`, in order."""
    start = at(before - dt.timedelta(days=30))
    return [
        services.enrolment_create(
            occasion=occasion, person=factories.ApplicantFactory(), now=start + dt.timedelta(minutes=i)
        ).enrolment
        for i in range(n)
    ]


def mark(occasion, day, hours, actor, now=None):
    return services.attendance_mark(
        occasion=occasion,
        day=day,
        hours_by_enrolment={e.pk: Decimal(h) for e, h in hours.items()},
        actor=actor,
        now=now or at(MONDAY + dt.timedelta(days=2), 17),
    )


# --- course_days (pure) ------------------------------------------------------------------------


def test_course_days_are_the_weekdays_of_the_range():
    friday, tuesday = dt.date(2026, 3, 6), dt.date(2026, 3, 10)
    assert training_selectors.course_days(friday, tuesday) == [friday, dt.date(2026, 3, 9), tuesday]


def test_course_days_of_a_weekend_course_are_every_date():
    saturday = dt.date(2026, 3, 7)
    assert training_selectors.course_days(saturday, saturday + dt.timedelta(days=1)) == [
        saturday,
        dt.date(2026, 3, 8),
    ]


def test_course_days_of_one_day():
    assert training_selectors.course_days(MONDAY, MONDAY) == [MONDAY]


# --- The audit rows of enrolling and cancelling -------------------------------------------------


def test_enrolment_create_writes_enrolled_then_waitlisted_audit_rows(occasion):
    enrolments = enrol(occasion, 4)

    events = [e.changes.get().event for e in enrolments]
    assert events == [EnrolmentEvent.ENROLLED] * 3 + [EnrolmentEvent.WAITLISTED]
    row = enrolments[0].changes.get()
    assert (row.actor, row.from_status, row.to_status) == (enrolments[0].person, "", EnrolmentStatus.ENROLLED)


def test_enrolment_cancel_audits_the_cancel_and_the_promotion(occasion):
    first, *_, waiting = enrol(occasion, 4)

    services.enrolment_cancel(enrolment=first, actor=first.person, now=at(MONDAY - dt.timedelta(days=10)))

    cancelled = first.changes.get(event=EnrolmentEvent.CANCELLED)
    promoted = waiting.changes.get(event=EnrolmentEvent.PROMOTED)
    assert (cancelled.actor, cancelled.from_status, cancelled.to_status) == (
        first.person,
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.CANCELLED,
    )
    assert (promoted.actor, promoted.from_status, promoted.to_status) == (
        None,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.ENROLLED,
    )


# --- attendance_mark ------------------------------------------------------------------------------


def test_attendance_mark_records_hours_and_audits_each_person(occasion, leader):
    alva, bo = enrol(occasion, 2)

    changed = mark(occasion, MONDAY, {alva: "6", bo: "0"}, leader)

    assert {e.pk for e in changed} == {alva.pk, bo.pk}
    assert (
        training_selectors.enrolment_hours(alva) == Decimal("6.0")
        and training_selectors.enrolment_hours(bo) == 0
    )
    assert Attendance.objects.get(enrolment=alva).marked_by == leader
    audit = alva.changes.get(event=EnrolmentEvent.ATTENDANCE)
    assert audit.note == "2026-03-02: 6.0 h" and audit.actor == leader


def test_attendance_mark_by_a_coordinator(occasion, coordinator):
    (alva,) = enrol(occasion, 1)
    mark(occasion, MONDAY, {alva: "7.5"}, coordinator)
    assert training_selectors.enrolment_hours(alva) == Decimal("7.5")


@pytest.mark.parametrize("role", [None, roles.MENTORS, roles.EDITORS, roles.COUNSELLORS])
def test_attendance_mark_refuses_other_roles(occasion, role):
    (alva,) = enrol(occasion, 1)
    actor = factories.user_with_role(role) if role else factories.verified_user()
    with pytest.raises(services.NotCourseStaff):
        mark(occasion, MONDAY, {alva: "6"}, actor)
    assert not Attendance.objects.exists()


def test_attendance_mark_refuses_a_future_day(occasion, leader):
    (alva,) = enrol(occasion, 1)
    with pytest.raises(services.DayInFuture):
        mark(occasion, MONDAY + dt.timedelta(days=1), {alva: "6"}, leader, now=at(MONDAY, 17))


def test_attendance_mark_refuses_a_day_outside_the_course(occasion, leader):
    (alva,) = enrol(occasion, 1)
    with pytest.raises(services.NotACourseDay):
        mark(occasion, MONDAY - dt.timedelta(days=1), {alva: "6"}, leader)


@pytest.mark.parametrize("hours", ["-0.5", "10.5", "6.25", "70"])
def test_attendance_mark_refuses_hours_outside_0_to_10_in_halves(occasion, leader, hours):
    (alva,) = enrol(occasion, 1)
    with pytest.raises(services.HoursInvalid) as raised:
        mark(occasion, MONDAY, {alva: hours}, leader)
    assert raised.value.field == f"hours_{alva.pk}"


def test_attendance_mark_only_for_people_with_a_place_here(occasion, offer, leader):
    *_, waiting = enrol(occasion, 4)
    other = TrainingOccasionFactory(page=offer, starts_on=MONDAY, ends_on=MONDAY)
    (elsewhere,) = enrol(other, 1)
    for enrolment in (waiting, elsewhere):
        with pytest.raises(services.NotEnrolledHere):
            mark(occasion, MONDAY, {enrolment: "6"}, leader)


def test_attendance_mark_same_hours_again_changes_nothing(occasion, leader):
    (alva,) = enrol(occasion, 1)
    mark(occasion, MONDAY, {alva: "6"}, leader)

    assert mark(occasion, MONDAY, {alva: "6.0"}, leader) == []
    assert alva.changes.filter(event=EnrolmentEvent.ATTENDANCE).count() == 1


def test_attendance_mark_changed_hours_clear_the_confirmation(occasion, leader):
    alva, bo = enrol(occasion, 2)
    mark(occasion, MONDAY, {alva: "6", bo: "6"}, leader)
    for enrolment in (alva, bo):
        services.enrolment_hours_confirm(enrolment=enrolment, actor=enrolment.person, now=at(MONDAY, 18))

    mark(occasion, MONDAY, {alva: "4", bo: "6"}, leader)

    alva.refresh_from_db(), bo.refresh_from_db()
    assert alva.hours_confirmed_at is None and bo.hours_confirmed_at is not None
    assert alva.changes.filter(event=EnrolmentEvent.ATTENDANCE).last().note == "2026-03-02: 4.0 h (was 6.0 h)"


# --- enrolment_hours_confirm ----------------------------------------------------------------------


def test_enrolment_hours_confirm_sets_the_time_and_audits_once(occasion, leader):
    (alva,) = enrol(occasion, 1)
    mark(occasion, MONDAY, {alva: "6"}, leader)
    mark(occasion, MONDAY + dt.timedelta(days=1), {alva: "5.5"}, leader)
    first, again = at(MONDAY + dt.timedelta(days=3)), at(MONDAY + dt.timedelta(days=4))

    services.enrolment_hours_confirm(enrolment=alva, actor=alva.person, now=first)
    services.enrolment_hours_confirm(enrolment=alva, actor=alva.person, now=again)

    alva.refresh_from_db()
    assert alva.hours_confirmed_at == first
    audit = alva.changes.get(event=EnrolmentEvent.HOURS_CONFIRMED)
    assert audit.actor == alva.person and audit.note == "11.5 h"


def test_enrolment_hours_confirm_only_by_the_person(occasion, leader):
    (alva,) = enrol(occasion, 1)
    mark(occasion, MONDAY, {alva: "6"}, leader)
    with pytest.raises(services.NotYourHours):
        services.enrolment_hours_confirm(enrolment=alva, actor=leader, now=at(MONDAY, 18))


def test_enrolment_hours_confirm_needs_marked_hours(occasion):
    (alva,) = enrol(occasion, 1)
    with pytest.raises(services.NoHoursToConfirm):
        services.enrolment_hours_confirm(enrolment=alva, actor=alva.person, now=at(MONDAY, 18))
    assert not alva.changes.filter(event=EnrolmentEvent.HOURS_CONFIRMED).exists()


# --- Selectors ------------------------------------------------------------------------------------


def test_occasion_attendance_grid_lists_places_then_the_waiting_list_in_order(occasion, leader):
    a, b, c, w1, w2 = enrol(occasion, 5)
    mark(occasion, MONDAY, {a: "6", b: "3"}, leader)

    grid = training_selectors.occasion_attendance_grid(occasion)

    assert grid.days == [MONDAY, MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2)]
    assert [row.enrolment.pk for row in grid.rows] == [a.pk, b.pk, c.pk, w1.pk, w2.pk]
    assert [row.position for row in grid.rows] == [0, 0, 0, 1, 2]
    assert [row.total for row in grid.rows[:3]] == [Decimal("6.0"), Decimal("3.0"), 0]
    assert [row.enrolment.pk for row in grid.enrolled] == [a.pk, b.pk, c.pk]


# --- The staff pages ------------------------------------------------------------------------------


@pytest.fixture
def running(offer):
    """An occasion that started a week ago and ends in a week (for the views, which use today)."""
    today = timezone.localdate()
    return TrainingOccasionFactory(
        page=offer, starts_on=today - dt.timedelta(days=7), ends_on=today + dt.timedelta(days=7), places=40
    )


def past_course_day(occasion):
    today = timezone.localdate()
    return [d for d in training_selectors.course_days(occasion.starts_on, occasion.ends_on) if d < today][-1]


def future_course_day(occasion):
    today = timezone.localdate()
    return next(d for d in training_selectors.course_days(occasion.starts_on, occasion.ends_on) if d > today)


def staff_users():
    return {
        "applicant": factories.ApplicantFactory(),
        "mentor": factories.user_with_role(roles.MENTORS),
        "editor": factories.user_with_role(roles.EDITORS),
        "counsellor": factories.user_with_role(roles.COUNSELLORS),
        "coordinator": factories.user_with_role(roles.COORDINATORS),
        "course_leader": factories.user_with_role(roles.COURSE_LEADERS),
    }


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("applicant", 403),
        ("mentor", 403),
        ("editor", 403),
        ("counsellor", 403),
        ("coordinator", 200),
        ("course_leader", 200),
    ],
)
@pytest.mark.parametrize("page", ["staff_occasions", "staff_occasion"])
def test_staff_pages_per_role(client, running, who, status, page):
    client.force_login(staff_users()[who])
    args = [running.pk] if page == "staff_occasion" else []
    assert client.get(reverse(f"mentoring:{page}", args=args)).status_code == status


@pytest.mark.parametrize("page", ["staff_occasions", "staff_occasion"])
def test_staff_pages_send_anonymous_visitors_to_sign_in(client, running, page):
    args = [running.pk] if page == "staff_occasion" else []
    response = client.get(reverse(f"mentoring:{page}", args=args))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_staff_occasion_unknown_pk_is_404(client, leader):
    client.force_login(leader)
    assert client.get(reverse("mentoring:staff_occasion", args=[999999])).status_code == 404


def test_staff_occasions_lists_current_and_recent_with_counts(client, leader, offer, running):
    today = timezone.localdate()
    long_ago = TrainingOccasionFactory(
        page=offer, starts_on=today - dt.timedelta(days=200), ends_on=today - dt.timedelta(days=199)
    )
    enrol(running, 2, before=running.starts_on)
    client.force_login(leader)

    response = client.get(reverse("mentoring:staff_occasions"))

    body = response.content.decode()
    assert reverse("mentoring:staff_occasion", args=[running.pk]) in body
    assert reverse("mentoring:staff_occasion", args=[long_ago.pk]) not in body
    assert "2 / 40" in body


def test_staff_occasion_lists_enrolments_with_hours_and_confirmation(client, leader, running):
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    mark(running, day, {alva: "6", bo: "4.5"}, leader, now=timezone.now())
    services.enrolment_hours_confirm(enrolment=alva, actor=alva.person, now=timezone.now())
    client.force_login(leader)

    body = client.get(reverse("mentoring:staff_occasion", args=[running.pk])).content.decode()

    assert alva.person.email in body and bo.person.email in body
    assert 'data-hours="6.0"' in body and 'data-hours="4.5"' in body
    assert in_swedish("Not yet") in body


def test_staff_occasion_form_shows_saved_hours_and_leaves_the_rest_empty(client, leader, running, settings):
    settings.TRAINING_DEFAULT_HOURS_PER_DAY = 7
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    mark(running, day, {alva: "4.5"}, leader, now=timezone.now())
    client.force_login(leader)

    response = client.get(reverse("mentoring:staff_occasion", args=[running.pk]), {"day": day.isoformat()})

    form = response.context["form"]
    assert form[f"hours_{alva.pk}"].value() == Decimal("4.5")
    assert form[f"hours_{bo.pk}"].value() is None
    body = response.content.decode()
    assert f'<label class="visually-hidden" for="id_hours_{bo.pk}">' in body
    assert bo.person.get_full_name() in form[f"hours_{bo.pk}"].label
    assert 'name="empty_present"' in body and "7" in body


def test_staff_occasion_post_saves_only_the_rows_written_and_names_them(client, leader, running):
    alva, bo, cai = enrol(running, 3, before=running.starts_on)
    day = past_course_day(running)
    client.force_login(leader)

    response = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": "", f"hours_{bo.pk}": "4", f"hours_{cai.pk}": ""},
        follow=True,
    )

    assert list(Attendance.objects.values_list("enrolment_id", "hours")) == [(bo.pk, Decimal(4))]
    (message,) = [str(m) for m in response.context["messages"]]
    assert bo.person.get_full_name() in message
    assert alva.person.get_full_name() not in message and cai.person.get_full_name() not in message
    assert training_selectors.enrolment_hours(alva) == 0 and training_selectors.enrolment_hours(cai) == 0


def test_staff_occasion_post_with_nothing_written_saves_nothing_and_says_so(client, leader, running):
    (alva,) = enrol(running, 1, before=running.starts_on)
    day = past_course_day(running)
    client.force_login(leader)

    response = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": ""},
        follow=True,
    )

    assert not Attendance.objects.exists()
    (message,) = [str(m) for m in response.context["messages"]]
    assert message == in_swedish("Nothing was saved for %(day)s: no hours were written or changed.") % {
        "day": formats.date_format(day)
    }


def test_staff_occasion_empty_present_gives_the_default_hours_to_the_empty_rows_only(
    client, leader, running, settings
):
    settings.TRAINING_DEFAULT_HOURS_PER_DAY = 7
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    client.force_login(leader)

    client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": "0", f"hours_{bo.pk}": "", "empty_present": "1"},
    )

    assert dict(Attendance.objects.values_list("enrolment_id", "hours")) == {alva.pk: 0, bo.pk: 7}


def test_staff_occasion_emptying_saved_hours_is_a_field_error(client, leader, running):
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    mark(running, day, {alva: "6"}, leader, now=timezone.now())
    client.force_login(leader)

    response = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": "", f"hours_{bo.pk}": "3"},
    )

    assert response.status_code == 200 and list(response.context["form"].errors) == [f"hours_{alva.pk}"]
    assert 'value="3"' in response.content.decode()
    assert list(Attendance.objects.values_list("enrolment_id", "hours")) == [(alva.pk, Decimal(6))]


def test_staff_occasion_default_day_is_today_when_a_course_day(client, leader, running):
    client.force_login(leader)
    response = client.get(reverse("mentoring:staff_occasion", args=[running.pk]))
    today = timezone.localdate()
    days = training_selectors.course_days(running.starts_on, running.ends_on)
    assert response.context["day"] == (today if today in days else days[0])


def test_staff_occasion_post_marks_the_day(client, leader, running):
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    client.force_login(leader)

    response = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": "6", f"hours_{bo.pk}": "0"},
    )

    assert response.status_code == 302 and response["Location"].endswith(f"?day={day.isoformat()}")
    assert training_selectors.enrolment_hours(alva) == 6 and Attendance.objects.get(enrolment=bo).hours == 0


def test_staff_occasion_hours_out_of_range_is_a_field_error_keeping_the_input(client, leader, running):
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    client.force_login(leader)

    response = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": "12", f"hours_{bo.pk}": "5.5"},
    )

    form = response.context["form"]
    assert response.status_code == 200 and list(form.errors) == [f"hours_{alva.pk}"]
    body = response.content.decode()
    assert f'id="id_hours_{alva.pk}_error"' in body and 'value="12"' in body and 'value="5.5"' in body
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("written", ["1e400", "-1e400", "6.25", "0.3"])
def test_staff_occasion_hours_that_are_no_half_hours_are_a_field_error(client, leader, running, written):
    # "1e400" was a server error: Django's step check turns it into a float (found by a random run).
    alva, bo = enrol(running, 2, before=running.starts_on)
    day = past_course_day(running)
    client.force_login(leader)

    response = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": written, f"hours_{bo.pk}": "5.5"},
    )

    assert response.status_code == 200 and list(response.context["form"].errors) == [f"hours_{alva.pk}"]
    assert f'value="{written}"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_staff_occasion_refuses_a_future_day(client, leader, running):
    (alva,) = enrol(running, 1, before=running.starts_on)
    day = future_course_day(running)
    client.force_login(leader)

    get = client.get(reverse("mentoring:staff_occasion", args=[running.pk]), {"day": day.isoformat()})
    post = client.post(
        reverse("mentoring:staff_occasion", args=[running.pk]),
        {"day": day.isoformat(), f"hours_{alva.pk}": "6"},
    )

    message = in_swedish("You can mark attendance for this day once it has come.")
    assert message in get.content.decode() and f"hours_{alva.pk}" not in get.content.decode()
    assert post.status_code == 200 and message in post.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("page", ["staff_occasions", "staff_occasion"])
def test_staff_page_queries_do_not_grow_with_enrolments(
    client, leader, running, django_assert_max_num_queries, page
):
    client.force_login(leader)
    url = reverse(f"mentoring:{page}", args=[running.pk] if page == "staff_occasion" else [])
    day = past_course_day(running)
    few = enrol(running, 3, before=running.starts_on)
    mark(running, day, dict.fromkeys(few, "6"), leader, now=timezone.now())
    client.get(url)  # warm caches (site, locale) so both counts measure the same work
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as with_few:
        assert client.get(url).status_code == 200
    many = enrol(running, 27, before=running.starts_on)
    mark(running, day, dict.fromkeys(many, "6"), leader, now=timezone.now())

    with django_assert_max_num_queries(len(with_few)):
        assert client.get(url).status_code == 200


# --- The participant's side -----------------------------------------------------------------------


def test_dashboard_shows_hours_and_the_confirm_button(client, leader, running):
    (alva,) = enrol(running, 1, before=running.starts_on)
    mark(running, past_course_day(running), {alva: "6"}, leader, now=timezone.now())
    client.force_login(alva.person)

    body = client.get(reverse("mentoring:dashboard")).content.decode()

    confirm_url = reverse("mentoring:training_hours_confirm", args=[alva.pk])
    assert f'action="{confirm_url}"' in body and in_swedish("Confirm my hours") in body


def test_dashboard_without_hours_has_no_confirm_button(client, running):
    (alva,) = enrol(running, 1, before=running.starts_on)
    client.force_login(alva.person)
    body = client.get(reverse("mentoring:dashboard")).content.decode()
    assert reverse("mentoring:training_hours_confirm", args=[alva.pk]) not in body


def test_training_hours_confirm_page_shows_days_and_confirms(client, leader, running):
    (alva,) = enrol(running, 1, before=running.starts_on)
    mark(running, past_course_day(running), {alva: "6"}, leader, now=timezone.now())
    client.force_login(alva.person)
    url = reverse("mentoring:training_hours_confirm", args=[alva.pk])

    page = client.get(url)
    posted = client.post(url)

    assert 'data-total="6.0"' in page.content.decode()
    assert posted.status_code == 302
    alva.refresh_from_db()
    assert alva.hours_confirmed_at is not None
    assert f'action="{url}"' not in client.get(reverse("mentoring:dashboard")).content.decode()


@pytest.mark.parametrize("who", ["other_applicant", "course_leader"])
def test_training_hours_confirm_is_404_for_anyone_else(client, leader, running, who):
    (alva,) = enrol(running, 1, before=running.starts_on)
    mark(running, past_course_day(running), {alva: "6"}, leader, now=timezone.now())
    client.force_login(factories.ApplicantFactory() if who == "other_applicant" else leader)
    url = reverse("mentoring:training_hours_confirm", args=[alva.pk])

    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert Enrolment.objects.get(pk=alva.pk).hours_confirmed_at is None


def test_training_hours_confirm_anonymous_is_sent_to_sign_in(client, running):
    (alva,) = enrol(running, 1, before=running.starts_on)
    response = client.get(reverse("mentoring:training_hours_confirm", args=[alva.pk]))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_enrolment_changes_are_readable(occasion):
    (alva,) = enrol(occasion, 1)
    assert str(EnrolmentChange.objects.get(enrolment=alva)).startswith(f"{alva.pk} enrolled")


@pytest.mark.parametrize(("who", "linked"), [("coordinator", True), ("course_leader", False)])
def test_staff_occasion_links_names_to_the_person_record_for_coordinators_only(client, running, who, linked):
    (alva,) = enrol(running, 1, before=running.starts_on)
    client.force_login(staff_users()[who])
    body = client.get(reverse("mentoring:staff_occasion", args=[running.pk])).content.decode()
    assert (reverse("mentoring:person_record", args=[alva.person_id]) in body) == linked
