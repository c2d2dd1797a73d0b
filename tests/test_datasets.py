"""Loaders of the real data in data/: row counts, checksums, units, clear errors, packaging."""

import hashlib
import shutil
import tomllib
from pathlib import Path

import numpy as np
import pytest

from scaling import datasets

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_matches_its_checksum():
    for name, expected in datasets.CHECKSUMS.items():
        assert hashlib.sha256((ROOT / "data" / name).read_bytes()).hexdigest() == expected


def test_the_data_readme_lists_each_checksum():
    readme = (ROOT / "data" / "README.md").read_text()
    for name, digest in datasets.CHECKSUMS.items():
        assert name in readme and digest in readme


def test_licence_files_ship_with_the_data():
    porian = (ROOT / "data" / "LICENSE-porian2024.txt").read_text()
    assert "Scott Chacon" in porian  # kept as found (see data/README.md)
    assert "Permission is hereby granted, free of charge" in porian
    assert "Copyright (c) 2024 mlfoundations" in (ROOT / "data" / "LICENSE-gadre2024.txt").read_text()
    assert "creativecommons.org/licenses/by/4.0" in (ROOT / "data" / "LICENSE-epoch-README.md").read_text()


def test_porian_rows_setups_and_units():
    runs = datasets.porian_isoflop()
    assert runs.C.size == 1745
    assert len(datasets.porian_setups()) == 15
    # D = C / (6 N) exactly, as in the source; budgets 1.25e16 ... 2.56e19 = 1e17 * 2^(-3 ... 8)
    np.testing.assert_allclose(runs.D * 6 * runs.N, runs.C, rtol=1e-12)
    np.testing.assert_allclose(np.unique(runs.C), 1e17 * 2.0 ** np.arange(-3, 9), rtol=1e-12)
    assert runs.N.min() > 3e5 and runs.N.max() < 1e9  # 0.33M ... 0.99B parameters
    assert 2.5 < runs.loss.min() and runs.loss.max() < 10.5  # nats per token (the tiniest models near ln 50k)
    kaplan = runs.select("rw-base-long-kaplan-kaplan-train")
    assert set(kaplan.label) == {"Reproducing Kaplan et al."}


def test_porian_paper_fits_match_their_table_1():
    # Porian et al. 2024, Table 1 (RefinedWeb): a = 0.835 (reproducing Kaplan), 0.571 (cosine decay),
    # 0.497 (optimizer tuning); the file holds their analysis' unrounded values.
    fits = datasets.porian_paper_fits()
    assert len(fits) == 15
    assert fits["rw-base-long-kaplan-kaplan-train"].a_N == pytest.approx(0.835, abs=5e-4)
    assert fits["rw-base-short-chinchilla-standard-val"].a_N == pytest.approx(0.571, abs=6e-4)
    assert fits["rw-tuned-short-const-standard-val"].a_N == pytest.approx(0.497, abs=5e-4)
    for fit in fits.values():
        assert fit.ci_low < fit.a_N < fit.ci_high


def test_gadre_rows_and_units():
    runs = datasets.gadre_runs()
    assert runs.N.size == 832 and len(set(runs.run)) == 104
    assert len(set(runs.eval_set)) == 8
    # M = D / (20 N): the token multiplier, up to the rounding of D to whole batches
    np.testing.assert_allclose(runs.D / (20 * runs.N), runs.M, rtol=0.02)
    np.testing.assert_allclose(runs.C, 6 * runs.N * runs.D)
    assert sorted(set(np.round(runs.N / 1e6, 1))) == [10.6, 78.9, 153.7, 411.6, 1439.8, 6889.4]
    c4 = runs.select("c4_original", "c4_val")
    assert c4.N.size == 34 and np.all((c4.loss > 2) & (c4.loss < 6))
    assert np.all(c4.loss_low <= c4.loss) and np.all(c4.loss <= c4.loss_high)


def test_gadre_downstream_rows_tasks_and_units():
    evals, tasks = datasets.gadre_downstream(), datasets.gadre_tasks()
    assert evals.accuracy.size == 104 * 46 and len(set(evals.run)) == 104
    assert len(tasks) == 46 and set(evals.task) == set(tasks)
    assert sum(info.in_subset for info in tasks.values()) == 17
    assert set(evals.run) == set(datasets.gadre_runs().run)  # the same runs, joinable by name
    assert np.all((evals.accuracy >= 0) & (evals.accuracy <= 1))
    np.testing.assert_allclose(evals.C, 6 * evals.N * evals.D)
    # eval_metadata.csv: four-choice ARC-Easy, 2,376 questions, 10 shots; free-form LAMBADA, chance 0
    assert (tasks["arc_easy"].chance, tasks["arc_easy"].datapoints, tasks["arc_easy"].shots) == (0.25, 2376, 10)
    assert tasks["lambada_openai"].chance == 0.0 and tasks["lambada_openai"].in_subset
    # the source's own JSON for the 79M C4 run at M = 1 reads PIQA 0.592491865158081
    row = (evals.run == "c4_original-d=512_l=8_h=4-1.0") & (evals.task == "piqa")
    assert evals.accuracy[row][0] == pytest.approx(0.592491865158081, abs=1e-15)


def test_epoch_rows_and_units():
    models = datasets.epoch_models()
    assert models.name.size == 976
    assert np.isfinite(models.compute).sum() == 515 and np.isfinite(models.params).sum() == 679
    assert 1950 < models.year.min() < 1951 and 2025 < models.year.max() < 2026
    gpt3 = models.name == "GPT-3 175B (davinci)"
    assert gpt3.sum() == 1
    assert models.params[gpt3][0] == pytest.approx(175e9, rel=0.005)  # Epoch records 174.6e9
    assert models.compute[gpt3][0] == pytest.approx(3.14e23, rel=0.01)  # Brown et al. 2020, Table D.1
    assert "CC BY 4.0" in datasets.EPOCH_CREDIT


def test_altered_or_missing_file_raises(tmp_path, monkeypatch):
    name = "gadre2024_overtraining.csv"
    shutil.copy(ROOT / "data" / name, tmp_path / name)
    monkeypatch.setattr(datasets, "DATA_DIRS", (tmp_path,))
    assert datasets.data_path(name) == tmp_path / name
    with open(tmp_path / name, "a") as handle:
        handle.write("x\n")
    with pytest.raises(ValueError, match="has been altered"):
        datasets.data_path(name)
    (tmp_path / name).unlink()
    with pytest.raises(ValueError, match="was not found"):
        datasets.data_path(name)
    with pytest.raises(ValueError, match="not one of the course's data files"):
        datasets.data_path("secret.csv")


def test_unknown_selections_raise():
    with pytest.raises(ValueError, match="Unknown setup"):
        datasets.porian_isoflop().select("nope")
    with pytest.raises(ValueError, match="Unknown training set"):
        datasets.gadre_runs().select("pile")
    with pytest.raises(ValueError, match="Unknown evaluation set"):
        datasets.gadre_runs().select("rpj", "wikitext")


def test_every_subpackage_and_the_data_are_packaged():
    """A regular install (Colab's pip install from the repository) ships only what pyproject lists."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {"scaling"} | {"scaling." + p.parent.name for p in (ROOT / "scaling").glob("*/__init__.py")}
    missing = on_disk - set(config["packages"])
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert set(config["packages"]) == on_disk | {"scaling._data"}
    assert config["package-dir"]["scaling._data"] == "data"
    assert "*.csv" in config["package-data"]["scaling._data"]
    assert datasets.DATA_DIRS[1] == ROOT / "scaling" / "_data"


def test_course_licences_citation_and_credits():
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "creativecommons.org/licenses/by/4.0" in (ROOT / "LICENSE-text.md").read_text()
    citation = (ROOT / "CITATION.cff").read_text()
    assert "cff-version: 1.2.0" in citation and "license: MIT" in citation
    footer = (ROOT / "_config.yml").read_text()
    assert "extra_footer" in footer and "Epoch AI" in footer and "CC BY 4.0" in footer
    assert "book/data" in (ROOT / "_toc.yml").read_text()
    page = (ROOT / "book" / "data.md").read_text()
    for phrase in ("Porian", "Gadre", "Epoch AI", "CC BY 4.0", "Scott Chacon"):
        assert phrase in page
