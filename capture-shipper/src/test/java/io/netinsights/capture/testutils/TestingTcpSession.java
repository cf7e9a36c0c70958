package io.netinsights.capture.testutils;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Scripts a TCP connection between a client and a server as IP packets with increasing capture
 * times: handshake, data either way (in segments of any size), FIN or RST. A link-layer wrapper
 * turns the packets into frames.
 */
public final class TestingTcpSession {

    private final String client;
    private final int clientPort;
    private final String server;
    private final int serverPort;
    private final List<TestingFrames.Frame> frames = new ArrayList<>();
    private long tsMicros;
    private int clientSeq = 1000;
    private int serverSeq = 5000;

    public TestingTcpSession(
            String client, int clientPort, String server, int serverPort, long startMicros) {
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
        this.tsMicros = startMicros;
    }

    public TestingTcpSession handshake() {
        client(clientSeq++, TestingFrames.SYN, new byte[0]);
        server(serverSeq++, TestingFrames.SYN | TestingFrames.ACK, new byte[0]);
        client(clientSeq, TestingFrames.ACK, new byte[0]);
        return this;
    }

    public TestingTcpSession clientSends(String data) {
        byte[] b = TestingFrames.ascii(data);
        client(clientSeq, TestingFrames.PSH | TestingFrames.ACK, b);
        clientSeq += b.length;
        return this;
    }

    public TestingTcpSession clientSends(byte[] b) {
        client(clientSeq, TestingFrames.PSH | TestingFrames.ACK, b);
        clientSeq += b.length;
        return this;
    }

    public TestingTcpSession serverSends(String data) {
        return serverSends(TestingFrames.ascii(data));
    }

    public TestingTcpSession serverSends(byte[] b) {
        server(serverSeq, TestingFrames.PSH | TestingFrames.ACK, b);
        serverSeq += b.length;
        return this;
    }

    public TestingTcpSession close() {
        client(clientSeq++, TestingFrames.FIN | TestingFrames.ACK, new byte[0]);
        server(serverSeq++, TestingFrames.FIN | TestingFrames.ACK, new byte[0]);
        return this;
    }

    public TestingTcpSession clientReset() {
        client(clientSeq, TestingFrames.RST, new byte[0]);
        return this;
    }

    /** Leaves the packet just scripted out of the capture: it was sent, but not captured. */
    public TestingTcpSession dropLast() {
        frames.remove(frames.size() - 1);
        return this;
    }

    /** Moves the capture clock on. */
    public TestingTcpSession after(long micros) {
        tsMicros += micros;
        return this;
    }

    public int clientSeq() {
        return clientSeq;
    }

    /** A client segment at an explicit sequence number (for reordering and retransmission). */
    public TestingTcpSession clientSegment(int seq, String data) {
        client(seq, TestingFrames.PSH | TestingFrames.ACK, TestingFrames.ascii(data));
        return this;
    }

    /** Advances the client's next sequence number past data sent with {@link #clientSegment}. */
    public TestingTcpSession clientSeqAdvance(int bytes) {
        clientSeq += bytes;
        return this;
    }

    private void client(int seq, int flags, byte[] data) {
        tsMicros += 1000;
        frames.add(
                new TestingFrames.Frame(
                        tsMicros,
                        TestingFrames.tcp(
                                client,
                                clientPort,
                                server,
                                serverPort,
                                seq,
                                serverSeq,
                                flags,
                                data)));
    }

    private void server(int seq, int flags, byte[] data) {
        tsMicros += 1000;
        frames.add(
                new TestingFrames.Frame(
                        tsMicros,
                        TestingFrames.tcp(
                                server,
                                serverPort,
                                client,
                                clientPort,
                                seq,
                                clientSeq,
                                flags,
                                data)));
    }

    /** The packets as raw IP frames. */
    public List<TestingFrames.Frame> frames() {
        return frames(UnaryOperator.identity());
    }

    /** The packets wrapped by a link layer, e.g. {@code TestingFrames::sll}. */
    public List<TestingFrames.Frame> frames(UnaryOperator<byte[]> link) {
        List<TestingFrames.Frame> out = new ArrayList<>();
        for (TestingFrames.Frame f : frames) {
            out.add(new TestingFrames.Frame(f.tsMicros, link.apply(f.bytes)));
        }
        return out;
    }
}
