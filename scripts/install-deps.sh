#!/usr/bin/env bash
# Installs the system packages a job needs. Idempotent; as root it uses apt, otherwise it names what is missing.
# usage: scripts/install-deps.sh test|demo
set -euo pipefail

job=${1:-test}
# Rendering without a display (OSMesa) is needed by the simulator, so by both jobs.
demo_pkgs=(libosmesa6 libgl1-mesa-dri)
# Debian's real ROS1 is the peer every interop test talks to; its tools need /usr/bin/python3. iproute2's ip makes the
# two network namespaces of the multi-host test. gcc, libc6-dev and binutils (cc, size, nm) compile and measure the C
# export of a model (model export-c --check and its tests). Cyclone DDS (C library, idlc) and the C compiler build the
# ROS 2 peer of the ros2 interop tests; tcpdump proves their DDS traffic stays on loopback.
test_pkgs=("${demo_pkgs[@]}" xvfb ros-core python3-rosbag python3-roslz4 python3-rospy python3-std-msgs python3-std-srvs
           python3-sensor-msgs python3-geometry-msgs python3-nav-msgs python3-genpy ros-std-msgs ros-std-srvs ros-sensor-msgs
           ros-geometry-msgs ros-nav-msgs python3-numpy iproute2 gcc libc6-dev binutils cyclonedds-dev cyclonedds-tools tcpdump)
case "$job" in
  test) pkgs=("${test_pkgs[@]}") ;;
  demo) pkgs=("${demo_pkgs[@]}") ;;
  *) echo "install-deps: unknown job '$job' (expected test or demo)" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v mvn >/dev/null 2>&1 || missing+=(maven)
# Node may come from elsewhere than Debian (e.g. nodesource, which bundles npm): the commands are what count.
if [ "$job" = test ]; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)

# The MCAP interop test reads and writes files with the reference TypeScript implementation (@mcap/core,
# @mcap/support), at the versions bags/src/test/node/package-lock.json pins.
npm_packages() {
  [ "$job" = test ] || return 0
  local dir
  dir="$(cd "$(dirname "$0")/.." && pwd)/bags/src/test/node"
  [ -d "$dir/node_modules/@mcap/core" ] && [ -d "$dir/node_modules/@mcap/support" ] && return 0
  echo "installing the npm packages of $dir" >&2
  if ! npm ci --prefix "$dir" --no-audit --no-fund >&2; then
    echo "liquidpilot $job: npm ci failed in $dir" >&2
    exit 2
  fi
}

[ ${#missing[@]} -eq 0 ] && { npm_packages; exit 0; }

if [ "$(id -u)" -ne 0 ]; then
  echo "liquidpilot $job needs these Debian packages, which are missing: ${missing[*]}" >&2
  echo "install them as root: apt-get install ${missing[*]}" >&2
  exit 2
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
if ! apt-get install -y -qq "${missing[@]}" >&2; then
  echo "liquidpilot $job: apt-get could not install: ${missing[*]}" >&2
  exit 2
fi
npm_packages
