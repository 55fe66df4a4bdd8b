package io.github.cm4j.wmi.rpc;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A TCP connection (ncacn_ip_tcp, MS-RPCE 2.1) that reads and writes whole PDU fragments with a deadline on
 * every operation, connect included. The socket is non-blocking and waits on a selector of its own, so a peer that
 * stops reading or writing costs the caller no more than its deadline and no thread. {@link #close()} is
 * idempotent and may come from another thread: it ends a wait in progress with an {@link AsynchronousCloseException}.
 */
final class PduChannel implements Closeable {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private volatile boolean closed;

    private PduChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.key = channel.register(selector, 0);
    }

    /** Wraps an accepted connection. */
    static PduChannel accepted(SocketChannel channel) throws IOException {
        channel.socket().setTcpNoDelay(true);
        return new PduChannel(channel);
    }

    /**
     * Connects with a deadline.
     *
     * @param deadline a {@link System#nanoTime()} deadline
     * @throws SocketTimeoutException when the deadline passes first
     */
    static PduChannel connect(InetSocketAddress address, long deadline) throws IOException {
        SocketChannel ch = SocketChannel.open();
        PduChannel c;
        try {
            ch.socket().setTcpNoDelay(true);
            c = new PduChannel(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        try {
            if (!ch.connect(address)) {
                c.await(SelectionKey.OP_CONNECT, deadline, "connect");
                ch.finishConnect();
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** @return the remote address, or {@code null} once closed */
    InetSocketAddress remote() {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** @return the local port */
    int localPort() {
        return channel.socket().getLocalPort();
    }

    /**
     * Reads one fragment.
     *
     * @param deadline a {@link System#nanoTime()} deadline
     * @param maxFragment the largest frag_length accepted
     * @return the fragment, its header checked
     * @throws EOFException when the peer closed the connection
     * @throws SocketTimeoutException when the deadline passes first
     * @throws RpcFormatException when the header is not one cm4j reads
     */
    Fragment read(long deadline, int maxFragment) throws IOException {
        byte[] header = new byte[Pdu.HEADER];
        readFully(ByteBuffer.wrap(header), deadline, true);
        int length = Fragment.fragLength(header, maxFragment);
        byte[] bytes = new byte[length];
        System.arraycopy(header, 0, bytes, 0, Pdu.HEADER);
        readFully(ByteBuffer.wrap(bytes, Pdu.HEADER, length - Pdu.HEADER), deadline, false);
        return Fragment.parse(bytes, maxFragment);
    }

    private void readFully(ByteBuffer buf, long deadline, boolean atBoundary) throws IOException {
        boolean started = false;
        while (buf.hasRemaining()) {
            int n = io(() -> channel.read(buf));
            if (n < 0) {
                throw new EOFException(atBoundary && !started ? "the peer closed the connection"
                        : "the peer closed the connection in the middle of a PDU");
            }
            if (n > 0) {
                started = true;
            } else {
                await(SelectionKey.OP_READ, deadline, "read");
            }
        }
    }

    /**
     * Writes one fragment.
     *
     * @param deadline a {@link System#nanoTime()} deadline
     * @throws SocketTimeoutException when the deadline passes first
     */
    void write(byte[] fragment, long deadline) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(fragment);
        while (buf.hasRemaining()) {
            if (io(() -> channel.write(buf)) == 0) {
                await(SelectionKey.OP_WRITE, deadline, "write");
            }
        }
    }

    /** An I/O step that may fail because another thread closed the channel. */
    private interface Step {
        int run() throws IOException;
    }

    private int io(Step step) throws IOException {
        if (closed) {
            throw new AsynchronousCloseException();
        }
        return step.run();
    }

    private void await(int op, long deadline, String what) throws IOException {
        try {
            key.interestOps(op);
            while (true) {
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException(what + " did not complete before the deadline");
                }
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                if (selector.select(millis) > 0) {
                    selector.selectedKeys().clear();
                    return;
                }
            }
        } catch (ClosedSelectorException | java.nio.channels.CancelledKeyException e) {
            throw new AsynchronousCloseException();
        } finally {
            if (!closed) {
                try {
                    key.interestOps(0);
                } catch (java.nio.channels.CancelledKeyException ignored) {
                    // closed concurrently; the next step reports it
                }
            }
        }
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
