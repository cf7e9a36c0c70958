package io.netinsights.capture.bench;

import io.netinsights.capture.CaptureOptions;
import io.netinsights.capture.PcapItemReader;

import com.sun.management.OperatingSystemMXBean;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Throughput of {@link PcapItemReader} on an HTTP-heavy capture, against tshark on the same file,
 * in one go. Not a unit test: run {@code main} (see docs/performance.md, "Capture shipper").
 *
 * <p>Arguments: {@code [FILE] [MIN_MB] [PASSES] [WARMUPS] [letters|json]}, defaults {@code
 * target/bench-http.pcap}, 200, 3, 1, letters (response bodies of lowercase letters, or a JSON
 * array with a quote to escape every few bytes). The file is generated when missing or smaller than
 * MIN_MB: Ethernet/IPv4/TCP, batches of 64 concurrent HTTP/1.1 keep-alive connections with a
 * handshake, 100 exchanges each (a GET of about 150 bytes, a response of 200 to 4000 body bytes in
 * segments of at most 1448, a client ACK) and a FIN. Then WARMUPS warm-up passes and PASSES
 * measured passes of the reader on this thread (CPU time of the thread is "per core"; on a busy
 * 2-core machine C2 is still compiling during the first passes, which the process CPU time shows),
 * then {@code tshark -r FILE} and {@code tshark -r FILE -Y http}, three runs each, with output to
 * /dev/null (wall time, and CPU time through /usr/bin/time). Run it with the shipper's JVM flags
 * ({@code -XX:+UseSerialGC}); the first line names the JDK and the collector.
 */
public final class CaptureBench {

    private static final int CONNS_PER_BATCH = 64;
    private static final int EXCHANGES_PER_CONN = 100;
    private static final int MSS = 1448;
    private static final int TSHARK_RUNS = 3;

    private CaptureBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "target/bench-http.pcap");
        long minBytes = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1024 * 1024;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        boolean json = args.length > 4 && args[4].equals("json");
        if (!Files.isRegularFile(file) || Files.size(file) < minBytes) {
            long t0 = System.nanoTime();
            long[] made = generate(file, minBytes, json);
            System.out.printf(
                    "generated %s: %d packets, %d exchanges, %.1f MB in %.1f s%n",
                    file, made[0], made[1], Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
        }
        long bytes = Files.size(file);
        System.out.printf(
                "file %s, %.1f MB, JDK %s, GC %s%n",
                file,
                bytes / 1e6,
                Runtime.version(),
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(" + ")));

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmups; i++) {
            System.out.printf("warm-up %d: %s%n", i + 1, pass(file, mx).line(bytes));
        }
        double bestCpu = Double.MAX_VALUE;
        double sumCpu = 0;
        double sumWall = 0;
        double sumProcess = 0;
        long items = 0;
        for (int i = 0; i < passes; i++) {
            Result r = pass(file, mx);
            System.out.printf("pass %d: %s%n", i + 1, r.line(bytes));
            bestCpu = Math.min(bestCpu, r.cpuS);
            sumCpu += r.cpuS;
            sumWall += r.wallS;
            sumProcess += r.processCpuS;
            items = r.items;
        }
        double cpu = sumCpu / passes;
        double wall = sumWall / passes;
        System.out.printf(
                "reader (mean of %d): %.2f s wall, %.2f s CPU (process %.2f s), %d items, %.0f"
                        + " items/s per core, %.0f Mbit/s per core (%.0f Mbit/s wall)%n",
                passes,
                wall,
                cpu,
                sumProcess / passes,
                items,
                items / cpu,
                bytes * 8 / cpu / 1e6,
                bytes * 8 / wall / 1e6);

        double processCpu = sumProcess / passes;
        compare("tshark -r FILE", List.of("-n", "-r", file.toString()), bytes, wall, processCpu);
        compare(
                "tshark -r FILE -Y http",
                List.of("-n", "-r", file.toString(), "-Y", "http"),
                bytes,
                wall,
                processCpu);
    }

    /**
     * Runs tshark and compares: wall time with our wall time, and tshark's CPU time (user + sys,
     * from /usr/bin/time when it is there) with our process CPU time. On a loaded machine only the
     * CPU comparison means much.
     */
    private static void compare(
            String label, List<String> args, long bytes, double wall, double processCpu)
            throws IOException, InterruptedException {
        double[] t = new double[2];
        for (int i = 0; i < TSHARK_RUNS; i++) {
            double[] run = tshark(args);
            t[0] += run[0] / TSHARK_RUNS;
            t[1] += run[1] / TSHARK_RUNS;
        }
        System.out.printf(
                "%s (mean of %d): %.2f s wall, %.2f s CPU (%.0f Mbit/s wall); ours is %.1fx"
                        + " faster wall for wall, %.1fx CPU for CPU%n",
                label,
                TSHARK_RUNS,
                t[0],
                t[1],
                bytes * 8 / t[0] / 1e6,
                t[0] / wall,
                t[1] / processCpu);
    }

    private record Result(long items, double wallS, double cpuS, double processCpuS) {
        String line(long bytes) {
            return String.format(
                    "%d items, %.2f s wall, %.2f s CPU (process %.2f s), %.0f items/s, %.0f Mbit/s"
                            + " per core",
                    items, wallS, cpuS, processCpuS, items / cpuS, bytes * 8 / cpuS / 1e6);
        }
    }

    private static Result pass(Path file, ThreadMXBean mx) throws IOException {
        // The process CPU time adds the GC and JIT threads, which run on the other core.
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long p0 = os.getProcessCpuTime();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long n = 0;
        try (PcapItemReader reader = PcapItemReader.open(file, CaptureOptions.defaults())) {
            while (reader.hasNext()) {
                reader.next();
                n++;
            }
        }
        return new Result(
                n,
                (System.nanoTime() - t0) / 1e9,
                (mx.getCurrentThreadCpuTime() - c0) / 1e9,
                (os.getProcessCpuTime() - p0) / 1e9);
    }

    /** {wall seconds, CPU seconds (NaN without /usr/bin/time)} of one tshark run. */
    private static double[] tshark(List<String> args) throws IOException, InterruptedException {
        Path time = Path.of("/usr/bin/time");
        Path cpuFile = Files.createTempFile("tshark-cpu", ".txt");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(time)) {
            cmd.addAll(List.of(time.toString(), "-o", cpuFile.toString(), "-f", "%U %S"));
        }
        cmd.add("tshark");
        cmd.addAll(args);
        long t0 = System.nanoTime();
        Process p =
                new ProcessBuilder(cmd)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        int rc = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = Double.NaN;
        String[] userSys = Files.readString(cpuFile).trim().split("\\s+");
        if (userSys.length == 2) {
            cpu = Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1]);
        }
        Files.delete(cpuFile);
        System.out.printf(
                "%s: exit %d, %.2f s wall, %.2f s CPU%n", String.join(" ", cmd), rc, wall, cpu);
        return new double[] {wall, cpu};
    }

    // ---- synthetic capture -------------------------------------------------------------------

    /** Writes the capture; returns {packets, exchanges}. */
    static long[] generate(Path file, long minBytes, boolean json) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random rnd = new Random(42);
        String[] paths = {"/api/v1/users", "/api/v1/orders", "/static/app.js", "/health", "/cart"};
        byte[] body = new byte[4000];
        if (json) {
            // a JSON array of records: a quote every few bytes to escape
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; text.length() < body.length; i++) {
                text.append("{\"id\":")
                        .append(10000 + i)
                        .append(",\"name\":\"user ")
                        .append(i)
                        .append("\",\"email\":\"user")
                        .append(i)
                        .append("@example.com\",\"tags\":[\"a\",\"b\"]},");
            }
            System.arraycopy(
                    text.toString().getBytes(StandardCharsets.US_ASCII), 0, body, 0, body.length);
        } else {
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) ('a' + i % 26);
            }
        }
        String contentType = json ? "application/json" : "text/plain";
        try (Writer w =
                new Writer(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            int batch = 0;
            long exchanges = 0;
            while (w.bytes < minBytes) {
                List<Conn> conns = new ArrayList<>();
                for (int i = 0; i < CONNS_PER_BATCH; i++) {
                    int n = batch * CONNS_PER_BATCH + i;
                    Conn c =
                            new Conn(
                                    0x0a000000 | (n % 250) + 1 << 8 | 1,
                                    0x0a640000 | (n / 250 % 250) + 1,
                                    10000 + n % 50000,
                                    80);
                    c.handshake(w);
                    conns.add(c);
                }
                for (int e = 0; e < EXCHANGES_PER_CONN; e++) {
                    for (Conn c : conns) {
                        String path =
                                paths[rnd.nextInt(paths.length)] + "?id=" + rnd.nextInt(100000);
                        byte[] req =
                                ("GET "
                                                + path
                                                + " HTTP/1.1\r\nHost: svc.default.svc\r\n"
                                                + "User-Agent: bench/1.0\r\nAccept: */*\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII);
                        c.send(w, true, req, 0, req.length);
                        int len = 200 + rnd.nextInt(3801);
                        byte[] head =
                                ("HTTP/1.1 200 OK\r\nContent-Type: "
                                                + contentType
                                                + "\r\nContent-Length: "
                                                + len
                                                + "\r\nServer: bench\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII);
                        byte[] resp = new byte[head.length + len];
                        System.arraycopy(head, 0, resp, 0, head.length);
                        System.arraycopy(body, 0, resp, head.length, len);
                        for (int off = 0; off < resp.length; off += MSS) {
                            c.send(w, false, resp, off, Math.min(MSS, resp.length - off));
                        }
                        c.send(w, true, resp, 0, 0); // client ACK
                        exchanges++;
                    }
                }
                for (Conn c : conns) {
                    c.fin(w);
                }
                batch++;
            }
            return new long[] {w.packets, exchanges};
        }
    }

    private static final class Conn {
        final int cip;
        final int sip;
        final int cport;
        final int sport;
        int cseq = 1000;
        int sseq = 5000;

        Conn(int cip, int sip, int cport, int sport) {
            this.cip = cip;
            this.sip = sip;
            this.cport = cport;
            this.sport = sport;
        }

        void handshake(Writer w) throws IOException {
            w.tcp(cip, sip, cport, sport, cseq, 0, 0x02, null, 0, 0);
            w.tcp(sip, cip, sport, cport, sseq, cseq + 1, 0x12, null, 0, 0);
            cseq++;
            sseq++;
            w.tcp(cip, sip, cport, sport, cseq, sseq, 0x10, null, 0, 0);
        }

        void send(Writer w, boolean fromClient, byte[] data, int off, int len) throws IOException {
            int flags = len > 0 ? 0x18 : 0x10;
            if (fromClient) {
                w.tcp(cip, sip, cport, sport, cseq, sseq, flags, data, off, len);
                cseq += len;
            } else {
                w.tcp(sip, cip, sport, cport, sseq, cseq, flags, data, off, len);
                sseq += len;
            }
        }

        void fin(Writer w) throws IOException {
            w.tcp(cip, sip, cport, sport, cseq, sseq, 0x11, null, 0, 0);
            cseq++;
            w.tcp(sip, cip, sport, cport, sseq, cseq, 0x11, null, 0, 0);
            sseq++;
            w.tcp(cip, sip, cport, sport, cseq, sseq, 0x10, null, 0, 0);
        }
    }

    /** A minimal little-endian pcap writer (link type Ethernet, microsecond timestamps). */
    private static final class Writer implements AutoCloseable {
        final OutputStream out;
        final ByteBuffer buf = ByteBuffer.allocate(16 + 14 + 20 + 20 + 65535);
        long bytes;
        long packets;
        long micros = 1_700_000_000_000_000L;
        short ipId;

        Writer(OutputStream out) throws IOException {
            this.out = out;
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
            h.putInt(65535).putInt(1);
            out.write(h.array());
            bytes = 24;
        }

        void tcp(
                int src,
                int dst,
                int sport,
                int dport,
                int seq,
                int ack,
                int flags,
                byte[] data,
                int off,
                int len)
                throws IOException {
            int frameLen = 14 + 20 + 20 + len;
            micros += 20;
            buf.clear();
            buf.order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000));
            buf.putInt(frameLen).putInt(frameLen);
            buf.order(ByteOrder.BIG_ENDIAN);
            // Ethernet
            buf.putShort((short) 0x0200).putInt(dst);
            buf.putShort((short) 0x0200).putInt(src);
            buf.putShort((short) 0x0800);
            // IPv4
            int ipStart = buf.position();
            buf.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + len));
            buf.putShort(ipId++).putShort((short) 0x4000).put((byte) 64).put((byte) 6);
            buf.putShort((short) 0).putInt(src).putInt(dst);
            int sum = 0;
            for (int i = ipStart; i < ipStart + 20; i += 2) {
                sum += buf.getShort(i) & 0xffff;
            }
            sum = (sum & 0xffff) + (sum >>> 16);
            sum = (sum & 0xffff) + (sum >>> 16);
            buf.putShort(ipStart + 10, (short) ~sum);
            // TCP (checksum left 0, as with checksum offload)
            buf.putShort((short) sport).putShort((short) dport).putInt(seq).putInt(ack);
            buf.put((byte) 0x50).put((byte) flags).putShort((short) 65535);
            buf.putShort((short) 0).putShort((short) 0);
            if (len > 0) {
                buf.put(data, off, len);
            }
            out.write(buf.array(), 0, buf.position());
            bytes += buf.position();
            packets++;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
