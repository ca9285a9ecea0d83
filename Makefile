# make run · make test · make bench — each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LETTER := examples/un-letter-A-74-855.txt

.PHONY: run test bench demo clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# (status 4: the network seemed unreachable, as on an offline machine; the run says so itself)
run: $(STAMP)
	$(BIN)/citewatch run $(LETTER) || test $$? -eq 4

# three test workers on two cores: a test often waits on its local servers' answers and shrunk
# timeouts, and a third worker fills those waits (the whole suite keeps both cores ~95% busy,
# most of it in the processes its commands start: crawl children and the servers they fork from); work stealing
# (pytest-xdist >= 3.2): a worker out of tests takes half of the busiest one's, so a minute-long
# test queued last on one worker does not keep the others idle at the end, as `load` could.
# PYTHONDONTWRITEBYTECODE is emptied for the suite alone: it starts hundreds of interpreters
# (commands, crawl children, the servers they fork from), each of which would compile the project's
# modules again (~0.1 s of CPU), and each test worker would rewrite every test module again (~8 s)
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 3 --dist worksteal -q

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

demo: $(STAMP)
	$(BIN)/citewatch demo

clean:
	rm -rf $(VENV) citewatch.db citewatch.db-* citewatch-data citewatch-demo
