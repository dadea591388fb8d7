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
    assert workflow.name == "Moderators approval"


def test_editor_cannot_publish_news_item_directly(news_item):
    editor = factories.user_with_role(roles.EDITORS)

    permissions = news_item.permissions_for_user(editor)

    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_moderator_can_publish_news_item(news_item):
    moderator = factories.user_with_role(roles.MODERATORS)

    assert news_item.permissions_for_user(moderator).can_publish()
