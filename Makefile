# dhcpbox: a busybox-style multicall DHCP toolbox.
#
#   make [O=DIR] [V=1] [SANITIZE=1] [CC=... | CROSS_COMPILE=...]
#   make defconfig | menuconfig | nconfig | oldconfig | olddefconfig
#   make allnoconfig | allyesconfig | savedefconfig
#   make test [TESTS="getopt32 dispatch"]   make check-long (the model test at length)
#   make test-bigendian | test-cross        (QEMU: PowerPC; MIPS, ARM)   make static-musl
#   make test-i386                          (gcc -m32: the seccomp filter through socketcall)
#   make install DESTDIR=... PREFIX=...
#   make demo | bench [BENCH_CLIENTS=N]      (root: udhcpd and udhcpc in namespaces)
#   make size                               (text/data/bss against the budgets)
#   make clean | distclean                  make help
#
# O=DIR keeps .config, objects and the binary in DIR (the source tree stays
# clean), so several configurations can be built side by side.

srctree := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
O ?= .
obj := $(abspath $(O))

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-8s %s\n'
endif

# --- Kconfig ---------------------------------------------------------------

KCONFIG_CONF ?= kconfig-conf
KCONFIG_MCONF ?= kconfig-mconf
KCONFIG_NCONF ?= kconfig-nconf
have_kconfig := $(shell command -v $(KCONFIG_CONF) 2>/dev/null)
kconfig_files := $(srctree)/Config.in $(wildcard $(srctree)/*/Config.in $(srctree)/*/*/Config.in)
kconfig = cd $(srctree) && KCONFIG_CONFIG=$(obj)/.config srctree=$(srctree)
autoconf_h := $(obj)/include/autoconf.h

config_targets := defconfig menuconfig nconfig oldconfig olddefconfig \
	allnoconfig allyesconfig savedefconfig
no_config_goals := $(config_targets) clean distclean help demo bench size static-musl
mixed_goals := $(and $(filter $(config_targets),$(MAKECMDGOALS)),$(filter-out $(config_targets),$(MAKECMDGOALS)))

ifneq ($(mixed_goals),)
# "make allnoconfig all": configure first, then build, one goal at a time.
$(MAKECMDGOALS): one_by_one ; @:
one_by_one:
	$(Q)for goal in $(MAKECMDGOALS); do $(MAKE) -f $(srctree)/Makefile $$goal || exit; done
.PHONY: one_by_one
else

ifneq ($(filter-out $(no_config_goals),$(or $(MAKECMDGOALS),all)),)
-include $(obj)/.config
endif

define need_kconfig
	@if [ -z "$(have_kconfig)" ]; then \
		echo "make $@: needs $(KCONFIG_CONF) from kconfig-frontends" \
		     "(apt-get install kconfig-frontends-nox); without it only the" \
		     "checked-in configs/defconfig can be built (plain 'make')." >&2; \
		exit 1; \
	fi
	$(Q)mkdir -p $(obj)
endef

all: $(obj)/dhcpbox

# A fresh tree configures itself from configs/defconfig; a Config.in that
# gained symbols updates .config with their defaults.
$(obj)/.config: $(kconfig_files)
	$(Q)mkdir -p $(obj)
	$(Q)if [ -n "$(have_kconfig)" ]; then \
		if [ -f $@ ]; then $(kconfig) $(KCONFIG_CONF) -s --olddefconfig Config.in; \
		else $(kconfig) $(KCONFIG_CONF) -s --defconfig=configs/defconfig Config.in; fi; \
	elif [ -f $@ ]; then \
		echo "warning: $(KCONFIG_CONF) not found; using $@ as it is" >&2; touch $@; \
	else \
		echo "warning: $(KCONFIG_CONF) not found; building the checked-in configs/defconfig" >&2; \
		cp $(srctree)/configs/defconfig $@; \
	fi

defconfig:
	$(Q)mkdir -p $(obj)
	$(Q)if [ -n "$(have_kconfig)" ]; then \
		$(kconfig) $(KCONFIG_CONF) -s --defconfig=configs/defconfig Config.in; \
	else \
		echo "warning: $(KCONFIG_CONF) not found; copying configs/defconfig" >&2; \
		cp $(srctree)/configs/defconfig $(obj)/.config; \
	fi

allnoconfig allyesconfig olddefconfig:
	$(need_kconfig)
	$(Q)$(kconfig) $(KCONFIG_CONF) -s --$@ Config.in

oldconfig:
	$(need_kconfig)
	$(Q)$(kconfig) $(KCONFIG_CONF) --$@ Config.in

savedefconfig:
	$(need_kconfig)
	$(Q)$(kconfig) $(KCONFIG_CONF) --savedefconfig=$(obj)/defconfig Config.in
	@echo "minimal config written to $(obj)/defconfig"

menuconfig:
	$(need_kconfig)
	$(Q)$(kconfig) $(KCONFIG_MCONF) Config.in

nconfig:
	$(need_kconfig)
	$(Q)$(kconfig) $(KCONFIG_NCONF) Config.in

# The header is rewritten only when its text changes, so a .config edit
# rebuilds only what the changed symbols can affect (via the header).
$(autoconf_h): $(obj)/.config $(kconfig_files) $(srctree)/scripts/mkconfigh.awk
	$(Q)mkdir -p $(@D)
	$(Q)awk -v srctree=$(srctree) -v kconfig=Config.in \
		-f $(srctree)/scripts/mkconfigh.awk $(obj)/.config > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

# --- Compiler and flags ----------------------------------------------------

unquote = $(patsubst "%",%,$(1))
CROSS_COMPILE ?= $(call unquote,$(CONFIG_CROSS_COMPILER_PREFIX))
ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
AR := $(CROSS_COMPILE)ar
CFLAGS ?= -Os -g
WERROR ?= 1
VERSION := 0.1

cflags := -std=c11 -D_GNU_SOURCE -DDHCPBOX_VERSION='"$(VERSION)"' -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) \
	-Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
	-ffunction-sections -fdata-sections -MMD -MP \
	-I$(obj)/include -I$(srctree)/libbb -I$(srctree)/applets -I$(srctree)/networking/udhcp
ldflags := -Wl,--gc-sections
ifeq ($(SANITIZE),1)
san := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
cflags += $(san) -g
ldflags += $(san)
else
# C without exceptions needs no .eh_frame (about 30 KB on x86-64, as
# BusyBox finds): a debugger reads -g's .debug_frame instead
cflags += -fno-asynchronous-unwind-tables -fno-unwind-tables
ifeq ($(CONFIG_STATIC),y)
# -static alone links at a fixed address (gcc and clang; clang warns of -no-pie)
cflags += -fno-pie
ldflags += -static
else ifeq ($(CONFIG_PIE),y)
cflags += -fPIE
ldflags += -pie
else
cflags += -fno-pie
ldflags += -no-pie
endif
endif
ALL_CFLAGS = $(cflags) $(CFLAGS) $(call unquote,$(CONFIG_EXTRA_CFLAGS))
ALL_LDFLAGS = $(ldflags) $(LDFLAGS) $(call unquote,$(CONFIG_EXTRA_LDFLAGS))

# Objects are rebuilt when the compiler or its flags change (SANITIZE=1 ...).
$(obj)/.build-flags: FORCE
	$(Q)mkdir -p $(@D)
	$(file >$@.tmp,$(CC) $(ALL_CFLAGS) | $(ALL_LDFLAGS))
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(obj)/%.o: $(srctree)/%.c $(obj)/.build-flags | $(autoconf_h)
	$(Q)mkdir -p $(@D)
	$(quiet) CC $(subst $(obj)/,,$@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# --- What each applet links --------------------------------------------------
# The link graph, busybox-style: obj-$(CONFIG_X) lists the objects applet X
# pulls in; a disabled applet contributes nothing to the binary.

applets-y := applets/applets.o applets/appletlib.o
libbb-y := libbb/getopt32.o libbb/messages.o libbb/usage.o libbb/xfuncs.o libbb/xatonum.o \
	libbb/pidfile.o libbb/signalpipe.o libbb/llist.o libbb/daemon.o libbb/readfile.o \
	libbb/strings.o
# networking/udhcp: one folder per stage of a packet's path. codec/ is
# pure (the wire), os/ the only code that touches the OS (the seam tests
# replace), client/ and server/ the applets' decisions and loops.
U := networking/udhcp
udhcp-codec := $(addprefix $(U)/codec/,packet.o options.o dnsname.o optparse.o optrender.o arp.o filter.o \
	scriptenv.o agent.o)
udhcp-os := $(addprefix $(U)/os/,socket.o arp.o script.o clock.o file.o)
# the configuration: the scoped model and its parsers; ISC dhcpd.conf's
# only with FEATURE_UDHCPD_ISC_CONF (conf_isc_detect.o always: a server
# without it still knows such a file and says why it refuses it)
udhcp-conf := $(addprefix $(U)/server/,config.o conf.o conf_view.o conf_isc_detect.o)
# (eval.o too: only a dhcpd.conf has expressions and classes)
udhcp-conf-isc-$(CONFIG_FEATURE_UDHCPD_ISC_CONF) := $(addprefix $(U)/server/,eval.o conf_isc.o \
	conf_isc_lex.o conf_isc_val.o conf_isc_opt.o conf_isc_block.o conf_isc_expr.o conf_isc_class.o ere.o)
udhcp-conf += $(udhcp-conf-isc-y)
# least privilege: -u USER (the drop) and the seccomp allowlist, each its own symbol
udhcp-server-user-$(CONFIG_FEATURE_UDHCPD_USER) := $(U)/server/privdrop.o $(U)/os/privs.o
udhcp-server-seccomp-$(CONFIG_FEATURE_UDHCPD_SECCOMP) := $(U)/server/sandbox.o $(U)/os/seccomp.o
udhcp-server-bootp-$(CONFIG_FEATURE_UDHCPD_BOOTP) := $(U)/server/bootp.o
# a dhcpd.conf's host names: the loop's resolver (the parsers take it as a
# callback, so the pure config code and its tests link no os/ code)
udhcp-server-resolve-$(CONFIG_FEATURE_UDHCPD_ISC_CONF) := $(U)/os/resolve.o
udhcp-server := $(addprefix $(U)/server/,loop.o server.o journal.o decide.o replyopts.o who.o agent.o serverprobe.o pool.o \
	leases.o leasefile.o) $(udhcp-server-resolve-y) $(udhcp-conf) $(udhcp-server-user-y) $(udhcp-server-seccomp-y) \
	$(udhcp-server-bootp-y)
udhcp-y :=
udhcp-client := $(addprefix $(U)/client/,client.o run.o state.o reply.o clientsend.o clientlease.o)
udhcp-$(CONFIG_UDHCPC) += $(udhcp-client) $(udhcp-os)
udhcp-$(CONFIG_UDHCPD) += $(udhcp-server) $(udhcp-os)
udhcp-$(CONFIG_DUMPLEASES) += $(U)/dumpleases.o $(U)/server/leasefile.o
# dhcprelay: its decisions (pure: forward.o, agentinfo.o) and the daemon
udhcp-relay := $(addprefix $(U)/relay/,forward.o agentinfo.o)
udhcp-$(CONFIG_DHCPRELAY) += $(U)/relay/dhcprelay.o $(udhcp-relay) $(U)/os/socket.o

objs := $(addprefix $(obj)/,$(applets-y) $(sort $(udhcp-y)))
libbb_a := $(obj)/libbb/lib.a
udhcp_a := $(obj)/$(U)/lib.a

$(udhcp_a): $(addprefix $(obj)/,$(udhcp-codec))
	$(quiet) AR $(subst $(obj)/,,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(libbb_a): $(addprefix $(obj)/,$(libbb-y))
	$(quiet) AR $(subst $(obj)/,,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(obj)/dhcpbox: $(objs) $(udhcp_a) $(libbb_a) $(obj)/.config $(obj)/.build-flags
	$(quiet) LINK $(subst $(obj)/,,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(objs) $(udhcp_a) $(libbb_a) $(LDLIBS)

# --- Tests -----------------------------------------------------------------
# C-level tests are small probe programs linking the library objects; the
# shunit2 suites under testsuite/ run them and the binary.

probes := getopt32_probe libbb_probe multicall_probe udhcp_probe udhcpd_probe conf_probe filter_probe
probes += $(if $(filter y,$(CONFIG_FEATURE_UDHCPD_SECCOMP)),seccomp_probe)
probes += $(if $(filter y,$(CONFIG_FEATURE_UDHCPD_ISC_CONF)),resolve_probe ere_probe)
probe_bins := $(addprefix $(obj)/testsuite/,$(probes))

$(obj)/testsuite/%_probe: $(obj)/testsuite/c/%_probe.o $(obj)/applets/appletlib.o $(udhcp_a) $(libbb_a)
	$(quiet) LINK $(subst $(obj)/,,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS)

probes: $(probe_bins) $(obj)/testsuite/udhcpd_load $(obj)/testsuite/udhcpd_model \
	$(obj)/testsuite/udhcpc_model $(obj)/testsuite/nofilter_shim.so

# LD_PRELOAD for udhcpc_test: a kernel that refuses the BPF filter. Without
# the sanitizers (ASan wants its runtime first; the test says it need not).
$(obj)/testsuite/nofilter_shim.so: $(srctree)/testsuite/c/nofilter_shim.c
	$(Q)mkdir -p $(@D)
	$(quiet) CC $(subst $(obj)/,,$@)
	$(Q)$(CC) -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -o $@ $<

# The model test: the server's own objects (all of server/ but the poll
# loop) over the fake os/ seam instead of os/.
model-objs := $(addprefix $(obj)/$(U)/server/,server.o journal.o decide.o replyopts.o who.o agent.o serverprobe.o pool.o \
	leases.o leasefile.o) $(addprefix $(obj)/,$(udhcp-conf) $(udhcp-server-bootp-y)) \
	$(addprefix $(obj)/testsuite/c/,server_model.o fake_os.o)
$(obj)/testsuite/udhcpd_model: $(obj)/testsuite/c/udhcpd_model.o $(model-objs) \
		$(obj)/applets/appletlib.o $(udhcp_a) $(libbb_a)
	$(quiet) LINK $(subst $(obj)/,,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS)

# The client's model test: all of client/ but the poll loop, over the same seam.
client-model-objs := $(addprefix $(obj)/$(U)/client/,run.o state.o reply.o clientsend.o \
	clientlease.o) $(addprefix $(obj)/testsuite/c/,client_model.o fake_os.o)
$(obj)/testsuite/udhcpc_model: $(obj)/testsuite/c/udhcpc_model.o $(client-model-objs) \
		$(obj)/applets/appletlib.o $(udhcp_a) $(libbb_a)
	$(quiet) LINK $(subst $(obj)/,,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS)

# The load generator of make bench: a relay agent for many clients.
$(obj)/testsuite/udhcpd_load: $(obj)/testsuite/c/udhcpd_load.o $(obj)/$(U)/os/socket.o \
		$(obj)/applets/appletlib.o $(udhcp_a) $(libbb_a)
	$(quiet) LINK $(subst $(obj)/,,$@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(filter %.a,$^) $(LDLIBS)

# Packages the suites use are installed first when missing (as root).
$(obj)/testsuite/udhcpd_probe: $(addprefix $(obj)/$(U)/server/,leases.o leasefile.o pool.o) \
	$(addprefix $(obj)/,$(udhcp-conf)) \
	$(obj)/$(U)/os/file.o
# seccomp_probe: udhcpd's filter installed, then a call (udhcpd_privs_test.sh)
$(obj)/testsuite/seccomp_probe: $(obj)/$(U)/server/sandbox.o $(obj)/$(U)/os/seccomp.o
# ere_probe: server/ere.c against glibc's regcomp and regexec (ere_test.sh)
$(obj)/testsuite/ere_probe: $(obj)/$(U)/server/ere.o $(obj)/testsuite/c/ere_glibc.o
# resolve_probe: the host-name memo over a resolver of its own (conf_isc_test.sh)
$(obj)/testsuite/resolve_probe: $(obj)/$(U)/os/resolve.o
# (override: a make LDLIBS=... of the user's must not drop it)
$(obj)/testsuite/resolve_probe: override LDLIBS += -Wl,--wrap=malloc
# conf_probe: the configuration parsers into the model, dumped (conf_isc_test.sh)
$(obj)/testsuite/conf_probe: $(obj)/testsuite/c/conf_dump.o $(addprefix $(obj)/,$(udhcp-conf))

test_packages := shunit2 kconfig-frontends-nox clang libclang-rt-14-dev musl-tools iproute2 \
	busybox dnsmasq isc-dhcp-server isc-dhcp-client isc-dhcp-relay dhcpcd-base dhcpd-pools \
	kea-dhcp4-server strace

test:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh $(test_packages)
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(obj) all probes
	$(Q)DHCPBOX=$(obj)/dhcpbox PROBES=$(obj)/testsuite SRCTREE=$(srctree) \
		OBJTREE=$(obj) SANITIZE=$(SANITIZE) \
		$(SHELL) $(srctree)/testsuite/runtests.sh $(TESTS)

# The model tests at length: many more seeds and steps than make test runs.
CHECK_LONG_SEEDS ?= 2000
CHECK_LONG_STEPS ?= 10000
check-long:
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(obj) all probes
	$(Q)$(obj)/testsuite/udhcpd_model 1 $(CHECK_LONG_SEEDS) $(CHECK_LONG_STEPS)
	$(Q)$(obj)/testsuite/udhcpc_model 1 $(CHECK_LONG_SEEDS) $(CHECK_LONG_STEPS)

# --- Fuzzing and coverage ---------------------------------------------------
# libFuzzer targets (clang) over the pure parsers, with ASan and UBSan.
# fuzz-run runs each for FUZZ_SECONDS from a copy of its seed corpus in
# fuzz/corpus/TARGET and fails on any crash or sanitizer report.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
fuzz_targets := fuzz_message fuzz_frame fuzz_render fuzz_text fuzz_config fuzz_leasefile fuzz_arp \
	fuzz_journal fuzz_server fuzz_client fuzz_scriptenv fuzz_isc_conf fuzz_relay fuzz_ere
fuzz_bins := $(addprefix $(obj)/fuzz/bin/,$(fuzz_targets))
codec_srcs = $(addprefix $(srctree)/,$(udhcp-codec:.o=.c))
# the server's parsers and the library they lean on
fuzz_srcs = $(codec_srcs) $(addprefix $(srctree)/,$(libbb-y:.o=.c) \
	$(udhcp-conf:.o=.c) $(U)/server/leasefile.c $(U)/server/leases.c)
# the server through the seam: the model test's harness and fake os/
fuzz_model_srcs = $(addprefix $(srctree)/,$(U)/server/server.c $(U)/server/journal.c \
	$(U)/server/decide.c $(U)/server/replyopts.c $(U)/server/bootp.c $(U)/server/who.c $(U)/server/agent.c \
	$(U)/server/serverprobe.c $(U)/server/pool.c \
	testsuite/c/server_model.c testsuite/c/fake_os.c)
# the client through the seam: its model test's harness and the same fake os/
fuzz_client_srcs = $(addprefix $(srctree)/,$(addprefix $(U)/client/,run.c state.c reply.c \
	clientsend.c clientlease.c) testsuite/c/client_model.c testsuite/c/fake_os.c)
# the relay's decisions
fuzz_relay_srcs = $(addprefix $(srctree)/,$(udhcp-relay:.o=.c))
fuzz_extra = $(if $(filter fuzz_journal fuzz_server,$(notdir $@)),$(fuzz_model_srcs)) \
	$(if $(filter fuzz_client,$(notdir $@)),$(fuzz_client_srcs)) \
	$(if $(filter fuzz_relay,$(notdir $@)),$(fuzz_relay_srcs)) \
	$(if $(filter fuzz_ere,$(notdir $@)),$(srctree)/testsuite/c/ere_glibc.c)

$(obj)/fuzz/bin/%: $(srctree)/fuzz/%.c $(fuzz_srcs) $(fuzz_model_srcs) $(fuzz_client_srcs) $(fuzz_relay_srcs) \
		$(srctree)/testsuite/c/ere_glibc.c $(wildcard $(srctree)/$(U)/*/*.h $(srctree)/testsuite/c/*.h) | $(autoconf_h)
	$(Q)mkdir -p $(@D)
	$(quiet) FUZZ $(subst $(obj)/,,$@)
	$(Q)$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I$(obj)/include -I$(srctree)/libbb -I$(srctree)/networking/udhcp -I$(srctree)/testsuite/c \
		-o $@ $< $(fuzz_srcs) $(fuzz_extra)

fuzz: $(fuzz_bins)

$(fuzz_bins): | fuzz_packages
fuzz_packages:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh clang libclang-rt-14-dev

fuzz-run: $(fuzz_bins)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) $(SHELL) $(srctree)/scripts/fuzz-run.sh \
		$(srctree)/fuzz/corpus $(fuzz_bins)

# Line coverage of the codec by the unit tests (gcc + gcov), built in
# $(obj)/coverage; fails under COVERAGE_MIN percent.
COVERAGE_MIN ?= 90
coverage:
	$(Q)rm -rf $(obj)/coverage $(obj)/build-powerpc-linux-gnu
	$(Q)$(MAKE) -f $(srctree)/Makefile O=$(obj)/coverage CC=gcc CFLAGS="-O0 -g --coverage" \
		LDFLAGS=--coverage SANITIZE= test TESTS=codec
	$(Q)$(SHELL) $(srctree)/scripts/coverage.sh $(obj)/coverage $(COVERAGE_MIN) \
		$(addprefix $(srctree)/,$(udhcp-codec:.o=.c))

# Foreign CPUs under QEMU user emulation (scripts/test-cross.sh: a static
# cross build; the binary and every probe run under qemu-*-static).
# test-bigendian: PowerPC, the codec and option suites and udhcpc and
# udhcpd end to end (client and server the PowerPC binary; as root, with
# the peers of make test). test-cross: MIPS (big-endian) and 32-bit ARM
# (little-endian), the codec and option suites.
test-bigendian:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh gcc-powerpc-linux-gnu libc6-dev-powerpc-cross \
		qemu-user-static $(test_packages)
	$(Q)$(SHELL) $(srctree)/scripts/test-cross.sh powerpc-linux-gnu qemu-ppc-static \
		codec getopt32 udhcpc udhcpd

# test-i386: the seccomp filter as an i386 build installs it (socketcall's
# sub-calls allowed one by one), natively on x86_64. gcc-12-multilib, not
# gcc-multilib: that one conflicts with the cross compilers of test-cross
# for its /usr/include/asm link, made here in the build instead.
i386_cc = gcc -m32 -idirafter $(obj)/build-i386/asm-include
test-i386:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh gcc-12-multilib
	$(Q)rm -rf $(obj)/build-i386 && mkdir -p $(obj)/build-i386/asm-include
	$(Q)ln -s /usr/include/$$(gcc -print-multiarch)/asm $(obj)/build-i386/asm-include/asm
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(obj)/build-i386 defconfig >/dev/null
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(obj)/build-i386 CC="$(i386_cc)" SANITIZE= -j2 all probes
	$(Q)tmp=$$(mktemp -d) && DHCPBOX=$(obj)/build-i386/dhcpbox PROBES=$(obj)/build-i386/testsuite \
		SRCTREE=$(srctree) OBJTREE=$(obj)/build-i386 TMPDIR=$$tmp \
		bash $(srctree)/testsuite/udhcpd_privs_test.sh -- test_the_filter_kills_a_call_off_its_list \
		| tee $$tmp/out; grep -q '@@RESULT passed=1 failed=0 skipped=0' $$tmp/out; rc=$$?; rm -rf $$tmp; \
		rm -rf $(obj)/build-i386; exit $$rc

# test-busybox-set: the suites on the build with BusyBox's feature set
# (scripts/busybox-set.sh): what it leaves out skips, as testlib's
# need_built says, and everything else must pass there too.
# build_test builds its own configurations
bbset_suites = $(filter-out build,$(patsubst %_test.sh,%,$(notdir $(wildcard $(srctree)/testsuite/*_test.sh))))
test-busybox-set:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh $(test_packages)
	$(Q)rm -rf $(obj)/build-busybox-set && mkdir -p $(obj)/build-busybox-set
	$(Q)cp $(srctree)/configs/defconfig $(obj)/build-busybox-set/.config
	$(Q)sh $(srctree)/scripts/busybox-set.sh $(obj)/build-busybox-set/.config
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(obj)/build-busybox-set olddefconfig >/dev/null
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(obj)/build-busybox-set SANITIZE= -j2 all probes
	$(Q)DHCPBOX=$(obj)/build-busybox-set/dhcpbox PROBES=$(obj)/build-busybox-set/testsuite \
		SRCTREE=$(srctree) OBJTREE=$(obj)/build-busybox-set SANITIZE= \
		$(SHELL) $(srctree)/testsuite/runtests.sh $(or $(TESTS),$(bbset_suites)); rc=$$?; \
		rm -rf $(obj)/build-busybox-set; exit $$rc

test-cross: test-cross-mips test-cross-arm
test-cross-mips:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh gcc-mips-linux-gnu libc6-dev-mips-cross \
		qemu-user-static shunit2
	$(Q)$(SHELL) $(srctree)/scripts/test-cross.sh mips-linux-gnu qemu-mips-static
test-cross-arm:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh gcc-arm-linux-gnueabihf libc6-dev-armhf-cross \
		qemu-user-static shunit2
	$(Q)$(SHELL) $(srctree)/scripts/test-cross.sh arm-linux-gnueabihf qemu-arm-static

# The small static binary: musl, CONFIG_STATIC=y (the defconfig otherwise),
# in $(obj)/build-musl; prints its size and runs it.
musl_obj := $(obj)/build-musl
static-musl:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh musl-tools
	$(Q)rm -rf $(musl_obj) && mkdir -p $(musl_obj)
	$(Q)sed 's/^# CONFIG_STATIC is not set$$/CONFIG_STATIC=y/' $(srctree)/configs/defconfig \
		>$(musl_obj)/.config
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(musl_obj) CC=musl-gcc -j2 all >$(musl_obj)/build.log 2>&1 \
		|| { tail -n 30 $(musl_obj)/build.log; exit 1; }
	$(Q)file -b $(musl_obj)/dhcpbox | grep -q 'statically linked' \
		|| { echo "static-musl: not a static binary: $$(file -b $(musl_obj)/dhcpbox)"; exit 1; }
	$(Q)size $(musl_obj)/dhcpbox
	$(Q)ls -l $(musl_obj)/dhcpbox | awk '{ print $$5 " bytes on disk (not stripped)" }'
	$(Q)$(musl_obj)/dhcpbox --list | tr '\n' ' ' && echo
	$(Q)$(musl_obj)/dhcpbox udhcpc --help 2>&1 | head -n 1
	$(Q)$(musl_obj)/dhcpbox udhcpd --help >/dev/null 2>&1 && $(musl_obj)/dhcpbox udhcpc --help >/dev/null 2>&1

# --- Install ---------------------------------------------------------------
# The binary goes to PREFIX/bin; each enabled applet gets a relative symlink
# in PREFIX/bin or PREFIX/sbin (its busybox directory without "usr/").
# The list comes from the sources, so a cross-built binary installs too.

PREFIX ?= /usr/local
applet_paths = $(shell awk -f $(srctree)/scripts/applets.awk $(obj)/.config $(srctree)/applets/applets.h)

install: $(obj)/dhcpbox
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin
	$(Q)install -m 0755 $(obj)/dhcpbox $(DESTDIR)$(PREFIX)/bin/dhcpbox
	$(Q)for path in $(applet_paths); do \
		dir=$${path%/*}; dir=$${dir#usr/}; name=$${path##*/}; \
		install -d $(DESTDIR)$(PREFIX)/$$dir; \
		if [ $$dir = bin ]; then target=dhcpbox; else target=../bin/dhcpbox; fi; \
		ln -sfn $$target $(DESTDIR)$(PREFIX)/$$dir/$$name; \
		echo "  LN       $(PREFIX)/$$dir/$$name -> $$target"; \
	done
ifeq ($(CONFIG_UDHCPC),y)
	$(Q)install -D -m 0755 $(srctree)/scripts/udhcpc/default.script \
		$(DESTDIR)$(call unquote,$(CONFIG_UDHCPC_DEFAULT_SCRIPT))
	@echo "  INSTALL  $(call unquote,$(CONFIG_UDHCPC_DEFAULT_SCRIPT))"
endif

# --- The main job ------------------------------------------------------------

demo:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh iproute2
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(obj) all
	$(Q)$(SHELL) $(srctree)/scripts/demo.sh $(obj)/dhcpbox $(srctree)

# Benchmarks print figures; nothing in them passes or fails on speed.
bench:
	$(Q)sh $(srctree)/scripts/ensure-packages.sh iproute2
	$(Q)$(MAKE) -s -f $(srctree)/Makefile O=$(obj) all $(obj)/testsuite/udhcpd_load
	$(Q)$(SHELL) $(srctree)/scripts/bench.sh $(obj)/dhcpbox $(obj)/testsuite/udhcpd_load $(BENCH_CLIENTS)

# Sizes against the budgets (scripts/size.sh): fails on a failed build,
# a BSS over budget or text past its ceiling.
size:
	$(Q)$(SHELL) $(srctree)/scripts/size.sh $(srctree) $(obj)/size "$(CC)" $(MAKE)

# --- Housekeeping ------------------------------------------------------------

clean:
	$(Q)rm -f $(obj)/dhcpbox $(probe_bins) $(obj)/testsuite/seccomp_probe $(obj)/testsuite/resolve_probe $(obj)/testsuite/ere_probe $(obj)/testsuite/nofilter_shim.so $(obj)/testsuite/udhcpd_load $(obj)/testsuite/udhcpd_model \
		$(obj)/testsuite/udhcpc_model $(libbb_a) $(udhcp_a) $(obj)/.build-flags $(fuzz_bins)
	$(Q)rm -rf $(obj)/coverage $(obj)/build-musl $(obj)/size $(obj)/build-i386 $(addprefix $(srctree)/build-,powerpc-linux-gnu \
		mips-linux-gnu arm-linux-gnueabihf)
	$(Q)find $(addprefix $(obj)/,applets libbb networking testsuite include) \
		\( -name '*.o' -o -name '*.d' -o -name '*.tmp' \) -type f -delete 2>/dev/null || true
	$(Q)for d in applets libbb $(addprefix $(U)/,codec os client server relay) $(U) testsuite/c testsuite fuzz/bin; do \
		rmdir $(obj)/$$d 2>/dev/null || true; done

distclean: clean
	$(Q)rm -rf $(obj)/.config $(obj)/.config.old $(obj)/include $(obj)/defconfig
	$(Q)if [ "$(obj)" != "$(srctree)" ]; then \
		for d in networking applets libbb; do rmdir $(obj)/$$d 2>/dev/null || true; done; fi

help:
	@sed -n '2,13s/^# \{0,1\}//p' $(srctree)/Makefile

-include $(wildcard $(obj)/applets/*.d $(obj)/libbb/*.d $(obj)/networking/*/*.d $(obj)/networking/*/*/*.d $(obj)/testsuite/*/*.d)

endif # mixed_goals

.PHONY: all probes test check-long size test-bigendian test-i386 test-busybox-set test-cross test-cross-mips test-cross-arm static-musl fuzz fuzz-run fuzz_packages coverage install demo bench clean distclean help FORCE $(config_targets)
FORCE:
.SECONDARY:
