"""The container set-up (compose.yaml, Dockerfile, deploy/haproxy.cfg) cannot be started on
these machines (no container runtime), so its parts are checked here: the topology issue 14
asks for, commands that exist, variables the example environment provides, and a proxy
configuration that HAProxy itself accepts."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def _commands(service):
    command = service.get("command") or []
    if isinstance(command, str):
        command = [command]
    text = " ".join(command)
    return re.findall(r"ontmoetingen ([a-z_]+)", text)


def test_compose_describes_the_production_topology(compose):
    services = compose["services"]
    app_servers = [name for name in services if re.fullmatch(r"app\d+", name)]
    assert len(app_servers) >= 2
    assert services["worker"]["deploy"]["replicas"] >= 2
    assert {"postgres", "redis", "scheduler", "proxy", "setup"} <= set(services)
    # one image for every role that runs the code
    images = {services[name]["image"] for name in [*app_servers, "worker", "scheduler", "setup"]}
    assert images == {"kansrijke-ontmoetingen"}
    for name in app_servers:
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["REDIS_URL"].startswith("redis://")


def test_compose_runs_only_commands_that_exist(compose):
    known = set(get_commands())
    used = [cmd for service in compose["services"].values() for cmd in _commands(service)]
    assert {"migrate", "db_worker", "scheduler", "collectstatic"} <= set(used)
    assert set(used) <= known


def test_the_example_environment_names_what_compose_requires():
    text = (ROOT / "compose.yaml").read_text()
    required = set(re.findall(r"\$\{([A-Z_]+):\?", text))
    example = {
        line.split("=", 1)[0]
        for line in (ROOT / "deploy" / "env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert required and required <= example
    assert {"SECRET_KEY", "SITE_URL", "ALLOWED_HOSTS", "EMAIL_URL"} <= example


def test_the_proxy_mounts_the_shipped_haproxy_configuration(compose):
    volumes = compose["services"]["proxy"]["volumes"]
    sources = [volume.split(":")[0] for volume in volumes]
    assert "./deploy/haproxy.cfg" in sources
    config = (ROOT / "deploy" / "haproxy.cfg").read_text()
    for name in compose["services"]:
        if re.fullmatch(r"app\d+", name):
            assert f"server {name} {name}:8000" in config
    # a POST is never retried on another server
    assert "disable-l7-retry unless METH_GET || METH_HEAD" in config


@pytest.mark.skipif(not shutil.which("haproxy"), reason="haproxy is not installed")
def test_haproxy_accepts_the_configuration():
    result = subprocess.run(
        ["haproxy", "-c", "-f", str(ROOT / "deploy" / "haproxy.cfg")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_starts_the_wsgi_application_of_the_project():
    dockerfile = (ROOT / "Dockerfile").read_text()
    module = re.search(r'"([a-z_.]+):application"', dockerfile).group(1)
    assert (ROOT / (module.replace(".", "/") + ".py")).exists()
    pyproject = (ROOT / "pyproject.toml").read_text()
    python = re.search(r"FROM python:(\d+\.\d+)", dockerfile).group(1)
    minimum = re.search(r'requires-python = ">=(\d+\.\d+)', pyproject).group(1)
    assert tuple(map(int, python.split("."))) >= tuple(map(int, minimum.split(".")))
