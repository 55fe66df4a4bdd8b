/** MOF (DSP0221, as WMI's mofcomp reads it): the parser and printer of class and instance declarations. */
package io.github.cm4j.cim.mof;
