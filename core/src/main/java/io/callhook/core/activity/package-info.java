/** The audit trail: one entry per state change, naming organisation, record, cause and before/after. */
package io.callhook.core.activity;
