"""Settings for the benchmark server: the project's own, plus one bench-only URL and, when
``BENCH_PROFILE_FILE`` is set (the registration rush), a middleware that profiles each POST
(bench/profiling.py)."""

import os

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
if os.environ.get("BENCH_PROFILE_FILE"):
    MIDDLEWARE = ["bench.profiling.ProfileMiddleware", *MIDDLEWARE]
