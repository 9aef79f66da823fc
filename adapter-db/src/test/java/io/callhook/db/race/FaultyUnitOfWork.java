package io.callhook.db.race;

import io.callhook.core.port.out.ActivityLog;
import io.callhook.core.port.out.CallRepository;
import io.callhook.core.port.out.CampaignRepository;
import io.callhook.core.port.out.ContactRepository;
import io.callhook.core.port.out.DirectoryRepository;
import io.callhook.core.port.out.InboxRepository;
import io.callhook.core.port.out.NotificationRepository;
import io.callhook.core.port.out.Stores;
import io.callhook.core.port.out.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A unit of work around a real one whose stores throw when a chosen repository method is called: the failure happens
 * inside the real transaction, after whatever the work wrote before that call and before what it would write after.
 */
final class FaultyUnitOfWork implements UnitOfWork {

    /** Where the fault strikes: a port and one of its methods. */
    enum Point {
        /** After the call, and the contact's attempt, were saved; before the contact, counters, inbox and log. */
        CONTACT_UPDATE(ContactRepository.class, "update"),
        /** After call, attempt and contact; before the counters, inbox outcome and log. */
        CAMPAIGN_PROGRESS(CampaignRepository.class, "addProgress"),
        /** After everything the event changed; before the inbox entry is marked applied. */
        INBOX_COMPLETE(InboxRepository.class, "complete"),
        /** The last write of a delivery: everything else is written. */
        ACTIVITY_APPEND(ActivityLog.class, "append");

        final Class<?> port;
        final String method;

        Point(Class<?> port, String method) {
            this.port = port;
            this.method = method;
        }
    }

    /** What the fault sees just before it throws: the stores of the transaction about to fail. */
    interface Witness {
        void see(Stores stores);
    }

    private final UnitOfWork delegate;
    private Point point;
    private int skip;
    private int remaining;
    private Supplier<RuntimeException> failure;
    private Witness witness;
    private int fired;

    FaultyUnitOfWork(UnitOfWork delegate) {
        this.delegate = Objects.requireNonNull(delegate);
    }

    /**
     * Arms the fault: the {@code (skip + 1)}-th call of {@code point} throws {@code failure}, and so do the following
     * ones, {@code times} calls in all; {@code witness} looks at the stores first.
     */
    synchronized void arm(Point point, int skip, int times, Supplier<RuntimeException> failure, Witness witness) {
        this.point = point;
        this.skip = skip;
        this.remaining = times;
        this.failure = failure;
        this.witness = witness;
        this.fired = 0;
    }

    synchronized void disarm() {
        this.point = null;
    }

    synchronized int fired() {
        return fired;
    }

    @Override
    public <T> T inTransaction(Function<Stores, T> work) {
        return delegate.inTransaction(stores -> work.apply(new FaultyStores(stores)));
    }

    private synchronized void maybeFail(Class<?> port, String method, Stores stores) {
        if (point == null || point.port != port || !point.method.equals(method) || remaining == 0) {
            return;
        }
        if (skip > 0) {
            skip--;
            return;
        }
        remaining--;
        fired++;
        witness.see(stores);
        throw failure.get();
    }

    private final class FaultyStores implements Stores {

        private final Stores stores;

        FaultyStores(Stores stores) {
            this.stores = stores;
        }

        @SuppressWarnings("unchecked")
        private <P> P faulty(Class<P> port, P repository) {
            return (P) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                    return method.invoke(repository, args);
                }
                maybeFail(port, method.getName(), stores);
                try {
                    return method.invoke(repository, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }

        @Override
        public InboxRepository inbox() {
            return faulty(InboxRepository.class, stores.inbox());
        }

        @Override
        public CallRepository calls() {
            return faulty(CallRepository.class, stores.calls());
        }

        @Override
        public CampaignRepository campaigns() {
            return faulty(CampaignRepository.class, stores.campaigns());
        }

        @Override
        public ContactRepository contacts() {
            return faulty(ContactRepository.class, stores.contacts());
        }

        @Override
        public DirectoryRepository directory() {
            return faulty(DirectoryRepository.class, stores.directory());
        }

        @Override
        public NotificationRepository notifications() {
            return faulty(NotificationRepository.class, stores.notifications());
        }

        @Override
        public ActivityLog activity() {
            return faulty(ActivityLog.class, stores.activity());
        }
    }
}
