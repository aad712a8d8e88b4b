package io.dbaas.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs docs/operations/kafka.md prescribes, read from the page itself so that what operators are told to grant is
 * what the tests grant: the rows of its table ({@code | User:… | topic | name | literal | Write |}) and the ACLs of
 * its Strimzi {@code KafkaUser} resources.
 */
final class DocumentedKafkaAcls {

    static final Path PAGE = Path.of(System.getProperty("dbaas.home", "..")).resolve("docs/operations/kafka.md");

    private static final Pattern TABLE_ROW = Pattern.compile(
            "^\\|\\s*`(User:[^`]+)`\\s*\\|\\s*(\\w+)\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*(\\w+)\\s*\\|\\s*(\\w+)\\s*\\|\\s*$");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private DocumentedKafkaAcls() {}

    /** The rows of the page's ACL table, each an ALLOW from any host. */
    static Set<AclBinding> table() {
        Set<AclBinding> bindings = new HashSet<>();
        for (String line : page().lines().toList()) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                bindings.add(allow(row.group(1), row.group(2), row.group(3), row.group(4), row.group(5)));
            }
        }
        return bindings;
    }

    /** The ACLs the page's Strimzi KafkaUser resources grant, each operation of each entry as one binding. */
    static Set<AclBinding> strimziKafkaUsers() {
        Set<AclBinding> bindings = new HashSet<>();
        for (JsonNode user : kafkaUsers()) {
            String principal = "User:" + user.at("/metadata/name").asText();
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                JsonNode resource = acl.path("resource");
                String pattern = resource.path("patternType").asText("literal").equals("prefix")
                        ? "prefixed"
                        : resource.path("patternType").asText("literal");
                for (JsonNode operation : acl.path("operations")) {
                    bindings.add(allow(
                            principal,
                            resource.path("type").asText(),
                            resource.path("name").asText(),
                            pattern,
                            operation.asText()));
                }
            }
        }
        return bindings;
    }

    private static List<JsonNode> kafkaUsers() {
        List<JsonNode> users = new ArrayList<>();
        Matcher blocks = YAML_BLOCK.matcher(page());
        var yaml = new YAMLMapper();
        while (blocks.find()) {
            try (MappingIterator<JsonNode> documents =
                    yaml.readerFor(JsonNode.class).readValues(blocks.group(1))) {
                for (JsonNode document : documents.readAll()) {
                    if (document.path("kind").asText().equals("KafkaUser")) {
                        users.add(document);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("a YAML block of " + PAGE + " does not parse", e);
            }
        }
        return users;
    }

    private static AclBinding allow(
            String principal, String resourceType, String name, String patternType, String operation) {
        return new AclBinding(
                new ResourcePattern(
                        ResourceType.fromString(resourceType.toUpperCase(Locale.ROOT)),
                        name,
                        PatternType.fromString(patternType.toUpperCase(Locale.ROOT))),
                new AccessControlEntry(
                        principal,
                        "*",
                        AclOperation.fromString(operation.toUpperCase(Locale.ROOT)),
                        AclPermissionType.ALLOW));
    }

    private static String page() {
        try {
            return Files.readString(PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
