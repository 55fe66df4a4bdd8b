package io.github.cm4j.cli;

import io.github.cm4j.ConfigMgr;
import io.github.cm4j.model.CiAssignment;
import io.github.cm4j.model.Models;
import io.github.cm4j.model.WmiModel;
import io.github.cm4j.updates.NewDeployment;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cm4j deployments list|create}: software update deployments of the connected version. */
@Command(name = "deployments", description = "Software update deployments: update group deployments on current branch,"
        + " SMS_UpdatesAssignment deployments on ConfigMgr 2007.",
        subcommands = {DeploymentsCommand.ListDeployments.class, DeploymentsCommand.Create.class})
final class DeploymentsCommand {

    static String json(CiAssignment d) {
        return Json.write(QueryCommand.toJson(Models.toWmiObject((WmiModel) d)));
    }

    /** {@code cm4j deployments list}. */
    @Command(name = "list", description = "List the deployments (one query).")
    static final class ListDeployments implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--json", description = "One JSON object per deployment (JSON Lines).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect(); Stream<CiAssignment> s = cm.deployments().listAll()) {
                if (json) {
                    s.forEach(d -> out.println(DeploymentsCommand.json(d)));
                    return 0;
                }
                List<List<String>> rows = new ArrayList<>();
                s.forEach(d -> rows.add(List.of(Integer.toString(d.assignmentId()), d.targetCollectionId(),
                        Integer.toString(d.assignedCis().size()), d.startTime().atOffset(ZoneOffset.UTC).toLocalDateTime().toString(),
                        d.enforcementDeadline().map(t -> t.atOffset(ZoneOffset.UTC).toLocalDateTime().toString()).orElse("-"),
                        d.useGmtTimes() ? "UTC" : "local", d.assignmentName())));
                if (rows.isEmpty()) {
                    out.println("(no deployments)");
                } else {
                    TextTable.print(out, List.of("ID", "Collection", "Updates", "Available", "Deadline", "Times", "Name"), rows, 90);
                    out.println("(" + rows.size() + (rows.size() == 1 ? " deployment)" : " deployments)"));
                }
            }
            return 0;
        }
    }

    /** {@code cm4j deployments create}. */
    @Command(name = "create", description = {"Create a deployment (the options of New-CMSoftwareUpdateDeployment).",
        "Current branch deploys an update group (--group); ConfigMgr 2007 the updates of an update list (--update-list)",
        " and/or --updates, optionally saving the settings as a deployment template (--template).",
        "Bad input (no updates, unknown collection, deadline before the available time) is refused before anything is"
            + " written."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The deployment's name.")
        String name;
        @Option(names = "--description", paramLabel = "TEXT", description = "Its description.")
        String description;
        @Option(names = "--collection", required = true, paramLabel = "ID", description = "Target collection, e.g. SMS00001.")
        String collection;
        @Option(names = "--group", paramLabel = "CI_ID", description = "Update group to deploy (current branch).")
        Long group;
        @Option(names = "--update-list", paramLabel = "CI_ID", description = "Update list whose updates to deploy (2007).")
        Long updateList;
        @Option(names = "--updates", paramLabel = "CI_ID", split = ",", description = "Updates to deploy (2007).")
        List<Long> updates;
        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "required",
                description = "required (default) or available.")
        String type;
        @Option(names = "--available", paramLabel = "TIME", description = "Available from, yyyy-mm-ddThh:mm (default: now).")
        String available;
        @Option(names = "--deadline", paramLabel = "TIME", description = "Installation deadline, yyyy-mm-ddThh:mm.")
        String deadline;
        @Option(names = "--utc", description = "The times are UTC (default: the client's local time).")
        boolean utc;
        @Option(names = "--notification", paramLabel = "N", defaultValue = "software-center",
                description = "all, software-center (default) or hide.")
        String notification;
        @Option(names = "--suppress-restart", paramLabel = "WHAT", split = ",",
                description = "Suppress restarts of: workstations, servers (comma-separated).")
        List<String> suppress;
        @Option(names = "--accept-eula", description = "Accept the license terms of the updates first.")
        boolean acceptEula;
        @Option(names = "--template", paramLabel = "NAME", description = "Save the settings as this deployment template (2007).")
        String template;
        @Option(names = "--json", description = "Print the deployment as one JSON object.")
        boolean json;

        @Override
        public Integer call() {
            NewDeployment.DeploymentType deploymentType = switch (type.toLowerCase(Locale.ROOT)) {
                case "required" -> NewDeployment.DeploymentType.REQUIRED;
                case "available" -> NewDeployment.DeploymentType.AVAILABLE;
                default -> throw usage("--type must be required or available, not '" + type + "'");
            };
            NewDeployment.UserNotification userNotification = switch (notification.toLowerCase(Locale.ROOT)) {
                case "all" -> NewDeployment.UserNotification.DISPLAY_ALL;
                case "software-center" -> NewDeployment.UserNotification.DISPLAY_SOFTWARE_CENTER_ONLY;
                case "hide" -> NewDeployment.UserNotification.HIDE_ALL;
                default -> throw usage("--notification must be all, software-center or hide, not '" + notification + "'");
            };
            boolean workstations = false;
            boolean servers = false;
            for (String w : suppress == null ? List.<String>of() : suppress) {
                switch (w.trim().toLowerCase(Locale.ROOT)) {
                    case "workstations" -> workstations = true;
                    case "servers" -> servers = true;
                    default -> throw usage("--suppress-restart takes workstations and/or servers, not '" + w + "'");
                }
            }
            LocalDateTime from = available == null ? null : time("--available", available);
            LocalDateTime until = deadline == null ? null : time("--deadline", deadline);
            PrintWriter out = spec.commandLine().getOut();
            try (ConfigMgr cm = target.connect()) {
                NewDeployment d;
                try {
                    d = cm.deployments().newDeployment(name).collection(collection).type(deploymentType)
                            .userNotification(userNotification).suppressRestart(workstations, servers).acceptEula(acceptEula)
                            .timeBase(utc ? NewDeployment.TimeBase.UTC : NewDeployment.TimeBase.CLIENT_LOCAL);
                } catch (IllegalArgumentException e) {
                    throw usage("--collection: " + e.getMessage());
                }
                if (description != null) {
                    d.description(description);
                }
                if (group != null) {
                    d.updateGroup(group);
                }
                if (updateList != null) {
                    d.updateList(updateList);
                }
                if (updates != null) {
                    d.updates(updates);
                }
                if (from != null) {
                    d.available(from);
                }
                if (until != null) {
                    d.deadline(until);
                }
                if (template != null) {
                    d.template(template);
                }
                CiAssignment created = d.create();
                if (json) {
                    out.println(DeploymentsCommand.json(created));
                } else {
                    out.println("created deployment " + created.assignmentId() + " \"" + created.assignmentName() + "\": "
                            + created.assignedCis().size() + " updates to " + created.targetCollectionId());
                }
            }
            return 0;
        }

        private LocalDateTime time(String option, String value) {
            try {
                return LocalDateTime.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw usage(option + " must be a date and time such as 2024-05-15T18:00, not '" + value + "'");
            }
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
