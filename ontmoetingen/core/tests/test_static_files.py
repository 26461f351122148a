"""Static files in production: hashed names, compressed copies, immutable cache headers.

The test run itself uses plain storage (config/settings_test.py, no collectstatic needed); here
collectstatic runs with the production storage into a temporary directory and the app serves
a hashed file through its own middleware stack.
"""

import gzip
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
from whitenoise.storage import CompressedManifestStaticFilesStorage

from config import settings as production
from ontmoetingen.core.staticfiles import StaticFilesStorage

STORAGE = "ontmoetingen.core.staticfiles.StaticFilesStorage"
ONE_YEAR = 365 * 24 * 60 * 60
# long and repetitive enough that gzip and brotli copies are worth keeping
CSS = "body { background: url('img/dot.svg'); }\n" + ".regel { color: #123456; }\n" * 200
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>\n'


@pytest.fixture
def collected(tmp_path, settings):
    source = tmp_path / "source"
    (source / "img").mkdir(parents=True)
    (source / "site-test.css").write_text(CSS)
    (source / "img" / "dot.svg").write_text(SVG)
    settings.STATICFILES_DIRS = [str(source)]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_KEEP_ONLY_HASHED_FILES = True
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path / "static"


def test_production_settings_use_the_manifest_storage_without_finders():
    assert production.STORAGES["staticfiles"]["BACKEND"] == STORAGE
    assert issubclass(StaticFilesStorage, CompressedManifestStaticFilesStorage)
    assert production.WHITENOISE_USE_FINDERS == production.DEBUG


def test_collectstatic_hashes_compresses_and_the_app_serves_immutable(collected):
    url = staticfiles_storage.url("site-test.css")
    assert re.fullmatch(r"/static/site-test\.[0-9a-f]{12}\.css", url)
    # references inside CSS point at the hashed names too
    served_css = (collected / url.removeprefix("/static/")).read_text()
    assert re.search(r"url\(['\"]?img/dot\.[0-9a-f]{12}\.svg", served_css)
    assert not (collected / "site-test.css").exists()  # only hashed names are kept
    assert (collected / (url.removeprefix("/static/") + ".gz")).exists()
    assert (collected / (url.removeprefix("/static/") + ".br")).exists()

    client = Client()  # a new handler: WhiteNoise reads STATIC_ROOT when it starts
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control and "public" in cache_control
    assert int(re.search(r"max-age=(\d+)", cache_control).group(1)) >= ONE_YEAR
    assert "Content-Security-Policy" in response  # static files carry the policy too
    body = b"".join(response.streaming_content)
    assert gzip.decompress(body).decode() == served_css

    brotli = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert brotli["Content-Encoding"] == "br"


def test_without_a_manifest_links_plain_names(tmp_path, settings):
    """A data directory where collectstatic never ran: pages still render (unstyled, with a
    warning in the log) instead of failing with a 500."""
    settings.STATIC_ROOT = str(tmp_path / "empty")
    storage = StaticFilesStorage(location=str(tmp_path / "empty"))
    assert storage.url("core/site.css") == "/static/core/site.css"
