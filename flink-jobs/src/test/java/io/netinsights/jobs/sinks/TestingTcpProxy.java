package io.netinsights.jobs.sinks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 in front of a local peer. Stopping it drops every connection and
 * refuses new ones, as a network outage would; it can start again on the same port. Used where the
 * peer itself must be stopped without a request in flight (S3Mock's file store is not crash-safe).
 */
final class TestingTcpProxy implements AutoCloseable {
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private int port;

    private TestingTcpProxy(int targetPort) {
        this.targetPort = targetPort;
    }

    static TestingTcpProxy to(URI target) throws IOException {
        TestingTcpProxy p = new TestingTcpProxy(target.getPort());
        p.listen(0);
        return p;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Closes the listening socket and every forwarded connection. */
    synchronized void stop() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    /** Listens again on the same port. */
    synchronized void restart() throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            try {
                listen(port);
                return;
            } catch (BindException e) {
                if (i == 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void listen(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
        server = s;
        port = s.getLocalPort();
        Thread accept = new Thread(() -> accept(s), "tcp-proxy-accept-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // Closed by stop(), or the peer is down: the client sees a reset either way.
                if (!s.isClosed()) {
                    System.err.println("tcp proxy " + port + ": " + e);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buf = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                for (int n; (n = in.read(buf)) >= 0; ) {
                                    out.write(buf, 0, n);
                                    out.flush();
                                }
                            } catch (SocketException e) {
                                // A side closed the connection (or stop() did): the other side is
                                // closed below.
                            } catch (IOException e) {
                                System.err.println("tcp proxy " + port + ": " + e);
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            System.err.println("tcp proxy " + port + ": closing: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
