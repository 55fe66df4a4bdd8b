/**
 * The CIM value layer: types and values ({@link io.github.cm4j.cim.CimType}, {@link io.github.cm4j.cim.CimValue},
 * {@link io.github.cm4j.cim.CimDateTime}), object paths, class definitions ({@link io.github.cm4j.cim.WmiClass})
 * and untyped instances ({@link io.github.cm4j.cim.WmiObject}) as every transport exchanges them.
 */
package io.github.cm4j.cim;
