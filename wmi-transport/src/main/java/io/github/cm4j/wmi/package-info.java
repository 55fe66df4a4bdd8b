/**
 * The {@code dcom://} transport module (cm4j-wmi-transport). This package holds what its parts share:
 * {@link io.github.cm4j.wmi.WireFormatException}, the root of the decoding errors of every wire format the module
 * reads. The parts: {@code wmio} (MS-WMIO object codec), {@code wbem} (MS-WMI buffers), {@code ntlm} (MS-NLMP) and
 * {@code rpc} (connection-oriented DCE/RPC).
 */
package io.github.cm4j.wmi;
