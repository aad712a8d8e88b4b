package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * What Spring Boot does not expose for the Netty server: the body read timeout, and problem answers to requests the
 * HTTP decoder refuses.
 */
final class PublicServerTuning implements NettyServerCustomizer {

    static final String DECODING_FAILURES = "gatekeeper.decodingFailures";

    private final RequestLimitsProperties limits;
    private final DecodingFailureResponder decodingFailures;

    PublicServerTuning(RequestLimitsProperties limits, ProblemResponses problems) {
        this.limits = limits;
        this.decodingFailures = new DecodingFailureResponder(problems);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.readTimeout(limits.readTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) -> answerDecodingFailures(channel.pipeline()));
    }

    /**
     * Only where the HTTP/1.1 handlers are already in place, which is the case on a cleartext connection. Over TLS the
     * protocol is chosen later (ALPN) and Netty's own empty-bodied answers remain.
     */
    private void answerDecodingFailures(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null && pipeline.get(DECODING_FAILURES) == null) {
            pipeline.addBefore(NettyPipeline.HttpTrafficHandler, DECODING_FAILURES, decodingFailures);
        }
    }
}
