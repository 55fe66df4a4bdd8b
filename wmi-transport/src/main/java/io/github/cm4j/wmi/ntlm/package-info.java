/**
 * NTLMv2 authentication and session security (MS-NLMP) for cm4j's DCOM modules: the three messages with bounded
 * decoders ({@link io.github.cm4j.wmi.ntlm.NtlmNegotiateMessage}, {@link io.github.cm4j.wmi.ntlm.NtlmChallengeMessage},
 * {@link io.github.cm4j.wmi.ntlm.NtlmAuthenticateMessage}), the client ({@link io.github.cm4j.wmi.ntlm.NtlmClient}),
 * the server that verifies against configured accounts ({@link io.github.cm4j.wmi.ntlm.NtlmServer}), and message
 * signing and sealing ({@link io.github.cm4j.wmi.ntlm.NtlmSession}).
 *
 * <p><b>Internal to cm4j's DCOM modules</b> (the {@code dcom://} transport and the loopback WMI server): public
 * only so that those packages can use it; not a stable API. Only NTLMv2 with extended session security, 128-bit
 * keys and key exchange is implemented; LM, NTLMv1 and anonymous authentication are refused on both sides. Section
 * numbers in comments refer to [MS-NLMP]. Design notes: {@code docs/transport-dcom.md}.
 */
package io.github.cm4j.wmi.ntlm;
