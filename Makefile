# pia: toolkit for 特定個人情報保護評価書.  One Makefile, pkg-config for
# every library, explicit object lists, a static libpia.a that the command
# and the tests link.
#
#   make            build ./pia and the schemas
#   make demo       install missing Debian packages, build, check the samples
#   make check      install missing Debian packages, run every test, also
#                   with ASan/UBSan and under valgrind
#   make install PREFIX=/usr/local   the programs, the data, and libpia.a
#                   with its headers and pia.pc (DESTDIR for staging)

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/pia
LIBEXECDIR ?= $(PREFIX)/libexec/pia
LIBDIR	?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig

CC	?= cc
# pia links only what validation, diff and import need; pia-render, the
# renderer's own small program (cli/render_main.c), adds libxslt, Cairo
# and Pango, whose loading alone costs ~9 ms at every start.  pia runs
# pia-render for `pia render` and `pia diff -T html|pdf|layout`
# (cli/exec.c).
PKGS	 = libxml-2.0 icu-uc icu-i18n
RPKGS	 = libxslt libexslt cairo pangocairo pangoft2 fontconfig freetype2 harfbuzz \
	   harfbuzz-subset librsvg-2.0 poppler-glib libmicrohttpd
OPT	?= -O2
SAN	?=
ifeq ($(SAN),1)
BUILD	?= build/asan
OPT	 = -O1
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else ifeq ($(FUZZ),1)
# make fuzz: everything built with clang, coverage for libFuzzer and the
# sanitizers (tests/fuzz/).
BUILD	?= build/fuzz
CC	 = clang
OPT	 = -O1
SANFLAGS = -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
else
BUILD	?= build/rel
SANFLAGS =
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(RPKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
RPKG_LIBS  := $(shell pkg-config --libs $(PKGS) $(RPKGS) 2>/dev/null)
CFLAGS	?= -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -D_FORTIFY_SOURCE=2 $(OPT) $(CFLAGS) -Wall -Wextra \
	     $(SANFLAGS) -MMD -MP \
	     -Imodel -Imodel/diff -Ivalidators -Itemplates -Itemplates/diff \
	     -Icli $(PKG_CFLAGS) \
	     -DPIA_DATADIR='"$(DATADIR)"' -DPIA_LIBEXECDIR='"$(LIBEXECDIR)"'
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS	 = $(PKG_LIBS) -lpthread
RLIBS	 = $(RPKG_LIBS) -lpthread

MODEL_OBJS = model/diag.o model/catalogue.o model/doc.o model/util.o model/vocab.o model/i18n.o \
	     model/value.o model/hygiene.o $(IMPORT_OBJS) $(DIFF_OBJS)
IMPORT_OBJS = model/import/import.o model/import/read.o model/import/html.o \
	     model/import/detect.o model/import/label.o model/import/line.o \
	     model/import/build.o model/import/choice.o model/import/values.o \
	     model/import/changes.o model/import/finish.o model/import/text.o
DIFF_OBJS  = model/diff/diff.o model/diff/match.o model/diff/wdiff.o \
	     model/diff/changes.o model/diff/marks.o
VALID_OBJS = validators/schema.o validators/sch_compile.o validators/sch_eval.o \
	     validators/xpfunc.o validators/threshold.o validators/validate.o \
	     validators/review.o validators/review_batch.o
TMPL_OBJS  = templates/skeleton.o templates/diff/stream.o \
	     templates/diff/text.o templates/diff/csv.o templates/diff/json.o \
	     templates/diff/xml.o templates/review/print.o templates/review/batch.o
RTMPL_OBJS = templates/transform.o templates/typeset.o templates/pdf.o \
	     templates/render.o templates/diff/html.o templates/diff/pdf.o
LIB_OBJS   = $(MODEL_OBJS) $(VALID_OBJS) $(TMPL_OBJS)
CLI_OBJS   = cli/main.o cli/output.o cli/opts.o cli/cmd_help.o cli/cmd_new.o \
	     cli/cmd_validate.o cli/report.o cli/cmd_threshold.o \
	     cli/cmd_history.o cli/cmd_import.o cli/cmd_diff.o \
	     cli/cmd_render.o cli/cmd_edit.o cli/diff_run.o cli/exec.o \
	     cli/cmd_review.o
EDIT_OBJS  = cli/edit/server.o cli/edit/session.o \
	     cli/edit/values.o cli/edit/links.o cli/edit/validate.o \
	     cli/edit/preview.o
RCLI_OBJS  = cli/render_main.o cli/output.o cli/diff_run.o $(EDIT_OBJS)
# The public headers, installed side by side in $(INCLUDEDIR)/pia/ (they
# include one another by plain name); model/libpia.h includes the others,
# catalogue.def is part of pia_msg.h.  When a header moves, change its
# path here only.
PUBLIC_HDRS = model/libpia.h model/pia.h model/pia_msg.h model/catalogue.def \
	      model/pia_i18n.h model/pia_value.h model/diff/pia_diff.h \
	      model/pia_import.h model/pia_hygiene.h validators/pia_validators.h \
	      templates/pia_templates.h
VERSION	:= $(shell sed -n 's/^.define PIA_VERSION[^"]*"\([^"]*\)".*/\1/p' model/pia.h)
# The libFuzzer harnesses (tests/fuzz/); make check replays their seeds
# through them built with tests/fuzz/driver.c instead of libFuzzer.
FUZZERS	 = fuzz_validate fuzz_import fuzz_diff fuzz_rules fuzz_render
FUZZ_TIME ?= 600
UNIT_TESTS = test_i18n test_diag test_catalogue test_doc test_vocab test_threshold test_diff \
	     test_import test_validate test_hygiene

KINDS	 = full focused basic
SCHEMAS	 = $(KINDS:%=model/schema/pia-%.xsd) model/schema/pia.xsd
LEAN	 = $(KINDS:%=model/schema/lean/pia-%.xsd)
DEMO_DIR = build/demo
SAMPLES	 = samples/full.xml samples/full-prev.xml samples/focused.xml \
	   samples/basic.xml

# Debian 12 packages the build and the tests need.
DEB_PKGS = gcc make pkg-config libxml2-dev libxml2-utils libicu-dev \
	   xsltproc libcmocka-dev valgrind jq libxslt1-dev libcairo2-dev \
	   libpango1.0-dev libfontconfig-dev libfreetype-dev libharfbuzz-dev \
	   librsvg2-dev libpoppler-glib-dev \
	   fonts-noto-cjk \
	   fonts-ipaexfont-gothic poppler-utils qpdf libmicrohttpd-dev curl \
	   python3 chromium chromium-driver python3-selenium python3-jsonschema
# Those make fuzz needs besides (clang and its libFuzzer runtime).
FUZZ_PKGS = clang libclang-rt-14-dev

LIB	 = $(BUILD)/libpia.a
RLIB	 = $(BUILD)/libpia-render.a
ifeq ($(SAN),1)
PROG	 = $(BUILD)/pia
RPROG	 = $(BUILD)/pia-render
else
PROG	 = pia
RPROG	 = pia-render
endif

.PHONY: all deps demo check test unit fuzz fuzzers install uninstall clean bench preview \
	editor-preview
.SUFFIXES:

all: $(PROG) $(RPROG) $(SCHEMAS) $(LEAN)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJS:%=$(BUILD)/%)
	rm -f $@
	ar rcs $@ $^

$(RLIB): $(RTMPL_OBJS:%=$(BUILD)/%)
	rm -f $@
	ar rcs $@ $^

$(PROG): $(CLI_OBJS:%=$(BUILD)/%) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJS:%=$(BUILD)/%) $(LIB) $(LIBS)

$(RPROG): $(RCLI_OBJS:%=$(BUILD)/%) $(RLIB) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(RCLI_OBJS:%=$(BUILD)/%) $(RLIB) $(LIB) \
	  $(RLIBS)

model/schema/pia-%.xsd: model/vocab.xml model/vocab2xsd.xsl
	@mkdir -p $(@D)
	xsltproc --stringparam kind $* -o $@.tmp model/vocab2xsd.xsl model/vocab.xml
	mv $@.tmp $@

model/schema/lean/pia-%.xsd: model/vocab.xml model/vocab2xsd.xsl
	@mkdir -p $(@D)
	xsltproc --stringparam kind $* --param docs 0 model/vocab2xsd.xsl model/vocab.xml | \
	  xmllint --noblanks --output $@.tmp -
	mv $@.tmp $@

model/schema/pia.xsd: model/vocab.xml model/vocab2xsd.xsl
	@mkdir -p $(@D)
	xsltproc -o $@.tmp model/vocab2xsd.xsl model/vocab.xml
	mv $@.tmp $@

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIB) $(RLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(RLIB) $(LIB) $(RLIBS) -lcmocka

unit: $(UNIT_TESTS:%=$(BUILD)/tests/unit/%) $(FUZZERS:%=$(BUILD)/tests/fuzz/%)

ifeq ($(FUZZ),1)
$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(LIB) $(RLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(ALL_LDFLAGS) -fsanitize=fuzzer \
	  -o $@ $< $(RLIB) $(LIB) $(RLIBS)
else
$(BUILD)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h \
    $(BUILD)/tests/fuzz/driver.o $(LIB) $(RLIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/tests/fuzz/driver.o \
	  $(RLIB) $(LIB) $(RLIBS)
endif

# The driver object is kept (not an intermediate that make removes).
.SECONDARY: $(BUILD)/tests/fuzz/driver.o

fuzzers: $(FUZZERS:%=$(BUILD)/tests/fuzz/%)

# Runs each harness FUZZ_TIME seconds (tests/fuzz/run.sh); FUZZ_ONLY="diff
# rules" picks some.
fuzz: deps
	@$(MAKE) --no-print-directory deps DEB_PKGS='$(FUZZ_PKGS)'
	@$(MAKE) --no-print-directory $(SCHEMAS) $(LEAN)
	@$(MAKE) --no-print-directory FUZZ=1 fuzzers
	sh tests/fuzz/run.sh build/fuzz $(FUZZ_TIME)

# Installs missing Debian packages when run as root, else says how.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "pia: installing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "pia: missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@echo
	@echo "== pia validate samples/*.xml"
	@./pia validate $(SAMPLES); rc=$$?; echo "exit status: $$rc"; exit $$rc
	@mkdir -p $(DEMO_DIR)
	@echo
	@echo "== pia diff samples/full-prev.xml samples/full.xml (変更箇所)"
	@./pia diff -T csv --date 2026-02-02 --force -o $(DEMO_DIR)/changes.csv \
	  samples/full-prev.xml samples/full.xml; test $$? -eq 1
	@./pia diff -T pdf --date 2026-02-02 --force -o $(DEMO_DIR)/changes.pdf \
	  samples/full-prev.xml samples/full.xml; test $$? -eq 1
	@./pia diff --date 2026-02-02 samples/full-prev.xml samples/full.xml | tail -n 1
	@echo "table: $(DEMO_DIR)/changes.csv, $(DEMO_DIR)/changes.pdf"
	@echo
	@echo "== pia render samples/*.xml -> $(DEMO_DIR)/"
	@for s in $(SAMPLES); do \
	  n=$$(basename $$s .xml); \
	  PIA_DATADIR=. ./pia render --force -o $(DEMO_DIR)/$$n.pdf $$s || exit 1; \
	  PIA_DATADIR=. ./pia render -T html --force -o $(DEMO_DIR)/$$n.html $$s || exit 1; \
	done
	@echo "PDF and HTML of the samples: $$(pwd)/$(DEMO_DIR)/"
	@ls -l $(DEMO_DIR)

# The pages of the samples that the README shows (committed): the cover
# and a page of each form.
preview: all
	@mkdir -p build
	for s in full focused basic; do \
	  PIA_DATADIR=. SOURCE_DATE_EPOCH=1773619200 ./pia render --force -o build/preview-$$s.pdf samples/$$s.xml || exit 1; \
	done
	pdftoppm -png -r 70 -f 1 -l 1 -singlefile build/preview-full.pdf templates/preview-full-p1
	pdftoppm -png -r 70 -f 7 -l 7 -singlefile build/preview-full.pdf templates/preview-full-p7
	pdftoppm -png -r 70 -f 5 -l 5 -singlefile build/preview-focused.pdf templates/preview-focused-p5
	pdftoppm -png -r 70 -f 5 -l 5 -singlefile build/preview-basic.pdf templates/preview-basic-p5

# The editor's picture in the README (committed): the browser test's
# session in headless Chromium, caught before saving.
editor-preview: all
	PIA_DATADIR=. /usr/bin/python3 tests/edit/browser_test.py ./pia \
	  build/editor-preview --shot templates/editor/preview.png

# The test suite, run for one build (BUILD/PROG); prints N passed, N failed.
test: all unit
	@PIA=./$(PROG) BUILD=$(BUILD) SAN=$(SAN) sh tests/run.sh

check: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory SAN=1 all unit
	@PIA=./pia BUILD=build/rel SAN= VALGRIND=1 PIA_SAN_PROG=build/asan/pia \
	  PIA_SAN_BUILD=build/asan sh tests/run.sh

bench: all
	sh tests/bench/validate.sh
	sh tests/bench/diff.sh
	sh tests/bench/render.sh
	sh tests/bench/import.sh
	sh tests/bench/edit.sh

install: all $(LIB) pia.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(DATADIR)/model/schema
	install -m 755 pia $(DESTDIR)$(BINDIR)/pia
	install -d $(DESTDIR)$(LIBEXECDIR)
	install -m 755 pia-render $(DESTDIR)$(LIBEXECDIR)/pia-render
	install -m 644 pia.1 $(DESTDIR)$(MANDIR)/man1/pia.1
	install -m 644 model/vocab.xml $(DESTDIR)$(DATADIR)/model/vocab.xml
	install -d $(DESTDIR)$(DATADIR)/templates
	install -m 644 templates/print.xsl templates/html.xsl templates/print.rng \
	  $(DESTDIR)$(DATADIR)/templates/
	install -d $(DESTDIR)$(DATADIR)/templates/editor
	install -m 644 templates/editor/form.xsl templates/editor/editor.js \
	  templates/editor/editor.css $(DESTDIR)$(DATADIR)/templates/editor/
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/model/schema/
	install -d $(DESTDIR)$(DATADIR)/model/schema/lean
	install -m 644 $(LEAN) $(DESTDIR)$(DATADIR)/model/schema/lean/
	install -d $(DESTDIR)$(DATADIR)/validators/rules
	install -m 644 validators/rules/*.sch $(DESTDIR)$(DATADIR)/validators/rules/
	install -m 644 validators/review-points.xml $(DESTDIR)$(DATADIR)/validators/
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/pia \
	  $(DESTDIR)$(PKGCONFIGDIR)
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libpia.a
	install -m 644 $(PUBLIC_HDRS) $(DESTDIR)$(INCLUDEDIR)/pia/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	  -e 's|@VERSION@|$(VERSION)|g' pia.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/pia.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/pia.pc

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pia $(DESTDIR)$(MANDIR)/man1/pia.1
	rm -rf $(DESTDIR)$(LIBEXECDIR)
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(LIBDIR)/libpia.a $(DESTDIR)$(PKGCONFIGDIR)/pia.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/pia

clean:
	rm -rf build pia pia-render model/schema

-include $(shell find build -name '*.d' 2>/dev/null)
