package io.callhook.cli.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.memory.InMemoryStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitOfWorkWrappersTest {

    private final InMemoryStore store = new InMemoryStore();
    private final Organization acme = new Organization(OrganizationId.random(), "Acme", Instant.EPOCH);

    private Optional<Organization> stored() {
        return store.inTransaction(s -> s.directory().organization(acme.id()));
    }

    @Test
    void aRollbackUnitOfWorkReturnsTheResultButKeepsNothing() {
        String result = new RollbackUnitOfWork(store).inTransaction(s -> {
            s.directory().create(acme);
            return s.directory().organization(acme.id()).map(Organization::name).orElse("absent");
        });

        assertThat(result).as("seen inside").isEqualTo("Acme");
        assertThat(stored()).isEmpty();
    }

    @Test
    void nestedWorkJoinsTheOuterTransactionSoAFailureLaterUndoesEarlierCommands() {
        JoinedUnitOfWork joined = new JoinedUnitOfWork(store);

        assertThatThrownBy(() -> joined.inTransaction(outer -> {
            joined.inTransaction(inner -> {
                inner.directory().create(acme);
                return null;
            });
            throw new IllegalStateException("a later command was refused");
        })).hasMessage("a later command was refused");

        assertThat(stored()).isEmpty();
    }

    @Test
    void joinedWorkIsKeptWhenTheOuterTransactionCompletes() {
        JoinedUnitOfWork joined = new JoinedUnitOfWork(store);

        joined.inTransaction(outer -> joined.inTransaction(inner -> {
            inner.directory().create(acme);
            return null;
        }));

        assertThat(stored()).isPresent();
    }
}
