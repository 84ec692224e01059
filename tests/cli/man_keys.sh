#!/usr/bin/env bash
# The man pages' KEYS sections must be exactly what the key tables generate
# (scripts/gen-man regenerates them).
set -euo pipefail
top=${TSUNAGU_SOURCE_DIR:?}
bin=${TSUNAGU_BIN:?}
fail=0
for lang in en ja; do
	page=$top/man/tsunagu.1
	[ "$lang" = ja ] && page=$top/man/ja/tsunagu.1
	want=$("$bin" keys --man "$lang")
	have=$(sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$page" | sed '1d;$d')
	if [ -z "$want" ]; then echo "tsunagu keys --man $lang printed nothing"; fail=1; fi
	if [ "$want" != "$have" ]; then
		echo "man page $page: KEYS section differs from 'tsunagu keys --man $lang'; run scripts/gen-man"
		diff <(echo "$have") <(echo "$want") || true
		fail=1
	fi
done
[ $fail = 0 ] && echo "man keys ok"
exit $fail
