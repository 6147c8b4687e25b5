# tendo - the two commands of the README, and the usual targets.
#   make          build (CMake + Ninja, in build/)
#   make demo     install missing packages (only those building and
#                 running need), build, import a generated
#                 12-week diary into a fresh database, show it
#   make check    install the test tools too, build twice (gcc -Werror;
#                 clang ASan+UBSan+libFuzzer) and
#                 run every test through ctest
#   make serve-demo  the demo, then `tendo serve` on its database (until
#                 Ctrl-C); PHONE=1 listens on every address for a phone
#                 on the same network (the demo's made-up data only)
#   make bench    FIT decoding/import against fit-file-parser and gpsbabel,
#                 the report and the advice on a 20-year diary,
#                 GPX/TCX speed, a 10-year Strava export, a 10-year diary,
#                 the server under wrk
#   make mutants  move every threshold of include/tendo/clinical.h a step
#                 each way, rebuild, test; survivors and docs/mutants.md
#   make faults   the fault-injection suite with every N (I/O and
#                 allocation failures; make check runs a sample)
#   make install  PREFIX=/usr/local DESTDIR=
BUILD  ?= build
PREFIX ?= /usr/local
JOBS   ?= 2

.PHONY: all build deps deps-run demo serve-demo check bench mutants faults fuzz install clean

all: build

deps:
	@scripts/install-deps.sh

deps-run:
	@scripts/install-deps.sh --run

build:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: deps-run build
	@scripts/demo.sh $(BUILD)

serve-demo: demo
	@scripts/serve-demo.sh $(BUILD) $(if $(PHONE),phone)

check: deps
	cmake -S . -B $(BUILD) -G Ninja -DTENDO_WERROR=ON -DTENDO_TESTS=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j $(JOBS)
	CC=clang cmake -S . -B $(BUILD)/asan -G Ninja -DTENDO_WERROR=ON \
	  -DTENDO_SANITIZE=ON -DTENDO_FUZZ=ON -DTENDO_TESTS=ON -DTENDO_TEST_PREFIX=asan:
	cmake --build $(BUILD)/asan -j $(JOBS)
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	bench/fit.sh $(BUILD)
	bench/import.sh $(BUILD)
	bench/report.sh $(BUILD)
	bench/same-day.sh $(BUILD)
	bench/serve.sh $(BUILD)
	@cmake --build $(BUILD) --target bench_load >/dev/null
	$(BUILD)/bench_load 21
	@cmake --build $(BUILD) --target bench_rules >/dev/null
	$(BUILD)/bench_rules 21
	@cmake --build $(BUILD) --target bench_diary >/dev/null
	@$(BUILD)/tendo-gen-diary --end $$(date +%Y-%m-%d) --weeks 522 > $(BUILD)/diary-10y.csv
	$(BUILD)/bench_diary $(BUILD)/diary-10y.csv 7

# every N of the fault-injection suite (make check runs a sample), in the
# plain and the sanitizer build
faults: check
	TENDO_FAULTS_FULL=1 $(BUILD)/tests/test_faults
	TENDO_FAULTS_FULL=1 $(BUILD)/asan/tests/test_faults

mutants: deps
	tools/mutate-thresholds --report docs/mutants.md

install: build
	DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD)
