#!/usr/bin/env bash
# The Debian packages the tests (and the PC/SC binding's build) need: installed where we are root on
# Debian, listed otherwise. Used by `npm test` and, before `npm ci`, by CI.
set -euo pipefail
DEBIAN_PACKAGES="fonts-ocr-b libopenjp2-tools openssl dbus-daemon gnome-keyring chromium fonts-noto-cjk poppler-utils socat pcscd libpcsclite-dev vsmartcard-vpcd libusb-1.0-0 cups printer-driver-cups-pdf cups-client cups-ipp-utils xvfb"
missing=$(for p in $DEBIAN_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done 2>/dev/null || true)
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "debian-packages: installing" $missing
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "debian-packages: these Debian packages are missing (install them as root):" $missing >&2
  fi
fi
