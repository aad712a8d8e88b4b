package io.dbaas.nebula.config;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Nebula's settings under {@code nebula.*}.
 *
 * @param providers the provider catalog: provider name → its regions
 * @param topics how the topics Nebula owns are created
 * @param kubernetesRetry how often a transient Kubernetes API failure is retried before a claim fails
 */
@ConfigurationProperties("nebula")
public record NebulaProperties(
        @DefaultValue Map<String, ProviderProperties> providers,
        @DefaultValue TopicProperties topics,
        @DefaultValue RetryProperties kubernetesRetry) {}
