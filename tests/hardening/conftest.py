"""Hypothesis settings for the bad-input tests.

Few examples per form (each one is a full request with a rendered page), no
deadline (the first request of a test warms the template cache), and in CI
(CI=true) a fixed seed, so a red run is the same run when repeated.
`HYPOTHESIS_MAX_EXAMPLES` raises the count for a longer hunt on a developer's machine.

No example database: with a fixed seed in CI it adds nothing. What hypothesis
still caches goes to the temporary folder, not a `.hypothesis/` in the working tree.
"""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "vastkraft-hypothesis")

settings.register_profile(
    "hardening",
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,
    print_blob=True,
)
settings.load_profile("hardening")
