"""Intakes in the Wagtail admin: coordinators change them without code.

Only people with the intake permissions (the Coordinators group, see migration
0003) see the Intakes menu item; editors and moderators see neither intakes nor applications.
Programme targets go by the Coordinators role itself (`CoordinatorsOnlyPolicy`).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from mentoring.core.choices import EmploymentStatus, Municipality
from mentoring.figures.viewsets import CoordinatorsOnlyPolicy
from mentoring.models import DEFAULT_RUBRIC, Intake, ProgrammeTargets, Review

WEIGHT_RANGE = (0, 5)


def weight_field_name(key: str) -> str:
    return f"weight_{key}"


class _IntakeAdminFormBase(WagtailAdminModelForm):
    """Checkboxes for the JSON lists, and one small number per review criterion instead of raw JSON."""

    municipalities = forms.MultipleChoiceField(
        label=_("Eligible municipalities"),
        choices=Municipality.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People who live or work in one of these may apply."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Eligible target groups"),
        choices=EmploymentStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People in one of these situations may apply; the programme page lists them."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        weights = self.instance.rubric_weights or {}
        for criterion in DEFAULT_RUBRIC:
            initial = weights.get(criterion.key, criterion.weight)
            self.fields[weight_field_name(criterion.key)].initial = initial

    def clean(self):
        cleaned_data = super().clean()
        weights = {
            criterion.key: cleaned_data[weight_field_name(criterion.key)]
            for criterion in DEFAULT_RUBRIC
            if cleaned_data.get(weight_field_name(criterion.key)) is not None
        }
        if len(weights) == len(DEFAULT_RUBRIC):
            if not any(weights.values()):
                raise forms.ValidationError(_("Give at least one review criterion a weight above 0."))
            if self._weights_locked():
                stored = self._stored_weights()
                changed = [key for key, weight in weights.items() if weight != stored[key]]
                for key in changed:
                    self.add_error(
                        weight_field_name(key),
                        _(
                            "Reviews have already been scored with the current weights; changing them "
                            "now would mix old and new weights in this intake's scores."
                        ),
                    )
                if changed:
                    return cleaned_data
            self.instance.rubric_weights = weights
        return cleaned_data

    def _stored_weights(self) -> dict[str, int]:
        # As the form shows them: a criterion the stored weights leave out has its default weight.
        weights = self.instance.rubric_weights or {}
        return {criterion.key: weights.get(criterion.key, criterion.weight) for criterion in DEFAULT_RUBRIC}

    def _weights_locked(self) -> bool:
        """Whether someone has scored an application of this intake (a declared conflict is no score)."""
        return (
            bool(self.instance.pk)
            and Review.objects.filter(application__intake=self.instance, conflict_of_interest=False).exists()
        )


def _weight_field(criterion) -> forms.IntegerField:
    return forms.IntegerField(
        label=criterion.label,
        min_value=WEIGHT_RANGE[0],
        max_value=WEIGHT_RANGE[1],
        help_text=_("0 to 5; 0 leaves this criterion out of the score."),
    )


# One field per criterion of the rubric, so a new criterion needs no change here.
IntakeAdminForm = type(
    "IntakeAdminForm",
    (_IntakeAdminFormBase,),
    {weight_field_name(criterion.key): _weight_field(criterion) for criterion in DEFAULT_RUBRIC},
)


class IntakeViewSet(ModelViewSet):
    model = Intake
    icon = "date"
    add_to_admin_menu = True
    menu_label = _("Intakes")
    menu_order = 250
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["title", "programme", "opens_at", "closes_at", "places"]
    ordering = ["-opens_at"]

    panels = [
        PageChooserPanel("programme", page_type="content.ProgrammePage"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")], heading=_("Title")),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Open for applications")),
        FieldPanel("places"),
        MultiFieldPanel(
            [
                FieldPanel("municipalities"),
                FieldPanel("target_groups"),
                FieldPanel("business_max_age_months"),
                FieldPanel("for_women"),
            ],
            heading=_("Who may apply"),
        ),
        MultiFieldPanel(
            [FieldPanel("blind_review"), *(FieldPanel(weight_field_name(c.key)) for c in DEFAULT_RUBRIC)],
            heading=_("Review"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accepted_message_sv"),
                FieldPanel("accepted_message_en"),
                FieldPanel("waitlisted_message_sv"),
                FieldPanel("waitlisted_message_en"),
                FieldPanel("rejected_message_sv"),
                FieldPanel("rejected_message_en"),
            ],
            heading=_("Decision e-mails"),
            help_text=_(
                "Write your own text for a decision e-mail, in Swedish and English. It replaces the "
                "default paragraph; the greeting, the reason you give with the decision and the "
                "signature are added as usual. Leave a box empty to use the default text."
            ),
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=IntakeAdminForm).bind_to_model(self.model)


intake_viewset = IntakeViewSet("intakes")


register_permission_policy(ProgrammeTargets, CoordinatorsOnlyPolicy(ProgrammeTargets), exact_class=True)
