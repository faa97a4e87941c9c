#!/bin/sh
# busybox-set.sh CONFIG: turns the .config at CONFIG (a defconfig) into the
# configuration with BusyBox's feature set: udhcpc, udhcpd and dumpleases
# without what BusyBox lacks (the ISC dhcpd.conf reader, dhcprelay, rapid
# commit, the remembered lease, the ARP reserve, -u and seccomp). BOOTP
# stays on, as BusyBox's FEATURE_UDHCPD_BOOTP. Used by make size (its
# budget) and make test-busybox-set (the suites on it); run olddefconfig
# after it.
set -eu
for s in FEATURE_UDHCPD_ISC_CONF DHCPRELAY FEATURE_UDHCP_RAPID_COMMIT \
	 FEATURE_UDHCPC_REMEMBER_LEASE FEATURE_UDHCPD_ARP_RESERVE FEATURE_UDHCPD_USER \
	 FEATURE_UDHCPD_SECCOMP; do
	sed -i "s/^CONFIG_$s=.*/# CONFIG_$s is not set/" "$1"
done
