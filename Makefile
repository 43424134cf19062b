# fil -- top-level targets. The build itself is CMake + Ninja (CMakeLists.txt).
#
#   make          release build (build/release/fil)
#   make demo     install missing packages, build, cluster examples/
#   make test     sanitizer build (ASan+UBSan) and every test
#   make fuzz     libFuzzer targets, each for FUZZ_SECONDS (default 600; fuzz/run.sh)
#   make test-crash  the crash test on the 100,000-article stream (release build)
#   make test-threads  the store and service tests under ThreadSanitizer
#   make bench    benchmarks (bench/README.md)
#   make bench-dedup  near-duplicate quality and speed, pair similarity speed
#   make bench-extract  article extraction from web pages: body F1 and speed against xmllint
#   make bench-serve  fil serve under wrk: reads, and POST ingest while reading (100k store)
#   make bench-stories  what --stories adds to fil cluster's CPU time (100k stream)
#   make install  install libfil, fil.h, fil.pc and the fil binary (PREFIX=/usr/local)

PREFIX ?= /usr/local
RELEASE := build/release
TESTDIR := build/test
TSANDIR := build/tsan
FUZZDIR := build/fuzz
FUZZ_SECONDS ?= 600
CMAKE_GEN := -G Ninja

.PHONY: all deps release demo test test-crash test-threads fuzz fuzz-build bench bench-dedup bench-extract bench-serve bench-stories install clean

all: release

deps:
	@bash scripts/deps.sh

$(RELEASE)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(RELEASE) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$(PREFIX)

release: $(RELEASE)/build.ninja
	cmake --build $(RELEASE)

demo: release
	@echo "== fil cluster examples/articles.jsonl (events, first three shown)"
	@$(RELEASE)/fil cluster examples/articles.jsonl > $(RELEASE)/demo-events.json
	@python3 -c 'import json,sys; ev=json.load(open(sys.argv[1])); print(json.dumps(ev[:3], ensure_ascii=False, indent=1)); print(len(ev), "events written to", sys.argv[1])' $(RELEASE)/demo-events.json
	@echo "== fil eval clusters --gold story examples/articles.jsonl"
	@$(RELEASE)/fil eval clusters --gold story examples/articles.jsonl

$(TESTDIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(TESTDIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DFIL_SANITIZE=ON \
	  -DFIL_TEST_BUILD=ON -DFIL_WERROR=ON

test: $(TESTDIR)/build.ninja
	cmake --build $(TESTDIR)
	cd $(TESTDIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure

# tests/e2e/crash.sh at the size of issue 5's acceptance: 20 SIGKILLs while
# fil ingest takes the 100k synthetic stream (about 10 minutes).
test-crash: release
	FIL=$(RELEASE)/fil GEN_STREAM=$(RELEASE)/gen_stream FIL_SOURCE_DIR=$(CURDIR) \
	  SHARED=$(CURDIR)/../shared WORK=$(CURDIR)/build/crash CRASH_ARTICLES=100000 \
	  CRASH_BATCH=1000 bash tests/e2e/crash.sh

# The threads of the store (full-text indexer) and of fil serve (event
# loop, writer) under ThreadSanitizer: a data race stops the process, and
# the tests' checks fail.
$(TSANDIR)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(TSANDIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_CXX_FLAGS=-fsanitize=thread \
	  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread

test-threads: $(TSANDIR)/build.ninja
	cmake --build $(TSANDIR) --target fil
	for t in store serve; do \
	  rm -rf $(TSANDIR)/e2e-$$t && mkdir -p $(TSANDIR)/e2e-$$t && \
	  TSAN_OPTIONS=halt_on_error=1 FIL=$(TSANDIR)/fil FIL_SOURCE_DIR=$(CURDIR) \
	    SHARED=$(CURDIR)/../shared WORK=$(CURDIR)/$(TSANDIR)/e2e-$$t \
	    bash tests/e2e/$$t.sh || exit 1; \
	done

# clang for libFuzzer; the test build's small sizes so growth paths run.
$(FUZZDIR)/build.ninja: CMakeLists.txt fuzz/CMakeLists.txt | deps
	@bash scripts/deps.sh --fuzz
	CC=clang CXX=clang++ cmake -S . -B $(FUZZDIR) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Fuzz \
	  -DCMAKE_C_FLAGS_FUZZ="-O1 -g" -DCMAKE_CXX_FLAGS_FUZZ="-O1 -g" \
	  -DFIL_FUZZ=ON -DFIL_TEST_BUILD=ON -DFIL_WERROR=ON

fuzz-build: $(FUZZDIR)/build.ninja
	cmake --build $(FUZZDIR) -j2 --target fuzz_all

fuzz: fuzz-build
	bash fuzz/run.sh $(FUZZDIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

bench: release
	@bash scripts/deps.sh --bench
	FIL=$(RELEASE)/fil bash bench/run.sh $(SIZES)

bench-dedup: release
	FIL=$(RELEASE)/fil bash bench/dedup.sh

bench-extract: release
	@bash scripts/deps.sh --bench
	FIL=$(RELEASE)/fil bash bench/extract.sh

bench-serve: release
	@bash scripts/deps.sh --bench
	FIL=$(RELEASE)/fil bash bench/serve.sh

bench-stories: release
	@bash scripts/deps.sh --bench
	FIL=$(RELEASE)/fil bash bench/stories.sh

install: release
	cmake --install $(RELEASE)

clean:
	rm -rf build
