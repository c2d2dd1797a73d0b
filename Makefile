# Two commands do all set-up on a fresh machine (Python 3.11+ and make): `make book`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
LAB_VENV := .venv-lab
GRADE_VENV := .venv-grade
GRADE_STAMP := $(GRADE_VENV)/.installed
# Every page that is a notebook (a jupytext header): the chapters and the appendix pages.
CHAPTERS := $(shell grep -l '^jupytext:' book/*.md)

# Kernels started by nbval and nbclient must find the environment's python first.
export PATH := $(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# One BLAS/OpenMP thread: committed notebook outputs must not depend on the machine (CONTRIBUTING.md).
# The same list as tools.PINNED_THREADS (tools/__init__.py); tests/test_determinism.py checks they agree.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1

.PHONY: help lint test test-fast test-ci-beside book lab notebooks bench lock clean assignment grade bench-grading
.DEFAULT_GOAL := help

## help: this list (`make` with no target)
help:
	@sed -n 's/^## \([^:]*\): \(.*\)/  make \1\t\2/p' $(MAKEFILE_LIST) | expand -t 22

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $@

## test: every test: units, properties, published numbers, notebooks (nbval), sync gate, exercises, book build
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# .ci/run runs these beside `make test PYTEST_ARGS=--ignore=...` (the same two files): two sessions on two cores.
test-ci-beside: $(STAMP)
	$(BIN)/python -m pytest tests/test_grading.py tests/test_colab_start.py

## test-fast: the inner loop: package, exercise and contract tests, no notebooks, browser, lab, grading or book (< 90 s)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -o addopts="-ra" -p no:nbval -m "not (slow or browser or lab or grading)" tests

## lint: ruff's rules (pyproject.toml) and its formatter over the Python code
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## book: build the web book into _build/html (JUPYTERHUB_URL=... adds a JupyterHub launch button)
book: $(STAMP)
	$(BIN)/python -m tools.book.build_book

# What the learner's file browser leaves out: the worked-solution masters and build output (the first
# five are jupyter_server's own defaults, which a hide_globs setting replaces).
LAB_HIDE := __pycache__ '*.pyc' '*.pyo' .DS_Store '*~' solutions _build build '*.egg-info' node_modules

# As root (containers, many JupyterHub images) JupyterLab refuses to start without --allow-root.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

## lab: JupyterLab at the repository root (notebooks/ and exercises/), chapter 1 open, in its own environment
lab: $(LAB_VENV)/.installed
	$(LAB_VENV)/bin/jupyter lab --ServerApp.root_dir=. $(LAB_ROOT) \
	  $(foreach glob,$(LAB_HIDE),--ContentsManager.hide_globs=$(glob)) notebooks/01-power-laws.ipynb

$(LAB_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[lab]'
	touch $@

.PHONY: notebook chapter

## notebook: re-execute one chapter (CHAPTER=08, or planner) into notebooks/ and regenerate exercises/
notebook: $(STAMP)
	@test -n "$(CHAPTER)" || { echo "usage: make notebook CHAPTER=08"; exit 2; }
	@page=$$(ls book/$(CHAPTER)-*.md book/$(CHAPTER).md 2>/dev/null | head -1); \
	test -n "$$page" || { echo "There is no book/$(CHAPTER)-*.md."; exit 2; }; \
	$(BIN)/python -m tools.book.execute_notebooks $$page && touch $$page && \
	$(BIN)/jupytext --sync --quiet $$page && $(BIN)/python -m tools.book.make_exercises

## chapter: the skeleton of a new chapter from tools/book/templates (N=08 SLUG=mixture-of-experts [MODULE=moe] [TITLE=...])
chapter: $(STAMP)
	@test -n "$(N)" -a -n "$(SLUG)" || { echo "usage: make chapter N=08 SLUG=mixture-of-experts [MODULE=moe] [TITLE='Mixture of experts']"; exit 2; }
	$(BIN)/python -m tools.book.new_chapter $(N) $(SLUG) $(if $(MODULE),--module $(MODULE)) $(if $(TITLE),--title "$(TITLE)")
	$(MAKE) notebook CHAPTER=$$($(BIN)/python -c 'import sys; print(f"{int(sys.argv[1]):02d}")' $(N))
	$(MAKE) notebook CHAPTER=00

## notebooks: execute the chapters into notebooks/ and regenerate exercises/ from solutions/
notebooks: $(STAMP)
	$(BIN)/python -m tools.book.execute_notebooks $(CHAPTERS)
	touch $(CHAPTERS)
	$(BIN)/jupytext --sync --quiet $(CHAPTERS)
	$(BIN)/python -m tools.book.make_exercises

## bench: chapter times against the floor, widget updates, book builds, fit speed, page weights (every section runs)
bench: $(STAMP)
	$(BIN)/python -m tools.bench.bench

## lock: refresh constraints.txt (then run `make notebooks` and commit both together)
lock:
	rm -rf /tmp/scaling-lock && $(PYTHON) -m venv /tmp/scaling-lock
	/tmp/scaling-lock/bin/python -m pip install --quiet -e '.[test]'
	/tmp/scaling-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

## clean: remove the build output and the three environments
clean:
	rm -rf _build $(VENV) $(LAB_VENV) $(GRADE_VENV)

## assignment: otter-grader assignment of one chapter into _build/assignments/NN (CHAPTER=03, optional ROSTER=ids.txt)
assignment: $(GRADE_STAMP)
	@test -n "$(CHAPTER)" || { echo "usage: make assignment CHAPTER=03 [ROSTER=ids.txt]"; exit 2; }
	PATH=$(CURDIR)/$(GRADE_VENV)/bin:$$PATH PYTHONPATH=$(CURDIR) $(GRADE_VENV)/bin/python -m tools.grading.make_assignment $(CHAPTER) $(if $(ROSTER),--roster $(ROSTER))

## grade: grade every .ipynb in SUBMISSIONS into _build/assignments/NN/gradebook.csv, a sandbox each (TIMEOUT=60 s per cell, JOBS=2, UNSAFE=1)
grade: $(GRADE_STAMP)
	@test -n "$(CHAPTER)" -a -n "$(SUBMISSIONS)" || { echo "usage: make grade CHAPTER=03 SUBMISSIONS=dir [TIMEOUT=60] [JOBS=1] [UNSAFE=1]"; exit 2; }
	PATH=$(CURDIR)/$(GRADE_VENV)/bin:$$PATH PYTHONPATH=$(CURDIR) $(GRADE_VENV)/bin/python -m tools.grading.grade $(CHAPTER) $(SUBMISSIONS) \
	  --jobs $(or $(JOBS),1) --timeout $(or $(TIMEOUT),60) $(if $(filter 1 yes true,$(UNSAFE)),--unsafe)

## bench-grading: time to build chapter 3's assignment and grade 30 submissions (minutes, so not in `make bench`)
bench-grading: $(GRADE_STAMP)
	PATH=$(CURDIR)/$(GRADE_VENV)/bin:$$PATH $(GRADE_VENV)/bin/python -m tools.bench.bench_grading 30

# otter-grader is heavy (pandas, nbconvert, docker bindings): its own environment, never the learners' or the tests'.
$(GRADE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(GRADE_VENV)
	$(GRADE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e '.[grade]'
	touch $@
