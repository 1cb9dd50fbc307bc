-- Two things earlier versions kept that they should not have (issue 31).
--
-- Web UI sessions: after a failed sign-in, Spring Security's failure handler kept the
-- exception in the session, and with it the sign-in request and the password typed, and
-- Spring Session wrote it here. Every session is ended: everyone signs in again once.
DELETE FROM spring_session;

-- Tokens of the local user: its access must never leave loopback, and a token works from
-- anywhere. The service no longer issues them or accepts them.
DELETE FROM api_tokens WHERE owner_id = 1;
