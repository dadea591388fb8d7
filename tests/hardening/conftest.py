"""Hypothesis settings for the bad-input tests, and the per-form count of `make fuzz`.

Two profiles, chosen by HYPOTHESIS_PROFILE:

- `hardening` (the default, what `make test` and CI run): five examples per form
  (each one is a full request with a rendered page: twice the forms at half the
  examples keep the suite's time) and, in CI (CI=true), a fixed seed, so a red
  run is the same run when repeated.
- `fuzz` (`make fuzz`): random seeds and 1,000 examples per form, to find what the
  fixed seed never draws. What it finds is kept as an `@example` of the test, so
  the fixed-seed run tries it from then on.

HYPOTHESIS_MAX_EXAMPLES sets the count of either profile. Neither has a deadline
(the first request of a test warms the template cache) or an example database:
with a fixed seed it adds nothing, and what a random run finds is written into the
tests. What hypothesis still caches goes to the temporary folder, not a
`.hypothesis/` in the working tree.

Under the `fuzz` profile the run ends with one line per form: the examples tried
(each call of the test body, the `@example`s and the shrinking of a failure
included) and the failures hypothesis reported after shrinking them.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import UnsatisfiedAssumption

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "vastkraft-hypothesis")

FUZZ = "fuzz"
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hardening")
COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "database": None,
    "print_blob": True,
}

settings.register_profile(
    "hardening",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "5")),
    derandomize=os.environ.get("CI", "").lower() == "true",
    **COMMON,
)
settings.register_profile(
    FUZZ,
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "1000")),
    derandomize=False,
    **COMMON,
)
settings.load_profile(PROFILE)


@dataclass
class FormTally:
    examples: int = 0
    failures: int = 0


TALLIES: dict[str, FormTally] = {}


def _form_name(item) -> str:
    """`test_meeting_log_survives_bad_input[…]` → `meeting_log[…]`: the form, as the summary names it."""
    name = item.name.removeprefix("test_")
    base, bracket, rest = name.partition("[")
    return base.removesuffix("_survives_bad_input").removesuffix("_survives_generated_names_and_bytes") + (
        bracket + rest
    )


def _counting(test, tally: FormTally):
    def counted(*args, **kwargs):
        try:
            result = test(*args, **kwargs)
        except UnsatisfiedAssumption:
            # An input hypothesis itself threw away: not an example tried.
            raise
        except BaseException:
            tally.examples += 1
            raise
        tally.examples += 1
        return result

    return counted


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    handle = getattr(item.obj, "hypothesis", None)
    if PROFILE != FUZZ or handle is None:
        yield
        return
    tally = TALLIES.setdefault(_form_name(item), FormTally())
    inner = handle.inner_test
    # Hypothesis looks the inner test up at each run, so a wrapper set here counts every call.
    handle.inner_test = _counting(inner, tally)
    try:
        outcome = yield
    finally:
        handle.inner_test = inner
    error = outcome.excinfo[1] if outcome.excinfo else None
    if error is not None:
        # With several distinct failures, hypothesis raises them together in one group.
        tally.failures += len(error.exceptions) if isinstance(error, BaseExceptionGroup) else 1


def pytest_terminal_summary(terminalreporter):
    if not TALLIES:
        return
    width = max(len(name) for name in TALLIES)
    terminalreporter.section("examples per form")
    terminalreporter.write_line(f"{'form':<{width}}  {'examples':>8}  {'failures':>8}")
    for name, tally in sorted(TALLIES.items()):
        terminalreporter.write_line(f"{name:<{width}}  {tally.examples:>8}  {tally.failures:>8}")
