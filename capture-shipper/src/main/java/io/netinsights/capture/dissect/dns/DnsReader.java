package io.netinsights.capture.dissect.dns;

import io.netinsights.capture.decode.Bytes;
import io.netinsights.capture.decode.IpFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bounds-checked reader of the sections of one DNS message, with name decompression. */
final class DnsReader {

    /** The message is malformed; thrown without a stack trace, caught by {@link DnsMessage}. */
    static final class FormatError extends Exception {
        private static final long serialVersionUID = 1L;
        static final FormatError INSTANCE = new FormatError();

        private FormatError() {
            super("malformed DNS message", null, false, false);
        }
    }

    private static final int MAX_NAME = 255;
    private static final int MAX_POINTERS = 64;

    private final byte[] b;
    private final int base;
    private final int end;
    private int pos;

    DnsReader(byte[] b, int base, int end) {
        this.b = b;
        this.base = base;
        this.end = end;
    }

    void seek(int position) {
        pos = position;
    }

    int position() {
        return pos;
    }

    Map<String, Object> question() throws FormatError {
        String name = name();
        need(4);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("name", name);
        q.put("type", DnsNames.type(Bytes.u16(b, pos)));
        q.put("class", DnsNames.dnsClass(Bytes.u16(b, pos + 2)));
        pos += 4;
        return q;
    }

    void records(int count, List<Map<String, Object>> out) throws FormatError {
        for (int i = 0; i < count; i++) {
            out.add(record());
        }
    }

    private Map<String, Object> record() throws FormatError {
        String name = name();
        need(10);
        int type = Bytes.u16(b, pos);
        int cls = Bytes.u16(b, pos + 2);
        long ttl = Bytes.u32(b, pos + 4) & 0xffffffffL;
        int rdlength = Bytes.u16(b, pos + 8);
        pos += 10;
        need(rdlength);
        int rdata = pos;
        pos += rdlength;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("type", DnsNames.type(type));
        r.put("class", type == DnsNames.TYPE_OPT ? "" : DnsNames.dnsClass(cls));
        r.put("ttl", ttl);
        int after = pos;
        rdata(type, cls, rdata, rdlength, r);
        pos = after;
        return r;
    }

    private void rdata(int type, int cls, int at, int len, Map<String, Object> r)
            throws FormatError {
        pos = at;
        switch (type) {
            case DnsNames.TYPE_A:
            case DnsNames.TYPE_AAAA:
                int size = type == DnsNames.TYPE_A ? 4 : 16;
                if (len != size) {
                    throw FormatError.INSTANCE;
                }
                r.put("ip", size == 4 ? IpFormat.ipv4(b, at) : IpFormat.ipv6(b, at));
                break;
            case DnsNames.TYPE_CNAME:
                r.put("cname", name());
                break;
            case DnsNames.TYPE_NS:
                r.put("ns", name());
                break;
            case DnsNames.TYPE_PTR:
                r.put("ptr", name());
                break;
            case DnsNames.TYPE_MX:
                need(2);
                r.put("preference", Bytes.u16(b, pos));
                pos += 2;
                r.put("mx", name());
                break;
            case DnsNames.TYPE_TXT:
                r.put("txt", strings(at + len));
                break;
            case DnsNames.TYPE_SOA:
                r.put("soa", soa());
                break;
            case DnsNames.TYPE_SRV:
                r.put("srv", srv());
                break;
            case DnsNames.TYPE_OPT:
                r.put("udpPayloadSize", cls);
                break;
            default:
                r.put("rdata", hex(at, len));
        }
    }

    private Map<String, Object> soa() throws FormatError {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mname", name());
        s.put("rname", name());
        need(20);
        String[] fields = {"serial", "refresh", "retry", "expire", "minimum"};
        for (String f : fields) {
            s.put(f, Bytes.u32(b, pos) & 0xffffffffL);
            pos += 4;
        }
        return s;
    }

    private Map<String, Object> srv() throws FormatError {
        need(6);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("priority", Bytes.u16(b, pos));
        s.put("weight", Bytes.u16(b, pos + 2));
        s.put("port", Bytes.u16(b, pos + 4));
        pos += 6;
        s.put("target", name());
        return s;
    }

    private List<String> strings(int stop) throws FormatError {
        List<String> out = new ArrayList<>();
        while (pos < stop) {
            int n = b[pos] & 0xff;
            if (pos + 1 + n > stop) {
                throw FormatError.INSTANCE;
            }
            out.add(new String(b, pos + 1, n, StandardCharsets.UTF_8));
            pos += 1 + n;
        }
        return out;
    }

    /** A domain name without the trailing dot ({@code ""} for the root). */
    String name() throws FormatError {
        StringBuilder sb = new StringBuilder(32);
        int p = pos;
        int resume = -1;
        int pointers = 0;
        while (true) {
            if (p >= end) {
                throw FormatError.INSTANCE;
            }
            int len = b[p] & 0xff;
            if (len == 0) {
                p++;
                break;
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 1 >= end || ++pointers > MAX_POINTERS) {
                    throw FormatError.INSTANCE;
                }
                int target = base + (((len & 0x3f) << 8) | (b[p + 1] & 0xff));
                if (target >= p) {
                    throw FormatError.INSTANCE; // only backward pointers: no loops
                }
                if (resume < 0) {
                    resume = p + 2;
                }
                p = target;
                continue;
            }
            if ((len & 0xc0) != 0 || p + 1 + len > end || sb.length() + len > MAX_NAME) {
                throw FormatError.INSTANCE;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            label(p + 1, len, sb);
            p += 1 + len;
        }
        pos = resume >= 0 ? resume : p;
        return sb.toString();
    }

    /** Appends a label; dots and non-printable bytes are escaped as dig does ({@code \046}). */
    private void label(int from, int len, StringBuilder sb) {
        for (int i = from; i < from + len; i++) {
            int c = b[i] & 0xff;
            if (c > 0x20 && c < 0x7f && c != '.' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append('\\')
                        .append((char) ('0' + c / 100))
                        .append((char) ('0' + c / 10 % 10))
                        .append((char) ('0' + c % 10));
            }
        }
    }

    private String hex(int at, int len) {
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = at; i < at + len; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16))
                    .append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    private void need(int n) throws FormatError {
        if (pos + n > end) {
            throw FormatError.INSTANCE;
        }
    }
}
