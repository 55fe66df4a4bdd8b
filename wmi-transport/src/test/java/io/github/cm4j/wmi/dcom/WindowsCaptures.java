package io.github.cm4j.wmi.dcom;

/** Bytes Windows sent, from public captures, for golden tests. */
public final class WindowsCaptures {
    /**
     * The MInterfacePointer abData (an OBJREF_STANDARD, 182 bytes) of an IEnumWbemClassObject that a Windows host
     * (WIN-8K15VKV24SG, 192.168.100.100) returned from IWbemServices::ExecQuery: the ExecQuery_Response dissection
     * test of scapy (secdev/scapy, test/scapy/layers/msrpce/mswmi.uts), bytes 12..194 of its stub data.
     */
    public static final String ENUMERATOR_OBJREF = "4d454f5701000000e147790231d7ce11a3570000000000010000000005000000e54d2d65075eb430"
            + "f9eda537b2970e3703d802002c01000015fe86df03d66f0f390023000700570049004e002d0038004b003100350056004b00560032003400"
            + "53004700000007003100390032002e003100360038002e003100300030002e00310030003000000000000900ffff00001e00ffff00001000"
            + "ffff00000a00ffff00001600ffff00001f00ffff00000e00ffff00000000";

    /**
     * The stub data of that IWbemServices::ExecQuery response. scapy's test strips the ORPCTHAT; an empty one (8 zero
     * bytes, no extensions) is put back in front. Then ppEnum (referent ID 0x00020000, conformance, ulCntData, the
     * OBJREF), two bytes of alignment padding and the HRESULT.
     */
    public static final String EXEC_QUERY_RESPONSE = "0000000000000000" + "00000200b6000000b6000000" + ENUMERATOR_OBJREF + "0000" + "00000000";

    private WindowsCaptures() {
    }
}
