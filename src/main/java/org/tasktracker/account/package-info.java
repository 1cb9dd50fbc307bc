/**
 * Accounts and access: users, personal API tokens, who a request acts as (Spring
 * Security's filter chain and the {@code AUTH_MODE} rules) and the rate limits.
 */
package org.tasktracker.account;
