"""snapsim in a Python test suite: start the SNAP simulator on a free port, talk to its admin API, stop it.

    from snapsim import Simulator
    with Simulator.start(seed=7) as sim:
        sim.base_url, sim.partners["snapsim-dana"], sim.admin.reset()

The pytest plugin (registered by the wheel) gives the same as fixtures: ``snapsim`` (one simulator per session,
reset before each test) and ``snapsim_fresh`` (a new process per test).
"""
from .admin import AdminClient, AdminError
from .simulator import Simulator, SimulatorError, find_binary

__all__ = ["AdminClient", "AdminError", "Simulator", "SimulatorError", "find_binary"]
__version__ = "0.1.0"
