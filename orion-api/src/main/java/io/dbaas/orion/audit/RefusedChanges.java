package io.dbaas.orion.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Records a change request refused with a problem (validation, conflict, capacity, another account's resource, …)
 * just before the problem is written: the change's transaction has rolled back, the event gets one of its own, and
 * it exists before the client reads the answer. Server errors are not refusals and are not recorded.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RefusedChanges implements ResponseBodyAdvice<Object> {

    private final ObjectProvider<AuditTrail> trail;

    RefusedChanges(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public @Nullable Object beforeBodyWrite(
            @Nullable Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem
                && HttpStatus.valueOf(problem.getStatus()).is4xxClientError()
                && request instanceof ServletServerHttpRequest servlet) {
            refused(servlet.getServletRequest(), problem);
        }
        return body;
    }

    private void refused(HttpServletRequest request, ProblemDetail problem) {
        ChangeUnderAudit.of(request).filter(change -> !change.settled()).ifPresent(change -> trail.getObject()
                .refused(change, problem.getStatus(), Objects.toString(problem.getType(), "about:blank")));
    }
}
