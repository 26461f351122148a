"""Settings for the test run: the production settings plus test-only speed-ups.

Selected by pytest (pyproject.toml), so no module sniffs "am I under test". Importing it writes
no file: the secret key is fixed, and each test process gets its own SQLite file in the
system's temporary directory.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret-" + "k" * 40)

from config.settings import *  # noqa: F403
from config.settings import DATABASES, PASSWORD_HASHERS

# Argon2 is deliberately slow; the tests hash thousands of passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"ontmoetingen-test-{os.getpid()}.sqlite3")
    }

# Tests that log in team users need no codes; accounts/tests/test_mfa.py switches it on.
MFA_REQUIRED = False

# Plain static storage: tests render pages without running collectstatic first (the manifest
# storage of production is tested by core/tests/test_static_files.py), served from the apps.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
