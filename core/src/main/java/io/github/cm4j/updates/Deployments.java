package io.github.cm4j.updates;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.cim.WmiContext;
import io.github.cm4j.internal.ProviderClient;
import io.github.cm4j.model.UpdateGroupAssignment;
import io.github.cm4j.wql.Criteria;
import io.github.cm4j.wql.Wql;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Deployments of update groups ({@code SMS_UpdateGroupAssignment}). Obtain it from
 * {@link ConfigMgr#deployments()}. Thread-safe; each method is one ExecQuery (close the streams).
 */
public final class Deployments {
    private static final String CLASS = "SMS_UpdateGroupAssignment";
    private final ProviderClient client;

    /**
     * For {@link ConfigMgr}; not for applications, which call {@link ConfigMgr#deployments()}.
     *
     * @param client the provider calls
     * @throws NullPointerException if {@code client} is null
     */
    public Deployments(ProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Every deployment of an update group in the hierarchy (one ExecQuery; close the stream).
     *
     * @return every update group deployment
     */
    public Stream<UpdateGroupAssignment> list() {
        return client.query(UpdateGroupAssignment.class, Wql.select("*").from(CLASS).build(), WmiContext.empty());
    }

    /**
     * The deployments of one update group (one ExecQuery; close the stream).
     *
     * @param groupCiId the update group's {@code CI_ID}
     * @return the deployments of that group; empty when it has none or does not exist
     * @throws IllegalArgumentException if {@code groupCiId} is not a {@code CI_ID} (1..4294967295)
     */
    public Stream<UpdateGroupAssignment> ofUpdateGroup(long groupCiId) {
        UpdateGroups.path(groupCiId);
        return client.query(UpdateGroupAssignment.class, Wql.select("*").from(CLASS)
                .where(Criteria.eq("AssignedUpdateGroup", groupCiId)).build(), WmiContext.empty());
    }

    /**
     * Names the namespace this view works on.
     *
     * @return e.g. {@code Deployments[root\sms\site_CAS]}
     */
    @Override
    public String toString() {
        return "Deployments[" + client.namespace() + "]";
    }
}
