package io.netinsights.capture.testutils;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds small DNS messages (RFC 1035 wire format, no compression unless asked) for tests. */
public final class TestingDns {

    private TestingDns() {}

    /** A standard query with one question of class IN. */
    public static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x0100, 1, 0);
        question(out, name, type);
        return out.toByteArray();
    }

    /** A response with the question and one A record whose name points to the question. */
    public static byte[] answerA(int id, String name, long ttl, String ip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, id, 0x8180, 1, 1);
        question(out, name, 1);
        short16(out, 0xc00c);
        short16(out, 1);
        short16(out, 1);
        short16(out, (int) (ttl >>> 16));
        short16(out, (int) ttl);
        byte[] a = addr(ip);
        short16(out, a.length);
        out.write(a, 0, a.length);
        return out.toByteArray();
    }

    public static void header(ByteArrayOutputStream out, int id, int flags, int qd, int an) {
        short16(out, id);
        short16(out, flags);
        short16(out, qd);
        short16(out, an);
        short16(out, 0);
        short16(out, 0);
    }

    public static void question(ByteArrayOutputStream out, String name, int type) {
        name(out, name);
        short16(out, type);
        short16(out, 1);
    }

    public static void name(ByteArrayOutputStream out, String name) {
        if (!name.isEmpty()) {
            for (String label : name.split("\\.")) {
                out.write(label.length());
                out.write(
                        label.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        0,
                        label.length());
            }
        }
        out.write(0);
    }

    public static void short16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static byte[] addr(String ip) {
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
