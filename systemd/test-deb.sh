#!/bin/bash
# Installs, upgrades, removes and purges the sensor-agent .deb on this machine and checks each step.
# Needs root and dpkg; systemd need not be running (the maintainer scripts must cope, as in CI or a
# container). Changes the machine: it leaves the system user sensor-agent and the groups i2c and
# gpio behind, as Debian policy asks of a purge. Builds the .deb first if it is missing.
#
#   systemd/test-deb.sh [path/to/sensor-agent_<version>_all.deb]
#
# Ends with a line "N passed, N failed"; exit 0 only if nothing failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # check "what" command...: passes when the command succeeds
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}
finish() {
  echo "test-deb: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if [ "$(id -u)" -ne 0 ]; then
  echo "test-deb: needs root (dpkg -i)" >&2
  exit 2
fi

deb=${1:-}
if [ -z "$deb" ]; then
  deb=$(find "$root/agent/target" -maxdepth 1 -name 'sensor-agent_*_all.deb' 2>/dev/null | head -n 1)
  if [ -z "$deb" ]; then
    echo "test-deb: building the .deb (mvn -q -pl agent -am package -DskipTests)"
    (cd "$root" && mvn -q -B -pl agent -am package -DskipTests)
    deb=$(find "$root/agent/target" -maxdepth 1 -name 'sensor-agent_*_all.deb' | head -n 1)
  fi
fi
[ -f "$deb" ] || { echo "test-deb: no .deb at '$deb'" >&2; exit 2; }
version=$(dpkg-deb -f "$deb" Version)
echo "test-deb: $deb (version $version)"

# A clean start: an earlier run may have left the package installed.
if dpkg -s sensor-agent >/dev/null 2>&1; then # also true for a removed package whose conffiles remain
  dpkg -P sensor-agent >/dev/null
fi

# What the file system holds before; after the purge only what policy keeps may differ.
snapshot() {
  find /etc /usr /var/lib /opt -xdev \
    \( -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/lib/systemd/deb-systemd-helper-enabled \
       -o -path /var/lib/systemd/deb-systemd-helper-masked \) -prune -o -print 2>/dev/null | sort
}
snapshot >"$work/before"

echo "--- dpkg-deb -c"
dpkg-deb -c "$deb" | tee "$work/contents"
for path in ./usr/lib/sensor-agent/sensor-agent.jar ./usr/bin/sensor-agent ./usr/lib/systemd/system/sensor-agent.service \
  ./usr/lib/sysusers.d/sensor-agent.conf ./usr/lib/tmpfiles.d/sensor-agent.conf ./etc/sensor-agent/agent.toml \
  ./usr/share/doc/sensor-agent/README.md ./usr/lib/udev/rules.d/99-sensor-agent-usb.rules \
  ./usr/lib/systemd/system/sensor-agent-provision@.service ./usr/lib/sensor-agent/sensor-agent-usb-provision; do
  check "package holds $path" grep -q " $path\$" "$work/contents"
done
if grep -q ' ./usr/share/doc/sensor-agent/agent.toml.sample$' "$work/contents"; then
  pass "package holds the sample config"
else
  echo "note the sample config (certs-sample/agent.toml) was absent when the .deb was built"
fi
check "the only conffile is /etc/sensor-agent/agent.toml" \
  test "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)" = /etc/sensor-agent/agent.toml
check "depends on a Java 17+ headless runtime" \
  sh -c "dpkg-deb -f '$deb' Depends | grep -qF 'default-jre-headless (>= 2:1.17) | java17-runtime-headless'"

echo "--- dpkg -i"
if dpkg -i "$deb"; then pass "dpkg -i"; else fail "dpkg -i"; finish; fi
check "user sensor-agent exists" getent passwd sensor-agent
groups_of_agent=$(id -nG sensor-agent 2>/dev/null | tr ' ' '\n' | sort | tr '\n' ' ')
if [ "$groups_of_agent" = "gpio i2c sensor-agent " ]; then
  pass "sensor-agent's groups are its own, i2c and gpio"
else
  fail "sensor-agent's groups: '$groups_of_agent'"
fi
check "it has no login shell" sh -c "getent passwd sensor-agent | grep -q ':/usr/sbin/nologin\$'"
check "/var/lib/sensor-agent is 0700 sensor-agent" \
  test "$(stat -c '%a %U %G' /var/lib/sensor-agent)" = "700 sensor-agent sensor-agent"
check "the unit is enabled (multi-user.target.wants)" test -L /etc/systemd/system/multi-user.target.wants/sensor-agent.service
check "launcher is executable" test -x /usr/bin/sensor-agent

echo "--- sensor-agent --help (installed files)"
if out=$(/usr/bin/sensor-agent --help 2>&1) && grep -q "usage: sensor-agent" <<<"$out"; then
  pass "sensor-agent --help"
else
  fail "sensor-agent --help: $out"
fi
if out=$(runuser -u sensor-agent -- /usr/bin/sensor-agent --help 2>&1) && grep -q "usage: sensor-agent" <<<"$out"; then
  pass "sensor-agent --help as user sensor-agent"
else
  fail "sensor-agent --help as user sensor-agent: $out"
fi

echo "--- sensor-agent check --config /etc/sensor-agent/agent.toml"
set +e
out=$(/usr/bin/sensor-agent check --config /etc/sensor-agent/agent.toml 2>&1)
code=$?
set -e
while IFS= read -r line; do echo "    $line"; done <<<"$out"
if [ "$code" -eq 0 ]; then
  pass "sensor-agent check: exit 0"
elif [ "$code" -eq 2 ] && grep -qi 'not provisioned' <<<"$out"; then
  # this machine is not a provisioned device
  pass "sensor-agent check: exit 2, says: $(grep -i -m1 'not provisioned' <<<"$out")"
else
  fail "sensor-agent check: exit $code without 'not provisioned'"
fi

echo "--- systemd-analyze on the installed unit"
verify=$(systemd-analyze verify --man=no --recursive-errors=no /usr/lib/systemd/system/sensor-agent.service 2>&1) || true
if [ -z "$verify" ]; then pass "systemd-analyze verify is silent"; else fail "systemd-analyze verify: $verify"; fi
exposure=$(systemd-analyze security --offline=true /usr/lib/systemd/system/sensor-agent.service 2>&1 |
  sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security --offline=true sensor-agent.service: exposure ${exposure:-none}"
check "exposure ${exposure:-none} <= 2.0" awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 2.0) }'

echo "--- upgrade to $version+1 (conffile edited by the admin is kept)"
echo "# edited by the admin" >>/etc/sensor-agent/agent.toml
uid=$(id -u sensor-agent)
dpkg-deb -R "$deb" "$work/next"
sed -i "s/^Version: .*/Version: ${version}+1/" "$work/next/DEBIAN/control"
dpkg-deb -Zgzip -z1 -b "$work/next" "$work/next.deb" >/dev/null
if dpkg -i "$work/next.deb"; then pass "dpkg -i (upgrade)"; else fail "dpkg -i (upgrade)"; fi
check "version is now ${version}+1" test "$(dpkg-query -W -f '${Version}' sensor-agent)" = "${version}+1"
check "the edited conffile is kept" grep -q "edited by the admin" /etc/sensor-agent/agent.toml
check "no .dpkg-dist/.dpkg-old copies" sh -c '! ls /etc/sensor-agent/*.dpkg-* 2>/dev/null'
check "user id unchanged" test "$(id -u sensor-agent)" = "$uid"
check "still enabled" test -L /etc/systemd/system/multi-user.target.wants/sensor-agent.service

echo "--- dpkg -r (on a device that was used: a queue and provisioning exist)"
install -d -m 0750 /etc/sensor-agent/provisioning
install -m 0600 /dev/null /etc/sensor-agent/provisioning/device.key
runuser -u sensor-agent -- sh -c 'echo queue >/var/lib/sensor-agent/queue.db'
if dpkg -r sensor-agent; then pass "dpkg -r"; else fail "dpkg -r"; fi
check "jar removed" test ! -e /usr/lib/sensor-agent
check "launcher removed" test ! -e /usr/bin/sensor-agent
check "unit removed" test ! -e /usr/lib/systemd/system/sensor-agent.service
check "conffile kept after remove" test -f /etc/sensor-agent/agent.toml
check "dpkg says config-files" test "$(dpkg-query -W -f '${db:Status-Status}' sensor-agent)" = config-files

echo "--- dpkg -P"
if dpkg -P sensor-agent; then pass "dpkg -P"; else fail "dpkg -P"; fi
check "package unknown to dpkg" sh -c '! dpkg -s sensor-agent'
check "/etc/sensor-agent gone" test ! -e /etc/sensor-agent
check "/var/lib/sensor-agent gone" test ! -e /var/lib/sensor-agent
check "no unit links left in /etc/systemd" sh -c '! find /etc/systemd -name "sensor-agent*" | grep -q .'
check "no deb-systemd-helper state left" sh -c '! find /var/lib/systemd -name "*sensor-agent*" | grep -q .'
check "the system user is kept (Debian policy)" getent passwd sensor-agent

snapshot >"$work/after"
# Kept by policy: the user and groups, i.e. the account databases and their '-' backups.
left=$(comm -13 "$work/before" "$work/after" | grep -vE '^/etc/(passwd|group|shadow|gshadow)-?$' || true)
gone=$(comm -23 "$work/before" "$work/after" || true)
if [ -z "$left$gone" ]; then
  pass "nothing left behind but the account entries"
else
  fail "file system differs after purge: new: ${left:-none}; missing: ${gone:-none}"
fi

finish
