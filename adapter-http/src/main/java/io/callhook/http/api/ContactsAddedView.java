package io.callhook.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.callhook.core.port.in.AdministrationUseCase.ContactsAdded;
import java.util.List;

/** What an upload did: how many contacts were added, how many were skipped as already present, and the new ones. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactsAddedView(int added, int skipped, List<ContactView> contacts) {

    public static ContactsAddedView of(ContactsAdded result) {
        return new ContactsAddedView(result.added().size(), result.skipped(),
                result.added().stream().map(ContactView::of).toList());
    }
}
