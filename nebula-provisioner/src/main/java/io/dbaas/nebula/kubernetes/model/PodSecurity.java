package io.dbaas.nebula.kubernetes.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Pod Security Admission labels of a cluster's namespace. */
final class PodSecurity {

    static final String ENFORCE = "pod-security.kubernetes.io/enforce";
    static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";
    static final String AUDIT = "pod-security.kubernetes.io/audit";
    static final String AUDIT_VERSION = "pod-security.kubernetes.io/audit-version";
    static final String WARN = "pod-security.kubernetes.io/warn";
    static final String WARN_VERSION = "pod-security.kubernetes.io/warn-version";
    static final String RESTRICTED = "restricted";
    /** The Kubernetes version of the schemas and the restricted profile the rendered pods are checked against. */
    static final String ENFORCED_VERSION = "v1.30";

    private PodSecurity() {}

    static Map<String, String> restrictedNamespaceLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ENFORCE, RESTRICTED);
        labels.put(ENFORCE_VERSION, ENFORCED_VERSION);
        labels.put(AUDIT, RESTRICTED);
        labels.put(AUDIT_VERSION, "latest");
        labels.put(WARN, RESTRICTED);
        labels.put(WARN_VERSION, "latest");
        return labels;
    }
}
