# indeks: plain GNU make. `make` builds bin/, `make test` runs every test
# (unit, golden, end to end, reference) twice: as built, and under
# AddressSanitizer + UndefinedBehaviorSanitizer. See docs/development.md.

CC       ?= cc
PKGS     := zlib libxml-2.0
# libcsv ships no pkg-config file in Debian, hence -lcsv.
DEPS_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEPS_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv
WARN     := -Wall -Wextra -Wshadow -Wformat=2 -Wmissing-prototypes \
            -Wstrict-prototypes -Wvla -Wno-missing-field-initializers
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) \
             -Ipipeline -Istages $(DEPS_CFLAGS)
LDLIBS   := $(DEPS_LIBS)

# Variants: build/ (default) and build/san (sanitizers). BUILD and bin
# follow the variant so both can exist side by side.
BUILD    ?= build
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all

LIB_SRC   := $(sort $(wildcard pipeline/*.c))
STAGE_SRC := $(filter-out stages/cli.c,$(sort $(wildcard stages/*.c)))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o) $(STAGE_SRC:%.c=$(BUILD)/%.o)
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

$(BUILD)/libindeks.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/bin/indeks: $(BUILD)/stages/cli.o $(BUILD)/libindeks.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# Each stage program is the same binary under its own name.
$(BUILD)/bin/indeks-%: $(BUILD)/bin/indeks
	ln -sf indeks $@

$(BUILD)/tests/test_%: tests/unit/test_%.c $(BUILD)/libindeks.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $^ $(LDLIBS) -lcmocka

unit: $(UNIT_BIN)

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
