# scripts/lib.sh: shared set-up for scripts/run, scripts/test and the benches.
# Sourced, not run. Installs missing Debian/Ubuntu packages when it can (root
# or sudo), otherwise prints the exact apt-get line and stops.
set -euo pipefail

TSU_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TSU_BUILD_PKGS="cmake make gcc pkg-config libncurses-dev libsqlite3-dev libicu-dev"
TSU_TEST_PKGS="libcmocka-dev libvterm-dev clang libclang-rt-dev sqlite3"

tsu_say() { printf '== %s\n' "$*" >&2; }

# tsu_need_packages PKG...: make sure the packages are installed.
tsu_need_packages() {
	local missing=() p
	if ! command -v dpkg-query >/dev/null 2>&1; then
		tsu_say "not a Debian/Ubuntu system: make sure these are installed: $*"
		return 0
	fi
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo="sudo"
		else
			printf 'tsunagu: 必要なパッケージがありません。次を実行してください:\n' >&2
			printf '  sudo apt-get update && sudo apt-get install -y %s\n' "${missing[*]}" >&2
			exit 1
		fi
	fi
	tsu_say "installing: ${missing[*]}"
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# tsu_build DIR [cmake options...]: configure (once) and build.
tsu_build() {
	local dir=$1
	shift
	if [ ! -f "$dir/CMakeCache.txt" ]; then
		cmake -S "$TSU_TOP" -B "$dir" "$@" >&2
	fi
	cmake --build "$dir" -j "$(nproc 2>/dev/null || echo 2)" >&2
}

# tsu_machine: one line naming the machine a benchmark ran on.
tsu_machine() {
	local cpu
	cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
	echo "machine: $(nproc 2>/dev/null || echo '?') CPUs, ${cpu:-unknown CPU}, $(free -g 2>/dev/null | awk '/^Mem:/{print $2 " GiB"}'), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
}
