/**
 * cm4j: a Java SDK for the Microsoft Configuration Manager SMS Provider. Start with
 * {@link io.github.cm4j.ConfigMgr#connect(String)}. Every exception is a {@link io.github.cm4j.ConfigMgrException}.
 */
package io.github.cm4j;
