from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def admin_login(request):
    """Send both admins' sign-in to allauth's, which is rate-limited and asks for the second factor.

    A signed-in person who lands here lacks the rights for that admin: 403.
    """
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next", "/"), login_url="account_login")


@login_required
@require_safe
def account_home(request):
    return render(request, "account/home.html")
