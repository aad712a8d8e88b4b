package io.dbaas.nebula.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A client of the same API server that records every request it sends, so that a test can check what Nebula sends and
 * not only what the mock API server (which accepts what a real one refuses) ends up holding. It can also run something
 * just before a request goes out: another writer changing the object between Nebula's read and its write.
 */
public final class SentRequests implements AutoCloseable {

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Race> races = new CopyOnWriteArrayList<>();
    private final KubernetesClient client;

    public SentRequests(KubernetesClient of) {
        this.client = new KubernetesClientBuilder()
                .withConfig(of.getConfiguration())
                .withHttpClientBuilderConsumer(
                        builder -> builder.addOrReplaceInterceptor("recorder", new Interceptor() {
                            @Override
                            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                                Sent next = new Sent(
                                        request.method(),
                                        request.uri().getPath(),
                                        request.bodyString() == null ? "" : request.bodyString());
                                for (Race race : races) {
                                    if (race.before.test(next) && race.remaining > 0) {
                                        race.remaining--;
                                        race.change.run();
                                    }
                                }
                                sent.add(next);
                            }
                        }))
                .build();
    }

    /** The recording client, to hand to Nebula's appliers. */
    public KubernetesClient client() {
        return client;
    }

    public List<Sent> all() {
        return List.copyOf(sent);
    }

    /** Requests that change something: everything but GET. */
    public List<Sent> writes() {
        return sent.stream().filter(request -> !request.method().equals("GET")).toList();
    }

    @Override
    public void close() {
        client.close();
    }

    public void clear() {
        sent.clear();
    }

    /** Runs {@code change} just before each of the next {@code times} requests that {@code before} matches. */
    public void raceBefore(Predicate<Sent> before, int times, Runnable change) {
        races.add(new Race(before, times, change));
    }

    /** One request: method, path and body (empty for none). */
    public record Sent(String method, String path, String body) {

        public boolean isPatchOf(String resource) {
            return method.equals("PATCH") && path.contains("/" + resource + "/");
        }
    }

    private static final class Race {
        private final Predicate<Sent> before;
        private int remaining;
        private final Runnable change;

        private Race(Predicate<Sent> before, int remaining, Runnable change) {
            this.before = before;
            this.remaining = remaining;
            this.change = change;
        }
    }
}
