/**
 * NTLMv2 authentication and session security (MS-NLMP) for cm4j's DCOM modules: the three messages with bounded
 * decoders ({@link io.github.cm4j.wmi.ntlm.NtlmNegotiateMessage}, {@link io.github.cm4j.wmi.ntlm.NtlmChallengeMessage},
 * {@link io.github.cm4j.wmi.ntlm.NtlmAuthenticateMessage}), the client ({@link io.github.cm4j.wmi.ntlm.NtlmClient}),
 * the server that verifies against configured accounts ({@link io.github.cm4j.wmi.ntlm.NtlmServer}), and message
 * signing and sealing ({@link io.github.cm4j.wmi.ntlm.NtlmSession}).
 *
 * <p><b>Internal to cm4j's transports</b> (the {@code dcom://} transport and the loopback WMI server; NTLM over HTTP
 * of {@code adminservice://?ntlm=on} and the loopback AdminService): public only so that those packages can use it;
 * not a stable API. Only NTLMv2 is implemented; for DCE/RPC with extended session security, 128-bit keys and key
 * exchange, while the server's HTTP profile ({@code NtlmServer.Builder#sessionSecurityRequired(false)}) waives the
 * session security that nothing uses after an HTTP handshake; {@link io.github.cm4j.wmi.ntlm.ChannelBindings} gives
 * the TLS channel bindings. LM, NTLMv1 and anonymous authentication are refused on both sides. Section numbers in
 * comments refer to [MS-NLMP]. Design notes: {@code docs/transport-dcom.md}, {@code docs/transport-adminservice.md}.
 */
package io.github.cm4j.wmi.ntlm;
