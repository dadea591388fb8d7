"""The participant's choice of language, and the visitor's form to type a verification code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mentoring.certificates.codes import TYPED_MAX
from mentoring.models import CertificateLanguage


class CertificateLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the certificate"),
        choices=CertificateLanguage.choices,
        error_messages={
            "invalid_choice": _("Choose Swedish or English."),
            "required": _("Choose a language."),
        },
    )


class VerifyCodeForm(forms.Form):
    """Any text is taken and looked up: what is not a code is "not found", like a code nobody holds,
    so the answer tells nothing about how codes are made or which exist."""

    code = forms.CharField(
        label=_("Verification code"),
        help_text=_("As printed on the certificate, for example ABCD-EFGH-JKMN-PQRS-TVWX."),
        strip=True,
        error_messages={"required": _("Type the verification code printed on the certificate.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL character is dropped by the look-up like any other sign, not refused on its own.
        self.fields["code"].validators = []
        self.fields["code"].widget.attrs["maxlength"] = TYPED_MAX
