package io.dbaas.local;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link ControlPlaneUnderTest} for the first IT class that needs it and hands the same one to every later
 * class (as a constructor or method parameter). It is kept in the root context's store, which closes it once every
 * class has run.
 */
final class SharedControlPlane implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedControlPlane.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ControlPlaneUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static ControlPlaneUnderTest shared(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        ControlPlaneUnderTest.class,
                        type -> ControlPlaneUnderTest.start(),
                        ControlPlaneUnderTest.class);
    }
}
