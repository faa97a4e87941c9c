#!/usr/bin/awk -f
#
# Writes the C header for a .config: for every symbol declared in the
# Kconfig files (also those that are off, which .config leaves out),
#	CONFIG_X	its value (1 for bool, the string, the number)
#	ENABLE_X	1 or 0, for `if (ENABLE_X)` in C code
#	IF_X(...)	its arguments when X is on, nothing when off
#	IF_NOT_X(...)	the reverse
#
# usage: awk -v srctree=DIR -v kconfig=Config.in -f mkconfigh.awk .config
#
# It needs no kconfig-frontends, so a machine without them can still build
# the checked-in configs/defconfig.

function read_kconfig(file,	line, n, f, sym)
{
	while ((getline line < file) > 0) {
		n = split(line, f, /[ \t]+/)
		if (f[1] == "")
			shift_fields(f, n)
		if (f[1] == "source") {
			sub(/^"/, "", f[2]); sub(/"$/, "", f[2])
			read_kconfig(srctree "/" f[2])
		} else if (f[1] == "config" || f[1] == "menuconfig") {
			sym = f[2]
			if (!(sym in type))
				order[nsyms++] = sym
			type[sym] = "unknown"
			last = sym
		} else if (last != "" && f[1] ~ /^(bool|tristate|string|int|hex)$/) {
			type[last] = f[1]
			last = ""
		} else if (f[1] == "def_bool" && last != "") {
			type[last] = "bool"
			last = ""
		}
	}
	if (close(file) < 0 || nsyms == 0) {
		print "mkconfigh: cannot read " file > "/dev/stderr"
		exit 1
	}
}

# Lines indented with a tab split into an empty first field: drop it.
function shift_fields(f, n,	i)
{
	for (i = 1; i < n; i++)
		f[i] = f[i + 1]
	delete f[n]
}

BEGIN {
	read_kconfig(srctree "/" kconfig)
}

/^CONFIG_[A-Za-z0-9_]+=/ {
	eq = index($0, "=")
	value[substr($0, 8, eq - 8)] = substr($0, eq + 1)
}

END {
	print "/* Generated from .config by scripts/mkconfigh.awk: do not edit. */"
	print "#ifndef DHCPBOX_AUTOCONF_H"
	print "#define DHCPBOX_AUTOCONF_H"
	for (i = 0; i < nsyms; i++) {
		s = order[i]
		on = (s in value) && value[s] != "n"
		print ""
		if (type[s] == "string")
			print "#define CONFIG_" s " " (on ? value[s] : "\"\"")
		else if (type[s] == "int" || type[s] == "hex")
			print "#define CONFIG_" s " " (on ? value[s] : "0")
		else if (on)
			print "#define CONFIG_" s " 1"
		else
			print "#undef CONFIG_" s
		print "#define ENABLE_" s " " (on ? 1 : 0)
		print "#define IF_" s "(...)" (on ? " __VA_ARGS__" : "")
		print "#define IF_NOT_" s "(...)" (on ? "" : " __VA_ARGS__")
	}
	print ""
	print "#endif"
}
