package io.callhook.core.campaign;

/**
 * Where a campaign contact stands. {@code PENDING}, {@code CALLING} and {@code RETRY_SCHEDULED} are open (the campaign
 * is not done with the contact); the others are closed.
 */
public enum ContactStatus {
    PENDING, CALLING, COMPLETED, RETRY_SCHEDULED, FAILED, DO_NOT_CALL;

    /** Whether the campaign still has work for this contact. */
    public boolean isOpen() {
        return this == PENDING || this == CALLING || this == RETRY_SCHEDULED;
    }

    /** Whether a new call to this contact is expected (an untied call to its number links to it). */
    public boolean awaitsCall() {
        return this == PENDING || this == RETRY_SCHEDULED;
    }

    /** Lower-case name used in APIs and storage. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
