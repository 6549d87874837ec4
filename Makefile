# Two commands on a fresh machine with Python 3 and make:
#   make site   build the whole site into output/
#   make test   run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve report lock clean

site: $(STAMP)
	$(BIN)/invoke build

test: $(STAMP)
	$(BIN)/invoke test

serve: $(STAMP)
	$(BIN)/invoke serve

report: $(STAMP)
	$(BIN)/invoke parse

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# Re-resolve the pinned set after editing requirements.in.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements.in
	{ echo '# Full pinned set, generated from requirements.in by `make lock`. Install with `make site`.'; \
	  .venv-lock/bin/python -m pip freeze --exclude pip --exclude setuptools; } > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf output $(VENV) .pytest_cache .hypothesis
