# The last line of every suite: runs it with shunit2.
. /usr/share/shunit2/shunit2
