/**
 * TLS trust shared by cm4j's HTTPS clients ({@code adminservice://} and content downloads): the JDK trust store, a
 * PEM file of CA certificates or a pinned SHA-256 fingerprint, never trust-all, with the certificate last refused
 * remembered for the error message. Not API.
 */
package io.github.cm4j.internal.tls;
