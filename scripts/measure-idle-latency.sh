#!/usr/bin/env bash
# Idle end-to-end latency of the one-command run (docs/benchmarks.md): starts the built launcher in a
# fresh data folder, makes SIGNUPS signups two seconds apart (so the system is idle before each one),
# and prints the time from each signup's 201 answer to its .eml file in the mail folder, then the
# process's CPU over 30 idle seconds.
# Usage: scripts/measure-idle-latency.sh PATH/TO/SignupEmail.DevHost.dll [SIGNUPS] [LABEL]
set -euo pipefail
dll=$1; n=${2:-15}; label=${3:-idle}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
out=$data/devhost.out
dotnet "$dll" --port 0 --email-port 0 --dashboard-port 0 --data "$data" > "$out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do grep -q '^SIGNUP_URL=' "$out" && break; sleep 0.1; done
url=$(grep '^SIGNUP_URL=' "$out" | cut -d= -f2-)
mail=$(grep '^MAIL_FOLDER=' "$out" | cut -d= -f2-)
emails() { find "$mail" -name '*.eml' 2>/dev/null | wc -l; }
sleep 5
results=()
for i in $(seq 1 "$n"); do
  before=$(emails)
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url" -H 'Content-Type: application/json' \
    -d "{\"email\":\"idle$i-$RANDOM@example.com\",\"name\":\"Idle $i\",\"password\":\"correct horse battery\",\"locale\":\"en\"}")
  t0=$(date +%s%N)
  [ "$code" = "201" ] || { echo "signup $i answered $code" >&2; kill -TERM $pid; exit 1; }
  while [ "$(emails)" -le "$before" ]; do sleep 0.002; done
  results+=( $(( ($(date +%s%N) - t0) / 1000000 )) )
  sleep 2
done
printf '%s\n' "${results[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1; s+=$1} END {
  printf "%s: n=%d min=%d p50=%d mean=%.0f max=%d ms (", label, NR, a[1], a[int((NR+1)/2)], s/NR, a[NR];
  for (i = 1; i <= NR; i++) printf "%s%d", (i > 1 ? " " : ""), a[i]; print ")" }'
ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }
c0=$(ticks); sleep 30; c1=$(ticks)
awk -v d=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v label="$label" 'BEGIN {printf "%s: idle CPU %.1f %% of one core\n", label, 100 * d / hz / 30}'
kill -TERM $pid; wait $pid || true
