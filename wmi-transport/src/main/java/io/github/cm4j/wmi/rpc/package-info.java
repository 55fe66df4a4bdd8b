/**
 * Connection-oriented DCE/RPC over TCP (C706 chapter 12 with the MS-RPCE extensions) with NTLMv2 packet integrity
 * and privacy, for cm4j's DCOM modules: the client ({@link io.github.cm4j.wmi.rpc.RpcClientConnection}) and the
 * server ({@link io.github.cm4j.wmi.rpc.RpcServer}) share one PDU layer, one fragmentation and one security
 * implementation. Stub data is opaque bytes here; NDR marshaling and the DCOM/WMI messages live elsewhere.
 *
 * <p><b>Internal to cm4j's DCOM modules</b> (the {@code dcom://} transport and the loopback WMI server): public only
 * so that those packages can use it; not a stable API. Security rule (DCOM hardening, KB5004442): the client offers
 * packet integrity or privacy only; the server refuses calls below its minimum (packet integrity by default) with
 * fault status 5, access denied. Section numbers in comments refer to [C706] and [MS-RPCE]. Design notes, choices and
 * limits: {@code docs/transport-dcom.md}.
 */
package io.github.cm4j.wmi.rpc;
