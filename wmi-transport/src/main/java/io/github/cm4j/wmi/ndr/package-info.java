/**
 * NDR 2.0 marshalling (C706 chapter 14 as profiled by MS-RPCE 2.2.5): {@link io.github.cm4j.wmi.ndr.NdrWriter} and
 * {@link io.github.cm4j.wmi.ndr.NdrReader} for the stub data of DCOM and MS-WMI calls (little-endian, aligned
 * primitives, GUIDs, pointers with deferred referents, conformant and varying arrays, strings, BSTRs),
 * {@link io.github.cm4j.wmi.ndr.NdrTypeSerialization} for type serialization version 1 (MS-RPCE 2.2.6), and
 * {@link io.github.cm4j.wmi.ndr.NdrFormatException} for malformed input. The PDUs that carry the stub data are
 * another layer's business.
 */
package io.github.cm4j.wmi.ndr;
