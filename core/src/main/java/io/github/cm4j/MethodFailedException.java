package io.github.cm4j;

/**
 * A provider method ran but reported failure: its {@code ReturnValue} is not zero. (A method the provider
 * refused to run raises a {@link WmiException} instead.)
 */
public class MethodFailedException extends ConfigMgrException {
    private static final long serialVersionUID = 1L;
    /** The class declaring the method. */
    private final String className;
    /** The method name. */
    private final String methodName;
    /** The object path the method ran on. */
    private final String target;
    /** The non-zero ReturnValue. */
    private final long returnValue;

    /**
     * Creates the exception. The message names class, method, target and return value, and the meaning of
     * the value when it is a well-known Win32 code or WBEM status.
     *
     * @param className the class declaring the method, e.g. {@code SMS_SoftwareUpdate}
     * @param methodName the method, e.g. {@code SyncNow}
     * @param target the object path the method ran on (the class path for static methods)
     * @param returnValue the non-zero {@code ReturnValue}
     */
    public MethodFailedException(String className, String methodName, String target, long returnValue) {
        super(className + "." + methodName + " on " + target + " failed: ReturnValue " + returnValue
                + describe(returnValue));
        this.className = className;
        this.methodName = methodName;
        this.target = target;
        this.returnValue = returnValue;
    }

    private static String describe(long returnValue) {
        // Win32 codes the SMS Provider's methods return (e.g. AcceptEULA/GetEULA on an update without terms).
        if (returnValue == 1168) {
            return " (ERROR_NOT_FOUND: the object has no such item, e.g. an update without license terms)";
        }
        if (returnValue == 5) {
            return " (ERROR_ACCESS_DENIED)";
        }
        if (returnValue == 87) {
            return " (ERROR_INVALID_PARAMETER)";
        }
        int asInt = (int) returnValue;
        // Providers often return an HRESULT as ReturnValue; name it when it is a WBEM error code.
        return WbemStatus.fromCode(asInt).filter(WbemStatus::isError).map(s -> " (" + s.name() + ")").orElse("");
    }

    /**
     * The class declaring the method.
     *
     * @return e.g. {@code SMS_SoftwareUpdate}
     */
    public String className() {
        return className;
    }

    /**
     * The method that failed.
     *
     * @return e.g. {@code SyncNow}
     */
    public String methodName() {
        return methodName;
    }

    /**
     * The object the method ran on.
     *
     * @return the object path (the class path for static methods)
     */
    public String target() {
        return target;
    }

    /**
     * The method's return value: often a Win32 error code (e.g. 1168 {@code ERROR_NOT_FOUND}) or an HRESULT.
     *
     * @return the non-zero {@code ReturnValue}
     */
    public long returnValue() {
        return returnValue;
    }
}
