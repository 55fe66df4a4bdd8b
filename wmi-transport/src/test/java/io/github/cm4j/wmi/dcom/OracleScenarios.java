package io.github.cm4j.wmi.dcom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The two directions of an impacket oracle test: inbound scenarios (impacket builds stub data, cm4j decodes it and
 * must read what impacket reads back) and outbound messages (cm4j encodes, impacket decodes and must read what cm4j
 * holds), run through the harness in one batch.
 */
public final class OracleScenarios {
    /** What impacket sends (with an optional argument built by cm4j), and how cm4j decodes and flattens it. */
    private record Inbound(String scenario, byte[] argument, Function<byte[], Map<String, String>> decode) {
    }

    /** What cm4j encodes and the impacket structure that decodes it. */
    private record Outbound(String id, String structure, RpcMessage message, Map<String, String> values) {
    }

    private final List<Inbound> inbound = new ArrayList<>();
    private final List<Outbound> outbound = new ArrayList<>();
    private Map<String, Map<String, String>> impacket;

    /**
     * @param scenario a scenario of the harness
     * @param argument its argument (an OBJREF, a buffer), or null
     * @param decode cm4j's decoder, flattened
     */
    public void in(String scenario, byte[] argument, Function<byte[], Map<String, String>> decode) {
        inbound.add(new Inbound(scenario, argument, decode));
    }

    /**
     * @param scenario a scenario of the harness
     * @param decode cm4j's decoder, flattened
     */
    public void in(String scenario, Function<byte[], Map<String, String>> decode) {
        in(scenario, null, decode);
    }

    /**
     * @param id a name for the message
     * @param structure the impacket structure that decodes it
     * @param message the message
     * @param values what cm4j holds, flattened
     */
    public void out(String id, String structure, RpcMessage message, Flat values) {
        outbound.add(new Outbound(id, structure, message, values.values()));
    }

    /**
     * @param id a name for the message
     * @param structure the impacket structure that decodes it
     * @param message the message
     * @param values what cm4j holds, flattened
     */
    public void out(String id, String structure, RpcMessage message, Map<String, String> values) {
        outbound.add(new Outbound(id, structure, message, values));
    }

    /** @param dir a scratch directory for the harness */
    public void run(Path dir) throws IOException, InterruptedException {
        List<ImpacketOracle.Task> tasks = new ArrayList<>();
        for (Inbound in : inbound) {
            tasks.add(new ImpacketOracle.Task("in:" + in.scenario, "build", in.scenario, in.argument));
        }
        for (Outbound out : outbound) {
            tasks.add(new ImpacketOracle.Task("out:" + out.id, "decode", out.structure, out.message.encode()));
        }
        impacket = ImpacketOracle.run(tasks, dir);
    }

    /** @return the number of values compared, every inbound scenario read alike by impacket and cm4j */
    public int assertInbound() {
        int compared = 0;
        for (Inbound in : inbound) {
            Map<String, String> theirs = impacket.get("in:" + in.scenario);
            byte[] stub = ImpacketOracle.builtStub(theirs);
            compared += ImpacketOracle.assertAgrees(in.scenario + " built by impacket " + HexFormat.of().formatHex(stub),
                    in.decode.apply(stub), theirs);
        }
        return compared;
    }

    /** @return the number of values compared, every outbound message read alike by impacket and cm4j */
    public int assertOutbound() {
        int compared = 0;
        for (Outbound out : outbound) {
            compared += ImpacketOracle.assertAgrees(out.id + " encoded by cm4j as " + HexFormat.of().formatHex(out.message.encode())
                    + ", read by impacket's " + out.structure, out.values, impacket.get("out:" + out.id));
        }
        return compared;
    }

    /**
     * @param scenario an inbound scenario
     * @return the stub data impacket built for it
     */
    public byte[] built(String scenario) {
        return ImpacketOracle.builtStub(impacket.get("in:" + scenario));
    }
}
