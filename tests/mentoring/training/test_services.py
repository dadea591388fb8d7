"""Enrolment in training occasions: places, the waiting list, cancelling, reminders, who may do what."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Enrolment, EnrolmentStatus
from mentoring.training import selectors as training_selectors
from mentoring.training import services
from mentoring.training.jobs import remind_course_participants
from portal import roles
from portal.models import OutboxMessage
from tests import factories
from tests.training_factories import TrainingOccasionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def occasion(site_tree):
    from tests.training_factories import training_index, training_offer

    offer = training_offer(training_index(site_tree.home), title="Robotprogrammering")
    return TrainingOccasionFactory(page=offer, places=8)


def people(n):
    return [factories.ApplicantFactory() for _ in range(n)]


def enrol_all(occasion, persons, now):
    return [
        services.enrolment_create(occasion=occasion, person=p, now=now + dt.timedelta(seconds=i))
        for i, p in enumerate(persons)
    ]


def test_enrolment_create_gives_a_place_and_confirms_by_mail(occasion, now, mailoutbox):
    person = factories.ApplicantFactory(email="alva@example.org")

    result = services.enrolment_create(occasion=occasion, person=person, now=now)

    assert result.enrolment.status == EnrolmentStatus.ENROLLED and result.position == 0
    assert mailoutbox[-1].to == ["alva@example.org"]
    assert "Robotprogrammering" in mailoutbox[-1].subject


def test_enrolment_create_writes_the_confirmation_to_the_outbox(
    occasion, now, mail_via_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(occasion=occasion, person=factories.ApplicantFactory(), now=now)

    assert OutboxMessage.objects.count() == 1


def test_enrolment_create_ninth_on_eight_places_is_waitlisted_with_position(occasion, now, mailoutbox):
    enrol_all(occasion, people(8), now)
    ninth, tenth = people(2)

    result = services.enrolment_create(occasion=occasion, person=ninth, now=now + dt.timedelta(minutes=1))
    second = services.enrolment_create(occasion=occasion, person=tenth, now=now + dt.timedelta(minutes=2))

    assert result.enrolment.status == EnrolmentStatus.WAITLISTED and result.position == 1
    assert second.position == 2
    assert "2" in mailoutbox[-1].subject and mailoutbox[-1].to == [tenth.email]
    assert training_selectors.occasion_free_places(occasion) == 0


def test_enrolment_create_requires_the_applicant_profile(occasion, now):
    with pytest.raises(services.ProfileMissing):
        services.enrolment_create(occasion=occasion, person=factories.verified_user(), now=now)
    assert not Enrolment.objects.exists()


def test_enrolment_create_twice_is_refused(occasion, now):
    person = factories.ApplicantFactory()
    services.enrolment_create(occasion=occasion, person=person, now=now)

    with pytest.raises(services.AlreadyEnrolled):
        services.enrolment_create(occasion=occasion, person=person, now=now)


def test_enrolment_cancel_promotes_the_first_waitlisted_and_mails_them(occasion, now, mailoutbox):
    first_eight = enrol_all(occasion, people(8), now)
    ninth, tenth = people(2)
    waiting = services.enrolment_create(occasion=occasion, person=ninth, now=now + dt.timedelta(minutes=1))
    services.enrolment_create(occasion=occasion, person=tenth, now=now + dt.timedelta(minutes=2))
    leaving = first_eight[3].enrolment

    promoted = services.enrolment_cancel(enrolment=leaving, actor=leaving.person, now=now)

    assert promoted.pk == waiting.enrolment.pk
    waiting.enrolment.refresh_from_db()
    assert waiting.enrolment.status == EnrolmentStatus.ENROLLED and waiting.enrolment.promoted_at == now
    assert [m.to for m in mailoutbox[-2:]] == [[leaving.person.email], [ninth.email]]
    tenth_enrolment = Enrolment.objects.get(person=tenth)
    assert training_selectors.waiting_position(tenth_enrolment) == 1


def test_enrolment_cancel_within_48_hours_is_refused(occasion, mailoutbox):
    enrolment = services.enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=timezone.now()
    ).enrolment
    start = timezone.make_aware(dt.datetime.combine(occasion.starts_on, dt.time.min))

    with pytest.raises(services.CancelTooLate):
        services.enrolment_cancel(
            enrolment=enrolment, actor=enrolment.person, now=start - dt.timedelta(hours=47)
        )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_enrolment_cancel_until_start_cancels_within_48_hours_but_not_on_the_first_day(occasion, mailoutbox):
    enrolment = services.enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=timezone.now()
    ).enrolment
    start = timezone.make_aware(dt.datetime.combine(occasion.starts_on, dt.time.min))
    person = enrolment.person

    with pytest.raises(services.OccasionStarted):
        services.enrolment_cancel(enrolment=enrolment, actor=person, now=start, until_start=True)
    services.enrolment_cancel(
        enrolment=enrolment, actor=person, now=start - dt.timedelta(hours=1), until_start=True
    )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_enrolment_cancel_of_someone_else_is_refused(occasion, now):
    enrolment = services.enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=now
    ).enrolment

    with pytest.raises(services.NotYours):
        services.enrolment_cancel(enrolment=enrolment, actor=factories.ApplicantFactory(), now=now)


def test_enrolments_remind_the_day_before_once(occasion, mailoutbox):
    day_before = timezone.make_aware(
        dt.datetime.combine(occasion.starts_on - dt.timedelta(days=1), dt.time(10))
    )
    week_before = day_before - dt.timedelta(days=6)
    enrolled = services.enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=week_before
    )
    mailoutbox.clear()

    assert services.enrolments_remind(now=week_before) == []
    first = services.enrolments_remind(now=day_before)
    second = services.enrolments_remind(now=day_before + dt.timedelta(hours=1))

    assert [e.pk for e in first] == [enrolled.enrolment.pk] and second == []
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [enrolled.enrolment.person.email]


def test_remind_course_participants_job_counts(occasion):
    assert remind_course_participants() == 0


def test_occasion_free_places_shared_by_translations(occasion, now):
    """The English page's occasion holds no places of its own: they are the Swedish one's."""
    from wagtail.models import Locale

    locale = Locale.objects.create(language_code="en")
    home_en = occasion.page.get_parent().get_parent().copy_for_translation(locale)
    index_en = occasion.page.get_parent().copy_for_translation(locale)
    offer_en = occasion.page.copy_for_translation(locale)
    assert home_en and index_en
    occasion_en = offer_en.occasions.get()
    services.enrolment_create(occasion=occasion_en, person=factories.ApplicantFactory(), now=now)

    assert training_selectors.occasion_free_places(occasion) == 7
    assert Enrolment.objects.get().occasion_id == occasion.pk


# --- Views ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    [None, roles.MENTORS, roles.EDITORS, roles.COORDINATORS],
    ids=["person", "mentor", "editor", "coordinator"],
)
def test_enrol_view_any_signed_in_person_may_enrol(client, occasion, role):
    person = factories.ApplicantFactory()
    if role:
        from django.contrib.auth.models import Group

        person.groups.add(Group.objects.get(name=role))
    client.force_login(person)
    url = reverse("mentoring:training_enrol", args=[occasion.pk])

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302 and response.url == reverse("mentoring:dashboard")
    assert Enrolment.objects.get().person == person


def test_enrol_view_anonymous_is_sent_to_sign_in(client, occasion):
    response = client.get(reverse("mentoring:training_enrol", args=[occasion.pk]))

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_enrol_view_without_profile_goes_through_the_profile_form(client, occasion):
    client.force_login(factories.verified_user())

    response = client.get(reverse("mentoring:training_enrol", args=[occasion.pk]))

    assert response.url == reverse("mentoring:training_enrol_profile", args=[occasion.pk])
    assert client.get(response.url).status_code == 200


def test_enrol_view_unpublished_offer_is_404(client, occasion):
    occasion.page.unpublish()
    client.force_login(factories.ApplicantFactory())

    assert client.get(reverse("mentoring:training_enrol", args=[occasion.pk])).status_code == 404


def test_cancel_view_of_another_persons_enrolment_is_404(client, occasion, now):
    enrolment = services.enrolment_create(
        occasion=occasion, person=factories.ApplicantFactory(), now=now
    ).enrolment
    client.force_login(factories.ApplicantFactory())
    url = reverse("mentoring:training_cancel", args=[enrolment.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_cancel_view_after_the_limit_says_why(client, site_tree, now):
    from tests.training_factories import training_index, training_offer

    soon = TrainingOccasionFactory(
        page=training_offer(training_index(site_tree.home)),
        starts_on=timezone.localdate() + dt.timedelta(days=1),
    )
    person = factories.ApplicantFactory()
    enrolment = services.enrolment_create(occasion=soon, person=person, now=now)
    client.force_login(person)
    url = reverse("mentoring:training_cancel", args=[enrolment.enrolment.pk])

    response = client.get(url)
    client.post(url)

    assert "48" in response.content.decode()
    enrolment.enrolment.refresh_from_db()
    assert enrolment.enrolment.status == EnrolmentStatus.ENROLLED


def test_dashboard_lists_my_courses_with_cancel_link(client, occasion, now):
    person = factories.ApplicantFactory()
    enrolment = services.enrolment_create(occasion=occasion, person=person, now=now).enrolment
    client.force_login(person)

    body = client.get(reverse("mentoring:dashboard")).content.decode()

    assert "Robotprogrammering" in body
    assert reverse("mentoring:training_cancel", args=[enrolment.pk]) in body


def test_enrolment_mail_names_the_offer_in_the_persons_language(occasion, now, mailoutbox):
    from wagtail.models import Locale

    locale = Locale.objects.create(language_code="en")
    occasion.page.get_parent().get_parent().copy_for_translation(locale)
    occasion.page.get_parent().copy_for_translation(locale)
    offer_en = occasion.page.copy_for_translation(locale)
    offer_en.title = "Robot programming"
    offer_en.save_revision().publish()
    person = factories.ApplicantFactory(profile__contact_language="en")

    services.enrolment_create(occasion=occasion, person=person, now=now)

    assert "Robot programming" in mailoutbox[-1].subject
