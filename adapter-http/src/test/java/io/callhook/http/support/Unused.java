package io.callhook.http.support;

import java.lang.reflect.Proxy;

/** Stand-ins for use cases a test does not exercise: any call fails the test loudly. */
public final class Unused {

    private Unused() {
    }

    public static <T> T implementation(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "Unused " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                    + " is not part of this test");
        }));
    }
}
