package io.dbaas.orion.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs calls on as many threads, released together, for the tests that prove what concurrency cannot break. */
public final class AtOnce {

    private AtOnce() {}

    /** {@code n} copies of {@code call}; their answers in submission order. */
    public static <T> List<T> fire(int n, Callable<T> call) throws Exception {
        return fire(n, i -> call);
    }

    /** The {@code n} calls {@code calls} makes for 0 … n-1; their answers in that order. */
    public static <T> List<T> fire(int n, IntFunction<Callable<T>> calls) throws Exception {
        var start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            var results = new ArrayList<Future<T>>();
            for (int i = 0; i < n; i++) {
                Callable<T> call = calls.apply(i);
                results.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var answers = new ArrayList<T>();
            for (Future<T> result : results) {
                answers.add(result.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
