"""Certificates: the participant makes and downloads hers; anyone checks one by its code.

Making one and downloading it need the participant's own enrolment and certificate:
anyone else gets a 404. The verification pages need no account; they are counted per
client (django-ratelimit in the shared cache), are never indexed or cached, and answer
a code nobody holds and a text that cannot be a code alike.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from mentoring.certificates import selectors, services
from mentoring.certificates.forms import CertificateLanguageForm, VerifyCodeForm
from mentoring.certificates.pdf import certificate_facts, certificate_file_name, certificate_pdf
from mentoring.core.ratelimit import client_address, counted_over
from mentoring.models import Enrolment, WithdrawalReason


@login_required
@require_POST
def certificate_issue(request, pk: int):
    """Issue (or find) the certificate of the person's own enrolment `pk` in the chosen language."""
    enrolment = get_object_or_404(Enrolment.objects.filter(person=request.user), pk=pk)
    form = CertificateLanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["language"][0])
        return redirect("mentoring:dashboard")
    try:
        certificate = services.certificate_issue(
            enrolment=enrolment,
            language=form.cleaned_data["language"],
            actor=request.user,
            now=timezone.now(),
        )
    except services.CertificateError as error:
        messages.error(request, error.message)
        return redirect("mentoring:dashboard")
    return redirect("mentoring:certificate_download", pk=certificate.pk)


@login_required
@require_safe
def certificate_download(request, pk: int):
    """The PDF of the person's own valid certificate `pk`."""
    certificate = selectors.certificate_own(pk=pk, person=request.user)
    if certificate is None:
        raise Http404
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_file_name(certificate)}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Verification: anyone with the code -----------------------------------------------------------

TOO_MANY = gettext_lazy(
    "Many codes have been checked from your connection in a short time. Try again in an hour."
)


def _verified(request, *, typed: str | None, form: VerifyCodeForm):
    """The verification page for `typed` (None: nothing asked yet), with its status code."""
    context = {"form": form, "certificate": None, "facts": None, "asked": typed is not None}
    status = 200
    if typed is not None:
        if counted_over(
            request,
            group="certificate-verify-client",
            key=client_address(request),
            rate=settings.CERTIFICATE_VERIFY_RATE_PER_CLIENT,
        ):
            if form.is_bound:
                form.add_error("code", TOO_MANY)
            context.update(asked=False, limited=True)
            status = 429
        else:
            certificate = selectors.certificate_by_code(typed)
            if certificate is None:
                if form.is_bound:
                    form.add_error(
                        "code",
                        _(
                            "No certificate has this code. Check it against the certificate: "
                            "20 letters and digits, in groups of four."
                        ),
                    )
                status = 404
            else:
                context["certificate"] = certificate
                context["facts"] = _facts_in_page_language(certificate)
                context["erased"] = certificate.withdrawn_reason == WithdrawalReason.ERASED
    response = render(request, "mentoring/certificates/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _facts_in_page_language(certificate):
    """The certificate's facts, the course named in the language the page is read in."""
    language = (translation.get_language() or "sv")[:2]
    return certificate_facts(certificate, language=language)


@never_cache
@require_safe
def certificate_verify(request):
    """The form to type a code; with `?code=`, the answer for it."""
    if "code" not in request.GET:
        return _verified(request, typed=None, form=VerifyCodeForm())
    form = VerifyCodeForm(request.GET)
    if not form.is_valid():
        response = render(
            request, "mentoring/certificates/verify.html", {"form": form, "asked": False}, status=400
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
    return _verified(request, typed=form.cleaned_data["code"], form=form)


@never_cache
@require_safe
def certificate_verify_code(request, code: str):
    """The answer for the code in the address, as printed on the certificate."""
    return _verified(request, typed=code, form=VerifyCodeForm(initial={"code": code}))


urlpatterns = [
    path("training/enrolments/<int:pk>/certificate/", certificate_issue, name="certificate_issue"),
    path("training/certificates/<int:pk>/pdf/", certificate_download, name="certificate_download"),
    path("certificates/", certificate_verify, name="certificate_verify"),
    path("certificates/<str:code>/", certificate_verify_code, name="certificate_verify_code"),
]
