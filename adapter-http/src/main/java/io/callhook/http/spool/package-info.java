/**
 * The outage spool: when the database cannot be reached, verified webhook deliveries are appended to local, fsynced,
 * checksummed files ({@link io.callhook.http.spool.Spool}) and answered as stored; one drainer thread per process
 * ({@link io.callhook.http.spool.SpoolDrainer}) moves them into the inbox through the ordinary acceptance once the
 * database answers.
 */
package io.callhook.http.spool;
