package io.netinsights.capture.dissect.postgres;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes PostgreSQL protocol 3 messages of both sides, for tests. */
public final class TestingPgMessages {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TestingPgMessages int8(int v) {
        out.write(v);
        return this;
    }

    public TestingPgMessages int16(int v) {
        out.write(v >> 8);
        out.write(v);
        return this;
    }

    public TestingPgMessages int32(int v) {
        return int16(v >> 16).int16(v);
    }

    public TestingPgMessages cstring(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    public TestingPgMessages raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** The body as a message with this type byte. */
    public byte[] typed(char type) {
        byte[] body = out.toByteArray();
        byte[] m = new byte[5 + body.length];
        m[0] = (byte) type;
        put32(m, 1, 4 + body.length);
        System.arraycopy(body, 0, m, 5, body.length);
        return m;
    }

    /** The body as an untyped message (StartupMessage, SSLRequest, ...). */
    public byte[] untyped() {
        byte[] body = out.toByteArray();
        byte[] m = new byte[4 + body.length];
        put32(m, 0, 4 + body.length);
        System.arraycopy(body, 0, m, 4, body.length);
        return m;
    }

    public static TestingPgMessages body() {
        return new TestingPgMessages();
    }

    public static byte[] startup(String user, String database) {
        return body().int32(196608)
                .cstring("user")
                .cstring(user)
                .cstring("database")
                .cstring(database)
                .cstring("application_name")
                .cstring("psql")
                .int8(0)
                .untyped();
    }

    public static byte[] sslRequest() {
        return body().int32(PgNames.SSL_REQUEST).untyped();
    }

    public static byte[] query(String sql) {
        return body().cstring(sql).typed('Q');
    }

    public static byte[] parse(String statement, String sql) {
        return body().cstring(statement).cstring(sql).int16(0).typed('P');
    }

    /** A Bind of text parameters (null for SQL NULL). */
    public static byte[] bind(String portal, String statement, String... params) {
        TestingPgMessages b =
                body().cstring(portal).cstring(statement).int16(0).int16(params.length);
        for (String p : params) {
            if (p == null) {
                b.int32(-1);
            } else {
                byte[] v = p.getBytes(StandardCharsets.UTF_8);
                b.int32(v.length).raw(v);
            }
        }
        return b.int16(0).typed('B');
    }

    public static byte[] describePortal(String portal) {
        return body().int8('P').cstring(portal).typed('D');
    }

    public static byte[] execute(String portal) {
        return body().cstring(portal).int32(0).typed('E');
    }

    public static byte[] sync() {
        return body().typed('S');
    }

    public static byte[] auth(int code) {
        return body().int32(code).typed('R');
    }

    public static byte[] parameterStatus(String name, String value) {
        return body().cstring(name).cstring(value).typed('S');
    }

    public static byte[] ready(char status) {
        return body().int8(status).typed('Z');
    }

    public static byte[] rowDescription(String... columns) {
        TestingPgMessages b = body().int16(columns.length);
        for (String c : columns) {
            b.cstring(c).int32(0).int16(0).int32(25).int16(-1).int32(-1).int16(0);
        }
        return b.typed('T');
    }

    public static byte[] dataRow(String... values) {
        TestingPgMessages b = body().int16(values.length);
        for (String v : values) {
            byte[] x = v.getBytes(StandardCharsets.UTF_8);
            b.int32(x.length).raw(x);
        }
        return b.typed('D');
    }

    public static byte[] commandComplete(String tag) {
        return body().cstring(tag).typed('C');
    }

    public static byte[] error(String severity, String code, String message) {
        return body().int8('S')
                .cstring(severity)
                .int8('V')
                .cstring(severity)
                .int8('C')
                .cstring(code)
                .int8('M')
                .cstring(message)
                .int8('H')
                .cstring("a hint")
                .int8(0)
                .typed('E');
    }

    public static byte[] notice(String message) {
        return body().int8('S').cstring("NOTICE").int8('M').cstring(message).int8(0).typed('N');
    }

    public static byte[] empty(char type) {
        return body().typed(type);
    }

    /** Messages one after the other, as one segment. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
