/** The class schema: cm4j's ConfigMgr class definitions, loaded from MOF resources. */
package io.github.cm4j.schema;
