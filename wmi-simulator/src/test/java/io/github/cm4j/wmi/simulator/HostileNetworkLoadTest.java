package io.github.cm4j.wmi.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cm4j.Credentials;
import io.github.cm4j.simulator.SimulatedProvider;
import io.github.cm4j.wmi.dcom.IRemoteScmActivator;
import io.github.cm4j.wmi.dcom.InterfacePointerResponse;
import io.github.cm4j.wmi.dcom.ObjRefStandard;
import io.github.cm4j.wmi.rpc.AuthLevel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 6: the server as a hostile network would use it. While unauthenticated peers send partial request
 * fragments with 4 GiB alloc hints (64 connections, 1,024 PDUs), flood binds that never finish NTLM, and dribble
 * rpc_auth_3 one byte at a time (slow loris), an authenticated client activates, logs in and queries; the heap
 * after GC stays within {@link #HEAP_BOUND}, the attackers export nothing, and threads and sockets return to their
 * baseline. Bounded to seconds for CI (authTimeout 1 s); docs/testing.md gives the long run.
 */
class HostileNetworkLoadTest {
    /** Documented in docs/testing.md: heap growth after GC under attack. */
    static final long HEAP_BOUND = 32L << 20;
    private static final int SECONDS = Integer.getInteger("cm4j.hostile.seconds", 4);
    private static final UUID NDR20 = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");

    @Test
    void authenticatedClientsAreServedWhileUnauthenticatedPeersFloodAndNothingLeaks() throws Exception {
        SimulatedProvider provider = SimulatedProvider.demo();
        Credentials admin = Credentials.of("LAB\\admin", "Secret1!");
        WmiServer server = WmiServer.builder().provider(provider).account("LAB", "admin", "Secret1!").authTimeout(Duration.ofSeconds(1))
                .build();
        int activation = server.start();
        int exporter = server.exporterPort();
        try (RawWmiClient warm = RawWmiClient.activate(activation, admin, AuthLevel.PKT_PRIVACY)) {
            ObjRefStandard services = warm.services("root\\sms\\site_CAS");
            // released like every later session's: objects left exported would expire (6 minutes unpinged) during a
            // long run and move the baseline
            warm.releaseAll(warm.login, services,
                    (ObjRefStandard) warm.execQuery(services, "SELECT SiteCode FROM SMS_Site", null).value());
        }
        Thread.sleep(300);
        ResourceCounts baseline = ResourceCounts.now(provider);
        long heapBefore = heapAfterGc();
        int exportedBefore = server.exportedObjectCount();
        int sessionsServed;

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService attackers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> attacks = new ArrayList<>();
        List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            // 1. partial fragments with oversized alloc hints: 64 connections x 16 first fragments, no bind
            attacks.add(attackers.submit(() -> {
                int sent = 0;
                for (int c = 0; c < 64; c++) {
                    Socket s = open(c % 2 == 0 ? activation : exporter, sockets);
                    for (int call = 1; call <= 16 && send(s, partialRequest(call)); call++) {
                        sent++;
                    }
                }
                return sent;
            }));
            // 2. a bind flood: NTLM NEGOTIATE in a bind, never an rpc_auth_3
            attacks.add(attackers.submit(() -> {
                int binds = 0;
                while (!stop.get()) {
                    Socket s = open(binds % 2 == 0 ? activation : exporter, sockets);
                    if (send(s, bindWithNegotiate())) {
                        binds++;
                    }
                    Thread.sleep(5);
                }
                return binds;
            }));
            // 3. slow loris: a bind, then an rpc_auth_3 one byte every 200 ms
            for (int i = 0; i < 2; i++) {
                attacks.add(attackers.submit(() -> {
                    int dribbled = 0;
                    while (!stop.get()) {
                        Socket s = open(activation, sockets);
                        if (!send(s, bindWithNegotiate())) {
                            continue;
                        }
                        byte[] auth3 = auth3Header();
                        for (int b = 0; b < auth3.length && !stop.get() && send(s, new byte[] {auth3[b]}); b++) {
                            dribbled++;
                            Thread.sleep(200);
                        }
                    }
                    return dribbled;
                }));
            }
            Thread.sleep(1000);
            assertThat(server.exportedObjectCount()).as("objects exported to unauthenticated peers").isEqualTo(exportedBefore);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            int sessions = 0;
            do {
                try (RawWmiClient c = RawWmiClient.activate(activation, admin, AuthLevel.PKT_PRIVACY)) {
                    ObjRefStandard services = c.services("root\\sms\\site_CAS");
                    InterfacePointerResponse query = c.execQuery(services, "SELECT SiteCode FROM SMS_Site", null);
                    assertThat(query.status()).isZero();
                    // a well-behaved client releases what it obtained (as cm4j's does), so that a long run stays under
                    // the exporter's per-principal limit (4,096 objects) and the export table does not grow
                    c.releaseAll(c.login, services, (ObjRefStandard) query.value());
                }
                sessions++;
            } while (System.nanoTime() < until);
            long heapDuring = heapAfterGc();
            System.out.printf("hostile load: %d authenticated sessions served; heap after GC %d KB before, %d KB under attack%n", sessions,
                    heapBefore / 1024, heapDuring / 1024);
            assertThat(heapDuring - heapBefore).as("heap growth under attack").isLessThan(HEAP_BOUND);
            sessionsServed = sessions;
        } finally {
            stop.set(true);
            attackers.shutdown();
            attackers.awaitTermination(10, TimeUnit.SECONDS);
            synchronized (sockets) {
                sockets.forEach(HostileNetworkLoadTest::closeQuietly);
            }
        }
        assertThat(attacks.get(0).get()).as("partial PDUs sent").isGreaterThanOrEqualTo(64);
        assertThat(attacks.get(1).get()).as("binds sent").isPositive();
        // each authenticated session released its login, services and enumerator objects; the attackers got none
        assertThat(sessionsServed).as("authenticated sessions served under attack").isPositive();
        assertThat(server.exportedObjectCount()).as("objects exported").isEqualTo(exportedBefore);
        baseline.assertNothingLeaked(provider);
        server.close();
    }

    /** The attackers' sockets this JVM keeps open at most: the server and the attackers share one fd limit. */
    private static final int ATTACKER_SOCKETS = 512;

    private static final java.util.concurrent.atomic.AtomicInteger ATTACKER = new java.util.concurrent.atomic.AtomicInteger();

    private static Socket open(int port, List<Socket> sockets) throws IOException {
        Socket s = new Socket();
        // The attack comes from eight hosts (127.0.0.2-9; Linux answers all of 127/8), as a botnet's would: each host
        // stays under the per-address cap (32 a port) while together they exceed the unauthenticated cap (16), so
        // both defences are exercised, and the authenticated client on 127.0.0.1 is never one of them.
        s.bind(new InetSocketAddress(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0,
                (byte) (2 + ATTACKER.getAndIncrement() % 8)}), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        // A remote attacker's sockets cost the server nothing once it has closed them; here they would cost this
        // JVM's file descriptors, which the server shares (a 10-minute run exhausted them, and then the server could
        // accept no one). So the oldest attacker socket is closed beyond the bound; the server has long closed it.
        synchronized (sockets) {
            sockets.add(s);
            if (sockets.size() > ATTACKER_SOCKETS) {
                closeQuietly(sockets.remove(0));
            }
        }
        return s;
    }

    /** @return whether the bytes were written (false once the server closed the socket) */
    private static boolean send(Socket s, byte[] bytes) {
        try {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that is asked
        }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** C706 12.6.3.1 common header, little-endian data representation. */
    private static ByteBuffer header(int ptype, int flags, int fragLength, int authLength, int callId) {
        ByteBuffer b = ByteBuffer.allocate(fragLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 5).put((byte) 0).put((byte) ptype).put((byte) flags).putInt(0x10).putShort((short) fragLength)
                .putShort((short) authLength).putInt(callId);
        return b;
    }

    /** A request's first fragment (not last) claiming a 4 GiB stub (alloc_hint 0xFFFFFFFF), 16 bytes of stub. */
    static byte[] partialRequest(int callId) {
        ByteBuffer b = header(0, 0x01, 16 + 8 + 16, 0, callId);
        b.putInt(-1).putShort((short) 0).putShort((short) 3).put(new byte[16]);
        return b.array();
    }

    private static void putUuid(ByteBuffer b, UUID u) {
        ByteBuffer be = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        byte[] r = be.array();
        b.put(r[3]).put(r[2]).put(r[1]).put(r[0]).put(r[5]).put(r[4]).put(r[7]).put(r[6]).put(r, 8, 8);
    }

    /** A bind of IRemoteSCMActivator at PKT_PRIVACY with an NTLM NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1). */
    static byte[] bindWithNegotiate() {
        ByteBuffer token = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        token.put("NTLMSSP\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(0xe2088297).put(new byte[16]);
        int body = 4 + 4 + 4 + 4 + 20 + 20;
        int length = 16 + body + 8 + 32;
        ByteBuffer b = header(11, 0x03, length, 32, 1);
        b.putShort((short) 5840).putShort((short) 5840).putInt(0).put((byte) 1).put(new byte[3]);
        b.putShort((short) 0).put((byte) 1).put((byte) 0);
        putUuid(b, IRemoteScmActivator.IID);
        b.putInt(0);
        putUuid(b, NDR20);
        b.putInt(2);
        b.put((byte) 10).put((byte) 6).put((byte) 0).put((byte) 0).putInt(0).put(token.array());
        return b.array();
    }

    /** The first bytes of an rpc_auth_3 that would carry a 200-byte AUTHENTICATE_MESSAGE. */
    static byte[] auth3Header() {
        ByteBuffer b = header(16, 0x03, 16 + 4 + 8 + 200, 200, 1);
        b.putInt(0).put((byte) 10).put((byte) 6).put((byte) 0).put((byte) 0).putInt(0);
        return java.util.Arrays.copyOf(b.array(), 28 + 20);
    }
}
