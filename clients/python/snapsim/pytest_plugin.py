"""pytest fixtures for snapsim, registered through the ``pytest11`` entry point of the wheel.

- ``snapsim``: one simulator for the whole session, reset (``POST /_sim/reset``) before each test that uses it.
- ``snapsim_fresh``: a simulator process of its own for one test.

Options: ``--snapsim-binary PATH``, ``--snapsim-fixtures DIR``, ``--snapsim-seed N``, ``--snapsim-clock INSTANT``
(or the ``SNAPSIM_BINARY`` environment variable for the binary).
"""
import pytest

from .simulator import Simulator


def pytest_addoption(parser):
    group = parser.getgroup("snapsim")
    group.addoption("--snapsim-binary", default=None, help="snapsim executable (default: the one in the wheel)")
    group.addoption("--snapsim-fixtures", default=None, help="fixture folder instead of the built-in fixtures")
    group.addoption("--snapsim-seed", default="7", help="simulator seed (default 7)")
    group.addoption("--snapsim-clock", default=None, help="frozen start instant, e.g. 2026-11-21T10:00:00+07:00")


def _start(config):
    return Simulator.start(
        binary=config.getoption("--snapsim-binary"),
        fixtures=config.getoption("--snapsim-fixtures"),
        seed=config.getoption("--snapsim-seed"),
        clock=config.getoption("--snapsim-clock"),
    )


@pytest.fixture(scope="session")
def _snapsim_session(pytestconfig):
    simulator = _start(pytestconfig)
    yield simulator
    simulator.stop()


@pytest.fixture
def snapsim(_snapsim_session):
    """The session's simulator, every partner reset to its fixtures before the test."""
    _snapsim_session.admin.reset()
    return _snapsim_session


@pytest.fixture
def snapsim_fresh(pytestconfig):
    """A new simulator process for this test only, stopped after it."""
    simulator = _start(pytestconfig)
    yield simulator
    simulator.stop()
