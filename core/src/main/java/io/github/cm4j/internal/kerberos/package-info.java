/**
 * Kerberos through the JDK: JAAS login with the JDK's {@code Krb5LoginModule} under a programmatic
 * configuration (no JAAS file for users to write; krb5.conf found as the JDK finds it), service tickets through
 * JGSS, read back through the public {@code javax.security.auth.kerberos} API, and the translation of Kerberos
 * failures into {@link io.github.cm4j.AuthenticationException}s that say what to do. Shared by {@code dcom://}
 * (which builds its own DCE-style AP-REQ from the service ticket) and the HTTP transports (which use
 * {@link io.github.cm4j.internal.kerberos.KerberosIdentity#subject()} with JGSS SPNEGO). Not API.
 */
package io.github.cm4j.internal.kerberos;
