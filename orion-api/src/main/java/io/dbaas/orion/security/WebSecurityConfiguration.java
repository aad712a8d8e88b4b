package io.dbaas.orion.security;

import io.dbaas.orion.account.CredentialVerifier;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two layers, both explicit. Here, per path: the API under {@code /v1} needs a verified management token, the API
 * description is public, anything else is refused. On each controller method, a {@code @PreAuthorize} names the role
 * it needs (a test fails when one is missing).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSecurityConfiguration {

    /**
     * Actuator on the management port: health for the orchestrator's probes, Prometheus for the scraper. That port is
     * not published to clients (the local run binds it to 127.0.0.1; in Kubernetes it is not in the Service).
     */
    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http) {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    FailedAuthenticationBudget failedAuthenticationBudget(FailedAuthenticationProperties properties) {
        return new FailedAuthenticationBudget(properties);
    }

    /**
     * What the firewall refuses is answered as a 400 problem. Without it, the refusal became a servlet error, whose
     * dispatch to {@code /error} the rules below then refused as unauthenticated: a bad URL read like a bad token.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            CredentialVerifier verifier,
            FailedAuthenticationBudget failedAuthentications,
            JsonMapper json) {
        var problems = new SecurityProblems(json);
        return http.authorizeHttpRequests(requests -> requests
                        // The API's description: public, so that Swagger UI can load before a token is pasted in.
                        // It describes what the repository's docs describe already and holds no account data.
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/v1/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .addFilterBefore(
                        new BearerTokenFilter(verifier, failedAuthentications, problems), AuthorizationFilter.class)
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // Bearer tokens in a header, never cookies: no session to keep and no cross-site request to forge.
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }
}
