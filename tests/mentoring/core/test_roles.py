"""One decorator guards pages by role: sign-in first, then the role, else 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from mentoring.core.roles import has_any_role, role_required
from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


@role_required(roles.COORDINATORS, roles.COURSE_LEADERS)
def staff_page(request):
    return HttpResponse("the page")


def get(user):
    request = RequestFactory().get("/staff/page/?day=2026-03-02")
    request.user = user
    return request


def test_role_required_sends_anonymous_people_to_sign_in_and_back():
    response = staff_page(get(AnonymousUser()))

    assert response.status_code == 302
    assert response["Location"].endswith("?next=/staff/page/%3Fday%3D2026-03-02")


def test_role_required_refuses_a_person_without_the_role():
    with pytest.raises(PermissionDenied):
        staff_page(get(factories.user_with_role(roles.MENTORS)))


@pytest.mark.parametrize("role", [roles.COORDINATORS, roles.COURSE_LEADERS])
def test_role_required_lets_any_of_its_roles_in(role):
    assert staff_page(get(factories.user_with_role(role))).content == b"the page"


def test_has_any_role_holds_every_role_for_a_superuser():
    assert has_any_role(factories.superuser(), roles.COUNSELLORS)


def test_has_any_role_is_false_for_anonymous_people():
    assert not has_any_role(AnonymousUser(), roles.COORDINATORS)
