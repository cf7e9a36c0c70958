package io.netinsights.capture.decode;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** IPv4 and RFC 5952 IPv6 text forms. */
class IpFormatTest {

    @Test
    void ipv4() {
        assertThat(IpFormat.ipv4(0xc0a80001)).isEqualTo("192.168.0.1");
        assertThat(IpFormat.ipv4(0xffffffff)).isEqualTo("255.255.255.255");
    }

    @Test
    void ipv6CompressesTheLongestZeroRun() throws Exception {
        assertThat(v6("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(v6("2001:db8:0:0:0:0:2:1")).isEqualTo("2001:db8::2:1");
        assertThat(v6("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(v6("::")).isEqualTo("::");
        assertThat(v6("::1")).isEqualTo("::1");
        assertThat(v6("fe80::")).isEqualTo("fe80::");
        assertThat(v6("2607:f8b0:400a:809:0:0:0:2004")).isEqualTo("2607:f8b0:400a:809::2004");
        assertThat(v6("::ffff:10.0.0.1")).isEqualTo("::ffff:10.0.0.1");
    }

    private static String v6(String literal) throws Exception {
        byte[] b = InetAddress.getByName(literal).getAddress();
        if (b.length == 4) { // Java turns ::ffff:a.b.c.d into IPv4
            byte[] m = new byte[16];
            m[10] = (byte) 0xff;
            m[11] = (byte) 0xff;
            System.arraycopy(b, 0, m, 12, 4);
            b = m;
        }
        return IpFormat.ipv6(b, 0);
    }
}
