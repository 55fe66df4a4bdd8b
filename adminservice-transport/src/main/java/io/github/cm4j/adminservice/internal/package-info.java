/**
 * Implementation of {@code adminservice://} shared with the loopback service: OData JSON codec, WQL and OData
 * filter translation, key predicates, TLS trust, SPNEGO. Not API.
 */
package io.github.cm4j.adminservice.internal;
