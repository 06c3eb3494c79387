package dev.hookline.tekton;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.hookline.trigger.EventKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What reporting needs to know of one PipelineRun Hookline created, read from either API version.
 *
 * @param apiVersion {@code tekton.dev/v1} or {@code tekton.dev/v1beta1}
 * @param namespace the run's namespace
 * @param name the run's name
 * @param resourceVersion the version read, for optimistic concurrency
 * @param trigger the trigger that created it
 * @param repository {@code owner/name}
 * @param sha the commit
 * @param ref the pushed ref
 * @param deliveryId the GitHub delivery
 * @param statusContext the commit status context
 * @param installationId the GitHub App installation, or {@code null}
 * @param created when the run was created, or {@code null}
 * @param condition the {@code Succeeded} condition, or {@code null} before Tekton wrote one
 * @param startTime when Tekton started it, or {@code null}
 * @param completionTime when it finished, or {@code null}
 * @param supersededBy the newer run that cancelled it, or {@code null}
 * @param failedTask the pipeline task that failed, when the run's status names it (v1beta1 embedded status)
 * @param reported the last commit state posted for it (the ledger), or {@code null}
 * @param statuses the commit statuses GitHub accepted for it, oldest first, at most {@value #MAX_STATUSES}
 * @param event the event the run is for; {@link EventKind#PUSH} on runs made before Hookline recorded events (all
 *        of them pushes), {@code null} when the run names an event this version does not know
 * @param pullRequest the pull request's number, on the runs of pull requests and their comments' commands, else
 *        {@code null}
 * @param uid the run's {@code metadata.uid}: its check run's {@code external_id}, or {@code null} when not read
 * @param check the check run written for it (the check ledger), or {@link Check#NONE}
 */
public record TrackedRun(String apiVersion, String namespace, String name, String resourceVersion, String trigger,
        String repository, String sha, String ref, String deliveryId, String statusContext, Long installationId,
        Instant created, Condition condition, Instant startTime, Instant completionTime, String supersededBy,
        String failedTask, String reported, List<Posted> statuses, EventKind event, Integer pullRequest, String uid,
        Check check) {

    /** The ledger: the last commit state posted for the run, as GitHub names it. */
    public static final String ANNOTATION_REPORTED = "hookline.dev/reported-state";
    /**
     * The statuses GitHub accepted for the run, as a JSON array of {@link Posted}: written with the ledger, in the
     * same patch, so that every replica shows them and a restart forgets none.
     */
    public static final String ANNOTATION_STATUSES = "hookline.dev/statuses";
    /** The check run's id GitHub gave, once it created it: what every update names. */
    public static final String ANNOTATION_CHECK_RUN = "hookline.dev/check-run";
    /** The check ledger: the last check run state GitHub accepted for the run ({@code queued}, ...). */
    public static final String ANNOTATION_CHECK_STATE = "hookline.dev/check-state";
    /** A run gets one status per state; a few more leave room, and the bound keeps the annotation small. */
    public static final int MAX_STATUSES = 5;

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * One commit status GitHub accepted for the run (or a dry run recorded).
     *
     * @param state the state, as GitHub names it
     * @param description the description posted
     * @param targetUrl the link posted, or {@code null}
     * @param at when it was accepted
     * @param dryRun whether it was only recorded, not sent
     */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @RegisterForReflection
    public record Posted(String state, String description, String targetUrl, Instant at, boolean dryRun) {

        /** The annotation's value for these statuses: the newest {@value #MAX_STATUSES}, oldest first. */
        public static String toJson(List<Posted> statuses) {
            try {
                return JSON.writeValueAsString(
                        statuses.subList(Math.max(0, statuses.size() - MAX_STATUSES), statuses.size()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The statuses an annotation value lists; none when it is absent or not Hookline's JSON. */
        static List<Posted> fromJson(String value) {
            if (value == null || value.isBlank()) {
                return List.of();
            }
            try {
                return List.of(JSON.readValue(value, Posted[].class));
            } catch (JsonProcessingException e) {
                return List.of();
            }
        }
    }

    /**
     * The check run written for a run: its id and the last state GitHub accepted, as the check ledger annotations
     * ({@link #ANNOTATION_CHECK_RUN}, {@link #ANNOTATION_CHECK_STATE}) say or this replica knows.
     *
     * @param id GitHub's id of the check run, or {@code null} before one is known
     * @param state the last state accepted, as the status package writes it, or {@code null}
     */
    public record Check(Long id, String state) {

        public static final Check NONE = new Check(null, null);
    }

    /**
     * Tekton's {@code Succeeded} condition.
     *
     * @param status {@code True}, {@code False} or {@code Unknown}
     * @param reason Tekton's reason ({@code Running}, {@code Succeeded}, {@code Failed}, {@code Cancelled}, ...)
     * @param message Tekton's message
     */
    public record Condition(String status, String reason, String message) {

        /** The {@code Succeeded} condition of any Tekton run (PipelineRun or TaskRun), or {@code null}. */
        public static Condition of(GenericKubernetesResource run) {
            return ofStatus(map(run.getAdditionalProperties().get("status")));
        }

        /** The {@code Succeeded} condition of a run's {@code status} (or an embedded TaskRun's), or {@code null}. */
        static Condition ofStatus(Map<String, Object> status) {
            Condition condition = null;
            for (Object item : list(status.get("conditions"))) {
                Map<String, Object> c = map(item);
                if ("Succeeded".equals(c.get("type"))) {
                    condition = new Condition(text(c.get("status")), text(c.get("reason")), text(c.get("message")));
                }
            }
            return condition;
        }

        /** Whether Tekton has decided: {@code True} or {@code False}. */
        public boolean decided() {
            return "True".equals(status) || "False".equals(status);
        }
    }

    /** The queue key: the same object under either API version. */
    public String key() {
        return namespace + "/" + name;
    }

    /** Whether Tekton has decided the run. */
    public boolean finished() {
        return condition != null && condition.decided();
    }

    /** The same run with what reporting knows of it: the ledger, the superseding run and the statuses accepted. */
    public TrackedRun withReport(String reported, String supersededBy, List<Posted> statuses) {
        return new TrackedRun(apiVersion, namespace, name, resourceVersion, trigger, repository, sha, ref, deliveryId,
                statusContext, installationId, created, condition, startTime, completionTime, supersededBy, failedTask,
                reported, statuses, event, pullRequest, uid, check);
    }

    /** The same run with what reporting knows of its check run. */
    public TrackedRun withCheck(Check check) {
        return new TrackedRun(apiVersion, namespace, name, resourceVersion, trigger, repository, sha, ref, deliveryId,
                statusContext, installationId, created, condition, startTime, completionTime, supersededBy, failedTask,
                reported, statuses, event, pullRequest, uid, check);
    }

    /** Reads a run as the informer or a GET delivers it; {@code null} when it lacks Hookline's annotations. */
    public static TrackedRun of(GenericKubernetesResource run) {
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        Map<String, String> labels = run.getMetadata().getLabels();
        if (annotations == null || annotations.get(RunLabels.ANNOTATION_SHA) == null
                || annotations.get(RunLabels.ANNOTATION_REPOSITORY) == null) {
            return null;
        }
        Map<String, Object> status = map(run.getAdditionalProperties().get("status"));
        Condition condition = Condition.of(run);
        String installation = annotations.get(RunLabels.ANNOTATION_INSTALLATION);
        return new TrackedRun(run.getApiVersion(), run.getMetadata().getNamespace(), run.getMetadata().getName(),
                run.getMetadata().getResourceVersion(), labels == null ? null : labels.get(RunLabels.TRIGGER),
                annotations.get(RunLabels.ANNOTATION_REPOSITORY), annotations.get(RunLabels.ANNOTATION_SHA),
                annotations.get(RunLabels.ANNOTATION_REF), annotations.get(RunLabels.ANNOTATION_DELIVERY),
                annotations.getOrDefault(RunLabels.ANNOTATION_STATUS_CONTEXT, "hookline"),
                installation == null ? null : parseLong(installation), instant(run.getMetadata().getCreationTimestamp()),
                condition, instant(status.get("startTime")), instant(status.get("completionTime")),
                annotations.get(RunLabels.ANNOTATION_SUPERSEDED_BY), failedTask(status), annotations.get(ANNOTATION_REPORTED),
                Posted.fromJson(annotations.get(ANNOTATION_STATUSES)), event(annotations.get(RunLabels.ANNOTATION_EVENT)),
                pullRequest(annotations.get(RunLabels.ANNOTATION_PULL_REQUEST)), run.getMetadata().getUid(),
                new Check(parseLong(annotations.get(ANNOTATION_CHECK_RUN)), annotations.get(ANNOTATION_CHECK_STATE)));
    }

    private static EventKind event(String value) {
        return value == null ? EventKind.PUSH : EventKind.fromKey(value);
    }

    /** The annotation's number; {@code null} when absent or not a positive number (a hand-edited run). */
    private static Integer pullRequest(String value) {
        Long number = value == null ? null : parseLong(value);
        return number == null || number < 1 || number > Integer.MAX_VALUE ? null : number.intValue();
    }

    /** v1beta1's embedded status lists each TaskRun with its pipeline task and condition. */
    private static String failedTask(Map<String, Object> status) {
        for (Object taskRun : map(status.get("taskRuns")).values()) {
            Map<String, Object> entry = map(taskRun);
            for (Object item : list(map(entry.get("status")).get("conditions"))) {
                Map<String, Object> c = map(item);
                if ("Succeeded".equals(c.get("type")) && "False".equals(c.get("status"))) {
                    return text(entry.get("pipelineTaskName"));
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
