/**
 * The call aggregate: the order-independent merge of a call's events, its lifecycle state and the outcome of the
 * attempt, classified from Retell's disconnection reason.
 */
package io.callhook.core.call;
