package io.dbaas.kubernetes.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes JSON schemas of the fabric8 6.13 model jars (about Kubernetes 1.30, plus the Prometheus Operator's
 * ServiceMonitor, PodMonitor and PrometheusRule), made strict the way
 * {@code kubeconform -strict} is: no definition accepts a property it does not declare, so a misspelled or misplaced
 * field fails. As shipped the schemas also declare no required field; the ones the Kubernetes API requires of what
 * Nebula and the Helm chart render are added here from the Kubernetes OpenAPI.
 *
 * <p>The build of this module unpacks the schema files of the jars into its own classes, under
 * {@code kubernetes-schemas/<jar>/}: the 6.x model jars themselves cannot sit on a class path beside fabric8 7.x.
 */
public final class KubernetesSchemas {

    /**
     * Loaded in this order, a later jar's definition replacing an earlier one's: the monitoring jar carries its own,
     * older copies of a few core types, so the core jars come after it.
     */
    private static final List<String> MODULES = List.of("monitoring", "core", "apps", "policy", "networking", "rbac");

    private static final Set<String> CODE_GENERATOR_KEYWORDS =
            Set.of("javaType", "javaInterfaces", "existingJavaType", "javaOmitEmpty");

    /** Required fields of the Kubernetes 1.30 OpenAPI for the types rendered here (fabric8's schemas omit them). */
    private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("kubernetes_core_Container", List.of("name")),
            Map.entry("kubernetes_core_ContainerPort", List.of("containerPort")),
            Map.entry("kubernetes_core_EnvVar", List.of("name")),
            Map.entry("kubernetes_core_SecretKeySelector", List.of("key")),
            Map.entry("kubernetes_core_ServicePort", List.of("port")),
            Map.entry("kubernetes_core_PodSpec", List.of("containers")),
            Map.entry("kubernetes_core_Volume", List.of("name")),
            Map.entry("kubernetes_core_VolumeMount", List.of("name", "mountPath")),
            Map.entry("kubernetes_core_HTTPGetAction", List.of("port")),
            Map.entry("kubernetes_core_SeccompProfile", List.of("type")),
            Map.entry(
                    "kubernetes_core_TopologySpreadConstraint", List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry("kubernetes_core_NodeSelector", List.of("nodeSelectorTerms")),
            Map.entry("kubernetes_core_NodeSelectorRequirement", List.of("key", "operator")),
            Map.entry("kubernetes_core_PodAffinityTerm", List.of("topologyKey")),
            Map.entry("kubernetes_core_WeightedPodAffinityTerm", List.of("weight", "podAffinityTerm")),
            Map.entry("kubernetes_apimachinery_pkg_apis_LabelSelectorRequirement", List.of("key", "operator")),
            Map.entry("kubernetes_apps_StatefulSetSpec", List.of("selector", "template", "serviceName")),
            Map.entry("kubernetes_apps_DeploymentSpec", List.of("selector", "template")),
            Map.entry("kubernetes_networking_v1_NetworkPolicySpec", List.of("podSelector")),
            Map.entry("kubernetes_networking_v1_IPBlock", List.of("cidr")),
            Map.entry("kubernetes_rbac_v1_PolicyRule", List.of("verbs")),
            Map.entry("kubernetes_rbac_v1_RoleRef", List.of("apiGroup", "kind", "name")),
            Map.entry("kubernetes_rbac_v1_Subject", List.of("kind", "name")),
            // From the Prometheus Operator's CRDs (monitoring.coreos.com/v1).
            Map.entry("os_monitoring_v1_ServiceMonitorSpec", List.of("selector", "endpoints")),
            Map.entry("os_monitoring_v1_PodMonitorSpec", List.of("selector")),
            Map.entry("os_monitoring_v1_RuleGroup", List.of("name")),
            Map.entry("os_monitoring_v1_Rule", List.of("expr")));

    private static final KubernetesSchemas STRICT = load();

    private final ObjectMapper json = new ObjectMapper();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ObjectNode definitions;
    private final Map<String, String> definitionByKind;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private KubernetesSchemas(ObjectNode definitions, Map<String, String> definitionByKind) {
        this.definitions = definitions;
        this.definitionByKind = definitionByKind;
    }

    public static KubernetesSchemas strict() {
        return STRICT;
    }

    /** What is wrong with an object, as the schema of its {@code apiVersion} and {@code kind} sees it; empty if valid. */
    public List<String> violations(HasMetadata object) {
        return violations(asJson(object));
    }

    /** What is wrong with an object read from a manifest; empty if valid. */
    public List<String> violations(JsonNode object) {
        String kind =
                object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String definition = definitionByKind.get(kind);
        if (definition == null) {
            return List.of("no schema for " + kind);
        }
        Set<ValidationMessage> messages =
                schemas.computeIfAbsent(definition, this::schema).validate(object);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The object as the API server would receive it, as a tree a test can spoil on purpose. */
    public ObjectNode asJson(HasMetadata object) {
        try {
            return (ObjectNode) json.readTree(serialization.asJson(object));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonSchema schema(String definition) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$ref", "#/definitions/" + definition);
        root.set("definitions", definitions);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    private static KubernetesSchemas load() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        for (String module : MODULES) {
            String resource = "/kubernetes-schemas/" + module + "/schema/validation-schema.json";
            try (InputStream schema = KubernetesSchemas.class.getResourceAsStream(resource)) {
                if (schema == null) {
                    throw new IllegalStateException("no " + resource + " on the class path (unpacked by the build)");
                }
                definitions.setAll((ObjectNode) mapper.readTree(schema).get("definitions"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        Map<String, String> definitionByKind = new HashMap<>();
        definitions.properties().forEach(entry -> {
            ObjectNode definition = (ObjectNode) entry.getValue();
            stripCodeGeneratorKeywords(definition);
            makeStrict(definition);
            JsonNode properties = definition.path("properties");
            String apiVersion = properties.path("apiVersion").path("default").asText("");
            String kind = properties.path("kind").path("default").asText("");
            if (!apiVersion.isEmpty() && !kind.isEmpty()) {
                definitionByKind.putIfAbsent(apiVersion + "/" + kind, entry.getKey());
            }
        });
        // Serialized as a bare number or string, not as the Java object the generator saw.
        definitions.set("kubernetes_apimachinery_pkg_util_intstr_IntOrString", oneOfTypes("integer", "string"));
        // The model jars name the quantity type differently (core has its own copy of it).
        definitions.set("kubernetes_resource_Quantity", oneOfTypes("string", "number"));
        definitions.set("k8s_io_apimachinery_pkg_api_resource_Quantity", oneOfTypes("string", "number"));
        REQUIRED.forEach((name, fields) -> require(definitions, name, fields));
        return new KubernetesSchemas(definitions, definitionByKind);
    }

    /** No unknown property anywhere; {@code required: true} on a property (draft 3) becomes a draft-7 list. */
    private static void makeStrict(ObjectNode definition) {
        if (!definition.has("properties")) {
            return;
        }
        definition.put("additionalProperties", false);
        List<String> required = new ArrayList<>();
        definition.get("properties").properties().forEach(property -> {
            if (property.getValue() instanceof ObjectNode schema
                    && schema.path("required").isBoolean()) {
                if (schema.get("required").asBoolean()) {
                    required.add(property.getKey());
                }
                schema.remove("required");
            }
        });
        if (!required.isEmpty()) {
            ArrayNode list = definition.putArray("required");
            required.forEach(list::add);
        }
    }

    private static void require(ObjectNode definitions, String name, List<String> fields) {
        if (!(definitions.get(name) instanceof ObjectNode definition)) {
            throw new IllegalStateException("no definition " + name + " in the Kubernetes schemas");
        }
        Set<String> required = new LinkedHashSet<>();
        definition.path("required").forEach(field -> required.add(field.asText()));
        required.addAll(fields);
        ArrayNode list = definition.putArray("required");
        required.forEach(list::add);
    }

    private static void stripCodeGeneratorKeywords(JsonNode node) {
        if (node instanceof ObjectNode object) {
            CODE_GENERATOR_KEYWORDS.forEach(object::remove);
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                stripCodeGeneratorKeywords(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(KubernetesSchemas::stripCodeGeneratorKeywords);
        }
    }

    private static ObjectNode oneOfTypes(String... types) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        ArrayNode list = schema.putArray("type");
        for (String type : types) {
            list.add(type);
        }
        return schema;
    }
}
