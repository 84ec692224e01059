#!/usr/bin/env bash
# cmake --install puts the binary, the data files and both man pages in the
# usual GNU places, and the installed binary finds its data there (not in the
# source tree).
set -uo pipefail
bin=${TSUNAGU_BIN:?}
build=$(dirname "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cmake --install "$build" --prefix "$tmp/usr" >/dev/null || { echo "FAIL: cmake --install"; exit 1; }
for f in bin/tsunagu share/tsunagu/eras.tsv share/tsunagu/variants.tsv share/tsunagu/urgency.tsv \
	share/tsunagu/codes/consult_type.tsv share/man/man1/tsunagu.1 share/man/ja/man1/tsunagu.1; do
	[ -e "$tmp/usr/$f" ] && echo "ok: $f" || { echo "FAIL: $f not installed"; fail=1; }
done
# The installed copy must read the installed data: move the copy away from
# every other data directory and make the eras differ.
sed -i 's/^令和\t令\tR\t2019-05-01$/令和\t令\tR\t2019-05-01\n架空\t架\tZ\t2090-01-01/' \
	"$tmp/usr/share/tsunagu/eras.tsv"
out=$(env -u TSUNAGU_DATA_DIR "$tmp/usr/bin/tsunagu" date 2090-01-02 2>&1)
case $out in
*架空元年*) echo "ok: installed binary reads installed data" ;;
*) echo "FAIL: installed binary did not read its own data: $out"; fail=1 ;;
esac
out=$(env -u TSUNAGU_DATA_DIR "$tmp/usr/bin/tsunagu" --db "$tmp/t.db" init --name 検査 2>&1) \
	&& echo "ok: installed init" || { echo "FAIL: installed init: $out"; fail=1; }
exit $fail
