#!/usr/bin/env bash
# Installs what dvm needs from Debian's packages (only the missing ones) and
# builds it.  Usage: scripts/setup.sh [Release|Debug] [extra packages...]
set -euo pipefail
cd "$(dirname "$0")/.."

build_type=${1:-Release}
shift || true

# Everything the build runs or links against.  The CMake configs of the
# libraries name what they pull in: Debian's ANTLR runtime links libuuid
# (uuid-dev); asmjit is a static library that links pthread and rt (libc6-dev,
# with g++).  The end-to-end tests drive the control channel with perl.
# Remote procedures and cluster updates: the NATS C client, libcurl and
# nlohmann-json (etcd's JSON gateway); the servers themselves (nats-server,
# etcd-server, and etcdctl from etcd-client) for scripts/cluster.sh and the
# distributed tests, which put nodes in network namespaces with ip and tc
# (iproute2).
# scripts/fresh-check.sh proves this list on a minimal Debian 12.
packages=(g++ make cmake ccache antlr4 default-jre-headless libantlr4-runtime-dev uuid-dev
          libasmjit-dev libboost-program-options-dev libgtest-dev perl
          libnats-dev libcurl4-openssl-dev nlohmann-json3-dev nats-server etcd-server etcd-client iproute2 "$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=build
[ "$build_type" = Release ] || build_dir="build-$(echo "$build_type" | tr 'A-Z' 'a-z')"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
