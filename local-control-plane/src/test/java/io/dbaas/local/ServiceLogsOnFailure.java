package io.dbaas.local;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a test fails, prints the end of each service's log: the cause is usually in another process. */
final class ServiceLogsOnFailure implements TestWatcher {

    private static @Nullable ControlPlane watched;

    static void watch(ControlPlane controlPlane) {
        watched = controlPlane;
    }

    @Override
    public void testFailed(ExtensionContext context, @Nullable Throwable cause) {
        ControlPlane controlPlane = watched;
        if (controlPlane == null) {
            return;
        }
        for (ServiceProcess service : controlPlane.services()) {
            System.out.println("===== last lines of " + service.name() + " =====");
            System.out.println(service.tail());
        }
    }
}
