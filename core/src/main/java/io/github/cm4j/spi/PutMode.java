package io.github.cm4j.spi;

/** How {@link WmiTransport#put} treats an existing instance (MS-WMI 2.2.3 WBEM_CHANGE_FLAG_TYPE). */
public enum PutMode {
    /** Create the instance, or update it when it exists (flag 0). */
    CREATE_OR_UPDATE(0x0),
    /** Update only; fail with {@code WBEM_E_NOT_FOUND} when the instance does not exist (flag 1). */
    UPDATE_ONLY(0x1),
    /** Create only; fail with {@code WBEM_E_ALREADY_EXISTS} when it exists (flag 2). */
    CREATE_ONLY(0x2);

    private final int flag;

    PutMode(int flag) {
        this.flag = flag;
    }

    /**
     * The flag value a transport sends on the wire.
     *
     * @return the WBEM_CHANGE_FLAG_TYPE value
     */
    public int flag() {
        return flag;
    }
}
