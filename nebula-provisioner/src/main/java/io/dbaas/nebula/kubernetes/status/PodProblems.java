package io.dbaas.nebula.kubernetes.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What keeps a cluster's pods from running, read from their status alone, as sentences naming the pod and the cause:
 * a pod the scheduler cannot place, a container that crash-loops or whose image or configuration cannot be loaded.
 * Pure: no API calls. Messages come from the scheduler and kubelet, which name resources, never their content.
 */
public final class PodProblems {

    /** Waiting reasons that do not clear up on their own. {@code ContainerCreating} and the like are not problems. */
    static final Set<String> STUCK = Set.of(
            "CrashLoopBackOff",
            "ImagePullBackOff",
            "ErrImagePull",
            "InvalidImageName",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError");

    private static final int MAX_MESSAGE = 200;

    private PodProblems() {}

    public static List<String> of(List<Pod> pods) {
        List<String> problems = new ArrayList<>();
        pods.stream()
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .forEach(pod -> problems.addAll(of(pod)));
        return problems;
    }

    static List<String> of(Pod pod) {
        String name = pod.getMetadata().getName();
        if (pod.getStatus() == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        unschedulable(pod).ifPresent(message -> problems.add("Pod " + name + " cannot be scheduled: " + message));
        Stream.concat(
                        nullSafe(pod.getStatus().getInitContainerStatuses()).stream(),
                        nullSafe(pod.getStatus().getContainerStatuses()).stream())
                .forEach(container -> stuck(container)
                        .ifPresent(cause ->
                                problems.add("Pod " + name + ", container " + container.getName() + ": " + cause)));
        return problems;
    }

    private static java.util.Optional<String> unschedulable(Pod pod) {
        return nullSafe(pod.getStatus().getConditions()).stream()
                .filter(condition -> "PodScheduled".equals(condition.getType()))
                .filter(condition -> "False".equals(condition.getStatus()))
                .filter(condition -> "Unschedulable".equals(condition.getReason()))
                .findFirst()
                .map(PodProblems::message);
    }

    private static java.util.Optional<String> stuck(ContainerStatus container) {
        if (container.getState() == null || container.getState().getWaiting() == null) {
            return java.util.Optional.empty();
        }
        String reason = container.getState().getWaiting().getReason();
        if (reason == null || !STUCK.contains(reason)) {
            return java.util.Optional.empty();
        }
        StringBuilder cause = new StringBuilder(reason);
        Integer restarts = container.getRestartCount();
        if (restarts != null && restarts > 0) {
            cause.append(" (restarted ").append(restarts).append(restarts == 1 ? " time" : " times");
            if (container.getLastState() != null
                    && container.getLastState().getTerminated() != null
                    && container.getLastState().getTerminated().getReason() != null) {
                cause.append(", last exit: ")
                        .append(container.getLastState().getTerminated().getReason());
            }
            cause.append(')');
        }
        String message = container.getState().getWaiting().getMessage();
        if (!"CrashLoopBackOff".equals(reason) && message != null && !message.isBlank()) {
            cause.append(": ").append(shorten(message));
        }
        return java.util.Optional.of(cause.toString());
    }

    private static String message(PodCondition condition) {
        String message = condition.getMessage();
        return message == null || message.isBlank() ? "no node fits it" : shorten(message);
    }

    private static String shorten(String message) {
        String stripped = message.strip();
        return stripped.length() > MAX_MESSAGE ? stripped.substring(0, MAX_MESSAGE) + "…" : stripped;
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
