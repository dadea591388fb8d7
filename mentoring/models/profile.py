"""The applicant's entry characteristics: recorded once, kept as the funder's participant indicators."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentoring.core.choices import (
    ContactLanguage,
    EducationLevel,
    EmploymentStatus,
    FormerSector,
    Gender,
    Municipality,
)
from portal.validators import validate_name

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{5,18}[0-9]$", _("Write a phone number with digits, for example 070-123 45 67.")
)


class ApplicantProfile(models.Model):
    # What the person writes in their profile, in the form's order: the one list the form,
    # the service that records it and the personal data export all use.
    PERSONAL_FIELDS = (
        "first_name",
        "last_name",
        "phone",
        "municipality",
        "birth_year",
        "gender",
        "employment_status",
        "months_unemployed",
        "business_registered_on",
        "former_sector",
        "former_employer",
        "education_level",
        "languages",
        "contact_language",
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant_profile"
    )
    first_name = models.CharField(_("first name"), max_length=80, validators=[validate_name])
    last_name = models.CharField(_("last name"), max_length=80, validators=[validate_name])
    phone = models.CharField(_("phone"), max_length=20, validators=[phone_validator])
    municipality = models.CharField(_("municipality"), max_length=20, choices=Municipality)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    gender = models.CharField(_("gender"), max_length=12, choices=Gender, default=Gender.UNDISCLOSED)
    employment_status = models.CharField(_("employment status"), max_length=20, choices=EmploymentStatus)
    months_unemployed = models.PositiveSmallIntegerField(_("months without work"), null=True, blank=True)
    business_registered_on = models.DateField(
        _("date the business was registered"),
        null=True,
        blank=True,
        help_text=_(
            "Only if you run your own business: the date on the registration certificate, "
            "for example 2025-03-14."
        ),
    )
    former_sector = models.CharField(
        _("sector of former employment"),
        max_length=30,
        choices=FormerSector,
        default=FormerSector.UNDISCLOSED,
    )
    former_employer = models.CharField(
        _("former or current employer"),
        max_length=120,
        blank=True,
        help_text=_("Optional. So that you are not matched with a mentor who has ties to that company."),
    )
    education_level = models.CharField(
        _("education"), max_length=24, choices=EducationLevel, default=EducationLevel.UNDISCLOSED
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    contact_language = models.CharField(
        _("preferred language of contact"),
        max_length=2,
        choices=ContactLanguage,
        default=ContactLanguage.SWEDISH,
    )
    consent_at = models.DateTimeField(_("consent given"))
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("applicant profile")
        verbose_name_plural = _("applicant profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(months_unemployed__isnull=True) | models.Q(employment_status="unemployed"),
                name="profile_months_only_when_unemployed",
            ),
            models.CheckConstraint(
                condition=models.Q(business_registered_on__isnull=True)
                | models.Q(employment_status="self_employed"),
                name="profile_business_date_only_when_self_employed",
            ),
        ]
        # The figures count participants by these codes reading the profiles in this order, so that
        # grouping them needs no sorting (`mentoring.figures.tallies`); with the user, no row is read.
        indexes = [
            models.Index(
                fields=[
                    "gender",
                    "employment_status",
                    "municipality",
                    "education_level",
                    "former_sector",
                    "user",
                ],
                name="profile_figures_codes_idx",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
