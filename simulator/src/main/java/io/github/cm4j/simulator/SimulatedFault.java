package io.github.cm4j.simulator;

import io.github.cm4j.WbemStatus;
import io.github.cm4j.WmiException;

/**
 * A WBEM error raised inside the simulator, before the transport knows the operation name; the transport
 * turns it into a {@link WmiException} naming operation, target and host.
 */
final class SimulatedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final WbemStatus status;

    SimulatedFault(WbemStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    WbemStatus status() {
        return status;
    }

    WmiException toWmiException(String operation, String target, String host) {
        return new Detailed(status.code(), operation, target, host, getMessage());
    }

    /** A {@link WmiException} whose message ends with what the simulator found wrong. */
    static final class Detailed extends WmiException {
        private static final long serialVersionUID = 1L;
        private final String detail;

        Detailed(int hresult, String operation, String target, String host, String detail) {
            super(hresult, operation, target, host, null);
            this.detail = detail;
        }

        @Override
        public String getMessage() {
            return detail == null || detail.isEmpty() ? super.getMessage() : super.getMessage() + " [" + detail + "]";
        }
    }
}
