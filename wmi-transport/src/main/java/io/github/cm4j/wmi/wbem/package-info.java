/**
 * MS-WMI over DCOM: the marshaling around the MS-WMIO codec — OBJREF_CUSTOM ({@link io.github.cm4j.wmi.wbem.ObjRefCustom})
 * for {@code IWbemClassObject} ({@link io.github.cm4j.wmi.wbem.WbemClassObjects}) and {@code IWbemContext}
 * ({@link io.github.cm4j.wmi.wbem.WbemContextCodec}, MS-WMI 2.2.13), the smart enumerator's ObjectArray
 * ({@link io.github.cm4j.wmi.wbem.WbemObjectArray}, MS-WMI 2.2.14) — and the stub data of the MS-WMI calls
 * (MS-WMI 3.1.4) as typed records: {@link io.github.cm4j.wmi.wbem.IWbemLevel1Login},
 * {@link io.github.cm4j.wmi.wbem.IWbemServices}, {@link io.github.cm4j.wmi.wbem.IEnumWbemClassObject},
 * {@link io.github.cm4j.wmi.wbem.IWbemCallResult}, {@link io.github.cm4j.wmi.wbem.IWbemFetchSmartEnum} and
 * {@link io.github.cm4j.wmi.wbem.IWbemWcoSmartEnum}, built on the DCOM layer ({@link io.github.cm4j.wmi.dcom}).
 * Errors are {@link io.github.cm4j.wmi.wmio.WmioFormatException}s (NDR problems as its subclass
 * {@link io.github.cm4j.wmi.ndr.NdrFormatException}).
 */
package io.github.cm4j.wmi.wbem;
