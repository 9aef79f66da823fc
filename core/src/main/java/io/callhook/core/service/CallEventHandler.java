package io.callhook.core.service;

import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.call.CallLinks;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignProgress;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactRules;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.port.out.Stores;
import io.callhook.core.retell.CallEvent;
import io.callhook.core.retell.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one call event: merges it into the call (creating and linking the call on its first event), then moves the
 * linked contact and campaign forward and notifies users of new inbound calls. Locks are taken call → contact →
 * campaign.
 */
final class CallEventHandler {

    private CallEventHandler() {
    }

    static void apply(Stores stores, CallEvent event, Instant now, ChangeRecorder changes) {
        CallId id = new CallId(event.call().callId());
        Optional<Call> existing = stores.calls().lock(id);
        Call before = existing.orElse(null);
        Call start = existing.orElseGet(() -> Call.register(id, CallLinker.link(stores, event.call(), changes), now));
        Call after = start.apply(event, now);
        OrganizationId organization = after.links().organizationId();
        if (before == null) {
            changes.record(organization, "call", id.value(), "created", null, after.state());
        } else if (before.state() != after.state()) {
            changes.record(organization, "call", id.value(), "state_changed", before.state(), after.state());
        }
        if (after.equals(before)) {
            return;
        }
        stores.calls().save(after);
        if (before == null && after.details().direction() == Direction.INBOUND && organization != null) {
            InboundNotifier.notifyUsers(stores, organization, id, after.details().fromNumber(),
                    after.details().toNumber(), now, changes);
        }
        if (after.links().isCampaignCall()) {
            advanceCampaign(stores, before, after, now, changes);
        }
    }

    private static void advanceCampaign(Stores stores, Call before, Call after, Instant now, ChangeRecorder changes) {
        CallLinks links = after.links();
        Optional<Contact> locked = stores.contacts().lock(links.contactId());
        Optional<Campaign> campaign = locked.flatMap(c -> stores.campaigns().lock(links.campaignId()));
        if (locked.isEmpty() || campaign.isEmpty()) {
            return; // the contact or campaign was deleted after the call was linked
        }
        Contact contact = locked.get();
        List<ContactAttempt> attempts = recordAttempt(stores, contact, after);
        Contact derived = ContactRules.derive(contact, attempts, campaign.get());
        if (!derived.equals(contact)) {
            stores.contacts().update(derived);
            if (derived.status() != contact.status()) {
                changes.record(links.organizationId(), "contact", contact.id().toString(), "status_changed",
                        contact.status().wire(), derived.status().wire()
                                + (derived.failureReason() == null ? "" : " (" + derived.failureReason() + ")"));
            }
        }
        CampaignProgress delta = CampaignProgress.of(after)
                .minus(before == null ? CampaignProgress.ZERO : CampaignProgress.of(before));
        if (!delta.isZero()) {
            stores.campaigns().addProgress(links.campaignId(), delta);
            changes.record(links.organizationId(), "campaign", links.campaignId().toString(), "progress_changed", null,
                    delta.describe());
        }
        completeIfDone(stores, campaign.get(), contact, derived, now, changes);
    }

    /** The contact's attempts with this call's attempt added or updated (numbered on first sight). */
    private static List<ContactAttempt> recordAttempt(Stores stores, Contact contact, Call call) {
        List<ContactAttempt> attempts = new ArrayList<>(stores.contacts().attempts(contact.id()));
        Optional<ContactAttempt> known = attempts.stream().filter(a -> a.callId().equals(call.id())).findFirst();
        int number = known.map(ContactAttempt::number).orElse(attempts.size() + 1);
        ContactAttempt attempt = new ContactAttempt(contact.id(), number, call.id(), call.outcome(), call.finishedAt());
        if (!Optional.of(attempt).equals(known)) {
            stores.contacts().saveAttempt(attempt);
            known.ifPresent(attempts::remove);
            attempts.add(attempt);
        }
        return attempts;
    }

    private static void completeIfDone(Stores stores, Campaign campaign, Contact before, Contact after, Instant now,
                                       ChangeRecorder changes) {
        boolean contactClosed = before.status().isOpen() && !after.status().isOpen();
        if (contactClosed && campaign.status().isActive() && stores.contacts().countOpen(campaign.id()) == 0
                && stores.campaigns().changeStatus(campaign.id(), campaign.status(), CampaignStatus.COMPLETED, now)) {
            changes.record(campaign.organizationId(), "campaign", campaign.id().toString(), "completed",
                    campaign.status().wire(), CampaignStatus.COMPLETED.wire());
        }
    }
}
