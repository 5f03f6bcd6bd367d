# shuangjian — build, run, test, bench, fuzz. See README.md.
#   make          release build: build/shuangjian
#   make run      install what is missing, build, demo district on :8080
#   make test     every test (unit, API on SQLite and PostgreSQL, e2e, kill -9, fuzz smoke, ASan+UBSan)
#   make bench    benchmarks (wrk, nginx side by side)
#   make fuzz     longer fuzz runs
#   make soak     a minute of 1200 slow clients while /healthz is probed
CC      ?= cc
BUILD   ?= build
PKGS    := libmicrohttpd jansson sqlite3 libsodium xlsxwriter libzip expat libqrencode
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -I$(shell pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpq -lpthread

WARN    := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wno-unused-parameter
HARDEN  := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
OPT     ?= -O2 -g
SAN     ?=
ifeq ($(SAN),1)
  OPT    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
  HARDEN := -fPIE
  LDSAN  := -fsanitize=address,undefined
endif
CFLAGS  += -std=c11 -D_GNU_SOURCE -Isrc -I$(BUILD)/gen $(WARN) $(HARDEN) $(OPT) $(PKG_CFLAGS) -MMD -MP
LDFLAGS += -pie -Wl,-z,relro,-z,now $(LDSAN)

LIB_SRC := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
GEN_SRC := $(BUILD)/gen/embed_web.c $(BUILD)/gen/embed_mig.c $(BUILD)/gen/embed_policy.c \
	   $(BUILD)/gen/embed_vendor.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:%.c=%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/test/%)

WEB_FILES := $(sort $(wildcard web/*))
MIG_SQLITE := $(sort $(wildcard src/store/migrations/sqlite/*.sql))
MIG_PG := $(sort $(wildcard src/store/migrations/pg/*.sql))
POLICY_FILES := $(sort $(wildcard policy/*.json))
# Browser libraries from Debian packages (mk/deps.sh installs them), embedded
# at build time and served under /vendor/: never copied into the repository.
CHART_JS := /usr/share/javascript/chart.js/chart.min.js

.PHONY: all run test bench fuzz deps deps-test clean unit check-sql check-layers asan soak
all: $(BUILD)/shuangjian

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/embed_web.c: $(WEB_FILES) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ embed_web web/ $(WEB_FILES)
$(BUILD)/gen/embed_vendor.c: $(CHART_JS) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ embed_vendor $(dir $(CHART_JS)) $(CHART_JS)
$(BUILD)/gen/embed_policy.c: $(POLICY_FILES) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@ embed_policy policy/ $(POLICY_FILES)
$(BUILD)/gen/embed_mig.c: $(MIG_SQLITE) $(MIG_PG) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $@.lite embed_mig_sqlite src/store/migrations/sqlite/ $(MIG_SQLITE)
	$(BUILD)/tools/embed $@.pg embed_mig_pg src/store/migrations/pg/ $(MIG_PG)
	sed 's/static const unsigned char d/static const unsigned char pg_d/; s/sizeof d/sizeof pg_d/g; s/, d\([0-9]\)/, pg_d\1/' $@.pg | grep -v '^#include' > $@.pg2
	cat $@.lite $@.pg2 > $@ && rm -f $@.lite $@.pg $@.pg2

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<
$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/libsj.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/shuangjian: $(BUILD)/obj/src/main.o $(BUILD)/libsj.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDFLAGS) $(PKG_LIBS)

$(BUILD)/test/%: tests/unit/%.c $(BUILD)/libsj.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(BUILD)/libsj.a $(LDFLAGS) $(PKG_LIBS) -lcmocka

unit: $(UNIT_BIN)

deps:
	@sh mk/deps.sh build
deps-test:
	@sh mk/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	@sh mk/run.sh

test: deps-test
	@$(MAKE) --no-print-directory all unit
	@sh tests/run.sh

asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 all unit

bench: deps-test
	@$(MAKE) --no-print-directory all
	@sh tests/bench/run.sh

fuzz: deps-test
	@sh tests/fuzz/run.sh 300

soak: deps-test
	@$(MAKE) --no-print-directory all
	@sh tests/bench/soak.sh

check-sql:
	@sh tools/check_sql.sh

check-layers: all
	@sh tools/check_layers.sh $(BUILD)

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
