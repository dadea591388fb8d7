"""Where other apps add to content's pages without content knowing them.

A page template asks for a part by hook name; the app that owns the data registers a
function under that name with `wagtail.hooks.register` in its `wagtail_hooks.py`. With
nothing registered the part is simply absent, so the pages render on their own.
"""

from wagtail import hooks

# fn(programme_page) -> the state of its intake (open with where to apply, upcoming, closed) or None
PROGRAMME_INTAKE = "content_programme_intake"
# fn(home_page) -> the intakes open now, each as a programme page's intake state (open, where to apply);
# an empty list when none is open, so the home page never invites to apply to a closed intake
OPEN_INTAKES = "content_open_intakes"
# fn(training_occasion) -> its places now (free, full, started, where to enrol) or None
OCCASION_PLACES = "content_occasion_places"


def page_part(hook_name: str, *args):
    """What the first function registered under `hook_name` gives for `args`; None without one."""
    for fn in hooks.get_hooks(hook_name):
        return fn(*args)
    return None
