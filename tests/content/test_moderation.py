"""Who may publish: editors submit news for moderation, moderators publish."""

import pytest

from portal import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_item(site_tree):
    return factories.NewsPageFactory(parent=site_tree.news_index)


def test_news_index_goes_through_moderators_approval(site_tree):
    workflow = site_tree.news_index.get_workflow()

    assert workflow is not None and workflow.active
    assert workflow.name == "Moderatorgranskning"


def test_editor_cannot_publish_news_item_directly(news_item):
    editor = factories.user_with_role(roles.EDITORS)

    permissions = news_item.permissions_for_user(editor)

    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_moderator_can_publish_news_item(news_item):
    moderator = factories.user_with_role(roles.MODERATORS)

    assert news_item.permissions_for_user(moderator).can_publish()


def test_moderation_workflow_and_task_have_swedish_names(site_tree):
    workflow = site_tree.news_index.get_workflow()

    assert workflow.name == "Moderatorgranskning"
    assert [task.name for task in workflow.tasks] == ["Moderatorns godkännande"]


@pytest.mark.parametrize(
    ("language", "label"), [("sv", "Skicka till granskning"), ("en", "Submit for review")]
)
def test_editors_submit_button_speaks_the_admins_language(client, news_item, language, label):
    from wagtail.users.models import UserProfile

    editor = factories.user_with_role(roles.EDITORS)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)

    html = client.get(f"/cms/pages/{news_item.pk}/edit/").content.decode()

    assert label in html
    assert "Moderators approval" not in html


@pytest.fixture
def news_item_in_review(news_item):
    editor = factories.user_with_role(roles.EDITORS)
    news_item.save_revision(user=editor)
    news_item.get_workflow().start(news_item, editor)
    return news_item


def act_from_dashboard(client, page, action):
    """What the dashboard's Approve / Request changes buttons send, then the dashboard they return to."""
    task_state = page.current_workflow_task_state
    client.post(
        f"/cms/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/",
        {"comment": "Se över inledningen."} if action == "reject" else {},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    return client.get("/cms/").content.decode()


def test_approving_from_the_dashboard_says_the_item_was_published(client, news_item_in_review):
    client.force_login(factories.user_with_role(roles.MODERATORS))

    dashboard = act_from_dashboard(client, news_item_in_review, "approve")

    news_item_in_review.refresh_from_db()
    assert news_item_in_review.live
    assert f"”{news_item_in_review.title}” godkändes och är publicerad." in dashboard


def test_requesting_changes_from_the_dashboard_says_the_editor_was_told(client, news_item_in_review):
    client.force_login(factories.user_with_role(roles.MODERATORS))

    dashboard = act_from_dashboard(client, news_item_in_review, "reject")

    assert f"Ändringar begärdes för ”{news_item_in_review.title}”" in dashboard
