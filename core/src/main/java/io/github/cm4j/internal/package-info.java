/** Implementation details of cm4j; not API, may change in any release. */
package io.github.cm4j.internal;
