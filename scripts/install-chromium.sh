#!/usr/bin/env bash
# Makes sure headless Chromium and its WebDriver are installed for the dashboard's browser tests
# (tests/Dashboard.BrowserTests). On Debian as root it installs the Debian packages 'chromium' and
# 'chromium-driver' when missing; elsewhere it says what is missing and fails (the tests are never
# skipped). A no-op when both are there.
set -euo pipefail

BROWSER=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

log() { echo "[chromium] $*" >&2; }

if [ -x "$BROWSER" ] && [ -x "$DRIVER" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  log "$BROWSER or $DRIVER is missing and this is not root: install the Debian packages 'chromium' and 'chromium-driver'."
  exit 1
fi

# fonts-liberation: without recommends no Latin font beyond DejaVu comes along; the README's
# screenshot is taken by the test, so it should look the same on every machine.
log "installing the Debian packages 'chromium', 'chromium-driver' and 'fonts-liberation'"
install_log="$(mktemp)"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation; } \
  >"$install_log" 2>&1; then
  cat "$install_log" >&2
  log "installing chromium failed (log above)"
  exit 1
fi
rm -f "$install_log"

for program in "$BROWSER" "$DRIVER"; do
  if [ ! -x "$program" ]; then
    log "$program is still missing after installing the packages"
    exit 1
  fi
done
log "installed: $("$DRIVER" --version)"
