package io.lrtyield.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte-for-byte TCP relay on 127.0.0.1 in front of one local port (the services' WebSocket to Anvil goes through it)
 * that can drop every open connection and refuse new ones for a while: a load balancer cutting long-lived sockets, a
 * node restarting.
 */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long refuseUntilNanos;

    TcpRelay(int port, int upstreamPort) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        Thread.ofVirtual().name("tcp-relay-" + port).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (System.nanoTime() < refuseUntilNanos) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                accepted.incrementAndGet();
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // closed, or the upstream refused: the client sees its socket closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // dropped or closed by either side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Cuts every open connection at once and refuses new ones for {@code refuseFor}; returns how many were cut. */
    int drop(Duration refuseFor) {
        refuseUntilNanos = System.nanoTime() + refuseFor.toNanos();
        int n = 0;
        for (Socket s : open) {
            closeQuietly(s);
            n++;
        }
        return n / 2;
    }

    /** Connections accepted so far (a reconnect after a drop adds one). */
    int accepted() {
        return accepted.get();
    }

    private void closeQuietly(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::closeQuietly);
    }
}
