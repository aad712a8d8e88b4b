package io.dbaas.gatekeeper.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches Reactor Netty's traffic handler, and when. The end-to-end behaviour (answers in order, then a close) is
 * in {@code RequestHygieneIT}; this pins the cases a socket cannot stage reliably.
 */
class ClosingRequestWaitsItsTurnTest {

    /** Stands in for Reactor Netty's announcement that the exchange before has let go of the connection. */
    private static final Object EXCHANGE_TERMINATED = new Object();

    private final EmbeddedChannel channel = new EmbeddedChannel(new ClosingRequestWaitsItsTurn());

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aClosingRequestWithNothingOwedIsHandedOnAtOnce() {
        channel.writeInbound(request("/only", true), LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(handedOnPaths()).containsExactly("/only");
    }

    @Test
    void aClosingRequestBehindAnUnansweredOneIsHandedOnOnlyOnceThatAnswerIsWrittenWhole() {
        channel.writeInbound(request("/first", false), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.writeInbound(request("/closing", true), LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(handedOnPaths()).containsExactly("/first");

        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.pipeline().fireUserEventTriggered(EXCHANGE_TERMINATED);
        assertThat(handedOnPaths())
                .as("the answer's body is still being written")
                .isEmpty();

        channel.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(handedOnPaths())
                .as("written, but the exchange has not let go yet")
                .isEmpty();

        channel.pipeline().fireUserEventTriggered(EXCHANGE_TERMINATED);
        assertThat(handedOnPaths()).containsExactly("/closing");
    }

    @Test
    void anInterimAnswerIsNotTheAnswerOwed() {
        channel.writeInbound(request("/first", false), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.writeInbound(request("/closing", true), LastHttpContent.EMPTY_LAST_CONTENT);
        handedOnPaths();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.pipeline().fireUserEventTriggered(EXCHANGE_TERMINATED);

        assertThat(handedOnPaths()).isEmpty();
    }

    @Test
    void whatWasReadAfterTheClosingRequestFollowsItInOrder() {
        channel.writeInbound(request("/first", false), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.writeInbound(request("/closing", true), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.writeInbound(request("/after", false), LastHttpContent.EMPTY_LAST_CONTENT);
        handedOnPaths();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.pipeline().fireUserEventTriggered(EXCHANGE_TERMINATED);

        // Reactor Netty drops what follows a closing request; this handler only keeps the order.
        assertThat(handedOnPaths()).containsExactly("/closing", "/after");
    }

    @Test
    void whatIsHeldIsReleasedWhenTheConnectionCloses() {
        ByteBuf body = Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8);
        channel.writeInbound(request("/first", false), LastHttpContent.EMPTY_LAST_CONTENT);
        channel.writeInbound(request("/closing", true), new DefaultHttpContent(body));
        handedOnPaths();

        channel.close();

        assertThat(body.refCnt()).isZero();
        assertThat(handedOnPaths()).isEmpty();
    }

    private static HttpRequest request(String path, boolean closing) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        if (closing) {
            request.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        return request;
    }

    /** The paths of the requests handed on since the last call; their other parts are released. */
    private List<String> handedOnPaths() {
        List<String> paths = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            if (message instanceof HttpRequest request) {
                paths.add(request.uri());
            }
            ReferenceCountUtil.release(message);
        }
        return paths;
    }
}
