package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.client.ClientAddressResolver;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.hygiene.RequestHygiene;
import io.dbaas.gatekeeper.observability.AccessLog;
import io.dbaas.gatekeeper.observability.RequestTracing;
import io.dbaas.gatekeeper.problem.FailureResponder;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.dbaas.gatekeeper.upstream.UpstreamCall;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One handler for every cluster: the directory lookup finds the cluster of a request's host in one map read, however
 * many clusters there are.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    ClusterRequestHandler clusterRequestHandler(
            ClusterDirectory directory,
            RequestHygiene hygiene,
            AbuseProtection abuse,
            UpstreamCall upstream,
            ProblemResponses problems,
            GateKeeperProperties properties) {
        return new ClusterRequestHandler(
                directory, hygiene, abuse, upstream, problems, properties.domain(), Clock.systemUTC());
    }

    @Bean
    PublicTraffic publicTraffic(
            ClientAddressResolver clientAddresses,
            ClusterRequestHandler clusters,
            FailureResponder failures,
            AccessLog accessLog,
            RequestTracing tracing) {
        return new PublicTraffic(clientAddresses, clusters, failures, accessLog, tracing);
    }
}
