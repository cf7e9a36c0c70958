package io.netinsights.capture;

import io.netinsights.capture.testutils.TestPcaps;
import io.netinsights.capture.testutils.TestPcaps.Capture;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * DNS items of the shared captures against tshark 4.0. Expectations come from {@code tshark -r F -Y
 * dns -T fields -e dns.id -e dns.flags.response -e dns.flags.rcode -e dns.qry.name -e dns.qry.type
 * -e dns.count.answers -e dns.a -e dns.aaaa -e dns.cname -e dns.response_to}, run once and written
 * down here.
 */
class PcapItemReaderDnsTest {

    @Test
    void deepflowDnsOverTcp() {
        // tshark: 0xdfe3 guoyongxin.com A -> rcode 3, 0 answers; 0xecd4 yunshan.net.cn A -> 0
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/dns__dns.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("guoyongxin.com", "A", "NXDomain", 0),
                        tuple("yunshan.net.cn", "A", "NoError", 0));
        Map<String, Object> item = c.json(0);
        assertThat(item.get("protocol"))
                .isEqualTo(
                        Map.of(
                                "name", "dns",
                                "version", "0",
                                "abbr", "DNS",
                                "longName", "Domain Name System",
                                "macro", "dns",
                                "layer4", "tcp",
                                "ports", List.of("53")));
        assertThat(c.request(0)).containsEntry("opCode", "Query");
        assertThat(c.response(0)).containsKeys("authorities", "additionals");
        assertThat(c.stats.items("dns")).isEqualTo(2);
    }

    @Test
    void zeekLongConnectionPairsElevenQueries() {
        // tshark: 11 query/response pairs from port 32795 (types 15, 29, 12, 1, 28, 28, 28, 28,
        // 28, 28, 255), answers 6, 0, 1, 1, 1, 1, 1, 0, 0, 0, 2; www.example.notginh -> rcode 3
        Capture c = TestPcaps.read(TestPcaps.pcap("zeek/dns__long-connection.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("google.com", "MX", "NoError", 6),
                        tuple("google.com", "LOC", "NoError", 0),
                        tuple("104.9.192.66.in-addr.arpa", "PTR", "NoError", 1),
                        tuple("www.netbsd.org", "A", "NoError", 1),
                        tuple("www.netbsd.org", "AAAA", "NoError", 1),
                        tuple("www.netbsd.org", "AAAA", "NoError", 1),
                        tuple("www.google.com", "AAAA", "NoError", 1),
                        tuple("www.l.google.com", "AAAA", "NoError", 0),
                        tuple("www.example.com", "AAAA", "NoError", 0),
                        tuple("www.example.notginh", "AAAA", "NXDomain", 0),
                        tuple("www.isc.org", "ANY", "NoError", 2));
        assertThat(answer(c, 3, 0))
                .containsEntry("ip", "204.152.190.12")
                .containsEntry("ttl", 82159);
        assertThat(answer(c, 4, 0)).containsEntry("ip", "2001:4f8:4:7:2e0:81ff:fe52:9a6b");
        assertThat(answer(c, 6, 0))
                .containsEntry("type", "CNAME")
                .containsEntry("cname", "www.l.google.com");
        assertThat(c.json(0).get("protocol")).extracting("layer4").isEqualTo("udp");
        assertThat(c.stats.unpaired()).isZero();
        assertThat(c.stats.parseErrors()).isZero();
    }

    @Test
    void deepflowNxdomain() {
        // tshark: AAAA -> rcode 3; A -> 0 with 100.103.26.52; AAAA -> rcode 3 (all over one TCP
        // connection from port 17934)
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/dns__nxdomain.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("prod-fcdt-e02.int.frontnode.net", "AAAA", "NXDomain", 0),
                        tuple("dockerauth-ee-vpc.cn-shenzhen.aliyuncs.com", "A", "NoError", 1),
                        tuple(
                                "registry.yingmi-inc.com.monitor.svc.cluster.local",
                                "AAAA",
                                "NXDomain",
                                0));
        assertThat(answer(c, 1, 0)).containsEntry("ip", "100.103.26.52");
    }

    @Test
    void suricataDoubleRequestPairsByTransactionId() {
        // tshark: queries 0x0001 (A) and 0x0002 (AAAA) from port 53 to 53, then responses 0x0001
        // (8 answers) and 0x0002 (2607:f8b0:400a:809::2004)
        Capture c =
                TestPcaps.read(
                        TestPcaps.pcap(
                                "suricata/dns__dns-udp-double-request-response__"
                                        + "dns-udp-double-request-response.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("www.google.com", "A", "NoError", 8),
                        tuple("www.google.com", "AAAA", "NoError", 1));
        assertThat(answer(c, 1, 0)).containsEntry("ip", "2607:f8b0:400a:809::2004");
        assertThat(answer(c, 0, 0))
                .containsEntry("name", "www.google.com")
                .containsEntry("type", "A")
                .containsEntry("class", "IN")
                .containsEntry("ttl", 264)
                .containsEntry("ip", "24.244.4.56");
    }

    @Test
    void deepflowTwoQueriesInOneTcpSegment() {
        // tshark: frame 4 carries 0xe831 (A) and 0x5939 (AAAA); answers in frames 6 (1) and 8 (0)
        Capture c = TestPcaps.read(TestPcaps.pcap("deepflow/dns__dns-tcp-multi.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple(
                                "details.deepflow-ebpf-istio-demo.svc.cluster.local",
                                "A",
                                "NoError",
                                1),
                        tuple(
                                "details.deepflow-ebpf-istio-demo.svc.cluster.local",
                                "AAAA",
                                "NoError",
                                0));
    }

    @Test
    void suricataAnswerTypes() {
        // tshark: google.com A (12 answers), AAAA (1), MX (5)
        Capture c =
                TestPcaps.read(
                        TestPcaps.pcap(
                                "suricata/dns__dns-udp-eve-log-answer-only__"
                                        + "dns-udp-google.com-a-aaaa-mx.pcap"));

        assertThat(summaries(c))
                .containsExactly(
                        tuple("google.com", "A", "NoError", 12),
                        tuple("google.com", "AAAA", "NoError", 1),
                        tuple("google.com", "MX", "NoError", 5));
        assertThat(answer(c, 2, 0)).containsKeys("mx", "preference");
    }

    /** (first question name, type, response code, answer count) per item. */
    @SuppressWarnings("unchecked")
    static List<Tuple> summaries(Capture c) {
        List<Tuple> out = new ArrayList<>();
        for (int i = 0; i < c.items.size(); i++) {
            Map<String, Object> q =
                    ((List<Map<String, Object>>) c.request(i).get("questions")).get(0);
            Map<String, Object> resp = c.response(i);
            out.add(
                    tuple(
                            q.get("name"),
                            q.get("type"),
                            resp == null ? null : resp.get("code"),
                            resp == null ? null : ((List<?>) resp.get("answers")).size()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> answer(Capture c, int item, int index) {
        return ((List<Map<String, Object>>) c.response(item).get("answers")).get(index);
    }
}
