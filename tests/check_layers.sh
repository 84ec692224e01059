#!/usr/bin/env bash
# The core library and the subcommands must never see curses; only src/ui may.
# Also enforces the banned-function list of STYLE.md rule 17.
set -u
top=${1:?source dir}
cd "$top" || exit 2
fail=0
bad=$(grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/)' src include \
      | grep -v '^src/ui/')
if [ -n "$bad" ]; then echo "curses outside src/ui: $bad"; fail=1; fi
banned=$(grep -rnE '\b(sprintf|strcpy|strcat|strtok|gets|localtime)[[:space:]]*\(' src include)
if [ -n "$banned" ]; then echo "banned functions:"; echo "$banned"; fail=1; fi
# the UI must not reach SQLite directly
sqlui=$(grep -rlE 'sqlite3_' src/ui src/cli src/main.c 2>/dev/null)
if [ -n "$sqlui" ]; then echo "sqlite3 used outside the core: $sqlui"; fail=1; fi
[ $fail = 0 ] && echo "layers ok"
exit $fail
