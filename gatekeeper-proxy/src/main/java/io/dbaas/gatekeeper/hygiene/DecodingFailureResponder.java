package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.Objects;

/**
 * Answers requests Netty's HTTP/1.1 decoder could not read (headers or request line too long, conflicting
 * {@code Content-Length} / {@code Transfer-Encoding}, garbage) with a problem, as every other refusal. Without it the
 * web server answers the same statuses with an empty body. Sits between the codec and the web server: what it answers
 * never reaches the request path, and the connection is closed because the rest of the stream cannot be trusted.
 */
@ChannelHandler.Sharable
final class DecodingFailureResponder extends ChannelInboundHandlerAdapter {

    private final Map<Problem, byte[]> bodies;

    DecodingFailureResponder(ProblemResponses problems) {
        this.bodies = Map.of(
                Problem.HEADERS_TOO_LARGE, problems.bytes(Problem.HEADERS_TOO_LARGE),
                Problem.URI_TOO_LONG, problems.bytes(Problem.URI_TOO_LONG),
                Problem.BODY_TOO_LARGE, problems.bytes(Problem.BODY_TOO_LARGE),
                Problem.MALFORMED_REQUEST, problems.bytes(Problem.MALFORMED_REQUEST));
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpObject http && http.decoderResult().isFailure()) {
            Problem problem = problemFor(http.decoderResult());
            ReferenceCountUtil.release(message);
            context.writeAndFlush(response(problem)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        context.fireChannelRead(message);
    }

    static Problem problemFor(DecoderResult result) {
        return switch (result.cause()) {
            case TooLongHttpHeaderException tooLong -> Problem.HEADERS_TOO_LARGE;
            case TooLongHttpLineException tooLong -> Problem.URI_TOO_LONG;
            // Any other frame over a limit: a chunk larger than the decoder takes.
            case TooLongFrameException tooLong -> Problem.BODY_TOO_LARGE;
            default -> Problem.MALFORMED_REQUEST;
        };
    }

    private FullHttpResponse response(Problem problem) {
        // Every problem this responder picks has a body, made once in the constructor.
        byte[] body = Objects.requireNonNull(bodies.get(problem));
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }
}
