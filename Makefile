# indeks: plain GNU make. `make` builds bin/, `make test` runs every test
# (unit, golden, end to end, reference) twice: as built, and under
# AddressSanitizer + UndefinedBehaviorSanitizer; then the tests that run
# threads under ThreadSanitizer. See docs/development.md.

CC       ?= cc
PKGS     := zlib libxml-2.0
# libcsv ships no pkg-config file in Debian, hence -lcsv.
DEPS_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEPS_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv
WARN     := -Wall -Wextra -Wshadow -Wformat=2 -Wmissing-prototypes \
            -Wstrict-prototypes -Wvla -Wno-missing-field-initializers
CFLAGS   ?= -O2 -g
# -pthread: indeks run reads files on several threads and runs rank and
# emit on one more (docs/architecture.md).
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
             -Ipipeline -Istages $(DEPS_CFLAGS)
LDLIBS   := $(DEPS_LIBS) -pthread

# Variants: build/ (default), build/san (ASan, UBSan) and build/tsan (TSan,
# for the threaded tests). BUILD and bin
# follow the variant so they can exist side by side.
BUILD    ?= build
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

LIB_SRC   := $(sort $(wildcard pipeline/*.c))
STAGE_SRC := $(filter-out stages/cli.c,$(sort $(wildcard stages/*.c)))
# Data files compiled into the program (pipeline/pl_data.h).
DATA_FILES := pipeline/data/headers.csv pipeline/data/submission.xsd
DATA_OBJ  := $(BUILD)/gen/pl_data.o
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(STAGE_SRC:%.c=$(BUILD)/%.o) $(DATA_OBJ)
STAGES    := ingest normalize validate score rank emit
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps test test-fast unit bench fuzz lint docs check-docs clean
.DEFAULT_GOAL := all

all: $(BUILD)/bin/indeks $(STAGES:%=$(BUILD)/bin/indeks-%)

# bin/ is the checkout's entry point: a link to the default variant only.
ifeq ($(BUILD),build)
all: bin
bin: | $(BUILD)/bin/indeks
	ln -sfn $(BUILD)/bin bin
endif

deps:
	@scripts/deps.sh

$(BUILD)/%.o: %.c $(wildcard pipeline/*.h stages/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/gen/pl_data.c: $(DATA_FILES) scripts/embed-data.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-data.sh $(DATA_FILES) > $@.tmp && mv $@.tmp $@

$(DATA_OBJ): $(BUILD)/gen/pl_data.c pipeline/pl_data.h
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libindeks.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/indeks: $(BUILD)/stages/cli.o $(BUILD)/libindeks.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# Each stage program is the same binary under its own name.
$(BUILD)/bin/indeks-%: $(BUILD)/bin/indeks
	ln -sf indeks $@

$(BUILD)/tests/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(BUILD)/libindeks.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $(filter-out %.h,$^) $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

# Every input a fuzzer found a problem with (tests/fuzz/<target>/), and the
# seeds, replayed through the fuzz target without libFuzzer: a test binary
# per target, built and run like the unit tests.
FUZZ_TARGETS := csv xml headers
FUZZ_REPLAY  := $(FUZZ_TARGETS:%=$(BUILD)/tests/test_fuzz_%)
$(BUILD)/tests/test_fuzz_%: tests/fuzz/replay.c fuzz/fuzz_%.c fuzz/fuzz_check.h $(BUILD)/libindeks.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifuzz -DFUZZ_TARGET='"$*"' -o $@ tests/fuzz/replay.c fuzz/fuzz_$*.c \
	  $(BUILD)/libindeks.a $(LDLIBS)
unit: $(FUZZ_REPLAY)

# libFuzzer (clang) on each target in turn for FUZZ_SECONDS; fuzz/run.sh.
FUZZ_SECONDS ?= 60
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

# Benchmarks (bench/run.sh, docs/performance.md): the pipeline against the
# libcsv parse floor and, when bench/install-peers.sh has installed them,
# DuckDB and pandas, on generated data cached in bench/data/. Sizes with
# BENCH_SIZES="40k 1M" (default "40k 1M 4M"); bench-check only checks that
# the peers compute what indeks computes.
BENCH_BIN := $(BUILD)/bench/gen $(BUILD)/bench/parse_floor
$(BUILD)/bench/gen: bench/gen.c pipeline/pl_banned.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lm
$(BUILD)/bench/parse_floor: bench/parse_floor.c pipeline/pl_banned.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lcsv
.PHONY: bench-check
bench: all $(BENCH_BIN)
	@BUILD=$(BUILD) bench/run.sh
bench-check: all $(BENCH_BIN)
	@BUILD=$(BUILD) bench/check.sh

# The whole suite, as built and under the sanitizers; one closing line.
test: deps
	@tests/run-all.sh

# One variant only, for a quick loop while developing.
test-fast: all unit
	@tests/run-suite.sh $(BUILD)

docs:
	@tests/tools/gen-reject-codes.sh > docs/reject-codes.md

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --suppress=missingIncludeSystem -Ipipeline -Istages pipeline stages

clean:
	rm -rf build bin
