package io.dbaas.nebula.render;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.InvalidClusterSpecsException;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code render}: prints the manifests of one cluster spec to standard output; problems go to standard error. */
public final class RenderCommand {

    public static final String NAME = "render";

    /** Exit status for a request that cannot be rendered (missing option, unknown region, invalid spec). */
    public static final int USAGE_ERROR = 2;

    /** Opens the output of {@code --with-secrets}, so that nobody handles it as the harmless review copy. */
    static final String CREDENTIALS_WARNING = """
            # ##################################################################################################
            # THIS OUTPUT HOLDS CREDENTIALS (rendered --with-secrets): the cluster's master key (Elasticsearch:
            # the password of the superuser elastic; Qdrant: the API key) and any private keys and password
            # hashes, in every Secret annotated %s: "true". Treat it as a secret, like a
            # kubeconfig: never commit it, never paste it anywhere; apply it, then delete it or keep it in a
            # secret store. No control plane keeps a copy. Every rendering generates new credentials: never
            # apply these Secrets over the Secrets of a running cluster.
            # ##################################################################################################
            """.formatted(Manifests.GENERATED_BY_RENDER);

    /** What an Elasticsearch cluster needs from whoever runs it when Nebula does not. */
    static final String ELASTICSEARCH_WITHOUT_NEBULA = """
            # Without Nebula, annotate every new pod with its zone and empty ConfigMap elasticsearch-bootstrap once
            # the cluster has formed: docs/guides/elasticsearch-without-the-control-plane.md.
            """;

    private RenderCommand() {}

    public static boolean isRequested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /**
     * Renders and prints; returns the process exit status.
     *
     * @param args the arguments after {@code render}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help")) {
            out.println(RenderRequest.USAGE);
            return 0;
        }
        try (ConfigurableApplicationContext context = start(args)) {
            RenderRequest request = RenderRequest.from(context.getEnvironment());
            out.print(render(request, context));
            out.flush();
            return 0;
        } catch (RenderException | InvalidClusterSpecsException e) {
            err.println("render: " + e.getMessage());
            err.println(RenderRequest.USAGE);
            return USAGE_ERROR;
        }
    }

    private static String render(RenderRequest request, ConfigurableApplicationContext context) {
        DBClusterSpecs specs = request.specs();
        EngineBlueprint blueprint = context.getBean(EngineBlueprints.class)
                .find(specs.engine())
                .orElseThrow(() -> new RenderException("this version of Nebula has no blueprint for "
                        + specs.engine().id()));
        if (!request.clientAddresses().isEmpty()
                && blueprint.upstreamCaCertificate().isEmpty()) {
            throw new RenderException("--" + RenderRequest.CLIENT_ADDRESSES + " names addresses in a TLS certificate,"
                    + " and " + specs.engine().id() + " serves plain HTTP without one");
        }
        Region region = region(context.getBean(NebulaProperties.class), specs);
        DesiredCluster cluster = blueprint.render(specs, region.properties());
        String header = "# Rendered by Nebula for " + specs.engine().id() + " " + specs.version() + " in "
                + region.id() + (request.clusterIdGiven() ? "" : "; cluster id generated (pass --cluster-id to fix it)")
                + ".\n";
        if (request.withSecrets()) {
            return header
                    + CREDENTIALS_WARNING
                    + (specs.engine() == Engine.ELASTICSEARCH ? ELASTICSEARCH_WITHOUT_NEBULA : "")
                    + Manifests.toYaml(Manifests.objectsWithSecrets(cluster, request.clientAddresses()));
        }
        return header
                + "# The master key and any other credential or TLS material are placeholders: Nebula generates them once,"
                + " at provisioning.\n" + Manifests.toYaml(cluster);
    }

    private static Region region(NebulaProperties properties, DBClusterSpecs specs) {
        RegionCatalog catalog = new RegionCatalog(properties);
        return catalog.find(new RegionId(specs.provider(), specs.region()))
                .orElseThrow(() -> new RenderException("no region " + specs.provider() + "/" + specs.region()
                        + " is configured; configured: "
                        + (catalog.all().isEmpty()
                                ? "none (name regions with --nebula.providers.<provider>.regions.<region>.…)"
                                : catalog.all().stream()
                                        .map(region -> region.id().toString())
                                        .collect(Collectors.joining(", ")))));
    }

    static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(RenderContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Standard output carries the manifests only.
                .properties("logging.threshold.console=OFF", "spring.main.register-shutdown-hook=false")
                .run(springArguments(args));
    }

    /** {@code --spec=FILE} becomes a config import, so that the spec file's keys read like the options. */
    private static String[] springArguments(String[] args) {
        List<String> arguments = new ArrayList<>();
        for (String arg : args) {
            arguments.add(arg.startsWith("--spec=") ? "--spring.config.import=file:" + arg.substring(7) : arg);
        }
        return arguments.toArray(String[]::new);
    }
}
