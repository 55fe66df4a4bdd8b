package io.github.cm4j.wmi.rpc;

import io.github.cm4j.Credentials;
import io.github.cm4j.wmi.ntlm.NtlmServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM for {@link PreAuthFloodTest}: an {@link RpcServer} with defaults and the echo interface, run with the
 * heap the test gives it. Prints its port, then answers "heap" with the used heap after GC in bytes; ends on EOF.
 */
final class FloodTarget {
    private FloodTarget() {
    }

    public static void main(String[] args) throws Exception {
        Credentials alice = Credentials.of("LAB\\alice", "Alice-pw-1");
        NtlmServer ntlm = NtlmServer.builder().computerName("SIM01").domainName("LAB").account(alice).build();
        try (RpcServer server = RpcServer.builder().ntlm(ntlm).register(EchoInterface.IFACE, new EchoInterface()).start()) {
            System.out.println("port " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("heap")) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(50);
                    }
                    System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    System.out.flush();
                }
            }
        }
    }
}
