# Two commands on a fresh machine with Python 3 and make:
#   make site   build the whole site into output/
#   make test   run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve report lock clean pdf-system

site: $(STAMP) pdf-system
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

# The newspaper PDFs (WeasyPrint) need Pango and a Chinese font from the system: installed as root with
# apt-get when missing, else the build stops here saying what to install.
pdf-system:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0' || ! (command -v fc-list >/dev/null && fc-list ':lang=zh-cn' | grep -q .); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk >/dev/null; \
	  else \
	    echo "make site: the newspaper PDFs need Pango and a Chinese font; as root: apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk" >&2; exit 1; \
	  fi; \
	fi

# Re-resolve the pinned set after editing requirements.in.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -r requirements.in
	{ echo '# Full pinned set, generated from requirements.in by `make lock`. Install with `make site`.'; \
	  .venv-lock/bin/python -m pip freeze --exclude pip --exclude setuptools; } > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf output $(VENV) .pytest_cache .hypothesis .cache
