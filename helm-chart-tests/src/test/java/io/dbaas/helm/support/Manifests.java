package io.dbaas.helm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the chart rendered: each document as a JSON tree (what the schemas check) and as a fabric8 object (what the
 * behaviour tests read).
 */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<JsonNode> documents;
    private final List<HasMetadata> objects;

    private Manifests(List<JsonNode> documents) {
        this.documents = List.copyOf(documents);
        this.objects = documents.stream()
                .map(document -> SERIALIZATION.<HasMetadata>unmarshal(document.toString()))
                .toList();
    }

    static Manifests parse(String multiDocumentYaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(multiDocumentYaml)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the chart rendered YAML that does not parse", e);
        }
        return new Manifests(documents);
    }

    public List<JsonNode> documents() {
        return documents;
    }

    public List<HasMetadata> objects() {
        return objects;
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.getKind())).toList();
    }

    /** The one object of this type named {@code <fullname>-<suffix>}. */
    public <T extends HasMetadata> T named(Class<T> type, String suffix) {
        return called(type, fullName(suffix));
    }

    /** The one object of this type with exactly this name. */
    public <T extends HasMetadata> T called(Class<T> type, String name) {
        return all(type).stream()
                .filter(object -> name.equals(object.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
    }

    public Deployment deployment(String component) {
        return named(Deployment.class, component);
    }

    /** The component's own container: the first of its Deployment's pod template. */
    public Container container(String component) {
        return deployment(component)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    public Service service(String suffix) {
        return named(Service.class, suffix);
    }

    /** The Spring configuration a component reads from its ConfigMap, as a tree. */
    public JsonNode springConfig(String component) {
        Map<String, String> data = named(ConfigMap.class, component).getData();
        try {
            return YAML.readTree(data.get("application.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String fullName(String suffix) {
        return HelmChart.RELEASE + "-dbaas-control-plane-" + suffix;
    }

    /** Parses a plain multi-document manifest file the same way. */
    public static Manifests parseFile(String text) {
        return parse(text);
    }
}
