package io.dbaas.gatekeeper.hygiene;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import org.jspecify.annotations.Nullable;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Holds back a pipelined request after which the connection ends ({@code Connection: close}, HTTP/1.0 without
 * keep-alive, or a request the decoder could not read) until every response owed before it has been written, so that
 * each request is answered in turn and the connection closes after the last (RFC 9112, sections 9.3.2 and 9.6).
 *
 * <p>Why it is needed: Reactor Netty's {@code HttpTrafficHandler} takes whether the connection persists from the
 * latest request it has read ({@code persistentConnection = isKeepAlive(request)}) and applies it to the next response
 * it writes ({@code shouldKeepAlive()} is {@code pendingResponses != 0 && persistentConnection}). A closing request read
 * while earlier ones are still being answered therefore gives the earliest answer a {@code Connection: close}; the
 * connection closes after it, and the closing request and every one between go unanswered. So in 1.3.6 (the version
 * Spring Boot 4.0.7 brings), in 1.3.8 and on Reactor Netty's main branch; no upstream issue names it yet. Decoding
 * failures are answered by {@link DecodingFailureResponder} at once, which would put their answer ahead of the ones
 * owed. Handed on only when nothing is owed, the request meets the case both get right: answered, then closed.
 *
 * <p>Sits between the HTTP/1.1 codec and those handlers, one instance per connection. It asks for no read itself:
 * Reactor Netty reads on demand and not for pipelined requests while answers are pending, so what is held here is what
 * its own queue of pipelined requests would otherwise hold.
 */
final class ClosingRequestWaitsItsTurn extends ChannelDuplexHandler {

    /** Requests handed on whose final response has not been written whole yet. */
    private int owed;

    private boolean informationalResponse;
    private boolean closingRequestHandedOn;

    /** The closing request and whatever was read after it, in order; null while nothing is held. */
    private @Nullable Queue<Object> held;

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (held != null) {
            held.add(message);
            return;
        }
        if (message instanceof HttpRequest request && !closingRequestHandedOn) {
            boolean closing = endsTheConnection(request);
            if (closing && owed > 0) {
                held = new ArrayDeque<>();
                held.add(message);
                return;
            }
            closingRequestHandedOn = closing;
            owed++;
        }
        context.fireChannelRead(message);
    }

    private static boolean endsTheConnection(HttpRequest request) {
        return request.decoderResult().isFailure() || !HttpUtil.isKeepAlive(request);
    }

    /** A response is whole once its last content is written; an interim answer (100 Continue) owes nothing. */
    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response) {
            informationalResponse = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        }
        if (message instanceof LastHttpContent && !informationalResponse && owed > 0) {
            owed--;
        }
        context.write(message, promise);
    }

    /**
     * Reactor Netty announces with an event that the exchange before has let go of the connection. Handing the request
     * on before that would leave it parked in Reactor Netty's own queue, which is not drained for a connection that is
     * to close; so the held request goes on once nothing is owed and no exchange holds the connection.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        super.userEventTriggered(context, event);
        Queue<Object> messages = held;
        if (messages != null
                && owed == 0
                && !(ChannelOperations.get(context.channel()) instanceof HttpServerRequest)
                && context.channel().isActive()) {
            handOn(context, messages);
        }
    }

    private void handOn(ChannelHandlerContext context, Queue<Object> messages) {
        held = null;
        closingRequestHandedOn = true;
        owed++;
        for (Object message = messages.poll(); message != null; message = messages.poll()) {
            context.fireChannelRead(message);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        discardHeld();
        super.channelInactive(context);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        discardHeld();
    }

    private void discardHeld() {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held = null;
        }
    }
}
