#!/usr/bin/env bash
# Proves the README's quick start on a brand-new Debian 12: makes a minimal
# root (debootstrap --variant=minbase with only git and ca-certificates, as a
# new user's machine), clones the commit under test into it and runs the
# README's two commands there, as root inside chroot.  Any failure fails the
# check with the tail of the transcript.
#
# Usage: scripts/fresh-check.sh [COMMIT]      (default HEAD; needs root or sudo)
#
# Only committed work is checked: the clone is made from COMMIT, not from the
# working tree.  The base root is cached (DVM_FRESH_CACHE, default
# /var/cache/dvm-fresh) and only ever copied, never modified; each check runs
# in its own copy, removed afterwards (kept with DVM_FRESH_KEEP=1).
# DVM_DEBIAN_MIRROR overrides the Debian mirror (default http://deb.debian.org/debian).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=DVM_FRESH_CACHE,DVM_FRESH_KEEP,DVM_DEBIAN_MIRROR "$0" "$@"
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}")
cache=${DVM_FRESH_CACHE:-/var/cache/dvm-fresh}
mirror=${DVM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base="$cache/bookworm-minbase"
started=$(date +%s)

say() { echo "fresh-check: $*"; }

# ---- the base root: made once per machine, then only copied
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
if [ ! -f "$base/.complete" ]; then
  say "making a minimal Debian 12 root in $base (once per machine)"
  mkdir -p "$cache"
  rm -rf "$base.new"
  if ! debootstrap --variant=minbase --include=git,ca-certificates bookworm "$base.new" "$mirror" \
      >"$cache/debootstrap.log" 2>&1; then
    tail -n 30 "$cache/debootstrap.log"
    say "FAILED: debootstrap (log: $cache/debootstrap.log)"
    exit 1
  fi
  touch "$base.new/.complete"
  rm -rf "$base"
  mv "$base.new" "$base"
fi

# ---- a private copy of it, with the commit as a bundle to clone from
root=$(mktemp -d "${cache}/root.XXXXXX")
mounted=()
cleanup() {
  local m
  # Whatever the tests mounted inside the root too (ip netns mounts
  # /run/netns), deepest first, then what this script mounted.
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done < <(awk -v r="$root/" 'index($2, r) == 1 {print $2}' /proc/mounts | sort -r)
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    m=${mounted[i]}
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  if [ "${DVM_FRESH_KEEP:-0}" = 1 ]; then
    say "kept the root: $root"
  else
    rm -rf --one-file-system "$root" || say "could not remove all of $root"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cp -a "$base/." "$root/"
rm -f "$root/.complete"
cp /etc/resolv.conf "$root/etc/resolv.conf"  # the new machine's network, as the user's would be
git -C "$repo" update-ref refs/dvm-fresh-check "$commit"
git -C "$repo" bundle create "$root/tmp/dvm.bundle" refs/dvm-fresh-check >/dev/null 2>&1
git -C "$repo" update-ref -d refs/dvm-fresh-check

for m in proc dev dev/pts; do
  mkdir -p "$root/$m"
  if [ "$m" = proc ]; then mount -t proc proc "$root/proc"; else mount --bind "/$m" "$root/$m"; fi
  mounted+=("$root/$m")
done

# ---- what a new user types, per the README
transcript="$cache/transcript-${commit:0:12}.log"
say "checking ${commit:0:12} in a fresh root (transcript: $transcript)"
user_steps=$(cat <<EOF
set -e
cd /root
git init -q dvm
cd dvm
git fetch -q /tmp/dvm.bundle refs/dvm-fresh-check
git checkout -q --detach $commit
echo '+ scripts/demo.sh'
scripts/demo.sh </dev/null
echo '+ scripts/test.sh'
scripts/test.sh </dev/null
EOF
)
if ! chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c "$user_steps" >"$transcript" 2>&1; then
  echo "----- last 60 lines of the transcript"
  tail -n 60 "$transcript"
  echo "-----"
  say "FAILED after $(($(date +%s) - started)) s: the quick start does not work on a fresh Debian 12"
  exit 1
fi
say "passed in $(($(date +%s) - started)) s: both quick-start commands work on a fresh Debian 12"
