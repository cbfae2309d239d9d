# tests/wizard-lib.sh - drive "algoff wizard" in a private tmux server.
# Source it: . "$top_srcdir/tests/wizard-lib.sh"
#   wiz_start "ARGS" [WIDTH HEIGHT]  start algoff ARGS in a new tmux session
#   wiz_keys KEY...                  tmux send-keys
#   wiz_type TEXT                    literal text (send-keys -l)
#   wiz_wait TEXT [SECONDS]          wait until TEXT is on screen, else fail
#   wiz_gone TEXT [SECONDS]          wait until TEXT is no longer on screen
#   wiz_screen                       print the screen (capture-pane -p)
#   wiz_line N                       print line N (1-based) of the screen
#   wiz_exit_code [SECONDS]          wait for the program to end, print its code
#   wiz_raw HEX...                   raw bytes (send-keys -H), e.g. PuTTY keys
#   wiz_resize W H                   resize the window and wait until it is W x H
#   wiz_cursor                       print "X Y" of the cursor (0-based)
#   wiz_joined                       the screen as one string: every line
#                                    trimmed, then joined (for wrapped text)
#   wiz_wrapped TEXT                 is TEXT on screen, maybe wrapped (blanks
#                                    are ignored on both sides)?
#   wiz_quit_ok                      q (or F10), y: the program ends with 0
#   wiz_fortigate_form               welcome -> vendor "fortigate" -> form
#   wiz_ssh_form PORT KNOWN_HOSTS    fill the form for the lib.sh sshd
#                                    (127.0.0.1, $TEST_USER, password) and
#                                    submit it
# WIZ_TERM: the TERM the program sees (default screen; xterm for PuTTY keys).
# The tmux server is killed by its socket on exit (wiz_cleanup, trap).
: "${ALGOFF:?}" "${top_srcdir:?}"
. "$top_srcdir/tests/common.sh"
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (apt-get install tmux)"
WIZ_SOCK="algoff-wiz-$$"
WIZ_T=$(mktemp -d "${TMPDIR:-/tmp}/algoff-wiz.XXXXXX") || exit 99
# sanitizer builds: the project's suppressions plus ncurses' panel library
cat "$top_srcdir"/tests/*-lsan.supp > "$WIZ_T/lsan.supp" 2>/dev/null
wiz_tmux() { tmux -L "$WIZ_SOCK" -f /dev/null "$@"; }
wiz_cleanup() {
	wiz_tmux kill-server >/dev/null 2>&1
	rm -rf "$WIZ_T"
}
wiz_fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	wiz_screen 2>/dev/null
	echo "----------------"
	exit 1
}
wiz_start() { # "ARGS" [W H]
	wiz_tmux kill-server >/dev/null 2>&1
	rm -f "$WIZ_T/rc"
	# a clean environment: no agent, no colour preference, a UTF-8 locale
	# when there is one, $HOME under our temp dir
	mkdir -p "$WIZ_T/home"
	# the previous server may still be going away: retry for a while
	_i=0
	until wiz_tmux new-session -d -x "${2:-80}" -y "${3:-24}" \
	    "env -u SSH_AUTH_SOCK HOME='$WIZ_T/home' TERM=${WIZ_TERM:-screen} \
	    ${ALGOFF_DATADIR:+ALGOFF_DATADIR='$ALGOFF_DATADIR'} \
	    LSAN_OPTIONS='suppressions=$WIZ_T/lsan.supp' ${WIZ_ENV:-} '$ALGOFF' $1; \
	    echo \$? > '$WIZ_T/rc'; sleep 60" 2>/dev/null; do
		_i=$((_i + 1))
		[ $_i -lt 30 ] || wiz_fail "tmux new-session"
		sleep 0.2
	done
	wiz_tmux set-option -g remain-on-exit on >/dev/null 2>&1
}
wiz_keys() { wiz_tmux send-keys "$@"; }
wiz_type() { wiz_tmux send-keys -l "$1"; }
wiz_screen() { wiz_tmux capture-pane -p; }
wiz_line() { wiz_screen | sed -n "${1}p"; }
wiz_wait() { # TEXT [SECONDS]
	_n=$(( ${2:-10} * 10 )); _i=0
	while [ $_i -lt $_n ]; do
		wiz_screen | grep -qF -- "$1" && return 0
		sleep 0.1; _i=$((_i + 1))
	done
	wiz_fail "timed out waiting for \"$1\""
}
wiz_gone() { # TEXT [SECONDS]
	_n=$(( ${2:-10} * 10 )); _i=0
	while [ $_i -lt $_n ]; do
		wiz_screen | grep -qF -- "$1" || return 0
		sleep 0.1; _i=$((_i + 1))
	done
	wiz_fail "\"$1\" still on screen"
}
wiz_exit_code() { # [SECONDS]
	_n=$(( ${1:-10} * 10 )); _i=0
	while [ $_i -lt $_n ]; do
		[ -s "$WIZ_T/rc" ] && { cat "$WIZ_T/rc"; return 0; }
		sleep 0.1; _i=$((_i + 1))
	done
	echo "timeout"
}
wiz_raw() { wiz_tmux send-keys -H "$@"; }
wiz_fortigate_form() {
	wiz_wait "Press Enter to start"; wiz_keys Enter
	wiz_wait "Type to filter"; wiz_type "fortigate"; wiz_gone "Cisco IOS"; wiz_keys Enter
	wiz_wait "How does algoff reach your Fortinet FortiGate?"
}
wiz_ssh_form() { # PORT KNOWN_HOSTS
	wiz_type "127.0.0.1"; wiz_keys Tab C-u; wiz_type "$1"; wiz_keys Tab
	wiz_type "$TEST_USER"; wiz_keys Tab
	wiz_screen | grep -q "< password >" || wiz_fail "authentication is not password"
	wiz_keys Tab; wiz_type "$ALGOFF_TEST_PW"; wiz_keys Tab C-u; wiz_type "$2"
	wiz_keys Enter
}
wiz_resize() { # W H
	wiz_tmux resize-window -x "$1" -y "$2"
	_i=0
	while [ $_i -lt 50 ]; do
		[ "$(wiz_tmux display -p '#{pane_width}x#{pane_height}')" = "$1x$2" ] &&
		    { sleep 0.2; return 0; }
		sleep 0.1; _i=$((_i + 1))
	done
	wiz_fail "the window did not become $1x$2"
}
wiz_cursor() { wiz_tmux display -p '#{cursor_x} #{cursor_y}'; }
wiz_joined() { wiz_screen | sed 's/^ *//; s/ *$//' | tr -d '\n'; }
wiz_wrapped() { wiz_joined | tr -d ' ' | grep -qF -- "$(printf '%s' "$1" | tr -d ' ')"; }
wiz_quit_ok() { # [KEY]
	wiz_keys "${1:-q}"; wiz_wait "Quit algoff?"; wiz_keys y
	_rc=$(wiz_exit_code 5)
	[ "$_rc" = 0 ] || wiz_fail "exit code $_rc after choosing to quit"
}
