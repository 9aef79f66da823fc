package io.callhook.core.port.in;

import io.callhook.core.activity.ActivityEntry;
import io.callhook.core.call.Call;
import io.callhook.core.call.CallId;
import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.Contact;
import io.callhook.core.campaign.ContactAttempt;
import io.callhook.core.campaign.ContactId;
import io.callhook.core.campaign.ContactStatus;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.notification.Notification;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side: calls, campaigns with progress and rates, contacts, notifications and the activity log. */
public interface CallhookQueries {

    Optional<Call> call(CallId id);

    /** Every call, newest first. */
    List<Call> latestCalls(Page page);

    /** Every organisation, oldest first. */
    List<Organization> organizations(Page page);

    Optional<Organization> organization(OrganizationId id);

    Optional<CampaignReport> campaign(CampaignId id);

    /** The organisation's campaigns with their progress, newest first; empty for an unknown organisation. */
    List<CampaignReport> campaigns(OrganizationId organizationId, Page page);

    /** The campaign's contacts in creation order; empty when the campaign does not exist. */
    List<Contact> contacts(CampaignId id, Page page);

    List<ContactAttempt> attempts(ContactId id);

    /** Unread first, then newest first. */
    List<Notification> notifications(OrganizationId organizationId, Page page);

    /** Oldest first; {@code organizationId} and {@code since} may be {@code null} (no filter). */
    List<ActivityEntry> activity(OrganizationId organizationId, Instant since, Page page);

    /**
     * A window of a list.
     *
     * @param offset entries to skip, at least 0
     * @param limit  entries to return, 1 to {@link #MAX_LIMIT}
     */
    record Page(int offset, int limit) {

        /** The largest page. */
        public static final int MAX_LIMIT = 500;

        public Page {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
            }
        }
    }

    /**
     * A campaign with what its calls and contacts add up to.
     *
     * @param contactsByStatus   contacts per status
     * @param successRate        successful ÷ processed attempts, 0 without attempts
     * @param contactRate        connected ÷ processed attempts
     * @param voicemailRate      voicemail ÷ processed attempts
     * @param averageDurationMs  mean duration of the calls that have one, or {@code null}
     * @param totalCostCents     sum of the calls' costs in cents
     */
    record CampaignReport(Campaign campaign, Map<ContactStatus, Long> contactsByStatus, double successRate,
                          double contactRate, double voicemailRate, Long averageDurationMs, BigDecimal totalCostCents) {
    }
}
