"""A mentor: what they know, where and how they meet, and how many mentees they take at once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import Gender, Municipality
from mentoring.mentorships.workflow import OPEN
from mentoring.models.profile import phone_validator

CAPACITY_MIN, CAPACITY_MAX = 1, 10


class MentorProfile(models.Model):
    # What the mentor writes in their profile, in the form's order: the one list the form,
    # the service that saves it and the personal data export all use.
    PERSONAL_FIELDS = (
        "phone",
        "bio",
        "sectors",
        "expertise",
        "languages",
        "municipality",
        "online_ok",
        "capacity",
        "gender",
        "company_ties",
        "paused",
        "back_on",
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_profile"
    )
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[phone_validator],
        help_text=_("Optional; given to your mentees together with your e-mail address."),
    )
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    # Codes of BusinessSector, SupportNeed and Language: the applicants' own vocabularies.
    sectors = models.JSONField(_("sectors"), default=list, blank=True)
    expertise = models.JSONField(_("areas of expertise"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    municipality = models.CharField(_("municipality"), max_length=20, choices=Municipality)
    online_ok = models.BooleanField(_("willing to meet online"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=2, help_text=_("How many mentees at once (1–10).")
    )
    gender = models.CharField(
        _("gender"),
        max_length=12,
        choices=Gender,
        blank=True,
        help_text=_("Optional; used only for participants who ask for a woman mentor."),
    )
    company_ties = models.JSONField(
        _("companies you have ties to"),
        default=list,
        blank=True,
        help_text=_("So that you are not matched with someone leaving one of them."),
    )
    paused = models.BooleanField(_("paused"), default=False)
    back_on = models.DateField(_("back on"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invitation = models.ForeignKey(
        "mentoring.MentorInvitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=CAPACITY_MIN, capacity__lte=CAPACITY_MAX),
                name="mentor_capacity_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_woman(self) -> bool | None:
        """For the "woman mentor" preference; None when the mentor did not say."""
        return None if not self.gender or self.gender == Gender.UNDISCLOSED else self.gender == Gender.WOMAN

    def places_taken(self) -> int:
        """Mentorships that hold one of this mentor's places: proposed or active."""
        return self.mentorships.filter(status__in=[str(s) for s in OPEN]).count()

    def free_places(self) -> int:
        """capacity − (active + proposed); never below zero."""
        return max(self.capacity - self.places_taken(), 0)


class MentorInvitation(models.Model):
    """A coordinator's invitation to become a mentor, sent as a signed link (see services.mentors)."""

    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=160, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"))
    # When someone signed in followed the link and sent their mentor profile.
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor invitation")
        verbose_name_plural = _("mentor invitations")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.email
