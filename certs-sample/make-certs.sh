#!/bin/bash
# make-certs.sh: a THROW-AWAY set of credentials for local trials of sensor-agent: a CA, a broker
# certificate (localhost / 127.0.0.1), an operator signing key, a device certificate and key and a
# PSK as two signed provisioning bundles, and a mosquitto.conf for mutual TLS on 8883.
# NEVER use them on a real device: the committed set in certs-sample/sample/ is public and the
# agent refuses it by fingerprint outside `demo`. Make real bundles with provisioning/make-bundle.
set -euo pipefail

usage() {
  echo "usage: make-certs.sh [--days N] [--device ID] OUTDIR   (default 90 days, device meeting-room-1)"
}

days=90 device=meeting-room-1 out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --days) days=${2:?--days needs a value}; shift 2 ;;
    --device) device=${2:?--device needs a value}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) out=$1; shift ;;
  esac
done
[[ -n "$out" ]] || { usage >&2; exit 2; }
[[ ! -e "$out" ]] || { echo "make-certs.sh: $out already exists" >&2; exit 2; }
command -v openssl >/dev/null || { echo "make-certs.sh: openssl is needed (install the package openssl)" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
make_bundle="$here/../provisioning/make-bundle"
umask 077
mkdir -p "$out"
cd "$out"

cat >README.txt <<'TXT'
SAMPLE - THROW-AWAY CREDENTIALS FOR LOCAL TRIALS ONLY.
Made by certs-sample/make-certs.sh. Anyone can read these keys; sensor-agent refuses the committed
set (certs-sample/sample/) by fingerprint outside `demo`. Make real ones with provisioning/make-bundle.
TXT

ext() { printf '%s\n' "$@" >ext.cnf; }

# the CA: signs the broker and the device certificates; outlives both by a day
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
ext "[req]" "distinguished_name = dn" "x509_extensions = ca" "prompt = no" \
  "[dn]" "O = sensor-agent SAMPLE" "CN = sensor-agent SAMPLE CA (throw-away)" \
  "[ca]" "basicConstraints = critical, CA:TRUE" "keyUsage = critical, keyCertSign, cRLSign" \
  "subjectKeyIdentifier = hash"
openssl req -new -x509 -config ext.cnf -key ca.key -days "$((days + 1))" -sha256 -out ca.pem

# the broker: server certificate for localhost and 127.0.0.1
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out broker.key
openssl req -new -key broker.key -subj "/O=sensor-agent SAMPLE/CN=localhost" -out broker.csr
ext "[server]" "basicConstraints = critical, CA:FALSE" "keyUsage = critical, digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:localhost, IP:127.0.0.1" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid"
openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
  -days "$days" -sha256 -extfile ext.cnf -extensions server -out broker.pem 2>/dev/null
rm -f broker.csr ext.cnf

# the operator: its private key signs bundles; devices keep operator.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out operator.key
openssl pkey -in operator.key -pubout -out operator.pem

# the device: a certificate-mode bundle (mqtts) and a PSK bundle (coaps), both signed
"$make_bundle" cert --operator-key operator.key --ca-cert ca.pem --ca-key ca.key --days "$days" \
  --device "$device" --endpoint "mqtts://localhost:8883" --out provisioning >/dev/null
"$make_bundle" psk --operator-key operator.key --device "$device" \
  --endpoint "coaps://localhost:5684/telemetry" --out provisioning-coap >/dev/null

cat >mosquitto.conf <<'CONF'
# SAMPLE mosquitto.conf: mutual TLS on 8883 with the throw-away certificates beside this file.
# Run from this folder as your own user: mosquitto -c mosquitto.conf
# (started as root, mosquitto switches to the user "mosquitto", which must be able to read the keys)
per_listener_settings true
listener 8883 127.0.0.1
cafile ca.pem
certfile broker.pem
keyfile broker.key
tls_version tlsv1.2
# every client must show a certificate signed by ca.pem; its CN becomes the MQTT user name
require_certificate true
use_identity_as_username true
allow_anonymous false
# acknowledge at once: without it every PUBACK waits for Nagle's delayed-ACK timer (~40 ms)
set_tcp_nodelay true
CONF

chmod 0644 ./*.pem README.txt mosquitto.conf
chmod 0600 ./*.key
echo "made throw-away sample credentials in $(pwd):"
ls -l . provisioning provisioning-coap
