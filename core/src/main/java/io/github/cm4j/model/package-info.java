/**
 * Typed, immutable models of the ConfigMgr SMS Provider classes cm4j works with: {@link
 * io.github.cm4j.model.SoftwareUpdate}, {@link io.github.cm4j.model.SciComponent}, {@link
 * io.github.cm4j.model.AuthorizationList}, {@link io.github.cm4j.model.SupSyncStatus} and the others listed
 * by {@link io.github.cm4j.model.Models#all()}.
 *
 * <p>Each model is an <a href="https://immutables.github.io">Immutables</a> value: a package-private
 * {@code AbstractX} type declares the accessors, each annotated with the WMI property it is bound to
 * ({@link io.github.cm4j.model.WmiPropertyName}), and the generated public class {@code X} is what users
 * see: {@code X.builder()}, {@code withY(...)} copies, {@code equals}/{@code hashCode}, a readable
 * {@code toString}. Accessors have no {@code get} prefix; boolean accessors keep their {@code is} prefix
 * ({@code update.isSuperseded()}) while the builder and wither drop it ({@code .superseded(true)},
 * {@code withSuperseded(true)}).
 *
 * <p>Models are bound from and to untyped {@link io.github.cm4j.cim.WmiObject}s by one generic binder
 * ({@link io.github.cm4j.model.Models#bind(Class, io.github.cm4j.cim.WmiObject)}); lazy properties are
 * {@link io.github.cm4j.model.Lazy} values so that "not loaded" differs from "empty". See
 * {@code docs/models.md}.
 */
@Value.Style(
        typeAbstract = "Abstract*",
        typeImmutable = "*",
        visibility = Value.Style.ImplementationVisibility.PUBLIC,
        get = {"is*", "get*"},
        jdkOnly = true,
        depluralize = true,
        redactedMask = "****",
        optionalAcceptNullable = true,
        // no @org.immutables.value.Generated on the generated classes: Immutables is a compile-only dependency,
        // and javac warns about the missing annotation type in every project compiled against cm4j-core
        allowedClasspathAnnotations = {java.lang.Override.class})
package io.github.cm4j.model;

import org.immutables.value.Value;
