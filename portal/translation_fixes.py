"""Texts of other packages whose Swedish translation we correct in our own catalogue.

Our catalogue (LOCALE_PATHS) wins over the packages' own. Listing the msgids
here keeps `makemessages` from dropping them as obsolete.
"""

from django.utils.translation import gettext_noop

FIXES = [
    # allauth 65's Swedish catalogue says "Already have an account? Sign in" on the sign-in page.
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
]
