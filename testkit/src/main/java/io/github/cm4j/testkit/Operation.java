package io.github.cm4j.testkit;

/**
 * The calls of {@link io.github.cm4j.spi.WmiTransport}, each one request to the provider: the unit in which
 * {@link RecordingTransport} counts round trips and in which {@link InjectedFault#failAlways} names the call to
 * fail.
 */
public enum Operation {
    /** {@code query}: IWbemServices::ExecQuery (MS-WMI 3.1.4.3.18, opnum 20); the enumeration's batches follow it. */
    QUERY("ExecQuery"),
    /** {@code get}: IWbemServices::GetObject on an instance path (MS-WMI 3.1.4.3.4, opnum 6). */
    GET("GetObject"),
    /** {@code getClass}: IWbemServices::GetObject on a class name (MS-WMI 3.1.4.3.4, opnum 6). */
    GET_CLASS("GetObject"),
    /** {@code put}: IWbemServices::PutInstance (MS-WMI 3.1.4.3.12, opnum 14). */
    PUT("PutInstance"),
    /** {@code invoke}: IWbemServices::ExecMethod (MS-WMI 3.1.4.3.22, opnum 24). */
    INVOKE("ExecMethod"),
    /** {@code delete}: IWbemServices::DeleteInstance (MS-WMI 3.1.4.3.14, opnum 16). */
    DELETE("DeleteInstance");

    private final String wbemMethod;

    Operation(String wbemMethod) {
        this.wbemMethod = wbemMethod;
    }

    /**
     * The IWbemServices method that carries the call, which is also how {@link io.github.cm4j.WmiException#operation()}
     * names it.
     *
     * @return {@code ExecQuery}, {@code GetObject}, {@code PutInstance}, {@code ExecMethod} or {@code DeleteInstance}
     */
    public String wbemMethod() {
        return wbemMethod;
    }
}
