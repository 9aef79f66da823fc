package io.callhook.core.port.in;

import io.callhook.core.campaign.Campaign;
import io.callhook.core.campaign.CampaignId;
import io.callhook.core.campaign.CampaignStatus;
import io.callhook.core.campaign.Contact;
import io.callhook.core.directory.Agent;
import io.callhook.core.directory.Organization;
import io.callhook.core.directory.OrganizationId;
import io.callhook.core.directory.PhoneNumber;
import io.callhook.core.directory.User;
import io.callhook.core.notification.Notification;
import java.util.List;
import java.util.Map;

/**
 * Sets callhook up: organisations, users, agents, phone numbers, campaigns and contacts, and campaign status changes.
 * Every input is validated here, once, for the HTTP API and the CLI alike; field names in {@link CommandResult.Invalid}
 * are the snake_case names of the JSON API.
 */
public interface AdministrationUseCase {

    CommandResult<Organization> createOrganization(String name);

    CommandResult<User> createUser(OrganizationId organizationId, String email, String displayName);

    CommandResult<Agent> createAgent(OrganizationId organizationId, String retellAgentId, String name);

    /** @param inboundAgentId our agent id (UUID text) answering inbound calls, or {@code null} */
    CommandResult<PhoneNumber> createPhoneNumber(OrganizationId organizationId, String number, String inboundAgentId);

    CommandResult<Campaign> createCampaign(NewCampaign campaign);

    /** Adds contacts to a draft, processing or paused campaign; numbers already in it are skipped. */
    CommandResult<ContactsAdded> addContacts(CampaignId campaignId, List<NewContact> contacts);

    /** Moves a campaign along the legal transitions; an illegal move is a {@link CommandResult.Conflict}. */
    CommandResult<Campaign> changeCampaignStatus(CampaignId campaignId, CampaignStatus target);

    /**
     * Marks an inbound-call notification of the organisation read. Marking it again changes nothing and answers it as
     * it is (read at the first time); a notification of another organisation is {@link CommandResult.NotFound}.
     *
     * @param notificationId the notification's id (UUID text)
     */
    CommandResult<Notification> markNotificationRead(OrganizationId organizationId, String notificationId);

    /**
     * A campaign to create. Optional parts may be {@code null}: the retry policy defaults to
     * {@link io.callhook.core.campaign.RetryPolicy#defaults()} part by part, and no calling window means any time.
     *
     * @param agentId           our agent id (UUID text)
     * @param retryOn           outcome names to retry (e.g. {@code no_answer}), or {@code null}
     * @param maxAttempts       attempts per contact, or {@code null}
     * @param retryDelaySeconds seconds between attempts, or {@code null}
     * @param window            calling window, or {@code null}
     */
    record NewCampaign(OrganizationId organizationId, String agentId, String name, List<String> retryOn,
                       Integer maxAttempts, Long retryDelaySeconds, NewCallingWindow window) {
    }

    /**
     * A calling window as the caller wrote it.
     *
     * @param days  day names, e.g. {@code monday} or {@code MON}
     * @param start local time {@code HH:mm}
     * @param end   local time {@code HH:mm}
     * @param zone  IANA time zone, e.g. {@code America/New_York}
     */
    record NewCallingWindow(List<String> days, String start, String end, String zone) {
    }

    /** A contact to add: a phone number (normalised to E.164), an optional name and agent variables. */
    record NewContact(String phoneNumber, String name, Map<String, String> variables) {
    }

    /**
     * What {@link #addContacts} did.
     *
     * @param added   the new contacts
     * @param skipped how many were already in the campaign (or repeated in the request)
     */
    record ContactsAdded(List<Contact> added, int skipped) {
    }
}
