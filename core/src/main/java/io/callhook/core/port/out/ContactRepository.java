package io.callhook.core.port.out;

import io.callhook.core.call.CallId;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.directory.PhoneNumberE164;
import java.util.List;
import java.util.Optional;

/** Campaign contacts and their attempt history. */
public interface ContactRepository {

    /**
     * Stores new contacts. A number already in the campaign (or twice in the list) is skipped.
     *
     * @return the contacts actually added
     */
    List<Contact> createAll(List<Contact> contacts);

    /** The contact, without locking. */
    Optional<Contact> find(ContactId id);

    /** Locks the contact until the end of the unit of work (after the call, before the campaign) and returns it. */
    Optional<Contact> lock(ContactId id);

    /** The campaign's contact with this number, if any. */
    Optional<Contact> findByNumber(CampaignId campaignId, PhoneNumberE164 number);

    /** Replaces the derived state (status, attempts, outcome, next attempt, reason) of an existing contact. */
    void update(Contact contact);

    /** The contact's attempts, by number. */
    List<ContactAttempt> attempts(ContactId id);

    /** Inserts or replaces the attempt identified by contact and call. */
    void saveAttempt(ContactAttempt attempt);

    /** The attempt number already given to this call, if any. */
    Optional<ContactAttempt> attemptForCall(ContactId id, CallId callId);

    /** How many of the campaign's contacts are still open (pending, calling, retry scheduled). */
    long countOpen(CampaignId campaignId);

    /** The campaign's contacts in creation order. */
    List<Contact> findByCampaign(CampaignId campaignId, int offset, int limit);
}
