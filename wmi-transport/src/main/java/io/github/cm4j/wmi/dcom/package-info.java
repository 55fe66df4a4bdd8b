/**
 * The DCOM stub data of MS-DCOM as typed records, both directions (a client encodes requests and decodes responses,
 * a server the reverse), without networking: ORPCTHIS/ORPCTHAT (2.2.13), OBJREFs ({@link io.github.cm4j.wmi.dcom.ObjRef},
 * {@link io.github.cm4j.wmi.dcom.ObjRefStandard}; OBJREF_CUSTOM is {@link io.github.cm4j.wmi.wbem.ObjRefCustom}),
 * DUALSTRINGARRAY (2.2.19), interface pointers (2.2.14), activation through
 * {@link io.github.cm4j.wmi.dcom.IRemoteScmActivator} with its {@link io.github.cm4j.wmi.dcom.ActivationProperties}
 * (2.2.22) and through {@link io.github.cm4j.wmi.dcom.IActivation}, OXID resolution and pinging
 * ({@link io.github.cm4j.wmi.dcom.IObjectExporter}), and reference counting
 * ({@link io.github.cm4j.wmi.dcom.IRemUnknown}, {@link io.github.cm4j.wmi.dcom.IRemUnknown2}).
 *
 * <p>Each message is a record with {@code encode()} and a static {@code decode(byte[])}; requests also say their
 * interface and opnum ({@link io.github.cm4j.wmi.dcom.RpcRequest}). Decoders read as the IDL declares, check
 * conformances, ranges and every length before allocating, ignore bytes after the last parameter, and throw
 * {@link io.github.cm4j.wmi.ndr.NdrFormatException} (or the {@link io.github.cm4j.wmi.wmio.WmioFormatException} of a
 * nested OBJREF or object) for anything malformed.
 */
package io.github.cm4j.wmi.dcom;
