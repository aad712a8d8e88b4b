package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * What Spring Boot does not expose for the Netty server: the body read timeout, problem answers to requests the HTTP
 * decoder refuses, and pipelined requests answered in turn when one of them ends the connection.
 */
final class PublicServerTuning implements NettyServerCustomizer {

    static final String DECODING_FAILURES = "gatekeeper.decodingFailures";
    static final String CLOSING_REQUEST_IN_TURN = "gatekeeper.closingRequestInTurn";
    private static final String AFTER_NEGOTIATION = "gatekeeper.afterProtocolNegotiation";

    private final RequestLimitsProperties limits;
    private final DecodingFailureResponder decodingFailures;

    PublicServerTuning(RequestLimitsProperties limits, ProblemResponses problems) {
        this.limits = limits;
        this.decodingFailures = new DecodingFailureResponder(problems);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.readTimeout(limits.readTimeout())
                .doOnChannelInit((observer, channel, remoteAddress) -> addHttp11HandlersWhenReady(channel.pipeline()));
    }

    /**
     * Before the HTTP/1.1 handlers, in this order: codec, {@link ClosingRequestWaitsItsTurn} (so that a request the
     * decoder refused waits its turn too), {@link DecodingFailureResponder}, Reactor Netty's traffic handler. On a
     * cleartext connection Reactor Netty's handlers are in place already; over TLS the protocol is chosen later, by
     * ALPN, so these are added once the handshake says HTTP/1.1 was chosen. HTTP/2 connections have no HTTP/1.1 decoder
     * and no pipelining: their limits are enforced by the HTTP/2 codec, whose refusals (a stream reset or an
     * empty-bodied 431) stay as Netty makes them.
     */
    private void addHttp11HandlersWhenReady(ChannelPipeline pipeline) {
        if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            addHttp11Handlers(pipeline);
        } else if (pipeline.get(NettyPipeline.H2OrHttp11Codec) != null) {
            pipeline.addAfter(NettyPipeline.H2OrHttp11Codec, AFTER_NEGOTIATION, new AfterProtocolNegotiation());
        }
    }

    private void addHttp11Handlers(ChannelPipeline pipeline) {
        if (pipeline.get(DECODING_FAILURES) == null) {
            pipeline.addBefore(NettyPipeline.HttpTrafficHandler, DECODING_FAILURES, decodingFailures);
            pipeline.addBefore(DECODING_FAILURES, CLOSING_REQUEST_IN_TURN, new ClosingRequestWaitsItsTurn());
        }
    }

    /**
     * Sits after the ALPN handler, which builds the protocol's handlers when the TLS handshake completes and then
     * passes the handshake event on: by the time the event arrives here, the HTTP/1.1 handlers exist if that protocol
     * was chosen. Removes itself after the handshake either way.
     */
    private final class AfterProtocolNegotiation extends ChannelInboundHandlerAdapter {

        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                ChannelPipeline pipeline = context.pipeline();
                if (handshake.isSuccess() && pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                    addHttp11Handlers(pipeline);
                }
                pipeline.remove(this);
            }
            super.userEventTriggered(context, event);
        }
    }
}
