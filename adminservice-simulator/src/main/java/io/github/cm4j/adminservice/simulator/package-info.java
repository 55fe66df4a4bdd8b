/**
 * A loopback ConfigMgr administration service over the simulator: HTTPS with a certificate made at start, SPNEGO
 * through JGSS, NTLM refused as ConfigMgr 2509 does. Started by {@code cm4j serve --adminservice}.
 */
package io.github.cm4j.adminservice.simulator;
