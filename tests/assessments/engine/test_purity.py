"""The engines run in a plain Python process: no Django import anywhere."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ENGINE_PACKAGES = ("costing", "assessments.engine")
NOT_ENGINE = {"costing.apps", "costing.models", "costing.admin", "costing.views"}


def engine_modules() -> list[str]:
    names: list[str] = []
    for package in ENGINE_PACKAGES:
        path = ROOT / package.replace(".", "/")
        names.append(package)
        for info in pkgutil.iter_modules([str(path)]):
            name = f"{package}.{info.name}"
            if not info.ispkg and name not in NOT_ENGINE:
                names.append(name)
    return names


def test_engine_imports_without_django():
    modules = engine_modules()
    assert "assessments.engine.run" in modules and "costing.montecarlo" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
