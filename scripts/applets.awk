#!/usr/bin/awk -f
#
# Prints the install path (sbin/udhcpc) of every applet enabled in .config,
# from the IF_X(APPLET(name, BB_DIR_Y)) lines of applets/applets.h.
#
# usage: awk -f applets.awk .config applets/applets.h

FNR == NR {
	if ($0 ~ /^CONFIG_[A-Za-z0-9_]+=y$/)
		enabled[substr($0, 8, length($0) - 9)] = 1
	next
}

/^[ \t]*IF_[A-Za-z0-9_]+\(APPLET\(/ {
	line = $0
	gsub(/[ \t\\]/, "", line)
	split(line, f, /[(),]/)	# IF_X APPLET name BB_DIR_Y ...
	sym = substr(f[1], 4)
	dir = tolower(substr(f[4], 8))
	sub(/_/, "/", dir)
	if (sym in enabled)
		print dir "/" f[3]
}
