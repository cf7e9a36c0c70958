package io.netinsights.capture.dissect.dns;

/** Mnemonics of DNS record types, classes, response codes and opcodes (IANA registry names). */
final class DnsNames {

    static final int TYPE_A = 1;
    static final int TYPE_NS = 2;
    static final int TYPE_CNAME = 5;
    static final int TYPE_SOA = 6;
    static final int TYPE_PTR = 12;
    static final int TYPE_MX = 15;
    static final int TYPE_TXT = 16;
    static final int TYPE_AAAA = 28;
    static final int TYPE_SRV = 33;
    static final int TYPE_OPT = 41;

    private DnsNames() {}

    private static final String[] TYPES = new String[258];

    static {
        String[] known = {
            "1 A",
            "2 NS",
            "5 CNAME",
            "6 SOA",
            "12 PTR",
            "13 HINFO",
            "15 MX",
            "16 TXT",
            "28 AAAA",
            "29 LOC",
            "33 SRV",
            "35 NAPTR",
            "41 OPT",
            "43 DS",
            "46 RRSIG",
            "47 NSEC",
            "48 DNSKEY",
            "50 NSEC3",
            "52 TLSA",
            "64 SVCB",
            "65 HTTPS",
            "99 SPF",
            "251 IXFR",
            "252 AXFR",
            "255 ANY",
            "257 CAA"
        };
        for (String k : known) {
            int sp = k.indexOf(' ');
            TYPES[Integer.parseInt(k.substring(0, sp))] = k.substring(sp + 1);
        }
    }

    /** The mnemonic of a record type, or {@code TYPE<n>} (RFC 3597) when it has none here. */
    static String type(int t) {
        String name = t < TYPES.length ? TYPES[t] : null;
        return name != null ? name : "TYPE" + t;
    }

    static String dnsClass(int c) {
        switch (c) {
            case 1:
                return "IN";
            case 3:
                return "CH";
            case 4:
                return "HS";
            case 254:
                return "NONE";
            case 255:
                return "ANY";
            default:
                return "CLASS" + c;
        }
    }

    private static final String[] RCODES = {
        "NoError",
        "FormErr",
        "ServFail",
        "NXDomain",
        "NotImp",
        "Refused",
        "YXDomain",
        "YXRRSet",
        "NXRRSet",
        "NotAuth",
        "NotZone"
    };

    static String rcode(int r) {
        return r >= 0 && r < RCODES.length ? RCODES[r] : "RCODE" + r;
    }

    static String opcode(int o) {
        switch (o) {
            case 0:
                return "Query";
            case 1:
                return "IQuery";
            case 2:
                return "Status";
            case 4:
                return "Notify";
            case 5:
                return "Update";
            case 6:
                return "DSO";
            default:
                return "OPCODE" + o;
        }
    }

    static boolean isKnownOpcode(int o) {
        return o <= 2 || (o >= 4 && o <= 6);
    }
}
