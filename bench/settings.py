"""Settings for the benchmark server: the project's own, plus one bench-only URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
