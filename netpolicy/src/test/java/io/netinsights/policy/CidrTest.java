package io.netinsights.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CIDR containment for IPv4 and IPv6 and literal address parsing without lookups. */
class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "10.1.2.3/32, 10.1.2.3, true",
        "10.1.2.3/32, 10.1.2.4, false",
        "0.0.0.0/0, 1.2.3.4, true",
        "10.1.2.3/24, 10.1.2.200, true",
        "192.168.1.128/25, 192.168.1.127, false",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::/0, 10.0.0.1, false",
        "0.0.0.0/0, ::1, false",
        "fd00::/8, fd12:3456::1, true",
        "10.0.0.0/8, ::ffff:10.0.0.1, true",
        "::ffff:0:0/96, 10.0.0.1, true",
        "fe80::/10, fe80::1%eth0, true",
        "2001:db8::/126, 2001:db8::3, true",
        "2001:db8::/126, 2001:db8::4, false",
        "10.0.0.0/8, not-an-ip, false",
    })
    void contains(String cidr, String ip, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "1::2::3",
                "12345::",
                "g::1",
                "1:2:3:4:5:6:7:8:9",
                "example.com",
                ""
            })
    void rejectsWhatIsNotALiteral(String text) {
        assertThatThrownBy(() -> IpAddresses.parse(text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "::, 16",
        "::1, 16",
        "1:2:3:4:5:6:7:8, 16",
        "::ffff:1.2.3.4, 4",
        "1.2.3.4, 4",
        "64:ff9b::1.2.3.4, 16"
    })
    void parsesLiterals(String text, int length) {
        assertThat(IpAddresses.parse(text)).hasSize(length);
    }
}
