"""Contract entries of scaling.datasets (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt

ENTRIES = {
    # datasets: loaders of fixed, checksummed files
    "scaling.datasets.data_path": Exempt("file lookup by name; tests/test_datasets.py"),
    "scaling.datasets.IsoFLOPRuns": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.porian_isoflop": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.porian_setups": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.PaperFit": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.porian_paper_fits": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.OvertrainingRuns": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.gadre_runs": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.NotableModels": Exempt("record of a data file (missing values are NaN); tests/test_datasets.py"),
    "scaling.datasets.epoch_models": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.DownstreamEvals": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.gadre_downstream": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.TaskInfo": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.gadre_tasks": Exempt("loader of a fixed file; tests/test_datasets.py"),
}
