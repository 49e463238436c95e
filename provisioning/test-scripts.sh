#!/bin/bash
# Checks the provisioning shell scripts, udev rule and unit. Fails when shellcheck is missing;
# says plainly what it could not check (udevadm verify needs systemd >= 254).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
status=0

command -v shellcheck >/dev/null || { echo "FAIL: shellcheck is missing: install the package shellcheck" >&2; exit 1; }
for script in "$here/make-bundle" "$here/sensor-agent-usb-provision" "$here/test-scripts.sh" "$repo/certs-sample/make-certs.sh"; do
  if shellcheck "$script"; then echo "ok: shellcheck ${script#"$repo"/}"; else status=1; fi
done

rule="$here/99-sensor-agent-usb.rules"
if command -v udevadm >/dev/null && udevadm verify --help >/dev/null 2>&1; then
  if udevadm verify "$rule"; then echo "ok: udevadm verify ${rule#"$repo"/}"; else status=1; fi
else
  echo "SKIPPED: udevadm verify (needs systemd >= 254; this host has $(udevadm --version 2>/dev/null || echo 'no udevadm'))"
  # what can be checked without it: the rule is one line, uses SYSTEMD_WANTS and no RUN
  if grep -q 'ENV{SYSTEMD_WANTS}+="sensor-agent-provision@%k.service"' "$rule" && ! grep -v '^#' "$rule" | grep -q 'RUN'; then
    echo "ok: ${rule#"$repo"/} starts the unit through SYSTEMD_WANTS and runs nothing itself"
  else
    echo "FAIL: ${rule#"$repo"/} must start sensor-agent-provision@%k.service via SYSTEMD_WANTS, without RUN"; status=1
  fi
fi

if command -v systemd-analyze >/dev/null; then
  # verify needs ExecStart to exist: check a copy pointing at the script in this checkout
  units=$(mktemp -d)
  trap 'rm -rf "$units"' EXIT
  sed "s|/usr/lib/sensor-agent/sensor-agent-usb-provision|$here/sensor-agent-usb-provision|" \
    "$here/sensor-agent-provision@.service" >"$units/sensor-agent-provision@.service"
  ln -s "sensor-agent-provision@.service" "$units/sensor-agent-provision@sda1.service"
  # the stick's device unit and the agent's unit do not exist on a build machine: not errors here
  output=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$units/sensor-agent-provision@sda1.service" 2>&1 |
    grep -v -e 'dev-sda1.device' -e 'sensor-agent.service') || true
  if [[ -z "$output" ]]; then
    echo "ok: systemd-analyze verify sensor-agent-provision@.service"
  else
    echo "FAIL: systemd-analyze verify:"; echo "$output"; status=1
  fi
else
  echo "SKIPPED: systemd-analyze is not installed"
fi
exit "$status"
