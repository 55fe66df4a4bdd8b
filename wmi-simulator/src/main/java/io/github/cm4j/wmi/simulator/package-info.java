/**
 * A real MS-WMI/DCOM server on loopback backed by the simulator ({@link io.github.cm4j.simulator.SimulatedProvider}):
 * {@link io.github.cm4j.wmi.simulator.WmiServer}. Any DCOM WMI client — cm4j's {@code dcom://} transport, impacket's
 * {@code wmiquery.py} — can connect to it, authenticate with NTLMv2 at packet integrity or privacy, and query, read,
 * write and call methods of a simulated site.
 *
 * <p>Two DCE/RPC servers ({@link io.github.cm4j.wmi.rpc.RpcServer}): the activation endpoint (the object resolver,
 * port 135 on Windows) serving IRemoteSCMActivator, IRemoteActivation and IObjectExporter (MS-DCOM 3.1.2.5), and the
 * object exporter on a dynamic port serving IRemUnknown/IRemUnknown2 (MS-DCOM 3.1.1.5.6) and the MS-WMI interfaces
 * (MS-WMI 3.1.4): IWbemLevel1Login, IWbemServices, IEnumWbemClassObject, IWbemFetchSmartEnum and IWbemWCOSmartEnum.
 * Everything but {@link io.github.cm4j.wmi.simulator.WmiServer} and {@link io.github.cm4j.wmi.simulator.Access} is
 * package-private.
 */
package io.github.cm4j.wmi.simulator;
