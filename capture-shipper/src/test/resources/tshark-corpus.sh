#!/usr/bin/env bash
# Regenerates tshark-corpus.tsv, the tshark expectations of CorpusAgreementTest, from every capture
# listed in ../shared/pcaps/MANIFEST.tsv. Recorded with TShark 4.0.17.
#   usage: capture-shipper/src/test/resources/tshark-corpus.sh [PCAP_DIR] > capture-shipper/src/test/resources/tshark-corpus.tsv
# Lines: FILE <TAB> METRIC <TAB> VALUE, where METRIC is a count (http.requests, http.responses,
# http2.streams, dns.queries, dns.responses, redis.commands, kafka.requests, pgsql.messages) or
# http.request / http.response (one line per message: "METHOD URI" or "STATUS", in frame order).
set -euo pipefail
DIR=${1:-$(cd "$(dirname "$0")/../../../.." && pwd)/../shared/pcaps}
# Ports tshark does not decode by itself (the same -d options as the per-protocol tests).
decode_as() {
  case "$1" in
    deepflow/http__grpc-unary.pcap) echo "-d tcp.port==30035,http2" ;;
    deepflow/http__grpc-server-stream.pcap) echo "-d tcp.port==9001,http2" ;;
    deepflow/http__h2c_ascii.pcap) echo "-d tcp.port==7070,http2" ;;
    deepflow/http__http2-multi.pcap) echo "-d tcp.port==3550,http2" ;;
    suricata/http2-errorcode__input.pcap) echo "-d tcp.port==6233,http2" ;;
    deepflow/kafka__00-produce-v9.pcap|deepflow/kafka__01-fetch-v12-ok.pcap) echo "-d tcp.port==36333,kafka" ;;
  esac
}
printf '# tshark %s\n' "$(tshark -v | head -1)"
tail -n +2 "$DIR/MANIFEST.tsv" | cut -f1 | while read -r f; do
  p="$DIR/$f"; d=$(decode_as "$f")
  ts() { tshark -n -r "$p" $d -E occurrence=a -E aggregator='|' "$@" 2>/dev/null || true; }
  # every value of a field, one per line (a frame may carry several messages)
  vals() { ts -Y "$1" -T fields -e "$2" | tr '|' '\n' | grep -v '^$' || true; }
  count() { vals "$1" "$2" | wc -l; }
  echo -e "$f\thttp.requests\t$(count http.request http.request.method)"
  echo -e "$f\thttp.responses\t$(count http.response http.response.code)"
  ts -Y http.request -T fields -e http.request.method -e http.request.uri |
    awk -F'\t' -v f="$f" '{n=split($1,m,"|"); split($2,u,"|"); for(i=1;i<=n;i++) print f "\thttp.request\t" m[i] " " u[i]}'
  vals http.response http.response.code | sed "s#^#$f\thttp.response\t#"
  # HTTP/2 streams: distinct (TCP stream, stream id > 0) that carry a HEADERS frame
  echo -e "$f\thttp2.streams\t$(ts -Y 'http2.type == 1' -T fields -e tcp.stream -e http2.type -e http2.streamid |
    awk -F'\t' '{n=split($2,t,"|"); split($3,s,"|"); for(i=1;i<=n;i++) if(t[i]==1 && s[i]>0) seen[$1 "/" s[i]]=1} END{print length(seen)}')"
  echo -e "$f\tdns.queries\t$(vals dns dns.flags.response | grep -c -E '^(0|False)$' || true)"
  echo -e "$f\tdns.responses\t$(vals dns dns.flags.response | grep -c -E '^(1|True)$' || true)"
  # RESP requests: tshark's Info column says "Request: ..." once per request frame
  echo -e "$f\tredis.commands\t$(ts -Y resp -T fields -e _ws.col.Info | grep -c 'Request' || true)"
  echo -e "$f\tkafka.requests\t$(count kafka.request_key kafka.request_key)"
  echo -e "$f\tpgsql.messages\t$(count pgsql pgsql.type)"
done
