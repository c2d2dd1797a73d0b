"""environment.yml (conda/Binder) agrees with pyproject.toml; the lock pins every package."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def parse(requirement: str) -> tuple[str, str]:
    name, spec = REQUIREMENT.match(requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_environment_matches_runtime_and_lab_dependencies():
    project = pyproject()
    wanted = dict(parse(r) for r in project["dependencies"] + project["optional-dependencies"]["lab"])
    wanted["python"] = project["requires-python"].replace(" ", "")
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())["dependencies"]
    listed = dict(parse(d) for d in conda if isinstance(d, str) and d != "pip")
    assert listed == wanted
    pip_section = next(d["pip"] for d in conda if isinstance(d, dict))
    assert "-e ." in pip_section, "environment.yml must install the package itself"


def test_jupyterlab_stays_out_of_the_test_extra():
    assert not any(parse(r)[0] == "jupyterlab" for r in pyproject()["optional-dependencies"]["test"])


def test_package_declares_lower_bounds_only():
    project = pyproject()
    for requirement in project["dependencies"]:
        assert "==" not in requirement, f"{requirement}: exact pins belong in constraints.txt"


def test_lock_pins_every_declared_test_dependency():
    pins = {
        parse(line)[0]: parse(line)[1]
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    project = pyproject()
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        name = parse(requirement)[0]
        assert name in pins and pins[name].startswith("=="), f"{name} is not pinned in constraints.txt"
