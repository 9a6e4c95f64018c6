"""The benchmark scripts still run (short runs; their figures are read by people, not asserted)."""
import shutil
import subprocess
import sys

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow        # the benchmark scripts run briefly


def run(*command):
    return subprocess.run([sys.executable, *command], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_speed_benchmark_prints_its_figures():
    result = run("bench/speed.py", "--rounds", "1", "--random", "3")
    assert result.returncode == 0, result.stderr
    assert "cold start" in result.stdout and "engine/oracle ratio" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("summary: ")


def test_domains_benchmark_prints_ratios_against_the_situations_without_domains():
    result = run("bench/domains.py", "--rounds", "1", "--count", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["advise", "what_if"] * 4
    assert all(" x" in line for line in lines[1:]) and "12 domains" in lines[-1]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="the load benchmark needs wrk (apt-get install wrk)")
def test_load_benchmark_serves_measures_and_stops_the_server():
    result = run("bench/load.py", "--warmup", "1", "--duration", "2", "--compare", "2", "--soak", "0",
                 "--connections", "4", "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "errors 0" in result.stdout and "p99" in result.stdout
    assert result.stdout.count("the HTTP layer alone: ") == 2       # the focused and the full answer
    assert result.stdout.count("RSS after warm-up") == 2


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="the instruction counts need valgrind (apt-get install valgrind)")
def test_instruction_benchmark_counts_a_part_under_callgrind():
    result = run("bench/instructions.py", "oracle")
    assert result.returncode == 0, result.stderr
    assert "M instructions per situation" in result.stdout
