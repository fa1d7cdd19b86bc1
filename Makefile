# Two commands set up everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check lock bench clean compiled

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# GWR_DOWNLOADS: the build makes the books (the edition, and one per report)
# in site/downloads/ and links them from the pages: EPUBs always, PDFs where
# Chromium and a CJK font can print them; without them the build says in one
# line what to install, and no page links a PDF (docs/building.md).
# The generator's modules compiled to .pyc, as pip compiles installed packages:
# where PYTHONDONTWRITEBYTECODE is set (as on our CI machines) Python would
# otherwise compile all of them again in every build, 0.1 s each time.
# compileall redoes only the files that changed.
compiled: $(STAMP)
	$(BIN)/python -m compileall -q generator

# The check (the build's checks and the slower ones, such as each slug against
# its pinyin) runs beside the build: the build mostly waits for Chromium to
# print the PDFs. Either failing fails `make site`; the check prints only problems.
site: compiled
	@$(BIN)/python -m generator check --quiet & checking=$$!; \
	echo "GWR_DOWNLOADS=true $(BIN)/mkdocs build --strict"; \
	GWR_DOWNLOADS=true $(BIN)/mkdocs build --strict; built=$$?; \
	wait $$checking && exit $$built

# ruff and mypy first (configured in pyproject.toml), then the tests on every core.
test: compiled
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto

serve: compiled
	$(BIN)/mkdocs serve --dirty

check: $(STAMP)
	$(BIN)/python -m generator check

lock: $(STAMP)
	$(BIN)/python -m generator lock

bench: compiled
	$(BIN)/python bench/bench_build.py

# Every cache goes too: the build's (.cache/gwr/: CONTRIBUTING lists them),
# the tools', and the compiled templates earlier versions kept in the user's folder.
clean:
	rm -rf site $(VENV) .cache .pytest_cache .ruff_cache .mypy_cache build *.egg-info "$${XDG_CACHE_HOME:-$$HOME/.cache}/gwr-generator"
	find generator tests bench -name __pycache__ -type d -prune -exec rm -rf {} +
