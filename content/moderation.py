"""Moderation in the editors' own language, and a word after every decision.

Wagtail names the default workflow and its task "Moderators approval" in its data and
builds "Submit to <workflow name>" from that name, which reads as mixed languages in
the Swedish admin. The names are stored in Swedish (the organisation's language, see
migration 0003), and the submit buttons get a translated label of their own. Approving
or requesting changes from the dashboard only made the row vanish; the action now
leaves a message saying what happened.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TaskState


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        state = context["page"].current_workflow_state if context.get("page") else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = gettext_lazy("Resubmit for review")
        else:
            context["label"] = gettext_lazy("Submit for review")
        return context


def submit_label_in_editors_language(menu_items, request, context) -> None:
    """`construct_page_action_menu` hook: the submit item says "Submit for review" in the admin's language."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitForReviewMenuItem(order=item.order)


def decision_notice(*, status: str, title: str, workflow_goes_on: bool) -> str | None:
    """What the moderator is told after acting on a page's review, or None if nothing was decided."""
    if status == TaskState.STATUS_APPROVED:
        if workflow_goes_on:
            return _("“%(title)s” was approved and goes on to the next step.") % {"title": title}
        return _("“%(title)s” was approved and published.") % {"title": title}
    if status == TaskState.STATUS_REJECTED:
        return _("Changes were requested for “%(title)s”; the editor has been told.") % {"title": title}
    return None


class WorkflowActionWithNotice(WorkflowActionView):
    """Wagtail's workflow action (approve, request changes), followed by a message saying what happened."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        self.object.refresh_from_db()
        notice = decision_notice(
            status=self.task_state.status,
            title=get_latest_str(self.object),
            workflow_goes_on=self.object.workflow_in_progress,
        )
        if notice:
            messages.success(request, notice)
        return response


class ModeratedPageViewSet(PageViewSet):
    """The admin's views of one of the site's page types, with the workflow action that says what it did."""

    workflow_action_view_class = WorkflowActionWithNotice


def page_viewsets(models) -> list[ModeratedPageViewSet]:
    return [ModeratedPageViewSet(model=model, name=f"moderated_{model._meta.model_name}") for model in models]
