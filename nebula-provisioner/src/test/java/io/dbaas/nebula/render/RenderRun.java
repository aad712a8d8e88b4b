package io.dbaas.nebula.render;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.Yaml;

/** One run of the render command as a shell sees it: exit status, standard output, standard error. */
record RenderRun(int status, String out, String err) {

    /** The region the specs below name; Nebula's default configuration has none. */
    static final String LOCAL_REGION = "--nebula.providers.minikube.regions.local.kubernetes.context=";

    private static final List<String> QDRANT = List.of(
            "--engine=qdrant",
            "--version=1.19.0",
            "--nodes=3",
            "--cpu=1",
            "--memory=2Gi",
            "--disk=10Gi",
            "--provider=minikube",
            "--region=local",
            "--cluster-id=3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a",
            LOCAL_REGION);

    /** The options of a Qdrant cluster, as a list a test may change. */
    static List<String> qdrant() {
        return new ArrayList<>(QDRANT);
    }

    /** The options of an Elasticsearch cluster, as a list a test may change. */
    static List<String> elasticsearch() {
        List<String> args = qdrant();
        args.set(0, "--engine=elasticsearch");
        args.set(1, "--version=8.15.3");
        return args;
    }

    static RenderRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    static RenderRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RenderCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new RenderRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Standard output's YAML documents, in order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> documents() {
        return StreamSupport.stream(new Yaml().loadAll(out).spliterator(), false)
                .filter(Objects::nonNull)
                .map(document -> (Map<String, Object>) document)
                .toList();
    }

    /** The documents of one kind, in order. */
    List<Map<String, Object>> documents(String kind) {
        return documents().stream()
                .filter(document -> kind.equals(document.get("kind")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> metadata(Map<String, Object> document) {
        return (Map<String, Object>) document.get("metadata");
    }
}
