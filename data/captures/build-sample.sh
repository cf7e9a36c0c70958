#!/usr/bin/env bash
# Rebuilds sample.pcap, the capture bundled for the embedded default, from public test captures
# (see README.md here for provenance). Each input is shifted in time with editcap so that they
# follow each other within a few minutes from 2026-01-01T00:00:00Z, then merged with mergecap.
# Needs Wireshark's editcap and mergecap (Debian package tshark or wireshark-common).
set -euo pipefail
SRC=${1:-../../../shared/pcaps}
OUT=$(cd "$(dirname "$0")" && pwd)/sample.pcap
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
BASE=$(date -u -d 2026-01-01T00:00:00Z +%s)
i=0
while read -r offset file; do
  start=$(capinfos -T -S -a "$SRC/$file" | tail -1 | cut -f2)
  shift_by=$(python3 -c "print(${BASE} + ${offset} - ${start})")
  editcap -t "$shift_by" "$SRC/$file" "$TMP/$i.pcap"
  i=$((i + 1))
done <<'LIST'
0 zeek/dns__long-connection.pcap
3 deepflow/dns__dns.pcap
9 deepflow/dns__a-and-ns.pcap
14 deepflow/dns__nxdomain.pcap
17 deepflow/dns__dns-tcp-multi.pcap
22 suricata/dns__dns-udp-eve-log-answer-only__dns-udp-google.com-a-aaaa-mx.pcap
35 suricata/dns__dns-udp-double-request-response__dns-udp-double-request-response.pcap
41 deepflow/http.pcap
48 zeek/http__get.pcap
63 zeek/http__post.pcap
70 deepflow/http__client-ip.pcap
80 zeek/http__pipelined-requests.pcap
LIST
mergecap -F pcap -w "$OUT" "$TMP"/*.pcap
capinfos -c -a -e "$OUT"
