/**
 * The {@code adminservice://} transport: the ConfigMgr administration service (OData v4 over HTTPS) with Kerberos
 * (SPNEGO) and verified TLS, speaking {@link io.github.cm4j.cim.WmiObject}s like every transport. See
 * docs/transport-adminservice.md.
 */
package io.github.cm4j.adminservice;
