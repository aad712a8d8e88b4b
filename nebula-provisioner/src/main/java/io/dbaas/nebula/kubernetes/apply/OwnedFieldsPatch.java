package io.dbaas.nebula.kubernetes.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Patch (RFC 6902) that brings the fields Nebula owns to what it renders now and leaves every other field
 * alone: kubectl's three-way merge ({@code last-applied-configuration}), written as JSON Patch operations.
 *
 * <ul>
 *   <li>A field of the rendering that the live object lacks or holds differently is set ({@code add}, which replaces
 *       an existing member); this also undoes a hand edit of a field Nebula owns.
 *   <li>A field of the last rendering that the rendering no longer has is removed, if still there; of an object no
 *       longer rendered at all, only the keys Nebula rendered are removed.
 *   <li>Every other field of the live object — filled in by the API server's defaults, added by admission, the cloud or
 *       another controller — is in no operation, so it survives. Objects (labels, annotations, selectors, specs) are
 *       walked key by key; lists are set whole, which is right for the lists Nebula renders (containers, env, volumes,
 *       ports, policy rules): they are Nebula's alone.
 * </ul>
 *
 * <p>JSON Patch rather than a JSON merge patch: both mean the same on a real API server, but the fabric8 mock API server
 * the tests run against merges a merge patch with Jackson's updating reader, which appends to lists and keeps
 * {@code null}s instead of removing fields ({@code MockApiServerPatchesTest}), while it applies a JSON Patch as RFC 6902
 * says.
 */
final class OwnedFieldsPatch {

    private OwnedFieldsPatch() {}

    /**
     * @param lastApplied the object as Nebula rendered it last time (empty when unknown: nothing is removed)
     * @param rendered the object as Nebula renders it now
     * @param live the object as the API server holds it
     * @return the operations, in document order; empty when the live object already holds every owned field
     */
    static ArrayNode of(ObjectNode lastApplied, ObjectNode rendered, ObjectNode live) {
        ArrayNode operations = JsonNodeFactory.instance.arrayNode();
        diff("", lastApplied, rendered, live, operations);
        return operations;
    }

    /** The top-level fields the operations change, such as {@code spec} or {@code metadata}. */
    static Set<String> changedPaths(ArrayNode operations, String prefix) {
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode operation : operations) {
            String path = operation.get("path").asText();
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int end = rest.indexOf('/');
                paths.add(unescape(end < 0 ? rest : rest.substring(0, end)));
            }
        }
        return paths;
    }

    private static void diff(String path, ObjectNode lastApplied, ObjectNode rendered, ObjectNode live, ArrayNode out) {
        for (Iterator<String> previous = lastApplied.fieldNames(); previous.hasNext(); ) {
            String field = previous.next();
            if (rendered.has(field) || !live.has(field)) {
                continue;
            }
            JsonNode before = lastApplied.get(field);
            JsonNode current = live.get(field);
            if (before.isObject() && current.isObject()) {
                // A map Nebula no longer renders at all (its labels of some kind): only its own keys go, others' stay.
                diff(
                        path + "/" + escape(field),
                        (ObjectNode) before,
                        JsonNodeFactory.instance.objectNode(),
                        (ObjectNode) current,
                        out);
            } else {
                out.addObject().put("op", "remove").put("path", path + "/" + escape(field));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = rendered.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "/" + escape(field.getKey());
            JsonNode wanted = field.getValue();
            JsonNode current = live.get(field.getKey());
            if (wanted.isObject() && current != null && current.isObject()) {
                JsonNode before = lastApplied.get(field.getKey());
                diff(
                        fieldPath,
                        before != null && before.isObject()
                                ? (ObjectNode) before
                                : JsonNodeFactory.instance.objectNode(),
                        (ObjectNode) wanted,
                        (ObjectNode) current,
                        out);
            } else if (!wanted.equals(current)) {
                out.addObject().put("op", "add").put("path", fieldPath).set("value", wanted);
            }
        }
    }

    /** RFC 6901: {@code ~} and {@code /} in a key, as in {@code dbaas.io/cluster-id}. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
