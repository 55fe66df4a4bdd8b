/**
 * Real, independent peers that tests start once per test run and share: {@link io.github.cm4j.testkit.peers.SambaPeer},
 * a Samba Active Directory domain controller (KDC, LDAP, DCE/RPC endpoint mapper and samr) in a private network
 * namespace. Tests that use a peer are skipped, with a message naming what is missing, where it cannot run (not
 * root, no network namespaces, Samba not installed). See docs/testing.md, "Independent peers".
 */
package io.github.cm4j.testkit.peers;
