/**
 * Pieces the simulator's loopback servers share (the self-signed certificate of HTTPS servers). Not API.
 */
package io.github.cm4j.simulator.internal;
