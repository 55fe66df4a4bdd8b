/**
 * The MS-WMIO object codec: {@link io.github.cm4j.wmi.wmio.Wmio} decodes and encodes WMI classes and instances
 * in the binary form they travel in over DCOM (the payload of an {@code IWbemClassObject}), to and from the core
 * {@link io.github.cm4j.cim.WmiClass} and {@link io.github.cm4j.cim.WmiObject}. Section numbers in comments refer
 * to [MS-WMIO] unless they name [MS-WMI]. Format notes, choices and limits: {@code docs/wmio.md}.
 */
package io.github.cm4j.wmi.wmio;
