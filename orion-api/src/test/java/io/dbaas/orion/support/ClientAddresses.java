package io.dbaas.orion.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.SpringBootMockMvcBuilderCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Requests from client addresses other than 127.0.0.1, which real HTTP in a test always comes from. They go through
 * the running test application's filters (security and the database-outage answer included), as Spring Boot's own
 * MockMvc support would set them up, without starting another application context.
 *
 * <p>Orion counts failed authentications per client address: a test that spends an address's budget takes an
 * address of its own ({@link #unused()}), so that the tests sharing the application keep 127.0.0.1's.
 */
public final class ClientAddresses {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final MockMvc mvc;

    public ClientAddresses(WebApplicationContext application) {
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(application);
        var filters = new SpringBootMockMvcBuilderCustomizer(application);
        filters.setPrint(MockMvcPrint.NONE);
        filters.customize(builder);
        this.mvc = builder.build();
    }

    /** An address no other test of this JVM was given: 198.18.0.0/15, reserved for benchmarks (RFC 2544). */
    public static String unused() {
        int n = NEXT.incrementAndGet();
        return "198.18." + (n / 256 % 256) + "." + (n % 256);
    }

    /** Requests from {@code address} sent with {@code Authorization: Bearer <token>}. */
    public From from(String address, String token) {
        return new From(address, "Bearer " + token);
    }

    /** Requests from {@code address} sent with this exact {@code Authorization} header, or none. */
    public From fromWithAuthorization(String address, @Nullable String authorization) {
        return new From(address, authorization);
    }

    /** Requests of one client address with one {@code Authorization} header, or none. */
    public final class From {

        private final String address;
        private final @Nullable String authorization;

        private From(String address, @Nullable String authorization) {
            this.address = address;
            this.authorization = authorization;
        }

        /** A GET with extra headers, given as name, value, name, value, ... */
        public MockHttpServletResponse get(String path, String... headers) {
            return send(withHeaders(MockMvcRequestBuilders.get(path), headers));
        }

        public MockHttpServletResponse post(String path, String json) {
            return send(MockMvcRequestBuilders.post(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json));
        }

        private MockHttpServletRequestBuilder withHeaders(MockHttpServletRequestBuilder request, String... headers) {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return request;
        }

        private MockHttpServletResponse send(MockHttpServletRequestBuilder request) {
            request.with(sent -> {
                sent.setRemoteAddr(address);
                return sent;
            });
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            try {
                return mvc.perform(request).andReturn().getResponse();
            } catch (Exception e) {
                throw new IllegalStateException("request from " + address + " failed", e);
            }
        }
    }
}
