/**
 * MS-WMI marshaling around the MS-WMIO codec: OBJREF_CUSTOM ({@link io.github.cm4j.wmi.wbem.ObjRefCustom}) for
 * {@code IWbemClassObject} ({@link io.github.cm4j.wmi.wbem.WbemClassObjects}) and {@code IWbemContext}
 * ({@link io.github.cm4j.wmi.wbem.WbemContextCodec}, MS-WMI 2.2.13), and the smart enumerator's ObjectArray
 * ({@link io.github.cm4j.wmi.wbem.WbemObjectArray}, MS-WMI 2.2.14). Errors are
 * {@link io.github.cm4j.wmi.wmio.WmioFormatException}s.
 */
package io.github.cm4j.wmi.wbem;
