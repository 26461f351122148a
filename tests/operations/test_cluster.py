"""The local cluster's parts that can be checked quickly; the whole topology under load and a
crash is exercised by ``bench/cluster.py`` (see docs/deployment.md)."""

import shutil
import subprocess
import urllib.request

import pytest

from ontmoetingen.core.cluster import (
    HAPROXY_CONFIG,
    Cluster,
    Process,
    free_port,
    haproxy_servers,
    wait_for_port,
)

needs_haproxy = pytest.mark.skipif(not shutil.which("haproxy"), reason="haproxy not installed")
needs_redis = pytest.mark.skipif(not shutil.which("redis-server"), reason="redis not installed")


def test_the_proxy_retries_only_gets_and_checks_health():
    assert "retry-on conn-failure empty-response response-timeout 502 503 504" in HAPROXY_CONFIG
    assert "option redispatch" in HAPROXY_CONFIG
    assert "http-request disable-l7-retry unless METH_GET || METH_HEAD" in HAPROXY_CONFIG
    assert "uri /healthz" in HAPROXY_CONFIG


def test_each_server_is_limited_and_has_an_unchecked_fallback():
    lines = haproxy_servers("app1", "127.0.0.1:9001", 8).splitlines()
    assert lines[0].split() == ["server", "app1", "127.0.0.1:9001", "maxconn", "8"]
    assert lines[1].split()[-2:] == ["backup", "no-check"]


@needs_haproxy
def test_generated_haproxy_configuration_is_valid(tmp_path):
    config = tmp_path / "haproxy.cfg"
    servers = "\n".join(haproxy_servers(f"app{n}", f"127.0.0.1:{9000 + n}", 8) for n in (1, 2))
    config.write_text(
        HAPROXY_CONFIG.format(port=free_port(), servers=servers, socket=tmp_path / "h.sock")
    )
    result = subprocess.run(
        ["haproxy", "-c", "-f", str(config)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


@needs_redis
def test_a_component_starts_on_loopback_and_stops_by_its_pid(tmp_path):
    port = free_port()
    redis = Process(
        "redis",
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""],
        tmp_path / "redis.log",
        port,
    )
    redis.start({})
    try:
        wait_for_port(port)
        assert redis.alive()
    finally:
        redis.stop()
    assert not redis.alive()


def test_cluster_environment_points_every_process_at_the_same_services(tmp_path):
    cluster = Cluster(data_dir=tmp_path, database_url="postgres://postgres@127.0.0.1:1/x")
    cluster.redis_url = "redis://127.0.0.1:2/0"
    env = cluster.env()
    assert env["DATABASE_URL"] == "postgres://postgres@127.0.0.1:1/x"
    assert env["REDIS_URL"] == "redis://127.0.0.1:2/0"
    assert env["ONTMOETINGEN_DATA_DIR"] == str(tmp_path)
    assert env["TRUSTED_PROXY_COUNT"] == "1"
    assert env["SITE_URL"] == cluster.url
    with pytest.raises(OSError):
        urllib.request.urlopen(cluster.url, timeout=1)  # nothing started yet
