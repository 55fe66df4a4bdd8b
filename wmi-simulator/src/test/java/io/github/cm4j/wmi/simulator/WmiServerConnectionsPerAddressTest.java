package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.rpc.AuthLevel;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: {@link WmiServer.Builder#maxConnectionsPerAddress} reaches both endpoints. With a cap of 2, a third
 * connection from 127.0.0.1 is closed at once (not after the 10 s authentication deadline), while a connection from
 * 127.0.0.2 is answered (a bind_ack to its NTLM bind) and an authenticated client is served once a slot is free.
 */
class WmiServerConnectionsPerAddressTest {
    private static final int CAP = 2;

    private static Socket connect(InetAddress local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private static boolean canBind(InetAddress local) {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(local, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aThirdConnectionFromOneAddressIsClosedAtOnceWhileAnotherAddressIsAnswered() throws Exception {
        InetAddress one = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        assumeTrue(canBind(other), "127.0.0.2 cannot be bound here (not Linux?); skipping");
        WmiServer server = WmiServer.builder().provider(SimulatedProvider.demo()).account("LAB", "admin", "Secret1!").maxConnectionsPerAddress(CAP)
                .build();
        int activation = server.start();
        List<Socket> held = new ArrayList<>();
        try {
            for (int port : new int[] {activation, server.exporterPort()}) {
                for (int i = 0; i < CAP; i++) {
                    held.add(connect(one, port));
                }
                long until = System.nanoTime() + 10_000_000_000L;
                while (server.connectionCount() < held.size() && System.nanoTime() < until) {
                    Thread.sleep(10);
                }
                long started = System.nanoTime();
                try (Socket extra = connect(one, port)) {
                    InputStream in = extra.getInputStream();
                    int read;
                    try {
                        read = in.read();
                    } catch (SocketTimeoutException e) {
                        read = -2;
                    } catch (IOException reset) {
                        read = -1; // a reset is a close too
                    }
                    assertThat(read).as("the connection past the cap on port %d is closed", port).isEqualTo(-1);
                }
                assertThat((System.nanoTime() - started) / 1_000_000).as("closed at once (ms)").isLessThan(5_000);
                try (Socket elsewhere = connect(other, port)) {
                    elsewhere.getOutputStream().write(HostileNetworkLoadTest.bindWithNegotiate());
                    byte[] header = elsewhere.getInputStream().readNBytes(16);
                    assertThat(header).hasSize(16);
                    assertThat(header[2]).as("PTYPE of the answer from port %d: bind_ack", port).isEqualTo((byte) 12);
                }
            }
            // one slot free on each endpoint (the held sockets are activation's, then the exporter's), once the server saw the closes
            held.remove(CAP).close();
            held.remove(0).close();
            long until = System.nanoTime() + 10_000_000_000L;
            while (server.connectionCount() > held.size() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            try (RawWmiClient c = RawWmiClient.activate(activation, Credentials.of("LAB\\admin", "Secret1!"), AuthLevel.PKT_PRIVACY)) {
                assertThat(c.execQuery(c.services("root\\sms\\site_CAS"), "SELECT SiteCode FROM SMS_Site", null).status()).isZero();
            }
            assertThat(System.nanoTime()).isLessThan(until);
        } finally {
            for (Socket s : held) {
                s.close();
            }
            server.close();
        }
    }
}
