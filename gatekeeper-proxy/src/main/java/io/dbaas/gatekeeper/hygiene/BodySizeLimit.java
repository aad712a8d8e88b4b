package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A request whose body fails once more than {@code maxBytes} have streamed through. Counting, not buffering: a
 * chunked body gives its size away only as it arrives, and holding it whole would let one client exhaust the heap.
 */
final class BodySizeLimit extends ServerHttpRequestDecorator {

    private final long maxBytes;

    BodySizeLimit(ServerHttpRequest request, long maxBytes) {
        super(request);
        this.maxBytes = maxBytes;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        // One count per subscription: a body is read once, but a count shared across reads would be wrong if not.
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new ProblemException(Problem.BODY_TOO_LARGE));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }
}
